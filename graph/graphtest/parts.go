package graphtest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// Ids of the parts fixture: a state whose parts hang two and three levels
// deep, a minister holding a role, a cycle of two bodies hanging off the
// state, a chain longer than graph.MaxPartsDepth, and a second state with
// parts of its own that must never count for the first.
const (
	idPartsState    = "country:EE"
	idPartsOther    = "country:LV"
	idPartsBacker   = "country:FI"
	idPartsMinistry = "org:ee-defence-ministry"
	idPartsAgency   = "org:ee-cyber-agency"
	idPartsUnit     = "org:ee-cyber-unit"
	idPartsMinister = "person:ee-defence-minister"
	idPartsCycleA   = "org:ee-cycle-a"
	idPartsCycleB   = "org:ee-cycle-b"
	idPartsLVAgency = "org:lv-agency"
	idPartsLVPerson = "person:lv-officer"
)

// partsDeep is the id of the body n PART_OF claims below the state along
// the long chain.
func partsDeep(n int) string { return fmt.Sprintf("org:ee-deep-%d", n) }

// partsAttribution is the id of attribution n of the fixture.
func partsAttribution(n int) string { return fmt.Sprintf("attribution:parts-%d", n) }

// partsFixture writes
//
//	unit -PART_OF-> agency -PART_OF-> ministry -PART_OF-> EE
//	minister -HOLDS_ROLE-> ministry
//	cycle-a -PART_OF-> cycle-b -PART_OF-> cycle-a, cycle-b -PART_OF-> EE
//	deep-9 -> deep-8 -> ... -> deep-1 -PART_OF-> EE
//	LV agency -PART_OF-> LV, LV officer -HOLDS_ROLE-> LV agency
//
// and attributions 1-9 blaming, in turn: the ministry; the unit (three
// deep); the minister; cycle-a; the LV agency; EE itself and the agency
// (one attribution, two claims); deep-9 (beyond the bound); deep-8 (at
// it); the LV officer. Finland made attributions 1, 2, 4, 5 and 6.
func partsFixture(t *testing.T, s graph.Store) graph.Batch {
	d := newDoc(t, "Parts of a state", "2021-03-01")
	d.node(country(idPartsState, "Estonia"), "")
	d.node(country(idPartsOther, "Latvia"), "")
	d.node(country(idPartsBacker, "Finland"), "")
	org := func(id, name string) {
		d.node(withProps(entity(id, graph.KindOrganization, name), "kind", "government"), "")
	}
	org(idPartsMinistry, "Defence Ministry")
	org(idPartsAgency, "Cyber Agency")
	org(idPartsUnit, "Cyber Unit")
	org(idPartsCycleA, "Cycle Office A")
	org(idPartsCycleB, "Cycle Office B")
	org(idPartsLVAgency, "Latvian Agency")
	d.node(entity(idPartsMinister, graph.KindPerson, "Mari Tamm"), "")
	d.node(entity(idPartsLVPerson, graph.KindPerson, "Janis Ozols"), "")
	d.claim(idPartsMinistry, graph.RelPartOf, idPartsState, "The Defence Ministry is part of the Estonian government.")
	d.claim(idPartsAgency, graph.RelPartOf, idPartsMinistry, "The Cyber Agency reports to the Defence Ministry.")
	d.claim(idPartsUnit, graph.RelPartOf, idPartsAgency, "The Cyber Unit belongs to the Cyber Agency.")
	d.claim(idPartsMinister, graph.RelHoldsRole, idPartsMinistry, "Defence minister Mari Tamm", relProps("title", "Minister"))
	d.claim(idPartsCycleA, graph.RelPartOf, idPartsCycleB, "Office A sits within Office B.")
	d.claim(idPartsCycleB, graph.RelPartOf, idPartsCycleA, "Office B sits within Office A.")
	d.claim(idPartsCycleB, graph.RelPartOf, idPartsState, "Office B is an Estonian state body.")
	for n := 1; n <= graph.MaxPartsDepth+1; n++ {
		org(partsDeep(n), fmt.Sprintf("Deep Office %d", n))
		up := idPartsState
		if n > 1 {
			up = partsDeep(n - 1)
		}
		d.claim(partsDeep(n), graph.RelPartOf, up, fmt.Sprintf("Deep Office %d answers to the office above it, number %d.", n, n-1))
	}
	d.claim(idPartsLVAgency, graph.RelPartOf, idPartsOther, "The Latvian Agency is part of the Latvian government.")
	d.claim(idPartsLVPerson, graph.RelHoldsRole, idPartsLVAgency, "Janis Ozols of the Latvian Agency", relProps("title", "Officer"))
	blamed := map[int][]string{
		1: {idPartsMinistry}, 2: {idPartsUnit}, 3: {idPartsMinister}, 4: {idPartsCycleA}, 5: {idPartsLVAgency},
		6: {idPartsState, idPartsAgency}, 7: {partsDeep(graph.MaxPartsDepth + 1)}, 8: {partsDeep(graph.MaxPartsDepth)}, 9: {idPartsLVPerson},
	}
	for n := 1; n <= 9; n++ {
		a := partsAttribution(n)
		d.node(entity(a, graph.KindAttribution, fmt.Sprintf("Attribution %d", n)), fmt.Sprintf("Attribution number %d was made.", n))
		for _, to := range blamed[n] {
			d.claim(a, graph.RelBlames, to, fmt.Sprintf("Attribution number %d blames %s.", n, to))
		}
		if slices.Contains([]int{1, 2, 4, 5, 6}, n) {
			d.claim(idPartsBacker, graph.RelAttributed, a, fmt.Sprintf("Finland made attribution number %d.", n))
		}
	}
	b := d.batch()
	if _, err := s.Upsert(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	return b
}

// IncludeParts expands the ends the way graph.Parts defines it, inside the
// store's own query: two and three levels down, persons through their
// roles, through a cycle without spinning, no further than MaxPartsDepth,
// and never into another state's parts. ClaimEnds (what attributions(blamed:)
// lists) counts each node once, intersects its conditions and pages.
func testClaimsPartsExpansion(t *testing.T, s graph.Store) {
	b := partsFixture(t, s)
	ctx := t.Context()
	id := graph.ClaimID

	wantParts := []string{idPartsState, idPartsMinistry, idPartsAgency, idPartsUnit, idPartsMinister, idPartsCycleA, idPartsCycleB}
	for n := 1; n <= graph.MaxPartsDepth; n++ {
		wantParts = append(wantParts, partsDeep(n))
	}
	parts, err := graph.Parts(ctx, s, []string{idPartsState})
	if err != nil {
		t.Fatal(err)
	}
	if !sameSet(parts, wantParts) {
		t.Fatalf("Parts(EE) = %v, want %v", sorted(parts), sorted(wantParts))
	}

	// Claims: the store's expansion gives what Parts gives.
	blamesEE := graph.ClaimWhere{Types: []graph.RelType{graph.RelBlames}, To: []string{idPartsState}, IncludeParts: true}
	var want []string
	for _, r := range b.Relationships {
		if r.Type == graph.RelBlames && slices.Contains(parts, r.To) {
			want = append(want, r.ID)
		}
	}
	pinned := []string{
		id(partsAttribution(1), graph.RelBlames, idPartsMinistry), id(partsAttribution(2), graph.RelBlames, idPartsUnit),
		id(partsAttribution(3), graph.RelBlames, idPartsMinister), id(partsAttribution(4), graph.RelBlames, idPartsCycleA),
		id(partsAttribution(6), graph.RelBlames, idPartsState), id(partsAttribution(6), graph.RelBlames, idPartsAgency),
		id(partsAttribution(8), graph.RelBlames, partsDeep(graph.MaxPartsDepth)),
	}
	if !sameSet(want, pinned) {
		t.Fatalf("fixture: the claims to Parts(EE) are %v, want %v", sorted(want), sorted(pinned))
	}
	if got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: blamesEE})); !sameSet(got, want) {
		t.Errorf("claims blaming EE with parts = %v, want %v", sorted(got), sorted(want))
	}
	touchesLV := graph.ClaimWhere{Touches: []string{idPartsOther}, IncludeParts: true}
	wantLV := []string{
		id(idPartsLVAgency, graph.RelPartOf, idPartsOther), id(idPartsLVPerson, graph.RelHoldsRole, idPartsLVAgency),
		id(partsAttribution(5), graph.RelBlames, idPartsLVAgency), id(partsAttribution(9), graph.RelBlames, idPartsLVPerson),
	}
	if got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: touchesLV})); !sameSet(got, wantLV) {
		t.Errorf("claims touching LV with parts = %v, want %v", sorted(got), sorted(wantLV))
	}
	fromMinistry := graph.ClaimWhere{From: []string{idPartsMinistry}, Types: []graph.RelType{graph.RelPartOf, graph.RelHoldsRole}, IncludeParts: true}
	wantFrom := []string{
		id(idPartsMinistry, graph.RelPartOf, idPartsState), id(idPartsAgency, graph.RelPartOf, idPartsMinistry),
		id(idPartsUnit, graph.RelPartOf, idPartsAgency), id(idPartsMinister, graph.RelHoldsRole, idPartsMinistry),
	}
	if got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: fromMinistry})); !sameSet(got, wantFrom) {
		t.Errorf("PART_OF/HOLDS_ROLE claims from the ministry with parts = %v, want %v", sorted(got), sorted(wantFrom))
	}
	counts, err := s.ClaimCounts(ctx, graph.ClaimCountsQuery{Where: blamesEE, GroupBy: []graph.ClaimGroup{graph.GroupType}, SkipDocuments: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(counts.Groups) != 1 || counts.Groups[0].Claims != len(pinned) {
		t.Errorf("claim counts blaming EE with parts = %+v, want one BLAMES group of %d", counts.Groups, len(pinned))
	}

	// ClaimEnds: distinct attributions, by id, with their total.
	att := func(ns ...int) []string {
		var out []string
		for _, n := range ns {
			out = append(out, partsAttribution(n))
		}
		return out
	}
	blamed := func(state string, parts bool) graph.ClaimEnd {
		return graph.ClaimEnd{Where: graph.ClaimWhere{Types: []graph.RelType{graph.RelBlames}, To: []string{state}, IncludeParts: parts}, AtFrom: true}
	}
	byFinland := graph.ClaimEnd{Where: graph.ClaimWhere{Types: []graph.RelType{graph.RelAttributed}, From: []string{idPartsBacker}}}
	for _, c := range []struct {
		name string
		ends []graph.ClaimEnd
		want []string
	}{
		{"blames EE", []graph.ClaimEnd{blamed(idPartsState, false)}, att(6)},
		{"blames EE with parts", []graph.ClaimEnd{blamed(idPartsState, true)}, att(1, 2, 3, 4, 6, 8)},
		{"blames LV with parts", []graph.ClaimEnd{blamed(idPartsOther, true)}, att(5, 9)},
		{"blames the agency with parts", []graph.ClaimEnd{blamed(idPartsAgency, true)}, att(2, 6)},
		{"blames EE with parts, made by Finland", []graph.ClaimEnd{blamed(idPartsState, true), byFinland}, att(1, 2, 4, 6)},
		{"made by Finland, blames LV with parts", []graph.ClaimEnd{byFinland, blamed(idPartsOther, true)}, att(5)},
		{"blames EE without parts and LV with", []graph.ClaimEnd{blamed(idPartsState, false), blamed(idPartsOther, true)}, []string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			q := graph.ClaimEndsQuery{Ends: c.ends, First: 2}
			for i := 0; ; i++ {
				page, err := s.ClaimEnds(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if page.Total != len(c.want) {
					t.Errorf("page %d: total %d, want %d", i, page.Total, len(c.want))
				}
				got = append(got, page.IDs...)
				if !page.HasMore || i > 10 {
					break
				}
				q.After = page.IDs[len(page.IDs)-1]
			}
			if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
				t.Errorf("ClaimEnds = %v, want %v (in id order, each once)", got, c.want)
			}
		})
	}
	for _, c := range []struct {
		name string
		q    graph.ClaimEndsQuery
		code graph.Code
	}{
		{"no condition", graph.ClaimEndsQuery{}, graph.CodeInvalid},
		{"unknown state", graph.ClaimEndsQuery{Ends: []graph.ClaimEnd{blamed("country:ZZ", true)}}, graph.CodeNotFound},
		{"unknown in a second condition", graph.ClaimEndsQuery{Ends: []graph.ClaimEnd{blamed(idPartsState, true), blamed("org:nobody", false)}}, graph.CodeNotFound},
	} {
		if _, err := s.ClaimEnds(ctx, c.q); !graph.HasCode(err, c.code) {
			t.Errorf("ClaimEnds(%s) = %v, want %s", c.name, err, c.code)
		}
	}
}
