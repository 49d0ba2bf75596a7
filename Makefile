# actorgraph: the two commands are `make run` and `make test` (see README.md).
# Every target installs what it needs; nothing is assumed to be installed by hand
# beyond Go, Node/npm and Debian's apt.

GO       ?= go
# go.mod names the toolchain (its `toolchain` line: a Go whose standard
# library has no known vulnerability, see `make vulncheck`); Debian's and
# the official Go builds default to GOTOOLCHAIN=local, which ignores that
# line, so the Makefile lets the go command fetch it from the module proxy
# (once per machine, about 80 MB) when the local Go is older.
export GOTOOLCHAIN := local+auto
BIN      := bin/actorgraph
DB       ?= actorgraph.db
ADDR     ?= 127.0.0.1:8080
NPM      ?= npm
CHROMIUM ?= /usr/bin/chromium

CYPHERLINT := tools/cypherlint

.PHONY: vulncheck soak run build ui ui-deps graphiql-deps codegen chromium test fmt-check vet gotest ui-test ui-unit ui-e2e lint-cypher bench bench-store bench-ui eval clean generate check-generated

## run: build the web UI and the binary, then serve on the embedded store (http://127.0.0.1:8080)
run: ui build
	./$(BIN) serve --db $(DB) --addr $(ADDR)

## build: build the binary into bin/ (embeds whatever ui/dist holds)
build:
	$(GO) build -o $(BIN) ./cmd/actorgraph

## ui: build the web UI into ui/dist, then GraphiQL (ui/graphiql) into ui/dist/graphiql
## (npm ci first when node_modules is missing)
ui: ui-deps graphiql-deps
	cd ui && $(NPM) run build
	cd ui/graphiql && $(NPM) run build

ui-deps:
	@if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
		cd ui && $(NPM) ci --no-audit --no-fund; fi

graphiql-deps:
	@if [ ! -d ui/graphiql/node_modules ] || [ ui/graphiql/package-lock.json -nt ui/graphiql/node_modules/.package-lock.json ]; then \
		cd ui/graphiql && $(NPM) ci --no-audit --no-fund; fi

## chromium: Debian's chromium for the browser tests (installed when missing)
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

## test: every check and test suite
test: fmt-check vet check-generated lint-cypher vulncheck gotest ui-test codegen

## generate: regenerate the GraphQL enums from the vocabulary, then gqlgen's code
generate:
	$(GO) run ./schema/enumgen
	$(GO) run github.com/99designs/gqlgen generate

# check-generated regenerates in a scratch copy of the tree and fails when the
# committed generated code differs: generated code must be reproducible.
GENERATED := schema/vocabulary.graphqls schema/generated.go schema/models_gen.go schema/schema.resolvers.go schema/review.resolvers.go
check-generated:
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	tar -cf - --exclude=./ui/node_modules --exclude=./ui/graphiql/node_modules --exclude=./tools/cypherlint/node_modules --exclude=./tools/codegen/node_modules --exclude=./.git --exclude='*.db' . | tar -xf - -C $$tmp; \
	(cd $$tmp && $(GO) run ./schema/enumgen && $(GO) run github.com/99designs/gqlgen generate) || exit 1; \
	for f in $(GENERATED); do \
		cmp -s $$f $$tmp/$$f || { echo "$$f is not what 'make generate' produces; run make generate and commit"; diff $$f $$tmp/$$f | head -20; exit 1; }; \
	done; echo "generated code is up to date"

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path '*/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

gotest:
	$(GO) test -count=1 ./...

