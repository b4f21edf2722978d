// Command testsummary reads `go test -json` output and prints which tests were skipped and
// why, and which failed: the end of every .ci/run.
//
//	go run ./.ci/testsummary LABEL FILE [LABEL FILE]...
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

// event is one line of go test -json (test2json).
type event struct {
	Action, Package, Test, Output string
}

func main() {
	args := os.Args[1:]
	failed := false
	for i := 0; i+1 < len(args); i += 2 {
		skips, fails, passes, err := read(args[i+1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "testsummary:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d passed, %d skipped, %d failed\n", args[i], passes, len(skips), len(fails))
		for _, s := range skips {
			fmt.Println("  skip", s)
		}
		for _, f := range fails {
			fmt.Println("  FAIL", f)
		}
		failed = failed || len(fails) > 0
	}
	if failed {
		os.Exit(1)
	}
}

// read returns the skipped tests with their reasons, the failed ones, and the passes.
func read(name string) (skips, fails []string, passes int, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, 0, err
	}
	defer f.Close()
	last := map[string]string{}     // a test's last line of output: its skip reason
	output := map[string][]string{} // a test's output, printed when it fails
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue // build output
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			output[key] = append(output[key], e.Output)
			if l := strings.TrimSpace(e.Output); l != "" && !strings.HasPrefix(l, "---") && !strings.HasPrefix(l, "=== ") {
				last[key] = l
			}
		case "skip":
			if e.Test != "" {
				skips = append(skips, fmt.Sprintf("%s %s: %s", short(e.Package), e.Test, last[key]))
			}
		case "fail":
			if e.Test != "" || last[key] != "" {
				test := e.Test
				if test == "" {
					test = "(the package)"
				}
				fails = append(fails, fmt.Sprintf("%s %s\n%s", short(e.Package), test, strings.Join(output[key], "")))
			}
		case "pass":
			if e.Test != "" {
				passes++
			}
		}
	}
	sort.Strings(skips)
	return skips, fails, passes, sc.Err()
}

func short(pkg string) string { return strings.TrimPrefix(pkg, "github.com/newsgraph/newsgraph/") }
