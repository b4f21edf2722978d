package tagger

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

func TestDefaultLoads(t *testing.T) {
	t0 := time.Now()
	fresh, err := LoadBytes(defaultModel)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %v: %s", time.Since(t0), fresh.Info())
	m := Default()
	if len(m.POSTags()) < 40 {
		t.Errorf("only %d POS tags", len(m.POSTags()))
	}
	if got := len(m.EntityTags()); got != 17 {
		t.Errorf("%d entity tags, want 17: %v", got, m.EntityTags())
	}
	if Default() != m {
		t.Error("Default() loads twice")
	}
}

// sentence tags words joined by spaces.
func tagSentence(s string) (words, pos, ent []string) {
	words = strings.Fields(s)
	pos, ent = Default().Tag(words)
	return words, pos, ent
}

func TestNewsSentences(t *testing.T) {
	cases := []struct {
		text string
		pos  map[string]string // word → expected POS
		ent  map[string]string // word → expected entity tag
	}{
		{
			text: "Azerbaijan 's Foreign Minister Jeyhun Bayramov met NATO officials in Baku on Tuesday .",
			pos:  map[string]string{"Azerbaijan": "NNP", "'s": "POS", "Jeyhun": "NNP", "Bayramov": "NNP", "met": "VBD", "officials": "NNS", "in": "IN", "Baku": "NNP", ".": "."},
			ent:  map[string]string{"Jeyhun": "B-per", "Bayramov": "I-per", "Baku": "B-geo", "Tuesday": "B-tim", "NATO": "B-org", "met": "O", "officials": "O"},
		},
		{
			text: "Jeyhun Bayramov met NATO officials in Baku on Tuesday .",
			ent:  map[string]string{"Jeyhun": "B-per", "Bayramov": "I-per", "Baku": "B-geo"},
		},
		{
			text: "The United Nations says more than 1,000 people have fled the fighting in northern Syria since January .",
			pos:  map[string]string{"The": "DT", "United": "NNP", "Nations": "NNP", "says": "VBZ", "people": "NNS", "fled": "VBN", "1,000": "CD"},
			ent:  map[string]string{"United": "B-org", "Nations": "I-org", "Syria": "B-geo", "people": "O"},
		},
		{
			// sentence start: capitalised common word, then an unknown name
			text: "Officials in Baku said President Ilham Aliyev will travel to Brussels on Friday .",
			pos:  map[string]string{"Officials": "NNS", "said": "VBD", "Aliyev": "NNP", "will": "MD"},
			ent:  map[string]string{"Officials": "O", "Baku": "B-geo", "Ilham": "B-per", "Aliyev": "I-per", "Brussels": "B-geo", "Friday": "B-tim"},
		},
		{
			text: "Bayramov told reporters the talks were useful .",
			ent:  map[string]string{"Bayramov": "B-per", "told": "O", "reporters": "O"},
		},
		{
			text: "German Chancellor Angela Merkel told reporters in Berlin that she does n't expect a deal .",
			pos:  map[string]string{"Angela": "NNP", "Merkel": "NNP", "told": "VBD", "does": "VBZ", "n't": "RB", "expect": "VB"},
			ent:  map[string]string{"German": "B-gpe", "Angela": "B-per", "Merkel": "I-per", "Berlin": "B-geo"},
		},
	}
	for _, c := range cases {
		words, pos, ent := tagSentence(c.text)
		for i, w := range words {
			if want, ok := c.pos[w]; ok && pos[i] != want {
				t.Errorf("%q: POS of %q = %s, want %s", c.text, w, pos[i], want)
			}
			if want, ok := c.ent[w]; ok && ent[i] != want {
				t.Errorf("%q: entity tag of %q = %s, want %s", c.text, w, ent[i], want)
			}
		}
		if t.Failed() {
			t.Logf("%q\n  pos %v\n  ent %v", c.text, pos, ent)
		}
	}
}

