package main

import (
	"bufio"

	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/urfave/cli/v2"
)

// exitStatus is a finished command's exit code.
func exitStatus(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestReorderArgs(t *testing.T) {
	app := newApp()
	for _, c := range []struct{ in, want string }{
		{"entity Bayramov --json", "entity --json Bayramov"},
		{"entity Jeyhun Bayramov --facts 2 --json", "entity --facts 2 --json Jeyhun Bayramov"},
		{"query --db X g.V().All()", "--db X query g.V().All()"},
		{"query g.V().All() --db=X --limit 3", "--db=X query --limit 3 g.V().All()"},
		{"--db X load - --quiet", "--db X load --quiet -"},
		{"timeline Azerbaijan --from 2020 --backend bolt", "--backend bolt timeline --from 2020 Azerbaijan"},
		{"entity --json -- -odd-name", "entity --json -- -odd-name"},
		{"entity -- --json", "entity -- --json"},
		{"help load", "help load"},
		{"search Bay --generate-bash-completion", "search Bay --generate-bash-completion"},
	} {
		got := reorderArgs(app, append([]string{"newsgraph"}, strings.Fields(c.in)...))
		if strings.Join(got[1:], " ") != c.want {
			t.Errorf("%s: got %q, want %q", c.in, strings.Join(got[1:], " "), c.want)
		}
	}
}

func TestFinalValue(t *testing.T) {
	for in, want := range map[string]string{
		`g.V().Count()`:                    `g.emit(g.V().Count())`,
		"g.V().Count();\n":                 `g.emit(g.V().Count())`,
		"var n = 1;\ng.V()\n  .Count()":    "var n = 1;\ng.emit(g.V()\n  .Count())",
		`g.V().All()`:                      `g.V().All()`,
		`g.emit(g.V().Count())`:            `g.emit(g.V().Count())`,
		`var c = g.V().Count(); g.emit(c)`: `var c = g.V().Count(); g.emit(c)`,
	} {
		if got := finalValue(in); got != want {
			t.Errorf("finalValue(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, err := newsgraph(t, t.TempDir(), "--version")
	if err != nil || !strings.HasPrefix(out, "newsgraph version ") {
		t.Errorf("--version: %v %q", err, out)
	}
	bi := &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "59748729ff18"}, {Key: "vcs.time", Value: "2026-12-07T12:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got := versionOf(bi); got != "v1.2.3 (revision 59748729ff18, 2026-12-07T12:00:00Z, modified; go1.26)" {
		t.Errorf("versionOf = %q", got)
	}
}

// Flags go anywhere, global ones after the command name too; mistakes exit 2 with a hint.
func TestCommandLineAsUsersTypeIt(t *testing.T) {
	db := loadedExamples(t)
	var card map[string]any
	out, errOut, err := newsgraph(t, db, "entity", "Bayramov", "--json", "--facts", "1")
	if err != nil || json.Unmarshal([]byte(out), &card) != nil || card["name"] != "Jeyhun Bayramov" {
		t.Errorf("entity Bayramov --json: %v %s %.300s", err, errOut, out)
	}
	cmd := exec.Command(bin, "query", `g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Out("<schema:name>").All()`, "--db", db)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Radmila Shekerinska") {
		t.Errorf("query ... --db X: %v %s", err, out)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"entitty", "Bayramov"}, exitUsage, `did you mean "entity"?`},
		{[]string{"entity", "--jsn", "Bayramov"}, exitUsage, "did you mean --json?"},
		{[]string{"completion", "tcsh"}, exitUsage, "bash, zsh or fish"},
		{[]string{"entity", "Nobody Atall"}, exitFailure, "Nobody Atall"},
	} {
		_, errOut, err := newsgraph(t, db, c.args...)
		if exitStatus(err) != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("%q: exit %d, want %d; stderr %q, want %q in it", c.args, exitStatus(err), c.code, errOut, c.says)
		}
	}
	if out, _, err := newsgraph(t, db, "--help"); err != nil || !strings.Contains(out, "EXIT CODES") {
		t.Errorf("--help: %v, no exit codes in %s", err, out)
	}
}

