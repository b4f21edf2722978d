// Command writepath times newsgraph's write path alone: the articles of an N-Quads file as
// `newsgraph extract --format nquads` prints them (each article's quads together, its
// contentHash quad last) written with Store.WriteArticles in batches of at least 10,000
// quads, as load writes them, with no extraction in the way. bench/write-workers.sh runs it
// once alone and as two processes on the two halves of the same file, to see whether
// PostgreSQL's writers scale with workers.
//
//	go run ./bench/writepath -backend postgres -db postgres://... -nq corpus.nq.gz
//	go run ./bench/writepath ... -part 1/2 -at 1765000000   # the second of two workers
//
// It reads the whole file first, opens the store, waits for -at (a Unix time, so that
// several processes start writing together), writes, and prints one line:
//
//	writepath: part 1/2: 500 articles, 115000 quads in 12.3 s: 40.6 articles/s, 9350 quads/s (start 1765000000.123, end 1765000012.456)
//
// Close is not timed; on PostgreSQL it is not called (it saves the explorer's snapshot, no
// write, and the server's CPU is counted around the process).
// -cpu runs a fixed CPU-bound task instead, the control of a measurement with two processes
// on a machine shared with other work (its "articles" are megabytes hashed).
package main

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/store"
)

func main() {
	backend := flag.String("backend", store.Bolt, "bolt, memstore or postgres")
	db := flag.String("db", "", "the database: a bolt folder or a PostgreSQL URL (required)")
	nq := flag.String("nq", "", "the N-Quads file, gzipped or not (required)")
	part := flag.String("part", "1/1", "K/N: write only the articles whose position modulo N is K-1")
	at := flag.Float64("at", 0, "a Unix time to wait for before writing (0: at once)")
	prof := flag.String("cpuprofile", "", "write a CPU profile of the writes to `FILE`")
	spin := flag.Bool("cpu", false, "instead of writing, hash 512 MB in memory (after -at) and print the time: the machine's share of CPU, one process against two")
	flag.Parse()
	if *spin {
		cpuControl(*at)
		return
	}
	if *db == "" || *nq == "" {
		log.Fatal("writepath: -db and -nq are required")
	}
	var k, n int
	if _, err := fmt.Sscanf(*part, "%d/%d", &k, &n); err != nil || n < 1 || k < 1 || k > n {
		log.Fatalf("writepath: -part %q: want K/N with 1 <= K <= N", *part)
	}
	arts, err := readArticles(*nq)
	if err != nil {
		log.Fatal(err)
	}
	var mine []store.Article
	for i, a := range arts {
		if i%n == k-1 {
			mine = append(mine, a)
		}
	}
	s, err := store.Open(*backend, *db, store.BulkLoad())
	if err != nil {
		log.Fatal(err)
	}
	if *at > 0 {
		time.Sleep(time.Until(time.Unix(0, int64(*at*1e9))))
	}
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
	}
	start, cpu0 := time.Now(), cpuTime()
	var total store.WriteStats
	var batch []store.Article
	size := 0
	flush := func() {
		if len(batch) == 0 {
			return
		}
		st, err := s.WriteArticles(batch)
		if err != nil {
			log.Fatal(err)
		}
		total.Added += st.Added
		total.Replaced += st.Replaced
		total.Unchanged += st.Unchanged
		total.Quads += st.Quads
		batch, size = batch[:0], 0
	}
	for _, a := range mine {
		batch = append(batch, a)
		if size += len(a.Quads); size >= store.DefaultBatchSize {
			flush()
		}
	}
	flush()
	end, cpu := time.Now(), cpuTime()-cpu0
	if *prof != "" {
		pprof.StopCPUProfile()
	}
	if *backend != store.Postgres {
		// On PostgreSQL, Close builds the explorer's index and saves it beside the quads (seconds
		// of the server's CPU, which bench/write-workers.sh counts): no write, so not called. The
		// transactions are committed; the process's end closes the connections.
		if err := s.Close(); err != nil {
			log.Fatal(err)
		}
	}
	secs := end.Sub(start).Seconds()
	fmt.Printf("writepath: part %s: %d articles (new %d, replaced %d, unchanged %d), %d quads in %.1f s: %.1f articles/s, %.0f quads/s, client CPU %.2f s (start %.3f, end %.3f)\n",
		*part, len(mine), total.Added, total.Replaced, total.Unchanged, total.Quads, secs,
		float64(len(mine))/secs, float64(total.Quads)/secs, cpu.Seconds(),
		float64(start.UnixNano())/1e9, float64(end.UnixNano())/1e9)
}

// readArticles reads the articles of an N-Quads file as extract prints them.
func readArticles(path string) ([]store.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<20)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, err
		}
		r = zr
	}
	qr := nquads.NewReader(r, false)
	defer qr.Close()
	var out []store.Article
	for {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		label, _ := q.Label.(quad.IRI)
		if len(out) == 0 || out[len(out)-1].IRI != label {
			out = append(out, store.Article{IRI: label})
		}
		cur := &out[len(out)-1]
		if q.Predicate == store.ContentHash && q.Subject == quad.Value(label) {
			cur.Hash, _ = quad.NativeOf(q.Object).(string)
			continue
		}
		cur.Quads = append(cur.Quads, q)
	}
}

// cpuControl is the control of a two-worker measurement on a machine shared with other
// work: the same fixed amount of CPU work (SHA-256 of 512 MB) run by one process, then by two
// at once, shows how much of a second core the machine gives at that moment.
func cpuControl(at float64) {
	if at > 0 {
		time.Sleep(time.Until(time.Unix(0, int64(at*1e9))))
	}
	buf := make([]byte, 1<<20)
	start := time.Now()
	h := sha256.New()
	for i := 0; i < 512; i++ {
		h.Write(buf)
	}
	h.Sum(nil)
	end := time.Now()
	fmt.Printf("writepath: cpu: 512 articles in %.2f s (start %.3f, end %.3f)\n", end.Sub(start).Seconds(),
		float64(start.UnixNano())/1e9, float64(end.UnixNano())/1e9)
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
