package sqlitestore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// The SQLite store passes the conformance suite every store must pass.
func TestConformance(t *testing.T) {
	graphtest.RunConformanceTests(t, func(t *testing.T) graph.Store {
		s, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "conformance.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