// A reading command on a database that does not exist says so and makes nothing.
func TestReadingNoDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "typo.db")
	for _, args := range [][]string{{"query", "g.V().All()"}, {"entity", "Bayramov"}, {"search", "Bay"},
		{"path", "A", "B"}, {"timeline", "A"}, {"top"}, {"export"}, {"merges"}} {
		_, errOut, err := newsgraph(t, db, args...)
		want := "no database at " + db + " (load something first, or give --db)"
		if exitStatus(err) != exitFailure || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q", args[0], exitStatus(err), errOut)
		}
		if _, err := os.Stat(db); err == nil {
			t.Fatalf("%s made %s", args[0], db)
		}
	}
}

// Every placeholder in the help (a word in backticks in a flag's usage) is one word; more
// backticks would turn command examples into placeholders ("--no-link newsgraph unmerge").
func TestUsagePlaceholders(t *testing.T) {
	app := newApp()
	check := func(where string, flags []cli.Flag) {
		for _, f := range flags {
			df, ok := f.(cli.DocGenerationFlag)
			if !ok {
				continue
			}
			u := df.GetUsage()
			if n := strings.Count(u, "`"); n != 0 && n != 2 {
				t.Errorf("%s --%s: %d backticks in %q", where, f.Names()[0], n, u)
			} else if n == 2 && strings.Contains(strings.Split(u, "`")[1], " ") {
				t.Errorf("%s --%s: placeholder of several words in %q", where, f.Names()[0], u)
			}
		}
	}
	check("newsgraph", app.Flags)
	for _, c := range app.Commands {
		check(c.Name, c.Flags)
	}
	out := mustRun(t, t.TempDir(), "load", "--help")
	if strings.Contains(out, "--no-link newsgraph") || strings.Contains(out, "--server newsgraph") {
		t.Errorf("garbled load --help:\n%s", out)
	}
}

func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	for shell, want := range map[string]string{"bash": "complete -o bashdefault", "zsh": "compdef _newsgraph_zsh_autocomplete newsgraph", "fish": "complete -c newsgraph"} {
		if out := mustRun(t, dir, "completion", shell); !strings.Contains(out, want) {
			t.Errorf("completion %s: no %q in\n%.300s", shell, want, out)
		}
	}
	if out := mustRun(t, dir, "--generate-bash-completion"); !slices.Contains(strings.Fields(out), "entity") {
		t.Errorf("the commands completed: %s", out)
	}
	if out := mustRun(t, dir, "entity", "--j", "--generate-bash-completion"); strings.TrimSpace(out) != "--json" {
		t.Errorf("entity's flags completed: %s", out)
	}
}

// schema prints IRIs as Gizmo takes them, and they work in a query.
func TestSchemaIRIs(t *testing.T) {
	db := loadedExamples(t)
	out := mustRun(t, db, "schema")
	if strings.Contains(out, "<<") || !strings.Contains(out, " <schema:Person> ") {
		t.Errorf("schema:\n%s", out)
	}
	var terms []schemaTerm
	if err := json.Unmarshal([]byte(mustRun(t, db, "schema", "--json")), &terms); err != nil || len(terms) < 20 {
		t.Fatalf("schema --json: %v, %d terms", err, len(terms))
	}
	for _, term := range terms {
		if term.Name == "Person" {
			q := `g.V().Has("<rdf:type>", "` + term.IRI + `").Has("<schema:name>", "Jeyhun Bayramov").All()`
			if got := query(t, db, q); len(got) != 1 {
				t.Errorf("%s pasted into Gizmo: %q", term.IRI, got)
			}
		}
		if !regexp.MustCompile(`^<[a-z]+:[A-Za-z]+>$`).MatchString(term.IRI) || !strings.HasPrefix(term.FullIRI, "<http") {
			t.Errorf("term %+v", term)
		}
	}
}

// A query whose last expression is a value prints it.
func TestQueryPrintsFinalValue(t *testing.T) {
	db := loadedExamples(t)
	var n []int
	if err := json.Unmarshal([]byte(mustRun(t, db, "query", `g.V().Has("<rdf:type>", "<schema:Person>").Count()`)), &n); err != nil || len(n) != 1 || n[0] < 10 {
		t.Errorf("Count(): %v %v", err, n)
	}
}

