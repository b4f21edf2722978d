package ingest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/store"
)

// An article whose id, URL or source is 40 KB, or whose text is one name said over 42 KB,
// loads, and the database stays writable (D1: the card index keyed its rows by them, bolt
// refused the 40 KB key, and every later Open for writing failed to make the index again).
func TestLongIDsURLsAndNamesKeepTheStoreWritable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	p := filepath.Join(t.TempDir(), "long.jsonl")
	long := strings.Repeat("x", 40<<10)
	var b strings.Builder
	enc := json.NewEncoder(&b)
	for _, a := range []map[string]string{
		{"id": "id-" + long, "text": "Jeyhun Bayramov met Radmila Shekerinska in Baku."},
		{"url": "https://example.org/" + long, "text": "Ilham Aliyev visited Paris."},
		{"id": "src", "source": "Source " + long, "text": "Emmanuel Macron visited Berlin."},
		{"id": "name", "text": strings.Repeat("Jeyhun Bayramov ", 42<<10/16)},
	} {
		enc.Encode(a)
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	load := func() Summary {
		t.Helper()
		s, err := store.Open(store.Bolt, dir)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		defer s.Close()
		var fails []string
		sum, err := Load(context.Background(), s, []string{p}, Options{OnFail: func(w string, err error) { fails = append(fails, err.Error()) }})
		if err != nil || len(fails) > 0 {
			t.Fatalf("load: %v %q", err, fails)
		}
		return sum
	}
	if sum := load(); sum.Added != 4 {
		t.Errorf("first load: %+v, want 4 new", sum)
	}
	if sum := load(); sum.Unchanged != 4 {
		t.Errorf("second load: %+v, want 4 unchanged", sum)
	}
}
