package graphtest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// relFixture centres on the United States:
//
//	r1  US -SUPPORTED->  EE    0.9   dated 2018-09-28
//	r2  US -SANCTIONED-> RU    0.6   dated 2018-03
//	r3  GB -SUPPORTED->  US    0.4   no date, published 2017-06-01
//	r4  US -MEMBER_OF->  NATO  1.0   dated 2019
//	r5  RU -THREATENED-> US    0.7   no date, no publication date
//	r6  EE -MEMBER_OF->  NATO  0.95  dated 2004 (does not touch US)
func relFixture(t *testing.T) (graph.Batch, map[string]graph.Relationship) {
	d1 := newDoc(t, "Alliance news", "2018-10-01")
	d1.node(country(idUS, "United States"), "")
	d1.node(country(idEE, "Estonia"), "")
	d1.node(country(idRU, "Russia"), "")
	d1.node(country(idGB, "United Kingdom"), "")
	d1.node(withProps(entity(idNATO, graph.KindOrganization, "NATO"), "kind", "alliance"), "")
	r := map[string]graph.Relationship{}
	r["r1"] = d1.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.", confidence(0.9), dated("2018-09-28"))
	r["r2"] = d1.claim(idUS, graph.RelSanctioned, idRU, "The United States sanctioned Russia.", confidence(0.6), dated("2018-03"))
	r["r4"] = d1.claim(idUS, graph.RelMemberOf, idNATO, "The United States will remain in NATO.", confidence(1), dated("2019"))
	r["r6"] = d1.claim(idEE, graph.RelMemberOf, idNATO, "Estonia joined NATO.", confidence(0.95), dated("2004"))
	d2 := newDoc(t, "British support", "2017-06-01")
	r["r3"] = d2.claim(idGB, graph.RelSupported, idUS, "The United Kingdom supported the United States.", confidence(0.4))
	d3 := newDoc(t, "Undated threat", "")
	r["r5"] = d3.claim(idRU, graph.RelThreatened, idUS, "Russia threatened the United States.", confidence(0.7))
	return merge(d1.batch(), d2.batch(), d3.batch()), r
}

// relCase is one Relationships query and the fixture claims it must return.
type relCase struct {
	name string
	q    graph.RelationshipsQuery
	want []string // fixture names, "r1".."r6"
}

// checkRelCases runs each case and compares, in claim-id order, with the
// expected claims. Filter cases are first checked against graph.Filter.Passes
// so that the fixture and the documented semantics cannot drift apart.
func checkRelCases(t *testing.T, s graph.Store, fix map[string]graph.Relationship, cases []relCase) {
	t.Helper()
	for _, c := range cases {
		var want []string
		for _, name := range c.want {
			want = append(want, fix[name].ID)
		}
		want = sorted(want)

		var oracle []string
		for _, r := range fix {
			touches := false
			for _, id := range c.q.NodeIDs {
				switch c.q.Direction {
				case graph.Outgoing:
					touches = touches || r.From == id
				case graph.Incoming:
					touches = touches || r.To == id
				default:
					touches = touches || r.From == id || r.To == id
				}
			}
			if touches && c.q.Filter.Passes(r) {
				oracle = append(oracle, r.ID)
			}
		}
		if !slices.Equal(sorted(oracle), want) {
			t.Fatalf("graphtest fixture: case %s expects %q but graph.Filter.Passes gives %q", c.name, c.want, oracle)
		}

		p := relationships(t, s, c.q)
		got := relIDs(p.Relationships)
		if !slices.Equal(got, want) {
			t.Errorf("%s: Relationships = %q\nwant (ordered by claim id) %q", c.name, names(fix, got), names(fix, want))
		}
		if p.Total != len(want) {
			t.Errorf("%s: Total = %d, want %d", c.name, p.Total, len(want))
		}
		if p.HasMore {
			t.Errorf("%s: HasMore with every claim on one page", c.name)
		}
	}
}

// names maps claim ids back to fixture names for readable failures.
func names(fix map[string]graph.Relationship, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		for name, r := range fix {
			if r.ID == id {
				out[i] = name
			}
		}
	}
	return out
}

func testRelationshipsDirection(t *testing.T, s graph.Store) {
	b, fix := relFixture(t)
	upsert(t, s, b)
	q := func(dir graph.Direction, ids ...string) graph.RelationshipsQuery {
		return graph.RelationshipsQuery{NodeIDs: ids, Direction: dir, First: 100}
	}
	checkRelCases(t, s, fix, []relCase{
		{"Outgoing US", q(graph.Outgoing, idUS), []string{"r1", "r2", "r4"}},
		{"Incoming US", q(graph.Incoming, idUS), []string{"r3", "r5"}},
		{"Both US", q(graph.Both, idUS), []string{"r1", "r2", "r3", "r4", "r5"}},
		// A claim joining two of the nodes is returned once.
		{"Both US and EE", q(graph.Both, idUS, idEE), []string{"r1", "r2", "r3", "r4", "r5", "r6"}},
		{"Incoming EE", q(graph.Incoming, idEE), []string{"r1"}},
		{"Incoming NATO", q(graph.Incoming, idNATO), []string{"r4", "r6"}},
		{"Outgoing NATO", q(graph.Outgoing, idNATO), nil},
		{"Outgoing US and NATO", q(graph.Outgoing, idUS, idNATO), []string{"r1", "r2", "r4"}},
		{"unknown node", q(graph.Both, "country:ZZ"), nil},
	})
}

