package schema

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/graph"
)

// Limits of the API, visible in the schema's documentation.
const (
	defaultFirst   = 20
	maxFirst       = 100
	maxIDs         = 100
	maxDepth       = 3
	maxHopsLimit   = 6
	maxPaths       = 10
	defaultPerNode = 25
)

// Error codes in extensions.code.
const (
	codeBadInput      = "BAD_INPUT"
	codeNotFound      = "NOT_FOUND"
	codeLimitExceeded = "LIMIT_EXCEEDED"
	codeInternal      = "INTERNAL"
)

func coded(ctx context.Context, code, msg string) error {
	return &gqlerror.Error{Message: msg, Path: graphql.GetPath(ctx), Extensions: map[string]any{"code": code}}
}

func limitExceeded(ctx context.Context, format string, args ...any) error {
	return coded(ctx, codeLimitExceeded, sprintf(format, args...))
}

func badInput(ctx context.Context, format string, args ...any) error {
	return coded(ctx, codeBadInput, sprintf(format, args...))
}

// count checks a size argument: absent gives def, above max is
// LIMIT_EXCEEDED, below 1 is BAD_INPUT.
func count(ctx context.Context, name string, v *int, def, max int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < 1 {
		return 0, badInput(ctx, "%s must be at least 1", name)
	}
	if *v > max {
		return 0, limitExceeded(ctx, "%s may be at most %d, got %d", name, max, *v)
	}
	return *v, nil
}

func filterOf(ctx context.Context, types []RelType, since, until *string, minConfidence *float64) (graph.Filter, error) {
	f := graph.Filter{}
	for _, t := range types {
		f.Types = append(f.Types, graph.RelType(t))
	}
	if since != nil {
		f.Since = *since
	}
	if until != nil {
		f.Until = *until
	}
	if minConfidence != nil {
		f.MinConfidence = *minConfidence
	}
	f.Statuses = statusesOf(ctx)
	if err := f.Validate(); err != nil {
		return f, badInput(ctx, "%s", err.(*graph.Error).Msg)
	}
	return f, nil
}

func kindsOf(ks []NodeKind) []graph.NodeKind {
	out := make([]graph.NodeKind, len(ks))
	for i, k := range ks {
		out[i] = graph.NodeKind(k)
	}
	return out
}

func direction(d *Direction) graph.Direction {
	if d == nil {
		return graph.Both
	}
	switch *d {
	case DirectionOut:
		return graph.Outgoing
	case DirectionIn:
		return graph.Incoming
	}
	return graph.Both
}

// node loads one node; nil without error when it does not exist.
func node(ctx context.Context, id string) (Node, error) {
	n, err := loadersFrom(ctx).nodes.Load(ctx, id)
	if err != nil || n == nil {
		return nil, err
	}
	return wrap(*n), nil
}

// nodesIn loads nodes in order, skipping ids that do not exist.
func nodesIn(ctx context.Context, ids []string) ([]Node, error) {
	ns, err := loadersFrom(ctx).nodes.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Node, 0, len(ns))
	for _, n := range ns {
		if n != nil {
			out = append(out, wrap(*n))
		}
	}
	return out, nil
}

// adjacent loads the claims of one type in one direction of a node.
func adjacent(ctx context.Context, id string, dir graph.Direction, t graph.RelType) ([]graph.Relationship, error) {
	return loadersFrom(ctx).adj.Load(ctx, adjKey{id, dir, t})
}

// neighbors loads the nodes at the other end of a node's claims of one type.
func neighbors(ctx context.Context, id string, dir graph.Direction, t graph.RelType) ([]Node, error) {
	rels, err := adjacent(ctx, id, dir, t)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rels))
	for _, r := range rels {
		if dir == graph.Outgoing {
			ids = append(ids, r.To)
		} else {
			ids = append(ids, r.From)
		}
	}
	return nodesIn(ctx, ids)
}

// wrapRels wraps claims whose ends are loaded together when asked for;
// known holds the nodes the caller already has (nil: none).
func wrapRels(ctx context.Context, rs []graph.Relationship, known map[string]Node) []Relation {
	e := newEnds(ctx, rs, known)
	out := make([]Relation, len(rs))
	for i, r := range rs {
		out[i] = Relation{Relationship: r, Type: RelType(r.Type), Modality: modalityOf(r), ends: e}
		// The nullable dates point into the element itself: no allocation
		// per claim, where wrapRel's optional makes two.
		if r.Date != "" {
			out[i].Date = &out[i].Relationship.Date
		}
		if r.Published != "" {
			out[i].Published = &out[i].Relationship.Published
		}
	}
	return out
}

func wrapNodes(ns []graph.Node) []Node {
	out := make([]Node, len(ns))
	for i, n := range ns {
		out[i] = wrap(n)
	}
	return out
}

// evidenceOf loads the evidence of a claim or node.
func evidenceOf(ctx context.Context, subject string) ([]Evidence, error) {
	ev, err := loadersFrom(ctx).evidence.Load(ctx, subject)
	if err != nil {
		return nil, err
	}
	out := make([]Evidence, len(ev))
	for i, e := range ev {
		out[i] = Evidence{e}
	}
	return out, nil
}

// relationsOf is the Node.relations field of every node type.
func (r *Resolver) relationsOf(ctx context.Context, id string, dir *Direction, types []RelType, since, until *string, minConfidence *float64, first *int, after *string) (*RelationConnection, error) {
	n, err := count(ctx, "first", first, defaultFirst, maxFirst)
	if err != nil {
		return nil, err
	}
	f, err := filterOf(ctx, types, since, until, minConfidence)
	if err != nil {
		return nil, err
	}
	key := pageKey{node: id, dir: direction(dir), filter: filterKey(f), first: n}
	list := relationsList(id, key.dir)
	if key.after, err = afterFor(list, after); err != nil {
		return nil, err
	}
	page, err := loadersFrom(ctx).pages.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	rels := wrapRels(ctx, page.Relationships, nil)
	conn := &RelationConnection{PageInfo: &PageInfo{HasNextPage: page.HasMore}, TotalCount: page.Total, Nodes: rels}
	for i := range rels {
		conn.Edges = append(conn.Edges, RelationEdge{Cursor: listCursor(list, rels[i].ID), Node: &rels[i]})
	}
	conn.PageInfo.EndCursor = endCursor(list, page.EndCursor)
	if conn.Edges == nil {
		conn.Edges = []RelationEdge{}
	}
	return conn, nil
}

// only keeps the nodes of one GraphQL type.
func only[T Node](ns []Node) []T {
	out := make([]T, 0, len(ns))
	for _, n := range ns {
		if t, ok := n.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// otherEnds returns the ends of claims away from the node they were read
// from.
func otherEnds(rels []graph.Relationship, dir graph.Direction) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		if dir == graph.Outgoing {
			out[i] = r.To
		} else {
			out[i] = r.From
		}
	}
	return out
}
