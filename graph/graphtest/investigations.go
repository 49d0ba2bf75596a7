package graphtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// testInvestigations: a store that keeps saved investigations saves, lists
// (newest first), reopens and updates them, and refuses bad input with
// CodeInvalid and unknown ids with CodeNotFound; each belongs to its author
// (testInvestigationAuthors). Stores that do not keep them skip.
func testInvestigations(t *testing.T, s graph.Store) {
	is, ok := s.(graph.InvestigationStore)
	if !ok {
		t.Skip("this store keeps no saved investigations")
	}
	ctx := context.Background()

	// A fresh store has none, and knows no id.
	list, err := is.ListInvestigations(ctx, "alice", 10)
	if err != nil || len(list) != 0 {
		t.Fatalf("ListInvestigations on a fresh store = %v, %v; want none", list, err)
	}
	if _, err := is.GetInvestigation(ctx, "inv:0000000000000000"); graph.CodeOf(err) != graph.CodeNotFound {
		t.Fatalf("GetInvestigation(unknown) error = %v; want not_found", err)
	}

	view := "n=country:EE,country:RU&xy=1.5_-2,3_4&s=n:country:EE"
	first, err := is.SaveInvestigation(ctx, graph.Investigation{Name: "  Estonia and Russia ", Note: "who blamed whom — «check» 2018", View: view, Author: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if !graph.ValidInvestigationID(first.ID) || first.Name != "Estonia and Russia" || first.Author != "alice" || first.Shared || first.Created.IsZero() || first.Updated.IsZero() {
		t.Fatalf("saved %+v: want a new id, the trimmed name and both times", first)
	}
	time.Sleep(5 * time.Millisecond)
	second, err := is.SaveInvestigation(ctx, graph.Investigation{Name: "Sullivan", View: "n=person:john-sullivan", Author: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := is.GetInvestigation(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != first.Name || got.Note != first.Note || got.View != view || got.Author != "alice" || got.Shared || !got.Created.Equal(first.Created) {
		t.Fatalf("GetInvestigation = %+v; want %+v", got, first)
	}
	list, err = is.ListInvestigations(ctx, "alice", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Fatalf("ListInvestigations = %v; want the newest (%s) first", investigationIDs(list), second.ID)
	}
	if one, _ := is.ListInvestigations(ctx, "alice", 1); len(one) != 1 {
		t.Fatalf("ListInvestigations(1) gave %d", len(one))
	}

	// Saving under an existing id replaces it, keeps Created, and moves it first.
	time.Sleep(5 * time.Millisecond)
	upd, err := is.SaveInvestigation(ctx, graph.Investigation{ID: first.ID, Name: "Estonia, Russia", Note: "", View: "n=country:EE", Author: "alice"})
	if err != nil {
		t.Fatal(err)
	}
	if !upd.Created.Equal(first.Created) || !upd.Updated.After(first.Updated) {
		t.Fatalf("update %+v: want Created kept and Updated later than %v", upd, first.Updated)
	}
	list, _ = is.ListInvestigations(ctx, "alice", 10)
	if len(list) != 2 || list[0].ID != first.ID || list[0].View != "n=country:EE" || list[0].Note != "" {
		t.Fatalf("after the update, list = %+v", list)
	}

	for _, bad := range []graph.Investigation{
		{Name: "   ", Author: "alice"},
		{Name: strings.Repeat("x", graph.MaxInvestigationName+1), Author: "alice"},
		{Name: "n", Note: strings.Repeat("x", graph.MaxInvestigationNote+1), Author: "alice"},
		{Name: "n", View: strings.Repeat("x", graph.MaxInvestigationView+1), Author: "alice"},
		{Name: "n", ID: "country:RU", Author: "alice"},
		{Name: "bad \xff utf-8", Author: "alice"},
		{Name: "nobody's"},
	} {
		if _, err := is.SaveInvestigation(ctx, bad); graph.CodeOf(err) != graph.CodeInvalid {
			t.Errorf("SaveInvestigation(%.40q) error = %v; want invalid", bad.Name, err)
		}
	}
	if _, err := is.SaveInvestigation(ctx, graph.Investigation{ID: "inv:00000000000000ff", Name: "ghost", Author: "alice"}); graph.CodeOf(err) != graph.CodeNotFound {
		t.Errorf("SaveInvestigation(unknown id) error = %v; want not_found", err)
	}
	if list, _ := is.ListInvestigations(ctx, "alice", 10); len(list) != 2 {
		t.Errorf("refused saves stored something: %d investigations", len(list))
	}
	testInvestigationAuthors(t, is, first.ID, second.ID)
}

// testInvestigationAuthors: alice's investigations (mine, mine2: not
// shared) are hers. Bob lists only what is shared, cannot overwrite or
// delete hers (CodeForbidden, nothing changed), and sees one once she
// shares it; she deletes her own.
func testInvestigationAuthors(t *testing.T, is graph.InvestigationStore, mine, mine2 string) {
	ctx := context.Background()
	ids := func(viewer string) []string {
		t.Helper()
		list, err := is.ListInvestigations(ctx, viewer, 10)
		if err != nil {
			t.Fatal(err)
		}
		return investigationIDs(list)
	}
	if got := ids("bob"); len(got) != 0 {
		t.Fatalf("bob lists %v; alice's unshared investigations are hers", got)
	}
	if got := ids(""); len(got) != 0 {
		t.Fatalf("nobody in particular lists %v; want none", got)
	}
	bobs, err := is.SaveInvestigation(ctx, graph.Investigation{Name: "Bob's", View: "n=country:RU", Author: "bob", Shared: true})
	if err != nil || bobs.Author != "bob" || !bobs.Shared {
		t.Fatalf("bob's save = %+v, %v", bobs, err)
	}
	before, _ := is.GetInvestigation(ctx, mine)
	_, err = is.SaveInvestigation(ctx, graph.Investigation{ID: mine, Name: "taken over", View: "n=a", Author: "bob", Shared: true})
	if graph.CodeOf(err) != graph.CodeForbidden || !strings.Contains(err.Error(), "alice") {
		t.Fatalf("bob overwriting alice's = %v; want forbidden, naming her", err)
	}
	if err := is.DeleteInvestigation(ctx, mine, "bob"); graph.CodeOf(err) != graph.CodeForbidden {
		t.Fatalf("bob deleting alice's = %v; want forbidden", err)
	}
	if after, err := is.GetInvestigation(ctx, mine); err != nil || after.Name != before.Name || after.Shared || !after.Updated.Equal(before.Updated) {
		t.Fatalf("after bob's refused changes, alice's is %+v, %v; want %+v", after, err, before)
	}
	// Alice shares one: bob sees it (and his own), still cannot change it.
	shared, err := is.SaveInvestigation(ctx, graph.Investigation{ID: mine, Name: before.Name, View: before.View, Author: "alice", Shared: true})
	if err != nil || !shared.Shared || shared.Author != "alice" {
		t.Fatalf("alice sharing hers = %+v, %v", shared, err)
	}
	if got := ids("bob"); len(got) != 2 || got[0] != mine || got[1] != bobs.ID {
		t.Fatalf("bob lists %v; want alice's shared %s, then his %s", got, mine, bobs.ID)
	}
	if got := ids(""); len(got) != 2 {
		t.Fatalf("nobody in particular lists %v; want the two shared ones", got)
	}
	if got := ids("alice"); len(got) != 3 {
		t.Fatalf("alice lists %v; want her two and bob's shared one", got)
	}
	if err := is.DeleteInvestigation(ctx, mine2, "alice"); err != nil {
		t.Fatalf("alice deleting hers: %v", err)
	}
	if _, err := is.GetInvestigation(ctx, mine2); graph.CodeOf(err) != graph.CodeNotFound {
		t.Fatalf("a deleted investigation opens: %v", err)
	}
	if err := is.DeleteInvestigation(ctx, mine2, "alice"); graph.CodeOf(err) != graph.CodeNotFound {
		t.Fatalf("deleting it again = %v; want not_found", err)
	}
}

func investigationIDs(list []graph.Investigation) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.ID
	}
	return out
}
