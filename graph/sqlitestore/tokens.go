package sqlitestore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/actorgraph/actorgraph/graph"
)

var _ graph.TokenStore = (*Store)(nil)

// AddToken implements graph.TokenStore.
func (s *Store) AddToken(ctx context.Context, t graph.Token, hash string) error {
	if err := graph.ValidTokenName(t.Name); err != nil {
		return err
	}
	if !t.Role.Valid() {
		return graph.Invalidf("role %q is not reader, editor or admin", t.Role)
	}
	return s.inWriteTx(ctx, "adding a token", func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM tokens WHERE name = ?)`, t.Name).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return graph.Invalidf("a token named %q exists; revoke it first (actorgraph token revoke %s)", t.Name, t.Name)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens(name, role, hash, created) VALUES(?,?,?,?)`, t.Name, string(t.Role), hash, t.Created)
		return err
	})
}

// Tokens implements graph.TokenStore.
func (s *Store) Tokens(ctx context.Context) ([]graph.Token, error) {
	var out []graph.Token
	err := queryEach(ctx, s.read, `SELECT name, role, created FROM tokens ORDER BY name`, nil, func(rows *sql.Rows) error {
		var t graph.Token
		err := rows.Scan(&t.Name, &t.Role, &t.Created)
		out = append(out, t)
		return err
	})
	return out, s.wrap(ctx, "reading tokens", err)
}

// RevokeToken implements graph.TokenStore.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	return s.inWriteTx(ctx, "revoking a token", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE name = ?`, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return graph.NotFoundf("no token named %q", name)
		}
		return nil
	})
}

// TokenByHash implements graph.TokenStore.
func (s *Store) TokenByHash(ctx context.Context, hash string) (graph.Token, bool, error) {
	var t graph.Token
	err := s.read.QueryRowContext(ctx, `SELECT name, role, created FROM tokens WHERE hash = ?`, hash).Scan(&t.Name, &t.Role, &t.Created)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	}
	if err != nil {
		return t, false, s.wrap(ctx, "reading tokens", err)
	}
	return t, true, nil
}
