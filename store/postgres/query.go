package postgres

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/shape"
)

// Gizmo on PostgreSQL: Cayley's SQL query optimizer, made safe.
//
// Cayley's SQL backend turns a query's shapes into SQL (graph/sql/optimizer.go): a path such
// as g.V(x).Out(p).In(q) becomes one SELECT with joins, 10 to 100 times faster than answering
// it from single-quad lookups (05-evidence.js on the examples: 18 ms against 1.9 s). A SELECT
// that stands for a hop (a NodesFrom) runs in "nextPath" mode (Select.nextPath, set at
// optimizer.go lines 404 and 417, carried at line 560): its Next returns each node once and
// the other rows of that node (the other paths to it) come from NextPath. When the node feeds
// one of Cayley's generic iterators, the SQL iterator is asked for paths in ways it does not
// survive: a LinksTo (graph/linksto.go line 225) asks its primary NextPath again for every
// quad of the node, after it has said false; iteratorNext.NextPath then dereferences its
// previous result, nil at that point (graph/sql/iterator.go line 293, prev.Key()); asked
// before any Next it dereferences a nil cursor (line 284), and iteratorContains.NextPath
// before any Contains a nil row set (line 380). g.V().Both().Both().Count() does the first
// (through orNext.NextPath, graph/iterator/or.go line 216). The panic happens in the goroutine
// Gizmo runs every query in (query/gizmo/gizmo.go, results.Next), where no recover in
// newsgraph's code can reach, and the whole process, a server included, dies.
//
// So QuadStore stands between the optimizer and the SQL iterators. It is the
// shape.Optimizer that query/shape.Optimize finds (it embeds the quad store as an interface,
// which hides the SQL store's own OptimizeShape). Its OptimizeShape lets Cayley's optimizer
// do its work and wraps every SELECT it makes in a pgSelect, whose iterators call the SQL
// iterator in the one order it supports, Next (or Contains) then NextPath until it says
// false, reading one path at a time (a node can have millions, so none are held):
//   - as a scanner (pgScanner), every path is a result of Next and NextPath says false, as
//     bolt's iterators do: a LinksTo above it then sees each path once, with its own tags,
//     and counts come out as on bolt (g.V().Both().Both().Count() included);
//   - as an index (pgIndex), Contains finds the node and NextPath gives its other paths,
//     once.
//
// The SQL iterator's faulty calls are never made; as a last line, a panic inside a wrapped
// SQL iterator (it runs in the caller's goroutine) is recovered and becomes the query's
// error. TestPostgresHostileQueries runs the hostile queries on a real PostgreSQL and
// compares every answer with bolt's.
//
// A SELECT right under a Unique() reads each quads table as its distinct triples
// (uniqueOverSelect): the same rows once each instead of once per combination of the
// articles that state them. TestPostgresManyPathsUnderMemoryLimit has a role with a million
// paths.

// OptimizeShape runs Cayley's SQL optimizer on s and wraps the SELECTs it makes.
func (p *QuadStore) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	if u, ok := s.(shape.Unique); ok {
		return uniqueOverSelect(u)
	}
	opt, ok := p.QuadStore.(shape.Optimizer)
	if !ok {
		return s, false
	}
	out, changed := opt.OptimizeShape(ctx, unwrapSelects(s))
	if !changed {
		return s, false
	}
	return p.wrapSelects(out), true
}

// pgSQL is the SQL quad store under p.
func (p *QuadStore) pgSQL() *csql.QuadStore {
	sq, _ := p.QuadStore.(*csql.QuadStore)
	return sq
}

// unwrapSelects gives Cayley's optimizer back the SELECTs among the direct children of s,
// where it looks for them to merge them into bigger ones.
func unwrapSelects(s shape.Shape) shape.Shape {
	raw := func(s shape.Shape) shape.Shape {
		if w, ok := s.(pgSelect); ok {
			return w.Select
		}
		return s
	}
	switch s := s.(type) {
	case shape.Filter:
		s.From = raw(s.From)
		return s
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, c := range s {
			out[i] = raw(c)
		}
		return out
	case shape.Quads:
		out := make(shape.Quads, len(s))
		for i, f := range s {
			f.Values = raw(f.Values)
			out[i] = f
		}
		return out
	case shape.NodesFrom:
		s.Quads = raw(s.Quads)
		return s
	case shape.Save:
		s.From = raw(s.From)
		return s
	case shape.Page:
		s.From = raw(s.From)
		return s
	}
	return s
}

