package graphtest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/actorgraph/actorgraph/graph"
)

const (
	idSA        = "country:SA"
	idIL        = "country:IL"
	idUA        = "country:UA"
	idZoe       = "person:zoe-angstrom"
	idCyberPol  = "org:kiberpolitsiia"
	idModi      = "person:narendra-modi"
	idILState   = "statement:il-accountable"
	idSAState   = "statement:sa-condemns"
	nfcZoe      = "Zo\u00eb \u00c5ngstr\u00f6m"    // precomposed
	nfdZoe      = "Zoe\u0308 A\u030angstro\u0308m" // decomposed: same text, other bytes
	uaName      = "\U0001F1FA\U0001F1E6 Україна"   // a flag is two code points
	astralQuote = "𝔘 café (cafe\u0301) 👩\u200d💻"   // astral letter, combining mark, ZWJ sequence
)

// unicodeFixture: names and text in Arabic and Hebrew (right to left),
// Cyrillic, Devanagari, emoji flags and ZWJ sequences, precomposed and
// decomposed accents; quotes preceded by characters of 2, 3 and 4 bytes
// (1 or 2 UTF-16 units), so byte, UTF-16 and code-point offsets all differ.
func unicodeFixture(t *testing.T) graph.Batch {
	k := newDoc(t, "تقرير — דו״ח — 🇪🇪", "2018-11-11",
		"🇪🇪 Tallinn, "+astralQuote+" «Мы не причастны».",
		"قالت المملكة العربية السعودية إنها تدين الهجوم.",
		"ישראל אמרה: hold them accountable.",
		nfcZoe+" and "+nfdZoe+" are the same name.")
	k.node(country(idSA, "المملكة العربية السعودية", "السعودية", "Saudi Arabia"), "")
	k.node(country(idIL, "ישראל", "\u200fמדינת ישראל", "Israel"), "")
	k.node(country(idUA, uaName, "Ukraine"), "")
	k.node(entity(idZoe, graph.KindPerson, nfcZoe, nfdZoe, "ZO\u00cb"), "")
	k.node(withProps(entity(idCyberPol, graph.KindOrganization, "Кіберполіція 👩\u200d💻", "कीबर पुलिस"),
		"kind", "agency", "description", "بيان رسمي — הודעה רשמית 𝔘 e\u0301"), astralQuote)
	k.node(entity(idModi, graph.KindPerson, "नरेन्द्र मोदी"), "")
	k.node(withProps(entity(idILState, graph.KindStatement, "ישראל: hold them accountable"),
		"text", "hold them accountable"), "hold them accountable")
	k.claim(idIL, graph.RelSaid, idILState, "ישראל אמרה")
	k.node(withProps(entity(idSAState, graph.KindStatement, "المملكة العربية السعودية تدين الهجوم"),
		"text", "إنها تدين الهجوم"), "قالت المملكة العربية السعودية إنها تدين الهجوم")
	k.claim(idSA, graph.RelSaid, idSAState, "قالت المملكة العربية السعودية")
	k.claim(idUA, graph.RelSupported, idIL, "\U0001F1FA\U0001F1E6", relProps("of", "🇪🇪 "+nfdZoe))
	return k.batch()
}

// testUnicodeRoundTrip: every string comes back byte for byte; in
// particular the store does not normalize (precomposed and decomposed
// aliases both stay), trim, or reorder right-to-left text.
func testUnicodeRoundTrip(t *testing.T, s graph.Store) {
	b := unicodeFixture(t)
	upsert(t, s, b)
	got := nodes(t, s, nodeIDs(b.Nodes)...)
	if len(got) != len(b.Nodes) {
		t.Fatalf("Nodes returned %d of %d nodes", len(got), len(b.Nodes))
	}
	for i, n := range b.Nodes {
		if d := nodeDiff(n, got[i]); d != "" {
			t.Errorf("node %s: %s", n.ID, d)
		}
	}
	if a := node(t, s, idZoe).Aliases; !slices.Contains(a, nfdZoe) || !slices.Contains(a, "ZO\u00cb") {
		t.Errorf("aliases of %s = %q: the decomposed spelling must stay as written", idZoe, a)
	}
	rs := relsByID(t, s, relIDs(b.Relationships)...)
	for i, r := range b.Relationships {
		if i < len(rs) {
			if d := relDiff(r, rs[i]); d != "" {
				t.Errorf("claim %s: %s", r.ID, d)
			}
		}
	}
	ds := documents(t, s, b.Documents[0].ID)
	if len(ds) != 1 || !reflect.DeepEqual(ds[0], b.Documents[0]) {
		t.Errorf("document = %+v\nwant %+v", ds, b.Documents)
	}
	p, err := s.ListNodes(t.Context(), graph.ListNodesQuery{Kind: graph.KindCountry, First: 10})
	if err != nil {
		t.Fatalf("ListNodes: %v", err)
	}
	for _, n := range p.Nodes {
		if n.ID == idUA && n.Name != uaName {
			t.Errorf("ListNodes: %s name %q, want %q", idUA, n.Name, uaName)
		}
	}
}

