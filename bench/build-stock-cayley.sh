#!/usr/bin/env bash
# Builds stock Cayley's command (cmd/cayley, at the version newsgraph's go.mod requires) into
# the folder $1, in a throwaway module: the tests that compare newsgraph with stock Cayley (its
# HTTP API, writes around newsgraph's store) find it through NEWSGRAPH_CAYLEY and skip without
# it. Prints the binary's path. Run from the project root.
set -euo pipefail
out=${1:?usage: bench/build-stock-cayley.sh DIR}
version=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
mod=$(mktemp -d)
trap 'rm -rf "$mod"' EXIT
(
	cd "$mod"
	go mod init stockcayley >/dev/null 2>&1
	GOFLAGS=-mod=mod go get "github.com/cayleygraph/cayley/cmd/cayley@$version" >/dev/null 2>&1
	go build -o "$out/cayley" github.com/cayleygraph/cayley/cmd/cayley
)
echo "$out/cayley"
