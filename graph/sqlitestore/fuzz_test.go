package sqlitestore

import (
	"context"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// FuzzSearch: whatever a user types into the search box reaches FTS5 as
// data: no syntax error, no panic, and every hit is a stored node.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"Russia", `"unclosed`, "NEAR(a b)", "a AND OR NOT", "*", "'; DROP TABLE nodes; --", "Robby' }) DETACH DELETE n //", "^col:x", "名前", ""} {
		f.Add(q)
	}
	s := fuzzStore(f)
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := s.Search(context.Background(), graph.SearchQuery{Text: q, First: 5})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, h := range hits {
			if h.Node.ID == "" {
				t.Fatalf("Search(%q) returned an empty node", q)
			}
		}
	})
}

func fuzzStore(f *testing.F) *Store {
	s, err := Open(context.Background(), f.TempDir()+"/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	text := "Russia denied the attack on Estonia. 名前 said nothing."
	doc := graph.Document{ID: graph.DocumentID(text), Title: "t", Text: text}
	rel := graph.Relationship{ID: graph.ClaimID("country:RU", graph.RelDenied, "op:x"), Type: graph.RelDenied, From: "country:RU", To: "op:x", Method: "curated", Confidence: 1}
	_, err = s.Upsert(context.Background(), graph.Batch{Documents: []graph.Document{doc},
		Nodes:         []graph.Node{{ID: "country:RU", Kind: graph.KindCountry, Name: "Russia"}, {ID: "op:x", Kind: graph.KindCyberOperation, Name: "attack on Estonia"}},
		Relationships: []graph.Relationship{rel},
		Evidence:      []graph.Evidence{{Subject: rel.ID, DocumentID: doc.ID, Start: 0, End: 36, Quote: "Russia denied the attack on Estonia."}}})
	if err != nil {
		f.Fatal(err)
	}
	return s
}
