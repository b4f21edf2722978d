//go:build soak

package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/store"
)

// The disk-full soak (go test -tags soak -run TestSoakDiskFull ./ingest -v): a load of 1,000
// articles into a database whose files may not grow past a limit (RLIMIT_FSIZE: writes past it
// fail with EFBIG, as on a full disk), at several limits; then the limit is lifted and the same
// load run again. Each time: the failing load's summary says as many articles written as are
// stored, and the completed graph is the graph of an uninterrupted load.
func TestSoakDiskFull(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.jsonl")
	soakArticles(t, p, 1000)
	cleanDir := filepath.Join(t.TempDir(), "clean")
	clean := loadInto(t, cleanDir, p, 0)
	t.Logf("clean load: %d quads; files: %s", len(clean), sizes(cleanDir))
	for _, mb := range []float64{0.5, 1, 2, 5, 10, 20} {
		t.Run(fmt.Sprintf("%gMB", mb), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "db")
			s, err := store.Open(store.Bolt, dir)
			if err != nil {
				t.Fatal(err)
			}
			lift := limitFileSize(t, uint64(mb*(1<<20)))
			sum, lerr := Load(context.Background(), s, []string{p}, Options{})
			lift()
			stored := len(byLabel(t, dump(t, s)))
			cerr := s.Close()
			t.Logf("failing load: err %v; summary new %d, unchanged %d, failed %d, written %d; %d articles stored; close: %v",
				lerr, sum.Added, sum.Unchanged, sum.Failed, sum.Written, stored, cerr)
			if sum.Added != stored || sum.Written != stored {
				t.Errorf("the failing load says %d new, %d written; %d are stored", sum.Added, sum.Written, stored)
			}
			again := loadInto(t, dir, p, 1000-stored)
			if !slices.Equal(again, clean) {
				t.Errorf("after a full disk and the load again, the graph differs from a clean load: %d quads against %d", len(again), len(clean))
			}
		})
	}
}

// loadInto loads p into the bolt database dir and returns its dump; wantNew: the new
// articles the load must say it added.
func loadInto(t *testing.T, dir, p string, wantNew int) []string {
	t.Helper()
	s, err := store.Open(store.Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum, err := Load(context.Background(), s, []string{p}, Options{})
	if err != nil || sum.Added != wantNew && wantNew != 0 || sum.Failed != 0 {
		t.Fatalf("load: %+v %v (want %d new)", sum, err, wantNew)
	}
	return dump(t, s)
}

func limitFileSize(t *testing.T, n uint64) func() {
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	lim := old
	lim.Cur = n
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	return func() { syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old) }
}

func sizes(dir string) string {
	es, _ := os.ReadDir(dir)
	var out []string
	for _, e := range es {
		if fi, err := e.Info(); err == nil {
			out = append(out, fmt.Sprintf("%s %d KB", e.Name(), fi.Size()>>10))
		}
	}
	return strings.Join(out, ", ")
}

// soakArticles writes n news-like articles: people, places and organisations met and visited.
func soakArticles(t *testing.T, p string, n int) {
	r := rand.New(rand.NewPCG(7, 7))
	first := []string{"Jeyhun", "Radmila", "Ilham", "Emmanuel", "Olaf", "Ursula", "Antony", "Sergey", "Recep", "Nikol", "Giorgi", "Maia"}
	last := []string{"Bayramov", "Shekerinska", "Aliyev", "Macron", "Scholz", "Leyen", "Blinken", "Lavrov", "Erdogan", "Pashinyan", "Gakharia", "Sandu"}
	cities := []string{"Baku", "Paris", "Berlin", "Brussels", "Washington", "Moscow", "Ankara", "Yerevan", "Tbilisi", "Skopje"}
	var b strings.Builder
	for i := range n {
		var text strings.Builder
		for range 8 {
			a, c := r.IntN(len(first)), r.IntN(len(last))
			fmt.Fprintf(&text, "Foreign Minister %s %s met %s %s in %s on %d May. ", first[a], last[a], first[c], last[c], cities[r.IntN(len(cities))], 1+r.IntN(28))
		}
		fmt.Fprintf(&b, `{"id":"soak-%d","title":"Talks %d","source":"Soak News","text":%q}`+"\n", i, i, text.String())
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