// wrapSelects wraps the SELECTs in what Cayley's optimizer returns: a SELECT, a Filter of
// one, or an Intersect of SELECTs and other shapes (graph/sql/optimizer.go).
func (p *QuadStore) wrapSelects(s shape.Shape) shape.Shape {
	wrap := func(s shape.Shape) shape.Shape {
		if sel, ok := s.(csql.Select); ok {
			return pgSelect{Select: sel, Store: p.pgSQL()}
		}
		return s
	}
	switch s := s.(type) {
	case csql.Select:
		return wrap(s)
	case shape.Filter:
		s.From = wrap(s.From)
		return s
	case shape.Intersect:
		out := make(shape.Intersect, len(s))
		for i, c := range s {
			out[i] = wrap(c)
		}
		return out
	}
	return s
}

// pgSelect is a SQL SELECT made by Cayley's optimizer, whose iterators are guarded.
type pgSelect struct {
	Select csql.Select
	Store  *csql.QuadStore
	// Distinct: only the distinct results and tags matter (a Unique() is above), so the
	// SELECT joins each quad once per triple instead of once per article that states it.
	Distinct bool
}

// BuildIterator builds the SELECT's iterator on the SQL store (Select.BuildIterator wants
// that very type), guarded.
func (s pgSelect) BuildIterator(cgraph.QuadStore) iterator.Shape {
	if s.Store == nil {
		return iterator.NewError(fmt.Errorf("not a SQL quad store"))
	}
	sel := s.Select
	if s.Distinct {
		sel = distinctTriples(sel)
	}
	return pgIterator{sel.BuildIterator(s.Store)}
}

// uniqueOverSelect marks the SELECT right under a Unique() as Distinct when that cannot
// change the distinct rows it gives. A path of Cayley's SELECT is one combination of quads,
// one per hop, and the same triple is a quad of every article that states it: a role whose
// holder, title and organisation are named in hundreds of articles has the product of those
// counts as paths (millions at 1,000 GMB articles, issue 21), all with the same result and
// tags. Unique() keeps one of them per result; so does the Distinct SELECT, from far fewer.
func uniqueOverSelect(u shape.Unique) (shape.Shape, bool) {
	sel, ok := u.From.(pgSelect)
	if !ok || sel.Distinct || !tripleOnly(sel.Select) {
		return u, false
	}
	sel.Distinct = true
	u.From = sel
	return u, true
}

// tripleColumns are the columns of a quad that are not its label.
var tripleColumns = map[string]bool{"subject_hash": true, "predicate_hash": true, "object_hash": true}

