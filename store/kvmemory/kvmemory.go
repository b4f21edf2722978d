// Package kvmemory forgets what Cayley's kv quad store (bolt) keeps in memory of its writes,
// so that nothing of a failed transaction outlives it (see store/apply.go for what is
// kept and why it matters). It reaches into Cayley's unexported fields by reflection: Cayley
// has no API for it. It imports Cayley's kv store, as only store and store/postgres otherwise
// do.
package kvmemory

import (
	"container/list"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
)

// Forget clears what Cayley's kv quad store (bolt) keeps in memory of the writes, so that
// nothing of a failed transaction outlives it. It reaches into unexported fields (Cayley has
// no API for it; the version is pinned in go.mod and TestForgetFindsCayleysFields fails if a
// field it needs moves): the value cache is emptied, the buffer of index entries
// dropped, and the bloom filter of stored quads turned off for the rest of the process (it
// cannot be made again without reading the whole database: writes are then about 20 %
// slower, as with ReadMostly, until the next Open).
func Forget(qs cgraph.QuadStore) error {
	kqs, ok := qs.(*kv.QuadStore)
	if !ok {
		return nil // memstore: no transaction to fail
	}
	v := reflect.ValueOf(kqs).Elem()
	writer, err := fieldOf[sync.Mutex](v, "writer")
	if err != nil {
		return err
	}
	writer.Lock() // no write runs while the state is changed
	defer writer.Unlock()
	if err := clearCache(v); err != nil {
		return err
	}
	if err := setField(v, "mapBucket", reflect.Zero(v.FieldByName("mapBucket").Type())); err != nil {
		return err
	}
	return disableBloom(v)
}

// clearCache empties Cayley's value cache (internal/lru.Cache: mu, cache, priority).
func clearCache(v reflect.Value) error {
	f := v.FieldByName("valueLRU")
	if !f.IsValid() || f.Kind() != reflect.Pointer {
		return fmt.Errorf("cayley kv: no valueLRU field")
	}
	f = unexported(f)
	if f.IsNil() {
		return nil
	}
	c := f.Elem()
	mu, err := fieldOf[sync.Mutex](c, "mu")
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	m := c.FieldByName("cache")
	if !m.IsValid() || m.Kind() != reflect.Map {
		return fmt.Errorf("cayley lru: no cache map")
	}
	if err := setField(c, "cache", reflect.MakeMap(m.Type())); err != nil {
		return err
	}
	return setField(c, "priority", reflect.ValueOf(list.New()))
}

// disableBloom turns off the bloom filter of stored quads (exists.disabled), under its lock.
func disableBloom(v reflect.Value) error {
	ex := v.FieldByName("exists")
	if !ex.IsValid() || ex.Kind() != reflect.Struct {
		return fmt.Errorf("cayley kv: no exists field")
	}
	ex = unexported(ex)
	mu, err := fieldOf[sync.Mutex](ex, "Mutex")
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	return setField(ex, "disabled", reflect.ValueOf(true))
}

// unexported makes an unexported (addressable) field settable.
func unexported(f reflect.Value) reflect.Value {
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// fieldOf returns a pointer to struct v's field name, of type T.
func fieldOf[T any](v reflect.Value, name string) (*T, error) {
	f := v.FieldByName(name)
	if !f.IsValid() || f.Type() != reflect.TypeFor[T]() {
		return nil, fmt.Errorf("cayley: no field %s of type %s", name, reflect.TypeFor[T]())
	}
	return (*T)(unsafe.Pointer(f.UnsafeAddr())), nil
}

// setField sets struct v's field name to x, when the types agree.
func setField(v reflect.Value, name string, x reflect.Value) error {
	f := v.FieldByName(name)
	if !f.IsValid() || !x.Type().AssignableTo(f.Type()) {
		return fmt.Errorf("cayley: no field %s of type %s", name, x.Type())
	}
	unexported(f).Set(x)
	return nil
}
