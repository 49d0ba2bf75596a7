package graphtest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// The contracts of graph.Curator: review state, versions, the mutations,
// the history, and that people's decisions survive later loads.

func reviewContracts() []contract {
	one := func(name string, f func(*testing.T, graph.Store)) contract {
		return contract{name, withStore(func(t *testing.T, s graph.Store) {
			if _, ok := s.(graph.Curator); !ok {
				t.Fatalf("%T does not implement graph.Curator", s)
			}
			f(t, s)
		})}
	}
	return []contract{
		one("ReviewStateOnLoad", testReviewStateOnLoad),
		one("ReviewRejectHides", testReviewRejectHides),
		one("ReviewSurvivesReload", testReviewSurvivesReload),
		one("ReviewVersions", testReviewVersions),
		one("ReviewConcurrent", testReviewConcurrent),
		one("ReviewNeedsAnEditor", testReviewNeedsAnEditor),
		one("AddClaimFromSpan", testAddClaimFromSpan),
		one("AddClaimRefusals", testAddClaimRefusals),
		one("CorrectClaim", testCorrectClaim),
		one("EntityCreateUpdate", testEntityCreateUpdate),
		one("MergeEntities", testMergeEntities),
		one("MergeRefusals", testMergeRefusals),
		one("MergeSurvivesReload", testMergeSurvivesReload),
		one("NotesAndHistory", testNotesAndHistory),
		one("ReviewQueue", testReviewQueue),
		one("FailedChangeLeavesNothing", testFailedChangeLeavesNothing),
		{"CurationRoundTrip", testCurationRoundTrip},
	}
}

const (
	editorName = "ada"
	idCN       = "country:CN"
)

func asEditor(ctx context.Context) context.Context {
	return graph.WithViewer(ctx, graph.Viewer{Name: editorName, Role: graph.RoleEditor})
}

func extracted() relOpt {
	return func(r *graph.Relationship) { r.Method = "rule:test@1"; r.Confidence = 0.6 }
}

// reviewWorld is a document with extracted (unreviewed) claims and one
// curated claim, as a load of an article with an annotation file makes.
func reviewWorld(t testing.TB) (graph.Batch, graph.Document) {
	k := newDoc(t, "Accusations", "2018-10-04",
		"The United Kingdom accused Russia of the attacks.",
		"Estonia backed the United Kingdom.",
		"The United States criticized China for its silence.")
	k.node(country(idGB, "United Kingdom", "UK"), "")
	k.node(country(idRU, "Russia"), "")
	k.node(country(idEE, "Estonia"), "")
	k.node(country(idUS, "United States"), "")
	k.node(country(idCN, "China"), "")
	k.node(entity(idSullivan, graph.KindPerson, "John Sullivan"), "")
	k.node(entity("person:j-sullivan", graph.KindPerson, "J. Sullivan"), "")
	k.claim(idGB, graph.RelAccused, idRU, "The United Kingdom accused Russia of the attacks.", extracted(), confidence(0.4))
	k.claim(idEE, graph.RelSupported, idGB, "Estonia backed the United Kingdom.", extracted(), confidence(0.7))
	k.claim(idUS, graph.RelCriticized, idCN, "The United States criticized China for its silence.")
	k.claim("person:j-sullivan", graph.RelCriticized, idRU, "The United Kingdom accused Russia", extracted(), confidence(0.5))
	b := k.batch()
	return b, b.Documents[0]
}

func loadReviewWorld(t *testing.T, s graph.Store) (graph.Curator, graph.Batch, graph.Document) {
	t.Helper()
	b, d := reviewWorld(t)
	if _, err := s.Upsert(t.Context(), cloneBatch(b)); err != nil {
		t.Fatal(err)
	}
	return s.(graph.Curator), b, d
}

func oneRel(t *testing.T, s graph.Store, id string) graph.Relationship {
	t.Helper()
	rs, err := s.RelationshipsByID(t.Context(), []string{id})
	if err != nil || len(rs) != 1 {
		t.Fatalf("RelationshipsByID(%s) = %v, %v", id, rs, err)
	}
	return rs[0]
}

func mustCode(t *testing.T, what string, err error, code graph.Code) {
	t.Helper()
	if !graph.HasCode(err, code) {
		t.Fatalf("%s: error %v, want code %s", what, err, code)
	}
}