func TestTokenVariants(t *testing.T) {
	// Curly quotes and apostrophes, PTB bracket tokens: same tags as the plain forms.
	_, p1, e1 := tagSentence(`“ We are ready , ” said Ilham Aliyev ( President ) , Azerbaijan ’s leader .`)
	_, p2, e2 := tagSentence(`" We are ready , " said Ilham Aliyev -LRB- President -RRB- , Azerbaijan 's leader .`)
	if strings.Join(p1, " ") != strings.Join(p2, " ") || strings.Join(e1, " ") != strings.Join(e2, " ") {
		t.Errorf("variants tagged differently:\n%v\n%v\n%v\n%v", p1, p2, e1, e2)
	}
	if p1[0] != "``" || p1[5] != "''" {
		t.Errorf("quotes tagged %s and %s, want `` and ''", p1[0], p1[5])
	}
}

func TestEmptyAndTagInto(t *testing.T) {
	m := Default()
	pos, ent := m.Tag(nil)
	if len(pos) != 0 || len(ent) != 0 {
		t.Error("empty sentence: non-empty tags")
	}
	// odd tokens do not panic
	odd := []string{"", " ", "\x00", "\xff\xfe", strings.Repeat("x", 1000), "日本", "--", "...", "1,000,000.5"}
	if pos, ent := m.Tag(odd); len(pos) != len(odd) || len(ent) != len(odd) {
		t.Error("odd tokens: wrong number of tags")
	}
	long := strings.Fields(strings.Repeat("Troops from Kenya and Uganda patrol the area . ", 200))
	if pos, _ := m.Tag(long); len(pos) != len(long) {
		t.Error("long sentence: wrong number of tags")
	}
	words := strings.Fields("Officials in Kabul said 25 people died .")
	p := make([]string, len(words))
	m.TagInto(words, p, nil)
	wantP, _ := m.Tag(words)
	if strings.Join(p, " ") != strings.Join(wantP, " ") {
		t.Errorf("TagInto without entities: %v, want %v", p, wantP)
	}
	// POS only: no allocation. With entities: only gazetteer.Match's slice
	// of hits for each name it finds ("Kabul").
	allocs := testing.AllocsPerRun(100, func() { m.TagInto(words, p, nil) })
	if allocs > 0 && !raceEnabled {
		t.Errorf("TagInto (POS) allocates %.1f times per call", allocs)
	}
	allocs = testing.AllocsPerRun(100, func() { m.TagInto(words, p, p) })
	if allocs > 1 && !raceEnabled {
		t.Errorf("TagInto allocates %.1f times per call, want at most 1 (one gazetteer name)", allocs)
	}
	plain := strings.Fields("Officials said 25 people died in the attack .")
	pp := make([]string, len(plain))
	allocs = testing.AllocsPerRun(100, func() { m.TagInto(plain, pp, pp) })
	if allocs > 0 && !raceEnabled {
		t.Errorf("TagInto allocates %.1f times per call on a sentence without gazetteer names", allocs)
	}
}

func TestConcurrent(t *testing.T) {
	m := Default()
	words := strings.Fields("Pakistani Foreign Minister Khursheed Kasuri says Islamabad is willing to seal its border with Afghanistan .")
	wantP, wantE := m.Tag(words)
	done := make(chan bool)
	for range 4 {
		go func() {
			ok := true
			for range 50 {
				p, e := m.Tag(words)
				ok = ok && strings.Join(p, " ") == strings.Join(wantP, " ") && strings.Join(e, " ") == strings.Join(wantE, " ")
			}
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("concurrent tagging differs")
		}
	}
}

func TestSpans(t *testing.T) {
	got := Spans([]string{"B-per", "I-per", "O", "I-geo", "I-geo", "B-geo", "I-org", "B-tim"})
	want := []Span{{"per", 0, 2}, {"geo", 3, 5}, {"geo", 5, 6}, {"org", 6, 7}, {"tim", 7, 8}}
	if len(got) != len(want) {
		t.Fatalf("Spans = %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("Spans = %v, want %v", got, want)
			break
		}
	}
}

