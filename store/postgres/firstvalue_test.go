package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/pgtest"
	"github.com/newsgraph/newsgraph/store/terms"
)

// The names' partial index (firstvalue.go) is made by a store's first write, not by opening
// (a read-only role opens and reads without it, the old way); a database that lost it gains
// it again on its next write; FirstValue reads through it what the old read finds: the first
// name in the order written whose label is not skipped, nil for none, and leaves to the old
// read a node whose first names are all skipped, a predicate not indexed.
func TestPostgresNameIndexMadeByTheFirstWrite(t *testing.T) {
	if firstValuePred != terms.Name {
		t.Fatalf("the index holds %v, the names are %v", firstValuePred, terms.Name)
	}
	addr := pgTestDB(t)
	qs, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	ctx := context.Background()
	db := qs.DB()
	indexed := func() bool {
		t.Helper()
		var ok bool
		if err := db.QueryRowContext(ctx, firstValueIndexed).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if indexed() {
		t.Fatal("opening made the index of names")
	}

	// A read-only role opens the database without the index and reads the old way.
	reader := pgtest.ReadOnlyRole(t, addr)
	ro, err := Open(reader)
	if err != nil {
		t.Fatalf("a read-only role cannot open: %v", err)
	}
	defer ro.Close()
	name := firstValuePred
	skip := func(l quad.Value) bool { return l != nil && strings.HasPrefix(fmt.Sprint(l), "<merge/") }
	if _, ok, err := ro.FirstValue(ctx, quad.IRI("pub"), name, skip); err != nil || ok {
		t.Fatalf("no index, and FirstValue answered (ok %v, err %v)", ok, err)
	}

	// The quads: a hub named by many articles, its first name stated by a merge; a node
	// whose first names (more than a page) are all a merge's; a node with no article's name.
	var deltas []cgraph.Delta
	add := func(s, p string, o quad.Value, label string) {
		var l quad.Value
		if label != "" {
			l = quad.IRI(label)
		}
		deltas = append(deltas, cgraph.Delta{Quad: quad.Make(quad.IRI(s), quad.IRI(p), o, l), Action: cgraph.Add})
	}
	add("pub", string(name), quad.String("Merged Name"), "merge/1")
	for i := 0; i < 50; i++ {
		add("pub", string(name), quad.String("Publisher"), fmt.Sprintf("article/%d", i))
		add("pub", "other", quad.String(fmt.Sprint("x", i)), fmt.Sprintf("article/%d", i))
	}
	for i := 0; i < firstValuePage; i++ {
		add("deep", string(name), quad.String(fmt.Sprint("merged ", i)), fmt.Sprintf("merge/%d", i))
	}
	add("deep", string(name), quad.String("Deep"), "article/1")
	add("onlymerged", string(name), quad.String("M"), "merge/2")
	add("unlabelled", string(name), quad.String("U"), "")
	if err := qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		t.Fatal(err)
	}
	if !indexed() {
		t.Fatal("the first write did not make the index of names")
	}

	// The planner reads a node's first names through the index (the hash a literal).
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var plan []string
	if _, err := tx.ExecContext(ctx, `ANALYZE quads; SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL enable_seqscan = off;
		PREPARE firstvalue_plan AS `+firstValueSQL); err != nil {
		t.Fatal(err)
	}
	rows, err := tx.QueryContext(ctx, `EXPLAIN EXECUTE firstvalue_plan('\x01')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var line string
		rows.Scan(&line)
		plan = append(plan, line)
	}
	rows.Close()
	if !strings.Contains(strings.Join(plan, "\n"), firstValueIndex) {
		t.Errorf("the first names are not read through the index:\n%s", strings.Join(plan, "\n"))
	}
	tx.Rollback()

	// What each store answers, and what the old read (NodeQuads) finds.
	old := func(node string) quad.Value {
		var v quad.Value
		err := qs.NodeQuads(ctx, quad.Subject, quad.IRI(node), name, func(q quad.Quad) bool {
			if skip(q.Label) {
				return true
			}
			v = q.Object
			return false
		})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ro2, err := Open(reader) // a reader's store opened after the write finds the index
	if err != nil {
		t.Fatal(err)
	}
	defer ro2.Close()
	for _, c := range []struct {
		node   string
		want   quad.Value
		wantOK bool
	}{
		{"pub", quad.String("Publisher"), true},
		{"deep", quad.String("Deep"), false}, // the first page all a merge's: the old read's
		{"onlymerged", nil, true},
		{"unlabelled", quad.String("U"), true},
		{"nameless", nil, true},
	} {
		if got := old(c.node); got != c.want {
			t.Errorf("%s: the old read found %v, the test wants %v", c.node, got, c.want)
		}
		for who, st := range map[string]*QuadStore{"writer": qs, "read-only role": ro2} {
			v, ok, err := st.FirstValue(ctx, quad.IRI(c.node), name, skip)
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.wantOK || (ok && v != c.want) {
				t.Errorf("%s, %s: FirstValue = %v, %v; want %v, %v", who, c.node, v, ok, c.want, c.wantOK)
			}
		}
	}
	if _, ok, _ := qs.FirstValue(ctx, quad.IRI("pub"), quad.IRI("other"), skip); ok {
		t.Errorf("FirstValue answered for a predicate the index does not hold")
	}

	// A database that lost the index gains it on a store's next write.
	if _, err := db.ExecContext(ctx, `DROP INDEX `+firstValueIndex); err != nil {
		t.Fatal(err)
	}
	qs2, err := Open(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer qs2.Close()
	if indexed() {
		t.Fatal("opening made the index of names")
	}
	if _, ok, err := qs2.FirstValue(ctx, quad.IRI("pub"), name, skip); err != nil || ok {
		t.Fatalf("no index, and FirstValue answered (ok %v, err %v)", ok, err)
	}
	if err := qs2.ApplyDeltas([]cgraph.Delta{{Quad: quad.Make(quad.IRI("c"), quad.IRI("knows"), quad.IRI("d"), nil), Action: cgraph.Add}}, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if !indexed() {
		t.Fatal("the next write did not make the index of names again")
	}
	if v, ok, err := qs2.FirstValue(ctx, quad.IRI("pub"), name, skip); err != nil || !ok || v != quad.String("Publisher") {
		t.Errorf("after the next write FirstValue = %v, %v, %v", v, ok, err)
	}
}
