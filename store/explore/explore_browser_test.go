package explore_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/browsertest"
	"github.com/newsgraph/newsgraph/server"
	"github.com/newsgraph/newsgraph/store"
)

// Browser tests of the explorer (/explore/) and of Cayley's Visualize tab as newsgraph serves
// them: headless Chromium (Debian's package; .ci/run installs it) driven by chromedp against
// NewHandler on 127.0.0.1, over real bolt stores. As cmd/newsgraph's browser test does, they
// skip without Chromium, fail when the page asks for anything but the server, and write their
// screenshots to $NEWSGRAPH_SCREENSHOTS (relative to the repository's root) when it is set.

func chromiumPath() string { return browsertest.Chromium() }

// page is one browser tab on one server.
type page struct {
	t       *testing.T
	ctx     context.Context
	base    string
	mu      sync.Mutex
	offsite []string
}

// serveAndBrowse serves s with o on 127.0.0.1 and opens a headless Chromium at width x height.
func serveAndBrowse(t *testing.T, s *store.Store, o server.ServerOptions, width, height int) *page {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		t.Skip("no Chromium found (/usr/bin/chromium, chromium, google-chrome or $NEWSGRAPH_CHROMIUM): skipping the browser test; .ci/run installs Debian's chromium")
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = 20 * time.Second
	}
	srv := httptest.NewServer(server.NewHandler(s, o))
	t.Cleanup(srv.Close)
	p := &page{t: t, base: srv.URL}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		var url string
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			url = e.Request.URL
		default:
			return
		}
		if !strings.HasPrefix(url, p.base+"/") && !strings.HasPrefix(url, "data:") && !strings.HasPrefix(url, "blob:") && url != "about:blank" {
			p.mu.Lock()
			p.offsite = append(p.offsite, url)
			p.mu.Unlock()
		}
	}))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The page's own size is width x height, whatever the window around it takes.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	p.ctx = ctx
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if len(p.offsite) > 0 {
			t.Errorf("the page asked for %d things from elsewhere: %q", len(p.offsite), p.offsite)
		}
	})
	return p
}

// do runs actions with a time limit, failing the test with what it was doing (and a picture
// of the page then, in the temporary folder).
func (p *page) do(what string, d time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, d)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		name := "failed-" + regexp.MustCompile(`[^a-z]+`).ReplaceAllString(strings.ToLower(what), "-") + ".png"
		if png, perr := chromedp.Run(p.ctx, chromedp.CaptureScreenshot()); perr == nil {
			path := filepath.Join(os.TempDir(), name)
			if os.WriteFile(path, png, 0o644) == nil {
				p.t.Logf("the page at the failure: %s", path)
			}
		}
		p.t.Fatalf("%s: %v", what, err)
	}
}

// wait polls js until it is true.
func wait(js string, d time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Action[chromedp.Void](func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](js, chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(100*time.Millisecond))(ctx, t)
		return chromedp.Void{}, err
	})
}

func run(js string) chromedp.Action[chromedp.Void] { return chromedp.Evaluate[chromedp.Void](js) }

func eval[T any](p *page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// shoot saves a screenshot of the viewport (or of the whole page when full).
func (p *page) shoot(name string, full bool) {
	p.t.Helper()
	dir := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = p.t.TempDir()
	} else if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir)
	}
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(90)
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// clippedLabels lists the graph's shown labels that are not wholly inside its frame, and
// the pairs of shown labels that overlap.
const clippedLabels = `(() => {
	const s = document.getElementById(%q).getBoundingClientRect(), out = [];
	const shown = [...document.querySelectorAll("#" + %q + " text")].filter(t => getComputedStyle(t).display !== "none" && t.textContent);
	const boxes = shown.map(t => [t, t.getBoundingClientRect()]);
	for (const [t, r] of boxes) {
		if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5) out.push("clipped " + t.textContent);
	}
	const labels = boxes.filter(([t]) => t.classList.contains("node-label"));
	for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
		const a = labels[i][1], b = labels[j][1];
		if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 2 && b.top < a.bottom - 2) out.push("overlap " + labels[i][0].textContent + " / " + labels[j][0].textContent);
	}
	return out;
})()`

func clipped(id string) string { return fmt.Sprintf(clippedLabels, id, id) }