func testReviewStateOnLoad(t *testing.T, s graph.Store) {
	_, _, _ = loadReviewWorld(t, s)
	ex := oneRel(t, s, graph.ClaimID(idGB, graph.RelAccused, idRU))
	if ex.Review.Status != graph.Unreviewed || ex.Version != 1 {
		t.Errorf("extracted claim: review %+v version %d, want UNREVIEWED at version 1", ex.Review, ex.Version)
	}
	cur := oneRel(t, s, graph.ClaimID(idUS, graph.RelCriticized, idCN))
	if cur.Review.Status != graph.Confirmed || cur.Review.By != graph.ByAnnotations || cur.Version != 1 {
		t.Errorf("curated claim: review %+v version %d, want CONFIRMED by %s at version 1", cur.Review, cur.Version, graph.ByAnnotations)
	}
}

func testReviewRejectHides(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	r, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: graph.Rejected, Note: "misread"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Review.Status != graph.Rejected || r.Review.By != editorName || r.Review.Note != "misread" || r.Version != 2 || r.Review.At == "" {
		t.Fatalf("rejected claim = %+v version %d", r.Review, r.Version)
	}
	// By id it is still there, with its state.
	if got := oneRel(t, s, id); got.Review.Status != graph.Rejected {
		t.Errorf("RelationshipsByID: status %s, want REJECTED", got.Review.Status)
	}
	assertHidden(t, s, id, true)
	// Asked for, it shows.
	page, err := s.Relationships(t.Context(), graph.RelationshipsQuery{NodeIDs: []string{idGB}, Filter: graph.Filter{Statuses: graph.ReviewStatuses()}})
	if err != nil || !slices.Contains(relIDs(page.Relationships), id) {
		t.Errorf("Relationships with every status = %v, %v; want %s among them", relIDs(page.Relationships), err, id)
	}
	sub, err := s.Neighborhood(t.Context(), graph.NeighborhoodQuery{Seeds: []string{idGB}, Depth: 1, Filter: graph.Filter{Statuses: []graph.ReviewStatus{graph.Rejected}}})
	if err != nil || !slices.Equal(relIDs(sub.Relationships), []string{id}) {
		t.Errorf("Neighborhood of rejected claims = %v, %v; want only %s", relIDs(sub.Relationships), err, id)
	}
	// Back to unreviewed, it shows again.
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: graph.Unreviewed}); err != nil {
		t.Fatal(err)
	}
	assertHidden(t, s, id, false)
}

// assertHidden checks that claim id (GB -ACCUSED-> RU) is, or is not, left
// out of relationships, neighbourhoods, paths and evidence search.
func assertHidden(t *testing.T, s graph.Store, id string, hidden bool) {
	t.Helper()
	assertHiddenFrom(t, s, id, hidden, true)
}

// assertHiddenFrom is assertHidden, with the search left out when another
// claim cites the same sentence.
func assertHiddenFrom(t *testing.T, s graph.Store, id string, hidden, search bool) {
	t.Helper()
	ctx := t.Context()
	page, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: []string{idGB}})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(relIDs(page.Relationships), id) == hidden {
		t.Errorf("Relationships(GB) = %v; hidden %v", relIDs(page.Relationships), hidden)
	}
	sub, err := s.Neighborhood(ctx, graph.NeighborhoodQuery{Seeds: []string{idRU}, Depth: 1})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(relIDs(sub.Relationships), id) == hidden {
		t.Errorf("Neighborhood(RU) = %v; hidden %v", relIDs(sub.Relationships), hidden)
	}
	paths, err := s.Paths(ctx, graph.PathQuery{From: idEE, To: idRU, MaxHops: 3, K: 3})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range paths {
		found = found || slices.Contains(relIDs(p.Relationships), id)
	}
	if found == hidden {
		t.Errorf("Paths(EE, RU) use the claim: %v; hidden %v", found, hidden)
	}
	if !search {
		return
	}
	hits, err := s.Search(ctx, graph.SearchQuery{Text: "attacks"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(hitIDs(hits), idGB) == hidden {
		t.Errorf("Search(attacks) = %v: the claim's evidence finds GB; hidden %v", hitIDs(hits), hidden)
	}
}

func testReviewSurvivesReload(t *testing.T, s graph.Store) {
	c, b, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	rej := graph.ClaimID(idGB, graph.RelAccused, idRU)
	conf := graph.ClaimID(idEE, graph.RelSupported, idGB)
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: rej, Status: graph.Rejected}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: conf, Status: graph.Confirmed}); err != nil {
		t.Fatal(err)
	}
	// The same article again, and again as newer rules would extract it:
	// other confidence, other modality, a curated method.
	again := cloneBatch(b)
	for i := range again.Relationships {
		again.Relationships[i].Confidence = 0.99
		again.Relationships[i].Modality = graph.Alleged
		again.Relationships[i].Method = graph.MethodCurated
	}
	for _, batch := range []graph.Batch{cloneBatch(b), again} {
		res, err := s.Upsert(t.Context(), batch)
		if err != nil {
			t.Fatal(err)
		}
		if res.Relationships != 0 {
			t.Errorf("reload created %d claims", res.Relationships)
		}
	}
	r := oneRel(t, s, rej)
	if r.Review.Status != graph.Rejected || r.Version != 2 || r.Confidence != 0.4 || r.Modality != graph.Asserted {
		t.Errorf("rejected claim after reloads: %+v version %d confidence %v modality %s", r.Review, r.Version, r.Confidence, r.Modality)
	}
	assertHidden(t, s, rej, true)
	r = oneRel(t, s, conf)
	if r.Review.Status != graph.Confirmed || r.Review.By != editorName || r.Confidence != 0.7 {
		t.Errorf("confirmed claim after reloads: %+v confidence %v; a load must not overwrite a person's decision", r.Review, r.Confidence)
	}
}

