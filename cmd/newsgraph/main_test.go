package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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
)

// These tests run the real command, built once, against real bolt databases.

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "newsgraph-cli")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "newsgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const examples = "../../examples/articles"

// foundingTxt is the founding article as given to the project (its text only; examples/articles
// holds it with its headline, date and publisher).
const foundingTxt = "../../examples/testdata/trend-azerbaijan-nato.txt"

func newsgraph(t *testing.T, db string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	out, errOut, err := newsgraph(t, db, args...)
	if err != nil {
		t.Fatalf("newsgraph %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// query runs a Gizmo query through the CLI and returns the result ids.
func query(t *testing.T, db, q string) []string {
	t.Helper()
	var res []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, db, "query", q)), &res); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res {
		ids = append(ids, fmt.Sprint(r["id"]))
	}
	return ids
}

func loadedExamples(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "news.db")
	out := mustRun(t, db, "load", examples)
	if !regexp.MustCompile(`articles 9 \(new 9, .*duplicates 0\), .*entities \d+, relations \d+, links \d+, quads added \d+, [\d.]+ s`).MatchString(out) {
		t.Fatalf("load summary: %s", out)
	}
	return db
}

func TestLoadThenQuery(t *testing.T) {
	db := loadedExamples(t)
	for _, c := range []struct {
		name, q string
		want    []string
	}{
		{"Bayramov received Shekerinska",
			`g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Out("<schema:name>").All()`,
			[]string{"Radmila Shekerinska"}},
		{"Azerbaijan member of Partnership for Peace",
			`g.V().Has("<schema:name>", "Azerbaijan").Out("<schema:memberOf>").Has("<schema:name>", "Partnership for Peace").Out("<schema:name>").All()`,
			[]string{"Partnership for Peace"}},
		{"PfP and Partnership for Peace are one node",
			`g.V().Has("<schema:alternateName>", "PfP").Out("<schema:name>").All()`,
			[]string{"Partnership for Peace"}},
		{"Bayramov's job title",
			`g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<schema:jobTitle>").All()`,
			[]string{"Foreign Minister"}},
		{"which article says Bayramov received Shekerinska",
			`g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Labels().All()`,
			[]string{"<ng:article/sha256-2ca12522635cca9553ee>"}},
	} {
		got := query(t, db, c.q)
		if strings.Join(uniq(got), "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	people := query(t, db, `g.V().Has("<rdf:type>", "<schema:Person>").Out("<schema:name>").All()`)
	for _, p := range people {
		for _, bad := range []string{"NATO", "Azerbaijan", "Affairs", "Trend"} {
			if strings.Contains(p, bad) {
				t.Errorf("a Person named %q", p)
			}
		}
	}
	if len(query(t, db, `g.V().Has("<schema:name>", "PfP").All()`)) != 0 {
		t.Error("a node named PfP")
	}
}

func uniq(xs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func TestLoadTwiceAddsNothing(t *testing.T) {
	db := loadedExamples(t)
	out := mustRun(t, db, "load", examples)
	if !strings.Contains(out, "new 0, replaced 0, unchanged 9") || !strings.Contains(out, "quads added 0,") {
		t.Errorf("second load: %s", out)
	}
}

func TestLoadFromStdinAndBadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	cmd := exec.Command(bin, "--db", db, "load", "-")
	cmd.Stdin = strings.NewReader(`{"id":"a","text":"Foreign Minister Jeyhun Bayramov received Radmila Shekerinska in Baku."}
{"title":"no text here"}
`)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), `skipped stdin:2: no "text" field`) || !strings.Contains(string(out), "new 1,") {
		t.Errorf("output: %s", out)
	}
	if got := query(t, db, `g.V("<ng:person/jeyhun-bayramov>").Out("<ng:received>").All()`); len(got) != 1 {
		t.Errorf("stdin article not loaded: %q", got)
	}
}

