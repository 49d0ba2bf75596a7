package jsonl_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/jsonl"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

func openStore(t *testing.T) graph.Store {
	t.Helper()
	s, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func export(t *testing.T, s graph.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := jsonl.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Export(t.Context(), s, w); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// crossCitations is a graph whose dependencies run against the file's
// order: the claim "Latvia BACKED the attribution" is cited in document A,
// but the attribution it ends at is first cited in document B; and the
// attribution's own claims are cited in both.
func crossCitations(t *testing.T) graph.Batch {
	textA := "Latvia backed the attribution."
	textB := "The United Kingdom attributed the attacks to the GRU. Latvia backed it."
	// A must come first in id order, which is export order; a trailing
	// space changes its hash until it does.
	for graph.DocumentID(textA) > graph.DocumentID(textB) {
		textA += " "
	}
	a := graph.Document{ID: graph.DocumentID(textA), Title: "A", Published: "2018-10-05", Text: textA}
	b := graph.Document{ID: graph.DocumentID(textB), Title: "B", Published: "2018-10-04", Text: textB}
	lv := graph.Node{ID: "country:LV", Kind: graph.KindCountry, Name: "Latvia", Source: "reference:iso-3166"}
	gb := graph.Node{ID: "country:GB", Kind: graph.KindCountry, Name: "United Kingdom", Aliases: []string{"UK", "Britain"}}
	att := graph.Node{ID: "attribution:gb-gru", Kind: graph.KindAttribution, Name: "UK attribution to the GRU",
		Props: map[string]string{"basis": "intelligence"}}
	backed := graph.Relationship{ID: graph.ClaimID(lv.ID, graph.RelBacked, att.ID), Type: graph.RelBacked, From: lv.ID, To: att.ID,
		Method: "curated", Confidence: 0.9, Modality: graph.Asserted, Published: "2018-10-04"}
	attributed := graph.Relationship{ID: graph.ClaimID(gb.ID, graph.RelAttributed, att.ID), Type: graph.RelAttributed,
		From: gb.ID, To: att.ID, Method: "rule:attribution@1", Confidence: 0.7, Modality: graph.Alleged, Date: "2018-10"}
	ev := func(subject string, d graph.Document, quote string) graph.Evidence {
		i := strings.Index(d.Text, quote)
		if i < 0 {
			t.Fatalf("fixture: %q not in %q", quote, d.Text)
		}
		start := graph.RuneOffset(d.Text, i)
		end := start + len([]rune(quote))
		return graph.Evidence{ID: graph.EvidenceID(subject, d.ID, start, end), Subject: subject, DocumentID: d.ID, Start: start, End: end, Quote: quote}
	}
	docWith := func(quote string) graph.Document {
		if strings.Contains(a.Text, quote) {
			return a
		}
		return b
	}
	return graph.Batch{
		Documents:     []graph.Document{a, b},
		Nodes:         []graph.Node{lv, gb, att},
		Relationships: []graph.Relationship{backed, attributed},
		Evidence: []graph.Evidence{
			ev(backed.ID, docWith("Latvia backed the attribution."), "Latvia backed"),
			ev(backed.ID, docWith("Latvia backed it."), "Latvia backed it"),
			ev(att.ID, docWith("attributed the attacks"), "The United Kingdom attributed the attacks to the GRU"),
			ev(attributed.ID, docWith("attributed the attacks"), "The United Kingdom attributed"),
		},
	}
}

// SQLite -> JSON Lines -> another SQLite -> JSON Lines gives the same bytes,
// however the citations are spread over the documents; importing again adds
// nothing.
func TestExportImportRoundTrip(t *testing.T) {
	src := openStore(t)
	if _, err := src.Upsert(t.Context(), crossCitations(t)); err != nil {
		t.Fatal(err)
	}
	first := export(t, src)

	dst := openStore(t)
	res, err := jsonl.Import(t.Context(), dst, jsonl.NewReader(bytes.NewReader(first)))
	if err != nil {
		t.Fatal(err)
	}
	if want := (graph.UpsertResult{Documents: 2, Nodes: 3, Relationships: 2, Evidence: 4}); res != want {
		t.Errorf("Import = %+v, want %+v", res, want)
	}
	if second := export(t, dst); !bytes.Equal(first, second) {
		t.Errorf("the round trip changed the graph:\n%s\nthen\n%s", first, second)
	}
	res, err = jsonl.Import(t.Context(), dst, jsonl.NewReader(bytes.NewReader(first)))
	if err != nil || res != (graph.UpsertResult{}) {
		t.Errorf("importing again = %+v, %v; want nothing new", res, err)
	}
}

// A file that does not make a valid graph is refused by the store's own
// checks, with what is wrong.
func TestImportRefusesABrokenGraph(t *testing.T) {
	src := openStore(t)
	if _, err := src.Upsert(t.Context(), crossCitations(t)); err != nil {
		t.Fatal(err)
	}
	full := string(export(t, src))
	var kept []string
	for _, line := range strings.Split(full, "\n") {
		// Drop the attribution node: the claims that end at it dangle.
		if !strings.Contains(line, `"type":"node","id":"attribution:gb-gru"`) {
			kept = append(kept, line)
		}
	}
	_, err := jsonl.Import(t.Context(), openStore(t), jsonl.NewReader(strings.NewReader(strings.Join(kept, "\n"))))
	if err == nil || !graph.HasCode(err, graph.CodeInvalid) || !strings.Contains(err.Error(), "attribution:gb-gru") {
		t.Errorf("Import of a file missing a node: %v, want an invalid-input error naming it", err)
	}
}
