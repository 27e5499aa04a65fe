#!/usr/bin/env bash
# Runs every fuzz target of the module for FUZZTIME each (default 10000x: ten thousand inputs).
# `go test` already runs their seed corpora (and the regressions saved under testdata/fuzz); this
# explores beyond them. A failure leaves the input under the package's testdata/fuzz: commit it as
# a regression test.
#
# Budgets are counts, not durations: with a duration, Go before 1.27 can report "context deadline
# exceeded" as a failure when the time runs out while a worker is busy (golang/go#75804), and a
# busy machine makes that likely. Minimizing an input that found new code is capped too
# (FUZZMINIMIZETIME, default 200x): left at its default of a minute, minimizing a large seed such
# as an account page took the whole run, and the target explored a few dozen inputs.
#
# Targets are found in the test sources (func FuzzXxx(f *testing.F)) rather than with
# `go test -list`, which would compile every package's tests once more.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10000x}
minimize=${FUZZMINIMIZETIME:-200x}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for dir in $(git ls-files '*_test.go' | xargs grep -l '^func Fuzz[A-Za-z0-9_]*(f \*testing\.F)' | xargs -n1 dirname | sort -u); do
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go | sed 's/^func //' | sort -u); do
		echo "fuzz ./$dir $target ($fuzztime)"
		if ! go test "./$dir" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" >"$log" 2>&1; then
			cat "$log"
			exit 1
		fi
	done
done
