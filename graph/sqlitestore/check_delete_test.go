package sqlitestore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// TestCheckPassesAfterDeletingDocuments: deleting documents one after another
// and checking after each must find nothing wrong. It once reported a
// "malformed inverted index" for evidence_fts after the second delete: the
// structural check ran on a pooled read connection whose FTS5 structure was
// cached from before the delete (the same file checked from a fresh
// connection passed).
func TestCheckPassesAfterDeletingDocuments(t *testing.T) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g := synth.Generate(synth.Config{Seed: 3, Nodes: 400, RelsPerNode: 5})
	for _, b := range g.Batches {
		if _, err := s.Upsert(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	for i, b := range g.Batches[1:6] {
		if _, err := s.DeleteDocument(ctx, b.Documents[0].ID); err != nil {
			t.Fatal(err)
		}
		rep, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) > 0 {
			t.Fatalf("after deleting document %d (%s): %v", i+1, b.Documents[0].ID, rep.Problems)
		}
	}
}
