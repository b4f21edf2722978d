package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The curation commands, run as a user runs them, on real bolt databases.

const curateData = "../../store/testdata"

func TestEntityCard(t *testing.T) {
	db := loadedExamples(t)
	start := time.Now()
	out := mustRun(t, db, "entity", "Bayramov")
	elapsed := time.Since(start)
	for _, want := range []string{
		"Jeyhun Bayramov (Person)  ng:person/jeyhun-bayramov",
		"Foreign Minister of Azerbaijan",
		"Jeyhun Bayramov received Radmila Shekerinska  [1 article, 1 publisher, 2026-01-22]",
		`"The discussion took place during the reception of NATO Deputy Secretary General Radmila Shekerinska by Azerbaijan's Foreign Minister Jeyhun Bayramov."`,
		// The founding article's headline, publisher and date (examples/articles/*.jsonl).
		"— Azerbaijan, NATO discuss cooperation in mine action and cybersecurity, Trend News Agency, 2026-01-22",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("card lacks %q:\n%s", want, out)
		}
	}
	t.Logf("newsgraph entity Bayramov: %v (process start, open, card)", elapsed)
	if elapsed > time.Second {
		t.Errorf("newsgraph entity took %v", elapsed)
	}
	var card struct {
		ID        string
		Name      string
		Positions []struct{ Title string }
		Facts     []struct {
			Predicate string
			Articles  int
			Evidence  struct{ Text, Publisher string }
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, db, "entity", "--json", "jeyhun bayramov")), &card); err != nil {
		t.Fatal(err)
	}
	if card.ID != "ng:person/jeyhun-bayramov" || len(card.Positions) != 1 || len(card.Facts) < 2 || card.Facts[0].Evidence.Publisher == "" {
		t.Errorf("JSON card: %+v", card)
	}
	if _, errOut, err := newsgraph(t, db, "entity", "Nobody Atall"); err == nil || !strings.Contains(errOut, "not found") {
		t.Errorf("unknown entity: %v %s", err, errOut)
	}
}

func TestForgetGivesBackTheExport(t *testing.T) {
	db := loadedExamples(t)
	before := mustRun(t, db, "export")
	mustRun(t, db, "load", filepath.Join(curateData, "wire.jsonl"))
	out := mustRun(t, db, "forget", filepath.Join(curateData, "wire.jsonl"))
	if !strings.HasPrefix(out, "forgot 4 articles") {
		t.Errorf("forget said %q", out)
	}
	if after := mustRun(t, db, "export"); after != before {
		t.Error("load then forget (by file) changed the graph")
	}
	// By id and URL.
	mustRun(t, db, "load", filepath.Join(curateData, "wire.jsonl"), filepath.Join(curateData, "ministers.jsonl"))
	out = mustRun(t, db, "forget", "fm-2018", "fm-2019", "fm-2020", "<ng:article/fm-2021>",
		"https://dailystar.example/2024/03/04/baku-talks", "https://bakupost.example/news/88121",
		"https://caspianherald.example/a/2024-03-05-talks", "https://otherpaper.example/2024/03/06/mirzoyan", "not-there")
	if !strings.Contains(out, "forgot 8 articles") || !strings.Contains(out, "1 not in the graph") {
		t.Errorf("forget said %q", out)
	}
	if after := mustRun(t, db, "export"); after != before {
		t.Error("load then forget (by id) changed the graph")
	}
}

