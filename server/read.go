package server

import (
	"compress/gzip"
	"io"
	"log"
	"net/http"
	"path"
	"strings"

	"github.com/cayleygraph/cayley/query/shape"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
)

// ReadPath is Cayley's v2 endpoint that writes the graph's quads.
const ReadPath = "/api/v2/read"

// IRIStored is the value of /api/v2/read's iri parameter that asks for the quads as the store
// holds them (short IRIs such as <schema:name>, dates as plain strings): what stock Cayley
// answers without the parameter, and what `newsgraph export --stored` writes.
const IRIStored = "stored"

// readRDF answers /api/v2/read without an iri parameter with the graph's RDF form, the quads
// `newsgraph export` writes (full IRIs, typed dates, schema.org terms only where their domains
// and ranges hold: package rdf), in any format Cayley writes, streamed in the store's order
// rather than sorted. Filters (sub, pred, obj, label) take stored or full IRIs. With iri (stored,
// or stock Cayley's short and full, which apply to the stored form) next answers, as stock
// Cayley does.
func readRDF(s *store.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if path.Clean(r.URL.Path) != ReadPath || (r.Method != http.MethodGet && r.Method != http.MethodPost) || r.FormValue("iri") != "" {
			next.ServeHTTP(w, r)
			return
		}
		format := readFormat(r)
		if format == nil || format.Writer == nil {
			stockJSONError(w, http.StatusBadRequest, "format is not supported for reading data")
			return
		}
		ctx := r.Context()
		m, err := s.RDFMapper(ctx)
		if err != nil {
			stockJSONError(w, http.StatusInternalServerError, err.Error())
			return
		}
		qs := s.QuadStore()
		it := shape.FilterQuads(storedValues(r.FormValue("sub")), storedValues(r.FormValue("pred")),
			storedValues(r.FormValue("obj")), storedValues(r.FormValue("label"))).BuildIterator(qs).Iterate()
		defer it.Close()
		if len(format.Mime) != 0 {
			w.Header().Set("Content-Type", format.Mime[0])
		}
		var out io.WriteCloser = nopCloser{w}
		if specs := cayleyhttp.ParseAccept(r.Header, "Accept-Encoding"); len(specs) != 0 && specs[0].Value == "gzip" {
			w.Header().Set("Content-Encoding", "gzip")
			out = gzip.NewWriter(w)
		}
		defer out.Close()
		qw := format.Writer(out)
		defer qw.Close()
		for it.Next(ctx) {
			q, err := qs.Quad(it.Result())
			if err == nil {
				_, err = qw.WriteQuads(m.RDF(q))
			}
			if err != nil {
				log.Printf("%s: %v", ReadPath, err) // the answer has begun: its status is sent
				return
			}
		}
		if err := it.Err(); err != nil {
			log.Printf("%s: %v", ReadPath, err)
		}
	})
}

// readFormat is the format a read asks for, as stock Cayley reads it: the format parameter,
// else the Accept header's first type, else N-Quads.
func readFormat(r *http.Request) *quad.Format {
	if name := r.FormValue("format"); name != "" {
		return quad.FormatByName(name)
	}
	if specs := cayleyhttp.ParseAccept(r.Header, "Accept"); len(specs) != 0 {
		if f := quad.FormatByMime(specs[0].Value); f != nil {
			return f
		}
	}
	return quad.FormatByName("nquads")
}

// storedValues reads a filter's comma-separated values, as stock Cayley does, in the store's
// form: a full IRI in one of newsgraph's namespaces is looked up short.
func storedValues(s string) []quad.Value {
	if s == "" {
		return nil
	}
	var out []quad.Value
	for _, v := range strings.Split(s, ",") {
		out = append(out, rdf.MapValue(quad.StringToValue(v), rdf.ShortIRI))
	}
	return out
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
