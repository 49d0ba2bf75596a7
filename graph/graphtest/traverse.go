package graphtest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

const idCritic = "person:anna-critic"

// nbFixture, with arrows as stored (traversal ignores them):
//
//	Sullivan -HOLDS_ROLE-> US -SUPPORTED-> EE <-SUPPORTED- LV <-CRITICIZED- Critic
//	                       US -MEMBER_OF-> NATO <-MEMBER_OF- GB
//
// The MEMBER_OF claims are dated 1949, the rest undated (published 2018);
// HOLDS_ROLE has confidence 0.5, the rest 0.9.
func nbFixture(t *testing.T) graph.Batch {
	k := newDoc(t, "Neighbourhood", "2018-05-01")
	for _, n := range []graph.Node{
		country(idUS, "United States"), country(idEE, "Estonia"), country(idLV, "Latvia"),
		country(idGB, "United Kingdom"),
		withProps(entity(idNATO, graph.KindOrganization, "NATO"), "kind", "alliance"),
		entity(idSullivan, graph.KindPerson, "John Sullivan"),
		entity(idCritic, graph.KindPerson, "Anna Critic"),
	} {
		k.node(n, "")
	}
	k.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.")
	k.claim(idUS, graph.RelMemberOf, idNATO, "The United States is a member of NATO.", dated("1949"))
	k.claim(idSullivan, graph.RelHoldsRole, idUS, "John Sullivan is Deputy Secretary of State of the United States.",
		confidence(0.5), relProps("title", "Deputy Secretary of State"))
	k.claim(idLV, graph.RelSupported, idEE, "Latvia supported Estonia.")
	k.claim(idGB, graph.RelMemberOf, idNATO, "The United Kingdom is a member of NATO.", dated("1949"))
	k.claim(idCritic, graph.RelCriticized, idLV, "Anna Critic criticized Latvia.")
	return k.batch()
}

// hops is the undirected hop distance from the seeds to every node
// reachable along claims that pass f, through nodes of the given kinds.
func hops(b graph.Batch, seeds []string, f graph.Filter, kinds []graph.NodeKind) map[string]int {
	kindOf := map[string]graph.NodeKind{}
	for _, n := range b.Nodes {
		kindOf[n.ID] = n.Kind
	}
	enter := func(id string) bool { return len(kinds) == 0 || slices.Contains(kinds, kindOf[id]) }
	dist := map[string]int{}
	var frontier []string
	for _, s := range seeds {
		if _, ok := kindOf[s]; ok {
			dist[s] = 0
			frontier = append(frontier, s)
		}
	}
	for len(frontier) > 0 {
		var next []string
		for _, id := range frontier {
			for _, r := range b.Relationships {
				if !f.Passes(r) {
					continue
				}
				other := ""
				switch id {
				case r.From:
					other = r.To
				case r.To:
					other = r.From
				default:
					continue
				}
				if _, seen := dist[other]; !seen && enter(other) {
					dist[other] = dist[id] + 1
					next = append(next, other)
				}
			}
		}
		frontier = next
	}
	return dist
}