func testRelationshipsTypeAndConfidence(t *testing.T, s graph.Store) {
	b, fix := relFixture(t)
	upsert(t, s, b)
	q := func(f graph.Filter) graph.RelationshipsQuery {
		return graph.RelationshipsQuery{NodeIDs: []string{idUS}, Filter: f, First: 100}
	}
	checkRelCases(t, s, fix, []relCase{
		{"SUPPORTED", q(graph.Filter{Types: []graph.RelType{graph.RelSupported}}), []string{"r1", "r3"}},
		{"SUPPORTED or THREATENED", q(graph.Filter{Types: []graph.RelType{graph.RelSupported, graph.RelThreatened}}), []string{"r1", "r3", "r5"}},
		{"ADOPTED", q(graph.Filter{Types: []graph.RelType{graph.RelAdopted}}), nil},
		{"confidence 0.65", q(graph.Filter{MinConfidence: 0.65}), []string{"r1", "r4", "r5"}},
		// The bound is inclusive: "drops claims below it".
		{"confidence 0.6", q(graph.Filter{MinConfidence: 0.6}), []string{"r1", "r2", "r4", "r5"}},
		{"confidence 1", q(graph.Filter{MinConfidence: 1}), []string{"r4"}},
		{"SUPPORTED with confidence 0.5", q(graph.Filter{Types: []graph.RelType{graph.RelSupported}, MinConfidence: 0.5}), []string{"r1"}},
		{"outgoing SUPPORTED", graph.RelationshipsQuery{NodeIDs: []string{idUS}, Direction: graph.Outgoing,
			Filter: graph.Filter{Types: []graph.RelType{graph.RelSupported}}, First: 100}, []string{"r1"}},
	})
}

// testRelationshipsDates: Since and Until compare at the coarser precision,
// a claim without a date falls back to its publication date, and a claim
// with neither is dropped once a bound is set.
func testRelationshipsDates(t *testing.T, s graph.Store) {
	b, fix := relFixture(t)
	upsert(t, s, b)
	q := func(since, until string) graph.RelationshipsQuery {
		return graph.RelationshipsQuery{NodeIDs: []string{idUS}, Filter: graph.Filter{Since: since, Until: until}, First: 100}
	}
	checkRelCases(t, s, fix, []relCase{
		{"since 2018", q("2018", ""), []string{"r1", "r2", "r4"}},
		{"until 2018-03", q("", "2018-03"), []string{"r2", "r3"}},
		{"2018-06 to 2018-12", q("2018-06", "2018-12"), []string{"r1"}},
		{"June 2017 (publication date)", q("2017-06", "2017-06"), []string{"r3"}},
		{"one day inside a month-dated claim", q("2018-03-15", "2018-03-15"), []string{"r2"}},
		{"until 2019", q("", "2019"), []string{"r1", "r2", "r3", "r4"}},
		{"since 2019-01-01 (year-dated claim)", q("2019-01-01", ""), []string{"r4"}},
		{"since 2020", q("2020", ""), nil},
		{"no bounds", q("", ""), []string{"r1", "r2", "r3", "r4", "r5"}},
	})
}

// testRelationshipsPagination: pages of two cover every claim once, in claim
// id order, with Total on every page.
func testRelationshipsPagination(t *testing.T, s graph.Store) {
	b, fix := relFixture(t)
	upsert(t, s, b)
	var want []string
	for _, name := range []string{"r1", "r2", "r3", "r4", "r5"} {
		want = append(want, fix[name].ID)
	}
	want = sorted(want)
	var got []string
	after := ""
	for page := 0; page < 10; page++ {
		p := relationships(t, s, graph.RelationshipsQuery{NodeIDs: []string{idUS}, First: 2, After: after})
		if p.Total != 5 {
			t.Errorf("page %d: Total %d, want 5", page, p.Total)
		}
		if len(p.Relationships) > 2 {
			t.Errorf("page %d: %d claims with First 2", page, len(p.Relationships))
		}
		got = append(got, relIDs(p.Relationships)...)
		if !p.HasMore {
			break
		}
		after = p.EndCursor
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged claims = %q\nwant %q", names(fix, got), names(fix, want))
	}
}

// testQueriesRejectInvalidFilter: a filter that breaks its rules (see
// graph.Filter.Validate) is CodeInvalid in every query that takes one,
// rather than silently matching nothing, so the API can tell the user why.
func testQueriesRejectInvalidFilter(t *testing.T, s graph.Store) {
	b, _ := relFixture(t)
	upsert(t, s, b)
	for _, f := range []graph.Filter{
		{Since: "yesterday"},
		{Until: "2018-13"},
		{Types: []graph.RelType{"HACKED"}},
		{MinConfidence: 2},
		{MinConfidence: -0.5},
	} {
		_, err := s.Relationships(t.Context(), graph.RelationshipsQuery{NodeIDs: []string{idUS}, Filter: f})
		wantCode(t, "Relationships with filter "+filterString(f), err, graph.CodeInvalid)
		_, err = s.Neighborhood(t.Context(), graph.NeighborhoodQuery{Seeds: []string{idUS}, Depth: 1, Filter: f})
		wantCode(t, "Neighborhood with filter "+filterString(f), err, graph.CodeInvalid)
		_, err = s.Paths(t.Context(), graph.PathQuery{From: idUS, To: idEE, MaxHops: 2, K: 1, Filter: f})
		wantCode(t, "Paths with filter "+filterString(f), err, graph.CodeInvalid)
	}
}

func filterString(f graph.Filter) string {
	return fmt.Sprintf("%+v", f)
}
