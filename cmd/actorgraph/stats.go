package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

func runStats(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "stats", "", "Counts nodes by kind, claims by relationship type, documents and evidence.")
	var sf storeFlags
	sf.register(fs, e)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "actorgraph stats: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	store, name, err := sf.openForReading(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(e.stderr, "counting in %s\n", name)
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := map[string]any{
			"nodes":         st.Nodes,
			"relationships": st.Relationships,
			"documents":     st.Documents,
			"evidence":      st.Evidence,
			"totalNodes":    st.TotalNodes(),
			"totalClaims":   st.TotalRelationships(),
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	row := func(label string, n int) { fmt.Fprintf(e.stdout, "%-20s %9d\n", label, n) }
	row("documents", st.Documents)
	row("evidence", st.Evidence)
	row("nodes", st.TotalNodes())
	for _, k := range graph.NodeKinds() {
		if n := st.Nodes[k]; n > 0 {
			row("  "+string(k), n)
		}
	}
	row("claims", st.TotalRelationships())
	for _, t := range graph.RelTypes() {
		if n := st.Relationships[t]; n > 0 {
			row("  "+string(t), n)
		}
	}
	return nil
}
