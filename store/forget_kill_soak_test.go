//go:build soak

package store

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/linediff"
)

// go test -tags soak -run TestSoakKills ./store: 40 kills at random moments (not only between
// transactions) of each operation, each run again and compared with an uninterrupted run.
func TestSoakKills(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base")
	killBase(t, base)
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	for _, op := range []string{"forget", "merge", "unmerge", "auto"} {
		ref := filepath.Join(t.TempDir(), op+"-ref")
		copyDir(t, base, ref)
		want := runOp(t, ref, op)
		bad := 0
		for i := range 40 {
			dir := filepath.Join(t.TempDir(), fmt.Sprint(op, i))
			copyDir(t, base, dir)
			cmd := exec.Command(os.Args[0], "-test.run", "^TestKillChild$")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d", killEnv, op, dir, 1000))
			cmd.Start()
			time.Sleep(time.Duration(r.Intn(60)) * time.Millisecond)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			if got := runOp(t, dir, op); got != want {
				bad++
				t.Errorf("%s kill %d: differs:\n%s", op, i, linediff.Lines(want, got, 15))
			}
		}
		t.Logf("%s: 40 random kills, %d differ", op, bad)
	}
}
