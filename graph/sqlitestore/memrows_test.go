package sqlitestore

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
)

// The compact rows answer every traversal as the file does, and a change to
// a stored node or claim makes them step aside (the file answers) until a
// rebuild has caught up.
func TestMemRowsAnswerAsTheFile(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.mem.pause = time.Nanosecond
	g := synth.Generate(synth.Config{Seed: 11, Nodes: 1200, RelsPerNode: 8})
	loadSynth(t, s, g, g.Batches)
	if _, _, err := s.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	m := s.mem.cur.Load()
	if m == nil || len(m.rels) < 1000 {
		t.Fatal("Prepare did not build the compact rows")
	}
	var f fileState
	if err := s.read.QueryRowContext(ctx, fileStateSQL).Scan(&f.rewrites, &f.edits, &f.maxRID, &f.maxNID); err != nil {
		t.Fatal(err)
	}
	if s.memRowsFor(f.edits) != m {
		t.Fatal("the compact rows are not used for the state they were read from")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	randomQuestions(t, s, g, rng, 100)

	// Change stored rows: a claim's confidence, a node's name.
	b := g.Batches[3]
	changed := graph.Batch{Relationships: slices.Clone(b.Relationships), Evidence: b.Evidence, Documents: b.Documents}
	for i := range changed.Relationships {
		changed.Relationships[i].Confidence = 0.52
	}
	n := g.Nodes[0]
	n.Name += " renamed"
	changed.Nodes = append(changed.Nodes, n)
	loadSynth(t, s, g, []graph.Batch{changed})
	// Stale now: the file answers (and a rebuild starts).
	randomQuestions(t, s, g, rng, 30)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if cur := s.mem.cur.Load(); cur != m && cur != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the compact rows were not rebuilt after a change")
		}
		s.Neighborhood(ctx, graph.NeighborhoodQuery{Seeds: []string{n.ID}, Depth: 1})
		time.Sleep(20 * time.Millisecond)
	}
	randomQuestions(t, s, g, rng, 60)
	sub, err := s.Neighborhood(ctx, graph.NeighborhoodQuery{Seeds: []string{n.ID}, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub.Nodes) == 0 || sub.Nodes[0].Name != n.Name && !slices.ContainsFunc(sub.Nodes, func(x graph.Node) bool { return x.Name == n.Name }) {
		t.Fatalf("the renamed node is not returned renamed: %+v", sub.Nodes)
	}
}
