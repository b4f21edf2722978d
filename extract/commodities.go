package extract

import "strings"

// Market reports name what is traded and how it is measured: crude grades ("Nigeria's Bonny
// Light was quoted at $23.50 a barrel", "Brent crude rose"), blends, contracts and share indexes
// ("Hong Kong's Hang Seng index"). Such a name is no place or person (the tagger, seeing "Light"
// or "Minas", guesses one) and newsgraph keeps no node for it.

// priceWords mark a sentence that quotes prices.
var priceWords = setOf("barrel", "barrels", "tonne", "tonnes", "ton", "tons", "ounce", "ounces",
	"bushel", "bushels", "cents", "pence", "$", "us$", "futures")

// commodityNouns follow a grade's name: "Brent crude", "Dubai blend".
var commodityNouns = setOf("crude", "blend", "oil", "futures", "contract", "contracts", "grade",
	"grades", "sweet", "sour")

// priceVerbs follow a grade quoted at a price: "Minas was quoted at", "Bonny Light at $23.50".
var priceVerbs = setOf("at", "was", "were", "rose", "fell", "eased", "firmed", "traded", "quoted",
	"gained", "slipped", "climbed", "dropped", "settled")

// dropCommodities removes the mentions of traded goods from sentences that quote prices.
func dropCommodities(d *Document) {
	quotes := make([]bool, len(d.Sentences))
	for _, t := range d.Tokens {
		if t.Sent >= 0 && t.Sent < len(quotes) && priceWords[strings.ToLower(t.Text)] {
			quotes[t.Sent] = true
		}
	}
	out := d.Mentions[:0]
	for _, f := range d.Mentions {
		if !isCommodity(d, f, quotes) {
			out = append(out, f)
		}
	}
	d.Mentions = out
}

func isCommodity(d *Document, f *Found, quotes []bool) bool {
	if f.Gaz != nil || f.Cued || f.Kind != KindName || f.Type != Place && f.Type != City && f.Type != Person && f.Type != Organization {
		return false
	}
	first, end := d.TokenAt(f.Start), d.TokenAt(f.End)
	if first >= len(d.Tokens) {
		return false
	}
	next := func(k int) string {
		if k < len(d.Tokens) && d.Tokens[k].Sent == d.Tokens[first].Sent {
			return strings.ToLower(d.Tokens[k].Text)
		}
		return ""
	}
	if w := next(end); f.Type != Organization && (w == "crude" || w == "blend" || commodityNouns[w] && quotes[d.Tokens[first].Sent]) {
		return true // "Brent crude", "Dubai blend"
	}
	// a market's index: "Hong Kong's Hang Seng index", "the Shanghai Composite Index"
	if words := strings.Fields(d.Text[f.Start:f.End]); next(end) == "index" || words[len(words)-1] == "Index" || words[len(words)-1] == "Average" {
		return true
	}
	if !quotes[d.Tokens[first].Sent] {
		return false
	}
	// "Nigeria's Bonny Light was quoted at": a grade of a producer, priced
	possessed := first >= 2 && (d.Tokens[first-1].Text == "'s" || d.Tokens[first-1].Text == "’s")
	if !possessed || f.Type != Place && f.Type != City {
		return false
	}
	for k := end; k < end+3; k++ {
		if w := next(k); priceVerbs[w] {
			return true
		} else if w == "" || w == "," {
			break
		}
	}
	return false
}

// Defence and industry reports name weapons and models: "Patriot PAC-3 MSE interceptors", "the
// Eurofighter Typhoon", "SM-3 Block IIA". A name with a model number, or one that a weapon's
// noun follows, is a product: no node, like a crude grade.

// weaponNouns follow a weapon's name: "Patriot missiles", "Leopard tanks".
var weaponNouns = setOf("missile", "missiles", "interceptor", "interceptors", "howitzer",
	"howitzers", "frigate", "frigates", "destroyer", "destroyers", "submarine", "submarines",
	"helicopter", "helicopters", "tank", "tanks", "rocket", "rockets", "launcher", "launchers",
	"rifle", "rifles")

// modelNumber: "F-35A", "PAC-3", "Su-57", "MQ-9": a few letters, a hyphen, a number.
func modelNumber(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok || len(a) == 0 || len(a) > 4 || len(b) == 0 || b[0] < '0' || b[0] > '9' {
		return false
	}
	for _, r := range a {
		if r < 'A' || r > 'Z' && r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// dropProducts removes the mentions of weapons and models.
func dropProducts(d *Document) {
	out := d.Mentions[:0]
	for _, f := range d.Mentions {
		if !isProduct(d, f) {
			out = append(out, f)
		}
	}
	d.Mentions = out
}

func isProduct(d *Document, f *Found) bool {
	if f.Gaz != nil || f.Cued || f.Kind != KindName || f.Type != Place && f.Type != City && f.Type != Person && f.Type != Organization {
		return false
	}
	first, end := d.TokenAt(f.Start), d.TokenAt(f.End)
	if first >= len(d.Tokens) {
		return false
	}
	words := strings.Fields(d.Text[f.Start:f.End])
	if isHead(words[len(words)-1]) {
		return false // "the Army's helicopters": a body's
	}
	for k := first; k < end && k < len(d.Tokens); k++ {
		if modelNumber(d.Tokens[k].Text) {
			return true
		}
	}
	for k := end; k < len(d.Tokens) && k < end+3 && d.Tokens[k].Sent == d.Tokens[first].Sent; k++ {
		w := d.Tokens[k].Text
		if weaponNouns[strings.ToLower(w)] {
			return true // "Patriot interceptors", "Patriot PAC-3 MSE interceptors"
		}
		if !modelNumber(w) && !isAllCaps(w) {
			break
		}
	}
	return false
}
