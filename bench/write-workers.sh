#!/usr/bin/env bash
# The write path alone, one worker against two: extracts N GMB articles once (`newsgraph
# extract --format nquads`), then writes those quads as they are (bench/writepath: Store.
# WriteArticles in load's batches, no extraction) into bolt, into a new PostgreSQL database
# by one process, and into another by two processes started together on the two halves
# (alternate articles). Prints each run's line, the two workers' combined rate (all their
# articles over the time from the first one's start to the last one's end) against one
# worker's, beside a control (the same CPU-bound task run by one process, then by two: how
# much a second process can gain on this machine at that moment, shared as it is), and
# checks that both PostgreSQL databases hold the same quads and nodes.
#
#   bench/write-workers.sh            # 1,000 articles, 3 rounds, a throwaway server
#   bench/write-workers.sh 2000 5     # 2,000 articles, 5 rounds
#
# WRITEPATH_BEFORE=BINARY also runs, each round, that build of bench/writepath (from an older
# revision: git archive REV | tar -x -C DIR, copy bench/writepath/main.go into it, go build)
# as one worker and as two, the figures of before a change.
#
# The server is bench/with-postgres.sh's (its default settings: fsync off, as .ci/run's;
# PG_SETTINGS="-c shared_buffers=256MB" for fsync on), or NEWSGRAPH_TEST_POSTGRES's.
# Needs Go and ../shared/data/gmb; WORK=DIR keeps the files in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
rounds=${2:-3}
work=${WORK:-}
if [ -z "$work" ]; then
	work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-writers.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
go build -o "$work/newsgraph" ./cmd/newsgraph
go build -o "$work/writepath" ./bench/writepath
if [ ! -s "$work/corpus-$n.nq.gz" ]; then
	go run ./bench/gmbjsonl -out "$work/gmb.jsonl" >/dev/null
	head -n "$n" "$work/gmb.jsonl" >"$work/corpus-$n.jsonl"
	"$work/newsgraph" extract --format nquads "$work/corpus-$n.jsonl" | gzip >"$work/corpus-$n.nq.gz"
fi
nq=$work/corpus-$n.nq.gz
if [ -z "${NEWSGRAPH_TEST_POSTGRES:-}" ]; then
	. bench/with-postgres.sh
	trap 'stop_throwaway_postgres; [ -n "${WORK:-}" ] || rm -rf "$work"' EXIT
	start_throwaway_postgres
fi
admin=$NEWSGRAPH_TEST_POSTGRES
psql_bin=psql
command -v psql >/dev/null || psql_bin=${NEWSGRAPH_PG_BIN:-}/psql
sql() { "$psql_bin" "$1" -XAtqc "$2"; }
newdb() { # prints the URL of a new, empty database named $1
	sql "$admin" "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
	sql "$admin" "CREATE DATABASE $1" >/dev/null
	echo "${admin/\/postgres\?//$1?}"
}
rate() { # articles/s of writepath lines on stdin: all articles over first start .. last end
	awk '{for (i = 1; i <= NF; i++) { if ($i == "articles") a += $(i-1); if ($i == "(start") { s = $(i+1) + 0; if (!f || s < S) S = s; f = 1 } if ($i == "end") { e = $(i+1); sub(/\)/, "", e); e += 0; if (e > E) E = e } } }
		END { printf "%.1f", a / (E - S) }'
}
# What the two databases hold, to compare: the quads and the nodes, counted and digested.
digest="SELECT (SELECT count(*) FROM quads) || ' quads, ' || (SELECT count(*) FROM nodes) || ' nodes, digest ' ||
	left(md5((SELECT string_agg(encode(subject_hash || predicate_hash || object_hash || coalesce(label_hash, ''), 'hex'), ',' ORDER BY subject_hash, predicate_hash, object_hash, label_hash) FROM quads) ||
	(SELECT string_agg(encode(hash, 'hex') || ':' || refs, ',' ORDER BY hash) FROM nodes)), 12)"
