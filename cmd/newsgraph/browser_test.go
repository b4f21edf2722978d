package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/newsgraph/newsgraph/internal/browsertest"
)

// The browser test: headless Chromium (Debian's package; .ci/run installs it), driven by
// chromedp, against `newsgraph serve` over the examples graph. It runs with the machine's
// network closed, and fails if the page asks for anything but the server: that proves the
// web UI and the explorer work offline. Screenshots go to $NEWSGRAPH_SCREENSHOTS (relative to the
// repository's root: the README uses docs/screenshots), else to a temporary folder.

func chromium() string { return browsertest.Chromium() }

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `newsgraph serve` on a free port until the test ends; it returns the base
// URL and what serve writes to its standard error.
func startServe(t *testing.T, db string, args ...string) (string, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--db", db, "serve", "--addr", "127.0.0.1:0", "--timeout", "20s"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := new(syncBuffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve said nothing: %v %s", err, stderr.String())
	}
	base := regexp.MustCompile(`http://[0-9.:]+`).FindString(line)
	if base == "" {
		t.Fatalf("no address in %q", line)
	}
	return base, stderr
}

// browser starts a headless Chromium for the test, in a fresh profile; every request the
// page makes to anywhere but base is recorded in offsite.
func browser(t *testing.T, exe, base string) (ctx context.Context, offsite func() []string) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1440, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	var mu sync.Mutex
	var away []string
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		var url string
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			url = e.Request.URL
		case network.EventRequestWillBeSent:
			url = e.Request.URL
		default:
			return
		}
		if !strings.HasPrefix(url, base+"/") && !strings.HasPrefix(url, "data:") && !strings.HasPrefix(url, "blob:") && url != "about:blank" {
			mu.Lock()
			away = append(away, url)
			mu.Unlock()
		}
	}))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser with this context
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), away...) }
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if !filepath.IsAbs(dir) { // relative to the repository's root, where the README runs commands
		dir = filepath.Join("..", "..", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// step runs actions with a time limit, failing the test with what it was doing.
func step(t *testing.T, ctx context.Context, what string, d time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		// A picture of the page as it was, for the one reading the failure.
		name := "failed-" + regexp.MustCompile(`[^a-z]+`).ReplaceAllString(strings.ToLower(what), "-") + ".png"
		if png, perr := chromedp.Run(ctx, chromedp.CaptureScreenshot()); perr == nil {
			path := filepath.Join(os.TempDir(), name)
			if os.WriteFile(path, png, 0o644) == nil {
				t.Logf("the page at the failure: %s", path)
			}
		}
		t.Fatalf("%s: %v", what, err)
	}
}

func jsEval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func shoot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

func poll(js string, d time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Action[chromedp.Void](func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](js, chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(100*time.Millisecond))(ctx, t)
		return chromedp.Void{}, err
	})
}

// jsString quotes s for JavaScript.
func jsString(s string) string { return fmt.Sprintf("%q", s) }

const (
	bayramovQuery  = `g.V().Has("<schema:name>", "Jeyhun Bayramov").Out("<ng:received>").Out("<schema:name>").All()`
	diplomacyQuery = `g.V().Tag("source").Out(["<ng:received>", "<ng:met>", "<ng:visited>", "<ng:heldTalksWith>", "<schema:memberOf>", "<ng:joined>", "<ng:signed>"]).Tag("target").All()`
	evidenceText   = "The discussion took place during the reception of NATO Deputy Secretary General Radmila Shekerinska by Azerbaijan's Foreign Minister Jeyhun Bayramov."
)

