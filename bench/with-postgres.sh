#!/usr/bin/env bash
# A throwaway PostgreSQL server for newsgraph's PostgreSQL tests and benchmarks.
#
#   bench/with-postgres.sh go test ./store -run Postgres   # runs the command with a server
#   . bench/with-postgres.sh; start_throwaway_postgres     # in a script (.ci/run does this)
#
# start_throwaway_postgres finds PostgreSQL's binaries (initdb, pg_ctl: on the PATH or in
# /usr/lib/postgresql/*/bin), installing Debian's postgresql package when they are missing
# and apt-get can; creates a cluster in a temporary folder (as the postgres user when run as
# root: PostgreSQL refuses to run as root), starts it on a free port of 127.0.0.1, and exports
# NEWSGRAPH_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable. The
# server is stopped and its folder removed when the shell exits. It returns 1, with a
# message, when no server can be started. Extra arguments are server settings, such as
# "-c fsync=off" (the tests' default: PG_SETTINGS overrides it).

pg_bin_dir() {
	local d
	if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v pg_ctl)"
		return 0
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

pg_install() {
	command -v apt-get >/dev/null 2>&1 || return 1
	local sudo=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || return 1
		sudo="sudo -n"
	fi
	echo "postgres: installing Debian's postgresql package" >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1 ||
		{ $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y --no-install-recommends postgresql >/dev/null 2>&1; }
}

# pg_as_owner runs a command as the user who owns the cluster.
pg_as_owner() {
	if [ "$(id -u)" = 0 ]; then
		if command -v runuser >/dev/null 2>&1; then
			(cd / && runuser -u postgres -- "$@")
		else
			(cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
		fi
	else
		"$@"
	fi
}

pg_free_port() {
	local port i
	for i in $(seq 1 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}

start_throwaway_postgres() {
	local bin dir port try settings
	settings=${PG_SETTINGS:-"${*:--c fsync=off -c synchronous_commit=off -c full_page_writes=off}"}
	if ! bin=$(pg_bin_dir); then
		pg_install || true
		if ! bin=$(pg_bin_dir); then
			echo "postgres: no PostgreSQL binaries (initdb, pg_ctl) and none could be installed" >&2
			return 1
		fi
	fi
	if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
		echo "postgres: running as root and there is no postgres user to run the server as" >&2
		return 1
	fi
	dir=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-pg.XXXXXX")
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	NEWSGRAPH_PG_DIR=$dir
	NEWSGRAPH_PG_BIN=$bin
	trap stop_throwaway_postgres EXIT
	if ! pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
		echo "postgres: initdb failed:" >&2
		cat "$dir/initdb.log" >&2
		return 1
	fi
	for try in 1 2 3 4 5; do
		port=$(pg_free_port) || break
		# shellcheck disable=SC2086 # settings are words
		if pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 $settings" start >/dev/null 2>&1; then
			export NEWSGRAPH_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
			echo "postgres: throwaway server $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
			return 0
		fi
	done
	echo "postgres: the server did not start:" >&2
	tail -20 "$dir/server.log" >&2 2>/dev/null || true
	return 1
}

stop_throwaway_postgres() {
	if [ -n "${NEWSGRAPH_PG_DIR:-}" ] && [ -d "$NEWSGRAPH_PG_DIR" ]; then
		if [ -f "$NEWSGRAPH_PG_DIR/data/postmaster.pid" ]; then
			pg_as_owner "$NEWSGRAPH_PG_BIN/pg_ctl" -D "$NEWSGRAPH_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
		fi
		rm -rf "$NEWSGRAPH_PG_DIR"
	fi
	NEWSGRAPH_PG_DIR=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	if [ $# -eq 0 ]; then
		echo "usage: $0 COMMAND [ARG...]: runs COMMAND with NEWSGRAPH_TEST_POSTGRES set to a throwaway server" >&2
		exit 2
	fi
	start_throwaway_postgres
	"$@"
fi
