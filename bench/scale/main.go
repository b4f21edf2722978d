// Command scale is newsgraph's scale benchmark; bench/scale.sh builds it and the CLI and
// runs it. For each corpus size N it:
//
//  1. writes N articles of the GMB corpus (Voice of America sentences, 20 to an article,
//     ../shared/data/gmb) as JSON Lines, the corpus replicated with distinct ids;
//  2. times `newsgraph extract --format nquads` on it: extraction alone, all cores;
//  3. times `newsgraph load` into a new database: articles/s, quads/s, peak RSS, database
//     size;
//  4. writes the same articles' quads (the N-Quads of step 2, grouped by article) into
//     another new database with Store.WriteArticles in batches of 10,000 quads, with the
//     settings load uses for a new database (store.BulkLoad), timing the writes alone (and
//     the final sync): the write-only rate, and load's share of it;
//  5. runs the README's example queries (adapted to names of the GMB corpus), a count, a
//     regular expression over all names, a name lookup through the name index, and the
//     entity card, in the process, on the loaded database: p50 and p95 latencies.
//
// It prints Markdown tables.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/internal/gmb"
	"github.com/newsgraph/newsgraph/store"
	"github.com/newsgraph/newsgraph/store/cards"
	"github.com/newsgraph/newsgraph/store/explore"
)

var (
	bin      = flag.String("bin", "", "the newsgraph binary (required)")
	work     = flag.String("work", "", "working folder for corpora and databases (default: a temporary one)")
	sizes    = flag.String("articles", "10000", "corpus sizes, comma-separated")
	backend  = flag.String("backend", store.Bolt, "bolt or postgres")
	pgAdmin  = flag.String("pg", os.Getenv("NEWSGRAPH_TEST_POSTGRES"), "postgres: URL of a database whose user may create databases")
	runs     = flag.Int("runs", 20, "runs of each query (after one warm-up run)")
	person   = flag.String("person", "Bush", "the name of a frequent person of the corpus, for the queries and the card")
	hub      = flag.String("hub", "United States", "the most mentioned entity of the corpus, for its card")
	surname  = flag.String("surname", "Rice", "a word of a person's name, for the name lookups")
	acronym  = flag.String("acronym", "NATO", "an organisation's acronym, for query 03")
	noWrite  = flag.Bool("no-write-only", false, "skip the write-only measurement")
	onlyDB   = flag.String("db", "", "only time the queries, on this loaded database")
	keep     = flag.Bool("keep", false, "keep the databases")
	extended = flag.Bool("v", false, "print each command's output")
	cpuProf  = flag.String("cpuprofile", "", "write a CPU profile of the query latencies to `FILE` (with -db)")
	only     = flag.String("only", "", "with -db: time only the queries whose name matches this regular expression")
)

type result struct {
	n                       int
	extractSecs             float64
	loadSecs, loadRSS       float64 // seconds, MB
	loadQuads               int64
	dbBytes                 int64
	writeSecs, writeWall    float64
	loadCPU, writeCPU       float64 // CPU seconds (user + system): the load process, the write-only writes
	writeArticles           int
	writeQuads              int
	latencies               []latency
	loadSummary, extractRSS string
	curve                   []slice // the load's rate, slice by slice
}

// slice is a stretch of a load: the articles from..to, at rate articles/s.
type slice struct {
	from, to int
	rate     float64
}

var errSkipped = errors.New("skipped (-only)")

type latency struct {
	name     string
	p50, p95 time.Duration
	cpu50    time.Duration // the process's CPU time (user + system) of the median run
	results  int
	err      error
}

