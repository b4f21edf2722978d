package gizmo

import (
	"context"
	"reflect"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/query/shape"
)

// buildIterator is Cayley's shape.BuildIterator with one repair between
// optimizing and building. When a store brings its own optimizer (bolt does),
// shape.Union.Optimize returns before it drops the empty members it leaves as
// nil, and Union.BuildIterator then calls a method on nil: any query whose
// branch matches nothing, such as Has on an absent name followed by Out,
// panicked. The repair turns such nil members into shape.Null, which builds
// the empty iterator they stand for.
func buildIterator(ctx context.Context, qs graph.QuadStore, s shape.Shape) iterator.Shape {
	s = optimizedShape(ctx, qs, s)
	if shape.IsNull(s) {
		return iterator.NewNull()
	}
	return s.BuildIterator(graph.Unwrap(qs))
}

// optimizedShape is s as Cayley's optimizer and newsgraph's repairs leave it.
func optimizedShape(ctx context.Context, qs graph.QuadStore, s shape.Shape) shape.Shape {
	if s == nil {
		return nil
	}
	qs = graph.Unwrap(qs)
	s = emptyExcludes(ctx, qs, s, 0)
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
func emptyExcludes(ctx context.Context, qs graph.QuadStore, s shape.Shape, depth int) shape.Shape {
	if s == nil || depth > 10000 {
		return s
	}
	if e, ok := s.(shape.Except); ok {
		if e.Exclude != nil {
			if x, _ := shape.Optimize(ctx, e.Exclude, qs); shape.IsNull(x) {
				if e.From == nil {
					return shape.AllNodes{}
				}
				return emptyExcludes(ctx, qs, e.From, depth+1)
			}
		}
	}
	v := reflect.ValueOf(s)
	if v.Kind() == reflect.Slice && v.Type().Elem() == shapeType { // Intersect, Union
		ns := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		same := true
		for j := 0; j < v.Len(); j++ {
			m := v.Index(j)
			if m.IsNil() {
				continue
			}
			old := m.Interface().(shape.Shape)
			n := emptyExcludes(ctx, qs, old, depth+1)
			ns.Index(j).Set(reflect.ValueOf(&n).Elem())
			same = same && reflect.DeepEqual(n, old)
		}
		if same {
			return s
		}
		return ns.Interface().(shape.Shape)
	}
	if v.Kind() != reflect.Struct {
		return s
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
			old := f.Interface().(shape.Shape)
			if n := emptyExcludes(ctx, qs, old, depth+1); !reflect.DeepEqual(n, old) {
				f.Set(reflect.ValueOf(&n).Elem())
				changed = true
			}
		case f.Kind() == reflect.Slice && f.Type().Elem() == shapeType:
			ns := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			same := true
			for j := 0; j < f.Len(); j++ {
				m := f.Index(j)
				if m.IsNil() {
					continue
				}
				old := m.Interface().(shape.Shape)
				n := emptyExcludes(ctx, qs, old, depth+1)
				ns.Index(j).Set(reflect.ValueOf(&n).Elem())
				same = same && reflect.DeepEqual(n, old)
			}
			if !same {
				f.Set(ns)
				changed = true
			}
		}
	}
	if !changed {
		return s
	}
	return cp.Interface().(shape.Shape)
}
