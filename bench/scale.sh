#!/usr/bin/env bash
# newsgraph's scale benchmark: builds the CLI and bench/scale, then for each corpus size
# (GMB articles, replicated with distinct ids) times extraction alone, `newsgraph load`
# (articles/s, quads/s, peak RSS, database size), the same quads written alone, and query
# latencies (p50/p95) on the loaded graph. Prints Markdown tables (the README's Scale
# section).
#
#   bench/scale.sh                       # 10,000 articles into bolt
#   bench/scale.sh 10000,100000          # 10,000 then 100,000 articles
#   BACKEND=postgres bench/scale.sh 2398 # into a throwaway PostgreSQL server (fsync on)
#   bench/scale.sh 10000 -runs 50 -person "George Bush"   # more bench/scale flags
#
# Needs Go and ../shared/data/gmb/ner_dataset.csv; PostgreSQL for BACKEND=postgres (found or
# installed by bench/with-postgres.sh, or NEWSGRAPH_TEST_POSTGRES). WORK=DIR keeps the corpora
# and databases in DIR (default: a temporary folder, removed).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-10000}
shift || true
backend=${BACKEND:-bolt}
work=${WORK:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-scale.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
go build -o "$work/newsgraph" ./cmd/newsgraph
go build -o "$work/scale" ./bench/scale
if [ "$backend" = postgres ] && [ -z "${NEWSGRAPH_TEST_POSTGRES:-}" ]; then
	. bench/with-postgres.sh
	trap 'stop_throwaway_postgres; rm -rf "$work"' EXIT
	[ -n "${WORK:-}" ] && trap stop_throwaway_postgres EXIT
	# A durable server, as a team's would be: fsync on.
	PG_SETTINGS="-c shared_buffers=512MB -c max_wal_size=4GB" start_throwaway_postgres
fi
"$work/scale" -bin "$work/newsgraph" -work "$work" -backend "$backend" -articles "$sizes" "$@"
