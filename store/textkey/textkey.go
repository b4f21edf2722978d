// Package textkey makes the small keys that let the store find things by index lookups
// instead of scans: name keys (case- and accent-insensitive names and name words) and
// MinHash signatures with LSH bands (near-identical article texts: wire copies).
//
// Package schema computes them when it maps an article to quads; package store reads them
// back. Both must agree, so the algorithms live here, in one place, with no dependency but
// the standard library and golang.org/x/text.
package textkey

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameKey is a name in the form used for case- and accent-insensitive lookups: lower case,
// accents removed, every run of characters that are not letters or digits one space,
// apostrophes and dots dropped. "Jeyhun  Bayramov" and "JEYHUN BAYRAMOV" give "jeyhun bayramov";
// "Türkiye" gives "turkiye"; "U.S." gives "us".
func NameKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped
		case r == '\'' || r == '’' || r == '.':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// NameWords are the words of a person's name worth a lookup of their own ("bayramov" finds
// Jeyhun Bayramov): the words of NameKey(name) of at least three characters, when the name has
// more than one word.
func NameWords(name string) []string {
	words := strings.Fields(NameKey(name))
	if len(words) < 2 {
		return nil
	}
	var out []string
	for _, w := range words {
		if len([]rune(w)) >= 3 && !contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// MinHash parameters. A signature has Hashes slots, grouped in Bands bands of Rows slots for
// locality-sensitive hashing: two texts whose shingle sets have Jaccard similarity J share at
// least one band with probability 1-(1-J^Rows)^Bands (J=0.9: 0.9999; J=0.5: 0.06).
const (
	Shingle = 5 // words per shingle
	Hashes  = 128
	Bands   = 16
	Rows    = Hashes / Bands
)

// Signature is the MinHash signature of a text: for each of Hashes hash functions, the
// smallest hash of the text's word shingles. Stored, only the low 16 bits of each slot are
// kept (b-bit MinHash): enough to estimate similarity, 256 bytes per article.
type Signature []uint16

// Fingerprint is what is stored for a text: its signature and its LSH band keys.
type Fingerprint struct {
	Signature Signature
	Bands     []string // Bands values, "b00:" + 16 hex digits, one per band
}

// FingerprintOf returns the text's fingerprint, or ok false when the text has no words.
func FingerprintOf(text string) (fp Fingerprint, ok bool) {
	words := strings.Fields(NameKey(text))
	if len(words) == 0 {
		return Fingerprint{}, false
	}
	var mins [Hashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	n := len(words) - Shingle + 1
	if n < 1 {
		n = 1
	}
	for i := 0; i < n; i++ {
		end := min(i+Shingle, len(words))
		h := fnv.New64a()
		for j, w := range words[i:end] {
			if j > 0 {
				h.Write([]byte{' '})
			}
			h.Write([]byte(w))
		}
		x := h.Sum64()
		for k := range mins {
			if v := mix(x + seeds[k]); v < mins[k] {
				mins[k] = v
			}
		}
	}
	fp.Signature = make(Signature, Hashes)
	for k, m := range mins {
		fp.Signature[k] = uint16(m)
	}
	var buf [8]byte
	for b := 0; b < Bands; b++ {
		h := fnv.New64a()
		for _, m := range mins[b*Rows : (b+1)*Rows] {
			binary.BigEndian.PutUint64(buf[:], m)
			h.Write(buf[:])
		}
		fp.Bands = append(fp.Bands, fmt.Sprintf("b%02d:%016x", b, h.Sum64()))
	}
	return fp, true
}

// seeds make the Hashes hash functions out of one: h_k(x) = mix(x + seeds[k]).
var seeds = func() [Hashes]uint64 {
	var s [Hashes]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i))
		s[i] = x
	}
	return s
}()

// mix is splitmix64's finaliser: a fast, well-spread 64-bit hash of x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// String encodes the signature as it is stored: unpadded URL-safe base64 of the big-endian
// 16-bit slots.
func (s Signature) String() string {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.BigEndian.PutUint16(b[2*i:], v)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseSignature decodes a stored signature.
func ParseSignature(str string) (Signature, error) {
	b, err := base64.RawURLEncoding.DecodeString(str)
	if err != nil {
		return nil, fmt.Errorf("minhash signature: %w", err)
	}
	if len(b) != 2*Hashes {
		return nil, errors.New("minhash signature: wrong length")
	}
	s := make(Signature, Hashes)
	for i := range s {
		s[i] = binary.BigEndian.Uint16(b[2*i:])
	}
	return s, nil
}

// Similarity estimates the Jaccard similarity of the shingle sets of the two texts: the share
// of slots where the signatures agree.
func Similarity(a, b Signature) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// Jaccard is the exact Jaccard similarity of the two texts' word shingle sets, for tests and
// for checking the estimate.
func Jaccard(a, b string) float64 {
	sa, sb := shingles(a), shingles(b)
	if len(sa) == 0 && len(sb) == 0 {
		return 1
	}
	inter := 0
	for s := range sa {
		if sb[s] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func shingles(text string) map[string]bool {
	words := strings.Fields(NameKey(text))
	out := map[string]bool{}
	if len(words) == 0 {
		return out
	}
	n := max(len(words)-Shingle+1, 1)
	for i := 0; i < n; i++ {
		out[strings.Join(words[i:min(i+Shingle, len(words))], " ")] = true
	}
	return out
}

// EntityKeys are the name keys of an entity as one article describes it: the key of each of
// its names and aliases and, for a person, the words of each name (NameWords), each once, in
// that order. They are not stored as quads: the card index and the lookups by name key derive
// them from the names (databases written before kept them as ng:nameKey quads).
func EntityKeys(names, aliases []string, person bool) []string {
	var out []string
	add := func(k string) {
		if k != "" && !contains(out, k) {
			out = append(out, k)
		}
	}
	for _, n := range names {
		add(NameKey(n))
	}
	for _, a := range aliases {
		add(NameKey(a))
	}
	if person {
		for _, n := range names {
			for _, w := range NameWords(n) {
				add(w)
			}
		}
	}
	return out
}
