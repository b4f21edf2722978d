package explore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards/cardindex"
	"github.com/newsgraph/newsgraph/store/longiri"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The article page of the explorer (GET /api/newsgraph/article?id=ID): what the graph keeps of
// one article — its headline, date, address, publisher and, unless it was loaded with
// `load --no-text`, its text — with the facts it states (each with its sentence and where the
// sentence is in the text) and the entities it mentions (with the names they go by, for the
// page to mark them in the text).

const (
	iriArticleBody = quad.IRI("schema:articleBody") // the text (package schema: articleBody)
	iriStart       = quad.IRI("ng:start")           // the evidence's offsets in the text
	iriEnd         = quad.IRI("ng:end")
)

// ArticlePage is one article as the explorer shows it.
type ArticlePage struct {
	ID         quad.IRI        `json:"id"`
	Headline   string          `json:"headline,omitempty"`
	Published  string          `json:"published,omitempty"` // its publication date, else its dateline's
	URL        string          `json:"url,omitempty"`
	Publisher  string          `json:"publisher,omitempty"` // names, comma-separated
	Publishers []Ref           `json:"publishers,omitempty"`
	Text       string          `json:"text,omitempty"` // absent when loaded with --no-text
	CopyOf     []quad.IRI      `json:"copyOf,omitempty"`
	Facts      []ArticleFact   `json:"facts"`
	Entities   []ArticleEntity `json:"entities"`
}

// ArticleFact is one statement of the article: a relation with the sentence that states it;
// Start and End are the sentence's byte offsets in Text when the store has them.
type ArticleFact struct {
	Statement quad.IRI `json:"statement"`
	Subject   Ref      `json:"subject"`
	Predicate quad.IRI `json:"predicate"`
	Object    *Ref     `json:"object,omitempty"`
	Value     string   `json:"value,omitempty"`
	Negated   bool     `json:"negated,omitempty"`
	Modality  string   `json:"modality,omitempty"`
	Date      string   `json:"date,omitempty"` // the event's own date, as the text gives it
	Text      string   `json:"text,omitempty"` // the sentence
	Start     *int     `json:"start,omitempty"`
	End       *int     `json:"end,omitempty"`
}

