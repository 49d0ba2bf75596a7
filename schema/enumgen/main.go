// Command enumgen writes schema/vocabulary.graphqls, the GraphQL enums of
// node kinds and relationship types, from graph/vocabulary.go, the single
// source of truth. `make generate` runs it before gqlgen; a test fails when
// the committed file differs from what it would write.
package main

import (
	"fmt"
	"os"

	"github.com/actorgraph/actorgraph/schema/vocabsdl"
)

func main() {
	out := "schema/vocabulary.graphqls"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	if err := os.WriteFile(out, []byte(vocabsdl.SDL()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "enumgen:", err)
		os.Exit(1)
	}
}
