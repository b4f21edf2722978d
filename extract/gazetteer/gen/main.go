// Command gen derives the gazetteer's data files from the upstream data sets.
//
// Run it from the repository root:
//
//	go run ./extract/gazetteer/gen [-shared ../shared/data/gazetteers] [-out extract/gazetteer/data]
//
// It reads countries/countries.json (mledoze/countries, ODbL 1.0),
// organisations/general_list.yaml (supraverden, CC BY-SA 4.0) and cities/cities15000.zip
// (GeoNames, CC BY 4.0) and writes countries.tsv, organisations.tsv and cities.tsv.gz into the
// output folder. The hand-written files in that folder (countries_extra.tsv,
// organisations_extra.tsv, cities_extra.tsv, titles.txt) are inputs only: their names are
// reserved so that no city is taken for a country, an organisation or a title. The output
// depends only on the inputs: rows are sorted, and the gzip stream carries no time stamp.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// ambiguousCities lists city names that are also common English words, given names, surnames,
// brands or regions: such cities are kept but flagged, so that the lookup does not take them for
// a city outside a dateline. Cities named like a country, demonym, organisation or title, and
// small cities with names of three letters or fewer, are flagged too.
//
//go:embed ambiguous_cities.txt
var ambiguousCitiesTxt string

func main() {
	shared := flag.String("shared", "../shared/data/gazetteers", "folder holding the upstream gazetteers")
	out := flag.String("out", "extract/gazetteer/data", "folder to write the data files into")
	flag.Parse()
	if err := run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(shared, out string) error {
	countries, err := readCountries(filepath.Join(shared, "countries", "countries.json"))
	if err != nil {
		return err
	}
	reserved, err := handWrittenNames(out)
	if err != nil {
		return err
	}
	for _, c := range countries {
		for _, n := range c.allNames() {
			reserved[n] = true
		}
	}
	orgs, err := readOrgs(filepath.Join(shared, "organisations", "general_list.yaml"), countries)
	if err != nil {
		return err
	}
	for _, o := range orgs {
		reserved[o.Name] = true
		for _, n := range o.Aliases {
			reserved[n] = true
		}
		for _, n := range o.Abbrevs {
			reserved[n] = true
		}
	}
	cities, err := readCities(filepath.Join(shared, "cities", "cities15000.zip"), countries, reserved)
	if err != nil {
		return err
	}
	regions, err := readRegions(filepath.Join(shared, "cities", "world-cities.csv"), cities, reserved)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "regions.tsv"), false, regionsTSV(regions)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "countries.tsv"), false, countriesTSV(countries)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "organisations.tsv"), false, orgsTSV(orgs)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(out, "cities.tsv.gz"), true, citiesTSV(cities)); err != nil {
		return err
	}
	amb := 0
	for _, c := range cities {
		if c.Ambiguous {
			amb++
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d countries, %d organisations, %d cities (%d flagged ambiguous), %d regions\n",
		len(countries), len(orgs), len(cities), amb, len(regions))
	return nil
}

// ---------------------------------------------------------------------------------------------
// Countries

type country struct {
	ID, Name, Official         string
	Aliases, Abbrevs, Demonyms []string
	ISO2, ISO3                 string
	Capital, CapitalID         string
	independent                bool
}

func (c *country) allNames() []string {
	out := []string{c.Name, c.Official}
	out = append(out, c.Aliases...)
	out = append(out, c.Abbrevs...)
	return append(out, c.Demonyms...)
}

type rawCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
		Native   map[string]struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"native"`
	} `json:"name"`
	CCA2         string   `json:"cca2"`
	CCA3         string   `json:"cca3"`
	Independent  *bool    `json:"independent"`
	Capital      []string `json:"capital"`
	AltSpellings []string `json:"altSpellings"`
	Demonyms     map[string]struct {
		F string `json:"f"`
		M string `json:"m"`
	} `json:"demonyms"`
}

// countryAcronyms are the all-capital alternative spellings kept as abbreviations. Every other
// code ("AZ", "IN", "IT", "RSA"...) is dropped: as words they are too often something else.
var countryAcronyms = setOf("US", "USA", "UK", "UAE", "DRC", "DPRK", "PRC", "ROK")

// altDeny lists alternative spellings in plain ASCII that are not English names (native names,
// transliterations) or that are too ambiguous ("Island" for Iceland, "Timor", "Thai").
var altDeny = setOf("Ahvenanmaa", "Shqipnia", "Hayastan", "Osterreich", "Oesterreich", "Belgie",
	"the Abode of Peace", "Zhongguo", "Zhonghua", "Jabuuti", "Gabuuti", "Gabuutih Ummuuno",
	"Jamhuuriyadda Jabuuti", "Dominique", "Dzayer", "Islas Malvinas", "Sakartvelo", "Gwadloup",
	"Ellan Vannin", "Mann", "Bharat Ganrajya", "Island", "Nippon", "Nihon", "Qazaqstan",
	"Respublika Kazakhstan", "Jamhuri ya Kenya", "Kyrgyz Respublikasy", "Dawlat al-Kuwait", "Lao",
	"Sathalanalat Paxathipatai Paxaxon Lao", "Dawlat Libya", "Muso oa Lesotho",
	"Lietuvos Respublika", "Latvijas Republika", "Dhivehi Raajjeyge Jumhooriyya", "Mexicanos",
	"Repubblika ta' Malta", "Crna Gora", "Nijar", "Nijeriya", "Naoero", "Ripublik Naoero",
	"Pleasant Island", "Portuguesa", "Repubblica di San Marino", "Srbija", "Republika Srbija",
	"Sarnam", "Sranangron", "weSwatini", "Swatini", "Ngwane", "Togolese", "Prathet", "Thai",
	"Ratcha Anachak Thai", "Timor", "Timor Lorosae", "Ukrayina", "Jamhuri ya Uganda",
	"Suid-Afrika", "Matanitu ko Viti", "Saudi", "Guiana", "Bonaire Sint Eustatius and Saba",
	"Republika y'Uburundi", "Svalbard og Jan Mayen")

// demonymNoPlural are demonyms whose plural is not formed with -s.
var demonymNoPlural = setOf("Mosotho", "Motswana", "I-Kiribati", "Ni-Vanuatu", "Turkmen")

var asciiNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z .'\-]*[A-Za-z.]$`)

