package store

import (
	"context"

	"github.com/cayleygraph/quad"
)

// The card index is store/cards', which imports the store: the store's own tests cannot
// import it, but its external tests do (cards_link_test.go), and so link it into the test
// binary, where every Store the tests open keeps a card index, as the program's do. What the
// internal tests ask of cards goes through these functions, which cards_link_test.go sets.
var (
	// CardSummary is the card of name: its id, its name, the articles that mention it and
	// how many types it has.
	CardSummary func(ctx context.Context, s *Store, name string) (id quad.IRI, title string, articles, types int, err error)
	// Corroboration is how many distinct stories and how many articles (every copy) state
	// subj -pred-> obj.
	Corroboration func(ctx context.Context, s *Store, subj, pred quad.IRI, obj quad.Value) (articles, copies int, err error)
)