func main() {
	log.SetFlags(0)
	flag.Parse()
	if *bin == "" {
		log.Fatal("-bin is required")
	}
	if *work == "" {
		dir, err := os.MkdirTemp("", "newsgraph-scale")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(dir)
		*work = dir
	}
	if *backend == store.Postgres && *pgAdmin == "" {
		log.Fatal("-backend postgres needs -pg URL (or NEWSGRAPH_TEST_POSTGRES)")
	}
	sents, err := gmb.Read(gmb.DefaultPath())
	if err != nil {
		log.Fatalf("the GMB corpus: %v", err)
	}
	base := gmb.Articles(sents, 20)
	machine()
	if *onlyDB != "" {
		if *cpuProf != "" {
			f, err := os.Create(*cpuProf)
			if err != nil {
				log.Fatal(err)
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				log.Fatal(err)
			}
			defer pprof.StopCPUProfile()
		}
		ls, err := latencies(*onlyDB)
		if err != nil {
			log.Fatal(err)
		}
		report([]result{{n: -1, latencies: ls}})
		return
	}
	var results []result
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			log.Fatalf("bad size %q", f)
		}
		r, err := measure(base, n)
		if err != nil {
			log.Fatalf("%d articles: %v", n, err)
		}
		results = append(results, r)
		report(results)
	}
}

// machine prints what the benchmark runs on.
func machine() {
	cpu := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`(?m)^model name\s*:\s*(.+)$`).FindSubmatch(b); m != nil {
			cpu = string(m[1])
		}
	}
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if m := regexp.MustCompile(`MemTotal:\s*(\d+) kB`).FindSubmatch(b); m != nil {
			kb, _ := strconv.Atoi(string(m[1]))
			mem = fmt.Sprintf("%.0f GB", float64(kb)/1024/1024)
		}
	}
	fmt.Printf("machine: %s, %d cores, %s RAM, %s/%s, %s; backend %s\n\n",
		cpu, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH, runtime.Version(), *backend)
}

func measure(base []gmb.Article, n int) (result, error) {
	r := result{n: n}
	corpus := filepath.Join(*work, fmt.Sprintf("corpus-%d.jsonl", n))
	if err := writeCorpus(corpus, base, n); err != nil {
		return r, err
	}
	log.Printf("%d articles: corpus %s", n, corpus)

	// Extraction alone.
	nq := filepath.Join(*work, fmt.Sprintf("corpus-%d.nq.gz", n))
	secs, rss, _, err := runTimed(nq, *bin, "extract", "--format", "nquads", corpus)
	if err != nil {
		return r, fmt.Errorf("extract: %w", err)
	}
	r.extractSecs = secs
	r.extractRSS = fmt.Sprintf("%.0f MB", rss)
	log.Printf("  extract: %.1f s, %.0f articles/s", secs, float64(n)/secs)

	// load
	loadDB, dropLoad, err := newDatabase(fmt.Sprintf("load_%d", n))
	if err != nil {
		return r, err
	}
	defer dropLoad()
	// Not --quiet: the progress lines (one each 5 s) give the rate slice by slice.
	secs, rss, out, err := runTimed("", *bin, "--backend", *backend, "--db", loadDB, "load", corpus)
	if err != nil {
		return r, fmt.Errorf("load: %w\n%s", err, out)
	}
	r.curve = loadCurve(lastStderr, n, max(n/10, 1))
	r.loadCPU = lastCPU
	r.loadSecs, r.loadRSS, r.loadSummary = secs, rss, strings.TrimSpace(out)
	if m := regexp.MustCompile(`quads added (\d+)`).FindStringSubmatch(out); m != nil {
		r.loadQuads, _ = strconv.ParseInt(m[1], 10, 64)
	}
	log.Printf("  load: %.1f s, %.0f articles/s, peak RSS %.0f MB\n  %s", secs, float64(n)/secs, rss, r.loadSummary)
	if r.dbBytes, err = databaseSize(loadDB); err != nil {
		return r, err
	}

	// The same quads, written alone.
	if !*noWrite {
		writeDB, dropWrite, err := newDatabase(fmt.Sprintf("write_%d", n))
		if err != nil {
			return r, err
		}
		defer dropWrite()
		if err := writeOnly(&r, writeDB, nq); err != nil {
			return r, fmt.Errorf("write-only: %w", err)
		}
		log.Printf("  write-only: %.1f s writing (%.1f s in all), %.0f articles/s", r.writeSecs, r.writeWall, float64(r.writeArticles)/r.writeSecs)
	}

	// Query latencies.
	r.latencies, err = latencies(loadDB)
	return r, err
}

