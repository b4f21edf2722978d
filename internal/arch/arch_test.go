package arch

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/newsgraph/newsgraph"

// row is one row of the map: the packages it names and the imports it allows them.
type row struct {
	line     int
	packages []string // patterns: "store", "extract/..."
	imports  []string
	used     map[string]bool // the allowed imports some package of the row makes
}

var reCode = regexp.MustCompile("`([^`]+)`")

// readMap reads the table of docs/architecture.md.
func readMap(t *testing.T) []*row {
	t.Helper()
	f, err := os.Open("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []*row
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		r := &row{line: n, used: map[string]bool{}}
		for _, m := range reCode.FindAllStringSubmatch(cells[1], -1) {
			r.packages = append(r.packages, m[1])
		}
		for _, m := range reCode.FindAllStringSubmatch(cells[3], -1) {
			r.imports = append(r.imports, m[1])
		}
		rows = append(rows, r)
	}
	if len(rows) < 10 {
		t.Fatalf("docs/architecture.md: found %d rows in the map", len(rows))
	}
	return rows
}

// matches tells whether package p (a path inside the module) is named by pattern.
func matches(pattern, p string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pattern
}

// imports returns every package of the module with the module's packages its non-test
// files import.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "../.." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel("../..", filepath.Dir(path))
		pkg := filepath.ToSlash(dir)
		if _, ok := out[pkg]; !ok {
			out[pkg] = nil
		}
		for _, s := range f.Imports {
			p, _ := strconv.Unquote(s.Path.Value)
			if rel, ok := strings.CutPrefix(p, module+"/"); ok && !slices.Contains(out[pkg], rel) {
				out[pkg] = append(out[pkg], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rowOf is the row that names p, the most specific one when several do.
func rowOf(rows []*row, p string) (*row, string) {
	var best *row
	bestPattern := ""
	for _, r := range rows {
		for _, pat := range r.packages {
			if matches(pat, p) && len(pat) > len(bestPattern) {
				best, bestPattern = r, pat
			}
		}
	}
	return best, bestPattern
}

// Every package imports only what docs/architecture.md allows it, and the map lists nothing
// that is not so.
func TestImportsFollowTheMap(t *testing.T) {
	rows := readMap(t)
	pkgs := imports(t)
	if len(pkgs) < 20 {
		t.Fatalf("found %d packages: is the test run from internal/arch?", len(pkgs))
	}
	for pkg, imps := range pkgs {
		r, own := rowOf(rows, pkg)
		if r == nil {
			t.Errorf("package %s has no row in docs/architecture.md", pkg)
			continue
		}
		for _, imp := range imps {
			// Its own subpackages are allowed, listed or not.
			ok := strings.HasPrefix(imp, pkg+"/") || (strings.HasSuffix(own, "/...") && matches(own, imp))
			for _, a := range r.imports {
				if matches(a, imp) {
					r.used[a] = true
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s imports %s, which docs/architecture.md (line %d) does not allow it", pkg, imp, r.line)
			}
		}
	}
	for _, r := range rows {
		for _, a := range r.imports {
			if !r.used[a] {
				t.Errorf("docs/architecture.md line %d lets %v import %s, which none of them does", r.line, r.packages, a)
			}
		}
	}
}

// The direction the issue asks for, whatever the map says: nothing below imports anything above.
func TestImportsGoOneWay(t *testing.T) {
	above := map[string][]string{
		"store/...":   {"server/...", "export", "ingest", "input", "extract/...", "schema", "cmd/..."},
		"news":        {"store/...", "server/...", "export", "ingest", "input", "extract/...", "schema", "cmd/..."},
		"input":       {"store/...", "server/...", "export", "ingest", "extract/...", "schema", "cmd/..."},
		"extract/...": {"store/...", "server/...", "export", "ingest", "input", "schema", "cmd/..."},
		"schema":      {"server/...", "export", "ingest", "input", "cmd/..."},
		"ingest":      {"server/...", "export", "cmd/..."},
		"server/...":  {"export", "ingest", "input", "extract/...", "schema", "cmd/..."},
		"export":      {"server/...", "ingest", "input", "extract/...", "schema", "cmd/..."},
	}
	for pkg, imps := range imports(t) {
		for low, banned := range above {
			if !matches(low, pkg) {
				continue
			}
			for _, imp := range imps {
				for _, b := range banned {
					if matches(b, imp) {
						t.Errorf("%s imports %s: imports go cmd → ingest → input/extract/schema → store", pkg, imp)
					}
				}
			}
		}
	}
}