echo "write path alone: $n GMB articles ($(zcat "$nq" | wc -l) quads), $rounds rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# two_at_once runs "$@" twice, started together at the next second but three (both open the
# database, the first creating its tables, before they start), as part 1/2 and 2/2; prints
# both lines.
two_at_once() {
	local at p1 p2
	at=$(($(date +%s) + 3))
	"$@" -part 1/2 -at "$at" >"$work/two-1" &
	p1=$!
	"$@" -part 2/2 -at "$at" >"$work/two-2" &
	p2=$!
	wait $p1
	wait $p2
	cat "$work/two-1" "$work/two-2"
}
# server_cpu prints the CPU seconds the throwaway server's processes have used, those that
# ended included (the postmaster's children's times), or "" for a server not started here.
server_cpu() {
	local pm
	[ -n "${NEWSGRAPH_PG_DIR:-}" ] || return 0
	pm=$(head -1 "$NEWSGRAPH_PG_DIR/data/postmaster.pid")
	{
		awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
		for c in $(cat "/proc/$pm/task/$pm/children"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
	} | awk -v hz="$(getconf CLK_TCK)" '{s += $1} END {printf "%.2f", s / hz}'
}
# cpu_per_article prints the client's and the server's CPU milliseconds per article of a run:
# its writepath lines on stdin, the server's CPU seconds before and after as arguments.
cpu_per_article() {
	awk -v s0="$1" -v s1="$2" '{for (i = 1; i <= NF; i++) { if ($i == "articles") a += $(i-1); if ($i == "CPU") c += $(i+1) } }
		END { if (s1 == "") printf "client %.1f ms", 1000 * c / a; else printf "client %.1f + server %.1f ms", 1000 * c / a, 1000 * (s1 - s0) / a }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
median() { sort -g | awk '{v[NR] = $1} END {printf "%.2f (%s to %s)", NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2, v[1], v[NR]}'; }
: >"$work/summary"
: >"$work/before"
for r in $(seq 1 "$rounds"); do
	bolt=$work/bolt-$r.db
	rm -rf "$bolt"
	b=$("$work/writepath" -backend bolt -db "$bolt" -nq "$nq")
	rm -rf "$bolt"
	echo "round $r bolt:        $b"
	one_db=$(newdb newsgraph_writers_one)
	two_db=$(newdb newsgraph_writers_two)
	# One worker and two in turn, the order swapped each round, so that neither is always
	# the one that meets a busier moment; then the control, the same way.
	run_one() {
		o0=$(server_cpu)
		one=$("$work/writepath" -backend postgres -db "$one_db" -nq "$nq")
		o1=$(server_cpu)
	}
	run_two() {
		t0=$(server_cpu)
		two=$(two_at_once "$work/writepath" -backend postgres -db "$two_db" -nq "$nq")
		t1=$(server_cpu)
	}
	if [ $((r % 2)) = 1 ]; then
		run_one
		run_two
		c1=$("$work/writepath" -cpu)
		c2=$(two_at_once "$work/writepath" -cpu)
	else
		run_two
		run_one
		c2=$(two_at_once "$work/writepath" -cpu)
		c1=$("$work/writepath" -cpu)
	fi
	r1=$(echo "$one" | rate)
	if [ -n "${WRITEPATH_BEFORE:-}" ]; then
		old1_db=$(newdb newsgraph_writers_before_one)
		old2_db=$(newdb newsgraph_writers_before_two)
		old1=$("$WRITEPATH_BEFORE" -backend postgres -db "$old1_db" -nq "$nq")
		old2=$(two_at_once "$WRITEPATH_BEFORE" -backend postgres -db "$old2_db" -nq "$nq")
		echo "round $r before, 1 worker: $old1"
		echo "$old2" | sed "s/^/round $r before, 2 workers: /"
		ro1=$(echo "$old1" | rate)
		ro2=$(echo "$old2" | rate)
		echo "round $r before: pg 1 worker $ro1 articles/s, 2 workers $ro2 articles/s: $(ratio "$ro2" "$ro1")x"
		echo "$ro1 $ro2 $(ratio "$r1" "$ro1")" >>"$work/before"
	fi
	echo "round $r pg, 1 worker: $one"
	echo "$two" | sed "s/^/round $r pg, 2 workers: /"
	rb=$(echo "$b" | rate)
	r2=$(echo "$two" | rate)
	q1=$(sql "$one_db" "$digest")
	q2=$(sql "$two_db" "$digest")
	same=$([ "$q1" = "$q2" ] && echo "same quads and nodes ($q1)" || echo "DIFFERENT: $q1 against $q2")
	cr=$(ratio "$(echo "$c2" | rate)" "$(echo "$c1" | rate)")
	echo "round $r: bolt $rb articles/s; pg 1 worker $r1 articles/s, 2 workers $r2 articles/s: $(ratio "$r2" "$r1")x;" \
		"CPU control: 2 processes $(echo "$cr")x one; CPU an article: 1 worker $(echo "$one" | cpu_per_article "$o0" "$o1")," \
		"2 workers $(echo "$two" | cpu_per_article "$t0" "$t1"); $same"
	echo "$rb $r1 $r2 $(ratio "$r2" "$r1") $cr $(ratio "$r1" "$rb")" >>"$work/summary"
done
col() { awk -v c="$1" '{print $c}' "$work/summary" | median; }
echo "median of $rounds rounds (lowest to highest): bolt $(col 1) articles/s; pg 1 worker $(col 2), 2 workers $(col 3);" \
	"2 workers / 1: $(col 4)x; CPU control: $(col 5)x; pg 1 worker / bolt: $(col 6)x; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -s "$work/before" ]; then
	bcol() { awk -v c="$1" '{print $c}' "$work/before" | median; }
	echo "before (median of $rounds rounds): pg 1 worker $(bcol 1) articles/s, 2 workers $(bcol 2); 1 worker now / before: $(bcol 3)x"
fi
