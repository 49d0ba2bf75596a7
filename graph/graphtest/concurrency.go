package graphtest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// storeCalls calls every Store method once with ctx, except Close. extra is
// a valid batch that is not stored yet, docID a stored document.
func storeCalls(s graph.Store, extra graph.Batch, docID string) []struct {
	name string
	call func(ctx context.Context) error
} {
	type call = struct {
		name string
		call func(ctx context.Context) error
	}
	return []call{
		{"Upsert", func(ctx context.Context) error { _, err := s.Upsert(ctx, extra); return err }},
		{"Nodes", func(ctx context.Context) error { _, err := s.Nodes(ctx, []string{idUS}); return err }},
		{"ListNodes", func(ctx context.Context) error { _, err := s.ListNodes(ctx, graph.ListNodesQuery{}); return err }},
		{"Relationships", func(ctx context.Context) error {
			_, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: []string{idUS}})
			return err
		}},
		{"RelationshipsByID", func(ctx context.Context) error {
			_, err := s.RelationshipsByID(ctx, []string{graph.ClaimID(idSullivan, graph.RelHoldsRole, idUS)})
			return err
		}},
		{"Evidence", func(ctx context.Context) error { _, err := s.Evidence(ctx, []string{idStatement}); return err }},
		{"EvidenceOfDocument", func(ctx context.Context) error { _, err := s.EvidenceOfDocument(ctx, docID); return err }},
		{"Documents", func(ctx context.Context) error { _, err := s.Documents(ctx, []string{docID}); return err }},
		{"ListDocuments", func(ctx context.Context) error {
			_, err := s.ListDocuments(ctx, graph.ListDocumentsQuery{})
			return err
		}},
		{"Search", func(ctx context.Context) error {
			_, err := s.Search(ctx, graph.SearchQuery{Text: "Estonia"})
			return err
		}},
		{"Neighborhood", func(ctx context.Context) error {
			_, err := s.Neighborhood(ctx, graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2})
			return err
		}},
		{"Paths", func(ctx context.Context) error {
			_, err := s.Paths(ctx, graph.PathQuery{From: idEE, To: idRU, MaxHops: 4, K: 3})
			return err
		}},
		{"Stats", func(ctx context.Context) error { _, err := s.Stats(ctx); return err }},
		{"DeleteDocument", func(ctx context.Context) error { _, err := s.DeleteDocument(ctx, docID); return err }},
	}
}

// testContextCanceled: every method returns the context's error, wrapped,
// once the context is done, and a canceled write writes nothing.
func testContextCanceled(t *testing.T, s graph.Store) {
	b, docA, _ := world(t)
	upsert(t, s, b)
	before := stats(t, s)
	extra := graph.Batch{Nodes: []graph.Node{country(idLV, "Latvia")}}

	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel2()
	for _, c := range storeCalls(s, extra, docA.ID) {
		for _, ctx := range []struct {
			name string
			ctx  context.Context
			want error
		}{{"canceled", canceled, context.Canceled}, {"expired", expired, context.DeadlineExceeded}} {
			err := c.call(ctx.ctx)
			if err == nil {
				t.Errorf("%s with a %s context: no error", c.name, ctx.name)
			} else if !errors.Is(err, ctx.want) {
				t.Errorf("%s with a %s context: %q does not wrap %v", c.name, ctx.name, err, ctx.want)
			}
		}
	}
	unchanged(t, s, before, "writes with a done context")
	if ns := nodes(t, s, idLV); len(ns) != 0 {
		t.Errorf("Upsert with a canceled context wrote %s", idLV)
	}
}

// testConcurrentUpserts: writers upserting overlapping batches at once (the
// same document, nodes and claim, each with something of its own, each
// several times) all succeed; the store ends with each thing once, every
// alias written, and the created counts add up to exactly that. A reader runs
// alongside.
func testConcurrentUpserts(t *testing.T, s graph.Store) {
	const writers, rounds = 4, 3
	shared := newDoc(t, "Shared report", "2018-01-01")
	shared.node(country(idUS, "United States", "Washington"), "")
	shared.node(country(idEE, "Estonia"), "")
	supported := shared.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.")
	sharedBatch := shared.batch()

	batches := make([]graph.Batch, writers)
	wantAliases := []string{"Washington"}
	for g := range writers {
		k := newDoc(t, fmt.Sprintf("Writer %d", g), "2018-02-01")
		alias := fmt.Sprintf("US alias %d", g)
		wantAliases = append(wantAliases, alias)
		k.node(country(idUS, "United States", alias), "")
		p := k.node(entity(fmt.Sprintf("person:writer-%d", g), graph.KindPerson, fmt.Sprintf("Writer %d", g)), "")
		k.claim(p.ID, graph.RelSupported, idEE, fmt.Sprintf("Writer %d supported Estonia.", g))
		k.cite(supported.ID, fmt.Sprintf("Writer %d saw the United States support Estonia.", g))
		batches[g] = merge(sharedBatch, k.batch())
	}
	want := expectStats(merge(batches...))

	var (
		mu    sync.Mutex
		total graph.UpsertResult
		wg    sync.WaitGroup
		done  = make(chan struct{})
	)
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				res, err := s.Upsert(t.Context(), batches[g])
				if err != nil {
					t.Errorf("writer %d round %d: %v", g, r, err)
					return
				}
				mu.Lock()
				total = total.Add(res)
				mu.Unlock()
			}
		}()
	}
	var readers sync.WaitGroup
	readers.Add(1)
	go func() {
		defer readers.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := s.Stats(t.Context()); err != nil {
				t.Errorf("concurrent Stats: %v", err)
				return
			}
			if _, err := s.Search(t.Context(), graph.SearchQuery{Text: "Writer"}); err != nil {
				t.Errorf("concurrent Search: %v", err)
				return
			}
			if _, err := s.Neighborhood(t.Context(), graph.NeighborhoodQuery{Seeds: []string{idEE}, Depth: 1}); err != nil {
				t.Errorf("concurrent Neighborhood: %v", err)
				return
			}
		}
	}()
	wg.Wait()
	close(done)
	readers.Wait()
	if t.Failed() {
		return
	}

	if d := statsDiff(want, stats(t, s)); d != "" {
		t.Errorf("Stats after concurrent upserts: %s", d)
	}
	wantTotal := graph.UpsertResult{Documents: want.Documents, Nodes: want.TotalNodes(),
		Relationships: want.TotalRelationships(), Evidence: want.Evidence}
	if total != wantTotal {
		t.Errorf("sum of the concurrent Upsert results = %+v, want %+v (each thing created exactly once)", total, wantTotal)
	}
	if got := node(t, s, idUS).Aliases; !sameSet(got, wantAliases) {
		t.Errorf("aliases of %s after concurrent writes = %q, want %q", idUS, got, wantAliases)
	}
	if n := len(evidence(t, s, supported.ID)[supported.ID]); n != 1+writers {
		t.Errorf("the shared claim has %d evidence, want %d", n, 1+writers)
	}
}

// testClose: after Close, calls fail instead of reaching a released
// database. (The factory's own cleanup then closes the store a second time;
// it must tolerate that.)
func testClose(t *testing.T, s graph.Store) {
	b, docA, _ := world(t)
	upsert(t, s, b)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, c := range storeCalls(s, graph.Batch{Nodes: []graph.Node{country(idLV, "Latvia")}}, docA.ID) {
		if err := c.call(t.Context()); err == nil {
			t.Errorf("%s after Close: no error", c.name)
		}
	}
}