// While serve holds the database, the reading commands ask it, and print what they print
// without it.
func TestReadingWhileServing(t *testing.T) {
	db := loadedExamples(t)
	commands := [][]string{
		{"query", "-f", "../../examples/queries/06-people-and-positions.js"},
		{"query", `g.V().Count()`},
		{"entity", "Bayramov"}, {"entity", "--json", "--facts", "0", "Azerbaijan"},
		{"search", "Bay"}, {"search", "--json", "A"},
		{"path", "Jeyhun Bayramov", "Partnership for Peace"},
		{"timeline", "Azerbaijan"}, {"timeline", "--limit", "2", "--offset", "1", "Azerbaijan"},
		{"top"}, {"top", "--type", "Person", "--json"},
		{"export"}, {"export", "--format", "jsonld"},
		{"entity", "Nobody Atall"},
	}
	want := map[int]string{}
	for i, args := range commands {
		out, errOut, _ := newsgraph(t, db, args...)
		want[i] = out + errOut
	}
	cmd := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(syscall.SIGINT); cmd.Wait() }()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || !strings.Contains(line, "serving") {
		t.Fatalf("serve: %v %q", err, line)
	}
	for i, args := range commands {
		start := time.Now()
		out, errOut, _ := newsgraph(t, db, args...)
		if got := out + errOut; got != want[i] {
			t.Errorf("%q while serving differs:\n%s", args, diffText(want[i], got))
		}
		if strings.Contains(errOut, "in use") {
			t.Errorf("%q: %s", args, errOut)
		}
		t.Logf("%q through the server: %v", args, time.Since(start).Round(time.Millisecond))
	}
	// A writing command is still turned away, and says by whom.
	if _, errOut, err := newsgraph(t, db, "load", examples); err == nil || !strings.Contains(errOut, "in use") {
		t.Errorf("load while serving: %v %s", err, errOut)
	}
}

// `tail -f feed.jsonl | newsgraph load -`: an article piped in is written while the pipe
// stays open. The load is then killed: what it wrote before is in the database.
func TestLoadFromOpenPipe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "feed.db")
	cmd := exec.Command(bin, "--db", db, "load", "-")
	in, _ := cmd.StdinPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(in, `{"id":"live-1","title":"Live","text":"Foreign Minister Jeyhun Bayramov received Radmila Shekerinska in Baku on Monday."}`+"\n")
	var err error
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(300 * time.Millisecond) {
		// The database is locked while load runs; its first transaction is visible in the
		// file's size, and then in a query after the kill.
		if st, e := os.Stat(filepath.Join(db, "indexes.bolt")); e == nil && st.Size() > 0 {
			break
		}
	}
	time.Sleep(3 * time.Second) // time for the article's transaction, were it waiting for a batch
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	in.Close()
	out, errOut, err := newsgraph(t, db, "query", `g.V("<ng:article/live-1>").Out("<schema:headline>").All()`)
	if err != nil || !strings.Contains(out, `"Live"`) {
		t.Errorf("the piped article was not written while the pipe was open: %v %s %s", err, out, errOut)
	}
}

// query --explain prints each final's plan; the README's example 04 with a name that is not
// in the graph (it panicked in Cayley and ended the process) answers [].
func TestQueryExplainAndAbsentNames(t *testing.T) {
	db := loadedExamples(t)
	var plans []struct {
		Iterator string
		Size     int64
	}
	out := mustRun(t, db, "query", "--explain", `g.V().Has("<rdf:type>", "<ng:Statement>").Has("<ng:predicate>", "<ng:received>").All()`)
	if err := json.Unmarshal([]byte(out), &plans); err != nil || len(plans) != 1 || plans[0].Iterator == "" {
		t.Fatalf("explain: %v %s", err, out)
	}
	if got := strings.TrimSpace(mustRun(t, db, "query", `g.V().Has("<schema:name>", "Nobody Here").Out("<ng:received>").Labels().All()`)); got != "[]" {
		t.Fatalf("absent name: %s", got)
	}
}
