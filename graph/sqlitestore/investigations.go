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
//
// A table made before investigations had authors lacks the author and
// shared columns: the first save adds them (its rows: no author, shared, as
// they were), and reads until then take those values.
const investigationsTable = `CREATE TABLE IF NOT EXISTS investigations (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  note    TEXT NOT NULL,
  view    TEXT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL,
  author  TEXT NOT NULL DEFAULT '',
  shared  INTEGER NOT NULL DEFAULT 1
)`

// investigationColumns is what reads select; investigationColumnsBefore,
// the same from a table without authors.
const (
	investigationColumns       = `id, name, note, view, created, updated, author, shared`
	investigationColumnsBefore = `id, name, note, view, created, updated, '' AS author, 1 AS shared`
)

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// hasAuthors says whether the investigations table has the author column
// (false too when there is no table).
func hasAuthors(ctx context.Context, q querier) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_info('investigations') WHERE name = 'author'`)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	found := rows.Next()
	return found, rows.Err()
}

// selectInvestigations is the SELECT of investigations with what follows it.
func selectInvestigations(ctx context.Context, q querier, rest string) (string, error) {
	ok, err := hasAuthors(ctx, q)
	if err != nil {
		return "", err
	}
	cols := investigationColumns
	if !ok {
		cols = investigationColumnsBefore
	}
	return `SELECT ` + cols + ` FROM investigations ` + rest, nil
}

// prepareInvestigations creates the table, or adds the author columns to an
// older one, inside tx.
func prepareInvestigations(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, investigationsTable); err != nil {
		return err
	}
	ok, err := hasAuthors(ctx, tx)
	if err != nil || ok {
		return err
	}
	for _, stmt := range []string{
		`ALTER TABLE investigations ADD COLUMN author TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE investigations ADD COLUMN shared INTEGER NOT NULL DEFAULT 1`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

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
	if err := prepareInvestigations(ctx, tx); err != nil {
		return graph.Investigation{}, graph.Internal("saving an investigation", err)
	}
	if inv.ID == "" {
		inv.ID = graph.NewInvestigationID()
		inv.Created = now
		_, err = tx.ExecContext(ctx, `INSERT INTO investigations (id, name, note, view, created, updated, author, shared) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			inv.ID, inv.Name, inv.Note, inv.View, now.Format(timeLayout), now.Format(timeLayout), inv.Author, inv.Shared)
	} else {
		var old graph.Investigation
		old, err = scanInvestigation(tx.QueryRowContext(ctx, `SELECT `+investigationColumns+` FROM investigations WHERE id = ?`, inv.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return graph.Investigation{}, graph.NotFoundf("no investigation %s", inv.ID)
		}
		if err == nil && !old.ChangeableBy(inv.Author) {
			return graph.Investigation{}, graph.NotYours(old)
		}
		if err == nil {
			inv.Created, inv.Author = old.Created, old.Author
			_, err = tx.ExecContext(ctx, `UPDATE investigations SET name = ?, note = ?, view = ?, shared = ?, updated = ? WHERE id = ?`,
				inv.Name, inv.Note, inv.View, inv.Shared, now.Format(timeLayout), inv.ID)
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

// DeleteInvestigation implements graph.InvestigationStore.
func (s *Store) DeleteInvestigation(ctx context.Context, id, author string) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return graph.Internal("deleting an investigation", err)
	}
	defer tx.Rollback()
	q, err := selectInvestigations(ctx, tx, `WHERE id = ?`)
	if err != nil {
		return graph.Internal("deleting an investigation", err)
	}
	old, err := scanInvestigation(tx.QueryRowContext(ctx, q, id))
	switch {
	case errors.Is(err, sql.ErrNoRows) || noTable(err):
		return graph.NotFoundf("no investigation %s", id)
	case err != nil:
		return graph.Internal("deleting an investigation", err)
	case !old.ChangeableBy(author):
		return graph.NotYours(old)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM investigations WHERE id = ?`, id); err != nil {
		return graph.Internal("deleting an investigation", err)
	}
	if err := tx.Commit(); err != nil {
		return graph.Internal("deleting an investigation", err)
	}
	return nil
}

// ListInvestigations implements graph.InvestigationStore.
func (s *Store) ListInvestigations(ctx context.Context, viewer string, limit int) ([]graph.Investigation, error) {
	q, err := selectInvestigations(ctx, s.read, `WHERE shared OR author = '' OR (author = ? AND ? <> '') ORDER BY updated DESC, id LIMIT ?`)
	if err != nil {
		return nil, graph.Internal("listing investigations", err)
	}
	rows, err := s.read.QueryContext(ctx, q, viewer, viewer, graph.InvestigationLimit(limit))
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
	q, err := selectInvestigations(ctx, s.read, `WHERE id = ?`)
	if err != nil {
		return graph.Investigation{}, graph.Internal("reading an investigation", err)
	}
	inv, err := scanInvestigation(s.read.QueryRowContext(ctx, q, id))
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
	if err := r.Scan(&inv.ID, &inv.Name, &inv.Note, &inv.View, &created, &updated, &inv.Author, &inv.Shared); err != nil {
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
