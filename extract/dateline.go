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
		for k := i; k < s.Last && dl.Date == ""; k++ {
			if iso, ok := parseISODate(d.Tokens[k].Text); ok && strings.Count(d.Tokens[k].Text, "-") == 2 {
				dl.Date = iso // "VAL D'ISERE, France 1996-12-07"
			}
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

// datelinePlaces: a dateline's place in capitals that the gazetteer does not know ("VAL
// D'ISERE, France 1996-12-07") is still a place, whatever the tagger made of it.
func datelinePlaces(d *Document) {
	for si := 0; si < len(d.Sentences) && si < datelineSentences; si++ {
		s := d.Sentences[si]
		e := s.First
		for e < s.Last && isAllCaps(d.Tokens[e].Text) && isNameWord(d.Tokens[e].Text) {
			e++
		}
		if e == s.First || e+1 >= s.Last || d.Tokens[e].Text != "," {
			continue
		}
		// then a country or region, or a date: "BAKU, Azerbaijan, January 22", "X, France 1996-12-07"
		after := false
		for _, f := range d.Mentions {
			if f.Start == d.Tokens[e+1].Start && (f.Type == Country || f.Type == Place || f.Type == City || f.Type == Date) {
				after = true
			}
		}
		if !after {
			continue
		}
		sp := Span{d.Tokens[s.First].Start, d.Tokens[e-1].End}
		kept := d.Mentions[:0]
		var same *Found
		for _, f := range d.Mentions {
			if f.Start >= sp.Start && f.End <= sp.End {
				if f.Start == sp.Start && f.End == sp.End && f.Gaz != nil {
					same = f
				} else {
					continue
				}
			}
			kept = append(kept, f)
		}
		d.Mentions = kept
		if same == nil {
			d.Mentions = append(d.Mentions, &Found{Span: sp, Kind: KindName, Type: Place, Name: titleWords(d.Text[sp.Start:sp.End]), Context: sp, Cued: true})
		}
		return
	}
}

// titleWords writes a name given in capitals as names are written: "VAL D'ISERE" -> "Val D'isere".
func titleWords(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}
