// Package fields is the byte encoding the side index's rows and the explorer's snapshot share:
// strings and byte strings as a uvarint length and the bytes, read back by a Reader that
// interns the strings it returns and remembers the first malformed field.
package fields

import (
	"encoding/binary"
	"strings"
)

// Append appends s as a field.
func Append(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Reader reads fields from the bytes it was given. After a malformed field every read returns
// the zero value and Bad reports true.
type Reader struct {
	b      []byte
	bad    bool
	intern map[string]string
}

// NewReader reads b, interning the strings it returns in intern (nil: none interned). A
// hub's rows or a snapshot repeat the same predicates, dates and types thousands of times.
func NewReader(b []byte, intern map[string]string) Reader {
	return Reader{b: b, intern: intern}
}

// Bad reports whether a field was malformed.
func (r *Reader) Bad() bool { return r.bad }

// Rest is what is left to read.
func (r *Reader) Rest() []byte { return r.b }

// Fail marks the reader malformed: a caller found a field it cannot take.
func (r *Reader) Fail() { r.bad, r.b = true, nil }

// Bytes reads a byte string (it aliases the reader's bytes).
func (r *Reader) Bytes() []byte {
	n, w := binary.Uvarint(r.b)
	if w <= 0 || uint64(len(r.b)-w) < n {
		r.Fail()
		return nil
	}
	out := r.b[w : w+int(n)]
	r.b = r.b[w+int(n):]
	return out
}

// Str reads a string.
func (r *Reader) Str() string {
	b := r.Bytes()
	if r.intern == nil {
		return string(b)
	}
	if s, ok := r.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	r.intern[s] = s
	return s
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// Uint64 reads eight bytes, little-endian.
func (r *Reader) Uint64() uint64 {
	if len(r.b) < 8 {
		r.Fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

// Count reads a uvarint that counts what follows: no more than the bytes left.
func (r *Reader) Count() int {
	n, w := binary.Uvarint(r.b)
	if w <= 0 || n > uint64(len(r.b)) {
		r.Fail()
		return 0
	}
	r.b = r.b[w:]
	return int(n)
}

// Num reads a uvarint that is a number (below 2^40), not a length.
func (r *Reader) Num() int {
	n, w := binary.Uvarint(r.b)
	if w <= 0 || n > 1<<40 {
		r.Fail()
		return 0
	}
	r.b = r.b[w:]
	return int(n)
}

// Dates are ISO 8601 strings as the extractor writes them (partial allowed: "2005-03",
// "--01-22"), which order as text; "" is a date not known.

// CmpDate orders dates, unknown ones last.
func CmpDate(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return strings.Compare(a, b)
}

// MinDate is the earlier of two dates; an unknown one is later than any.
func MinDate(a, b string) string {
	if a == "" || b != "" && b < a {
		return b
	}
	return a
}

// MaxDate is the later of two dates.
func MaxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}
