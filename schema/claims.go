package schema

import (
	"context"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/actorgraph/actorgraph/graph"
)

// maxGroups caps claimCounts' first: groups are small rows (two counts and
// up to nine keys), so a page of them may be larger than a page of claims.
const maxGroups = 1000

// whereOf turns the GraphQL ClaimWhere into the domain's; the stores check
// it (graph.ClaimWhere.Resolve), so an unknown id is NOT_FOUND and a bad
// value BAD_INPUT through the error presenter, the same for every store.
func whereOf(w *ClaimWhere) graph.ClaimWhere {
	var out graph.ClaimWhere
	if w == nil {
		return out
	}
	for _, t := range w.Types {
		out.Types = append(out.Types, graph.RelType(t))
	}
	out.From, out.To, out.Touches = w.From, w.To, w.Touches
	out.FromKinds, out.ToKinds = kindsOf(w.FromKinds), kindsOf(w.ToKinds)
	out.IncludeParts = w.IncludeParts != nil && *w.IncludeParts
	out.Methods = w.Method
	for _, m := range w.Modality {
		out.Modalities = append(out.Modalities, graph.Modality(m))
	}
	if w.MinConfidence != nil {
		out.MinConfidence = *w.MinConfidence
	}
	if w.MaxConfidence != nil {
		out.MaxConfidence, out.HasMaxConfidence = *w.MaxConfidence, true
	}
	if w.Since != nil {
		out.Since = *w.Since
	}
	if w.Until != nil {
		out.Until = *w.Until
	}
	out.Documents, out.Publishers = w.Documents, w.Publishers
	if w.Text != nil {
		out.Text = *w.Text
	}
	return out
}

// whereIn is whereOf with the review states to read: the filter's own
// (where.review) when given, else the request's (the @review directive;
// the visible ones by default). An explicit filter wins over the directive
// because it names what the question is about, as types or dates do.
func whereIn(ctx context.Context, w *ClaimWhere) (graph.ClaimWhere, error) {
	out := whereOf(w)
	out.Statuses = statusesOf(ctx)
	if w != nil && w.Review != nil {
		if len(w.Review) == 0 {
			return out, badInput(ctx, "where.review needs at least one status (leave it out for the visible ones)")
		}
		out.Statuses = make([]graph.ReviewStatus, len(w.Review))
		for i, s := range w.Review {
			out.Statuses[i] = graph.ReviewStatus(s)
		}
	}
	return out, nil
}

// orderOf turns the GraphQL ClaimOrder into the domain's.
func orderOf(o *ClaimOrder) graph.ClaimOrder {
	if o == nil {
		return graph.ClaimOrder{}
	}
	f := map[ClaimOrderField]graph.ClaimOrderField{
		ClaimOrderFieldID: graph.OrderByID, ClaimOrderFieldDate: graph.OrderByDate,
		ClaimOrderFieldConfidence: graph.OrderByConfidence, ClaimOrderFieldType: graph.OrderByType,
		ClaimOrderFieldFirstSeen: graph.OrderByFirstSeen,
	}[o.Field]
	return graph.ClaimOrder{Field: f, Descending: o.Direction != nil && *o.Direction == OrderDirectionDesc}
}

// claimConnection is a page of claims as a RelationConnection; cursor makes
// each edge's cursor.
func claimConnection(ctx context.Context, page graph.RelationshipPage, cursor func(graph.Relationship) string) *RelationConnection {
	conn := &RelationConnection{PageInfo: &PageInfo{HasNextPage: page.HasMore}, TotalCount: page.Total,
		Edges: []RelationEdge{}, Nodes: wrapRels(ctx, page.Relationships, nil)}
	for i := range conn.Nodes {
		conn.Edges = append(conn.Edges, RelationEdge{Cursor: cursor(conn.Nodes[i].Relationship), Node: &conn.Nodes[i]})
	}
	if page.EndCursor != "" {
		conn.PageInfo.EndCursor = &page.EndCursor
	}
	return conn
}

// documentsSelected reports whether the current claimCounts field selects
// its groups' documents; when not, the store need not read the evidence.
func documentsSelected(ctx context.Context) bool {
	fc, oc := graphql.GetFieldContext(ctx), graphql.GetOperationContext(ctx)
	if fc == nil || oc == nil {
		return true
	}
	for _, f := range graphql.CollectFields(oc, fc.Field.Selections, []string{"ClaimCounts"}) {
		if f.Name != "groups" {
			continue
		}
		for _, g := range graphql.CollectFields(oc, f.Selections, []string{"ClaimCount"}) {
			if g.Name == "documents" {
				return true
			}
		}
	}
	return false
}

// claimCountsOf wraps the store's groups.
func claimCountsOf(c graph.ClaimCounts) *ClaimCounts {
	out := &ClaimCounts{Groups: make([]ClaimCount, len(c.Groups)), TotalGroups: c.Total, Truncated: c.Truncated}
	for i, g := range c.Groups {
		cc := ClaimCount{Count: g.Claims, Documents: g.Documents, keys: g.Keys}
		if v, ok := g.Keys[graph.GroupType]; ok {
			t := RelType(v)
			cc.Type = &t
		}
		if v, ok := g.Keys[graph.GroupModality]; ok {
			m := Modality(v)
			cc.Modality = &m
		}
		// A key the claims lack (no date, no month) is null, not "".
		cc.Year, cc.Month = optional(g.Keys[graph.GroupYear]), optional(g.Keys[graph.GroupMonth])
		cc.Publisher, cc.Method = optional(g.Keys[graph.GroupPublisher]), optional(g.Keys[graph.GroupMethod])
		if v, ok := g.Keys[graph.GroupReview]; ok {
			st := ReviewStatus(v)
			cc.Review = &st
		}
		out.Groups[i] = cc
	}
	return out
}

// documentsOf is Relation.documents: the articles of a claim's evidence,
// each once, earliest published first (then by title).
func documentsOf(ctx context.Context, claimID string) ([]Document, error) {
	ev, err := loadersFrom(ctx).evidence.Load(ctx, claimID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range ev {
		if !slices.Contains(ids, e.DocumentID) {
			ids = append(ids, e.DocumentID)
		}
	}
	docs, err := loadersFrom(ctx).docs.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Document, 0, len(docs))
	for _, d := range docs {
		if d != nil {
			out = append(out, wrapDoc(*d))
		}
	}
	slices.SortFunc(out, func(a, b Document) int {
		if c := strings.Compare(a.Document.Published, b.Document.Published); c != 0 {
			return c
		}
		return strings.Compare(a.Title, b.Title)
	})
	return out, nil
}

// actsFor is Node.actsFor of every node type.
func (r *Resolver) actsFor(ctx context.Context, id string) ([]Node, error) {
	ns, err := graph.ActsFor(ctx, r.Store, id)
	if err != nil {
		return nil, err
	}
	return wrapNodes(ns), nil
}
