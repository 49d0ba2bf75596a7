package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
)

// A file written before migration v6 gains the claim tally when it is
// opened, filled from the claims it holds.
func TestOpenAddsTheTallyToOlderFiles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range synth.Generate(synth.Config{Seed: 5, Nodes: 200, RelsPerNode: 5}).Batches {
		if _, err := s.Upsert(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := undoV7(ctx, s.write); err != nil {
		t.Fatal(err)
	}
	for _, q := range append(undoV5[:4:4], `PRAGMA user_version = 5`) {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var mismatched, rows int
	if err := s.read.QueryRowContext(ctx, tallyMismatchSQL).Scan(&mismatched); err != nil {
		t.Fatal(err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM claim_tally`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if mismatched != 0 || rows == 0 {
		t.Fatalf("after opening a v5 file: %d tally rows, %d differ from the claims", rows, mismatched)
	}
	c, err := s.ClaimCounts(ctx, graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupType}, SkipDocuments: true})
	if err != nil || len(c.Groups) == 0 {
		t.Fatalf("counts by type from the migrated tally: %+v, %v", c, err)
	}
}
