// Package cameo is the CAMEO direction check: PETRARCH's unit-test sentences ("Arnor is about
// to restore full diplomatic ties with Gondor"), each with its expected event codings (source
// actor, target actor, event code), run through the extractor with a gazetteer that knows the
// fictional actors; for every coding whose code maps to a predicate, did the extractor state
// that relation between the two actors, and the right way round? See eval/README.md.
package cameo

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/newsgraph/newsgraph/eval/score"
	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// Actor is one entry of a PETRARCH actor dictionary ("GONDOR [GON]" with its synonyms
// "+MINAS_TIRITH", "+ANORIEN").
type Actor struct {
	Name     string   // the entry's name, upper case, words separated by single spaces: "MINAS TIRITH"
	Synonyms []string // the "+" lines, in the same form
	Codes    []string // every code, date-restricted ones included ("HOB", "HOBGOV", "HOBREB")
}

// Names returns the entry's name and synonyms.
func (a Actor) Names() []string { return append([]string{a.Name}, a.Synonyms...) }

// ReadActors reads a PETRARCH actor dictionary (format in dictionaries.rst: an entry line
// "NAME [CODE]" or "NAME" followed by "+SYNONYM" lines and "[CODE dates]" lines; "#" comments,
// "<!-- -->" comment blocks; "_" joins the words of a name).
func ReadActors(r io.Reader) ([]Actor, error) {
	var out []Actor
	sc := bufio.NewScanner(r)
	inComment := false
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if inComment {
			if strings.Contains(line, "-->") {
				inComment = false
			}
			continue
		}
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "<!") {
			inComment = !strings.Contains(t, "-->")
			continue
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var codes []string
		if i := strings.IndexByte(line, '['); i >= 0 {
			j := strings.IndexByte(line[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("cameo actors: line %d: unclosed [", n)
			}
			if f := strings.Fields(line[i+1 : i+j]); len(f) > 0 {
				codes = strings.Split(f[0], "/")
			}
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case strings.HasPrefix(line, "+"):
			if len(out) == 0 {
				return nil, fmt.Errorf("cameo actors: line %d: synonym before any entry", n)
			}
			a := &out[len(out)-1]
			a.Synonyms = append(a.Synonyms, actorName(line[1:]))
			a.Codes = append(a.Codes, codes...)
		case line == "":
			if len(out) == 0 {
				return nil, fmt.Errorf("cameo actors: line %d: code before any entry", n)
			}
			a := &out[len(out)-1]
			a.Codes = append(a.Codes, codes...)
		default:
			out = append(out, Actor{Name: actorName(line), Codes: codes})
		}
	}
	return out, sc.Err()
}

func actorName(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
}

// Record is one unit-test sentence with its expected event codings.
type Record struct {
	ID, Date, Category string
	Text               string // white space normalised
	Codings            []Coding
}

// Coding is one expected event: source actor code, target actor code, event code.
type Coding struct {
	Source, Target, Event string
}

// ReadRecords reads a PETRARCH validation file (PETR.UnitTest.records.xml). Codings marked
// noevents are dropped.
func ReadRecords(r io.Reader) ([]Record, error) {
	var v struct {
		Sentences []struct {
			ID       string `xml:"id,attr"`
			Date     string `xml:"date,attr"`
			Category string `xml:"category,attr"`
			Codings  []struct {
				Source string `xml:"sourcecode,attr"`
				Target string `xml:"targetcode,attr"`
				Event  string `xml:"eventcode,attr"`
			} `xml:"EventCoding"`
			Text string `xml:"Text"`
		} `xml:"Sentences>Sentence"`
	}
	if err := xml.NewDecoder(r).Decode(&v); err != nil {
		return nil, fmt.Errorf("cameo records: %w", err)
	}
	out := make([]Record, 0, len(v.Sentences))
	for _, s := range v.Sentences {
		rec := Record{ID: s.ID, Date: s.Date, Category: s.Category, Text: strings.Join(strings.Fields(s.Text), " ")}
		for _, c := range s.Codings {
			if c.Event != "" {
				rec.Codings = append(rec.Codings, Coding{c.Source, c.Target, c.Event})
			}
		}
		out = append(out, rec)
	}
	return out, nil
}

