package server

//go:generate npm ci --prefix ../ui --no-audit --no-fund --ignore-scripts

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Cayley's web UI loads two things from the internet: its query editor,
// Monaco, from cdn.jsdelivr.net (the loader of @monaco-editor/react, version
// pinned below), and the Material Icons font from fonts.googleapis.com. serve
// rewrites those URLs in the bundle to paths under /assets/ of the same length
// ("https://" and "/assets/" are both 8 bytes, so every offset and the source
// maps stay right) and answers them from the npm packages monaco-editor and
// material-icons, installed in ui/node_modules by `npm ci --prefix ui` (or `go
// generate ./server`). Without them the editor is a plain text area and icons
// are hidden: the UI still works with no network.

// UIAssetsEnv is the environment variable naming the folder of the UI's
// offline assets (the node_modules folder, or the folder that holds it).
const UIAssetsEnv = "NEWSGRAPH_UI_ASSETS"

// UIAssetsHelp says how to install the full query editor.
const UIAssetsHelp = "the web UI's query editor (Monaco) and icon font are not installed, so the UI uses a plain text editor. " +
	"For the full editor, run `npm ci --prefix ui` in the newsgraph source folder (or `go generate ./server`), " +
	"then start serve from that folder or point it at them: serve --assets PATH/ui (or $" + UIAssetsEnv + ")"

const (
	monacoVersion = "0.18.1" // the version Cayley's UI bundle asks for
	monacoCDN     = "https://cdn.jsdelivr.net/npm/monaco-editor@"
	fontsCDN      = "https://fonts.googleapis.com/"
	assetsPrefix  = "/assets/" // as long as "https://"

	monacoPath = assetsPrefix + "cdn.jsdelivr.net/npm/monaco-editor@" + monacoVersion + "/"
	fontsPath  = assetsPrefix + "fonts.googleapis.com/icon"
	npmPath    = assetsPrefix + "npm/"

	// additionsPath is where uiAdditions is served; serverURLImport stands in the bundle for
	// the compiled-in API address, which is as long: it loads uiAdditions (once: a module is
	// imported once) and is "", so that the UI calls the address it was loaded from.
	additionsPath   = assetsPrefix + "ng"
	serverURLImport = `import("` + additionsPath + `")&&""`
)

// uiPackages are the npm packages served under /assets/npm/, with the file
// that must exist for a package to count as installed.
var uiPackages = map[string]string{
	"monaco-editor":  "min/vs/editor/editor.main.js",
	"material-icons": "iconfont/material-icons.woff2",
}

//go:embed uifallback/editor.js
var fallbackEditor []byte

// uiAdditions is newsgraph's script for Cayley's UI, served at additionsPath: names, colours
// and predicate labels in Visualize, and no Write tab on a read-only server (see the file's
// comment). The bundle loads it as it starts: see rewriteUIFile.
//
//go:embed uifallback/visualize.js
var uiAdditions []byte

// fallbackIcons hides the icon ligatures ("play_circle_filled") when the
// font is missing; every button the UI has also carries a label.
const fallbackIcons = ".material-icons{display:none!important}\n"

// FindUIAssets returns the node_modules folder that holds the UI's offline
// assets. dir, when not empty, is that folder or the folder holding it
// (ui/), and must hold them; "off" means none. Otherwise it looks at
// $NEWSGRAPH_UI_ASSETS, then for ui/node_modules in the working directory and
// its parents, then next to the executable; it returns "" when none holds
// them.
func FindUIAssets(dir string) (string, error) {
	if dir == "off" {
		return "", nil
	}
	if dir != "" {
		if nm, ok := uiAssetsIn(dir); ok {
			return nm, nil
		}
		return "", fmt.Errorf("no UI assets in %s (want node_modules/monaco-editor@%s and node_modules/material-icons: run `npm ci --prefix ui`)", dir, monacoVersion)
	}
	if env := os.Getenv(UIAssetsEnv); env != "" {
		return FindUIAssets(env)
	}
	var roots []string
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			roots = append(roots, d)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		roots = append(roots, filepath.Dir(exe))
	}
	for _, r := range roots {
		if nm, ok := uiAssetsIn(filepath.Join(r, "ui")); ok {
			return nm, nil
		}
	}
	return "", nil
}