func TestExtractPrintsTheContract(t *testing.T) {
	// The founding article as given (the .txt; its .jsonl twin has the same text) and the VOA ones.
	out := mustRun(t, filepath.Join(t.TempDir(), "unused.db"), "extract",
		foundingTxt, filepath.Join(examples, "voa-gmb.jsonl"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 9 {
		t.Fatalf("%d lines, want 9", len(lines))
	}
	founding, _ := os.ReadFile(foundingTxt)
	var bodies []string
	f, _ := os.Open(filepath.Join(examples, "voa-gmb.jsonl"))
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a struct{ Text string }
		json.Unmarshal(sc.Bytes(), &a)
		bodies = append(bodies, a.Text)
	}
	bodies = append([]string{string(founding)}, bodies...) // files in name order: trend..., voa...
	for i, line := range lines {
		var x struct {
			ID       string
			Entities []struct {
				ID, Name, Type string
				Mentions       []struct {
					Start, End int
					Text, Kind string
				}
			}
			Relations []struct {
				Subject, Predicate, Object string
				Confidence                 float64
				Evidence                   struct{ Start, End int }
			}
		}
		if err := json.Unmarshal([]byte(line), &x); err != nil {
			t.Fatal(err)
		}
		body := bodies[i]
		for _, e := range x.Entities {
			for _, m := range e.Mentions {
				if body[m.Start:m.End] != m.Text {
					t.Errorf("%s: mention %q at %d-%d reads %q", x.ID, m.Text, m.Start, m.End, body[m.Start:m.End])
				}
			}
		}
		for _, r := range x.Relations {
			if r.Evidence.End <= r.Evidence.Start || r.Evidence.End > len(body) || r.Confidence <= 0 || r.Confidence > 1 {
				t.Errorf("%s: relation %+v", x.ID, r)
			}
		}
		if i > 0 && !strings.HasPrefix(x.ID, "voa-gmb-") {
			t.Errorf("line %d id %q: the id given in the JSON Lines must be kept", i, x.ID)
		}
	}
}

func TestExtractNQuadsIsWhatLoadWrites(t *testing.T) {
	dir := t.TempDir()
	// The articles a load of the examples keeps.
	out := mustRun(t, filepath.Join(dir, "unused.db"), "extract", "--format", "nquads",
		filepath.Join(examples, "trend-azerbaijan-nato.jsonl"), filepath.Join(examples, "voa-gmb.jsonl"))
	r := nquads.NewReader(strings.NewReader(out), false)
	n := 0
	for {
		_, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("quad %d: %v", n, err)
		}
		n++
	}
	if _, err := os.Stat(filepath.Join(dir, "unused.db")); !os.IsNotExist(err) {
		t.Error("extract created a database")
	}
	// The same quads, no more, no fewer, as a load followed by an export.
	db := loadedExamples(t)
	exported := mustRun(t, db, "export", "--stored")
	if sortedLines(exported) != sortedLines(out) {
		t.Errorf("extract --format nquads and load+export differ:\n%s\n----\n%s", sortedLines(out)[:300], sortedLines(exported)[:300])
	}
}

func sortedLines(s string) string {
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func TestQueryTimeout(t *testing.T) {
	db := loadedExamples(t)
	start := time.Now()
	_, errOut, err := newsgraph(t, db, "query", "--timeout", "300ms", `while(true){}`)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("runaway query: err %v after %v", err, time.Since(start))
	}
	if !strings.Contains(errOut, "deadline") {
		t.Errorf("stderr: %s", errOut)
	}
	if _, _, err := newsgraph(t, db, "query", "-f", filepath.Join(t.TempDir(), "none.js")); err == nil {
		t.Error("missing query file accepted")
	}
}

func TestServeAndSecondLoad(t *testing.T) {
	db := loadedExamples(t)
	cmd := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve said nothing: %v %s", err, stderr.String())
	}
	base := regexp.MustCompile(`http://[0-9.:]+`).FindString(line)
	if base == "" {
		t.Fatalf("no address in %q", line)
	}

	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "<title>") {
		t.Errorf("GET / = %d %.200s", resp.StatusCode, page)
	}

	resp, err = http.Post(base+"/api/v2/query?lang=gizmo", "application/javascript",
		strings.NewReader(`g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Out("<schema:name>").All()`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Radmila Shekerinska") {
		t.Errorf("query over HTTP: %d %s", resp.StatusCode, body)
	}

	resp, err = http.Post(base+"/api/v2/write", "application/n-quads", strings.NewReader("<a> <b> <c> .\n"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode < 400 {
		t.Errorf("write accepted by a read-only server: %d", resp.StatusCode)
	}

	start := time.Now()
	_, errOut, err := newsgraph(t, db, "load", examples)
	if err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("second load: err %v after %v", err, time.Since(start))
	}
	if !strings.Contains(errOut, "in use by another newsgraph process") || !strings.Contains(errOut, db) {
		t.Errorf("second load said: %s", errOut)
	}

	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGINT: %v %s", err, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Error("serve did not stop on SIGINT")
	}
}

