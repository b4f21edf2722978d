package explore

import (
	"encoding/binary"
)

// The snapshot's fields are the card index's (store/cards/cardindex/cardindex.go): a uvarint length and
// the bytes.

func appendField(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// fieldReader reads fields, interning the strings it returns (the snapshot repeats the same
// dates and types thousands of times).
type fieldReader struct {
	b      []byte
	bad    bool
	intern map[string]string
}

func (r *fieldReader) bytes() []byte {
	n, w := binary.Uvarint(r.b)
	if w <= 0 || uint64(len(r.b)-w) < n {
		r.bad, r.b = true, nil
		return nil
	}
	out := r.b[w : w+int(n)]
	r.b = r.b[w+int(n):]
	return out
}

func (r *fieldReader) str() string {
	b := r.bytes()
	if s, ok := r.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	r.intern[s] = s
	return s
}
