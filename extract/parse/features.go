package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features follow Zhang and Nivre (2011, "Transition-based dependency parsing with rich
// non-local features"), adapted to arc-hybrid: the words and tags of s0, s1, s2, b0, b1, b2,
// of the outermost children of s0, s1 and b0, pairs and triples of them, the distance between
// s0 and b0 and between s1 and s0, the number of children (valency) and the sets of
// their labels. In arc-hybrid an arc is made either between s0 and b0 or between s1 and s0,
// so both pairs get the full set of conjunctions. Each feature is hashed to 64 bits with its
// template number; a collision between two of the few million features is unlikely.

// token holds what the features read of one word.
type token struct {
	word   uint64 // hash of the lower-cased form
	tag    uint64 // 2 + tag number (0: no word, 1: the root)
	suffix uint64 // hash of the last three letters, for rare words
	shape  uint64
	amb    uint64 // the word's ambiguity class: the set of tags it has in training (0: unknown)
	cl     uint64 // the word's cluster (clusters.go; 0: none)
}

const (
	noneVal = 0
	rootVal = 1
)

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h | 2 // never 0 (none) or 1 (root)
}

func key(tpl, a, b, c uint64) uint64 {
	h := mix(tpl*0x9E3779B97F4A7C15 ^ a)
	h = mix(h ^ b*0xbf58476d1ce4e5b9)
	return mix(h ^ c*0x94d049bb133111eb)
}

// shapeOf gives a coarse word shape: "Xx", "x", "X", "d", "x-x", "X.X." collapsed to
// character classes with repeats removed, at most 5 classes.
func shapeOf(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c != last {
			b.WriteRune(c)
			last = c
			if b.Len() >= 5 {
				break
			}
		}
	}
	return b.String()
}

func suffixOf(w string, n int) string {
	if utf8.RuneCountInString(w) <= n {
		return w
	}
	r := []rune(w)
	return string(r[len(r)-n:])
}

// makeToken computes a word's feature values; tag is its tag number.
func makeToken(form string, tag int, amb, cl map[uint64]uint64) token {
	lw := strings.ToLower(form)
	w := hashString(lw)
	return token{word: w, tag: uint64(tag) + 2, suffix: hashString(suffixOf(lw, 3)), shape: hashString(shapeOf(form)), amb: amb[w], cl: cl[w]}
}

// maxGranularities is how many clusterings of different sizes the features can use.
const maxGranularities = 3

func distBucket(d int32) uint64 {
	switch {
	case d < 0:
		return 0
	case d <= 4:
		return uint64(d)
	case d <= 7:
		return 5
	case d <= 11:
		return 6
	default:
		return 7
	}
}

// Feature groups: features whose values depend on one position only (the buffer front b,
// or the word at s0, s1 or s2), so that parsing can add up their weights once per position
// and sentence and reuse the sums (see Model.parseTokens). numGroups slices of grp receive
// them; training uses them with the others, the sums being the same.
const (
	groupB = iota
	groupS0
	groupS1
	groupS2
	numGroups
)

