package extract

import (
	"strings"
	"testing"
)

func TestTitleAndName(t *testing.T) {
	x := run(t, "The reception of NATO Deputy Secretary General Radmila Shekerinska by Azerbaijan's Foreign Minister Jeyhun Bayramov took place in Baku.", "")
	p := entity(x, "Radmila Shekerinska")
	if p == nil || p.Type != Person {
		t.Fatalf("no person Radmila Shekerinska in %s", entityNames(x))
	}
	if len(p.Roles) != 1 || p.Roles[0].Title != "Deputy Secretary General" || p.Roles[0].Of != "org/north-atlantic-treaty-organisation" {
		t.Errorf("Shekerinska's position: %+v", p.Roles)
	}
	b := entity(x, "Jeyhun Bayramov")
	if b == nil || len(b.Roles) != 1 || b.Roles[0].Title != "Foreign Minister" || b.Roles[0].Of != "country/azerbaijan" {
		t.Fatalf("Bayramov: %+v", b)
	}
	for _, e := range x.Entities {
		if e.Type == Person && e.Name != "Radmila Shekerinska" && e.Name != "Jeyhun Bayramov" {
			t.Errorf("unexpected person %q", e.Name)
		}
	}
}

func TestFormerTitle(t *testing.T) {
	x := run(t, "Azerbaijan honoured late President Heydar Aliyev's memory in Azerbaijan.", "")
	p := entity(x, "Heydar Aliyev")
	if p == nil || len(p.Roles) != 1 || !p.Roles[0].Former || p.Roles[0].Title != "President" {
		t.Fatalf("Heydar Aliyev: %+v (entities %s)", p, entityNames(x))
	}
}

func TestNationalBody(t *testing.T) {
	x := run(t, "The statement of the Azerbaijani Ministry of Foreign Affairs says so.", "")
	m := entity(x, "Ministry of Foreign Affairs of Azerbaijan")
	if m == nil || m.Type != Organization {
		t.Fatalf("no ministry in %s", entityNames(x))
	}
	az := entity(x, "Azerbaijan")
	if az == nil || az.Mentions[0].Kind != KindDemonym || az.Mentions[0].Text != "Azerbaijani" {
		t.Fatalf("Azerbaijani not a demonym mention of Azerbaijan: %+v", az)
	}
	if !hasFact(x, "Ministry of Foreign Affairs of Azerbaijan -partOf-> Azerbaijan") {
		t.Errorf("facts: %q", facts(x))
	}
}

func TestAcronymsInBrackets(t *testing.T) {
	x := run(t, "It joined the Euro-Atlantic Partnership Council (EAPC) and the Planning and Review Process (PARP) in 1997. The EAPC met again.", "")
	for name, acr := range map[string]string{"Euro-Atlantic Partnership Council": "EAPC", "Planning and Review Process": "PARP"} {
		e := entity(x, name)
		if e == nil || e.Type != Organization {
			t.Fatalf("no %s in %s", name, entityNames(x))
		}
		if len(e.Aliases) == 0 || e.Aliases[0] != acr {
			t.Errorf("%s aliases %q, want %s", name, e.Aliases, acr)
		}
	}
	if e := entity(x, "Euro-Atlantic Partnership Council"); len(e.Mentions) != 3 {
		t.Errorf("EAPC mentions: %+v", e.Mentions)
	}
	if entity(x, "EAPC") != nil {
		t.Error("the acronym became a node of its own")
	}
}

func TestAgreementNamedAfterOrganisation(t *testing.T) {
	x := run(t, "Aliyev signed the Partnership for Peace (PfP) Framework Document in 1994.", "")
	a := entity(x, "Partnership for Peace Framework Document")
	if a == nil || a.Type != Agreement || len(a.Aliases) == 0 || a.Aliases[0] != "PfP Framework Document" {
		t.Fatalf("agreement: %+v in %s", a, entityNames(x))
	}
	if entity(x, "Framework Document") != nil {
		t.Error("a bare Framework Document node")
	}
}

func TestHyphenatedNames(t *testing.T) {
	x := run(t, "The Azerbaijan-Armenia normalization process and NATO-led missions continued.", "")
	for _, n := range []string{"Azerbaijan", "Armenia"} {
		if entity(x, n) == nil {
			t.Errorf("no %s in %s", n, entityNames(x))
		}
	}
	if e := entity(x, "North Atlantic Treaty Organisation"); e == nil || e.Mentions[0].Text != "NATO" {
		t.Errorf("NATO-led: %s", entityNames(x))
	}
	if !hasFact(x, "Azerbaijan -related-> Armenia") {
		t.Errorf("facts %q", facts(x))
	}
}

