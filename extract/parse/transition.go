package parse

// Two transition systems, both with the root at the end of the buffer (Ballesteros and Nivre
// 2013): a sentence of n words has positions 0..n-1 and the root is position n.
//
// Arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta 2011), the committed model's:
//
//	SHIFT     push b0 onto the stack (b0 is not the root)
//	LEFT-l    s0 <-l- b0, pop s0 (when b0 is the root, only with s0 alone on the stack,
//	          so that the tree has exactly one root word)
//	RIGHT-l   s1 -l-> s0, pop s0
//
// Arc-eager (Nivre 2003), measured against it (see README.md):
//
//	SHIFT     push b0 (not the root)
//	LEFT-l    s0 <-l- b0, pop s0 (s0 has no head; onto the root only when s0 is the last
//	          word on the stack without a head)
//	RIGHT-l   s0 -l-> b0, push b0 (not the root); at the end of the buffer, with several
//	          head-less words left on the stack, s1 -l-> s0 and pop s0 instead
//	REDUCE    pop s0 (s0 has a head)
//
// Both have exact dynamic oracles (Goldberg and Nivre 2012, 2013): the cost of a move is the
// number of gold arcs it makes unreachable, a few counts (see costs).

const (
	moveShift = iota
	moveLeft
	moveRight
	moveReduce
)

// Systems.
const (
	ArcHybrid = 0
	ArcEager  = 1
)

// Classes: 0 SHIFT, 1..L LEFT with label c-1, L+1..2L RIGHT with label c-L-1, 2L+1 REDUCE.
func numClasses(nl int) int { return 2*nl + 2 }

func decode(cls, nl int) (move int, l uint8) {
	switch {
	case cls == 0:
		return moveShift, 0
	case cls <= nl:
		return moveLeft, uint8(cls - 1)
	case cls <= 2*nl:
		return moveRight, uint8(cls - 1 - nl)
	}
	return moveReduce, 0
}

// state is the parser configuration. Children are kept as the two outermost on each side,
// which is all the features look at.
type state struct {
	eager   bool
	n       int
	stack   []int32
	b       int32 // front of the buffer; b == n is the root
	head    []int32
	rel     []uint8
	lc, lc2 []int32 // leftmost and second leftmost child (-1: none)
	rc, rc2 []int32
	nl, nr  []uint8  // number of left and right children
	ll, rl  []uint64 // bit sets of the labels of the left and right children
}

func (s *state) reset(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 0
	m := n + 1
	s.head = fill32(s.head, m, -1)
	s.lc, s.lc2 = fill32(s.lc, m, -1), fill32(s.lc2, m, -1)
	s.rc, s.rc2 = fill32(s.rc, m, -1), fill32(s.rc2, m, -1)
	s.rel = grow(s.rel, m)
	s.nl, s.nr = grow(s.nl, m), grow(s.nr, m)
	s.ll, s.rl = grow(s.ll, m), grow(s.rl, m)
	clear(s.rel)
	clear(s.nl)
	clear(s.nr)
	clear(s.ll)
	clear(s.rl)
}