func testReviewVersions(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	v1 := 1
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: graph.Confirmed, IfVersion: &v1}); err != nil {
		t.Fatal(err)
	}
	_, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: graph.Rejected, IfVersion: &v1})
	mustCode(t, "stale ifVersion", err, graph.CodeConflict)
	var sv *graph.StaleVersion
	if !errors.As(err, &sv) || sv.Current != 2 {
		t.Errorf("conflict %v does not carry the current version 2", err)
	}
	if r := oneRel(t, s, id); r.Review.Status != graph.Confirmed || r.Version != 2 {
		t.Errorf("after a stale review: %s at version %d, want CONFIRMED at 2", r.Review.Status, r.Version)
	}
	_, err = c.ReviewClaim(ctx, graph.ClaimReview{ID: "claim:000000000000000000000000", Status: graph.Rejected})
	mustCode(t, "unknown claim", err, graph.CodeNotFound)
	_, err = c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: graph.Corrected})
	mustCode(t, "CORRECTED by review", err, graph.CodeInvalid)
	_, err = c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: "MAYBE"})
	mustCode(t, "unknown status", err, graph.CodeInvalid)
}

func testReviewConcurrent(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	v1 := 1
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, st := range []graph.ReviewStatus{graph.Confirmed, graph.Rejected} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.ReviewClaim(ctx, graph.ClaimReview{ID: id, Status: st, IfVersion: &v1})
		}()
	}
	wg.Wait()
	ok, conflicts := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case graph.HasCode(err, graph.CodeConflict):
			conflicts++
		default:
			t.Fatalf("concurrent review: %v", err)
		}
	}
	if ok != 1 || conflicts != 1 {
		t.Fatalf("two reviews at version 1: %d applied, %d conflicts; want 1 and 1", ok, conflicts)
	}
	h, err := c.History(t.Context(), graph.HistoryQuery{Subject: id})
	if err != nil || len(h.Changes) != 1 {
		t.Fatalf("history of the claim = %d changes, %v; want the one applied", len(h.Changes), err)
	}
}

func testReviewNeedsAnEditor(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	_, err := c.ReviewClaim(t.Context(), graph.ClaimReview{ID: id, Status: graph.Rejected})
	mustCode(t, "no viewer", err, graph.CodeForbidden)
	reader := graph.WithViewer(t.Context(), graph.Viewer{Name: "rita", Role: graph.RoleReader})
	_, err = c.ReviewClaim(reader, graph.ClaimReview{ID: id, Status: graph.Rejected})
	mustCode(t, "reader", err, graph.CodeForbidden)
	_, err = c.AddNote(reader, id, "hello")
	mustCode(t, "reader's note", err, graph.CodeForbidden)
	if r := oneRel(t, s, id); r.Review.Status != graph.Unreviewed {
		t.Errorf("a refused review changed the claim: %s", r.Review.Status)
	}
}

// spanOf finds quote in d and returns its code-point span.
func spanOf(t *testing.T, d graph.Document, quote string) graph.TextSpan {
	t.Helper()
	e := quoteEvidence(t, d, "x", quote)
	return graph.TextSpan{Document: d.ID, Start: e.Start, End: e.End}
}

