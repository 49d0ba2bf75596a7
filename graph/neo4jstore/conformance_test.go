package neo4jstore

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
)

// howToRun is printed when the suite is skipped.
const howToRun = "the conformance suite needs a Neo4j 5 server, and EMPTIES the database it is given; run it with:\n" +
	"  docker compose up -d neo4j\n" +
	"  NEO4J_URI=neo4j://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=actorgraph-dev go test ./graph/neo4jstore/...\n" +
	"(NEO4J_DATABASE picks a database other than neo4j; see README, \"Run on Neo4j\")"

// configFromEnv is the server named by the environment, or false.
func configFromEnv() (Config, bool) {
	cfg := Config{URI: os.Getenv("NEO4J_URI"), User: os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	if cfg.User == "" {
		cfg.User = "neo4j"
	}
	return cfg, cfg.URI != ""
}

// The Neo4j store passes the conformance suite every store must pass. All
// subtests share one database, emptied before each (the suite runs them one
// after another).
func TestConformance(t *testing.T) {
	cfg, ok := configFromEnv()
	if !ok {
		t.Skip(howToRun)
	}
	deleteAll, err := os.ReadFile("testdata/delete_all.cypher")
	if err != nil {
		t.Fatal(err)
	}
	graphtest.RunConformanceTests(t, func(t *testing.T) graph.Store {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s, err := Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		err = s.write(ctx, "emptying the test database", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
			_, err := run(ctx, tx, string(deleteAll), nil, nil)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// Open checks the server at once: with nothing listening, it fails within
// the connect timeout with a one-line error naming the address.
func TestOpenUnreachable(t *testing.T) {
	for _, uri := range []string{"bolt://127.0.0.1:1", "neo4j://127.0.0.1:1"} {
		start := time.Now()
		_, err := Open(context.Background(), Config{URI: uri, User: "neo4j", Password: "x", ConnectTimeout: 2 * time.Second})
		if err == nil {
			t.Fatalf("Open(%s) succeeded with nothing listening", uri)
		}
		var oe *OpenError
		if !errors.As(err, &oe) {
			t.Fatalf("Open(%s): %T %v, want an *OpenError", uri, err, err)
		}
		msg := err.Error()
		if !strings.Contains(msg, "cannot reach Neo4j") || !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "\n") {
			t.Errorf("Open(%s) error %q: want one line saying it cannot reach 127.0.0.1:1", uri, msg)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("Open(%s) took %s to give up", uri, d)
		}
	}
	if _, err := Open(context.Background(), Config{URI: "http://127.0.0.1:1"}); err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("Open with an http:// URI: %v, want a one-line error", err)
	}
}