// checkSubgraph checks what must hold of any Neighborhood answer: no node
// twice, at most Limit nodes, only allowed kinds, seeds first, then by hop
// distance, and only claims that pass the filter between returned nodes.
func checkSubgraph(t *testing.T, b graph.Batch, q graph.NeighborhoodQuery, g graph.Subgraph) {
	t.Helper()
	dist := hops(b, q.Seeds, q.Filter, q.Kinds)
	in := map[string]bool{}
	for i, n := range g.Nodes {
		if in[n.ID] {
			t.Errorf("Neighborhood(%v): node %s returned twice", q.Seeds, n.ID)
		}
		in[n.ID] = true
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, n.Kind) {
			t.Errorf("Neighborhood(%v, kinds %v): returned %s of kind %s", q.Seeds, q.Kinds, n.ID, n.Kind)
		}
		d, ok := dist[n.ID]
		if !ok || d > max(q.Depth, 1) {
			t.Errorf("Neighborhood(%v, depth %d): returned %s, which is not within reach", q.Seeds, q.Depth, n.ID)
		}
		if i > 0 && d < dist[g.Nodes[i-1].ID] {
			t.Errorf("Neighborhood(%v): %s (%d hops) comes after %s (%d hops); want seeds first, then by hop distance",
				q.Seeds, n.ID, d, g.Nodes[i-1].ID, dist[g.Nodes[i-1].ID])
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 500
	}
	if len(g.Nodes) > limit {
		t.Errorf("Neighborhood: %d nodes, Limit %d", len(g.Nodes), limit)
	}
	seenRel := map[string]bool{}
	for _, r := range g.Relationships {
		if seenRel[r.ID] {
			t.Errorf("Neighborhood: claim %s returned twice", r.ID)
		}
		seenRel[r.ID] = true
		if !in[r.From] || !in[r.To] {
			t.Errorf("Neighborhood: claim %s -%s-> %s has an endpoint outside the returned nodes", r.From, r.Type, r.To)
		}
		if !q.Filter.Passes(r) {
			t.Errorf("Neighborhood: claim %s -%s-> %s does not pass the filter %+v", r.From, r.Type, r.To, q.Filter)
		}
	}
}

// relPairs names claims by endpoints, order-free, for readable comparisons.
func relPairs(rs []graph.Relationship) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = fmt.Sprintf("%s-%s->%s", r.From, r.Type, r.To)
	}
	return sorted(out)
}

type nbCase struct {
	name      string
	q         graph.NeighborhoodQuery
	wantNodes []string
	// wantRels, when not nil, are the exact claims as "from-TYPE->to".
	wantRels []string
}

func runNeighborhoodCases(t *testing.T, s graph.Store, b graph.Batch, cases []nbCase) {
	t.Helper()
	for _, c := range cases {
		g := neighborhood(t, s, c.q)
		checkSubgraph(t, b, c.q, g)
		if got := sorted(nodeIDs(g.Nodes)); !slices.Equal(got, sorted(c.wantNodes)) {
			t.Errorf("%s: nodes %q\nwant %q", c.name, got, sorted(c.wantNodes))
		}
		if c.wantRels != nil {
			if got := relPairs(g.Relationships); !slices.Equal(got, sorted(c.wantRels)) {
				t.Errorf("%s: claims %q\nwant %q", c.name, got, sorted(c.wantRels))
			}
		}
		if g.Truncated {
			t.Errorf("%s: Truncated, but no cap was reached", c.name)
		}
	}
}

func pair(from string, typ graph.RelType, to string) string {
	return fmt.Sprintf("%s-%s->%s", from, typ, to)
}

func testNeighborhoodDepth(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	one := []string{pair(idUS, graph.RelSupported, idEE), pair(idUS, graph.RelMemberOf, idNATO),
		pair(idSullivan, graph.RelHoldsRole, idUS)}
	two := append(slices.Clone(one), pair(idLV, graph.RelSupported, idEE), pair(idGB, graph.RelMemberOf, idNATO))
	three := append(slices.Clone(two), pair(idCritic, graph.RelCriticized, idLV))
	runNeighborhoodCases(t, s, b, []nbCase{
		{"depth 1", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 1},
			[]string{idUS, idEE, idNATO, idSullivan}, one},
		{"depth 2", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2},
			[]string{idUS, idEE, idNATO, idSullivan, idLV, idGB}, two},
		{"depth 3", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 3},
			[]string{idUS, idEE, idNATO, idSullivan, idLV, idGB, idCritic}, three},
	})
}

