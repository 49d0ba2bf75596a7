package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"slices"
	"sort"

	"github.com/actorgraph/actorgraph/graph"
)

// step is one claim seen from one of its endpoints.
type step struct {
	rid, anchor, other int64
	confidence         float64
	rank               int // 1 = the anchor's best claim
}

// expander answers expansions from the in-memory adjacency when there is a
// current one, else from SQLite.
type expander struct {
	s    *Store
	ctx  context.Context
	a    *adjacency // nil: SQLite
	file fileState  // read before anything else of this traversal
}

func (x expander) expand(frontier []int64, f graph.Filter, kinds []graph.NodeKind, perNode int) ([]step, error) {
	if x.a != nil {
		return x.a.expand(frontier, f, kinds, perNode), nil
	}
	return x.s.expandSQL(x.ctx, frontier, f, kinds, perNode)
}

// expander returns the expander of one traversal and the function that
// releases it.
func (s *Store) expander(ctx context.Context) (expander, func(), error) {
	f, a, release, err := s.adjacency(ctx)
	return expander{s: s, ctx: ctx, a: a, file: f}, release, err
}

// expandSQL returns, in one query, the claims touching any frontier node that
// pass the filter and lead to a node of an allowed kind, best first per
// anchor (confidence, then age). With perNode > 0 each direction of each
// anchor reads at most perNode+1 claims straight off its index (a correlated
// subquery with LIMIT), so a hub with a million claims costs no more than a
// leaf; the caller learns that a node had more from a rank above perNode.
func (s *Store) expandSQL(ctx context.Context, frontier []int64, f graph.Filter, kinds []graph.NodeKind, perNode int) ([]step, error) {
	cond, args := filterSQL(f)
	if len(kinds) > 0 {
		ks := make([]string, len(kinds))
		for i, k := range kinds {
			ks[i] = string(k)
		}
		args = append(args, sql.Named("kinds", jsonArray(ks)))
	}
	kindCond := func(other string) string {
		if len(kinds) == 0 {
			return ""
		}
		return ` AND EXISTS (SELECT 1 FROM nodes n WHERE n.nid = r.` + other + ` AND n.kind IN (SELECT value FROM json_each(:kinds)))`
	}
	var q string
	if perNode > 0 {
		q = `WITH f(nid) AS (SELECT value FROM json_each(:frontier))
		SELECT o.rid, f.nid, o.dst, o.confidence FROM f JOIN rels o ON o.rid IN
			(SELECT r.rid FROM rels r WHERE r.src = f.nid AND ` + cond + kindCond("dst") + ` LIMIT :lim)
		UNION ALL
		SELECT o.rid, f.nid, o.src, o.confidence FROM f JOIN rels o ON o.rid IN
			(SELECT r.rid FROM rels r WHERE r.dst = f.nid AND ` + cond + kindCond("src") + ` LIMIT :lim)`
		args = append(args, sql.Named("lim", perNode+1))
	} else {
		q = `WITH f(nid) AS (SELECT value FROM json_each(:frontier))
		SELECT r.rid, f.nid, r.dst, r.confidence FROM f JOIN rels r ON r.src = f.nid WHERE ` + cond + kindCond("dst") + `
		UNION ALL
		SELECT r.rid, f.nid, r.src, r.confidence FROM f JOIN rels r ON r.dst = f.nid WHERE ` + cond + kindCond("src")
	}
	args = append(args, sql.Named("frontier", jsonInts(frontier)))
	var out []step
	err := queryEach(ctx, s.read, q, args, func(rows *sql.Rows) error {
		var st step
		err := rows.Scan(&st.rid, &st.anchor, &st.other, &st.confidence)
		out = append(out, st)
		return err
	})
	if err != nil {
		return nil, err
	}
	rankSteps(out)
	return out, nil
}

// rankSteps sorts steps best first per anchor (confidence, then age) and
// numbers them within their anchor.
func rankSteps(out []step) {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.anchor != b.anchor {
			return a.anchor < b.anchor
		}
		if a.confidence != b.confidence {
			return a.confidence > b.confidence
		}
		return a.rid < b.rid
	})
	for i := range out {
		if i > 0 && out[i].anchor == out[i-1].anchor {
			out[i].rank = out[i-1].rank + 1
		} else {
			out[i].rank = 1
		}
	}
}

