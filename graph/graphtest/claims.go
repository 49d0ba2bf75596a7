package graphtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// Ids the claims fixture adds to world.
const (
	idAPT28     = "org:apt28"
	idFO        = "org:uk-foreign-office"
	idMinister  = "person:tariq-ahmad"
	idStmtUK    = "statement:ahmad-notpetya"
	idAttribRU  = "attribution:us-apt28"
	otherPress  = "Other Press"
	ruleAttrib  = "rule:attribution@1"
	ruleWarning = "rule:warning@2"
)

// claimsFixture is world plus a third article, from another publisher, with
// rule-extracted claims, a threat group that is part of the GRU, and a
// British minister whose statement reaches the United Kingdom through his
// role in the Foreign Office:
//
//	APT28 -PART_OF-> GRU -PART_OF-> Russia
//	Ahmad -HOLDS_ROLE-> Foreign Office -PART_OF-> United Kingdom
func claimsFixture(t *testing.T) (graph.Batch, graph.Document, graph.Document, graph.Document) {
	b, docA, docB := world(t)
	c := newDoc(t, "Warnings and attributions", "2019-02")
	c.node(withProps(entity(idAPT28, graph.KindOrganization, "APT28", "Fancy Bear"), "kind", "threat-group"), "")
	c.node(withProps(entity(idFO, graph.KindOrganization, "UK Foreign Office"), "kind", "government"), "")
	c.node(entity(idMinister, graph.KindPerson, "Tariq Ahmad"), "")
	c.node(withProps(entity(idStmtUK, graph.KindStatement, "Ahmad on NotPetya"),
		"text", "the Russian military was responsible"), "the Russian military was responsible")
	c.node(withProps(entity(idAttribRU, graph.KindAttribution, "US attribution to APT28"), "modality", "alleged"),
		"Washington suspects Fancy Bear")
	c.claim(idAPT28, graph.RelPartOf, idGRU, "Fancy Bear is a unit of the GRU.", confidence(0.85))
	c.claim(idFO, graph.RelPartOf, idGB, "The Foreign Office is a British ministry.")
	c.claim(idMinister, graph.RelHoldsRole, idFO, "Foreign Office minister Tariq Ahmad", relProps("title", "Minister"))
	c.claim(idMinister, graph.RelSaid, idStmtUK, "Tariq Ahmad said the Russian military was responsible.", dated("2018-02-15"))
	c.claim(idStmtUK, graph.RelAbout, idRU, "the Russian military was responsible", confidence(0.65), method(ruleAttrib))
	c.claim(idUS, graph.RelAttributed, idAttribRU, "Washington suspects Fancy Bear of the intrusion.", confidence(0.55), method(ruleAttrib), modality(graph.Alleged))
	c.claim(idAttribRU, graph.RelBlames, idAPT28, "Washington suspects Fancy Bear", confidence(0.6), method(ruleAttrib), modality(graph.Alleged))
	c.claim(idUS, graph.RelWarned, idRU, "Washington warned Moscow of consequences.", confidence(0.7), method(ruleWarning), dated("2019-01"))
	c.claim(idRU, graph.RelDenied, idAttribRU, "Moscow denied any involvement.", modality(graph.Denied))
	bc := c.batch()
	bc.Documents[0].Publisher = otherPress
	return merge(b, bc), docA, docB, bc.Documents[0]
}

func method(m string) relOpt { return func(r *graph.Relationship) { r.Method = m } }

// loadClaims writes the fixture and returns its claims by id and the kind of
// every node.
func loadClaims(t *testing.T, s graph.Store) (graph.Batch, map[string]graph.NodeKind, [3]graph.Document) {
	t.Helper()
	b, a, bk, c := claimsFixture(t)
	if _, err := s.Upsert(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]graph.NodeKind{}
	for _, n := range b.Nodes {
		kinds[n.ID] = n.Kind
	}
	return b, kinds, [3]graph.Document{a, bk, c}
}

