#!/usr/bin/env bash
# Plain SQL, one session against two: how PostgreSQL itself scales inserting rows of the quads
# table's shape (four 20-byte hashes, its indexes), with no newsgraph in the way; beside it
# the control of bench/write-workers.sh (a CPU-bound task, one process then two). Each round:
# 200,000 rows by one session; by two sessions at once, half each, into one table; and into
# two tables. Prints seconds.
#
#   bench/pg-insert-two.sh        # 3 rounds, on a throwaway server (bench/with-postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
. bench/with-postgres.sh
start_throwaway_postgres
P="psql $NEWSGRAPH_TEST_POSTGRES -XAtq"
mk() {
	$P -c "DROP TABLE IF EXISTS $1; CREATE TABLE $1 (horizon BIGSERIAL PRIMARY KEY, subject_hash BYTEA NOT NULL,
		predicate_hash BYTEA NOT NULL, object_hash BYTEA NOT NULL, label_hash BYTEA, ts TIMESTAMP);
		CREATE INDEX ON $1 (object_hash, predicate_hash, subject_hash) WITH (FILLFACTOR = 50);
		CREATE INDEX ON $1 (predicate_hash, object_hash, subject_hash) WITH (FILLFACTOR = 50);
		CREATE INDEX ON $1 (subject_hash, predicate_hash, object_hash) WITH (FILLFACTOR = 50);
		CREATE UNIQUE INDEX ON $1 (subject_hash, predicate_hash, object_hash) WHERE label_hash IS NULL;
		CREATE UNIQUE INDEX ON $1 (subject_hash, predicate_hash, object_hash, label_hash) WHERE label_hash IS NOT NULL;
		CREATE INDEX ON $1 (label_hash)"
}
# Rows as an article's: 40,000 subjects, 40 predicates, distinct objects, 230 quads a label.
$P -c "DROP TABLE IF EXISTS src; CREATE TABLE src AS SELECT substring(sha256(('s' || (i % 40000))::bytea) FOR 20) s,
	substring(sha256(('p' || (i % 40))::bytea) FOR 20) p, substring(sha256(('o' || i)::bytea) FOR 20) o,
	substring(sha256(('l' || (i / 230))::bytea) FOR 20) l, i FROM generate_series(1, 200000) i"
ins() { $P -c "INSERT INTO $1 (subject_hash, predicate_hash, object_hash, label_hash, ts) SELECT s, p, o, l, now() FROM src WHERE i % $2 = $3 ON CONFLICT DO NOTHING"; }
secs() { local s=$1; awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN{printf "%.2f", e - s}'; }
go build -o "$NEWSGRAPH_PG_DIR/writepath" ./bench/writepath
for r in $(seq 1 "$rounds"); do
	mk qa
	s=$(date +%s.%N); ins qa 1 0; one=$(secs "$s")
	mk qa
	s=$(date +%s.%N); ins qa 2 0 & ins qa 2 1 & wait; same=$(secs "$s")
	mk qa; mk qb
	s=$(date +%s.%N); ins qa 2 0 & ins qb 2 1 & wait; apart=$(secs "$s")
	s=$(date +%s.%N); "$NEWSGRAPH_PG_DIR/writepath" -cpu >/dev/null; c1=$(secs "$s")
	s=$(date +%s.%N); "$NEWSGRAPH_PG_DIR/writepath" -cpu >/dev/null & "$NEWSGRAPH_PG_DIR/writepath" -cpu >/dev/null & wait; c2=$(secs "$s")
	echo "round $r: 200,000 rows, one session $one s; two sessions, one table $same s ($(awk -v a="$one" -v b="$same" 'BEGIN{printf "%.2f", a/b}')x), two tables $apart s ($(awk -v a="$one" -v b="$apart" 'BEGIN{printf "%.2f", a/b}')x); control: 2 processes $(awk -v a="$c1" -v b="$c2" 'BEGIN{printf "%.2f", 2*a/b}')x one"
done
