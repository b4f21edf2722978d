// Package gazetteer knows the names of countries, international organisations, cities and
// titles, and finds them in text.
//
// The data is embedded (see data/ and README.md for its sources and licences) and loaded once by
// Default. Match finds every name that starts at a given byte offset of a text; Lookup and ByID
// answer exact questions.
//
// Matching is case-sensitive ("Turkey" is a country, "turkey" is not; "US" is, "us" is not),
// except that a word written in capitals ("BAKU, Azerbaijan") also matches a name of four letters
// or more case-insensitively. Typographic and ASCII apostrophes are the same, so are a space in a
// name and any run of white space in the text. A name must end at a word boundary, so a
// possessive "'s" is never part of it and "NATO-led" holds "NATO".
package gazetteer

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Type is the kind of thing an entry names.
type Type string

// The types of entries.
const (
	Country      Type = "Country"
	Organization Type = "Organization"
	City         Type = "City"
	Region       Type = "Region" // a state, province or other first-level division
	Title        Type = "Title"
)

// Form is the way a name refers to its entry.
type Form string

// The forms of names.
const (
	FormName    Form = "name"    // the canonical name
	FormAlias   Form = "alias"   // another full name ("Republic of Azerbaijan", "Burma")
	FormAcronym Form = "acronym" // an abbreviation ("NATO", "PfP", "U.S.", "Gen.")
	FormDemonym Form = "demonym" // a country's people or adjective ("Azerbaijani", "Azerbaijanis")
)

// Entry is one country, organisation, city or title.
type Entry struct {
	ID         string   // type-prefixed and stable: "country/azerbaijan", "org/north-atlantic-treaty-organisation", "city/baku", "title/foreign-minister"
	Type       Type     // Country, Organization, City, Region or Title
	Name       string   // canonical English name: "Azerbaijan", "Baku", "Foreign Minister"
	Aliases    []string // other full names
	Abbrevs    []string // abbreviations: "NATO", "PfP", "U.S."
	Demonyms   []string // countries: "Azerbaijani", "Azerbaijanis"
	Wikidata   string   // organisations: "Q7184", or ""
	ISO2, ISO3 string   // countries: ISO 3166-1 codes
	Country    string   // cities and regions: the country entry's ID; organisations: the country of the headquarters when known
	Capital    string   // countries: the capital's city entry ID when known
	Population int      // cities
	GeoNamesID int      // cities
	Lat, Lon   float64  // cities
	Honorific  bool     // titles that are forms of address (Mr., Dr.) rather than offices
	Ambiguous  bool     // cities whose name is also a common word, a person's name or a bigger thing's name ("Nice", "Split", "Armenia" in Colombia)
}

// Hit is a name found in a text.
type Hit struct {
	Entry *Entry
	Form  Form
	End   int // byte offset in the text just past the name
}

// Gazetteer holds the entries and the indexes that find their names.
type Gazetteer struct {
	entries []*Entry
	byID    map[string]*Entry
	byName  map[string][]*Entry
	exact   map[string][]cand // first word of a name → names, longest first
	caps    map[string][]cand // first word in capitals → names of 4 letters or more
}

// cand is one name of one entry in an index.
type cand struct {
	name  string // normalised: ASCII apostrophes and hyphens, single spaces
	entry *Entry
	form  Form
}

//go:embed data
var embedded embed.FS

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the gazetteer of the embedded data, loaded on first use.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		sub, err := fs.Sub(embedded, "data")
		if err == nil {
			defaultGaz, err = Load(sub)
		}
		if err != nil {
			panic("gazetteer: embedded data: " + err.Error())
		}
	})
	return defaultGaz
}

// ByID returns the entry with that ID, or nil.
func (g *Gazetteer) ByID(id string) *Entry {
	return g.byID[id]
}

// Entries returns every entry: countries, organisations, cities, then titles, each sorted by ID.
func (g *Gazetteer) Entries() []*Entry {
	return append([]*Entry(nil), g.entries...)
}

// Lookup returns the entries that have exactly this name, alias, abbreviation or demonym
// (case-sensitive; apostrophes and spaces are normalised as in Match).
func (g *Gazetteer) Lookup(name string) []*Entry {
	return append([]*Entry(nil), g.byName[normalize(name)]...)
}

// Match returns every name that occurs in text starting exactly at byte offset start and ending
// at a word boundary, longest first. Among hits of the same length, cities flagged Ambiguous come
// last, then countries come before organisations, cities and titles, and bigger cities before
// smaller namesakes. It returns nil when start is inside a word.
func (g *Gazetteer) Match(text string, start int) []Hit {
	if start < 0 || start >= len(text) {
		return nil
	}
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isWordRune(r) {
			return nil
		}
	}
	// The first word: a run of letters and digits.
	i, letters, upper := start, 0, true