// allClaims pages through Claims with q, two at a time, checking that every
// page reports the same total and that the walk ends.
func allClaims(t *testing.T, s graph.Store, q graph.ClaimQuery) []graph.Relationship {
	t.Helper()
	var out []graph.Relationship
	q.First = 2
	for i := 0; ; i++ {
		page, err := s.Claims(t.Context(), q)
		if err != nil {
			t.Fatalf("Claims(%+v): %v", q, err)
		}
		out = append(out, page.Relationships...)
		if page.Total < len(out) {
			t.Fatalf("Claims(%+v): total %d, but %d claims seen", q, page.Total, len(out))
		}
		if !page.HasMore {
			if page.Total != len(out) {
				t.Fatalf("Claims(%+v): total %d, but the pages held %d", q, page.Total, len(out))
			}
			return out
		}
		if i > 50 {
			t.Fatalf("Claims(%+v): the pages do not end", q)
		}
		q.After = page.EndCursor
	}
}

// Claims selects by every condition of ClaimWhere on the claim and its ends
// as graph.ClaimWhere.PassesClaim documents them, each case also pinned to
// the claims a reader expects.
func testClaimsFilters(t *testing.T, s graph.Store) {
	b, kinds, _ := loadClaims(t, s)
	byID := map[string]graph.Relationship{}
	for _, r := range b.Relationships {
		byID[r.ID] = r
	}
	id := graph.ClaimID
	for _, c := range []struct {
		name string
		w    graph.ClaimWhere
		want []string
	}{
		{"type", graph.ClaimWhere{Types: []graph.RelType{graph.RelBlames}},
			[]string{id(idAttrib, graph.RelBlames, idGRU), id(idAttribRU, graph.RelBlames, idAPT28)}},
		{"from and type", graph.ClaimWhere{From: []string{idUS}, Types: []graph.RelType{graph.RelWarned, graph.RelAttributed}},
			[]string{id(idUS, graph.RelWarned, idRU), id(idUS, graph.RelAttributed, idAttribRU)}},
		{"to", graph.ClaimWhere{To: []string{idRU}},
			[]string{id(idStatement, graph.RelAbout, idRU), id(idGRU, graph.RelPartOf, idRU), id(idStmtUK, graph.RelAbout, idRU), id(idUS, graph.RelWarned, idRU)}},
		{"touches", graph.ClaimWhere{Touches: []string{idAttribRU}},
			[]string{id(idUS, graph.RelAttributed, idAttribRU), id(idAttribRU, graph.RelBlames, idAPT28), id(idRU, graph.RelDenied, idAttribRU)}},
		{"kinds", graph.ClaimWhere{FromKinds: []graph.NodeKind{graph.KindPerson}, ToKinds: []graph.NodeKind{graph.KindStatement}},
			[]string{id(idSullivan, graph.RelSaid, idStatement), id(idMinister, graph.RelSaid, idStmtUK)}},
		{"extracted", graph.ClaimWhere{Methods: []string{"extracted"}},
			[]string{id(idStmtUK, graph.RelAbout, idRU), id(idUS, graph.RelAttributed, idAttribRU), id(idAttribRU, graph.RelBlames, idAPT28), id(idUS, graph.RelWarned, idRU)}},
		{"rule name", graph.ClaimWhere{Methods: []string{"warning"}}, []string{id(idUS, graph.RelWarned, idRU)}},
		{"exact rule", graph.ClaimWhere{Methods: []string{ruleAttrib}, Types: []graph.RelType{graph.RelAbout}}, []string{id(idStmtUK, graph.RelAbout, idRU)}},
		{"modality", graph.ClaimWhere{Modalities: []graph.Modality{graph.Denied}}, []string{id(idRU, graph.RelDenied, idAttribRU)}},
		{"extracted below 0.7", graph.ClaimWhere{Methods: []string{"extracted"}, MaxConfidence: 0.7, HasMaxConfidence: true},
			[]string{id(idStmtUK, graph.RelAbout, idRU), id(idUS, graph.RelAttributed, idAttribRU), id(idAttribRU, graph.RelBlames, idAPT28)}},
		{"confidence range", graph.ClaimWhere{MinConfidence: 0.6, MaxConfidence: 0.7, HasMaxConfidence: true},
			[]string{id(idStmtUK, graph.RelAbout, idRU), id(idAttribRU, graph.RelBlames, idAPT28)}},
		{"dates", graph.ClaimWhere{Since: "2019", Until: "2019-01"},
			[]string{id(idUS, graph.RelWarned, idRU)}},
		{"curated and asserted from the US", graph.ClaimWhere{From: []string{idUS}, Methods: []string{"curated"}, Modalities: []graph.Modality{graph.Asserted}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var oracle []string
			for _, r := range b.Relationships {
				if c.w.PassesClaim(r, kinds[r.From], kinds[r.To]) {
					oracle = append(oracle, r.ID)
				}
			}
			if !sameSet(oracle, c.want) {
				t.Fatalf("fixture and ClaimWhere.PassesClaim disagree: PassesClaim keeps %v, the case expects %v",
					claimNames(byID, oracle), claimNames(byID, c.want))
			}
			got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: c.w}))
			if !sameSet(got, c.want) {
				t.Errorf("Claims(%+v) = %v, want %v", c.w, claimNames(byID, got), claimNames(byID, c.want))
			}
		})
	}
}