// uiAssetsIn reports the node_modules folder of dir (dir itself or
// dir/node_modules) when it holds every package of uiPackages, with the
// Monaco version the bundle asks for.
func uiAssetsIn(dir string) (string, bool) {
	for _, nm := range []string{filepath.Join(dir, "node_modules"), dir} {
		ok := true
		for pkg, file := range uiPackages {
			if st, err := os.Stat(filepath.Join(nm, pkg, filepath.FromSlash(file))); err != nil || !st.Mode().IsRegular() {
				ok = false
			}
		}
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(nm, "monaco-editor", "package.json"))
		var pj struct{ Version string }
		if err != nil || json.Unmarshal(data, &pj) != nil || pj.Version != monacoVersion {
			continue
		}
		abs, err := filepath.Abs(nm)
		if err != nil {
			abs = nm
		}
		return abs, true
	}
	return "", false
}

// rewriteUIFile rewrites a file of Cayley's UI bundle for serving: the
// compiled-in API address blanked and the CDN URLs pointed at /assets/. (The
// Query Shape tab stays: newsgraph answers its /api/v1/shape/gizmo with the
// query's plans.) Every replacement has the length of what it replaces.
// It reports whether anything changed.
func rewriteUIFile(name string, data []byte) ([]byte, bool) {
	out := data
	switch path.Ext(name) {
	case ".js":
		// The bundle calls fetch(serverURL + "/api/v2/..."), with serverURL
		// compiled in as "http://localhost:64210". It becomes "" (so that the UI
		// calls the address it was loaded from), by an expression that also
		// loads newsgraph's additions to the UI.
		out = bytes.ReplaceAll(out, []byte(uiServerURL), []byte(serverURLImport+strings.Repeat(" ", len(uiServerURL)-len(serverURLImport))))
		out = bytes.ReplaceAll(out, []byte(monacoCDN), []byte(assetsPrefix+strings.TrimPrefix(monacoCDN, "https://")))
	case ".css":
		out = bytes.ReplaceAll(out, []byte("url("+fontsCDN), []byte("url("+assetsPrefix+strings.TrimPrefix(fontsCDN, "https://")))
	}
	return out, !bytes.Equal(out, data)
}

// assetsHandler serves /assets/: the offline editor and font from the
// node_modules folder dir, or the fallbacks when dir is "".
type assetsHandler struct {
	dir   string
	files fs.FS // os.DirFS(dir): no path leaves it
	icons []byte
}

func newAssetsHandler(dir string) *assetsHandler {
	h := &assetsHandler{dir: dir, icons: []byte(fallbackIcons)}
	if dir == "" {
		return h
	}
	h.files = os.DirFS(dir)
	// The npm package's stylesheet, with its font URLs made absolute.
	if css, err := fs.ReadFile(h.files, "material-icons/iconfont/filled.css"); err == nil {
		h.icons = bytes.ReplaceAll(css, []byte(`url("./`), []byte(`url("`+npmPath+`material-icons/iconfont/`))
	}
	return h
}

func (h *assetsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean(r.URL.Path)
	switch {
	case p == additionsPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "ng.js", time.Time{}, bytes.NewReader(uiAdditions))
	case p == fontsPath:
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		http.ServeContent(w, r, "icon.css", time.Time{}, bytes.NewReader(h.icons))
	case strings.HasPrefix(p, monacoPath):
		rest := strings.TrimPrefix(p, monacoPath)
		if h.files == nil {
			if rest == "min/vs/loader.js" {
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
				http.ServeContent(w, r, "loader.js", time.Time{}, bytes.NewReader(fallbackEditor))
				return
			}
			http.NotFound(w, r)
			return
		}
		h.serveFile(w, r, "monaco-editor/"+rest)
	case strings.HasPrefix(p, npmPath):
		rest := strings.TrimPrefix(p, npmPath)
		pkg, _, _ := strings.Cut(rest, "/")
		if _, ok := uiPackages[pkg]; !ok || h.files == nil {
			http.NotFound(w, r)
			return
		}
		h.serveFile(w, r, rest)
	default:
		http.NotFound(w, r)
	}
}

func (h *assetsHandler) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	f, err := h.files.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	rs, ok := f.(interface {
		Read([]byte) (int, error)
		Seek(int64, int) (int64, error)
	})
	if !ok {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, name, st.ModTime(), rs)
}

// serverURLImport may not be longer than what it replaces (the array's length would be
// negative): the bundle's offsets must not move.
var _ [len(uiServerURL) - len(serverURLImport)]struct{}