// ArticleEntity is an entity the article mentions (merged entities as their root), with the
// names it goes by across the graph.
type ArticleEntity struct {
	ID       quad.IRI `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	Articles int      `json:"articles"`
}

// articleIRI is the article node id names: an IRI as stored ("ng:article/a1", an http(s)
// URL), "<...>" around one, or an article's id ("a1").
func articleIRI(id string) quad.IRI {
	id = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
	switch {
	case strings.HasPrefix(id, "ng:article/"), strings.HasPrefix(id, "http://"), strings.HasPrefix(id, "https://"):
		return longiri.Bound(quad.IRI(id))
	case strings.HasPrefix(id, "article/"):
		return quad.IRI("ng:" + id)
	}
	return quad.IRI("ng:article/" + id)
}

// Article returns the article page of the article id names; store.ErrNotFound when the graph has no
// such article.
func (s Explorer) Article(ctx context.Context, id string) (*ArticlePage, error) {
	art := articleIRI(id)
	qs, err := s.st.Out(ctx, art, "")
	if err != nil {
		return nil, err
	}
	isArticle := false
	var text string
	var mentions []quad.Value
	for _, q := range qs {
		switch q.Predicate {
		case terms.Type:
			isArticle = isArticle || q.Object == quad.Value(terms.NewsArticle)
		case iriArticleBody:
			text = str(q.Object)
		case terms.Mentions:
			mentions = append(mentions, q.Object)
		}
	}
	if !isArticle {
		return nil, fmt.Errorf("no article %q: %w", id, store.ErrNotFound)
	}
	t, err := s.loadMerges(ctx)
	if err != nil {
		return nil, err
	}
	x, err := s.exploreIndex(ctx)
	if err != nil {
		return nil, err
	}
	cx := s.cards.Context(t)
	ai, err := cx.Article(ctx, art)
	if err != nil {
		return nil, err
	}
	page := &ArticlePage{ID: art, Headline: ai.Headline, Published: ai.Date, URL: ai.URL, Text: text,
		Publishers: ai.Publishers, Facts: []ArticleFact{}, Entities: []ArticleEntity{}}
	var pubs []string
	for _, p := range ai.Publishers {
		pubs = append(pubs, p.Name)
	}
	page.Publisher = strings.Join(pubs, ", ")
	for _, c := range ai.CopyOf {
		if iri, ok := c.(quad.IRI); ok {
			page.CopyOf = append(page.CopyOf, iri)
		}
	}

	// ref is an entity as the page names it: its root, by the index's name when it has one.
	ref := func(v quad.Value) (Ref, error) {
		root := t.Root(v)
		if e := x.byKey[keyOfValue(root)]; e != nil {
			return e.ref(), nil
		}
		return cx.Ref(ctx, root)
	}
	seen := map[string]bool{}
	for _, m := range mentions {
		root := t.Root(m)
		k := keyOfValue(root)
		if seen[k] {
			continue
		}
		seen[k] = true
		ae := ArticleEntity{ID: iriOfValue(root)}
		if e := x.byKey[k]; e != nil {
			ae.Name, ae.Type, ae.Aliases, ae.Articles = e.name, e.typ, e.aliases, len(e.mentions)
		} else {
			if ae.Name, err = cx.Name(ctx, root); err != nil {
				return nil, err
			}
		}
		page.Entities = append(page.Entities, ae)
	}
	slices.SortFunc(page.Entities, func(a, b ArticleEntity) int {
		return cmp.Or(b.Articles-a.Articles, strings.Compare(a.Name, b.Name), strings.Compare(string(a.ID), string(b.ID)))
	})

	stmts, err := s.st.Subjects(ctx, terms.Article, art)
	if err != nil {
		return nil, err
	}
	for _, st := range stmts {
		sq, err := s.st.Out(ctx, st, "")
		if err != nil {
			return nil, err
		}
		f := ArticleFact{Statement: iriOfValue(st)}
		var sf cardindex.StatementFields
		isStatement := false
		for _, q := range sq {
			if store.IsMergeLabel(q.Label) || sf.Add(q) {
				continue
			}
			switch q.Predicate {
			case terms.Type:
				isStatement = isStatement || q.Object == quad.Value(terms.Statement)
			case iriStart, iriEnd:
				if n, ok := q.Object.(quad.Int); ok {
					v := int(n)
					if q.Predicate == iriStart {
						f.Start = &v
					} else {
						f.End = &v
					}
				}
			}
		}
		subj, obj := sf.Subject, sf.Object
		f.Predicate, f.Value, f.Text, f.Date, f.Modality, f.Negated = sf.Predicate, sf.Value, sf.Evidence, sf.Date, sf.Modality, sf.Negated
		if !isStatement || subj == nil {
			continue
		}
		if f.Subject, err = ref(subj); err != nil {
			return nil, err
		}
		if obj != nil {
			r, err := ref(obj)
			if err != nil {
				return nil, err
			}
			f.Object = &r
		}
		if f.Start != nil && f.End != nil && (*f.Start < 0 || *f.End > len(text) || *f.Start >= *f.End || text[*f.Start:*f.End] != f.Text) {
			f.Start, f.End = nil, nil // not offsets into this text
		}
		page.Facts = append(page.Facts, f)
	}
	slices.SortFunc(page.Facts, func(a, b ArticleFact) int {
		as, bs := -1, -1
		if a.Start != nil {
			as = *a.Start
		}
		if b.Start != nil {
			bs = *b.Start
		}
		return cmp.Or(as-bs, strings.Compare(a.Subject.Name, b.Subject.Name), strings.Compare(string(a.Predicate), string(b.Predicate)),
			strings.Compare(string(a.Statement), string(b.Statement)))
	})
	return page, nil
}
