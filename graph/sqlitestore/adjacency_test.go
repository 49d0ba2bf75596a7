package sqlitestore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
)

// The in-memory adjacency and the row cache must answer every traversal
// exactly as the SQL expansions and reads do: same nodes, same claims, same order, same truncation. These
// tests ask random questions both ways on a generated graph, then change the
// file (new rows, a rewrite, a deletion, another connection's write) and ask
// again.

var errForceSQL = errors.New("test: traversals on SQLite")

// both answers fn from the file alone (adjacency and row cache off), then
// with both on, and fails when they differ or when the second did not use
// the adjacency.
func both[T any](t *testing.T, s *Store, what string, fn func() (T, error)) {
	t.Helper()
	s.adj.mu.Lock()
	s.adj.disabled = errForceSQL
	s.adj.mu.Unlock()
	s.rows.mu.Lock()
	s.rows.off = true
	s.rows.mu.Unlock()
	want, wantErr := fn()
	s.adj.mu.Lock()
	s.adj.disabled = nil
	s.adj.mu.Unlock()
	s.rows.mu.Lock()
	s.rows.off = false
	s.rows.mu.Unlock()
	got, gotErr := fn()
	if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
		t.Fatalf("%s: error %v from SQLite, %v from the adjacency", what, wantErr, gotErr)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s: answers differ\nSQLite:    %+v\nadjacency: %+v", what, want, got)
	}
	s.adj.mu.RLock()
	defer s.adj.mu.RUnlock()
	if s.adj.a == nil {
		t.Fatalf("%s: the adjacency was not built", what)
	}
}

func loadSynth(t *testing.T, s *Store, g *synth.Graph, batches []graph.Batch) {
	t.Helper()
	for _, b := range batches {
		if _, err := s.Upsert(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
}

// randomQuestions asks n neighbourhood and n path questions both ways.
func randomQuestions(t *testing.T, s *Store, g *synth.Graph, rng *rand.Rand, n int) {
	t.Helper()
	ctx := context.Background()
	types := graph.RelTypes()
	kinds := graph.NodeKinds()
	node := func() string { return g.Nodes[rng.IntN(len(g.Nodes))].ID }
	filter := func() graph.Filter {
		var f graph.Filter
		if rng.IntN(3) == 0 {
			for range 1 + rng.IntN(4) {
				f.Types = append(f.Types, types[rng.IntN(len(types))])
			}
		}
		if rng.IntN(3) == 0 {
			f.MinConfidence = []float64{0.55, 0.7, 0.9}[rng.IntN(3)]
		}
		if rng.IntN(4) == 0 {
			f.Since = fmt.Sprintf("%d", 2003+rng.IntN(15))
		}
		if rng.IntN(4) == 0 {
			f.Until = fmt.Sprintf("%d-%02d", 2010+rng.IntN(15), 1+rng.IntN(12))
		}
		return f
	}
	for i := range n {
		q := graph.NeighborhoodQuery{
			Seeds:   []string{node()},
			Depth:   1 + rng.IntN(3),
			Filter:  filter(),
			PerNode: []int{1, 3, 10, 0}[rng.IntN(4)],
			Limit:   []int{5, 40, 0}[rng.IntN(3)],
		}
		if rng.IntN(3) == 0 {
			q.Seeds = append(q.Seeds, node(), "no-such-node")
		}
		if rng.IntN(4) == 0 {
			q.Kinds = []graph.NodeKind{kinds[rng.IntN(len(kinds))], kinds[rng.IntN(len(kinds))]}
		}
		both(t, s, fmt.Sprintf("neighborhood %d %+v", i, q), func() (graph.Subgraph, error) { return s.Neighborhood(ctx, q) })

		p := graph.PathQuery{From: node(), To: node(), MaxHops: 1 + rng.IntN(6), K: 1 + rng.IntN(4), Filter: filter()}
		if rng.IntN(3) == 0 {
			p.Exclude = []string{node(), node()}
		}
		both(t, s, fmt.Sprintf("paths %d %+v", i, p), func() ([]graph.Path, error) { return s.Paths(ctx, p) })
	}
}

func TestAdjacencyAnswersAsSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, filepath.Join(dir, "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g := synth.Generate(synth.Config{Seed: 7, Nodes: 1500, RelsPerNode: 8})
	half := len(g.Batches) / 2
	loadSynth(t, s, g, g.Batches[:half])
	rng := rand.New(rand.NewPCG(1, 2))
	randomQuestions(t, s, g, rng, 150)
	before := s.adj.a

	// New rows are read incrementally: the same copy, grown.
	loadSynth(t, s, g, g.Batches[half:])
	randomQuestions(t, s, g, rng, 150)
	if s.adj.a != before {
		t.Fatal("adding rows rebuilt the adjacency instead of reading the new rows")
	}

	// Loading the same batches again changes nothing and keeps the copy.
	loadSynth(t, s, g, g.Batches[half:half+3])
	randomQuestions(t, s, g, rng, 20)
	if s.adj.a != before {
		t.Fatal("an upsert that changed nothing rebuilt the adjacency")
	}

	// A changed confidence is a rewrite: the copy is rebuilt.
	b := g.Batches[half]
	changed := graph.Batch{Relationships: slices.Clone(b.Relationships), Evidence: b.Evidence, Documents: b.Documents}
	for i := range changed.Relationships {
		changed.Relationships[i].Confidence = 0.51
	}
	loadSynth(t, s, g, []graph.Batch{changed})
	randomQuestions(t, s, g, rng, 50)
	if s.adj.a == before {
		t.Fatal("a changed confidence did not rebuild the adjacency")
	}

	// Deleting documents deletes claims (and row ids may be reused).
	for _, d := range g.Batches[len(g.Batches)-1].Documents {
		if _, err := s.DeleteDocument(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	randomQuestions(t, s, g, rng, 50)
	loadSynth(t, s, g, g.Batches[len(g.Batches)-1:])
	randomQuestions(t, s, g, rng, 50)

	// Another connection (as `actorgraph load` in another process) writes.
	other, err := Open(ctx, filepath.Join(dir, "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, d := range g.Batches[1].Documents {
		if _, err := other.DeleteDocument(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	randomQuestions(t, s, g, rng, 50)
	loadSynth(t, other, g, g.Batches[1:2])
	randomQuestions(t, s, g, rng, 50)
}

// TestAdjacencyBackgroundBuild: above adjSyncLimit the copy is built in the
// background while traversals answer from SQLite; Prepare builds it at once.
func TestAdjacencyPrepare(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	g := synth.Generate(synth.Config{Seed: 3, Nodes: 300, RelsPerNode: 5})
	loadSynth(t, s, g, g.Batches)
	n, _, err := s.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range st.Relationships {
		total += c
	}
	if n != total {
		t.Fatalf("Prepare holds %d claims, the store has %d", n, total)
	}
}

func TestAdjacencyBackgroundBuild(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.adj.syncLimit = 10 // every graph counts as large
	g := synth.Generate(synth.Config{Seed: 5, Nodes: 400, RelsPerNode: 5})
	loadSynth(t, s, g, g.Batches)
	q := graph.NeighborhoodQuery{Seeds: []string{g.Nodes[0].ID}, Depth: 2}
	first, err := s.Neighborhood(ctx, q) // answered by SQLite; starts the build
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.adj.mu.RLock()
		built, building := s.adj.a != nil, s.adj.building
		s.adj.mu.RUnlock()
		if built && !building {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the background build did not finish")
		}
		time.Sleep(10 * time.Millisecond)
	}
	again, err := s.Neighborhood(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, again) {
		t.Fatal("the adjacency answers differently from SQLite")
	}
}
