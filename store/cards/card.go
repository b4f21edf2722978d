package cards

import (
	"context"
	"github.com/newsgraph/newsgraph/store/fields"
	"regexp"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/terms"
)

// Ref names a node.
type Ref = store.Ref

// Card is what the graph knows of one entity, for people to read (newsgraph entity) and for
// the web explorer: its names, type, links, positions with their time spans, and its facts
// sorted by corroboration, each with one evidence sentence and its source. Entities merged into
// it are part of it.
type Card struct {
	ID       quad.IRI `json:"id"`
	Name     string   `json:"name"`
	Types    []string `json:"types"`
	Aliases  []string `json:"aliases,omitempty"`
	Links    []string `json:"links,omitempty"` // Wikidata items
	Articles int      `json:"articles"`        // articles that mention it

	// Merged are the entities merged into this one, with their merges.
	Merged []MergedEntity `json:"merged,omitempty"`
	// Found is the entity the name found when it is one merged into this one.
	Found *EntityMatch `json:"found,omitempty"`
	// Others are other entities the name matches, best first: at most maxCardOthers of the
	// OtherCount there are (FindEntities lists them all).
	Others     []EntityMatch `json:"others,omitempty"`
	OtherCount int           `json:"otherCount,omitempty"`

	Positions []Position `json:"positions,omitempty"`
	Facts     []Fact     `json:"facts"`
	FactCount int        `json:"factCount"` // all its facts; Facts may hold the first ones only (MaxFacts)
}

// MergedEntity is an entity merged into a card's entity.
type MergedEntity struct {
	Ref
	Merge  quad.IRI `json:"merge"`
	By     string   `json:"by"`
	At     string   `json:"at"`
	Reason string   `json:"reason,omitempty"`
}

// Position is a title the entity holds or held, with the dates articles report it.
type Position struct {
	Title     string    `json:"title"`
	Of        *Ref      `json:"of,omitempty"`
	FirstSeen string    `json:"firstSeen,omitempty"` // the earliest article that reports it as current
	LastSeen  string    `json:"lastSeen,omitempty"`  // the latest one
	Start     string    `json:"start,omitempty"`     // stated by the text ("since 2018", "newly appointed")
	End       string    `json:"end,omitempty"`       // stated by the text ("until 2019")
	Former    bool      `json:"former,omitempty"`    // an article calls it former or late
	EndedBy   string    `json:"endedBy,omitempty"`   // the earliest article that calls it former
	Articles  int       `json:"articles"`
	Evidence  *Evidence `json:"evidence,omitempty"`
	Roles     []string  `json:"roles,omitempty"` // the Role nodes
}

// Fact is one relation the entity takes part in, as subject or object, with how well it is
// corroborated and one sentence that states it.
type Fact struct {
	Subject   Ref      `json:"subject"`
	Predicate quad.IRI `json:"predicate"`
	Object    *Ref     `json:"object,omitempty"`
	Value     string   `json:"value,omitempty"`    // a literal object: a topic, a quotation
	Negated   bool     `json:"negated,omitempty"`  // the text says it did not happen
	Modality  string   `json:"modality,omitempty"` // may, will, plans...
	Corroboration
	EventDates []string `json:"eventDates,omitempty"` // when it happened, as the articles say
	Evidence   Evidence `json:"evidence"`
	Statements int      `json:"statements"`
}

// Corroboration is how many sources state something.
type Corroboration struct {
	Articles       int        `json:"articles"`   // distinct articles, the copies of one wire story counted once
	Copies         int        `json:"copies"`     // articles, every copy counted
	Publishers     int        `json:"publishers"` // distinct publishers (each copy's publisher counts)
	PublisherNames []string   `json:"publisherNames,omitempty"`
	FirstSeen      string     `json:"firstSeen,omitempty"` // the earliest article's date
	LastSeen       string     `json:"lastSeen,omitempty"`
	Sources        []quad.IRI `json:"sources"` // the articles
}

// Evidence is a sentence and where it comes from.
type Evidence struct {
	Text      string   `json:"text"`
	Article   quad.IRI `json:"article"`
	Headline  string   `json:"headline,omitempty"`
	URL       string   `json:"url,omitempty"`
	Publisher string   `json:"publisher,omitempty"`
	Date      string   `json:"date,omitempty"`
}

// cardContext caches what a card reads more than once.
type cardContext struct {
	s          Reader
	t          store.MergeView
	articles   map[string]*articleInfo
	names      map[string]string
	publishers map[quad.IRI]string // names of publishers, for corroborate
}

type articleInfo struct {
	iri        quad.IRI
	headline   string
	url        string
	date       string
	publishers []Ref
	copyOf     []quad.Value
}

