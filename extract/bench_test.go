package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// exampleTexts returns the example articles' bodies.
func exampleTexts(b *testing.B) []string {
	b.Helper()
	founding, err := os.ReadFile("../examples/testdata/trend-azerbaijan-nato.txt")
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{string(founding)}
	f, err := os.Open("../examples/articles/voa-gmb.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, a.Text)
	}
	return texts
}

// article600 is a news text of about 600 words made of example articles.
func article600(b *testing.B) string {
	var sb strings.Builder
	for _, t := range exampleTexts(b) {
		if len(strings.Fields(sb.String())) >= 600 {
			break
		}
		sb.WriteString(t)
		sb.WriteString("\n\n")
	}
	words := strings.Fields(sb.String())
	return strings.Join(words[:600], " ")
}

// BenchmarkExtract600Words: one ~600-word article through the whole pipeline on one core.
func BenchmarkExtract600Words(b *testing.B) {
	text := article600(b)
	x := New()
	x.Extract(Article{Text: text}) // start-up: gazetteer and model loading
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.Extract(Article{Text: text})
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/article")
	b.ReportMetric(600*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkExtractParallel: the example articles on all cores.
func BenchmarkExtractParallel(b *testing.B) {
	texts := exampleTexts(b)
	x := New()
	x.Extract(Article{Text: texts[0]})
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			x.Extract(Article{Text: texts[i%len(texts)]})
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExtractGMB: the GMB articles of `go run ./bench/gmbjsonl -out /tmp/gmb.jsonl` on all
// cores (skipped when the file is missing); reports articles/s.
func BenchmarkExtractGMB(b *testing.B) {
	path := os.Getenv("GMB_JSONL")
	if path == "" {
		path = "/tmp/gmb.jsonl"
	}
	f, err := os.Open(path)
	if err != nil {
		b.Skip("no GMB articles: go run ./bench/gmbjsonl -out /tmp/gmb.jsonl")
	}
	defer f.Close()
	var arts []Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	b.Run("pipeline", func(b *testing.B) { benchArticles(b, New(), arts) })
	// without the Parser stage: what the dependency parse costs
	var stages []Stage
	for _, s := range DefaultStages() {
		if _, ok := s.(Parser); !ok {
			stages = append(stages, s)
		}
	}
	b.Run("no-parser", func(b *testing.B) { benchArticles(b, New(stages...), arts) })
}

func benchArticles(b *testing.B, x *Extractor, arts []Article) {
	x.Extract(arts[0])
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			x.Extract(arts[i%len(arts)])
			i++
		}
	})
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// CPU time is steadier than the wall clock on a shared machine: articles per CPU-second
	// (one core), and what two cores would do unshared.
	if cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
		b.ReportMetric(2*float64(b.N)/cpu.Seconds(), "articles/s-2cores")
	}
}