func claimNames(byID map[string]graph.Relationship, ids []string) []string {
	out := []string{}
	for _, id := range sorted(ids) {
		r := byID[id]
		out = append(out, fmt.Sprintf("%s-%s->%s", r.From, r.Type, r.To))
	}
	return out
}

// Conditions on evidence: the documents, publishers and words of the
// sentences a claim comes from.
func testClaimsEvidence(t *testing.T, s graph.Store) {
	b, _, docs := loadClaims(t, s)
	byID := map[string]graph.Relationship{}
	for _, r := range b.Relationships {
		byID[r.ID] = r
	}
	cited := func(keep func(graph.Evidence) bool) []string {
		seen := map[string]bool{}
		var out []string
		for _, e := range b.Evidence {
			if _, ok := byID[e.Subject]; ok && keep(e) && !seen[e.Subject] {
				seen[e.Subject] = true
				out = append(out, e.Subject)
			}
		}
		return out
	}
	id := graph.ClaimID
	for _, c := range []struct {
		name string
		w    graph.ClaimWhere
		want []string
	}{
		{"document", graph.ClaimWhere{Documents: []string{docs[1].ID}},
			cited(func(e graph.Evidence) bool { return e.DocumentID == docs[1].ID })},
		{"publisher", graph.ClaimWhere{Publishers: []string{otherPress}},
			cited(func(e graph.Evidence) bool { return e.DocumentID == docs[2].ID })},
		{"words", graph.ClaimWhere{Text: "Russia accountable"},
			[]string{id(idStatement, graph.RelAbout, idRU), id(idSullivan, graph.RelSaid, idStatement)}},
		{"whole words only", graph.ClaimWhere{Text: "intelligenc"}, nil},
		{"a word in any case", graph.ClaimWhere{Text: "INTELLIGENCE"}, []string{id(idGRU, graph.RelPartOf, idRU)}},
		{"words and publisher on one evidence", graph.ClaimWhere{Text: "Washington", Publishers: []string{"graphtest"}}, nil},
		{"words, publisher and type", graph.ClaimWhere{Text: "Washington", Publishers: []string{otherPress}, Types: []graph.RelType{graph.RelWarned}},
			[]string{id(idUS, graph.RelWarned, idRU)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if len(c.want) == 0 && c.name == "document" {
				t.Fatal("fixture: no claim cited in the document")
			}
			got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: c.w}))
			if !sameSet(got, c.want) {
				t.Errorf("Claims(%+v) = %v, want %v", c.w, claimNames(byID, got), claimNames(byID, c.want))
			}
		})
	}
}

