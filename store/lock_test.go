//go:build unix

package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openExpectInUse opens dir and wants it to fail fast with ErrInUse and a
// message naming the database and containing want.
func openExpectInUse(t *testing.T, dir, want string) {
	t.Helper()
	start := time.Now()
	s, err := Open(Bolt, dir)
	elapsed := time.Since(start)
	if err == nil {
		s.Close()
		t.Fatal("second Open succeeded, want ErrInUse")
	}
	if elapsed > 2*time.Second {
		t.Errorf("second Open took %v, want < 2s", elapsed)
	}
	if !errors.Is(err, ErrInUse) {
		t.Errorf("err = %v, want ErrInUse", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "database "+dir+" is in use") || !strings.Contains(msg, want) {
		t.Errorf("err = %q, want it to name %s and say %q", msg, dir, want)
	}
}

func TestOpenTwiceInOneProcess(t *testing.T) {
	s, dir := openTestStore(t, Bolt)
	openExpectInUse(t, dir, fmt.Sprintf("another newsgraph process (pid %d)", os.Getpid()))

	// The failed Open did not disturb the first Store.
	write(t, s, article1("h1"))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(Bolt, dir)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	defer s2.Close()
	if n := quadCount(t, s2); n != 4 {
		t.Errorf("quad count = %d, want 4", n)
	}
}

// A program other than newsgraph (cayley itself, say) holds bolt's own lock.
func TestOpenWhileBoltFileLocked(t *testing.T) {
	s, dir := openTestStore(t, Bolt)
	s.Close()
	f, err := os.OpenFile(filepath.Join(dir, "indexes.bolt"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	openExpectInUse(t, dir, "another process (it holds "+filepath.Join(dir, "indexes.bolt")+")")

	// Once the other program lets go, the database opens, and the failed
	// Open left no lock of its own behind.
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(Bolt, dir)
	if err != nil {
		t.Fatalf("Open after unlock: %v", err)
	}
	s2.Close()
}

const holdEnv = "NEWSGRAPH_TEST_HOLD_DB"

// TestHelperHoldDatabase is not a test: TestOpenInUseByOtherProcess runs
// the test binary again with it to hold a database open in another process
// until its standard input closes.
func TestHelperHoldDatabase(t *testing.T) {
	dir := os.Getenv(holdEnv)
	if dir == "" {
		t.Skip("helper process for TestOpenInUseByOtherProcess")
	}
	s, err := Open(Bolt, dir)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

// holdInChild opens dir in a child process and returns it once it holds it.
func holdInChild(t *testing.T, dir string) (*exec.Cmd, *os.File) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldDatabase$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		t.Fatalf("child process: %q, %v", line, err)
	}
	return cmd, stdin.(*os.File)
}

func TestOpenInUseByOtherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := filepath.Join(t.TempDir(), "newsgraph.db")

	// The child closes the database when its standard input closes.
	cmd, stdin := holdInChild(t, dir)
	openExpectInUse(t, dir, fmt.Sprintf("another newsgraph process (pid %d)", cmd.Process.Pid))
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	s, err := Open(Bolt, dir)
	if err != nil {
		t.Fatalf("Open after the child closed it: %v", err)
	}
	s.Close()

	// A child killed while holding the database leaves a lock file with its
	// pid, but no lock: the database opens.
	cmd, _ = holdInChild(t, dir)
	openExpectInUse(t, dir, fmt.Sprintf("(pid %d)", cmd.Process.Pid))
	cmd.Process.Kill()
	cmd.Wait()
	s, err = Open(Bolt, dir)
	if err != nil {
		t.Fatalf("Open after the child was killed: %v", err)
	}
	s.Close()
}
