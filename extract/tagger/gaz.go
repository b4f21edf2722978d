package tagger

import (
	"unsafe"

	"github.com/newsgraph/newsgraph/extract/gazetteer"
)

// Gazetteer features: each token gets one value saying whether it is (part
// of) a name the gazetteer knows, what kind of entry it names, and where in
// the name it is: a single-token name (S), the first token of a longer name
// (B) or a later one (I). Names are matched on the sentence's words joined
// with single spaces; a name must end at the end of a token ("NATO-led" is
// not "NATO"). Where names overlap, the one starting first (then the longest)
// wins.

// Kinds of gazetteer entries, as the features see them.
const (
	gkCountry = iota
	gkDemonym // a country's people or adjective
	gkOrg
	gkCity
	gkCityAmb // a city whose name is also a common word or a person's name
	gkTitle   // an office: President, Foreign Minister
	gkHonor   // a form of address: Mr., Dr.
	numGazKinds
)

// numGaz is the number of gazetteer values: none, then S/B/I × kind.
const numGaz = 1 + 3*numGazKinds

func gazValue(place, kind int) uint8 { return uint8(1 + place*numGazKinds + kind) }

func gazKind(h gazetteer.Hit) int {
	e := h.Entry
	switch e.Type {
	case gazetteer.Country:
		if h.Form == gazetteer.FormDemonym {
			return gkDemonym
		}
		return gkCountry
	case gazetteer.Organization:
		return gkOrg
	case gazetteer.City:
		if e.Ambiguous {
			return gkCityAmb
		}
		return gkCity
	case gazetteer.Title:
		if e.Honorific {
			return gkHonor
		}
		return gkTitle
	}
	return -1
}

var gazHash [numGaz]uint64

func init() {
	for i := range gazHash {
		gazHash[i] = hashString("gaz") + uint64(i)*0x9e3779b97f4a7c15
	}
}

// markGazetteer sets the gaz field of the tokens of out (with two padding
// entries at each end) for words.
func (a *analyzer) markGazetteer(words []string, out []tokInfo) {
	if a.gaz == nil {
		return
	}
	text := a.text[:0]
	ends := a.ends[:0]
	for i, w := range words {
		if i > 0 {
			text = append(text, ' ')
		}
		text = append(text, normalizeToken(w)...)
		ends = append(ends, int32(len(text)))
	}
	a.text, a.ends = text, ends
	if len(text) == 0 {
		return
	}
	s := unsafe.String(&text[0], len(text))
	start := 0
	for i := range words {
		if out[i+2].gaz == 0 && out[i+2].alnum {
			for _, h := range a.gaz.Match(s, start) {
				k := gazKind(h)
				if k < 0 {
					continue
				}
				j := i
				for j < len(ends) && int(ends[j]) < h.End {
					j++
				}
				if j == len(ends) || int(ends[j]) != h.End {
					continue // ends inside a token
				}
				if j == i {
					out[i+2].gaz = gazValue(0, k)
				} else {
					out[i+2].gaz = gazValue(1, k)
					for l := i + 1; l <= j; l++ {
						out[l+2].gaz = gazValue(2, k)
					}
				}
				break
			}
		}
		start = int(ends[i]) + 1
	}
}
