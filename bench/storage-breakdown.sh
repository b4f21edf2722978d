#!/usr/bin/env bash
# Where the bytes of a database go (docs/storage.md, "Where the bytes go"): loads the first N
# GMB articles (default 2,000) into a new bolt database, prints the load's rate, the database's
# size (du) and its breakdown by file, bucket and predicate (go run ./bench/storagebreakdown),
# then times `export` and examples/queries/02 and 05 on it. Needs ../shared/data/gmb.
#
#   bash bench/storage-breakdown.sh [N] [LOAD FLAGS...]     e.g. bash bench/storage-breakdown.sh 2000 --no-compact
#
# KEEP=DIR keeps the database in DIR (default: a temporary folder, deleted at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
shift || true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${KEEP:-$work/db}
rm -rf "$db"
go build -o "$work/newsgraph" ./cmd/newsgraph
go run ./bench/gmbjsonl -out "$work/gmb.jsonl" >/dev/null
head -n "$n" "$work/gmb.jsonl" >"$work/articles.jsonl"
ng() { "$work/newsgraph" --db "$db" "$@"; }
secs() { # the wall seconds of a command, its output thrown away
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}
t0=$(date +%s.%N)
ng load --quiet "$@" "$work/articles.jsonl"
t1=$(date +%s.%N)
kb=$(du -sk "$db" | cut -f1)
awk -v n="$n" -v a="$t0" -v b="$t1" -v kb="$kb" 'BEGIN {
	printf "\n%d articles: load %.1f s wall (with Close), %.1f articles/s; du %d KB, %.1f KB per article\n\n", n, b - a, n / (b - a), kb, kb / n }'
go run ./bench/storagebreakdown -db "$db" -articles "$n"
printf '\nexport (N-Quads, to /dev/null): %.2f s\n' "$(secs ng export)"
for q in 02-who-received-whom 05-evidence; do
	printf 'examples/queries/%s: %.2f s\n' "$q" "$(secs ng query --limit 100000 -f "examples/queries/$q.js")"
done
