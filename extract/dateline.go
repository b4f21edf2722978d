package extract

// DatelineReader reads the dateline that opens a wire story — "BAKU, Azerbaijan, January 22."
// or "LONDON (Reuters) -" — for the place and date the story was filed from.
type DatelineReader struct{}

// Process sets d.Dateline when the first sentence opens with a place.
func (DatelineReader) Process(d *Document) {
	if len(d.Sentences) == 0 {
		return
	}
	s := d.Sentences[0]
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
		return
	}
	// The place must be followed by a comma, a bracket or a dash: a dateline, not a sentence.
	i := d.TokenAt(place.End)
	if i >= s.Last {
		return
	}
	if t := d.Tokens[i].Text; t != "," && t != "(" && t != "-" && t != "—" && t != "–" {
		return
	}
	dl := &Dateline{Place: place.Entity.ID, Span: Span{s.Start, s.End}}
	if date != nil {
		dl.Date = date.Value
		if d.Ref == "" && len(date.Value) == 10 && date.Value[0] != '-' {
			d.Ref = date.Value
		}
	}
	d.Dateline = dl
}
