//go:build tools

// This file keeps the gqlgen generator pinned in go.mod, so `go run
// github.com/99designs/gqlgen generate` uses the version the code was
// generated with.
package schema

import _ "github.com/99designs/gqlgen"
