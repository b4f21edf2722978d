package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/internal/gmb"
	"github.com/newsgraph/newsgraph/internal/storetest"
	"github.com/newsgraph/newsgraph/store"
)

// Concurrent writers on PostgreSQL: article writes hold the database's write lock shared
// and lock their articles (store/postgres/lock.go, WriteArticles). These tests run the
// writers as goroutines with Stores of their own (separate connections, as two processes
// have: TestPostgresTwoLoadProcesses runs two processes) on a real server.

// gmbGraphs are the first n GMB articles, extracted and mapped as load does; the test is
// skipped without the corpus.
func gmbGraphs(t *testing.T, n int) []store.Article {
	t.Helper()
	sents, err := gmb.Read(gmb.DefaultPath())
	if err != nil {
		t.Skipf("GMB corpus not available: %v", err)
	}
	var arts []extract.Article
	for _, a := range gmb.Articles(sents, 20)[:n] {
		arts = append(arts, extract.Article{ID: a.ID, Text: a.Text})
	}
	return storetest.Build(arts...)
}

// writeAll writes arts into s in calls of at most per articles, as load's batches.
func writeAll(s *store.Store, arts []store.Article, per int) (store.WriteStats, error) {
	var all store.WriteStats
	for len(arts) > 0 {
		n := min(per, len(arts))
		st, err := s.WriteArticles(arts[:n])
		all.Added += st.Added
		all.Unchanged += st.Unchanged
		all.Replaced += st.Replaced
		if err != nil {
			return all, err
		}
		arts = arts[n:]
	}
	return all, nil
}

// labelCounts is the number of quads of each label, in one snapshot of the database.
func labelCounts(ctx context.Context, db *sql.DB) (map[string]int, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT encode(label_hash, 'hex'), count(*) FROM quads WHERE label_hash IS NOT NULL GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, err
		}
		out[l] = n
	}
	return out, rows.Err()
}

