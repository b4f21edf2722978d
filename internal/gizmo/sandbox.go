package gizmo

// This file is newsgraph's addition to Cayley's Gizmo (see CHANGES.md): the
// limits that keep one query from ending or starving the process that runs
// it. Cayley's Gizmo runs every program in a goroutine of its own, on a goja
// runtime with no limits, so a panic in Cayley's iterator code, a value nested
// a million levels deep or a loop that doubles a string could each take the
// whole server down.

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/dop251/goja"
)

// Limits bound what one Gizmo program may use. The zero value of a field
// means its default.
type Limits struct {
	// CallDepth is the deepest JavaScript call stack allowed.
	CallDepth int
	// Nesting is the deepest object or array a program may hand to Go (g.emit,
	// arguments of path steps, a program's value) or to JSON.stringify, and
	// the deepest bracket nesting of its source.
	Nesting int
	// Memory is how far the process heap may grow above its size when the
	// oldest running query started before running queries are stopped.
	Memory uint64
	// Concurrent is how many programs run at once; others wait for a turn
	// (as long as their context allows).
	Concurrent int
	// RegexpTime bounds one JavaScript regular-expression match (goja's
	// backtracking engine, used for patterns Go's regexp cannot take, does
	// not see interrupts).
	RegexpTime time.Duration
}

// Defaults for Limits.
const (
	DefaultCallDepth  = 2000
	DefaultNesting    = 500
	DefaultMemory     = 512 << 20
	DefaultRegexpTime = 2 * time.Second
)

// DefaultConcurrent is the default for Limits.Concurrent: two programs per
// core, so queries keep one core each busy without starving each other.
func DefaultConcurrent() int { return max(2*runtime.GOMAXPROCS(0), 4) }

// Error values a limited program ends with.
var (
	ErrMemory  = errors.New("query stopped: it used more memory than the query memory limit")
	ErrNesting = errors.New("query rejected: value nested too deeply")
	ErrBusy    = errors.New("query not started: too many queries running")
)

// PanicError is a panic inside Cayley's or goja's code during a query,
// answered as an error instead of ending the process.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string {
	if _, fault := e.Value.(interface{ Addr() uintptr }); fault {
		return fmt.Sprintf("query failed reading the database (%v): if it persists, the database file may be damaged: restore it from a backup, or delete the database and load again", e.Value)
	}
	if _, fault := e.Value.(runtime.Error); fault {
		return fmt.Sprintf("query failed inside Cayley (a fault in the query engine, not in your query): %v", e.Value)
	}
	// Cayley's steps panic on arguments of the wrong kind.
	return fmt.Sprintf("query failed: %v", e.Value)
}

var (
	limitsMu sync.Mutex
	limits   = Limits{}
	slots    chan struct{}
)

// SetLimits sets the limits every Gizmo session of this process runs under.
func SetLimits(l Limits) {
	limitsMu.Lock()
	defer limitsMu.Unlock()
	if l.CallDepth <= 0 {
		l.CallDepth = DefaultCallDepth
	}
	if l.Nesting <= 0 {
		l.Nesting = DefaultNesting
	}
	if l.Memory == 0 {
		l.Memory = DefaultMemory
	}
	if l.Concurrent <= 0 {
		l.Concurrent = DefaultConcurrent()
	}
	if l.RegexpTime <= 0 {
		l.RegexpTime = DefaultRegexpTime
	}
	limits = l
	slots = make(chan struct{}, l.Concurrent)
	regexp2.DefaultMatchTimeout = l.RegexpTime
}

// CurrentLimits returns the limits in force.
func CurrentLimits() Limits {
	limitsMu.Lock()
	defer limitsMu.Unlock()
	return limits
}

func currentSlots() chan struct{} {
	limitsMu.Lock()
	defer limitsMu.Unlock()
	return slots
}

func init() { SetLimits(Limits{}) }

// checkSourceNesting rejects a program whose brackets nest deeper than the
// limit before goja's recursive-descent parser could overflow Go's stack on
// it. Brackets inside strings and comments count too: that only makes the
// check stricter.
func checkSourceNesting(src string, limit int) error {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '[', '{':
			depth++
			if depth > limit {
				return fmt.Errorf("%w: brackets in the query nest deeper than %d levels", ErrNesting, limit)
			}
		case ')', ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}

