package main

import (
	"context"
	"flag"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// storeFlags are the flags that choose the store; every command that touches
// the graph registers them, so the choice is made here and only here.
type storeFlags struct {
	db string
}

func (sf *storeFlags) register(fs *flag.FlagSet, e *env) {
	def := e.getenv("ACTORGRAPH_DB")
	if def == "" {
		def = "actorgraph.db"
	}
	fs.StringVar(&sf.db, "db", def, "embedded database `file` (env ACTORGRAPH_DB)")
}

// open opens the chosen store and returns it with a description for logs.
func (sf *storeFlags) open(ctx context.Context) (graph.Store, string, error) {
	s, err := sqlitestore.Open(ctx, sf.db)
	if err != nil {
		return nil, "", err
	}
	return s, "sqlite " + sf.db, nil
}