func fill32(s []int32, n int, v int32) []int32 {
	s = grow(s, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (s *state) done() bool { return len(s.stack) == 0 && int(s.b) == s.n }

// headless counts the words on the stack without a head.
func (s *state) headless() int {
	c := 0
	for _, w := range s.stack {
		if s.head[w] < 0 {
			c++
		}
	}
	return c
}

// valid reports which moves are allowed.
func (s *state) valid() (shift, left, right, reduce bool) {
	k := len(s.stack)
	atEnd := int(s.b) == s.n
	if !s.eager {
		return !atEnd, k > 0 && (!atEnd || k == 1), k > 1, false
	}
	shift = !atEnd
	if k == 0 {
		return
	}
	s0h := s.head[s.stack[k-1]] >= 0
	reduce = s0h
	if !atEnd {
		left = !s0h
		right = true
		return
	}
	if !s0h {
		if s.headless() == 1 {
			left = true
		} else {
			right = true // s1 -> s0
		}
	}
	return
}

func (s *state) addArc(h, d int32, l uint8) {
	s.head[d] = h
	s.rel[d] = l
	if d < h {
		s.nl[h]++
		s.ll[h] |= 1 << (l & 63)
		if s.lc[h] < 0 || d < s.lc[h] {
			s.lc2[h] = s.lc[h]
			s.lc[h] = d
		} else if s.lc2[h] < 0 || d < s.lc2[h] {
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		s.rl[h] |= 1 << (l & 63)
		if d > s.rc[h] {
			s.rc2[h] = s.rc[h]
			s.rc[h] = d
		} else if d > s.rc2[h] {
			s.rc2[h] = d
		}
	}
}

// apply makes a move; l is the label of an arc.
func (s *state) apply(move int, l uint8) {
	k := len(s.stack)
	switch move {
	case moveShift:
		s.stack = append(s.stack, s.b)
		s.b++
	case moveLeft:
		s.addArc(s.b, s.stack[k-1], l)
		s.stack = s.stack[:k-1]
	case moveRight:
		if s.eager && int(s.b) < s.n {
			s.addArc(s.stack[k-1], s.b, l)
			s.stack = append(s.stack, s.b)
			s.b++
			return
		}
		s.addArc(s.stack[k-2], s.stack[k-1], l)
		s.stack = s.stack[:k-1]
	case moveReduce:
		s.stack = s.stack[:k-1]
	}
}

// arcOf returns the arc a LEFT or RIGHT move would make.
func (s *state) arcOf(move int) (h, d int32) {
	k := len(s.stack)
	if move == moveLeft {
		return s.b, s.stack[k-1]
	}
	if s.eager && int(s.b) < s.n {
		return s.stack[k-1], s.b
	}
	return s.stack[k-2], s.stack[k-1]
}

// costs returns, for each move, how many gold arcs it makes unreachable, ignoring labels.
// gh are the gold heads (n for the root).
func (s *state) costs(gh []int32) (shift, left, right, reduce int) {
	if s.eager {
		return s.eagerCosts(gh)
	}
	k := len(s.stack)
	b := s.b
	n := int32(s.n)
	if int(b) < s.n { // SHIFT loses b0's arcs with words on the stack (except s0 -> b0)
		for i, w := range s.stack {
			if gh[w] == b {
				shift++
			}
			if gh[b] == w && i != k-1 {
				shift++
			}
		}
	}
	if k == 0 {
		return
	}
	s0 := s.stack[k-1]
	// Dependents of s0 still in the buffer are lost by both LEFT and RIGHT.
	deps := 0
	for w := b; w < n; w++ {
		if gh[w] == s0 {
			deps++
		}
	}
	left, right = deps, deps
	h := gh[s0]
	if h != b && (h > b || (k > 1 && h == s.stack[k-2])) {
		left++
	}
	if h >= b {
		right++
	}
	return
}

func (s *state) eagerCosts(gh []int32) (shift, left, right, reduce int) {
	k := len(s.stack)
	b := s.b
	n := int32(s.n)
	atEnd := b == n
	if !atEnd {
		// SHIFT and RIGHT: b0 loses its head-less dependents on the stack; SHIFT also its
		// head on the stack, RIGHT its head anywhere but s0.
		for _, w := range s.stack {
			if gh[w] == b && s.head[w] < 0 {
				shift++
				right++
			}
			if gh[b] == w {
				shift++
			}
		}
		if k > 0 && gh[b] != s.stack[k-1] {
			right++
		}
	}
	if k == 0 {
		return
	}
	s0 := s.stack[k-1]
	deps := 0 // s0's dependents in the buffer, lost by LEFT and REDUCE
	for w := b; w < n; w++ {
		if gh[w] == s0 {
			deps++
		}
	}
	reduce = deps
	left = deps
	if h := gh[s0]; h != b && h >= b {
		left++
	}
	if atEnd { // the fall-back RIGHT: s1 -> s0
		right = deps
		if k > 1 && gh[s0] != s.stack[k-2] {
			right++
		}
	}
	return
}