// IncludeParts follows PART_OF (and HOLDS_ROLE) down from the ids given:
// "blames Russia" finds the attributions blaming the GRU and APT28, and
// "said by the United Kingdom" the statement of a Foreign Office minister.
func testClaimsIncludeParts(t *testing.T, s graph.Store) {
	loadClaims(t, s)
	id := graph.ClaimID
	blames := graph.ClaimWhere{Types: []graph.RelType{graph.RelBlames}, To: []string{idRU}}
	if got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: blames})); len(got) != 0 {
		t.Errorf("without parts, nothing blames Russia itself; got %v", got)
	}
	blames.IncludeParts = true
	want := []string{id(idAttrib, graph.RelBlames, idGRU), id(idAttribRU, graph.RelBlames, idAPT28)}
	if got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: blames})); !sameSet(got, want) {
		t.Errorf("blames Russia with parts = %v, want %v", got, want)
	}
	said := graph.ClaimWhere{Types: []graph.RelType{graph.RelSaid}, From: []string{idGB}, IncludeParts: true}
	if got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: said})); !sameSet(got, []string{id(idMinister, graph.RelSaid, idStmtUK)}) {
		t.Errorf("said by the UK with parts = %v, want the minister's statement", got)
	}
	parts, err := graph.Parts(t.Context(), s, []string{idRU})
	if err != nil {
		t.Fatal(err)
	}
	if !sameSet(parts, []string{idRU, idGRU, idAPT28}) || parts[0] != idRU {
		t.Errorf("Parts(Russia) = %v, want Russia first, then the GRU and APT28", parts)
	}
	chain, err := graph.ActsFor(t.Context(), s, idAPT28)
	if err != nil {
		t.Fatal(err)
	}
	if got := nodeIDs(chain); !slices.Equal(got, []string{idGRU, idRU}) {
		t.Errorf("ActsFor(APT28) = %v, want [GRU Russia]", got)
	}
	chain, err = graph.ActsFor(t.Context(), s, idMinister)
	if err != nil {
		t.Fatal(err)
	}
	if got := nodeIDs(chain); !slices.Equal(got, []string{idFO, idGB}) {
		t.Errorf("ActsFor(minister) = %v, want [Foreign Office, United Kingdom]", got)
	}
	if _, err := graph.ActsFor(t.Context(), s, "org:nobody"); !graph.HasCode(err, graph.CodeNotFound) {
		t.Errorf("ActsFor(unknown) = %v, want not_found", err)
	}
}