var reYear = regexp.MustCompile(`^\d{4}`)

// articleInfoPredicates are the predicates of an article that article reads.
var articleInfoPredicates = []quad.IRI{terms.Headline, terms.URL, terms.DatePublished, terms.DateCreated, terms.Publisher, terms.CopyOf}

func (cx *cardContext) article(ctx context.Context, a quad.Value) (*articleInfo, error) {
	k := keyOfValue(a)
	if ai, ok := cx.articles[k]; ok {
		return ai, nil
	}
	iri, _ := a.(quad.IRI)
	ai := &articleInfo{iri: iri}
	// Only the predicates used here, each an index lookup: an article has many other quads
	// (its mentions, its LSH bands), whose values a scan of all of them would have to read.
	var qs []quad.Quad
	for _, p := range articleInfoPredicates {
		pq, err := cx.s.st.Out(ctx, a, p)
		if err != nil {
			return nil, err
		}
		qs = append(qs, pq...)
	}
	var created string
	for _, q := range qs {
		switch q.Predicate {
		case terms.Headline:
			ai.headline = str(q.Object)
		case terms.URL:
			ai.url = str(q.Object)
		case terms.DatePublished:
			if d := str(q.Object); reYear.MatchString(d) {
				ai.date = d
			}
		case terms.DateCreated:
			if d := str(q.Object); reYear.MatchString(d) {
				created = d
			}
		case terms.Publisher:
			name, err := cx.name(ctx, q.Object)
			if err != nil {
				return nil, err
			}
			ai.publishers = append(ai.publishers, Ref{ID: iriOfValue(q.Object), Name: name})
		case terms.CopyOf:
			ai.copyOf = append(ai.copyOf, q.Object)
		}
	}
	if ai.date == "" {
		ai.date = created
	}
	if ai.url == "" && strings.HasPrefix(string(iri), "http") {
		ai.url = string(iri)
	}
	cx.articles[k] = ai
	return ai, nil
}

