package sqlitestore

import (
	"context"
	"errors"
	"fmt"
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
