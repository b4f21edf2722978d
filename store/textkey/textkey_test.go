package textkey

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestNameKey(t *testing.T) {
	for in, want := range map[string]string{
		"Jeyhun  Bayramov":          "jeyhun bayramov",
		"JEYHUN BAYRAMOV":           "jeyhun bayramov",
		"Türkiye":                   "turkiye",
		"U.S.":                      "us",
		"Mevlüt Çavuşoğlu":          "mevlut cavusoglu",
		"Euro-Atlantic Partnership": "euro atlantic partnership",
		"O'Neill":                   "oneill",
		"  ":                        "",
	} {
		if got := NameKey(in); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", in, got, want)
		}
	}
	if got := NameWords("Jeyhun Bayramov"); !reflect.DeepEqual(got, []string{"jeyhun", "bayramov"}) {
		t.Errorf("NameWords = %q", got)
	}
	if got := NameWords("Bayramov"); got != nil {
		t.Errorf("a one-word name has no separate words: %q", got)
	}
	if got := NameWords("Li Zhaoxing"); !reflect.DeepEqual(got, []string{"zhaoxing"}) {
		t.Errorf("short words are left out: %q", got)
	}
}

const story = `BAKU, March 4. Azerbaijan's Foreign Minister Jeyhun Bayramov received Armenian Foreign
Minister Ararat Mirzoyan in Baku on Monday, the Azerbaijani Ministry of Foreign Affairs said. The two
ministers discussed the normalization process between the two countries, the delimitation of the
border and the opening of regional transport links. Bayramov said that the sides had made progress on
the text of a peace agreement but that several questions remained open. Mirzoyan told reporters that
Armenia was ready to continue the negotiations at the level of experts.`

func TestFingerprintFindsCopies(t *testing.T) {
	a, ok := FingerprintOf(story)
	if !ok || len(a.Signature) != Hashes || len(a.Bands) != Bands {
		t.Fatalf("fingerprint: %v %d %d", ok, len(a.Signature), len(a.Bands))
	}
	// The same text re-wrapped and re-cased is the same text.
	b, _ := FingerprintOf(strings.ToUpper(strings.ReplaceAll(story, "\n", "  ")))
	if Similarity(a.Signature, b.Signature) != 1 || !reflect.DeepEqual(a.Bands, b.Bands) {
		t.Error("white space and case change the fingerprint")
	}
	// A copy with a line added by the outlet.
	copied := story + " Follow the Baku Post on social media."
	c, _ := FingerprintOf(copied)
	j := Jaccard(story, copied)
	if est := Similarity(a.Signature, c.Signature); j < 0.9 || math.Abs(est-j) > 0.1 {
		t.Errorf("copy: Jaccard %.2f, estimate %.2f", j, est)
	}
	if !shareBand(a, c) {
		t.Error("a near-identical copy shares no LSH band")
	}
	// Another story about the same people is not a copy.
	other := `YEREVAN, March 6. Armenian Foreign Minister Ararat Mirzoyan returned from Baku on Wednesday,
where Azerbaijan's Foreign Minister Jeyhun Bayramov received him for talks on a peace treaty.`
	d, _ := FingerprintOf(other)
	if est := Similarity(a.Signature, d.Signature); est > 0.3 {
		t.Errorf("another story: estimate %.2f", est)
	}
	if _, ok := FingerprintOf(" ... "); ok {
		t.Error("a text without words has a fingerprint")
	}
	if f, ok := FingerprintOf("one two"); !ok || len(f.Bands) != Bands {
		t.Error("a text shorter than a shingle has no fingerprint")
	}
}

func shareBand(a, b Fingerprint) bool {
	for _, x := range a.Bands {
		for _, y := range b.Bands {
			if x == y {
				return true
			}
		}
	}
	return false
}

func TestSignatureEncoding(t *testing.T) {
	f, _ := FingerprintOf(story)
	s := f.Signature.String()
	back, err := ParseSignature(s)
	if err != nil || !reflect.DeepEqual(back, f.Signature) {
		t.Fatalf("round trip: %v", err)
	}
	if len(s) > 400 {
		t.Errorf("stored signature is %d bytes", len(s))
	}
	for _, bad := range []string{"", "!!", s[:10]} {
		if _, err := ParseSignature(bad); err == nil {
			t.Errorf("ParseSignature(%q) accepted", bad)
		}
	}
}

func TestEntityKeys(t *testing.T) {
	got := EntityKeys([]string{"Jeyhun Bayramov"}, []string{"J. BAYRAMOV", "Bayramov"}, true)
	want := []string{"jeyhun bayramov", "j bayramov", "bayramov", "jeyhun"}
	if !slices.Equal(got, want) {
		t.Errorf("person: %q, want %q", got, want)
	}
	// Words are a person's only; an alias's words never.
	got = EntityKeys([]string{"Türkiye Petroleum"}, []string{"TPAO"}, false)
	want = []string{"turkiye petroleum", "tpao"}
	if !slices.Equal(got, want) {
		t.Errorf("organisation: %q, want %q", got, want)
	}
}
