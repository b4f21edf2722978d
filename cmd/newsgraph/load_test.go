package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/internal/gmb"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// Tests of the load command: real binary, real bolt databases, real HTTP servers.

const mixed = "../../input/testdata/mixed"

// The mixed folder holds one story in ten forms and one other article: two articles.
func TestLoadMixedFormats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	out := mustRun(t, db, "load", mixed)
	if !strings.Contains(out, "articles 11 (new 2, replaced 0, unchanged 0, duplicates 9), skipped 0, failed 0") {
		t.Errorf("summary: %s", out)
	}
	got := query(t, db, `g.V().Has("<rdf:type>", "<schema:NewsArticle>").All()`)
	sort.Strings(got)
	want := []string{"<https://news.example.org/2025/03/03/bayramov-nato-delegation>", "<https://news.example.org/2025/03/04/tbilisi-talks>"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("articles %q", got)
	}
	if got := query(t, db, `g.V("<https://news.example.org/2025/03/03/bayramov-nato-delegation>").Out("<schema:headline>").All()`); len(got) != 1 || got[0] != "Bayramov receives NATO delegation in Baku" {
		t.Errorf("headline %q", got)
	}
}

// load URL fetches a page or a feed.
func TestLoadURL(t *testing.T) {
	page, err := os.ReadFile(filepath.Join(mixed, "02-story.html"))
	if err != nil {
		t.Fatal(err)
	}
	feed, _ := os.ReadFile(filepath.Join(mixed, "04-feed.rss"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write(feed)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "news.db")
	out, errOut, err := newsgraph(t, db, "load", srv.URL+"/story", srv.URL+"/feed", srv.URL+"/gone")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	// The page names a canonical URL on news.example.org; fetched from another host, that
	// URL is not its id (a page may not claim another site's articles: input/html.go), so
	// it is not a duplicate of the feed's item of that URL.
	if !strings.Contains(out, "new 3,") || !strings.Contains(out, "duplicates 0") || !strings.Contains(errOut, "skipped "+srv.URL+"/gone: cannot fetch: HTTP 404") {
		t.Errorf("out: %s\nerr: %s", out, errOut)
	}
}

func TestLoadExitStatus(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("\x00\x01binary"), 0o644)
	empty := filepath.Join(dir, "emptydir")
	os.Mkdir(empty, 0o755)
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Foreign Minister Jeyhun Bayramov received Radmila Shekerinska in Baku."), 0o644)

	if _, errOut, err := newsgraph(t, db, "load", bad); err == nil || !strings.Contains(errOut, "nothing could be loaded") {
		t.Errorf("only bad input: err %v, %s", err, errOut)
	}
	if _, errOut, err := newsgraph(t, db, "load", empty); err == nil || !strings.Contains(errOut, "nothing could be loaded") {
		t.Errorf("empty folder: err %v, %s", err, errOut)
	}
	if _, errOut, err := newsgraph(t, db, "load", bad, good); err != nil || !strings.Contains(errOut, "skipped "+bad+": binary data") {
		t.Errorf("bad beside good: err %v, %s", err, errOut)
	}
	if _, errOut, err := newsgraph(t, db, "load", "--strict", bad, good); err == nil || !strings.Contains(errOut, "--strict: 1 inputs skipped") {
		t.Errorf("--strict: err %v, %s", err, errOut)
	}
	// Rerunning the same load is a success: the article is there.
	if out, errOut, err := newsgraph(t, db, "load", "--quiet", good); err != nil || !strings.Contains(out, "unchanged 1") || errOut != "" {
		t.Errorf("reload: err %v, %s %s", err, out, errOut)
	}
}

// While another process holds the database, load says at once what to do; with --server it
// hands its articles to the server, which writes exactly what a local load writes.
func TestLoadThroughServer(t *testing.T) {
	clean := loadedExamples(t)
	want := mustRun(t, clean, "export", "--stored")

	db := filepath.Join(t.TempDir(), "served.db")
	s, err := store.Open(store.Bolt, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	srv := httptest.NewServer(server.NewHandler(s, server.ServerOptions{Writable: true, Token: "s3cret"}))
	defer srv.Close()

	start := time.Now()
	_, errOut, err := newsgraph(t, db, "load", examples)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("load beside a holder: err %v after %v", err, time.Since(start))
	}
	for _, want := range []string{"in use", "stop that process", "serve --writable --token", "load --server http://"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message lacks %q:\n%s", want, errOut)
		}
	}

	if _, errOut, err := newsgraph(t, db, "load", "--server", srv.URL, "--token", "wrong", examples); err == nil || !strings.Contains(errOut, "401") {
		t.Errorf("wrong token: err %v %s", err, errOut)
	}
	out, errOut, err := newsgraph(t, db, "load", "--server", srv.URL, "--token", "s3cret", examples)
	if err != nil || !strings.Contains(out, "articles 9 (new 9,") {
		t.Fatalf("load --server: %v\n%s\n%s", err, out, errOut)
	}
	var got bytes.Buffer
	if err := s.Dump(&got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want {
		t.Errorf("the server's store differs from a local load (%d vs %d bytes)", got.Len(), len(want))
	}
	out, _, err = newsgraph(t, db, "load", "--server", srv.URL, "--token", "s3cret", examples)
	if err != nil || !strings.Contains(out, "new 0, replaced 0, unchanged 9") {
		t.Errorf("second load --server: %v %s", err, out)
	}
}

