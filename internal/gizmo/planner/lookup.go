package planner

import (
	"context"
	"fmt"
	"math"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
)

// viaShape is a NodesFrom (Cayley's HasA) whose quads all have one of a few fixed
// predicates, on a store with an index that leads with the NodesFrom's direction and then
// the predicate. It iterates as the HasA does; it checks a node (Contains) by the quads of
// that node and each predicate, read from that index, where the HasA reads all the node's
// quads. Every quad the HasA would accept has one of the predicates and is met in the same
// order (the index is sorted by predicate, and the predicates are scanned in that order), so
// the check gives the same answers and the same paths.
type viaShape struct {
	shape.NodesFrom
	r     *quadReader
	index kv.QuadIndex // Dirs[0] is the NodesFrom's direction, Dirs[1] the predicate
	preds []uint64     // sorted
	// byEntry: the quads are entries (distinct.go), read directly from the bolt file.
	byEntry bool
	entries entryScan
}

func (s viaShape) BuildIterator(qs graph.QuadStore) iterator.Shape {
	it := s.NodesFrom.BuildIterator(qs)
	h, ok := it.(*graph.HasA)
	if !ok || graph.Unwrap(qs) != graph.QuadStore(s.r.kqs) {
		return it
	}
	v := &viaIterator{HasA: h, r: s.r, index: s.index, preds: s.preds}
	v.entries, v.byEntry = s.entries, s.byEntry
	return v
}