func TestEventWithDate(t *testing.T) {
	x := run(t, "Agreements were reached during the August 8 Washington summit.", "2025-01-22")
	e := entity(x, "Washington summit")
	if e == nil || e.Type != Event || e.Value != "2025-08-08" {
		t.Fatalf("event: %+v in %s", e, entityNames(x))
	}
}

func TestDatelineInCapitals(t *testing.T) {
	x := run(t, "BAKU, Azerbaijan, January 22. Talks were held in Baku.", "")
	e := entity(x, "Baku")
	if e == nil || e.Type != City || len(e.Mentions) != 2 || e.Mentions[0].Text != "BAKU" {
		t.Fatalf("Baku: %+v", e)
	}
	if x.Dateline == nil || x.Dateline.Place != e.ID || x.Dateline.Date != "--01-22" {
		t.Errorf("dateline %+v", x.Dateline)
	}
	if !hasFact(x, "Baku -containedInPlace-> Azerbaijan") {
		t.Errorf("facts %q", facts(x))
	}
}

func TestPeopleOfOrganisations(t *testing.T) {
	x := run(t, "Also elected were Gary Chan of DAB and Eunice Yung of New People's Party. DAB's Ben Chan won too. "+
		"Elizabeth Quat of DAB lost. FTU's Alice Mak was elected. Lee Cheuk-yan of the Labour Party and Frederick Fung of ADPL were defeated.", "")
	want := map[string]string{"Gary Chan": Person, "Eunice Yung": Person, "New People's Party": Organization,
		"DAB": Organization, "Ben Chan": Person, "Elizabeth Quat": Person, "FTU": Organization, "Alice Mak": Person,
		"Lee Cheuk-yan": Person, "Labour Party": Organization, "Frederick Fung": Person, "ADPL": Organization}
	for name, typ := range want {
		if e := entity(x, name); e == nil || e.Type != typ {
			t.Errorf("%s: %+v in %s", name, e, entityNames(x))
		}
	}
	if len(x.Entities) != len(want) {
		t.Errorf("entities: %s", entityNames(x))
	}
}

func TestHyphenatedGivenNames(t *testing.T) {
	x := run(t, "Pro-Beijing candidates Cheng Chung-tai and Lam Cheuk-ting won seats.", "")
	for _, name := range []string{"Cheng Chung-tai", "Lam Cheuk-ting"} {
		if e := entity(x, name); e == nil || e.Type != Person {
			t.Errorf("%s: %s", name, entityNames(x))
		}
	}
}

func TestNationalBodiesWrittenWithTheirCountry(t *testing.T) {
	x := run(t, "The Indonesian Navy saved 200 people, the US State Department said.", "")
	for name, text := range map[string]string{"Navy of Indonesia": "Indonesian Navy", "State Department of United States": "US State Department"} {
		e := entity(x, name)
		if e == nil || e.Type != Organization || e.Mentions[0].Text != text || e.Country == "" {
			t.Errorf("%s: %+v in %s", name, e, entityNames(x))
		}
	}
}

func TestTownWithItsRegion(t *testing.T) {
	x := run(t, "Ahmed Mohamed, a 14-year-old boy from Irving, Texas, was arrested.", "")
	if e := entity(x, "Irving"); e == nil || e.Type != City {
		t.Errorf("Irving: %s", entityNames(x))
	}
}

func TestPlacesInsideInstitutionNames(t *testing.T) {
	x := run(t, "The exhibit opened at the University of Southern Indiana, funded by the Andy Warhol Foundation for the Visual Arts.", "")
	if e := entity(x, "University of Southern Indiana"); e == nil || e.Type != Organization {
		t.Errorf("university: %s", entityNames(x))
	}
	if e := entity(x, "Andy Warhol Foundation for the Visual Arts"); e == nil || e.Type != Organization {
		t.Errorf("foundation: %s", entityNames(x))
	}
	y := run(t, "She studies psychology at the University of Texas in Arlington.", "")
	if e := entity(y, "Texas"); e == nil || e.Type != Place || e.Mentions[0].Text != "Texas" {
		t.Errorf("Texas inside the university's name: %s", entityNames(y))
	}
}

func TestRegionNamedLikeAPerson(t *testing.T) {
	x := run(t, "Jeyhun Bayramov received Armenian Foreign Minister Ararat Mirzoyan in Baku.", "")
	if e := entity(x, "Ararat Mirzoyan"); e == nil || e.Type != Person {
		t.Errorf("Ararat Mirzoyan: %s", entityNames(x))
	}
}