// writeCorpus writes n articles: the GMB articles in order, again and again, each copy with
// its own ids.
func writeCorpus(path string, base []gmb.Article, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := 0; i < n; i++ {
		a := base[i%len(base)]
		id := a.ID
		if c := i / len(base); c > 0 {
			id = fmt.Sprintf("%s-copy%d", a.ID, c)
		}
		if err := enc.Encode(map[string]string{"id": id, "text": a.Text, "source": "Voice of America"}); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// lastCPU is the CPU time of the last command runTimed ran, in seconds; lastStderr is
// what it wrote on standard error.
var (
	lastCPU    float64
	lastStderr string
)

var progressLine = regexp.MustCompile(`(?m)^progress: (\d+) articles, ([0-9.]+)/s`)

// loadCurve reads a load's progress lines ("progress: N articles, R/s": N articles stored
// N/R seconds after the start) and returns the rate of each stretch of width articles,
// the time at each boundary interpolated between the lines either side of it. The last
// stretch ends at the last progress line, not at n: the end of a load also compacts.
func loadCurve(stderr string, n, width int) []slice {
	type point struct{ n, secs float64 }
	pts := []point{{0, 0}}
	for _, m := range progressLine.FindAllStringSubmatch(stderr, -1) {
		k, _ := strconv.ParseFloat(m[1], 64)
		rate, _ := strconv.ParseFloat(m[2], 64)
		if k > pts[len(pts)-1].n && rate > 0 {
			pts = append(pts, point{k, k / rate})
		}
	}
	at := func(k float64) float64 { // seconds when k articles were stored
		for i := 1; i < len(pts); i++ {
			if pts[i].n >= k {
				a, b := pts[i-1], pts[i]
				return a.secs + (b.secs-a.secs)*(k-a.n)/(b.n-a.n)
			}
		}
		return -1
	}
	var out []slice
	for from := 0; from < n; from += width {
		to := min(from+width, n)
		if last := pts[len(pts)-1].n; float64(to) > last {
			to = int(last)
		}
		if to <= from {
			break
		}
		t0, t1 := at(float64(from)), at(float64(to))
		if t0 < 0 || t1 <= t0 {
			break
		}
		out = append(out, slice{from, to, float64(to-from) / (t1 - t0)})
	}
	return out
}

// runTimed runs a command, its standard output gzipped to outFile (or returned when
// outFile is ""), and returns its wall time and peak RSS in MB.
func runTimed(outFile string, name string, args ...string) (secs, rssMB float64, out string, err error) {
	cmd := exec.Command(name, args...)
	var buf strings.Builder
	var zw *gzip.Writer
	if outFile != "" {
		f, err := os.Create(outFile)
		if err != nil {
			return 0, 0, "", err
		}
		defer f.Close()
		zw = gzip.NewWriter(f)
		cmd.Stdout = zw
	} else {
		cmd.Stdout = &buf
	}
	var errBuf strings.Builder
	cmd.Stderr = io.MultiWriter(os.Stderr, &errBuf)
	start := time.Now()
	// The peak resident size is the command's VmHWM, read every 50 ms while it runs: the
	// rusage of a child started by Go counts this process's own peak too (the child shares
	// its memory until it executes the command), so after a big write-only run it would
	// report this process's size.
	var hwm atomic.Int64
	stop := make(chan struct{})
	polled := make(chan struct{})
	err = cmd.Start()
	if err == nil {
		go func() {
			defer close(polled)
			t := time.NewTicker(50 * time.Millisecond)
			defer t.Stop()
			for {
				if kb := vmHWM(cmd.Process.Pid); kb > hwm.Load() {
					hwm.Store(kb)
				}
				select {
				case <-stop:
					return
				case <-t.C:
				}
			}
		}()
		err = cmd.Wait()
		close(stop)
		<-polled
	}
	secs = time.Since(start).Seconds()
	if zw != nil {
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	}
	if cmd.ProcessState != nil {
		lastCPU = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rssMB = float64(ru.Maxrss) / 1024 // kB on Linux
		}
	}
	if kb := hwm.Load(); kb > 0 {
		rssMB = float64(kb) / 1024
	}
	lastStderr = errBuf.String()
	if *extended {
		fmt.Fprint(os.Stderr, buf.String())
	}
	return secs, rssMB, buf.String(), err
}

// vmHWM is the peak resident size of process pid in kB, or 0 when unknown (/proc/PID/status).
func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	if m := regexp.MustCompile(`VmHWM:\s*(\d+) kB`).FindSubmatch(b); m != nil {
		kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
		return kb
	}
	return 0
}

