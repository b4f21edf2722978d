package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/input"
	"github.com/newsgraph/newsgraph/store"
)

// These tests use real bolt stores in temporary folders.

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(store.Bolt, filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func dump(t *testing.T, s *store.Store) []string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

// byLabel groups N-Quads lines by their label (the article).
func byLabel(t *testing.T, lines []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, l := range lines {
		q, err := nquads.NewReader(strings.NewReader(l+"\n"), false).ReadQuad()
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		out[q.Label.String()] = append(out[q.Label.String()], l)
	}
	return out
}

// The same story arrives as text, HTML, gzip HTML, RSS, Atom, JSON Lines, JSON, gzip JSON
// Lines, WARC and gzip WARC: it is stored once, as its first copy (the text file) gives it,
// and loading the folder again changes nothing.
func TestSameArticleOnceHoweverItArrived(t *testing.T) {
	s := openStore(t)
	dir := "../input/testdata/mixed"
	sum, err := Load(context.Background(), s, []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 2 || sum.Duplicates != 9 || sum.Articles != 11 || sum.Skipped+sum.Failed != 0 {
		t.Fatalf("summary %+v, want 2 added (the story and the second feed item), 9 duplicates", sum)
	}
	url := "<https://news.example.org/2025/03/03/bayramov-nato-delegation>"
	labels := byLabel(t, dump(t, s))
	if len(labels) != 2 || labels[url] == nil {
		t.Fatalf("labels: %v", keys(labels))
	}
	// The stored quads are those of the first copy, 01-story.txt.
	var first input.Item
	input.Reader{}.Read([]string{filepath.Join(dir, "01-story.txt")}, func(it input.Item) error { first = it; return it.Err })
	var want []string
	for _, q := range NQuads(Build(extract.New(), first.Article)) {
		want = append(want, q.NQuad())
	}
	got := labels[url]
	if strings.Join(sorted(want), "\n") != strings.Join(sorted(uniq(got)), "\n") {
		t.Errorf("stored quads are not those of the text copy:\n got %d quads\nwant %d quads", len(got), len(want))
	}
	var arts int
	for _, l := range got {
		if strings.Contains(l, "<rdf:type> <schema:NewsArticle>") {
			arts++
		}
	}
	if arts != 1 {
		t.Errorf("%d NewsArticle nodes for the story", arts)
	}

	sum, err = Load(context.Background(), s, []string{dir}, Options{})
	if err != nil || sum.Unchanged != 2 || sum.Duplicates != 9 || sum.Added+sum.Replaced != 0 || sum.Quads != 0 {
		t.Errorf("second load: %+v %v", sum, err)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sorted(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// countStage counts the articles that reach the extractor; panicStage crashes on a word.
type countStage struct{ n *atomic.Int64 }

func (c countStage) Process(*extract.Document) { c.n.Add(1) }

type panicStage struct{}

func (panicStage) Process(d *extract.Document) {
	if strings.Contains(d.Article.Text, "EXPLODE") {
		var m map[string]int
		m["boom"]++ // a nil map write: a real runtime panic
	}
}

func writeJSONL(t *testing.T, path string, n, from int) {
	t.Helper()
	var b strings.Builder
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, `{"id":"a%d","text":"Foreign Minister Jeyhun Bayramov received delegation number %d in Baku."}`+"\n", i, i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A load that was run before passes over what is stored without extracting it again.
func TestReloadDoesNotExtractAgain(t *testing.T) {
	s := openStore(t)
	p := filepath.Join(t.TempDir(), "a.jsonl")
	writeJSONL(t, p, 50, 0)
	var n atomic.Int64
	x := extract.New(append(extract.DefaultStages(), countStage{&n})...)
	if sum, err := Load(context.Background(), s, []string{p}, Options{Extractor: x}); err != nil || sum.Added != 50 {
		t.Fatalf("%+v %v", sum, err)
	}
	writeJSONL(t, p, 60, 0) // ten more
	n.Store(0)
	sum, err := Load(context.Background(), s, []string{p}, Options{Extractor: x})
	if err != nil || sum.Added != 10 || sum.Unchanged != 50 || sum.Written != 60 {
		t.Fatalf("%+v %v", sum, err)
	}
	if n.Load() != 10 {
		t.Errorf("%d articles extracted, want only the 10 new ones", n.Load())
	}
}

// An article the extractor crashes on is counted as failed, with one message; the rest load.
func TestExtractorPanicFailsOneArticle(t *testing.T) {
	s := openStore(t)
	p := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(p, []byte(`{"text":"Good one in Paris."}
{"text":"This one will EXPLODE."}
{"text":"Good two in Rome."}
`), 0o644)
	var fails []string
	x := extract.New(append([]extract.Stage{panicStage{}}, extract.DefaultStages()...)...)
	sum, err := Load(context.Background(), s, []string{p}, Options{Extractor: x,
		OnFail: func(where string, err error) { fails = append(fails, filepath.Base(where)+": "+err.Error()) }})
	if err != nil || sum.Added != 2 || sum.Failed != 1 || sum.Articles != 3 {
		t.Fatalf("%+v %v", sum, err)
	}
	if len(fails) != 1 || !strings.HasPrefix(fails[0], "a.jsonl:2: the extractor failed") || !strings.Contains(fails[0], "nil map") {
		t.Errorf("fails: %q", fails)
	}
}

// refusingWriter is a real store that refuses one article, as a server may refuse a batch.
type refusingWriter struct {
	*store.Store
	refuse quad.IRI
	calls  int
}

func (w *refusingWriter) WriteArticles(arts []store.Article) (store.WriteStats, error) {
	w.calls++
	for _, a := range arts {
		if a.IRI == w.refuse {
			return store.WriteStats{}, errors.New("refused")
		}
	}
	return w.Store.WriteArticles(arts)
}

// A batch with an article the writer refuses is written one by one: only that one fails.
func TestRefusedArticleFailsAlone(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.jsonl")
	writeJSONL(t, p, 20, 0)
	w := &refusingWriter{Store: openStore(t), refuse: "ng:article/a7"}
	var fails []string
	sum, err := Load(context.Background(), w, []string{p}, Options{OnFail: func(where string, err error) {
		fails = append(fails, filepath.Base(where)+": "+err.Error())
	}})
	if err != nil || sum.Added != 19 || sum.Failed != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if len(fails) != 1 || fails[0] != "a.jsonl:8: cannot write it: refused" {
		t.Errorf("fails %q", fails)
	}
	// A writer that refuses everything stops the load with its error.
	w.refuse = ""
	w2 := &refusingWriter{Store: openStore(t)}
	w2.refuse = "ng:article/a0"
	p2 := filepath.Join(t.TempDir(), "b.jsonl")
	writeJSONL(t, p2, 1, 0)
	if _, err := Load(context.Background(), w2, []string{p2}, Options{}); err == nil || err.Error() != "refused" {
		t.Errorf("err = %v", err)
	}
}

// When the context ends, what was extracted is written, and the summary says how far the
// load went; loading again completes it.
func TestInterruptedLoadWritesWhatItHasAndCompletes(t *testing.T) {
	s := openStore(t)
	p := filepath.Join(t.TempDir(), "a.jsonl")
	writeJSONL(t, p, 400, 0)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	prog := new(Progress)
	sum, err := Load(ctx, s, []string{p}, Options{BatchQuads: 200, Progress: prog, Extractor: extract.New(append(extract.DefaultStages(),
		stageFunc(func(*extract.Document) {
			if prog.Articles.Load() >= 100 {
				once.Do(cancel)
			}
		}))...)})
	if !errors.Is(err, context.Canceled) || !sum.Interrupted {
		t.Fatalf("err %v, %+v", err, sum)
	}
	if sum.Written == 0 || sum.Written >= 400 || sum.Written != sum.Added || !strings.HasSuffix(sum.LastWritten, fmt.Sprintf("a.jsonl:%d", sum.Written)) {
		t.Errorf("interrupted: %+v", sum)
	}
	stored := len(byLabel(t, dump(t, s)))
	if stored != sum.Written {
		t.Errorf("%d articles stored, summary says %d written", stored, sum.Written)
	}
	sum, err = Load(context.Background(), s, []string{p}, Options{})
	if err != nil || sum.Added+sum.Unchanged != 400 || sum.Unchanged != stored {
		t.Errorf("completing load: %+v %v", sum, err)
	}
}

type stageFunc func(*extract.Document)

func (f stageFunc) Process(d *extract.Document) { f(d) }

// Each gives results in input order whatever the number of workers.
func TestEachKeepsInputOrder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.jsonl")
	writeJSONL(t, p, 300, 0)
	i := 0
	err := Each(context.Background(), []string{p}, Options{Workers: 4}, func(res Result) error {
		if want := fmt.Sprintf("a%d", i); res.Article.ID != want {
			t.Fatalf("result %d is %s", i, res.Article.ID)
		}
		i++
		return nil
	})
	if err != nil || i != 300 {
		t.Fatalf("%v, %d results", err, i)
	}
}