// ---------------------------------------------------------------------------------------------
// The gazetteer: the default data plus the fictional actors.

// cameoPlaces types the fictional entries of PETR.Validate.actors.txt that name states, places
// and organisations; their synonyms become aliases (or demonyms, or nothing for the people
// listed as synonyms of a state). People (Frodo, Gollum, Sam Gamgee, Romendacil...) are left to
// the tagger: the gazetteer has no people. Real countries and organisations are already in the
// default data.
var cameoPlaces = map[string]gazetteer.Type{
	"ARNOR": gazetteer.Country, "BREE": gazetteer.Country, "CALENARDHON": gazetteer.Country,
	"DAGOLATH": gazetteer.Country, "ERIADOR": gazetteer.Country, "FORNOST": gazetteer.Country,
	"GONDOR": gazetteer.Country, "ITHILEN": gazetteer.Country, "LORIEN": gazetteer.Country,
	"MORDOR": gazetteer.Country, "ONODOHER": gazetteer.Country, "OSGILIATH": gazetteer.Country,
	"ROHAN": gazetteer.Country, "THE SHIRE": gazetteer.Country,
	"GONZO GMO": gazetteer.Organization, "ITHILEN TELEVISION": gazetteer.Organization,
	"ITHILEN GOVERNMENT RADIO": gazetteer.Organization, "ITHILEN MILITARY": gazetteer.Organization,
	"MORGUL ORCS": gazetteer.Organization, "QUIBBLER": gazetteer.Organization,
	"THE DARK TOWER": gazetteer.Organization,
	"CARAS GALADHON": gazetteer.City, "CIRITH UNGOL": gazetteer.City, "MICHEL DELVING": gazetteer.City,
	"WHITE DOWNS": gazetteer.City, "TUCKBOROUGH": gazetteer.City,
}

// cameoExtraNames: real entries whose dictionary synonyms the default data lacks, by id.
var cameoExtraNames = map[string]string{"DENMARK": "country/denmark", "NORTH KOREA": "country/north-korea"}

var cameoPersonSynonyms = map[string]bool{"TELEMAR": true, "CALIMEHTAR": true}
var cameoDemonyms = map[string]bool{"ERIADORI": true, "ERIADORIAN": true, "ROHANS": true}

