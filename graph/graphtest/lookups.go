package graphtest

import (
	"cmp"
	"reflect"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// testNodesByID: Nodes keeps the order of the ids asked for, skips unknown
// ids and returns a repeated id once. Dataloaders rely on this.
func testNodesByID(t *testing.T, s graph.Store) {
	b, _, _ := world(t)
	upsert(t, s, b)
	got := nodeIDs(nodes(t, s, idStatement, "country:ZZ", idUS, idEE, idUS, "", idAttrib))
	want := []string{idStatement, idUS, idEE, idAttrib}
	if !slices.Equal(got, want) {
		t.Errorf("Nodes = %q, want %q", got, want)
	}
	if got := nodes(t, s); len(got) != 0 {
		t.Errorf("Nodes() with no ids = %q, want none", nodeIDs(got))
	}
	if got := nodes(t, s, "country:ZZ"); len(got) != 0 {
		t.Errorf("Nodes(unknown) = %q, want none", nodeIDs(got))
	}
}

// testRelationshipsByID: in the order asked for, unknown ids skipped, every
// field as written.
func testRelationshipsByID(t *testing.T, s graph.Store) {
	b, _, _ := world(t)
	upsert(t, s, b)
	byID := map[string]graph.Relationship{}
	for _, r := range b.Relationships {
		byID[r.ID] = r
	}
	r1, r2 := b.Relationships[len(b.Relationships)-1], b.Relationships[0]
	got := relsByID(t, s, r1.ID, graph.ClaimID(idEE, graph.RelBlames, idRU), r2.ID)
	if want := []string{r1.ID, r2.ID}; !slices.Equal(relIDs(got), want) {
		t.Fatalf("RelationshipsByID = %q, want %q", relIDs(got), want)
	}
	for _, r := range got {
		if d := relDiff(byID[r.ID], r); d != "" {
			t.Errorf("claim %s: %s", r.ID, d)
		}
	}
	if got := relsByID(t, s, "claim:unknown"); len(got) != 0 {
		t.Errorf("RelationshipsByID(unknown) = %q, want none", relIDs(got))
	}
}

// testDocuments: Documents keeps order and skips unknown ids; every field,
// the text above all, comes back as written; ListDocuments pages through
// all documents once, in id order, with their text.
func testDocuments(t *testing.T, s graph.Store) {
	b, docA, docB := world(t)
	upsert(t, s, b)
	got := documents(t, s, docB.ID, graph.DocumentID("never stored"), docA.ID)
	if len(got) != 2 || !reflect.DeepEqual(got[0], docB) || !reflect.DeepEqual(got[1], docA) {
		t.Errorf("Documents(B, unknown, A) =\n%+v\nwant\n%+v", got, []graph.Document{docB, docA})
	}

	want := []graph.Document{docA, docB}
	slices.SortFunc(want, func(x, y graph.Document) int { return cmp.Compare(x.ID, y.ID) })
	var all []graph.Document
	after := ""
	for range 10 {
		p, err := s.ListDocuments(t.Context(), graph.ListDocumentsQuery{First: 1, After: after})
		if err != nil {
			t.Fatalf("ListDocuments: %v", err)
		}
		if p.Total != 2 {
			t.Errorf("ListDocuments Total = %d, want 2", p.Total)
		}
		if len(p.Documents) > 1 {
			t.Fatalf("ListDocuments(First 1) returned %d documents", len(p.Documents))
		}
		all = append(all, p.Documents...)
		if !p.HasMore {
			break
		}
		after = p.EndCursor
	}
	if !reflect.DeepEqual(all, want) {
		t.Errorf("ListDocuments pages =\n%+v\nwant, in id order with text,\n%+v", all, want)
	}
}

// testEvidenceBySubject: Evidence returns each subject's evidence keyed by
// subject, ordered by document then offset; subjects without evidence are
// absent.
func testEvidenceBySubject(t *testing.T, s graph.Store) {
	a := newDoc(t, "A", "2018-01-01",
		"Washington pledged help to Estonia.",
		"The United States supported Estonia.",
		"Officials said Estonia would be defended.")
	a.node(country(idUS, "United States"), "")
	a.node(country(idEE, "Estonia"), "")
	// Cited in reverse text order, so a store returning insertion order
	// fails.
	r := a.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.")
	a.cite(r.ID, "Washington pledged help to Estonia.")
	st := a.node(withProps(entity(idStatement, graph.KindStatement, "Defence of Estonia"),
		"text", "Estonia would be defended"), "Officials said Estonia would be defended.")
	bk := newDoc(t, "B", "2018-01-02", "American support for Estonia continued.")
	bk.cite(r.ID, "American support for Estonia continued.")
	ba, bb := a.batch(), bk.batch()
	upsert(t, s, merge(ba, bb))

	want := map[string][]graph.Evidence{}
	for _, e := range append(ba.Evidence, bb.Evidence...) {
		want[e.Subject] = append(want[e.Subject], e)
	}
	for _, evs := range want {
		slices.SortFunc(evs, func(x, y graph.Evidence) int {
			return cmp.Or(cmp.Compare(x.DocumentID, y.DocumentID), cmp.Compare(x.Start, y.Start))
		})
	}
	got := evidence(t, s, r.ID, st.ID, idEE, "claim:unknown")
	for _, absent := range []string{idEE, "claim:unknown"} {
		if evs, ok := got[absent]; ok {
			t.Errorf("Evidence has key %q (with %d items), want it absent", absent, len(evs))
		}
	}
	for subject, w := range want {
		if !slices.Equal(got[subject], w) {
			t.Errorf("Evidence[%s] =\n%+v\nwant, by document then offset,\n%+v", subject, got[subject], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("Evidence returned %d subjects, want %d", len(got), len(want))
	}
}

// testEvidenceOfDocument: all evidence pointing into one document, in text
// order.
func testEvidenceOfDocument(t *testing.T, s graph.Store) {
	b, docA, _ := world(t)
	upsert(t, s, b)
	var want []graph.Evidence
	for _, e := range b.Evidence {
		if e.DocumentID == docA.ID {
			want = append(want, e)
		}
	}
	got, err := s.EvidenceOfDocument(t.Context(), docA.ID)
	if err != nil {
		t.Fatalf("EvidenceOfDocument: %v", err)
	}
	if !sameSet(evidenceIDs(got), evidenceIDs(want)) {
		t.Fatalf("EvidenceOfDocument ids = %q, want %q", evidenceIDs(got), evidenceIDs(want))
	}
	if !slices.IsSortedFunc(got, func(x, y graph.Evidence) int { return cmp.Compare(x.Start, y.Start) }) {
		t.Errorf("EvidenceOfDocument is not ordered by offset: %+v", got)
	}
	byID := map[string]graph.Evidence{}
	for _, e := range want {
		byID[e.ID] = e
	}
	for _, e := range got {
		if e != byID[e.ID] {
			t.Errorf("evidence %s = %+v, want %+v", e.ID, e, byID[e.ID])
		}
	}
}

func evidenceIDs(es []graph.Evidence) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// testStats: Stats counts nodes by kind, claims by type, documents and
// evidence, from an empty store on.
func testStats(t *testing.T, s graph.Store) {
	if d := statsDiff(graph.Stats{}, stats(t, s)); d != "" {
		t.Errorf("Stats of an empty store: %s", d)
	}
	b, _, _ := world(t)
	upsert(t, s, b)
	want := expectStats(b)
	// Spelled out once, so that a mistake in expectStats cannot hide one in
	// the store.
	if want.Nodes[graph.KindCountry] != 4 || want.Nodes[graph.KindPerson] != 1 ||
		want.Relationships[graph.RelAttended] != 2 || want.Documents != 2 || want.Evidence != 13 {
		t.Fatalf("graphtest fixture: world changed, expected counts %+v", want)
	}
	if d := statsDiff(want, stats(t, s)); d != "" {
		t.Errorf("Stats: %s", d)
	}
	if got := stats(t, s); got.TotalNodes() != len(b.Nodes) || got.TotalRelationships() != len(b.Relationships) {
		t.Errorf("Stats totals %d nodes, %d claims; want %d, %d",
			got.TotalNodes(), got.TotalRelationships(), len(b.Nodes), len(b.Relationships))
	}
}
