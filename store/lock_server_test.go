//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/store/lockfile"
)

// A server records its URL in the lock file it holds; another opener is still turned away
// with the holder's pid (the first line), and can read where to ask instead.
func TestRecordServer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	if Exists(dir) {
		t.Fatal("Exists before any open")
	}
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !Exists(dir) {
		t.Error("not Exists after an open")
	}
	if u := lockfile.ServerURL(dir); u != "" {
		t.Errorf("ServerURL before RecordServer = %q", u)
	}
	if err := lockfile.RecordServer(dir, "http://127.0.0.1:64210"); err != nil {
		t.Fatal(err)
	}
	if u := lockfile.ServerURL(dir); u != "http://127.0.0.1:64210" {
		t.Errorf("ServerURL = %q", u)
	}
	openExpectInUse(t, dir, fmt.Sprintf("pid %d", os.Getpid()))
	if err := lockfile.RecordServer(filepath.Join(t.TempDir(), "none"), "http://x"); err != nil {
		t.Errorf("RecordServer without a lock file: %v", err)
	}
}
