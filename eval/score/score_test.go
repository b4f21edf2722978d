package score

import (
	"math"
	"testing"
)

func TestCounts(t *testing.T) {
	c := Counts{TP: 3, FP: 1, FN: 2}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if !near(c.P(), 0.75) || !near(c.R(), 0.6) || !near(c.F1(), 2*0.75*0.6/1.35) {
		t.Errorf("P R F1 = %v %v %v", c.P(), c.R(), c.F1())
	}
	if z := (Counts{}); z.P() != 0 || z.R() != 0 || z.F1() != 0 {
		t.Errorf("zero counts: %v %v %v", z.P(), z.R(), z.F1())
	}
}
