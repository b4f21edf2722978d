// Package browsertest holds what the browser tests of several packages share.
package browsertest

import (
	"os"
	"os/exec"
)

// Chromium finds a Chromium or Chrome binary for chromedp: $NEWSGRAPH_CHROMIUM, else the
// usual names on the PATH (Debian's package is /usr/bin/chromium), else "" (tests skip).
func Chromium() string {
	if p := os.Getenv("NEWSGRAPH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
