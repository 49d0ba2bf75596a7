package neo4jstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// step is one claim seen from one of its endpoints (the anchor).
type step struct {
	anchor string
	other  graph.Node
	rel    graph.Relationship
}

// Neighborhood implements graph.Store. Each breadth-first layer is one
// statement that Neo4j runs over the whole frontier, choosing each node's
// best claims itself (neighborhood_expand.cypher); Go keeps the order in
// which nodes were reached and the caps, exactly as the SQLite store does,
// and never sees more than PerNode+1 claims per frontier node. All layers
// run in one read transaction.
func (s *Store) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (graph.Subgraph, error) {
	var sub graph.Subgraph
	q, err := q.Normalize()
	if err != nil {
		return sub, err
	}
	kinds := make([]any, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	perNode, limit := q.PerNode, q.Limit
	err = s.read(ctx, "expanding the neighborhood", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		sub = graph.Subgraph{}
		seeds, err := s.nodesByID(ctx, tx, q.Seeds)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		var frontier []string
		for _, id := range q.Seeds {
			n, ok := seeds[id]
			if !ok || seen[id] {
				continue
			}
			if len(sub.Nodes) >= limit {
				sub.Truncated = true
				break
			}
			seen[id] = true
			sub.Nodes = append(sub.Nodes, n)
			frontier = append(frontier, id)
		}
		relSeen := map[string]bool{}
		for d := 1; d <= q.Depth && len(frontier) > 0; d++ {
			steps, err := s.expand(ctx, tx, frontier, q.Filter, kinds, perNode+1)
			if err != nil {
				return err
			}
			var next []string
			for _, anchor := range frontier {
				for i, st := range steps[anchor] {
					if i >= perNode {
						sub.Truncated = true
						break
					}
					if !seen[st.other.ID] {
						if len(sub.Nodes) >= limit {
							sub.Truncated = true
							continue
						}
						seen[st.other.ID] = true
						sub.Nodes = append(sub.Nodes, st.other)
						next = append(next, st.other.ID)
					}
					if !relSeen[st.rel.ID] {
						relSeen[st.rel.ID] = true
						sub.Relationships = append(sub.Relationships, st.rel)
					}
				}
			}
			frontier = next
		}
		return nil
	})
	if err != nil {
		return graph.Subgraph{}, err
	}
	return sub, nil
}

// expand runs one layer and returns each anchor's claims, best first.
func (s *Store) expand(ctx context.Context, tx neo4j.ManagedTransaction, frontier []string, f graph.Filter, kinds []any, perNode int) (map[string][]step, error) {
	params := filterParams(f, map[string]any{"frontier": stringsToAny(frontier), "kinds": kinds, "perNode": perNode})
	out := map[string][]step{}
	_, err := run(ctx, tx, s.st.get("neighborhood_expand"), params, func(rec *neo4j.Record) error {
		anchor, err := recordValue[string](rec, "anchor")
		if err != nil {
			return err
		}
		other, err := nodeColumn(rec, "m")
		if err != nil {
			return err
		}
		rel, err := claimFromRecord(rec)
		if err != nil {
			return err
		}
		out[anchor] = append(out[anchor], step{anchor: anchor, other: other, rel: rel})
		return nil
	})
	// Rows of one anchor arrive in the subquery's order; sorting again makes
	// the order independent of how Neo4j interleaves anchors.
	for _, st := range out {
		slices.SortStableFunc(st, func(a, b step) int {
			return cmp.Or(cmp.Compare(b.rel.Confidence, a.rel.Confidence), cmp.Compare(a.rel.ID, b.rel.ID))
		})
	}
	return out, err
}

// Paths implements graph.Store with Cypher's SHORTEST over a quantified path
// pattern (paths.cypher), so the search runs inside Neo4j. Unlike the SQLite
// store, which follows one claim per pair of neighbours, two claims between
// the same two nodes make two paths here.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var out []graph.Path
	err := s.read(ctx, "finding paths", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		out = nil
		ends, err := s.nodesByID(ctx, tx, []string{q.From, q.To})
		if err != nil {
			return err
		}
		from, ok := ends[q.From]
		if !ok {
			return graph.NotFoundf("no node %q", q.From)
		}
		if _, ok := ends[q.To]; !ok {
			return graph.NotFoundf("no node %q", q.To)
		}
		if q.From == q.To {
			out = []graph.Path{{Nodes: []graph.Node{from}}}
			return nil
		}
		var exclude []any
		for _, id := range q.Exclude {
			if id != q.From && id != q.To {
				exclude = append(exclude, id)
			}
		}
		params := filterParams(q.Filter, map[string]any{"from": q.From, "to": q.To, "maxHops": q.MaxHops,
			"exclude": append([]any{}, exclude...), "k": q.K})
		_, err = run(ctx, tx, s.st.get("paths"), params, func(rec *neo4j.Record) error {
			p, err := recordValue[neo4j.Path](rec, "p")
			if err != nil {
				return err
			}
			gp, err := pathFromDB(p)
			out = append(out, gp)
			return err
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b graph.Path) int { return cmp.Compare(len(a.Relationships), len(b.Relationships)) })
	return out, nil
}