func TestMergeUnmergeDuplicatesCommands(t *testing.T) {
	db := loadedExamples(t)
	mustRun(t, db, "load", filepath.Join(curateData, "ministers.jsonl"), filepath.Join(curateData, "variant.jsonl"))
	before := mustRun(t, db, "export")
	dups := mustRun(t, db, "duplicates")
	if !strings.Contains(dups, "Elmar Mammadyarov (ng:person/elmar-mammadyarov)  =  Elmar Mamedyarov (ng:person/elmar-mamedyarov)") ||
		!strings.Contains(dups, "both reported as Foreign Minister of Azerbaijan") ||
		!strings.Contains(dups, "newsgraph merge person/elmar-mammadyarov person/elmar-mamedyarov --reason") {
		t.Errorf("duplicates:\n%s", dups)
	}
	out := mustRun(t, db, "merge", "--reason", "a spelling", "--by", "tester", "Elmar Mammadyarov", "Mamedyarov")
	if !strings.HasPrefix(out, "merged ng:person/elmar-mamedyarov into ng:person/elmar-mammadyarov: ng:merge/") {
		t.Errorf("merge said %q", out)
	}
	if got := query(t, db, `g.V().Has("<schema:name>", "Elmar Mammadyarov").Out("<ng:met>").Out("<schema:name>").All()`); !slices.Contains(got, "Javad Zarif") {
		t.Errorf("the merged entity's facts are not seen: %q", got)
	}
	merges := mustRun(t, db, "merges")
	if !strings.Contains(merges, "tester") || !strings.Contains(merges, "a spelling") {
		t.Errorf("merges:\n%s", merges)
	}
	card := mustRun(t, db, "entity", "Mammadyarov")
	if !strings.Contains(card, "merged: Elmar Mamedyarov (ng:person/elmar-mamedyarov) by tester") || !strings.Contains(card, "Javad Zarif") {
		t.Errorf("card:\n%s", card)
	}
	if _, errOut, err := newsgraph(t, db, "merge", "Elmar Mammadyarov", "person/elmar-mamedyarov"); err == nil || !strings.Contains(errOut, "already") {
		t.Errorf("second merge: %v %s", err, errOut)
	}
	out = mustRun(t, db, "unmerge", "person/elmar-mamedyarov")
	if !strings.HasPrefix(out, "unmerged ng:person/elmar-mamedyarov from ng:person/elmar-mammadyarov") {
		t.Errorf("unmerge said %q", out)
	}
	if after := mustRun(t, db, "export"); after != before {
		t.Error("merge then unmerge changed the graph")
	}
	// Automatic merges, undone the same way.
	out = mustRun(t, db, "duplicates", "--auto", "--auto-score", "0.85")
	if !strings.Contains(out, "made automatically") || strings.Contains(out, "0 merges") {
		t.Errorf("auto: %s", out)
	}
	var ms []struct{ ID, By string }
	if err := json.Unmarshal([]byte(mustRun(t, db, "merges", "--json")), &ms); err != nil || len(ms) == 0 {
		t.Fatalf("merges --json: %v %v", ms, err)
	}
	for _, m := range ms {
		if m.By != "newsgraph duplicates --auto" {
			t.Errorf("auto merge by %q", m.By)
		}
		mustRun(t, db, "unmerge", m.ID)
	}
	if after := mustRun(t, db, "export"); after != before {
		t.Error("automatic merges undone changed the graph")
	}
}

