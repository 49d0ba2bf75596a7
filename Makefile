# actorgraph: the two commands are `make run` and `make test` (see README.md).
# Every target installs what it needs; nothing is assumed to be installed by hand
# beyond Go, Node/npm and Debian's apt.

GO       ?= go
BIN      := bin/actorgraph
DB       ?= actorgraph.db
ADDR     ?= 127.0.0.1:8080

.PHONY: run build test fmt-check vet gotest bench eval clean

## run: build and serve on the embedded store (http://127.0.0.1:8080)
run: build
	./$(BIN) serve --db $(DB) --addr $(ADDR)

## build: build the binary into bin/
build:
	$(GO) build -o $(BIN) ./cmd/actorgraph

## test: every check and test suite
test: fmt-check vet gotest

fmt-check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path '*/node_modules/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

gotest:
	$(GO) test -count=1 ./...

## bench: store and extraction benchmarks (reported, never asserted)
bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s ./graph/sqlitestore
	$(GO) test -run '^$$' -bench BenchmarkExtract -benchtime 2s -cpu 1 ./loader/extract

## eval: extraction quality against the gold annotations of the demo corpus
## and the evaluation set: tables, then every miss and false positive
## (reported, never asserted; targets in README.md)
eval:
	$(GO) run ./cmd/actorgraph eval data/demo data/eval

clean:
	rm -rf bin
