package extract

import "strings"

// A wire's sports pages hold many World Cups: skiing's, football's, cricket's, rugby's. One node
// for all of them would tie a downhill racer to a striker, so a competition whose name every
// sport uses is named with the sport its sentence (or, failing that, its article) is about:
// "Alpine Skiing World Cup", "Cricket World Cup".

// sharedCompetitions are competition names that many sports use.
var sharedCompetitions = setOf("World Cup", "World Championship", "World Championships",
	"European Championship", "European Championships", "Grand Prix", "World Cup final",
	"World Cup finals", "Masters", "Nations Cup")

// sportWords tell which sport a sentence is about.
var sportWords = map[string]string{
	"skiing": "Alpine Skiing", "ski": "Alpine Skiing", "downhill": "Alpine Skiing", "slalom": "Alpine Skiing",
	"super-g": "Alpine Skiing", "skier": "Alpine Skiing", "skiers": "Alpine Skiing",
	"soccer": "Football", "striker": "Football", "midfielder": "Football", "goalkeeper": "Football",
	"fifa": "Football", "uefa": "Football", "penalty": "Football",
	"cricket": "Cricket", "wicket": "Cricket", "wickets": "Cricket", "innings": "Cricket",
	"batsman": "Cricket", "bowler": "Cricket",
	"rugby": "Rugby", "scrum": "Rugby",
	"golf": "Golf", "birdie": "Golf", "birdies": "Golf", "bogey": "Golf",
	"tennis": "Tennis", "seeded": "Tennis", "tiebreak": "Tennis", "tie-break": "Tennis",
	"athletics": "Athletics", "sprint": "Athletics", "hurdles": "Athletics", "marathon": "Athletics",
	"cycling": "Cycling", "cyclist": "Cycling", "peloton": "Cycling",
	"hockey": "Ice Hockey", "nhl": "Ice Hockey",
	"basketball": "Basketball", "nba": "Basketball",
	"swimming": "Swimming", "freestyle": "Swimming", "backstroke": "Swimming", "swimmer": "Swimming",
	"biathlon": "Biathlon", "formula": "Motor Racing", "motorcycling": "Motorcycling",
	"chess": "Chess", "boxing": "Boxing", "volleyball": "Volleyball", "handball": "Handball",
	"bobsleigh": "Bobsleigh", "luge": "Luge", "skating": "Skating", "equestrian": "Equestrian",
}

// sportNamedCompetitions renames the mentions of shared competition names after their sport.
func sportNamedCompetitions(d *Document) {
	var shared []*Found
	for _, f := range d.Mentions {
		if f.Type == Event && f.Gaz == nil && f.Kind == KindName && sharedCompetitions[f.Name] {
			shared = append(shared, f)
		}
	}
	if len(shared) == 0 {
		return
	}
	// votes per sentence, and over the article
	bySent := make([]map[string]int, len(d.Sentences))
	all := map[string]int{}
	for _, t := range d.Tokens {
		sport := sportWords[strings.ToLower(t.Text)]
		if sport == "" || t.Sent < 0 || t.Sent >= len(bySent) {
			continue
		}
		if bySent[t.Sent] == nil {
			bySent[t.Sent] = map[string]int{}
		}
		bySent[t.Sent][sport]++
		all[sport]++
	}
	for _, f := range shared {
		k := d.TokenAt(f.Start)
		if k >= len(d.Tokens) {
			continue
		}
		s := d.Tokens[k].Sent
		sport := onlySport(bySent, s)
		if sport == "" {
			sport = onlySport(bySent, s-1, s+1)
		}
		if sport == "" {
			sport = leadingSport(all)
		}
		if sport != "" {
			f.Name = sport + " " + f.Name
		}
	}
}

// onlySport: the one sport the sentences name, or "" when they name none or several.
func onlySport(bySent []map[string]int, sents ...int) string {
	found := ""
	for _, s := range sents {
		if s < 0 || s >= len(bySent) {
			continue
		}
		for sport := range bySent[s] {
			if found != "" && found != sport {
				return ""
			}
			found = sport
		}
	}
	return found
}

// leadingSport: the sport an article is about, when its words name one far more than any other.
func leadingSport(votes map[string]int) string {
	best, second := "", 0
	for sport, n := range votes {
		if best == "" || n > votes[best] {
			if best != "" {
				second = max(second, votes[best])
			}
			best = sport
		} else {
			second = max(second, n)
		}
	}
	if best == "" || votes[best] < 3 || votes[best] < 2*second {
		return ""
	}
	return best
}
