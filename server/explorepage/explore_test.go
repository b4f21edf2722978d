package explorepage

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// The page loads nothing from elsewhere: no URL in its files but the SVG namespace.
func TestNoExternalURLs(t *testing.T) {
	urls := regexp.MustCompile(`https?://[^\s"'<>)]+`)
	fs.WalkDir(FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := fs.ReadFile(FS, name)
		for _, u := range urls.FindAllString(string(data), -1) {
			if u != "http://www.w3.org/2000/svg" {
				t.Errorf("%s refers to %s", name, u)
			}
		}
		return nil
	})
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(http.StripPrefix("/explore", Handler()))
	defer srv.Close()
	for path, ctype := range map[string]string{"/explore/": "text/html", "/explore/explore.js": "javascript", "/explore/explore.css": "text/css"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), ctype) || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET %s = %d %s, CSP %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Security-Policy"))
		}
	}
}

// The script parses (with Node.js, when there is one).
func TestScriptSyntax(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node: the script's syntax is checked by the browser test only")
	}
	cmd := exec.Command(node, "--check", "static/explore.js")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("node --check explore.js: %v\n%s", err, out)
	}
}
