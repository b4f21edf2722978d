package graph

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
// So pgQuadStore stands between the optimizer and the SQL iterators. It is the
// shape.Optimizer that query/shape.Optimize finds (it embeds the quad store as an interface,
// which hides the SQL store's own OptimizeShape). Its OptimizeShape lets Cayley's optimizer
// do its work and wraps every SELECT it makes in a pgSelect, whose iterators call the SQL
// iterator in the one order it supports, Next (or Contains) then NextPath until it says
// false, and keep the paths of the current node:
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

// OptimizeShape runs Cayley's SQL optimizer on s and wraps the SELECTs it makes.
func (p *pgQuadStore) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
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
func (p *pgQuadStore) pgSQL() *csql.QuadStore {
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
func (p *pgQuadStore) wrapSelects(s shape.Shape) shape.Shape {
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
}

// BuildIterator builds the SELECT's iterator on the SQL store (Select.BuildIterator wants
// that very type), guarded.
func (s pgSelect) BuildIterator(cgraph.QuadStore) iterator.Shape {
	if s.Store == nil {
		return iterator.NewError(fmt.Errorf("not a SQL quad store"))
	}
	return pgIterator{s.Select.BuildIterator(s.Store)}
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

// pgPath is one path of a SQL iterator's result: the result and its tags.
type pgPath struct {
	res  refs.Ref
	tags map[string]refs.Ref
}

// pgPaths is the state both guards share: the paths of the current node, read in full from
// the SQL iterator the one way it supports (NextPath until it says false), the one being
// returned, and the error of a recovered panic.
type pgPaths struct {
	paths []pgPath
	cur   int
	err   error
}

// collect reads the current result's paths from it, which has just returned true from
// Next or Contains.
func (p *pgPaths) collect(ctx context.Context, it iterator.Base) {
	p.paths, p.cur = p.paths[:0], 0
	for {
		tags := map[string]refs.Ref{}
		it.TagResults(tags)
		p.paths = append(p.paths, pgPath{res: it.Result(), tags: tags})
		if !it.NextPath(ctx) {
			return
		}
	}
}

// nextPath moves to the result's next path, if any.
func (p *pgPaths) nextPath() bool {
	if p.cur+1 < len(p.paths) {
		p.cur++
		return true
	}
	return false
}

func (p *pgPaths) result() refs.Ref {
	if p.cur < len(p.paths) {
		return p.paths[p.cur].res
	}
	return nil
}

func (p *pgPaths) tagResults(dst map[string]refs.Ref) {
	if p.cur < len(p.paths) {
		for k, v := range p.paths[p.cur].tags {
			dst[k] = v
		}
	}
}

// recover, deferred, turns a panic of the SQL iterator into an error and a false answer.
func (p *pgPaths) recover(ok *bool) {
	if r := recover(); r != nil {
		p.err = fmt.Errorf("query failed in Cayley's SQL iterator: %v", r)
		p.paths, *ok = p.paths[:0], false
	}
}

type pgScanner struct {
	iterator.Scanner
	pgPaths
}

// Next moves to the next path: the next of the current result's, else the first of the
// next result's.
func (it *pgScanner) Next(ctx context.Context) (ok bool) {
	if it.err != nil {
		return false
	}
	if it.nextPath() {
		return true
	}
	defer it.recover(&ok)
	if !it.Scanner.Next(ctx) {
		it.paths = it.paths[:0]
		return false
	}
	it.collect(ctx, it.Scanner)
	return true
}

// NextPath says false: every path is a result of Next (see pgScanner).
func (it *pgScanner) NextPath(ctx context.Context) bool  { return false }
func (it *pgScanner) Result() refs.Ref                   { return it.result() }
func (it *pgScanner) TagResults(dst map[string]refs.Ref) { it.tagResults(dst) }

func (it *pgScanner) Err() error {
	if it.err != nil {
		return it.err
	}
	return pgOneLine(it.Scanner.Err())
}

type pgIndex struct {
	iterator.Index
	pgPaths
}

func (it *pgIndex) Contains(ctx context.Context, v refs.Ref) (ok bool) {
	if it.err != nil {
		return false
	}
	defer it.recover(&ok)
	if !it.Index.Contains(ctx, v) {
		it.paths = it.paths[:0]
		return false
	}
	it.collect(ctx, it.Index)
	return true
}

func (it *pgIndex) NextPath(ctx context.Context) bool  { return it.nextPath() }
func (it *pgIndex) Result() refs.Ref                   { return it.result() }
func (it *pgIndex) TagResults(dst map[string]refs.Ref) { it.tagResults(dst) }

func (it *pgIndex) Err() error {
	if it.err != nil {
		return it.err
	}
	return pgOneLine(it.Index.Err())
}