// corpus writes n small articles as JSON Lines: runs of three sentences of the GMB corpus
// when it is there, else synthetic ones.
func corpus(t *testing.T, n int) string {
	p, _ := corpusNamed(t, n)
	return p
}

// corpusNamed is corpus, with three entities that corpus mentions in many articles: the
// ones a test looks up must be in the corpus it got, GMB or not.
func corpusNamed(t *testing.T, n int) (path string, names []string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if sents, err := gmb.Read(gmb.DefaultPath()); err == nil && len(sents) >= 3*n {
		for _, a := range gmb.Articles(sents[:3*n], 3) {
			enc.Encode(map[string]string{"id": a.ID, "text": a.Text})
		}
		names = []string{"United States", "Iraq", "Bush"}
	} else {
		t.Logf("no GMB corpus at %s (%v): synthetic articles", gmb.DefaultPath(), err)
		names = []string{"Jeyhun Bayramov", "Xi Jinping", "Partnership for Peace"}
		people := []string{"Jeyhun Bayramov", "Radmila Shekerinska", "Olaf Scholz", "Emmanuel Macron", "Xi Jinping"}
		cities := []string{"Baku", "Paris", "Berlin", "Beijing", "Rome"}
		for i := 0; i < n; i++ {
			enc.Encode(map[string]string{"id": fmt.Sprintf("syn-%05d", i), "text": fmt.Sprintf(
				"Foreign Minister %s received %s in %s on Monday, report %d. They discussed the Partnership for Peace. NATO welcomed the talks.",
				people[i%5], people[(i+1)%5], cities[i%5], i)})
		}
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, names
}

// dumpByLabel opens a database (it must open) and returns its quads grouped by article.
func dumpByLabel(t *testing.T, db string) map[string]string {
	t.Helper()
	s, err := store.Open(store.Bolt, db)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer s.Close()
	var b bytes.Buffer
	if err := s.Dump(&b); err != nil {
		t.Fatalf("dump: %v", err)
	}
	return groupByLabel(t, b.String())
}

func groupByLabel(t *testing.T, dump string) map[string]string {
	t.Helper()
	groups := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(normalMergeTimes(dump)), "\n") {
		if l == "" {
			continue
		}
		q, err := nquads.NewReader(strings.NewReader(l+"\n"), false).ReadQuad()
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		groups[q.Label.String()] = append(groups[q.Label.String()], l)
	}
	out := map[string]string{}
	for k, v := range groups {
		sort.Strings(v)
		out[k] = strings.Join(v, "\n")
	}
	return out
}

// normalMergeTimes gives every merge the same time: a load records the time of the links it
// makes (merges by "newsgraph load"), which differs from one run to the next.
func normalMergeTimes(dump string) string {
	return regexp.MustCompile(`(<ng:mergedAt> )"[^"]*"`).ReplaceAllString(dump, `$1"T"`)
}

// articleLabels leaves out the labels of merges (a load's links) from a dump grouped by label.
func articleLabels(groups map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range groups {
		if !strings.HasPrefix(k, "<ng:merge/") {
			out[k] = v
		}
	}
	return out
}

