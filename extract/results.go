package extract

import "strings"

// Sports results as wires list them: "Utrecht 2 Fortuna Sittard 1, Ajax Amsterdam 3 Vitesse
// Arnhem 0" (two sides, each with its score) and standings ("Barnsley 4 3 1 0 10 3 10": a side
// and a row of numbers). A name in such a slot is a side: a club named after its town is the
// club, not the town, and a club the tagger missed ("Fortuna Sittard") is still a name. A row
// whose name begins with a given name ("Nick Faldo 70 68 69 207") is a player.

// sportsResults types and adds the sides named in results and standings.
func sportsResults(d *Document) {
	var sides [][2]int // token ranges [first, end)
	var pairs [][2]int
	rows := 0
	for _, s := range d.Sentences {
		ps, ss := resultSides(d, s)
		pairs = append(pairs, ps...)
		rows += len(ss) - 2*len(ps)
		sides = append(sides, ss...)
	}
	// One pair or row alone may be anything ("Article 5 Section 2"); a list of them is results.
	if len(pairs) < 2 && rows < 2 {
		return
	}
	d.Results = pairs
	for _, sd := range sides {
		markSide(d, sd[0], sd[1])
	}
}

// resultSides finds the sides of one sentence: its result pairs (their score tokens) and the
// sides' token ranges.
func resultSides(d *Document, s Sentence) (pairs [][2]int, sides [][2]int) {
	toks := d.Tokens
	score := func(k int) bool { return k < s.Last && len(toks[k].Text) <= 3 && isDigits(toks[k].Text) }
	// run: the capitalised words from k, ending before a score
	run := func(k int) int {
		e := k
		for e < s.Last && (isCapitalized(toks[e].Text) && !isDigits(toks[e].Text) || e > k && (toks[e].Text == "&" || toks[e].Text == "." || nameParticles[toks[e].Text])) {
			e++
		}
		if e == k || !isCapitalized(toks[e-1].Text) {
			return k
		}
		return e
	}
	boundary := func(k int) bool {
		if k <= s.First {
			return true
		}
		switch toks[k-1].Text {
		case ",", ";", ":", ")", "-", "--":
			return true
		}
		return score(k-1) || isDigits(strings.ReplaceAll(toks[k-1].Text, "-", ""))
	}
	for k := s.First; k < s.Last; k++ {
		if !boundary(k) || !isCapitalized(toks[k].Text) {
			continue
		}
		e1 := run(k)
		if e1 == k || !score(e1) {
			continue
		}
		e2 := run(e1 + 1)
		if e2 > e1+1 && score(e2) && (e2+1 >= s.Last || listBreak(toks[e2+1].Text) || toks[e2+1].Text == "(") {
			// "Utrecht 2 Fortuna Sittard 1": a pair
			pairs = append(pairs, [2]int{e1, e2})
			sides = append(sides, [2]int{k, e1}, [2]int{e1 + 1, e2})
			k = e2
			continue
		}
		if k == s.First {
			// a standings row: the side, then numbers to the end
			n, j := 0, e1
			for j < s.Last && (isDigits(toks[j].Text) || toks[j].Text == "-" || toks[j].Text == ".") {
				if isDigits(toks[j].Text) {
					n++
				}
				j++
			}
			if n >= 4 && j == s.Last {
				sides = append(sides, [2]int{k, e1})
			}
		}
	}
	return pairs, sides
}

// listBreak: t ends one entry of a results list.
func listBreak(t string) bool {
	return t == "" || t == "," || t == ";" || t == "." || t == ")" || t == ":"
}

// markSide makes tokens [first, end) one side's name: a club, or a player when the name
// begins with a given name.
func markSide(d *Document, first, end int) {
	words := strings.Fields(d.Text[d.Tokens[first].Start:d.Tokens[end-1].End])
	typ := Organization
	if len(words) >= 2 && (firstNames[words[0]] || givenNames[words[0]]) {
		typ = Person
	}
	claimName(d, first, end, typ)
}

// claimName makes tokens [first, end) one name of type typ, which the words around it decided:
// the mention that covers them exactly takes the type, mentions inside them give way to one
// that covers them all. A country keeps its type (national teams are nationalTeams' to name),
// and so does a person's full name where typ is an organisation.
func claimName(d *Document, first, end int, typ string) {
	sp := Span{d.Tokens[first].Start, d.Tokens[end-1].End}
	words := strings.Fields(d.Text[sp.Start:sp.End])
	var kept []*Found
	var same *Found
	for _, f := range d.Mentions {
		switch {
		case f.Start == sp.Start && f.End == sp.End:
			same = f
		case f.Start >= sp.Start && f.End <= sp.End && f.Type != Date:
			continue // "Ajax" of "Ajax Amsterdam", "Arnhem" of "Vitesse Arnhem"
		}
		kept = append(kept, f)
	}
	if same != nil {
		if same.Type == Country || same.Type == Person && typ == Organization && len(words) >= 2 && !same.Cued && firstNames[words[0]] {
			return
		}
		if same.Type != typ {
			same.Type, same.Gaz, same.Kind = typ, nil, KindName
		}
		same.Cued = true
		d.Mentions = kept
		return
	}
	d.Mentions = append(kept, &Found{Span: sp, Kind: KindName, Type: typ, Name: strings.Join(words, " "), Context: sp, Cued: true})
}

