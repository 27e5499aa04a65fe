#!/usr/bin/env bash
# Lints the OpenAPI documents in api/ with Redocly CLI (redocly.yaml: its recommended rules) and
# Spectral (.spectral.yaml: its oas rules), at the versions scripts/lint/package-lock.json pins,
# and fails on any error or warning of either.
#
# Needs Node.js and npm. The first run, and the first after package.json or the lock file
# change, installs the linters into scripts/lint/node_modules with npm ci. Install scripts are
# not run: the linters need none (the one dependency that has one, @scarf/scarf, only reports
# the install to its vendor).
set -euo pipefail
cd "$(dirname "$0")/.."

lint=scripts/lint
installed=$lint/node_modules/.package-lock.json
if [[ ! -f $installed || $lint/package-lock.json -nt $installed || $lint/package.json -nt $installed ]]; then
	npm ci --prefix "$lint" --ignore-scripts --no-audit --no-fund
fi

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
"$lint/node_modules/.bin/redocly" lint --config redocly.yaml --format stylish api/*.yaml
"$lint/node_modules/.bin/spectral" lint --ruleset .spectral.yaml --fail-severity warn api/*.yaml
