package input

import (
	"net/url"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

// normalizeDate writes a publication date as ISO 8601: "2025-01-22" or
// "2025-01-22T10:04:05+04:00". A date already in that form is kept as it is; one that cannot
// be read is kept as it is too.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return s
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02", "2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return s
		}
	}
	t, err := dateparse.ParseIn(s, time.UTC)
	if err != nil || t.Year() < 1000 || t.Year() > 9999 {
		return s
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 && t.Location() == time.UTC {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// normalizeURL makes the small changes that do not change what an http(s) URL names, so that
// one article reached through two spellings of its URL gets one id: the scheme and host in
// lower case, no default port, no #fragment. Anything else is kept as it is.
func normalizeURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return s
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); u.Scheme == "http" && p == "80" || u.Scheme == "https" && p == "443" {
		u.Host = strings.TrimSuffix(u.Host, ":"+p)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawQuery == "" {
		u.Path = "/"
	}
	return u.String()
}
