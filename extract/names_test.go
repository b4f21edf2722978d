package extract

import "testing"

// named is a text and the name of an entity it writes.
type named struct{ text, name string }

// wantType checks that each text's entity of that name has type typ.
func wantType(t *testing.T, typ string, cases ...named) {
	t.Helper()
	for _, c := range cases {
		x := run(t, c.text, "")
		if e := entity(x, c.name); e == nil || e.Type != typ {
			t.Errorf("%q in %q: not a %s (entities %s)", c.name, c.text, typ, entityNames(x))
		}
	}
}

func TestFacilityHeadsArePlaces(t *testing.T) {
	wantType(t, Place,
		named{"Commuters were told to walk from Maplewood Station to the stadium.", "Maplewood Station"},
		named{"The delegates stayed at the Grand Orvin Hotel near the harbour.", "Grand Orvin Hotel"},
		named{"The parcel was found on Brackenfield Road on Monday.", "Brackenfield Road"},
		named{"The aircraft landed at Kessler Air Force Base in the morning.", "Kessler Air Force Base"},
		named{"Visitors queued outside the Halvorsen Planetarium for hours.", "Halvorsen Planetarium"},
	)
}

func TestPlaceNamedOrganisations(t *testing.T) {
	wantType(t, Organization,
		// A region's institution, named with the region in front.
		named{"Researchers from the Nevada Institute of Marine Studies published the paper.", "Nevada Institute of Marine Studies"},
		named{"She teaches at Oregon State University of Applied Arts these days.", "Oregon State University of Applied Arts"},
		// A city's newspaper.
		named{"The story ran in the Toronto Star on Friday.", "Toronto Star"},
		// A broadcaster's news outlet.
		named{"A spokesman told BBC News the plan was under review.", "BBC News"},
	)
	// The state body of a country keeps its country ("the Azerbaijani Ministry of Foreign
	// Affairs"); a university named "State University" is not a state body.
	wantType(t, Organization, named{"Students at the Kansas State University of Agriculture protested.", "Kansas State University of Agriculture"})
}

func TestPersonAfterInstitution(t *testing.T) {
	for _, c := range []struct{ text, org, person string }{
		{"After the vote, the chair of the Housing Council Ilse Varga told reporters it was unfair.", "Housing Council", "Ilse Varga"},
		{"A spokesman for the Lagos Relief Network Maria Obi said supplies were short.", "", "Maria Obi"},
	} {
		x := run(t, c.text, "")
		if p := entity(x, c.person); p == nil || p.Type != Person {
			t.Errorf("%q: no person %q in %s", c.text, c.person, entityNames(x))
		}
		if c.org != "" {
			if o := entity(x, c.org); o == nil || o.Type != Organization {
				t.Errorf("%q: no organisation %q in %s", c.text, c.org, entityNames(x))
			}
		}
	}
	// Without a reporting verb after it, an institution's name is left whole.
	x := run(t, "The Housing Council Annual Review was published in May.", "")
	for _, e := range x.Entities {
		if e.Type == Person {
			t.Errorf("unexpected person %q in %s", e.Name, entityNames(x))
		}
	}
}

func TestNameTheArticleCallsAnOrganisation(t *testing.T) {
	text := "Karel Vos left the Zorbist movement last year. Former members of Zorbist helped him. " +
		"Zorbist officials have denied the claims, and a Zorbist lawyer wrote to him."
	x := run(t, text, "")
	z := entity(x, "Zorbist")
	if z == nil || z.Type != Organization {
		t.Fatalf("no organisation Zorbist in %s", entityNames(x))
	}
	if len(z.Mentions) != 4 {
		t.Errorf("Zorbist mentions: %+v", z.Mentions)
	}
	for _, e := range x.Entities {
		if e.Name == "Zorbist" && e.Type != Organization {
			t.Errorf("Zorbist also typed %s", e.Type)
		}
	}
	// A person's surname stays the person's, whatever is named after the family.
	x = run(t, "Donald Vance said the Vance organization would appeal. Vance said so again.", "")
	for _, e := range x.Entities {
		if e.Type == Organization && e.Name == "Vance" {
			t.Errorf("Vance typed as an organisation in %s", entityNames(x))
		}
	}
}

