#!/usr/bin/env bash
# The reading commands on bolt and on PostgreSQL, side by side, on the same articles: each
# command's wall time, the best of RUNS runs (bolt and PostgreSQL in turn, so that both see
# the same moment of a shared machine), and whether the two printed the same thing.
# Prints a Markdown table (docs/postgresql.md).
#
#   bench/pg-vs-bolt.sh BOLT_DB POSTGRES_URL [RUNS]    # RUNS: default 5
#   EXPORT=1 bench/pg-vs-bolt.sh ...                   # also `export` (to /dev/null)
#   NEWSGRAPH=/path/to/newsgraph bench/pg-vs-bolt.sh ... # that binary (default: built here)
#
# BOLT_DB and the PostgreSQL database must hold the same articles (load the same corpus into
# both). The commands only read; a bolt database is opened as the reading commands open it.
set -euo pipefail
if [ $# -lt 2 ]; then
	sed -n '2,12p' "$0" >&2
	exit 2
fi
bolt=$1
pg=$2
runs=${3:-5}
cd "$(dirname "$0")/.."
bin=${NEWSGRAPH:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pg-vs-bolt.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -z "$bin" ]; then
	bin=$tmp/newsgraph
	go build -o "$bin" ./cmd/newsgraph
fi

# (Beyond a few thousand GMB articles "Aristide" is first a one-article namesake: the
# 1,088-article entity is asked by its full name too.)
commands=("search ab" "top" "top --by connections --type Person" "entity Aristide" "timeline Aristide"
	"entity 'Jean-Bertrand Aristide'" "timeline 'Jean-Bertrand Aristide'")
if [ "${EXPORT:-}" = 1 ]; then
	commands+=("export")
fi

now() { date +%s.%N; }

# best DB CMD...: the best wall time of runs of CMD on DB, in seconds; its output in $tmp/out.
declare -A best
run_once() { # run_once KEY DB CMD...
	local key=$1 db=$2 t0 t1 dt
	shift 2
	t0=$(now)
	"$bin" --db "$db" "$@" >"$tmp/$key.out" 2>"$tmp/$key.err" || {
		echo "failed: newsgraph --db ${db%%\?*} $*" >&2
		cat "$tmp/$key.err" >&2
		exit 1
	}
	t1=$(now)
	dt=$(echo "$t1 - $t0" | bc -l)
	if [ -z "${best[$key]:-}" ] || [ "$(echo "$dt < ${best[$key]}" | bc -l)" = 1 ]; then
		best[$key]=$dt
	fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date -u '+%Y-%m-%d %H:%M UTC')
for i in $(seq 1 "$runs"); do
	for c in "${commands[@]}"; do
		k=$(echo "$c" | tr -c 'a-zA-Z0-9\n' '_')
		if [ "$c" = export ] && [ "$i" -gt 1 ]; then
			continue # one run: it takes long
		fi
		eval "args=($c)" # a command is words, quoted as the shell quotes them
		run_once "bolt_$k" "$bolt" "${args[@]}"
		run_once "pg_$k" "$pg" "${args[@]}"
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "$start; $(nproc) cores, load average ${load_before} before and ${load_after} after; best of $runs runs$([ "${EXPORT:-}" = 1 ] && echo "; export: one run"), seconds, wall time"
echo
echo "| command | bolt | PostgreSQL | PostgreSQL / bolt | same output |"
echo "|---|---:|---:|---:|---|"
for c in "${commands[@]}"; do
	k=$(echo "$c" | tr -c 'a-zA-Z0-9\n' '_')
	b=${best[bolt_$k]}
	p=${best[pg_$k]}
	same=no
	if [ "$c" = export ]; then
		# (the merges' times are those of each load: the rest must be byte for byte)
		cmp -s <(grep -v 'ns#mergedAt>' "$tmp/bolt_$k.out") <(grep -v 'ns#mergedAt>' "$tmp/pg_$k.out") && same="yes (but the merges' times)"
	else
		cmp -s "$tmp/bolt_$k.out" "$tmp/pg_$k.out" && same=yes
	fi
	printf '| `%s` | %.3f | %.3f | %.1f× | %s |\n' "$c" "$b" "$p" "$(echo "$p / $b" | bc -l)" "$same"
done