func testNeighborhoodIgnoresDirection(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	runNeighborhoodCases(t, s, b, []nbCase{
		// Both of Estonia's claims point at it.
		{"incoming only", graph.NeighborhoodQuery{Seeds: []string{idEE}, Depth: 1},
			[]string{idEE, idUS, idLV}, []string{pair(idUS, graph.RelSupported, idEE), pair(idLV, graph.RelSupported, idEE)}},
		// From the critic along CRITICIZED and SUPPORTED to Estonia, then
		// against SUPPORTED to the United States.
		{"mixed", graph.NeighborhoodQuery{Seeds: []string{idCritic}, Depth: 3},
			[]string{idCritic, idLV, idEE, idUS}, nil},
	})
}

func testNeighborhoodKinds(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	runNeighborhoodCases(t, s, b, []nbCase{
		// Countries only: NATO is not entered, so the United Kingdom,
		// reachable only through it, is not reached.
		{"countries", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2, Kinds: []graph.NodeKind{graph.KindCountry}},
			[]string{idUS, idEE, idLV}, []string{pair(idUS, graph.RelSupported, idEE), pair(idLV, graph.RelSupported, idEE)}},
		{"countries and organizations", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2,
			Kinds: []graph.NodeKind{graph.KindCountry, graph.KindOrganization}},
			[]string{idUS, idEE, idNATO, idLV, idGB}, nil},
		{"people and countries", graph.NeighborhoodQuery{Seeds: []string{idSullivan}, Depth: 3,
			Kinds: []graph.NodeKind{graph.KindPerson, graph.KindCountry}},
			[]string{idSullivan, idUS, idEE, idLV}, nil},
	})
}

func testNeighborhoodFilter(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	runNeighborhoodCases(t, s, b, []nbCase{
		{"MEMBER_OF only", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2,
			Filter: graph.Filter{Types: []graph.RelType{graph.RelMemberOf}}},
			[]string{idUS, idNATO, idGB}, []string{pair(idUS, graph.RelMemberOf, idNATO), pair(idGB, graph.RelMemberOf, idNATO)}},
		{"confidence 0.8", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 1,
			Filter: graph.Filter{MinConfidence: 0.8}},
			[]string{idUS, idEE, idNATO}, nil},
		{"since 2000", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2,
			Filter: graph.Filter{Since: "2000"}},
			[]string{idUS, idEE, idSullivan, idLV}, nil},
	})
}

// testNeighborhoodPerNode: at most PerNode claims are followed out of one
// node, and Truncated says so.
func testNeighborhoodPerNode(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	for _, q := range []graph.NeighborhoodQuery{
		{Seeds: []string{idUS}, Depth: 1, PerNode: 2},
		{Seeds: []string{idNATO}, Depth: 1, PerNode: 1},
	} {
		g := neighborhood(t, s, q)
		checkSubgraph(t, b, q, g)
		if len(g.Nodes) > q.PerNode+1 {
			t.Errorf("Neighborhood(%s, PerNode %d) = %q: more neighbours than claims allowed", q.Seeds[0], q.PerNode, nodeIDs(g.Nodes))
		}
		if len(g.Nodes) < 2 {
			t.Errorf("Neighborhood(%s, PerNode %d) = %q: no claim followed at all", q.Seeds[0], q.PerNode, nodeIDs(g.Nodes))
		}
		if !g.Truncated {
			t.Errorf("Neighborhood(%s, PerNode %d): the cap cut claims but Truncated is false", q.Seeds[0], q.PerNode)
		}
	}
}

