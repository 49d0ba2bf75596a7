package neo4jstore

import (
	"context"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// Saved investigations (graph.InvestigationStore) are :Investigation nodes,
// apart from the graph: no claim or evidence touches them, and their label
// is not an entity kind, so no graph query ever matches them.
const (
	labelInvestigation = "Investigation"
	pNote              = "note"
	pView              = "view"
	pUpdated           = "updated"
	pShared            = "shared"
)

var _ graph.InvestigationStore = (*Store)(nil)

// SaveInvestigation implements graph.InvestigationStore.
func (s *Store) SaveInvestigation(ctx context.Context, inv graph.Investigation) (graph.Investigation, error) {
	inv, err := graph.CleanInvestigation(inv)
	if err != nil {
		return graph.Investigation{}, err
	}
	stmt := "investigation_update"
	if inv.ID == "" {
		inv.ID = graph.NewInvestigationID()
		stmt = "investigation_create"
	}
	params := map[string]any{"id": inv.ID, "name": inv.Name, "note": inv.Note, "view": inv.View,
		"author": inv.Author, "shared": inv.Shared, "now": time.Now().UTC().Format(graph.InvestigationTimeLayout)}
	var out graph.Investigation
	found, mine := false, true
	err = s.write(ctx, "saving an investigation", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		found, mine = false, true
		_, err := run(ctx, tx, s.st.get(stmt), params, func(rec *neo4j.Record) error {
			found = true
			if v, ok := rec.Get("mine"); ok {
				mine, _ = v.(bool)
			}
			var e error
			out, e = investigationColumn(rec)
			return e
		})
		return err
	})
	switch {
	case err != nil:
		return graph.Investigation{}, err
	case !found:
		return graph.Investigation{}, graph.NotFoundf("no investigation %s", inv.ID)
	case !mine:
		return graph.Investigation{}, graph.NotYours(out)
	}
	return out, nil
}

// DeleteInvestigation implements graph.InvestigationStore.
func (s *Store) DeleteInvestigation(ctx context.Context, id, author string) error {
	found, mine, owner := false, false, ""
	err := s.write(ctx, "deleting an investigation", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		found, mine, owner = false, false, ""
		_, err := run(ctx, tx, s.st.get("investigation_delete"), map[string]any{"id": id, "author": author}, func(rec *neo4j.Record) error {
			found = true
			var err error
			if mine, err = recordValue[bool](rec, "mine"); err != nil {
				return err
			}
			owner, err = recordValue[string](rec, "owner")
			return err
		})
		return err
	})
	switch {
	case err != nil:
		return err
	case !found:
		return graph.NotFoundf("no investigation %s", id)
	case !mine:
		return graph.NotYours(graph.Investigation{ID: id, Author: owner})
	}
	return nil
}

// ListInvestigations implements graph.InvestigationStore.
func (s *Store) ListInvestigations(ctx context.Context, viewer string, limit int) ([]graph.Investigation, error) {
	var out []graph.Investigation
	err := s.read(ctx, "listing investigations", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		out = []graph.Investigation{}
		_, err := run(ctx, tx, s.st.get("list_investigations"), map[string]any{"viewer": viewer, "limit": graph.InvestigationLimit(limit)}, func(rec *neo4j.Record) error {
			inv, err := investigationColumn(rec)
			out = append(out, inv)
			return err
		})
		return err
	})
	return out, err
}

// GetInvestigation implements graph.InvestigationStore.
func (s *Store) GetInvestigation(ctx context.Context, id string) (graph.Investigation, error) {
	var out graph.Investigation
	found := false
	err := s.read(ctx, "reading an investigation", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		found = false
		_, err := run(ctx, tx, s.st.get("investigation_by_id"), map[string]any{"id": id}, func(rec *neo4j.Record) error {
			found = true
			var err error
			out, err = investigationColumn(rec)
			return err
		})
		return err
	})
	if err != nil {
		return graph.Investigation{}, err
	}
	if !found {
		return graph.Investigation{}, graph.NotFoundf("no investigation %s", id)
	}
	return out, nil
}

// investigationColumn maps the column i, an :Investigation node.
func investigationColumn(rec *neo4j.Record) (graph.Investigation, error) {
	n, err := recordValue[dbtype.Node](rec, "i")
	if err != nil {
		return graph.Investigation{}, err
	}
	var inv graph.Investigation
	var created, updated string
	what := "investigation " + n.ElementId
	if err := fields(what, n.Props, map[string]*string{pID: &inv.ID, pName: &inv.Name, pNote: &inv.Note, pView: &inv.View,
		pCreated: &created, pUpdated: &updated, pAuthor: &inv.Author}); err != nil {
		return inv, err
	}
	// Saved before authors were kept: no author, seen by everyone.
	inv.Shared = true
	if v, ok := n.Props[pShared]; ok && v != nil {
		b, isBool := v.(bool)
		if !isBool {
			return inv, decodeError("%s: property %s: a %T where a boolean belongs", what, pShared, v)
		}
		inv.Shared = b
	}
	if inv.Created, err = time.Parse(graph.InvestigationTimeLayout, created); err != nil {
		return inv, decodeError("%s: %s: %v", what, pCreated, err)
	}
	if inv.Updated, err = time.Parse(graph.InvestigationTimeLayout, updated); err != nil {
		return inv, decodeError("%s: %s: %v", what, pUpdated, err)
	}
	return inv, nil
}
