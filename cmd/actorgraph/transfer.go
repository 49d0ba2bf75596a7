package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/actorgraph/actorgraph/graph/jsonl"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "",
		"Writes the whole graph (documents, nodes, claims, evidence) as JSON Lines to stdout, or to --out.\n"+
			"The same graph always exports to the same bytes; 'actorgraph import' reads the file into any store.")
	var sf storeFlags
	sf.register(fs, e)
	out := fs.String("out", "", "write to this `file` instead of stdout")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "actorgraph export: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	store, name, err := sf.openForReading(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(e.stderr, "exporting from %s\n", name)

	var w io.Writer = e.stdout
	var f *os.File
	if *out != "" {
		// Written beside the target and renamed at the end, so a failed
		// export never leaves a truncated file under the name asked for.
		f, err = os.CreateTemp(dirOf(*out), ".actorgraph-export-*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(f.Name())
		defer f.Close()
		w = f
	}
	jw, err := jsonl.NewWriter(w)
	if err != nil {
		return err
	}
	counts, err := jsonl.Export(ctx, store, jw)
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(f.Name(), *out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	fmt.Fprintf(e.stderr, "exported %s\n", counts)
	return nil
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i+1]
		}
	}
	return "."
}

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "FILE",
		"Reads a graph written by 'actorgraph export' (JSON Lines; - for stdin) into the store, through the\n"+
			"same checks as every write: entities first, then one batch per document with the claims it cites.\n"+
			"Importing the same file again adds nothing.")
	var sf storeFlags
	sf.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "actorgraph import: give one file to import (- for stdin)")
		fs.Usage()
		return errUsage
	}
	var in io.Reader = os.Stdin
	if p := fs.Arg(0); p != "-" {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		in = f
	}
	stopWithin(ctx, e, "import", 1500*time.Millisecond)
	store, name, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(e.stderr, "importing into %s\n", name)
	res, err := jsonl.Import(ctx, store, jsonl.NewReader(in))
	if err != nil {
		var le *jsonl.LineError
		if errors.As(err, &le) {
			return fmt.Errorf("%s: %w", fs.Arg(0), err)
		}
		return err
	}
	fmt.Fprintf(e.stderr, "imported: %d new documents, %d new nodes, %d new claims, %d new evidence\n",
		res.Documents, res.Nodes, res.Relationships, res.Evidence)
	return nil
}
