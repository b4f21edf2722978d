// Command storagebreakdown prints where the bytes of a newsgraph bolt database go: the size of
// each of its files, the pages of each bucket of Cayley's indexes.bolt and of cards.bolt, and
// the quads, nodes and value bytes of each predicate, read from Cayley's log. It opens the
// files read-only; the database must not be open for writing.
//
//	go run ./bench/storagebreakdown -db DIR [-articles N]
//
// bench/storage-breakdown.sh loads the GMB articles into a new database and runs it.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

func main() {
	db := flag.String("db", "", "the database folder (bolt)")
	articles := flag.Int("articles", 0, "articles in the database, for the per-article columns (default: counted from the log)")
	flag.Parse()
	if *db == "" {
		log.Fatal("-db DIR is required")
	}
	w := os.Stdout
	files, err := fileSizes(*db)
	if err != nil {
		log.Fatal(err)
	}
	quads, err := readLog(filepath.Join(*db, "indexes.bolt"))
	if err != nil {
		log.Fatal(err)
	}
	n := *articles
	if n == 0 {
		n = quads.articles
	}
	if n == 0 {
		n = 1
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	fmt.Fprintf(w, "database %s: %d articles, %d live quads (%.1f per article), %d dead quads, %d nodes\n\n",
		*db, n, quads.live, float64(quads.live)/float64(n), quads.dead, quads.nodes)
	fmt.Fprintf(w, "| file | bytes | KB per article | share |\n|---|---:|---:|---:|\n")
	for _, f := range files {
		fmt.Fprintf(w, "| %s | %d | %.1f | %.1f %% |\n", f.name, f.size, kb(f.size, n), pct(f.size, total))
	}
	fmt.Fprintf(w, "| total | %d | %.1f | |\n\n", total, kb(total, n))

	for _, name := range []string{"indexes.bolt", "cards.bolt"} {
		if err := bucketTable(w, filepath.Join(*db, name), n); err != nil {
			log.Fatal(err)
		}
	}
	quads.predicateTable(w, n)
}

type file struct {
	name string
	size int64
}

func fileSizes(dir string) ([]file, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []file
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		out = append(out, file{e.Name(), fi.Size()})
	}
	return out, nil
}

func kb(b int64, n int) float64 { return float64(b) / 1024 / float64(n) }
func pct(a, b int64) float64    { return 100 * float64(a) / float64(max(b, 1)) }

// open opens a bolt file read-only, with its list of free pages (which a read-only bolt does
// not read unless asked).
func open(name string) (*bolt.DB, error) {
	return bolt.Open(name, 0o444, &bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: time.Second})
}

// group is one row of the bucket table: Cayley spreads its value index over 65,536 buckets
// ("v" + two bytes of the value's hash) and its reference counts over as many ("n" + two
// bytes), which are shown as one row each.
func group(name []byte) string {
	if len(name) == 3 && (name[0] == 'v' || name[0] == 'n') {
		return map[byte]string{'v': "v?? (value hash -> node id)", 'n': "n?? (value hash -> reference count)"}[name[0]]
	}
	switch string(name) {
	case "sp":
		return "sp (index [subject, predicate])"
	case "ops":
		return "ops (index [object, predicate, subject])"
	case "ps":
		return "ps (index [predicate, subject])"
	case "log":
		return "log (every node and quad, by id)"
	}
	return string(name)
}

type bucketRow struct {
	name           string
	buckets        int
	keys           int
	keyBytes       int64
	valueBytes     int64
	pages          int // leaf, branch and overflow pages of buckets that have pages
	inline         int // buckets kept inside their parent's page
	inlineBytes    int64
	leafInuse      int64
	branchInuse    int64
	allocatedBytes int64
}

