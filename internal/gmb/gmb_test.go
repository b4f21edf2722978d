package gmb

import (
	"os"
	"strings"
	"testing"
)

func TestParseSample(t *testing.T) {
	sents, err := Read("testdata/sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 3 {
		t.Fatalf("got %d sentences, want 3", len(sents))
	}
	if n := len(sents[0].Tokens); n != 17 {
		t.Errorf("sentence 1 has %d tokens, want 17", n)
	}
	s0 := sents[0].Tokens
	checks := []struct {
		i             int
		word, pos, tg string
	}{
		{0, "U.S.", "NNP", "B-geo"},
		{4, "café", "NN", "O"},   // Windows-1252 é
		{7, `"`, "``", "O"},      // quoted quote
		{9, "n’t", "RB", "O"},    // Windows-1252 right single quote
		{12, ",", ",", "O"},      // quoted comma
		{13, "1,500", "CD", "O"}, // quoted number
		{16, ".", ".", "O"},
	}
	for _, c := range checks {
		got := s0[c.i]
		if got.Word != c.word || got.POS != c.pos || got.Tag != c.tg {
			t.Errorf("token %d = %+v, want %q %q %q", c.i, got, c.word, c.pos, c.tg)
		}
	}
	if got := sents[1].Tokens[5]; got.Word != "Maria" || got.Tag != "B-per" {
		t.Errorf("sentence 2 token 5 = %+v", got)
	}
	if got := strings.Join(sents[2].Words(), " "); got != `" We will win , " she said .` {
		t.Errorf("sentence 3 words = %q", got)
	}
}

func TestParseUTF8AndErrors(t *testing.T) {
	in := "Sentence #,Word,POS,Tag\nSentence: 1,Zürich,NNP,B-geo\n,.,.,O\n"
	sents, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if w := sents[0].Tokens[0].Word; w != "Zürich" {
		t.Errorf("UTF-8 input decoded as %q", w)
	}
	if _, err := Parse(strings.NewReader("Sentence #,Word,POS,Tag\n,a,DT,O\n")); err == nil {
		t.Error("token before the first sentence id: no error")
	}
	if _, err := Parse(strings.NewReader("Sentence #,Word,POS,Tag\n")); err == nil {
		t.Error("empty corpus: no error")
	}
	if _, err := Read("testdata/does-not-exist.csv"); err == nil {
		t.Error("missing file: no error")
	}
}

func toks(words ...string) []Token {
	t := make([]Token, len(words))
	for i, w := range words {
		t[i].Word = w
		if w == "'" {
			t[i].POS = "POS"
		}
	}
	return t
}

func TestDetokenize(t *testing.T) {
	cases := []struct {
		words []string
		want  string
	}{
		{[]string{"U.S.", "officials", "say", "it", "'s", "over", "."}, "U.S. officials say it's over."},
		{[]string{"They", "do", "n't", "know", ",", "and", "ca", "n't", "say", "."}, "They don't know, and can't say."},
		{[]string{"The", "group", "(", "ETA", ")", "said", ":", "no", ";", "really", "?"}, "The group (ETA) said: no; really?"},
		{[]string{`"`, "We", "will", "win", ",", `"`, "she", "said", "."}, `"We will win," she said.`},
		{[]string{"He", "called", "it", `"`, "a", "farce", `"`, "on", "Monday", "."}, `He called it "a farce" on Monday.`},
		{[]string{"He", "said", `"`, "no", ".", `"`}, `He said "no."`},
		{[]string{"the", "farmers", "'", "union", "won", "$", "5", "million", "or", "3", "%"}, "the farmers' union won $5 million or 3%"},
		{[]string{"Shi'ite", "and", "O'Connor", "-", "the", "end", "..."}, "Shi'ite and O'Connor - the end..."},
		{nil, ""},
	}
	for _, c := range cases {
		tk := toks(c.words...)
		text, spans := Detokenize(tk)
		if text != c.want {
			t.Errorf("Detokenize(%q) = %q, want %q", c.words, text, c.want)
		}
		if len(spans) != len(tk) {
			t.Fatalf("%d spans for %d tokens", len(spans), len(tk))
		}
		for i, sp := range spans {
			if got := text[sp[0]:sp[1]]; got != tk[i].Word {
				t.Errorf("%q: span %d = %q, want %q", c.want, i, got, tk[i].Word)
			}
		}
	}
}

