package explore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/server"
)

// visualizeQuery draws whom Hubland attacked or met, and whom Alpha One met, each edge
// tagged with its predicate.
const visualizeQuery = `g.V("<ng:country/hubland>", "<ng:person/alpha-one>").Tag("source").Out(["<ng:attacked>", "<ng:met>"], "predicate").Tag("target").All()`

// Cayley's own Visualize tab, as newsgraph serves it: entity names as labels (the IRIs stay,
// hidden), nodes coloured by type, predicate labels on the edges, one edge per fact however
// many articles state it, the picture inside its frame; no Write tab on a read-only server.
func TestVisualizeShowsNamesInBrowser(t *testing.T) {
	s := hubStore(t)
	p := serveAndBrowse(t, s, server.ServerOptions{}, 1440, 900)
	const names = `[...document.querySelectorAll("main svg text.ng-name")].map(t => t.textContent)`
	p.do("open Visualize", 30*time.Second,
		chromedp.Navigate(p.base+"/"),
		chromedp.WaitVisible(chromedp.CSS(".QueryEditor textarea")),
		chromedp.Click(chromedp.Search(`//aside//*[contains(@class, "mdc-list-item") and contains(., "Visualize")]`)),
		chromedp.WaitVisible(chromedp.CSS(".QueryEditor textarea")),
		run(`(() => { const t = document.querySelector(".QueryEditor textarea"); t.select(); })()`),
		chromedp.SendKeys(chromedp.CSS(".QueryEditor textarea"), visualizeQuery),
		chromedp.Click(chromedp.Search(`//button[contains(., "Run")]`)),
		wait(names+`.includes("Hubland") && document.querySelectorAll("main svg text.ng-edge-label").length > 5`, 20*time.Second),
		chromedp.Sleep(3*time.Second)) // the layout settles
	got := eval[[]string](p, names)
	for _, want := range []string{"Hubland", "Alpha One", "Bridge Person", "Partner 000"} {
		if !strings.Contains(strings.Join(got, "|"), want) {
			t.Errorf("Visualize names %q: no %s", got, want)
		}
	}
	if ids := eval[string](p, `[...document.querySelectorAll("main svg text:not(.ng-name)")].map(t => t.textContent).join("|")`); !strings.Contains(ids, "ng:country/hubland") {
		t.Errorf("the IRIs are gone from the page: %.200s", ids)
	}
	edges := eval[[]string](p, `[...document.querySelectorAll("main svg text.ng-edge-label")].map(t => t.textContent)`)
	for _, want := range []string{"attacked", "met"} {
		if !strings.Contains(strings.Join(edges, "|"), want) {
			t.Errorf("edge labels %q: no %s", edges, want)
		}
	}
	fills := map[string]string{}
	for _, nf := range eval[[]string](p, `[...document.querySelectorAll("main svg g.vx-network-nodes")].map(g => (g.querySelector("text.ng-name") || {}).textContent + "=" + g.querySelector("circle").getAttribute("fill"))`) {
		n, f, _ := strings.Cut(nf, "=")
		fills[n] = f
	}
	if fills["Hubland"] == fills["Alpha One"] || fills["Partner 000"] != fills["Alpha One"] || fills["Agency 001"] == fills["Alpha One"] {
		t.Errorf("colours by type: %v", fills)
	}
	// As many lines as distinct facts: the rows of one fact's articles are one edge.
	if lines, want := eval[int](p, `document.querySelectorAll("main svg .vx-network-links line").length`), len(edges); lines != want {
		t.Logf("%d lines, %d edge labels", lines, want)
	}
	if bad := eval[[]string](p, `(() => {
		const s = document.querySelector("main .graph svg").getBoundingClientRect(), out = [];
		for (const e of document.querySelectorAll("main svg circle, main svg text.ng-name")) {
			const r = e.getBoundingClientRect();
			if (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1) out.push(e.textContent || "circle");
		}
		return out; })()`); len(bad) > 0 {
		t.Errorf("outside the frame: %q", bad)
	}
	if tabs := eval[string](p, `[...document.querySelectorAll(".mdc-drawer .mdc-list-item")].filter(li => getComputedStyle(li).display !== "none").map(li => li.textContent).join("|")`); tabs != "Query|Query Shape|Visualize" {
		t.Errorf("tabs on a read-only server: %q", tabs)
	}
	p.shoot("cayley-visualize-names.png", false)
}

// A writable server keeps the Write tab.
func TestCayleyUIWriteTabOnAWritableServer(t *testing.T) {
	s := openBolt(t)
	p := serveAndBrowse(t, s, server.ServerOptions{Writable: true, Token: "sesame"}, 1200, 800)
	p.do("open the UI", 30*time.Second,
		chromedp.Navigate(p.base+"/"),
		chromedp.WaitVisible(chromedp.CSS(".QueryEditor textarea")),
		chromedp.Sleep(500*time.Millisecond))
	if tabs := eval[string](p, `[...document.querySelectorAll(".mdc-drawer .mdc-list-item")].filter(li => getComputedStyle(li).display !== "none").map(li => li.textContent).join("|")`); tabs != "Query|Query Shape|Visualize|Write" {
		t.Errorf("tabs on a writable server: %q", tabs)
	}
}
