// Package linediff shows how two texts of lines differ as sets, for tests' failure messages:
// dumps of N-Quads, whose order carries no meaning.
package linediff

import (
	"fmt"
	"slices"
	"strings"
)

// Lines lists the lines only in a ("- ") and only in b ("+ "), sorted, at most max of them
// and a count of the rest.
func Lines(a, b string, max int) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for l := range ma {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range mb {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	slices.Sort(out)
	if len(out) > max {
		out = append(out[:max], fmt.Sprintf("... %d more", len(out)-max))
	}
	return strings.Join(out, "\n")
}