// displayName turns a dictionary name into the way news writes it: "MINAS TIRITH" → "Minas
// Tirith", "BARAD-DUR" → "Barad-dur", "THE SHIRE" → "Shire"; names with dots stay as they are.
func displayName(s string) string {
	s = strings.TrimPrefix(s, "THE ")
	if strings.Contains(s, ".") {
		return s
	}
	w := strings.Fields(strings.ToLower(s))
	for i, x := range w {
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

// DefaultGazetteerData is the folder of the gazetteer's default data in this repository
// (extract/gazetteer/data, found by walking up from the working directory to go.mod).
func DefaultGazetteerData() string {
	return filepath.Join(score.RepoRoot(), "extract", "gazetteer", "data")
}

// Gazetteer loads the gazetteer of base (a folder laid out like extract/gazetteer/data)
// with the fictional states, places and organisations of the actor dictionary added, through
// its hand-written supplements (countries_extra.tsv, organisations_extra.tsv, cities_extra.tsv),
// in memory. A name the default data already knows is not added again; a fictional entry whose
// name the default data already uses is an error.
func Gazetteer(base fs.FS, actors []Actor) (*gazetteer.Gazetteer, error) {
	def, err := gazetteer.Load(base)
	if err != nil {
		return nil, err
	}
	mfs := fstest.MapFS{}
	err = fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(base, p)
		if err == nil {
			mfs[p] = &fstest.MapFile{Data: data}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	rows := map[string][]map[string]string{}
	known := func(n string) bool { return len(def.Lookup(n)) > 0 }
	for _, a := range actors {
		if id, ok := cameoExtraNames[a.Name]; ok {
			var aliases []string
			for _, s := range a.Synonyms {
				if n := displayName(s); !known(n) {
					aliases = append(aliases, n)
				}
			}
			if len(aliases) > 0 {
				rows["countries_extra.tsv"] = append(rows["countries_extra.tsv"],
					map[string]string{"id": strings.TrimPrefix(id, "country/"), "aliases": strings.Join(aliases, "|")})
			}
			continue
		}
		typ, ok := cameoPlaces[a.Name]
		if !ok {
			continue
		}
		name := displayName(a.Name)
		if known(name) {
			return nil, fmt.Errorf("cameo gazetteer: %q is already in the gazetteer", name)
		}
		var aliases, demonyms []string
		for _, s := range a.Synonyms {
			switch n := displayName(s); {
			case cameoPersonSynonyms[s] || known(n):
			case cameoDemonyms[s]:
				demonyms = append(demonyms, n)
			default:
				aliases = append(aliases, n)
			}
		}
		id := gazSlug(name)
		row := map[string]string{"id": id, "name": name, "aliases": strings.Join(aliases, "|")}
		file := "countries_extra.tsv"
		switch typ {
		case gazetteer.Country:
			row["demonyms"] = strings.Join(demonyms, "|")
		case gazetteer.Organization:
			file = "organisations_extra.tsv"
		case gazetteer.City:
			file = "cities_extra.tsv"
		}
		rows[file] = append(rows[file], row)
	}
	for file, rs := range rows {
		var old []byte
		if f := mfs[file]; f != nil {
			old = f.Data
		}
		mfs[file] = &fstest.MapFile{Data: appendRows(old, rs)}
	}
	return gazetteer.Load(mfs)
}

func gazSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// appendRows adds rows to a tab-separated table with a header line, widening the header with
// the columns the rows need (the old rows get empty cells there). Comments are kept.
func appendRows(table []byte, rows []map[string]string) []byte {
	var comments, body [][]string
	var header []string
	for _, line := range strings.Split(string(table), "\n") {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case line == "":
		case line[0] == '#':
			comments = append(comments, []string{line})
		case header == nil:
			header = strings.Split(line, "\t")
		default:
			body = append(body, strings.Split(line, "\t"))
		}
	}
	if header == nil {
		header = []string{"id"}
	}
	width := len(header)
	col := map[string]int{}
	for i, c := range header {
		col[c] = i
	}
	var extra []string
	for _, r := range rows {
		for k := range r {
			if _, ok := col[k]; !ok {
				extra = append(extra, k)
				col[k] = -1
			}
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		col[k] = len(header)
		header = append(header, k)
	}
	var b bytes.Buffer
	for _, c := range comments {
		b.WriteString(c[0] + "\n")
	}
	b.WriteString(strings.Join(header, "\t") + "\n")
	for _, f := range body {
		for len(f) < len(header) {
			f = append(f, "")
		}
		b.WriteString(strings.Join(f, "\t") + "\n")
	}
	_ = width
	for _, r := range rows {
		f := make([]string, len(header))
		for k, v := range r {
			f[col[k]] = v
		}
		b.WriteString(strings.Join(f, "\t") + "\n")
	}
	return b.Bytes()
}

// ExtractorWithGazetteer is the default pipeline with its Mentions stage reading g.
func ExtractorWithGazetteer(g *gazetteer.Gazetteer) *extract.Extractor {
	stages := extract.DefaultStages()
	for i, s := range stages {
		switch s.(type) {
		case extract.Mentions, *extract.Mentions:
			stages[i] = extract.Mentions{Gaz: g}
		}
	}
	return extract.New(stages...)
}

// ---------------------------------------------------------------------------------------------
// The evaluation.

// Case is one mappable coding: the relation the sentence should give and what the
// extractor did with it.
type Case struct {
	Record         string // record id
	Text           string
	Event          string // event code
	Pred           string // the predicate the coding maps to
	Note           string // why, when the record overrides the code's predicate
	Source, Target string // actor codes
	// SourceSeen, TargetSeen: an entity of the extraction stands for the actor.
	SourceSeen, TargetSeen bool
	// Family: the extractor stated a relation of the predicate's family in the sentence at all;
	// Pair: between the two actors, either way round; Direction: the right way round.
	Family, Pair, Direction bool
	Relations               []string // the extraction's relations, "subject -predicate-> object"
}

// SetAside is a coding whose code maps to a predicate but whose sentence does not state
// the relation, with the reason.
type SetAside struct {
	Record, Event, Source, Target, Reason, Text string
}

// Report is the outcome of CAMEO.
type Report struct {
	Records  int            // sentences in the file
	Codings  int            // expected event codings
	NoActor  int            // codings without a named source or target actor (None, ---, ###)
	Unmapped map[string]int // event code -> codings whose code has no predicate on the unit-test file
	SetAside []SetAside
	Cases    []Case
	// Unsupported lists relations of the core vocabulary that the extractor stated between two
	// coded actors of a record and that no mapped coding of the record asks for (for review:
	// many are errors, "welcomed a resumption of ties" read as hosting).
	Unsupported []string
}

// family: predicates that count for a mapped predicate, and whether each reads the other way
// round (visited(guest, host) answers received(host, guest)).
type famMember struct {
	pred    string
	reverse bool
}

var cameoFamilies = map[string][]famMember{
	extract.PredVisited:       {{extract.PredVisited, false}, {extract.PredReceived, true}},
	extract.PredReceived:      {{extract.PredReceived, false}, {extract.PredVisited, true}},
	extract.PredMet:           {{extract.PredMet, false}, {extract.PredHeldTalksWith, false}},
	extract.PredHeldTalksWith: {{extract.PredHeldTalksWith, false}, {extract.PredMet, false}},
	extract.PredAgreedWith:    {{extract.PredAgreedWith, false}, {extract.PredCooperatesWith, false}},
	extract.PredCondemned:     {{extract.PredCondemned, false}, {extract.PredCriticised, false}},
	extract.PredCriticised:    {{extract.PredCriticised, false}, {extract.PredCondemned, false}},
	extract.PredAttacked:      {{extract.PredAttacked, false}, {extract.PredFoughtAgainst, false}, {extract.PredKilled, false}},
	extract.PredFoughtAgainst: {{extract.PredFoughtAgainst, false}, {extract.PredAttacked, false}},
	// CAMEO's 16x/17x threats include warnings; the vocabulary has warned apart (issue 15)
	extract.PredThreatened: {{extract.PredThreatened, false}, {"warned", false}},
}

func familyOf(pred string) []famMember {
	if f, ok := cameoFamilies[pred]; ok {
		return f
	}
	return []famMember{{pred, false}}
}

// DefaultDir is ../shared/data/cameo relative to the repository root; CAMEO_DIR overrides it.
func DefaultDir() string {
	if d := os.Getenv("CAMEO_DIR"); d != "" {
		return d
	}
	return filepath.Join(filepath.Dir(score.RepoRoot()), "shared", "data", "cameo")
}

// Run runs the direction check on the PETRARCH unit tests of dir (a folder laid out like
// ../shared/data/cameo: text/PETR.UnitTest.records.xml, dictionaries/PETR.Validate.actors.txt).
// newExtractor builds the extractor from the gazetteer with the actors (ExtractorWithGazetteer
// when nil); the default gazetteer data is read from DefaultGazetteerData.
func Run(dir string, newExtractor func(g *gazetteer.Gazetteer) *extract.Extractor) (Report, error) {
	var rep Report
	af, err := os.Open(filepath.Join(dir, "dictionaries", "PETR.Validate.actors.txt"))
	if err != nil {
		return rep, err
	}
	actors, err := ReadActors(af)
	af.Close()
	if err != nil {
		return rep, err
	}
	rf, err := os.Open(filepath.Join(dir, "text", "PETR.UnitTest.records.xml"))
	if err != nil {
		return rep, err
	}
	records, err := ReadRecords(rf)
	rf.Close()
	if err != nil {
		return rep, err
	}
	g, err := Gazetteer(os.DirFS(DefaultGazetteerData()), actors)
	if err != nil {
		return rep, err
	}
	if newExtractor == nil {
		newExtractor = ExtractorWithGazetteer
	}
	return Score(records, actors, newExtractor(g)), nil
}

// Score checks the extractor x on the records, with the actors' names.
func Score(records []Record, actors []Actor, x *extract.Extractor) Report {
	rep := Report{Records: len(records), Unmapped: map[string]int{}}
	names := actorNames(actors)
	for _, rec := range records {
		if len(rec.Codings) == 0 {
			continue
		}
		ex := x.Extract(extract.Article{ID: rec.ID, Text: rec.Text, Published: isoDate(rec.Date)})
		m := newEntityMatcher(ex, names)
		var rels []string
		for _, r := range ex.Relations {
			rels = append(rels, score.RelString(ex, r))
		}
		type key struct{ pred, a, b string }
		seen := map[key]bool{}
		var coded []string
		asked := map[key]bool{}
		for _, c := range rec.Codings {
			rep.Codings++
			if !knownActor(names, c.Source) || !knownActor(names, c.Target) {
				rep.NoActor++
				continue
			}
			coded = append(coded, c.Source, c.Target)
			pred := unitTestPredicate(c.Event)
			note := ""
			if o, ok := cameoOverrides[rec.ID+" "+c.Event]; ok {
				pred, note = o.pred, o.why
			}
			if pred == "" {
				rep.Unmapped[c.Event]++
				continue
			}
			if why, ok := cameoSetAside[rec.ID+" "+c.Event]; ok {
				rep.SetAside = append(rep.SetAside, SetAside{rec.ID, c.Event, c.Source, c.Target, why, rec.Text})
				continue
			}
			k := key{pred, c.Source, c.Target}
			if score.SymmetricPredicates[pred] && k.b < k.a {
				k.a, k.b = k.b, k.a
			}
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, f := range familyOf(pred) {
				asked[key{f.pred, c.Source, c.Target}] = true
				asked[key{f.pred, c.Target, c.Source}] = true
			}
			cs := Case{Record: rec.ID, Text: rec.Text, Event: c.Event, Pred: pred, Note: note,
				Source: c.Source, Target: c.Target, Relations: rels}
			cs.SourceSeen = m.seen(c.Source)
			cs.TargetSeen = m.seen(c.Target)
			for _, r := range ex.Relations {
				if r.Negated {
					continue
				}
				for _, f := range familyOf(pred) {
					if r.Predicate != f.pred {
						continue
					}
					cs.Family = true
					s, o := c.Source, c.Target
					if f.reverse {
						s, o = o, s
					}
					fwd := m.is(r.Subject, s) && m.is(r.Object, o)
					bwd := m.is(r.Subject, o) && m.is(r.Object, s)
					if fwd || bwd {
						cs.Pair = true
					}
					if fwd || bwd && (score.SymmetricPredicates[pred] || score.SymmetricPredicates[f.pred]) {
						cs.Direction = true
					}
				}
			}
			rep.Cases = append(rep.Cases, cs)
		}
		// Relations of the core vocabulary between coded actors that nothing asked for.
		for _, r := range ex.Relations {
			if !score.CorePredicate(r.Predicate) || structuralPredicates[r.Predicate] || r.Object == "" {
				continue
			}
			var sc, oc []string
			for _, c := range coded {
				if m.is(r.Subject, c) {
					sc = append(sc, c)
				}
				if m.is(r.Object, c) {
					oc = append(oc, c)
				}
			}
			if len(sc) == 0 || len(oc) == 0 {
				continue
			}
			ok := false
			for _, s := range sc {
				for _, o := range oc {
					ok = ok || asked[key{r.Predicate, s, o}]
				}
			}
			if !ok {
				rep.Unsupported = append(rep.Unsupported, fmt.Sprintf("%s\t%s\t%s", rec.ID, score.RelString(ex, r), rec.Text))
			}
		}
	}
	return rep
}

func namedActor(code string) bool {
	return code != "" && code != "None" && !strings.HasPrefix(code, "---") && !strings.HasPrefix(code, "###")
}

// knownActor: the code starts with a code of the dictionary (a few codings give a phrase instead
// of a code: "INJURY TOLL", "GRYFFINDOR HEAD MINERVA MCGONAGALL").
func knownActor(names map[string]map[string]bool, code string) bool {
	return namedActor(code) && len(codeNames(names, code)) > 0
}

// structuralPredicates are the relations a title, a national body or a place name states;
// CAMEO codes none of them.
var structuralPredicates = map[string]bool{extract.PredWorksFor: true, extract.PredHeads: true,
	"formerlyWorksFor": true, "formerlyHeads": true, extract.PredMemberOf: true, extract.PredPartOf: true,
	extract.PredContainedIn: true, extract.PredHeadquartered: true}

func isoDate(d string) string {
	if len(d) == 8 {
		return d[:4] + "-" + d[4:6] + "-" + d[6:]
	}
	return ""
}

// actorNames maps each dictionary code to the normalised names of the entries that carry it.
func actorNames(actors []Actor) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, a := range actors {
		for _, c := range a.Codes {
			if !namedActor(c) {
				continue
			}
			if out[c] == nil {
				out[c] = map[string]bool{}
			}
			for _, n := range a.Names() {
				out[c][score.NormName(n)] = true
			}
		}
	}
	return out
}

// entityMatcher answers "does entity id stand for actor code C?" for one extraction: the
// entity's name, an alias or a mention (name, alias, acronym or demonym) is one of the names of
// the codes that C starts with (BREGOV: BRE, the actor Bree, and its government), or the
// entity is a body or office holder of such an entity (its Country, or the Of of a position).
type entityMatcher struct {
	byID  map[string]*extract.Entity
	names map[string]map[string]bool
	cache map[[2]string]bool
}

func newEntityMatcher(ex extract.Extraction, names map[string]map[string]bool) *entityMatcher {
	m := &entityMatcher{byID: map[string]*extract.Entity{}, names: names, cache: map[[2]string]bool{}}
	for i := range ex.Entities {
		m.byID[ex.Entities[i].ID] = &ex.Entities[i]
	}
	return m
}

// codeNames returns the names of every dictionary code that code starts with.
func codeNames(names map[string]map[string]bool, code string) map[string]bool {
	out := map[string]bool{}
	for c, ns := range names {
		if strings.HasPrefix(code, c) {
			for n := range ns {
				out[n] = true
			}
		}
	}
	return out
}

func (m *entityMatcher) is(id, code string) bool {
	k := [2]string{id, code}
	if v, ok := m.cache[k]; ok {
		return v
	}
	names := codeNames(m.names, code)
	e := m.byID[id]
	v := e != nil && (named(e, names) ||
		m.byID[e.Country] != nil && named(m.byID[e.Country], names))
	if e != nil && !v {
		for _, p := range e.Roles {
			if o := m.byID[p.Of]; o != nil && named(o, names) {
				v = true
			}
		}
	}
	m.cache[k] = v
	return v
}

func (m *entityMatcher) seen(code string) bool {
	for id := range m.byID {
		if m.is(id, code) {
			return true
		}
	}
	return false
}

func named(e *extract.Entity, names map[string]bool) bool {
	if names[score.NormName(e.Name)] {
		return true
	}
	for _, a := range e.Aliases {
		if names[score.NormName(a)] {
			return true
		}
	}
	for _, mn := range e.Mentions {
		if mn.Kind != extract.KindDescription && names[score.NormName(mn.Text)] {
			return true
		}
	}
	return false
}

// Counts are the figures of a set of cases.
type Counts struct{ Cases, Records, Family, Pair, Direction, SourceSeen, TargetSeen int }

// Counts sums the cases, overall ("") and per predicate.
func (r Report) Counts() map[string]*Counts {
	out := map[string]*Counts{"": {}}
	recs := map[string]map[string]bool{}
	for _, c := range r.Cases {
		for _, k := range []string{"", c.Pred} {
			n := out[k]
			if n == nil {
				n = &Counts{}
				out[k] = n
			}
			if recs[k] == nil {
				recs[k] = map[string]bool{}
			}
			if !recs[k][c.Record+"\x00"+c.Text] {
				recs[k][c.Record+"\x00"+c.Text] = true
				n.Records++
			}
			n.Cases++
			n.Family += b2i(c.Family)
			n.Pair += b2i(c.Pair)
			n.Direction += b2i(c.Direction)
			n.SourceSeen += b2i(c.SourceSeen)
			n.TargetSeen += b2i(c.TargetSeen)
		}
	}
	return out
}

// DirectionAccuracy is the share of the codings found between the two actors (Pair) that have
// them the right way round: the target is 0.8.
func (r Report) DirectionAccuracy() float64 {
	c := r.Counts()[""]
	return score.Ratio(c.Direction, c.Pair)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Print writes the summary table; verbose adds every failure, the codings set aside and the
// unsupported relations.
func (r Report) Print(w io.Writer, verbose bool) {
	counts := r.Counts()
	tot := counts[""]
	unmapped := 0
	for _, n := range r.Unmapped {
		unmapped += n
	}
	fmt.Fprintf(w, "CAMEO unit tests: %d sentences, %d event codings; %d without a named actor, %d with codes outside the vocabulary, %d set aside after reading\n",
		r.Records, r.Codings, r.NoActor, unmapped, len(r.SetAside))
	fmt.Fprintf(w, "mappable: %d codings in %d records\n\n", tot.Cases, tot.Records)
	fmt.Fprintf(w, "%-15s %6s %8s %6s %6s %6s %6s %9s\n", "predicate", "cases", "actors", "family", "pair", "dir", "dir/pr", "dir/fam")
	var preds []string
	for p := range counts {
		if p != "" {
			preds = append(preds, p)
		}
	}
	sort.Strings(preds)
	row := func(name string, c *Counts) {
		both := 0
		for _, cs := range r.Cases {
			if (name == "all" || cs.Pred == name) && cs.SourceSeen && cs.TargetSeen {
				both++
			}
		}
		fmt.Fprintf(w, "%-15s %6d %8d %6d %6d %6d %6s %9s\n", name, c.Cases, both, c.Family, c.Pair, c.Direction,
			pct(c.Direction, c.Pair), pct(c.Direction, c.Family))
	}
	for _, p := range preds {
		row(p, counts[p])
	}
	row("all", tot)
	fmt.Fprintf(w, "\nactors: both actors found as entities; family: a relation of the predicate's family in the sentence;\n")
	fmt.Fprintf(w, "pair: ...between the two actors; dir: ...the right way round (symmetric predicates: either way).\nDirection accuracy (dir/pair): %s (target 80%%)\n", pct(tot.Direction, tot.Pair))
	if !verbose {
		return
	}
	fmt.Fprintf(w, "\nFailures (%d):\n", tot.Cases-tot.Direction)
	for _, c := range r.Cases {
		if c.Direction {
			continue
		}
		why := "no relation of the family"
		switch {
		case !c.SourceSeen || !c.TargetSeen:
			var miss []string
			if !c.SourceSeen {
				miss = append(miss, "source "+c.Source)
			}
			if !c.TargetSeen {
				miss = append(miss, "target "+c.Target)
			}
			why = "actor not found: " + strings.Join(miss, ", ")
		case c.Pair:
			why = "wrong direction"
		case c.Family:
			why = "family found, other arguments"
		}
		fmt.Fprintf(w, "  %s %s %s(%s, %s): %s\n    %s\n", c.Record, c.Event, c.Pred, c.Source, c.Target, why, c.Text)
		if c.Note != "" {
			fmt.Fprintf(w, "    (predicate from the sentence: %s)\n", c.Note)
		}
		for _, rel := range c.Relations {
			fmt.Fprintf(w, "    got: %s\n", rel)
		}
	}
	fmt.Fprintf(w, "\nSet aside (%d):\n", len(r.SetAside))
	for _, s := range r.SetAside {
		fmt.Fprintf(w, "  %s %s %s->%s: %s\n", s.Record, s.Event, s.Source, s.Target, s.Reason)
	}
	var codes []string
	for c := range r.Unmapped {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	fmt.Fprintf(w, "\nCodes without a predicate on this file (codings):")
	for _, c := range codes {
		fmt.Fprintf(w, " %s:%d", c, r.Unmapped[c])
	}
	fmt.Fprintf(w, "\n\nCore relations between coded actors that no mapped coding asks for (%d, for review):\n", len(r.Unsupported))
	for _, u := range r.Unsupported {
		fmt.Fprintf(w, "  %s\n", u)
	}
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
}
