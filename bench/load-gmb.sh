#!/usr/bin/env bash
# Loads the GMB corpus (2,398 articles of ~20 sentences) into a fresh bolt database, then the
# same corpus four times over (distinct ids) into another, and prints articles/s, CPU use and
# peak resident memory of each load. Needs ../shared/data/gmb/ner_dataset.csv and GNU time
# (apt-get install time). Run from anywhere: bash bench/load-gmb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time (apt-get install time)" >&2
	apt-get install -y time >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/newsgraph" ./cmd/newsgraph
printf '%-8s %9s %9s %9s %10s %7s %12s\n' corpus articles seconds art/s quads CPU "peak RSS"
for n in 1 4; do
	go run ./bench/gmbjsonl -copies "$n" -out "$work/gmb$n.jsonl" 2>/dev/null
	/usr/bin/time -v "$work/newsgraph" --db "$work/db$n" load --quiet "$work/gmb$n.jsonl" \
		>"$work/out$n" 2>"$work/time$n"
	sum=$(cat "$work/out$n")
	arts=$(sed -E 's/^articles ([0-9]+) .*/\1/' <<<"$sum")
	secs=$(sed -E 's/.* ([0-9.]+) s, .*/\1/' <<<"$sum")
	rate=$(sed -E 's/.* ([0-9.]+) articles\/s.*/\1/' <<<"$sum")
	quads=$(sed -E 's/.*quads added ([0-9]+).*/\1/' <<<"$sum")
	rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time$n")
	cpu=$(awk -F: '/Percent of CPU/ {gsub(/ /, "", $2); print $2}' "$work/time$n")
	printf '%-8s %9s %9s %9s %10s %7s %9d MB\n' "${n}x" "$arts" "$secs" "$rate" "$quads" "$cpu" $((rss / 1024))
done