// Every order, both directions, pages through all the claims without
// skipping or repeating one, sorted by the order's key and then by id.
func testClaimsOrder(t *testing.T, s graph.Store) {
	b, _, _ := loadClaims(t, s)
	for _, f := range []graph.ClaimOrderField{graph.OrderByID, graph.OrderByDate, graph.OrderByConfidence, graph.OrderByType, graph.OrderByFirstSeen} {
		for _, desc := range []bool{false, true} {
			o := graph.ClaimOrder{Field: f, Descending: desc}
			t.Run(fmt.Sprintf("%s desc=%v", f, desc), func(t *testing.T) {
				want := slices.Clone(b.Relationships)
				slices.SortFunc(want, func(x, y graph.Relationship) int {
					c := 0
					if f == graph.OrderByConfidence {
						c = cmpFloat(x.Confidence, y.Confidence)
					} else {
						c = strings.Compare(o.OrderKey(x), o.OrderKey(y))
					}
					if c == 0 {
						c = strings.Compare(x.ID, y.ID)
					}
					if desc {
						c = -c
					}
					return c
				})
				got := allClaims(t, s, graph.ClaimQuery{Order: o})
				if !slices.Equal(relIDs(got), relIDs(want)) {
					var gk, wk []string
					for i := range got {
						gk = append(gk, o.OrderKey(got[i])+" "+got[i].ID)
					}
					for i := range want {
						wk = append(wk, o.OrderKey(want[i])+" "+want[i].ID)
					}
					t.Errorf("order %+v:\n got %v\nwant %v", o, gk, wk)
				}
			})
		}
	}
	// A cursor of one order is refused by an order whose key it cannot be.
	page, err := s.Claims(t.Context(), graph.ClaimQuery{Order: graph.ClaimOrder{Field: graph.OrderByType}, First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claims(t.Context(), graph.ClaimQuery{Order: graph.ClaimOrder{Field: graph.OrderByConfidence}, After: page.EndCursor}); !graph.HasCode(err, graph.CodeInvalid) {
		t.Errorf("a type cursor used for the confidence order: %v, want invalid", err)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ClaimCounts counts distinct claims and documents per group, largest
// first, and says when it cut the list.
func testClaimCounts(t *testing.T, s graph.Store) {
	b, _, docs := loadClaims(t, s)
	ctx := t.Context()
	counts := func(q graph.ClaimCountsQuery) graph.ClaimCounts {
		t.Helper()
		c, err := s.ClaimCounts(ctx, q)
		if err != nil {
			t.Fatalf("ClaimCounts(%+v): %v", q, err)
		}
		return c
	}
	// By type: every type of the fixture with its number of claims.
	want := map[string]int{}
	for _, r := range b.Relationships {
		want[string(r.Type)]++
	}
	got := counts(graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupType}, First: 100})
	if got.Total != len(want) || got.Truncated || len(got.Groups) != len(want) {
		t.Fatalf("by type: %d groups of %d (truncated %v), want %d", len(got.Groups), got.Total, got.Truncated, len(want))
	}
	for i, g := range got.Groups {
		if g.Claims != want[g.Keys[graph.GroupType]] {
			t.Errorf("by type: %s has %d claims, want %d", g.Keys[graph.GroupType], g.Claims, want[g.Keys[graph.GroupType]])
		}
		if i > 0 && (got.Groups[i-1].Claims < g.Claims || got.Groups[i-1].Claims == g.Claims && got.Groups[i-1].Keys[graph.GroupType] > g.Keys[graph.GroupType]) {
			t.Errorf("by type: groups not largest first, then by key: %v", got.Groups)
		}
	}
	// States that made at least two claims, then those reported by at
	// least two documents.
	from := func(q graph.ClaimCountsQuery) []string {
		var out []string
		for _, g := range counts(q).Groups {
			out = append(out, fmt.Sprintf("%s %d/%d", g.Keys[graph.GroupFrom], g.Claims, g.Documents))
		}
		return out
	}
	q := graph.ClaimCountsQuery{Where: graph.ClaimWhere{FromKinds: []graph.NodeKind{graph.KindCountry}},
		GroupBy: []graph.ClaimGroup{graph.GroupFrom}, MinCount: 2}
	if got := from(q); !slices.Equal(got, []string{idEE + " 2/2", idGB + " 2/2", idUS + " 2/1"}) {
		t.Errorf("states with at least two claims (claims/documents): %v", got)
	}
	q.MinDocuments = 2
	if got := from(q); !slices.Equal(got, []string{idEE + " 2/2", idGB + " 2/2"}) {
		t.Errorf("states with claims in at least two documents (claims/documents): %v", got)
	}
	// Grouped by publisher and year: the third article's publisher and its dates.
	got = counts(graph.ClaimCountsQuery{Where: graph.ClaimWhere{From: []string{idUS}},
		GroupBy: []graph.ClaimGroup{graph.GroupYear, graph.GroupPublisher}})
	type key struct{ year, pub string }
	have := map[key]int{}
	for _, g := range got.Groups {
		have[key{g.Keys[graph.GroupYear], g.Keys[graph.GroupPublisher]}] = g.Claims
	}
	if wantHave := map[key]int{{"2019", otherPress}: 2}; !mapsEqual(have, wantHave) {
		t.Errorf("US claims by year and publisher: %v, want %v", have, wantHave)
	}
	// By document: a claim counts once per document it is reported in.
	got = counts(graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupDocument, graph.GroupMethod}})
	for _, g := range got.Groups {
		if g.Documents != 1 {
			t.Errorf("by document: group %v counts %d documents, want 1", g.Keys, g.Documents)
		}
		if g.Keys[graph.GroupDocument] == docs[2].ID && g.Keys[graph.GroupMethod] == ruleAttrib && g.Claims != 3 {
			t.Errorf("by document and method: %v has %d claims, want 3", g.Keys, g.Claims)
		}
	}
	// Without documents: the same groups and claims, documents 0.
	full := counts(graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupType, graph.GroupYear}, First: 100})
	bare := counts(graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupType, graph.GroupYear}, First: 100, SkipDocuments: true})
	if len(full.Groups) != len(bare.Groups) || full.Total != bare.Total {
		t.Fatalf("SkipDocuments changed the groups: %d/%d, want %d/%d", len(bare.Groups), bare.Total, len(full.Groups), full.Total)
	}
	for i := range full.Groups {
		f, b := full.Groups[i], bare.Groups[i]
		if f.Claims != b.Claims || f.Keys[graph.GroupType] != b.Keys[graph.GroupType] || f.Keys[graph.GroupYear] != b.Keys[graph.GroupYear] || b.Documents != 0 {
			t.Errorf("SkipDocuments: group %d is %+v, want %+v with 0 documents", i, b, f)
		}
	}
	// SkipDocuments is ignored where documents decide the groups.
	if c := counts(graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupPublisher}, SkipDocuments: true}); len(c.Groups) == 0 || c.Groups[0].Documents == 0 {
		t.Errorf("grouped by publisher with SkipDocuments: %+v, want documents counted", c.Groups)
	}
	// Cut: the largest group only, and the total of groups.
	got = counts(graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupModality}, First: 1})
	if len(got.Groups) != 1 || got.Total != 3 || !got.Truncated || got.Groups[0].Keys[graph.GroupModality] != string(graph.Asserted) {
		t.Errorf("modality, first 1: %+v, want asserted only of 3 groups, truncated", got)
	}
}

