# The commands of this repository. `make test` is what CI runs (.ci/run).
GO ?= go

.PHONY: all generate check-generate vet lint test fuzz bench load

all: test

## generate: regenerate Go code and fixtures from api/
generate:
	./scripts/generate.sh

## check-generate: fail if generated files drift from api/, then build
check-generate:
	./scripts/generate.sh --check

## vet: gofmt check, go vet and staticcheck (pinned in tools.go; generated files left out)
vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	./scripts/staticcheck.sh

## lint: Redocly CLI and Spectral on the OpenAPI documents in api/, failing on any warning
## (needs Node.js and npm, versions pinned in scripts/lint/package-lock.json); then go vet of
## every package and its tests for macOS and Windows, so that code for one system only shows
lint:
	./scripts/lint.sh
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...

## test: the drift check, vet, every test with the race detector, and short fuzz runs
## (TEST_FUZZTIME inputs a target, default 4000x; `make fuzz` explores further)
TEST_FUZZTIME ?= 4000x
test: check-generate vet
	$(GO) test -race -count=1 ./...
	FUZZTIME=$(TEST_FUZZTIME) ./scripts/fuzz.sh

## fuzz: every fuzz target for FUZZTIME (default 10000x: ten thousand inputs) each
fuzz:
	./scripts/fuzz.sh

## bench: benchmarks with allocation counts, and their ratios
bench:
	./scripts/bench.sh

## load: the load test, CLIENTS clients (default 16) for DURATION (default 10s), without the
## race detector; it prints its figures and fails on any error or lost write
CLIENTS ?= 16
DURATION ?= 10s
load:
	$(GO) test ./mxplatform -run '^TestLoad$$' -count=1 -v -args -load.clients=$(CLIENTS) -load.duration=$(DURATION)
