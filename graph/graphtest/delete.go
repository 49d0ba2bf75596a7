package graphtest

import (
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

const (
	idSt1 = "statement:sullivan-accountable" // cited in A only
	idSt2 = "statement:estonia-attack"       // cited in A and B
)

// deletion is a store holding two documents, A and B, arranged so that
// deleting A exercises every step of the cascade:
//
//	US -SUPPORTED-> EE         cited in A and B: kept
//	st2                        cited in A and B: kept
//	Sullivan -SAID-> st1       cited in A only: removed
//	LV -CRITICIZED-> RU        cited in A only: removed
//	att -BLAMES-> GRU          cited in A only: removed
//	st1, att                   claim-nodes cited in A only: removed
//	st1 -ABOUT-> RU            cited in B too, but touches st1: removed
//	GB -ATTRIBUTED-> att       cited in B too, but touches att: removed
//	LV, Sullivan, GRU          no source, left with nothing: removed
//	EE (no source)             keeps a claim: kept
//	Kaljulaid (no source)      has evidence of its own in B: kept
//	US, RU, GB                 reference countries: kept, RU and GB bare
type deletion struct {
	batch                                                  graph.Batch
	docA, docB                                             graph.Document
	supported, said, criticized, blames, about, attributed string
}

func deletionFixture(t *testing.T) deletion {
	a := newDoc(t, "Report A", "2018-09-28")
	for _, n := range []graph.Node{
		country(idUS, "United States"), country(idRU, "Russia"), country(idGB, "United Kingdom"),
		entity(idEE, graph.KindCountry, "Estonia"),
		entity(idLV, graph.KindCountry, "Latvia"),
		entity(idSullivan, graph.KindPerson, "John Sullivan"),
		withProps(entity(idGRU, graph.KindOrganization, "GRU"), "kind", "military"),
		entity(idKaljulaid, graph.KindPerson, "Kersti Kaljulaid"),
	} {
		a.node(n, "")
	}
	var d deletion
	d.supported = a.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.").ID
	a.node(withProps(entity(idSt1, graph.KindStatement, "Sullivan on accountability"), "text", "Russia must be held accountable"),
		"John Sullivan said Russia must be held accountable.")
	d.said = a.claim(idSullivan, graph.RelSaid, idSt1, "John Sullivan said Russia must be held accountable.").ID
	d.about = a.claim(idSt1, graph.RelAbout, idRU, "Russia must be held accountable").ID
	d.criticized = a.claim(idLV, graph.RelCriticized, idRU, "Latvia criticized Russia.").ID
	a.node(entity(idAttrib, graph.KindAttribution, "UK attribution to the GRU"), "The United Kingdom blamed the GRU.")
	d.attributed = a.claim(idGB, graph.RelAttributed, idAttrib, "The United Kingdom blamed the GRU.").ID
	d.blames = a.claim(idAttrib, graph.RelBlames, idGRU, "blamed the GRU").ID
	a.node(withProps(entity(idSt2, graph.KindStatement, "Estonia on the attack"), "text", "a statement on the attack"),
		"Estonia issued a statement on the attack.")

	b := newDoc(t, "Report B", "2018-10-01")
	b.cite(d.supported, "Washington supported Estonia.")
	b.cite(d.about, "The statement was about Russia.")
	b.cite(d.attributed, "The United Kingdom made the attribution.")
	b.cite(idSt2, "Estonia's statement on the attack was noted.")
	b.cite(idKaljulaid, "Kersti Kaljulaid was mentioned.")

	ba, bb := a.batch(), b.batch()
	d.batch, d.docA, d.docB = merge(ba, bb), ba.Documents[0], bb.Documents[0]
	return d
}

// afterDeletingA is what the store holds once A is deleted.
func afterDeletingA() graph.Stats {
	return graph.Stats{
		Nodes:         map[graph.NodeKind]int{graph.KindCountry: 4, graph.KindStatement: 1, graph.KindPerson: 1},
		Relationships: map[graph.RelType]int{graph.RelSupported: 1},
		Documents:     1,
		Evidence:      3,
	}
}

func deleteA(t *testing.T, s graph.Store) (deletion, graph.DeleteResult) {
	t.Helper()
	d := deletionFixture(t)
	upsert(t, s, d.batch)
	res, err := s.DeleteDocument(t.Context(), d.docA.ID)
	if err != nil {
		t.Fatalf("DeleteDocument(A): %v", err)
	}
	return d, res
}

// testDeleteKeepsSupported: claims and claim-nodes that still have evidence
// in another document stay, with only that evidence.
func testDeleteKeepsSupported(t *testing.T, s graph.Store) {
	d, _ := deleteA(t, s)
	if rs := relsByID(t, s, d.supported); len(rs) != 1 {
		t.Errorf("the claim cited by both documents is gone")
	}
	if ns := nodes(t, s, idSt2); len(ns) != 1 {
		t.Errorf("the statement cited by both documents is gone")
	}
	ev := evidence(t, s, d.supported, idSt2)
	for _, subject := range []string{d.supported, idSt2} {
		if len(ev[subject]) != 1 || ev[subject][0].DocumentID != d.docB.ID {
			t.Errorf("evidence of %s after deleting A = %+v, want only its evidence in B", subject, ev[subject])
		}
	}
}

// testDeleteRemovesUnsupportedClaims: claims cited only by the deleted
// document go, with their evidence.
func testDeleteRemovesUnsupportedClaims(t *testing.T, s graph.Store) {
	d, _ := deleteA(t, s)
	gone := []string{d.said, d.criticized, d.blames}
	if rs := relsByID(t, s, gone...); len(rs) != 0 {
		t.Errorf("claims left without evidence survived: %q", relPairs(rs))
	}
	if ev := evidence(t, s, gone...); len(ev) != 0 {
		t.Errorf("evidence of removed claims survived: %+v", ev)
	}
}

// testDeleteRemovesClaimNodes: statement and attribution nodes left without
// evidence go, and so do the claims touching them, even claims that still
// have evidence elsewhere, together with that evidence.
func testDeleteRemovesClaimNodes(t *testing.T, s graph.Store) {
	d, _ := deleteA(t, s)
	if ns := nodes(t, s, idSt1, idAttrib); len(ns) != 0 {
		t.Errorf("claim-nodes left without evidence survived: %q", nodeIDs(ns))
	}
	if rs := relsByID(t, s, d.about, d.attributed); len(rs) != 0 {
		t.Errorf("claims touching removed claim-nodes survived: %q", relPairs(rs))
	}
	evB, err := s.EvidenceOfDocument(t.Context(), d.docB.ID)
	if err != nil {
		t.Fatalf("EvidenceOfDocument(B): %v", err)
	}
	for _, e := range evB {
		if e.Subject == d.about || e.Subject == d.attributed {
			t.Errorf("evidence %q in B still supports the removed claim %s", e.Quote, e.Subject)
		}
	}
	if len(evB) != 3 {
		t.Errorf("document B has %d evidence left, want 3", len(evB))
	}
}

// testDeleteRemovesOrphans: nodes without a reference source that are left
// with no claim and no evidence go, everywhere (lookups, listing, search);
// nodes that keep a claim or their own evidence stay.
func testDeleteRemovesOrphans(t *testing.T, s graph.Store) {
	deleteA(t, s)
	orphans := []string{idLV, idSullivan, idGRU}
	if ns := nodes(t, s, orphans...); len(ns) != 0 {
		t.Errorf("orphan nodes survived: %q", nodeIDs(ns))
	}
	all := allNodeIDs(t, s)
	for _, id := range orphans {
		if slices.Contains(all, id) {
			t.Errorf("ListNodes still lists the removed %s", id)
		}
	}
	for _, q := range []string{"Latvia", "Sullivan", "GRU"} {
		for _, h := range search(t, s, graph.SearchQuery{Text: q}) {
			if slices.Contains(orphans, h.Node.ID) || h.Node.ID == idSt1 || h.Node.ID == idAttrib {
				t.Errorf("Search(%q) still finds the removed %s", q, h.Node.ID)
			}
		}
	}
	for _, id := range []string{idEE, idKaljulaid} {
		if ns := nodes(t, s, id); len(ns) != 1 {
			t.Errorf("%s was removed, but it still has a claim or evidence", id)
		}
	}
}

// testDeleteKeepsReferenceNodes: nodes from reference data stay even when
// nothing refers to them any more.
func testDeleteKeepsReferenceNodes(t *testing.T, s graph.Store) {
	deleteA(t, s)
	for _, id := range []string{idUS, idRU, idGB} {
		if ns := nodes(t, s, id); len(ns) != 1 {
			t.Errorf("reference node %s was removed", id)
		}
	}
}

// testDeleteCounts: DeleteResult counts what went, the store holds exactly
// what remains, and the document is gone for good.
func testDeleteCounts(t *testing.T, s graph.Store) {
	d := deletionFixture(t)
	upsert(t, s, d.batch)
	before := stats(t, s)
	res, err := s.DeleteDocument(t.Context(), d.docA.ID)
	if err != nil {
		t.Fatalf("DeleteDocument(A): %v", err)
	}
	after := stats(t, s)
	if diff := statsDiff(afterDeletingA(), after); diff != "" {
		t.Errorf("Stats after deleting A: %s", diff)
	}
	want := graph.DeleteResult{
		Evidence:      before.Evidence - after.Evidence,
		Relationships: before.TotalRelationships() - after.TotalRelationships(),
		Nodes:         before.TotalNodes() - after.TotalNodes(),
	}
	if res != want {
		t.Errorf("DeleteDocument result = %+v, want %+v (what Stats says went)", res, want)
	}
	if ds := documents(t, s, d.docA.ID, d.docB.ID); len(ds) != 1 || ds[0].ID != d.docB.ID {
		t.Errorf("Documents(A, B) after deleting A: %d documents, want only B", len(ds))
	}
	p, err := s.ListDocuments(t.Context(), graph.ListDocumentsQuery{First: 10})
	if err != nil {
		t.Fatalf("ListDocuments: %v", err)
	}
	if p.Total != 1 || len(p.Documents) != 1 {
		t.Errorf("ListDocuments after deleting A: Total %d, %d documents; want 1", p.Total, len(p.Documents))
	}
	_, err = s.DeleteDocument(t.Context(), d.docA.ID)
	wantCode(t, "deleting A a second time", err, graph.CodeNotFound)
}

// testDeleteUnknown: deleting a document that was never stored is
// CodeNotFound and changes nothing.
func testDeleteUnknown(t *testing.T, s graph.Store) {
	d := deletionFixture(t)
	upsert(t, s, d.batch)
	before := stats(t, s)
	for _, id := range []string{graph.DocumentID("never stored"), "doc:' OR 1=1 --"} {
		_, err := s.DeleteDocument(t.Context(), id)
		wantCode(t, "DeleteDocument("+id+")", err, graph.CodeNotFound)
	}
	unchanged(t, s, before, "deleting unknown documents")
}

// testDeleteThenReload: loading a deleted document again restores exactly
// what was there, so that a corrected article can be re-imported.
func testDeleteThenReload(t *testing.T, s graph.Store) {
	d := deletionFixture(t)
	upsert(t, s, d.batch)
	before := stats(t, s)
	if _, err := s.DeleteDocument(t.Context(), d.docA.ID); err != nil {
		t.Fatalf("DeleteDocument(A): %v", err)
	}
	upsert(t, s, d.batch)
	if diff := statsDiff(before, stats(t, s)); diff != "" {
		t.Errorf("Stats after deleting A and loading everything again: %s", diff)
	}
}
