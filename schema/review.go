package schema

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/graph"
)

// Error codes of review, in extensions.code.
const (
	codeConflict  = "CONFLICT"
	codeForbidden = "FORBIDDEN"
)

// ReviewState is the GraphQL field Relation.review.
func (r Relation) ReviewState() *Review {
	rv := r.Relationship.Review
	st := rv.Status
	if st == "" {
		st = graph.Unreviewed
	}
	return &Review{Status: ReviewStatus(st), By: optional(rv.By), At: optional(rv.At), Note: optional(rv.Note)}
}

// curator is the store's review side; a store without it cannot record
// reviews, and mutations say so.
func (r *Resolver) curator(ctx context.Context) (graph.Curator, error) {
	c, ok := r.Store.(graph.Curator)
	if !ok {
		return nil, coded(ctx, codeBadInput, "this store cannot record reviews")
	}
	return c, nil
}

// reviewDirective is @review(include: [...]) on a query: the statuses its
// claims may have, for every read of the request (filterOf and the typed
// fields' loaders read them from the request's loaders).
func reviewDirective(ctx context.Context, _ any, next graphql.Resolver, include []ReviewStatus) (any, error) {
	st := make([]graph.ReviewStatus, 0, len(include))
	for _, s := range include {
		st = append(st, graph.ReviewStatus(s))
	}
	if len(st) == 0 {
		return nil, badInput(ctx, "@review(include:) needs at least one status")
	}
	loadersFrom(ctx).statuses = st
	return next(ctx)
}

// statusesOf are the statuses the request's reads include (nil: the
// visible ones).
func statusesOf(ctx context.Context) []graph.ReviewStatus {
	return loadersFrom(ctx).statuses
}

// propsOf turns property inputs into a map, refusing repeated keys.
func propsOf(ctx context.Context, ps []PropertyInput) (map[string]string, error) {
	if ps == nil {
		return nil, nil
	}
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		if _, dup := out[p.Key]; dup {
			return nil, badInput(ctx, "property %q is given twice", p.Key)
		}
		out[p.Key] = p.Value
	}
	return out, nil
}

func spanOf(s SpanInput) graph.TextSpan {
	return graph.TextSpan{Document: s.Document, Start: s.Start, End: s.End}
}

func wrapNote(n graph.Note) Note {
	return Note{ID: n.ID, Subject: n.Subject, Text: n.Text, By: n.By, At: n.At}
}

// notesOf reads the notes of one subject.
func (r *Resolver) notesOf(ctx context.Context, subject string) ([]Note, error) {
	if loadersFrom(ctx).notes() == nil {
		return []Note{}, nil
	}
	ns, err := loadersFrom(ctx).notes().Load(ctx, subject)
	if err != nil {
		return nil, err
	}
	out := make([]Note, len(ns))
	for i, n := range ns {
		out[i] = wrapNote(n)
	}
	return out, nil
}