func testAddClaimFromSpan(t *testing.T, s graph.Store) {
	c, _, d := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	sp := spanOf(t, d, "Estonia backed the United Kingdom")
	r, err := c.AddClaim(ctx, graph.NewClaim{Type: graph.RelBacked, From: idEE, To: idGB, Evidence: sp, Note: "missed", Date: "2018-10"})
	if err == nil {
		t.Fatalf("BACKED from a country to a country was accepted: %+v", r)
	}
	mustCode(t, "type the vocabulary forbids", err, graph.CodeInvalid)
	if !strings.Contains(err.Error(), "BACKED") {
		t.Errorf("the refusal %q does not name the type", err)
	}
	r, err = c.AddClaim(ctx, graph.NewClaim{Type: graph.RelSupported, From: idUS, To: idGB, Evidence: sp, Modality: graph.Alleged, Date: "2018-10"})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != graph.ClaimID(idUS, graph.RelSupported, idGB) || r.Review.Status != graph.Confirmed || r.Review.By != editorName ||
		r.Method != graph.MethodCurated || r.Modality != graph.Alleged || r.Date != "2018-10" {
		t.Errorf("added claim = %+v", r)
	}
	ev, err := s.Evidence(t.Context(), []string{r.ID})
	if err != nil || len(ev[r.ID]) != 1 || ev[r.ID][0].Quote != "Estonia backed the United Kingdom" {
		t.Fatalf("evidence of the added claim = %+v, %v", ev[r.ID], err)
	}
	// Adding what exists adds the evidence and confirms it.
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	sp2 := spanOf(t, d, "accused Russia")
	r, err = c.AddClaim(ctx, graph.NewClaim{Type: graph.RelAccused, From: idGB, To: idRU, Evidence: sp2})
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != id || r.Review.Status != graph.Confirmed || r.Version != 2 {
		t.Errorf("adding an existing claim: %+v version %d", r.Review, r.Version)
	}
	if ev, _ := s.Evidence(t.Context(), []string{id}); len(ev[id]) != 2 {
		t.Errorf("existing claim has %d evidence, want 2", len(ev[id]))
	}
}

func testAddClaimRefusals(t *testing.T, s graph.Store) {
	c, _, d := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	n := len([]rune(d.Text))
	cases := []struct {
		name string
		in   graph.NewClaim
		code graph.Code
	}{
		{"span past the end", graph.NewClaim{Type: graph.RelSupported, From: idUS, To: idGB, Evidence: graph.TextSpan{Document: d.ID, Start: n - 3, End: n + 5}}, graph.CodeInvalid},
		{"empty span", graph.NewClaim{Type: graph.RelSupported, From: idUS, To: idGB, Evidence: graph.TextSpan{Document: d.ID, Start: 4, End: 4}}, graph.CodeInvalid},
		{"negative start", graph.NewClaim{Type: graph.RelSupported, From: idUS, To: idGB, Evidence: graph.TextSpan{Document: d.ID, Start: -1, End: 4}}, graph.CodeInvalid},
		{"unknown document", graph.NewClaim{Type: graph.RelSupported, From: idUS, To: idGB, Evidence: graph.TextSpan{Document: "doc:nope", Start: 0, End: 4}}, graph.CodeNotFound},
		{"unknown node", graph.NewClaim{Type: graph.RelSupported, From: "country:XX", To: idGB, Evidence: graph.TextSpan{Document: d.ID, Start: 0, End: 4}}, graph.CodeNotFound},
		{"unknown type", graph.NewClaim{Type: "LIKES", From: idUS, To: idGB, Evidence: graph.TextSpan{Document: d.ID, Start: 0, End: 4}}, graph.CodeInvalid},
		{"bad date", graph.NewClaim{Type: graph.RelSupported, From: idUS, To: idGB, Date: "yesterday", Evidence: graph.TextSpan{Document: d.ID, Start: 0, End: 4}}, graph.CodeInvalid},
	}
	for _, tc := range cases {
		_, err := c.AddClaim(ctx, tc.in)
		mustCode(t, tc.name, err, tc.code)
	}
	if rs, _ := s.RelationshipsByID(t.Context(), []string{graph.ClaimID(idUS, graph.RelSupported, idGB)}); len(rs) != 0 {
		t.Errorf("a refused claim was stored")
	}
}