// testUnicodeOffsets: evidence offsets count code points. Evidence at the
// code-point offsets is accepted and returned unchanged; the same quote at
// byte or UTF-16 offsets is rejected.
func testUnicodeOffsets(t *testing.T, s graph.Store) {
	b := unicodeFixture(t)
	d := b.Documents[0]
	upsert(t, s, b)

	got, err := s.EvidenceOfDocument(t.Context(), d.ID)
	if err != nil {
		t.Fatalf("EvidenceOfDocument: %v", err)
	}
	byID := map[string]graph.Evidence{}
	for _, e := range got {
		byID[e.ID] = e
	}
	for _, want := range b.Evidence {
		e, ok := byID[want.ID]
		if !ok {
			t.Errorf("evidence %q is missing", want.Quote)
			continue
		}
		if e != want {
			t.Errorf("evidence = %+v\nwant %+v", e, want)
		}
		if span, ok := graph.Span(d.Text, e.Start, e.End); !ok || span != e.Quote {
			t.Errorf("the text at [%d, %d) is %q, not the quote %q", e.Start, e.End, span, e.Quote)
		}
	}

	const quote = "hold them accountable"
	i := strings.Index(d.Text, quote)
	runeStart := graph.RuneOffset(d.Text, i)
	u16Start := len(utf16.Encode([]rune(d.Text[:i])))
	if runeStart == i || runeStart == u16Start || i == u16Start {
		t.Fatalf("graphtest fixture: byte, UTF-16 and code-point offsets of the quote should all differ (%d, %d, %d)", i, u16Start, runeStart)
	}
	before := stats(t, s)
	for _, c := range []struct {
		unit  string
		start int
	}{{"bytes", i}, {"UTF-16 units", u16Start}} {
		e := graph.Evidence{Subject: idILState, DocumentID: d.ID, Start: c.start, End: c.start + len(quote), Quote: quote}
		e.ID = graph.EvidenceID(e.Subject, e.DocumentID, e.Start, e.End)
		_, err := s.Upsert(t.Context(), graph.Batch{Evidence: []graph.Evidence{e}})
		wantCode(t, "evidence with offsets in "+c.unit, err, graph.CodeInvalid)
	}
	unchanged(t, s, before, "rejected evidence")
}

// testUnicodeSearch: right-to-left and Cyrillic names are found by a word
// of theirs, and come back unaltered.
func testUnicodeSearch(t *testing.T, s graph.Store) {
	b := unicodeFixture(t)
	upsert(t, s, b)
	for _, c := range []struct{ query, want, name string }{
		{"السعودية", idSA, "المملكة العربية السعودية"},
		{"ישראל", idIL, "ישראל"},
		{"Україна", idUA, uaName},
		{"Кіберполіція", idCyberPol, "Кіберполіція 👩\u200d💻"},
	} {
		h, ok := hitFor(search(t, s, graph.SearchQuery{Text: c.query}), c.want)
		if !ok {
			t.Errorf("Search(%q) does not find %s", c.query, c.want)
			continue
		}
		if h.Node.Name != c.name {
			t.Errorf("Search(%q): name %q, want %q", c.query, h.Node.Name, c.name)
		}
	}
}

// hostile strings look like SQL or Cypher; they are data, never code.
var hostile = []string{
	`Robby' }) DETACH DELETE n //`,
	`'; DROP TABLE nodes; --`,
	`" OR 1=1 --`,
	`MATCH (n) DETACH DELETE n RETURN count(*)`,
	"`label` $param {props: 1} \\ C:\\temp\\new %_* ?1 :name",
	`Robert'); DROP TABLE documents;--`,
	`"quoted" 'single' ''double'' \' \"`,
}

const (
	idRobby  = "person:robby"
	idTables = "org:bobby-tables"
	idOBrien = "person:o'brien" // a real name, and a quote inside an id
	idHostSt = "statement:hostile"
)

func hostileFixture(t *testing.T) graph.Batch {
	k := newDoc(t, hostile[1], "2018-01-01", hostile...)
	k.say("Conor O'Brien criticized Robby.")
	k.node(withProps(entity(idRobby, graph.KindPerson, hostile[0], hostile[1], hostile[2]),
		"description", hostile[3]), hostile[2])
	k.node(withProps(entity(idTables, graph.KindOrganization, hostile[1], hostile[5]),
		"kind", "other", "description", hostile[4]), "")
	k.node(entity(idOBrien, graph.KindPerson, "Conor O'Brien", "O'Brien"), "")
	k.node(withProps(entity(idHostSt, graph.KindStatement, hostile[2]), "text", hostile[6]), hostile[0])
	k.claim(idOBrien, graph.RelCriticized, idRobby, "Conor O'Brien criticized Robby.", relProps("of", hostile[1]))
	k.claim(idRobby, graph.RelSaid, idHostSt, hostile[5], relProps("description", hostile[3]))
	return k.batch()
}