// A storm is an event that strikes; it attacks no one.
func TestStormsAreEvents(t *testing.T) {
	x := run(t, "Bangladesh in November 2007 was struck by Cyclone Sidr, which killed thousands.", "")
	if s := entity(x, "Cyclone Sidr"); s == nil || s.Type != Event {
		t.Fatalf("Cyclone Sidr: %+v (entities %s)", s, entityNames(x))
	}
	if factWith(x, "Cyclone Sidr -attacked->") {
		t.Errorf("facts: %q", facts(x))
	}
}

// A city's name before an organisation's head word names the body.
func TestCityBodies(t *testing.T) {
	x := run(t, "Both Poland and Hungary are former Warsaw Pact countries. The Moscow Times reported the deal.", "")
	if e := entity(x, "Warsaw"); e != nil {
		t.Errorf("Warsaw read alone in 'Warsaw Pact' (entities %s)", entityNames(x))
	}
	if e := entity(x, "Moscow Times"); e == nil || e.Type != Organization {
		t.Errorf("Moscow Times: %+v (entities %s)", e, entityNames(x))
	}
}

// An unknown name that runs into a title before a person's name is the body the title is of.
func TestBodyBeforeTitle(t *testing.T) {
	x := run(t, "Federal Reserve Chairman Ben Bernanke said interest rates would stay low.", "")
	if e := entity(x, "Federal Reserve"); e == nil || e.Type != Organization {
		t.Fatalf("Federal Reserve: %+v (entities %s)", e, entityNames(x))
	}
	if !hasFact(x, "Ben Bernanke -heads-> Federal Reserve") {
		t.Errorf("facts: %q", facts(x))
	}
	for _, text := range []string{
		"Democratic Senate Leader Harry Reid said he plans to oppose the nomination.",
		"Chechen President Ramzan Kadyrov says the attack will not stop efforts.",
	} {
		x := run(t, text, "")
		for _, e := range x.Entities {
			if e.Name == "Democratic Senate" || e.Name == "Chechen" {
				t.Errorf("%q: a description read as a body: %s", text, entityNames(x))
			}
		}
	}
}

// A kunya and a family name with its article are one person's name.
func TestKunyaNames(t *testing.T) {
	x := run(t, "The group was headed by Abu Musab al-Zarqawi until his death.", "")
	if e := entity(x, "Abu Musab al-Zarqawi"); e == nil || e.Type != Person {
		t.Fatalf("Abu Musab al-Zarqawi: %+v (entities %s)", e, entityNames(x))
	}
	if e := entity(x, "Abu Musab"); e != nil {
		t.Errorf("the kunya read as a name of its own (entities %s)", entityNames(x))
	}
}

// A hyphenated name whose first half names nothing is one name, not its second half.
func TestHyphenatedNameIsWhole(t *testing.T) {
	x := run(t, "Experts from the Inter-American Institute for Cooperation on Agriculture discussed the outbreak.", "")
	for _, e := range x.Entities {
		if strings.HasPrefix(e.Name, "American") {
			t.Errorf("the second half of a hyphenated name read alone: %s", entityNames(x))
		}
	}
}

// A city's name and "International" before a competition noun name a competition.
func TestCityCompetitions(t *testing.T) {
	x := run(t, "Justine Henin-Hardenne has won the women's title at the Sydney International tournament in Australia.", "")
	if e := entity(x, "Sydney International"); e == nil || e.Type != Event {
		t.Fatalf("Sydney International: %+v (entities %s)", e, entityNames(x))
	}
	if !hasFact(x, "Justine Henin-Hardenne -won-> Sydney International") {
		t.Errorf("facts: %q", facts(x))
	}
	x = run(t, "The trial in Sydney was unfair, Amnesty International said.", "")
	if e := entity(x, "Amnesty International"); e == nil || e.Type != Organization {
		t.Errorf("Amnesty International: %+v (entities %s)", e, entityNames(x))
	}
}

// A sentence's first word begins a name when the run of proper nouns ends with an institution's
// head word; not when it is an adjective.
func TestSentenceInitialInstitutions(t *testing.T) {
	x := run(t, "Amnesty International said the trial was unfair.", "")
	if e := entity(x, "Amnesty International"); e == nil || e.Type != Organization {
		t.Errorf("Amnesty International: %+v (entities %s)", e, entityNames(x))
	}
	x = run(t, "Democratic Senate Leader Harry Reid said he plans to oppose the nomination.", "")
	if e := entity(x, "Democratic Senate"); e != nil {
		t.Errorf("an adjective read as the start of a name (entities %s)", entityNames(x))
	}
}

