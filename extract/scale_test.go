package extract

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/gmb"
)

// runOnText is the input of issue 14, D5: capitalised names joined by "met", "visited" and
// "President", about n bytes, with no full stop (or, with stops, one after every third
// clause or so).
func runOnText(n int, stops bool) string {
	names := []string{"John Smith", "Angela Merkel", "Paris", "Barack Obama", "Moscow",
		"Vladimir Putin", "Kabul", "Hamid Karzai", "United Nations", "Ban Ki-moon", "Iraq",
		"Nouri al-Maliki", "Pakistan", "Asif Ali Zardari", "Beijing", "Hu Jintao", "Smith"}
	verbs := []string{"met", "visited", "President"}
	r := rand.New(rand.NewSource(1))
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(names[r.Intn(len(names))])
		b.WriteByte(' ')
		b.WriteString(verbs[r.Intn(len(verbs))])
		b.WriteByte(' ')
		b.WriteString(names[r.Intn(len(names))])
		if stops && r.Intn(3) == 0 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// extractCost is the least CPU time (and the wall time of that run) of a few extractions of
// text: the least is the run the machine's other work disturbed least.
func extractCost(x *Extractor, text string, runs int) (cpu, wall time.Duration) {
	for i := 0; i < runs; i++ {
		c, w := cpuTime(), time.Now()
		x.Extract(Article{Text: text})
		if dc, dw := cpuTime()-c, time.Since(w); i == 0 || dc < cpu {
			cpu, wall = dc, dw
		}
	}
	return cpu, wall
}

// TestExtractCostLinearInLength: a 400 KB text of names without full stops was one sentence
// and took 88 s (issue 14, D5): several stages compared every mention of the article or of a
// sentence with the others. 400 KB must now cost about 8 times 50 KB; the bound is 16 times
// (halfway, on a log scale, to the 64 of a quadratic cost) so that a busy machine does not
// fail it, and 10 s absolute.
func TestExtractCostLinearInLength(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 1 MB of text")
	}
	x := New()
	x.Extract(Article{Text: runOnText(4<<10, false)}) // model and gazetteer loading
	for _, stops := range []bool{false, true} {
		small, _ := extractCost(x, runOnText(50<<10, stops), 3)
		big, wall := extractCost(x, runOnText(400<<10, stops), 2)
		t.Logf("full stops %v: 50 KB %v CPU, 400 KB %v CPU (%.1fx), %v wall", stops,
			small.Round(time.Millisecond), big.Round(time.Millisecond), float64(big)/float64(small), wall.Round(time.Millisecond))
		if wall > 10*time.Second {
			t.Errorf("full stops %v: 400 KB took %v, want under 10 s", stops, wall)
		}
		if small > 0 && big > 16*small {
			t.Errorf("full stops %v: 400 KB cost %v, %.1f times 50 KB (%v): want about 8", stops, big, float64(big)/float64(small), small)
		}
	}
}

// TestOverlongSentencesAreCut: a text without full stops becomes sentences of at most
// maxSentenceTokens tokens, cut where no name is cut in two; ordinary sentences stay whole.
func TestOverlongSentencesAreCut(t *testing.T) {
	text := runOnText(20<<10, false)
	toks := Tokenize(text)
	sents := splitSentences(text, toks)
	if len(sents) < len(toks)/maxSentenceTokens {
		t.Fatalf("%d tokens in %d sentences", len(toks), len(sents))
	}
	next := 0
	for i, s := range sents {
		if s.First != next || s.Last-s.First > maxSentenceTokens || s.Last <= s.First {
			t.Fatalf("sentence %d: tokens [%d, %d), want from %d, at most %d", i, s.First, s.Last, next, maxSentenceTokens)
		}
		next = s.Last
		if i > 0 {
			a, _ := utf8.DecodeRuneInString(toks[s.First-1].Text)
			b, _ := utf8.DecodeRuneInString(toks[s.First].Text)
			if !unicode.IsLower(a) || !unicode.IsUpper(b) {
				t.Errorf("sentence %d starts between %q and %q", i, toks[s.First-1].Text, toks[s.First].Text)
			}
		}
	}
	if next != len(toks) {
		t.Errorf("sentences end at token %d of %d", next, len(toks))
	}
	// A long list is cut after a comma rather than anywhere.
	list := strings.Repeat("Paris, ", 300) + "and Rome."
	toks = Tokenize(list)
	for _, s := range splitSentences(list, toks)[:1] {
		if toks[s.Last-1].Text != "," {
			t.Errorf("a list was cut after %q, want a comma", toks[s.Last-1].Text)
		}
	}
	news := "Barack Obama met Angela Merkel in Berlin on Monday. They discussed trade, and " +
		strings.Repeat("the talks went on, ", 20) + "officials said."
	if got := splitSentences(news, Tokenize(news)); len(got) != 2 {
		t.Errorf("a news text of 2 sentences gave %d", len(got))
	}
}