// Killing load with SIGKILL at 20 random moments of a 2,000-article load leaves, each time, a
// database that opens and holds every article completely or not at all; running the load
// again completes it, to exactly what a clean load gives.
func TestLoadSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 20 loads of 2,000 articles")
	}
	const n = 2000
	src, names := corpusNamed(t, n)
	clean := filepath.Join(t.TempDir(), "clean.db")
	start := time.Now()
	mustRun(t, clean, "load", "--quiet", "--batch", "2000", src)
	full := time.Since(start)
	want := dumpByLabel(t, clean)
	if len(articleLabels(want)) != n {
		t.Fatalf("clean load stored %d articles, want %d", len(articleLabels(want)), n)
	}

	// The time a load takes to start (open the store, load the extractor's models).
	tiny := filepath.Join(t.TempDir(), "tiny.jsonl")
	os.WriteFile(tiny, []byte(`{"text":"One sentence in Paris."}`+"\n"), 0o644)
	start = time.Now()
	mustRun(t, filepath.Join(t.TempDir(), "tiny.db"), "load", "--quiet", tiny)
	startup := time.Since(start)
	t.Logf("clean load %v, start-up %v", full.Round(time.Millisecond), startup.Round(time.Millisecond))

	db := filepath.Join(t.TempDir(), "killed.db")
	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	complete := 0
	for i := 0; i < 20; i++ {
		// Every fifth kill lands while the load starts (the database opening); the others
		// after start-up plus a random part of a twentieth of the load's work, so that,
		// as each run passes over what is stored, the kills spread over the whole load.
		delay := startup + time.Duration(r.Int63n(int64(full-startup)/10+1))
		if i%5 == 0 {
			delay = time.Duration(r.Int63n(int64(startup)))
		}
		// Transactions of 2,000 quads (some 40 articles): many commits to be killed in.
		cmd := exec.Command(bin, "--db", db, "load", "--quiet", "--batch", "2000", src)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		got := dumpByLabel(t, db)
		for label, quads := range got {
			if want[label] != quads {
				t.Fatalf("kill %d after %v: article %s is half-written (%d of %d bytes of quads)",
					i+1, delay, label, len(quads), len(want[label]))
			}
		}
		complete = len(articleLabels(got))
		t.Logf("kill %2d after %5dms: %4d of %d articles stored, each whole with its links", i+1, delay.Milliseconds(), complete, n)
	}
	if complete == n {
		t.Log("the load had finished before the last kill")
	}
	out := mustRun(t, db, "load", "--quiet", src)
	if !regexp.MustCompile(fmt.Sprintf(`new %d, replaced 0, unchanged %d`, n-complete, complete)).MatchString(out) {
		t.Errorf("completing load: %s", out)
	}
	if a, b := normalMergeTimes(mustRun(t, db, "export", "--stored")), normalMergeTimes(mustRun(t, clean, "export", "--stored")); a != b {
		t.Errorf("after the kills and a last load, the N-Quads differ from a clean load (%d vs %d bytes)", len(a), len(b))
	}
	// The card index, made again after the kills, gives the same cards.
	mergeTime := regexp.MustCompile(`"at": "[^"]*"`)
	for _, name := range names {
		a := mergeTime.ReplaceAllString(mustRun(t, db, "entity", "--json", "--facts", "0", name), "")
		b := mergeTime.ReplaceAllString(mustRun(t, clean, "entity", "--json", "--facts", "0", name), "")
		if a != b {
			t.Errorf("after the kills, the card of %s differs from a clean load's:\n%s", name, diffText(b, a))
		}
	}
}

// SIGINT stops the load after the current batch and says how far it got; the same load run
// again completes it.
func TestLoadSIGINT(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 2,000 articles")
	}
	src := corpus(t, 2000)
	db := filepath.Join(t.TempDir(), "news.db")
	cmd := exec.Command(bin, "--db", db, "load", src)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			t.Fatalf("an interrupted load exited 0:\n%s\n%s", out.String(), errOut.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("load did not stop on SIGINT")
	}
	m := regexp.MustCompile(`interrupted: (\d+) articles written \(the last one written was read from .*corpus.jsonl:(\d+)\)`).FindStringSubmatch(errOut.String())
	if m == nil || m[1] != m[2] || m[1] == "2000" {
		t.Fatalf("stderr: %s", errOut.String())
	}
	stored := len(articleLabels(dumpByLabel(t, db)))
	if fmt.Sprint(stored) != m[1] {
		t.Errorf("%d articles stored, load said %s", stored, m[1])
	}
	res := mustRun(t, db, "load", "--quiet", src)
	if !strings.Contains(res, fmt.Sprintf("unchanged %d,", stored)) || !strings.Contains(res, "articles 2000 ") {
		t.Errorf("completing load: %s", res)
	}
}

// Off a terminal, progress is a plain line (every five seconds).
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(new(ingest.Progress), 1000, true)
	p.quiet = false
	p.w = &b
	p.p.Articles.Store(42)
	p.p.Bytes.Store(250)
	p.start = time.Now().Add(-2 * time.Second)
	p.report()
	if !regexp.MustCompile(`^progress: 42 articles, 2\d\.\d/s, 25% of 0\.0 MB read, about [0-9ms]+ left\n$`).MatchString(b.String()) {
		t.Errorf("%q", b.String())
	}
}

// diffText shows the first line where two texts differ.
func diffText(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d: want %q, got %q", i+1, a, b)
		}
	}
	return "(same lines)"
}