func readCountries(path string) ([]*country, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw []rawCountry
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []*country
	ids := map[string]bool{}
	for _, rc := range raw {
		c := &country{
			ID:       slug(rc.Name.Common),
			Name:     clean(rc.Name.Common),
			Official: clean(rc.Name.Official),
			ISO2:     rc.CCA2,
			ISO3:     rc.CCA3,
		}
		if ids[c.ID] {
			return nil, fmt.Errorf("countries: duplicate id %q", c.ID)
		}
		ids[c.ID] = true
		c.independent = rc.Independent != nil && *rc.Independent
		if len(rc.Capital) > 0 {
			c.Capital = clean(rc.Capital[0])
		}
		native := map[string]bool{}
		for lang, n := range rc.Name.Native {
			if lang != "eng" {
				native[n.Common] = true
				native[n.Official] = true
			}
		}
		var names nameList
		names.skip(c.Name)
		if c.Official == c.Name || altDeny[c.Official] {
			c.Official = ""
		}
		names.add(c.Official)
		names.add(foldASCII(c.Name))
		names.add(foldASCII(c.Official))
		for _, a := range rc.AltSpellings {
			a = clean(a)
			if isAllCaps(a) {
				if countryAcronyms[a] {
					c.Abbrevs = appendNew(c.Abbrevs, a)
				}
				continue
			}
			if native[a] || strings.ContainsAny(a, ",()") || !asciiNameRE.MatchString(a) || altDeny[a] {
				continue
			}
			a = strings.TrimPrefix(strings.TrimPrefix(a, "The "), "the ")
			names.add(a)
		}
		c.Aliases = names.list
		if c.Official != "" && len(c.Aliases) > 0 && c.Aliases[0] == c.Official {
			c.Aliases = c.Aliases[1:] // the official name has its own column
		}
		if d, ok := rc.Demonyms["eng"]; ok {
			for _, v := range []string{d.M, d.F} {
				for _, dem := range splitDemonyms(v) {
					if dem == c.Name || contains(c.Aliases, dem) {
						continue // "Djibouti", "Gibraltar": the name itself
					}
					c.Demonyms = appendNew(c.Demonyms, dem)
					if p := demonymPlural(dem); p != "" {
						c.Demonyms = appendNew(c.Demonyms, p)
					}
				}
			}
		}
		out = append(out, c)
	}
	// A demonym several countries share goes to the sovereign ones: "French" is France's, not the
	// French Southern and Antarctic Lands'; "Dutch" the Netherlands', not Caribbean Netherlands'.
	holders := map[string][]*country{}
	for _, c := range out {
		for _, d := range c.Demonyms {
			holders[d] = append(holders[d], c)
		}
	}
	for d, cs := range holders {
		if len(cs) < 2 {
			continue
		}
		anyIndependent := false
		for _, c := range cs {
			anyIndependent = anyIndependent || c.independent
		}
		if !anyIndependent {
			continue
		}
		for _, c := range cs {
			if !c.independent {
				c.Demonyms = remove(c.Demonyms, d)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func splitDemonyms(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		for _, p := range strings.Split(part, " or ") {
			if p = clean(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// demonymPlural gives the plural of a demonym where it is plainly formed with -s (Azerbaijani →
// Azerbaijanis, American → Americans, Greek → Greeks), or "" (French, Chinese, Swiss).
func demonymPlural(d string) string {
	if demonymNoPlural[d] || strings.HasSuffix(d, "ese") {
		return ""
	}
	if d == "Czech" {
		return "Czechs"
	}
	for _, suf := range []string{"an", "in", "i", "er", "ar", "ot", "k", "e", "o"} {
		if strings.HasSuffix(d, suf) {
			return d + "s"
		}
	}
	return ""
}

func countriesTSV(cs []*country) [][]string {
	rows := [][]string{
		{"# Countries, derived by extract/gazetteer/gen from mledoze/countries (countries.json),"},
		{"# Open Database License 1.0 (ODbL). Do not edit: add to countries_extra.tsv instead."},
		{"id", "name", "official", "aliases", "abbrevs", "demonyms", "iso2", "iso3", "capital", "capital_id"},
	}
	for _, c := range cs {
		rows = append(rows, []string{c.ID, c.Name, c.Official, join(c.Aliases), join(c.Abbrevs),
			join(c.Demonyms), c.ISO2, c.ISO3, c.Capital, c.CapitalID})
	}
	return rows
}

// ---------------------------------------------------------------------------------------------
// Organisations

type org struct {
	ID, Name          string
	Aliases, Abbrevs  []string
	Wikidata, HQ, HQC string
}

var (
	orgNameKey   = regexp.MustCompile(`^Name_(other|former)(_\d+)?_en$`)
	orgAbbrevKey = regexp.MustCompile(`^Abbreviation(_other|_former)?(_\d+)?_en$`)
	qidRE        = regexp.MustCompile(`^Q[0-9]+$`)
	orgAbbrDeny  = setOf("International")
)

func readOrgs(path string, countries []*country) ([]*org, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	byName := map[string]string{}
	for _, c := range countries {
		for _, n := range []string{c.Name, c.Official} {
			byName[n] = c.ID
		}
		for _, n := range c.Aliases {
			byName[n] = c.ID
		}
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []*org
	ids := map[string]bool{}
	for _, key := range keys {
		rec := raw[key]
		name := clean(str(rec["Name_en"]))
		if name == "" {
			name = clean(key)
		}
		o := &org{ID: slug(name), Name: name}
		if ids[o.ID] {
			return nil, fmt.Errorf("organisations: duplicate id %q", o.ID)
		}
		ids[o.ID] = true
		if q := str(rec["Wikidata_code"]); qidRE.MatchString(q) {
			o.Wikidata = q
		}
		o.HQ = clean(str(rec["Headquarters"]))
		if i := strings.LastIndex(o.HQ, ", "); i >= 0 {
			o.HQC = byName[o.HQ[i+2:]]
		}
		var names, abbrevs nameList
		names.skip(name)
		abbrevs.skip(name)
		names.add(clean(key))
		fields := make([]string, 0, len(rec))
		for f := range rec {
			fields = append(fields, f)
		}
		sort.Slice(fields, func(i, j int) bool { return fieldOrder(fields[i]) < fieldOrder(fields[j]) })
		for _, f := range fields {
			v := cleanOrgName(str(rec[f]))
			if v == "" {
				continue
			}
			switch {
			case orgNameKey.MatchString(f):
				if looksAcronym(v) {
					abbrevs.add(v)
				} else {
					names.add(v)
				}
			case orgAbbrevKey.MatchString(f):
				if orgAbbrDeny[v] {
					continue
				}
				if looksLikeName(v) {
					names.add(v)
				} else {
					abbrevs.add(v)
				}
			}
		}
		for _, n := range append([]string{name}, names.list...) {
			names.add(foldASCII(n))
		}
		o.Aliases = names.list
		o.Abbrevs = abbrevs.list
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// fieldOrder puts Name_other_en before Name_other_2_en and names before former names.
func fieldOrder(f string) string {
	rank := "9"
	switch {
	case strings.HasPrefix(f, "Abbreviation_en"), strings.HasPrefix(f, "Name_other_en"):
		rank = "0"
	case strings.HasPrefix(f, "Abbreviation_other"), strings.HasPrefix(f, "Name_other"):
		rank = "1"
	case strings.Contains(f, "former"):
		rank = "2"
	}
	return rank + f
}

func cleanOrgName(v string) string {
	v = clean(v)
	switch v {
	case "", "None", "null", "[No code found.]":
		return ""
	}
	v = strings.TrimPrefix(v, "The ")
	for _, w := range []string{" of", " the", " and", " for", " in"} {
		if strings.HasSuffix(v, w) {
			return "" // cut short in the source
		}
	}
	return v
}

// looksAcronym: one word with two capitals or more ("CARICOM", "AfricaRice"), not "Euratom".
func looksAcronym(v string) bool {
	if strings.Contains(v, " ") {
		return false
	}
	upper := 0
	for _, r := range v {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

// looksLikeName tells a full name put in an abbreviation field ("Organization of the Petroleum
// Exporting Countries") from an abbreviation ("NATO", "EuroHPC JU", "International IDEA").
func looksLikeName(v string) bool {
	words := strings.Fields(v)
	if len(words) >= 4 {
		return true
	}
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if looksAcronym(w) {
			return false
		}
	}
	return true
}

func orgsTSV(os []*org) [][]string {
	rows := [][]string{
		{"# International organisations, derived by extract/gazetteer/gen from the SupraVerden list"},
		{"# (general_list.yaml, https://github.com/confirmordeny/supraverden), CC BY-SA 4.0."},
		{"# Do not edit: add to organisations_extra.tsv instead."},
		{"id", "name", "aliases", "abbrevs", "wikidata", "headquarters", "country"},
	}
	for _, o := range os {
		rows = append(rows, []string{o.ID, o.Name, join(o.Aliases), join(o.Abbrevs), o.Wikidata, o.HQ, o.HQC})
	}
	return rows
}

// ---------------------------------------------------------------------------------------------
// Cities

type city struct {
	ID, Name, ASCII string
	Aliases         []string
	ISO2            string
	Population      int
	GeonameID       int
	Lat, Lon        string
	Feature         string
	Ambiguous       bool
	slugBase        string // the name the id is made from
	alts            []string
}

// minPopulation: cities this big are kept; so are national capitals (PPLC), seats of first-order
// divisions (PPLA) and the capitals countries.json names.
const minPopulation = 100000

func readCities(path string, countries []*country, reserved map[string]bool) ([]*city, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var f io.ReadCloser
	for _, zf := range zr.File {
		if zf.Name == "cities15000.txt" {
			f, err = zf.Open()
			if err != nil {
				return nil, err
			}
		}
	}
	if f == nil {
		return nil, fmt.Errorf("%s: no cities15000.txt", path)
	}
	defer f.Close()

	var all []*city
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 19 {
			return nil, fmt.Errorf("%s: line with %d fields", path, len(fs))
		}
		switch fs[7] {
		case "PPLH", "PPLQ", "PPLW": // historical, abandoned, destroyed
			continue
		}
		id, err := strconv.Atoi(fs[0])
		if err != nil {
			return nil, fmt.Errorf("%s: geonameid %q", path, fs[0])
		}
		pop, _ := strconv.Atoi(fs[14])
		c := &city{Name: clean(fs[1]), ASCII: clean(fs[2]), ISO2: fs[8], Population: pop,
			GeonameID: id, Lat: fs[4], Lon: fs[5], Feature: fs[7]}
		if fs[3] != "" {
			c.alts = strings.Split(fs[3], ",")
		}
		all = append(all, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}

	// The capital each country names, found by its name in that country.
	capitalOf := map[*city]*country{}
	byISO := map[string][]*city{}
	for _, c := range all {
		byISO[c.ISO2] = append(byISO[c.ISO2], c)
	}
	for _, co := range countries {
		if co.Capital == "" {
			continue
		}
		want := key(co.Capital)
		var best *city
		for _, c := range byISO[co.ISO2] {
			if !c.hasName(want) {
				continue
			}
			if best == nil || (c.Feature == "PPLC") != (best.Feature == "PPLC") && c.Feature == "PPLC" ||
				(c.Feature == "PPLC") == (best.Feature == "PPLC") && c.Population > best.Population {
				best = c
			}
		}
		if best != nil {
			capitalOf[best] = co
		}
	}

	ambiguous := ambiguousNames()

	var kept []*city
	for _, c := range all {
		co := capitalOf[c]
		if c.Population < minPopulation && c.Feature != "PPLC" && c.Feature != "PPLA" && co == nil {
			continue
		}
		// A name in a non-Latin-1 script form ("Kandahār", "Sumqayıt", "İzmir") is shown in its
		// ASCII form, which is what English text writes; the original stays an alias.
		var names nameList
		if !latin1(c.Name) && c.ASCII != "" {
			names.add(c.Name)
			c.Name = c.ASCII
		}
		names.skip(c.Name)
		base := c.Name // "Washington" for "Washington, D.C.": an alias, the id, the ambiguity key
		if i := strings.Index(c.Name, ", "); i > 0 {
			base = c.Name[:i]
			names.add(base)
		}
		names.add(c.ASCII)
		names.add(foldASCII(c.Name))
		if strings.HasPrefix(c.Name, "The ") {
			names.add("the " + c.Name[4:])
		}
		if co != nil {
			names.add(co.Capital)
			names.add(foldASCII(co.Capital))
		}
		for _, n := range names.list {
			if !reserved[n] {
				c.Aliases = append(c.Aliases, n)
			}
		}
		c.Ambiguous = ambiguous[base] || ambiguous[c.Name] || reserved[base] || reserved[c.Name] ||
			c.Population < minPopulation && letters(base) <= 3 // "Ho", "Bo", "Sur"
		c.slugBase = base
		kept = append(kept, c)
	}

	// Ids: the slug of the name; a less populous namesake gets its country code, then its
	// GeoNames id.
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].Population != kept[j].Population {
			return kept[i].Population > kept[j].Population
		}
		return kept[i].GeonameID < kept[j].GeonameID
	})
	taken := map[string]bool{}
	for _, c := range kept {
		s := slug(c.slugBase)
		if taken[s] {
			s += "-" + strings.ToLower(c.ISO2)
		}
		if taken[s] {
			s += "-" + strconv.Itoa(c.GeonameID)
		}
		taken[s] = true
		c.ID = s
		if co := capitalOf[c]; co != nil {
			co.CapitalID = s
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
	return kept, nil
}

// hasName: the city is called want (a key()) by its name, ASCII name or an alternate name.
func (c *city) hasName(want string) bool {
	if key(c.Name) == want || key(c.ASCII) == want {
		return true
	}
	for _, a := range c.alts {
		if key(a) == want {
			return true
		}
	}
	return false
}

func citiesTSV(cs []*city) [][]string {
	rows := [][]string{
		{"# Cities, derived by extract/gazetteer/gen from GeoNames (cities15000.zip, https://www.geonames.org/),"},
		{"# Creative Commons Attribution 4.0 (CC BY 4.0). Do not edit: add to cities_extra.tsv instead."},
		{"id", "name", "asciiname", "aliases", "iso2", "population", "geonameid", "lat", "lon", "feature", "ambiguous"},
	}
	for _, c := range cs {
		amb := ""
		if c.Ambiguous {
			amb = "1"
		}
		rows = append(rows, []string{c.ID, c.Name, c.ASCII, join(c.Aliases), c.ISO2,
			strconv.Itoa(c.Population), strconv.Itoa(c.GeonameID), c.Lat, c.Lon, c.Feature, amb})
	}
	return rows
}

// ---------------------------------------------------------------------------------------------
// Regions

// region is a first-level division of a country (a state, province, oblast...), as world-cities
// names the "subcountry" of its cities.
type region struct {
	ID, Name string
	Aliases  []string
	ISO2     string
}

// regionSuffixes and regionPrefixes are the administrative words around a region's own name:
// "Samara Oblast" is also "Samara", "State of Vienna" also "Vienna".
var (
	regionSuffixes = []string{" Oblast", " Department", " County", " District", " Province", " Region",
		" Governorate", " Prefecture", " Voivodeship", " Krai", " Municipality", " Division", " Parish", " State"}
	regionPrefixes = []string{"State of ", "Province of ", "Region of ", "Departamento de "}
	// Words that name a region only inside its country's news ("Centre", "North").
	regionWords = setOf("Centre", "Center", "Central", "North", "South", "East", "West", "Northern",
		"Southern", "Eastern", "Western", "Capital", "Coast", "Lakes", "Islands", "Upper", "Lower",
		"Middle", "Interior", "Border", "Delta", "Highlands", "Lowlands", "Plateau", "Littoral",
		"Maritime", "Sea", "River", "Mountain", "Valley", "Island", "Federal", "National", "Oriental",
		"Occidental", "Savanes", "Plateaux", "Collines")
)

// readRegions reads the subcountries of world-cities.csv (joined to the kept cities by GeoNames
// id for their country) and keeps the names that say one thing: not a country's or
// organisation's name, not a city's name, not two regions' name, not a plain word.
func readRegions(path string, cities []*city, reserved map[string]bool) ([]*region, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	iso := map[int]string{}
	cityNames := map[string]bool{}
	for _, c := range cities {
		iso[c.GeonameID] = c.ISO2
		cityNames[c.Name] = true
		cityNames[c.slugBase] = true
		for _, a := range c.Aliases {
			cityNames[a] = true
		}
	}
	ambiguous := ambiguousNames()
	countriesOf := map[string]map[string]bool{} // name -> ISO2 codes of the regions it names
	var all []*region
	seen := map[string]bool{}
	for i, r := range rows {
		if i == 0 || len(r) < 4 {
			continue
		}
		id, err := strconv.Atoi(r[3])
		if err != nil {
			continue
		}
		name, cc := clean(r[2]), iso[id]
		if cc == "" || name == "" || name == "N/A" || seen[cc+"\t"+name] {
			continue
		}
		seen[cc+"\t"+name] = true
		reg := &region{Name: name, ISO2: cc}
		short := name
		for _, p := range regionPrefixes {
			short = strings.TrimPrefix(short, p)
		}
		for _, suf := range regionSuffixes {
			short = strings.TrimSuffix(short, suf)
		}
		if short != name && letters(short) >= 4 {
			reg.Aliases = append(reg.Aliases, short)
		}
		if a := foldASCII(name); a != name {
			reg.Aliases = append(reg.Aliases, a)
		}
		for _, n := range append([]string{name}, reg.Aliases...) {
			if countriesOf[n] == nil {
				countriesOf[n] = map[string]bool{}
			}
			countriesOf[n][cc] = true
		}
		all = append(all, reg)
	}
	bad := func(n string) bool {
		return reserved[n] || cityNames[n] || ambiguous[n] || regionWords[n] || len(countriesOf[n]) > 1 ||
			letters(n) < 4 || !latin1(n)
	}
	var kept []*region
	taken := map[string]bool{}
	for _, reg := range all {
		if bad(reg.Name) {
			continue
		}
		var aliases []string
		for _, a := range reg.Aliases {
			if !bad(a) {
				aliases = append(aliases, a)
			}
		}
		reg.Aliases = aliases
		reg.ID = slug(reg.Name)
		if taken[reg.ID] {
			continue
		}
		taken[reg.ID] = true
		kept = append(kept, reg)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].ID < kept[j].ID })
	return kept, nil
}

// ambiguousNames are the names of gen/ambiguous_cities.txt.
func ambiguousNames() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(ambiguousCitiesTxt, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out[line] = true
		}
	}
	return out
}

func regionsTSV(rs []*region) [][]string {
	rows := [][]string{
		{"# Regions (states, provinces...), derived by extract/gazetteer/gen from the subcountry names of"},
		{"# world-cities.csv (datahub.io/core/world-cities, from GeoNames, CC BY 4.0). Do not edit."},
		{"id", "name", "aliases", "iso2"},
	}
	for _, r := range rs {
		rows = append(rows, []string{r.ID, r.Name, join(r.Aliases), r.ISO2})
	}
	return rows
}

// ---------------------------------------------------------------------------------------------
// Hand-written files: their names are reserved.

func handWrittenNames(dir string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, name := range []string{"countries_extra.tsv", "organisations_extra.tsv", "titles.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var header []string
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			fs := strings.Split(line, "\t")
			if header == nil {
				header = fs
				continue
			}
			for i, f := range fs {
				if i >= len(header) {
					break
				}
				switch header[i] {
				case "name", "official", "aliases", "abbrevs", "demonyms":
					for _, v := range strings.Split(f, "|") {
						if v = clean(v); v != "" {
							out[v] = true
						}
					}
				}
			}
		}
	}
	return out, nil
}

// ---------------------------------------------------------------------------------------------
// Helpers

func writeFile(path string, gz bool, rows [][]string) error {
	var buf bytes.Buffer
	for _, r := range rows {
		for i, f := range r {
			if strings.ContainsAny(f, "\t\n\r") {
				return fmt.Errorf("%s: field %q holds a tab or a line break", path, f)
			}
			if i > 0 {
				buf.WriteByte('\t')
			}
			buf.WriteString(f)
		}
		buf.WriteByte('\n')
	}
	data := buf.Bytes()
	if gz {
		var zbuf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&zbuf, gzip.BestCompression)
		if err != nil {
			return err
		}
		if _, err := zw.Write(data); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		data = zbuf.Bytes()
	}
	return os.WriteFile(path, data, 0o644)
}

// nameList collects distinct names in order.
type nameList struct {
	seen map[string]bool
	list []string
}

func (l *nameList) skip(s string) {
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	l.seen[s] = true
}

func (l *nameList) add(s string) {
	if s == "" || l.seen[s] {
		return
	}
	if strings.Contains(s, "|") {
		return // the list separator
	}
	l.skip(s)
	l.list = append(l.list, s)
}

func setOf(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func appendNew(xs []string, s string) []string {
	if s == "" || contains(xs, s) {
		return xs
	}
	return append(xs, s)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func remove(xs []string, s string) []string {
	out := xs[:0]
	for _, x := range xs {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func join(xs []string) string { return strings.Join(xs, "|") }

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// clean trims a name and collapses its white space.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func latin1(s string) bool {
	for _, r := range s {
		if r > 0xFF && r != '’' && r != '‘' {
			return false
		}
	}
	return true
}

var foldSpecial = map[rune]string{
	'ø': "o", 'Ø': "O", 'ł': "l", 'Ł': "L", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE",
	'ß': "ss", 'đ': "d", 'Đ': "D", 'ı': "i", 'þ': "th", 'Þ': "Th", 'ð': "d", 'Ð': "D",
	'ʻ': "'", 'ʼ': "'", '‘': "'", '’': "'", 'ʾ': "'", 'ʿ': "'",
	'‐': "-", '‑': "-", '–': "-", '—': "-",
}

// foldASCII strips diacritics ("Côte d'Ivoire" → "Cote d'Ivoire"); it returns "" when the
// result is not plain ASCII, so that no half-folded name is made.
func foldASCII(s string) string {
	return fold(s, false)
}

// fold strips diacritics; a character with no ASCII form makes it return "", or is dropped when
// loose is set.
func fold(s string, loose bool) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := foldSpecial[r]; ok {
			b.WriteString(rep)
			continue
		}
		if r >= utf8.RuneSelf {
			if loose {
				b.WriteByte(' ')
				continue
			}
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}

// slug: lower-case ASCII words joined by hyphens ("Côte d'Ivoire" → "cote-divoire").
func slug(s string) string {
	f := fold(s, true)
	f = strings.ToLower(strings.NewReplacer("'", "", "&", " and ").Replace(f))
	var b strings.Builder
	dash := false
	for _, r := range f {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// key compares place names loosely: folded, lower case, letters and digits only.
func key(s string) string {
	f := fold(s, true)
	var b strings.Builder
	for _, r := range strings.ToLower(f) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
