#!/usr/bin/env bash
# Runs the benchmarks with allocation counts and prints each comparison as a ratio of two
# sub-benchmarks measured in the same run (medians over COUNT runs, default 5).
#
#   ReadAccount        sdk / nethttp         time and allocations of one call
#   ListTransactions   prefetch / sequential time of listing 10,000 transactions (10 pages, 20 ms each)
#   DecodeTransactions decimal / float64     time and memory of decoding 100 transactions as the
#                                            SDK does, against every field a pointer, money float64
#   DecodeAccounts     decimal / float64     the same for 100 accounts
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

go test ./mxplatform -run '^$' -bench 'ReadAccount|ListTransactions|DecodeTransactions|DecodeAccounts' \
	-benchmem -count "$count" | tee "$out"

echo
echo "machine: $(go env GOOS)/$(go env GOARCH), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
awk -v count="$count" '
function median(name, field,    n, i, j, t, v) {
	n = split(vals[name, field], v, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 2; i <= NF; i++) {
		if ($i == "ns/op") vals[name, "ns"] = vals[name, "ns"] " " $(i - 1)
		if ($i == "allocs/op") vals[name, "allocs"] = vals[name, "allocs"] " " $(i - 1)
		if ($i == "B/op") vals[name, "bytes"] = vals[name, "bytes"] " " $(i - 1)
		if ($i == "requests/op") vals[name, "req"] = vals[name, "req"] " " $(i - 1)
	}
}
function ratio(label, a, b, field, limit,    x, y, r) {
	x = median(a, field); y = median(b, field)
	if (y == 0) return
	r = x / y
	printf "%-46s %8.3fx  (%s vs %s, limit %s)\n", label, r, x, y, limit
}
END {
	ratio("ReadAccount time, sdk / nethttp", "BenchmarkReadAccount/sdk", "BenchmarkReadAccount/nethttp", "ns", "1.15x")
	ratio("ReadAccount allocations, sdk / nethttp", "BenchmarkReadAccount/sdk", "BenchmarkReadAccount/nethttp", "allocs", "1.30x")
	ratio("ListTransactions time, prefetch / sequential", "BenchmarkListTransactions/prefetch", "BenchmarkListTransactions/sequential", "ns", "0.65x")
	printf "%-46s %8s   (sequential %s, prefetch %s)\n", "ListTransactions requests per listing", "", median("BenchmarkListTransactions/sequential", "req"), median("BenchmarkListTransactions/prefetch", "req")
	for (k = 1; k <= 2; k++) {
		what = k == 1 ? "Transactions" : "Accounts"
		sdk = "BenchmarkDecode" what "/decimal"; base = "BenchmarkDecode" what "/float64"
		ratio("Decode" what " time, sdk / float64", sdk, base, "ns", "1.00x")
		ratio("Decode" what " memory, sdk / float64", sdk, base, "bytes", "")
		printf "%-46s %8.1f   (float64 baseline %.1f)\n", "Decode" what " allocations per record", median(sdk, "allocs") / 100, median(base, "allocs") / 100
	}
}' "$out"
