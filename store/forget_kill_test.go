package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/internal/linediff"
	"github.com/newsgraph/newsgraph/store/writes"
)

// Issue 14, D3 and D3b: forget, merge, unmerge and duplicates --auto killed (SIGKILL) after
// any of their transactions, then run again, give what they give uninterrupted. A child
// process (this test binary) kills itself after its k-th ApplyDeltas call, for every k.

const killEnv = "NEWSGRAPH_KILL_TEST" // "op dir k" in the child

var killOps = map[string]func(ctx context.Context, s *Store) error{
	"forget": func(ctx context.Context, s *Store) error {
		var arts []quad.IRI
		for i := 0; i < 12; i += 2 {
			arts = append(arts, quad.IRI(fmt.Sprint("ng:article/", i)))
		}
		_, err := s.Forget(ctx, arts...)
		return err
	},
	"merge": func(ctx context.Context, s *Store) error {
		_, err := s.Merge(ctx, "ng:person/p1", "ng:person/p2", MergeOptions{By: "test", At: mergeTime})
		return err
	},
	"unmerge": func(ctx context.Context, s *Store) error {
		_, err := s.Unmerge(ctx, "ng:person/p3")
		return err
	},
	// "auto", duplicates --auto: store/curate's, added by kill_auto_test.go.
}

// KillOps is killOps for the external tests (kill_auto_test.go), which add the operations of
// the packages built on the store.
var KillOps = killOps

var mergeTime = mustTime("2024-05-01T00:00:00Z")

// killBase writes a store with articles about people merged in a chain (p4 into p3 into
// p2), which the operations change.
func killBase(t *testing.T, dir string) {
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var arts []Article
	for i := range 12 {
		a := quad.IRI(fmt.Sprint("ng:article/", i))
		p := fmt.Sprint("ng:person/p", 1+i%4)
		o := fmt.Sprint("ng:org/o", i%3)
		qs := entity(string(a), p, "schema:Person", "Jeyhun Bayramov")
		qs = append(qs, entity(string(a), o, "schema:Organization", fmt.Sprint("Org ", i%3))...)
		qs = append(qs, entity(string(a), fmt.Sprint("ng:person/x", i), "schema:Person", fmt.Sprint("Person ", i))...)
		qs = append(qs, q(quad.IRI(p), "ng:met", quad.IRI(fmt.Sprint("ng:person/x", i))), q(quad.IRI(p), "schema:worksFor", quad.IRI(o)))
		arts = append(arts, Article{IRI: a, Hash: fmt.Sprint(i), Quads: qs})
	}
	write(t, s, arts...)
	ctx := context.Background()
	for _, m := range [][2]quad.IRI{{"ng:person/p3", "ng:person/p4"}, {"ng:person/p2", "ng:person/p3"}} {
		if _, err := s.Merge(ctx, m[0], m[1], MergeOptions{By: "test", At: mergeTime}); err != nil {
			t.Fatal(err)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(from)
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		in, err := os.Open(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(to, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(out, in)
		in.Close()
		out.Close()
	}
}

// runOp opens dir, runs op and closes; errors of an op already done (run again) are ignored.
func runOp(t *testing.T, dir, op string) string {
	t.Helper()
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := killOps[op](context.Background(), s); err != nil && !errors.Is(err, ErrNotFound) && !strings.Contains(err.Error(), "already") {
		t.Fatalf("%s: %v", op, err)
	}
	return normalMerges(dump(t, s))
}

var reMergeIRI = regexp.MustCompile(`<ng:merge/[0-9a-f]+>`)

// normalMerges names each merge by what it merges, and drops when: duplicates --auto stamps
// its merges with the time they are made.
func normalMerges(d string) string {
	names := map[string]string{}
	for _, l := range strings.Split(d, "\n") {
		if f := strings.Fields(l); len(f) >= 3 && f[1] == "<ng:merged>" {
			names[f[0]] = "<merge of " + f[2] + ">"
		}
	}
	var out []string
	for _, l := range strings.Split(d, "\n") {
		if strings.Contains(l, "<ng:mergedAt>") {
			continue
		}
		out = append(out, reMergeIRI.ReplaceAllStringFunc(l, func(m string) string { return names[m] }))
	}
	slices.Sort(out) // merge IRIs hash the time they were made: their lines sort apart
	return strings.Join(out, "\n")
}

func TestKillChild(t *testing.T) {
	arg := strings.Fields(os.Getenv(killEnv))
	if len(arg) != 3 {
		t.Skip("the child of TestOperationsSurviveSIGKILL")
	}
	k, _ := strconv.Atoi(arg[2])
	s, err := Open(Bolt, arg[1])
	if err != nil {
		t.Fatal(err)
	}
	writes.ForgetChunk = 3
	n := 0
	afterApply = func() {
		if n++; n == k {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	if err := killOps[arg[0]](context.Background(), s); err != nil {
		t.Fatal(err)
	}
	afterApply = nil
	s.Close()
	os.Exit(3) // finished before its k-th transaction
}

func TestOperationsSurviveSIGKILL(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base")
	killBase(t, base)
	for _, op := range []string{"forget", "merge", "unmerge", "auto"} {
		killEach(t, base, op)
	}
}

// killEach runs op on a copy of the store base uninterrupted, then, for every k, on another
// copy in a child killed after its k-th transaction, runs it again there, and compares the
// graphs. It returns the uninterrupted run's graph (normalMerges).
func killEach(t *testing.T, base, op string) string {
	t.Helper()
	defer func(n int) { writes.ForgetChunk = n }(writes.ForgetChunk)
	writes.ForgetChunk = 3
	ref := filepath.Join(t.TempDir(), op+"-ref")
	copyDir(t, base, ref)
	want := runOp(t, ref, op)
	for k := 1; ; k++ {
		dir := filepath.Join(t.TempDir(), fmt.Sprint(op, k))
		copyDir(t, base, dir)
		cmd := exec.Command(os.Args[0], "-test.run", "^TestKillChild$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d", killEnv, op, dir, k))
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == 3 {
			t.Logf("%s: killed after each of its %d transactions, run again: as uninterrupted\n%s", op, k-1, out)
			break
		}
		if ee == nil {
			t.Fatalf("%s child %d: %v\n%s", op, k, err, out)
		}
		if st, ok := ee.Sys().(syscall.WaitStatus); !ok || st.Signal() != syscall.SIGKILL {
			t.Fatalf("%s child %d: %v\n%s", op, k, err, out)
		}
		if got := runOp(t, dir, op); got != want {
			t.Errorf("%s killed after transaction %d, run again: differs from uninterrupted:\n%s", op, k, linediff.Lines(want, got, 15))
		}
	}
	return want
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}
