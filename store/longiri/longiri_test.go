package longiri

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// Bound leaves an IRI of MaxBytes as it is, makes a longer one short without cutting a
// character in two, tells two long IRIs with the same beginning apart, and is idempotent.
func TestBound(t *testing.T) {
	at := quad.IRI("news:" + strings.Repeat("x", MaxBytes-5))
	if Bound(at) != at {
		t.Error("an IRI of MaxBytes was changed")
	}
	long := quad.IRI("news:" + strings.Repeat("é", MaxBytes))
	short := Bound(long)
	if len(short) > 400 || !utf8.ValidString(string(short)) || !strings.Contains(string(short), "/sha256-") {
		t.Errorf("Bound(long) = %.60s... (%d bytes)", short, len(short))
	}
	if Bound(short) != short {
		t.Error("Bound is not idempotent")
	}
	if Bound(long+"y") == short {
		t.Error("two long IRIs with the same beginning have one short form")
	}
}

// BoundQuad makes a quad's long IRIs short and FullQuads keeps each one's full IRI, once.
func TestShortened(t *testing.T) {
	long := quad.IRI("person:" + strings.Repeat("x", 3000))
	var s Shortened
	q := s.BoundQuad(quad.Quad{Subject: long, Predicate: quad.IRI("schema:knows"), Object: long})
	if q.Subject != Bound(long) || q.Object != Bound(long) {
		t.Errorf("BoundQuad left a long IRI: %.60v", q)
	}
	if q := s.BoundQuad(quad.Quad{Subject: quad.IRI("a"), Predicate: quad.IRI("b"), Object: quad.String(long)}); q.Object != quad.String(long) {
		t.Error("BoundQuad changed a literal")
	}
	full := s.FullQuads("news:1")
	want := quad.Quad{Subject: Bound(long), Predicate: FullPredicate, Object: quad.String(long), Label: quad.IRI("news:1")}
	if len(full) != 1 || full[0] != want {
		t.Errorf("FullQuads = %v", full)
	}
	var none Shortened
	if len(none.FullQuads("x")) != 0 {
		t.Error("FullQuads of nothing bounded is not empty")
	}
}