func TestPersonInsideInstitutionName(t *testing.T) {
	x := run(t, "The Robert Miller Foundation for the Visual Arts made two donations.", "")
	if e := entity(x, "Robert Miller"); e == nil || e.Type != Person {
		t.Errorf("no person Robert Miller in %s", entityNames(x))
	}
	for _, e := range x.Entities {
		if e.Type == Person && e.Name != "Robert Miller" {
			t.Errorf("unexpected person %q in %s", e.Name, entityNames(x))
		}
	}
}

func TestTitleWordBeginsInstitution(t *testing.T) {
	wantType(t, Organization,
		named{"She studied law at Duke University before moving abroad.", "Duke University"},
		named{"Members of the Doctor Zhivago Society of Ireland met on Sunday.", "Doctor Zhivago Society of Ireland"},
	)
	// A title before a person's name stays a title.
	wantType(t, Person, named{"She met President Jonas Varga in the capital.", "Jonas Varga"})
}

func TestHeadWithDesignatorLetter(t *testing.T) {
	wantType(t, Organization, named{"The two sides meet again in Group D next week.", "Group D"})
	wantType(t, Place, named{"Passengers waited for hours at Terminal C on Friday.", "Terminal C"})
}

func TestNationalTeamsByScoreAndMatchClock(t *testing.T) {
	text := "Norway beat Portugal in the opening match of the tournament. The striker scored twice and the goalkeeper saved a penalty. " +
		"The coach praised the squad after the match at the stadium, and the referee booked two players.\n\n" +
		"Group C — Norway 2 – 1 Portugal\n\n" +
		"In the 75th minute, a late header gave Portugal hope.\n\n" +
		"Fans travelled from Norway to watch."
	x := run(t, text, "")
	var teams, places int
	for _, e := range x.Entities {
		switch {
		case e.Type == Organization && (e.Name == "Norway national team" || e.Name == "Portugal national team"):
			teams += len(e.Mentions)
		case e.Type == Country && (e.Name == "Norway" || e.Name == "Portugal"):
			places += len(e.Mentions)
		}
	}
	// "Norway beat Portugal" (2), the score line (2), "gave Portugal hope" (1); "from Norway" is the country.
	if teams != 5 || places != 1 {
		t.Errorf("team mentions %d (want 5), country mentions %d (want 1): %s", teams, places, entityNames(x))
	}
}

func TestPersonTheTaggerBeganTwice(t *testing.T) {
	wantType(t, Person, named{"The seat was won by nonpartisan Lucius Ho.", "Lucius Ho"})
}

func TestTitleToCountryThenName(t *testing.T) {
	x := run(t, "According to the Ambassador to the United States Tomas Varga, the talks went well.", "")
	p := entity(x, "Tomas Varga")
	if p == nil || p.Type != Person {
		t.Fatalf("no person Tomas Varga in %s", entityNames(x))
	}
	// the country an ambassador is sent to is not the one the ambassador serves
	if len(p.Roles) != 1 || p.Roles[0].Title != "Ambassador" || p.Roles[0].Of == "country/united-states" {
		t.Errorf("Tomas Varga's roles: %+v", p.Roles)
	}
	if hasFact(x, "Tomas Varga -worksFor-> United States") {
		t.Errorf("an ambassador to the United States works for another country: %q", facts(x))
	}
	if us := entity(x, "United States"); us == nil || us.Type != Country {
		t.Errorf("no country United States in %s", entityNames(x))
	}
}

func TestUnitNumberInName(t *testing.T) {
	wantType(t, Organization, named{"Soldiers of the 4th Mountain Brigade crossed the river at dawn.", "4th Mountain Brigade"})
}

func TestAmpersandAndRegionInFacilityNames(t *testing.T) {
	wantType(t, Place,
		named{"The capsule went to the Harbour Rail & Steam Museum last year.", "Harbour Rail & Steam Museum"},
		named{"The shuttle will be shown at the Nevada Science Center next spring.", "Nevada Science Center"},
	)
	// "&" between two names that are no institution's keeps them apart.
	wantType(t, Person, named{"Photos: Karl Mertens & Ada Obi.", "Ada Obi"})
}