func TestArticles(t *testing.T) {
	sents, err := Read("testdata/sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	arts := Articles(sents, 2)
	if len(arts) != 2 {
		t.Fatalf("got %d articles, want 2", len(arts))
	}
	if arts[0].ID != "gmb-00001" || arts[1].ID != "gmb-00002" {
		t.Errorf("IDs %q %q", arts[0].ID, arts[1].ID)
	}
	if len(arts[0].Sentences) != 2 || len(arts[1].Sentences) != 1 || arts[1].First != 2 {
		t.Errorf("sentences per article: %d %d (first %d)", len(arts[0].Sentences), len(arts[1].Sentences), arts[1].First)
	}
	want := `U.S. officials say the café in Paris "is n’t open", 1,500 residents said. It doesn't matter (Maria Lopez) to the farmers' union's $5 million plan on Monday.`
	want = strings.Replace(want, "is n’t", "isn’t", 1)
	if arts[0].Text != want {
		t.Errorf("article text\n got %q\nwant %q", arts[0].Text, want)
	}
	for _, a := range arts {
		for s, sent := range a.Sentences {
			for i, tok := range sent.Tokens {
				sp := a.Spans[s][i]
				if got := a.Text[sp[0]:sp[1]]; got != tok.Word {
					t.Errorf("%s: sentence %d token %d: span text %q, want %q", a.ID, s, i, got, tok.Word)
				}
			}
		}
	}
}

func TestDefaultPath(t *testing.T) {
	p := DefaultPath()
	if !strings.HasSuffix(p, "shared/data/gmb/ner_dataset.csv") {
		t.Errorf("DefaultPath() = %q", p)
	}
}

// TestRealCorpus reads the shared corpus when it is there.
func TestRealCorpus(t *testing.T) {
	path := DefaultPath()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus not found at %s", path)
	}
	sents, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 47959 {
		t.Errorf("got %d sentences, want 47959", len(sents))
	}
	ntok := 0
	for _, s := range sents {
		ntok += len(s.Tokens)
		for _, tk := range s.Tokens {
			if tk.Word == "" || tk.POS == "" || tk.Tag == "" || strings.ContainsRune(tk.Word, '\uFFFD') {
				t.Fatalf("bad token %+v", tk)
			}
		}
	}
	if ntok != 1048575 {
		t.Errorf("got %d tokens, want 1048575", ntok)
	}
	first := strings.Join(sents[0].Words()[:4], " ")
	if first != "Thousands of demonstrators have" {
		t.Errorf("first sentence starts %q", first)
	}
	arts := Articles(sents, 20)
	if len(arts) != (47959+19)/20 {
		t.Errorf("%d articles", len(arts))
	}
	for _, a := range arts {
		for s, sent := range a.Sentences {
			for i, tok := range sent.Tokens {
				sp := a.Spans[s][i]
				if a.Text[sp[0]:sp[1]] != tok.Word {
					t.Fatalf("%s: span mismatch for %q", a.ID, tok.Word)
				}
			}
		}
	}
}

func TestClosingQuotes(t *testing.T) {
	tk := toks(`"`, "We", "win", ",", `"`, "he", "said", `"`, "a", "farce", `"`, "and", "the", "boys", "'", "tears", ".")
	got := ClosingQuotes(tk)
	want := map[int]bool{4: true, 10: true}
	for i := range tk {
		if got[i] != want[i] {
			t.Errorf("token %d %q: closing=%v", i, tk[i].Word, got[i])
		}
	}
}

func TestStripTitles(t *testing.T) {
	mk := func(s string) Sentence {
		var out Sentence
		for _, f := range strings.Fields(s) {
			i := strings.LastIndexByte(f, '/')
			out.Tokens = append(out.Tokens, Token{Word: f[:i], Tag: f[i+1:]})
		}
		return out
	}
	show := func(s Sentence) string {
		var b []string
		for _, tk := range s.Tokens {
			b = append(b, tk.Word+"/"+tk.Tag)
		}
		return strings.Join(b, " ")
	}
	cases := [][2]string{
		{"Foreign/B-per Minister/I-per Jeyhun/I-per Bayramov/I-per said/O", "Foreign/O Minister/O Jeyhun/B-per Bayramov/I-per said/O"},
		{"Mr./B-per Bush/I-per left/O", "Mr./O Bush/B-per left/O"},
		{"Secretary/B-per of/I-per State/I-per Condoleezza/I-per Rice/I-per", "Secretary/O of/O State/O Condoleezza/B-per Rice/I-per"},
		{"Martin/B-per Luther/I-per King/I-per", "Martin/B-per Luther/I-per King/I-per"},
		{"the/O Pope/B-per said/O", "the/O Pope/B-per said/O"},
		{"U.S./B-gpe Surgeon/B-per General/I-per ./O", "U.S./B-gpe Surgeon/B-per General/I-per ./O"},
		{"President/B-per Bush/I-per and/O Prime/B-per Minister/I-per Blair/I-per", "President/O Bush/B-per and/O Prime/O Minister/O Blair/B-per"},
		{"Germany/B-geo 's/O Angela/B-per Merkel/I-per", "Germany/B-geo 's/O Angela/B-per Merkel/I-per"},
	}
	for _, c := range cases {
		in := mk(c[0])
		if got := show(StripTitles(in)); got != c[1] {
			t.Errorf("StripTitles(%s)\n got %s\nwant %s", c[0], got, c[1])
		}
		if show(in) != c[0] {
			t.Errorf("StripTitles changed its input")
		}
	}
}

func TestPennPOS(t *testing.T) {
	s := Sentence{Tokens: []Token{
		{`"`, "``", "O"}, {"Yes", "UH", "O"}, {`"`, "``", "O"}, {"(", "LRB", "O"}, {"a", "DT", "O"},
		{")", "RRB", "O"}, {";", ";", "O"}, {"Bob", "NNP", "B-per"},
	}}
	got := strings.Join(s.PennPOS(), " ")
	if want := "`` UH '' -LRB- DT -RRB- : NNP"; got != want {
		t.Errorf("PennPOS = %q, want %q", got, want)
	}
	if got := strings.Join(s.Tags(), " "); got != "O O O O O O O B-per" {
		t.Errorf("Tags = %q", got)
	}
}
