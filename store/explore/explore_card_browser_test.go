package explore_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/server"
)

// A hub's card fits on two screens folded: facts grouped by relation, the first few of each
// open, quotations in their own tab; the filter (relation, counterpart, dates) narrows the
// facts, the card's numbers, the graph and the timeline together.
func TestExploreHubCardInBrowser(t *testing.T) {
	s := hubStore(t)
	p := serveAndBrowse(t, s, server.ServerOptions{}, 1440, 900)
	const summary = `document.getElementById("facts-summary").textContent`
	p.do("open Hubland", 30*time.Second,
		chromedp.Navigate(p.base+"/explore/#/entity/Hubland"),
		wait(`(document.querySelector("#card h1") || {}).textContent === "Hubland" && !!document.getElementById("facts-summary")`, 20*time.Second),
		wait(`document.querySelectorAll("#graph .node").length > 10 && !!document.querySelector("#graph-info .shown")`, 20*time.Second),
		chromedp.Sleep(2*time.Second)) // the layout settles

	bottom := eval[float64](p, `document.getElementById("card").getBoundingClientRect().bottom + scrollY`)
	screen := eval[float64](p, `innerHeight`)
	t.Logf("the card is %.0f px tall on a %.0f px screen", bottom, screen)
	if bottom > 2*screen {
		t.Errorf("the hub's card ends at %.0f px: more than two screens of %.0f", bottom, screen)
	}
	facts := eval[string](p, `document.getElementById("tab-facts").textContent`)
	said := eval[string](p, `document.getElementById("tab-said").textContent`)
	if facts == "" || said != "What Hubland said (40)" {
		t.Errorf("tabs %q, %q", facts, said)
	}
	if n := eval[int](p, `document.querySelectorAll("#card .facts .group").length`); n != 5 {
		t.Errorf("%d groups open, want 5", n)
	}
	if n := eval[int](p, `Math.max(...[...document.querySelectorAll("#card .facts .group")].map(g => g.querySelectorAll("details.fact").length))`); n != 3 {
		t.Errorf("an open group shows %d facts, want 3", n)
	}
	folded := eval[int](p, `document.querySelectorAll("#card .folded .folded-group").length`)
	if folded < 10 {
		t.Errorf("%d relations folded", folded)
	}
	p.shoot("explore-hub-card.png", false)

	// "+ N more" opens the rest of a group; a folded relation opens on a click.
	p.do("open a group", 10*time.Second,
		run(`document.querySelector("#card .facts .group .more-facts").click()`),
		wait(`[...document.querySelectorAll("#card .facts .group")].some(g => g.querySelectorAll("details.fact").length > 3)`, 5*time.Second),
		run(`document.querySelector("#card .folded .folded-group").click()`),
		wait(`document.querySelectorAll("#card .facts .group").length === 6`, 5*time.Second))

	// Quotations in their own tab.
	p.do("what Hubland said", 10*time.Second,
		run(`document.getElementById("tab-said").click()`),
		wait(`document.querySelectorAll("#card .quote").length === 10 && document.querySelector("#card .quote blockquote").textContent.includes("went well")`, 5*time.Second))
	if src := eval[string](p, `document.querySelector("#card .quote .source a.article-link").getAttribute("href")`); !strings.HasPrefix(src, "#/article/") {
		t.Errorf("a quotation's source links to %q", src)
	}
	p.do("back to the facts", 10*time.Second, run(`document.getElementById("tab-facts").click()`),
		wait(`!!document.querySelector("#card .facts")`, 5*time.Second))

	// The relation filter: the facts, the card's numbers and the graph follow it.
	nodesBefore := eval[int](p, `document.querySelectorAll("#graph .node").length`)
	p.do("filter by relation", 20*time.Second,
		run(`(() => { const s = document.getElementById("f-pred"); s.value = "ng:attacked"; s.dispatchEvent(new Event("change")); })()`),
		wait(`document.getElementById("tab-facts").textContent.includes(" of ")`, 5*time.Second),
		wait(`[...document.querySelectorAll("#graph .edge-g")].length > 0 && [...document.querySelectorAll("#graph .edge-g")].every(g => g.dataset.pred === "ng:attacked")`, 10*time.Second))
	if got := eval[string](p, `[...document.querySelectorAll("#card details.fact .pred")].map(e => e.textContent).filter((v, i, a) => a.indexOf(v) === i).join("|")`); got != "attacked" {
		t.Errorf("filtered by attacked, the card shows %q", got)
	}
	if n := eval[int](p, `document.querySelectorAll("#graph .node").length`); n >= nodesBefore {
		t.Errorf("the graph kept %d nodes of %d under the filter", n, nodesBefore)
	}
	if got := eval[string](p, summary); !regexp.MustCompile(`^\d+ facts · \d+ supporting articles`).MatchString(got) {
		t.Errorf("summary %q", got)
	}

	// A counterpart and a date range: the undated facts hidden are counted, in the card and in the graph.
	p.do("filter by dates", 20*time.Second,
		run(`(() => { const s = document.getElementById("f-pred"); s.value = ""; s.dispatchEvent(new Event("change"));
			const f = document.getElementById("f-from"); f.value = "2012"; f.dispatchEvent(new Event("input"));
			const w = document.getElementById("f-to"); w.value = "2013"; w.dispatchEvent(new Event("input")); })()`),
		wait(`document.getElementById("facts-summary").textContent.includes("undated hidden by the dates") && !!document.querySelector("#graph-info .undated")`, 10*time.Second))
	undated := eval[string](p, `document.querySelector("#graph-info .undated").textContent`)
	if !regexp.MustCompile(`the dates hide \d+ facts whose articles have no date`).MatchString(undated) {
		t.Errorf("graph notice %q", undated)
	}
	p.do("filter by counterpart", 20*time.Second,
		run(`(() => { const w = document.getElementById("f-who"); w.value = "Partner 0"; w.dispatchEvent(new Event("input")); })()`),
		wait(`[...document.querySelectorAll("#card details.fact")].length > 0 && [...document.querySelectorAll("#card details.fact summary")].every(s => s.textContent.includes("Partner 0"))`, 5*time.Second),
		wait(`document.querySelectorAll("#graph .node.dim").length > 0`, 5*time.Second))
	for _, line := range []string{eval[string](p, summary), eval[string](p, `document.getElementById("tab-facts").textContent`)} {
		t.Logf("filtered: %s", line)
	}
}

