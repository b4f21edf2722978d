package extract

import "strings"

// Where a place lies, read from the noun phrase that names it: "Maharashtra's Jalgaon
// district", "Drapchi Prison in Tibet", "the Kalma refugee camp in Darfur", "Nevsky
// Prospekt, St. Petersburg's main street", "Muzaffarabad, the capital of Kashmir". (Putting
// "the southern town of Beslan" in the one country its sentence names was measured: on dev 3
// right of 9.)

// placeWords name a kind of place: "the western state of Maharashtra", "Jalgaon district".
var placeWords = func() map[string]bool {
	m := setOf("island", "camp", "territory", "suburb", "street", "valley", "enclave", "prison",
		"base", "complex", "municipality", "neighborhood", "neighbourhood", "resort", "oblast")
	for w := range placeNouns { // "the town of X"
		m[w] = true
	}
	return m
}()

// treePlaces adds containedInPlace for the places of the sentence that its noun phrases place
// in another.
func (r *relater) treePlaces(t *treeSent) {
	for _, f := range r.x.within[r.si] {
		if f.Entity == nil || f.Type != Place && f.Type != City || f.Kind != KindName {
			continue
		}
		k := r.headToken(f)
		if k < 0 {
			continue
		}
		// the place noun the name modifies or stands for ("Jalgaon district", "the town of Beslan")
		n := k
		if h := t.head(k); h >= 0 && r.mention(h) == nil && placeWords[strings.ToLower(r.tok(h))] {
			switch t.rel(k) {
			case "compound", "nmod", "appos", "flat":
				n = h
			}
		}
		var in []*Found
		for _, x := range []int{k, n} {
			for _, c := range t.children(x) {
				if rc := t.rel(c); rc == "nmod:poss" || rc == "nmod" && t.caseOf(c) == "in" {
					in = append(in, t.placeArgs(c)...) // "Sudan's Darfur region", "Drapchi Prison in Tibet"
					if rc == "nmod" && r.mention(c) == nil && placeWords[strings.ToLower(r.tok(c))] {
						in = append(in, t.kindModifiers(c)...) // "the town of Jalawla in Diyala province"
					}
				}
			}
		}
		if n != k {
			// "the Shandong provincial capital of Jinan", "the Indonesian resort island of Bali"
			in = append(in, t.kindModifiers(n)...)
		}
		if len(in) == 0 && t.rel(k) != "appos" {
			// "Nevsky Prospekt, St. Petersburg's main street", "Muzaffarabad, the capital of Kashmir"
			for _, c := range t.children(k) {
				if t.rel(c) != "appos" || !placeWords[strings.ToLower(r.tok(c))] {
					continue
				}
				for _, g := range t.children(c) {
					if rg := t.rel(g); rg == "nmod:poss" || rg == "nmod" && t.caseOf(g) == "of" {
						in = append(in, t.placeArgs(g)...)
					}
				}
			}
		}
		if len(in) == 0 && n != k && strings.EqualFold(r.tok(n), "capital") && isCapital(f) {
			// "transported to the capital, Lilongwe": the capital of the country the article
			// is about, when the article names it
			for _, g := range r.d.Mentions {
				if g.Entity != nil && g.Entity.ID == f.Gaz.Country && g.Kind != KindDemonym {
					in = append(in, g)
					break
				}
			}
		}
		for _, o := range in {
			if o.Entity == f.Entity || f.Type == City && o.Type == City || r.related(f.Entity, o.Entity) {
				continue
			}
			if rel := r.addTree(t, f, PredContainedIn, o, 0.75, k); rel != nil {
				rel.Verb = ""
			}
		}
	}
}

// placeArgs are the places token k names.
func (t *treeSent) placeArgs(k int) []*Found {
	var out []*Found
	for _, f := range t.args(k) {
		if f.Type == Country || f.Type == City || f.Type == Place {
			out = append(out, f)
		}
	}
	return out
}

// kindModifiers are the places that modify the place noun at n, which names a kind of place:
// a name compounded with it, through common nouns ("the West Bank refugee camp", "Diyala
// province"), or a country's nationality ("the Iraqi city of").
func (t *treeSent) kindModifiers(n int) []*Found {
	r := t.r
	var out []*Found
	for _, c := range t.children(n) {
		f := r.mention(c)
		switch rc := t.rel(c); {
		case f == nil && rc == "compound" && r.d.Tokens[c].UPOS == "NOUN":
			out = append(out, t.kindModifiers(c)...) // "refugee" of "West Bank refugee camp"
		case f == nil || f.Entity == nil || f == r.mention(n):
		case rc == "compound" && f.Kind == KindName && (f.Type == Country || f.Type == City || f.Type == Place) && !waterName(f.Name):
			out = append(out, f)
		case rc == "amod" && f.Kind == KindDemonym && f.Type == Country:
			out = append(out, f)
		}
	}
	return out
}

// waterName: a sea, a gulf or a river, which what it names lies on, not in ("the Red Sea port
// of Aqaba").
func waterName(name string) bool {
	switch name[strings.LastIndexByte(name, ' ')+1:] {
	case "Sea", "Ocean", "Gulf", "River", "Lake", "Bay", "Strait", "Channel", "Coast":
		return true
	}
	return false
}