func TestTrainSmall(t *testing.T) {
	exs := []Example{
		{Words: strings.Fields("John Smith visited Paris ."), POS: strings.Fields("NNP NNP VBD NNP ."), Ent: strings.Fields("B-per I-per O B-geo O")},
		{Words: strings.Fields("Mary Jones left London ."), POS: strings.Fields("NNP NNP VBD NNP ."), Ent: strings.Fields("B-per I-per O B-geo O")},
		{Words: strings.Fields("The talks ended ."), POS: strings.Fields("DT NNS VBD ."), Ent: strings.Fields("O O O O")},
	}
	m, err := Train(exs, TrainOptions{Iters: 5, Folds: 1, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	var b1, b2 strings.Builder
	if err := m.Save(&b1); err != nil {
		t.Fatal(err)
	}
	m2, err := Train(exs, TrainOptions{Iters: 5, Folds: 1, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if err := m2.Save(&b2); err != nil {
		t.Fatal(err)
	}
	if b1.String() != b2.String() {
		t.Error("training is not reproducible")
	}
	loaded, err := LoadBytes([]byte(b1.String()))
	if err != nil {
		t.Fatal(err)
	}
	ev := Evaluate(loaded, exs)
	if ev.POSAccuracy() < 0.99 || ev.Micro.F1() < 0.99 {
		t.Errorf("training data not learnt: POS %.2f, F1 %.2f", ev.POSAccuracy(), ev.Micro.F1())
	}
	if _, err := LoadBytes([]byte("not a model")); err == nil {
		t.Error("garbage loads")
	}
	if err := loaded.Save(&b2); err == nil {
		t.Error("a loaded model saves")
	}
	if _, err := Train([]Example{{Words: []string{"a"}, POS: nil}}, TrainOptions{}); err == nil {
		t.Error("bad example: no error")
	}
}

// TestHeldOut checks the committed model on the held-out end of the GMB corpus,
// when the corpus is there.
func TestHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	path := gmb.DefaultPath()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus not found at %s", path)
	}
	sents, err := gmb.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	held := sents[len(sents)-int(float64(len(sents))*0.1+0.5):]
	exs := make([]Example, len(held))
	for i, s := range held {
		s = gmb.StripTitles(s)
		exs[i] = Example{Words: s.Words(), POS: s.PennPOS(), Ent: s.Tags()}
	}
	ev := Evaluate(Default(), exs)
	t.Logf("held-out: POS %.2f%%, NER micro F1 %.2f%%", 100*ev.POSAccuracy(), 100*ev.Micro.F1())
	if ev.POSAccuracy() < 0.97 || ev.Micro.F1() < 0.80 {
		t.Errorf("held-out: POS %.2f%%, NER F1 %.2f%%", 100*ev.POSAccuracy(), 100*ev.Micro.F1())
	}
}

// BenchmarkLoad loads the embedded model; it also reports the CPU time per
// load (both cores), steadier than the wall clock on a busy machine.
func BenchmarkLoad(b *testing.B) {
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := LoadBytes(defaultModel); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// benchSentences is the GMB corpus when it is there, else a few news sentences.
func benchSentences(b *testing.B) [][]string {
	if sents, err := gmb.Read(gmb.DefaultPath()); err == nil {
		out := make([][]string, 0, 5000)
		for _, s := range sents[len(sents)-5000:] {
			out = append(out, s.Words())
		}
		return out
	}
	b.Log("GMB corpus not found: benchmarking on built-in sentences")
	var out [][]string
	for _, s := range []string{
		"Azerbaijan 's Foreign Minister Jeyhun Bayramov met NATO officials in Baku on Tuesday .",
		"The United Nations says more than 1,000 people have fled the fighting in northern Syria since January .",
		"German Chancellor Angela Merkel told reporters in Berlin that she does n't expect a deal .",
		"Oil prices rose 2 % to $ 85 a barrel on Monday after OPEC said it would cut output .",
		"Police in Karachi say gunmen killed three people and wounded 12 others in an attack on a mosque .",
	} {
		out = append(out, strings.Fields(s))
	}
	return out
}

// benchTag reports tokens per second of wall-clock time, and of CPU time
// (steadier when other work shares the machine).
func benchTag(b *testing.B, withEntities bool) {
	m := Default()
	sents := benchSentences(b)
	pos, ent := make([]string, 200), make([]string, 200)
	if !withEntities {
		ent = nil
	}
	tokens := 0
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; b.Loop(); i++ {
		s := sents[i%len(sents)]
		m.TagInto(s, pos, ent)
		tokens += len(s)
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkTag tags POS and entities.
func BenchmarkTag(b *testing.B) { benchTag(b, true) }

// BenchmarkTagPOS tags POS only.
func BenchmarkTagPOS(b *testing.B) { benchTag(b, false) }
