package schema

import (
	"context"
	"slices"

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
	sets := make([][]string, len(wheres))
	for i, w := range wheres {
		if sets[i], err = r.claimEnds(ctx, w, nodeIsFrom[i]); err != nil {
			return nil, nil, 0, err
		}
	}
	ids := intersect(sets)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	total := len(ids)
	start, _ := slices.BinarySearch(ids, from)
	if start < len(ids) && ids[start] == from {
		start++
	}
	ids = ids[start:]
	info := &PageInfo{}
	if len(ids) > n {
		ids, info.HasNextPage = ids[:n], true
	}
	if len(ids) > 0 {
		info.EndCursor = optional(graph.EncodeCursor(ids[len(ids)-1]))
	}
	ns, err := rootNodes(ctx, r.Store, ids)
	return ns, info, total, err
}

// claimEnds reads every claim that passes w (a page of MaxPage at a time)
// and returns the end the list is after: the subject when nodeIsFrom.
func (r *Resolver) claimEnds(ctx context.Context, w graph.ClaimWhere, nodeIsFrom bool) ([]string, error) {
	var out []string
	q := graph.ClaimQuery{Where: w, First: graph.MaxPage}
	for {
		page, err := r.Store.Claims(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, rel := range page.Relationships {
			if nodeIsFrom {
				out = append(out, rel.From)
			} else {
				out = append(out, rel.To)
			}
		}
		if !page.HasMore {
			return out, nil
		}
		q.After = page.EndCursor
	}
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
