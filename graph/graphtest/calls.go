package graphtest

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// The helpers below call the store and stop the subtest on an unexpected
// error, so that each test body reads as the contract it checks.

func upsert(t testing.TB, s graph.Store, b graph.Batch) graph.UpsertResult {
	t.Helper()
	res, err := s.Upsert(t.Context(), b)
	if err != nil {
		t.Fatalf("Upsert: unexpected error: %v", err)
	}
	return res
}

func stats(t testing.TB, s graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func nodes(t testing.TB, s graph.Store, ids ...string) []graph.Node {
	t.Helper()
	ns, err := s.Nodes(t.Context(), ids)
	if err != nil {
		t.Fatalf("Nodes(%q): %v", ids, err)
	}
	return ns
}

// node returns the node with id, failing the test when it is missing.
func node(t testing.TB, s graph.Store, id string) graph.Node {
	t.Helper()
	ns := nodes(t, s, id)
	if len(ns) != 1 || ns[0].ID != id {
		t.Fatalf("Nodes(%q) = %q, want the node", id, nodeIDs(ns))
	}
	return ns[0]
}

func relsByID(t testing.TB, s graph.Store, ids ...string) []graph.Relationship {
	t.Helper()
	rs, err := s.RelationshipsByID(t.Context(), ids)
	if err != nil {
		t.Fatalf("RelationshipsByID(%q): %v", ids, err)
	}
	return rs
}

func evidence(t testing.TB, s graph.Store, subjects ...string) map[string][]graph.Evidence {
	t.Helper()
	m, err := s.Evidence(t.Context(), subjects)
	if err != nil {
		t.Fatalf("Evidence(%q): %v", subjects, err)
	}
	return m
}

func documents(t testing.TB, s graph.Store, ids ...string) []graph.Document {
	t.Helper()
	ds, err := s.Documents(t.Context(), ids)
	if err != nil {
		t.Fatalf("Documents(%q): %v", ids, err)
	}
	return ds
}

func search(t testing.TB, s graph.Store, q graph.SearchQuery) []graph.SearchHit {
	t.Helper()
	hs, err := s.Search(t.Context(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return hs
}

func neighborhood(t testing.TB, s graph.Store, q graph.NeighborhoodQuery) graph.Subgraph {
	t.Helper()
	g, err := s.Neighborhood(t.Context(), q)
	if err != nil {
		t.Fatalf("Neighborhood(%+v): %v", q, err)
	}
	return g
}

func relationships(t testing.TB, s graph.Store, q graph.RelationshipsQuery) graph.RelationshipPage {
	t.Helper()
	p, err := s.Relationships(t.Context(), q)
	if err != nil {
		t.Fatalf("Relationships(%+v): %v", q, err)
	}
	return p
}

// allNodeIDs lists every node id of the store through ListNodes, as a
// cross-check that does not rely on knowing the ids in advance.
func allNodeIDs(t testing.TB, s graph.Store) []string {
	t.Helper()
	return walkNodes(t, s, "", 50)
}

// walkNodes pages through ListNodes and returns the ids in the order seen.
func walkNodes(t testing.TB, s graph.Store, kind graph.NodeKind, first int) []string {
	t.Helper()
	var ids []string
	after := ""
	for range 10_000 {
		p, err := s.ListNodes(t.Context(), graph.ListNodesQuery{Kind: kind, First: first, After: after})
		if err != nil {
			t.Fatalf("ListNodes(kind %q, after %q): %v", kind, after, err)
		}
		ids = append(ids, nodeIDs(p.Nodes)...)
		if !p.HasMore {
			return ids
		}
		if p.EndCursor == "" || p.EndCursor == after {
			t.Fatalf("ListNodes(kind %q, after %q): HasMore but the cursor did not advance (%q)", kind, after, p.EndCursor)
		}
		after = p.EndCursor
	}
	t.Fatalf("ListNodes(kind %q) never ended", kind)
	return nil
}

// wantCode fails the test unless err carries code.
func wantCode(t testing.TB, what string, err error, code graph.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want a %s error", what, code)
	}
	if !graph.HasCode(err, code) {
		t.Fatalf("%s: error %q has code %q, want %q", what, err, graph.CodeOf(err), code)
	}
}

// unchanged fails the test when the store's counts moved from before.
func unchanged(t testing.TB, s graph.Store, before graph.Stats, after string) {
	t.Helper()
	if d := statsDiff(before, stats(t, s)); d != "" {
		t.Fatalf("after %s the store changed: %s", after, d)
	}
}
