package cards

import (
	"cmp"
	"context"
	"fmt"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/terms"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// CardOption changes what Card returns.
type CardOption func(*cardOptions)

type cardOptions struct{ maxFacts int }

// MaxFacts makes Card return the n most corroborated facts only (FactCount still counts them
// all), each with its evidence; n <= 0: all of them. A hub has thousands of facts; reading the
// evidence of each is what would take time.
func MaxFacts(n int) CardOption { return func(o *cardOptions) { o.maxFacts = max(n, 0) } }

// maxCardOthers is how many of the other entities the name matches a card describes
// (OtherCount counts them all; FindEntities lists them).
const maxCardOthers = 20

// Card returns the card of the entity name finds (see FindEntities: an id, a name, an
// alternate name, a name in another case, a word of a person's name; the one most articles
// mention, ties by id), or an error wrapping store.ErrNotFound.
//
// On bolt it is made from the card index (store/cards/cardindex): rows kept per entity as
// articles are written, read in key order, so that a card costs what its rows are, not one
// quad lookup per statement and article. Elsewhere, or while the index is dirty, the same rows
// are made from the quads.
func (s Reader) Card(ctx context.Context, name string, opts ...CardOption) (*Card, error) {
	var o cardOptions
	for _, f := range opts {
		f(&o)
	}
	t, found, how, order, err := s.rankedCandidates(ctx, name)
	if err != nil {
		return nil, err
	}
	best := found[order[0]]
	root := t.Root(best).(quad.IRI)
	c := &Card{ID: root}
	if root != best {
		m, err := s.entityMatch(ctx, t, best)
		if err != nil {
			return nil, err
		}
		m.Match = how
		c.Found = &m
	}
	for _, i := range order[1:] {
		if keyOfValue(t.Root(found[i])) == keyOfValue(root) {
			continue
		}
		c.OtherCount++
		if len(c.Others) < maxCardOthers {
			m, err := s.entityMatch(ctx, t, found[i])
			if err != nil {
				return nil, err
			}
			m.Match = how
			c.Others = append(c.Others, m)
		}
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	members := t.Members(root)
	indexed, err := s.cards.View(func(tx cardindex.Tx) error {
		return cx.build(ctx, c, members, indexRows{tx}, o)
	})
	if err != nil {
		return nil, err
	}
	if !indexed {
		src := &quadRows{cx: cx, byArticle: map[string]cardindex.ArticleFacts{}, seen: map[quad.IRI]bool{}}
		if err := cx.build(ctx, c, members, src, o); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// rankedCandidates finds the entities name finds (see candidates) and orders them: the most
// mentioned first, ties by id. Only the article counts are read, not the names: "Bush" finds
// thousands of one-article entities.
func (s Reader) rankedCandidates(ctx context.Context, name string) (t store.MergeView, found []quad.IRI, how string, order []int, err error) {
	if found, how, err = s.candidates(ctx, name); err != nil {
		return store.MergeView{}, nil, "", nil, err
	}
	if len(found) == 0 {
		return store.MergeView{}, nil, "", nil, fmt.Errorf("no entity %q: %w", name, store.ErrNotFound)
	}
	if t, err = s.loadMerges(ctx); err != nil {
		return store.MergeView{}, nil, "", nil, err
	}
	counts, err := s.articleCounts(ctx, t, found)
	if err != nil {
		return store.MergeView{}, nil, "", nil, err
	}
	order = make([]int, len(found))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return cmp.Or(counts[b]-counts[a], strings.Compare(string(found[a]), string(found[b])))
	})
	return t, found, how, order, nil
}

// articleCounts is, for each entity, the number of articles that mention it.
func (s Reader) articleCounts(ctx context.Context, t store.MergeView, es []quad.IRI) ([]int, error) {
	out := make([]int, len(es))
	indexed, err := s.cards.View(func(tx cardindex.Tx) error {
		counter := tx.ArticleCounter()
		for i, e := range es {
			if t.MergedInto(e) && t.MergeOf(e) == nil { // the root of merges
				n, err := tx.ClusterCount(t, e)
				if err != nil {
					return err
				}
				out[i] = n
				continue
			}
			out[i] = counter.Count(e)
		}
		return nil
	})
	if err != nil || indexed {
		return out, err
	}
	for i, e := range es {
		arts, err := s.st.Subjects(ctx, terms.Mentions, e)
		if err != nil {
			return nil, err
		}
		out[i] = len(arts)
	}
	return out, nil
}

// rowSource gives the rows of a card's entities (cardindex/rows.go).
type rowSource interface {
	identity(ctx context.Context, e quad.IRI, fn func(kind byte, value string, n int)) error
	articleCount(ctx context.Context, e quad.IRI) (int, error)
	mentions(ctx context.Context, e quad.IRI, fn func(article string)) error
	facts(ctx context.Context, e quad.IRI, fn func(r *cardindex.FactRow) error) error
	roles(ctx context.Context, e quad.IRI, fn func(r cardindex.RoleRow) error) error
}

// indexRows reads the rows from the card index, in one read transaction.
type indexRows struct{ tx cardindex.Tx }

func (x indexRows) identity(_ context.Context, e quad.IRI, fn func(byte, string, int)) error {
	return x.tx.Identity(e, fn)
}

func (x indexRows) articleCount(_ context.Context, e quad.IRI) (int, error) {
	return x.tx.ArticleCount(e), nil
}

func (x indexRows) mentions(_ context.Context, e quad.IRI, fn func(string)) error {
	return x.tx.Mentions(e, func(a []byte) { fn(string(a)) })
}

func (x indexRows) facts(_ context.Context, e quad.IRI, fn func(*cardindex.FactRow) error) error {
	return x.tx.Facts(e, fn)
}

func (x indexRows) roles(_ context.Context, e quad.IRI, fn func(cardindex.RoleRow) error) error {
	return x.tx.Roles(e, fn)
}

// quadRows makes the rows from the quads, with the functions the index is written with.
type quadRows struct {
	cx        *cardContext
	byArticle map[string]cardindex.ArticleFacts // by article
	seen      map[quad.IRI]bool                 // statements and roles given already
	out       map[string][]quad.Quad            // nodes' quads read ahead (prefetch), by ValueKey
}

// articleFactPredicates are the predicates of an article that articleFacts reads.
var articleFactPredicates = []quad.IRI{terms.DatePublished, terms.DateCreated, terms.Publisher, terms.CopyOf}

// prefetchChunk is how many statements or roles prefetch reads at once.
const prefetchChunk = 500

// prefetch reads ahead, where the Store reads many nodes' quads in one query (PostgreSQL:
// Store.OutMany), the quads of nodes that eachArticle would read one by one, and the facts
// of their articles that articleFacts would read article by article and predicate by
// predicate: an entity's card on PostgreSQL made a round trip per statement and four per
// article (1,500 for a 218-article entity at 30,000 GMB articles), now two. What is read
// is what those read, in the same order; on other backends it does nothing.
func (x *quadRows) prefetch(ctx context.Context, nodes []quad.Value) error {
	var todo []quad.Value
	for _, n := range nodes {
		if iri, ok := n.(quad.IRI); ok && !x.seen[iri] {
			todo = append(todo, n)
		}
	}
	if len(todo) < 2 {
		return nil
	}
	out, ok, err := x.cx.s.st.OutMany(ctx, todo, nil)
	if err != nil || !ok {
		return err
	}
	if x.out == nil {
		x.out = map[string][]quad.Quad{}
	}
	for _, n := range todo {
		k := keyOfValue(n)
		x.out[k] = out[k] // (none: a node without quads, read as such)
	}
	var arts []quad.Value
	seen := map[string]bool{}
	for _, n := range todo {
		labels, _ := ownLabels(x.out[keyOfValue(n)])
		for _, a := range labels {
			if _, done := x.byArticle[string(a)]; !done && !seen[string(a)] {
				seen[string(a)] = true
				arts = append(arts, a)
			}
		}
	}
	if len(arts) == 0 {
		return nil
	}
	facts, _, err := x.cx.s.st.OutMany(ctx, arts, articleFactPredicates)
	if err != nil {
		return err
	}
	for _, a := range arts {
		art := a.(quad.IRI)
		all := facts[keyOfValue(a)]
		var qs []quad.Quad
		for _, p := range articleFactPredicates { // in articleFacts's order
			for _, q := range all {
				if q.Predicate == p && q.Label == art {
					qs = append(qs, q)
				}
			}
		}
		x.byArticle[string(art)] = cardindex.ArticleFactsOf(art, qs)
	}
	return nil
}

// eachArticles is eachArticle of each of nodes, read ahead by chunks (prefetch).
func (x *quadRows) eachArticles(ctx context.Context, nodes []quad.Value, fn func(node, art quad.IRI, qs []quad.Quad, af cardindex.ArticleFacts) error) error {
	for len(nodes) > 0 {
		chunk := nodes[:min(len(nodes), prefetchChunk)]
		nodes = nodes[len(chunk):]
		if err := x.prefetch(ctx, chunk); err != nil {
			return err
		}
		for _, n := range chunk {
			if err := x.eachArticle(ctx, n, fn); err != nil {
				return err
			}
		}
		clear(x.out)
	}
	return nil
}

func (x *quadRows) identity(ctx context.Context, e quad.IRI, fn func(byte, string, int)) error {
	qs, err := x.cx.s.st.Out(ctx, e, "")
	if err != nil {
		return err
	}
	byLabel := map[string][]quad.Quad{}
	var labels []string
	for _, q := range qs {
		if store.IsMergeLabel(q.Label) {
			continue
		}
		l := keyOfValue(q.Label)
		if _, ok := byLabel[l]; !ok {
			labels = append(labels, l)
		}
		byLabel[l] = append(byLabel[l], q)
	}
	counts := map[[2]string]int{}
	var order [][2]string
	for _, l := range labels {
		for _, kv := range cardindex.IdentityOf(byLabel[l]) {
			if counts[kv] == 0 {
				order = append(order, kv)
			}
			counts[kv]++
		}
	}
	for _, kv := range order {
		fn(kv[0][0], kv[1], counts[kv])
	}
	return nil
}

func (x *quadRows) articleCount(ctx context.Context, e quad.IRI) (int, error) {
	arts, err := x.cx.s.st.Subjects(ctx, terms.Mentions, e)
	return len(arts), err
}

func (x *quadRows) mentions(ctx context.Context, e quad.IRI, fn func(string)) error {
	qs, err := x.cx.s.st.In(ctx, e, terms.Mentions)
	for _, q := range qs {
		if !store.IsMergeLabel(q.Label) {
			fn(str(q.Subject))
		}
	}
	return err
}

// articleFacts reads what corroboration needs of an article from the quads it labels.
func (x *quadRows) articleFacts(ctx context.Context, art quad.IRI) (cardindex.ArticleFacts, error) {
	if f, ok := x.byArticle[string(art)]; ok {
		return f, nil
	}
	var qs []quad.Quad
	for _, p := range articleFactPredicates {
		pq, err := x.cx.s.st.Out(ctx, art, p)
		if err != nil {
			return cardindex.ArticleFacts{}, err
		}
		for _, q := range pq {
			if q.Label == art {
				qs = append(qs, q)
			}
		}
	}
	f := cardindex.ArticleFactsOf(art, qs)
	x.byArticle[string(art)] = f
	return f, nil
}

// ownLabels groups quads by the article that labels them (merges' quads are left out).
func ownLabels(qs []quad.Quad) ([]quad.IRI, map[quad.IRI][]quad.Quad) {
	by := map[quad.IRI][]quad.Quad{}
	var order []quad.IRI
	for _, q := range qs {
		l, ok := q.Label.(quad.IRI)
		if !ok || store.IsMergeLabel(q.Label) {
			continue
		}
		if _, seen := by[l]; !seen {
			order = append(order, l)
		}
		by[l] = append(by[l], q)
	}
	return order, by
}

// eachArticle reads node's quads and calls fn with those of each article that labels them
// (merges' quads left out), with what corroboration needs of the article. A node given before
// (a statement or role reached from two merged entities) is skipped.
func (x *quadRows) eachArticle(ctx context.Context, node quad.Value, fn func(node, art quad.IRI, qs []quad.Quad, af cardindex.ArticleFacts) error) error {
	iri, ok := node.(quad.IRI)
	if !ok || x.seen[iri] {
		return nil
	}
	x.seen[iri] = true
	qs, read := x.out[keyOfValue(node)]
	if !read {
		var err error
		if qs, err = x.cx.s.st.Out(ctx, node, ""); err != nil {
			return err
		}
	}
	labels, by := ownLabels(qs)
	for _, art := range labels {
		af, err := x.articleFacts(ctx, art)
		if err != nil {
			return err
		}
		if err := fn(iri, art, by[art], af); err != nil {
			return err
		}
	}
	return nil
}

func (x *quadRows) facts(ctx context.Context, e quad.IRI, fn func(*cardindex.FactRow) error) error {
	for _, pred := range []quad.IRI{terms.Subject, terms.Object} {
		sts, err := x.cx.s.st.Subjects(ctx, pred, e)
		if err != nil {
			return err
		}
		err = x.eachArticles(ctx, sts, func(st, art quad.IRI, qs []quad.Quad, af cardindex.ArticleFacts) error {
			if rows := cardindex.StatementRows(art, st, qs, af); len(rows) > 0 {
				return fn(&rows[0])
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (x *quadRows) roles(ctx context.Context, e quad.IRI, fn func(cardindex.RoleRow) error) error {
	roles, err := x.cx.s.st.Subjects(ctx, terms.Holder, e)
	if err != nil {
		return err
	}
	return x.eachArticles(ctx, roles, func(role, art quad.IRI, qs []quad.Quad, af cardindex.ArticleFacts) error {
		if row, ok := cardindex.RoleRowOf(art, role, qs, af.Date); ok {
			return fn(row)
		}
		return nil
	})
}

// build fills the card of members (the root first) from src.
func (cx *cardContext) build(ctx context.Context, c *Card, members []quad.IRI, src rowSource, o cardOptions) error {
	if err := cx.identity(ctx, c, members, src); err != nil {
		return err
	}
	if err := cx.positions(ctx, c, members, src); err != nil {
		return err
	}
	return cx.facts(ctx, c, members, src, o)
}

// identity fills the card's name (the one most of the root's articles give), types, aliases,
// links, mention count and merged entities.
func (cx *cardContext) identity(ctx context.Context, c *Card, members []quad.IRI, src rowSource) error {
	var aliases, types, links []string
	rootNames := map[string]int{}
	var otherNames []string
	for i, m := range members {
		err := src.identity(ctx, m, func(kind byte, v string, n int) {
			switch kind {
			case cardindex.IdentName:
				if i == 0 {
					rootNames[v] = n
				} else {
					otherNames = append(otherNames, v)
				}
			case cardindex.IdentAlternate:
				aliases = append(aliases, v)
			case cardindex.IdentType:
				types = append(types, terms.TypeName(quad.IRI(v)))
			case cardindex.IdentLink:
				links = append(links, v)
			}
		})
		if err != nil {
			return err
		}
		if i > 0 {
			mg := cx.t.MergeOf(m)
			r, err := cx.ref(ctx, m)
			if err != nil {
				return err
			}
			c.Merged = append(c.Merged, MergedEntity{Ref: r, Merge: mg.IRI, By: mg.By, At: mg.At, Reason: mg.Reason})
		}
	}
	c.Name = Commonest(rootNames, string(c.ID))
	for n := range rootNames {
		aliases = append(aliases, n)
	}
	aliases = append(aliases, otherNames...)
	c.Aliases = uniqSorted(slices.DeleteFunc(aliases, func(a string) bool { return a == c.Name }))
	c.Types = uniqSorted(types)
	c.Links = uniqSorted(links)
	if len(members) == 1 {
		n, err := src.articleCount(ctx, members[0])
		c.Articles = n
		return err
	}
	articles := map[string]bool{}
	for _, m := range members {
		if err := src.mentions(ctx, m, func(a string) { articles[a] = true }); err != nil {
			return err
		}
	}
	c.Articles = len(articles)
	return nil
}

// positions makes one Position per title (compared as a name key) and organisation of the
// card's role rows; a database without role nodes shows the job titles.
func (cx *cardContext) positions(ctx context.Context, c *Card, members []quad.IRI, src rowSource) error {
	type acc struct {
		Position
		titles   map[string]int
		articles map[quad.IRI]bool
		roles    map[quad.IRI]bool
		evidence *cardindex.RoleRow
	}
	byKey := map[string]*acc{}
	var order []string
	seen := map[[2]quad.IRI]bool{}
	better := func(a, b *cardindex.RoleRow) bool { // a is the better evidence
		if b == nil {
			return true
		}
		if (a.Evidence != "") != (b.Evidence != "") {
			return a.Evidence != ""
		}
		return cmp.Or(fields.CmpDate(a.ArtDate, b.ArtDate), strings.Compare(string(a.Article), string(b.Article))) < 0
	}
	for _, m := range members {
		err := src.roles(ctx, m, func(r cardindex.RoleRow) error {
			if k := [2]quad.IRI{r.Role, r.Article}; seen[k] {
				return nil
			} else {
				seen[k] = true
			}
			var of quad.Value
			if r.Of != nil {
				of = cx.t.Root(r.Of)
			}
			key := textkey.NameKey(r.Title) + "\x00" + keyOfValue(of)
			a := byKey[key]
			if a == nil {
				a = &acc{titles: map[string]int{}, articles: map[quad.IRI]bool{}, roles: map[quad.IRI]bool{}}
				if of != nil {
					ref, err := cx.ref(ctx, of)
					if err != nil {
						return err
					}
					a.Of = &ref
				}
				byKey[key] = a
				order = append(order, key)
			}
			a.titles[r.Title]++
			a.roles[r.Role] = true
			a.articles[r.Article] = true
			if r.Seen != "" {
				a.FirstSeen, a.LastSeen = fields.MinDate(a.FirstSeen, r.Seen), fields.MaxDate(a.LastSeen, r.Seen)
			}
			a.Start, a.End, a.EndedBy = fields.MinDate(a.Start, r.Start), fields.MaxDate(a.End, r.End), fields.MinDate(a.EndedBy, r.EndedBy)
			a.Former = a.Former || r.Former
			if better(&r, a.evidence) {
				a.evidence = &r
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	// A title the text gives without saying of what ("newly appointed Foreign Minister X")
	// is the same position as the one title of that name with an organisation, when there is
	// exactly one.
	for i, k := range order {
		title, of, _ := strings.Cut(k, "\x00")
		if of != "" {
			continue
		}
		var into []string
		for _, k2 := range order {
			if t2, of2, _ := strings.Cut(k2, "\x00"); t2 == title && of2 != "" {
				into = append(into, k2)
			}
		}
		if len(into) != 1 {
			continue
		}
		a, b := byKey[k], byKey[into[0]]
		for t, n := range a.titles {
			b.titles[t] += n
		}
		for x := range a.articles {
			b.articles[x] = true
		}
		for x := range a.roles {
			b.roles[x] = true
		}
		b.FirstSeen, b.LastSeen = fields.MinDate(b.FirstSeen, a.FirstSeen), fields.MaxDate(b.LastSeen, a.LastSeen)
		b.Start, b.End, b.EndedBy = fields.MinDate(b.Start, a.Start), fields.MaxDate(b.End, a.End), fields.MinDate(b.EndedBy, a.EndedBy)
		b.Former = b.Former || a.Former
		if a.evidence != nil && better(a.evidence, b.evidence) {
			b.evidence = a.evidence
		}
		order[i] = ""
	}
	for _, k := range order {
		if k == "" {
			continue
		}
		a := byKey[k]
		best := 0
		for t, n := range a.titles {
			if n > best || n == best && t < a.Title {
				a.Title, best = t, n
			}
		}
		a.Articles = len(a.articles)
		for r := range a.roles {
			a.Roles = append(a.Roles, string(r))
		}
		slices.Sort(a.Roles)
		if a.evidence != nil {
			ev, err := cx.evidence(ctx, a.evidence.Article, a.evidence.Evidence)
			if err != nil {
				return err
			}
			a.Evidence = &ev
		}
		c.Positions = append(c.Positions, a.Position)
	}
	if len(c.Positions) == 0 {
		// A database written before role nodes existed.
		for _, pred := range []quad.IRI{terms.JobTitle, terms.FormerTitle} {
			for _, m := range members {
				vs, err := cx.s.st.OwnValues(ctx, m, pred)
				if err != nil {
					return err
				}
				for _, v := range vs {
					c.Positions = append(c.Positions, Position{Title: str(v), Former: pred == terms.FormerTitle})
				}
			}
		}
	}
	slices.SortStableFunc(c.Positions, func(a, b Position) int {
		return cmp.Or(cmp.Compare(boolInt(a.Former && a.LastSeen <= a.EndedBy), boolInt(b.Former && b.LastSeen <= b.EndedBy)),
			-strings.Compare(a.LastSeen, b.LastSeen), b.Articles-a.Articles, strings.Compare(a.Title, b.Title),
			strings.Compare(refID(a.Of), refID(b.Of)))
	})
	return nil
}

func refID(r *Ref) string {
	if r == nil {
		return ""
	}
	return string(r.ID)
}

// facts makes one Fact per (subject, predicate, object or value, polarity, modality) of the
// card's statement rows, merged entities mapped to their root, sorted by corroboration; the
// first o.maxFacts get names and evidence.
func (cx *cardContext) facts(ctx context.Context, c *Card, members []quad.IRI, src rowSource, o cardOptions) error {
	if x, ok := src.(indexRows); ok {
		d, err := x.digestFor(members, cx.t)
		if err != nil {
			return err
		}
		if d != nil {
			return cx.showFacts(ctx, c, d.factGroups(), func(i int) ([]quad.IRI, error) {
				return x.tx.DigestSources(members[0], i)
			}, o)
		}
	}
	groups, err := cx.factGroups(ctx, members, src)
	if err != nil {
		return err
	}
	return cx.showFacts(ctx, c, groups, nil, o)
}

// factGroup is one fact of a card before it is shown: its corroboration counted, but for the
// publishers' names, and the statement whose sentence is its evidence. A hub's digest keeps
// these (carddigest.go).
type factGroup struct {
	fact        Fact // Subject and Object: their IDs only
	publishers  []quad.IRI
	bestStmt    quad.IRI
	bestArticle quad.IRI
}

// factGroups reads the facts of members' statement rows (see facts).
func (cx *cardContext) factGroups(ctx context.Context, members []quad.IRI, src rowSource) ([]factGroup, error) {
	type group struct {
		fact     Fact
		sub, obj quad.Value
		rows     []*cardindex.FactRow
	}
	groups := map[string]*group{}
	var list []*group
	seen := map[quad.IRI]bool{}
	var last *cardindex.FactRow
	var lastGroup *group
	for _, m := range members {
		err := src.facts(ctx, m, func(r *cardindex.FactRow) error {
			// One entity's rows are of distinct statements; several entities may share some.
			if len(members) > 1 {
				if seen[r.Stmt] {
					return nil
				}
				seen[r.Stmt] = true
			}
			// The rows of one fact come one after the other from the index.
			if last != nil && last.Entity == r.Entity && last.AsObject == r.AsObject && last.Pred == r.Pred &&
				last.Other == r.Other && last.Value == r.Value && last.Negated == r.Negated && last.Modality == r.Modality {
				lastGroup.rows = append(lastGroup.rows, r)
				last = r
				return nil
			}
			sub, obj := cx.t.Root(r.Subject()), quad.Value(nil)
			if r.Object() != nil {
				obj = cx.t.Root(r.Object())
			}
			key := strings.Join([]string{keyOfValue(sub), string(r.Pred), keyOfValue(obj), r.Value,
				string(negByte(r.Negated)), r.Modality}, "\x00")
			g := groups[key]
			if g == nil {
				g = &group{fact: Fact{Predicate: r.Pred, Value: r.Value, Negated: r.Negated, Modality: r.Modality}, sub: sub, obj: obj}
				groups[key] = g
				list = append(list, g)
			}
			g.rows = append(g.rows, r)
			last, lastGroup = r, g
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]factGroup, 0, len(list))
	for _, g := range list {
		var arts []articleRef
		var dates []string
		var b *cardindex.FactRow
		for _, r := range g.rows {
			arts = append(arts, articleRef{iri: r.Article, facts: r.Art})
			if r.EventDate != "" {
				dates = append(dates, r.EventDate)
			}
			// The evidence: the most confident statement, from the earliest article.
			if b == nil || r.Confidence > b.Confidence || r.Confidence == b.Confidence &&
				cmp.Or(fields.CmpDate(r.Art.Date, b.Art.Date), strings.Compare(string(r.Article), string(b.Article))) < 0 {
				b = r
			}
		}
		fg := factGroup{fact: g.fact, bestStmt: b.Stmt, bestArticle: b.Article}
		fg.fact.Corroboration, fg.publishers = countStories(arts)
		fg.fact.EventDates = uniqSorted(dates)
		fg.fact.Statements = len(g.rows)
		fg.fact.Subject, fg.fact.Object = idRefs(g.sub, g.obj)
		out = append(out, fg)
	}
	return out, nil
}

// showFacts names the publishers of groups, sorts them by corroboration and makes the first
// o.maxFacts the card's facts, with names and evidence. sources, when not nil, gives the
// Sources of the group at an index of groups (a digest keeps them apart).
func (cx *cardContext) showFacts(ctx context.Context, c *Card, groups []factGroup, sources func(i int) ([]quad.IRI, error), o cardOptions) error {
	order := make([]int, len(groups))
	for i := range groups {
		order[i] = i
		if err := cx.namePublishers(ctx, &groups[i].fact.Corroboration, groups[i].publishers); err != nil {
			return err
		}
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &groups[i].fact, &groups[j].fact
		return cmp.Or(b.Articles-a.Articles, b.Publishers-a.Publishers, b.Copies-a.Copies,
			boolInt(a.Negated || a.Modality != "")-boolInt(b.Negated || b.Modality != ""),
			-strings.Compare(a.LastSeen, b.LastSeen), strings.Compare(string(a.Predicate), string(b.Predicate)),
			strings.Compare(refID(a.Object), refID(b.Object)), strings.Compare(a.Value, b.Value),
			strings.Compare(string(a.Subject.ID), string(b.Subject.ID)),
			boolInt(a.Negated)-boolInt(b.Negated), strings.Compare(a.Modality, b.Modality))
	})
	c.FactCount = len(groups)
	if o.maxFacts > 0 && len(order) > o.maxFacts {
		order = order[:o.maxFacts]
	}
	c.Facts = make([]Fact, 0, len(order))
	for _, i := range order {
		g := &groups[i]
		f := g.fact
		var err error
		if f.Subject, f.Object, err = cx.named(ctx, f.Subject, f.Object); err != nil {
			return err
		}
		if sources != nil {
			if f.Sources, err = sources(i); err != nil {
				return err
			}
		}
		if f.Evidence, err = cx.statementEvidence(ctx, g.bestStmt, g.bestArticle); err != nil {
			return err
		}
		c.Facts = append(c.Facts, f)
	}
	return nil
}

// idRefs are a statement's sides by ID only (named when shown: cardContext.named).
func idRefs(sub, obj quad.Value) (Ref, *Ref) {
	var o *Ref
	if obj != nil {
		o = &Ref{ID: iriOfValue(obj)}
	}
	return Ref{ID: iriOfValue(sub)}, o
}

// named names the sides idRefs made.
func (cx *cardContext) named(ctx context.Context, sub Ref, obj *Ref) (Ref, *Ref, error) {
	s, err := cx.ref(ctx, sub.ID)
	if err != nil || obj == nil {
		return s, nil, err
	}
	o, err := cx.ref(ctx, obj.ID)
	return s, &o, err
}
