package cards

import (
	"context"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/store"
)

// A Context reads what cards show of articles, names and statements for one answer, keeping
// what it reads more than once (an article's headline and publishers, a name). The explorer's
// article pages and paths take their evidence from it, as cards do.
type Context struct{ cx *cardContext }

// Context is a Context over the merges t.
func (s Reader) Context(t store.MergeView) Context {
	return Context{&cardContext{s: s, t: t, articles: map[string]*articleInfo{}, names: map[string]string{}}}
}

// ArticleInfo is what a Context reads of an article.
type ArticleInfo struct {
	IRI                 quad.IRI
	Headline, URL, Date string
	Publishers          []Ref
	CopyOf              []quad.Value // the articles it is a wire copy of
}

// Article reads the article a.
func (c Context) Article(ctx context.Context, a quad.Value) (ArticleInfo, error) {
	ai, err := c.cx.article(ctx, a)
	if err != nil {
		return ArticleInfo{}, err
	}
	return ArticleInfo{IRI: ai.iri, Headline: ai.headline, URL: ai.url, Date: ai.date, Publishers: ai.publishers, CopyOf: ai.copyOf}, nil
}

// Name is a node's own schema:name (or headline), else its id.
func (c Context) Name(ctx context.Context, v quad.Value) (string, error) { return c.cx.name(ctx, v) }

// Ref is v with its Name.
func (c Context) Ref(ctx context.Context, v quad.Value) (Ref, error) { return c.cx.ref(ctx, v) }

// Statement is one ng:Statement node, as a Context reads it.
type Statement struct {
	Subject, Object    quad.Value
	Predicate          quad.IRI
	Evidence, Modality string
	Negated            bool
}

// Statement reads the statement node st.
func (c Context) Statement(ctx context.Context, st quad.Value) (Statement, error) {
	x, err := c.cx.statement(ctx, st)
	if err != nil {
		return Statement{}, err
	}
	return Statement{Subject: x.Subject, Object: x.Object, Predicate: x.Predicate, Evidence: x.Evidence,
		Modality: x.Modality, Negated: x.Negated}, nil
}

// Evidence is the sentence text of article, with where it comes from.
func (c Context) Evidence(ctx context.Context, article quad.Value, text string) (Evidence, error) {
	return c.cx.evidence(ctx, article, text)
}

// Ranked is the entities name finds (an id, a name, an alias, a name key: as Card finds them),
// the most mentioned first, and the merges it read; an error wrapping store.ErrNotFound when it
// finds none.
func (s Reader) Ranked(ctx context.Context, name string) (store.MergeView, []quad.IRI, error) {
	t, found, _, order, err := s.rankedCandidates(ctx, name)
	if err != nil {
		return t, nil, err
	}
	out := make([]quad.IRI, len(order))
	for i, j := range order {
		out[i] = found[j]
	}
	return t, out, nil
}

// WithoutIndex is a Reader of the same Store that reads the quads, never the card index: what
// a store without one answers, for checks that the index answers the same.
func (s Reader) WithoutIndex() Reader { return Reader{s.st, &Index{s: s.st}} }
