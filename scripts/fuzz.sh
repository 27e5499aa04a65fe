#!/usr/bin/env bash
# Runs every fuzz target of the module for FUZZTIME each (default 3s). `go test` already runs
# their seed corpora (and the regressions saved under testdata/fuzz); this explores beyond them.
# A failure leaves the input under the package's testdata/fuzz: commit it as a regression test.
#
# Targets are found in the test sources (func FuzzXxx(f *testing.F)) rather than with
# `go test -list`, which would compile every package's tests once more.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-3s}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for dir in $(git ls-files '*_test.go' | xargs grep -l '^func Fuzz[A-Za-z0-9_]*(f \*testing\.F)' | xargs -n1 dirname | sort -u); do
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //' | sort -u); do
		echo "fuzz ./$dir $target ($fuzztime)"
		if ! go test "./$dir" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" >"$log" 2>&1; then
			cat "$log"
			exit 1
		fi
	done
done
