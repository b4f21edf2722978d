package server

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"net/http"
	"strings"

	"github.com/cayleygraph/quad"
)

// Merging and unmerging from the explorer's card: the operations of `newsgraph merge` and
// `newsgraph unmerge` (Store.Merge, Store.Unmerge), over HTTP, on a server started with
// `serve --writable --token T`. Each request carries the token as the other writes do, and says
// who merges and why: the merge records them with the time, as the CLI does.
//
//	POST /api/newsgraph/merge    {"keep": ID, "other": [ID, ...], "by": "who", "reason": "why"}
//	POST /api/newsgraph/unmerge  {"merge": "ng:merge/..." or the id of the entity merged away}

type mergeRequest struct {
	Keep   string          `json:"keep"`
	Other  json.RawMessage `json:"other"` // one id or a list
	By     string          `json:"by"`
	Reason string          `json:"reason"`
}

type unmergeRequest struct {
	Merge string `json:"merge"`
}

// readJSON decodes the request's body into v.
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the body must be a JSON object: %v: %w", err, cards.ErrInvalid)
	}
	return nil
}

func (h *exploreHandler) merge(ctx context.Context, r *http.Request) (any, error) {
	var req mergeRequest
	if err := readJSON(r, &req); err != nil {
		return nil, err
	}
	var others []string
	if len(req.Other) > 0 && json.Unmarshal(req.Other, &others) != nil {
		var one string
		if err := json.Unmarshal(req.Other, &one); err != nil {
			return nil, fmt.Errorf("other must be an id or a list of ids: %w", cards.ErrInvalid)
		}
		others = []string{one}
	}
	req.By, req.Reason = strings.TrimSpace(req.By), strings.TrimSpace(req.Reason)
	switch {
	case strings.TrimSpace(req.Keep) == "" || len(others) == 0:
		return nil, fmt.Errorf("give keep (the entity that stays) and other (the entities merged into it): %w", cards.ErrInvalid)
	case req.By == "" || req.Reason == "":
		return nil, fmt.Errorf("say who merges (by) and why (reason): the merge records them: %w", cards.ErrInvalid)
	}
	keep, err := cards.Of(h.s).ResolveEntity(ctx, req.Keep)
	if err != nil {
		return nil, err
	}
	out := []store.MergeInfo{}
	for _, o := range others {
		other, err := cards.Of(h.s).ResolveEntity(ctx, o)
		if err != nil {
			return nil, err
		}
		m, err := h.s.Merge(ctx, keep, other, store.MergeOptions{By: req.By, Reason: req.Reason})
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, cards.ErrInvalid)
		}
		out = append(out, m)
	}
	return map[string]any{"merges": out}, nil
}

func (h *exploreHandler) unmerge(ctx context.Context, r *http.Request) (any, error) {
	var req unmergeRequest
	if err := readJSON(r, &req); err != nil {
		return nil, err
	}
	target := quad.IRI(strings.Trim(strings.TrimSpace(req.Merge), "<>"))
	if target == "" {
		return nil, fmt.Errorf("give merge: the merge's id or the id of the entity merged away: %w", cards.ErrInvalid)
	}
	m, err := h.s.Unmerge(ctx, target)
	if err != nil {
		return nil, err
	}
	return m, nil
}
