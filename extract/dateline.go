package extract

import (
	"strings"
	"unicode"
)

// DatelineReader reads the dateline that opens a wire story — "BAKU, Azerbaijan, January 22."
// or "LONDON (Reuters) -" — for the place and date the story was filed from.
type DatelineReader struct{}

// datelineSentences: a dateline may follow a headline or two ("SOCCER - DUTCH RESULTS." then
// "AMSTERDAM 1996-08-30").
const datelineSentences = 3

// Process sets d.Dateline when one of the first sentences opens with a place in a dateline's
// form: the place followed by a comma, a bracket or a dash (in the first sentence; in a later
// one only when written in capitals, as wires write it), or the place and an ISO date alone.
func (DatelineReader) Process(d *Document) {
	for si := 0; si < len(d.Sentences) && si < datelineSentences; si++ {
		if dl := datelineIn(d, si); dl != nil {
			d.Dateline = dl
			return
		}
	}
}

func datelineIn(d *Document, si int) *Dateline {
	s := d.Sentences[si]
	var place, date *Found
	for _, f := range d.Mentions {
		if f.Start < s.Start || f.End > s.End || f.Entity == nil {
			continue
		}
		switch {
		case place == nil && (f.Type == City || f.Type == Country || f.Type == Place) && f.Start == s.Start:
			place = f
		case date == nil && f.Type == Date && place != nil:
			date = f
		}
	}
	if place == nil {
		return nil
	}
	i := d.TokenAt(place.End)
	if i >= s.Last {
		return nil
	}
	dl := &Dateline{Place: place.Entity.ID, Span: Span{s.Start, s.End}}
	if iso, ok := parseISODate(d.Tokens[i].Text); ok && strings.Count(d.Tokens[i].Text, "-") == 2 && onlyPunctuationAfter(d, i+1, s.Last) {
		dl.Date = iso // "LONDON 1996-12-06"
	} else {
		// The place must be followed by a comma, a bracket or a dash: a dateline, not a sentence.
		if t := d.Tokens[i].Text; t != "," && t != "(" && t != "-" && t != "—" && t != "–" {
			return nil
		}
		if si > 0 && !isAllCaps(d.Text[place.Start:place.End]) {
			return nil
		}
		if date != nil {
			dl.Date = date.Value
		}
	}
	if d.Ref == "" && len(dl.Date) == 10 && dl.Date[0] != '-' {
		d.Ref = dl.Date
	}
	return dl
}

func onlyPunctuationAfter(d *Document, from, to int) bool {
	for k := from; k < to; k++ {
		for _, r := range d.Tokens[k].Text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}
