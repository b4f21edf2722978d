// Command pgmark times the mark of a PostgreSQL graph's quads, which every command reading
// the explorer's index reads before it may use the saved snapshot (store/postgres/snapshot.go):
// the mark scanned from the quads (their count, largest horizon and the sum of their
// horizons' hashes) and, when the quads' writes are counted (store/postgres/changes.go), the
// counters' sum. Best of -runs, in one read-only transaction each, as the explorer reads it.
//
//	go run ./bench/pgmark -db postgres://...            # prints the times
//	go run ./bench/pgmark -db postgres://... -ensure    # first makes the change counter when missing (a write)
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/newsgraph/newsgraph/store/postgres"
)

func main() {
	addr := flag.String("db", "", "the database's postgres:// URL")
	runs := flag.Int("runs", 5, "runs of each, the best kept")
	ensure := flag.Bool("ensure", false, "make the quads' change counter first when missing (writes)")
	flag.Parse()
	if *addr == "" {
		log.Fatal("pgmark: -db postgres://... is needed")
	}
	db, err := sql.Open("postgres", *addr)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if *ensure {
		if err := postgres.EnsureChangeCounter(ctx, db); err != nil {
			log.Fatalf("pgmark: %v", err)
		}
	}
	best := func(what string, f func(tx *sql.Tx) ([]byte, error)) {
		var min time.Duration
		var mark []byte
		for i := 0; i < *runs; i++ {
			tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
			if err != nil {
				log.Fatal(err)
			}
			t0 := time.Now()
			m, err := f(tx)
			d := time.Since(t0)
			tx.Rollback()
			if err != nil {
				log.Fatalf("pgmark: %s: %v", what, err)
			}
			if i == 0 || d < min {
				min = d
			}
			mark = m
		}
		fmt.Printf("%-40s %10.1f ms  (%d bytes: %x)\n", what, float64(min.Microseconds())/1000, len(mark), mark)
	}
	var quads int64
	if err := db.QueryRowContext(ctx, `SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('quads')`).Scan(&quads); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("quads (estimate): %d; best of %d\n", quads, *runs)
	best("the mark scanned from the quads", func(tx *sql.Tx) ([]byte, error) {
		var n, h, s int64
		err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(horizon), 0), coalesce(sum(hashint8(horizon)), 0) FROM quads`).Scan(&n, &h, &s)
		return []byte(fmt.Sprintf("%d/%d/%d", n, h, s)), err
	})
	best("QuadsMark (what the commands read)", func(tx *sql.Tx) ([]byte, error) {
		m, _, err := postgres.QuadsMark(ctx, tx)
		return m, err
	})
}
