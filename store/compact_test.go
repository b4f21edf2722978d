package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/store/boltfile"
)

// writeBench writes the synthetic articles [from, to) in batches of 100 articles.
func writeBench(t *testing.T, s *Store, from, to int) {
	t.Helper()
	for i := from; i < to; i += 100 {
		var arts []Article
		for k := i; k < min(i+100, to); k++ {
			arts = append(arts, benchArticle(k))
		}
		write(t, s, arts...)
	}
}

func fileInfo(t *testing.T, name string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// A load's Close rewrites the database into full pages: the same quads and cards in a smaller
// file. A later small write leaves the file as it is; one that grows it by a quarter rewrites
// it again.
func TestCompactRewritesTheDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3,000 articles twice")
	}
	root := t.TempDir()
	plain, packed := filepath.Join(root, "plain"), filepath.Join(root, "packed")
	for _, db := range []struct {
		dir  string
		opts []Option
	}{{plain, []Option{BulkLoad()}}, {packed, []Option{BulkLoad(), Compact()}}} {
		s, err := Open(Bolt, db.dir, db.opts...)
		if err != nil {
			t.Fatal(err)
		}
		writeBench(t, s, 0, 3000)
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
	before, after := fileInfo(t, boltFile(plain)).Size(), fileInfo(t, boltFile(packed)).Size()
	t.Logf("indexes.bolt: %d bytes as written, %d rewritten; cards.bolt %d, %d", before, after,
		fileInfo(t, cardIndexFile(plain)).Size(), fileInfo(t, cardIndexFile(packed)).Size())
	if after > before*7/10 {
		t.Errorf("rewritten indexes.bolt is %d bytes, written %d: want at most 70 %%", after, before)
	}
	if _, err := os.Stat(boltFile(packed) + boltfile.CopySuffix); !os.IsNotExist(err) {
		t.Errorf("the copy was left behind: %v", err)
	}

	open := func(dir string, opts ...Option) *Store {
		t.Helper()
		s, err := Open(Bolt, dir, opts...)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := open(plain, ReadMostly()), open(packed, ReadMostly())
	if !b.cardsUsable() {
		t.Error("the rewritten card index is not usable (its mark of the quads no longer matches?)")
	}
	if da, db := dump(t, a), dump(t, b); da != db {
		t.Errorf("the rewritten database holds other quads (%d bytes of dump, want %d)", len(db), len(da))
	}
	ctx := context.Background()
	_, na, arts, types, err := CardSummary(ctx, a, "ng:person/entity-1")
	if err != nil {
		t.Fatal(err)
	}
	_, nb, artsB, typesB, err := CardSummary(ctx, b, "ng:person/entity-1")
	if err != nil {
		t.Fatal(err)
	}
	if na == "" || arts == 0 || na != nb || arts != artsB || types != typesB {
		t.Errorf("cards differ: %q in %d articles, rewritten %q in %d", na, arts, nb, artsB)
	}
	a.Close()
	b.Close()

	// A small write: no rewrite (the same file).
	was := fileInfo(t, boltFile(packed))
	s := open(packed, Compact())
	writeBench(t, s, 3000, 3100)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	now := fileInfo(t, boltFile(packed))
	t.Logf("after 3 %% more articles: indexes.bolt %d bytes", now.Size())
	if !os.SameFile(was, now) {
		t.Error("a write of 3 % more articles rewrote the database")
	}
	// A write that grows it by more than a quarter: rewritten.
	s = open(packed, Compact())
	writeBench(t, s, 3100, 4500)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if os.SameFile(was, fileInfo(t, boltFile(packed))) {
		t.Error("a write of 45 % more articles did not rewrite the database")
	}
	// A copy left by a rewrite killed half-way is deleted by the next Open.
	if err := os.WriteFile(boltFile(packed)+boltfile.CopySuffix, []byte("half a copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	open(packed).Close()
	if _, err := os.Stat(boltFile(packed) + boltfile.CopySuffix); !os.IsNotExist(err) {
		t.Errorf("Open left a half-written copy: %v", err)
	}
}
