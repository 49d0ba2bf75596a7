package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ClaimEnds implements graph.Store in one statement: each condition selects
// the node keys at its end of the claims passing it (parts expanded by the
// recursive partsSQL inside claimWhereSQL), INTERSECT keeps the nodes that
// meet all of them, and the same statement counts them and cuts the page,
// so attributions(blamed:, includeParts: true) costs one round trip however
// many parts the state has and however many claims blame them.
func (s *Store) ClaimEnds(ctx context.Context, q graph.ClaimEndsQuery) (graph.IDPage, error) {
	var page graph.IDPage
	q, err := q.Normalize()
	if err != nil {
		return page, err
	}
	var selects []string
	var args []any
	for i, e := range q.Ends {
		w, err := e.Where.Resolve(ctx, s)
		if err != nil {
			return page, err
		}
		cond, a := claimWhereSQL(w)
		cond, a = prefixParams(cond, a, "c"+strconv.Itoa(i)+"_")
		end := "r.dst"
		if e.AtFrom {
			end = "r.src"
		}
		selects = append(selects, `SELECT `+end+relFrom+` WHERE `+cond)
		args = append(args, a...)
	}
	stmt := `WITH ends(nid) AS (` + strings.Join(selects, "\n\t\tINTERSECT\n\t\t") + `),
		ids(id) AS MATERIALIZED (SELECT n.id FROM nodes n WHERE n.nid IN (SELECT nid FROM ends))
		SELECT (SELECT count(*) FROM ids),
			(SELECT json_group_array(id) FROM (SELECT id FROM ids WHERE id > :after ORDER BY id LIMIT :lim))`
	args = append(args, sql.Named("after", q.After), sql.Named("lim", q.First+1))
	var list string
	if err := s.read.QueryRowContext(ctx, stmt, args...).Scan(&page.Total, &list); err != nil {
		return page, s.wrap(ctx, "reading claim ends", err)
	}
	if err := json.Unmarshal([]byte(list), &page.IDs); err != nil {
		return page, s.wrap(ctx, "reading claim ends", err)
	}
	if len(page.IDs) > q.First {
		page.IDs, page.HasMore = page.IDs[:q.First], true
	}
	return page, nil
}

var paramName = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)

// prefixParams renames the named parameters of a condition of claimWhereSQL
// (and their arguments) with prefix, so that several conditions, each
// written with the same names, can share one statement.
func prefixParams(cond string, args []any, prefix string) (string, []any) {
	names := map[string]bool{}
	out := make([]any, len(args))
	for i, a := range args {
		if n, ok := a.(sql.NamedArg); ok {
			names[n.Name] = true
			a = sql.Named(prefix+n.Name, n.Value)
		}
		out[i] = a
	}
	cond = paramName.ReplaceAllStringFunc(cond, func(m string) string {
		if names[m[1:]] {
			return ":" + prefix + m[1:]
		}
		return m
	})
	return cond, out
}
