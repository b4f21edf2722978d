package extract

import (
	"sort"
)

// namesakeIndex answers namesake's question (which of the people sharing a surname a use of
// it at some offset refers to) in logarithmic time. Rescanning every mention, and every
// namesake, for every use of the surname made a long text of repeated names quadratic (issue
// 14, D5). The answers are namesake's: for each surname, one sweep over the offsets where a
// count or a candidate changes records the answer that holds after each of them.
type namesakeIndex struct {
	d         *Document
	namesakes map[string][]*Found
	// counted: for the identities of namesakes, the sorted starts of the person names
	// (Type Person, Kind name) that have that identity, as namesake counts them.
	counted  map[string][]int
	surnames map[string][]string // identity -> the surnames whose namesakes have it
	sweeps   map[string]*namesakeSweep
}

// namesakeSweep: the answer for an offset off is best[j-1], j the number of offsets in offs
// below off (ns[0] when j is 0 or best[j-1] is nil: no namesake named before off).
type namesakeSweep struct {
	offs []int
	best []*Found
	// starts of the namesakes: namesake treats one that starts exactly at off as neither
	// before nor after it, which the sweep does not model; such a query goes to namesake.
	starts map[int]bool
}

func newNamesakeIndex(d *Document, namesakes map[string][]*Found) *namesakeIndex {
	x := &namesakeIndex{d: d, namesakes: namesakes, counted: map[string][]int{},
		surnames: map[string][]string{}, sweeps: map[string]*namesakeSweep{}}
	for a, ns := range namesakes {
		seen := map[string]bool{}
		for _, f := range ns {
			id := identityOf(f)
			if !seen[id] {
				seen[id] = true
				x.counted[id] = nil
				x.surnames[id] = append(x.surnames[id], a)
			}
		}
	}
	if len(x.counted) == 0 {
		return x
	}
	for _, f := range d.Mentions {
		if id, ok := x.countedID(f); ok {
			x.counted[id] = append(x.counted[id], f.Start)
		}
	}
	for id := range x.counted {
		sort.Ints(x.counted[id])
	}
	return x
}

func (x *namesakeIndex) countedID(f *Found) (string, bool) {
	if f.Type != Person || f.Kind != KindName || len(x.counted) == 0 {
		return "", false
	}
	id := identityOf(f)
	_, ok := x.counted[id]
	return id, ok
}

// change keeps the counts right when a mention's type, kind or name is changed: call it after
// changing f with what countedID said before.
func (x *namesakeIndex) change(f *Found, before string, was bool) {
	if was {
		s := x.counted[before]
		i := sort.SearchInts(s, f.Start)
		if i < len(s) && s[i] == f.Start {
			x.counted[before] = append(s[:i], s[i+1:]...)
			x.stale(before)
		}
	}
	x.insert(f)
}

// insert counts a mention added to the document.
func (x *namesakeIndex) insert(f *Found) {
	if id, ok := x.countedID(f); ok {
		s := x.counted[id]
		i := sort.SearchInts(s, f.Start)
		s = append(s, 0)
		copy(s[i+1:], s[i:])
		s[i] = f.Start
		x.counted[id] = s
		x.stale(id)
	}
}

func (x *namesakeIndex) stale(id string) {
	for _, a := range x.surnames[id] {
		delete(x.sweeps, a)
	}
}

// pick is namesake(d, x.namesakes[a], off).
func (x *namesakeIndex) pick(a string, off int) *Found {
	ns := x.namesakes[a]
	sw := x.sweeps[a]
	if sw == nil {
		sw = x.sweep(ns)
		x.sweeps[a] = sw
	}
	if sw.starts[off] {
		return namesake(x.d, ns, off)
	}
	j := sort.SearchInts(sw.offs, off)
	if j == 0 || sw.best[j-1] == nil {
		return ns[0]
	}
	return sw.best[j-1]
}

// sweep: namesake picks, among the namesakes named before off, the one whose identity has the
// most person names before off, then the latest, then the first in ns. Each group of namesakes
// with one identity offers its latest (first in ns on a tie); the group's key (count, start,
// -place in ns) only grows as off does, so the best group changes only to the one that grew.
func (x *namesakeIndex) sweep(ns []*Found) *namesakeSweep {
	type group struct {
		count    int
		member   *Found
		start    int
		pos      int
		eligible bool
	}
	type event struct {
		off, group, pos int
		member          *Found // nil: a count
	}
	at := map[string]int{}
	var groups []*group
	var events []event
	sw := &namesakeSweep{starts: map[int]bool{}}
	for i, f := range ns {
		id := identityOf(f)
		g, ok := at[id]
		if !ok {
			g = len(groups)
			at[id] = g
			groups = append(groups, &group{})
			for _, s := range x.counted[id] {
				events = append(events, event{off: s, group: g})
			}
		}
		events = append(events, event{off: f.Start, group: g, pos: i, member: f})
		sw.starts[f.Start] = true
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].off < events[j].off })
	less := func(a, b *group) bool { // a's key below b's
		if a.count != b.count {
			return a.count < b.count
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.pos > b.pos
	}
	var best *group
	for _, e := range events {
		g := groups[e.group]
		if e.member == nil {
			g.count++
		} else if !g.eligible || e.off > g.start || e.off == g.start && e.pos < g.pos {
			g.member, g.start, g.pos, g.eligible = e.member, e.off, e.pos, true
		}
		if g.eligible && (best == nil || g != best && less(best, g)) {
			best = g
		}
		var f *Found
		if best != nil {
			f = best.member
		}
		sw.offs = append(sw.offs, e.off)
		sw.best = append(sw.best, f)
	}
	return sw
}
