package graphtest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

const (
	idBankEE    = "org:bank-of-estonia"
	idKaljulaid = "person:kersti-kaljulaid"
	idJake      = "person:jake-sullivan"
	idUNState   = "statement:sullivan-un-ministerial"
)

// searchFixture: Estonia by name; the Bank of Estonia, whose name contains
// the word; Kersti Kaljulaid, whose evidence mentions Estonia; two
// Sullivans; a statement whose text (not its name, not its evidence) says
// "accountable"; Russia with aliases.
func searchFixture(t *testing.T) graph.Batch {
	k := newDoc(t, "Search fixture", "2018-09-28")
	k.node(country(idEE, "Estonia"), "")
	k.node(withProps(entity(idBankEE, graph.KindOrganization, "Bank of Estonia"), "kind", "government"), "")
	k.node(entity(idKaljulaid, graph.KindPerson, "Kersti Kaljulaid"),
		"Kersti Kaljulaid, the president of Estonia, condemned the attack.")
	k.node(entity(idSullivan, graph.KindPerson, "John Sullivan"), "")
	k.node(entity(idJake, graph.KindPerson, "Jake Sullivan"), "")
	k.node(withProps(entity(idUNState, graph.KindStatement, "Sullivan at the UN ministerial"),
		"text", "Russia must be held accountable"),
		"Sullivan told the ministerial that Moscow must answer for its cyber operations.")
	k.node(country(idRU, "Russia", "Russian Federation", "the Kremlin"), "")
	return k.batch()
}

func indexOf(hs []graph.SearchHit, id string) int {
	return slices.IndexFunc(hs, func(h graph.SearchHit) bool { return h.Node.ID == id })
}

func hitFor(hs []graph.SearchHit, id string) (graph.SearchHit, bool) {
	if i := indexOf(hs, id); i >= 0 {
		return hs[i], true
	}
	return graph.SearchHit{}, false
}

// testSearchRanking: an exact name ranks above a name that contains the
// word, which ranks above a node merely mentioned in its evidence; hits come
// best first.
func testSearchRanking(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	hs := search(t, s, graph.SearchQuery{Text: "Estonia"})
	exact, contains, mentioned := indexOf(hs, idEE), indexOf(hs, idBankEE), indexOf(hs, idKaljulaid)
	if exact < 0 || contains < 0 || mentioned < 0 {
		t.Fatalf("Search(Estonia) = %q, want %s, %s and %s among the hits", hitIDs(hs), idEE, idBankEE, idKaljulaid)
	}
	if !(exact < contains && contains < mentioned) {
		t.Errorf("Search(Estonia) order = %q, want exact name %s, then %s, then %s (evidence only)",
			hitIDs(hs), idEE, idBankEE, idKaljulaid)
	}
	if exact != 0 {
		t.Errorf("Search(Estonia): exact name match is at %d, want first", exact)
	}
	for i := 1; i < len(hs); i++ {
		if hs[i].Score > hs[i-1].Score {
			t.Errorf("Search(Estonia): hit %d scores %v above hit %d (%v); want best first", i, hs[i].Score, i-1, hs[i-1].Score)
		}
	}
	if h := hs[exact]; h.Matched != "name" {
		t.Errorf("Search(Estonia): %s Matched %q, want name", idEE, h.Matched)
	}
	if h := hs[mentioned]; h.Matched != "evidence" || !strings.Contains(h.Snippet, "Estonia") {
		t.Errorf("Search(Estonia): %s Matched %q with snippet %q, want evidence with a snippet showing Estonia",
			idKaljulaid, h.Matched, h.Snippet)
	}

	// A multi-word exact name beats the single-word one it contains.
	hs = search(t, s, graph.SearchQuery{Text: "Bank of Estonia"})
	if len(hs) == 0 || hs[0].Node.ID != idBankEE {
		t.Errorf("Search(Bank of Estonia) = %q, want %s first", hitIDs(hs), idBankEE)
	}
}