// results: in a results list the side with more goals beat the other, equal scores drew.
func (r *relater) results() {
	for _, p := range r.d.Results {
		if p[0] < r.s.First || p[0] >= r.s.Last {
			continue
		}
		a, b := r.mention(p[0]-1), r.mention(p[1]-1)
		if a == nil || b == nil {
			continue
		}
		ga, gb := r.tok(p[0]), r.tok(p[1])
		na, nb := len(ga), len(gb) // digits of equal length compare as strings
		var rel *Relation
		switch {
		case na > nb || na == nb && ga > gb:
			rel = r.add(a, "beat", b, 0.8, p[0])
		case na < nb || ga < gb:
			rel = r.add(b, "beat", a, 0.8, p[1])
		default:
			rel = r.add(a, "drewWith", b, 0.8, p[0])
		}
		if rel != nil {
			rel.Verb = ga + "-" + gb // the result is the words that state it
		}
		r.teams = append(r.teams, a, b)
	}
}

// cityTeams joins a city and the plural name after it into one club: "Detroit Red Wings",
// "New York Rangers", "Chicago Bulls" are teams, not a city and a second name ("the Turin
// Olympics" one event).
func cityTeams(d *Document) {
	byStart := map[int]*Found{}
	for _, f := range d.Mentions {
		byStart[f.Start] = f
	}
	drop := map[*Found]bool{}
	for _, f := range d.Mentions {
		if f.Type != City || f.Gaz == nil || f.Kind != KindName && f.Kind != KindAlias || drop[f] {
			continue
		}
		k := d.TokenAt(f.End)
		if k >= len(d.Tokens) || d.Tokens[k].Start != f.End+1 {
			continue // the next word must follow after one space: "Detroit Red Wings"
		}
		g := byStart[d.Tokens[k].Start]
		if g == nil || g.Gaz != nil || g.Kind != KindName || g.Type != Organization && g.Type != Place || d.Tokens[k].Sent != d.Tokens[d.TokenAt(f.Start)].Sent {
			continue
		}
		last := d.Text[g.Start:g.End]
		if i := strings.LastIndexByte(last, ' '); i >= 0 {
			last = last[i+1:]
		}
		if len(last) < 4 || !strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ss") || !isCapitalized(last) {
			continue
		}
		sp := Span{f.Start, g.End}
		f.Span, f.Context = sp, sp
		f.Type, f.Gaz, f.Name, f.Cued = Organization, nil, d.Text[sp.Start:sp.End], true
		if eventHeads[last] {
			f.Type = Event // "the Turin Olympics"
		}
		drop[g] = true
	}
	if len(drop) == 0 {
		return
	}
	kept := d.Mentions[:0]
	for _, f := range d.Mentions {
		if !drop[f] {
			kept = append(kept, f)
		}
	}
	d.Mentions = kept
}

// cricketMarks introduce a fielder or bowler in a scorecard: "Atherton c Latif b Wasim Akram 31".
var cricketMarks = setOf("c", "b", "st", "lbw", "c&b")

// scorecards: in a cricket scorecard's line the names are players: the batsman at its start,
// the fielder after "c" or "st", the bowler after "b"; and in a bowling line a name before its
// figures ("Wasim Akram 15-3-40-2").
func scorecards(d *Document) {
	toks := d.Tokens
	nameEnd := func(k, last int) int {
		e := k
		for e < last && isNameWord(toks[e].Text) {
			e++
		}
		return e
	}
	for _, s := range d.Sentences {
		bowled := 0
		for k := s.First; k+1 < s.Last; k++ {
			if toks[k].Text == "b" && isNameWord(toks[k+1].Text) {
				bowled++
			}
		}
		figures := 0
		for k := s.First; k < s.Last; k++ {
			if strings.Count(toks[k].Text, "-") == 3 && isDigits(strings.ReplaceAll(toks[k].Text, "-", "")) {
				figures++
			}
		}
		if bowled == 0 && figures < 2 {
			continue
		}
		var names [][2]int
		for k := s.First; k < s.Last; k++ {
			switch {
			case cricketMarks[toks[k].Text] && k+1 < s.Last && isNameWord(toks[k+1].Text):
				e := nameEnd(k+1, s.Last)
				names = append(names, [2]int{k + 1, e})
				k = e - 1
			case isNameWord(toks[k].Text) && (k == s.First || !isNameWord(toks[k-1].Text)):
				// a batsman before his dismissal, or a bowler before his figures
				e := nameEnd(k, s.Last)
				if e < s.Last && (cricketMarks[toks[e].Text] || toks[e].Text == "run" || toks[e].Text == "not" ||
					figures >= 2 && strings.Count(toks[e].Text, "-") == 3) {
					names = append(names, [2]int{k, e})
				}
				k = e - 1
			}
		}
		for _, n := range names {
			claimName(d, n[0], n[1], Person)
		}
	}
}
