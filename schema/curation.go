package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/store/textkey"
)

// curation adds the quads that keep a growing graph right and searchable, all labelled with the
// article like the rest (an entity's name keys, "jeyhun bayramov", "bayramov", "jeyhun", are
// not among them: the lookups derive them from its names, textkey.EntityKeys, and the card
// index keeps them; databases written before kept them as ng:nameKey quads):
//   - (not the article's MinHash signature and LSH bands, from which the store recognises
//     wire copies: the store derives them from the text, schema:articleBody, which the quads
//     keep, textkey.FingerprintOf; WithoutText writes them as quads when it drops the text);
//   - one Role node per position the article reports (see roleQuads).
func (b *builder) curation(a extract.Article, x extract.Extraction, art quad.IRI) {
	date := ArticleDate(x)
	for _, e := range x.Entities {
		for _, p := range e.Roles {
			b.role(a, art, date, e, p)
		}
	}
}

// RoleIRI is the node of a position: one per holder, title (compared as a name key) and
// organisation or country, shared by every article that reports it.
func RoleIRI(holder, title, of string) quad.IRI {
	h := sha256.Sum256([]byte(holder + "\x00" + textkey.NameKey(title) + "\x00" + of))
	return quad.IRI("ng:role/" + hex.EncodeToString(h[:])[:24])
}

// role writes what one article says of a position:
//
//	<ng:role/H> rdf:type ng:Role; ng:holder <person>; schema:roleName "Foreign Minister";
//	            ng:of <country/azerbaijan>; ng:evidence "..."; ng:article <article>;
//	            ng:seen "2019-05-03"             (the article's date, when it reports it as current)
//	            ng:former "true"; ng:endedBy "…"  (when it calls it former or late)
//	            schema:startDate / schema:endDate (when the text says so: see statedDates)
//
// First and last seen are the smallest and largest ng:seen over all articles, so "who held
// it in 2019" is a query over the role nodes (README, "Curating the graph").
func (b *builder) role(a extract.Article, art quad.IRI, date string, e extract.Entity, p extract.Position) {
	if p.Title == "" {
		return
	}
	r := RoleIRI(e.ID, p.Title, p.Of)
	b.add(r, must("type"), must("Role"))
	b.add(r, must("holder"), EntityIRI(e.ID))
	b.add(r, must("roleName"), quad.String(p.Title))
	if p.Of != "" {
		b.add(r, must("of"), EntityIRI(p.Of))
	}
	if p.Former {
		b.add(r, must("former"), quad.String("true"))
		if date != "" {
			b.add(r, must("endedBy"), quad.String(date))
		}
	} else if date != "" {
		b.add(r, must("seen"), quad.String(date))
	}
	ev := p.Evidence
	if ev.End > ev.Start && ev.Start >= 0 && ev.End <= len(a.Text) {
		b.add(r, must("evidence"), quad.String(a.Text[ev.Start:ev.End]))
		start, end := statedDates(a.Text, ev, e, date)
		if start != "" {
			b.add(r, must("startDate"), quad.String(start))
		}
		if end != "" {
			b.add(r, must("endDate"), quad.String(end))
		}
	}
	b.add(r, must("article"), art)
}

const monthNames = `(?:January|February|March|April|May|June|July|August|September|October|November|December)`

var (
	reNewly = regexp.MustCompile(`(?i)\b(?:newly[- ](?:appointed|elected|named|installed)|new|incoming)\s+$`)
	reSince = regexp.MustCompile(`\b(?:since)\s+(` + monthNames + `\s+)?((?:19|20)\d\d)\b`)
	reUntil = regexp.MustCompile(`\b(?:until|till)\s+(` + monthNames + `\s+)?((?:19|20)\d\d)\b`)
	reSpan  = regexp.MustCompile(`\b((?:19|20)\d\d)\s*(?:-|–|—|to)\s*((?:19|20)\d\d)\b`)
)

// statedDates finds a start or end the text gives for a person's position, in the few words
// around the person's mention in the evidence sentence: "newly appointed Foreign Minister X"
// (start: the article's date), "X, foreign minister since 2018", "until 2019", "(2012-2019)".
// The extractor does not give these yet; this is a deliberately narrow reading.
func statedDates(text string, ev extract.Span, e extract.Entity, date string) (start, end string) {
	for _, m := range e.Mentions {
		if m.Start < ev.Start || m.End > ev.End || (m.Kind != extract.KindName && m.Kind != extract.KindDescription) {
			continue
		}
		// The description ("Azerbaijan's newly appointed Foreign Minister Jeyhun Bayramov")
		// and what follows the name up to the next clause.
		from := max(ev.Start, m.Start-40)
		to := min(ev.End, m.End+60)
		if i := strings.IndexAny(text[m.End:to], ";"); i >= 0 {
			to = m.End + i
		}
		before, after := text[from:m.Start], text[m.End:to]
		desc := text[m.Start:m.End]
		if m.Kind == extract.KindDescription {
			before = desc[:max(0, strings.Index(desc, e.Name))]
		}
		if start == "" && date != "" && reNewly.MatchString(lastWords(before, 4)) {
			start = date
		}
		for _, part := range []string{before, after} {
			if mm := reSpan.FindStringSubmatch(part); mm != nil {
				if start == "" {
					start = mm[1]
				}
				if end == "" {
					end = mm[2]
				}
			}
			if mm := reSince.FindStringSubmatch(part); mm != nil && start == "" {
				start = yearMonth(mm[2], mm[1])
			}
			if mm := reUntil.FindStringSubmatch(part); mm != nil && end == "" {
				end = yearMonth(mm[2], mm[1])
			}
		}
	}
	return start, end
}

// lastWords returns s from the start of its n-th word from the end, keeping a title that
// follows ("newly appointed Foreign Minister " -> checked up to the title's first word).
func lastWords(s string, n int) string {
	f := strings.Fields(s)
	// drop the title words at the end: keep what precedes the first capitalised run
	i := len(f)
	for i > 0 && f[i-1] != "" && strings.ToUpper(f[i-1][:1]) == f[i-1][:1] {
		i--
	}
	f = f[:i]
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ") + " "
}

func yearMonth(year, month string) string {
	month = strings.TrimSpace(month)
	if month == "" {
		return year
	}
	t, err := time.Parse("January 2006", month+" "+year)
	if err != nil {
		return year
	}
	return t.Format("2006-01")
}

// ArticleDate is the article's date as an ISO 8601 date (or year-month, or year): its
// publication date, else its dateline's when that has a year; "" when neither is known.
func ArticleDate(x extract.Extraction) string {
	if d := isoDate(x.Published); d != "" {
		return d
	}
	if x.Dateline != nil {
		return isoDate(x.Dateline.Date)
	}
	return ""
}

var reISO = regexp.MustCompile(`^(\d{4})(-\d\d)?(-\d\d)?`)

func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if m := reISO.FindString(s); m != "" {
		return m
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC850, time.ANSIC,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006", "January 2, 2006", "Jan 2, 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}