func testCorrectClaim(t *testing.T, s graph.Store) {
	c, b, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	old := graph.ClaimID(idGB, graph.RelAccused, idRU)
	typ := graph.RelCriticized
	r, err := c.CorrectClaim(ctx, graph.ClaimCorrection{ID: old, Type: &typ, Note: "criticized, not accused"})
	if err != nil {
		t.Fatal(err)
	}
	want := graph.ClaimID(idGB, graph.RelCriticized, idRU)
	if r.ID != want || r.Review.Status != graph.Confirmed || r.Review.By != editorName || r.Type != graph.RelCriticized {
		t.Fatalf("correction = %+v", r)
	}
	o := oneRel(t, s, old)
	if o.Review.Status != graph.Corrected || o.Review.CorrectedBy != want || o.Version != 2 {
		t.Errorf("old claim after correction: %+v version %d", o.Review, o.Version)
	}
	ev, _ := s.Evidence(t.Context(), []string{want})
	if len(ev[want]) != 1 || ev[want][0].Quote != "The United Kingdom accused Russia of the attacks." {
		t.Errorf("the correction does not carry the old evidence: %+v", ev[want])
	}
	// Reloading brings back neither the old claim nor undoes the new.
	if _, err := s.Upsert(t.Context(), cloneBatch(b)); err != nil {
		t.Fatal(err)
	}
	if o := oneRel(t, s, old); o.Review.Status != graph.Corrected {
		t.Errorf("old claim after a reload: %s", o.Review.Status)
	}
	assertHiddenFrom(t, s, old, true, false)
	// A corrected claim is not corrected twice nor reviewed.
	_, err = c.CorrectClaim(ctx, graph.ClaimCorrection{ID: old, Type: &typ})
	mustCode(t, "correcting a corrected claim", err, graph.CodeInvalid)
	// Same type and ends: in place.
	m := graph.Denied
	r, err = c.CorrectClaim(ctx, graph.ClaimCorrection{ID: want, Modality: &m})
	if err != nil || r.ID != want || r.Modality != graph.Denied || r.Version != 2 {
		t.Errorf("in-place correction = %+v, %v", r, err)
	}
	// A correction to a type the vocabulary forbids.
	bad := graph.RelMemberOf
	_, err = c.CorrectClaim(ctx, graph.ClaimCorrection{ID: want, Type: &bad})
	mustCode(t, "forbidden type", err, graph.CodeInvalid)
}

func testEntityCreateUpdate(t *testing.T, s graph.Store) {
	c, b, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	n, err := c.CreateEntity(ctx, graph.NewEntity{Kind: graph.KindOrganization, Name: "Cyber Command", Aliases: []string{"CYBERCOM"}, Props: props("kind", "military")})
	if err != nil {
		t.Fatal(err)
	}
	if n.ID != "org:cyber-command" || n.Version != 1 || !slices.Contains(n.Aliases, "CYBERCOM") {
		t.Errorf("created %+v", n)
	}
	_, err = c.CreateEntity(ctx, graph.NewEntity{Kind: graph.KindOrganization, Name: "Cyber Command"})
	mustCode(t, "creating twice", err, graph.CodeInvalid)
	_, err = c.CreateEntity(ctx, graph.NewEntity{Kind: graph.KindStatement, Name: "a statement"})
	mustCode(t, "creating a claim kind", err, graph.CodeInvalid)

	name := "Britain"
	u, err := c.UpdateEntity(ctx, graph.EntityUpdate{ID: idGB, Name: &name, Aliases: []string{"UK", "United Kingdom"}})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Britain" || u.Version != 2 {
		t.Errorf("updated %+v", u)
	}
	// A reload with the old name keeps the person's.
	if _, err := s.Upsert(t.Context(), cloneBatch(b)); err != nil {
		t.Fatal(err)
	}
	ns, _ := s.Nodes(t.Context(), []string{idGB})
	if len(ns) != 1 || ns[0].Name != "Britain" {
		t.Errorf("after a reload the node is %+v; a load must not undo a person's edit", ns)
	}
	hits, err := s.Search(t.Context(), graph.SearchQuery{Text: "Britain"})
	if err != nil || len(hits) == 0 || hits[0].Node.ID != idGB {
		t.Errorf("Search(Britain) = %v, %v", hitIDs(hits), err)
	}
	// A kind the node's claims do not allow.
	k := graph.KindCyberOperation
	_, err = c.UpdateEntity(ctx, graph.EntityUpdate{ID: idEE, Kind: &k})
	mustCode(t, "kind change breaking a claim", err, graph.CodeInvalid)
	stale := 1
	_, err = c.UpdateEntity(ctx, graph.EntityUpdate{ID: idGB, Name: &name, IfVersion: &stale})
	mustCode(t, "stale entity version", err, graph.CodeConflict)
	_, err = c.UpdateEntity(ctx, graph.EntityUpdate{ID: "country:XX", Name: &name})
	mustCode(t, "unknown entity", err, graph.CodeNotFound)
}