// testInjectionRoundTrip: strings that look like SQL or Cypher, as names,
// aliases, properties, ids and document text, are stored and returned
// literally, and nothing else happens.
func testInjectionRoundTrip(t *testing.T, s graph.Store) {
	b := hostileFixture(t)
	upsert(t, s, b)
	if d := statsDiff(expectStats(b), stats(t, s)); d != "" {
		t.Fatalf("Stats: %s", d)
	}
	got := nodes(t, s, nodeIDs(b.Nodes)...)
	if len(got) != len(b.Nodes) {
		t.Fatalf("Nodes returned %q, want %q", nodeIDs(got), nodeIDs(b.Nodes))
	}
	for i, n := range b.Nodes {
		if d := nodeDiff(n, got[i]); d != "" {
			t.Errorf("node %s: %s", n.ID, d)
		}
	}
	rs := relsByID(t, s, relIDs(b.Relationships)...)
	if len(rs) != len(b.Relationships) {
		t.Fatalf("RelationshipsByID returned %d claims, want %d", len(rs), len(b.Relationships))
	}
	for i, r := range b.Relationships {
		if d := relDiff(r, rs[i]); d != "" {
			t.Errorf("claim %s: %s", r.ID, d)
		}
	}
	if ds := documents(t, s, b.Documents[0].ID); len(ds) != 1 || !reflect.DeepEqual(ds[0], b.Documents[0]) {
		t.Errorf("document = %+v\nwant %+v", ds, b.Documents[0])
	}
	ev, err := s.EvidenceOfDocument(t.Context(), b.Documents[0].ID)
	if err != nil {
		t.Fatalf("EvidenceOfDocument: %v", err)
	}
	if !sameSet(evidenceIDs(ev), evidenceIDs(b.Evidence)) {
		t.Errorf("evidence ids = %q, want %q", evidenceIDs(ev), evidenceIDs(b.Evidence))
	}
	for _, e := range ev {
		if i := slices.IndexFunc(b.Evidence, func(w graph.Evidence) bool { return w.ID == e.ID }); i >= 0 && b.Evidence[i] != e {
			t.Errorf("evidence = %+v\nwant %+v", e, b.Evidence[i])
		}
	}
	// Hostile strings used as ids in lookups are just unknown ids.
	if ns := nodes(t, s, hostile...); len(ns) != 0 {
		t.Errorf("Nodes(hostile ids) = %q, want none", nodeIDs(ns))
	}
	if ds := documents(t, s, hostile...); len(ds) != 0 {
		t.Errorf("Documents(hostile ids) = %d documents, want none", len(ds))
	}
}

// testInjectionQueries: hostile strings as search text are matched
// literally without error, and an id holding a quote works through every
// traversal. Afterwards the store is intact.
func testInjectionQueries(t *testing.T, s graph.Store) {
	b := hostileFixture(t)
	upsert(t, s, b)
	before := stats(t, s)
	for _, q := range hostile {
		for _, kinds := range [][]graph.NodeKind{nil, {graph.KindPerson, graph.KindStatement}} {
			if _, err := s.Search(t.Context(), graph.SearchQuery{Text: q, Kinds: kinds}); err != nil {
				t.Errorf("Search(%q): %v, want no error", q, err)
			}
		}
	}
	unchanged(t, s, before, "hostile searches")
	if ns := nodes(t, s, nodeIDs(b.Nodes)...); len(ns) != len(b.Nodes) {
		t.Errorf("after hostile searches only %q of the nodes remain", nodeIDs(ns))
	}

	for _, c := range []struct{ query, want string }{
		{"Robby", idRobby},
		{"O'Brien", idOBrien},
		{"DETACH DELETE", idRobby},
		{"DROP TABLE", idTables},
	} {
		if _, ok := hitFor(search(t, s, graph.SearchQuery{Text: c.query}), c.want); !ok {
			t.Errorf("Search(%q) does not find %s", c.query, c.want)
		}
	}

	g := neighborhood(t, s, graph.NeighborhoodQuery{Seeds: []string{idOBrien}, Depth: 1})
	if !sameSet(nodeIDs(g.Nodes), []string{idOBrien, idRobby}) {
		t.Errorf("Neighborhood(%s) = %q, want it and %s", idOBrien, nodeIDs(g.Nodes), idRobby)
	}
	ps, err := s.Paths(t.Context(), graph.PathQuery{From: idOBrien, To: idHostSt, MaxHops: 3, K: 3})
	if err != nil {
		t.Fatalf("Paths(%s, %s): %v", idOBrien, idHostSt, err)
	}
	if len(ps) != 1 || len(ps[0].Nodes) != 3 {
		t.Errorf("Paths(%s, %s) = %d paths, want one of two hops", idOBrien, idHostSt, len(ps))
	}
	p := relationships(t, s, graph.RelationshipsQuery{NodeIDs: []string{idOBrien}, First: 10})
	if len(p.Relationships) != 1 {
		t.Errorf("Relationships(%s) = %d claims, want 1", idOBrien, len(p.Relationships))
	}
	_, err = s.Paths(t.Context(), graph.PathQuery{From: hostile[0], To: idRobby, MaxHops: 3, K: 3})
	wantCode(t, "Paths from a hostile unknown id", err, graph.CodeNotFound)
	unchanged(t, s, before, "hostile traversals")
}
