// Command scale is newsgraph's scale benchmark; bench/scale.sh builds it and the CLI and
// runs it. For each corpus size N it:
//
//  1. writes N articles of the GMB corpus (Voice of America sentences, 20 to an article,
//     ../shared/data/gmb) as JSON Lines, the corpus replicated with distinct ids;
//  2. times `newsgraph extract --format nquads` on it: extraction alone, all cores;
//  3. times `newsgraph load` into a new database: articles/s, quads/s, peak RSS, database
//     size;
//  4. writes the same articles' quads (the N-Quads of step 2, grouped by article) into
//     another new database with Store.WriteArticles in batches of 10,000 quads, as load
//     does, timing the writes alone: the write-only rate, and load's share of it;
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
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/gmb"
)

var (
	bin      = flag.String("bin", "", "the newsgraph binary (required)")
	work     = flag.String("work", "", "working folder for corpora and databases (default: a temporary one)")
	sizes    = flag.String("articles", "10000", "corpus sizes, comma-separated")
	backend  = flag.String("backend", graph.Bolt, "bolt or postgres")
	pgAdmin  = flag.String("pg", os.Getenv("NEWSGRAPH_TEST_POSTGRES"), "postgres: URL of a database whose user may create databases")
	runs     = flag.Int("runs", 20, "runs of each query (after one warm-up run)")
	person   = flag.String("person", "Bush", "the name of a frequent person of the corpus, for the queries and the card")
	surname  = flag.String("surname", "Rice", "a word of a person's name, for the name lookups")
	acronym  = flag.String("acronym", "NATO", "an organisation's acronym, for query 03")
	noWrite  = flag.Bool("no-write-only", false, "skip the write-only measurement")
	onlyDB   = flag.String("db", "", "only time the queries, on this loaded database")
	keep     = flag.Bool("keep", false, "keep the databases")
	extended = flag.Bool("v", false, "print each command's output")
)

type result struct {
	n                       int
	extractSecs             float64
	loadSecs, loadRSS       float64 // seconds, MB
	loadQuads               int64
	dbBytes                 int64
	writeSecs, writeWall    float64
	writeArticles           int
	writeQuads              int
	latencies               []latency
	loadSummary, extractRSS string
}

type latency struct {
	name     string
	p50, p95 time.Duration
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
	if *backend == graph.Postgres && *pgAdmin == "" {
		log.Fatal("-backend postgres needs -pg URL (or NEWSGRAPH_TEST_POSTGRES)")
	}
	sents, err := gmb.Read(gmb.DefaultPath())
	if err != nil {
		log.Fatalf("the GMB corpus: %v", err)
	}
	base := gmb.Articles(sents, 20)
	machine()
	if *onlyDB != "" {
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
	secs, rss, out, err := runTimed("", *bin, "--backend", *backend, "--db", loadDB, "load", "--quiet", corpus)
	if err != nil {
		return r, fmt.Errorf("load: %w\n%s", err, out)
	}
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
	cmd.Stderr = os.Stderr
	start := time.Now()
	err = cmd.Run()
	secs = time.Since(start).Seconds()
	if zw != nil {
		if cerr := zw.Close(); err == nil {
			err = cerr
		}
	}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rssMB = float64(ru.Maxrss) / 1024 // kB on Linux
		}
	}
	if *extended {
		fmt.Fprint(os.Stderr, buf.String())
	}
	return secs, rssMB, buf.String(), err
}

