// Package planner is how newsgraph's Gizmo (internal/gizmo) turns a path's shape into the
// iterators that run it: Cayley's optimizer with newsgraph's repairs (this file), then plans
// that use the store's indexes (plan.go), read a node's quads of a few predicates (lookup.go),
// start an intersection from its smallest member (sizes.go), look names up through a name
// index (names.go), read Cayley's bolt file directly (rawbolt.go) and one quad of each copy of
// a fact under Unique (distinct.go). See CHANGES.md; Cayley's code here is under its Apache
// License 2.0 (LICENSE).
package planner

import (
	"context"
	"reflect"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/query/shape"
)

// BuildIterator is Cayley's shape.BuildIterator with one repair between
// optimizing and building. When a store brings its own optimizer (bolt does),
// shape.Union.Optimize returns before it drops the empty members it leaves as
// nil, and Union.BuildIterator then calls a method on nil: any query whose
// branch matches nothing, such as Has on an absent name followed by Out,
// panicked. The repair turns such nil members into shape.Null, which builds
// the empty iterator they stand for.
func BuildIterator(ctx context.Context, qs graph.QuadStore, s shape.Shape) iterator.Shape {
	s = Optimize(ctx, qs, s)
	if shape.IsNull(s) {
		return iterator.NewNull()
	}
	return s.BuildIterator(graph.Unwrap(qs))
}

// Optimize is s as Cayley's optimizer and newsgraph's repairs leave it.
func Optimize(ctx context.Context, qs graph.QuadStore, s shape.Shape) shape.Shape {
	if s == nil {
		return nil
	}
	qs = graph.Unwrap(qs)
	s, _ = emptyExcludes(ctx, qs, s, 0)
	s, _ = shape.Optimize(ctx, s, qs)
	fillNulls(reflect.ValueOf(s), 0, false)
	return planShape(ctx, qs, s)
}

var shapeType = reflect.TypeOf((*shape.Shape)(nil)).Elem()

// fillNulls replaces nil shapes held in slices (the members of unions and
// intersections) in the shape tree under v; a nil field elsewhere may mean
// "no constraint" and is left alone. Shape trees are as deep as the query's chain; the depth
// bound is there only so a cycle could never recurse for ever.
func fillNulls(v reflect.Value, depth int, member bool) {
	if depth > 10000 {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			if member && v.Type() == shapeType && v.CanSet() {
				v.Set(reflect.ValueOf(shape.Null{}))
			}
			return
		}
		fillNulls(v.Elem(), depth+1, false)
	case reflect.Pointer:
		if !v.IsNil() {
			fillNulls(v.Elem(), depth+1, false)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fillNulls(v.Index(i), depth+1, true)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() && f.Type.Kind() != reflect.Map {
				fillNulls(v.Field(i), depth+1, false)
			}
		}
	}
}

// emptyExcludes rebuilds the shape tree under s with every Except whose exclusion matches
// nothing replaced by what it excludes from. Cayley's first optimizer pass resolves such an
// exclusion (g.V("x") with no node x, as on an empty store) to nil and leaves it in the
// Except; the next pass then calls a method on that nil. Shapes are values inside
// interfaces, so the tree is copied where it changes.
func emptyExcludes(ctx context.Context, qs graph.QuadStore, s shape.Shape, depth int) (shape.Shape, bool) {
	if s == nil || depth > 10000 {
		return s, false
	}
	if e, ok := s.(shape.Except); ok && e.Exclude != nil {
		if x, _ := shape.Optimize(ctx, e.Exclude, qs); shape.IsNull(x) {
			if e.From == nil {
				return shape.AllNodes{}, true
			}
			from, _ := emptyExcludes(ctx, qs, e.From, depth+1)
			return from, true
		}
	}
	v := reflect.ValueOf(s)
	if v.Kind() == reflect.Slice && v.Type().Elem() == shapeType { // Intersect, Union
		if ns, changed := emptyExcludesIn(ctx, qs, v, depth); changed {
			return ns.Interface().(shape.Shape), true
		}
		return s, false
	}
	if v.Kind() != reflect.Struct {
		return s, false
	}
	cp := reflect.New(v.Type()).Elem()
	cp.Set(v)
	changed := false
	for i := 0; i < cp.NumField(); i++ {
		f := cp.Field(i)
		if !cp.Type().Field(i).IsExported() {
			continue
		}
		switch {
		case f.Type() == shapeType && !f.IsNil():
			if n, c := emptyExcludes(ctx, qs, f.Interface().(shape.Shape), depth+1); c {
				f.Set(reflect.ValueOf(&n).Elem())
				changed = true
			}
		case f.Kind() == reflect.Slice && f.Type().Elem() == shapeType:
			if ns, c := emptyExcludesIn(ctx, qs, f, depth); c {
				f.Set(ns)
				changed = true
			}
		}
	}
	if !changed {
		return s, false
	}
	return cp.Interface().(shape.Shape), true
}

// emptyExcludesIn is emptyExcludes over the members of a slice of shapes: a new slice and
// true when a member changed.
func emptyExcludesIn(ctx context.Context, qs graph.QuadStore, v reflect.Value, depth int) (reflect.Value, bool) {
	ns := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	changed := false
	for j := 0; j < v.Len(); j++ {
		m := v.Index(j)
		if m.IsNil() {
			continue
		}
		n, c := emptyExcludes(ctx, qs, m.Interface().(shape.Shape), depth+1)
		ns.Index(j).Set(reflect.ValueOf(&n).Elem())
		changed = changed || c
	}
	return ns, changed
}