func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium found (/usr/bin/chromium, chromium, google-chrome or $NEWSGRAPH_CHROMIUM): skipping the browser test; .ci/run installs Debian's chromium")
	}
	shots := screenshotDir(t)
	assets, _ := filepath.Abs("../../ui")
	if _, err := os.Stat(filepath.Join(assets, "node_modules", "monaco-editor", "package.json")); err != nil {
		assets = ""
	}

	t.Run("CayleyUI", func(t *testing.T) {
		if assets == "" {
			t.Skip("the UI's offline assets are not installed (npm ci --prefix ui; .ci/run does it): the full editor is not tested")
		}
		base, _ := startServe(t, loadedExamples(t), "--assets", assets)
		ctx, offsite := browser(t, exe, base)

		// The query page: Monaco, from ui/node_modules, with the icon font.
		step(t, ctx, "the query editor loads", 60*time.Second,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.CSS(".QueryEditor .monaco-editor")),
			poll(`document.fonts.check("24px 'Material Icons'") && [...document.fonts].some(f => f.family.includes("Material Icons") && f.status === "loaded")`, 20*time.Second))
		typeQuery(t, ctx, bayramovQuery)
		step(t, ctx, "run the query", 30*time.Second,
			chromedp.Click(chromedp.Search(`//button[contains(., "Run")]`)),
			poll(`document.querySelector("main").innerText.replace(/\u00a0/g, " ").includes("Radmila Shekerinska")`, 20*time.Second))
		if tabs := jsEval[string](t, ctx, `document.querySelector(".mdc-drawer").innerText`); !strings.Contains(tabs, "Query Shape") || !strings.Contains(tabs, "Visualize") {
			t.Errorf("menu = %q: want Visualize and Query Shape", tabs)
		}
		shoot(t, ctx, shots, "cayley-query.png")

		// Query Shape: the plan of the query (newsgraph's /api/v1/shape/gizmo).
		step(t, ctx, "open Query Shape", 30*time.Second,
			chromedp.Click(chromedp.Search(`//aside//*[contains(@class, "mdc-list-item") and contains(., "Query Shape")]`)),
			chromedp.WaitVisible(chromedp.CSS("main .monaco-editor")))
		typeQuery(t, ctx, bayramovQuery)
		step(t, ctx, "show the plan", 30*time.Second,
			chromedp.Click(chromedp.Search(`//button[contains(., "Run")]`)),
			poll(`document.querySelector("main").innerText.includes("iterator")`, 20*time.Second))

		// Visualize: the README's source/target query drawn as a graph.
		step(t, ctx, "open Visualize", 30*time.Second,
			chromedp.Click(chromedp.Search(`//aside//*[contains(@class, "mdc-list-item") and contains(., "Visualize")]`)),
			chromedp.WaitVisible(chromedp.CSS("main .monaco-editor")))
		typeQuery(t, ctx, diplomacyQuery)
		step(t, ctx, "draw the graph", 30*time.Second,
			chromedp.Click(chromedp.Search(`//button[contains(., "Run")]`)),
			poll(`document.querySelectorAll("main svg circle").length >= 5 && document.querySelectorAll("main svg line").length >= 4`, 20*time.Second),
			chromedp.Sleep(1500*time.Millisecond)) // let the force layout settle for the picture
		nodes := jsEval[int](t, ctx, `document.querySelectorAll("main svg circle").length`)
		if labels := jsEval[string](t, ctx, `[...document.querySelectorAll("main svg text")].map(e => e.textContent).join("|")`); !strings.Contains(labels, "person/jeyhun-bayramov") {
			t.Errorf("Visualize drew %d nodes without Bayramov: %s", nodes, labels)
		}
		shoot(t, ctx, shots, "cayley-visualize.png")
		if away := offsite(); len(away) > 0 {
			t.Errorf("the page asked for %d things from elsewhere: %q", len(away), away)
		}
	})

	t.Run("PlainEditor", func(t *testing.T) {
		base, stderr := startServe(t, loadedExamples(t), "--assets", "off")
		for start := time.Now(); !strings.Contains(stderr.String(), "npm ci --prefix ui"); time.Sleep(50 * time.Millisecond) {
			if time.Since(start) > 5*time.Second {
				t.Errorf("serve without the assets did not say how to get them: %q", stderr.String())
				break
			}
		}
		if n := strings.Count(stderr.String(), "npm ci --prefix ui"); n > 1 {
			t.Errorf("serve said %d times how to get the editor", n)
		}
		ctx, offsite := browser(t, exe, base)
		step(t, ctx, "the plain editor loads", 30*time.Second,
			chromedp.Navigate(base+"/"),
			chromedp.WaitVisible(chromedp.CSS(".QueryEditor textarea.newsgraph-plain-editor")),
			chromedp.Evaluate[chromedp.Void](`(() => { const t = document.querySelector(".QueryEditor textarea"); t.select(); })()`),
			chromedp.SendKeys(chromedp.CSS(".QueryEditor textarea"), bayramovQuery),
			chromedp.Click(chromedp.Search(`//button[contains(., "Run")]`)),
			poll(`[...document.querySelectorAll("main textarea")].some(t => t.value.includes("Radmila Shekerinska"))`, 20*time.Second))
		if v := jsEval[string](t, ctx, `document.querySelector(".QueryEditor textarea").value`); v != bayramovQuery {
			t.Errorf("plain editor holds %q", v)
		}
		if txt := jsEval[string](t, ctx, `document.body.innerText`); strings.Contains(txt, "play_circle_filled") {
			t.Error("icon names shown as text without the font")
		}
		shoot(t, ctx, shots, "cayley-plain-editor.png")
		if away := offsite(); len(away) > 0 {
			t.Errorf("the page asked for %d things from elsewhere: %q", len(away), away)
		}
	})

	t.Run("Explore", func(t *testing.T) {
		base, _ := startServe(t, loadedExamples(t), "--assets", "off")
		ctx, offsite := browser(t, exe, base)
		step(t, ctx, "search Bayramov", 30*time.Second,
			chromedp.Navigate(base+"/explore/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "Bayramov"),
			chromedp.WaitVisible(chromedp.Search(`//ul[@id="suggestions"]/li[contains(., "Jeyhun Bayramov")]`)),
			chromedp.Click(chromedp.Search(`//ul[@id="suggestions"]/li[contains(., "Jeyhun Bayramov")]`)),
			poll(`(document.querySelector("#card h1") || {}).textContent === "Jeyhun Bayramov"`, 20*time.Second))
		const fact = `[...document.querySelectorAll("#card details.fact")].find(d => d.querySelector("summary .pred").textContent === "received" && d.querySelector("summary").textContent.includes("Radmila Shekerinska"))`
		step(t, ctx, "open the fact", 20*time.Second,
			poll(`!!`+fact, 10*time.Second),
			chromedp.Evaluate[chromedp.Void](`(`+fact+`).querySelector("summary").click()`),
			poll(`(`+fact+`).open && [...(`+fact+`).querySelectorAll("blockquote")].some(b => b.offsetParent !== null && b.textContent.includes(`+jsString(evidenceText)+`))`, 10*time.Second),
			poll(`document.querySelectorAll("#graph .node").length >= 3 && document.querySelectorAll("#graph .edge").length >= 2`, 20*time.Second),
			poll(`document.querySelectorAll("#timeline li.event").length >= 1`, 20*time.Second),
			chromedp.Sleep(2*time.Second)) // the force layout settles
		shoot(t, ctx, shots, "explore-bayramov.png")

		// The fact's evidence links to its article, at the sentence: marked, with the names in
		// it linked to their entities, beside the facts the article states.
		step(t, ctx, "open the article", 20*time.Second,
			chromedp.Evaluate[chromedp.Void](`[...(`+fact+`).querySelectorAll(".source a.article-link")][0].click()`),
			poll(`location.hash.startsWith("#/article/") && !!document.querySelector("#article-page mark.evidence.target")`, 10*time.Second),
			chromedp.Sleep(300*time.Millisecond))
		if got := jsEval[string](t, ctx, `document.querySelector("#article-page mark.target").textContent`); got != evidenceText {
			t.Errorf("the sentence marked is %q", got)
		}
		if links := jsEval[string](t, ctx, `[...document.querySelectorAll("#article-page mark.target a.mention")].map(a => a.textContent + "=" + decodeURIComponent(a.getAttribute("href"))).join("|")`); !strings.Contains(links, "Jeyhun Bayramov=#/entity/ng:person/jeyhun-bayramov") || !strings.Contains(links, "Radmila Shekerinska=") {
			t.Errorf("the sentence's mentions link to %q", links)
		}
		if facts := jsEval[string](t, ctx, `document.querySelector(".article-facts").textContent`); !strings.Contains(facts, "Jeyhun Bayramov received Radmila Shekerinska") {
			t.Errorf("the article's facts: %q", facts)
		}
		if text := jsEval[int](t, ctx, `document.querySelector("#article-page .article-text").textContent.length`); text < 500 {
			t.Errorf("the article's text is %d characters", text)
		}
		shoot(t, ctx, shots, "explore-article.png")
		// A mention leads back to its entity.
		step(t, ctx, "back to the entity", 20*time.Second,
			chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("#article-page a.mention")].find(a => a.textContent === "Radmila Shekerinska").click()`),
			poll(`(document.querySelector("#card h1") || {}).textContent === "Radmila Shekerinska"`, 10*time.Second))
		// Every evidence line of the timeline links to its article.
		step(t, ctx, "timeline evidence links", 20*time.Second,
			poll(`document.querySelectorAll("#timeline li.event").length >= 1 && [...document.querySelectorAll("#timeline li.event")].every(li => !li.querySelector(".source") || li.querySelector(".source a.article-link[href^='#/article/']"))`, 10*time.Second))
		step(t, ctx, "back to Bayramov", 20*time.Second,
			chromedp.Navigate(base+"/explore/#/entity/ng%3Aperson%2Fjeyhun-bayramov"),
			poll(`(document.querySelector("#card h1") || {}).textContent === "Jeyhun Bayramov" && !!(`+fact+`) && document.querySelectorAll("#graph .node").length >= 3`, 10*time.Second))

		// One hop, then click Azerbaijan: the graph grows by its neighbours.
		step(t, ctx, "one hop", 20*time.Second,
			chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("hops"); s.value = "1"; s.dispatchEvent(new Event("change")); })()`),
			poll(`document.querySelectorAll("#graph .node").length === 3 && !!document.querySelector('#graph .node[data-id="ng:country/azerbaijan"]')`, 10*time.Second))
		step(t, ctx, "expand a node", 20*time.Second,
			chromedp.Evaluate[chromedp.Void](`(() => {
				const g = document.querySelector('#graph .node[data-id="ng:country/azerbaijan"]');
				const r = g.querySelector("circle").getBoundingClientRect();
				const o = {bubbles: true, clientX: r.x + r.width/2, clientY: r.y + r.height/2, pointerId: 1};
				g.dispatchEvent(new PointerEvent("pointerdown", o));
				g.dispatchEvent(new PointerEvent("pointerup", o));
			})()`),
			poll(`document.querySelectorAll("#graph .node").length > 3`, 10*time.Second))

		// How are Radmila Shekerinska and Azerbaijan connected?
		step(t, ctx, "connect", 30*time.Second,
			chromedp.Navigate(base+"/explore/#/connect?a=Radmila%20Shekerinska&b=Azerbaijan"),
			poll(`document.querySelectorAll("#paths .path").length >= 1 && document.querySelector("#paths").textContent.includes("Jeyhun Bayramov")`, 20*time.Second))
		shoot(t, ctx, shots, "explore-connect.png")
		if away := offsite(); len(away) > 0 {
			t.Errorf("the page asked for %d things from elsewhere: %q", len(away), away)
		}
	})

	// Two entities named Bush: ArrowDown to the second (the organisation), Enter opens that one,
	// fetching its card and its timeline once each, and empties the search box.
	t.Run("KeyboardPick", func(t *testing.T) {
		base, _ := startServe(t, loadedNamesakes(t), "--assets", "off")
		ctx, _ := browser(t, exe, base)
		const rows = `[...document.querySelectorAll("#suggestions li")]`
		step(t, ctx, "search Bush", 30*time.Second,
			chromedp.Navigate(base+"/explore/"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "Bush"),
			poll(rows+`.length === 2 && `+rows+`[1].textContent.includes("Organization")`, 10*time.Second),
			chromedp.SendKeys(chromedp.ID("q"), kb.ArrowDown),
			poll(rows+`[1].classList.contains("active")`, 5*time.Second))
		// Namesakes are told apart: type, title, articles, first and last seen.
		if got := jsEval[string](t, ctx, rows+`.map(li => li.querySelector(".meta").textContent).join("|")`); got != "Person · President · 2 articles · 2006-06-13 – 2006-07-01|Organization · 1 article · 2007-01-02" {
			t.Errorf("the rows say %q", got)
		}
		shoot(t, ctx, shots, "explore-namesakes.png")
		step(t, ctx, "pick the organisation", 30*time.Second,
			chromedp.Evaluate[chromedp.Void](`performance.clearResourceTimings()`),
			chromedp.SendKeys(chromedp.ID("q"), kb.Enter),
			poll(`(document.querySelector("#card .id") || {}).textContent === "ng:org/bush" && document.querySelectorAll("#timeline *").length > 0 && !document.querySelector("#timeline").textContent.includes("Loading")`, 10*time.Second),
			chromedp.Sleep(time.Second)) // a second fetch would come now
		if h := jsEval[string](t, ctx, `location.hash`); h != "#/entity/ng%3Aorg%2Fbush" {
			t.Errorf("Enter went to %q", h)
		}
		if got := jsEval[string](t, ctx, `document.querySelector("#card .others").textContent`); !strings.Contains(got, "Bush Person · President · 2 articles · 2006-06-13 – 2006-07-01") {
			t.Errorf("the card's other matches: %q", got)
		}
		if n := apiCalls(t, ctx, "entity"); n != 1 {
			t.Errorf("Enter fetched the entity %d times", n)
		}
		if n := apiCalls(t, ctx, "timeline"); n != 1 {
			t.Errorf("Enter fetched the timeline %d times", n)
		}
		if v := jsEval[string](t, ctx, `document.getElementById("q").value`); v != "" {
			t.Errorf("the search box still says %q", v)
		}
		// A link to the other Bush: the box stays empty, the person opens.
		step(t, ctx, "open the other Bush", 20*time.Second,
			chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = "Bu"`),
			chromedp.Navigate(base+"/explore/#/entity/ng%3Aperson%2Fgeorge-w-bush"),
			poll(`(document.querySelector("#card .id") || {}).textContent === "ng:person/george-w-bush"`, 10*time.Second))
		if v := jsEval[string](t, ctx, `document.getElementById("q").value`); v != "" {
			t.Errorf("after a link the search box says %q", v)
		}
	})

	// A timeline comes a page at a time (here two events, the server's limit): "Later events"
	// adds the next page under the first.
	t.Run("TimelinePages", func(t *testing.T) {
		base, _ := startServe(t, loadedExamples(t), "--assets", "off", "--limit", "2")
		ctx, _ := browser(t, exe, base)
		const events = `document.querySelectorAll("#timeline li.event").length`
		const more = `[...document.querySelectorAll("#timeline p.more button")]`
		step(t, ctx, "first page", 30*time.Second,
			chromedp.Navigate(base+"/explore/#/entity/Azerbaijan"),
			poll(events+` === 2 && `+more+`.length === 1 && `+more+`[0].textContent.includes("2 of")`, 20*time.Second),
			chromedp.Evaluate[chromedp.Void](more+`[0].click()`),
			poll(events+` === 4 && `+more+`.length <= 1`, 20*time.Second))
	})
}

// namesakes is a small graph of two entities named "Bush": a person in two articles and an
// organisation in one, so that search lists the person first.
const namesakes = `<ng:article/b1> <rdf:type> <schema:NewsArticle> <ng:article/b1> .
<ng:article/b1> <schema:headline> "Bush visits Baghdad" <ng:article/b1> .
<ng:article/b1> <schema:datePublished> "2006-06-13" <ng:article/b1> .
<ng:article/b1> <schema:mentions> <ng:person/george-w-bush> <ng:article/b1> .
<ng:person/george-w-bush> <rdf:type> <schema:Person> <ng:article/b1> .
<ng:person/george-w-bush> <schema:name> "Bush" <ng:article/b1> .
<ng:person/george-w-bush> <schema:jobTitle> "President" <ng:article/b1> .
<ng:article/b2> <rdf:type> <schema:NewsArticle> <ng:article/b2> .
<ng:article/b2> <schema:headline> "Bush speaks" <ng:article/b2> .
<ng:article/b2> <schema:datePublished> "2006-07-01" <ng:article/b2> .
<ng:article/b2> <schema:mentions> <ng:person/george-w-bush> <ng:article/b2> .
<ng:person/george-w-bush> <rdf:type> <schema:Person> <ng:article/b2> .
<ng:person/george-w-bush> <schema:name> "Bush" <ng:article/b2> .
<ng:article/b3> <rdf:type> <schema:NewsArticle> <ng:article/b3> .
<ng:article/b3> <schema:headline> "Bush plc results" <ng:article/b3> .
<ng:article/b3> <schema:datePublished> "2007-01-02" <ng:article/b3> .
<ng:article/b3> <schema:mentions> <ng:org/bush> <ng:article/b3> .
<ng:org/bush> <rdf:type> <schema:Organization> <ng:article/b3> .
<ng:org/bush> <schema:name> "Bush" <ng:article/b3> .
`

// loadedNamesakes is a database holding namesakes.
func loadedNamesakes(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	nq := filepath.Join(dir, "bush.nq")
	if err := os.WriteFile(nq, []byte(namesakes), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "news.db")
	mustRun(t, db, "import", nq)
	return db
}

// apiCalls counts the page's requests to an explore API endpoint ("entity", "timeline").
func apiCalls(t *testing.T, ctx context.Context, endpoint string) int {
	t.Helper()
	return jsEval[int](t, ctx, `performance.getEntriesByType("resource").filter(e => e.name.includes("/api/newsgraph/`+endpoint+`?")).length`)
}

// typeQuery replaces the text of the page's query editor (Monaco) by typing q into it, key
// by key, and checks that the editor holds exactly q (Monaco closes brackets and quotes as
// one types; typing the closing one steps over it).
func typeQuery(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	// The value of the query editor on the page (its DOM node names its model).
	const value = `(() => { const e = document.querySelector(".QueryEditor .monaco-editor[data-uri]");
		const m = e && monaco.editor.getModels().find(m => m.uri.toString() === e.getAttribute("data-uri"));
		return m ? m.getValue() : null; })()`
	step(t, ctx, "type the query", 60*time.Second,
		poll(value+` !== null && `+value+` !== ""`, 20*time.Second), // the editor has its last query
		chromedp.Click(chromedp.CSS(".QueryEditor .monaco-editor .view-lines")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(".QueryEditor .monaco-editor textarea.inputarea").focus()`),
		poll(`document.activeElement === document.querySelector(".QueryEditor .monaco-editor textarea.inputarea")`, 5*time.Second),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		poll(value+` === ""`, 5*time.Second),
		chromedp.KeyEvent(q),
		chromedp.KeyEvent("\x1b")) // close a suggestion widget
	if got := jsEval[string](t, ctx, value); got != q {
		t.Fatalf("the editor holds\n%s\nwant\n%s", got, q)
	}
}
