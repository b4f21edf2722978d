package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/lockfile"
)

// Reading commands (query, entity, search, path, timeline, top, export) work while `serve`
// holds a bolt database: bolt lets one process open the file, so they ask that server, whose
// URL the lock file records (lockfile.RecordServer), through the same HTTP APIs the web UI and
// the explorer use, and print what they would print from the database.

// errNoDatabase is returned by reading commands when --db names no database: opening it
// would make a new empty one and answer nothing, in the wrong folder.
func errNoDatabase(db string) error {
	return fmt.Errorf("no database at %s (load something first, or give --db)", db)
}

// isBolt reports whether the command's --db and --backend name a bolt database.
func isBolt(c *cli.Context) bool {
	db := c.String("db")
	return c.String("backend") == store.Bolt && !strings.HasPrefix(db, "postgres://") && !strings.HasPrefix(db, "postgresql://")
}

// openReader opens the database for a reading command. When a serve process holds it, it
// returns a client of that server instead (and a nil Store).
func openReader(c *cli.Context) (*store.Store, *remote, error) {
	db := c.String("db")
	if isBolt(c) && !store.Exists(db) {
		return nil, nil, errNoDatabase(db)
	}
	s, err := openReadStore(c)
	if err == nil || !errors.Is(err, store.ErrInUse) || !isBolt(c) {
		return s, nil, err
	}
	if u := lockfile.ServerURL(db); u != "" {
		return nil, &remote{base: strings.TrimSuffix(u, "/"), ctx: c.Context}, nil
	}
	return nil, nil, fmt.Errorf("%w (stop the process that holds it, or run newsgraph serve, which reading commands can ask)", err)
}

// remote is a client of a running newsgraph server.
type remote struct {
	base string // http://host:port
	ctx  context.Context
}

// apiError is the body of an error answer from the server: {"error": "..."}.
type apiError struct {
	Error string `json:"error"`
}

// do sends a request and decodes the JSON answer into v; an error answer is returned as an
// error with the server's message, which is the message the command gives locally.
func (r *remote) do(method, path string, params url.Values, body io.Reader, v any) error {
	req, err := http.NewRequestWithContext(r.ctx, method, r.base+path+"?"+params.Encode(), body)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("the database is in use by newsgraph serve at %s, which does not answer: %w", r.base, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e apiError
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return errors.New(e.Error)
		}
		return fmt.Errorf("%s: %s", resp.Status, bytes.TrimSpace(b))
	}
	return json.Unmarshal(b, v)
}

// explore reads an endpoint of the explorer's API (/api/newsgraph/NAME).
func (r *remote) explore(name string, params url.Values, v any) error {
	return r.do(http.MethodGet, server.ExplorePrefix+name, params, nil, v)
}

// query runs a Gizmo query through Cayley's v2 API. limit 0 is the server's own limit.
func (r *remote) query(q string, limit int) ([]any, error) {
	var res struct {
		Result []any  `json:"result"`
		Error  string `json:"error"`
	}
	params := url.Values{"lang": {"gizmo"}}
	if limit > 0 {
		params.Set("limit", strconv.Itoa(limit))
	}
	if err := r.do(http.MethodPost, "/api/v2/query", params, strings.NewReader(q), &res); err != nil {
		return nil, err
	}
	if res.Error != "" {
		return nil, errors.New(res.Error)
	}
	if res.Result == nil {
		res.Result = []any{}
	}
	return res.Result, nil
}

// dump copies every quad the server holds into a new in-memory store, so that export
// writes every format exactly as it does from the database.
func (r *remote) dump() (*store.Store, error) {
	req, err := http.NewRequestWithContext(r.ctx, http.MethodGet, r.base+"/api/v2/read?format=nquads&iri=stored", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("the database is in use by newsgraph serve at %s, which does not answer: %w", r.base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return nil, fmt.Errorf("reading the graph from %s: %s: %s", r.base, resp.Status, bytes.TrimSpace(b))
	}
	s, err := store.Open(store.Memstore, "")
	if err != nil {
		return nil, err
	}
	if _, err := s.Import(r.ctx, resp.Body); err != nil {
		s.Close()
		return nil, fmt.Errorf("reading the graph from %s: %w", r.base, err)
	}
	return s, nil
}

// itoa writes n as a parameter; 0 as absent, which the API reads as its default.
func itoa(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// values drops empty parameters.
func values(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v
}
