package store

import (
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore" // registers Cayley's "memstore" backend
)

// A backend is where a Store's quads live. Each registers itself by name in its own file's
// init (registerBackend), as Cayley's quad stores do: Open looks the name up, and adding a
// backend touches no switch.
type backend struct {
	// open opens (creating when missing) the database at path into s, a Store with its
	// options set and no quad store yet.
	open func(s *Store, path string, c config) error
	// claims, when set, tells whether a path given with the default backend names one of
	// this backend's databases instead (a postgres:// URL).
	claims func(path string) bool
}

var registered = map[string]backend{}

func registerBackend(name string, b backend) {
	if _, dup := registered[name]; dup {
		panic("store: backend " + name + " registered twice")
	}
	registered[name] = b
}

// backendNames are the names Open takes, sorted.
func backendNames() []string {
	var names []string
	for n := range registered {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// backendList is backendNames for a message: "bolt", "memstore" or "postgres".
func backendList() string {
	var q []string
	for _, n := range backendNames() {
		q = append(q, fmt.Sprintf("%q", n))
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// Memstore keeps the quads in memory, for tests and for a copy of a served graph (Cayley's
// memstore has no locks: see Store).
const Memstore = memstore.QuadStoreType

func init() {
	registerBackend(Memstore, backend{open: func(s *Store, _ string, _ config) error {
		qs, err := cgraph.NewQuadStore(Memstore, "", nil)
		if err != nil {
			return fmt.Errorf("open memstore: %w", err)
		}
		s.qs = qs
		s.merges.on = true
		return nil
	}})
}

// Backend is the name of the store's backend (Bolt, Memstore, Postgres).
func (s *Store) Backend() string { return s.backend }
