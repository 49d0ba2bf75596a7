package schema

import (
	"context"
	"errors"
	"sync"

	"github.com/vikstrous/dataloadgen"

	"github.com/actorgraph/actorgraph/graph"
)

// ends resolves the from and to fields of the claims one resolver returns.
//
// Relation.from and Relation.to are plain methods of the model, not
// resolvers, so gqlgen calls them inline instead of on a goroutine per
// field. A neighbourhood or a path already holds the nodes its claims join,
// so their ends cost nothing. Any other list of claims loads the ends it
// lacks in one node-loader call, the first time a from or to of the list is
// marshalled: a list costs one batch however long it is (sibling lists of a
// level still meet in the loader's window), and a query that selects
// neither field costs no store call.
type ends struct {
	ctx   context.Context // the request's, for the lazy load
	known map[string]Node // read-only after construction

	once    sync.Once
	missing []string // ends not in known, in first-seen order
	loaded  map[string]Node
	err     error
}

// newEnds prepares the ends of rels, knowing the nodes in known (which it
// keeps; the caller must not change it).
func newEnds(ctx context.Context, rels []graph.Relationship, known map[string]Node) *ends {
	e := &ends{ctx: ctx, known: known}
	seen := map[string]bool{}
	for _, r := range rels {
		for _, id := range [2]string{r.From, r.To} {
			if _, ok := known[id]; !ok && !seen[id] {
				seen[id] = true
				e.missing = append(e.missing, id)
			}
		}
	}
	return e
}

// node returns the end with this id; a claim whose end is gone is a store
// inconsistency, reported as internal.
func (e *ends) node(id string) (Node, error) {
	if n, ok := e.known[id]; ok {
		return n, nil
	}
	e.once.Do(e.load)
	if e.err != nil {
		return nil, e.err
	}
	if n := e.loaded[id]; n != nil {
		return n, nil
	}
	return nil, graph.Internal("a claim points to the missing node "+id, nil)
}

func (e *ends) load() {
	ns, err := loadersFrom(e.ctx).nodes.LoadAll(e.ctx, e.missing)
	if es, ok := err.(dataloadgen.ErrorSlice); ok {
		// One failed batch fails every key alike; report the store's own
		// error, which the presenter knows how to show.
		err = errors.Join(es...)
		for _, x := range es {
			if x != nil {
				err = x
				break
			}
		}
	}
	if err != nil {
		e.err = err
		return
	}
	e.loaded = make(map[string]Node, len(ns))
	for _, n := range ns {
		if n != nil {
			e.loaded[n.ID] = wrap(*n)
		}
	}
}

// knownNodes indexes nodes a resolver already holds by id, and primes the
// request's node loader with them, so that node fields deeper in the query
// (a typed field's ends, a role's organization) need not read them again.
func knownNodes(ctx context.Context, ns []graph.Node, wrapped []Node) map[string]Node {
	l := loadersFrom(ctx).nodes
	m := make(map[string]Node, len(ns))
	for i := range ns {
		m[ns[i].ID] = wrapped[i]
		l.Prime(ns[i].ID, &ns[i])
	}
	return m
}
