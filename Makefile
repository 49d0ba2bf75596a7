# actorgraph: the two commands are `make run` and `make test` (see README.md).
# Every target installs what it needs; nothing is assumed to be installed by hand
# beyond Go, Node/npm and Debian's apt.

GO       ?= go
BIN      := bin/actorgraph
DB       ?= actorgraph.db
ADDR     ?= 127.0.0.1:8080

CYPHERLINT := tools/cypherlint

.PHONY: run build test fmt-check vet gotest lint-cypher bench clean

## run: build and serve on the embedded store (http://127.0.0.1:8080)
run: build
	./$(BIN) serve --db $(DB) --addr $(ADDR)

## build: build the binary into bin/
build:
	$(GO) build -o $(BIN) ./cmd/actorgraph

## test: every check and test suite
test: fmt-check vet lint-cypher gotest

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path '*/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

gotest:
	$(GO) test -count=1 ./...

## lint-cypher: check every .cypher file with Neo4j's Cypher front end (no server needed),
## after the linter's own tests show that it rejects broken statements
lint-cypher: $(CYPHERLINT)/node_modules/.package-lock.json
	cd $(CYPHERLINT) && node --test
	node $(CYPHERLINT)/lint.mjs .

# npm ci installs exactly the committed lock file; it runs when node_modules
# is missing or older than the lock.
$(CYPHERLINT)/node_modules/.package-lock.json: $(CYPHERLINT)/package-lock.json
	cd $(CYPHERLINT) && npm ci --no-audit --no-fund

## bench: store benchmarks (reported, never asserted)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s ./graph/sqlitestore

clean:
	rm -rf bin
