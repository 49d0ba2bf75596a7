package graphtest_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/graphtest"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

type mutant struct {
	graph.Store
	kind string
}

func (m mutant) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	ns, err := m.Store.Nodes(ctx, ids)
	if m.kind == "nodesReverse" {
		slices.Reverse(ns)
	}
	if m.kind == "aliasesLastOnly" {
		for i := range ns {
			if len(ns[i].Aliases) > 1 {
				ns[i].Aliases = ns[i].Aliases[len(ns[i].Aliases)-1:]
			}
		}
	}
	return ns, err
}
func (m mutant) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	if m.kind == "searchIgnoreKinds" {
		q.Kinds = nil
	}
	hs, err := m.Store.Search(ctx, q)
	if m.kind == "searchReverse" {
		slices.Reverse(hs)
	}
	return hs, err
}
func (m mutant) Upsert(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	if m.kind == "upsertNoCtx" {
		ctx = context.Background()
	}
	if m.kind == "upsertDocsFirst" && len(b.Documents) > 0 {
		if _, err := m.Store.Upsert(ctx, graph.Batch{Documents: b.Documents}); err != nil {
			return graph.UpsertResult{}, err
		}
	}
	r, err := m.Store.Upsert(ctx, b)
	if m.kind == "upsertCountsTouched" && err == nil {
		r = graph.UpsertResult{len(b.Documents), len(b.Nodes), len(b.Relationships), len(b.Evidence)}
	}
	return r, err
}
func (m mutant) ListNodes(ctx context.Context, q graph.ListNodesQuery) (graph.NodePage, error) {
	p, err := m.Store.ListNodes(ctx, q)
	if m.kind == "listCursorBack" && len(p.Nodes) > 1 && p.HasMore {
		// cursor of the one-but-last node: repeats a node
		p2, _ := m.Store.ListNodes(ctx, graph.ListNodesQuery{Kind: q.Kind, First: len(p.Nodes) - 1, After: q.After})
		p.EndCursor = p2.EndCursor
	}
	if m.kind == "listTotalPage" {
		p.Total = len(p.Nodes)
	}
	return p, err
}
func (m mutant) Relationships(ctx context.Context, q graph.RelationshipsQuery) (graph.RelationshipPage, error) {
	if m.kind == "relBoth" {
		q.Direction = graph.Both
	}
	if m.kind == "relNoDates" {
		q.Filter.Since, q.Filter.Until = "", ""
	}
	return m.Store.Relationships(ctx, q)
}
func (m mutant) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (graph.Subgraph, error) {
	g, err := m.Store.Neighborhood(ctx, q)
	if m.kind == "nbNeverTruncated" {
		g.Truncated = false
	}
	if m.kind == "nbSeedsLast" && len(g.Nodes) > 1 {
		g.Nodes = append(g.Nodes[1:], g.Nodes[0])
	}
	return g, err
}
func (m mutant) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if m.kind == "pathsIgnoreK" {
		q.K = 10
	}
	if m.kind == "pathsIgnoreExclude" {
		q.Exclude = nil
	}
	ps, err := m.Store.Paths(ctx, q)
	if m.kind == "pathsLongestFirst" {
		slices.Reverse(ps)
	}
	return ps, err
}
func (m mutant) DeleteDocument(ctx context.Context, id string) (graph.DeleteResult, error) {
	r, err := m.Store.DeleteDocument(ctx, id)
	if m.kind == "deleteZero" {
		r = graph.DeleteResult{}
	}
	return r, err
}
func (m mutant) Evidence(ctx context.Context, ids []string) (map[string][]graph.Evidence, error) {
	ev, err := m.Store.Evidence(ctx, ids)
	if m.kind == "evidenceReverse" {
		for _, v := range ev {
			slices.Reverse(v)
		}
	}
	return ev, err
}
func (m mutant) Stats(ctx context.Context) (graph.Stats, error) {
	if m.kind == "statsNoCtx" {
		ctx = context.Background()
	}
	return m.Store.Stats(ctx)
}

func TestTmpMutants(t *testing.T) {
	for _, k := range []string{"nodesReverse", "aliasesLastOnly", "searchIgnoreKinds", "searchReverse", "upsertNoCtx",
		"upsertDocsFirst", "upsertCountsTouched", "listCursorBack", "listTotalPage", "relBoth", "relNoDates",
		"nbNeverTruncated", "nbSeedsLast", "pathsIgnoreK", "pathsIgnoreExclude", "pathsLongestFirst",
		"deleteZero", "evidenceReverse", "statsNoCtx"} {
		t.Run(k, func(t *testing.T) {
			graphtest.RunConformanceTests(t, func(t *testing.T) graph.Store {
				s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "g.db"))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return mutant{s, k}
			})
		})
	}
}