scan:
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				letters++
			case 'a' <= c && c <= 'z':
				letters++
				upper = false
			case '0' <= c && c <= '9':
			default:
				break scan
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				upper = false
			}
		}
		i += n
	}
	word := text[start:i]
	if i == start {
		// A name that starts with a sign ("'Ajlun"): the sign is the key.
		_, n := utf8.DecodeRuneInString(text[start:])
		word = normalize(text[start : start+n])
	}
	var hits []Hit
	for _, c := range g.exact[word] {
		if end := matchAt(text, start, c.name, false); end >= 0 {
			hits = append(hits, Hit{Entry: c.entry, Form: c.form, End: end})
		}
	}
	if upper && letters >= 2 {
		for _, c := range g.caps[word] {
			if end := matchAt(text, start, c.name, true); end >= 0 {
				hits = append(hits, Hit{Entry: c.entry, Form: c.form, End: end})
			}
		}
	}
	if len(hits) > 1 {
		hits = sortHits(hits)
	}
	return hits
}

// sortHits orders hits longest first and drops a second hit of the same entry at the same end.
func sortHits(hits []Hit) []Hit {
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.End != b.End {
			return a.End > b.End
		}
		if a.Entry.Ambiguous != b.Entry.Ambiguous {
			return !a.Entry.Ambiguous
		}
		if ta, tb := typeRank(a.Entry.Type), typeRank(b.Entry.Type); ta != tb {
			return ta < tb
		}
		if a.Entry != b.Entry {
			if a.Entry.Population != b.Entry.Population {
				return a.Entry.Population > b.Entry.Population
			}
			return a.Entry.ID < b.Entry.ID
		}
		return formRank(a.Form) < formRank(b.Form)
	})
	out := hits[:1]
	for _, h := range hits[1:] {
		last := out[len(out)-1]
		if h.Entry == last.Entry && h.End == last.End {
			continue
		}
		out = append(out, h)
	}
	return out
}

func typeRank(t Type) int {
	switch t {
	case Country:
		return 0
	case Organization:
		return 1
	case City:
		return 2
	case Region:
		return 3
	}
	return 4
}

func formRank(f Form) int {
	switch f {
	case FormName:
		return 0
	case FormAlias:
		return 1
	case FormAcronym:
		return 2
	}
	return 3
}

// matchAt returns the end of name in text at pos, or -1. fold compares letters regardless of
// case. An apostrophe in name matches ', ’ or ‘; a hyphen matches -, U+2010 or U+2011; a space
// matches any run of white space. The name must end at a word boundary.
func matchAt(text string, pos int, name string, fold bool) int {
	j := pos
	for i := 0; i < len(name); {
		c := name[i]
		switch {
		case c == '\'':
			switch {
			case j < len(text) && text[j] == '\'':
				j++
			case strings.HasPrefix(text[j:], "\u2019"), strings.HasPrefix(text[j:], "\u2018"):
				j += 3
			default:
				return -1
			}
			i++
		case c == '-':
			switch {
			case j < len(text) && text[j] == '-':
				j++
			case strings.HasPrefix(text[j:], "\u2010"), strings.HasPrefix(text[j:], "\u2011"):
				j += 3
			default:
				return -1
			}
			i++
		case c == ' ':
			k := skipSpace(text, j)
			if k == j {
				return -1
			}
			j = k
			i++
		case c < utf8.RuneSelf:
			if j >= len(text) {
				return -1
			}
			if t := text[j]; t != c && (!fold || upperASCII(t) != upperASCII(c)) {
				return -1
			}
			i++
			j++
		default:
			if j >= len(text) {
				return -1
			}
			r, n := utf8.DecodeRuneInString(name[i:])
			t, m := utf8.DecodeRuneInString(text[j:])
			if t != r && (!fold || unicode.ToUpper(t) != unicode.ToUpper(r)) {
				return -1
			}
			i += n
			j += m
		}
	}
	if j < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[j:]); isWordRune(r) {
			return -1
		}
	}
	return j
}

func skipSpace(text string, j int) int {
	for j < len(text) {
		switch {
		case text[j] == ' ', text[j] == '\t', text[j] == '\n', text[j] == '\r':
			j++
		case strings.HasPrefix(text[j:], "\u00a0"):
			j += 2
		default:
			return j
		}
	}
	return j
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// normalize writes a name the way the indexes hold it: ASCII apostrophes and hyphens, single
// spaces, no space at either end.
func normalize(s string) string {
	if strings.ContainsAny(s, "\u2019\u2018\u2010\u2011\u00a0") {
		s = nameReplacer.Replace(s)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t' || c == '\n' || c == '\r',
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

var nameReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u2010", "-", "\u2011", "-", "\u00a0", " ")

// firstWord is the index key of a normalised name: its leading run of letters and digits, or its
// first character when it starts with a sign.
func firstWord(name string) string {
	for i, r := range name {
		if !isWordRune(r) {
			if i == 0 {
				return name[:utf8.RuneLen(r)]
			}
			return name[:i]
		}
	}
	return name
}
