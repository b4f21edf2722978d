package gazetteer

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Load reads a gazetteer from a folder laid out like data/: countries.tsv, organisations.tsv,
// cities.tsv.gz and titles.txt, the optional regions.tsv, and the optional hand-written supplements countries_extra.tsv,
// organisations_extra.tsv and cities_extra.tsv. Most callers want Default.
func Load(fsys fs.FS) (*Gazetteer, error) {
	b := &builder{byID: map[string]*Entry{}, iso2: map[string]string{}}
	steps := []struct {
		file     string
		optional bool
		read     func(*table) error
	}{
		{"countries.tsv", false, b.countries},
		{"countries_extra.tsv", true, b.countries},
		{"organisations.tsv", false, b.orgs},
		{"organisations_extra.tsv", true, b.orgs},
		{"cities.tsv.gz", false, b.cities},
		{"cities_extra.tsv", true, b.cities},
		{"regions.tsv", true, b.regions},
		{"titles.txt", false, b.titles},
	}
	for _, s := range steps {
		t, err := readTable(fsys, s.file)
		if errors.Is(err, fs.ErrNotExist) && s.optional {
			continue
		}
		if err == nil {
			err = s.read(t)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.file, err)
		}
	}
	return b.build(), nil
}

type builder struct {
	entries []*Entry
	byID    map[string]*Entry
	iso2    map[string]string // ISO 3166-1 alpha-2 → country entry ID
	lower   map[*Entry][]string
}

// entry returns the entry with that ID, making it when the row names it; a row that only adds
// names to an entry that does not exist is an error.
func (b *builder) entry(t Type, id, name string) (*Entry, error) {
	if id == "" {
		return nil, errors.New("row without id")
	}
	if e := b.byID[id]; e != nil {
		if e.Type != t {
			return nil, fmt.Errorf("%s is a %s", id, e.Type)
		}
		return e, nil
	}
	if name == "" {
		return nil, fmt.Errorf("%s: no such entry, and the row gives no name", id)
	}
	e := &Entry{ID: id, Type: t, Name: name}
	b.byID[id] = e
	b.entries = append(b.entries, e)
	return e, nil
}

func (b *builder) countries(t *table) error {
	return t.each(func(r row) error {
		e, err := b.entry(Country, prefixed("country/", r.get("id")), r.get("name"))
		if err != nil {
			return err
		}
		addNames(&e.Aliases, e.Name, r.get("official"))
		addNames(&e.Aliases, e.Name, r.list("aliases")...)
		addNames(&e.Abbrevs, e.Name, r.list("abbrevs")...)
		addNames(&e.Demonyms, e.Name, r.list("demonyms")...)
		fill(&e.ISO2, r.get("iso2"))
		fill(&e.ISO3, r.get("iso3"))
		fill(&e.Capital, prefixed("city/", r.get("capital_id")))
		if e.ISO2 != "" {
			b.iso2[e.ISO2] = e.ID
		}
		return nil
	})
}

func (b *builder) orgs(t *table) error {
	return t.each(func(r row) error {
		e, err := b.entry(Organization, prefixed("org/", r.get("id")), r.get("name"))
		if err != nil {
			return err
		}
		addNames(&e.Aliases, e.Name, r.list("aliases")...)
		addNames(&e.Abbrevs, e.Name, r.list("abbrevs")...)
		fill(&e.Wikidata, r.get("wikidata"))
		fill(&e.Country, prefixed("country/", r.get("country")))
		return nil
	})
}

func (b *builder) regions(t *table) error {
	return t.each(func(r row) error {
		e, err := b.entry(Region, prefixed("region/", r.get("id")), r.get("name"))
		if err != nil {
			return err
		}
		addNames(&e.Aliases, e.Name, r.list("aliases")...)
		if cc := r.get("iso2"); cc != "" && e.Country == "" {
			e.Country = b.iso2[cc]
		}
		return nil
	})
}

func (b *builder) cities(t *table) error {
	return t.each(func(r row) error {
		e, err := b.entry(City, prefixed("city/", r.get("id")), r.get("name"))
		if err != nil {
			return err
		}
		addNames(&e.Aliases, e.Name, r.get("asciiname"))
		addNames(&e.Aliases, e.Name, r.list("aliases")...)
		if cc := r.get("iso2"); cc != "" && e.Country == "" {
			e.Country = b.iso2[cc]
		}
		if v := r.get("population"); v != "" {
			if e.Population, err = strconv.Atoi(v); err != nil {
				return fmt.Errorf("%s: population %q", e.ID, v)
			}
		}
		if v := r.get("geonameid"); v != "" {
			if e.GeoNamesID, err = strconv.Atoi(v); err != nil {
				return fmt.Errorf("%s: geonameid %q", e.ID, v)
			}
		}
		if v := r.get("lat"); v != "" {
			if e.Lat, err = strconv.ParseFloat(v, 64); err != nil {
				return fmt.Errorf("%s: lat %q", e.ID, v)
			}
		}
		if v := r.get("lon"); v != "" {
			if e.Lon, err = strconv.ParseFloat(v, 64); err != nil {
				return fmt.Errorf("%s: lon %q", e.ID, v)
			}
		}
		switch r.get("ambiguous") {
		case "1":
			e.Ambiguous = true
		case "0":
			e.Ambiguous = false
		}
		return nil
	})
}

