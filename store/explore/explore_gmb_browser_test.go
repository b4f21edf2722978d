package explore_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// The explorer on a real graph: the GMB articles (`go run ./bench/gmbjsonl`, loaded with
// `newsgraph load`; the corpus comes from ../shared), named by $NEWSGRAPH_EXPLORE_GMB_DB. The
// Iraq card (a hub of 900 articles) fits on two screens folded, its graph says how many
// neighbours it shows and cuts no label, and a path from Condoleezza Rice to Hamas can leave Israel and the other hubs out.
func TestExploreGMBInBrowser(t *testing.T) {
	db := os.Getenv("NEWSGRAPH_EXPLORE_GMB_DB")
	if db == "" {
		t.Skip("set NEWSGRAPH_EXPLORE_GMB_DB to a database of the GMB articles (go run ./bench/gmbjsonl; newsgraph load) to run the explorer on a real graph")
	}
	s, err := store.Open(store.Bolt, db, store.ReadMostly())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p := serveAndBrowse(t, s, server.ServerOptions{}, 1440, 900)
	p.do("open Iraq", 60*time.Second,
		chromedp.Navigate(p.base+"/explore/#/entity/ng%3Acountry%2Firaq"),
		wait(`(document.querySelector("#card h1") || {}).textContent === "Iraq" && !!document.getElementById("facts-summary")`, 50*time.Second),
		wait(`document.getElementById("graph").dataset.settled === "1"`, 30*time.Second))
	bottom := eval[float64](p, `document.getElementById("card").getBoundingClientRect().bottom + scrollY`)
	t.Logf("the Iraq card ends at %.0f px (two screens: %d); %s; %s", bottom, 2*900,
		eval[string](p, `document.getElementById("tab-facts").textContent`), eval[string](p, `document.querySelector("#graph-info").textContent`))
	if bottom > 2*900 {
		t.Errorf("the Iraq card is more than two screens: %.0f px", bottom)
	}
	if info := eval[string](p, `document.querySelector("#graph-info .shown").textContent`); !strings.Contains(info, " of ") {
		t.Errorf("the Iraq graph does not say its total: %q", info)
	}
	if bad := eval[[]string](p, clipped("graph")); len(bad) > 0 {
		t.Errorf("Iraq's labels: %q", bad)
	}
	p.shoot("explore-iraq.png", false)
	p.do("Rice to Hamas around the hubs", 60*time.Second,
		chromedp.Navigate(p.base+"/explore/#/connect?a=Condoleezza%20Rice&b=Hamas&max=3&avoid=300"),
		wait(`!!document.querySelector("#paths .paths-summary") || !!document.querySelector("#paths .empty:not(:empty)") && !document.querySelector("#paths").textContent.includes("Searching")`, 50*time.Second))
	got := eval[string](p, `document.getElementById("paths").textContent`)
	t.Logf("paths avoiding hubs: %.300s", got)
	nodes := eval[string](p, `[...document.querySelectorAll("#path-graph .path-node text:first-of-type")].map(t => t.textContent).join("|")`)
	if !strings.Contains(nodes, "Condoleezza Rice") {
		t.Errorf("no path drawn: %q", nodes)
	}
	for _, hub := range []string{"United States", "Israel"} {
		if strings.Contains(nodes, hub) {
			t.Errorf("the path goes through %s: %q", hub, nodes)
		}
	}
	p.shoot("explore-paths-gmb.png", false)
}
