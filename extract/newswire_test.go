package extract

import "testing"

// Wire copy as agencies file it (issue 15, "Entities that follow the sentence"): datelines after
// a headline, results lists and standings, weekdays that are no places.

func TestDatelineAfterHeadline(t *testing.T) {
	x := run(t, "TENNIS - RESULTS FROM THE OPEN.\n\nLONDON 1996-12-06\n\nThe seeds went through on Friday.", "")
	if x.Dateline == nil || x.Dateline.Place != "city/london" || x.Dateline.Date != "1996-12-06" {
		t.Fatalf("dateline %+v, want London (the British capital) on 1996-12-06: %s", x.Dateline, entityNames(x))
	}
	x = run(t, "MARKETS - STOCKS CLOSE HIGHER.\n\nWASHINGTON (Reuters) - Stocks rose on Tuesday.", "")
	if x.Dateline == nil || x.Dateline.Place != "city/washington" {
		t.Errorf("dateline %+v, want Washington", x.Dateline)
	}
	// a later sentence opening with a place and a comma is no dateline
	x = run(t, "The talks ended on Monday. Baku, the capital, was quiet.", "")
	if x.Dateline != nil {
		t.Errorf("dateline %+v in the body of a story", x.Dateline)
	}
}

func TestResultsListNamesClubs(t *testing.T) {
	x := run(t, "Results of Dutch first division matches on Friday: Utrecht 2 Fortuna Sittard 1, "+
		"Ajax Amsterdam 3 Vitesse Arnhem 0, Groningen 1 PSV Eindhoven 1.", "")
	for _, name := range []string{"Utrecht", "Fortuna Sittard", "Ajax Amsterdam", "Vitesse Arnhem", "Groningen", "PSV Eindhoven"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s is a club in a results list: %s", name, entityNames(x))
		}
	}
	for _, want := range []string{"Utrecht -beat-> Fortuna Sittard", "Ajax Amsterdam -beat-> Vitesse Arnhem", "Groningen -drewWith-> PSV Eindhoven"} {
		if !hasFact(x, want) {
			t.Errorf("the list says %s: %q", want, facts(x))
		}
	}
	x = run(t, "Standings after Saturday's matches:\nBarnsley 4 3 1 0 10 3 10\nWimbledon 4 2 2 0 7 3 8", "")
	for _, name := range []string{"Barnsley", "Wimbledon"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s heads a standings row: %s", name, entityNames(x))
		}
	}
	// one number after a name in prose is no result
	x = run(t, "Utrecht 2 was the name of the plan, officials in Utrecht said.", "")
	if e := entity(x, "Utrecht"); e == nil || e.Type != City {
		t.Errorf("Utrecht outside a results list is the city: %s", entityNames(x))
	}
}

func TestWeekdayIsNoPlace(t *testing.T) {
	x := run(t, "England played Pakistan at The Oval on Thursday.", "")
	if e := entity(x, "Thursday"); e != nil {
		t.Errorf("Thursday is a day, not a %s", e.Type)
	}
}

func TestCrudeGradesAreNoPlaces(t *testing.T) {
	x := run(t, "Brent crude rose on Friday. Nigeria's Bonny Light was quoted at $23.50 a barrel and "+
		"Brazil's Minas at $22.10, traders said.", "")
	for _, name := range []string{"Brent", "Bonny Light", "Minas"} {
		if e := entity(x, name); e != nil {
			t.Errorf("%s is a crude grade, not a %s: %s", name, e.Type, entityNames(x))
		}
	}
	for _, name := range []string{"Nigeria", "Brazil"} {
		if entity(x, name) == nil {
			t.Errorf("%s is still named: %s", name, entityNames(x))
		}
	}
	x = run(t, "Hong Kong's Hang Seng index dropped more than 5 percent, and the Shanghai Composite Index fell.", "")
	for _, e := range x.Entities {
		if e.Type != Country && e.Type != City && e.Type != Date {
			t.Errorf("an index made a %s: %s", e.Type, e.Name)
		}
	}
	// an agency of a country that quotes someone is no commodity
	x = run(t, "Iran's Student News Agency quoted Mr. Ahmadinejad as saying oil would reach $100 a barrel.", "")
	if e := entity(x, "Student News Agency"); e == nil {
		t.Errorf("the agency is lost: %s", entityNames(x))
	}
}

func TestHeadlineCapitalsNeedTheBody(t *testing.T) {
	text := "ALPINE SKIING - KOSTNER WINS WORLD CUP DOWNHILL.\n\nVAL D'ISERE, France 1996-12-07\n\n" +
		"Italy's Isolde Kostner won a World Cup downhill on Saturday.\n\n" +
		"SOCCER - ENGLISH PREMIER DIVISION RESULTS AT 1600 GMT.\n\nCRICKET - ENGLAND V PAKISTAN SCOREBOARD.\n"
	x := run(t, text, "")
	for _, e := range x.Entities {
		for _, m := range e.Mentions {
			switch m.Text {
			case "ALPINE", "SKIING", "ALPINE SKIING", "GMT", "DIVISION", "SOCCER", "CRICKET", "SCOREBOARD":
				t.Errorf("headline word %q made a %s", m.Text, e.Type)
			}
		}
	}
	if e := entity(x, "Isolde Kostner"); e == nil || len(e.Mentions) < 2 {
		t.Errorf("KOSTNER in the headline is the Kostner of the body: %+v", e)
	}
	if e := entity(x, "Pakistan"); e == nil || e.Type != Country {
		t.Errorf("PAKISTAN is the country the gazetteer knows: %s", entityNames(x))
	}
	if x.Dateline == nil || x.Dateline.Date != "1996-12-07" || entity(x, "Val D'isere") == nil || entity(x, "Val D'isere").Type != Place {
		t.Errorf("dateline %+v: the place in capitals before the country: %s", x.Dateline, entityNames(x))
	}
}

