package sqlitestore

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// smallGraph writes a document, two entities, a claim and a statement.
func smallGraph(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	text := "Estonia hosted the drill. Russia denied it."
	doc := graph.Document{ID: graph.DocumentID(text), Title: "t", Text: text}
	rel := graph.Relationship{ID: graph.ClaimID("country:RU", graph.RelDenied, "op:drill"), Type: graph.RelDenied,
		From: "country:RU", To: "op:drill", Method: "curated", Confidence: 0.9}
	b := graph.Batch{Documents: []graph.Document{doc},
		Nodes: []graph.Node{{ID: "country:RU", Kind: graph.KindCountry, Name: "Russia"}, {ID: "op:drill", Kind: graph.KindCyberOperation, Name: "drill"},
			{ID: "statement:x", Kind: graph.KindStatement, Name: "denial", Props: map[string]string{"text": "Russia denied it"}}},
		Relationships: []graph.Relationship{rel},
		Evidence: []graph.Evidence{
			{Subject: rel.ID, DocumentID: doc.ID, Start: 26, End: 43, Quote: "Russia denied it."},
			{Subject: "statement:x", DocumentID: doc.ID, Start: 26, End: 43, Quote: "Russia denied it."}}}
	if _, err := s.Upsert(ctx, b); err != nil {
		t.Fatal(err)
	}
	return s
}

// Each invariant of Check is shown to catch its own breakage.
func TestCheckCatchesEachBreakage(t *testing.T) {
	ctx := context.Background()
	if rep, err := smallGraph(t).Check(ctx); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("healthy store: %v %v", rep.Problems, err)
	}
	for _, tc := range []struct {
		name, sql, want string
	}{
		{"claim loses evidence", `DELETE FROM evidence WHERE subject > 0`, "claims without evidence"},
		{"statement loses evidence", `DELETE FROM evidence WHERE subject = -(SELECT nid FROM nodes WHERE id = 'statement:x')`, "statements or attributions without evidence"},
		{"document vanishes", `PRAGMA foreign_keys=OFF; DELETE FROM documents`, "document is missing"},
		{"node index row lost", `DELETE FROM node_fts WHERE rowid = (SELECT nid FROM nodes WHERE id = 'country:RU')`, "missing from the name index"},
		{"evidence index row lost", `DELETE FROM evidence_fts WHERE rowid = (SELECT min(eid) FROM evidence)`, "missing from the evidence index"},
		{"quote altered", `UPDATE evidence SET quote = 'Russia admitted it.' WHERE subject = -(SELECT nid FROM nodes WHERE id = 'statement:x')`, "quotes differ"},
		{"evidence for nothing", `UPDATE evidence SET subject = (SELECT max(rid) + 1 FROM rels) WHERE subject = -(SELECT nid FROM nodes WHERE id = 'statement:x')`, "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := smallGraph(t)
			conn, err := s.write.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range strings.Split(tc.sql, "; ") {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			conn.ExecContext(ctx, `PRAGMA foreign_keys=ON`)
			conn.Close()
			rep, err := s.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(rep.Problems, "\n"), tc.want) {
				t.Fatalf("problems %q lack %q", rep.Problems, tc.want)
			}
		})
	}
}
