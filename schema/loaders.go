package schema

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/actorgraph/actorgraph/graph"
)

// loaderWait is how long a loader collects keys before one batched store
// call. Resolvers of one level of a query run concurrently and ask within
// microseconds of each other, so a short wait gathers a whole level.
const loaderWait = 2 * time.Millisecond

// adjMax bounds the claims one typed field (Attribution.by, Event.attendees,
// ...) reads per node: such fields are lists of a few to a few hundred.
const adjMax = 1000

// adjKey asks for the claims of one type in one direction of one node.
type adjKey struct {
	node string
	dir  graph.Direction
	typ  graph.RelType
}

// loaders batch the store reads of one request.
type loaders struct {
	nodes    *dataloadgen.Loader[string, *graph.Node]
	rels     *dataloadgen.Loader[string, *graph.Relationship]
	evidence *dataloadgen.Loader[string, []graph.Evidence]
	docs     *dataloadgen.Loader[string, *graph.Document]
	adj      *dataloadgen.Loader[adjKey, []graph.Relationship]
}

func newLoaders(s graph.Store) *loaders {
	opt := dataloadgen.WithWait(loaderWait)
	return &loaders{
		nodes: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*graph.Node, []error) {
			ns, err := s.Nodes(ctx, ids)
			return byKey(ids, ns, func(n graph.Node) string { return n.ID }, err)
		}, opt),
		rels: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*graph.Relationship, []error) {
			rs, err := s.RelationshipsByID(ctx, ids)
			return byKey(ids, rs, func(r graph.Relationship) string { return r.ID }, err)
		}, opt),
		docs: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*graph.Document, []error) {
			ds, err := s.Documents(ctx, ids)
			return byKey(ids, ds, func(d graph.Document) string { return d.ID }, err)
		}, opt),
		evidence: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]graph.Evidence, []error) {
			ev, err := s.Evidence(ctx, ids)
			out := make([][]graph.Evidence, len(ids))
			if err != nil {
				return out, fill(len(ids), err)
			}
			for i, id := range ids {
				out[i] = ev[id]
			}
			return out, nil
		}, opt),
		adj: dataloadgen.NewLoader(func(ctx context.Context, keys []adjKey) ([][]graph.Relationship, []error) {
			return fetchAdjacent(ctx, s, keys)
		}, opt),
	}
}

// fetchAdjacent answers many (node, direction, type) keys with one store
// call per distinct (direction, type).
func fetchAdjacent(ctx context.Context, s graph.Store, keys []adjKey) ([][]graph.Relationship, []error) {
	type group struct {
		dir graph.Direction
		typ graph.RelType
	}
	groups := map[group][]string{}
	for _, k := range keys {
		g := group{k.dir, k.typ}
		groups[g] = append(groups[g], k.node)
	}
	found := map[adjKey][]graph.Relationship{}
	for g, ids := range groups {
		page, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: ids, Direction: g.dir,
			Filter: graph.Filter{Types: []graph.RelType{g.typ}}, First: adjMax})
		if err != nil {
			return make([][]graph.Relationship, len(keys)), fill(len(keys), err)
		}
		for _, r := range page.Relationships {
			if g.dir != graph.Incoming {
				k := adjKey{r.From, g.dir, g.typ}
				found[k] = append(found[k], r)
			}
			if g.dir != graph.Outgoing {
				k := adjKey{r.To, g.dir, g.typ}
				found[k] = append(found[k], r)
			}
		}
	}
	out := make([][]graph.Relationship, len(keys))
	for i, k := range keys {
		out[i] = found[k]
	}
	return out, nil
}

// byKey orders fetched values by the keys asked for; missing ones are nil.
func byKey[T any](keys []string, vals []T, id func(T) string, err error) ([]*T, []error) {
	out := make([]*T, len(keys))
	if err != nil {
		return out, fill(len(keys), err)
	}
	idx := make(map[string]*T, len(vals))
	for i := range vals {
		idx[id(vals[i])] = &vals[i]
	}
	for i, k := range keys {
		out[i] = idx[k]
	}
	return out, nil
}

func fill(n int, err error) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

type loadersKey struct{}

// withLoaders gives a request its own loaders: caches must not outlive a
// request, or one user's view would leak stale data into another's.
func withLoaders(ctx context.Context, s graph.Store) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(s))
}

func loadersFrom(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	panic("schema: request without loaders (use Handler)")
}
