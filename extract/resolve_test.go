package extract

import "testing"

func TestSurnameResolvesToFullName(t *testing.T) {
	x := run(t, "Foreign Minister Jeyhun Bayramov met the delegation. Bayramov said talks went well.", "")
	b := entity(x, "Jeyhun Bayramov")
	if b == nil || len(b.Mentions) != 3 {
		t.Fatalf("Bayramov: %+v in %s", b, entityNames(x))
	}
	if entity(x, "Bayramov") != nil {
		t.Error("the surname became a node of its own")
	}
}

func TestShortNameOfAgency(t *testing.T) {
	x := run(t, "Talks were held, Trend reports. More news on Trend News Agency's channel.", "")
	e := entity(x, "Trend News Agency")
	if e == nil || len(e.Mentions) != 2 || e.Mentions[0].Text != "Trend" {
		t.Fatalf("Trend: %+v", e)
	}
	if x.Publisher != e.ID {
		t.Errorf("publisher %q", x.Publisher)
	}
}

func TestStableIDs(t *testing.T) {
	a := run(t, "Foreign Minister Jeyhun Bayramov visited Germany.", "")
	b := run(t, "Azerbaijani Foreign Minister Jeyhun Bayramov met German officials in Berlin.", "")
	if entity(a, "Jeyhun Bayramov").ID != entity(b, "Jeyhun Bayramov").ID {
		t.Error("one person, two ids")
	}
	if entity(a, "Germany").ID != "country/germany" {
		t.Errorf("Germany id %q", entity(a, "Germany").ID)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Jeyhun Bayramov": "jeyhun-bayramov", "Türkiye": "turkiye",
		"Trend News Agency's": "trend-news-agencys", "Euro-Atlantic  Council": "euro-atlantic-council"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescriptionsRefer(t *testing.T) {
	x := run(t, "Foreign Minister Jeyhun Bayramov met officials in Baku. The minister praised NATO. Azerbaijan joined the alliance later.", "")
	b := entity(x, "Jeyhun Bayramov")
	if b == nil || b.Mentions[len(b.Mentions)-1].Text != "The minister" || b.Mentions[len(b.Mentions)-1].Kind != KindDescription {
		t.Fatalf("the minister: %+v", b)
	}
	if !hasFact(x, "Jeyhun Bayramov -praised-> North Atlantic Treaty Organisation") {
		t.Errorf("facts %q", facts(x))
	}
	// Two ministers: "the minister" is ambiguous and refers to no one.
	x = run(t, "Foreign Minister Jeyhun Bayramov met Defence Minister Zakir Hasanov. The minister left.", "")
	for _, e := range x.Entities {
		for _, m := range e.Mentions {
			if m.Kind == KindDescription && m.Text == "The minister" {
				t.Errorf("ambiguous description resolved to %s", e.Name)
			}
		}
	}
}

func TestSharedSurnameGoesToTheStorysSubject(t *testing.T) {
	x := run(t, "Student Ahmed Mohamed was arrested at school. Ahmed Mohamed said he built a clock. "+
		"His father Mohamed Elhassan Mohamed said the family would travel. Later, Mohamed met the mayor.", "")
	son, father := entity(x, "Ahmed Mohamed"), entity(x, "Mohamed Elhassan Mohamed")
	if son == nil || father == nil {
		t.Fatalf("entities: %s", entityNames(x))
	}
	if last := son.Mentions[len(son.Mentions)-1]; last.Text != "Mohamed" || len(father.Mentions) != 1 {
		t.Errorf("son %+v, father %+v", son.Mentions, father.Mentions)
	}
}

func TestOneTypePerName(t *testing.T) {
	x := run(t, "The couple are charged over the death of their nine-month-old child, Gloria. Gloria developed severe eczema. By the end, Gloria's skin broke.", "")
	for _, e := range x.Entities {
		if e.Name == "Gloria" && e.Type != Person {
			t.Errorf("Gloria is a %s: %s", e.Type, entityNames(x))
		}
	}
}

func TestNationalTeamsInSportsReports(t *testing.T) {
	x := run(t, "At the World Cup in Russia, Sweden defeated South Korea 1 – 0 in the group match. "+
		"Andreas Granqvist scored from the penalty spot after the referee checked the video. "+
		"Sweden's coach praised the goalkeeper and the striker after the tournament game at the stadium.", "")
	if e := entity(x, "Sweden national team"); e == nil || e.Type != Organization || e.Country != "country/sweden" {
		t.Errorf("Sweden national team: %+v in %s", e, entityNames(x))
	}
	if e := entity(x, "Russia"); e == nil || e.Type != Country {
		t.Errorf("Russia, where the cup is played, is a country: %s", entityNames(x))
	}
	y := run(t, "Sweden defeated the proposal in parliament on Monday, and Russia said it would respond.", "")
	if entity(y, "Sweden") == nil {
		t.Errorf("no sports context, yet: %s", entityNames(y))
	}
}

// A short football story inside a digest still reads its countries as teams; a country after
// a town is where the town lies; a team's player plays for it, a tennis player's country is
// only a nationality.
func TestNationalTeamsInShortReports(t *testing.T) {
	x := run(t, "Officials in Kenya opened a new road on Monday. "+
		"In football, Brazil defeated Croatia 1-0 in their opening match on a goal by the striker Kaka, who scored from the penalty spot.", "")
	if e := entity(x, "Brazil national team"); e == nil || e.Type != Organization {
		t.Errorf("Brazil national team: %+v in %s", e, entityNames(x))
	}
	x = run(t, "The U.S. women's soccer team has defeated Sweden 1-0 in a match in Skelleftea, Sweden, on a goal in the 80th minute by a striker.", "")
	if !hasFact(x, "Skelleftea -containedInPlace-> Sweden") {
		t.Errorf("the country after a town: %q (entities %s)", facts(x), entityNames(x))
	}
	x = run(t, "In tennis, top seed Ivan Ljubicic beat Belgium's Kristof Vliegen in the semifinal match of the tournament, and the referee praised the final.", "")
	if factWith(x, "Kristof Vliegen -playsFor->") || factWith(x, "Kristof Vliegen -worksFor->") {
		t.Errorf("a tennis player's country: %q", facts(x))
	}
}

// Teams that host or meet each other play a match; no diplomacy.
func TestTeamsHostNoGuests(t *testing.T) {
	x := run(t, "In football, Niger hosts Sierra Leone on Saturday as it pushes to qualify for the tournament. "+
		"The striker scored twice in the last match, and the goalkeeper saved a penalty in the league game.", "")
	if factWith(x, "-received->") {
		t.Errorf("facts: %q (entities %s)", facts(x), entityNames(x))
	}
}
