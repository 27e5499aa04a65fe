#!/usr/bin/env bash
# Runs staticcheck, at the version go.mod pins (tools.go), on every package and fails on any
# finding in hand-written code.
#
# Findings in generated files (*.gen.go) are left out: staticcheck has no option to skip files,
# and although most of its checks skip those with the standard "Code generated ... DO NOT EDIT."
# header, some do not (SA1019 reports the mx command of the deprecated requestConnectWidgetURL,
# in cmd/mx/commands.gen.go). Generated code is the generator's business.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/staticcheck" honnef.co/go/tools/cmd/staticcheck

status=0
out=$("$bin/staticcheck" "$@" ./...) || status=$?
findings=$(grep -v -E '^[^:]+\.gen\.go:[0-9]+:[0-9]+: ' <<<"$out" || true)
if [[ -n "$findings" ]]; then
	echo "$findings" >&2
	exit 1
fi
if ((status != 0)) && [[ -z "$out" ]]; then
	echo "staticcheck failed" >&2
	exit "$status"
fi
