// Package data holds the demo corpus, embedded in the binary: the three seed
// articles and their curated annotation files, so that a newcomer who runs
// `actorgraph serve` on an empty store sees a graph at once.
package data

import (
	"embed"
	"io/fs"
)

//go:embed demo
var demo embed.FS

// Demo returns the demo corpus as a file system rooted at data/demo.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err) // the folder is embedded at build time; it cannot be missing
	}
	return sub
}