func TestExampleQueriesRun(t *testing.T) {
	db := loadedExamples(t)
	// One more article so that every kind of statement is present: negated, hypothetical,
	// attributed.
	cmd := exec.Command(bin, "--db", db, "load", "-")
	cmd.Stdin = strings.NewReader(`{"id":"qualified","text":"Turkey may visit Armenia next year. Iran did not attack Israel. Ukraine said Russia attacked Poland."}`)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	for q, want := range map[string]string{
		"08-negated.js":      `"<ng:attacked>"`,
		"09-attributed.js":   `"according_to": "<ng:country/ukraine>"`,
		"10-hypothetical.js": `"modality": "may"`,
	} {
		if out := mustRun(t, db, "query", "-f", "../../examples/queries/"+q); !strings.Contains(out, want) {
			t.Errorf("%s: no %s in %s", q, want, out)
		}
	}
	// A negated or hypothetical relation is never a plain edge.
	if got := query(t, db, `g.V("<ng:country/iran>").Out("<ng:attacked>").All()`); len(got) != 0 {
		t.Errorf("negated relation as an edge: %q", got)
	}
	if got := query(t, db, `g.V("<ng:country/turkiye>").Out("<ng:visited>").All()`); len(got) != 0 {
		t.Errorf("hypothetical relation as an edge: %q", got)
	}
	files, _ := filepath.Glob("../../examples/queries/*.js")
	if len(files) < 5 {
		t.Fatalf("%d example queries", len(files))
	}
	tagged := false
	for _, f := range files {
		out := mustRun(t, db, "query", "-f", f)
		var res []map[string]any
		if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) == 0 {
			t.Errorf("%s: %v %s", f, err, out)
		}
		// A clean answer: no row twice (a fact stated by several articles is one row).
		seen := map[string]bool{}
		for _, r := range res {
			b, _ := json.Marshal(r)
			if seen[string(b)] {
				t.Errorf("%s: row %s twice", f, b)
			}
			seen[string(b)] = true
		}
		if len(res) > 0 && res[0]["source"] != nil && res[0]["target"] != nil {
			tagged = true
		}
	}
	if !tagged {
		t.Error("no example query is tagged source/target for the Visualize tab")
	}
}

// serve --writable with no --token makes one and prints it; load --server with that token
// hands its articles to the running server, and without it is refused.
func TestWritableServeTakesLoads(t *testing.T) {
	db := filepath.Join(t.TempDir(), "db")
	if _, errOut, err := newsgraph(t, db, "load", foundingTxt); err != nil {
		t.Fatalf("load: %v %s", err, errOut)
	}
	cmd := exec.Command(bin, "--db", db, "serve", "--writable", "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	r := bufio.NewReader(stdout)
	first, _ := r.ReadString('\n')
	second, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("serve said: %q %v %s", first+second, err, stderr.String())
	}
	base := regexp.MustCompile(`http://[0-9.:]+`).FindString(first)
	token := regexp.MustCompile(`write token: ([0-9a-f]{32})`).FindStringSubmatch(second)
	if base == "" || token == nil {
		t.Fatalf("no address or token in %q", first+second)
	}
	if _, errOut, err := newsgraph(t, db, "load", "--server", base, "--token", "wrong", examples); err == nil {
		t.Errorf("load with a wrong token succeeded: %s", errOut)
	}
	out, errOut, err := newsgraph(t, db, "load", "--server", base, "--token", token[1], examples)
	if err != nil {
		t.Fatalf("load --server: %v %s", err, errOut)
	}
	if !strings.Contains(out, "articles") {
		t.Errorf("load --server said: %s", out)
	}
	resp, err := http.Post(base+"/api/v2/query?lang=gizmo", "application/javascript",
		strings.NewReader(`g.V().Has("<rdf:type>", "<ng:Article>").Count()`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), `"result":1}`) || resp.StatusCode != 200 {
		t.Errorf("articles after load --server: %s", body)
	}
}
