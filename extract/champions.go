package extract

import "strings"

// A champion won what they are champion of: "Australian Open champion Amelie Mauresmo",
// "Douchevina was the 2002 junior champion at Wimbledon", "the Nobel Peace Prize laureate".

// championNouns name whoever won a competition or a prize.
var championNouns = setOf("champion", "champions", "winner", "winners", "titleholder",
	"laureate", "medalist", "medallist", "victor")

// prizeWords end the name of a prize or a competition that something else may be typed as.
var prizeWords = setOf("Prize", "Award", "Cup", "Trophy", "Open", "Championship", "Championships",
	"Medal", "Games", "Olympics", "Classic", "Masters", "Tournament", "League")

// treeChampions adds won for the champions of the sentence.
func (r *relater) treeChampions(t *treeSent) {
	for k := r.s.First; k < r.s.Last; k++ {
		if !championNouns[strings.ToLower(r.tok(k))] {
			continue
		}
		if w := strings.ToLower(r.tok(k)); w == "winner" || w == "victor" {
			// "Switzerland was a 7-5 winner over Canada"
			for _, c := range t.children(k) {
				if t.rel(c) == "nmod" && t.caseOf(c) == "over" {
					if loser, holder := t.argOf(c), t.championOf(k); loser != nil && holder != nil {
						r.addTree(t, holder, "beat", loser, 0.7, k)
					}
				}
			}
		}
		comp := t.competitionOf(k)
		if comp == nil {
			continue
		}
		if holder := t.championOf(k); holder != nil && holder.Entity != comp.Entity {
			if rel := r.addTree(t, holder, "won", comp, 0.7, k); rel != nil {
				rel.Modality = "" // "defending champion": won, not about to
			}
		}
	}
}

// competitionOf: what the champion noun at k names: "Australian Open champion", "champion at
// Wimbledon", "winner of the Nobel Peace Prize".
func (t *treeSent) competitionOf(k int) *Found {
	r := t.r
	for _, c := range t.children(k) {
		switch t.rel(c) {
		case "compound", "amod", "flat":
		case "nmod":
			if cs := t.caseOf(c); cs != "at" && cs != "of" && cs != "in" {
				continue
			}
		default:
			continue
		}
		f := r.mention(c)
		if f == nil || f.Entity == nil {
			continue
		}
		words := strings.Fields(f.Name)
		if f.Type == Event || f.Type != Person && f.Type != Country && len(words) > 0 && prizeWords[words[len(words)-1]] ||
			f.Type == Place && t.caseOf(c) == "at" {
			return f // "at Wimbledon": a venue the tournament is named by
		}
	}
	return nil
}

// championOf: who the champion noun at k describes: the name it is a title of ("champion Amelie
// Mauresmo"), the subject it is predicated of ("X was the champion"), or the name it stands in
// apposition to ("Brazil, the defending champion").
func (t *treeSent) championOf(k int) *Found {
	r := t.r
	isHolder := func(f *Found) bool {
		return f != nil && f.Entity != nil && (f.Type == Person || f.Type == Organization || f.Type == Country)
	}
	switch t.rel(k) {
	case "nmod:desc", "compound", "appos":
		if h := t.head(k); h >= 0 {
			if f := t.argOf(h); isHolder(f) {
				return f
			}
		}
	}
	if s := t.child(k, "nsubj"); s >= 0 && t.child(k, "cop") >= 0 {
		if f := t.argOf(s); isHolder(f) {
			return f
		}
	}
	for _, c := range t.children(k) {
		if rc := t.rel(c); rc == "appos" || rc == "flat" || rc == "flat:name" {
			if f := r.mention(c); isHolder(f) {
				return f
			}
		}
	}
	// "Defending World Cup football champion Brazil has defeated Croatia" with the name read
	// as the next clause's subject: the name right after the title noun is its holder
	if f := r.mention(k + 1); isHolder(f) && r.mentionStart(k+1) == k+1 && r.mention(k) == nil {
		return f
	}
	return nil
}