// extract appends the features of the state to fs, and those of the groups to grp.
func extract(fs []uint64, grp *[numGroups][]uint64, st *state, toks []token) []uint64 {
	for g := range grp {
		grp[g] = grp[g][:0]
	}
	n := int32(st.n)
	k := len(st.stack)
	at := func(i int) int32 {
		if i < k {
			return st.stack[k-1-i]
		}
		return -1
	}
	s0, s1, s2 := at(0), at(1), at(2)
	b0, b1, b2 := st.b, st.b+1, st.b+2
	if b1 > n {
		b1 = -1
	}
	if b2 > n {
		b2 = -1
	}
	w := func(i int32) uint64 {
		switch {
		case i < 0:
			return noneVal
		case i == n:
			return rootVal
		}
		return toks[i].word
	}
	p := func(i int32) uint64 {
		switch {
		case i < 0:
			return noneVal
		case i == n:
			return rootVal
		}
		return toks[i].tag
	}
	l := func(i int32) uint64 {
		if i < 0 || i >= n || st.head[i] < 0 {
			return 0
		}
		return uint64(st.rel[i]) + 1
	}
	ch := func(i int32, c []int32) int32 {
		if i < 0 {
			return -1
		}
		return c[i]
	}
	s0l, s0l2, s0r, s0r2 := ch(s0, st.lc), ch(s0, st.lc2), ch(s0, st.rc), ch(s0, st.rc2)
	s1l, s1r, s1r2 := ch(s1, st.lc), ch(s1, st.rc), ch(s1, st.rc2)
	b0l, b0l2 := ch(b0, st.lc), ch(b0, st.lc2)

	s0w, s0p, s1w, s1p, b0w, b0p := w(s0), p(s0), w(s1), p(s1), w(b0), p(b0)
	b1w, b1p, b2w, b2p := w(b1), p(b1), w(b2), p(b2)
	s2w, s2p := w(s2), p(s2)

	var t uint64
	add := func(a, b, c uint64) {
		t++
		fs = append(fs, key(t, a, b, c))
	}
	addG := func(g int, a, b, c uint64) {
		t++
		grp[g] = append(grp[g], key(t, a, b, c))
	}
	// Single words.
	addG(groupS0, s0w, s0p, 0)
	addG(groupS0, s0w, 0, 0)
	addG(groupS0, s0p, 0, 0)
	addG(groupB, b0w, b0p, 0)
	addG(groupB, b0w, 0, 0)
	addG(groupB, b0p, 0, 0)
	addG(groupB, b1w, b1p, 0)
	addG(groupB, b1w, 0, 0)
	addG(groupB, b1p, 0, 0)
	addG(groupB, b2w, b2p, 0)
	addG(groupB, b2p, 0, 0)
	addG(groupS1, s1w, s1p, 0)
	addG(groupS1, s1w, 0, 0)
	addG(groupS1, s1p, 0, 0)
	addG(groupS2, s2w, s2p, 0)
	addG(groupS2, s2p, 0, 0)
	// Pairs s0-b0.
	add(s0w, s0p, b0w*31+b0p)
	add(s0w, s0p, b0w)
	add(s0w, b0w, b0p)
	add(s0w, s0p, b0p)
	add(s0p, b0w, b0p)
	add(s0w, b0w, 0)
	add(s0p, b0p, 0)
	addG(groupB, b0p, b1p, 0)
	// Pairs s1-s0.
	add(s1w, s1p, s0w*31+s0p)
	add(s1w, s1p, s0w)
	add(s1w, s0w, s0p)
	add(s1w, s1p, s0p)
	add(s1p, s0w, s0p)
	add(s1w, s0w, 0)
	add(s1p, s0p, 0)
	// Triples of tags.
	addG(groupB, b0p, b1p, b2p)
	add(s0p, b0p, b1p)
	add(s1p, s0p, b0p)
	add(s2p, s1p, s0p)
	add(s1p, s0p, b1p)
	add(s0p, p(s0l), b0p)
	add(s0p, p(s0r), b0p)
	add(s0p, b0p, p(b0l))
	add(s1p, p(s1r), s0p)
	add(s1p, s0p, p(s0l))
	add(s1p, s0p, p(s0r))
	// Distance.
	d01 := int32(-1)
	if s0 >= 0 {
		d01 = b0 - s0
	}
	d10 := int32(-1)
	if s1 >= 0 {
		d10 = s0 - s1
	}
	dd, dd2 := distBucket(d01), distBucket(d10)
	add(s0w, dd, 0)
	add(s0p, dd, 0)
	add(b0w, dd, 0)
	add(b0p, dd, 0)
	add(s0w*31+b0w, dd, 0)
	add(s0p, b0p, dd)
	add(s1p, s0p, dd2)
	add(s1w, s0w, dd2)
	// Valency.
	val := func(c []uint8, i int32) uint64 {
		if i < 0 || i >= n {
			return 99
		}
		return uint64(c[i])
	}
	add(s0w, val(st.nr, s0), 0)
	add(s0p, val(st.nr, s0), 0)
	add(s0w, val(st.nl, s0), 1)
	add(s0p, val(st.nl, s0), 1)
	add(b0w, val(st.nl, b0), 0)
	add(b0p, val(st.nl, b0), 0)
	add(s1p, val(st.nr, s1), 0)
	// Children.
	add(w(s0l), 0, 0)
	add(p(s0l), 0, 0)
	add(l(s0l), 0, 0)
	add(w(s0r), 0, 0)
	add(p(s0r), 0, 0)
	add(l(s0r), 0, 0)
	add(w(b0l), 0, 0)
	add(p(b0l), 0, 0)
	add(l(b0l), 0, 0)
	add(w(s1r), 0, 0)
	add(p(s1r), l(s1r), 0)
	add(w(s1l), p(s1l), l(s1l))
	add(w(s0l2), 0, 0)
	add(p(s0l2), l(s0l2), 0)
	add(w(s0r2), 0, 0)
	add(p(s0r2), l(s0r2), 0)
	add(w(b0l2), 0, 0)
	add(p(b0l2), l(b0l2), 0)
	add(p(s1r2), l(s1r2), 0)
	add(s0p, p(s0l), p(s0l2))
	add(s0p, p(s0r), p(s0r2))
	add(b0p, p(b0l), p(b0l2))
	add(s1p, p(s1r), p(s1r2))
	// Label sets.
	lset := func(c []uint64, i int32) uint64 {
		if i < 0 || i >= n {
			return 0
		}
		return c[i]
	}
	add(s0w, lset(st.rl, s0), 0)
	add(s0p, lset(st.rl, s0), 0)
	add(s0w, lset(st.ll, s0), 0)
	add(s0p, lset(st.ll, s0), 0)
	add(b0w, lset(st.ll, b0), 0)
	add(b0p, lset(st.ll, b0), 0)
	add(s1p, lset(st.rl, s1), 0)
	// Unknown words: suffix and shape of s0 and b0.
	suf := func(i int32) uint64 {
		if i < 0 || i >= n {
			return 0
		}
		return toks[i].suffix
	}
	shp := func(i int32) uint64 {
		if i < 0 || i >= n {
			return 0
		}
		return toks[i].shape
	}
	addG(groupS0, suf(s0), s0p, 0)
	addG(groupB, suf(b0), b0p, 0)
	add(shp(s0), shp(b0), 0)
	addG(groupS1, suf(s1), s1p, 0)
	// Ambiguity classes, which say what a word can be when its predicted tag is wrong.
	{
		amb := func(i int32) uint64 {
			if i < 0 || i >= n {
				return 0
			}
			return toks[i].amb
		}
		addG(groupS0, amb(s0), s0p, 0)
		addG(groupB, amb(b0), b0p, 0)
		add(amb(s0), amb(b0), 0)
		add(amb(s1), amb(s0), 0)
		addG(groupB, amb(b1), b0p, 0)
	}
	// Word clusters, at each granularity learnt (12 bits each, coarsest first).
	for g := uint64(0); g < maxGranularities; g++ {
		cl := func(i int32) uint64 {
			if i < 0 || i >= n {
				return 0
			}
			return toks[i].cl >> (12 * g) & 0xfff
		}
		addC := func(grp int, a, b, c uint64) { // grouped only at the first granularity
			if g == 0 {
				addG(grp, a, b, c)
			} else {
				add(a, b, c)
			}
		}
		c0, cb := cl(s0), cl(b0)
		if c0 == 0 && cb == 0 && g > 0 {
			t += 10 // no finer clustering: keep the template numbers
			continue
		}
		addC(groupS0, c0, s0p, 0)
		addC(groupB, cb, b0p, 0)
		add(c0, cb, 0)
		add(cl(s1), c0, 0)
		addC(groupB, cb, cl(b1), 0)
		add(s0w, cb, 0)
		add(c0, b0w, 0)
		add(s0p, cb, b0p)
		add(cl(s1), s1p, c0)
		addC(groupB, cl(b1), b0p, 0)
	}
	// The head of s0 (arc-eager only: in arc-hybrid stack words have none).
	if st.eager {
		s0h := int32(-1)
		if s0 >= 0 {
			s0h = st.head[s0]
		}
		add(w(s0h), p(s0h), 0)
		add(p(s0h), s0p, b0p)
		add(l(s0), s0p, 0)
		add(l(s0), b0p, 0)
		add(w(s0h), b0w, 0)
	}
	return fs
}
