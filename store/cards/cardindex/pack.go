package cardindex

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// The ids the rows repeat most, the entities', statement and role nodes' and articles' IRIs,
// the types and the LSH bands, are kept packed in the rows' keys (version 5): the same text, in
// fewer bytes, read back as it was (unpack). A statement row's key was 138 bytes on average, 37
// of them its statement's IRI "ng:statement/" + 24 hex digits, which packed is 13.
//
//	0x01 + 12 bytes   "ng:statement/" + 24 lower-case hex digits
//	0x02 + 12 bytes   "ng:role/" + 24 lower-case hex digits
//	0x03 + rest       "ng:article/" + rest
//	0x04 + 1 + 8      "b" + 2 digits + ":" + 16 lower-case hex digits (a band: textkey.FingerprintOf)
//	0x05... + rest    one of packPrefixes + rest (the first that s starts with)
//	0x00 + s          s when it starts with a byte below packTags (none of the store's IRIs does)
//	s                 any other s
//
// Packing changes the order of the keys, not which rows a prefix finds: every reader reads the
// rows of one entity, one statement or one value, or all of them.
const (
	packStatement = 0x01
	packRole      = 0x02
	packArticle   = 0x03
	packBand      = 0x04
	packPrefix0   = 0x05
	packTags      = 0x20
)

// packPrefixes are the prefixes packed as one byte each (packPrefix0 + their index): the
// entities' kinds (schema.EntityIRI of extract's ids), the types' and links' prefixes, then
// "ng:" for the rest. Never change them without a new version of the index.
var packPrefixes = []string{
	"ng:person/", "ng:org/", "ng:place/", "ng:city/", "ng:country/", "ng:region/", "ng:date/", "ng:event/", "ng:agreement/",
	"schema:", "https://", "http://", "ng:",
}

const (
	prefixStatement = "ng:statement/"
	prefixRole      = "ng:role/"
	prefixArticle   = "ng:article/"
)

// pack appends s packed to b.
func pack(b []byte, s string) []byte {
	if h, ok := strings.CutPrefix(s, prefixStatement); ok && isLowerHex(h, 24) {
		return appendHex(append(b, packStatement), h)
	}
	if h, ok := strings.CutPrefix(s, prefixRole); ok && isLowerHex(h, 24) {
		return appendHex(append(b, packRole), h)
	}
	if rest, ok := strings.CutPrefix(s, prefixArticle); ok {
		return append(append(b, packArticle), rest...)
	}
	if len(s) == 20 && s[0] == 'b' && isDigit(s[1]) && isDigit(s[2]) && s[3] == ':' && isLowerHex(s[4:], 16) {
		b = append(b, packBand, (s[1]-'0')*10+s[2]-'0')
		return appendHex(b, s[4:])
	}
	for i, p := range packPrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return append(append(b, packPrefix0+byte(i)), rest...)
		}
	}
	if len(s) > 0 && s[0] < packTags {
		b = append(b, 0)
	}
	return append(b, s...)
}

// packed is s packed.
func packed(s string) string { return string(pack(nil, s)) }

// unpack appends to b the text p is packed from.
func unpack(b, p []byte) []byte {
	if len(p) == 0 {
		return b
	}
	switch p[0] {
	case packStatement:
		if len(p) == 13 {
			return hex.AppendEncode(append(b, prefixStatement...), p[1:])
		}
	case packRole:
		if len(p) == 13 {
			return hex.AppendEncode(append(b, prefixRole...), p[1:])
		}
	case packArticle:
		return append(append(b, prefixArticle...), p[1:]...)
	case packBand:
		if len(p) == 10 && p[1] < 100 {
			b = append(b, 'b', '0'+p[1]/10, '0'+p[1]%10, ':')
			return hex.AppendEncode(b, p[2:])
		}
	case 0:
		return append(b, p[1:]...)
	}
	if i := int(p[0]) - packPrefix0; i >= 0 && i < len(packPrefixes) {
		return append(append(b, packPrefixes[i]...), p[1:]...)
	}
	return append(b, p...)
}

// unpacked is the text p is packed from.
func unpacked(p []byte) string { return string(unpack(nil, p)) }

// appendPackedField appends a key field (appendKeyField) holding s packed.
func appendPackedField(b []byte, s string) []byte {
	var buf [64]byte
	p := pack(buf[:0], keyText(s))
	return append(binary.AppendUvarint(b, uint64(len(p))), p...)
}

// appendHex appends the bytes of h, hex digits isLowerHex checked.
func appendHex(b []byte, h string) []byte {
	out, _ := hex.AppendDecode(b, []byte(h))
	return out
}

func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