## vulncheck: govulncheck (pinned in tools/vulncheck) over every package, against the Go
## vulnerability database taken from the golang.org/x/vulndb module at VULNDB; fails when
## our code can reach a known vulnerability (in a dependency or the standard library)
VULNDB := golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018
vulncheck:
	@db=$$(cd tools/vulncheck && $(GO) mod download -json $(VULNDB) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p'); \
	test -d "$$db/data/osv" || { echo "vulncheck: could not fetch the vulnerability database $(VULNDB) from the Go module proxy"; exit 1; }; \
	echo "vulncheck: database $(VULNDB)"; \
	cd tools/vulncheck && $(GO) run golang.org/x/vuln/cmd/govulncheck -C $(CURDIR) -db file://$$db/data/osv ./...

## codegen: graphql-codegen (TypeScript types and operations) against the live schema of the
## binary, over every example operation of schema/testdata; the result must compile.
## In `make test` it runs after ui-test: make builds a target once per run, and the
## browser tests need the binary built after the UI, so nothing may build it before.
CODEGEN := tools/codegen
codegen: build $(CODEGEN)/node_modules/.package-lock.json
	cd $(CODEGEN) && AG_BIN=$(CURDIR)/$(BIN) node --test

$(CODEGEN)/node_modules/.package-lock.json: $(CODEGEN)/package-lock.json
	cd $(CODEGEN) && npm ci --no-audit --no-fund

## lint-cypher: check every .cypher file with Neo4j's Cypher front end (no server needed),
## after the linter's own tests show that it rejects broken statements
lint-cypher: $(CYPHERLINT)/node_modules/.package-lock.json
	cd $(CYPHERLINT) && node --test
	node $(CYPHERLINT)/lint.mjs .

# npm ci installs exactly the committed lock file; it runs when node_modules
# is missing or older than the lock.
$(CYPHERLINT)/node_modules/.package-lock.json: $(CYPHERLINT)/package-lock.json
	cd $(CYPHERLINT) && npm ci --no-audit --no-fund

## soak: the long reliability runs: 200 clients for 30 s while 500 articles
## load into the same store, 20 loads killed with SIGKILL, a 9.5 MB article
## loaded, and loads of a 7 MB one stopped with SIGTERM
soak:
	ACTORGRAPH_SOAK=1 $(GO) test -count=1 -v -timeout 30m -run 'TestLoadUnderTraffic|TestLoadSurvivesKill9|TestLongArticleLoads|TestLoadStopsOnSIGTERM' ./cmd/actorgraph


## ui-test: the UI's unit tests (vitest) and end-to-end tests (real binary, headless Chromium)
ui-test: ui-unit ui-e2e

ui-unit: ui-deps
	cd ui && $(NPM) run test:unit

# The end-to-end tests drive the binary built with the UI embedded; screenshots
# of each step go to test-output/ui/.
ui-e2e: ui build chromium
	cd ui && AG_BIN=$(CURDIR)/$(BIN) AG_CHROMIUM=$(CHROMIUM) AG_OUT=$(CURDIR)/test-output/ui $(NPM) run test:e2e


## bench: the performance harness, one table per scale, written to bench/RESULTS.md
## (SCALES="10k 100k" for fewer; articles-100k loads 100,000 generated articles end to end;
## reported, never asserted; 1m takes long, see bench/RESULTS.md)
SCALES ?= 10k 100k 1m articles-100k
bench:
	$(GO) run ./bench -scale "$(SCALES)" -command 'make bench SCALES="$(SCALES)"'

## bench-store: the SQLite store's and the extractor's Go benchmarks
bench-store:
	$(GO) test -run '^$$' -bench . -benchtime 200x -timeout 60m ./graph/sqlitestore
	$(GO) test -run '^$$' -bench BenchmarkExtract -benchtime 2s -cpu 1 ./loader/extract

## eval: extraction quality against the gold annotations of the demo corpus,
## the evaluation set and, when it sits beside the checkout, the external set
## (EVAL_EXTERNAL, read in place, never copied in): tables, then every miss and
## false positive (reported, never asserted; targets in README.md)
EVAL_EXTERNAL ?= ../shared/eval-external
eval:
	@if [ -d "$(EVAL_EXTERNAL)" ]; then ext="$(EVAL_EXTERNAL)"; else ext=""; \
		echo "eval: $(EVAL_EXTERNAL) not found, so the external set is skipped (set EVAL_EXTERNAL=DIR to score it)"; fi; \
	$(GO) run ./cmd/actorgraph eval data/demo data/eval $$ext

## bench-ui: the UI in headless Chromium on a generated 10k-node, 50k-edge graph (reported, never asserted)
bench-ui: ui-deps chromium
	AG_CHROMIUM=$(CHROMIUM) node bench/ui/run.mjs

clean:
	rm -rf bin test-output
	find ui/dist -mindepth 1 ! -name README.md -delete