// TestNamesakeIndexAgreesWithScan: the index answers as namesake's scan does, on random
// articles full of namesakes (ties, shared starts and uses at a namesake's own offset too).
func TestNamesakeIndexAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	names := []string{"Ali Khan", "Imran Khan", "Sadiq Khan", "Khan", "Aga Khan"}
	for trial := 0; trial < 300; trial++ {
		d := &Document{}
		for i := 0; i < 2+r.Intn(40); i++ {
			kind := KindName
			if r.Intn(4) == 0 {
				kind = KindAlias
			}
			st := r.Intn(60) * 5
			d.Mentions = append(d.Mentions, &Found{Span: Span{st, st + 4}, Kind: kind, Type: Person, Name: names[r.Intn(len(names))]})
		}
		var ns []*Found
		for i := 0; i < 1+r.Intn(12); i++ {
			ns = append(ns, d.Mentions[r.Intn(len(d.Mentions))])
		}
		x := newNamesakeIndex(d, map[string][]*Found{"Khan": ns})
		for off := -1; off <= 301; off++ {
			if got, want := x.pick("Khan", off), namesake(d, ns, off); got != want {
				t.Fatalf("trial %d, offset %d: index %+v, scan %+v", trial, off, got, want)
			}
		}
		// a mention changed as addAliasMentions changes them: the counts follow
		f := d.Mentions[r.Intn(len(d.Mentions))]
		before, was := x.countedID(f)
		f.Kind = KindAlias
		x.change(f, before, was)
		for off := -1; off <= 301; off++ {
			if got, want := x.pick("Khan", off), namesake(d, ns, off); got != want {
				t.Fatalf("trial %d after a change, offset %d: index %+v, scan %+v", trial, off, got, want)
			}
		}
	}
}

var newsOnce struct {
	sync.Once
	text string // at least 1 MB of news sentences
	from string
}

// newsText is n bytes (cut at a sentence) of consecutive GMB sentences when the corpus is in
// ../shared/data/gmb, else of the example articles repeated.
func newsText(b *testing.B, n int) (string, string) {
	newsOnce.Do(func() {
		var sb strings.Builder
		if sents, err := gmb.Read(gmb.DefaultPath()); err == nil {
			newsOnce.from = "GMB"
			for _, a := range gmb.Articles(sents, 20) {
				if sb.Len() > 1<<20+1<<16 {
					break
				}
				sb.WriteString(a.Text)
				sb.WriteString("\n\n")
			}
		} else {
			newsOnce.from = "examples"
			texts := exampleTexts(b)
			for sb.Len() < 1<<20+1<<16 {
				for _, t := range texts {
					sb.WriteString(t)
					sb.WriteString("\n\n")
				}
			}
		}
		newsOnce.text = sb.String()
	})
	text := newsOnce.text[:n]
	if i := strings.LastIndex(text, ". "); i > 0 {
		text = text[:i+1]
	}
	return text, newsOnce.from
}

// BenchmarkExtractLength: one article of 4 KB to 1 MB through the whole pipeline; ms/KB must
// stay flat as the text grows, for news and for text without full stops (issue 14, D5).
//
//	go test ./extract -run '^$' -bench ExtractLength -benchtime 3x
func BenchmarkExtractLength(b *testing.B) {
	x := New()
	x.Extract(Article{Text: runOnText(4<<10, false)})
	for _, kind := range []string{"news", "runon", "runon-stops"} {
		for _, kb := range []int{4, 16, 64, 256, 1024} {
			var text string
			switch kind {
			case "news":
				text, _ = newsText(b, kb<<10)
			case "runon":
				text = runOnText(kb<<10, false)
			default:
				text = runOnText(kb<<10, true)
			}
			b.Run(fmt.Sprintf("%s/%dKB", kind, kb), func(b *testing.B) {
				c := cpuTime()
				for i := 0; i < b.N; i++ {
					x.Extract(Article{Text: text})
				}
				kbs := float64(len(text)) / 1024 * float64(b.N)
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/kbs, "ms/KB")
				if c > 0 {
					b.ReportMetric(float64((cpuTime()-c).Microseconds())/1000/kbs, "cpu-ms/KB")
				}
			})
		}
	}
	if _, from := newsText(b, 1); from != "GMB" {
		fmt.Fprintln(os.Stderr, "BenchmarkExtractLength: news is the example articles (no GMB corpus)")
	}
}