func (s viaShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

func (s viaShape) String() string {
	return fmt.Sprintf("%+v checked by predicate %v", s.NodesFrom, s.preds)
}

type viaIterator struct {
	*graph.HasA
	r     *quadReader
	index kv.QuadIndex
	preds []uint64
	// firstPaths: only the first path to each result is used (distinct.go); byEntry: the
	// HasA's quads are entries, one quad of each of which is then read.
	firstPaths bool
	byEntry    bool
	entries    entryScan
}

func (it *viaIterator) Iterate() iterator.Scanner {
	if it.firstPaths && it.byEntry {
		entryNexts.Add(1)
		return it.entryNext()
	}
	return it.allPaths()
}

func (it *viaIterator) Lookup() iterator.Index {
	// Nodes are checked by their own quads, which costs as many reads as the node has quads
	// of the predicate: a hub ("United States" and its thousands of memberOf statements)
	// checked against one organisation's few members reads them all. Once the checks have
	// read switchAfter quads, the HasA is read into a set if it has no more paths than the
	// checks have read so far; if it has more, that is tried again when they have read twice
	// as many, so the tries cost at most about what the checks cost. (The store's size
	// estimates cannot decide it up front: a fixed value's quads are estimated at the whole
	// store's count.)
	return &setContains{it: it, fallback: it.byNode(), nextTry: switchAfter}
}

func (it *viaIterator) byNode() *viaContains {
	return &viaContains{it: it, primary: it.HasA.SubIterators()[0].Lookup()}
}

// switchAfter is how many quads the node-by-node checks read before a set is first tried;
// hubReads how many quads a check must read on average for a set to be worth trying.
// (Variables so that the tests can make every check use a set.)
var (
	switchAfter = 20_000
	hubReads    = 8
)

// setContains checks a node by a set of the HasA's results, with every path and its tags,
// read on the first check. Past setLimit paths it gives up the set and checks node by node.
type setContains struct {
	it       *viaIterator
	nextTry  int // the checks' reads at which a set is tried next
	checks   int // nodes checked one by one so far
	paths    map[any][]setPath
	cur      []setPath
	i        int
	err      error
	fallback *viaContains // nil once the set is used
}

type setPath struct {
	id   refs.Ref
	tags map[string]refs.Ref
}

// build reads the HasA into a set when it is small enough, and then leaves the node-by-node
// checks.
func (c *setContains) build(ctx context.Context) {
	limit := c.fallback.reads
	c.nextTry = 2 * limit
	// first count, without keeping anything, so that a large HasA costs only its reads
	if !c.small(ctx, limit) {
		return
	}
	if err := c.fallback.Close(); err != nil {
		c.err = err
		return
	}
	c.fallback = nil
	c.paths = map[any][]setPath{}
	sc := c.it.allPaths()
	defer sc.Close()
	add := func(id refs.Ref) {
		tags := map[string]refs.Ref{}
		sc.TagResults(tags)
		k := refs.ToKey(id)
		c.paths[k] = append(c.paths[k], setPath{id: id, tags: tags})
	}
	for sc.Next(ctx) {
		id := sc.Result()
		add(id)
		for sc.NextPath(ctx) {
			add(id)
		}
	}
	c.err = sc.Err()
}

// small: the HasA has at most limit paths.
func (c *setContains) small(ctx context.Context, limit int) bool {
	if c.it.byEntry && len(c.it.entries.tags) == 0 {
		// Its paths are the quads the entries list, untagged: counted without reading them
		// (deleted quads, still listed, count too: the set is then only tried later).
		sc := newRawCount(c.it.r.db, c.it.entries.scan)
		defer sc.Close()
		n := 0
		for n <= limit && sc.Next(ctx) {
			n++
		}
		c.err = sc.Err()
		return c.err == nil && n <= limit
	}
	sc := c.it.HasA.Iterate()
	defer sc.Close()
	n := 0
	for sc.Next(ctx) {
		if n == 0 {
			tags := map[string]refs.Ref{}
			if sc.TagResults(tags); len(tags) > 0 {
				// tagged paths (Save, Tag) are many and each keeps its tags: the checks
				// find one as cheaply as a set would
				c.nextTry = math.MaxInt
				return false
			}
		}
		for n++; sc.NextPath(ctx); n++ {
		}
		if n > limit {
			return false
		}
	}
	c.err = sc.Err()
	return c.err == nil
}

func (c *setContains) Contains(ctx context.Context, v refs.Ref) bool {
	if c.fallback != nil {
		c.checks++
	}
	// a set pays when checks read many quads each (hubs); at a quad or two a check it cannot
	if c.fallback != nil && c.fallback.reads > c.nextTry && c.fallback.reads > hubReads*c.checks {
		c.build(ctx)
		if c.err != nil {
			return false
		}
	}
	if c.fallback != nil {
		return c.fallback.Contains(ctx, v)
	}
	c.cur, c.i = c.paths[refs.ToKey(v)], 0
	return len(c.cur) > 0
}

func (c *setContains) NextPath(ctx context.Context) bool {
	if c.fallback != nil {
		return c.fallback.NextPath(ctx)
	}
	if c.i+1 >= len(c.cur) {
		return false
	}
	c.i++
	return true
}

func (c *setContains) TagResults(dst map[string]refs.Ref) {
	if c.fallback != nil {
		c.fallback.TagResults(dst)
		return
	}
	if c.i < len(c.cur) {
		for k, v := range c.cur[c.i].tags {
			dst[k] = v
		}
	}
}

func (c *setContains) Result() refs.Ref {
	if c.fallback != nil {
		return c.fallback.Result()
	}
	if c.i < len(c.cur) {
		return c.cur[c.i].id
	}
	return nil
}

func (c *setContains) Err() error {
	if c.fallback != nil {
		return c.fallback.Err()
	}
	return c.err
}

func (c *setContains) Close() error {
	if c.fallback != nil {
		return c.fallback.Close()
	}
	return nil
}

func (c *setContains) String() string { return "setContains" }

func (it *viaIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	// HasA.Optimize optimizes its subiterator in place and is replaced only when it becomes
	// empty.
	if n, ok := it.HasA.Optimize(ctx); ok {
		return n, true
	}
	return it, false
}

func (it *viaIterator) String() string {
	return fmt.Sprintf("HasA(%v) checked by %v", it.Direction(), it.index.Dirs[:2])
}

// viaContains is Cayley's HasA Contains, with the quads of the node read by predicate.
type viaContains struct {
	it      *viaIterator
	primary iterator.Index
	scans   predScans
	result  refs.Ref
	err     error
	reads   int // quads read by the checks so far
}

func (c *viaContains) Contains(ctx context.Context, v refs.Ref) bool {
	c.result = nil
	c.scans.start(c.it.r, c.it.index, c.it.preds, c.it.Direction(), v)
	ok := c.nextContains(ctx)
	if c.err != nil {
		return false
	}
	return ok
}

func (c *viaContains) nextContains(ctx context.Context) bool {
	for c.scans.next(ctx) {
		c.reads++
		link := c.scans.result()
		if c.primary.Contains(ctx, link) {
			r, err := c.it.r.kqs.QuadDirection(link, c.it.Direction())
			if err != nil {
				c.err = err
				return false
			}
			c.result = r
			return true
		}
	}
	c.err = c.scans.err
	return false
}

func (c *viaContains) NextPath(ctx context.Context) bool {
	if c.primary.NextPath(ctx) {
		return true
	}
	if c.err = c.primary.Err(); c.err != nil {
		return false
	}
	ok := c.nextContains(ctx)
	if c.err != nil {
		return false
	}
	return ok
}

func (c *viaContains) TagResults(dst map[string]refs.Ref) { c.primary.TagResults(dst) }
func (c *viaContains) Result() refs.Ref                   { return c.result }
func (c *viaContains) Err() error                         { return c.err }
func (c *viaContains) String() string                     { return "viaContains" }

func (c *viaContains) Close() error {
	err := c.primary.Close()
	if serr := c.scans.close(); serr != nil && err == nil {
		err = serr
	}
	return err
}

// predScans reads the quads of one node with each of a few predicates, predicate by
// predicate in the order given: the quads, and the order, of a scan of all the node's quads
// (an index sorted by node, then predicate) less those of other predicates.
type predScans struct {
	r     *quadReader
	index kv.QuadIndex
	preds []uint64
	dir   quad.Direction
	node  uint64
	pi    int // the next of preds to read
	cur   readCursor
	on    bool // cur is on a predicate
	other iterator.Scanner
	res   refs.Ref
	err   error
}

// start begins the quads of node v in direction dir.
func (p *predScans) start(r *quadReader, index kv.QuadIndex, preds []uint64, dir quad.Direction, v refs.Ref) {
	p.close()
	p.r, p.index, p.preds, p.dir, p.err, p.on = r, index, preds, dir, nil, false
	if n, ok := v.(kv.Int64Value); ok {
		p.node, p.pi = uint64(n), 0
		return
	}
	// Not a node of this store: what Cayley's scan of the node gives (an error or nothing).
	p.pi = len(preds)
	p.other = r.kqs.QuadIterator(dir, v).Iterate()
}

func (p *predScans) next(ctx context.Context) bool {
	if p.other != nil {
		if p.other.Next(ctx) {
			p.res = p.other.Result()
			return true
		}
		p.err = p.other.Err()
		return false
	}
	for {
		if !p.on {
			if p.pi >= len(p.preds) {
				return false
			}
			p.cur = p.r.cursor(p.index, p.dir, p.node, p.preds[p.pi])
			p.pi++
			p.on = true
		}
		if r, ok := p.cur.next(ctx); ok {
			p.res = r
			return true
		}
		if p.err = p.cur.err; p.err != nil {
			return false
		}
		p.close()
	}
}

func (p *predScans) result() refs.Ref { return p.res }

func (p *predScans) close() error {
	var err error
	if p.other != nil {
		err = p.other.Close()
		p.other = nil
	}
	if p.on {
		p.cur.close()
		p.on = false
	}
	return err
}

// quadReader reads, for the iterators of one query plan, the quads of a node and a predicate
// from an index, and keeps those it read: a plan checks the same node many times (the
// country of every position held in it, the name of every person holding one), and Cayley's
// scan fetches up to a hundred quads from the log at a time even when the first one
// answers. What is kept is only what was read, in the index's order; a later reader of the
// same node and predicate reads it from memory and goes on from the index where it ends.
type quadReader struct {
	kqs  *kv.QuadStore
	db   *bolt.DB // the store's bolt database, read directly (rawbolt.go); nil: not known
	memo map[readKey]*readEntry
	held int // quads kept
}

// maxHeld bounds the quads a reader keeps (a few MB): past it, reads are not kept.
var maxHeld = 1 << 16

type readKey struct {
	dir        quad.Direction
	node, pred uint64
}

type readEntry struct {
	quads    []refs.Ref
	complete bool // quads are all the index holds
}

func newQuadReader(kqs *kv.QuadStore) *quadReader {
	return &quadReader{kqs: kqs, db: boltOf(kqs), memo: map[readKey]*readEntry{}}
}

func (r *quadReader) cursor(index kv.QuadIndex, dir quad.Direction, node, pred uint64) readCursor {
	k := readKey{dir, node, pred}
	e := r.memo[k]
	if e == nil && r.held < maxHeld {
		e = &readEntry{}
		r.memo[k] = e
	}
	return readCursor{r: r, e: e, scan: kv.IndexScan{Index: index, Values: []uint64{node, pred}}}
}

// readCursor is one reading of the quads of a node and a predicate.
type readCursor struct {
	r    *quadReader
	e    *readEntry // nil: not kept
	scan kv.IndexScan
	pos  int         // quads read so far
	live quadScanner // the index scan, at pos, when reading past what is kept
	err  error
}

func (c *readCursor) next(ctx context.Context) (refs.Ref, bool) {
	if c.e != nil && c.pos < len(c.e.quads) {
		if c.live != nil {
			// Another cursor kept the quads this one was reading: read those.
			c.live.Close()
			c.live = nil
		}
		c.pos++
		return c.e.quads[c.pos-1], true
	}
	if c.e != nil && c.e.complete {
		return nil, false
	}
	if c.live == nil {
		c.live = c.r.scan(c.scan)
		for i := 0; i < c.pos; i++ { // what this cursor has read already
			if !c.live.Next(ctx) {
				c.err = c.live.Err()
				return nil, false
			}
		}
	}
	if !c.live.Next(ctx) {
		c.err = c.live.Err()
		if c.err == nil && c.e != nil && c.pos == len(c.e.quads) {
			c.e.complete = true
		}
		return nil, false
	}
	q := c.live.Result()
	if c.e != nil && c.pos == len(c.e.quads) && c.r.held < maxHeld {
		c.e.quads = append(c.e.quads, q)
		c.r.held++
	}
	c.pos++
	return q, true
}

// quadScanner is what a readCursor uses of a scan: Cayley's, or rawbolt.go's.
type quadScanner interface {
	Next(ctx context.Context) bool
	Result() refs.Ref
	Err() error
	Close() error
}

// scan reads the quads of s one at a time from the bolt database when it is known, else by
// Cayley's scan.
func (r *quadReader) scan(s kv.IndexScan) quadScanner {
	if r.db != nil {
		return newRawScan(r.db, s)
	}
	return s.BuildIterator(r.kqs).Iterate()
}

func (c *readCursor) close() {
	if c.live != nil {
		c.live.Close()
		c.live = nil
	}
}

// viaQuads is a set of quads (Cayley's Quads: an intersection of one filter per direction)
// with fixed predicates, whose filters on the subject or object by a set of nodes (LinksTo
// iterators) read, for each node of the set, the quads of that node and each predicate
// instead of all the node's quads. The intersection keeps its predicate filter, so its
// quads are the same, in the same order.
type viaQuads struct {
	shape.Quads
	r     *quadReader
	index map[quad.Direction]kv.QuadIndex // per filter direction rewritten
	preds []uint64                        // sorted
}

func (s viaQuads) BuildIterator(qs graph.QuadStore) iterator.Shape {
	ok := graph.Unwrap(qs) == graph.QuadStore(s.r.kqs)
	its := make([]iterator.Shape, 0, len(s.Quads))
	for _, f := range s.Quads {
		it := shape.Quads{f}.BuildIterator(qs)
		if l, lok := it.(*graph.LinksTo); lok && ok {
			if ind, iok := s.index[f.Dir]; iok {
				it = &viaLinksTo{LinksTo: l, r: s.r, index: ind, preds: s.preds}
			}
		}
		its = append(its, it)
	}
	if len(its) == 1 {
		return its[0]
	}
	return iterator.NewAnd(its...)
}

func (s viaQuads) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

func (s viaQuads) String() string {
	return fmt.Sprintf("%+v read by predicate %v", s.Quads, s.preds)
}

// viaLinksTo is Cayley's LinksTo whose scan (Next) reads the quads of each node by predicate.
type viaLinksTo struct {
	*graph.LinksTo
	r     *quadReader
	index kv.QuadIndex
	preds []uint64
}

func (it *viaLinksTo) Iterate() iterator.Scanner {
	return &viaLinksToNext{it: it, primary: it.LinksTo.SubIterators()[0].Iterate()}
}

func (it *viaLinksTo) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if n, ok := it.LinksTo.Optimize(ctx); ok {
		return n, true
	}
	return it, false
}

