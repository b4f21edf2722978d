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