// newDatabase returns the --db of a new database and a function that removes it.
func newDatabase(name string) (string, func(), error) {
	if *backend != store.Postgres {
		dir := filepath.Join(*work, name+".db")
		os.RemoveAll(dir)
		return dir, func() {
			if !*keep {
				os.RemoveAll(dir)
			}
		}, nil
	}
	db, err := sql.Open("postgres", *pgAdmin)
	if err != nil {
		return "", nil, err
	}
	name = "newsgraph_scale_" + name
	db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		return "", nil, err
	}
	u, err := url.Parse(*pgAdmin)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		if !*keep {
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		}
		db.Close()
	}, nil
}

func databaseSize(db string) (int64, error) {
	if *backend != store.Postgres {
		var size int64
		err := filepath.WalkDir(db, func(_ string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			info, err := d.Info()
			if err == nil {
				size += info.Size()
			}
			return err
		})
		return size, err
	}
	conn, err := sql.Open("postgres", db)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var size int64
	err = conn.QueryRow(`SELECT pg_database_size(current_database())`).Scan(&size)
	return size, err
}

// writeOnly writes the articles of the N-Quads file (gzipped, as extract printed them:
// each article's quads together, its contentHash quad last) with WriteArticles, in batches
// of at least 10,000 quads, as load does, and times the WriteArticles calls.
func writeOnly(r *result, db, nqFile string) error {
	// A new database, with the settings load uses for one (store.BulkLoad).
	s, err := store.Open(*backend, db, store.BulkLoad())
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := os.Open(nqFile)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	qr := nquads.NewReader(bufio.NewReaderSize(zr, 1<<20), false)
	defer qr.Close()
	start := time.Now()
	var batch []store.Article
	var cur *store.Article
	size := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		t, c := time.Now(), cpuTime()
		st, err := s.WriteArticles(batch)
		r.writeSecs += time.Since(t).Seconds()
		r.writeCPU += (cpuTime() - c).Seconds()
		if err != nil {
			return err
		}
		r.writeArticles += st.Added + st.Replaced + st.Unchanged
		r.writeQuads += st.Quads
		batch, size = batch[:0], 0
		return nil
	}
	for {
		q, err := qr.ReadQuad()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		label, _ := q.Label.(quad.IRI)
		if cur == nil || cur.IRI != label {
			if cur != nil {
				batch = append(batch, *cur)
				size += len(cur.Quads)
				if size >= store.DefaultBatchSize {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			cur = &store.Article{IRI: label}
		}
		if q.Predicate == store.ContentHash && q.Subject == quad.Value(label) {
			cur.Hash, _ = quad.NativeOf(q.Object).(string)
			continue
		}
		cur.Quads = append(cur.Quads, q)
	}
	if cur != nil {
		batch = append(batch, *cur)
	}
	if err := flush(); err != nil {
		return err
	}
	t, c := time.Now(), cpuTime()
	err = s.Close() // the final sync of a bulk load: part of the writing
	r.writeSecs += time.Since(t).Seconds()
	r.writeCPU += (cpuTime() - c).Seconds()
	r.writeWall = time.Since(start).Seconds()
	return err
}

// latencies opens the loaded database and times the queries.
func latencies(db string) ([]latency, error) {
	var out []latency
	// Opening: what every command pays first.
	for _, o := range []struct {
		name string
		opts []store.Option
	}{{"open the database (as load does)", nil}, {"open the database with store.ReadMostly (no bloom filter)", []store.Option{store.ReadMostly()}}} {
		out = append(out, timeIt(o.name, func(ctx context.Context) (int, error) {
			s, err := store.Open(*backend, db, o.opts...)
			if err != nil {
				return 0, err
			}
			return 1, s.Close()
		}))
	}
	// The explorer's first request after an open builds its in-memory index.
	out = append(out, timeIt("explorer: first request after an open (builds the explorer's index)", func(ctx context.Context) (int, error) {
		s, err := store.Open(*backend, db, store.ReadMostly())
		if err != nil {
			return 0, err
		}
		defer s.Close()
		n, err := explore.Of(s).Neighbourhood(ctx, *person, explore.NeighbourhoodOptions{})
		if err != nil {
			return 0, err
		}
		return len(n.Nodes), nil
	}))
	s, err := store.Open(*backend, db, store.ReadMostly())
	if err != nil {
		return nil, err
	}
	defer s.Close()
	examples := func(file string) string {
		b, err := os.ReadFile(filepath.Join("examples", "queries", file))
		if err != nil {
			log.Fatal(err)
		}
		return string(b)
	}
	gizmo := func(name, q string) {
		out = append(out, timeIt(name, func(ctx context.Context) (int, error) {
			res, err := s.Query(ctx, q, 100)
			return len(res), err
		}))
	}
	// The lookups first, the whole-graph queries after them: a query stopped at its deadline
	// goes on running in Cayley for a while (see store.Store.Close) and would slow the next.
	gizmo("01 one hop from a person (`Has(name).Out()`)", fmt.Sprintf(`g.V().Has("<schema:name>", %q).Out().All()`, *person))
	gizmo("03 countries members of an organisation, by acronym", fmt.Sprintf(`g.V().Has("<schema:alternateName>", %q).In("<schema:memberOf>").Has("<rdf:type>", "<schema:Country>").Out("<schema:name>").All()`, *acronym))
	gizmo("04 which articles say whom a person met", fmt.Sprintf(`g.V().Has("<schema:name>", %q).Out("<ng:met>").Labels().All()`, *person))
	// Cards as `newsgraph entity` and the explorer ask for them: the 20 most corroborated
	// facts (of all, counted) with their evidence.
	for _, name := range []string{*person, *hub} {
		out = append(out, timeIt(fmt.Sprintf("`entity %s` card", name), func(ctx context.Context) (int, error) {
			c, err := cards.Of(s).Card(ctx, name, cards.MaxFacts(20))
			if err != nil {
				return 0, err
			}
			return c.FactCount, nil
		}))
	}
	// The explorer opens a fact of the hub's card: its statements with their sentences.
	out = append(out, timeIt(fmt.Sprintf("explorer: evidence of the most corroborated fact of %s (first 200)", *hub), func(ctx context.Context) (int, error) {
		c, err := cards.Of(s).Card(ctx, *hub, cards.MaxFacts(1))
		if err != nil || len(c.Facts) == 0 {
			return 0, err
		}
		f := c.Facts[0]
		obj := f.Value
		if f.Object != nil {
			obj = string(f.Object.ID)
		}
		ev, err := cards.Of(s).EvidenceFirst(ctx, string(f.Subject.ID), string(f.Predicate), obj, 200)
		if err != nil {
			return 0, err
		}
		return len(ev.Evidence), nil
	}))
	out = append(out, timeIt(fmt.Sprintf("explorer: search %q", (*person)[:2]), func(ctx context.Context) (int, error) {
		res, err := explore.Of(s).Search(ctx, (*person)[:2], 0)
		return len(res), err
	}))
	for _, name := range []string{*person, *hub} {
		out = append(out, timeIt(fmt.Sprintf("explorer: neighbourhood of %s", name), func(ctx context.Context) (int, error) {
			n, err := explore.Of(s).Neighbourhood(ctx, name, explore.NeighbourhoodOptions{})
			if err != nil {
				return 0, err
			}
			return len(n.Nodes), nil
		}))
		// The explorer's pages of a timeline: the first, and one from the middle.
		out = append(out, timeIt(fmt.Sprintf("explorer: timeline of %s (first page, 100 events)", name), func(ctx context.Context) (int, error) {
			tl, err := cards.Of(s).TimelinePage(ctx, name, "", "", 0, 100)
			if err != nil {
				return 0, err
			}
			return len(tl.Events), nil
		}))
		out = append(out, timeIt(fmt.Sprintf("explorer: timeline of %s (a middle page)", name), func(ctx context.Context) (int, error) {
			first, err := cards.Of(s).TimelinePage(ctx, name, "", "", 0, 1)
			if err != nil {
				return 0, err
			}
			tl, err := cards.Of(s).TimelinePage(ctx, name, "", "", first.Count/2, 100)
			if err != nil {
				return 0, err
			}
			return len(tl.Events), nil
		}))
	}
	if res, err := s.Query(context.Background(), `g.V("<schema:Person>").In("<rdf:type>").All()`, 3000); err == nil && len(res) > 0 {
		// Cards of many people (every tenth of the first ones in the store's order), one a
		// run: a typical card rather than the most frequent person's.
		var ids []string
		seen := map[string]bool{}
		for _, r := range res {
			if m, ok := r.(map[string]any); ok {
				if id, ok := m["id"].(string); ok && !seen[id] {
					seen[id] = true
					ids = append(ids, strings.TrimPrefix(strings.Trim(id, "<>"), "ng:"))
				}
			}
		}
		var sample []string
		for i := 0; i < len(ids) && len(sample) <= *runs; i += max(1, len(ids)/(*runs+1)) {
			sample = append(sample, ids[i])
		}
		k := 0
		out = append(out, timeIt(fmt.Sprintf("`entity` card of %d people, one a run", len(sample)), func(ctx context.Context) (int, error) {
			name := sample[k%len(sample)]
			k++
			c, err := cards.Of(s).Card(ctx, name, cards.MaxFacts(20))
			if err != nil {
				return 0, fmt.Errorf("%s: %w", name, err)
			}
			return c.FactCount, nil
		}))
	}
	out = append(out, timeIt(fmt.Sprintf("a person by a word of the name, through the name index (`FindEntities(%q)`, name keys)", *surname), func(ctx context.Context) (int, error) {
		ms, err := cards.Of(s).FindEntities(ctx, *surname)
		return len(ms), err
	}))
	gizmo("06 people and positions", examples("06-people-and-positions.js"))
	gizmo("07 diplomacy graph", examples("07-diplomacy-graph.js"))
	gizmo("count the people (`Has(type).Count()`)", `g.emit(g.V().Has("<rdf:type>", "<schema:Person>").Count())`)
	gizmo("02 who received whom (whole graph)", examples("02-who-received-whom.js"))
	gizmo("05 evidence of `ng:joined` statements", examples("05-evidence.js"))
	gizmo("08 negated statements", examples("08-negated.js"))
	gizmo("09 attributed statements", examples("09-attributed.js"))
	gizmo("10 statements qualified by modality or negation", examples("10-hypothetical.js"))
	gizmo(fmt.Sprintf("the same person lookup by a regex over all names, Gizmo (`Out(name).Filter(regex(%q)).Unique()`)", *surname),
		fmt.Sprintf(`g.V().Out("<schema:name>").Filter(regex(%q)).Unique().All()`, *surname))
	return out, nil
}

func timeIt(name string, fn func(ctx context.Context) (int, error)) latency {
	l := latency{name: name}
	if *only != "" && !regexp.MustCompile(*only).MatchString(name) {
		l.err = errSkipped
		return l
	}
	var ds, cpus []time.Duration
	runs := *runs
	for i := 0; i <= runs; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		c0 := cpuTime()
		t := time.Now()
		n, err := fn(ctx)
		d := time.Since(t)
		c := cpuTime() - c0
		cancel()
		if err != nil {
			l.err = err
			log.Printf("  %-60s %v", name, err)
			return l
		}
		l.results = n
		if i > 0 { // the first run warms the caches
			ds = append(ds, d)
			cpus = append(cpus, c)
		} else if d > 2*time.Second {
			runs = min(runs, 3) // slow: three runs are enough
		}
	}
	slices.Sort(ds)
	slices.Sort(cpus)
	l.p50, l.cpu50 = ds[len(ds)/2], cpus[len(cpus)/2]
	l.p95 = ds[min(len(ds)-1, (len(ds)*95+99)/100-1)]
	log.Printf("  %-60s p50 %8s  p95 %8s  CPU p50 %8s  (%d results, %d runs)", name, l.p50.Round(time.Microsecond*10), l.p95.Round(time.Microsecond*10), l.cpu50.Round(time.Microsecond*10), l.results, len(ds))
	return l
}

