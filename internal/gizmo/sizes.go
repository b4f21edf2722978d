package gizmo

import (
	"context"
	"reflect"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// Plans that start from the small side. Cayley's bolt store estimates every index lookup at
// half the store, so an intersection such as Has(type, Statement).Has(predicate, joined)
// .Save(subject, ...) starts from whichever branch it meets first, often one that scans every
// quad, and checks the 22 joined statements against it last. Before the iterators are built,
// each member of an intersection that looks nodes up by a fixed node (Has, In/Out from a
// fixed node) is counted, up to countCap, and the count is what its iterator reports as its
// size: the intersection then starts from its smallest member and checks the others.

// countCap bounds the work of counting one member: past it, the member is large, and how
// large no longer changes the plan.
const countCap = 4096

// sizeIntersections counts the members of the intersections in the shape tree under v.
func sizeIntersections(ctx context.Context, qs graph.QuadStore, v reflect.Value, depth int) {
	if depth > 10000 {
		return
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if !v.IsNil() {
			sizeIntersections(ctx, qs, v.Elem(), depth+1)
		}
	case reflect.Slice, reflect.Array:
		inIntersect := v.Type() == reflect.TypeOf(shape.Intersect{})
		for i := 0; i < v.Len(); i++ {
			el := v.Index(i)
			if qa, ok := el.Interface().(shape.QuadsAction); ok && inIntersect && el.CanSet() && fixedNode(qa) {
				el.Set(reflect.ValueOf(counted(ctx, qs, qa)))
				continue
			}
			sizeIntersections(ctx, qs, el, depth+1)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() && f.Type.Kind() != reflect.Map {
				sizeIntersections(ctx, qs, v.Field(i), depth+1)
			}
		}
	}
}

// fixedNode tells a lookup by a node (a subject or object) from a scan by predicate alone,
// which has no index on bolt and is left at the store's estimate.
func fixedNode(qa shape.QuadsAction) bool {
	_, s := qa.Filter[quad.Subject]
	_, o := qa.Filter[quad.Object]
	return s || o
}

func counted(ctx context.Context, qs graph.QuadStore, qa shape.QuadsAction) shape.Shape {
	it := qa.BuildIterator(qs)
	sc := it.Iterate()
	defer sc.Close()
	n := int64(0)
	for n < countCap && sc.Next(ctx) {
		n++
	}
	return sizedShape{Shape: qa, size: refs.Size{Value: n, Exact: n < countCap}}
}

// sizedShape is a shape whose iterator reports a counted size.
type sizedShape struct {
	shape.Shape
	size refs.Size
}

func (s sizedShape) BuildIterator(qs graph.QuadStore) iterator.Shape {
	return sizedIterator{Shape: s.Shape.BuildIterator(qs), size: s.size}
}

func (s sizedShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

type sizedIterator struct {
	iterator.Shape
	size refs.Size
}

func (it sizedIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.Shape.Stats(ctx)
	c.Size = it.size
	return c, err
}

func (it sizedIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if n, ok := it.Shape.Optimize(ctx); ok {
		return sizedIterator{Shape: n, size: it.size}, true
	}
	return it, false
}