func (it *viaLinksTo) String() string {
	return fmt.Sprintf("LinksTo(%v) read by %v", it.Direction(), it.index.Dirs[:2])
}

type viaLinksToNext struct {
	it      *viaLinksTo
	primary iterator.Scanner
	scans   predScans
	result  refs.Ref
	err     error
}

func (n *viaLinksToNext) Next(ctx context.Context) bool {
	for {
		if n.scans.next(ctx) {
			n.result = n.scans.result()
			return true
		}
		if n.err = n.scans.err; n.err != nil {
			return false
		}
		if !n.primary.Next(ctx) {
			n.err = n.primary.Err()
			return false
		}
		n.scans.start(n.it.r, n.it.index, n.it.preds, n.it.Direction(), n.primary.Result())
	}
}

func (n *viaLinksToNext) NextPath(ctx context.Context) bool {
	ok := n.primary.NextPath(ctx)
	if !ok {
		n.err = n.primary.Err()
	}
	return ok
}

func (n *viaLinksToNext) TagResults(dst map[string]refs.Ref) { n.primary.TagResults(dst) }
func (n *viaLinksToNext) Result() refs.Ref                   { return n.result }
func (n *viaLinksToNext) Err() error                         { return n.err }
func (n *viaLinksToNext) String() string                     { return "viaLinksToNext" }

func (n *viaLinksToNext) Close() error {
	err := n.scans.close()
	if perr := n.primary.Close(); perr != nil && err == nil {
		err = perr
	}
	return err
}
