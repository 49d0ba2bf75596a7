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
			"you have checked it.\n\n"+
			"With --explain it prints instead, for each proposed claim, attribution, statement and role, the rule\n"+
			"that proposed it, where that rule is written (loader/extract/constructions.yaml for rules as data,\n"+
			"Go for the rest), the words that fired it and the sentence.")
	explain := fs.Bool("explain", false, "print, for each proposed item, the rule and the words that fired it, instead of the annotation file")
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
	if *explain {
		_, expl, err := x.Explain(doc)
		if err != nil {
			return err
		}
		return writeExplanations(e, filepath.Base(p), expl)
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

// writeExplanations prints what `extract --explain` shows: one block per
// proposed item.
func writeExplanations(e *env, name string, expl []extract.Explanation) error {
	w := e.stdout
	if _, err := fmt.Fprintf(w, "# %s: %d items proposed by extraction, each with the rule that proposed it\n", name, len(expl)); err != nil {
		return err
	}
	for _, x := range expl {
		fired := x.Fired
		if fired == "" {
			fired = "(the rule reports no words)"
		}
		if _, err := fmt.Fprintf(w, "\n%s\n  rule:     %s (%s)\n  fired by: %s\n  sentence: %s\n", x.Item, x.Rule, x.Source, fired, x.Sentence); err != nil {
			return err
		}
	}
	return nil
}
