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

// go test -tags soak -run TestSoakLoadKills ./store: 60 kills at random moments (not only
// between transactions) of the load of TestLoadSurvivesSIGKILL, each run again and compared
// with an uninterrupted load.
func TestSoakLoadKills(t *testing.T) {
	base := filepath.Join(t.TempDir(), "base")
	loadKillBase(t, base)
	ref := filepath.Join(t.TempDir(), "ref")
	copyDir(t, base, ref)
	want := runOp(t, ref, "load")
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	bad, finished := 0, 0
	for i := range 60 {
		dir := filepath.Join(t.TempDir(), fmt.Sprint("load", i))
		copyDir(t, base, dir)
		cmd := exec.Command(os.Args[0], "-test.run", "^TestKillChild$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=load %s %d", killEnv, dir, 1000))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Intn(80)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err == nil || cmd.ProcessState.ExitCode() == 3 {
			finished++
		}
		if got := runOp(t, dir, "load"); got != want {
			bad++
			t.Errorf("load kill %d: differs:\n%s", i, linediff.Lines(want, got, 15))
		}
	}
	t.Logf("load: 60 random kills (%d finished first), %d differ", finished, bad)
}
