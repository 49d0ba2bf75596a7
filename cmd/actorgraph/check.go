package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check", "", "Verifies the store's integrity: every claim and event, statement or attribution has evidence,\n"+
		"every piece of evidence has its document and quotes it exactly, and the indexes agree with the tables.\n"+
		"Exit status 0 when healthy, 1 when anything is wrong (each problem is printed).")
	var sf storeFlags
	sf.register(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	store, name, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	c, ok := store.(graph.Checker)
	if !ok {
		return fmt.Errorf("%s cannot check itself", name)
	}
	rep, err := c.Check(ctx)
	if err != nil {
		return err
	}
	for _, it := range rep.Checked {
		fmt.Fprintf(e.stdout, "checked: %s\n", it.What)
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(e.stdout, "PROBLEM: %s\n", p)
	}
	if len(rep.Problems) > 0 {
		return errors.New(name + ": integrity check failed")
	}
	fmt.Fprintf(e.stdout, "%s: ok\n", name)
	return nil
}
