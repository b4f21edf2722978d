package planner

import (
	"regexp"
	"testing"

	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// The prefix a name lookup scans must begin every value the pattern accepts: only literal
// text after a leading anchor, case-sensitive, counts.
func TestAnchoredPrefix(t *testing.T) {
	for expr, want := range map[string]string{
		`^Bush`:        "Bush",
		`\ABush`:       "Bush",
		`^Bush.*`:      "Bush",
		`^Bush (p|q)`:  "Bush ",
		`^Bush\(p`:     "Bush(p",
		`^Bu[sz]h`:     "Bu",
		`^B?ush`:       "",
		`Bush`:         "",
		`^Bush|^Obama`: "",
		`(?i)^bush`:    "",
		`^(?i)bush`:    "",
		`(?m)^Bush`:    "",
		`^`:            "",
		`^Jos[ée]`:     "Jos",
		`^Zürich`:      "Zürich",
	} {
		if got := anchoredPrefix(expr); got != want {
			t.Errorf("anchoredPrefix(%q) = %q, want %q", expr, got, want)
		}
		re := regexp.MustCompile(expr)
		for _, s := range []string{"Bush", "Bush (p", "Bush(p", "Buzh", "bush", "Obama", "x\nBush", "José", "Zürich"} {
			if re.MatchString(s) && len(s) >= len(want) && s[:len(want)] != want {
				t.Errorf("%q matches %q, which does not start with its prefix %q", expr, s, want)
			}
		}
	}
}

func TestPatternOf(t *testing.T) {
	m, ok := patternOf([]shape.ValueFilter{shape.Wildcard{Pattern: "Bu?h%"}})
	if !ok || m.prefix != "Bu" || !m.matches(quad.String("Bush jr")) || m.matches(quad.String("Bushes are")) == false {
		t.Fatalf("like Bu?h%%: %+v %v", m, ok)
	}
	if m.matches(quad.Int(3)) || !m.matches(quad.IRI("Bush")) {
		t.Error("like matches text and IRIs only")
	}
	m, ok = patternOf([]shape.ValueFilter{shape.Regexp{Re: regexp.MustCompile("^Bush")}})
	if !ok || m.prefix != "Bush" || m.matches(quad.IRI("Bush")) || !m.matches(quad.LangString{Value: "Bush", Lang: "en"}) {
		t.Fatalf("regex ^Bush: %+v %v", m, ok)
	}
	if _, ok := patternOf([]shape.ValueFilter{shape.Wildcard{Pattern: "%"}}); ok {
		t.Error(`like("%") accepts every value, text or not: no name lookup`)
	}
	if _, ok := patternOf([]shape.ValueFilter{shape.Comparison{Op: 0, Val: quad.String("B")}}); ok {
		t.Error("a comparison alone accepts values without text: no name lookup")
	}
}