// testNeighborhoodLimit: at most Limit nodes, the nearest ones, and
// Truncated says so.
func testNeighborhoodLimit(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	q := graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2, Limit: 2}
	g := neighborhood(t, s, q)
	checkSubgraph(t, b, q, g)
	if len(g.Nodes) != 2 || g.Nodes[0].ID != idUS || !g.Truncated {
		t.Errorf("Neighborhood(US, Limit 2) = %q, Truncated %v; want US and one neighbour, Truncated", nodeIDs(g.Nodes), g.Truncated)
	}

	// With room for the seed and its three neighbours only, those are the
	// ones returned: seeds first, then by hop distance.
	q = graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 2, Limit: 4}
	g = neighborhood(t, s, q)
	checkSubgraph(t, b, q, g)
	if want := sorted([]string{idUS, idEE, idNATO, idSullivan}); !slices.Equal(sorted(nodeIDs(g.Nodes)), want) || !g.Truncated {
		t.Errorf("Neighborhood(US, depth 2, Limit 4) = %q, Truncated %v; want %q, Truncated", nodeIDs(g.Nodes), g.Truncated, want)
	}
}

// testNeighborhoodNotTruncated: caps that cut nothing, including caps met
// exactly, leave Truncated false.
func testNeighborhoodNotTruncated(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	runNeighborhoodCases(t, s, b, []nbCase{
		{"caps met exactly", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 1, PerNode: 3, Limit: 4},
			[]string{idUS, idEE, idNATO, idSullivan}, nil},
		{"defaults", graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 3},
			[]string{idUS, idEE, idNATO, idSullivan, idLV, idGB, idCritic}, nil},
	})
}

// testNeighborhoodSeeds: several seeds come first; unknown seeds are
// ignored, and only unknown seeds make an empty answer, not an error.
func testNeighborhoodSeeds(t *testing.T, s graph.Store) {
	b := nbFixture(t)
	upsert(t, s, b)
	q := graph.NeighborhoodQuery{Seeds: []string{idLV, idUS}, Depth: 1}
	g := neighborhood(t, s, q)
	checkSubgraph(t, b, q, g)
	if len(g.Nodes) < 2 || !sameSet(nodeIDs(g.Nodes[:2]), q.Seeds) {
		t.Errorf("Neighborhood(LV, US) = %q, want the two seeds first", nodeIDs(g.Nodes))
	}
	if want := []string{idLV, idUS, idEE, idCritic, idNATO, idSullivan}; !sameSet(nodeIDs(g.Nodes), want) {
		t.Errorf("Neighborhood(LV, US) = %q, want %q", nodeIDs(g.Nodes), want)
	}

	runNeighborhoodCases(t, s, b, []nbCase{
		{"unknown seed among known", graph.NeighborhoodQuery{Seeds: []string{"country:ZZ", idUS}, Depth: 1},
			[]string{idUS, idEE, idNATO, idSullivan}, nil},
		{"only unknown seeds", graph.NeighborhoodQuery{Seeds: []string{"country:ZZ", "person:nobody"}, Depth: 2},
			nil, []string{}},
	})
}

const (
	pathFrom = idEE
	pathTo   = idRU
)

// pathFixture has exactly three simple paths from Estonia to Russia, of 1, 2
// and 3 hops, with arrows in both directions along them, and an isolated New
// Zealand:
//
//	EE -ACCUSED-> RU                              (2016, the only dated claim)
//	EE <-SUPPORTED- US -SANCTIONED-> RU
//	EE <-SUPPORTED- LT -SUPPORTED-> PL <-THREATENED- RU   (LT->PL confidence 0.3)
func pathFixture(t *testing.T) graph.Batch {
	k := newDoc(t, "Baltic paths", "2018-03-01")
	for _, n := range []graph.Node{
		country(idEE, "Estonia"), country(idRU, "Russia"), country(idUS, "United States"),
		country(idLT, "Lithuania"), country(idPL, "Poland"), country(idNZ, "New Zealand"),
	} {
		k.node(n, "")
	}
	k.claim(idEE, graph.RelAccused, idRU, "Estonia accused Russia.", dated("2016"))
	k.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.")
	k.claim(idUS, graph.RelSanctioned, idRU, "The United States sanctioned Russia.")
	k.claim(idLT, graph.RelSupported, idEE, "Lithuania supported Estonia.")
	k.claim(idLT, graph.RelSupported, idPL, "Lithuania supported Poland.", confidence(0.3))
	k.claim(idRU, graph.RelThreatened, idPL, "Russia threatened Poland.")
	return k.batch()
}