// nodeRefs lists every node's hash and reference count, and the nodes whose count is not
// the number of quad directions that name them.
func nodeRefs(t *testing.T, db *sql.DB) (all string, wrong []string) {
	t.Helper()
	rows, err := db.Query(`SELECT encode(n.hash, 'hex'), n.refs, coalesce(u.n, 0) FROM nodes n LEFT JOIN (
		SELECT h, count(*) AS n FROM (SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
			UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x
		GROUP BY h) u ON u.h = n.hash ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var h string
		var refs, uses int
		if err := rows.Scan(&h, &refs, &uses); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d\n", h, refs)
		if refs != uses {
			wrong = append(wrong, fmt.Sprintf("%s: refs %d, used by %d quad directions", h, refs, uses))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String(), wrong
}

// stockPG opens the database with stock Cayley's postgres backend.
func stockPG(t *testing.T, addr string) cgraph.QuadStore {
	t.Helper()
	qs, err := cgraph.NewQuadStore("postgres", addr, nil)
	if err != nil {
		t.Fatalf("stock Cayley: %v", err)
	}
	t.Cleanup(func() { qs.Close() })
	return qs
}

// allQuads is every quad of qs as N-Quads, sorted, read with Cayley's iterators.
func allQuads(t *testing.T, qs cgraph.QuadStore) string {
	t.Helper()
	ctx := context.Background()
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	var lines []string
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + "\n"
}

func openPG(t *testing.T, addr string, opts ...store.Option) *store.Store {
	t.Helper()
	s, err := store.Open(store.Postgres, addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestPostgresConcurrentWritersAsSerial has two writers, each with its own Store, write
// overlapping halves of 120 GMB articles at the same time (40 articles in both halves, in
// small batches, so that their transactions interleave), while a reader checks, snapshot
// after snapshot, that every article it sees is whole: all its quads or none. The result
// must be what one writer writing every article makes, quad for quad and node for node
// (with each node's reference count the number of quads that use it), and each article
// must be written once: by one writer, passed over as stored by the other.
func TestPostgresConcurrentWritersAsSerial(t *testing.T) {
	arts := gmbGraphs(t, 120)
	ctx := context.Background()
	serialAddr, sharedAddr := store.PGTestDB(t), store.PGTestDB(t)

	serial := openPG(t, serialAddr)
	if _, err := writeAll(serial, arts, 20); err != nil {
		t.Fatal(err)
	}
	serialDB, err := sql.Open("postgres", serialAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer serialDB.Close()
	whole, err := labelCounts(ctx, serialDB) // each article's quads, counted
	if err != nil {
		t.Fatal(err)
	}

	sharedDB, err := sql.Open("postgres", sharedAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer sharedDB.Close()
	// Both Stores open the new database at once, as two workers started together do.
	writers := make([]*store.Store, 2)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() { writers[i] = openPG(t, sharedAddr, store.WithBatchSize(2500)) })
	}
	wg.Wait()
	parts := [][]store.Article{arts[:80], arts[40:]}
	// The second writer writes its half backwards, so that both come to the shared 40 at
	// the same time from either end.
	rev := make([]store.Article, len(parts[1]))
	for i, a := range parts[1] {
		rev[len(rev)-1-i] = a
	}
	parts[1] = rev
	stats := make([]store.WriteStats, 2)
	errs := make([]error, 2)
	var done atomic.Bool
	var snapshots atomic.Int64
	var torn []string
	reader := make(chan struct{})
	go func() {
		defer close(reader)
		for !done.Load() {
			got, err := labelCounts(ctx, sharedDB)
			if err != nil {
				torn = append(torn, "read: "+err.Error())
				return
			}
			snapshots.Add(1)
			for l, n := range got {
				if want, ok := whole[l]; ok && n != want {
					torn = append(torn, fmt.Sprintf("article %s: %d of its %d quads", l, n, want))
				}
			}
		}
	}()
	for i := range writers {
		wg.Go(func() { stats[i], errs[i] = writeAll(writers[i], parts[i], 6) })
	}
	wg.Wait()
	done.Store(true)
	<-reader
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i+1, err)
		}
	}
	if len(torn) > 0 {
		t.Errorf("a reader saw articles in part (%d cases), the first: %s", len(torn), torn[0])
	}
	t.Logf("writer 1: %+v; writer 2: %+v; %d snapshots read while they wrote", stats[0], stats[1], snapshots.Load())
	if added, unchanged := stats[0].Added+stats[1].Added, stats[0].Unchanged+stats[1].Unchanged; added != 120 || unchanged != 40 {
		t.Errorf("the writers added %d articles and passed over %d as stored, want 120 and 40", added, unchanged)
	}
	if got, want := storetest.Dump(t, writers[0]), storetest.Dump(t, serial); got != want {
		t.Errorf("two writers stored %d quads, one writer %d; they differ:\n%s", strings.Count(got, "\n"),
			strings.Count(want, "\n"), storetest.DiffLines(got, want))
	}
	gotNodes, wrong := nodeRefs(t, sharedDB)
	wantNodes, _ := nodeRefs(t, serialDB)
	if len(wrong) > 0 {
		t.Errorf("%d nodes' reference counts are not their quads', the first: %s", len(wrong), wrong[0])
	}
	if gotNodes != wantNodes {
		t.Errorf("the nodes differ from one writer's:\n%s", storetest.DiffLines(gotNodes, wantNodes))
	}
	// Stock Cayley's postgres backend reads what the two writers wrote: the same quads.
	if got, want := allQuads(t, stockPG(t, sharedAddr)), allQuads(t, writers[0].QuadStore()); got != want {
		t.Errorf("stock Cayley reads %d quads, newsgraph %d; they differ:\n%s", strings.Count(got, "\n"),
			strings.Count(want, "\n"), storetest.DiffLines(got, want))
	}
	// A third writer finds everything stored and writes nothing.
	st, err := writeAll(openPG(t, sharedAddr), arts, 120)
	if err != nil || st.Unchanged != 120 {
		t.Errorf("write again: %+v, %v", st, err)
	}
	if n := len(whole); n != 120 {
		t.Errorf("%d labels in one writer's database, want 120 articles", n)
	}
}

// TestPostgresConcurrentWireCopies has two writers write the two copies of each of 12 wire
// stories at the same time (one copy each, an article per call): as in one load, of each
// pair one is the story and the other records that it copies it, whichever came first. A
// writer locks its article's LSH bands with it, so that the second copy's writer waits for
// the first and finds it; without that, both would find no copy and both be stories.
func TestPostgresConcurrentWireCopies(t *testing.T) {
	sents, err := gmb.Read(gmb.DefaultPath())
	if err != nil {
		t.Skipf("GMB corpus not available: %v", err)
	}
	var firsts, seconds []extract.Article
	for _, a := range gmb.Articles(sents, 20)[:12] {
		firsts = append(firsts, extract.Article{ID: a.ID + "-wire-a", Text: a.Text})
		seconds = append(seconds, extract.Article{ID: a.ID + "-wire-b", Text: a.Text})
	}
	parts := [][]store.Article{storetest.Build(firsts...), storetest.Build(seconds...)}
	addr := store.PGTestDB(t)
	writers := []*store.Store{openPG(t, addr), openPG(t, addr)}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() { _, errs[i] = writeAll(writers[i], parts[i], 1) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i+1, err)
		}
	}
	copies := map[string]string{}
	q := `g.V().Out("<ng:copyOf>").Tag("story").In("<ng:copyOf>").Tag("copy").All()`
	res, err := writers[0].Query(context.Background(), q, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		m, _ := r.(map[string]any)
		copies[fmt.Sprint(m["copy"])] = fmt.Sprint(m["story"])
	}
	for i := range parts[0] {
		a, b := string(parts[0][i].IRI), string(parts[1][i].IRI)
		ca, cb := copies["<"+a+">"], copies["<"+b+">"]
		if (ca == "<"+b+">") == (cb == "<"+a+">") {
			t.Errorf("%s and %s: copy of %q and of %q; want exactly one a copy of the other", a, b, ca, cb)
		}
	}
	if len(copies) != len(parts[0]) {
		t.Errorf("%d copy links, want %d: %v", len(copies), len(parts[0]), copies)
	}
}

// TestPostgresConcurrentWritersAfterMerges: after a merge of two entities that later articles
// mention, two writers write those articles at once. Each writes its articles holding the
// database's lock shared and notes the merge in the journal; the merge's projections are
// refreshed when its lock is exclusive, from what is stored then. The result must be what one
// writer makes, on PostgreSQL and on bolt, and no journal entry may be left.
func TestPostgresConcurrentWritersAfterMerges(t *testing.T) {
	arts := gmbGraphs(t, 60)
	first, rest := arts[:30], arts[30:]
	// Two countries that the first articles and the rest both mention.
	mentioned := func(arts []store.Article) map[string]bool {
		out := map[string]bool{}
		for _, a := range arts {
			for _, q := range a.Quads {
				if s := q.Subject.String(); strings.HasPrefix(s, "<ng:country/") {
					out[s] = true
				}
			}
		}
		return out
	}
	before, after := mentioned(first), mentioned(rest)
	var both []string
	for s := range before {
		if after[s] {
			both = append(both, strings.Trim(s, "<>"))
		}
	}
	slices.Sort(both)
	if len(both) < 2 {
		t.Fatalf("fewer than two countries in both parts: %v", both)
	}
	keep, other := quad.IRI(both[0]), quad.IRI(both[1])
	ctx := context.Background()
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	prepare := func(s *store.Store) {
		t.Helper()
		if _, err := writeAll(s, first, 10); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Merge(ctx, keep, other, store.MergeOptions{By: "test", Reason: "one country", At: at}); err != nil {
			t.Fatal(err)
		}
	}
	bolt := openPGTestBolt(t)
	serial := openPG(t, store.PGTestDB(t))
	for _, s := range []*store.Store{bolt, serial} {
		prepare(s)
		if _, err := writeAll(s, rest, 5); err != nil {
			t.Fatal(err)
		}
	}
	addr := store.PGTestDB(t)
	// One call each, in small batches: each call's merge refresh is its own (a later call of
	// the same writer would otherwise complete what the journal lists).
	writers := []*store.Store{openPG(t, addr, store.WithBatchSize(2500)), openPG(t, addr, store.WithBatchSize(2500))}
	prepare(writers[0])
	var parts [2][]store.Article
	for i, a := range rest {
		parts[i%2] = append(parts[i%2], a)
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() { _, errs[i] = writeAll(writers[i], parts[i], len(parts[i])) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i+1, err)
		}
	}
	got := storetest.Dump(t, writers[0])
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "<ng:journal>") {
			t.Errorf("a journal entry left: %s", l)
		}
	}
	for name, s := range map[string]*store.Store{"one PostgreSQL writer": serial, "bolt": bolt} {
		if want := storetest.Dump(t, s); got != want {
			t.Errorf("two writers after a merge stored %d quads, %s %d; they differ:\n%s", strings.Count(got, "\n"),
				name, strings.Count(want, "\n"), storetest.DiffLines(got, want))
		}
	}
}
