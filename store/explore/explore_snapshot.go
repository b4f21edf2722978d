package explore

import (
	"encoding/binary"
	"errors"
	"github.com/newsgraph/newsgraph/store/fields"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store/cards/cardindex"
)

// The explore index, saved in the card index: building it reads most of the card index (seconds
// at 100,000 articles, most of it waiting for the disk), reading it back one value of a few
// megabytes per 10,000 articles. A snapshot records the card index's generation (a counter
// every transaction that changes rows increments) and the merges' fingerprint it was built
// under, and is read only while both are the same: nothing has to drop it. The card index
// keeps its bytes (cardindex.Rows.Snapshot, cards.Reader.SaveSnapshot); the encoding is this
// file's, in the card index's fields (codec.go).

// exploreSnapshot decodes the saved explore index into x if it was built under generation gen
// and merges fp; ok false when there is none such.
func exploreSnapshot(rows cardindex.Rows, gen, fp uint64, x *exploreIndex) (ok bool, err error) {
	v := rows.Snapshot()
	if len(v) < 16 || binary.LittleEndian.Uint64(v) != gen || binary.LittleEndian.Uint64(v[8:]) != fp {
		return false, nil
	}
	if err := decodeExplore(v[16:], x); err != nil {
		return false, err
	}
	return true, nil
}

// encodeSnapshot is the snapshot of x, built under generation gen and merges fp.
func encodeSnapshot(gen, fp uint64, x *exploreIndex) []byte {
	b := binary.LittleEndian.AppendUint64(nil, gen)
	b = binary.LittleEndian.AppendUint64(b, fp)
	return encodeExplore(b, x)
}

// encodeExplore appends x: its articles, its entities in order (id order), its edges.
func encodeExplore(b []byte, x *exploreIndex) []byte {
	b = binary.AppendUvarint(b, uint64(len(x.articles)))
	for _, a := range x.articles {
		b = fields.Append(fields.Append(b, string(iriOfValue(a.iri))), a.date)
	}
	index := make(map[*xEntity]int, len(x.entities))
	b = binary.AppendUvarint(b, uint64(len(x.entities)))
	var edges []*xEdge
	for i, e := range x.entities {
		index[e] = i
		b = fields.Append(fields.Append(fields.Append(b, string(e.iri)), e.name), e.typ)
		b = appendStrings(b, e.aliases)
		b = appendStrings(b, e.keys)
		b = appendInts(b, e.mentions)
		for _, ed := range e.edges {
			if ed.s == e {
				edges = append(edges, ed)
			}
		}
	}
	b = binary.AppendUvarint(b, uint64(len(edges)))
	for _, ed := range edges {
		b = binary.AppendUvarint(b, uint64(index[ed.s]))
		b = binary.AppendUvarint(b, uint64(index[ed.o]))
		b = fields.Append(b, string(ed.pred))
		b = appendInts(b, ed.articles)
	}
	return b
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = fields.Append(b, s)
	}
	return b
}

// appendInts appends ascending ints as differences.
func appendInts(b []byte, xs []int) []byte {
	b = binary.AppendUvarint(b, uint64(len(xs)))
	prev := 0
	for _, x := range xs {
		b = binary.AppendUvarint(b, uint64(x-prev))
		prev = x
	}
	return b
}

var errBadSnapshot = errors.New("card index: a damaged explore snapshot")

func decodeExplore(b []byte, x *exploreIndex) error {
	rd := fields.NewReader(b, map[string]string{})
	n := readCount(&rd)
	x.articles = make([]xArticle, 0, n)
	for range n {
		iri := quad.IRI(rd.Bytes())
		x.articles = append(x.articles, xArticle{iri: iri, date: rd.Str()})
	}
	n = readCount(&rd)
	if rd.Bad() {
		return errBadSnapshot
	}
	x.entities = make([]*xEntity, 0, n)
	slab := make([]xEntity, n)
	for i := range n {
		e := &slab[i]
		e.iri = quad.IRI(rd.Bytes())
		e.name, e.typ = string(rd.Bytes()), rd.Str()
		e.aliases, e.keys = readStrings(&rd), readStrings(&rd)
		e.mentions = readInts(&rd)
		if rd.Bad() {
			return errBadSnapshot
		}
		x.entities = append(x.entities, e)
		x.byKey[keyOfValue(e.iri)] = e
	}
	n = readCount(&rd)
	edges := make([]xEdge, n)
	for i := range edges {
		ed := &edges[i]
		si, oi := readNum(&rd), readNum(&rd)
		if rd.Bad() || si >= len(x.entities) || oi >= len(x.entities) {
			return errBadSnapshot
		}
		ed.s, ed.o = x.entities[si], x.entities[oi]
		ed.pred = quad.IRI(rd.Str())
		ed.articles = readInts(&rd)
		ed.s.edges = append(ed.s.edges, ed)
		ed.o.edges = append(ed.o.edges, ed)
	}
	if rd.Bad() || len(rd.Rest()) != 0 {
		return errBadSnapshot
	}
	x.sortEntities()
	return nil
}

func readStrings(rd *fields.Reader) []string {
	n := readCount(rd)
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		out = append(out, string(rd.Bytes()))
	}
	return out
}

func readInts(rd *fields.Reader) []int {
	n := readCount(rd)
	if n == 0 {
		return nil
	}
	out := make([]int, 0, n)
	prev := 0
	for range n {
		prev += readNum(rd)
		out = append(out, prev)
	}
	return out
}

// readNum reads a number.
func readNum(rd *fields.Reader) int { return rd.Num() }

// readCount reads how many things follow: each takes a byte at least.
func readCount(rd *fields.Reader) int {
	n := rd.Num()
	if n > len(rd.Rest()) {
		rd.Fail()
		return 0
	}
	return n
}
