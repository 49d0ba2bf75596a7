package schema

import (
	"context"

	"github.com/actorgraph/actorgraph/graph"
)

// narrowing is one condition of attributions or statements: the claim-node
// must be at the other end of a claim of type typ that has id at its
// subject (idIsFrom) or object end.
type narrowing struct {
	id       *string
	typ      graph.RelType
	idIsFrom bool
}

// claimNodePage is one page of the claim-nodes of kind (attributions,
// statements) that pass every narrowing and whose dated claim (the claim of
// type dated pointing at them: ATTRIBUTED, SAID) is within since and until,
// by id. Unknown ids are NOT_FOUND (graph.ClaimWhere.Resolve); includeParts
// widens every narrowing id as in claims(where:).
func (r *Resolver) claimNodePage(ctx context.Context, kind graph.NodeKind, conds []narrowing, dated graph.RelType,
	includeParts bool, since, until *string, first *int, after *string) ([]Node, *PageInfo, int, error) {
	n, err := count(ctx, "first", first, defaultFirst, maxFirst)
	if err != nil {
		return nil, nil, 0, err
	}
	var from string
	if after != nil {
		if from, err = graph.DecodeCursor(*after); err != nil {
			return nil, nil, 0, err
		}
	}
	var wheres []graph.ClaimWhere
	var nodeIsFrom []bool
	for _, c := range conds {
		if c.id == nil {
			continue
		}
		w := graph.ClaimWhere{Types: []graph.RelType{c.typ}, IncludeParts: includeParts, Statuses: statusesOf(ctx)}
		if c.idIsFrom {
			w.From = []string{*c.id}
		} else {
			w.To = []string{*c.id}
		}
		wheres, nodeIsFrom = append(wheres, w), append(nodeIsFrom, !c.idIsFrom)
	}
	if since != nil || until != nil {
		w := graph.ClaimWhere{Types: []graph.RelType{dated}, Statuses: statusesOf(ctx)}
		if since != nil {
			w.Since = *since
		}
		if until != nil {
			w.Until = *until
		}
		wheres, nodeIsFrom = append(wheres, w), append(nodeIsFrom, false)
	}
	if len(wheres) == 0 {
		// Nothing narrows: the store pages through the kind itself.
		page, err := r.Store.ListNodes(ctx, graph.ListNodesQuery{Kind: kind, First: n, After: graph.EncodeCursor(from)})
		if err != nil {
			return nil, nil, 0, err
		}
		ids := make([]string, len(page.Nodes))
		for i, nd := range page.Nodes {
			ids[i] = nd.ID
		}
		ns, err := rootNodes(ctx, r.Store, ids)
		return ns, &PageInfo{HasNextPage: page.HasMore, EndCursor: optional(page.EndCursor)}, page.Total, err
	}
	// The store finds the ends of every condition, intersects them, counts
	// them and cuts the page in one query (parts expanded inside it).
	q := graph.ClaimEndsQuery{First: n, After: from}
	for i, w := range wheres {
		q.Ends = append(q.Ends, graph.ClaimEnd{Where: w, AtFrom: nodeIsFrom[i]})
	}
	page, err := r.Store.ClaimEnds(ctx, q)
	if err != nil {
		return nil, nil, 0, err
	}
	info := &PageInfo{HasNextPage: page.HasMore}
	if len(page.IDs) > 0 {
		info.EndCursor = optional(graph.EncodeCursor(page.IDs[len(page.IDs)-1]))
	}
	ns, err := rootNodes(ctx, r.Store, page.IDs)
	return ns, info, page.Total, err
}

// seedsFound fails with NOT_FOUND naming the first seed that a
// neighbourhood (whose nodes hold every seed the store knows) lacks.
func seedsFound(seeds []string, nodes []graph.Node) error {
	have := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		have[n.ID] = true
	}
	for _, id := range seeds {
		if !have[id] {
			return graph.NotFoundf("no node %q", id)
		}
	}
	return nil
}
