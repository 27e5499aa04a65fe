#!/usr/bin/env bash
# Regenerates everything derived from api/: the generated Go code (go generate ./gen/... for the
# packages oapi-codegen writes alone, gen/platform for the Platform API's models, methods and
# fake server, and the generators of tables and the CLI) and the fixtures extracted from the
# reference (gen/fixtures, gen/surfacefixtures).
#
# With --check, fails when regenerating changes any file (the committed output has drifted from
# its sources), then builds, since the generator can succeed with output that does not compile.
# On a clean checkout this means `git status --porcelain` must stay empty.
set -euo pipefail
cd "$(dirname "$0")/.."

# state prints a fingerprint of the working tree as git sees it, untracked files included.
state() {
	{
		git status --porcelain=v1 --untracked-files=all
		git diff
		git ls-files --others --exclude-standard -z | xargs -0 -r sha256sum
	} | sha256sum
}

check=false
if [[ "${1:-}" == "--check" ]]; then
	check=true
	before=$(state)
fi

go generate ./gen/...
go run ./gen/platform
go run ./gen/optables
go run ./gen/tables
go run ./gen/cli
go run ./gen/fixtures
go run ./gen/surfacefixtures

if $check; then
	if [[ "$(state)" != "$before" ]]; then
		echo "Generated files differ from what the sources produce; run 'make generate' and commit:" >&2
		git status --porcelain=v1 --untracked-files=all >&2
		git --no-pager diff --stat >&2
		exit 1
	fi
	if ! go mod tidy -diff >/dev/null; then
		echo "go.mod or go.sum is not tidy; run 'go mod tidy' and commit:" >&2
		go mod tidy -diff >&2 || true
		exit 1
	fi
	go build ./...
	echo "generated code is up to date"
fi