func report(rs []result) {
	if rs[0].n < 0 {
		goto queries
	}
	fmt.Println()
	fmt.Printf("| articles | extraction articles/s | load articles/s | load quads/s | write-only articles/s | load / write-only | CPU ms per article: load / write-only | load peak RSS | database |\n")
	fmt.Printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rs {
		wo, ratio, cpu := "—", "—", fmt.Sprintf("%.1f / —", 1000*r.loadCPU/float64(r.n))
		if r.writeSecs > 0 {
			w := float64(r.writeArticles) / r.writeSecs
			wo = fmt.Sprintf("%.0f", w)
			ratio = fmt.Sprintf("%.2f", float64(r.n)/r.loadSecs/w)
			cpu = fmt.Sprintf("%.1f / %.1f", 1000*r.loadCPU/float64(r.n), 1000*r.writeCPU/float64(r.writeArticles))
		}
		fmt.Printf("| %d | %.0f | %.0f | %.0f | %s | %s | %s | %.0f MB | %.0f MB |\n", r.n, float64(r.n)/r.extractSecs,
			float64(r.n)/r.loadSecs, float64(r.loadQuads)/r.loadSecs, wo, ratio, cpu, r.loadRSS, float64(r.dbBytes)/1e6)
	}
	for _, r := range rs {
		if len(r.curve) == 0 {
			continue
		}
		first := r.curve[0].rate
		fmt.Printf("\nload of %d, slice by slice (from its progress lines):\n\n| articles | articles/s | × the first slice |\n|---|---:|---:|\n", r.n)
		for _, s := range r.curve {
			fmt.Printf("| %d–%d | %.0f | %.2f |\n", s.from+1, s.to, s.rate, s.rate/first)
		}
	}
queries:
	fmt.Println()
	fmt.Print("| query (limit 100) |")
	for _, r := range rs {
		if r.n < 0 {
			fmt.Print(" p50 / p95 (CPU p50) |")
			continue
		}
		fmt.Printf(" p50 / p95 (CPU p50) at %d |", r.n)
	}
	fmt.Print("\n|---|")
	for range rs {
		fmt.Print("---:|")
	}
	fmt.Println()
	for i, l := range rs[0].latencies {
		fmt.Printf("| %s |", l.name)
		for _, r := range rs {
			if i >= len(r.latencies) {
				fmt.Print(" |")
				continue
			}
			m := r.latencies[i]
			if errors.Is(m.err, context.DeadlineExceeded) {
				fmt.Print(" > 60 s (stopped) |")
				continue
			}
			if m.err != nil {
				fmt.Printf(" error: %.60s |", m.err)
				continue
			}
			fmt.Printf(" %s / %s (%s) |", ms(m.p50), ms(m.p95), ms(m.cpu50))
		}
		fmt.Println()
	}
	fmt.Println()
	for _, r := range rs {
		if r.n > 0 {
			fmt.Printf("load of %d: %s\n", r.n, r.loadSummary)
		}
	}
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/1e6)
	case d < 10*time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
