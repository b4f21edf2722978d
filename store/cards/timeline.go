package cards

import (
	"cmp"
	"context"
	"errors"
	"github.com/newsgraph/newsgraph/store/fields"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
)

// Event is one thing an entity did or had done to it, as the statements of the graph say: a
// relation with its date and one sentence that states it.
type Event struct {
	// Date is the relation's own date when the text gives one (a dateline year completes a
	// "--01-22"), else the article's publication date; "" when neither is known.
	Date string `json:"date,omitempty"`
	// DateSource tells which: "event" or "article".
	DateSource string   `json:"dateSource,omitempty"`
	Subject    Ref      `json:"subject"`
	Predicate  quad.IRI `json:"predicate"`
	Object     *Ref     `json:"object,omitempty"`
	Value      string   `json:"value,omitempty"`    // a literal object: a topic, a quotation
	Negated    bool     `json:"negated,omitempty"`  // the text says it did not happen
	Modality   string   `json:"modality,omitempty"` // may, will, plans...
	Articles   int      `json:"articles"`           // articles that state it (every copy)
	Evidence   Evidence `json:"evidence"`           // the most confident statement's sentence, earliest article first
}

// Timeline is an entity's events in date order: dated events (oldest first), then events whose
// year is unknown ("--01-22"), then undated ones.
type Timeline struct {
	Entity Ref     `json:"entity"`
	From   string  `json:"from,omitempty"`
	To     string  `json:"to,omitempty"`
	Events []Event `json:"events"`
	Count  int     `json:"count"`            // all its events; Events may hold a page of them (TimelinePage)
	Offset int     `json:"offset,omitempty"` // how many events come before Events
}

// eventDate is a statement's date: its own (given the year of the article's date when it has
// none), else the article's.
func eventDate(stated, article string) (date, source string) {
	switch {
	case reYear.MatchString(stated):
		return stated, "event"
	case strings.HasPrefix(stated, "--") && reYear.MatchString(article):
		return article[:4] + stated[1:], "event"
	case stated != "":
		return stated, "event"
	case article != "":
		return article, "article"
	}
	return "", ""
}

// dateClass orders dates: with a year, without one ("--01-22"), none.
func dateClass(d string) int {
	switch {
	case reYear.MatchString(d):
		return 0
	case d != "":
		return 1
	}
	return 2
}

// Timeline returns the events of the entity name finds (as Card does) whose date is in
// [from, to] (YYYY[-MM[-DD]], either ""; with a bound, undated events are left out). Events
// stated by several articles (wire copies, follow-ups) with the same date are one event.
func (s Reader) Timeline(ctx context.Context, name, from, to string) (*Timeline, error) {
	return s.TimelineFirst(ctx, name, from, to, 0)
}

// TimelineFirst is Timeline's first n events (all when n <= 0); Count counts them all. Only
// those get names and evidence: a hub has thousands of events.
func (s Reader) TimelineFirst(ctx context.Context, name, from, to string, n int) (*Timeline, error) {
	return s.TimelinePage(ctx, name, from, to, 0, n)
}