var (
	path1 = []string{idEE, idRU}
	path2 = []string{idEE, idUS, idRU}
	path3 = []string{idEE, idLT, idPL, idRU}
)

// checkPaths checks what must hold of any Paths answer and returns the
// node-id sequences. Each path starts and ends where asked, is simple, has
// one claim between each pair of consecutive nodes (in either direction), no
// more than MaxHops claims, no excluded node, only claims passing the
// filter; there are at most K paths, shorter ones first, none twice.
func checkPaths(t *testing.T, q graph.PathQuery, ps []graph.Path) [][]string {
	t.Helper()
	var out [][]string
	seen := map[string]bool{}
	for i, p := range ps {
		ids := nodeIDs(p.Nodes)
		out = append(out, ids)
		key := strings.Join(ids, " ") + "|" + strings.Join(relIDs(p.Relationships), " ")
		if seen[key] {
			t.Errorf("Paths(%s, %s): path %q returned twice", q.From, q.To, ids)
		}
		seen[key] = true
		if len(ids) == 0 || ids[0] != q.From || ids[len(ids)-1] != q.To {
			t.Errorf("Paths(%s, %s): path %q does not run from %s to %s", q.From, q.To, ids, q.From, q.To)
			continue
		}
		if len(p.Relationships) != len(p.Nodes)-1 {
			t.Errorf("Paths: path %q has %d claims for %d nodes", ids, len(p.Relationships), len(p.Nodes))
			continue
		}
		if len(p.Relationships) > q.MaxHops {
			t.Errorf("Paths(MaxHops %d): path %q has %d hops", q.MaxHops, ids, len(p.Relationships))
		}
		if i > 0 && len(p.Relationships) < len(ps[i-1].Relationships) {
			t.Errorf("Paths: path %d (%d hops) comes after a longer one (%d hops); want shorter first",
				i, len(p.Relationships), len(ps[i-1].Relationships))
		}
		visited := map[string]bool{}
		for j, n := range p.Nodes {
			if visited[n.ID] {
				t.Errorf("Paths: path %q visits %s twice; paths must be simple", ids, n.ID)
			}
			visited[n.ID] = true
			if n.Name == "" {
				t.Errorf("Paths: path node %s comes without its name", n.ID)
			}
			if j > 0 && j < len(p.Nodes)-1 && slices.Contains(q.Exclude, n.ID) {
				t.Errorf("Paths(exclude %q): path %q goes through %s", q.Exclude, ids, n.ID)
			}
		}
		for j, r := range p.Relationships {
			a, b := p.Nodes[j].ID, p.Nodes[j+1].ID
			if !(r.From == a && r.To == b) && !(r.From == b && r.To == a) {
				t.Errorf("Paths: claim %d of %q is %s -%s-> %s, which does not join %s and %s", j, ids, r.From, r.Type, r.To, a, b)
			}
			if !q.Filter.Passes(r) {
				t.Errorf("Paths: claim %s -%s-> %s does not pass the filter %+v", r.From, r.Type, r.To, q.Filter)
			}
		}
	}
	if len(ps) > q.K {
		t.Errorf("Paths(K %d) returned %d paths", q.K, len(ps))
	}
	return out
}

func pathsOK(t *testing.T, s graph.Store, q graph.PathQuery) [][]string {
	t.Helper()
	ps, err := s.Paths(t.Context(), q)
	if err != nil {
		t.Fatalf("Paths(%+v): %v", q, err)
	}
	return checkPaths(t, q, ps)
}

type pathCase struct {
	name string
	q    graph.PathQuery
	want [][]string
}

func runPathCases(t *testing.T, s graph.Store, cases []pathCase) {
	t.Helper()
	for _, c := range cases {
		got := pathsOK(t, s, c.q)
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("%s: Paths = %q\nwant %q", c.name, got, c.want)
		}
	}
}

