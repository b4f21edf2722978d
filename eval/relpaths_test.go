package eval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract"
)

func TestPathTableLearntFromGold(t *testing.T) {
	text := "Mr. Medvedev and President Barack Obama signed the treaty last month in the Czech capital, Prague. " +
		"Mr. Putin and President Xi Jinping met on Monday in the Chinese capital, Beijing."
	doc := RelDoc{ID: "t", Split: "dev", Article: extract.Article{Text: text}, Gold: []RelGold{
		{S: "Prague", P: "containedInPlace", O: "Czechia|Czech Republic", Start: 0, End: 98},
		{S: "Beijing", P: "containedInPlace", O: "China", Start: 99, End: len(text)},
	}}
	pc := CountPaths([]RelDoc{doc}, extract.New())
	var b bytes.Buffer
	n, err := pc.WriteTable(&b, PathTableOptions{MinRight: 1, MinRightS: 2, MinPrecision: 0.5, MinSeenNone: 1})
	if err != nil || n == 0 {
		t.Fatalf("%d rules, %v:\n%s", n, err, b.String())
	}
	table := extract.ParsePathTable(b.String())
	shapes := 0
	for sig, r := range table {
		if strings.HasPrefix(sig, "S ") && r.Predicate == "containedInPlace" && r.Right == 2 {
			shapes++
		}
	}
	if shapes != 1 {
		t.Errorf("want the shape both capitals share as a rule, seen twice:\n%s", b.String())
	}
	// deterministic: the same counts write the same table
	var b2 bytes.Buffer
	pc.WriteTable(&b2, PathTableOptions{MinRight: 1, MinRightS: 2, MinPrecision: 0.5, MinSeenNone: 1})
	if b.String() != b2.String() {
		t.Error("two writes of one table differ")
	}
}
