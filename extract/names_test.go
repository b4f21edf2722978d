package extract

import "testing"

// typeOf returns the type of the entity named name in the text's extraction, or "".
func typeOf(t *testing.T, text, name string) string {
	t.Helper()
	x := run(t, text, "")
	if e := entity(x, name); e != nil {
		return e.Type
	}
	return ""
}

func TestFacilityHeadsArePlaces(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"Commuters were told to walk from Maplewood Station to the stadium.", "Maplewood Station"},
		{"The delegates stayed at the Grand Orvin Hotel near the harbour.", "Grand Orvin Hotel"},
		{"The parcel was found on Brackenfield Road on Monday.", "Brackenfield Road"},
		{"The aircraft landed at Kessler Air Force Base in the morning.", "Kessler Air Force Base"},
		{"Visitors queued outside the Halvorsen Planetarium for hours.", "Halvorsen Planetarium"},
	} {
		if got := typeOf(t, c.text, c.name); got != Place {
			t.Errorf("%q in %q: type %q, want Place", c.name, c.text, got)
		}
	}
}

func TestPlaceNamedOrganisations(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		// A region's institution, named with the region in front.
		{"Researchers from the Nevada Institute of Marine Studies published the paper.", "Nevada Institute of Marine Studies"},
		{"She teaches at Oregon State University of Applied Arts these days.", "Oregon State University of Applied Arts"},
		// A city's newspaper.
		{"The story ran in the Toronto Star on Friday.", "Toronto Star"},
		// A broadcaster's news outlet.
		{"A spokesman told BBC News the plan was under review.", "BBC News"},
	} {
		if got := typeOf(t, c.text, c.name); got != Organization {
			t.Errorf("%q in %q: type %q, want Organization (entities %s)", c.name, c.text, got, entityNames(run(t, c.text, "")))
		}
	}
	// The state body of a country keeps its country ("the Azerbaijani Ministry of Foreign
	// Affairs"); a university named "State University" is not a state body.
	x := run(t, "Students at the Kansas State University of Agriculture protested.", "")
	if e := entity(x, "Kansas State University of Agriculture"); e == nil || e.Type != Organization {
		t.Errorf("no Kansas State University of Agriculture in %s", entityNames(x))
	}
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
	for _, c := range []struct{ text, name string }{
		{"She studied law at Duke University before moving abroad.", "Duke University"},
		{"Members of the Doctor Zhivago Society of Ireland met on Sunday.", "Doctor Zhivago Society of Ireland"},
	} {
		if got := typeOf(t, c.text, c.name); got != Organization {
			t.Errorf("%q in %q: type %q, want Organization (entities %s)", c.name, c.text, got, entityNames(run(t, c.text, "")))
		}
	}
	// A title before a person's name stays a title.
	x := run(t, "She met President Jonas Varga in the capital.", "")
	if p := entity(x, "Jonas Varga"); p == nil || p.Type != Person {
		t.Errorf("no person Jonas Varga in %s", entityNames(x))
	}
}

func TestHeadWithDesignatorLetter(t *testing.T) {
	if got := typeOf(t, "The two sides meet again in Group D next week.", "Group D"); got != Organization {
		t.Errorf("Group D: type %q, want Organization", got)
	}
	if got := typeOf(t, "Passengers waited for hours at Terminal C on Friday.", "Terminal C"); got != Place {
		t.Errorf("Terminal C: type %q, want Place", got)
	}
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
	x := run(t, "The seat was won by nonpartisan Lucius Ho.", "")
	if p := entity(x, "Lucius Ho"); p == nil || p.Type != Person {
		t.Errorf("no person Lucius Ho in %s", entityNames(x))
	}
}

func TestTitleToCountryThenName(t *testing.T) {
	x := run(t, "According to the Ambassador to the United States Tomas Varga, the talks went well.", "")
	p := entity(x, "Tomas Varga")
	if p == nil || p.Type != Person {
		t.Fatalf("no person Tomas Varga in %s", entityNames(x))
	}
	if len(p.Roles) != 1 || p.Roles[0].Title != "Ambassador" || p.Roles[0].Of != "country/united-states" {
		t.Errorf("Tomas Varga's roles: %+v", p.Roles)
	}
	if us := entity(x, "United States"); us == nil || us.Type != Country {
		t.Errorf("no country United States in %s", entityNames(x))
	}
}

func TestUnitNumberInName(t *testing.T) {
	x := run(t, "Soldiers of the 4th Mountain Brigade crossed the river at dawn.", "")
	if e := entity(x, "4th Mountain Brigade"); e == nil || e.Type != Organization {
		t.Errorf("no organisation 4th Mountain Brigade in %s", entityNames(x))
	}
}

func TestAmpersandAndRegionInFacilityNames(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"The capsule went to the Harbour Rail & Steam Museum last year.", "Harbour Rail & Steam Museum"},
		{"The shuttle will be shown at the Nevada Science Center next spring.", "Nevada Science Center"},
	} {
		if got := typeOf(t, c.text, c.name); got != Place {
			t.Errorf("%q in %q: type %q, want Place (entities %s)", c.name, c.text, got, entityNames(run(t, c.text, "")))
		}
	}
	// "&" between two names that are no institution's keeps them apart.
	x := run(t, "Photos: Karl Mertens & Ada Obi.", "")
	if p := entity(x, "Ada Obi"); p == nil || p.Type != Person {
		t.Errorf("no person Ada Obi in %s", entityNames(x))
	}
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
	x := run(t, "A report says the Kessler administration is pressing the leaders of the region.", "")
	if e := entity(x, "Kessler"); e == nil || e.Type != Person {
		t.Errorf("the administration's leader is not a person: %s", entityNames(x))
	}
}

func TestTitledNameIsNotAnotherPersonsFirstName(t *testing.T) {
	x := run(t, "President Abdullah Gul of Turkey met Jordan's King Abdullah in Ankara on Monday.", "")
	if e := entity(x, "Abdullah"); e == nil || e.Type != Person {
		t.Errorf("King Abdullah taken for Abdullah Gul: %s", entityNames(x))
	}
}

func TestTitledSurnameOfAnotherTitle(t *testing.T) {
	x := run(t, "First Lady Maria Kessler visited a school on Monday. President Kessler spoke in Ohio the same day.", "")
	if e := entity(x, "Maria Kessler"); e == nil || contains(e.Aliases, "Kessler") && len(e.Roles) > 1 {
		t.Fatalf("no first lady: %s", entityNames(x))
	}
	if e := entity(x, "Kessler"); e == nil || e.Type != Person {
		t.Errorf("the president taken for the first lady: %s", entityNames(x))
	}
	y := run(t, "Secretary of State Maria Kessler arrived in Paris. Secretary Kessler met officials.", "")
	if e := entity(y, "Kessler"); e != nil {
		t.Errorf("a shorter form of the same title is the same person: %s", entityNames(y))
	}
}
