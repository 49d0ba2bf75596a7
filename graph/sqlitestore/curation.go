package sqlitestore

import (
	"context"
	"database/sql"

	"github.com/actorgraph/actorgraph/graph"
)

var _ graph.CurationPorter = (*Store)(nil)

// ExportCuration implements graph.CurationPorter.
func (s *Store) ExportCuration(ctx context.Context) (graph.Curation, error) {
	var c graph.Curation
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		err := queryEach(ctx, tx, `SELECT id, status, reviewed_by, reviewed_at, review_note, corrected_by, version, edited FROM rels
			WHERE status <> 'UNREVIEWED' OR version <> 1 OR edited <> 0 ORDER BY id`, nil, func(rows *sql.Rows) error {
			var cc graph.ClaimCuration
			err := rows.Scan(&cc.Claim, &cc.Review.Status, &cc.Review.By, &cc.Review.At, &cc.Review.Note, &cc.Review.CorrectedBy, &cc.Version, &cc.Edited)
			c.Claims = append(c.Claims, cc)
			return err
		})
		if err != nil {
			return err
		}
		err = queryEach(ctx, tx, `SELECT id, version, edited FROM nodes WHERE version <> 1 OR edited <> 0 ORDER BY id`, nil, func(rows *sql.Rows) error {
			var nc graph.NodeCuration
			err := rows.Scan(&nc.Node, &nc.Version, &nc.Edited)
			c.Nodes = append(c.Nodes, nc)
			return err
		})
		if err != nil {
			return err
		}
		err = queryEach(ctx, tx, `SELECT old, new FROM redirects ORDER BY old`, nil, func(rows *sql.Rows) error {
			var r graph.Redirect
			err := rows.Scan(&r.From, &r.Into)
			c.Merges = append(c.Merges, r)
			return err
		})
		if err != nil {
			return err
		}
		err = queryEach(ctx, tx, `SELECT seq, subject, text, author, at FROM notes ORDER BY seq`, nil, func(rows *sql.Rows) error {
			var n graph.Note
			var seq int64
			err := rows.Scan(&seq, &n.Subject, &n.Text, &n.By, &n.At)
			n.ID = noteID(seq)
			c.Notes = append(c.Notes, n)
			return err
		})
		if err != nil {
			return err
		}
		return queryEach(ctx, tx, `SELECT seq, at, author, action, subject, before, after FROM history ORDER BY seq`, nil, func(rows *sql.Rows) error {
			var ch graph.Change
			err := rows.Scan(&ch.Seq, &ch.At, &ch.By, &ch.Action, &ch.Subject, &ch.Before, &ch.After)
			c.Changes = append(c.Changes, ch)
			return err
		})
	})
	return c, s.wrap(ctx, "reading the curation", err)
}

// ImportCuration implements graph.CurationPorter.
func (s *Store) ImportCuration(ctx context.Context, c graph.Curation) error {
	return s.inWriteTx(ctx, "importing the curation", func(tx *sql.Tx) error {
		for _, cc := range c.Claims {
			if !cc.Review.Status.Valid() {
				return graph.Invalidf("claim %s: unknown review status %q", cc.Claim, cc.Review.Status)
			}
			res, err := tx.ExecContext(ctx, `UPDATE rels SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ?, corrected_by = ?,
				version = ?, edited = ? WHERE id = ? AND version <= ?`, string(cc.Review.Status), cc.Review.By, cc.Review.At, cc.Review.Note,
				cc.Review.CorrectedBy, cc.Version, cc.Edited, cc.Claim, cc.Version)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				var exists bool
				if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM rels WHERE id = ?)`, cc.Claim).Scan(&exists); err != nil {
					return err
				}
				if !exists {
					return graph.Invalidf("the review of claim %s names a claim that is not stored", cc.Claim)
				}
			}
		}
		for _, nc := range c.Nodes {
			res, err := tx.ExecContext(ctx, `UPDATE nodes SET version = ?, edited = ? WHERE id = ? AND version <= ?`, nc.Version, nc.Edited, nc.Node, nc.Version)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				var exists bool
				if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM nodes WHERE id = ?)`, nc.Node).Scan(&exists); err != nil {
					return err
				}
				if !exists {
					return graph.Invalidf("the state of node %s names a node that is not stored", nc.Node)
				}
			}
		}
		for _, m := range c.Merges {
			if m.From == "" || m.Into == "" || m.From == m.Into {
				return graph.Invalidf("merge %q into %q is not a merge", m.From, m.Into)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO redirects(old, new) VALUES(?, ?) ON CONFLICT(old) DO NOTHING`, m.From, m.Into); err != nil {
				return err
			}
		}
		for _, n := range c.Notes {
			if err := graph.ValidNote(n.Text); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO notes(subject, text, author, at) SELECT ?1, ?2, ?3, ?4
				WHERE NOT EXISTS (SELECT 1 FROM notes WHERE subject = ?1 AND text = ?2 AND author = ?3 AND at = ?4)`, n.Subject, n.Text, n.By, n.At); err != nil {
				return err
			}
		}
		for _, ch := range c.Changes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO history(at, author, action, subject, before, after) SELECT ?1, ?2, ?3, ?4, ?5, ?6
				WHERE NOT EXISTS (SELECT 1 FROM history WHERE at = ?1 AND author = ?2 AND action = ?3 AND subject = ?4 AND before = ?5 AND after = ?6)`,
				ch.At, ch.By, ch.Action, ch.Subject, ch.Before, ch.After); err != nil {
				return err
			}
		}
		return nil
	})
}