// bucketTable prints, for each bucket (or group of buckets) of a bolt file, its keys, the bytes
// of its keys and values, and the pages it holds; then the pages that are free and the root's.
func bucketTable(w io.Writer, name string, n int) error {
	db, err := open(name)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	defer db.Close()
	fi, err := os.Stat(name)
	if err != nil {
		return err
	}
	rows := map[string]*bucketRow{}
	var order []string
	var pageSize int
	var freePages int
	err = db.View(func(tx *bolt.Tx) error {
		pageSize = tx.DB().Info().PageSize
		s := tx.DB().Stats()
		freePages = s.FreePageN + s.PendingPageN
		return tx.ForEach(func(bn []byte, b *bolt.Bucket) error {
			g := group(bn)
			r := rows[g]
			if r == nil {
				r = &bucketRow{name: g}
				rows[g] = r
				order = append(order, g)
			}
			r.buckets++
			st := b.Stats()
			r.keys += st.KeyN
			r.inline += st.InlineBucketN
			r.inlineBytes += int64(st.InlineBucketInuse)
			if st.InlineBucketN == 0 || st.BucketN > st.InlineBucketN {
				r.pages += st.LeafPageN + st.BranchPageN + st.LeafOverflowN + st.BranchOverflowN
				r.allocatedBytes += int64(st.LeafAlloc + st.BranchAlloc)
				r.leafInuse += int64(st.LeafInuse)
				r.branchInuse += int64(st.BranchInuse)
			}
			return b.ForEach(func(k, v []byte) error {
				r.keyBytes += int64(len(k))
				r.valueBytes += int64(len(v))
				return nil
			})
		})
	})
	if err != nil {
		return err
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := rows[order[i]], rows[order[j]]
		return a.allocatedBytes+a.inlineBytes > b.allocatedBytes+b.inlineBytes
	})
	size := fi.Size()
	fmt.Fprintf(w, "%s: %d bytes (%.1f KB per article), page size %d\n\n", filepath.Base(name), size, kb(size, n), pageSize)
	fmt.Fprintf(w, "| bucket | buckets | keys | key bytes | value bytes | pages | bytes in pages (fill) | inline bytes | KB per article | share of file |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var inPages int64
	for _, g := range order {
		r := rows[g]
		b := r.allocatedBytes
		if r.inline > 0 && r.pages == 0 {
			b = r.inlineBytes // kept in the root's pages
		}
		inPages += r.allocatedBytes
		fill := ""
		if r.allocatedBytes > 0 {
			fill = fmt.Sprintf(" (%.0f %%)", pct(r.leafInuse+r.branchInuse, r.allocatedBytes))
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %d%s | %d | %.1f | %.1f %% |\n",
			r.name, r.buckets, r.keys, r.keyBytes, r.valueBytes, r.pages, r.allocatedBytes, fill, r.inlineBytes, kb(b, n), pct(b, size))
	}
	free := int64(freePages * pageSize)
	fmt.Fprintf(w, "| free pages (bolt's freelist) | | | | | %d | %d | | %.1f | %.1f %% |\n", freePages, free, kb(free, n), pct(free, size))
	rest := size - inPages - free
	fmt.Fprintf(w, "| the rest: the root bucket's pages (which hold the inline buckets), meta and freelist pages | | | | | | %d | | %.1f | %.1f %% |\n\n", rest, kb(rest, n), pct(rest, size))
	return nil
}

// logStats is what Cayley's log says of the graph: every node (a value) and every quad (four
// node ids), live or deleted.
type logStats struct {
	live, dead, nodes int
	articles          int
	nodeProtoBytes    int64
	quadProtoBytes    int64
	values            map[uint64]quad.Value
	valueBytes        map[uint64]int // the value's bytes as Cayley stores them
	quads             []*cproto.Primitive
}

