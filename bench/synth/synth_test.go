package synth

import (
	"context"
	"reflect"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := Config{Seed: 3, Nodes: 400, RelsPerNode: 5}
	a, b := Generate(cfg), Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same configuration generated two different graphs")
	}
	if c := Generate(Config{Seed: 4, Nodes: 400, RelsPerNode: 5}); reflect.DeepEqual(a.Batches, c.Batches) {
		t.Fatal("another seed generated the same graph")
	}
}

// TestGeneratedBatchesAreValid checks the generated graph the way a store
// will: every batch passes the batch checks against what came before, the
// claim count is met, attributions and repeated reports are there.
func TestGeneratedBatchesAreValid(t *testing.T) {
	g := Generate(Config{Seed: 1, Nodes: 500, RelsPerNode: 10})
	st := &memLookup{kinds: map[string]graph.NodeKind{}, rels: map[string]bool{}, texts: map[string]string{}, evidenced: map[string]bool{}}
	evidence, repeats := 0, 0
	for i, b := range g.Batches {
		nb, err := graph.NormalizeBatch(b)
		if err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		if err := graph.CheckBatch(context.Background(), nb, st); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		for _, r := range nb.Relationships {
			if st.rels[r.ID] {
				repeats++
			}
		}
		st.add(nb)
		evidence += len(nb.Evidence)
	}
	if len(st.rels) != g.Claims || g.Claims < 500*10 {
		t.Fatalf("claims: %d stored, %d counted, want at least %d", len(st.rels), g.Claims, 500*10)
	}
	if len(g.Attributions) != 10 { // 2% of 500
		t.Fatalf("%d attributions, want 10", len(g.Attributions))
	}
	if repeats == 0 || evidence <= g.Claims {
		t.Fatalf("no claim was reported twice (%d repeats, %d evidence for %d claims)", repeats, evidence, g.Claims)
	}
}

// memLookup is the little a BatchLookup needs to know about earlier batches.
type memLookup struct {
	kinds     map[string]graph.NodeKind
	rels      map[string]bool
	texts     map[string]string
	evidenced map[string]bool
}

func (m *memLookup) add(b graph.Batch) {
	for _, n := range b.Nodes {
		m.kinds[n.ID] = n.Kind
	}
	for _, r := range b.Relationships {
		m.rels[r.ID] = true
	}
	for _, d := range b.Documents {
		m.texts[d.ID] = d.Text
	}
	for _, e := range b.Evidence {
		m.evidenced[e.Subject] = true
	}
}

func (m *memLookup) StoredNodeKinds(_ context.Context, ids []string) (map[string]graph.NodeKind, error) {
	out := map[string]graph.NodeKind{}
	for _, id := range ids {
		if k, ok := m.kinds[id]; ok {
			out[id] = k
		}
	}
	return out, nil
}

func (m *memLookup) StoredDocumentTexts(_ context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range ids {
		if t, ok := m.texts[id]; ok {
			out[id] = t
		}
	}
	return out, nil
}

func (m *memLookup) StoredRelationships(_ context.Context, ids []string) (map[string]bool, error) {
	return pick(ids, m.rels), nil
}

func (m *memLookup) SubjectsWithEvidence(_ context.Context, ids []string) (map[string]bool, error) {
	return pick(ids, m.evidenced), nil
}

func pick(ids []string, set map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, id := range ids {
		if set[id] {
			out[id] = true
		}
	}
	return out
}