// newDatabase returns the --db of a new database and a function that removes it.
func newDatabase(name string) (string, func(), error) {
	if *backend != graph.Postgres {
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
	if *backend != graph.Postgres {
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
	s, err := graph.Open(*backend, db)
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
	var batch []graph.Article
	var cur *graph.Article
	size := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		t := time.Now()
		st, err := s.WriteArticles(batch)
		r.writeSecs += time.Since(t).Seconds()
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
				if size >= graph.DefaultBatchSize {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			cur = &graph.Article{IRI: label}
		}
		if q.Predicate == graph.ContentHash && q.Subject == quad.Value(label) {
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
	r.writeWall = time.Since(start).Seconds()
	return nil
}

// latencies opens the loaded database and times the queries.
func latencies(db string) ([]latency, error) {
	var out []latency
	// Opening: what every command pays first.
	for _, o := range []struct {
		name string
		opts []graph.Option
	}{{"open the database (as load does)", nil}, {"open the database with graph.ReadMostly (no bloom filter)", []graph.Option{graph.ReadMostly()}}} {
		out = append(out, timeIt(o.name, func(ctx context.Context) (int, error) {
			s, err := graph.Open(*backend, db, o.opts...)
			if err != nil {
				return 0, err
			}
			return 1, s.Close()
		}))
	}
	s, err := graph.Open(*backend, db, graph.ReadMostly())
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
	// goes on running in Cayley for a while (see graph.Store.Close) and would slow the next.
	gizmo("01 one hop from a person (`Has(name).Out()`)", fmt.Sprintf(`g.V().Has("<schema:name>", %q).Out().All()`, *person))
	gizmo("03 countries members of an organisation, by acronym", fmt.Sprintf(`g.V().Has("<schema:alternateName>", %q).In("<schema:memberOf>").Has("<rdf:type>", "<schema:Country>").Out("<schema:name>").All()`, *acronym))
	gizmo("04 which articles say whom a person met", fmt.Sprintf(`g.V().Has("<schema:name>", %q).Out("<ng:met>").Labels().All()`, *person))
	out = append(out, timeIt(fmt.Sprintf("`entity %s` card", *person), func(ctx context.Context) (int, error) {
		c, err := s.Card(ctx, *person)
		if err != nil {
			return 0, err
		}
		return len(c.Facts), nil
	}))
	out = append(out, timeIt(fmt.Sprintf("a person by a word of the name, through the name index (`FindEntities(%q)`, ng:nameKey)", *surname), func(ctx context.Context) (int, error) {
		ms, err := s.FindEntities(ctx, *surname)
		return len(ms), err
	}))
	gizmo("06 people and positions", examples("06-people-and-positions.js"))
	gizmo("07 diplomacy graph", examples("07-diplomacy-graph.js"))
	gizmo("count the people (`Has(type).Count()`)", `g.emit(g.V().Has("<rdf:type>", "<schema:Person>").Count())`)
	gizmo("02 who received whom (whole graph)", examples("02-who-received-whom.js"))
	gizmo("05 evidence of `ng:joined` statements", examples("05-evidence.js"))
	gizmo(fmt.Sprintf("the same person lookup by a regex over all names, Gizmo (`Out(name).Filter(regex(%q)).Unique()`)", *surname),
		fmt.Sprintf(`g.V().Out("<schema:name>").Filter(regex(%q)).Unique().All()`, *surname))
	return out, nil
}

func timeIt(name string, fn func(ctx context.Context) (int, error)) latency {
	l := latency{name: name}
	var ds []time.Duration
	runs := *runs
	for i := 0; i <= runs; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		t := time.Now()
		n, err := fn(ctx)
		d := time.Since(t)
		cancel()
		if err != nil {
			l.err = err
			log.Printf("  %-60s %v", name, err)
			return l
		}
		l.results = n
		if i > 0 { // the first run warms the caches
			ds = append(ds, d)
		} else if d > 2*time.Second {
			runs = min(runs, 3) // slow: three runs are enough
		}
	}
	slices.Sort(ds)
	l.p50 = ds[len(ds)/2]
	l.p95 = ds[min(len(ds)-1, (len(ds)*95+99)/100-1)]
	log.Printf("  %-60s p50 %8s  p95 %8s  (%d results, %d runs)", name, l.p50.Round(time.Microsecond*10), l.p95.Round(time.Microsecond*10), l.results, len(ds))
	return l
}

func report(rs []result) {
	if rs[0].n < 0 {
		goto queries
	}
	fmt.Println()
	fmt.Printf("| articles | extraction articles/s | load articles/s | load quads/s | write-only articles/s | load / write-only | load peak RSS | database |\n")
	fmt.Printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rs {
		wo, ratio := "—", "—"
		if r.writeSecs > 0 {
			w := float64(r.writeArticles) / r.writeSecs
			wo = fmt.Sprintf("%.0f", w)
			ratio = fmt.Sprintf("%.2f", float64(r.n)/r.loadSecs/w)
		}
		fmt.Printf("| %d | %.0f | %.0f | %.0f | %s | %s | %.0f MB | %.0f MB |\n", r.n, float64(r.n)/r.extractSecs,
			float64(r.n)/r.loadSecs, float64(r.loadQuads)/r.loadSecs, wo, ratio, r.loadRSS, float64(r.dbBytes)/1e6)
	}
queries:
	fmt.Println()
	fmt.Print("| query (limit 100) |")
	for _, r := range rs {
		if r.n < 0 {
			fmt.Print(" p50 / p95 |")
			continue
		}
		fmt.Printf(" p50 / p95 at %d |", r.n)
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
			fmt.Printf(" %s / %s |", ms(m.p50), ms(m.p95))
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

func ms(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/1e6)
	case d < 10*time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/1e6)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
