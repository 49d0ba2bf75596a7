package graphtest

import (
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// testUpsertRoundTrip: the first Upsert counts everything it created, and
// every field comes back as written.
func testUpsertRoundTrip(t *testing.T, s graph.Store) {
	b, _, _ := world(t)
	got := upsert(t, s, b)
	want := graph.UpsertResult{Documents: len(b.Documents), Nodes: len(b.Nodes),
		Relationships: len(b.Relationships), Evidence: len(b.Evidence)}
	if got != want {
		t.Errorf("Upsert result = %+v, want %+v", got, want)
	}
	if d := statsDiff(expectStats(b), stats(t, s)); d != "" {
		t.Errorf("Stats after Upsert: %s", d)
	}
	ns := nodes(t, s, nodeIDs(b.Nodes)...)
	if len(ns) != len(b.Nodes) {
		t.Fatalf("Nodes returned %d nodes, want %d", len(ns), len(b.Nodes))
	}
	for i, n := range b.Nodes {
		if d := nodeDiff(n, ns[i]); d != "" {
			t.Errorf("node %s: %s", n.ID, d)
		}
	}
	rs := relsByID(t, s, relIDs(b.Relationships)...)
	if len(rs) != len(b.Relationships) {
		t.Fatalf("RelationshipsByID returned %d claims, want %d", len(rs), len(b.Relationships))
	}
	for i, r := range b.Relationships {
		if d := relDiff(r, rs[i]); d != "" {
			t.Errorf("claim %s -%s-> %s: %s", r.From, r.Type, r.To, d)
		}
	}
}

// testUpsertIdempotent: loading the same batch twice is a no-op, and the
// second result counts zeros.
func testUpsertIdempotent(t *testing.T, s graph.Store) {
	b, docA, _ := world(t)
	upsert(t, s, b)
	before := stats(t, s)
	evBefore := evidence(t, s, append(relIDs(b.Relationships), nodeIDs(b.Nodes)...)...)

	if got := upsert(t, s, b); got != (graph.UpsertResult{}) {
		t.Errorf("second Upsert of the same batch = %+v, want all zeros", got)
	}
	unchanged(t, s, before, "re-upserting the same batch")

	// Upserting a part of it again (one document's worth) is also a no-op.
	part := graph.Batch{Documents: []graph.Document{docA}}
	for _, e := range b.Evidence {
		if e.DocumentID == docA.ID {
			part.Evidence = append(part.Evidence, e)
		}
	}
	if got := upsert(t, s, part); got != (graph.UpsertResult{}) {
		t.Errorf("re-upserting one document and its evidence = %+v, want all zeros", got)
	}
	unchanged(t, s, before, "re-upserting one document")

	evAfter := evidence(t, s, append(relIDs(b.Relationships), nodeIDs(b.Nodes)...)...)
	for subject, evs := range evBefore {
		if len(evAfter[subject]) != len(evs) {
			t.Errorf("evidence of %s: %d items after re-upsert, want %d", subject, len(evAfter[subject]), len(evs))
		}
	}
}

// testUpsertUpdatesFields: a node or claim written again takes the new name,
// properties and scalar fields, creates nothing, and keeps its evidence. The
// new claim comes without evidence, which is fine because the stored claim
// has some.
func testUpsertUpdatesFields(t *testing.T, s graph.Store) {
	k := newDoc(t, "GRU", "2018-10-04")
	k.node(country(idRU, "Russia"), "")
	gru := k.node(withProps(entity(idGRU, graph.KindOrganization, "GRU", "Main Intelligence Directorate"),
		"kind", "military", "description", "old description", "location", "Moscow"), "")
	r := k.claim(idGRU, graph.RelPartOf, idRU, "The GRU is part of the Russian armed forces.",
		confidence(0.6), modality(graph.Alleged), relProps("description", "old"))
	upsert(t, s, k.batch())
	before := stats(t, s)

	gru2 := withProps(entity(idGRU, graph.KindOrganization, "Main Directorate of the General Staff", "GU"),
		"kind", "military", "description", "renamed in 2010")
	r2 := r
	r2.Confidence, r2.Modality, r2.Date = 0.95, graph.Asserted, "2010"
	r2.Props = props("description", "new")
	res := upsert(t, s, graph.Batch{Nodes: []graph.Node{gru2}, Relationships: []graph.Relationship{r2}})
	if res != (graph.UpsertResult{}) {
		t.Errorf("updating a node and a claim = %+v, want all zeros (nothing new was created)", res)
	}
	unchanged(t, s, before, "updating a node and a claim")

	// The contract: the node "takes the new name, properties and scalar
	// fields", so a property absent from the new write is gone; aliases are
	// the union of old and new.
	want := gru2
	want.Aliases = append(gru.Aliases, gru2.Aliases...)
	if d := nodeDiff(want, node(t, s, idGRU)); d != "" {
		t.Errorf("updated node: %s", d)
	}
	rs := relsByID(t, s, r.ID)
	if len(rs) != 1 {
		t.Fatalf("RelationshipsByID(updated claim) = %d claims, want 1", len(rs))
	}
	if d := relDiff(r2, rs[0]); d != "" {
		t.Errorf("updated claim: %s", d)
	}
	if n := len(evidence(t, s, r.ID)[r.ID]); n != 1 {
		t.Errorf("updated claim has %d evidence, want its 1 evidence kept", n)
	}
}

// testAliasesUnion: aliases only ever grow, whether a node is written again
// in a later batch or given twice within one.
func testAliasesUnion(t *testing.T, s graph.Store) {
	upsert(t, s, graph.Batch{Nodes: []graph.Node{country(idRU, "Russia", "Russian Federation")}})
	upsert(t, s, graph.Batch{Nodes: []graph.Node{country(idRU, "Russia", "the Kremlin", "Russian Federation")}})
	upsert(t, s, graph.Batch{Nodes: []graph.Node{country(idRU, "Russia")}})
	want := []string{"Russian Federation", "the Kremlin"}
	if got := node(t, s, idRU).Aliases; !sameSet(got, want) {
		t.Errorf("aliases after three writes = %q, want %q", got, want)
	}

	upsert(t, s, graph.Batch{Nodes: []graph.Node{
		country(idEE, "Estonia", "Eesti"),
		country(idEE, "Estonia", "Republic of Estonia"),
	}})
	want = []string{"Eesti", "Republic of Estonia"}
	if got := node(t, s, idEE).Aliases; !sameSet(got, want) {
		t.Errorf("aliases of a node given twice in one batch = %q, want %q", got, want)
	}
}

// testEvidenceMerge: the same claim reported by two documents is one claim
// with two evidence items, and the nodes' aliases merge.
func testEvidenceMerge(t *testing.T, s graph.Store) {
	a := newDoc(t, "Report A", "2018-09-01")
	a.node(country(idUS, "United States", "USA"), "")
	a.node(country(idEE, "Estonia"), "")
	r := a.claim(idUS, graph.RelSupported, idEE, "The United States supported Estonia.")
	st := a.node(withProps(entity(idStatement, graph.KindStatement, "Pledge to Estonia"),
		"text", "we stand with Estonia"), "\"We stand with Estonia,\" the ambassador said.")
	a.claim(idUS, graph.RelSaid, st.ID, "\"We stand with Estonia,\" the ambassador said.")

	b := newDoc(t, "Report B", "2018-09-02",
		"Officials in Tallinn thanked Washington.")
	b.node(country(idUS, "United States", "Washington"), "")
	b.node(country(idEE, "Estonia", "Eesti"), "")
	b.claim(idUS, graph.RelSupported, idEE, "Washington supported Estonia, officials said.")
	b.node(st, "the ambassador repeated: \"We stand with Estonia.\"")

	upsert(t, s, a.batch())
	res := upsert(t, s, b.batch())
	if want := (graph.UpsertResult{Documents: 1, Evidence: 2}); res != want {
		t.Errorf("Upsert of the second report = %+v, want %+v (only the document and two evidence are new)", res, want)
	}

	ev := evidence(t, s, r.ID, st.ID)
	for _, subject := range []string{r.ID, st.ID} {
		items := ev[subject]
		if len(items) != 2 {
			t.Errorf("evidence of %s: %d items, want 2 (one per document)", subject, len(items))
			continue
		}
		if items[0].DocumentID == items[1].DocumentID {
			t.Errorf("evidence of %s: both items point into %s, want one per document", subject, items[0].DocumentID)
		}
	}
	if got := stats(t, s).Relationships[graph.RelSupported]; got != 1 {
		t.Errorf("Stats: %d SUPPORTED claims, want 1 (the same claim twice is one claim)", got)
	}
	if got, want := node(t, s, idUS).Aliases, []string{"USA", "Washington"}; !sameSet(got, want) {
		t.Errorf("aliases of %s = %q, want %q", idUS, got, want)
	}
	if got, want := node(t, s, idEE).Aliases, []string{"Eesti"}; !sameSet(got, want) {
		t.Errorf("aliases of %s = %q, want %q", idEE, got, want)
	}
}

// testEvidenceForStoredClaim: evidence can be added later, on its own, for
// a claim and a document that are already stored.
func testEvidenceForStoredClaim(t *testing.T, s graph.Store) {
	b, docA, _ := world(t)
	upsert(t, s, b)
	claim := graph.ClaimID(idEE, graph.RelAttended, idMeeting)

	later := newDoc(t, "Follow-up", "2018-10-01",
		"Estonia's foreign minister attended the UN meeting on cyberspace.")
	d := later.doc()
	ev := quoteEvidence(t, d, claim, "Estonia's foreign minister attended")
	res := upsert(t, s, graph.Batch{Documents: []graph.Document{d}, Evidence: []graph.Evidence{ev}})
	if want := (graph.UpsertResult{Documents: 1, Evidence: 1}); res != want {
		t.Errorf("adding evidence with its document = %+v, want %+v", res, want)
	}

	// Evidence into a document stored earlier, without repeating it.
	ev2 := quoteEvidence(t, docA, claim, "Estonia and the United Kingdom attended")
	if res := upsert(t, s, graph.Batch{Evidence: []graph.Evidence{ev2}}); res != (graph.UpsertResult{Evidence: 1}) {
		t.Errorf("adding evidence into a stored document = %+v, want 1 evidence", res)
	}
	if n := len(evidence(t, s, claim)[claim]); n != 3 {
		t.Errorf("claim has %d evidence, want 3", n)
	}
}

// testUpsertAtomic: a batch with one bad item writes nothing at all, on an
// empty store and on a populated one.
func testUpsertAtomic(t *testing.T, s graph.Store) {
	b, docA, docB := world(t)
	bad := cloneBatch(b)
	// Last in the batch, after everything valid: a Country cannot blame.
	forbidden := rel(idEE, graph.RelBlames, idRU)
	bad.Relationships = append(bad.Relationships, forbidden)
	bad.Evidence = append(bad.Evidence, quoteEvidence(t, docB, forbidden.ID, "Estonia backed the attribution."))

	_, err := s.Upsert(t.Context(), bad)
	wantCode(t, "Upsert of a batch with a forbidden claim", err, graph.CodeInvalid)
	unchanged(t, s, graph.Stats{}, "a rejected batch on an empty store")
	if ns := nodes(t, s, nodeIDs(b.Nodes)...); len(ns) != 0 {
		t.Errorf("rejected batch left nodes %q", nodeIDs(ns))
	}
	if ds := documents(t, s, docA.ID, docB.ID); len(ds) != 0 {
		t.Errorf("rejected batch left %d documents", len(ds))
	}
	if ids := allNodeIDs(t, s); len(ids) != 0 {
		t.Errorf("ListNodes after a rejected batch: %q, want none", ids)
	}
	if hs := search(t, s, graph.SearchQuery{Text: "Estonia"}); len(hs) != 0 {
		t.Errorf("Search finds %q after a rejected batch, want nothing", hitIDs(hs))
	}

	// On a populated store: an update, a new node and a new document in a
	// rejected batch all stay unwritten.
	upsert(t, s, b)
	before := stats(t, s)
	k := newDoc(t, "Latvia", "2018-11-01")
	k.node(country(idUS, "United States of America"), "")
	k.node(country(idLV, "Latvia"), "")
	k.claim(idLV, graph.RelBacked, idAttrib, "Latvia backed the attribution.")
	bad2 := k.batch()
	bad2.Nodes = append(bad2.Nodes, entity("statement:no-evidence", graph.KindStatement, "Unsupported statement"))
	_, err = s.Upsert(t.Context(), bad2)
	wantCode(t, "Upsert of a batch with an unsupported statement", err, graph.CodeInvalid)
	unchanged(t, s, before, "a rejected batch on a populated store")
	if got := node(t, s, idUS).Name; got != "United States" {
		t.Errorf("rejected batch renamed %s to %q", idUS, got)
	}
	if ns := nodes(t, s, idLV); len(ns) != 0 {
		t.Errorf("rejected batch created %s", idLV)
	}
}

// rejection is one way a batch breaks the rules. add appends the defect to
// b, a valid batch whose only document is d.
type rejection struct {
	name string
	code graph.Code
	add  func(t *testing.T, b *graph.Batch, d graph.Document)
}

// addClaim appends r with evidence at the first occurrence of quote in d.
func addClaim(t *testing.T, b *graph.Batch, d graph.Document, r graph.Relationship, quote string) {
	b.Relationships = append(b.Relationships, r)
	b.Evidence = append(b.Evidence, quoteEvidence(t, d, r.ID, quote))
}

// addEvidence appends e after fixing its id, so that the defect under test
// is the one reported and not an id mismatch.
func addEvidence(b *graph.Batch, e graph.Evidence) {
	e.ID = graph.EvidenceID(e.Subject, e.DocumentID, e.Start, e.End)
	b.Evidence = append(b.Evidence, e)
}

func rejections() []rejection {
	const (
		backed  = "Latvia backed the attribution."
		blamed  = "Latvia blamed Russia for the attack."
		praised = "Sullivan praised Estonia."
	)
	claimNode := func(kind graph.NodeKind) func(*testing.T, *graph.Batch, graph.Document) {
		return func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, entity(kind.IDPrefix()+":unsupported", kind, "Unsupported "+string(kind)))
		}
	}
	return []rejection{
		{"UnknownRelType", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			addClaim(t, b, d, rel(idLV, graph.RelType("HACKED"), idRU), blamed)
		}},
		{"FromKindForbidden", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			// Responsibility goes through an Attribution node, never a
			// Country blaming directly.
			addClaim(t, b, d, rel(idLV, graph.RelBlames, idRU), blamed)
		}},
		{"ToKindForbidden", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			addClaim(t, b, d, rel(idSullivan, graph.RelSaid, idEE), praised)
		}},
		{"ClaimWithoutEvidence", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Relationships = append(b.Relationships, rel(idLV, graph.RelSupported, idEE))
		}},
		{"StatementWithoutEvidence", graph.CodeInvalid, claimNode(graph.KindStatement)},
		{"AttributionWithoutEvidence", graph.CodeInvalid, claimNode(graph.KindAttribution)},
		{"EventWithoutEvidence", graph.CodeInvalid, claimNode(graph.KindEvent)},
		{"QuoteNotTheText", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			b.Relationships = append(b.Relationships, r)
			e := quoteEvidence(t, d, r.ID, backed)
			e.Quote = "Latvia denied the attribution."
			addEvidence(b, e)
		}},
		{"QuoteShiftedByOne", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			b.Relationships = append(b.Relationships, r)
			e := quoteEvidence(t, d, r.ID, praised)
			e.Start++
			e.End++
			addEvidence(b, e)
		}},
		{"OffsetsPastTheEnd", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			b.Relationships = append(b.Relationships, r)
			n := utf8.RuneCountInString(d.Text)
			addEvidence(b, graph.Evidence{Subject: r.ID, DocumentID: d.ID, Start: n - 1, End: n + 5, Quote: d.Text[len(d.Text)-1:] + "extra"})
		}},
		{"NegativeOffset", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			b.Relationships = append(b.Relationships, r)
			addEvidence(b, graph.Evidence{Subject: r.ID, DocumentID: d.ID, Start: -1, End: 5, Quote: d.Text[:5]})
		}},
		{"EvidenceIntoUnknownDocument", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			b.Relationships = append(b.Relationships, r)
			addEvidence(b, graph.Evidence{Subject: r.ID, DocumentID: graph.DocumentID("a text never stored"),
				Start: 0, End: 6, Quote: "a text"})
		}},
		{"EvidenceForUnknownSubject", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			e := quoteEvidence(t, d, graph.ClaimID(idLV, graph.RelSupported, idEE), backed)
			addEvidence(b, e)
		}},
		{"EndpointMissing", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			addClaim(t, b, d, rel(idLV, graph.RelSupported, "country:ZZ"), backed)
		}},
		{"KindConflictWithStore", graph.CodeConflict, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, entity(idEE, graph.KindOrganization, "Estonia"))
		}},
		{"KindConflictWithinBatch", graph.CodeConflict, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, entity(idLV, graph.KindOrganization, "Latvia"))
		}},
		{"ClaimIDNotCanonical", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			r.ID = graph.ClaimID(idLV, graph.RelSupported, idRU)
			addClaim(t, b, d, r, backed)
		}},
		{"MethodUnknown", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			r := rel(idLV, graph.RelSupported, idEE)
			r.Method = "manual"
			addClaim(t, b, d, r, backed)
		}},
		{"ConfidenceAboveOne", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			addClaim(t, b, d, rel(idLV, graph.RelSupported, idEE, confidence(1.5)), backed)
		}},
		{"DateMalformed", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			addClaim(t, b, d, rel(idLV, graph.RelSupported, idEE, dated("2018-13-01")), backed)
		}},
		{"PropertyUnknown", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, withProps(entity("org:nato", graph.KindOrganization, "NATO"), "colour", "blue"))
		}},
		{"NodeKindUnknown", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, entity("planet:mars", graph.NodeKind("Planet"), "Mars"))
		}},
		{"NameEmpty", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, entity("org:nameless", graph.KindOrganization, " "))
		}},
		{"InvalidUTF8", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			b.Nodes = append(b.Nodes, entity("org:broken", graph.KindOrganization, "Broken \xff name"))
		}},
		{"DocumentIDNotContentHash", graph.CodeInvalid, func(t *testing.T, b *graph.Batch, d graph.Document) {
			other := graph.Document{ID: graph.DocumentID("something else"), Title: "Mislabelled", Text: "Another text."}
			b.Documents = append(b.Documents, other)
		}},
	}
}

// testRejects runs every rejection against a populated store and checks
// the error code and that nothing of the batch, valid parts included, was
// written.
func testRejects(t *testing.T, newStore func(*testing.T) graph.Store) {
	for _, c := range rejections() {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			base, _, _ := world(t)
			upsert(t, s, base)
			before := stats(t, s)

			k := newDoc(t, "Latvian note", "2018-11-01",
				"Latvia backed the attribution.",
				"Latvia blamed Russia for the attack.",
				"Sullivan praised Estonia.")
			k.node(country(idLV, "Latvia"), "")
			k.claim(idLV, graph.RelBacked, idAttrib, "Latvia backed the attribution.")
			b := k.batch()
			d := b.Documents[0]
			c.add(t, &b, d)

			_, err := s.Upsert(t.Context(), b)
			wantCode(t, "Upsert", err, c.code)
			unchanged(t, s, before, "a rejected batch")
			if ns := nodes(t, s, idLV); len(ns) != 0 {
				t.Errorf("the valid node %s of a rejected batch was written", idLV)
			}
			if ds := documents(t, s, d.ID); len(ds) != 0 {
				t.Errorf("the document of a rejected batch was written")
			}
		})
	}
}
