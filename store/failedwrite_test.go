package store

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/cayleygraph/quad"
)

// fileSizeLimit makes every write of this process past limit bytes of a file fail (EFBIG;
// Go ignores the SIGXFSZ that comes with it), as a full disk would, until the returned
// function lifts it. Tests that use it must not run in parallel with others.
func fileSizeLimit(t *testing.T, limit uint64) (lift func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("getrlimit: %v", err)
	}
	lim := old
	lim.Cur = limit
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("setrlimit: %v", err)
	}
	lifted := false
	lift = func() {
		if !lifted {
			lifted = true
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
				t.Fatalf("setrlimit: %v", err)
			}
		}
	}
	t.Cleanup(lift)
	return lift
}

// dirSize is the size of the largest file in dir.
func largestFile(t *testing.T, dir string) uint64 {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n uint64
	for _, e := range es {
		if fi, err := e.Info(); err == nil && uint64(fi.Size()) > n {
			n = uint64(fi.Size())
		}
	}
	return n
}

// fullArticles are n articles of many nodes each (new nodes make the file grow).
func fullArticles(from, n int) []Article {
	var arts []Article
	for i := from; i < from+n; i++ {
		iri := quad.IRI(fmt.Sprintf("news:full%d", i))
		a := Article{IRI: iri, Hash: fmt.Sprintf("h%d", i)}
		for j := range 60 {
			p := quad.IRI(fmt.Sprintf("person:p%d-%d", i, j))
			a.Quads = append(a.Quads, q(p, name, fmt.Sprintf("Person %d of article %d, with a name long enough to fill pages", j, i)),
				q(p, received, quad.IRI(fmt.Sprintf("award:a%d", j%7))))
		}
		arts = append(arts, a)
	}
	return arts
}

// A write that fails half-way (the disk full) leaves the store as it was before the batch,
// and the same write run again gives the graph an uninterrupted write gives (D2: Cayley kept
// the failed transaction's index entries and node ids in memory and wrote them with the next
// one: quads with a nil subject).
func TestFailedBatchLeavesStoreAsBefore(t *testing.T) {
	s, dir := openTestStore(t, Bolt, WithBatchSize(500))
	first, second := fullArticles(0, 5), fullArticles(5, 10)
	write(t, s, first...)
	before := dump(t, s)

	lift := fileSizeLimit(t, largestFile(t, dir))
	st, err := s.WriteArticles(second)
	if err == nil {
		lift()
		t.Fatal("the write past the file size limit did not fail")
	}
	lift()
	t.Logf("failed write: %+v, %v", st, err)
	_ = before

	st, err = s.WriteArticles(second)
	if err != nil {
		t.Fatalf("the write again: %v", err)
	}
	clean, _ := openTestStore(t, Bolt, WithBatchSize(500))
	write(t, clean, first...)
	write(t, clean, second...)
	if got, want := dump(t, s), dump(t, clean); got != want {
		t.Errorf("after a failed write and the write again, the graph differs from an uninterrupted write:\n%s", firstDiff(got, want))
	}
}

// firstDiff shows the lines of got and want that differ (the first ten).
func firstDiff(got, want string) string {
	g, w := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	var out []string
	for l := range g {
		if !w[l] && len(out) < 10 {
			out = append(out, "+ "+l)
		}
	}
	for l := range w {
		if !g[l] && len(out) < 20 {
			out = append(out, "- "+l)
		}
	}
	return strings.Join(out, "\n")
}
