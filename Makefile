# actorgraph: the two commands are `make run` and `make test` (see README.md).
# Every target installs what it needs; nothing is assumed to be installed by hand
# beyond Go, Node/npm and Debian's apt.

GO       ?= go
BIN      := bin/actorgraph
DB       ?= actorgraph.db
ADDR     ?= 127.0.0.1:8080
NPM      ?= npm
CHROMIUM ?= /usr/bin/chromium

.PHONY: run build ui ui-deps chromium test fmt-check vet gotest ui-test ui-unit ui-e2e bench bench-ui clean

## run: build the web UI and the binary, then serve on the embedded store (http://127.0.0.1:8080)
run: ui build
	./$(BIN) serve --db $(DB) --addr $(ADDR)

## build: build the binary into bin/ (embeds whatever ui/dist holds)
build:
	$(GO) build -o $(BIN) ./cmd/actorgraph

## ui: build the web UI into ui/dist (npm ci first when node_modules is missing)
ui: ui-deps
	cd ui && $(NPM) run build

ui-deps:
	@if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then \
		cd ui && $(NPM) ci --no-audit --no-fund; fi

## chromium: Debian's chromium for the browser tests (installed when missing)
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

## test: every check and test suite
test: fmt-check vet gotest ui-test

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path '*/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

gotest:
	$(GO) test -count=1 ./...

## ui-test: the UI's unit tests (vitest) and end-to-end tests (real binary, headless Chromium)
ui-test: ui-unit ui-e2e

ui-unit: ui-deps
	cd ui && $(NPM) run test:unit

# The end-to-end tests drive the binary built with the UI embedded; screenshots
# of each step go to test-output/ui/.
ui-e2e: ui build chromium
	cd ui && AG_BIN=$(CURDIR)/$(BIN) AG_CHROMIUM=$(CHROMIUM) AG_OUT=$(CURDIR)/test-output/ui $(NPM) run test:e2e

## bench: store benchmarks (reported, never asserted)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s ./graph/sqlitestore

## bench-ui: the UI in headless Chromium on a generated 10k-node, 50k-edge graph (reported, never asserted)
bench-ui: ui-deps chromium
	AG_CHROMIUM=$(CHROMIUM) node bench/ui/run.mjs

clean:
	rm -rf bin test-output
	find ui/dist -mindepth 1 ! -name README.md -delete