// A hub's neighbourhood says how many neighbours it has and shows the best ranked; "more"
// adds the next ones; no label is cut by the frame or lies on another; relations are picked
// several at once from the legend, with this entity's counts.
func TestExploreHubGraphInBrowser(t *testing.T) {
	s := hubStore(t)
	p := serveAndBrowse(t, s, server.ServerOptions{}, 1440, 900)
	const info = `document.querySelector("#graph-info .shown").textContent`
	p.do("open Hubland", 30*time.Second,
		chromedp.Navigate(p.base+"/explore/#/entity/country%2Fhubland"),
		wait(`document.querySelectorAll("#graph .node").length > 10 && !!document.querySelector("#graph-info .shown")`, 20*time.Second),
		wait(`document.getElementById("graph").dataset.settled === "1"`, 20*time.Second))
	if got := eval[string](p, info); !strings.HasPrefix(got, "59 of 152 neighbours shown") {
		t.Errorf("graph info %q", got)
	}
	if bad := eval[[]string](p, clipped("graph")); len(bad) > 0 {
		t.Errorf("labels: %q", bad)
	}
	if n := eval[int](p, `[...document.querySelectorAll("#graph .node-label")].filter(t => getComputedStyle(t).display !== "none").length`); n < 15 {
		t.Errorf("only %d node labels shown", n)
	}
	p.shoot("explore-hub-store.png", false)

	// Hovering a node shows its edges' labels.
	p.do("hover", 10*time.Second,
		run(`document.querySelector('#graph .node[data-id="country:hubland"], #graph .node.center').dispatchEvent(new PointerEvent("pointerenter"))`),
		wait(`document.querySelectorAll("#graph .edge-label.show").length > 10`, 5*time.Second))

	p.do("more", 20*time.Second,
		run(`document.getElementById("graph-more").click()`),
		wait(`document.querySelectorAll("#graph .node").length === 120`, 10*time.Second),
		wait(`document.getElementById("graph").dataset.settled === "1"`, 20*time.Second))
	if got := eval[string](p, info); !strings.HasPrefix(got, "119 of 152 neighbours shown") {
		t.Errorf("after more: %q", got)
	}
	if bad := eval[[]string](p, clipped("graph")); len(bad) > 0 {
		t.Errorf("labels after more: %q", bad)
	}

	// Two relations from the legend: its counts are Hubland's own.
	legend := eval[[]string](p, `[...document.querySelectorAll("#graph-legend .legend-pred")].map(b => b.dataset.pred + "=" + b.querySelector("small").textContent)`)
	counts := map[string]int{}
	for _, l := range legend {
		k, v, _ := strings.Cut(l, "=")
		counts[k], _ = strconv.Atoi(v)
	}
	if len(counts) != 24 || counts["ng:visited"] == 0 {
		t.Errorf("legend %q", legend)
	}
	p.do("pick two relations", 20*time.Second,
		run(`document.querySelector('#graph-legend .legend-pred[data-pred="ng:visited"]').click()`),
		wait(`document.querySelector('#graph-legend .legend-pred[data-pred="ng:visited"]').classList.contains("on")`, 10*time.Second),
		run(`document.querySelector('#graph-legend .legend-pred[data-pred="ng:met"]').click()`),
		wait(`document.querySelectorAll("#graph-legend .legend-pred.on").length === 2 && [...document.querySelectorAll("#graph .edge-g")].every(g => g.dataset.pred === "ng:visited" || g.dataset.pred === "ng:met")`, 10*time.Second),
		chromedp.Sleep(2*time.Second))
	edges := eval[int](p, `document.querySelectorAll("#graph .edge-g").length`)
	if want := counts["ng:visited"] + counts["ng:met"]; edges != want {
		t.Errorf("%d edges for visited and met, the legend counts %d", edges, want)
	}
	if got := eval[string](p, `document.getElementById("tab-facts").textContent`); !strings.Contains(got, " of ") {
		t.Errorf("the card does not follow the legend: %q", got)
	}
	p.shoot("explore-hub-relations.png", false)
}
