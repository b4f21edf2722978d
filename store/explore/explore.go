package explore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/schema/vocab"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// --- the explore index ---

// xEntity is one entity (merged entities are part of their root) in the explore index.
type xEntity struct {
	iri      quad.IRI
	name     string
	typ      string   // the type most articles give it
	aliases  []string // other names, sorted
	keys     []string // name keys of its name and aliases
	mentions []int    // the articles that mention it (indexes into exploreIndex.articles)
	edges    []*xEdge // relation edges, out and in
}

// xEdge is one relation edge subject -pred-> object with the articles that state it.
type xEdge struct {
	s, o     *xEntity
	pred     quad.IRI
	articles []int
}

type xArticle struct {
	iri  quad.Value
	date string // publication date (else dateline date with a year), or ""
}

// exploreIndex is the graph of entities and relation edges, read at once.
// entityOf is the index's entity for root, made (with its type counts) on first sight; the
// bolt and PostgreSQL builders share it.
func (x *exploreIndex) entityOf(root quad.IRI, typeCount map[*xEntity]map[string]int) *xEntity {
	e := x.byKey[keyOfValue(root)]
	if e == nil {
		e = &xEntity{iri: root}
		x.byKey[keyOfValue(root)] = e
		typeCount[e] = map[string]int{}
	}
	return e
}

type exploreIndex struct {
	size     int64 // the store's quad count when built (PostgreSQL: the number of the quads' mark, pgQuadsVersion)
	writes   int64 // the Store's write count when built
	saved    bool  // read from its snapshot (explore_snapshot.go)
	built    time.Time
	entities []*xEntity // sorted by IRI
	byKey    map[string]*xEntity
	articles []xArticle
	merges   store.MergeView
}

// indexMaxAge bounds how long an explore index is used while the store's size stays the same
// (a replaced article of exactly the same size changes nothing else it can see), where other
// processes may write (PostgreSQL). On bolt the Store counts the writes: the only ones.
const indexMaxAge = 5 * time.Minute

type exploreState struct {
	r        cards.Reader // the Store's
	mu       sync.Mutex
	idx      *exploreIndex
	building chan struct{} // closed when the running build ends; nil when none runs
	err      error         // the last build's error
}

// Building the explore index reads every entity: about 2 s of CPU for 2,400 articles and
// 13,000 entities. The build runs on its own (bounded by indexBuildTimeout), so that a request
// that runs out of time leaves it to finish for the next one; when the store changed and the
// new build takes longer than staleWait, the previous index answers meanwhile.
const (
	staleWait         = 300 * time.Millisecond
	indexBuildTimeout = 10 * time.Minute
)