func mapsEqual[K comparable](a, b map[K]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// An unknown id in any filter is CodeNotFound, never an empty answer; bad
// values are CodeInvalid.
func testClaimsRejects(t *testing.T, s graph.Store) {
	loadClaims(t, s)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		w    graph.ClaimWhere
		code graph.Code
	}{
		{"unknown from", graph.ClaimWhere{From: []string{"country:ZZ"}}, graph.CodeNotFound},
		{"unknown to with parts", graph.ClaimWhere{To: []string{"org:nobody"}, IncludeParts: true}, graph.CodeNotFound},
		{"unknown touches", graph.ClaimWhere{Touches: []string{idRU, "person:nobody"}}, graph.CodeNotFound},
		{"unknown document", graph.ClaimWhere{Documents: []string{"doc:00000000000000000000000000000000"}}, graph.CodeNotFound},
		{"unknown type", graph.ClaimWhere{Types: []graph.RelType{"LOVES"}}, graph.CodeInvalid},
		{"unknown kind", graph.ClaimWhere{FromKinds: []graph.NodeKind{"Planet"}}, graph.CodeInvalid},
		{"unknown modality", graph.ClaimWhere{Modalities: []graph.Modality{"rumoured"}}, graph.CodeInvalid},
		{"bad method", graph.ClaimWhere{Methods: []string{"rule:x@"}}, graph.CodeInvalid},
		{"max confidence 2", graph.ClaimWhere{MaxConfidence: 2, HasMaxConfidence: true}, graph.CodeInvalid},
		{"bad date", graph.ClaimWhere{Since: "last year"}, graph.CodeInvalid},
		{"no words", graph.ClaimWhere{Text: "!!"}, graph.CodeInvalid},
	} {
		if _, err := s.Claims(ctx, graph.ClaimQuery{Where: c.w}); !graph.HasCode(err, c.code) {
			t.Errorf("Claims %s: %v, want %s", c.name, err, c.code)
		}
		if _, err := s.ClaimCounts(ctx, graph.ClaimCountsQuery{Where: c.w, GroupBy: []graph.ClaimGroup{graph.GroupType}}); !graph.HasCode(err, c.code) {
			t.Errorf("ClaimCounts %s: %v, want %s", c.name, err, c.code)
		}
	}
	for _, g := range [][]graph.ClaimGroup{nil, {"COLOUR"}, {graph.GroupType, graph.GroupType}} {
		if _, err := s.ClaimCounts(ctx, graph.ClaimCountsQuery{GroupBy: g}); !graph.HasCode(err, graph.CodeInvalid) {
			t.Errorf("ClaimCounts grouped by %v: %v, want invalid", g, err)
		}
	}
	if _, err := s.Claims(ctx, graph.ClaimQuery{Order: graph.ClaimOrder{Field: "colour"}}); !graph.HasCode(err, graph.CodeInvalid) {
		t.Errorf("unknown order: %v, want invalid", err)
	}
	if _, err := s.Claims(ctx, graph.ClaimQuery{After: "not a cursor!"}); !graph.HasCode(err, graph.CodeInvalid) {
		t.Errorf("bad cursor: %v, want invalid", err)
	}
}

