package cardindex

import (
	"bytes"
	"testing"

	"github.com/newsgraph/newsgraph/store/textkey"
)

func TestPackReadsBackEveryText(t *testing.T) {
	fp, ok := textkey.FingerprintOf("The ministers of Azerbaijan and Armenia met in Baku on Monday and discussed the peace treaty, the border and the roads between the two countries.")
	if !ok {
		t.Fatal("no fingerprint")
	}
	texts := append([]string{
		"", "ng:statement/80571912476c5ac9027fa92d", "ng:role/4e0e1fc75287c7df2a7aca8d",
		"ng:article/gmb-01407", "ng:article/", "https://dailystar.example/2024/03/04/baku-talks",
		"ng:person/wu-yi", "b00:00184aa5082454a8", "b15:fff85f59a35eed40",
		// Like the packed forms, but not them.
		"ng:statement/80571912476C5AC9027FA92D", "ng:statement/80571912476c5ac9027fa92", "ng:statement/80571912476c5ac9027fa92dd",
		"ng:role/4e0e1fc75287c7df2a7aca8g", "b0a:00184aa5082454a8", "b00:00184aa5082454a", "b00-00184aa5082454a8",
		// Prefixes, and texts that start with bytes the packed forms start with.
		"ng:org/hs", "ng:person/", "ng:", "schema:Person", "http://x.example/a", "https://x.example/a", "ng:country", "ng:foo/bar",
		"\x00", "\x01abc", "\x1f", " ", "\x11x", "\x03x", "\x07", "\x08", "ng:statement", "ng:articl",
	}, fp.Bands...)
	seen := map[string]string{}
	for _, s := range texts {
		p := pack([]byte("prefix"), s)
		if !bytes.HasPrefix(p, []byte("prefix")) {
			t.Fatalf("pack(%q) lost what it appended to: %q", s, p)
		}
		p = p[len("prefix"):]
		if got := unpacked(p); got != s {
			t.Errorf("pack(%q) = %q reads back as %q", s, p, got)
		}
		if other, dup := seen[string(p)]; dup && other != s {
			t.Errorf("%q and %q pack the same: %q", s, other, p)
		}
		seen[string(p)] = s
	}
	for _, s := range []string{"ng:statement/80571912476c5ac9027fa92d", "ng:role/4e0e1fc75287c7df2a7aca8d", "b00:00184aa5082454a8"} {
		if n := len(packed(s)); n > 13 {
			t.Errorf("%q packs into %d bytes", s, n)
		}
	}
	for _, b := range fp.Bands {
		if n := len(packed(b)); n != 10 {
			t.Errorf("band %q packs into %d bytes", b, n)
		}
	}
}
