package extract

import "testing"

func TestRelationPatterns(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Foreign Minister Jeyhun Bayramov received NATO Deputy Secretary General Radmila Shekerinska on Monday.", "Jeyhun Bayramov -received-> Radmila Shekerinska"},
		{"NATO Deputy Secretary General Radmila Shekerinska was received by Foreign Minister Jeyhun Bayramov.", "Jeyhun Bayramov -received-> Radmila Shekerinska"},
		{"The reception of NATO Deputy Secretary General Radmila Shekerinska by Foreign Minister Jeyhun Bayramov was warm.", "Jeyhun Bayramov -received-> Radmila Shekerinska"},
		{"President Emmanuel Macron's visit to Germany ended.", "Emmanuel Macron -visited-> Germany"},
		{"Talks between Armenia and Azerbaijan resumed.", "Armenia -heldTalksWith-> Azerbaijan"},
		{"Russia attacked Ukraine in 2022.", "Russia -attacked-> Ukraine"},
		{"France and Germany signed the Elysee Treaty in 1963.", "France -signed-> Elysee Treaty"},
		{"France and Germany signed the Elysee Treaty in 1963.", "Germany -signed-> Elysee Treaty"},
		{"Georgia, a member of the Partnership for Peace, sent troops.", "Georgia -memberOf-> Partnership for Peace"},
		{"Finland joined NATO in 2023.", "Finland -joined-> North Atlantic Treaty Organisation"},
		{"Finland's accession to NATO was completed.", "Finland -joined-> North Atlantic Treaty Organisation"},
		{"Iran did not attack Israel.", "Iran -attacked-> Israel [negated]"},
		{"Iran denied attacking Israel.", "Iran -attacked-> Israel [negated]"},
		{"Turkey may visit Armenia next year.", "Türkiye -visited-> Armenia [may]"},
		{"Ukraine said Russia attacked Poland.", "Russia -attacked-> Poland [by Ukraine]"},
		{"Russia's Foreign Minister Sergei Lavrov condemned NATO.", "Sergei Lavrov -condemned-> North Atlantic Treaty Organisation"},
		{"Israeli Prime Minister Ehud Olmert and Palestinian President Mahmoud Abbas resumed U.S.-brokered peace talks.", "Ehud Olmert -heldTalksWith-> Mahmoud Abbas"},
		{"Prince Saud has expressed concerns over Iran's alleged interference in Iraq.", "Saud -criticised-> Iran"},
		{"The head of the ruling MVR party, William Lara, spoke on Monday.", "William Lara -heads-> MVR"},
		{"President Barack Obama has named Gene Sperling as the new head of the National Economic Council.", "Gene Sperling -heads-> National Economic Council"},
		{"Major General Udi Adam - the head of the army's Northern Command - has resigned.", "Udi Adam -heads-> Northern Command"},
		{"Iraq and Iran fought a bloody war in the 1980s.", "Iraq -foughtAgainst-> Iran"},
		{"Mr. Bush also thanked Mr. Buckovski for sending troops.", "Bush -praised-> Buckovski"},
		{"Militants attacked a post close to Tirin Kot, the capital of restive Uruzgan province.", "Tirin Kot -containedInPlace-> Uruzgan"},
		{"They spoke after infighting with the rival Fatah party of President Mahmoud Abbas.", "Mahmoud Abbas -memberOf-> Fatah"},
		{"Chavez backs a movement in Venezuela's oil-rich Zulia state.", "Zulia -containedInPlace-> Venezuela"},
	}
	for _, c := range cases {
		x := run(t, c.text, "")
		if !hasFact(x, c.want) {
			t.Errorf("%q:\n  want %s\n  got  %q\n  entities %s", c.text, c.want, facts(x), entityNames(x))
		}
	}
}

func TestNoEdgeWithoutBothEnds(t *testing.T) {
	x := run(t, "Azerbaijan hosted the talks. The minister praised the results.", "")
	for _, r := range x.Relations {
		t.Errorf("unexpected relation %+v", r)
	}
}

// A nominal ("since joining the Rockets") with no actor in reach once crashed the relater
// (GMB article 641): the implicit actor is nil and no relation may be made from it.
func TestNominalWithoutActor(t *testing.T) {
	text := "The 25-year-old center has played in 266 regular-season games since joining the Rockets in 2002. He has had a problem with his toe for some time."
	ex := New().Extract(Article{Text: text})
	for _, r := range ex.Relations {
		if r.Predicate == PredJoined {
			t.Errorf("joined made without an actor: %+v", r)
		}
	}
}
