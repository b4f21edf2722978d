package server

import (
	"context"
	"encoding/json"
	"github.com/newsgraph/newsgraph/store"
	"io"
	"net/http"
	"strings"
)

// ShapePath is the web UI's Query Shape tab's endpoint: POST /api/v1/shape/gizmo with a Gizmo
// query as the body answers the plan of each of its path finals ({"plans": [...]}, as
// `query --explain` prints them), without running it. Stock Cayley answers 501 there.
const ShapePath = "/api/v1/shape/"

func shapeHandler(s *store.Store, o ServerOptions) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", "POST")
			jsonError(w, http.StatusMethodNotAllowed, "POST a Gizmo query to "+ShapePath+"gizmo")
			return
		}
		if lang := strings.TrimPrefix(r.URL.Path, ShapePath); lang != "gizmo" {
			jsonError(w, http.StatusNotImplemented, "query plans are shown for gizmo only, not "+lang)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			jsonError(w, http.StatusBadRequest, "reading the query: "+err.Error())
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), o.QueryTimeout)
		defer cancel()
		plans, err := s.Explain(ctx, string(body))
		if err != nil {
			jsonError(w, http.StatusBadRequest, err.Error())
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"plans": plans})
	})
}
