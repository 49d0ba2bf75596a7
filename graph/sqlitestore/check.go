package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

var _ graph.Checker = (*Store)(nil)

// Check implements graph.Checker: SQLite's own structural check, the
// provenance invariants, and the full-text indexes against their tables.
func (s *Store) Check(ctx context.Context) (graph.CheckReport, error) {
	var rep graph.CheckReport
	// quick_check also checks each FTS5 index (SQLite 3.44+). It runs on the
	// write connection when there is one: a pooled read connection can hold
	// FTS5 structure cached from before the writer's last delete and report
	// a "malformed inverted index" that a fresh connection does not see.
	checker := s.read
	if s.write != nil {
		checker = s.write
	}
	var quick string
	if err := checker.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&quick); err != nil {
		return rep, s.wrap(ctx, "checking", err)
	}
	rep.Checked = append(rep.Checked, graph.CheckItem{What: "SQLite structure (quick_check)", Items: 1})
	if quick != "ok" {
		rep.Problems = append(rep.Problems, "SQLite reports: "+quick)
	}
	counts := []struct{ what, problem, q string }{
		{"claims have evidence", "claims without evidence", `SELECT count(*) FROM rels r WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.subject = r.rid)`},
		{"claim-nodes have evidence", "events, statements or attributions without evidence", `SELECT count(*) FROM nodes n WHERE n.kind IN ('Event','Statement','Attribution') AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.subject = -n.nid)`},
		{"evidence has its document", "pieces of evidence whose document is missing", `SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.did = e.did)`},
		{"evidence supports something", "pieces of evidence for a claim or node that does not exist", `SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM rels r WHERE r.rid = e.subject) AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.nid = -e.subject)`},
		{"claims join existing nodes", "claims with a missing end", `SELECT count(*) FROM rels r WHERE NOT EXISTS (SELECT 1 FROM nodes WHERE nid = r.src) OR NOT EXISTS (SELECT 1 FROM nodes WHERE nid = r.dst)`},
		{"name index covers every node", "nodes missing from the name index", `SELECT count(*) FROM nodes n WHERE NOT EXISTS (SELECT 1 FROM node_fts f WHERE f.rowid = n.nid)`},
		{"name index has no strays", "name-index rows without their node", `SELECT count(*) FROM node_fts f WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.nid = f.rowid)`},
		{"evidence index covers all evidence", "pieces of evidence missing from the evidence index", `SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM evidence_fts f WHERE f.rowid = e.eid)`},
		{"evidence index has no strays", "evidence-index rows without their evidence", `SELECT count(*) FROM evidence_fts f WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.eid = f.rowid)`},
		{"claim tally matches the claims", "claim tally rows that differ from a recount of the claims (claimCounts by type, date, method, modality or review would be wrong)", tallyMismatchSQL},
	}
	for _, c := range counts {
		var n int
		if err := s.read.QueryRowContext(ctx, c.q).Scan(&n); err != nil {
			return rep, s.wrap(ctx, "checking "+c.what, err)
		}
		rep.Checked = append(rep.Checked, graph.CheckItem{What: c.what, Items: 1})
		if n > 0 {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%d %s", n, c.problem))
		}
	}
	for _, fts := range []string{"node_fts", "evidence_fts"} {
		if s.write == nil {
			break // opened read-only: the full-text indexes are not checked
		}
		if _, err := s.write.ExecContext(ctx, `INSERT INTO `+fts+`(`+fts+`) VALUES('integrity-check')`); err != nil {
			rep.Problems = append(rep.Problems, fmt.Sprintf("full-text index %s is inconsistent: %v", fts, err))
		}
		rep.Checked = append(rep.Checked, graph.CheckItem{What: "full-text index " + fts, Items: 1})
	}
	// Every quote is exactly its document's text at its offsets.
	bad, n := 0, 0
	err := queryEach(ctx, s.read, `SELECT d.text, json_group_array(json_array(e.start, e.end, e.quote)) FROM documents d JOIN evidence e ON e.did = d.did GROUP BY d.did`, nil,
		func(rows *sql.Rows) error {
			var text, spans string
			if err := rows.Scan(&text, &spans); err != nil {
				return err
			}
			var list [][3]any
			if err := jsonUnmarshal(spans, &list); err != nil {
				return err
			}
			runes := []rune(text)
			for _, sp := range list {
				n++
				start, end := int(sp[0].(float64)), int(sp[1].(float64))
				if start < 0 || end > len(runes) || start > end || string(runes[start:end]) != sp[2].(string) {
					bad++
				}
			}
			return nil
		})
	if err != nil {
		return rep, s.wrap(ctx, "checking quotes", err)
	}
	rep.Checked = append(rep.Checked, graph.CheckItem{What: "quotes match their documents", Items: n})
	if bad > 0 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("%d quotes differ from their document's text", bad))
	}
	return rep, nil
}
