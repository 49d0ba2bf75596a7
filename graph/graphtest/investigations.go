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
// CodeInvalid and unknown ids with CodeNotFound. Stores that do not keep
// them skip.
func testInvestigations(t *testing.T, s graph.Store) {
	is, ok := s.(graph.InvestigationStore)
	if !ok {
		t.Skip("this store keeps no saved investigations")
	}
	ctx := context.Background()

	// A fresh store has none, and knows no id.
	list, err := is.ListInvestigations(ctx, 10)
	if err != nil || len(list) != 0 {
		t.Fatalf("ListInvestigations on a fresh store = %v, %v; want none", list, err)
	}
	if _, err := is.GetInvestigation(ctx, "inv:0000000000000000"); graph.CodeOf(err) != graph.CodeNotFound {
		t.Fatalf("GetInvestigation(unknown) error = %v; want not_found", err)
	}

	view := "n=country:EE,country:RU&xy=1.5_-2,3_4&s=n:country:EE"
	first, err := is.SaveInvestigation(ctx, graph.Investigation{Name: "  Estonia and Russia ", Note: "who blamed whom — «check» 2018", View: view})
	if err != nil {
		t.Fatal(err)
	}
	if !graph.ValidInvestigationID(first.ID) || first.Name != "Estonia and Russia" || first.Created.IsZero() || first.Updated.IsZero() {
		t.Fatalf("saved %+v: want a new id, the trimmed name and both times", first)
	}
	time.Sleep(5 * time.Millisecond)
	second, err := is.SaveInvestigation(ctx, graph.Investigation{Name: "Sullivan", View: "n=person:john-sullivan"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := is.GetInvestigation(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != first.Name || got.Note != first.Note || got.View != view || !got.Created.Equal(first.Created) {
		t.Fatalf("GetInvestigation = %+v; want %+v", got, first)
	}
	list, err = is.ListInvestigations(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Fatalf("ListInvestigations = %v; want the newest (%s) first", investigationIDs(list), second.ID)
	}
	if one, _ := is.ListInvestigations(ctx, 1); len(one) != 1 {
		t.Fatalf("ListInvestigations(1) gave %d", len(one))
	}

	// Saving under an existing id replaces it, keeps Created, and moves it first.
	time.Sleep(5 * time.Millisecond)
	upd, err := is.SaveInvestigation(ctx, graph.Investigation{ID: first.ID, Name: "Estonia, Russia", Note: "", View: "n=country:EE"})
	if err != nil {
		t.Fatal(err)
	}
	if !upd.Created.Equal(first.Created) || !upd.Updated.After(first.Updated) {
		t.Fatalf("update %+v: want Created kept and Updated later than %v", upd, first.Updated)
	}
	list, _ = is.ListInvestigations(ctx, 10)
	if len(list) != 2 || list[0].ID != first.ID || list[0].View != "n=country:EE" || list[0].Note != "" {
		t.Fatalf("after the update, list = %+v", list)
	}

	for _, bad := range []graph.Investigation{
		{Name: "   "},
		{Name: strings.Repeat("x", graph.MaxInvestigationName+1)},
		{Name: "n", Note: strings.Repeat("x", graph.MaxInvestigationNote+1)},
		{Name: "n", View: strings.Repeat("x", graph.MaxInvestigationView+1)},
		{Name: "n", ID: "country:RU"},
		{Name: "bad \xff utf-8"},
	} {
		if _, err := is.SaveInvestigation(ctx, bad); graph.CodeOf(err) != graph.CodeInvalid {
			t.Errorf("SaveInvestigation(%.40q) error = %v; want invalid", bad.Name, err)
		}
	}
	if _, err := is.SaveInvestigation(ctx, graph.Investigation{ID: "inv:00000000000000ff", Name: "ghost"}); graph.CodeOf(err) != graph.CodeNotFound {
		t.Errorf("SaveInvestigation(unknown id) error = %v; want not_found", err)
	}
	if list, _ := is.ListInvestigations(ctx, 10); len(list) != 2 {
		t.Errorf("refused saves stored something: %d investigations", len(list))
	}
}

func investigationIDs(list []graph.Investigation) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.ID
	}
	return out
}