func TestCapitalisedWordBeforePersonAtSentenceStart(t *testing.T) {
	x := run(t, "Nonpartisan Paul Miller won the seat easily.", "")
	if p := entity(x, "Paul Miller"); p == nil || p.Type != Person {
		t.Errorf("no person Paul Miller in %s", entityNames(x))
	}
	// A given name that starts the sentence stays: "Mary Ann Jones".
	x = run(t, "Mary Ann Jones won the seat easily.", "")
	if p := entity(x, "Mary Ann Jones"); p == nil || p.Type != Person {
		t.Errorf("no person Mary Ann Jones in %s", entityNames(x))
	}
}

func TestLeaderOfAnAdministration(t *testing.T) {
	wantType(t, Person, named{"A report says the Kessler administration is pressing the leaders of the region.", "Kessler"})
}

func TestTitledNameIsNotAnotherPersonsFirstName(t *testing.T) {
	wantType(t, Person, named{"President Abdullah Gul of Turkey met Jordan's King Abdullah in Ankara on Monday.", "Abdullah"})
}

func TestTitledSurnameOfAnotherTitle(t *testing.T) {
	x := run(t, "First Lady Maria Kessler visited a school on Monday. President Kessler spoke in Ohio the same day.", "")
	if e := entity(x, "Maria Kessler"); e == nil || contains(e.Aliases, "Kessler") {
		t.Fatalf("no first lady, or one called Kessler too: %s", entityNames(x))
	}
	if e := entity(x, "Kessler"); e == nil || e.Type != Person {
		t.Errorf("the president taken for the first lady: %s", entityNames(x))
	}
	y := run(t, "Secretary of State Maria Kessler arrived in Paris. Secretary Kessler met officials.", "")
	if e := entity(y, "Kessler"); e != nil {
		t.Errorf("a shorter form of the same title is the same person: %s", entityNames(y))
	}
}

func TestNameParticlesStayInTheName(t *testing.T) {
	for text, want := range map[string]string{
		"Chief U.N. war crimes prosecutor Carla del Ponte says the trial goes on.": "Carla del Ponte",
		"French Prime Minister Dominique de Villepin visited Moscow.":              "Dominique de Villepin",
		"Osama bin Laden released a tape.":                                         "Osama bin Laden",
	} {
		x := run(t, text, "")
		found := false
		for _, e := range x.Entities {
			found = found || e.Name == want && e.Type == Person
		}
		if !found {
			t.Errorf("%q: no person %q among %v", text, want, x.Entities)
		}
	}
}

func TestDaysAndRankWordsAreNoEntities(t *testing.T) {
	for text, bad := range map[string]string{
		"Venezuela says a bomb attack has killed Deputy Attorney General Danilo Anderson.": "Deputy",
		"Japan's Chief Cabinet Secretary Hiroyuki Hosoda says it is a precondition.":       "Chief Cabinet",
		"Prime Minister Dominique de Villepin Tuesday announced a number of measures.":     "Tuesday",
	} {
		for _, e := range run(t, text, "").Entities {
			if e.Name == bad {
				t.Errorf("%q: %q is an entity (%s)", text, bad, e.Type)
			}
		}
	}
}

// A party word before a person's full name is the party, not part of the name.
func TestPartyWordBeforeAName(t *testing.T) {
	wantType(t, Person, named{"Republican John McCain and Democrat Barack Obama released statements Friday.", "Barack Obama"})
}

func TestKoreanNamesArePeople(t *testing.T) {
	x := run(t, "Korea substituted Park Joo-Ho in the 28th minute, and Ban Ki-moon watched.", "")
	for _, name := range []string{"Park Joo-Ho", "Ban Ki-moon"} {
		if e := entity(x, name); e == nil || e.Type != Person {
			t.Errorf("%s is a person: %s", name, entityNames(x))
		}
	}
}

// "Former" opening a sentence is the title's word, not a name's: the body after it is the one
// the gazetteer knows.
func TestFormerOpeningASentence(t *testing.T) {
	x := run(t, "Former U.N. Secretary-General Kofi Annan has recommended a new mission in Haiti.", "")
	if e := entity(x, "United Nations"); e == nil {
		t.Errorf("U.N. is the United Nations: %s", entityNames(x))
	}
	former := false
	for _, r := range x.Relations {
		former = former || r.Predicate == PredHeads && r.Object == entity(x, "United Nations").ID && r.Former
	}
	if !former {
		t.Errorf("the former head: %q", facts(x))
	}
}
