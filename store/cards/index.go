// Package cards is what newsgraph reads of an entity for people: its card (names, type,
// positions, facts with their evidence and corroboration), its timeline and the evidence of
// one fact, and entity lookups by name. On bolt it keeps the card index beside the quads
// (cards.bolt: the rows cards are made of, the hubs' digests, the saved merge table, the
// explorer's snapshot), which the Store's write path keeps up to date through the hooks of
// store.CardIndex; on other backends cards are made from the quads. The explorer
// (store/explore) is built on it: it reads the rows (Rows) and the card context (Context), and
// keeps its per-Store state in the Store's Index (RegisterExplorer).
//
// It reads the store through its exported reads (store/reads.go) and imports it; the Store
// reaches it only through store.CardIndex, which Index implements and which this package
// registers in its init: a program that reads cards links it in, and every Store it opens
// keeps an Index.
package cards

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"log"
	"path/filepath"
	"sync/atomic"
	"time"
	"unicode/utf8"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/rdf"
)

func init() {
	store.RegisterCardIndex(func(s *store.Store, o store.CardIndexOptions) (store.CardIndex, error) {
		if o.File == "" {
			return newIndex(s, nil), nil // no card index: what store/explore keeps only
		}
		ix, err := openBolt(s, o)
		if err != nil {
			return nil, err
		}
		if ix.stale != "" && !o.ReadMostly {
			// Another program (stock Cayley, say) wrote the quads: the Store's Open makes the
			// index again.
			log.Printf("%s: %s: making the card index again", filepath.Dir(o.File), ix.stale)
		}
		return ix, nil
	})
}

// Index is what this package keeps for one Store (store.CardIndex): on bolt the card index, on
// every backend what store/explore keeps (the explorer's index).
type Index struct {
	s *store.Store
	// db is the card index's file (see cardindex.go), nil when none is kept (not bolt).
	db    *bolt.DB
	valid atomic.Bool // rows match the quads: cards may read them
	// stale says, when Open found the quads changed by another program, what it found ("").
	stale string
	// refreshed: when the hubs' digests were last refreshed (read and written under the
	// Store's write lock); refreshEvery: store.RefreshHubsEvery's interval.
	refreshed    time.Time
	refreshEvery time.Duration
	explorer     Explorer // store/explore's, for this Store (explorer.go); nil when not linked in
}

// newIndex is the Index of s, its card index in db (nil: none is kept), with the explorer's
// state when store/explore is linked in.
func newIndex(s *store.Store, db *bolt.DB) *Index {
	ix := &Index{s: s, db: db}
	if openExplorer != nil {
		ix.explorer = openExplorer(Reader{s, ix})
	}
	return ix
}

// A Reader reads one Store's cards, timelines and lookups (Of).
type Reader struct {
	st    *store.Store
	cards *Index // what this package keeps for st
}

// Of is the Reader of s.
func Of(s *store.Store) Reader {
	ix, _ := s.CardIndex().(*Index) // (every Store has one: this package registered its opener in init)
	return Reader{s, ix}
}

// The Store's reads (store/reads.go), under the short names this package's many readers use.
func (s Reader) out(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	return s.st.Out(ctx, node, pred)
}

func (s Reader) in(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Quad, error) {
	return s.st.In(ctx, node, pred)
}

func (s Reader) subjects(ctx context.Context, pred quad.IRI, node quad.Value) ([]quad.Value, error) {
	return s.st.Subjects(ctx, pred, node)
}

func (s Reader) objects(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return s.st.Objects(ctx, node, pred)
}

func (s Reader) firstValue(ctx context.Context, node quad.Value, pred quad.IRI) (quad.Value, error) {
	return s.st.FirstValue(ctx, node, pred)
}

func (s Reader) ownValues(ctx context.Context, node quad.Value, pred quad.IRI) ([]quad.Value, error) {
	return s.st.OwnValues(ctx, node, pred)
}

func (s Reader) quads(ctx context.Context, dir quad.Direction, node, pred quad.Value, fn func(quad.Quad) bool) error {
	return s.st.Quads(ctx, dir, node, pred, fn)
}

func (s Reader) labels(ctx context.Context, subj quad.Value, pred quad.IRI, obj quad.Value) ([]quad.Value, error) {
	return s.st.QuadLabels(ctx, subj, pred, obj)
}

func (s Reader) has(ctx context.Context, node quad.Value) (bool, error) { return s.st.Has(ctx, node) }

func (s Reader) loadMerges(ctx context.Context) (store.MergeView, error) { return s.st.MergeView(ctx) }

func (s Reader) qs() cgraph.QuadStore { return s.st.QuadStore() }

// keyOfValue identifies a value as Cayley does (and the store does): by its String.
func keyOfValue(v quad.Value) string {
	if v == nil {
		return ""
	}
	return v.String()
}

// str is a value's text (rdf.Text), under the short name the many readers use.
var str = rdf.Text

// distinct is the distinct values of the quads' direction d, in the order found.
func distinct(qs []quad.Quad, d quad.Direction) []quad.Value {
	var out []quad.Value
	seen := map[string]bool{}
	for _, q := range qs {
		v := q.Get(d)
		if v == nil {
			continue
		}
		k := keyOfValue(v)
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// maxKeyField is the longest string a card-index key field holds as it is. A key has at most
// eight fields, so no key comes near bolt's limit of 32 KB.
const maxKeyField = store.MaxIRIBytes

// keyText is s as a field of a card-index key holds it: s itself up to maxKeyField bytes
// (every IRI the store holds: store.BoundIRI); a longer text (a name of 40 KB) is cut to 256
// bytes and ends with "…sha256-" and its hash, so that the key stays unique, and a lookup by
// the same text (keyText again) finds it. Cards show such a name cut.
func keyText(s string) string {
	if len(s) <= maxKeyField {
		return s
	}
	n := 256
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	h := sha256.Sum256([]byte(s))
	return s[:n] + "…sha256-" + hex.EncodeToString(h[:])
}

// CompactedHorizon is Cayley's horizon at the database's last rewrite (store.Compact), which
// the store records in the index's file; 0 when none is.
func (ix *Index) CompactedHorizon() uint64 {
	var last uint64
	if !ix.Kept() {
		return 0
	}
	_ = ix.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get([]byte(store.CardIndexCompacted)); len(v) == 8 {
			last = binary.LittleEndian.Uint64(v)
		}
		return nil
	})
	return last
}

// KeyText is s as the card index's rows hold it (keyText): answers made without the index
// (the explorer's on PostgreSQL) hold their texts so too, to be the same.
func KeyText(s string) string { return keyText(s) }