// checkValueNesting walks v without recursion and fails when it nests deeper
// than limit, so that goja's recursive Export and JSON.stringify never meet a
// value deep enough to overflow Go's stack (a fatal error no recover catches).
func checkValueNesting(v goja.Value, limit int) error {
	type item struct {
		o     *goja.Object
		depth int
	}
	root, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	seen := map[*goja.Object]bool{root: true}
	stack := []item{{root, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > limit {
			return fmt.Errorf("%w: a value nests deeper than %d levels", ErrNesting, limit)
		}
		if !plainData(it.o) {
			continue
		}
		for _, k := range it.o.Keys() {
			child, ok := it.o.Get(k).(*goja.Object)
			if !ok || seen[child] {
				continue
			}
			seen[child] = true
			stack = append(stack, item{child, it.depth + 1})
		}
	}
	return nil
}

// plainData tells JavaScript objects and arrays, which Export copies level by
// level, from functions and wrapped Go values (paths, the graph object),
// which it hands over as they are.
func plainData(o *goja.Object) bool {
	switch o.ExportType() {
	case reflect.TypeOf(map[string]interface{}{}), reflect.TypeOf([]interface{}{}):
		return true
	}
	return false
}

// export is goja's Export behind the nesting check: a value too deep becomes
// a JavaScript exception the program sees (and may catch).
func (s *Session) export(v goja.Value) interface{} {
	if err := checkValueNesting(v, CurrentLimits().Nesting); err != nil {
		throw(err)
	}
	return v.Export()
}

// exportResult exports the program's own value, which is read after the
// program ended, so a value too deep is dropped rather than thrown.
func (s *Session) exportResult(v goja.Value) interface{} {
	if checkValueNesting(v, CurrentLimits().Nesting) != nil {
		return nil
	}
	return v.Export()
}

// throw raises err as a JavaScript exception from a native function. The
// message is thrown as a plain string because a primitive belongs to no
// runtime, so helpers without their session's runtime can throw it too.
func throw(err error) {
	panic(goja.New().ToValue(err.Error()))
}

// guardJSON puts the nesting check in front of JSON.stringify, whose encoder
// recurses in Go once per level of the value.
func (s *Session) guardJSON() {
	json := s.vm.Get("JSON").ToObject(s.vm)
	stringify, ok := goja.AssertFunction(json.Get("stringify"))
	if !ok {
		return
	}
	json.Set("stringify", func(call goja.FunctionCall) goja.Value {
		if err := checkValueNesting(call.Argument(0), CurrentLimits().Nesting); err != nil {
			throw(err)
		}
		v, err := stringify(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	})
}

// memoryWatch stops running queries when the heap outgrows the budget. The
// heap is shared, so a query cannot be charged exactly for what it holds: the
// watch stops every query running at that moment, which ends the one at
// fault; the others get an error they can retry.
type memoryWatch struct {
	mu       sync.Mutex
	running  map[*results]struct{}
	baseLive uint64 // live heap when the first of the running queries started
	trigger  uint64 // heap size (live and garbage) that makes the watch look closer
	stop     chan struct{}
}

var watch = &memoryWatch{running: map[*results]struct{}{}}

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// heapBytes counts live and not yet collected objects: cheap to read, but
// garbage makes it overstate what queries hold.
func heapBytes() uint64 { return readMetric("/memory/classes/heap/objects:bytes") }

// liveBytes is the heap marked live by the last collection.
func liveBytes() uint64 { return readMetric("/gc/heap/live:bytes") }

func (w *memoryWatch) add(it *results) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.running) == 0 {
		w.baseLive = liveBytes()
		w.trigger = max(heapBytes(), w.baseLive) + CurrentLimits().Memory
		w.stop = make(chan struct{})
		go w.loop(w.stop)
	}
	w.running[it] = struct{}{}
}

func (w *memoryWatch) remove(it *results) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.running[it]; !ok {
		return
	}
	delete(w.running, it)
	if len(w.running) == 0 {
		close(w.stop)
	}
}

// loop samples the heap often, because a doubling string passes a gigabyte
// in well under a second. Past the trigger it collects garbage and judges by
// the live heap, so that garbage alone never stops a query.
func (w *memoryWatch) loop(stop chan struct{}) {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		w.mu.Lock()
		trigger, baseLive := w.trigger, w.baseLive
		w.mu.Unlock()
		heap := heapBytes()
		if heap <= trigger {
			continue
		}
		budget := CurrentLimits().Memory
		// Far past the trigger no garbage can explain it, and waiting for a
		// collection would let a doubling string double again.
		far := heap > trigger+budget
		var live uint64
		if !far {
			runtime.GC()
			live = liveBytes()
		}
		w.mu.Lock()
		if !far && live < w.baseLive {
			// The baseline was read before a collection freed garbage of earlier work: what
			// the queries hold is measured from the lower figure.
			w.baseLive, baseLive = live, live
		}
		var victims []*results
		if far || live > baseLive+budget {
			for it := range w.running {
				victims = append(victims, it)
			}
		} else {
			w.trigger = live + budget
		}
		w.mu.Unlock()
		for _, it := range victims {
			it.abort(ErrMemory)
		}
		if len(victims) > 0 {
			// The stopped programs' garbage is large by definition; hand it
			// back rather than keep it as the next query's heap.
			go debug.FreeOSMemory()
		}
	}
}

// Running reports how many programs hold a slot: running, or stopped but not
// yet returned from the engine.
func Running() int { return len(currentSlots()) }
