package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4jstore"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// storeFlags are the flags that choose the store; every command that touches
// the graph registers them, so the choice is made here and only here.
//
// Neo4j is used when a Neo4j URI is given (--neo4j-uri or NEO4J_URI), the
// embedded SQLite file otherwise. A flag given on the command line beats the
// environment, so `--db FILE` works in a shell that exports NEO4J_URI;
// giving both --db and --neo4j-uri is a usage error.
type storeFlags struct {
	fs                                    *flag.FlagSet
	e                                     *env
	db                                    string
	neo4jURI, neo4jUser, neo4jPass, neo4j string
}

func (sf *storeFlags) register(fs *flag.FlagSet, e *env) {
	sf.fs, sf.e = fs, e
	def := e.getenv("ACTORGRAPH_DB")
	if def == "" {
		def = "actorgraph.db"
	}
	fs.StringVar(&sf.db, "db", def, "embedded database `file` (env ACTORGRAPH_DB)")
	// The Neo4j flags default to empty and fall back to the environment in
	// open, so that --help never prints a password.
	fs.StringVar(&sf.neo4jURI, "neo4j-uri", "", "use Neo4j at this `URI` instead of the embedded database: bolt://host:7687, or neo4j+s://... for a cluster or Aura (env NEO4J_URI)")
	fs.StringVar(&sf.neo4jUser, "neo4j-user", "", "Neo4j `user` (env NEO4J_USER, default neo4j)")
	fs.StringVar(&sf.neo4jPass, "neo4j-password", "", "Neo4j `password` (env NEO4J_PASSWORD; prefer the environment, flags show in ps)")
	fs.StringVar(&sf.neo4j, "neo4j-database", "", "Neo4j `database` (env NEO4J_DATABASE, default neo4j)")
}

// explicit reports whether a flag was given on the command line.
func (sf *storeFlags) explicit(name string) bool {
	found := false
	sf.fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			found = true
		}
	})
	return found
}

// or returns the flag's value, else the environment variable's, else def.
func (sf *storeFlags) or(flagValue, envName, def string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := sf.e.getenv(envName); v != "" {
		return v
	}
	return def
}

// open opens the chosen store and returns it with a description for logs
// (never including a password).
func (sf *storeFlags) open(ctx context.Context) (graph.Store, string, error) {
	if sf.explicit("db") && sf.explicit("neo4j-uri") {
		fmt.Fprintln(sf.e.stderr, "actorgraph: give either --db or --neo4j-uri, not both")
		return nil, "", errUsage
	}
	uri := sf.neo4jURI
	if uri == "" && !sf.explicit("db") {
		uri = sf.e.getenv("NEO4J_URI")
	}
	if uri != "" {
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{
			URI:      uri,
			User:     sf.or(sf.neo4jUser, "NEO4J_USER", "neo4j"),
			Password: sf.or(sf.neo4jPass, "NEO4J_PASSWORD", ""),
			Database: sf.or(sf.neo4j, "NEO4J_DATABASE", "neo4j"),
		})
		if err != nil {
			return nil, "", err
		}
		return s, s.Name(), nil
	}
	s, err := sqlitestore.Open(ctx, sf.db)
	if err != nil {
		return nil, "", err
	}
	return s, "sqlite " + sf.db, nil
}

// openForReading opens the chosen store for a command that never writes.
// An existing SQLite file is opened read-only, so that a file or folder
// the user may not write still works (sqlitestore.OpenReadOnly); a missing
// one is created as before, so that stats of a new store says zero.
func (sf *storeFlags) openForReading(ctx context.Context) (graph.Store, string, error) {
	uri := sf.neo4jURI
	if uri == "" && !sf.explicit("db") {
		uri = sf.e.getenv("NEO4J_URI")
	}
	if _, err := os.Stat(sf.db); uri != "" || sf.explicit("neo4j-uri") || err != nil {
		return sf.open(ctx)
	}
	s, err := sqlitestore.OpenReadOnly(ctx, sf.db)
	if err != nil {
		return nil, "", err
	}
	return s, "sqlite " + sf.db + " (read-only)", nil
}