// Faiths and blocs are no one's name.
func TestFaithsAreNoNames(t *testing.T) {
	x := run(t, "Muslim leaders and Roman Catholic bishops met Western diplomats in Cairo.", "")
	for _, e := range x.Entities {
		if e.Name == "Muslim" || e.Name == "Roman Catholic" || e.Name == "Western" {
			t.Errorf("a faith or bloc read as a name: %s", entityNames(x))
		}
	}
}

// A surname keeps its particle; a generation suffix is part of the name; "-designate" titles.
func TestNameParticlesSuffixesAndDesignates(t *testing.T) {
	x := run(t, "Osama bin Laden released a tape. Officials said bin Laden was alive.", "")
	e := entity(x, "Osama bin Laden")
	if e == nil {
		t.Fatalf("no Osama bin Laden in %s", entityNames(x))
	}
	var short bool
	for _, m := range e.Mentions {
		short = short || m.Text == "bin Laden"
	}
	if !short {
		t.Errorf("the surname without its particle: %+v", e.Mentions)
	}
	x = run(t, "Rapper Busta Rhymes, whose real name is Trevor Smith, Jr., was questioned.", "")
	if entity(x, "Trevor Smith, Jr.") == nil || entity(x, "Jr.") != nil {
		t.Errorf("the suffix: %s", entityNames(x))
	}
	x = run(t, "Israeli Prime Minister-designate Tzipi Livni says she will form a new coalition government.", "")
	if !hasFact(x, "Tzipi Livni -heads-> Israel [designate]") {
		t.Errorf("facts: %q (entities %s)", facts(x), entityNames(x))
	}
}

// "Sheikh" between a given name and a family name is part of the name.
func TestHonorificInsideAName(t *testing.T) {
	x := run(t, "The defense's motion pertains to the case of the alleged mastermind, Khalid Sheikh Mohammed.", "")
	if e := entity(x, "Khalid Sheikh Mohammed"); e == nil || e.Type != Person {
		t.Errorf("Khalid Sheikh Mohammed: %s", entityNames(x))
	}
}

// A name that opens with a common adjective of organisations' names is no person's.
func TestAdjectiveOpensNoPersonsName(t *testing.T) {
	x := run(t, "Meantime, the militant group Islamic Jihad says one of its fighters was killed in a clash with Israeli forces.", "")
	if e := entity(x, "Islamic Jihad"); e == nil || e.Type != Organization {
		t.Errorf("Islamic Jihad: %+v (entities %s)", e, entityNames(x))
	}
}

// A person's possessive inside an organisation's run is the person and the body; a title's
// possessive begins an organisation's name.
func TestPossessivesInNames(t *testing.T) {
	x := run(t, "The 1968 coup brought Saddam Hussein's Baath Party to power.", "")
	if entity(x, "Saddam Hussein") == nil || entity(x, "Baath Party") == nil {
		t.Errorf("a person's body: %s", entityNames(x))
	}
	x = run(t, "Two members of President Bush's National Security Council met Chinese President Hu Jintao.", "")
	if e := entity(x, "National Security Council"); e == nil || e.Type != Organization {
		t.Errorf("a titled person's body: %s", entityNames(x))
	}
	x = run(t, "Uganda's government and rebels of the Lord's Resistance Army are nearing a peace deal.", "")
	if e := entity(x, "Lord's Resistance Army"); e == nil || e.Type != Organization {
		t.Errorf("Lord's Resistance Army: %s", entityNames(x))
	}
}

// A country's house, court, bank or office is a body of the state; a city's court is in it.
func TestMoreBodiesOfTheState(t *testing.T) {
	x := run(t, "Last month, the U.S. House of Representatives passed a measure, and a U.S. District Court sentenced him.", "")
	for _, f := range []string{"House of Representatives of United States -partOf-> United States", "District Court of United States -partOf-> United States"} {
		if !hasFact(x, f) {
			t.Errorf("want %s: %q", f, facts(x))
		}
	}
	x = run(t, "London's High Court ruled on Monday that the extradition could go ahead.", "")
	if factWith(x, "-partOf-> London") {
		t.Errorf("a city's court is no part of it: %q", facts(x))
	}
}

// A trade word ends a company's name.
func TestCompaniesByTheirTrade(t *testing.T) {
	x := run(t, "The suspects, the companies Sara Properties and Meadowbrook Investments, are reported to be based in Britain.", "")
	for _, name := range []string{"Sara Properties", "Meadowbrook Investments"} {
		if e := entity(x, name); e == nil || e.Type != Organization {
			t.Errorf("%s: %+v (entities %s)", name, e, entityNames(x))
		}
	}
}