func TestExportFormatsAndImport(t *testing.T) {
	db := loadedExamples(t)
	dir := t.TempDir()
	for _, f := range []string{"jsonld", "graphml", "gexf"} {
		path := filepath.Join(dir, "graph."+f)
		mustRun(t, db, "export", "--format", f, "--out", path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch f {
		case "jsonld":
			if !json.Valid(data) {
				t.Errorf("%s is not JSON", path)
			}
		default:
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
			}
		}
	}
	mustRun(t, db, "export", "--format", "csv", "--out", filepath.Join(dir, "neo4j"))
	for _, name := range []string{"nodes.csv", "edges.csv"} {
		f, err := os.Open(filepath.Join(dir, "neo4j", name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(rows) < 100 {
			t.Errorf("%s: %d rows, %v", name, len(rows), err)
		}
	}
	if _, errOut, err := newsgraph(t, db, "export", "--format", "dot"); err == nil || !strings.Contains(errOut, "unknown --format") {
		t.Errorf("--format dot: %v %s", err, errOut)
	}
	// N-Quads, with full IRIs, into an empty database: the same graph.
	want := mustRun(t, db, "export")
	full := filepath.Join(dir, "full.nq")
	mustRun(t, db, "export", "--full-iris", "--out", full)
	empty := filepath.Join(t.TempDir(), "imported.db")
	if out := mustRun(t, empty, "import", full); !strings.HasPrefix(out, "imported ") {
		t.Errorf("import said %q", out)
	}
	if got := mustRun(t, empty, "export"); got != want {
		t.Error("export then import gives another graph")
	}
}

// The README's query: who was Azerbaijan's foreign minister in 2019?
const foreignMinister2019 = `g.V().Has("<schema:name>", "Azerbaijan").In("<ng:of>").Has("<schema:roleName>", "Foreign Minister").Tag("role")
  .Out(["<ng:seen>", "<schema:startDate>"]).Filter(lt("2020")).Back("role")
  .Out(["<ng:seen>", "<schema:endDate>"]).Filter(gte("2019")).Back("role")
  .Out("<ng:holder>").Out("<schema:name>").All()`

func TestForeignMinisterIn2019(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	mustRun(t, db, "load", filepath.Join(curateData, "ministers.jsonl"), filepath.Join(curateData, "wire.jsonl"))
	if got := uniq(query(t, db, foreignMinister2019)); !slices.Equal(got, []string{"Elmar Mammadyarov"}) {
		t.Errorf("foreign minister in 2019: %q", got)
	}
}

// cayleyBinary is Cayley's own command (github.com/cayleygraph/cayley/cmd/cayley), from
// $NEWSGRAPH_CAYLEY or the PATH. Build it outside this module (it needs drivers newsgraph does
// not), at the version in go.mod:
//
//	mkdir /tmp/cayleybuild && cd /tmp/cayleybuild && go mod init cayleybuild
//	go get github.com/cayleygraph/cayley/cmd/cayley@v0.7.7-0.20240706181042-81dcd7d73e45
//	go build -o /tmp/cayley github.com/cayleygraph/cayley/cmd/cayley
//	NEWSGRAPH_CAYLEY=/tmp/cayley go test ./cmd/newsgraph -run StockCayley
func cayleyBinary(t *testing.T) string {
	if p := os.Getenv("NEWSGRAPH_CAYLEY"); p != "" {
		return p
	}
	if p, err := exec.LookPath("cayley"); err == nil {
		return p
	}
	t.Skip("no stock cayley binary: set NEWSGRAPH_CAYLEY (see cayleyBinary)")
	return ""
}

// Stock Cayley (its own CLI and HTTP server, "bolt" backend: the same file format as
// newsgraph's bbolt) opens a newsgraph database and answers the README's queries as newsgraph
// does.
func TestStockCayleyAnswersTheREADMEQueries(t *testing.T) {
	cayley := cayleyBinary(t)
	db := loadedExamples(t)
	mustRun(t, db, "load", curateData)
	mustRun(t, db, "merge", "--by", "tester", "Elmar Mammadyarov", "Elmar Mamedyarov")

	queries := map[string]string{
		"README: Bayramov, one hop": `g.V().Has("<schema:name>", "Jeyhun Bayramov").Out().All()`,
		"foreign minister in 2019":  foreignMinister2019,
		"merged names":              `g.V().Has("<schema:name>", "Elmar Mammadyarov").Out("<schema:alternateName>").All()`,
		"wire copies":               `g.V().Out("<ng:copyOf>").All()`,
	}
	files, _ := filepath.Glob("../../examples/queries/*.js")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		queries[filepath.Base(f)] = string(b)
	}
	// newsgraph's answers first: the server will hold bolt's lock.
	want := map[string]string{}
	for name, q := range queries {
		var res []map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, db, "query", "--limit", "0", q)), &res); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res) == 0 && !strings.HasSuffix(name, ".js") {
			t.Fatalf("%s: no result", name)
		}
		want[name] = canon(res)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(cayley, "http", "--db", "bolt", "--dbpath", db, "--host", addr)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	up := false
	for i := 0; i < 100 && !up; i++ {
		time.Sleep(100 * time.Millisecond)
		if resp, err := http.Get("http://" + addr + "/"); err == nil {
			resp.Body.Close()
			up = resp.StatusCode == 200
		}
	}
	if !up {
		t.Fatalf("stock cayley did not start:\n%s", logs.String())
	}
	// The v2 API, which the web UI's query tab calls, answers too.
	resp, err := http.Post("http://"+addr+"/api/v2/query?lang=gizmo", "application/javascript",
		strings.NewReader(`g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Out("<schema:name>").All()`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Radmila Shekerinska") || !strings.Contains(string(body), "Ararat Mirzoyan") {
		t.Errorf("v2 query: %s", body)
	}
	for name, q := range queries {
		// Cayley's v1 query endpoint takes a result limit (v2 stops at 100 results).
		resp, err := http.Post("http://"+addr+"/query/gizmo?limit=1000000", "application/javascript", strings.NewReader(q))
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Result []map[string]any `json:"result"`
			Error  string           `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || body.Error != "" {
			t.Errorf("%s: %v %s", name, err, body.Error)
			continue
		}
		if got := canon(body.Result); got != want[name] {
			t.Errorf("%s: stock cayley answers\n%s\nnewsgraph answers\n%s", name, got, want[name])
		}
	}
}

// canon is a result list as sorted, distinct JSON lines: how many times a path yields the same
// result depends on the iterators Cayley picks, not on the graph.
func canon(rs []map[string]any) string {
	var out []string
	for _, r := range rs {
		b, _ := json.Marshal(r)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return strings.Join(slices.Compact(out), "\n")
}
