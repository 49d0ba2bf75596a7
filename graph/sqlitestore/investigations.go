package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Saved investigations (graph.InvestigationStore) live in their own table,
// outside the graph's schema versions: the table is created by the first
// save, so opening a file never writes for it, and a file without it simply
// has no investigations.
const investigationsTable = `CREATE TABLE IF NOT EXISTS investigations (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  note    TEXT NOT NULL,
  view    TEXT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
)`

var _ graph.InvestigationStore = (*Store)(nil)

const timeLayout = graph.InvestigationTimeLayout

// SaveInvestigation implements graph.InvestigationStore.
func (s *Store) SaveInvestigation(ctx context.Context, inv graph.Investigation) (graph.Investigation, error) {
	inv, err := graph.CleanInvestigation(inv)
	if err != nil {
		return graph.Investigation{}, err
	}
	now := time.Now().UTC()
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return graph.Investigation{}, graph.Internal("saving an investigation", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, investigationsTable); err != nil {
		return graph.Investigation{}, graph.Internal("saving an investigation", err)
	}
	if inv.ID == "" {
		inv.ID = graph.NewInvestigationID()
		inv.Created = now
		_, err = tx.ExecContext(ctx, `INSERT INTO investigations (id, name, note, view, created, updated) VALUES (?, ?, ?, ?, ?, ?)`,
			inv.ID, inv.Name, inv.Note, inv.View, now.Format(timeLayout), now.Format(timeLayout))
	} else {
		var created string
		err = tx.QueryRowContext(ctx, `SELECT created FROM investigations WHERE id = ?`, inv.ID).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return graph.Investigation{}, graph.NotFoundf("no investigation %s", inv.ID)
		}
		if err == nil {
			inv.Created, err = time.Parse(timeLayout, created)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE investigations SET name = ?, note = ?, view = ?, updated = ? WHERE id = ?`,
				inv.Name, inv.Note, inv.View, now.Format(timeLayout), inv.ID)
		}
	}
	if err != nil {
		return graph.Investigation{}, graph.Internal("saving an investigation", err)
	}
	if err := tx.Commit(); err != nil {
		return graph.Investigation{}, graph.Internal("saving an investigation", err)
	}
	inv.Updated = now
	return inv, nil
}

// ListInvestigations implements graph.InvestigationStore.
func (s *Store) ListInvestigations(ctx context.Context, limit int) ([]graph.Investigation, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, note, view, created, updated FROM investigations ORDER BY updated DESC, id LIMIT ?`,
		graph.InvestigationLimit(limit))
	if noTable(err) {
		return []graph.Investigation{}, nil
	}
	if err != nil {
		return nil, graph.Internal("listing investigations", err)
	}
	defer rows.Close()
	out := []graph.Investigation{}
	for rows.Next() {
		inv, err := scanInvestigation(rows)
		if err != nil {
			return nil, graph.Internal("listing investigations", err)
		}
		out = append(out, inv)
	}
	if err := rows.Err(); err != nil {
		return nil, graph.Internal("listing investigations", err)
	}
	return out, nil
}

// GetInvestigation implements graph.InvestigationStore.
func (s *Store) GetInvestigation(ctx context.Context, id string) (graph.Investigation, error) {
	row := s.read.QueryRowContext(ctx, `SELECT id, name, note, view, created, updated FROM investigations WHERE id = ?`, id)
	inv, err := scanInvestigation(row)
	if errors.Is(err, sql.ErrNoRows) || noTable(err) {
		return graph.Investigation{}, graph.NotFoundf("no investigation %s", id)
	}
	if err != nil {
		return graph.Investigation{}, graph.Internal("reading an investigation", err)
	}
	return inv, nil
}

func scanInvestigation(r interface{ Scan(...any) error }) (graph.Investigation, error) {
	var inv graph.Investigation
	var created, updated string
	if err := r.Scan(&inv.ID, &inv.Name, &inv.Note, &inv.View, &created, &updated); err != nil {
		return inv, err
	}
	var err1, err2 error
	inv.Created, err1 = time.Parse(timeLayout, created)
	inv.Updated, err2 = time.Parse(timeLayout, updated)
	if err := errors.Join(err1, err2); err != nil {
		return inv, fmt.Errorf("investigation %s: %w", inv.ID, err)
	}
	return inv, nil
}

// noTable says whether err is SQLite's "no such table" for investigations:
// nothing was ever saved in this file.
func noTable(err error) bool {
	return err != nil && strings.Contains(err.Error(), "no such table: investigations")
}