func readLog(name string) (*logStats, error) {
	db, err := open(name)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	s := &logStats{values: map[uint64]quad.Value{}, valueBytes: map[uint64]int{}}
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("log"))
		if b == nil {
			return fmt.Errorf("%s: no log bucket (not a Cayley kv database?)", name)
		}
		return b.ForEach(func(k, v []byte) error {
			p := &cproto.Primitive{}
			if err := proto.Unmarshal(v, p); err != nil {
				return err
			}
			if p.IsNode() {
				s.nodes++
				s.nodeProtoBytes += int64(len(k) + len(v))
				val, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					return err
				}
				s.values[p.ID] = val
				s.valueBytes[p.ID] = len(p.Value)
				return nil
			}
			s.quadProtoBytes += int64(len(k) + len(v))
			if p.Deleted {
				s.dead++
				return nil
			}
			s.live++
			s.quads = append(s.quads, p)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	typ := s.idOf(quad.IRI("rdf:type"))
	article := s.idOf(quad.IRI("schema:NewsArticle"))
	for _, q := range s.quads {
		if q.Predicate == typ && q.Object == article && typ != 0 {
			s.articles++
		}
	}
	return s, nil
}

func (s *logStats) idOf(v quad.Value) uint64 {
	for id, x := range s.values {
		if x == v {
			return id
		}
	}
	return 0
}

// predicateTable prints, for each predicate, its quads and the nodes that only its quads use
// as their object (a name key used by no other predicate, say) with their bytes: what removing
// the predicate would remove from the log and the indexes.
func (s *logStats) predicateTable(w io.Writer, n int) {
	type use struct{ preds map[uint64]bool }
	objOf := map[uint64]map[uint64]bool{} // node -> predicates it is the object of
	other := map[uint64]bool{}            // nodes used as subject, predicate or label
	for _, q := range s.quads {
		m := objOf[q.Object]
		if m == nil {
			m = map[uint64]bool{}
			objOf[q.Object] = m
		}
		m[q.Predicate] = true
		other[q.Subject], other[q.Predicate] = true, true
		if q.Label != 0 {
			other[q.Label] = true
		}
	}
	type row struct {
		pred                 string
		quads, owned         int
		triples              map[[2]uint64]bool // distinct (subject, object): the same fact from several articles is one
		ownedBytes, objBytes int64
	}
	rows := map[uint64]*row{}
	for _, q := range s.quads {
		r := rows[q.Predicate]
		if r == nil {
			r = &row{pred: fmt.Sprint(s.values[q.Predicate]), triples: map[[2]uint64]bool{}}
			rows[q.Predicate] = r
		}
		r.quads++
		r.triples[[2]uint64{q.Subject, q.Object}] = true
		r.objBytes += int64(s.valueBytes[q.Object])
	}
	for node, preds := range objOf {
		if len(preds) != 1 || other[node] {
			continue
		}
		for p := range preds {
			rows[p].owned++
			rows[p].ownedBytes += int64(s.valueBytes[node])
		}
	}
	var list []*row
	for _, r := range rows {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].quads > list[j].quads })
	fmt.Fprintf(w, "Quads by predicate (live quads; 'own nodes': objects no other quad uses, with their stored bytes):\n\n")
	fmt.Fprintf(w, "| predicate | quads | per article | share | distinct triples | own nodes | own node bytes | object bytes if each quad had its own copy |\n")
	fmt.Fprintf(w, "|---|---:|---:|---:|---:|---:|---:|---:|\n")
	var triples int
	for _, r := range list {
		triples += len(r.triples)
		fmt.Fprintf(w, "| %s | %d | %.1f | %.1f %% | %d | %d | %d | %d |\n", strings.Trim(r.pred, "<>"), r.quads,
			float64(r.quads)/float64(n), pct(int64(r.quads), int64(s.live)), len(r.triples), r.owned, r.ownedBytes, r.objBytes)
	}
	fmt.Fprintf(w, "\n%d quads are %d distinct triples: %.1f %% of the quads repeat a triple another article states too\n", s.live, triples, 100-pct(int64(triples), int64(s.live)))
	var vb int64
	for _, b := range s.valueBytes {
		vb += int64(b)
	}
	fmt.Fprintf(w, "\nlog bucket: nodes %d (keys and values %d bytes, of which values %d), quads %d live + %d dead (keys and values %d bytes)\n",
		s.nodes, s.nodeProtoBytes, vb, s.live, s.dead, s.quadProtoBytes)
}