func testMergeEntities(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	dup := "person:j-sullivan"
	moved := graph.ClaimID(dup, graph.RelCriticized, idRU)
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: moved, Status: graph.Confirmed}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(ctx, dup, "same man"); err != nil {
		t.Fatal(err)
	}
	n, err := c.MergeEntities(ctx, graph.Merge{Keep: idSullivan, Merge: []string{dup}})
	if err != nil {
		t.Fatal(err)
	}
	if n.ID != idSullivan || !slices.Contains(n.Aliases, "J. Sullivan") || n.Version != 2 {
		t.Errorf("kept node = %+v", n)
	}
	if ns, _ := s.Nodes(t.Context(), []string{dup}); len(ns) != 0 {
		t.Errorf("the merged node is still stored: %+v", ns)
	}
	red, err := c.Redirects(t.Context(), []string{dup, idSullivan})
	if err != nil || red[dup] != idSullivan || len(red) != 1 {
		t.Errorf("Redirects = %v, %v", red, err)
	}
	now := graph.ClaimID(idSullivan, graph.RelCriticized, idRU)
	r := oneRel(t, s, now)
	if r.Review.Status != graph.Confirmed {
		t.Errorf("moved claim lost its review: %+v", r.Review)
	}
	if ev, _ := s.Evidence(t.Context(), []string{now}); len(ev[now]) != 1 {
		t.Errorf("moved claim has %d evidence, want 1", len(ev[now]))
	}
	if red, _ := c.Redirects(t.Context(), []string{moved}); red[moved] != now {
		t.Errorf("the old claim id redirects to %q, want %q", red[moved], now)
	}
	for _, q := range []string{"J. Sullivan", "John Sullivan"} {
		hits, err := s.Search(t.Context(), graph.SearchQuery{Text: q})
		if err != nil || len(hits) == 0 || hits[0].Node.ID != idSullivan {
			t.Errorf("Search(%q) = %v, %v; want %s first", q, hitIDs(hits), err, idSullivan)
		}
	}
	notes, err := c.Notes(t.Context(), []string{idSullivan})
	if err != nil || len(notes[idSullivan]) != 1 {
		t.Errorf("notes of the kept node = %v, %v; the merged node's note moves", notes, err)
	}
	h, err := c.History(t.Context(), graph.HistoryQuery{Subject: idSullivan})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, ch := range h.Changes {
		actions = append(actions, ch.Action)
	}
	if !slices.Contains(actions, graph.ActionMerge) || !slices.Contains(actions, graph.ActionMergedInto) || !slices.Contains(actions, graph.ActionNote) {
		t.Errorf("history of the kept node = %v; want the merge, the merged node's entry and its note", actions)
	}
}

func testMergeRefusals(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	cases := []struct {
		name string
		in   graph.Merge
		code graph.Code
	}{
		{"into itself", graph.Merge{Keep: idGB, Merge: []string{idGB}}, graph.CodeInvalid},
		{"other kinds", graph.Merge{Keep: idGB, Merge: []string{idSullivan}}, graph.CodeInvalid},
		{"nothing", graph.Merge{Keep: idGB}, graph.CodeInvalid},
		{"unknown kept", graph.Merge{Keep: "country:XX", Merge: []string{idGB}}, graph.CodeNotFound},
		{"unknown merged", graph.Merge{Keep: idGB, Merge: []string{"country:XX"}}, graph.CodeNotFound},
	}
	for _, tc := range cases {
		_, err := c.MergeEntities(ctx, tc.in)
		mustCode(t, tc.name, err, tc.code)
	}
	st, err := s.Stats(t.Context())
	if err != nil || st.Nodes[graph.KindCountry] != 5 || st.Nodes[graph.KindPerson] != 2 {
		t.Errorf("refused merges changed the graph: %+v %v", st.Nodes, err)
	}
}

