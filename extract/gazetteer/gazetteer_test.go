package gazetteer

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// offset returns the byte offset of the n-th (1-based) occurrence of sub in text.
func offset(t *testing.T, text, sub string, n int) int {
	t.Helper()
	pos := 0
	for i := 0; i < n; i++ {
		k := strings.Index(text[pos:], sub)
		if k < 0 {
			t.Fatalf("%q does not occur %d times in %q", sub, n, text)
		}
		if i == n-1 {
			return pos + k
		}
		pos += k + len(sub)
	}
	return -1
}

func TestMatch(t *testing.T) {
	g := Default()
	tests := []struct {
		name     string
		text     string
		at       string // Match at the first occurrence of this
		nth      int    // or at its nth occurrence
		wantID   string // the first hit's entry; "" wants no hit
		wantText string // the text of the first hit
		wantForm Form
		notIDs   []string // entries no hit may have
	}{
		{"country", "talks between Azerbaijan and NATO", "Azerbaijan", 0, "country/azerbaijan", "Azerbaijan", FormName, nil},
		{"demonym", "the Azerbaijani Ministry of Foreign Affairs", "Azerbaijani", 0, "country/azerbaijan", "Azerbaijani", FormDemonym, nil},
		{"demonym plural", "Azerbaijanis voted", "Azerbaijanis", 0, "country/azerbaijan", "Azerbaijanis", FormDemonym, nil},
		{"possessive", "by Azerbaijan's Foreign Minister", "Azerbaijan", 0, "country/azerbaijan", "Azerbaijan", FormName, nil},
		{"typographic possessive", "Azerbaijan’s participation", "Azerbaijan", 0, "country/azerbaijan", "Azerbaijan", FormName, nil},
		{"dateline in capitals", "BAKU, Azerbaijan, January 22.", "BAKU", 0, "city/baku", "BAKU", FormName, nil},
		{"dateline country", "BAKU, Azerbaijan, January 22.", "Azerbaijan", 0, "country/azerbaijan", "Azerbaijan", FormName, nil},
		{"capitals, two words", "NEW DELHI, India", "NEW", 0, "city/new-delhi", "NEW DELHI", FormName, nil},
		{"acronym", "between Azerbaijan and NATO, the statement", "NATO", 0, "org/north-atlantic-treaty-organisation", "NATO", FormAcronym, nil},
		{"acronym before hyphen", "NATO-led missions in Kosovo", "NATO", 0, "org/north-atlantic-treaty-organisation", "NATO", FormAcronym, nil},
		{"acronym possessive", "NATO's peace-support operations", "NATO", 0, "org/north-atlantic-treaty-organisation", "NATO", FormAcronym, nil},
		{"org full name", "the Partnership for Peace (PfP) Framework Document", "Partnership", 0, "org/partnership-for-peace", "Partnership for Peace", FormName, nil},
		{"org acronym", "the Partnership for Peace (PfP) Framework Document", "PfP", 0, "org/partnership-for-peace", "PfP", FormAcronym, nil},
		{"longest org name", "through the North Atlantic Cooperation Council (NACC), but", "North", 0, "org/north-atlantic-cooperation-council", "North Atlantic Cooperation Council", FormName,
			[]string{"org/north-atlantic-treaty-organisation"}},
		{"name across a line break", "the North Atlantic\nCooperation Council met", "North", 0, "org/north-atlantic-cooperation-council", "North Atlantic\nCooperation Council", FormName, nil},
		{"EAPC", "joining the Euro-Atlantic Partnership Council (EAPC) in 1997", "Euro", 0, "org/euro-atlantic-partnership-council", "Euro-Atlantic Partnership Council", FormName, nil},
		{"PARP", "the Planning and Review Process (PARP) in 1997", "PARP", 0, "org/planning-and-review-process", "PARP", FormAcronym, nil},
		{"United States", "the United States said", "United", 0, "country/united-states", "United States", FormName, nil},
		{"U.S.", "the U.S. State Department", "U.S.", 0, "country/united-states", "U.S.", FormAcronym, nil},
		{"US", "the US and its allies", "US", 0, "country/united-states", "US", FormAcronym, nil},
		{"us is no country", "they told us that", "us", 0, "", "", "", nil},
		{"IN is no country", "IN BRIEF", "IN", 0, "", "", "", nil},
		{"Kosovo", "NATO-led missions in Kosovo and Afghanistan", "Kosovo", 0, "country/kosovo", "Kosovo", FormName, nil},
		{"Afghanistan", "NATO-led missions in Kosovo and Afghanistan", "Afghanistan", 0, "country/afghanistan", "Afghanistan", FormName, nil},
		{"first of a hyphenated pair", "the Azerbaijan-Armenia normalization process", "Azerbaijan", 0, "country/azerbaijan", "Azerbaijan", FormName, nil},
		{"second of a hyphenated pair", "the Azerbaijan-Armenia normalization process", "Armenia", 0, "country/armenia", "Armenia", FormName, nil},
		{"Washington", "the August 8 Washington summit", "Washington", 0, "city/washington", "Washington", FormAlias, nil},
		{"Chad", "troops from Chad and Niger", "Chad", 0, "country/chad", "Chad", FormName, nil},
		{"Turkey", "relations with Turkey", "Turkey", 0, "country/turkiye", "Turkey", FormAlias, nil},
		{"turkey is a bird", "roast turkey", "turkey", 0, "", "", "", nil},
		{"Türkiye", "relations with Türkiye", "Türkiye", 0, "country/turkiye", "Türkiye", FormName, nil},
		{"longest title", "NATO Deputy Secretary General Radmila Shekerinska", "Deputy", 0, "title/deputy-secretary-general", "Deputy Secretary General", FormName, nil},
		{"shorter title", "NATO Secretary General Mark Rutte", "Secretary", 0, "title/secretary-general", "Secretary General", FormName, nil},
		{"title with hyphen", "UN Secretary-General António Guterres", "Secretary", 0, "title/secretary-general", "Secretary-General", FormAlias, nil},
		{"title abbreviation", "Gen. Christopher Cavoli", "Gen.", 0, "title/general", "Gen.", FormAcronym, nil},
		{"lower-case office", "the foreign minister said", "foreign", 0, "title/foreign-minister", "foreign minister", FormAlias, nil},
		{"ambiguous city", "a visit to Nice", "Nice", 0, "city/nice", "Nice", FormName, nil},
		{"city with country name", "Singapore said", "Singapore", 0, "country/singapore", "Singapore", FormName, nil},
		{"The Hague", "a summit in The Hague", "The", 0, "city/the-hague", "The Hague", FormName, nil},
		{"the Hague", "a summit in the Hague", "the", 0, "city/the-hague", "the Hague", FormAlias, nil},
		{"inside a word", "XAzerbaijan", "Azerbaijan", 0, "", "", "", nil},
		{"word goes on", "Azerbaijanian", "Azerbaijan", 0, "", "", "", nil},
		{"Ukrainian", "Ukrainian Foreign Minister", "Ukrainian", 0, "country/ukraine", "Ukrainian", FormDemonym, nil},
		{"British", "the British government", "British", 0, "country/united-kingdom", "British", FormDemonym, nil},
		{"Britain", "Britain and Norway", "Britain", 0, "country/united-kingdom", "Britain", FormAlias, nil},
		{"Russia", "Russia and Iran", "Russia", 0, "country/russia", "Russia", FormName, nil},
		{"Iran", "Russia and Iran", "Iran", 0, "country/iran", "Iran", FormName, nil},
		{"Ivory Coast", "Côte d’Ivoire and Ghana", "Côte", 0, "country/ivory-coast", "Côte d’Ivoire", FormAlias, nil},
		{"Kiev", "talks in Kiev", "Kiev", 0, "city/kyiv", "Kiev", FormAlias, nil},
		{"second occurrence", "NATO and NATO", "NATO", 2, "org/north-atlantic-treaty-organisation", "NATO", FormAcronym, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.nth
			if n == 0 {
				n = 1
			}
			start := offset(t, tc.text, tc.at, n)
			if tc.name == "inside a word" || tc.name == "word goes on" {
				start = strings.Index(tc.text, tc.at)
			}
			hits := g.Match(tc.text, start)
			if tc.wantID == "" {
				if len(hits) > 0 {
					t.Fatalf("Match(%q, %d) = %s, want no hit", tc.text, start, describe(tc.text, start, hits))
				}
				return
			}
			if len(hits) == 0 {
				t.Fatalf("Match(%q, %d): no hit, want %s", tc.text, start, tc.wantID)
			}
			h := hits[0]
			if h.Entry.ID != tc.wantID || tc.text[start:h.End] != tc.wantText || h.Form != tc.wantForm {
				t.Errorf("Match(%q, %d)[0] = %s %q %s, want %s %q %s (all: %s)", tc.text, start,
					h.Entry.ID, tc.text[start:h.End], h.Form, tc.wantID, tc.wantText, tc.wantForm, describe(tc.text, start, hits))
			}
			for _, h := range hits {
				for _, not := range tc.notIDs {
					if h.Entry.ID == not {
						t.Errorf("Match(%q, %d) has %s", tc.text, start, not)
					}
				}
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].End > hits[i-1].End {
					t.Errorf("hits not longest first: %s", describe(tc.text, start, hits))
				}
			}
		})
	}
}