// testSearchPrefix: the last word matches as a prefix.
func testSearchPrefix(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	cases := []struct {
		query string
		want  []string
	}{
		{"Sull", []string{idSullivan, idJake}},
		{"John Sull", []string{idSullivan}},
		{"Kaljul", []string{idKaljulaid}},
		{"Eston", []string{idEE, idBankEE}},
		{"Sullivan", []string{idSullivan, idJake}},
	}
	for _, c := range cases {
		hs := search(t, s, graph.SearchQuery{Text: c.query})
		for _, id := range c.want {
			if indexOf(hs, id) < 0 {
				t.Errorf("Search(%q) = %q, want %s among the hits", c.query, hitIDs(hs), id)
			}
		}
	}
}

// testSearchKinds: a kinds filter returns only those kinds.
func testSearchKinds(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	cases := []struct {
		query  string
		kinds  []graph.NodeKind
		want   []string
		absent []string
	}{
		{"Sullivan", []graph.NodeKind{graph.KindPerson}, []string{idSullivan, idJake}, []string{idUNState}},
		{"Sullivan", []graph.NodeKind{graph.KindStatement}, []string{idUNState}, []string{idSullivan, idJake}},
		{"Estonia", []graph.NodeKind{graph.KindCountry, graph.KindOrganization}, []string{idEE, idBankEE}, []string{idKaljulaid}},
		{"Estonia", []graph.NodeKind{graph.KindEvent}, nil, []string{idEE, idBankEE, idKaljulaid}},
	}
	for _, c := range cases {
		hs := search(t, s, graph.SearchQuery{Text: c.query, Kinds: c.kinds})
		for _, h := range hs {
			if !slices.Contains(c.kinds, h.Node.Kind) {
				t.Errorf("Search(%q, kinds %v) returned %s of kind %s", c.query, c.kinds, h.Node.ID, h.Node.Kind)
			}
		}
		for _, id := range c.want {
			if indexOf(hs, id) < 0 {
				t.Errorf("Search(%q, kinds %v) = %q, want %s", c.query, c.kinds, hitIDs(hs), id)
			}
		}
		for _, id := range c.absent {
			if indexOf(hs, id) >= 0 {
				t.Errorf("Search(%q, kinds %v) returned %s", c.query, c.kinds, id)
			}
		}
	}
}

// testSearchAlias: a node is found by an alias, and the hit says so.
func testSearchAlias(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	for _, q := range []string{"Kremlin", "Russian Federation"} {
		hs := search(t, s, graph.SearchQuery{Text: q})
		h, ok := hitFor(hs, idRU)
		if !ok {
			t.Errorf("Search(%q) = %q, want %s by alias", q, hitIDs(hs), idRU)
			continue
		}
		if h.Matched != "alias" {
			t.Errorf("Search(%q): %s Matched %q, want alias", q, idRU, h.Matched)
		}
	}
}

// testSearchStatementText: a statement is found by its text property.
func testSearchStatementText(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	hs := search(t, s, graph.SearchQuery{Text: "accountable"})
	h, ok := hitFor(hs, idUNState)
	if !ok {
		t.Fatalf("Search(accountable) = %q, want the statement whose text says it", hitIDs(hs))
	}
	if h.Matched != "text" {
		t.Errorf("Search(accountable): Matched %q, want text", h.Matched)
	}
}

// testSearchEvidence: a node is found by the text of its evidence.
func testSearchEvidence(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	hs := search(t, s, graph.SearchQuery{Text: "condemned"})
	h, ok := hitFor(hs, idKaljulaid)
	if !ok {
		t.Fatalf("Search(condemned) = %q, want %s through its evidence", hitIDs(hs), idKaljulaid)
	}
	if h.Matched != "evidence" || !strings.Contains(h.Snippet, "condemned") {
		t.Errorf("Search(condemned): Matched %q, snippet %q; want evidence and a snippet showing the word", h.Matched, h.Snippet)
	}
}

// testSearchEmpty: an empty or blank query is not an error and finds
// nothing. (The contract does not say; the suite picks the answer friendlier
// to a search box that is being cleared.)
func testSearchEmpty(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	for _, q := range []string{"", " ", "\t\n"} {
		hs, err := s.Search(t.Context(), graph.SearchQuery{Text: q})
		if err != nil {
			t.Errorf("Search(%q): %v, want no error", q, err)
		}
		if len(hs) != 0 {
			t.Errorf("Search(%q) = %q, want nothing", q, hitIDs(hs))
		}
	}
}

