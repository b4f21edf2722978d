// Package explore is the entity explorer's reads (issue 7) of a store: completion over names
// (Search), an entity's neighbourhood (Neighbourhood), the most mentioned or connected
// entities (Top), the predicates (Predicates), how two entities are connected (Paths), an
// article's page (Article), labels for the graph view (Labels), namesakes told apart. The
// server's explore API serves them as JSON; the CLI prints them. Cards, timelines and the
// evidence of one fact are store/cards'.
//
// Search, Top, Neighbourhood and Paths look at the whole graph of entities and relation edges
// at once. They read it from an explore index: every entity an article mentions or publishes,
// its names, type, mentions and relation edges with the articles that state them, built from
// the card index's rows (store/cards: Rows) or, without one, by index lookups (a few per
// article and per entity, never a Gizmo scan or a scan of the store), on PostgreSQL by a few
// set-based SELECTs, and kept per Store (by its cards.Index: RegisterExplorer) until the
// store's size changes or it is five minutes old.
package explore

import (
	"context"
	"regexp"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/rdf"
	"github.com/newsgraph/newsgraph/store/terms"
)

func init() {
	cards.RegisterExplorer(func(r cards.Reader) cards.Explorer { return &exploreState{r: r} })
}

// An Explorer answers the explorer's questions of one Store (Of).
type Explorer struct {
	st    *store.Store
	cards cards.Reader
	state *exploreState // what this package keeps for st
}

// Of is the Explorer of s.
func Of(s *store.Store) Explorer {
	r := cards.Of(s)
	st, _ := r.Explorer().(*exploreState) // (every Store has one: this package registered its opener in init)
	return Explorer{s, r, st}
}

// SaveOnClose builds the explorer's index now and saves it for the next process (the Close of
// a writer). Only a cache: a failure loses nothing.
func (st *exploreState) SaveOnClose(ctx context.Context) {
	_, _ = Explorer{st.r.Store(), st.r, st}.exploreIndex(ctx)
}

// Ref names a node.
type Ref = store.Ref

// The Store's merge table, under the short name the card index's code uses (its other reads are
// called as the Store's: s.st.Out, s.st.Subjects ...).

func (s Explorer) loadMerges(ctx context.Context) (store.MergeView, error) {
	return s.st.MergeView(ctx)
}

// Small helpers, as store/cards has them.

func iriOfValue(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

var reYear = regexp.MustCompile(`^\d{4}`)

func uniqSorted(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// commonest is the cards' rule for a node's name among those its articles give.
var commonest = cards.Commonest

// keyOfValue and distinct are the store's, under the short names the readers use.
var keyOfValue = store.ValueKey

var str = rdf.Text

var distinct = store.DistinctValues

// relationSet holds the relation predicates, whose statements are the index's edges.
var relationSet = func() map[quad.IRI]bool {
	m := map[quad.IRI]bool{}
	for _, p := range terms.Relations {
		m[p] = true
	}
	return m
}()
