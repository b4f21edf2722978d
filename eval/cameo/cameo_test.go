package cameo

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// A small dictionary written for this test in the format of PETR.Validate.actors.txt.
const tinyActors = `<!-- header
# a comment block -->
GONDOR [GON]
+MINAS_TIRITH
ERIADOR  [ERI]
+ERIADORI
GOLLUM  # a person, codes by date
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
LORIEN  [ELR/GAL]
DAGOLATH  [DAG]
+TELEMAR
DENMARK  [DNK]
+ZEALAND
`

func TestReadCAMEOActors(t *testing.T) {
	as, err := ReadActors(strings.NewReader(tinyActors))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, strings.Join(a.Names(), "|")+"="+strings.Join(a.Codes, "/"))
	}
	want := "GONDOR|MINAS TIRITH=GON ERIADOR|ERIADORI=ERI GOLLUM|SMEAGOL=HOB/HOBGOV LORIEN=ELR/GAL DAGOLATH|TELEMAR=DAG DENMARK|ZEALAND=DNK"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestReadCAMEORecords(t *testing.T) {
	const x = `<Validation><Sentences>
<Sentence date = "19950101" id ="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="032"></EventCoding>
<Text>
Arnor   visited
Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950101" id="T-2"><EventCoding noevents = "True"></EventCoding><Text>Nothing.</Text></Sentence>
</Sentences></Validation>`
	rs, err := ReadRecords(strings.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].ID != "T-1" || rs[0].Text != "Arnor visited Gondor." ||
		len(rs[0].Codings) != 1 || rs[0].Codings[0] != (Coding{"ARN", "GON", "032"}) || len(rs[1].Codings) != 0 {
		t.Errorf("got %+v", rs)
	}
}

func TestCAMEOGazetteer(t *testing.T) {
	as, err := ReadActors(strings.NewReader(tinyActors))
	if err != nil {
		t.Fatal(err)
	}
	data := DefaultGazetteerData()
	if _, err := os.Stat(data); err != nil {
		t.Skip("no gazetteer data:", err)
	}
	g, err := Gazetteer(os.DirFS(data), as)
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]string{"Gondor": "country/gondor", "Minas Tirith": "country/gondor",
		"Eriadori": "country/eriador", "Zealand": "country/denmark", "Denmark": "country/denmark",
		"Azerbaijan": "country/azerbaijan", "Baku": "city/baku"} {
		es := g.Lookup(name)
		if len(es) == 0 || es[0].ID != id {
			t.Errorf("Lookup(%q) = %v, want %s", name, es, id)
		}
	}
	if es := g.Lookup("Telemar"); len(es) != 0 {
		t.Errorf("Telemar is a person, not a name of Dagolath: %v", es[0].ID)
	}
	if e := g.ByID("country/eriador"); e == nil || len(e.Demonyms) != 1 || e.Demonyms[0] != "Eriadori" {
		t.Errorf("Eriador: %+v", e)
	}
	// The default data is all there: titles still match in lower case.
	if hs := g.Match("the foreign minister said", 4); len(hs) == 0 || hs[0].Entry.Type != gazetteer.Title {
		t.Errorf("lower-case title lost: %v", hs)
	}
}

func TestAppendRowsWidensHeader(t *testing.T) {
	got := string(appendRows([]byte("# c\nid\taliases\nkyiv\tKiev\n"),
		[]map[string]string{{"id": "minas", "name": "Minas", "aliases": "M"}}))
	want := "# c\nid\taliases\tname\nkyiv\tKiev\t\nminas\tM\tMinas\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestCAMEOPredicate(t *testing.T) {
	for code, want := range map[string]string{"042": "visited", "043": "received", "1384": "threatened",
		"057": "agreedWith", "173": "arrested", "194": "attacked", "064": "cooperatesWith", "023": ""} {
		if got := Predicate(code); got != want {
			t.Errorf("Predicate(%s) = %q, want %q", code, got, want)
		}
	}
}

func cameoDir(t *testing.T) string {
	dir := DefaultDir()
	if _, err := os.Stat(filepath.Join(dir, "text", "PETR.UnitTest.records.xml")); err != nil {
		t.Skip("CAMEO unit tests not available:", err)
	}
	return dir
}

// TestCAMEORecordReview: every override and set-aside names a record and code of the file, so
// the review stays in step with the data.
func TestCAMEORecordReview(t *testing.T) {
	dir := cameoDir(t)
	f, err := os.Open(filepath.Join(dir, "text", "PETR.UnitTest.records.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := ReadRecords(f)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range recs {
		for _, c := range r.Codings {
			have[r.ID+" "+c.Event] = true
		}
	}
	for k := range cameoSetAside {
		if !have[k] {
			t.Errorf("set-aside %q: no such record and code", k)
		}
	}
	for k := range cameoOverrides {
		if !have[k] {
			t.Errorf("override %q: no such record and code", k)
		}
	}
}

// TestCAMEO runs the direction check and logs the report (go test ./eval/cameo -run CAMEO -v).
func TestCAMEO(t *testing.T) {
	dir := cameoDir(t)
	rep, err := Run(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Cases) < 30 {
		t.Errorf("only %d mappable codings", len(rep.Cases))
	}
	// The bar: source and target right in at least 80 % of the mappable codings.
	if all := rep.Counts()[""]; all.Direction*5 < all.Cases*4 {
		t.Errorf("right way round in %d of %d mappable codings, under 80%%", all.Direction, all.Cases)
	}
	for _, c := range rep.Cases {
		if !c.SourceSeen || !c.TargetSeen {
			t.Logf("actor not found as an entity: %s %s(%s, %s)", c.Record, c.Pred, c.Source, c.Target)
		}
	}
	var b bytes.Buffer
	rep.Print(&b, testing.Verbose())
	t.Log("\n" + b.String())
}
