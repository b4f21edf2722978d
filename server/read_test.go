package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/export"
	"github.com/newsgraph/newsgraph/server"
)

func read(t *testing.T, u string) (string, http.Header) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %s", u, resp.Status, b)
	}
	return string(b), resp.Header
}

// /api/v2/read answers, by default, the RDF that `newsgraph export` writes (full IRIs, typed
// dates, schema.org terms only where their ranges hold); iri=stored the store's own form.
func TestReadAnswersTheExportsRDF(t *testing.T) {
	s := openBolt(t)
	load(t, s, examples(t)...)
	load(t, s, readJSONL(t, "../store/testdata/wire.jsonl")...)
	base := serve(t, s, server.ServerOptions{})
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("served on %s, not 127.0.0.1", base)
	}
	ctx := context.Background()
	var rdfOut, storedOut strings.Builder
	if err := export.Write(ctx, s, &rdfOut, "nquads", export.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := export.Write(ctx, s, &storedOut, "nquads", export.Options{Stored: true}); err != nil {
		t.Fatal(err)
	}

	body, h := read(t, base+server.ReadPath)
	if got, want := lines(body), lines(rdfOut.String()); !slices.Equal(got, want) {
		t.Errorf("read: %d distinct quads, export %d; first differences:\n%s", len(got), len(want), firstDiff(got, want))
	}
	if ct := h.Get("Content-Type"); ct != "application/n-quads" {
		t.Errorf("read: Content-Type %q", ct)
	}
	for _, short := range []string{"<schema:", "<ng:", "<rdf:", "<owl:"} {
		if strings.Contains(body, short) {
			t.Errorf("read by default writes a short IRI %s...", short)
		}
	}
	if !strings.Contains(body, `"^^<http://www.w3.org/2001/XMLSchema#`) {
		t.Error("read by default types no literal")
	}

	body, _ = read(t, base+server.ReadPath+"?format=nquads&iri="+server.IRIStored)
	if got, want := lines(body), lines(storedOut.String()); !slices.Equal(got, want) {
		t.Errorf("read iri=stored: %d distinct quads, export --stored %d:\n%s", len(got), len(want), firstDiff(got, want))
	}

	// A filter takes a full IRI as the answer writes it (or the stored one).
	full := "<https://newsgraph.dev/ns#person/jeyhun-bayramov>"
	for _, sub := range []string{full, "<ng:person/jeyhun-bayramov>"} {
		body, _ = read(t, base+server.ReadPath+"?sub="+url.QueryEscape(sub))
		ls := lines(body)
		if len(ls) == 0 {
			t.Errorf("read sub=%s: nothing", sub)
		}
		for _, l := range ls {
			if !strings.HasPrefix(l, full+" ") {
				t.Errorf("read sub=%s: %s", sub, l)
				break
			}
		}
	}

	// Other formats carry the same RDF.
	body, _ = read(t, base+server.ReadPath+"?format=jsonld")
	var doc any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("read format=jsonld: %v", err)
	}
	if !strings.Contains(body, "http://schema.org/name") || strings.Contains(body, `"schema:name"`) {
		t.Error("read format=jsonld: no full schema.org IRIs")
	}

	resp, err := http.Get(base + server.ReadPath + "?format=nosuch")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("read format=nosuch: %s, want 400", resp.Status)
	}
}

// firstDiff lists the first few lines that only one of two sorted lists has.
func firstDiff(got, want []string) string {
	var b strings.Builder
	n := 0
	for _, l := range got {
		if _, ok := slices.BinarySearch(want, l); !ok && n < 5 {
			b.WriteString("  read only: " + l + "\n")
			n++
		}
	}
	for _, l := range want {
		if _, ok := slices.BinarySearch(got, l); !ok && n < 10 {
			b.WriteString("  export only: " + l + "\n")
			n++
		}
	}
	return b.String()
}
