// Package explorepage is the entity explorer that `newsgraph serve` serves at /explore/: one
// page of HTML, CSS and JavaScript, embedded in the binary, with no CDN and no build step.
// Everything it shows comes from the JSON API under /api/newsgraph/ (server/explore_api.go):
// search, entity, neighbours, timeline, path and evidence.
package explorepage

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var files embed.FS

// FS holds the page's files: index.html, explore.js, explore.css.
var FS = func() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // "static" is a valid path
	}
	return sub
}()

// Handler serves the page's files at the root of its path ("/" is index.html): mount it
// with http.StripPrefix. Only GET and HEAD are allowed.
func Handler() http.Handler {
	fsrv := http.FileServerFS(FS)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fsrv.ServeHTTP(w, r)
	})
}
