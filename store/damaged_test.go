package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// damagedStore makes a bolt store of a few hundred articles, closes it and damages its
// indexes.bolt with spoil; it returns the database's directory.
func damagedStore(t *testing.T, spoil func(t *testing.T, file string)) string {
	t.Helper()
	s, dir := openTestStore(t, Bolt)
	write(t, s, fullArticles(0, 12)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	spoil(t, boltFile(dir))
	return dir
}

func overwriteMiddle(t *testing.T, file string) {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The middle of the pages in use, not of the file (which bolt grows ahead).
	db, err := bolt.Open(file, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int64(db.Info().PageSize)
	var used int64
	err = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	junk := make([]byte, 16<<10)
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	if _, err := f.WriteAt(junk, used/pageSize/2*pageSize); err != nil {
		t.Fatal(err)
	}
}

func truncateHalf(t *testing.T, file string) {
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(file, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
}

func zeroMeta(t *testing.T, file string) {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(make([]byte, 8192), 0); err != nil {
		t.Fatal(err)
	}
}

// A damaged indexes.bolt (random bytes over its middle, cut short, its meta pages gone) is
// refused at Open with one error naming the file, for writing and for reading, instead of a
// Go panic or "unexpected fault address" (D10).
func TestDamagedDatabaseFileIsOneError(t *testing.T) {
	for _, tc := range []struct {
		name  string
		spoil func(*testing.T, string)
	}{{"overwritten", overwriteMiddle}, {"truncated", truncateHalf}, {"meta", zeroMeta}} {
		for _, opts := range [][]Option{nil, {ReadMostly()}} {
			t.Run(fmt.Sprintf("%s,readMostly=%v", tc.name, opts != nil), func(t *testing.T) {
				dir := damagedStore(t, tc.spoil)
				s, err := Open(Bolt, dir, opts...)
				if err == nil {
					// A damage Open cannot see must still be one error when read.
					err = s.Dump(&strings.Builder{})
					s.Close()
				}
				if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "indexes.bolt")) || !strings.Contains(err.Error(), "damaged") {
					t.Errorf("err = %v, want one saying %s is damaged", err, boltFile(dir))
				}
				t.Log(err)
			})
		}
	}
}
