package server

import (
	"github.com/newsgraph/newsgraph/store"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/ui"
)

// The bundle as served asks nothing of the internet: the CDN URLs point at /assets/, every
// file keeps its length, and the Query Shape tab is there (server_shape.go answers it).
func TestServeUIRewrites(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{})
	index := do(t, "GET", base+"/", "", "")
	files := regexp.MustCompile(`/static/(?:js|css)/[^"]+\.(?:js|css)`).FindAllString(index.body, -1)
	if len(files) < 4 {
		t.Fatalf("files of index.html: %q", files)
	}
	var all strings.Builder
	for _, f := range files {
		r := do(t, "GET", base+f, "", "")
		orig, err := fs.ReadFile(ui.FS, "web"+f)
		if r.code != 200 || err != nil {
			t.Fatalf("GET %s = %d (%v)", f, r.code, err)
		}
		if len(r.body) != len(orig) {
			t.Errorf("%s: %d bytes served, %d in the bundle: offsets moved", f, len(r.body), len(orig))
		}
		all.WriteString(r.body)
	}
	served := all.String()
	for _, bad := range []string{"https://cdn.jsdelivr.net", "https://fonts.googleapis.com", "http://localhost:64210"} {
		if strings.Contains(served, bad) {
			t.Errorf("the served bundle still has %s", bad)
		}
	}
	for _, want := range []string{`"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/loader.js"`, "url(/assets/fonts.googleapis.com/icon?family=Material+Icons)", `"Visualize"`, `"Query Shape"`} {
		if !strings.Contains(served, want) {
			t.Errorf("the served bundle has no %s", want)
		}
	}
}

// Without the npm packages, the loader URL gives the plain editor and the icon font URL a
// stylesheet that hides icon names; nothing else is there.
func TestServeUIFallback(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{})
	r := do(t, "GET", base+"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/loader.js", "", "")
	if r.code != 200 || !strings.Contains(r.ctype, "javascript") || !strings.Contains(r.body, "newsgraphPlainEditor") {
		t.Errorf("fallback loader = %d %s %.100q", r.code, r.ctype, r.body)
	}
	r = do(t, "GET", base+"/assets/fonts.googleapis.com/icon?family=Material+Icons", "", "")
	if r.code != 200 || !strings.HasPrefix(r.ctype, "text/css") || !strings.Contains(r.body, "display:none") {
		t.Errorf("fallback icons = %d %s %q", r.code, r.ctype, r.body)
	}
	for _, p := range []string{"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/editor/editor.main.js", "/assets/npm/material-icons/iconfont/material-icons.woff2", "/assets/x"} {
		if r := do(t, "GET", base+p, "", ""); r.code != 404 {
			t.Errorf("GET %s = %d, want 404", p, r.code)
		}
	}
}

// installedUIAssets is ui/node_modules when `npm ci --prefix ui` has run.
func installedUIAssets(t *testing.T) string {
	t.Helper()
	dir, err := FindUIAssets("../ui")
	if err != nil {
		t.Skipf("the UI's npm packages are not installed (npm ci --prefix ui): %v", err)
	}
	return dir
}

func TestServeUIAssets(t *testing.T) {
	dir := installedUIAssets(t)
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{UIAssets: dir})
	loader, err := os.ReadFile(filepath.Join(dir, "monaco-editor/min/vs/loader.js"))
	if err != nil {
		t.Fatal(err)
	}
	if r := do(t, "GET", base+"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/loader.js", "", ""); r.code != 200 || r.body != string(loader) {
		t.Errorf("loader.js = %d, not the npm package's", r.code)
	}
	for _, p := range []string{
		"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/editor/editor.main.js",
		"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/editor/editor.main.css",
		"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs/language/typescript/tsWorker.js",
		"/assets/npm/material-icons/iconfont/material-icons.woff2",
	} {
		if r := do(t, "GET", base+p, "", ""); r.code != 200 || len(r.body) < 1000 {
			t.Errorf("GET %s = %d (%d bytes)", p, r.code, len(r.body))
		}
	}
	r := do(t, "GET", base+"/assets/fonts.googleapis.com/icon?family=Material+Icons", "", "")
	if r.code != 200 || !strings.Contains(r.body, `url("/assets/npm/material-icons/iconfont/material-icons.woff2")`) || !strings.Contains(r.body, ".material-icons") {
		t.Errorf("icon stylesheet = %d %s", r.code, r.body)
	}
	// Only the two packages, and nothing outside them.
	for _, p := range []string{
		"/assets/npm/monaco-editor/../../package.json",
		"/assets/npm/.package-lock.json",
		"/assets/npm/other/index.js",
		"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/../../../../package.json",
		"/assets/cdn.jsdelivr.net/npm/monaco-editor@0.18.1/min/vs",
	} {
		req, _ := http.NewRequest("GET", base+"/", nil)
		req.URL.Path = p // unclean, as a hostile client sends it
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Errorf("GET %s = 200", p)
		}
	}
}

func TestFindUIAssets(t *testing.T) {
	if dir, err := FindUIAssets("off"); dir != "" || err != nil {
		t.Errorf(`FindUIAssets("off") = %q, %v`, dir, err)
	}
	if _, err := FindUIAssets(t.TempDir()); err == nil || !strings.Contains(err.Error(), "npm ci --prefix ui") {
		t.Errorf("FindUIAssets(an empty folder): err = %v", err)
	}
	dir := installedUIAssets(t)
	if filepath.Base(dir) != "node_modules" {
		t.Errorf("FindUIAssets(../ui) = %s", dir)
	}
	if again, err := FindUIAssets(dir); err != nil || again != dir {
		t.Errorf("FindUIAssets(%s) = %s, %v", dir, again, err)
	}
	t.Setenv(UIAssetsEnv, "")
	if found, err := FindUIAssets(""); err != nil || found != dir { // from the working directory's parent
		t.Errorf(`FindUIAssets("") = %q, %v; want %s`, found, err, dir)
	}
}

func TestServeExplorePage(t *testing.T) {
	s, _ := openTestStore(t, store.Memstore)
	base := startServer(t, s, ServerOptions{})
	r := do(t, "GET", base+"/explore/", "", "")
	if r.code != 200 || !strings.HasPrefix(r.ctype, "text/html") || !strings.Contains(r.body, `<script src="explore.js">`) {
		t.Fatalf("GET /explore/ = %d %s %.200s", r.code, r.ctype, r.body)
	}
	for _, f := range []string{"explore.js", "explore.css"} {
		if r := do(t, "GET", base+"/explore/"+f, "", ""); r.code != 200 || len(r.body) < 1000 {
			t.Errorf("GET /explore/%s = %d", f, r.code)
		}
	}
	if strings.Contains(r.body, "http://") || strings.Contains(r.body, "https://") {
		t.Error("the explorer's page loads something from elsewhere")
	}
	req, _ := http.NewRequest("GET", base+"/explore", nil)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/explore/" {
		t.Errorf("GET /explore = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r := do(t, "POST", base+"/explore/", "text/plain", "x"); r.code != http.StatusMethodNotAllowed && r.code != http.StatusForbidden {
		t.Errorf("POST /explore/ = %d", r.code)
	}
}
