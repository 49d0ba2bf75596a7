package graphtest_test

import (
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

func TestTmpSQLite(t *testing.T) {
	graphtest.RunConformanceTests(t, func(t *testing.T) graph.Store {
		s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "g.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