// TimelinePage is the n events of Timeline (all the rest when n <= 0) that follow its first
// offset ones; Count counts them all.
func (s Reader) TimelinePage(ctx context.Context, name, from, to string, offset, n int) (*Timeline, error) {
	if err := CheckDate(from); err != nil {
		return nil, err
	}
	if err := CheckDate(to); err != nil {
		return nil, err
	}
	t, root, err := s.resolveRoot(ctx, name)
	if err != nil {
		return nil, err
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	tl := &Timeline{From: from, To: to, Events: []Event{}, Offset: max(offset, 0)}
	if tl.Entity, err = cx.ref(ctx, root); err != nil {
		return nil, err
	}
	members := t.Members(root)
	indexed, err := s.cards.View(func(tx cardindex.Tx) error {
		return cx.timeline(ctx, tl, members, indexRows{tx}, n)
	})
	if err != nil || indexed {
		return tl, err
	}
	src := &quadRows{cx: cx, byArticle: map[string]cardindex.ArticleFacts{}, seen: map[quad.IRI]bool{}}
	return tl, cx.timeline(ctx, tl, members, src, n)
}

func (cx *cardContext) timeline(ctx context.Context, tl *Timeline, members []quad.IRI, src rowSource, n int) error {
	if x, ok := src.(indexRows); ok {
		d, err := x.digestFor(members, cx.t)
		if err != nil {
			return err
		}
		if d != nil {
			return cx.showTimeline(ctx, tl, d.eventGroups(), n)
		}
	}
	groups, err := cx.eventGroups(ctx, members, src, tl.From, tl.To)
	if err != nil {
		return err
	}
	return cx.showTimeline(ctx, tl, groups, n)
}

// eventGroup is one event of a timeline before it is shown: the statement whose sentence is
// its evidence, its subject and object by ID. A hub's digest keeps these (carddigest.go).
type eventGroup struct {
	ev                    Event
	bestStmt, bestArticle quad.IRI
}

// eventGroups reads the events of members' statement rows dated in [from, to].
func (cx *cardContext) eventGroups(ctx context.Context, members []quad.IRI, src rowSource, from, to string) ([]eventGroup, error) {
	type group struct {
		ev       Event
		sub, obj quad.Value
		articles map[quad.IRI]bool
		best     *cardindex.FactRow
	}
	groups := map[string]*group{}
	var list []*group
	seen := map[quad.IRI]bool{}
	for _, m := range members {
		err := src.facts(ctx, m, func(r *cardindex.FactRow) error {
			if seen[r.Stmt] {
				return nil
			}
			seen[r.Stmt] = true
			date, dsrc := eventDate(r.EventDate, r.Art.Date)
			if !InRange(date, from, to) {
				return nil
			}
			sub, obj := cx.t.Root(r.Subject()), quad.Value(nil)
			if r.Object() != nil {
				obj = cx.t.Root(r.Object())
			}
			key := strings.Join([]string{keyOfValue(sub), string(r.Pred), keyOfValue(obj), r.Value,
				string(negByte(r.Negated)), r.Modality, date}, "\x00")
			g := groups[key]
			if g == nil {
				g = &group{ev: Event{Date: date, DateSource: dsrc, Predicate: r.Pred, Value: r.Value,
					Negated: r.Negated, Modality: r.Modality}, sub: sub, obj: obj, articles: map[quad.IRI]bool{}}
				groups[key] = g
				list = append(list, g)
			}
			g.articles[r.Article] = true
			// The evidence: the most confident statement, from the earliest article.
			if b := g.best; b == nil || r.Confidence > b.Confidence || r.Confidence == b.Confidence &&
				cmp.Or(fields.CmpDate(r.Art.Date, b.Art.Date), strings.Compare(string(r.Article), string(b.Article))) < 0 {
				g.best = r
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]eventGroup, 0, len(list))
	for _, g := range list {
		eg := eventGroup{ev: g.ev, bestStmt: g.best.Stmt, bestArticle: g.best.Article}
		eg.ev.Articles = len(g.articles)
		eg.ev.Subject, eg.ev.Object = idRefs(g.sub, g.obj)
		out = append(out, eg)
	}
	return out, nil
}

// showTimeline sorts the groups dated in tl's range by date and makes the n (all when n <= 0)
// after the first tl.Offset tl's events, with names and evidence.
func (cx *cardContext) showTimeline(ctx context.Context, tl *Timeline, groups []eventGroup, n int) error {
	var list []*eventGroup
	for i := range groups {
		if InRange(groups[i].ev.Date, tl.From, tl.To) {
			list = append(list, &groups[i])
		}
	}
	slices.SortFunc(list, func(x, y *eventGroup) int {
		a, b := &x.ev, &y.ev
		return cmp.Or(dateClass(a.Date)-dateClass(b.Date), strings.Compare(a.Date, b.Date),
			strings.Compare(string(a.Subject.ID), string(b.Subject.ID)), strings.Compare(string(a.Predicate), string(b.Predicate)),
			strings.Compare(refID(a.Object), refID(b.Object)), strings.Compare(a.Value, b.Value),
			boolInt(a.Negated)-boolInt(b.Negated), strings.Compare(a.Modality, b.Modality))
	})
	tl.Count = len(list)
	list = list[min(tl.Offset, len(list)):]
	if n > 0 && len(list) > n {
		list = list[:n]
	}
	for _, g := range list {
		ev := g.ev
		var err error
		if ev.Subject, ev.Object, err = cx.named(ctx, ev.Subject, ev.Object); err != nil {
			return err
		}
		if ev.Evidence, err = cx.statementEvidence(ctx, g.bestStmt, g.bestArticle); err != nil {
			return err
		}
		tl.Events = append(tl.Events, ev)
	}
	return nil
}

func eventObject(e Event) string {
	if e.Object != nil {
		return e.Object.Name
	}
	return e.Value
}

// resolveRoot finds the entity name means (the best match, as Card does) and the entity it is
// merged into, if any.
func (s Reader) resolveRoot(ctx context.Context, name string) (store.MergeView, quad.IRI, error) {
	t, found, _, order, err := s.rankedCandidates(ctx, name)
	if err != nil {
		return store.MergeView{}, "", err
	}
	root, _ := t.Root(found[order[0]]).(quad.IRI)
	return t, root, nil
}

// EvidenceItem is one statement of a fact by one article.
type EvidenceItem struct {
	Evidence
	Statement  quad.IRI `json:"statement"`
	EventDate  string   `json:"eventDate,omitempty"` // the relation's own date, as the text gives it
	Confidence float64  `json:"confidence,omitempty"`
	Negated    bool     `json:"negated,omitempty"`
	Modality   string   `json:"modality,omitempty"`
	// Object or Value: what the statement's object is, when the fact was asked without one.
	Object *Ref   `json:"object,omitempty"`
	Value  string `json:"value,omitempty"`
}

// FactEvidence is every sentence that states a fact, with its article.
type FactEvidence struct {
	Subject   Ref            `json:"subject"`
	Predicate quad.IRI       `json:"predicate"`
	Object    *Ref           `json:"object,omitempty"`
	Value     string         `json:"value,omitempty"`
	Evidence  []EvidenceItem `json:"evidence"`         // oldest article first
	Count     int            `json:"count"`            // all the statements; Evidence may hold a page of them (EvidencePage)
	Offset    int            `json:"offset,omitempty"` // how many statements come before Evidence
}

// Evidence returns every statement of subject -predicate-> object (names or ids, as Card takes
// them; object may also be a literal value such as a topic, or "" for any object), negated and
// hypothetical ones included, each with its sentence and article, oldest article first. Merged
// entities count as the entity they were merged into.
func (s Reader) Evidence(ctx context.Context, subject, predicate, object string) (*FactEvidence, error) {
	return s.EvidenceFirst(ctx, subject, predicate, object, 0)
}

// EvidenceFirst is Evidence's first n statements (all when n <= 0); Count counts them all.
// Only those get their sentence and article read: a fact of a hub is stated thousands of times.
func (s Reader) EvidenceFirst(ctx context.Context, subject, predicate, object string, n int) (*FactEvidence, error) {
	return s.EvidencePage(ctx, subject, predicate, object, 0, n)
}

// EvidencePage is the n statements of Evidence (all the rest when n <= 0) that follow its
// first offset ones; Count counts them all.
func (s Reader) EvidencePage(ctx context.Context, subject, predicate, object string, offset, n int) (*FactEvidence, error) {
	pred, err := ParsePredicate(predicate)
	if err != nil {
		return nil, err
	}
	t, sroot, err := s.resolveRoot(ctx, subject)
	if err != nil {
		return nil, err
	}
	cx := &cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}
	fe := &FactEvidence{Predicate: pred, Evidence: []EvidenceItem{}}
	if fe.Subject, err = cx.ref(ctx, sroot); err != nil {
		return nil, err
	}
	var oroot quad.Value
	if object = strings.TrimSpace(object); object != "" {
		_, r, err := s.resolveRoot(ctx, object)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		if err == nil {
			oroot = r
			ref, err := cx.ref(ctx, r)
			if err != nil {
				return nil, err
			}
			fe.Object = &ref
		} else {
			fe.Value = object
		}
	}
	members := t.Members(sroot)
	var rows []*cardindex.FactRow
	seen := map[quad.IRI]bool{}
	collect := func(src rowSource) error {
		for _, m := range members {
			facts := src.facts
			if x, ok := src.(indexRows); ok {
				// Only m's rows as the subject of pred: every statement has one.
				facts = func(_ context.Context, m quad.IRI, fn func(*cardindex.FactRow) error) error {
					return x.tx.SubjectFacts(m, pred, fn)
				}
			}
			err := facts(ctx, m, func(r *cardindex.FactRow) error {
				switch {
				case seen[r.Stmt] || r.Pred != pred || keyOfValue(t.Root(r.Subject())) != keyOfValue(sroot):
					return nil
				case oroot != nil && (r.Object() == nil || keyOfValue(t.Root(r.Object())) != keyOfValue(oroot)):
					return nil
				case fe.Value != "" && !strings.EqualFold(r.Value, fe.Value):
					return nil
				}
				seen[r.Stmt] = true
				rows = append(rows, r)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	indexed, err := s.cards.View(func(tx cardindex.Tx) error { return collect(indexRows{tx}) })
	if err != nil {
		return nil, err
	}
	if !indexed {
		if err := collect(&quadRows{cx: cx, byArticle: map[string]cardindex.ArticleFacts{}, seen: map[quad.IRI]bool{}}); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(rows, func(a, b *cardindex.FactRow) int {
		return cmp.Or(fields.CmpDate(a.Art.Date, b.Art.Date), strings.Compare(string(a.Article), string(b.Article)),
			strings.Compare(string(a.Stmt), string(b.Stmt)))
	})
	fe.Count, fe.Offset = len(rows), max(offset, 0)
	rows = rows[min(fe.Offset, len(rows)):]
	if n > 0 && len(rows) > n {
		rows = rows[:n]
	}
	for _, r := range rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ev, err := cx.statementEvidence(ctx, r.Stmt, r.Article)
		if err != nil {
			return nil, err
		}
		it := EvidenceItem{Evidence: ev, Statement: r.Stmt, EventDate: r.EventDate, Confidence: r.Confidence,
			Negated: r.Negated, Modality: r.Modality}
		if object == "" {
			if obj := r.Object(); obj != nil {
				ref, err := cx.ref(ctx, t.Root(obj))
				if err != nil {
					return nil, err
				}
				it.Object = &ref
			}
			it.Value = r.Value
		}
		fe.Evidence = append(fe.Evidence, it)
	}
	return fe, nil
}
