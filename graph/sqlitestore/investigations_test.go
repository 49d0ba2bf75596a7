package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// A file whose investigations were saved before they had authors: they stay
// visible to everyone and changeable by anyone who may save, until the first
// save adds the columns; nothing is lost.
func TestInvestigationsSavedBeforeAuthors(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, stmt := range []string{
		`CREATE TABLE investigations (id TEXT PRIMARY KEY, name TEXT NOT NULL, note TEXT NOT NULL, view TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL)`,
		`INSERT INTO investigations VALUES ('inv:00000000000000a1', 'old one', 'a note', 'n=country:RU', '2026-12-01T10:00:00.000000000Z', '2026-12-01T10:00:00.000000000Z')`,
	} {
		if _, err := s.write.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.ListInvestigations(ctx, "bob", 10)
	if err != nil || len(list) != 1 || list[0].Author != "" || !list[0].Shared || list[0].Note != "a note" {
		t.Fatalf("before the first save, bob lists %+v, %v; want the old one, shared, without author", list, err)
	}
	mine, err := s.SaveInvestigation(ctx, graph.Investigation{Name: "alice's", View: "n=a", Author: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ListInvestigations(ctx, "bob", 10); len(got) != 1 || got[0].ID != "inv:00000000000000a1" {
		t.Fatalf("after the first save, bob lists %+v; want the old one only", got)
	}
	upd, err := s.SaveInvestigation(ctx, graph.Investigation{ID: "inv:00000000000000a1", Name: "old one, kept", View: "n=country:RU", Author: "bob", Shared: true})
	if err != nil || upd.Author != "" || upd.Created.Format("2006-01-02") != "2026-12-01" {
		t.Fatalf("bob updating the old one = %+v, %v; want allowed, no author, Created kept", upd, err)
	}
	if err := s.DeleteInvestigation(ctx, mine.ID, "bob"); graph.CodeOf(err) != graph.CodeForbidden {
		t.Fatalf("bob deleting alice's = %v; want forbidden", err)
	}
}