func (b *builder) titles(t *table) error {
	return t.each(func(r row) error {
		name := r.get("name")
		e, err := b.entry(Title, "title/"+slug(name), name)
		if err != nil {
			return err
		}
		if e.Name != name {
			return fmt.Errorf("%q and %q have the same id %s", e.Name, name, e.ID)
		}
		switch r.get("kind") {
		case "honorific":
			e.Honorific = true
		case "office":
		default:
			return fmt.Errorf("%s: kind %q is neither office nor honorific", e.ID, r.get("kind"))
		}
		addNames(&e.Aliases, e.Name, r.list("aliases")...)
		addNames(&e.Abbrevs, e.Name, r.list("abbrevs")...)
		if r.get("lower") == "y" {
			if b.lower == nil {
				b.lower = map[*Entry][]string{}
			}
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if l := strings.ToLower(n); l != n {
					b.lower[e] = append(b.lower[e], l)
				}
			}
		}
		return nil
	})
}

// build sorts the entries and makes the indexes.
func (b *builder) build() *Gazetteer {
	sort.SliceStable(b.entries, func(i, j int) bool {
		a, c := b.entries[i], b.entries[j]
		if ta, tc := typeRank(a.Type), typeRank(c.Type); ta != tc {
			return ta < tc
		}
		return a.ID < c.ID
	})
	g := &Gazetteer{
		entries: b.entries,
		byID:    b.byID,
		byName:  make(map[string][]*Entry, 4*len(b.entries)),
		exact:   make(map[string][]cand, 2*len(b.entries)),
		caps:    make(map[string][]cand, len(b.entries)),
	}
	var seen []string // the names of the current entry
	add := func(e *Entry, name string, form Form) {
		name = normalize(name)
		if name == "" {
			return
		}
		for _, s := range seen {
			if s == name {
				return // the first form given wins: name, alias, acronym, demonym
			}
		}
		seen = append(seen, name)
		g.byName[name] = append(g.byName[name], e)
		c := cand{name: name, entry: e, form: form}
		w := firstWord(name)
		g.exact[w] = append(g.exact[w], c)
		if capsMatchable(name) {
			u := strings.ToUpper(w)
			g.caps[u] = append(g.caps[u], c)
		}
	}
	for _, e := range b.entries {
		seen = seen[:0]
		add(e, e.Name, FormName)
		for _, n := range e.Aliases {
			add(e, n, FormAlias)
		}
		for _, n := range e.Abbrevs {
			add(e, n, FormAcronym)
		}
		for _, n := range e.Demonyms {
			add(e, n, FormDemonym)
		}
		for _, n := range b.lower[e] {
			add(e, n, FormAlias)
		}
	}
	for _, idx := range []map[string][]cand{g.exact, g.caps} {
		for _, cs := range idx {
			sort.SliceStable(cs, func(i, j int) bool { return len(cs[i].name) > len(cs[j].name) })
		}
	}
	return g
}

// capsMatchable: a name matched case-insensitively by a word in capitals has four letters or
// more, a capital letter and a lower-case one (an all-capital name matches such a word as it is).
func capsMatchable(name string) bool {
	letters, lower, upper := 0, false, false
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
			lower = lower || unicode.IsLower(r)
			upper = upper || unicode.IsUpper(r)
		}
	}
	return letters >= 4 && lower && upper
}

// ---------------------------------------------------------------------------------------------
// Tables: tab-separated, a header line naming the columns, lists |-separated, # comments.

type table struct {
	cols map[string]int
	text string
}

type row struct {
	t      *table
	fields []string
}

func readTable(fsys fs.FS, name string) (*table, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	return &table{text: string(data)}, nil
}

// each calls f for every row after the header.
func (t *table) each(f func(row) error) error {
	rest := t.text
	for n := 1; rest != ""; n++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "\t")
		if t.cols == nil {
			t.cols = make(map[string]int, len(fields))
			for i, c := range fields {
				t.cols[c] = i
			}
			if _, ok := t.cols["id"]; !ok {
				if _, ok := t.cols["name"]; !ok {
					return fmt.Errorf("line %d: header names no id or name column", n)
				}
			}
			continue
		}
		if err := f(row{t, fields}); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return nil
}

func (r row) get(col string) string {
	i, ok := r.t.cols[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

func (r row) list(col string) []string {
	v := r.get(col)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ---------------------------------------------------------------------------------------------

func prefixed(prefix, id string) string {
	if id == "" {
		return ""
	}
	return prefix + id
}

// addNames appends the names that are neither the entry's name nor already in the list.
func addNames(list *[]string, name string, names ...string) {
next:
	for _, n := range names {
		if n == "" || n == name {
			continue
		}
		for _, have := range *list {
			if have == n {
				continue next
			}
		}
		*list = append(*list, n)
	}
}

func fill(field *string, v string) {
	if *field == "" {
		*field = v
	}
}

// slug makes a title's id from its name: "Deputy Secretary General" → "deputy-secretary-general",
// "Mr." → "mr", "Charge d'Affaires" → "charge-daffaires".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '\u2019':
		case r < 0x80 && isWordRune(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
