package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/loader/extract"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "extract", "FILE",
		"Reads one article (.txt, .html, .md), cleans it as `load` does, and prints on stdout the annotations\n"+
			"extraction proposes, in the format of curated annotation files (docs/annotations.md). Save it as\n"+
			"NAME.annotations.yaml beside the article, correct it, and `load` the pair. Every claim says which\n"+
			"rule proposed it (method) and how sure it is (confidence); delete the method line of a claim once\n"+
			"you have checked it.")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "actorgraph extract: give exactly one article file")
		fs.Usage()
		return errUsage
	}
	p := fs.Arg(0)
	doc, err := loader.ReadArticle(os.DirFS(filepath.Dir(p)), filepath.Base(p), p)
	if err != nil {
		return err
	}
	reg, err := resolve.Reference()
	if err != nil {
		return err
	}
	x, err := extract.New(reg)
	if err != nil {
		return err
	}
	f, err := x.Extract(doc)
	if err != nil {
		return err
	}
	// The file is complete: what is deleted from it should stay deleted
	// when the pair is loaded, so extraction is off for it.
	f.Document.Extraction = "off"
	out, err := extract.Encode(f, fmt.Sprintf(
		"Annotations proposed by `actorgraph extract` for %s (rules, not a person).\n"+
			"Review them: delete what is wrong, fix ids and names, add what is missing, and\n"+
			"delete the `method` of each claim you have checked (it is then curated).\n"+
			"`extraction: off` keeps deleted claims deleted when the pair is loaded.\n"+
			"Format: docs/annotations.md.", filepath.Base(p)))
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(out)
	return err
}
