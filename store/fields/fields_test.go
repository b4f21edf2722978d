package fields

import "testing"

func TestFieldsReadBackAndStopAtDamage(t *testing.T) {
	b := Append(Append(nil, "schema:name"), "")
	b = append(b, 7)
	r := NewReader(b, map[string]string{})
	if s := r.Str(); s != "schema:name" || r.Str() != "" || r.Byte() != 7 || r.Bad() || len(r.Rest()) != 0 {
		t.Fatalf("read back %q, bad %v, rest %d", s, r.Bad(), len(r.Rest()))
	}
	// a length past the end is damage, and so is every read after it
	r = NewReader([]byte{9, 'a'}, nil)
	if r.Str() != "" || !r.Bad() || r.Uint64() != 0 || r.Count() != 0 {
		t.Error("a field longer than the bytes read as good")
	}
	// strings are interned: one copy for a repeated value
	intern := map[string]string{}
	r = NewReader(Append(Append(nil, "2005-03"), "2005-03"), intern)
	r.Str()
	r.Str()
	if len(intern) != 1 {
		t.Errorf("interned %d strings, want 1", len(intern))
	}
}

func TestDatesOrderUnknownLast(t *testing.T) {
	if CmpDate("", "1997") != 1 || CmpDate("1997", "") != -1 || CmpDate("1997-05", "1997") <= 0 {
		t.Error("CmpDate")
	}
	if MinDate("", "2005") != "2005" || MinDate("2004", "") != "2004" || MaxDate("", "2005") != "2005" || MaxDate("2006", "2005") != "2006" {
		t.Error("MinDate / MaxDate")
	}
}
