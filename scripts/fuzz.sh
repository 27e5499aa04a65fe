#!/usr/bin/env bash
# Runs every fuzz target of the module for FUZZTIME each (default 3s). `go test` already runs
# their seed corpora (and the regressions saved under testdata/fuzz); this explores beyond them.
# A failure leaves the input under the package's testdata/fuzz: commit it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-3s}
for pkg in $(go list ./...); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for target in $targets; do
		echo "fuzz $pkg $target ($fuzztime)"
		go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" >/tmp/fuzz.$$.log 2>&1 || {
			cat /tmp/fuzz.$$.log
			rm -f /tmp/fuzz.$$.log
			exit 1
		}
	done
done
rm -f /tmp/fuzz.$$.log