// tripleOnly tells whether sel reads nothing of its quads but their triples (no label, no
// raw SQL), so that quads differing only in their label give it the same rows.
func tripleOnly(sel csql.Select) bool {
	for _, src := range sel.From {
		if t, ok := src.(csql.Table); !ok || t.Name != "quads" {
			return false
		}
	}
	for _, f := range sel.Fields {
		if f.Raw || !tripleColumns[f.Name] {
			return false
		}
	}
	for _, w := range sel.Where {
		if !tripleColumns[w.Field] {
			return false
		}
		switch v := w.Value.(type) {
		case nil, csql.Placeholder:
		case csql.FieldName:
			if !tripleColumns[v.Name] {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// distinctTriples reads each table of sel, all quads tables (see tripleOnly), as its
// distinct triples: PostgreSQL pushes the WHERE conditions on a table into its DISTINCT
// subquery, so each hop reads the quads of its predicate once and joins their triples.
func distinctTriples(sel csql.Select) csql.Select {
	sel = sel.Clone()
	for i, src := range sel.From {
		t := src.(csql.Table)
		sel.From[i] = csql.Subquery{Alias: t.NameSQL(), Query: csql.Select{
			Fields: []csql.Field{
				// Select has no DISTINCT: it comes in front of the first column.
				{Name: "DISTINCT subject_hash", Raw: true, Alias: "subject_hash"},
				{Name: "predicate_hash"},
				{Name: "object_hash"},
			},
			From: []csql.Source{csql.Table{Name: "quads"}},
		}}
	}
	return sel
}

// Optimize does nothing, as Select.Optimize.
func (s pgSelect) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

// pgIterator is a SQL iterator whose scanners and indexes are guarded.
type pgIterator struct {
	iterator.Shape
}

func (it pgIterator) Iterate() iterator.Scanner { return &pgScanner{Scanner: it.Shape.Iterate()} }
func (it pgIterator) Lookup() iterator.Index    { return &pgIndex{Index: it.Shape.Lookup()} }

func (it pgIterator) Optimize(ctx context.Context) (iterator.Shape, bool) { return it, false }

// pgPaths is the state both guards share: whether the SQL iterator is on a path (its last
// Next, Contains or NextPath said true, so asking it NextPath is safe), and the error of a
// recovered panic. Paths are read from the SQL iterator one at a time, never held: a node
// can have millions (a role named in hundreds of articles, issue 21).
type pgPaths struct {
	onPath bool
	err    error
}

// recover, deferred, turns a panic of the SQL iterator into an error and a false answer.
func (p *pgPaths) recover(ok *bool) {
	if r := recover(); r != nil {
		p.err = fmt.Errorf("query failed in Cayley's SQL iterator: %v", r)
		p.onPath, *ok = false, false
	}
}

// nextPath moves it, on a path, to the current result's next path, if any.
func (p *pgPaths) nextPath(ctx context.Context, it iterator.Base) (ok bool) {
	if p.err != nil || !p.onPath {
		return false
	}
	defer p.recover(&ok)
	p.onPath = it.NextPath(ctx)
	return p.onPath
}

type pgScanner struct {
	iterator.Scanner
	pgPaths
}

// Next moves to the next path: the current result's next, else the next result's first
// (the SQL iterator keeps the row that ended NextPath for its Next).
func (it *pgScanner) Next(ctx context.Context) (ok bool) {
	if it.err != nil {
		return false
	}
	if it.nextPath(ctx, it.Scanner) {
		return true
	}
	if it.err != nil {
		return false
	}
	defer it.recover(&ok)
	it.onPath = it.Scanner.Next(ctx)
	return it.onPath
}

// NextPath says false: every path is a result of Next (see pgScanner).
func (it *pgScanner) NextPath(ctx context.Context) bool { return false }

func (it *pgScanner) Result() refs.Ref {
	if !it.onPath {
		return nil
	}
	return it.Scanner.Result()
}

func (it *pgScanner) TagResults(dst map[string]refs.Ref) {
	if it.onPath {
		it.Scanner.TagResults(dst)
	}
}

func (it *pgScanner) Err() error {
	if it.err != nil {
		return it.err
	}
	return OneLine(it.Scanner.Err())
}

// pgIndex answers Contains, then gives the node's other paths through NextPath, until
// it says false once.
type pgIndex struct {
	iterator.Index
	pgPaths
	// found: the last Contains said true; the last path read stays the result, as on
	// Cayley's other iterators, after NextPath says false.
	found bool
}

func (it *pgIndex) Contains(ctx context.Context, v refs.Ref) (ok bool) {
	it.onPath, it.found = false, false
	if it.err != nil {
		return false
	}
	defer it.recover(&ok)
	it.found = it.Index.Contains(ctx, v)
	it.onPath = it.found
	return it.found
}

func (it *pgIndex) NextPath(ctx context.Context) bool { return it.nextPath(ctx, it.Index) }

func (it *pgIndex) Result() refs.Ref {
	if !it.found || it.err != nil {
		return nil
	}
	return it.Index.Result()
}

func (it *pgIndex) TagResults(dst map[string]refs.Ref) {
	if it.found && it.err == nil {
		it.Index.TagResults(dst)
	}
}

func (it *pgIndex) Err() error {
	if it.err != nil {
		return it.err
	}
	return OneLine(it.Index.Err())
}