// testSearchTooLong: a query of more than graph.MaxSearchWords words, or
// more than graph.MaxSearchBytes bytes, is refused as invalid at once,
// whatever its size (a megabyte of words once held FTS5 for minutes); one
// at the limits is answered.
func testSearchTooLong(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	for _, q := range []string{
		strings.Repeat("ab ", graph.MaxSearchWords+1),
		strings.Repeat("ab ", 350_000),
		strings.Repeat("x", graph.MaxSearchBytes+1),
	} {
		start := time.Now()
		_, err := s.Search(t.Context(), graph.SearchQuery{Text: q})
		if !graph.HasCode(err, graph.CodeInvalid) {
			t.Errorf("Search of %d bytes: %v, want an invalid-input error", len(q), err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Search of %d bytes refused after %v", len(q), d)
		}
	}
	if _, err := s.Search(t.Context(), graph.SearchQuery{Text: strings.TrimSpace(strings.Repeat("Estonia ", graph.MaxSearchWords))}); err != nil {
		t.Errorf("Search of %d words: %v", graph.MaxSearchWords, err)
	}
}

// testSearchOperators: the query is plain words. Full-text operators,
// quotes and wildcards never make an error, and a query of nothing but
// punctuation matches nothing (it is matched literally, and no node holds
// those characters).
func testSearchOperators(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	for _, q := range []string{
		"AND", "OR", "NOT", "Estonia AND", "AND Estonia", "Estonia OR Russia", "NOT Estonia",
		"*", "Eston*", "\"", "\"Estonia", "\"Estonia\"", "''", "NEAR(", "NEAR(Estonia Russia)",
		"NEAR(Estonia Russia, 2)", "Estonia)", "(Estonia", "{Estonia}", "name:Estonia", "^Estonia",
		"-Estonia", "+Estonia", "Estonia -Russia", "Sullivan's", "O'Brien", "a\\b", "%", "_", "%Eston%",
		"[Estonia]", "Estonia; DROP TABLE nodes", "Estonia:*",
	} {
		if _, err := s.Search(t.Context(), graph.SearchQuery{Text: q}); err != nil {
			t.Errorf("Search(%q): %v, want no error", q, err)
		}
	}
	for _, q := range []string{"*", "%", "_", "\"", "()", "^", "-", ":", "%%", "**", "\"\""} {
		hs, err := s.Search(t.Context(), graph.SearchQuery{Text: q})
		if err != nil {
			t.Errorf("Search(%q): %v, want no error", q, err)
		}
		if len(hs) != 0 {
			t.Errorf("Search(%q) = %q, want nothing: the characters are literal and no node holds them", q, hitIDs(hs))
		}
	}
}

// testSearchFirst: First caps the number of hits.
func testSearchFirst(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	if hs := search(t, s, graph.SearchQuery{Text: "Sullivan", First: 1}); len(hs) != 1 {
		t.Errorf("Search(Sullivan, First 1) = %q, want exactly one hit", hitIDs(hs))
	}
	if hs := search(t, s, graph.SearchQuery{Text: "Sullivan", First: 2}); len(hs) != 2 {
		t.Errorf("Search(Sullivan, First 2) = %q, want exactly two hits", hitIDs(hs))
	}
}

// testSearchFollowsUpdates: after a rename, the new name finds the node and
// the old one no longer does; a stale index would show a node under a name
// it no longer has.
func testSearchFollowsUpdates(t *testing.T, s graph.Store) {
	upsert(t, s, searchFixture(t))
	upsert(t, s, graph.Batch{Nodes: []graph.Node{
		withProps(entity(idBankEE, graph.KindOrganization, "Eesti Pank"), "kind", "government"),
	}})
	if hs := search(t, s, graph.SearchQuery{Text: "Eesti Pank"}); indexOf(hs, idBankEE) != 0 {
		t.Errorf("Search(Eesti Pank) after the rename = %q, want %s first", hitIDs(hs), idBankEE)
	}
	if hs := search(t, s, graph.SearchQuery{Text: "Bank"}); indexOf(hs, idBankEE) >= 0 {
		t.Errorf("Search(Bank) still finds %s after its rename to Eesti Pank", idBankEE)
	}
	if hs := search(t, s, graph.SearchQuery{Text: "Eesti Pank"}); len(hs) > 0 && hs[0].Node.Name != "Eesti Pank" {
		t.Errorf("Search returns the node with name %q, want the new name", hs[0].Node.Name)
	}
}
