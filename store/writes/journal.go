package writes

import (
	"context"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// The journal makes forget, merge and unmerge all-or-nothing under SIGKILL. Each is several
// ApplyDeltas calls (transactions): a call may not both add and delete (the Store's ApplyDeltas), and
// merges' projections can only be computed once the articles' quads are gone. So an operation
// first writes, in one transaction, what it is going to do as quads labelled <ng:journal>,
// then does it; the last transaction deletes the journal. The next writer (mergesForWrite,
// beginWrite) finding a journal does it again from the start: every step is computed from the
// stored quads, so doing it twice, or half then all, gives what doing it once gives.
//
// A load (WriteArticles) journals the merges whose projections its articles change in the
// transactions of those articles (ng:journalRefresh, hooks.go), and deletes the entries with
// the refresh after its last batch: a load killed before its refresh is done leaves them, and
// running it again, which skips the stored articles, is not what completes it: the next
// writer, or writable Open (Recover), is.
var (
	iriJournal        = quad.IRI("ng:journal")
	iriJournalForget  = quad.IRI("ng:journalForget")  // an article to delete
	iriJournalDrop    = quad.IRI("ng:journalDrop")    // a merge to delete (unmerge)
	iriJournalRefresh = quad.IRI("ng:journalRefresh") // a merge whose projections to bring up to date
)

type journal struct {
	forget, drop, refresh []quad.IRI
}

func (j journal) empty() bool { return len(j.forget)+len(j.drop)+len(j.refresh) == 0 }

func (j journal) quads() []quad.Quad {
	var out []quad.Quad
	for _, l := range []struct {
		pred quad.IRI
		iris []quad.IRI
	}{{iriJournalForget, j.forget}, {iriJournalDrop, j.drop}, {iriJournalRefresh, j.refresh}} {
		for _, iri := range l.iris {
			out = append(out, quad.Quad{Subject: iriJournal, Predicate: l.pred, Object: iri, Label: iriJournal})
		}
	}
	return out
}

func deltasOf(qs []quad.Quad, action cgraph.Procedure) []cgraph.Delta {
	out := make([]cgraph.Delta, 0, len(qs))
	for _, q := range qs {
		out = append(out, cgraph.Delta{Quad: q, Action: action})
	}
	return out
}

// readJournal returns the journal of an operation a killed process left, if any.
func (s writer) readJournal(ctx context.Context) (journal, []quad.Quad, error) {
	var j journal
	qs, err := s.Out(ctx, iriJournal, "")
	if err != nil {
		return j, nil, fmt.Errorf("read journal: %w", err)
	}
	var own []quad.Quad
	for _, q := range qs {
		iri, ok := q.Object.(quad.IRI)
		if !ok || key(q.Label) != key(iriJournal) {
			continue
		}
		own = append(own, q)
		switch q.Predicate {
		case iriJournalForget:
			j.forget = append(j.forget, iri)
		case iriJournalDrop:
			j.drop = append(j.drop, iri)
		case iriJournalRefresh:
			j.refresh = append(j.refresh, iri)
		}
	}
	return j, own, nil
}

// recoverJournal completes the operation a killed process left in the journal, on the
// writer's merge table t.
func (s writer) recoverJournal(ctx context.Context, t *mergeTable) error {
	j, jq, err := s.readJournal(ctx)
	if err != nil || len(jq) == 0 {
		return err
	}
	if err := s.replay(ctx, t, j, jq, nil); err != nil {
		return fmt.Errorf("complete an interrupted operation: %w", err)
	}
	return nil
}

// Recover completes an operation (forget, merge, unmerge, a load's merge refresh) that a
// killed process left half done, if any. Writers do it before they write; a writable Open
// should too, so that readers never see the half-done state.
func Recover(ctx context.Context, store Store) error {
	s := writer{store}
	s.Lock()
	defer s.Unlock()
	if j, _, err := s.readJournal(ctx); err != nil || j.empty() {
		return err
	}
	t, err := s.mergesForWrite(ctx) // completes it
	if err != nil {
		return err
	}
	s.KeepMerges(t)
	return nil
}

// journaled writes the journal j (with adds, quads that must exist iff the journal does: a
// merge's record), then does what it says.
func (s writer) journaled(ctx context.Context, t *mergeTable, j journal, adds []quad.Quad, old map[quad.IRI][]quad.Quad) error {
	jq := j.quads()
	if err := s.ApplyDeltas(deltasOf(append(jq, adds...), cgraph.Add)); err != nil {
		return err
	}
	return s.replay(ctx, t, j, jq, old)
}

// replay does what the journal j says, on the stored quads and t, and deletes its quads jq:
// first the articles' quads (one transaction), then the merges' and copies' changes and the
// journal (an adds transaction, then a deletes one). old, when known, holds the articles'
// quads. On error the caller drops the cached merges (the stored ones are read again).
func (s writer) replay(ctx context.Context, t *mergeTable, j journal, jq []quad.Quad, old map[quad.IRI][]quad.Quad) error {
	if len(j.forget) > 0 {
		if old == nil {
			var err error
			if old, err = s.articleQuads(ctx, j.forget); err != nil {
				return err
			}
		}
		if err := s.deleteArticles(j.forget, old); err != nil {
			return err
		}
	}
	deltas, changes, err := s.repointCopies(ctx, j.forget)
	if err != nil {
		return err
	}
	for _, iri := range j.drop {
		if m := t.ByIRI(iri); m != nil {
			more, _, err := s.unmergeDeltas(ctx, t, m)
			if err != nil {
				return err
			}
			deltas = append(deltas, more...)
		}
	}
	var ms []*mergeInfo
	for _, iri := range j.refresh {
		if m := t.ByIRI(iri); m != nil && !slices.Contains(ms, m) {
			ms = append(ms, m)
		}
	}
	more, err := s.refreshMergesDeltas(ctx, t, ms)
	if err != nil {
		return err
	}
	deltas = append(append(deltas, more...), deltasOf(jq, cgraph.Delete)...)
	keep, err := s.BeginCards()
	if err != nil {
		return err
	}
	if err := s.ApplyDeltas(deltas); err != nil {
		return err
	}
	return s.FinishCards(keep, changes)
}

// deleteArticles deletes the articles' quads old in one transaction.
func (s writer) deleteArticles(arts []quad.IRI, old map[quad.IRI][]quad.Quad) error {
	var deltas []cgraph.Delta
	var changes []ArticleChange
	for _, iri := range arts {
		if len(old[iri]) > 0 {
			deltas = append(deltas, deltasOf(old[iri], cgraph.Delete)...)
			changes = append(changes, ArticleChange{Article: iri, Old: old[iri]})
		}
	}
	if len(deltas) == 0 {
		return nil
	}
	keep, err := s.BeginCards()
	if err != nil {
		return err
	}
	if err := s.ApplyDeltas(deltas); err != nil {
		return err
	}
	return s.FinishCards(keep, changes)
}
