package neo4jstore

import (
	"context"
	"math"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// ClaimEnds implements graph.Store. One condition (the usual case:
// attributions blaming a state and its parts) is one statement that expands
// the parts, keeps the distinct ends, counts them and cuts the page
// (gen_claim_ends). Several conditions read each one's ends in full in
// the same read transaction and intersect them here: Cypher would need one
// copy of the shared selection per condition to do it in one statement.
func (s *Store) ClaimEnds(ctx context.Context, q graph.ClaimEndsQuery) (graph.IDPage, error) {
	var page graph.IDPage
	q, err := q.Normalize()
	if err != nil {
		return page, err
	}
	params := make([]map[string]any, len(q.Ends))
	for i, e := range q.Ends {
		w, err := e.Where.Resolve(ctx, s)
		if err != nil {
			return page, err
		}
		params[i] = claimParams(w)
		params[i]["atFrom"] = e.AtFrom
		params[i]["after"], params[i]["limit"] = "", math.MaxInt32
	}
	if len(params) == 1 {
		params[0]["after"], params[0]["limit"] = q.After, q.First+1
	}
	err = s.read(ctx, "reading claim ends", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var sets [][]string
		page = graph.IDPage{}
		for _, p := range params {
			var ids []string
			_, err := run(ctx, tx, s.st.get("gen_claim_ends"), p, func(rec *neo4j.Record) error {
				total, err := recordValue[int64](rec, "total")
				if err != nil {
					return err
				}
				page.Total = int(total)
				list, err := recordValue[[]any](rec, "page")
				if err != nil {
					return err
				}
				for _, v := range list {
					id, ok := v.(string)
					if !ok {
						return decodeError("claim ends: an id is %T, not a string", v)
					}
					ids = append(ids, id)
				}
				return nil
			})
			if err != nil {
				return err
			}
			sets = append(sets, ids)
		}
		if len(sets) == 1 {
			page.IDs = sets[0]
			return nil
		}
		// Every list is sorted by id: keep the ids in all of them.
		all := sets[0]
		for _, set := range sets[1:] {
			all = slices.DeleteFunc(all, func(id string) bool {
				_, found := slices.BinarySearch(set, id)
				return !found
			})
		}
		page.Total = len(all)
		start, _ := slices.BinarySearch(all, q.After)
		if start < len(all) && all[start] == q.After {
			start++
		}
		page.IDs = all[start:min(len(all), start+q.First+1)]
		return nil
	})
	if err != nil {
		return graph.IDPage{}, err
	}
	if len(page.IDs) > q.First {
		page.IDs, page.HasMore = page.IDs[:q.First], true
	}
	return page, nil
}
