//go:build tools

// Package vulncheck pins govulncheck (golang.org/x/vuln) in its own module,
// so `make vulncheck` runs a fixed version without the product's go.mod
// listing the scanner and what only it needs (x/telemetry, its test
// helpers) among the product's dependencies. The database it
// checks against is the golang.org/x/vulndb module at the version the
// Makefile names: these machines reach the Go module proxy but not
// vuln.go.dev, and the module carries the same OSV entries.
package vulncheck

import _ "golang.org/x/vuln/cmd/govulncheck"
