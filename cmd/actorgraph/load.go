package main

import (
	"context"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/loader"
)

// bulkFrom is how many documents make `load --bulk auto` a bulk load: below
// it, a load is quick anyway and one transaction per document keeps every
// finished document of a stopped load.
const bulkFrom = 1000

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", "PATH|URL...",
		"Loads articles (.txt, .html, .md, .pdf) and feeds (.rss, .atom, .xml) from files and folders\n"+
			"(recursively), each article with its curated annotations from NAME.annotations.yaml beside it\n"+
			"when present (format: docs/annotations.md), and web pages, RSS/Atom feeds (each item) and PDFs\n"+
			"from http(s) URLs. Pages bring the title, publisher, author, date, canonical URL and language of\n"+
			"their metadata (JSON-LD, OpenGraph, <meta>, <time>); PDFs keep their page numbers.\n"+
			"One transaction per document: a document with any error is refused whole, with file:line:column\n"+
			"or its URL and the reason (a failed fetch, an error page, a login wall, a PDF without text), and\n"+
			"the others are loaded. From 1000 documents up (--bulk) the whole load is one transaction, several times\n"+
			"faster, whose documents appear together at its end; stopped or killed before, it stores nothing. Loading the same files or pages again adds nothing; a page whose text\n"+
			"changed loads as a new version. A document without a publisher or a date is loaded with a\n"+
			"warning: its evidence cannot be cited in full.\n"+
			"Exit status: 0 when every document loaded, 1 when any was refused, 2 on bad usage.")
	var sf storeFlags
	sf.register(fs, e)
	var ff fetchFlags
	ff.register(fs)
	strict := fs.Bool("strict", false, "stop at the first refused document")
	quiet := fs.Bool("quiet", false, "print only the summary and errors, not a line per document")
	bulk := fs.String("bulk", "auto", "`auto`: from 1000 documents up, one bulk load (one transaction, indexes built at the end: several\n"+
		"times faster; stopped or killed before the end, it stores nothing, and readers see the documents when it ends);\n"+
		"always: a bulk load whatever the number; never: one transaction per document")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "actorgraph load: give at least one file or folder to load")
		fs.Usage()
		return errUsage
	}
	var bulkAt int
	switch *bulk {
	case "auto":
		bulkAt = bulkFrom
	case "always":
		bulkAt = 1
	case "never":
		bulkAt = 0
	default:
		fmt.Fprintf(e.stderr, "actorgraph load: --bulk is auto, always or never, not %q\n", *bulk)
		return errUsage
	}
	stopWithin(ctx, e, "load", 1500*time.Millisecond)
	store, name, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(e.stderr, "loading into %s\n", name)
	l, err := loader.New(store, e.stderr)
	if err != nil {
		return err
	}
	l.Strict = *strict
	l.BulkFrom = bulkAt
	l.Fetcher = ff.fetcher()
	if *quiet {
		l.Progress = nil
	}
	sum, err := l.LoadPaths(ctx, fs.Args())
	if err == nil {
		// After the articles, so that a link the reference data states
		// outranks the same link an article's extraction guessed.
		_, err = l.LoadReference(ctx)
	}
	if *quiet {
		for _, er := range sum.Errors {
			fmt.Fprintln(e.stderr, er)
		}
		fmt.Fprintf(e.stderr, "loaded %s\n", sum)
	}
	if err != nil {
		return err
	}
	return sum.Err()
}
