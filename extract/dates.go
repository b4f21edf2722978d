package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dates finds dates and normalizes them to ISO 8601 ("1994-05-04", "1992-03", "1997"), reading
// relative ones ("on Tuesday", "last November", "yesterday") against the article's date when it
// is known, and leaving them partial ("--01-22") when it is not.
type Dates struct{}

var months = map[string]int{
	"January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
	"August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
	"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Jun.": 6, "Jul.": 7, "Aug.": 8, "Sep.": 9,
	"Sept.": 9, "Oct.": 10, "Nov.": 11, "Dec.": 12,
}

var weekdays = map[string]time.Weekday{
	"Sunday": time.Sunday, "Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday,
}

// yearContext: words after which a bare four-digit number is a year.
var yearContext = setOf("in", "since", "until", "till", "by", "from", "of", "during", "to",
	"early", "late", "mid", "before", "after", "(", ",", "between", "and", "through", "throughout")

// Process adds a Found of type Date for every date expression.
func (Dates) Process(d *Document) {
	toks := d.Tokens
	for i := 0; i < len(toks); i++ {
		f, next := d.dateAt(i)
		if f != nil {
			d.Mentions = append(d.Mentions, f)
			i = next - 1
		}
	}
	// The dateline gives the reference date when the article has none of its own.
}

// dateAt reads a date expression starting at token i; next is the token after it.
func (d *Document) dateAt(i int) (f *Found, next int) {
	toks := d.Tokens
	tok := func(k int) string {
		if k >= 0 && k < len(toks) {
			return toks[k].Text
		}
		return ""
	}
	mk := func(first, last int, value string) (*Found, int) {
		sp := Span{toks[first].Start, toks[last-1].End}
		return &Found{Span: sp, Kind: KindName, Type: Date, Name: value, Value: value, Context: sp}, last
	}
	w := tok(i)
	if m, ok := months[w]; ok && w != "May" || (w == "May" && (isDayNumber(tok(i+1)) || isYear(tok(i+1)))) {
		if !ok {
			m = 5
		}
		// Month Day[, Year]
		if day, ok := dayNumber(tok(i + 1)); ok {
			if tok(i+2) == "," && isYear(tok(i+3)) {
				y, _ := strconv.Atoi(tok(i + 3))
				return mk(i, i+4, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
			}
			if isYear(tok(i + 2)) {
				y, _ := strconv.Atoi(tok(i + 2))
				return mk(i, i+3, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
			}
			return mk(i, i+2, d.completeMonthDay(m, day))
		}
		// Month Year
		if isYear(tok(i + 1)) {
			y, _ := strconv.Atoi(tok(i + 1))
			return mk(i, i+2, fmt.Sprintf("%04d-%02d", y, m))
		}
		// last/next Month
		if p := strings.ToLower(tok(i - 1)); p == "last" || p == "next" || p == "this" {
			f, n := mk(i-1, i+1, d.relativeMonth(p, m))
			if f.Value == "" {
				return nil, i + 1
			}
			return f, n
		}
		if ok && w != "May" && w != "March" {
			return mk(i, i+1, fmt.Sprintf("--%02d", m))
		}
		return nil, i + 1
	}
	// Day Month [Year]
	if day, ok := dayNumber(w); ok {
		if m, ok := months[tok(i+1)]; ok {
			if isYear(tok(i + 2)) {
				y, _ := strconv.Atoi(tok(i + 2))
				return mk(i, i+3, fmt.Sprintf("%04d-%02d-%02d", y, m, day))
			}
			return mk(i, i+2, d.completeMonthDay(m, day))
		}
	}
	if isYear(w) && (yearContext[strings.ToLower(tok(i-1))] || isPunct(tok(i+1))) {
		return mk(i, i+1, w)
	}
	if wd, ok := weekdays[w]; ok && d.Ref != "" && len(d.Ref) == 10 {
		ref, _ := time.Parse("2006-01-02", d.Ref)
		back := (int(ref.Weekday()) - int(wd) + 7) % 7
		return mk(i, i+1, ref.AddDate(0, 0, -back).Format("2006-01-02"))
	}
	if off, ok := relativeDays[strings.ToLower(w)]; ok && len(d.Ref) == 10 {
		ref, _ := time.Parse("2006-01-02", d.Ref)
		return mk(i, i+1, ref.AddDate(0, 0, off).Format("2006-01-02"))
	}
	return nil, i + 1
}

var relativeDays = map[string]int{"yesterday": -1, "today": 0, "tomorrow": 1}

func (d *Document) completeMonthDay(m, day int) string {
	if d.Year > 0 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, m, day)
	}
	return fmt.Sprintf("--%02d-%02d", m, day)
}

// relativeMonth reads "last November" against the reference date.
func (d *Document) relativeMonth(which string, m int) string {
	if len(d.Ref) < 7 {
		return fmt.Sprintf("--%02d", m)
	}
	y := d.Year
	refMonth, _ := strconv.Atoi(d.Ref[5:7])
	switch which {
	case "last":
		if m >= refMonth {
			y--
		}
	case "next":
		if m <= refMonth {
			y++
		}
	}
	return fmt.Sprintf("%04d-%02d", y, m)
}

func isPunct(t string) bool { return t == "." || t == "," || t == ";" || t == ":" || t == ")" }

func isYear(t string) bool {
	if len(t) != 4 {
		return false
	}
	y, err := strconv.Atoi(t)
	return err == nil && y >= 1800 && y <= 2100
}

func isDayNumber(t string) bool { _, ok := dayNumber(t); return ok }

func dayNumber(t string) (int, bool) {
	t = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(t, "st"), "nd"), "rd"), "th")
	if len(t) == 0 || len(t) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(t)
	return n, err == nil && n >= 1 && n <= 31
}

// parseISODate accepts the forms a publication date arrives in and returns YYYY-MM-DD.
func parseISODate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123, "January 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

func yearOf(iso string) int {
	if len(iso) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(iso[:4])
	return y
}
