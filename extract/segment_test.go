package extract

import (
	"strings"
	"testing"
)

func tokenTexts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Azerbaijan's Foreign Minister", "Azerbaijan|'s|Foreign|Minister"},
		{"Azerbaijan’s participation", "Azerbaijan|’s|participation"},
		{"the U.S. and Gen. Smith said.", "the|U.S.|and|Gen.|Smith|said|."},
		{"(PfP) Framework", "(|PfP|)|Framework"},
		{`"We won," he said.`, `"|We|won|,|"|he|said|.`},
		{"NATO-led missions", "NATO-led|missions"},
		{"didn't stop", "did|n't|stop"},
		{"January 22.", "January|22|."},
		{"J. Smith", "J.|Smith"},
		{"peace—and war", "peace|—|and|war"},
		{"1,000 people", "1,000|people"},
	}
	for _, c := range cases {
		toks := Tokenize(c.in)
		if got := strings.Join(tokenTexts(toks), "|"); got != c.want {
			t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, tk := range toks {
			if c.in[tk.Start:tk.End] != tk.Text {
				t.Errorf("offsets of %q wrong: %d-%d", tk.Text, tk.Start, tk.End)
			}
		}
	}
}

func sentences(text string) []string {
	d := NewDocument(Article{Text: text})
	Segmenter{}.Process(d)
	var out []string
	for _, s := range d.Sentences {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"BAKU, Azerbaijan, January 22. Opportunities were discussed. Trend reports.",
			[]string{"BAKU, Azerbaijan, January 22.", "Opportunities were discussed.", "Trend reports."}},
		{"Gen. J. Smith met U.S. officials on Jan. 5. They talked.",
			[]string{"Gen. J. Smith met U.S. officials on Jan. 5.", "They talked."}},
		{"He lives in the U.S. The rest stayed.",
			[]string{"He lives in the U.S.", "The rest stayed."}},
		{"Leaders meet in Baku\n\nThe talks began.", []string{"Leaders meet in Baku", "The talks began."}},
		{"Leaders meet in Baku\nThe talks began.", []string{"Leaders meet in Baku", "The talks began."}},
		{`"We will win." He left.`, []string{`"We will win."`, "He left."}},
		{"It rose 3.5 percent. Prices fell.", []string{"It rose 3.5 percent.", "Prices fell."}},
	}
	for _, c := range cases {
		got := sentences(c.in)
		if strings.Join(got, "||") != strings.Join(c.want, "||") {
			t.Errorf("sentences(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