func jsonInts(ids []int64) string {
	if len(ids) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

// nidsOf maps node ids to row ids, skipping unknown ids.
func (s *Store) nidsOf(ctx context.Context, ids []string) (map[string]int64, error) {
	out := map[string]int64{}
	err := queryEach(ctx, s.read, `SELECT id, nid FROM nodes WHERE id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			var id string
			var nid int64
			err := rows.Scan(&id, &nid)
			out[id] = nid
			return err
		})
	return out, err
}

// sortedIDs returns the row ids sorted, so lookups walk the table's B-tree
// in order and meet the pages they need while they are still cached.
func sortedIDs(ids []int64) []int64 {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

// nodesByNID and relsByRID read the rows of traversal results: from the
// row cache when it holds them for the edits count the traversal read
// first, else from the file (and then into the cache).
func (s *Store) nodesByNID(ctx context.Context, edits int64, nids []int64) (map[int64]graph.Node, error) {
	out := make(map[int64]graph.Node, len(nids))
	cached := s.rows.at(edits)
	mem := s.memRowsFor(edits)
	var miss []int64
	for _, nid := range nids {
		if mem != nil {
			if n, ok := mem.node(nid); ok {
				out[nid] = n
				continue
			}
		}
		if cached {
			if n, ok := s.rows.node(nid); ok {
				out[nid] = n
				continue
			}
		}
		miss = append(miss, nid)
	}
	if len(miss) == 0 {
		return out, nil
	}
	read := make(map[int64]graph.Node, len(miss))
	err := queryEach(ctx, s.read, `SELECT n.nid, `+nodeCols+` FROM nodes n WHERE n.nid IN (SELECT value FROM json_each(?))`,
		[]any{jsonInts(sortedIDs(miss))}, func(rows *sql.Rows) error {
			var nid int64
			var n graph.Node
			var kind, aliases, props string
			if err := rows.Scan(&nid, &n.ID, &kind, &n.Name, &aliases, &props, &n.Source); err != nil {
				return err
			}
			n.Kind, n.Aliases, n.Props = graph.NodeKind(kind), decodeList(aliases), decodeMap(props)
			read[nid] = n
			return nil
		})
	if err != nil {
		return nil, err
	}
	if cached {
		s.rows.addNodes(edits, read)
	}
	maps.Copy(out, read)
	return out, nil
}

// relsByRID reads claims whose two ends are among nodes (read by
// nodesByNID), which gives their ids without joining nodes twice per claim.
// A claim whose end is missing (deleted since the traversal) is left out.
func (s *Store) relsByRID(ctx context.Context, edits int64, rids []int64, nodes map[int64]graph.Node) (map[int64]graph.Relationship, error) {
	out := make(map[int64]graph.Relationship, len(rids))
	cached := s.rows.at(edits)
	mem := s.memRowsFor(edits)
	var miss []int64
	for _, rid := range rids {
		if mem != nil {
			if r, ok := mem.rel(rid, nodes); ok {
				out[rid] = r
				continue
			}
		}
		if cached {
			if r, ok := s.rows.rel(rid); ok {
				out[rid] = r
				continue
			}
		}
		miss = append(miss, rid)
	}
	if len(miss) == 0 {
		return out, nil
	}
	read := make(map[int64]graph.Relationship, len(miss))
	err := queryEach(ctx, s.read, `SELECT r.rid, r.id, r.type, r.src, r.dst, r.method, r.confidence, r.modality, r.date, r.published, r.props, `+reviewCols+`
		FROM rels r WHERE r.rid IN (SELECT value FROM json_each(?))`,
		[]any{jsonInts(sortedIDs(miss))}, func(rows *sql.Rows) error {
			var rid, src, dst int64
			var r graph.Relationship
			var typ, modality, props string
			if err := rows.Scan(&rid, &r.ID, &typ, &src, &dst, &r.Method, &r.Confidence, &modality, &r.Date, &r.Published, &props,
				&r.Review.Status, &r.Review.By, &r.Review.At, &r.Review.Note, &r.Review.CorrectedBy, &r.Version); err != nil {
				return err
			}
			from, okFrom := nodes[src]
			to, okTo := nodes[dst]
			if !okFrom || !okTo {
				return nil
			}
			r.From, r.To = from.ID, to.ID
			r.Type, r.Modality, r.Props = graph.RelType(typ), graph.Modality(modality), decodeMap(props)
			read[rid] = r
			return nil
		})
	if err != nil {
		return nil, err
	}
	if cached {
		s.rows.addRels(edits, read)
	}
	maps.Copy(out, read)
	return out, nil
}

// Neighborhood implements graph.Store.
func (s *Store) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (graph.Subgraph, error) {
	var sub graph.Subgraph
	q, err := q.Normalize()
	if err != nil {
		return sub, err
	}
	perNode, limit := q.PerNode, q.Limit
	seedNIDs, err := s.nidsOf(ctx, q.Seeds)
	if err != nil {
		return sub, s.wrap(ctx, "reading seeds", err)
	}
	var order []int64 // nodes in the order they are returned
	seen := map[int64]bool{}
	for _, id := range q.Seeds {
		if nid, ok := seedNIDs[id]; ok && !seen[nid] {
			if len(order) >= limit {
				sub.Truncated = true
				break
			}
			seen[nid] = true
			order = append(order, nid)
		}
	}
	x, release, err := s.expander(ctx)
	if err != nil {
		return sub, s.wrap(ctx, "expanding the neighborhood", err)
	}
	frontier := append([]int64(nil), order...)
	var rids []int64
	ridSeen := map[int64]bool{}
	for d := 1; d <= q.Depth && len(frontier) > 0; d++ {
		steps, err := x.expand(frontier, q.Filter, q.Kinds, perNode)
		if err != nil {
			release()
			return sub, s.wrap(ctx, "expanding the neighborhood", err)
		}
		var next []int64
		for _, st := range steps {
			if st.rank > perNode {
				sub.Truncated = true
				continue
			}
			if !seen[st.other] {
				if len(order) >= limit {
					sub.Truncated = true
					continue
				}
				seen[st.other] = true
				order = append(order, st.other)
				next = append(next, st.other)
			}
			if !ridSeen[st.rid] {
				ridSeen[st.rid] = true
				rids = append(rids, st.rid)
			}
		}
		frontier = next
	}
	release()
	nodes, err := s.nodesByNID(ctx, x.file.edits, order)
	if err != nil {
		return sub, s.wrap(ctx, "reading the neighborhood", err)
	}
	for _, nid := range order {
		if n, ok := nodes[nid]; ok { // else deleted since the traversal
			sub.Nodes = append(sub.Nodes, n)
		}
	}
	rels, err := s.relsByRID(ctx, x.file.edits, rids, nodes)
	if err != nil {
		return sub, s.wrap(ctx, "reading the neighborhood", err)
	}
	for _, rid := range rids {
		if r, ok := rels[rid]; ok {
			sub.Relationships = append(sub.Relationships, r)
		}
	}
	return sub, nil
}

// pathSearchBudget bounds how many nodes one Paths call may expand, so a
// query between two hubs of a huge graph answers with what it found instead
// of reading the whole file.
const pathSearchBudget = 50_000

// edge is a neighbor reached by the best claim to it.
type edge struct {
	other, rid int64
	confidence float64
}

type pathSearch struct {
	x        expander
	filter   graph.Filter
	exclude  map[int64]bool
	adj      map[int64][]edge // SQLite mode: neighbours read so far
	cf       *adjFilter       // adjacency mode: the compiled filter
	expanded int
	steps    int // edges the depth-first search has tried
}

// pathStepBudget bounds the depth-first enumeration: between two hubs the
// number of candidate walks explodes long before any is found.
const pathStepBudget = 500_000

// dist holds the distances of one breadth-first ball: a dense array by node
// row id when the adjacency gives the id range, else a map.
type dist struct {
	dense  []int8 // -1: not reached
	sparse map[int64]int
}

func newDist(a *adjacency, start int64) *dist {
	d := &dist{}
	if a != nil {
		d.dense = make([]int8, len(a.kind))
		for i := range d.dense {
			d.dense[i] = -1
		}
	} else {
		d.sparse = map[int64]int{}
	}
	d.set(start, 0)
	return d
}

func (d *dist) get(n int64) (int, bool) {
	if d.dense != nil {
		if n < 0 || n >= int64(len(d.dense)) || d.dense[n] < 0 {
			return 0, false
		}
		return int(d.dense[n]), true
	}
	v, ok := d.sparse[n]
	return v, ok
}

func (d *dist) set(n int64, v int) {
	if d.dense != nil {
		d.dense[n] = int8(v)
		return
	}
	d.sparse[n] = v
}

// load reads (and caches) the neighbors of the given nodes from SQLite, one
// edge per neighbor (the most confident claim), best first.
func (p *pathSearch) load(nids []int64) error {
	var need []int64
	for _, n := range nids {
		if _, ok := p.adj[n]; !ok {
			need = append(need, n)
		}
	}
	if len(need) == 0 {
		return nil
	}
	steps, err := p.x.expand(need, p.filter, nil, 0)
	if err != nil {
		return err
	}
	for _, n := range need {
		p.adj[n] = nil
	}
	p.adj = appendBestEdges(p.adj, steps, p.exclude)
	p.expanded += len(need)
	return nil
}

// appendBestEdges keeps, of steps sorted best first per anchor, the first
// (best) claim to each neighbour, leaving out excluded nodes and self-loops.
func appendBestEdges(adj map[int64][]edge, steps []step, exclude map[int64]bool) map[int64][]edge {
	best := map[[2]int64]bool{}
	for _, st := range steps {
		if exclude[st.other] || st.other == st.anchor {
			continue
		}
		key := [2]int64{st.anchor, st.other}
		if best[key] {
			continue
		}
		best[key] = true
		adj[st.anchor] = append(adj[st.anchor], edge{st.other, st.rid, st.confidence})
	}
	return adj
}

// each calls fn with every neighbour of the nodes of front reachable by a
// claim passing the filter (excluded nodes and self-loops left out), in no
// particular order and possibly more than once.
func (p *pathSearch) each(front []int64, fn func(other int64)) error {
	a := p.x.a
	if a == nil {
		if err := p.load(front); err != nil {
			return err
		}
		for _, n := range front {
			for _, e := range p.adj[n] {
				fn(e.other)
			}
		}
		return nil
	}
	for _, n := range front {
		for _, list := range [2][]adjEdge{a.out[n], a.in[n]} {
			for _, e := range list {
				o := int64(e.other)
				if o != n && !p.exclude[o] && p.cf.passes(e) {
					fn(o)
				}
			}
		}
	}
	p.expanded += len(front)
	return nil
}

// edgesFrom returns the edges the depth-first search tries out of n, best
// first: from SQLite every neighbour (the search prunes on entering it);
// from the adjacency only the neighbours worth entering (keep), which spares
// sorting all the claims of a hub to try three of them.
func (p *pathSearch) edgesFrom(n int64, keep func(other int64) bool) ([]edge, error) {
	a := p.x.a
	if a == nil {
		if err := p.load([]int64{n}); err != nil {
			return nil, err
		}
		return p.adj[n], nil
	}
	var steps []step
	for _, list := range [2][]adjEdge{a.out[n], a.in[n]} {
		for _, e := range list {
			o := int64(e.other)
			if o != n && !p.exclude[o] && p.cf.passes(e) && keep(o) {
				steps = append(steps, step{rid: int64(e.rid), anchor: n, other: o, confidence: a.claims[e.rid].confidence})
			}
		}
	}
	rankSteps(steps)
	return appendBestEdges(map[int64][]edge{}, steps, nil)[n], nil
}

// Paths implements graph.Store.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	ends, err := s.nidsOf(ctx, append([]string{q.From, q.To}, q.Exclude...))
	if err != nil {
		return nil, s.wrap(ctx, "finding paths", err)
	}
	from, ok := ends[q.From]
	if !ok {
		return nil, graph.NotFoundf("no node %q", q.From)
	}
	to, ok := ends[q.To]
	if !ok {
		return nil, graph.NotFoundf("no node %q", q.To)
	}
	x, release, err := s.expander(ctx)
	if err != nil {
		return nil, s.wrap(ctx, "finding paths", err)
	}
	p := &pathSearch{x: x, filter: q.Filter, exclude: map[int64]bool{}, adj: map[int64][]edge{}}
	if x.a != nil {
		p.cf = x.a.compile(q.Filter, nil)
	}
	for _, id := range q.Exclude {
		if nid, ok := ends[id]; ok && nid != from && nid != to {
			p.exclude[nid] = true
		}
	}
	var found [][]edge // each path as the edges taken from `from`
	if from == to {
		found = append(found, nil)
	} else if x.a == nil || (from < int64(len(x.a.kind)) && to < int64(len(x.a.kind))) {
		found, err = p.kShortest(from, to, q.MaxHops, q.K)
	}
	release()
	if err != nil {
		return nil, s.wrap(ctx, "finding paths", err)
	}
	return s.materialize(ctx, x.file.edits, from, found)
}

// kShortest finds up to k shortest simple paths of at most maxHops claims.
//
// It first grows breadth-first balls around both ends, always the smaller
// frontier first, only until they meet: that gives the shortest length d
// without exploring the rest of the graph. It then enumerates paths by
// increasing length L (d, d+1, ...) with a depth-first search from `from`
// that prunes every branch which cannot reach `to` in the hops left (the
// ball around `to` gives a lower bound) and every node reached by a detour
// longer than L-d (the ball around `from` gives its distance), growing the
// balls by a layer whenever a longer L needs it.
func (p *pathSearch) kShortest(from, to int64, maxHops, k int) ([][]edge, error) {
	distS, distT := newDist(p.x.a, from), newDist(p.x.a, to)
	frontS, frontT := []int64{from}, []int64{to}
	rS, rT := 0, 0
	best := -1 // the shortest length, once the balls meet
	grow := func(dist, other *dist, front []int64, r int) ([]int64, error) {
		var next []int64
		err := p.each(front, func(o int64) {
			if _, ok := dist.get(o); ok {
				return
			}
			dist.set(o, r+1)
			next = append(next, o)
			if d, ok := other.get(o); ok && (best < 0 || r+1+d < best) {
				best = r + 1 + d
			}
		})
		return next, err
	}
	// growOne grows the smaller side by one layer; false when neither can.
	growOne := func() (bool, error) {
		var err error
		switch {
		case p.expanded >= pathSearchBudget:
			return false, nil
		case len(frontS) > 0 && (len(frontS) <= len(frontT) || len(frontT) == 0):
			frontS, err = grow(distS, distT, frontS, rS)
			rS++
		case len(frontT) > 0:
			frontT, err = grow(distT, distS, frontT, rT)
			rT++
		default:
			return false, nil
		}
		return err == nil, err
	}
	for best < 0 && rS+rT < maxHops {
		ok, err := growOne()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
	}
	if best < 0 || best > maxHops {
		return nil, nil
	}
	// lowerBound is a number of hops that no path from n to `to` can beat.
	lowerBound := func(n int64) int {
		if d, ok := distT.get(n); ok {
			return d
		}
		if len(frontT) == 0 { // the ball around `to` is its whole component
			return maxHops + 1
		}
		return rT + 1
	}
	var found [][]edge
	onPath := map[int64]bool{from: true}
	var path []edge
	var dfs func(n int64, length int) error
	dfs = func(n int64, length int) error {
		if len(found) >= k || p.expanded >= pathSearchBudget || p.steps >= pathStepBudget {
			return nil
		}
		if n == to {
			if len(path) == length {
				found = append(found, append([]edge(nil), path...))
			}
			return nil
		}
		if len(path)+lowerBound(n) > length {
			return nil
		}
		if d, ok := distS.get(n); ok && len(path)-d > length-best {
			return nil // reached by a detour longer than this length allows
		}
		// A neighbour is worth entering when it could still reach `to` in
		// the hops left (the same test as on entering it).
		left := length - len(path) - 1
		edges, err := p.edgesFrom(n, func(o int64) bool { return lowerBound(o) <= left })
		if err != nil {
			return err
		}
		for _, e := range edges {
			p.steps++
			if onPath[e.other] || p.steps >= pathStepBudget {
				continue
			}
			onPath[e.other] = true
			path = append(path, e)
			err := dfs(e.other, length)
			path = path[:len(path)-1]
			delete(onPath, e.other)
			if err != nil {
				return err
			}
		}
		return nil
	}
	for length := best; length <= maxHops && len(found) < k; length++ {
		// Longer paths need the bound of a bigger ball to prune well.
		for length > best && rS+rT < length {
			ok, err := growOne()
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
		}
		if err := dfs(from, length); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// materialize reads the nodes and claims of found paths.
func (s *Store) materialize(ctx context.Context, edits int64, from int64, found [][]edge) ([]graph.Path, error) {
	nids := []int64{from}
	var rids []int64
	for _, path := range found {
		for _, e := range path {
			nids = append(nids, e.other)
			rids = append(rids, e.rid)
		}
	}
	nodes, err := s.nodesByNID(ctx, edits, nids)
	if err != nil {
		return nil, s.wrap(ctx, "reading paths", err)
	}
	rels, err := s.relsByRID(ctx, edits, rids, nodes)
	if err != nil {
		return nil, s.wrap(ctx, "reading paths", err)
	}
	out := make([]graph.Path, 0, len(found))
	// A path whose node or claim is gone (deleted by another connection
	// since the search) is left out rather than returned with a hole.
paths:
	for _, path := range found {
		start, ok := nodes[from]
		if !ok {
			continue
		}
		gp := graph.Path{Nodes: []graph.Node{start}}
		for _, e := range path {
			n, okN := nodes[e.other]
			r, okR := rels[e.rid]
			if !okN || !okR {
				continue paths
			}
			gp.Nodes = append(gp.Nodes, n)
			gp.Relationships = append(gp.Relationships, r)
		}
		out = append(out, gp)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Relationships) < len(out[j].Relationships) })
	return out, nil
}