func TestSharedCompetitionNamesAreTheSports(t *testing.T) {
	ski := run(t, "Isolde Kostner won a World Cup downhill on Saturday, her second World Cup win of the skiing season.", "")
	cricket := run(t, "Pakistan will host the World Cup, the cricket board said after the fifth wicket fell.", "")
	a, b := entity(ski, "Alpine Skiing World Cup"), entity(cricket, "Cricket World Cup")
	if a == nil || b == nil || a.ID == b.ID {
		t.Errorf("two sports' World Cups: %s | %s", entityNames(ski), entityNames(cricket))
	}
	// a sentence about no sport in an article about several names none
	x := run(t, "The World Cup drew big crowds.", "")
	if entity(x, "World Cup") == nil {
		t.Errorf("no sport, the name as written: %s", entityNames(x))
	}
}

func TestCityAndNicknameAreOneClub(t *testing.T) {
	x := run(t, "The Detroit Red Wings beat the New York Rangers 3-2 on Saturday.", "")
	for _, name := range []string{"Detroit Red Wings", "New York Rangers"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s is one club: %s", name, entityNames(x))
		}
	}
	if !hasFact(x, "Detroit Red Wings -beat-> New York Rangers") {
		t.Errorf("the result: %q", facts(x))
	}
}

func TestCompaniesByTheirLegalForm(t *testing.T) {
	x := run(t, "Daimler-Benz AG said on Tuesday its net profit rose, while Deutsche Telekom AG and "+
		"British Airways Plc reported losses. Shares in Fokker NV and Elf Aquitaine SA fell in Paris.", "")
	for _, name := range []string{"Daimler-Benz AG", "Deutsche Telekom AG", "British Airways Plc", "Fokker NV", "Elf Aquitaine SA"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s is a company: %s", name, entityNames(x))
		}
	}
}

func TestClubsByTheirWords(t *testing.T) {
	x := run(t, "Manchester United beat Aston Villa 2-0 at Old Trafford, while Bayern Munich drew 1-1 with "+
		"Borussia Dortmund. Real Madrid striker Davor Suker scored twice in the match.", "")
	for _, name := range []string{"Manchester United", "Aston Villa", "Bayern Munich", "Borussia Dortmund", "Real Madrid"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s is a club: %s", name, entityNames(x))
		}
	}
	if e := entity(x, "Davor Suker"); e == nil || e.Type != Person {
		t.Errorf("the striker is a person: %s", entityNames(x))
	}
	// a town the agency dates its story from is no club
	x = run(t, "Officials in London Wednesday said the talks would go on.", "")
	if e := entity(x, "London"); e == nil || e.Type != City {
		t.Errorf("London is the city: %s", entityNames(x))
	}
}

func TestTitleWordEndingAGivenNameIsASurname(t *testing.T) {
	x := run(t, "Prime Minister John Major told parliament the pound was stable.", "")
	if e := entity(x, "John Major"); e == nil || e.Type != Person {
		t.Errorf("John Major: %s", entityNames(x))
	}
	// a title before the name it introduces stays a title
	x = run(t, "John met General Wesley Clark in Brussels.", "")
	if e := entity(x, "Wesley Clark"); e == nil {
		t.Errorf("General Wesley Clark: %s", entityNames(x))
	}
}

func TestScorecardNamesArePlayers(t *testing.T) {
	x := run(t, "England first innings\n\nMike Atherton c Rashid Latif b Wasim Akram 31\n\n"+
		"Alec Stewart lbw b Waqar Younis 44\n\nGraham Thorpe run out 54\n\n"+
		"Bowling: Wasim Akram 15-3-40-2, Waqar Younis 12-1-50-1", "")
	for _, name := range []string{"Mike Atherton", "Rashid Latif", "Wasim Akram", "Alec Stewart", "Waqar Younis", "Graham Thorpe"} {
		if e := entity(x, name); e == nil || e.Type != Person {
			t.Errorf("%s is a player: %s", name, entityNames(x))
		}
	}
}

func TestDefenceNames(t *testing.T) {
	x := run(t, "WASHINGTON — The U.S. Army awarded a contract for Patriot PAC-3 MSE interceptors, the Pentagon said. "+
		"The 82nd Airborne Division deployed, and the Missile Defense Agency will test the SM-3 Block IIA. "+
		"Raytheon Technologies and BAE Systems bid.", "")
	for _, e := range x.Entities {
		for _, m := range e.Mentions {
			if m.Text == "The U.S. Army" || m.Text == "Patriot" || m.Text == "SM-3 Block" || m.Text == "SM-3 Block IIA" {
				t.Errorf("%q made a %s", m.Text, e.Type)
			}
		}
	}
	for _, name := range []string{"82nd Airborne Division", "Missile Defense Agency", "Raytheon Technologies", "BAE Systems"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s is an organisation: %s", name, entityNames(x))
		}
	}
}

func TestChampionsWonWhatTheyAreChampionsOf(t *testing.T) {
	wantFacts(t, map[string]string{
		"Dushevina next meets Australian Open champion Amelie Mauresmo of France in the second round.": "Amelie Mauresmo -won-> Australian Open",
		"Vera Douchevina was the 2002 junior champion at Wimbledon.":                                   "Vera Douchevina -won-> Wimbledon",
	})
}
