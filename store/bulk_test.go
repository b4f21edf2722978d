package store

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// A bulk load into a new database leaves its marker while it is open, syncs and removes it on
// Close; an existing database is opened as usual.
func TestBulkLoadMarker(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open(Bolt, dir, BulkLoad())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(unsyncedFile(dir)); err != nil {
		t.Fatalf("no marker while a bulk load is open: %v", err)
	}
	write(t, s, article1("h1"), article2())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(unsyncedFile(dir)); !os.IsNotExist(err) {
		t.Fatalf("marker left after Close: %v", err)
	}
	s, err = Open(Bolt, dir, BulkLoad()) // exists now: synced commits
	if err != nil {
		t.Fatal(err)
	}
	if s.unsynced != "" {
		t.Error("an existing database was opened for a bulk load")
	}
	if n := quadCount(t, s); n == 0 {
		t.Error("the bulk load's quads are gone")
	}
	s.Close()

	// A marker left behind (a load killed, or a power loss): the next Open checks the file
	// and removes the marker; a damaged file is refused.
	os.WriteFile(unsyncedFile(dir), nil, 0o644)
	s, err = Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(unsyncedFile(dir)); !os.IsNotExist(err) {
		t.Fatalf("marker left after a checked Open: %v", err)
	}
	os.WriteFile(unsyncedFile(dir), nil, 0o644)
	f, err := os.OpenFile(boltFile(dir), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	junk := make([]byte, info.Size()-8192)
	for i := range junk {
		junk[i] = 0xA5
	}
	f.WriteAt(junk, 8192) // every page after the two meta pages
	f.Close()
	if s, err := Open(Bolt, dir); err == nil {
		s.Close()
		t.Fatal("a damaged database with a bulk-load marker opened")
	} else if !strings.Contains(err.Error(), "delete it and run the load again") {
		t.Errorf("error: %v", err)
	}
}

// bulkChildEnv makes the test binary a bulk loader (TestBulkLoadSurvivesSIGKILL).
const bulkChildEnv = "NEWSGRAPH_TEST_BULK_CHILD"

// Killing a bulk load into a new database (no fsync per commit) at random moments leaves a
// database that opens, in which every article is whole or absent.
func TestBulkLoadSurvivesSIGKILL(t *testing.T) {
	if dir := os.Getenv(bulkChildEnv); dir != "" {
		bulkChild(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("kills 8 bulk loads")
	}
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for i := range 8 {
		dir := filepath.Join(t.TempDir(), fmt.Sprint("db", i))
		cmd := exec.Command(os.Args[0], "-test.run", "^TestBulkLoadSurvivesSIGKILL$")
		cmd.Env = append(os.Environ(), bulkChildEnv+"="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(200+r.Intn(1500)) * time.Millisecond
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		s, err := Open(Bolt, dir)
		if err != nil {
			t.Fatalf("kill %d after %v: %v", i, delay, err)
		}
		got := map[string]int{}
		for _, q := range strings.Split(strings.TrimSpace(dump(t, s)), "\n") {
			if q == "" {
				continue
			}
			f := strings.Fields(q)
			got[f[len(f)-2]]++
		}
		s.Close()
		for label, n := range got {
			var k int
			fmt.Sscanf(label, "<ng:article/bench-%d>", &k)
			want := len(mustNormalised(t, benchArticle(k)))
			if n != want {
				t.Fatalf("kill %d after %v: article %s has %d of its %d quads", i, delay, label, n, want)
			}
		}
		t.Logf("kill %d after %v: %d articles, each whole", i, delay, len(got))
	}
}

// mustNormalised is the quads WriteArticles stores for a: each distinct quad once, and its
// content hash.
func mustNormalised(t *testing.T, a Article) []quad.Quad {
	if a.IRI == "" || a.Hash == "" {
		t.Fatal("an article without IRI or hash")
	}
	seen := map[quadKey]bool{}
	var out []quad.Quad
	for _, q := range a.Quads {
		if q.Label == nil {
			q.Label = a.IRI
		}
		if !seen[keyOf(q)] {
			seen[keyOf(q)] = true
			out = append(out, q)
		}
	}
	return append(out, quad.Quad{Subject: a.IRI, Predicate: ContentHash, Object: quad.String(a.Hash), Label: a.IRI})
}

// bulkChild writes articles in small batches into a new database until it is killed.
func bulkChild(t *testing.T, dir string) {
	s, err := Open(Bolt, dir, BulkLoad(), WithBatchSize(600))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i += 10 {
		arts := make([]Article, 10)
		for k := range arts {
			arts[k] = benchArticle(i + k)
		}
		if _, err := s.WriteArticles(arts); err != nil {
			t.Fatal(err)
		}
	}
}
