package graph

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/textkey"
)

// Ref names a node.
type Ref struct {
	ID   quad.IRI `json:"id"`
	Name string   `json:"name,omitempty"`
}

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
	// Others are the other entities the name matches, best first.
	Others []EntityMatch `json:"others,omitempty"`

	Positions []Position `json:"positions,omitempty"`
	Facts     []Fact     `json:"facts"`
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

// Card returns the card of the entity name finds (see FindEntities: an id, a name, an
// alternate name, a name in another case, a word of a person's name), or an error wrapping
// ErrNotFound.
func (s *Store) Card(ctx context.Context, name string) (*Card, error) {
	matches, err := s.FindEntities(ctx, name)
	if err != nil {
		return nil, err
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("no entity %q: %w", name, ErrNotFound)
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	best := matches[0]
	root := t.root(best.IRI).(quad.IRI)
	c := &Card{ID: root}
	if root != best.IRI {
		c.Found = &best
	}
	for _, m := range matches[1:] {
		if keyOfValue(t.root(m.IRI)) != keyOfValue(root) {
			c.Others = append(c.Others, m)
		}
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	members := t.cluster(root)
	if err := cx.identity(ctx, c, members); err != nil {
		return nil, err
	}
	if err := cx.positions(ctx, c, members); err != nil {
		return nil, err
	}
	if err := cx.facts(ctx, c, members); err != nil {
		return nil, err
	}
	return c, nil
}

// cardContext caches what a card reads more than once.
type cardContext struct {
	s        *Store
	t        *mergeTable
	articles map[string]*articleInfo
	names    map[string]string
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
var articleInfoPredicates = []quad.IRI{iriHeadline, iriURL, iriDatePublished, iriDateCreated, iriPublisher, iriCopyOf}

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
		pq, err := cx.s.out(ctx, a, p)
		if err != nil {
			return nil, err
		}
		qs = append(qs, pq...)
	}
	var created string
	for _, q := range qs {
		switch q.Predicate {
		case iriHeadline:
			ai.headline = str(q.Object)
		case iriURL:
			ai.url = str(q.Object)
		case iriDatePublished:
			if d := str(q.Object); reYear.MatchString(d) {
				ai.date = d
			}
		case iriDateCreated:
			if d := str(q.Object); reYear.MatchString(d) {
				created = d
			}
		case iriPublisher:
			name, err := cx.name(ctx, q.Object)
			if err != nil {
				return nil, err
			}
			ai.publishers = append(ai.publishers, Ref{ID: iriOfValue(q.Object), Name: name})
		case iriCopyOf:
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
	name, err := cx.s.firstValue(ctx, v, iriName)
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

// identity fills the card's name, types, aliases, links, mention count and merged entities.
func (cx *cardContext) identity(ctx context.Context, c *Card, members []quad.Value) error {
	s := cx.s
	var err error
	if c.Name, err = cx.name(ctx, c.ID); err != nil {
		return err
	}
	var aliases, types, links []string
	articles := map[string]bool{}
	for i, m := range members {
		own, err := s.out(ctx, m, "")
		if err != nil {
			return err
		}
		for _, q := range own {
			if isMergeLabel(q.Label) {
				continue
			}
			switch q.Predicate {
			case iriName:
				if i > 0 || str(q.Object) != c.Name {
					aliases = append(aliases, str(q.Object))
				}
			case iriAlternateName:
				aliases = append(aliases, str(q.Object))
			case iriType:
				types = append(types, typeName(iriOfValue(q.Object)))
			case iriSameAs:
				if o := str(q.Object); strings.HasPrefix(o, "http") {
					links = append(links, o)
				}
			}
		}
		arts, err := s.subjects(ctx, iriMentions, m)
		if err != nil {
			return err
		}
		for _, a := range arts {
			articles[keyOfValue(a)] = true
		}
		if i > 0 {
			mg := cx.t.byFrom[keyOfValue(m)]
			r, err := cx.ref(ctx, m)
			if err != nil {
				return err
			}
			c.Merged = append(c.Merged, MergedEntity{Ref: r, Merge: mg.IRI, By: mg.By, At: mg.At, Reason: mg.Reason})
		}
	}
	c.Aliases = uniqSorted(slices.DeleteFunc(aliases, func(a string) bool { return a == c.Name }))
	c.Types = uniqSorted(types)
	c.Links = uniqSorted(links)
	c.Articles = len(articles)
	return nil
}

func uniqSorted(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// positions gathers the Role nodes of the card's entities, one Position per title (compared as
// a name key) and organisation; a database without role nodes shows the job titles.
func (cx *cardContext) positions(ctx context.Context, c *Card, members []quad.Value) error {
	s := cx.s
	type acc struct {
		Position
		titles   map[string]int
		articles map[string]bool
	}
	byKey := map[string]*acc{}
	var order []string
	seenRole := map[string]bool{}
	for _, m := range members {
		roles, err := s.subjects(ctx, iriHolder, m)
		if err != nil {
			return err
		}
		for _, r := range roles {
			if seenRole[keyOfValue(r)] {
				continue
			}
			seenRole[keyOfValue(r)] = true
			qs, err := s.out(ctx, r, "")
			if err != nil {
				return err
			}
			var title string
			var of quad.Value
			for _, q := range qs {
				switch q.Predicate {
				case iriRoleName:
					title = str(q.Object)
				case iriOf:
					of = cx.t.root(q.Object)
				}
			}
			if title == "" {
				continue
			}
			key := textkey.NameKey(title) + "\x00" + keyOfValue(of)
			a := byKey[key]
			if a == nil {
				a = &acc{titles: map[string]int{}, articles: map[string]bool{}}
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
			a.Roles = append(a.Roles, str(r))
			for _, q := range qs {
				if isMergeLabel(q.Label) {
					continue
				}
				v := str(q.Object)
				switch q.Predicate {
				case iriRoleName:
					a.titles[v]++
				case iriSeen:
					a.FirstSeen, a.LastSeen = minDate(a.FirstSeen, v), maxDate(a.LastSeen, v)
				case iriStartDate:
					a.Start = minDate(a.Start, v)
				case iriEndDate:
					a.End = maxDate(a.End, v)
				case iriEndedBy:
					a.EndedBy = minDate(a.EndedBy, v)
				case iriFormer:
					a.Former = true
				case iriArticle:
					a.articles[keyOfValue(q.Object)] = true
					if a.Evidence == nil {
						ev, err := cx.evidence(ctx, q.Object, roleEvidence(qs, q.Object))
						if err != nil {
							return err
						}
						a.Evidence = &ev
					}
				}
			}
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
		b.FirstSeen, b.LastSeen = minDate(b.FirstSeen, a.FirstSeen), maxDate(b.LastSeen, a.LastSeen)
		b.Start, b.End, b.EndedBy = minDate(b.Start, a.Start), maxDate(b.End, a.End), minDate(b.EndedBy, a.EndedBy)
		b.Former = b.Former || a.Former
		b.Roles = append(b.Roles, a.Roles...)
		if b.Evidence == nil {
			b.Evidence = a.Evidence
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
		c.Positions = append(c.Positions, a.Position)
	}
	if len(c.Positions) == 0 {
		// A database written before role nodes existed.
		for _, pred := range []quad.IRI{iriJobTitle, iriFormerTitle} {
			for _, m := range members {
				vs, err := s.ownValues(ctx, m, pred)
				if err != nil {
					return err
				}
				for _, v := range vs {
					c.Positions = append(c.Positions, Position{Title: str(v), Former: pred == iriFormerTitle})
				}
			}
		}
	}
	slices.SortStableFunc(c.Positions, func(a, b Position) int {
		return cmpOr(cmp.Compare(boolInt(a.Former && a.LastSeen <= a.EndedBy), boolInt(b.Former && b.LastSeen <= b.EndedBy)),
			-strings.Compare(a.LastSeen, b.LastSeen), b.Articles-a.Articles, strings.Compare(a.Title, b.Title))
	})
	return nil
}

// roleEvidence is the evidence sentence the article gives for the role, among its quads.
func roleEvidence(qs []quad.Quad, article quad.Value) string {
	for _, q := range qs {
		if q.Predicate == iriEvidence && keyOfValue(q.Label) == keyOfValue(article) {
			return str(q.Object)
		}
	}
	return ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cmpDate orders dates, unknown ones last.
func cmpDate(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

func minDate(a, b string) string {
	if a == "" || b != "" && b < a {
		return b
	}
	return a
}

func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
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
	iri             quad.IRI
	subject, object quad.Value
	predicate       quad.IRI
	value, evidence string
	date, modality  string
	negated         bool
	confidence      float64
	articles        []quad.Value
}

func (cx *cardContext) statement(ctx context.Context, st quad.Value) (*statement, error) {
	qs, err := cx.s.out(ctx, st, "")
	if err != nil {
		return nil, err
	}
	x := &statement{iri: iriOfValue(st)}
	for _, q := range qs {
		if isMergeLabel(q.Label) {
			continue // the statement's own values; the card maps merged entities itself
		}
		switch q.Predicate {
		case iriSubject:
			x.subject = q.Object
		case iriObject:
			x.object = q.Object
		case iriPredicate:
			x.predicate = iriOfValue(q.Object)
		case iriValue:
			x.value = str(q.Object)
		case iriEvidence:
			x.evidence = str(q.Object)
		case iriDate:
			x.date = str(q.Object)
		case iriModality:
			x.modality = str(q.Object)
		case iriPolarity:
			x.negated = str(q.Object) == "negative"
		case iriConfidence:
			x.confidence, _ = strconv.ParseFloat(str(q.Object), 64)
		case iriArticle:
			x.articles = append(x.articles, q.Object)
		}
	}
	return x, nil
}

// facts gathers the statements whose subject or object is one of the card's entities, one
// Fact per (subject, predicate, object or value, polarity, modality) with merged entities
// mapped to their root, sorted by corroboration.
func (cx *cardContext) facts(ctx context.Context, c *Card, members []quad.Value) error {
	s := cx.s
	seen := map[string]bool{}
	type group struct {
		fact       Fact
		statements []*statement
		articles   []quad.Value
		dates      []string
	}
	groups := map[string]*group{}
	var order []string
	for _, m := range members {
		for _, pred := range []quad.IRI{iriSubject, iriObject} {
			sts, err := s.subjects(ctx, pred, m)
			if err != nil {
				return err
			}
			for _, st := range sts {
				if seen[keyOfValue(st)] {
					continue
				}
				seen[keyOfValue(st)] = true
				x, err := cx.statement(ctx, st)
				if err != nil {
					return err
				}
				if x.subject == nil || x.predicate == "" {
					continue
				}
				sub, obj := cx.t.root(x.subject), quad.Value(nil)
				if x.object != nil {
					obj = cx.t.root(x.object)
				}
				key := strings.Join([]string{keyOfValue(sub), string(x.predicate), keyOfValue(obj), x.value,
					strconv.FormatBool(x.negated), x.modality}, "\x00")
				g := groups[key]
				if g == nil {
					g = &group{fact: Fact{Predicate: x.predicate, Value: x.value, Negated: x.negated, Modality: x.modality}}
					if g.fact.Subject, err = cx.ref(ctx, sub); err != nil {
						return err
					}
					if obj != nil {
						r, err := cx.ref(ctx, obj)
						if err != nil {
							return err
						}
						g.fact.Object = &r
					}
					groups[key] = g
					order = append(order, key)
				}
				g.fact.Statements++
				g.articles = append(g.articles, x.articles...)
				if x.date != "" {
					g.dates = append(g.dates, x.date)
				}
				g.statements = append(g.statements, x)
			}
		}
	}
	for _, k := range order {
		g := groups[k]
		corr, err := cx.corroboration(ctx, g.articles)
		if err != nil {
			return err
		}
		g.fact.Corroboration = corr
		g.fact.EventDates = uniqSorted(g.dates)
		// The evidence: the most confident statement, from the earliest article.
		var best *statement
		var bestArt *articleInfo
		for _, x := range g.statements {
			for _, a := range x.articles {
				ai, err := cx.article(ctx, a)
				if err != nil {
					return err
				}
				if best == nil || x.confidence > best.confidence || x.confidence == best.confidence &&
					cmpOr(cmpDate(ai.date, bestArt.date), strings.Compare(string(ai.iri), string(bestArt.iri))) < 0 {
					best, bestArt = x, ai
				}
			}
		}
		if best != nil {
			if g.fact.Evidence, err = cx.evidence(ctx, bestArt.iri, best.evidence); err != nil {
				return err
			}
		}
		c.Facts = append(c.Facts, g.fact)
	}
	slices.SortStableFunc(c.Facts, func(a, b Fact) int {
		return cmpOr(b.Articles-a.Articles, b.Publishers-a.Publishers, b.Copies-a.Copies,
			boolInt(a.Negated || a.Modality != "")-boolInt(b.Negated || b.Modality != ""),
			-strings.Compare(a.LastSeen, b.LastSeen), strings.Compare(string(a.Predicate), string(b.Predicate)),
			strings.Compare(objName(a), objName(b)), strings.Compare(a.Subject.Name, b.Subject.Name))
	})
	return nil
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
	var c Corroboration
	uf := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		for uf[x] != x {
			uf[x] = uf[uf[x]]
			x = uf[x]
		}
		return x
	}
	var infos []*articleInfo
	for _, a := range articles {
		k := keyOfValue(a)
		if _, dup := uf[k]; dup {
			continue
		}
		uf[k] = k
		ai, err := cx.article(ctx, a)
		if err != nil {
			return c, err
		}
		infos = append(infos, ai)
	}
	pubs := map[string]bool{}
	for _, ai := range infos {
		for _, o := range ai.copyOf {
			ok := keyOfValue(o)
			if _, in := uf[ok]; in {
				ra, rb := find(keyOfValue(ai.iri)), find(ok)
				if ra != rb {
					uf[max(ra, rb)] = min(ra, rb)
				}
			}
		}
		for _, p := range ai.publishers {
			if !pubs[p.Name] {
				pubs[p.Name] = true
				c.PublisherNames = append(c.PublisherNames, p.Name)
			}
		}
		if ai.date != "" {
			c.FirstSeen, c.LastSeen = minDate(c.FirstSeen, ai.date), maxDate(c.LastSeen, ai.date)
		}
		c.Sources = append(c.Sources, ai.iri)
	}
	stories := map[string]bool{}
	for k := range uf {
		stories[find(k)] = true
	}
	slices.Sort(c.PublisherNames)
	slices.Sort(c.Sources)
	c.Articles, c.Copies, c.Publishers = len(stories), len(infos), len(pubs)
	return c, nil
}

// Corroboration answers, for the fact subj -pred-> obj as the graph states it in direct edges,
// how many distinct articles (wire copies counted once) and publishers state it and when it
// was first and last seen. Merged entities count as the entity they were merged into.
func (s *Store) Corroboration(ctx context.Context, subj quad.IRI, pred quad.IRI, obj quad.Value) (Corroboration, error) {
	t, err := s.loadMerges(ctx)
	if err != nil {
		return Corroboration{}, err
	}
	subs := t.cluster(t.root(subj))
	objs := []quad.Value{obj}
	if _, ok := obj.(quad.IRI); ok {
		objs = t.cluster(t.root(obj))
	}
	var arts []quad.Value
	for _, sb := range subs {
		for _, ob := range objs {
			ls, err := s.labels(ctx, sb, pred, ob)
			if err != nil {
				return Corroboration{}, err
			}
			for _, l := range ls {
				if !isMergeLabel(l) {
					arts = append(arts, l)
				}
			}
		}
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	return cx.corroboration(ctx, arts)
}
