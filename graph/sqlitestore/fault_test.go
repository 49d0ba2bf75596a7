package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// A write that fails anywhere inside a batch leaves nothing of the batch:
// for every N, failing the Nth write statement rolls the whole batch back,
// and the store still passes its check and takes the batch afterwards.
func TestFailedWriteLeavesNothing(t *testing.T) {
	ctx := context.Background()
	s := smallGraph(t)
	before, _ := s.Stats(ctx)
	text := "Poland blamed Russia for the rail sabotage. Russia denied it."
	doc := graph.Document{ID: graph.DocumentID(text), Title: "rail", Text: text}
	att := graph.Node{ID: "attribution:pl-ru", Kind: graph.KindAttribution, Name: "Poland blames Russia"}
	r1 := graph.Relationship{ID: graph.ClaimID("country:PL", graph.RelAttributed, att.ID), Type: graph.RelAttributed, From: "country:PL", To: att.ID, Method: "curated", Confidence: 1}
	r2 := graph.Relationship{ID: graph.ClaimID(att.ID, graph.RelBlames, "country:RU"), Type: graph.RelBlames, From: att.ID, To: "country:RU", Method: "curated", Confidence: 1}
	q := "Poland blamed Russia for the rail sabotage."
	batch := graph.Batch{Documents: []graph.Document{doc},
		Nodes:         []graph.Node{{ID: "country:PL", Kind: graph.KindCountry, Name: "Poland"}, att},
		Relationships: []graph.Relationship{r1, r2},
		Evidence: []graph.Evidence{{Subject: att.ID, DocumentID: doc.ID, Start: 0, End: 43, Quote: q},
			{Subject: r1.ID, DocumentID: doc.ID, Start: 0, End: 43, Quote: q}, {Subject: r2.ID, DocumentID: doc.ID, Start: 0, End: 43, Quote: q}}}
	writes := 0
	s.faultHook = func() error { writes++; return nil }
	if _, err := s.Upsert(ctx, batch); err != nil {
		t.Fatal(err)
	}
	total := writes
	if total < 4 {
		t.Fatalf("only %d writes counted", total)
	}
	// Undo it to start each round from the same state.
	fresh := func() *Store { return smallGraph(t) }
	for n := 1; n <= total; n++ {
		t.Run(fmt.Sprintf("fail write %d of %d", n, total), func(t *testing.T) {
			s := fresh()
			count := 0
			s.faultHook = func() error {
				count++
				if count == n {
					return errors.New("injected I/O error")
				}
				return nil
			}
			_, err := s.Upsert(ctx, batch)
			if err == nil {
				t.Fatal("the injected failure was swallowed")
			}
			after, _ := s.Stats(ctx)
			if after.TotalNodes() != before.TotalNodes() || after.Documents != before.Documents || after.Evidence != before.Evidence || after.TotalRelationships() != before.TotalRelationships() {
				t.Fatalf("half-written: %+v -> %+v", before, after)
			}
			if rep, err := s.Check(ctx); err != nil || len(rep.Problems) > 0 {
				t.Fatalf("check after the failure: %v %v", rep.Problems, err)
			}
			s.faultHook = nil
			if _, err := s.Upsert(ctx, batch); err != nil {
				t.Fatalf("the batch after the failure: %v", err)
			}
		})
	}
}

// The multi-row inserts say OR FAIL (no statement journal), so a statement
// that fails on its second row keeps its first until the transaction rolls
// back: the rollback must take both. The second evidence row cites a node
// that is not stored, whose key NOT NULL refuses.
func TestStatementFailingMidwayLeavesNothing(t *testing.T) {
	ctx := context.Background()
	s := smallGraph(t)
	var before int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM evidence`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	var docID string
	if err := s.read.QueryRowContext(ctx, `SELECT id FROM documents LIMIT 1`).Scan(&docID); err != nil {
		t.Fatal(err)
	}
	evs := []graph.Evidence{
		{Subject: "country:RU", DocumentID: docID, Start: 0, End: 1, Quote: "a"},
		{Subject: "country:nowhere", DocumentID: docID, Start: 0, End: 1, Quote: "a"},
	}
	err := s.inWriteTx(ctx, "writing evidence", func(tx *sql.Tx) error {
		w := &batchWriter{tx: tx}
		_, err := w.writeEvidence(ctx, evs)
		if err == nil {
			return errors.New("the second row was taken")
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM evidence`).Scan(&n); err != nil {
			return err
		}
		if n != before+1 {
			t.Errorf("inside the transaction the first row is there %d times; OR FAIL keeps it until the rollback", n)
		}
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "NOT NULL") {
		t.Fatalf("got %v, want NOT NULL's refusal of a subject that is not stored", err)
	}
	var after int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM evidence`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("evidence rows %d after the failed statement, %d before", after, before)
	}
}
