package schema

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/actorgraph/actorgraph/graph"
)

// defaultLoaderWait is how long a loader collects keys before one batched
// store call. Resolvers of one level of a query run concurrently and ask
// within microseconds of each other, so a short wait gathers a whole level.
const defaultLoaderWait = 2 * time.Millisecond

// batchClaimsMax bounds the claims one batched read gathers for a level of
// a query. Typed fields (Attribution.by, Event.attendees, ...) are lists of a
// few to a few hundred; a level that would read more falls back to one paged
// store call per node, so a hub cannot make a request read the whole graph.
const batchClaimsMax = 5000

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
	pages    *dataloadgen.Loader[pageKey, graph.RelationshipPage]
	// notesOf is nil when the store keeps no notes (not a graph.Curator).
	notesOf *dataloadgen.Loader[string, []graph.Note]
	// statuses are the review statuses this request's claims may have (nil:
	// the visible ones); the operation's @review directive sets them before
	// any field resolves (schema/review.go).
	statuses []graph.ReviewStatus
}

func newLoaders(s graph.Store, wait time.Duration) *loaders {
	opt := dataloadgen.WithWait(wait)
	l := &loaders{}
	*l = loaders{
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
			return fetchAdjacent(ctx, s, keys, l.statuses)
		}, opt),
		pages: dataloadgen.NewLoader(func(ctx context.Context, keys []pageKey) ([]graph.RelationshipPage, []error) {
			return fetchPages(ctx, s, keys)
		}, opt),
	}
	if c, ok := s.(graph.Curator); ok {
		l.notesOf = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]graph.Note, []error) {
			ns, err := c.Notes(ctx, ids)
			out := make([][]graph.Note, len(ids))
			if err != nil {
				return out, fill(len(ids), err)
			}
			for i, id := range ids {
				out[i] = ns[id]
			}
			return out, nil
		}, opt)
	}
	return l
}

// notes is the notes loader.
func (l *loaders) notes() *dataloadgen.Loader[string, []graph.Note] { return l.notesOf }

// pageKey asks for one page of one node's claims (the Node.relations
// field). Keys that differ only by node are answered together.
type pageKey struct {
	node   string
	dir    graph.Direction
	filter string // filterKey of the filter
	first  int
	after  string
}

// pageGroup is what keys answered together share.
type pageGroup struct {
	dir    graph.Direction
	filter string
	first  int
	after  string
}

// filterKey encodes a filter as a comparable key (JSON of a struct has a
// fixed field order); parseFilterKey decodes it.
func filterKey(f graph.Filter) string {
	b, _ := json.Marshal(f)
	return string(b)
}

func parseFilterKey(k string) graph.Filter {
	var f graph.Filter
	_ = json.Unmarshal([]byte(k), &f) // made by filterKey
	return f
}

// fetchPages answers a level's relations fields: one store read for all
// nodes that ask with the same arguments, cut into per-node pages here; a
// single node, or a level with more claims than batchClaimsMax, is paged by
// the store itself.
func fetchPages(ctx context.Context, s graph.Store, keys []pageKey) ([]graph.RelationshipPage, []error) {
	out := make([]graph.RelationshipPage, len(keys))
	errs := make([]error, len(keys))
	groups := map[pageGroup][]int{}
	for i, k := range keys {
		g := pageGroup{k.dir, k.filter, k.first, k.after}
		groups[g] = append(groups[g], i)
	}
	for g, idx := range groups {
		filter := parseFilterKey(g.filter)
		ids := make([]string, len(idx))
		for j, i := range idx {
			ids[j] = keys[i].node
		}
		var all []graph.Relationship
		complete := false
		if len(ids) > 1 {
			var err error
			all, complete, err = claimsOf(ctx, s, ids, g.dir, filter, batchClaimsMax)
			if err != nil {
				for _, i := range idx {
					errs[i] = err
				}
				continue
			}
		}
		for _, i := range idx {
			if !complete {
				out[i], errs[i] = s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: []string{keys[i].node},
					Direction: g.dir, Filter: filter, First: g.first, After: g.after})
				continue
			}
			out[i] = pageOf(all, keys[i].node, g)
		}
	}
	return out, errs
}

