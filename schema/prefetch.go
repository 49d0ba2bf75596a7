package schema

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/graph"
)

// A dataloader gathers the keys of one level of a query for its window
// (2 ms by default) before it calls the store, and a level only starts once
// the one above has its answer: the attributions question (attributions,
// then their typed fields and evidence, then the nodes and documents those
// point to) waited four windows for six store calls, five times what the
// store calls themselves take. A root list resolver knows, from the query,
// what will be asked of the items it returns; it reads that itself, one
// store call per kind of read exactly as the loaders would, and primes the
// loaders with it, so the resolvers below find their keys cached and wait
// for nothing. Reads that fail are left to the resolvers, which report the
// error at their own path.

// attributionFields are the typed fields of Attribution, as the resolvers
// in schema.resolvers.go ask the adjacency loader for them.
var attributionFields = map[string]struct {
	dir graph.Direction
	typ graph.RelType
}{
	"by":       {graph.Incoming, graph.RelAttributed},
	"blames":   {graph.Outgoing, graph.RelBlames},
	"concerns": {graph.Outgoing, graph.RelConcerns},
	"backedBy": {graph.Incoming, graph.RelBacked},
}

// connectionItems returns what a query selects on the items of the current
// field, a connection: its nodes, and its edges' node.
func connectionItems(oc *graphql.OperationContext, sel ast.SelectionSet, connection, edge string) ast.SelectionSet {
	var out ast.SelectionSet
	for _, f := range graphql.CollectFields(oc, sel, []string{connection}) {
		switch f.Name {
		case "nodes":
			out = append(out, f.Selections...)
		case "edges":
			for _, ef := range graphql.CollectFields(oc, f.Selections, []string{edge}) {
				if ef.Name == "node" {
					out = append(out, ef.Selections...)
				}
			}
		}
	}
	return out
}

// prefetchAttributions primes the loaders for the fields the query selects
// on the attributions in attrs (the items of the current field, an
// AttributionConnection).
func prefetchAttributions(ctx context.Context, s graph.Store, attrs []Attribution) {
	fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx)
	if fc == nil || oc == nil || len(attrs) == 0 {
		return
	}
	var keys []adjKey
	evidence, documents := false, false
	items := connectionItems(oc, fc.Field.Selections, "AttributionConnection", "AttributionEdge")
	for _, f := range graphql.CollectFields(oc, items, []string{"Attribution", "Node"}) {
		if t, ok := attributionFields[f.Name]; ok {
			for _, a := range attrs {
				keys = append(keys, adjKey{a.ID, t.dir, t.typ})
			}
		}
		if f.Name == "evidence" {
			evidence = true
			for _, ef := range graphql.CollectFields(oc, f.Selections, []string{"Evidence"}) {
				documents = documents || ef.Name == "document"
			}
		}
	}
	l := loadersFrom(ctx)
	var wg sync.WaitGroup
	if len(keys) > 0 {
		wg.Go(func() {
			rels, errs := fetchAdjacent(ctx, s, keys, statusesOf(ctx))
			if len(errs) > 0 && errs[0] != nil {
				return
			}
			var ends []string
			for i, k := range keys {
				l.adj.Prime(k, rels[i])
				ends = append(ends, otherEnds(rels[i], k.dir)...)
			}
			primeNodes(ctx, s, l, ends)
		})
	}
	if evidence {
		wg.Go(func() {
			ids := make([]string, len(attrs))
			for i, a := range attrs {
				ids[i] = a.ID
			}
			ev, err := s.Evidence(ctx, ids)
			if err != nil {
				return
			}
			var docIDs []string
			for _, id := range ids {
				l.evidence.Prime(id, ev[id])
				for _, e := range ev[id] {
					docIDs = append(docIDs, e.DocumentID)
				}
			}
			if !documents || len(docIDs) == 0 {
				return
			}
			docs, err := s.Documents(ctx, docIDs)
			if err != nil {
				return
			}
			for i := range docs {
				l.docs.Prime(docs[i].ID, &docs[i])
			}
		})
	}
	wg.Wait()
}

// primeNodes reads the nodes with these ids (in one store call) into the
// node loader. Ids it does not find are left out, so that a resolver
// asking for one still learns, through the loader, that it is missing.
func primeNodes(ctx context.Context, s graph.Store, l *loaders, ids []string) {
	if len(ids) == 0 {
		return
	}
	ns, err := s.Nodes(ctx, ids)
	if err != nil {
		return
	}
	for i := range ns {
		l.nodes.Prime(ns[i].ID, &ns[i])
	}
}

// rootNodes reads the nodes with these ids straight from the store, in
// order and skipping unknown ids as nodesIn does, and primes the node
// loader with them. It is for root fields: nothing at the root can share
// a loader's batch with them but sibling root fields, so a window there is
// only waiting.
func rootNodes(ctx context.Context, s graph.Store, ids []string) ([]Node, error) {
	if len(ids) == 0 {
		return []Node{}, nil
	}
	ns, err := s.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*graph.Node, len(ns))
	l := loadersFrom(ctx)
	for i := range ns {
		byID[ns[i].ID] = &ns[i]
		l.nodes.Prime(ns[i].ID, &ns[i])
	}
	out := make([]Node, 0, len(ids))
	for _, id := range ids {
		if n := byID[id]; n != nil {
			out = append(out, wrap(*n))
		}
	}
	return out, nil
}