func pq(maxHops, k int) graph.PathQuery {
	return graph.PathQuery{From: pathFrom, To: pathTo, MaxHops: maxHops, K: k}
}

func testPathsShortestFirst(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	runPathCases(t, s, []pathCase{
		{"all three", pq(3, 10), [][]string{path1, path2, path3}},
		{"K 2", pq(3, 2), [][]string{path1, path2}},
		{"K 1", pq(6, 1), [][]string{path1}},
	})
}

func testPathsMaxHops(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	runPathCases(t, s, []pathCase{
		{"MaxHops 2", pq(2, 10), [][]string{path1, path2}},
		{"MaxHops 1", pq(1, 10), [][]string{path1}},
		{"MaxHops 6", pq(6, 10), [][]string{path1, path2, path3}},
	})
}

func testPathsExclude(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	ex := func(ids ...string) graph.PathQuery { q := pq(3, 10); q.Exclude = ids; return q }
	runPathCases(t, s, []pathCase{
		{"exclude US", ex(idUS), [][]string{path1, path3}},
		{"exclude US and Poland", ex(idUS, idPL), [][]string{path1}},
		{"exclude an unknown node", ex("country:ZZ"), [][]string{path1, path2, path3}},
	})
}

func testPathsFilter(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	f := func(f graph.Filter) graph.PathQuery { q := pq(3, 10); q.Filter = f; return q }
	runPathCases(t, s, []pathCase{
		{"no ACCUSED", f(graph.Filter{Types: []graph.RelType{graph.RelSupported, graph.RelSanctioned, graph.RelThreatened}}),
			[][]string{path2, path3}},
		{"confidence 0.5", f(graph.Filter{MinConfidence: 0.5}), [][]string{path1, path2}},
		{"since 2017", f(graph.Filter{Since: "2017"}), [][]string{path2, path3}},
		{"SUPPORTED only", f(graph.Filter{Types: []graph.RelType{graph.RelSupported}}), nil},
	})
}

// testPathsIgnoreDirection: the same three paths are found from Russia to
// Estonia, and the three-hop one runs against two of its arrows.
func testPathsIgnoreDirection(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	rev := func(p []string) []string { r := slices.Clone(p); slices.Reverse(r); return r }
	runPathCases(t, s, []pathCase{
		{"Russia to Estonia", graph.PathQuery{From: pathTo, To: pathFrom, MaxHops: 3, K: 10},
			[][]string{rev(path1), rev(path2), rev(path3)}},
		{"Lithuania to the United States", graph.PathQuery{From: idLT, To: idUS, MaxHops: 2, K: 10},
			[][]string{{idLT, idEE, idUS}}},
	})
}

func testPathsUnknownEndpoint(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	for _, q := range []graph.PathQuery{
		{From: "country:ZZ", To: pathTo, MaxHops: 3, K: 3},
		{From: pathFrom, To: "country:ZZ", MaxHops: 3, K: 3},
	} {
		_, err := s.Paths(t.Context(), q)
		wantCode(t, fmt.Sprintf("Paths(%s, %s)", q.From, q.To), err, graph.CodeNotFound)
	}
}

func testPathsNone(t *testing.T, s graph.Store) {
	upsert(t, s, pathFixture(t))
	for _, q := range []graph.PathQuery{
		{From: pathFrom, To: idNZ, MaxHops: 6, K: 10},
		{From: idNZ, To: pathFrom, MaxHops: 6, K: 10},
	} {
		ps, err := s.Paths(t.Context(), q)
		if err != nil {
			t.Errorf("Paths(%s, %s): %v, want no error for unconnected nodes", q.From, q.To, err)
		}
		if len(ps) != 0 {
			t.Errorf("Paths(%s, %s) = %d paths, want none", q.From, q.To, len(ps))
		}
	}
}
