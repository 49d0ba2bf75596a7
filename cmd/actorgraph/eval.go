package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/evaluate"
	"github.com/actorgraph/actorgraph/loader/extract"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", "GOLD_DIR...",
		"Runs extraction on every article of each folder that has a gold annotation file beside it\n"+
			"(NAME.annotations.yaml) and prints precision, recall and F1 per entity kind and per\n"+
			"relationship type, then every miss and false positive. How claims are matched, statements\n"+
			"and attributions included, is in the documentation of package loader/evaluate.\n"+
			"The gold file's own document metadata is not shown to extraction: it sees what `load` of the\n"+
			"bare article would see.")
	quiet := fs.Bool("tables", false, "print only the tables, not the lists of misses and false positives")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "actorgraph eval: give at least one folder of articles with gold annotations")
		fs.Usage()
		return errUsage
	}
	reg, err := resolve.Reference()
	if err != nil {
		return err
	}
	x, err := extract.New(reg)
	if err != nil {
		return err
	}
	for i, dir := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		res, err := evalDir(dir, reg, x)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		res.Write(e.stdout, dir, !*quiet)
	}
	return nil
}

// evalDir scores every article of dir that has a gold file.
func evalDir(dir string, reg *resolve.Registry, x *extract.Extractor) (*evaluate.Result, error) {
	fsys := os.DirFS(dir)
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, loader.AnnotationSuffix) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	sort.Strings(names)
	total := evaluate.NewResult()
	for _, ann := range names {
		base := strings.TrimSuffix(ann, loader.AnnotationSuffix)
		article := ""
		for _, ext := range []string{".txt", ".html", ".htm", ".md"} {
			if _, err := fs.Stat(fsys, base+ext); err == nil {
				article = base + ext
				break
			}
		}
		if article == "" {
			continue // the loader warns about these; nothing to score
		}
		display := filepath.Join(dir, article)
		doc, err := loader.ReadArticle(fsys, article, display)
		if err != nil {
			return nil, err
		}
		data, err := fs.ReadFile(fsys, ann)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", filepath.Join(dir, ann), err)
		}
		gold, err := annotation.Decode(filepath.Join(dir, ann), data)
		if err != nil {
			return nil, err
		}
		got, err := x.Extract(doc)
		if err != nil {
			return nil, err
		}
		total.Add(evaluate.Score(path.Base(base), doc.Text, gold, got, reg))
	}
	if total.Articles == 0 {
		return nil, errors.New(dir + ": no article with a gold annotation file beside it")
	}
	return total, nil
}