// pageOf cuts one node's page out of a complete, id-ordered set of claims.
func pageOf(all []graph.Relationship, node string, g pageGroup) graph.RelationshipPage {
	after, _ := graph.DecodeCursor(g.after)
	var page graph.RelationshipPage
	for _, r := range all {
		touches := (g.dir != graph.Incoming && r.From == node) || (g.dir != graph.Outgoing && r.To == node)
		if !touches {
			continue
		}
		page.Total++
		if r.ID <= after {
			continue
		}
		if len(page.Relationships) == g.first {
			page.HasMore = true
			continue
		}
		page.Relationships = append(page.Relationships, r)
	}
	if n := len(page.Relationships); n > 0 {
		page.EndCursor = graph.EncodeCursor(page.Relationships[n-1].ID)
	}
	return page
}

// claimsOf reads every claim touching ids (in id order), page by page,
// and reports complete=false, without error, once more than limit exist.
func claimsOf(ctx context.Context, s graph.Store, ids []string, dir graph.Direction, f graph.Filter, limit int) ([]graph.Relationship, bool, error) {
	var all []graph.Relationship
	after := ""
	for {
		page, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: ids, Direction: dir, Filter: f, First: 1000, After: after})
		if err != nil {
			return nil, false, err
		}
		all = append(all, page.Relationships...)
		if len(all) > limit {
			return nil, false, nil
		}
		if !page.HasMore {
			return all, true, nil
		}
		after = page.EndCursor
	}
}

// fetchAdjacent answers many (node, direction, type) keys. A level of
// typed fields (an attribution's by, blames and backedBy) asks for several
// types and directions at once: they are read in one store call over every
// node, type and direction asked, and sorted out here. Only when that
// superset is larger than batchClaimsMax does it fall back to one store
// call per distinct (direction, type), which is as precise as the keys.
func fetchAdjacent(ctx context.Context, s graph.Store, keys []adjKey, statuses []graph.ReviewStatus) ([][]graph.Relationship, []error) {
	type group struct {
		dir graph.Direction
		typ graph.RelType
	}
	groups := map[group][]string{}
	var order []group // first-seen order, so the merged call is deterministic
	for _, k := range keys {
		g := group{k.dir, k.typ}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], k.node)
	}
	found := map[adjKey][]graph.Relationship{}
	file := func(r graph.Relationship, g group) {
		if g.dir != graph.Incoming {
			k := adjKey{r.From, g.dir, g.typ}
			found[k] = append(found[k], r)
		}
		if g.dir != graph.Outgoing {
			k := adjKey{r.To, g.dir, g.typ}
			found[k] = append(found[k], r)
		}
	}
	merged := false
	if len(order) > 1 {
		var ids []string
		seen := map[string]bool{}
		for _, k := range keys {
			if !seen[k.node] {
				seen[k.node] = true
				ids = append(ids, k.node)
			}
		}
		var types []graph.RelType
		dir := order[0].dir
		for _, g := range order {
			if !slices.Contains(types, g.typ) {
				types = append(types, g.typ)
			}
			if g.dir != dir {
				dir = graph.Both
			}
		}
		rels, complete, err := claimsOf(ctx, s, ids, dir, graph.Filter{Types: types, Statuses: statuses}, batchClaimsMax)
		if err != nil {
			return make([][]graph.Relationship, len(keys)), fill(len(keys), err)
		}
		if complete {
			merged = true
			// A claim is filed under every key it answers; keys nobody
			// asked for (a type read for a node that did not ask for it)
			// are never looked up.
			for _, r := range rels {
				for _, g := range order {
					if g.typ == r.Type {
						file(r, g)
					}
				}
			}
		}
	}
	if !merged {
		for _, g := range order {
			rels, complete, err := claimsOf(ctx, s, groups[g], g.dir, graph.Filter{Types: []graph.RelType{g.typ}, Statuses: statuses}, batchClaimsMax)
			if err == nil && !complete {
				err = graph.Invalidf("more than %d %s claims; page through Node.relations(types: [%s]) instead", batchClaimsMax, g.typ, g.typ)
			}
			if err != nil {
				return make([][]graph.Relationship, len(keys)), fill(len(keys), err)
			}
			for _, r := range rels {
				file(r, g)
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
func withLoaders(ctx context.Context, s graph.Store, wait time.Duration) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(s, wait))
}

func loadersFrom(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	panic("schema: request without loaders (use Handler)")
}
