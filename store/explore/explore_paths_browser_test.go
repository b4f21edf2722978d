package explore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/server"
)

// "How are they connected?" draws its paths as one small graph with each step's evidence
// under it; "avoid hubs" leaves out the entities that too many articles mention.
func TestExplorePathsInBrowser(t *testing.T) {
	s := hubStore(t)
	p := serveAndBrowse(t, s, server.ServerOptions{}, 1440, 900)
	const nodes = `[...document.querySelectorAll("#path-graph .path-node")].map(g => g.querySelector("text").textContent).sort().join("|")`
	p.do("connect", 30*time.Second,
		chromedp.Navigate(p.base+"/explore/#/connect?a=Alpha%20One&b=Omega%20Two&max=3"),
		wait(`document.querySelectorAll("#paths .path").length === 2 && !!document.getElementById("path-graph")`, 20*time.Second))
	if got := eval[string](p, nodes); got != "Alpha One|Bridge Person|Hubland|Omega Two" {
		t.Errorf("path graph nodes %q", got)
	}
	if got := eval[string](p, `[...document.querySelectorAll("#path-graph .path-edge-label")].map(t => t.textContent).sort().join("|")`); got != "met|met|received|visited" {
		t.Errorf("path graph edges %q", got)
	}
	if n := eval[int](p, `document.querySelectorAll("#paths .hop .source a.article-link").length`); n != 4 {
		t.Errorf("%d steps link to their evidence", n)
	}
	p.do("avoid hubs", 30*time.Second,
		run(`document.getElementById("avoid-on").checked = true; document.getElementById("avoid").value = "100"`),
		run(`document.querySelector("#connect-form button[type=submit]").click()`),
		wait(`location.hash.includes("avoid=100") && document.querySelectorAll("#paths .path").length === 1 && !!document.getElementById("path-graph")`, 20*time.Second))
	if got := eval[string](p, nodes); got != "Alpha One|Bridge Person|Omega Two" {
		t.Errorf("avoiding hubs, the path graph has %q", got)
	}
	if got := eval[string](p, `document.querySelector("#paths .paths-summary").textContent`); !strings.Contains(got, "1 hub with more than 100 articles left out") {
		t.Errorf("summary %q", got)
	}
	p.shoot("explore-paths-avoid-hubs.png", false)
}

// On a writable server the card merges a namesake into its entity and undoes a merge, with
// the user's name, a reason and the token, as `newsgraph merge` and `unmerge` do.
func TestExploreMergeInBrowser(t *testing.T) {
	s := hubStore(t)
	p := serveAndBrowse(t, s, server.ServerOptions{Writable: true, Token: "sesame"}, 1440, 900)
	p.do("open Omega Two", 30*time.Second,
		chromedp.Navigate(p.base+"/explore/#/entity/Omega%20Two"),
		wait(`!!document.getElementById("curate") && !!document.getElementById("merge-other")`, 20*time.Second),
		run(`document.getElementById("curate").open = true; window.confirm = () => true`),
		chromedp.SendKeys(chromedp.ID("merge-other"), "Bridge"),
		wait(`[...document.querySelectorAll("#curate .suggestions li")].some(li => li.textContent.includes("Bridge Person"))`, 10*time.Second),
		run(`[...document.querySelectorAll("#curate .suggestions li")].find(li => li.textContent.includes("Bridge Person")).dispatchEvent(new MouseEvent("mousedown", {bubbles: true}))`),
		run(`document.getElementById("merge-by").value = "ana"; document.getElementById("merge-why").value = "one person, two names"; document.getElementById("merge-token").value = "sesame"`),
		run(`document.getElementById("merge-go").click()`),
		wait(`!!document.querySelector("#curate .merged .unmerge")`, 20*time.Second))
	ms, err := s.Merges(p.ctx)
	if err != nil || len(ms) != 1 || ms[0].By != "ana" || ms[0].Reason != "one person, two names" || ms[0].Merged != "ng:person/bridge-person" {
		t.Fatalf("merges %+v %v", ms, err)
	}
	if got := eval[string](p, `document.querySelector("#curate .merged").textContent`); !strings.Contains(got, "merged by ana") || !strings.Contains(got, "one person, two names") {
		t.Errorf("the card's merges: %q", got)
	}
	p.shoot("explore-merge.png", false)
	p.do("unmerge", 20*time.Second,
		run(`document.querySelector("#curate .merged .unmerge").click()`),
		wait(`!document.querySelector("#curate .merged")`, 20*time.Second))
	if ms, _ := s.Merges(p.ctx); len(ms) != 0 {
		t.Errorf("after unmerge: %+v", ms)
	}
}