func describe(text string, start int, hits []Hit) string {
	var parts []string
	for _, h := range hits {
		parts = append(parts, h.Entry.ID+" "+string(h.Form)+" "+`"`+text[start:h.End]+`"`)
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

func TestMatchAllHits(t *testing.T) {
	g := Default()
	text := "NATO Deputy Secretary General Radmila Shekerinska"
	start := strings.Index(text, "Secretary")
	var got []string
	for _, h := range g.Match(text, start) {
		got = append(got, text[start:h.End])
	}
	want := []string{"Secretary General", "Secretary"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Match at Secretary = %q, want %q", got, want)
	}

	// "Armenia" is a country and a city in Colombia: the country comes first, the city is flagged.
	text = "the Azerbaijan-Armenia normalization process"
	hits := g.Match(text, strings.Index(text, "Armenia"))
	if len(hits) < 2 || hits[0].Entry.ID != "country/armenia" || !hits[1].Entry.Ambiguous {
		t.Errorf("Armenia: %s", describe(text, strings.Index(text, "Armenia"), hits))
	}

	// "Chad" is a country and nothing else.
	text = "Chad"
	if hits := g.Match(text, 0); len(hits) != 1 || hits[0].Entry.ID != "country/chad" {
		t.Errorf("Chad: %s", describe(text, 0, hits))
	}
}

func TestEntries(t *testing.T) {
	g := Default()
	az := g.ByID("country/azerbaijan")
	if az == nil {
		t.Fatal("no country/azerbaijan")
	}
	if az.Name != "Azerbaijan" || az.Type != Country || az.ISO2 != "AZ" || az.ISO3 != "AZE" || az.Capital != "city/baku" {
		t.Errorf("country/azerbaijan = %+v", *az)
	}
	if !contains(az.Demonyms, "Azerbaijani") || !contains(az.Demonyms, "Azerbaijanis") || !contains(az.Aliases, "Republic of Azerbaijan") {
		t.Errorf("country/azerbaijan names: aliases %q demonyms %q", az.Aliases, az.Demonyms)
	}
	baku := g.ByID("city/baku")
	if baku == nil || baku.Country != "country/azerbaijan" || baku.Population < 1000000 || baku.GeoNamesID != 587084 || baku.Ambiguous {
		t.Errorf("city/baku = %+v", baku)
	}
	if baku != nil && (baku.Lat < 40 || baku.Lat > 41 || baku.Lon < 49 || baku.Lon > 50) {
		t.Errorf("city/baku at %v, %v", baku.Lat, baku.Lon)
	}
	nato := g.ByID("org/north-atlantic-treaty-organisation")
	if nato == nil || nato.Wikidata != "Q7184" || !contains(nato.Abbrevs, "NATO") || nato.Country != "country/belgium" ||
		!contains(nato.Aliases, "North Atlantic Treaty Organization") {
		t.Errorf("NATO = %+v", nato)
	}
	for _, id := range []string{"country/kosovo", "country/armenia", "country/afghanistan", "country/russia", "country/iran",
		"country/syria", "country/south-korea", "country/north-korea", "country/myanmar", "country/netherlands",
		"country/czechia", "country/ivory-coast", "country/united-kingdom", "country/united-states", "city/washington",
		"org/euro-atlantic-partnership-council", "org/north-atlantic-cooperation-council", "org/planning-and-review-process",
		"org/united-nations", "org/european-union", "title/foreign-minister", "title/president"} {
		if g.ByID(id) == nil {
			t.Errorf("no %s", id)
		}
	}
	if g.ByID("country/nowhere") != nil {
		t.Error("ByID of an unknown id is not nil")
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		want []string
	}{
		{"PfP", []string{"org/partnership-for-peace"}},
		{"Partnership for Peace", []string{"org/partnership-for-peace"}},
		{"NATO", []string{"org/north-atlantic-treaty-organisation"}},
		{"Nato", []string{"org/north-atlantic-treaty-organisation"}},
		{"North Atlantic Treaty Organization", []string{"org/north-atlantic-treaty-organisation"}},
		{"Azerbaijani", []string{"country/azerbaijan"}},
		{"Republic of Azerbaijan", []string{"country/azerbaijan"}},
		{"U.S.", []string{"country/united-states"}},
		{"Côte d’Ivoire", []string{"country/ivory-coast"}},
		{"Baku", []string{"city/baku"}},
		{"Deputy Secretary General", []string{"title/deputy-secretary-general"}},
		{"Congolese", []string{"country/congo", "country/dr-congo"}},
		{"nato", nil},
		{"IT", nil},
		{"AS", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, e := range g.Lookup(tc.name) {
			got = append(got, e.ID)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Lookup(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestHonorific(t *testing.T) {
	g := Default()
	for id, want := range map[string]bool{
		"title/mr": true, "title/mrs": true, "title/ms": true, "title/dr": true, "title/sir": true,
		"title/foreign-minister": false, "title/president": false, "title/general": false, "title/deputy-secretary-general": false,
	} {
		e := g.ByID(id)
		if e == nil {
			t.Errorf("no %s", id)
			continue
		}
		if e.Type != Title || e.Honorific != want {
			t.Errorf("%s: type %s, honorific %v, want honorific %v", id, e.Type, e.Honorific, want)
		}
	}
}

// TestIntegrity checks that every reference between entries resolves and that every name can be
// matched where it stands.
func TestIntegrity(t *testing.T) {
	g := Default()
	counts := map[Type]int{}
	for _, e := range g.Entries() {
		counts[e.Type]++
		if !strings.HasPrefix(e.ID, map[Type]string{Country: "country/", Organization: "org/", City: "city/", Title: "title/"}[e.Type]) {
			t.Errorf("%s: id does not fit type %s", e.ID, e.Type)
		}
		if e.Name == "" {
			t.Errorf("%s: no name", e.ID)
		}
		for _, ref := range []string{e.Country, e.Capital} {
			if ref != "" && g.ByID(ref) == nil {
				t.Errorf("%s refers to %s, which does not exist", e.ID, ref)
			}
		}
		if e.Type == City && e.Country == "" {
			t.Errorf("%s: no country", e.ID)
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			found := false
			for _, h := range g.Match(n, 0) {
				if h.Entry == e && h.End == len(n) {
					found = true
				}
			}
			if !found && utf8.ValidString(n) {
				t.Errorf("%s: Match does not find its own name %q", e.ID, n)
			}
		}
	}
	t.Logf("entries: %v", counts)
	for typ, min := range map[Type]int{Country: 250, Organization: 600, City: 4000, Title: 150} {
		if counts[typ] < min {
			t.Errorf("%d entries of type %s, want at least %d", counts[typ], typ, min)
		}
	}
}

func TestLoadExtras(t *testing.T) {
	base := fstest.MapFS{
		"countries.tsv":     {Data: []byte("id\tname\tiso2\tdemonyms\nruritania\tRuritania\tRU\tRuritanian\n")},
		"organisations.tsv": {Data: []byte("id\tname\n")},
		"cities.tsv.gz":     {Data: gz(t, "id\tname\tiso2\nstrelsau\tStrelsau\tRU\n")},
		"titles.txt":        {Data: []byte("# titles\nname\tkind\tlower\taliases\tabbrevs\nKing\toffice\ty\t\t\n")},
	}
	g, err := Load(base)
	if err != nil {
		t.Fatal(err)
	}
	if c := g.ByID("city/strelsau"); c == nil || c.Country != "country/ruritania" {
		t.Errorf("city/strelsau = %+v", c)
	}
	if hits := g.Match("the king of Ruritania", 4); len(hits) != 1 || hits[0].Entry.ID != "title/king" {
		t.Errorf("lower-case title: %v", hits)
	}

	withExtras := fstest.MapFS{}
	for k, v := range base {
		withExtras[k] = v
	}
	withExtras["countries_extra.tsv"] = &fstest.MapFile{Data: []byte("id\tname\taliases\tdemonyms\nruritania\t\tKingdom of Ruritania\tRuritanians\ngraustark\tGraustark\t\t\n")}
	g, err = Load(withExtras)
	if err != nil {
		t.Fatal(err)
	}
	if r := g.ByID("country/ruritania"); r == nil || !contains(r.Aliases, "Kingdom of Ruritania") || !contains(r.Demonyms, "Ruritanians") {
		t.Errorf("extras not merged: %+v", r)
	}
	if g.ByID("country/graustark") == nil {
		t.Error("extras did not add country/graustark")
	}

	bad := fstest.MapFS{}
	for k, v := range base {
		bad[k] = v
	}
	bad["cities_extra.tsv"] = &fstest.MapFile{Data: []byte("id\taliases\nzenda\tZenda Castle\n")}
	if _, err := Load(bad); err == nil {
		t.Error("an extra row for an unknown id without a name loaded without error")
	}
}

// TestDataFiles keeps the embedded data small.
func TestDataFiles(t *testing.T) {
	total := int64(0)
	err := fs.WalkDir(embedded, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 3<<20 {
		t.Errorf("data files take %d bytes, want under 3 MB", total)
	}
}

func BenchmarkLoad(b *testing.B) {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(sub); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatchArticle calls Match at every word start of a 670-word article.
func BenchmarkMatchArticle(b *testing.B) {
	data, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	var starts []int
	prev := ' '
	for i, r := range text {
		if isWordRune(r) && !isWordRune(prev) {
			starts = append(starts, i)
		}
		prev = r
	}
	g := Default()
	hits := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		hits = 0
		for _, s := range starts {
			hits += len(g.Match(text, s))
		}
	}
	b.ReportMetric(float64(len(starts)), "words")
	b.ReportMetric(float64(hits), "hits")
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRegions(t *testing.T) {
	g := Default()
	for text, country := range map[string]string{"Queensland": "country/australia", "Samara Oblast": "country/russia", "Chechnya": "country/russia", "Texas": "country/united-states"} {
		hits := g.Match(text, 0)
		if len(hits) == 0 || hits[0].Entry.Type != Region || hits[0].Entry.Country != country {
			t.Errorf("%s: %+v", text, hits)
		}
	}
	// A region named like a country or a city is left to them.
	for _, text := range []string{"Georgia", "Victoria", "Washington"} {
		if hits := g.Match(text, 0); len(hits) > 0 && hits[0].Entry.Type == Region {
			t.Errorf("%s matched region %s", text, hits[0].Entry.ID)
		}
	}
}