// exploreIndex returns the store's explore index, building it when the store changed.
func (s Explorer) exploreIndex(ctx context.Context) (*exploreIndex, error) {
	st := s.state
	st.mu.Lock()
	none := st.idx == nil
	st.mu.Unlock()
	size := int64(-1)
	if db := s.st.SQLTables(); db == nil {
		var err error
		if size, err = s.st.Stats(ctx); err != nil {
			return nil, err
		}
	} else if !none {
		// On PostgreSQL the number of the quads' mark (with no index yet, nothing to
		// compare: the build reads the mark).
		var err error
		if size, err = pgQuadsVersion(ctx, db); err != nil {
			return nil, err
		}
	}
	writes := s.st.Writes()
	st.mu.Lock()
	if st.idx != nil && st.idx.size == size && st.idx.writes == writes && (s.st.Exclusive() || time.Since(st.idx.built) < indexMaxAge) {
		idx := st.idx
		st.mu.Unlock()
		return idx, nil
	}
	if st.building == nil {
		done := make(chan struct{})
		st.building = done
		go func() {
			bctx, cancel := context.WithTimeout(context.Background(), indexBuildTimeout)
			defer cancel()
			idx, err := s.buildExploreIndex(bctx, size)
			if idx != nil {
				idx.writes = writes
			}
			st.mu.Lock()
			if err == nil {
				st.idx = idx
			}
			st.err = err
			st.building = nil
			st.mu.Unlock()
			close(done)
		}()
	}
	done, old := st.building, st.idx
	st.mu.Unlock()
	var stale <-chan time.Time
	if old != nil && s.st.Backend() == store.Bolt {
		// (a memstore must not be read while it is written: there, always wait; PostgreSQL's
		// build reads a snapshot or a few SELECTs)
		t := time.NewTimer(staleWait)
		defer t.Stop()
		stale = t.C
	}
	select {
	case <-done:
	case <-stale:
		return old, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.idx == nil {
		return nil, fmt.Errorf("explore index: %w", st.err)
	}
	return st.idx, nil // the new one, or the previous one when the build failed
}

// smallEntity is how many articles may mention an entity for the index to read all its quads at
// once; a more mentioned one has its name, type and each relation read by its own lookup
// instead (its names, types and name keys are stated once per article).
const smallEntity = 8

// buildExploreIndex reads the explore index: the articles (their dates and the entities they
// mention or publish), then each entity's names, type and relation edges. Entities merged into
// another are part of it; quads that merges add are skipped (their originals are read).
func (s Explorer) buildExploreIndex(ctx context.Context, size int64) (*exploreIndex, error) {
	if db := s.st.SQLTables(); db != nil {
		// No card index there: its rows come from a few set-based SELECTs, or its snapshot
		// (postgres_explore.go), with the merges and the quads' count read with them.
		return s.pgExploreIndex(ctx, db)
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	x := &exploreIndex{size: size, built: time.Now(), byKey: map[string]*xEntity{}, merges: t}
	var gen uint64
	fresh := false
	indexed, err := s.cards.ViewRows(func(rows cardindex.Rows) error {
		gen = rows.Generation()
		ok, err := exploreSnapshot(rows, gen, t.Fingerprint(), x)
		if ok || err != nil {
			x.saved = ok
			return err
		}
		fresh = true
		return exploreIndexFromCards(ctx, rows, t, x)
	})
	if err != nil || indexed {
		if err == nil && fresh {
			// A failure to save it only means the next build reads the rows again.
			_ = s.cards.SaveSnapshot(encodeSnapshot(gen, t.Fingerprint(), x))
		}
		return x, err
	}
	artIndex := map[string]int{}
	article := func(a quad.Value) int {
		k := keyOfValue(a)
		if i, ok := artIndex[k]; ok {
			return i
		}
		artIndex[k] = len(x.articles)
		x.articles = append(x.articles, xArticle{iri: a})
		return len(x.articles) - 1
	}
	// The articles: dates, and the entities they mention.
	arts, err := s.st.Subjects(ctx, terms.Type, terms.NewsArticle)
	if err != nil {
		return nil, err
	}
	mentions := map[string][]int{}
	var members []quad.Value
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i := article(a)
		for _, p := range []quad.IRI{terms.DatePublished, terms.DateCreated} {
			d, err := s.st.FirstValue(ctx, a, p)
			if err != nil {
				return nil, err
			}
			if ds := str(d); reYear.MatchString(ds) {
				x.articles[i].date = ds
				break
			}
		}
		err := s.st.Quads(ctx, quad.Subject, a, terms.Mentions, func(q quad.Quad) bool {
			if _, ok := q.Object.(quad.IRI); ok && !store.IsMergeLabel(q.Label) {
				k := keyOfValue(q.Object)
				if _, seen := mentions[k]; !seen {
					members = append(members, q.Object)
				}
				if !slices.Contains(mentions[k], i) {
					mentions[k] = append(mentions[k], i)
				}
			}
			return true
		})
		if err != nil {
			return nil, err
		}
		pubs, err := s.st.Objects(ctx, a, terms.Publisher)
		if err != nil {
			return nil, err
		}
		for _, p := range pubs {
			if _, seen := mentions[keyOfValue(p)]; !seen {
				mentions[keyOfValue(p)] = nil
				members = append(members, p)
			}
		}
	}
	// The entities: names, types, relation edges (resolved once every entity is known).
	type pendingEdge struct {
		s        *xEntity
		p        quad.IRI
		o        quad.Value
		articles []int
	}
	var pending []pendingEdge
	names := map[*xEntity][]string{}
	typeCount := map[*xEntity]map[string]int{}
	isEntityType := map[string]bool{}
	for _, ty := range terms.EntityTypes {
		isEntityType[terms.TypeName(ty)] = true
	}
	for _, m := range members {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		root, ok := t.Root(m).(quad.IRI)
		if !ok {
			continue
		}
		own := keyOfValue(m) == keyOfValue(root)
		var qs []quad.Quad
		if len(mentions[keyOfValue(m)]) <= smallEntity {
			if qs, err = s.st.Out(ctx, m, ""); err != nil {
				return nil, err
			}
		} else {
			for _, p := range append([]quad.IRI{terms.Name, terms.Type}, terms.Relations...) {
				err := s.st.Quads(ctx, quad.Subject, m, p, func(q quad.Quad) bool {
					if store.IsMergeLabel(q.Label) {
						return true
					}
					qs = append(qs, q)
					return p != terms.Name && p != terms.Type // one name and one type are enough
				})
				if err != nil {
					return nil, err
				}
			}
			as, err := s.st.OwnValues(ctx, m, terms.AlternateName)
			if err != nil {
				return nil, err
			}
			for _, a := range as {
				qs = append(qs, quad.Quad{Subject: m, Predicate: terms.AlternateName, Object: a})
			}
		}
		types := map[string]int{}
		for _, q := range qs {
			if q.Predicate == terms.Type && !store.IsMergeLabel(q.Label) {
				types[terms.TypeName(iriOfValue(q.Object))]++
			}
		}
		isEntity := false
		for ty := range types {
			isEntity = isEntity || isEntityType[ty]
		}
		if !isEntity {
			continue // a date, or not an entity
		}
		rk := keyOfValue(root)
		e := x.byKey[rk]
		if e == nil {
			e = &xEntity{iri: root}
			x.byKey[rk] = e
			typeCount[e] = map[string]int{}
		}
		for _, a := range mentions[keyOfValue(m)] {
			if !slices.Contains(e.mentions, a) {
				e.mentions = append(e.mentions, a)
			}
		}
		for ty, n := range types {
			if isEntityType[ty] {
				typeCount[e][ty] += n
			}
		}
		edges := map[[2]string]*pendingEdge{}
		var order [][2]string
		for _, q := range qs {
			if store.IsMergeLabel(q.Label) {
				continue
			}
			switch p := iriOfValue(q.Predicate); {
			case p == terms.Name:
				if own && e.name == "" {
					e.name = str(q.Object)
				} else {
					names[e] = append(names[e], str(q.Object))
				}
			case p == terms.AlternateName:
				names[e] = append(names[e], str(q.Object))
			case relationSet[p]:
				if _, ok := q.Object.(quad.IRI); !ok {
					continue
				}
				k := [2]string{string(p), keyOfValue(q.Object)}
				pe := edges[k]
				if pe == nil {
					pe = &pendingEdge{s: e, p: p, o: q.Object}
					edges[k] = pe
					order = append(order, k)
				}
				if q.Label != nil {
					if i := article(q.Label); !slices.Contains(pe.articles, i) {
						pe.articles = append(pe.articles, i)
					}
				}
			}
		}
		for _, k := range order {
			pending = append(pending, *edges[k])
		}
	}
	type edgeKey struct {
		s, o *xEntity
		p    quad.IRI
	}
	edges := map[edgeKey]*xEdge{}
	for _, pe := range pending {
		o := x.byKey[keyOfValue(t.Root(pe.o))]
		if o == nil || o == pe.s {
			continue
		}
		k := edgeKey{pe.s, o, pe.p}
		ed := edges[k]
		if ed == nil {
			ed = &xEdge{s: pe.s, o: o, pred: pe.p}
			edges[k] = ed
			pe.s.edges = append(pe.s.edges, ed)
			o.edges = append(o.edges, ed)
		}
		for _, a := range pe.articles {
			if !slices.Contains(ed.articles, a) {
				ed.articles = append(ed.articles, a)
			}
		}
	}
	x.finish(names, typeCount)
	return x, nil
}

// finish gives each entity its name (its own, else the first of its other names, else its
// id's last part), type (the one most articles give), aliases and name keys, and lists the
// entities in order.
func (x *exploreIndex) finish(names map[*xEntity][]string, typeCount map[*xEntity]map[string]int) {
	for _, e := range x.byKey {
		if e.name == "" {
			e.name = terms.TypeName(e.iri)
			if ns := names[e]; len(ns) > 0 {
				slices.Sort(ns)
				e.name = ns[0]
			}
		}
		best := 0
		for ty, n := range typeCount[e] {
			if n > best || n == best && ty < e.typ {
				e.typ, best = ty, n
			}
		}
		e.aliases = uniqSorted(slices.DeleteFunc(names[e], func(a string) bool { return a == e.name }))
		for _, n := range append([]string{e.name}, e.aliases...) {
			if nk := textkey.NameKey(n); nk != "" && !slices.Contains(e.keys, nk) {
				e.keys = append(e.keys, nk)
			}
		}
		x.entities = append(x.entities, e)
	}
	x.sortEntities()
}

// sortEntities orders the entities by id and each one's edges by subject, predicate and
// object, so that answers do not depend on the order the index was read in.
func (x *exploreIndex) sortEntities() {
	slices.SortFunc(x.entities, func(a, b *xEntity) int { return strings.Compare(string(a.iri), string(b.iri)) })
	for _, e := range x.entities {
		slices.SortFunc(e.edges, func(a, b *xEdge) int {
			return cmp.Or(strings.Compare(string(a.s.iri), string(b.s.iri)), strings.Compare(string(a.pred), string(b.pred)),
				strings.Compare(string(a.o.iri), string(b.o.iri)))
		})
	}
}

// exploreEntity finds the entity q names (as Card does: an id, a name, an alias, a name key), mapped
// to its root, in the index.
func (s Explorer) exploreEntity(ctx context.Context, x *exploreIndex, q string) (*xEntity, error) {
	_, found, err := s.cards.Ranked(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, f := range found {
		if e := x.byKey[keyOfValue(x.merges.Root(f))]; e != nil {
			return e, nil
		}
	}
	return nil, fmt.Errorf("no entity %q: %w", q, store.ErrNotFound)
}

func (e *xEntity) ref() Ref { return Ref{ID: e.iri, Name: e.name} }

func (e *xEntity) node() Node { return Node{ID: e.iri, Name: e.name, Type: e.typ} }

// other is the edge's other end.
func (ed *xEdge) other(e *xEntity) *xEntity {
	if ed.s == e {
		return ed.o
	}
	return ed.s
}

// --- Search ---

// SearchResult is an entity whose name or alias completes a search.
type SearchResult struct {
	ID       quad.IRI `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases,omitempty"`
	Articles int      `json:"articles"` // articles that mention it
	// Match is how it matched: "id" (the query is its id), "exact" (a name or alias, ignoring case and accents), "prefix"
	// (its name starts with the query), "word" (a word of its name or an alias starts with it).
	Match string `json:"match"`
}

// DefaultSearchLimit is Search's limit when it is given 0 or less.
const DefaultSearchLimit = 10

// Search completes prefix over entities' names and aliases, ignoring case, accents and
// punctuation (as ng:nameKey does): exact matches first, then names that start with it, then
// names with a word (or aliases) that starts with it; each group most mentioned first.
func (s Explorer) Search(ctx context.Context, prefix string, limit int) ([]SearchResult, error) {
	q := textkey.NameKey(prefix)
	if q == "" {
		return nil, fmt.Errorf("an empty search: %w", cards.ErrInvalid)
	}
	if limit <= 0 {
		limit = DefaultSearchLimit
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	type hit struct {
		e    *xEntity
		rank int
	}
	var hits []hit
	for _, e := range x.entities {
		if e.typ == "" {
			continue
		}
		rank := -1
		for i, k := range e.keys {
			r := -1
			switch {
			case k == q:
				r = 0
			case i == 0 && strings.HasPrefix(k, q):
				r = 1
			case strings.HasPrefix(k, q) || strings.Contains(k, " "+q):
				r = 2
			}
			if r >= 0 && (rank < 0 || r < rank) {
				rank = r
			}
		}
		if rank >= 0 {
			hits = append(hits, hit{e, rank})
		}
	}
	if strings.ContainsAny(prefix, "/:") {
		// an entity's id ("person/jeyhun-bayramov"): that entity first
		if ms, err := s.cards.FindEntities(ctx, prefix); err == nil && len(ms) > 0 && ms[0].Match == "id" {
			if e := x.byKey[keyOfValue(x.merges.Root(ms[0].IRI))]; e != nil {
				hits = slices.DeleteFunc(hits, func(h hit) bool { return h.e == e })
				hits = append(hits, hit{e, -1})
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(a.rank-b.rank, len(b.e.mentions)-len(a.e.mentions), strings.Compare(a.e.name, b.e.name),
			strings.Compare(string(a.e.iri), string(b.e.iri)))
	})
	out := []SearchResult{}
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, SearchResult{ID: h.e.iri, Name: h.e.name, Type: h.e.typ, Aliases: h.e.aliases,
			Articles: len(h.e.mentions), Match: []string{"id", "exact", "prefix", "word"}[h.rank+1]})
	}
	return out, nil
}

// --- Top ---

// TopEntity is one entity of a Top list.
type TopEntity struct {
	ID          quad.IRI `json:"id"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Mentions    int      `json:"mentions"`    // articles that mention it (since the date)
	Connections int      `json:"connections"` // distinct entities it has relation edges with (stated since the date)
}

// TopOptions selects and orders Top's entities.
type TopOptions struct {
	Type  string // an entity type (Person, Organization, Country, City, Place, Event, Agreement); "" for all
	Since string // count only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
	By    string // "mentions" (the default) or "connections"
	Limit int    // default 20
}

// ParseType reads an entity type name in any case ("person" -> "Person").
func ParseType(t string) (string, error) {
	if t == "" {
		return "", nil
	}
	for _, et := range terms.EntityTypes {
		if strings.EqualFold(terms.TypeName(et), t) || strings.EqualFold(string(et), t) {
			return terms.TypeName(et), nil
		}
	}
	var names []string
	for _, et := range terms.EntityTypes {
		names = append(names, terms.TypeName(et))
	}
	return "", fmt.Errorf("unknown type %q (one of %s): %w", t, strings.Join(names, ", "), cards.ErrInvalid)
}

// Top lists the most mentioned (or most connected) entities, optionally of one type and
// counting only articles since a date.
func (s Explorer) Top(ctx context.Context, o TopOptions) ([]TopEntity, error) {
	typ, err := ParseType(o.Type)
	if err != nil {
		return nil, err
	}
	if err := cards.CheckDate(o.Since); err != nil {
		return nil, err
	}
	switch o.By {
	case "":
		o.By = "mentions"
	case "mentions", "connections":
	default:
		return nil, fmt.Errorf("unknown order %q (mentions or connections): %w", o.By, cards.ErrInvalid)
	}
	if o.Limit <= 0 {
		o.Limit = 20
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	ok := func(arts []int) bool {
		for _, a := range arts {
			if cards.InRange(x.articles[a].date, o.Since, "") {
				return true
			}
		}
		return false
	}
	var out []TopEntity
	for _, e := range x.entities {
		if e.typ == "" || typ != "" && e.typ != typ {
			continue
		}
		te := TopEntity{ID: e.iri, Name: e.name, Type: e.typ}
		for _, a := range e.mentions {
			if cards.InRange(x.articles[a].date, o.Since, "") {
				te.Mentions++
			}
		}
		seen := map[*xEntity]bool{}
		for _, ed := range e.edges {
			if n := ed.other(e); !seen[n] && ok(ed.articles) {
				seen[n] = true
			}
		}
		te.Connections = len(seen)
		if te.Mentions == 0 && te.Connections == 0 {
			continue
		}
		out = append(out, te)
	}
	slices.SortFunc(out, func(a, b TopEntity) int {
		if o.By == "connections" {
			return cmp.Or(b.Connections-a.Connections, b.Mentions-a.Mentions, strings.Compare(a.Name, b.Name))
		}
		return cmp.Or(b.Mentions-a.Mentions, b.Connections-a.Connections, strings.Compare(a.Name, b.Name))
	})
	return out[:min(len(out), o.Limit)], nil
}

// PredicateCount is a relation predicate and how many edges of it the graph (or an entity) has.
type PredicateCount struct {
	Predicate quad.IRI `json:"predicate"`
	Name      string   `json:"name"`
	Inverse   string   `json:"inverse,omitempty"` // how the edge reads backwards ("was received by")
	Edges     int      `json:"edges"`
}

var inverseNames = func() map[quad.IRI]string {
	m := map[quad.IRI]string{}
	for _, p := range vocab.Predicates {
		m[quad.IRI(p.IRI)] = p.Inverse
	}
	return m
}()

func predicateCount(p quad.IRI, n int) PredicateCount {
	return PredicateCount{Predicate: p, Name: terms.TypeName(p), Inverse: inverseNames[p], Edges: n}
}

// Predicates lists the relation predicates the graph has edges of, most used first.
func (s Explorer) Predicates(ctx context.Context) ([]PredicateCount, error) {
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	counts := map[quad.IRI]int{}
	for _, e := range x.entities {
		for _, ed := range e.edges {
			if ed.s == e {
				counts[ed.pred]++
			}
		}
	}
	out := []PredicateCount{}
	for p, n := range counts {
		out = append(out, predicateCount(p, n))
	}
	slices.SortFunc(out, func(a, b PredicateCount) int {
		return cmp.Or(b.Edges-a.Edges, strings.Compare(string(a.Predicate), string(b.Predicate)))
	})
	return out, nil
}

// PrepareExplorer builds the explorer's index now rather than at the first request that
// needs it (seconds on a large graph). Not on a memstore, which must not be read while it is
// written: there it does nothing.
func (s Explorer) PrepareExplorer(ctx context.Context) {
	if s.st.Backend() != store.Memstore {
		_, _ = s.exploreIndex(ctx)
	}
}