func testMergeSurvivesReload(t *testing.T, s graph.Store) {
	c, b, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	if _, err := c.MergeEntities(ctx, graph.Merge{Keep: idSullivan, Merge: []string{"person:j-sullivan"}}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Stats(t.Context())
	res, err := s.Upsert(t.Context(), cloneBatch(b))
	if err != nil {
		t.Fatal(err)
	}
	if res.Nodes != 0 || res.Relationships != 0 {
		t.Errorf("reload after a merge created %d nodes, %d claims; the merged id must land on the kept node", res.Nodes, res.Relationships)
	}
	after, _ := s.Stats(t.Context())
	if d := statsDiff(before, after); d != "" {
		t.Errorf("reload after a merge changed the counts: %s", d)
	}
	if ns, _ := s.Nodes(t.Context(), []string{"person:j-sullivan"}); len(ns) != 0 {
		t.Errorf("the merged node came back: %+v", ns)
	}
}

func testNotesAndHistory(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	other := graph.WithViewer(t.Context(), graph.Viewer{Name: "bob", Role: graph.RoleAdmin})
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	note, err := c.AddNote(ctx, id, "check the original")
	if err != nil {
		t.Fatal(err)
	}
	if note.Subject != id || note.By != editorName || note.Text != "check the original" || note.ID == "" {
		t.Errorf("note = %+v", note)
	}
	if _, err := c.AddNote(ctx, id, "  "); !graph.HasCode(err, graph.CodeInvalid) {
		t.Errorf("empty note: %v, want invalid", err)
	}
	if _, err := c.AddNote(ctx, "country:XX", "x"); !graph.HasCode(err, graph.CodeNotFound) {
		t.Errorf("note on nothing: %v, want not found", err)
	}
	if _, err := c.ReviewClaim(other, graph.ClaimReview{ID: id, Status: graph.Rejected}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(other, idEE, "a small country"); err != nil {
		t.Fatal(err)
	}
	notes, err := c.Notes(t.Context(), []string{id, idEE, idRU})
	if err != nil || len(notes[id]) != 1 || len(notes[idEE]) != 1 || len(notes[idRU]) != 0 {
		t.Errorf("Notes = %v, %v", notes, err)
	}
	all, err := c.History(t.Context(), graph.HistoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range all.Changes {
		got = append(got, ch.By+" "+ch.Action+" "+ch.Subject)
		if ch.At == "" || ch.After == "" {
			t.Errorf("change %+v lacks its time or its after state", ch)
		}
	}
	want := []string{"bob addNote " + idEE, "bob reviewClaim " + id, "ada addNote " + id}
	if !slices.Equal(got, want) {
		t.Errorf("History = %q, want newest first %q", got, want)
	}
	if all.Changes[1].Before == "" || !strings.Contains(all.Changes[1].Before, "UNREVIEWED") || !strings.Contains(all.Changes[1].After, "REJECTED") {
		t.Errorf("review entry before %s after %s", all.Changes[1].Before, all.Changes[1].After)
	}
	byBob, _ := c.History(t.Context(), graph.HistoryQuery{By: "bob"})
	if len(byBob.Changes) != 2 {
		t.Errorf("History by bob = %d changes, want 2", len(byBob.Changes))
	}
	p1, _ := c.History(t.Context(), graph.HistoryQuery{First: 2})
	p2, err := c.History(t.Context(), graph.HistoryQuery{First: 2, After: p1.EndCursor})
	if !p1.HasMore || err != nil || len(p2.Changes) != 1 || p2.Changes[0].Seq != all.Changes[2].Seq || p2.HasMore {
		t.Errorf("paging the history: %+v then %+v, %v", p1, p2, err)
	}
	future, _ := c.History(t.Context(), graph.HistoryQuery{Since: "2999-01-01"})
	if len(future.Changes) != 0 {
		t.Errorf("History since 2999 = %d changes", len(future.Changes))
	}
}

func testReviewQueue(t *testing.T, s graph.Store) {
	c, _, _ := loadReviewWorld(t, s)
	q, err := c.ReviewQueue(t.Context(), 2, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{graph.ClaimID(idGB, graph.RelAccused, idRU), graph.ClaimID("person:j-sullivan", graph.RelCriticized, idRU), graph.ClaimID(idEE, graph.RelSupported, idGB)}
	if !slices.Equal(relIDs(q.Relationships), want[:2]) || !q.HasMore || q.Total != 3 {
		t.Fatalf("queue page 1 = %v (more %v, total %d), want %v", relIDs(q.Relationships), q.HasMore, q.Total, want[:2])
	}
	q2, err := c.ReviewQueue(t.Context(), 2, q.EndCursor)
	if err != nil || !slices.Equal(relIDs(q2.Relationships), want[2:]) || q2.HasMore {
		t.Fatalf("queue page 2 = %v, %v", relIDs(q2.Relationships), err)
	}
	if _, err := c.ReviewClaim(asEditor(t.Context()), graph.ClaimReview{ID: want[0], Status: graph.Confirmed}); err != nil {
		t.Fatal(err)
	}
	counts, err := c.ReviewCounts(t.Context())
	if err != nil || counts[graph.Unreviewed] != 2 || counts[graph.Confirmed] != 2 || counts[graph.Rejected] != 0 {
		t.Errorf("ReviewCounts = %v, %v", counts, err)
	}
}

func testFailedChangeLeavesNothing(t *testing.T, s graph.Store) {
	c, _, d := loadReviewWorld(t, s)
	ctx := asEditor(t.Context())
	id := graph.ClaimID(idGB, graph.RelAccused, idRU)
	typ := graph.RelCriticized
	n := len([]rune(d.Text))
	_, err := c.CorrectClaim(ctx, graph.ClaimCorrection{ID: id, Type: &typ, Evidence: []graph.TextSpan{{Document: d.ID, Start: n, End: n + 10}}})
	mustCode(t, "correction with a span outside the text", err, graph.CodeInvalid)
	if r := oneRel(t, s, id); r.Review.Status != graph.Unreviewed || r.Version != 1 {
		t.Errorf("a failed correction changed the claim: %+v version %d", r.Review, r.Version)
	}
	if rs, _ := s.RelationshipsByID(t.Context(), []string{graph.ClaimID(idGB, graph.RelCriticized, idRU)}); len(rs) != 0 {
		t.Errorf("a failed correction left its new claim")
	}
	h, err := c.History(t.Context(), graph.HistoryQuery{})
	if err != nil || len(h.Changes) != 0 {
		t.Errorf("a failed change left history: %+v, %v", h.Changes, err)
	}
}

// testCurationRoundTrip: what people did, exported from one store and
// imported into another holding the same graph, reads back the same; a
// second import adds nothing.
func testCurationRoundTrip(t *testing.T, newStore func(*testing.T) graph.Store) {
	s := newStore(t)
	c, _, _ := loadReviewWorld(t, s)
	p, ok := s.(graph.CurationPorter)
	if !ok {
		t.Fatalf("%T does not implement graph.CurationPorter", s)
	}
	ctx := asEditor(t.Context())
	rej := graph.ClaimID(idGB, graph.RelAccused, idRU)
	if _, err := c.ReviewClaim(ctx, graph.ClaimReview{ID: rej, Status: graph.Rejected, Note: "no"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.MergeEntities(ctx, graph.Merge{Keep: idSullivan, Merge: []string{"person:j-sullivan"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(ctx, idEE, "small"); err != nil {
		t.Fatal(err)
	}
	cur, err := p.ExportCuration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(cur.Merges) < 2 || len(cur.Notes) != 1 || len(cur.Changes) != 4 {
		t.Fatalf("ExportCuration: %d merges, %d notes, %d changes; want the person and its claim, 1 and 4", len(cur.Merges), len(cur.Notes), len(cur.Changes))
	}

	// The other store gets the graph as it is now, then the curation.
	s2 := newStore(t)
	b, _ := reviewWorld(t)
	for i, r := range b.Relationships {
		if r.From == "person:j-sullivan" {
			r.From = idSullivan
			r.ID = graph.ClaimID(r.From, r.Type, r.To)
			for j, e := range b.Evidence {
				if e.Subject == b.Relationships[i].ID {
					b.Evidence[j].Subject, b.Evidence[j].ID = r.ID, graph.EvidenceID(r.ID, e.DocumentID, e.Start, e.End)
				}
			}
			b.Relationships[i] = r
		}
	}
	b.Nodes = slices.DeleteFunc(b.Nodes, func(n graph.Node) bool { return n.ID == "person:j-sullivan" })
	if _, err := s2.Upsert(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	p2 := s2.(graph.CurationPorter)
	for range 2 {
		if err := p2.ImportCuration(t.Context(), cur); err != nil {
			t.Fatal(err)
		}
	}
	again, err := p2.ExportCuration(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) != len(cur.Changes) || len(again.Notes) != 1 || len(again.Merges) != len(cur.Merges) {
		t.Errorf("after two imports: %d changes, %d notes, %d merges; want %d, 1, %d", len(again.Changes), len(again.Notes), len(again.Merges), len(cur.Changes), len(cur.Merges))
	}
	if r := oneRel(t, s2, rej); r.Review.Status != graph.Rejected || r.Review.Note != "no" || r.Version != 2 {
		t.Errorf("imported review: %+v version %d", r.Review, r.Version)
	}
	assertHidden(t, s2, rej, true)
	red, _ := s2.(graph.Curator).Redirects(t.Context(), []string{"person:j-sullivan"})
	if red["person:j-sullivan"] != idSullivan {
		t.Errorf("imported merge: %v", red)
	}
	err = p2.ImportCuration(t.Context(), graph.Curation{Claims: []graph.ClaimCuration{{Claim: "claim:nope", Review: graph.Review{Status: graph.Rejected}, Version: 2}}})
	mustCode(t, "curation of an unknown claim", err, graph.CodeInvalid)
}