// historyOf pages through changes.
func (r *Resolver) historyOf(ctx context.Context, q graph.HistoryQuery, first *int, after *string) (*ChangeConnection, error) {
	conn := &ChangeConnection{Edges: []ChangeEdge{}, PageInfo: &PageInfo{}}
	n, err := count(ctx, "first", first, defaultFirst, maxFirst)
	if err != nil {
		return nil, err
	}
	c, ok := r.Store.(graph.Curator)
	if !ok {
		return conn, nil
	}
	q.First = n
	if after != nil {
		q.After = *after
	}
	page, err := c.History(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, ch := range page.Changes {
		conn.Edges = append(conn.Edges, ChangeEdge{Cursor: graph.EncodeCursor(ch.ID()), Node: &Change{ID: ch.ID(), At: ch.At, By: ch.By,
			Action: ch.Action, Subject: ch.Subject, Before: optional(ch.Before), After: optional(ch.After)}})
	}
	conn.PageInfo.HasNextPage = page.HasMore
	if page.EndCursor != "" {
		conn.PageInfo.EndCursor = &page.EndCursor
	}
	return conn, nil
}

// nodeOrMerged is node(id:): a merged id answers with the node it was
// merged into.
func (r *Resolver) nodeOrMerged(ctx context.Context, id string) (Node, error) {
	n, err := node(ctx, id)
	if n != nil || err != nil {
		return n, err
	}
	c, ok := r.Store.(graph.Curator)
	if !ok {
		return nil, nil
	}
	to, err := c.Redirects(ctx, []string{id})
	if err != nil || to[id] == "" {
		return nil, err
	}
	return node(ctx, to[id])
}

// relationOrMerged is relation(id:): a claim id that a merge changed
// answers with the claim it became.
func (r *Resolver) relationOrMerged(ctx context.Context, id string) (*Relation, error) {
	rel, err := loadersFrom(ctx).rels.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	if rel == nil {
		c, ok := r.Store.(graph.Curator)
		if !ok {
			return nil, nil
		}
		to, err := c.Redirects(ctx, []string{id})
		if err != nil || to[id] == "" {
			return nil, err
		}
		if rel, err = loadersFrom(ctx).rels.Load(ctx, to[id]); err != nil || rel == nil {
			return nil, err
		}
	}
	w := wrapRel(*rel, newEnds(ctx, []graph.Relationship{*rel}, nil))
	return &w, nil
}

func (r *Resolver) relation(ctx context.Context, rel graph.Relationship) *Relation {
	w := wrapRel(rel, newEnds(ctx, []graph.Relationship{rel}, nil))
	return &w
}

// viewerOf is Query.viewer.
func viewerOf(ctx context.Context) *Viewer {
	v, ok := graph.ViewerFrom(ctx)
	if !ok {
		return &Viewer{Role: string(graph.RoleReader), Reason: optional("this request names nobody")}
	}
	out := &Viewer{Name: optional(v.Name), Role: string(v.Role), CanEdit: v.Role.CanEdit() && v.Why == ""}
	if !out.CanEdit {
		why := v.Why
		if why == "" {
			why = fmt.Sprintf("%s is a %s; only editors and admins change the graph", v.Name, v.Role)
		}
		out.Reason = &why
	}
	return out
}

// reviewErrorCode is the API code of a review error: CONFLICT with the
// current version, FORBIDDEN.
func reviewErrorCode(err error, de *graph.Error, gerr *gqlerror.Error) bool {
	switch de.Code {
	case graph.CodeConflict:
		setCode(gerr, codeConflict)
		var sv *graph.StaleVersion
		if errors.As(err, &sv) {
			gerr.Extensions["currentVersion"] = sv.Current
		}
		return true
	case graph.CodeForbidden:
		setCode(gerr, codeForbidden)
		return true
	}
	return false
}

// validTime reports whether s is an RFC 3339 time.
func validTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// visibleEvidence drops the evidence of claims hidden by review (rejected,
// corrected), unless the operation's @review asks for them: the article
// view marks only what the graph shows.
func visibleEvidence(ctx context.Context, ev []graph.Evidence) ([]graph.Evidence, error) {
	var claims []string
	for _, e := range ev {
		if strings.HasPrefix(e.Subject, "claim:") && !slices.Contains(claims, e.Subject) {
			claims = append(claims, e.Subject)
		}
	}
	if len(claims) == 0 {
		return ev, nil
	}
	rels, err := loadersFrom(ctx).rels.LoadAll(ctx, claims)
	if err != nil {
		return nil, err
	}
	f := graph.Filter{Statuses: statusesOf(ctx)}
	hidden := map[string]bool{}
	for _, r := range rels {
		if r != nil && !f.StatusPasses(r.Review.Status) {
			hidden[r.ID] = true
		}
	}
	if len(hidden) == 0 {
		return ev, nil
	}
	out := make([]graph.Evidence, 0, len(ev))
	for _, e := range ev {
		if !hidden[e.Subject] {
			out = append(out, e)
		}
	}
	return out, nil
}

// setReviewComplexity weighs review's paged lists by their first, as
// setComplexity does the others.
func setReviewComplexity(c *ComplexityRoot) {
	paged := func(child int, first *int, _ *string) int {
		n := defaultFirst
		if first != nil && *first > 0 {
			n = *first
		}
		return 1 + child*n
	}
	c.Query.ReviewQueue = paged
	c.Query.History = func(child int, _, _, _ *string, first *int, after *string) int { return paged(child, first, after) }
	c.Relation.History = paged
	c.Country.History, c.Person.History, c.Organization.History, c.CyberOperation.History = paged, paged, paged, paged
	c.Event.History, c.Doctrine.History, c.Statement.History, c.Attribution.History = paged, paged, paged, paged
}