// Claims and ClaimCounts select by review status: the visible statuses
// (UNREVIEWED, CONFIRMED) when none is asked for, exactly the statuses asked
// for otherwise, and ClaimCounts groups by them.
func testClaimsReview(t *testing.T, s graph.Store) {
	b, kinds, _ := loadClaims(t, s)
	c, ok := s.(graph.Curator)
	if !ok {
		t.Skip("this store records no reviews")
	}
	ctx := asEditor(t.Context())
	rejected := graph.ClaimID(idUS, graph.RelWarned, idRU)
	confirmed := graph.ClaimID(idAttribRU, graph.RelBlames, idAPT28)
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: rejected, Status: graph.Rejected}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: confirmed, Status: graph.Confirmed}); err != nil {
		t.Fatal(err)
	}
	every := graph.ReviewStatuses()
	stored := allClaims(t, s, graph.ClaimQuery{Where: graph.ClaimWhere{Statuses: every}})
	if len(stored) != len(b.Relationships) {
		t.Fatalf("every status: %d claims, want all %d", len(stored), len(b.Relationships))
	}
	byID := map[string]graph.Relationship{}
	status := map[graph.ReviewStatus]int{}
	for _, r := range stored {
		byID[r.ID] = r
		status[r.Review.Status]++
	}
	if byID[rejected].Review.Status != graph.Rejected || byID[confirmed].Review.Status != graph.Confirmed {
		t.Fatalf("after review: %s is %s, %s is %s", rejected, byID[rejected].Review.Status, confirmed, byID[confirmed].Review.Status)
	}
	for _, cs := range []struct {
		name string
		w    graph.ClaimWhere
		want []string // nil: only checked against PassesClaim
	}{
		{"visible by default", graph.ClaimWhere{}, nil},
		{"rejected only", graph.ClaimWhere{Statuses: []graph.ReviewStatus{graph.Rejected}}, []string{rejected}},
		{"confirmed extracted", graph.ClaimWhere{Statuses: []graph.ReviewStatus{graph.Confirmed}, Methods: []string{"extracted"}}, []string{confirmed}},
		{"unreviewed from the US", graph.ClaimWhere{Statuses: []graph.ReviewStatus{graph.Unreviewed}, From: []string{idUS}},
			[]string{graph.ClaimID(idUS, graph.RelAttributed, idAttribRU)}},
		{"rejected or corrected warnings", graph.ClaimWhere{Statuses: []graph.ReviewStatus{graph.Rejected, graph.Corrected}, Types: []graph.RelType{graph.RelWarned}}, []string{rejected}},
	} {
		t.Run(cs.name, func(t *testing.T) {
			var oracle []string
			for _, r := range stored {
				if cs.w.PassesClaim(r, kinds[r.From], kinds[r.To]) {
					oracle = append(oracle, r.ID)
				}
			}
			if cs.want != nil && !sameSet(oracle, cs.want) {
				t.Fatalf("PassesClaim keeps %v, the case expects %v", sorted(oracle), sorted(cs.want))
			}
			if cs.want == nil && (len(oracle) != len(stored)-1 || slices.Contains(oracle, rejected)) {
				t.Fatalf("PassesClaim keeps %d of %d claims by default, want all but the rejected one", len(oracle), len(stored))
			}
			got := relIDs(allClaims(t, s, graph.ClaimQuery{Where: cs.w}))
			if !sameSet(got, oracle) {
				t.Errorf("Claims(%+v) = %v, want %v", cs.w, sorted(got), sorted(oracle))
			}
		})
	}
	byStatus := func(w graph.ClaimWhere) map[string]int {
		t.Helper()
		out := map[string]int{}
		for _, sk := range []bool{false, true} {
			got, err := s.ClaimCounts(t.Context(), graph.ClaimCountsQuery{Where: w, GroupBy: []graph.ClaimGroup{graph.GroupReview}, SkipDocuments: sk})
			if err != nil {
				t.Fatalf("ClaimCounts by review: %v", err)
			}
			m := map[string]int{}
			for _, g := range got.Groups {
				m[g.Keys[graph.GroupReview]] = g.Claims
			}
			if sk && !mapsEqual(m, out) {
				t.Errorf("ClaimCounts by review of %+v: %v without documents, %v with", w, m, out)
			}
			out = m
		}
		return out
	}
	want := map[string]int{}
	for st, n := range status {
		want[string(st)] = n
	}
	if got := byStatus(graph.ClaimWhere{Statuses: every}); !mapsEqual(got, want) {
		t.Errorf("ClaimCounts by review over every status: %v, want %v", got, want)
	}
	delete(want, string(graph.Rejected))
	if got := byStatus(graph.ClaimWhere{}); !mapsEqual(got, want) {
		t.Errorf("ClaimCounts by review by default: %v, want %v (no rejected claim)", got, want)
	}
	if got := byStatus(graph.ClaimWhere{Statuses: []graph.ReviewStatus{graph.Rejected}, Types: []graph.RelType{graph.RelWarned}}); !mapsEqual(got, map[string]int{string(graph.Rejected): 1}) {
		t.Errorf("ClaimCounts of rejected warnings by review: %v, want REJECTED 1", got)
	}
}