func iriOfValue(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

// name is a node's own schema:name (or headline), else its id.
func (cx *cardContext) name(ctx context.Context, v quad.Value) (string, error) {
	k := keyOfValue(v)
	if n, ok := cx.names[k]; ok {
		return n, nil
	}
	name, err := cx.s.st.FirstValue(ctx, v, terms.Name)
	if err != nil {
		return "", err
	}
	n := str(name)
	if n == "" {
		n = str(v)
	}
	cx.names[k] = n
	return n, nil
}

func (cx *cardContext) ref(ctx context.Context, v quad.Value) (Ref, error) {
	n, err := cx.name(ctx, v)
	return Ref{ID: iriOfValue(v), Name: n}, err
}

func uniqSorted(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// negByte is a fact's polarity in the keys that group statements into facts and events.
func negByte(negated bool) byte {
	if negated {
		return '1'
	}
	return '0'
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// statementEvidence is the evidence of statement stmt as article states it: its sentence.
func (cx *cardContext) statementEvidence(ctx context.Context, stmt, article quad.IRI) (Evidence, error) {
	text, err := cx.s.st.FirstValue(ctx, stmt, terms.Evidence)
	if err != nil {
		return Evidence{}, err
	}
	return cx.evidence(ctx, article, str(text))
}

func (cx *cardContext) evidence(ctx context.Context, article quad.Value, text string) (Evidence, error) {
	ai, err := cx.article(ctx, article)
	if err != nil {
		return Evidence{}, err
	}
	ev := Evidence{Text: text, Article: ai.iri, Headline: ai.headline, URL: ai.url, Date: ai.date}
	var pubs []string
	for _, p := range ai.publishers {
		pubs = append(pubs, p.Name)
	}
	ev.Publisher = strings.Join(pubs, ", ")
	return ev, nil
}

// statement is one ng:Statement node, read.
type statement struct {
	iri quad.IRI
	cardindex.StatementFields
}

func (cx *cardContext) statement(ctx context.Context, st quad.Value) (*statement, error) {
	qs, err := cx.s.st.Out(ctx, st, "")
	if err != nil {
		return nil, err
	}
	x := &statement{iri: iriOfValue(st)}
	for _, q := range qs {
		if !store.IsMergeLabel(q.Label) { // the statement's own values; the card maps merged entities itself
			x.Add(q)
		}
	}
	return x, nil
}

func objName(f Fact) string {
	if f.Object != nil {
		return f.Object.Name
	}
	return f.Value
}

// corroboration counts the distinct articles (a wire story and its copies once), the articles
// (every copy), the distinct publishers and the first and last dates of articles.
func (cx *cardContext) corroboration(ctx context.Context, articles []quad.Value) (Corroboration, error) {
	var refs []articleRef
	for _, a := range articles {
		ai, err := cx.article(ctx, a)
		if err != nil {
			return Corroboration{}, err
		}
		f := cardindex.ArticleFacts{Date: ai.date}
		for _, p := range ai.publishers {
			f.Publishers = append(f.Publishers, p.ID)
		}
		for _, c := range ai.copyOf {
			if iri, ok := c.(quad.IRI); ok && !slices.Contains(f.CopyOf, cardindex.ArticleHash(iri)) {
				f.CopyOf = append(f.CopyOf, cardindex.ArticleHash(iri))
			}
		}
		refs = append(refs, articleRef{iri: ai.iri, facts: f})
	}
	return cx.corroborate(ctx, refs)
}

// articleRef is an article and what corroboration needs of it.
type articleRef struct {
	iri   quad.IRI
	facts cardindex.ArticleFacts
}

func (cx *cardContext) corroborate(ctx context.Context, articles []articleRef) (Corroboration, error) {
	c, pubs := countStories(articles)
	return c, cx.namePublishers(ctx, &c, pubs)
}

// countStories is the corroboration of articles but for their publishers' names: it returns
// the distinct publishers' IRIs instead (the names are read when the card is shown).
func countStories(articles []articleRef) (c Corroboration, publishers []quad.IRI) {
	// Union-find over the distinct articles (by articleHash), on indexes: a hub's facts have
	// millions of copy links.
	index := make(map[uint64]int32, len(articles))
	var infos []*articleRef
	for i := range articles {
		a := &articles[i]
		h := cardindex.ArticleHash(a.iri)
		if _, dup := index[h]; dup {
			continue
		}
		index[h] = int32(len(infos))
		infos = append(infos, a)
	}
	parent := make([]int32, len(infos))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	stories := len(infos)
	for i, ai := range infos {
		for _, o := range ai.facts.CopyOf {
			if j, in := index[o]; in {
				ra, rb := find(int32(i)), find(j)
				if ra != rb {
					parent[max(ra, rb)] = min(ra, rb)
					stories--
				}
			}
		}
		for _, p := range ai.facts.Publishers {
			if !slices.Contains(publishers, p) {
				publishers = append(publishers, p)
			}
		}
		if ai.facts.Date != "" {
			c.FirstSeen, c.LastSeen = fields.MinDate(c.FirstSeen, ai.facts.Date), fields.MaxDate(c.LastSeen, ai.facts.Date)
		}
		c.Sources = append(c.Sources, ai.iri)
	}
	slices.Sort(c.Sources)
	c.Articles, c.Copies = stories, len(infos)
	return c, publishers
}

// namePublishers sets c's publishers from their IRIs: distinct names (two IRIs may share one).
func (cx *cardContext) namePublishers(ctx context.Context, c *Corroboration, publishers []quad.IRI) error {
	c.PublisherNames = nil
	for _, p := range publishers {
		name, ok := cx.publishers[p] // (cx.name keys by the IRI's String, made anew each time)
		if !ok {
			var err error
			if name, err = cx.name(ctx, p); err != nil {
				return err
			}
			if cx.publishers == nil {
				cx.publishers = map[quad.IRI]string{}
			}
			cx.publishers[p] = name
		}
		if !slices.Contains(c.PublisherNames, name) {
			c.PublisherNames = append(c.PublisherNames, name)
		}
	}
	slices.Sort(c.PublisherNames)
	c.Publishers = len(c.PublisherNames)
	return nil
}

// Corroboration answers, for the fact subj -pred-> obj as the graph states it in direct edges,
// how many distinct articles (wire copies counted once) and publishers state it and when it
// was first and last seen. Merged entities count as the entity they were merged into.
func (s Reader) Corroboration(ctx context.Context, subj quad.IRI, pred quad.IRI, obj quad.Value) (Corroboration, error) {
	t, err := s.loadMerges(ctx)
	if err != nil {
		return Corroboration{}, err
	}
	subs := t.Cluster(t.Root(subj))
	objs := []quad.Value{obj}
	if _, ok := obj.(quad.IRI); ok {
		objs = t.Cluster(t.Root(obj))
	}
	var arts []quad.Value
	for _, sb := range subs {
		for _, ob := range objs {
			ls, err := s.st.QuadLabels(ctx, sb, pred, ob)
			if err != nil {
				return Corroboration{}, err
			}
			for _, l := range ls {
				if !store.IsMergeLabel(l) {
					arts = append(arts, l)
				}
			}
		}
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	return cx.corroboration(ctx, arts)
}
