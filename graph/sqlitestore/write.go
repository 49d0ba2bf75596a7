package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Upsert implements graph.Store.
func (s *Store) Upsert(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	var res graph.UpsertResult
	b, err := graph.NormalizeBatch(b)
	if err != nil {
		return res, err
	}
	if b.Empty() {
		return res, nil
	}
	err = s.inWriteTx(ctx, "writing a batch", func(tx *sql.Tx) error {
		if err := graph.CheckBatch(ctx, b, txLookup{tx}); err != nil {
			return err
		}
		w, err := newBatchWriter(ctx, tx)
		if err != nil {
			return err
		}
		w.faultHook = s.faultHook
		defer w.close()
		res, err = w.write(ctx, b)
		return err
	})
	if err != nil {
		return graph.UpsertResult{}, err
	}
	return res, nil
}

// inWriteTx runs fn in one IMMEDIATE transaction on the write connection and
// commits when fn returns nil.
func (s *Store) inWriteTx(ctx context.Context, doing string, fn func(*sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(ctx, doing, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return s.wrap(ctx, doing, err)
	}
	return s.wrap(ctx, doing, tx.Commit())
}

// batchWriter holds the prepared statements of one write transaction.
type batchWriter struct {
	stmts     map[string]*sql.Stmt
	nids      map[string]int64
	tx        *sql.Tx
	faultHook func() error
}

var writeSQL = map[string]string{
	"docInsert": `INSERT INTO documents(id, title, publisher, url, published, source, text) VALUES(?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`,
	"docUpdate": `UPDATE documents SET title=?, publisher=?, url=?, published=?, source=? WHERE id=? AND (title, publisher, url, published, source) IS NOT (?,?,?,?,?)`,
	"nodeGet":   `SELECT nid, kind, name, aliases, props, source FROM nodes WHERE id=?`,
	"nodeIns":   `INSERT INTO nodes(id, kind, name, aliases, props, source) VALUES(?,?,?,?,?,?)`,
	"nodeUpd":   `UPDATE nodes SET name=?, aliases=?, props=?, source=? WHERE nid=?`,
	"ftsDel":    `DELETE FROM node_fts WHERE rowid=?`,
	"ftsIns":    `INSERT INTO node_fts(rowid, name, aliases, body) VALUES(?,?,?,?)`,
	"relGet":    `SELECT rid, method, confidence, modality, date, published, props FROM rels WHERE id=?`,
	"relIns":    `INSERT INTO rels(id, type, src, dst, method, confidence, modality, date, published, props) VALUES(?,?,?,?,?,?,?,?,?,?)`,
	"relUpd":    `UPDATE rels SET method=?, confidence=?, modality=?, date=?, published=?, props=? WHERE rid=?`,
	"evIns":     `INSERT INTO evidence(id, subject, doc_id, start, end, quote) VALUES(?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`,
	"evFts":     `INSERT INTO evidence_fts(rowid, quote) VALUES(?,?)`,
	"nidOf":     `SELECT nid FROM nodes WHERE id=?`,
}

func newBatchWriter(ctx context.Context, tx *sql.Tx) (*batchWriter, error) {
	w := &batchWriter{stmts: map[string]*sql.Stmt{}, nids: map[string]int64{}, tx: tx}
	for name, q := range writeSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, err
		}
		w.stmts[name] = st
	}
	return w, nil
}

// exec runs one prepared write. faultHook lets tests fail the Nth write of
// a transaction, to show that a failure anywhere leaves nothing behind.
func (w *batchWriter) exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	if w.faultHook != nil {
		if err := w.faultHook(); err != nil {
			return nil, err
		}
	}
	return w.stmts[name].ExecContext(ctx, args...)
}

func (w *batchWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *batchWriter) write(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	var res graph.UpsertResult
	for _, d := range b.Documents {
		r, err := w.exec(ctx, "docInsert", d.ID, d.Title, d.Publisher, d.URL, d.Published, d.Source, d.Text)
		if err != nil {
			return res, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			res.Documents++
			continue
		}
		if _, err := w.exec(ctx, "docUpdate", d.Title, d.Publisher, d.URL, d.Published, d.Source, d.ID,
			d.Title, d.Publisher, d.URL, d.Published, d.Source); err != nil {
			return res, err
		}
	}
	for _, n := range b.Nodes {
		created, err := w.upsertNode(ctx, n)
		if err != nil {
			return res, err
		}
		if created {
			res.Nodes++
		}
	}
	for _, r := range b.Relationships {
		created, err := w.upsertRel(ctx, r)
		if err != nil {
			return res, err
		}
		if created {
			res.Relationships++
		}
	}
	for _, e := range b.Evidence {
		r, err := w.exec(ctx, "evIns", e.ID, e.Subject, e.DocumentID, e.Start, e.End, e.Quote)
		if err != nil {
			return res, err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			continue
		}
		res.Evidence++
		eid, err := r.LastInsertId()
		if err != nil {
			return res, err
		}
		if _, err := w.exec(ctx, "evFts", eid, e.Quote); err != nil {
			return res, err
		}
	}
	return res, nil
}

func (w *batchWriter) upsertNode(ctx context.Context, n graph.Node) (created bool, err error) {
	var (
		nid                      int64
		kind, name, aliases, src string
		props                    string
	)
	err = w.stmts["nodeGet"].QueryRowContext(ctx, n.ID).Scan(&nid, &kind, &name, &aliases, &props, &src)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		al := encodeList(n.Aliases)
		r, err := w.exec(ctx, "nodeIns", n.ID, string(n.Kind), n.Name, al, encodeMap(n.Props), n.Source)
		if err != nil {
			return false, err
		}
		nid, err = r.LastInsertId()
		if err != nil {
			return false, err
		}
		w.nids[n.ID] = nid
		_, err = w.exec(ctx, "ftsIns", nid, n.Name, strings.Join(n.Aliases, " "), nodeBody(n))
		return true, err
	case err != nil:
		return false, err
	}
	w.nids[n.ID] = nid
	merged := n
	merged.Aliases = graph.MergeAliases(n.Name, decodeList(aliases), n.Aliases)
	mergedAliases, mergedProps := encodeList(merged.Aliases), encodeMap(n.Props)
	if name == n.Name && aliases == mergedAliases && props == mergedProps && src == n.Source {
		return false, nil
	}
	if _, err := w.exec(ctx, "nodeUpd", n.Name, mergedAliases, mergedProps, n.Source, nid); err != nil {
		return false, err
	}
	if _, err := w.exec(ctx, "ftsDel", nid); err != nil {
		return false, err
	}
	_, err = w.exec(ctx, "ftsIns", nid, n.Name, strings.Join(merged.Aliases, " "), nodeBody(merged))
	return false, err
}

// nodeBody is the text of a node that search looks at besides its names.
func nodeBody(n graph.Node) string {
	return strings.TrimSpace(n.Props["text"] + " " + n.Props["description"])
}

func (w *batchWriter) nid(ctx context.Context, id string) (int64, error) {
	if nid, ok := w.nids[id]; ok {
		return nid, nil
	}
	var nid int64
	if err := w.stmts["nidOf"].QueryRowContext(ctx, id).Scan(&nid); err != nil {
		return 0, err
	}
	w.nids[id] = nid
	return nid, nil
}

func (w *batchWriter) upsertRel(ctx context.Context, r graph.Relationship) (created bool, err error) {
	var (
		rid                                int64
		method, modality, date, pub, props string
		confidence                         float64
	)
	err = w.stmts["relGet"].QueryRowContext(ctx, r.ID).Scan(&rid, &method, &confidence, &modality, &date, &pub, &props)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		src, err := w.nid(ctx, r.From)
		if err != nil {
			return false, err
		}
		dst, err := w.nid(ctx, r.To)
		if err != nil {
			return false, err
		}
		_, err = w.exec(ctx, "relIns", r.ID, string(r.Type), src, dst, r.Method, r.Confidence,
			string(r.Modality), r.Date, r.Published, encodeMap(r.Props))
		return err == nil, err
	case err != nil:
		return false, err
	}
	// The earliest known publication date of any source is kept.
	published := r.Published
	if pub != "" && (published == "" || pub < published) {
		published = pub
	}
	newProps := encodeMap(r.Props)
	if method == r.Method && confidence == r.Confidence && modality == string(r.Modality) &&
		date == r.Date && pub == published && props == newProps {
		return false, nil
	}
	_, err = w.exec(ctx, "relUpd", r.Method, r.Confidence, string(r.Modality), r.Date, published, newProps, rid)
	return false, err
}

// txLookup answers graph.CheckBatch from inside the write transaction, so
// what is checked is what the batch is written against.
type txLookup struct{ tx *sql.Tx }

func (l txLookup) StoredNodeKinds(ctx context.Context, ids []string) (map[string]graph.NodeKind, error) {
	out := map[string]graph.NodeKind{}
	err := queryEach(ctx, l.tx, `SELECT id, kind FROM nodes WHERE id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			var id, kind string
			if err := rows.Scan(&id, &kind); err != nil {
				return err
			}
			out[id] = graph.NodeKind(kind)
			return nil
		})
	return out, err
}

func (l txLookup) StoredDocumentTexts(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	err := queryEach(ctx, l.tx, `SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			var id, text string
			if err := rows.Scan(&id, &text); err != nil {
				return err
			}
			out[id] = text
			return nil
		})
	return out, err
}

func (l txLookup) StoredRelationships(ctx context.Context, ids []string) (map[string]bool, error) {
	return l.existing(ctx, `SELECT id FROM rels WHERE id IN (SELECT value FROM json_each(?))`, ids)
}

func (l txLookup) SubjectsWithEvidence(ctx context.Context, ids []string) (map[string]bool, error) {
	return l.existing(ctx, `SELECT DISTINCT subject FROM evidence WHERE subject IN (SELECT value FROM json_each(?))`, ids)
}

func (l txLookup) existing(ctx context.Context, q string, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := queryEach(ctx, l.tx, q, []any{jsonArray(ids)}, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		out[id] = true
		return nil
	})
	return out, err
}

// DeleteDocument implements graph.Store.
func (s *Store) DeleteDocument(ctx context.Context, id string) (graph.DeleteResult, error) {
	var res graph.DeleteResult
	err := s.inWriteTx(ctx, "deleting a document", func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id=?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return graph.NotFoundf("no document %q", id)
		}
		var subjects []string
		if err := queryEach(ctx, tx, `SELECT DISTINCT subject FROM evidence WHERE doc_id=?`, []any{id}, func(rows *sql.Rows) error {
			var sub string
			err := rows.Scan(&sub)
			subjects = append(subjects, sub)
			return err
		}); err != nil {
			return err
		}
		evidence, err := deleteEvidenceWhere(ctx, tx, `doc_id = ?`, id)
		if err != nil {
			return err
		}
		res.Evidence += evidence
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id=?`, id); err != nil {
			return err
		}
		// Subjects left without evidence.
		left, err := txLookup{tx}.SubjectsWithEvidence(ctx, subjects)
		if err != nil {
			return err
		}
		var bareRels, bareNodes []string
		for _, sub := range subjects {
			if left[sub] {
				continue
			}
			if strings.HasPrefix(sub, "claim:") {
				bareRels = append(bareRels, sub)
			} else {
				bareNodes = append(bareNodes, sub)
			}
		}
		// Claim-nodes without evidence go, and so do the claims touching them.
		var claimNodes []string
		if err := queryEach(ctx, tx, `SELECT id FROM nodes WHERE id IN (SELECT value FROM json_each(?)) AND kind IN ('Event','Statement','Attribution')`,
			[]any{jsonArray(bareNodes)}, func(rows *sql.Rows) error {
				var nid string
				err := rows.Scan(&nid)
				claimNodes = append(claimNodes, nid)
				return err
			}); err != nil {
			return err
		}
		if err := queryEach(ctx, tx, `SELECT r.id FROM rels r JOIN nodes n ON n.nid IN (r.src, r.dst) WHERE n.id IN (SELECT value FROM json_each(?))`,
			[]any{jsonArray(claimNodes)}, func(rows *sql.Rows) error {
				var rid string
				err := rows.Scan(&rid)
				bareRels = append(bareRels, rid)
				return err
			}); err != nil {
			return err
		}
		// Endpoints of the claims about to go may become orphans.
		candidates := slices.Clone(bareNodes)
		if err := queryEach(ctx, tx, `SELECT a.id, b.id FROM rels r JOIN nodes a ON a.nid=r.src JOIN nodes b ON b.nid=r.dst WHERE r.id IN (SELECT value FROM json_each(?))`,
			[]any{jsonArray(bareRels)}, func(rows *sql.Rows) error {
				var a, b string
				err := rows.Scan(&a, &b)
				candidates = append(candidates, a, b)
				return err
			}); err != nil {
			return err
		}
		ev, err := deleteEvidenceWhere(ctx, tx, `subject IN (SELECT value FROM json_each(?))`, jsonArray(bareRels))
		if err != nil {
			return err
		}
		res.Evidence += ev
		r, err := tx.ExecContext(ctx, `DELETE FROM rels WHERE id IN (SELECT value FROM json_each(?))`, jsonArray(bareRels))
		if err != nil {
			return err
		}
		nr, _ := r.RowsAffected()
		res.Relationships += int(nr)
		ev, err = deleteEvidenceWhere(ctx, tx, `subject IN (SELECT value FROM json_each(?))`, jsonArray(claimNodes))
		if err != nil {
			return err
		}
		res.Evidence += ev
		// Remove claim-nodes and orphans: no claim, no evidence, no reference source.
		gone := map[string]bool{}
		for _, c := range claimNodes {
			gone[c] = true
		}
		if err := queryEach(ctx, tx, `SELECT n.id FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?)) AND n.source = ''
			AND NOT EXISTS (SELECT 1 FROM rels WHERE src = n.nid) AND NOT EXISTS (SELECT 1 FROM rels WHERE dst = n.nid)
			AND NOT EXISTS (SELECT 1 FROM evidence WHERE subject = n.id)`,
			[]any{jsonArray(candidates)}, func(rows *sql.Rows) error {
				var nid string
				err := rows.Scan(&nid)
				gone[nid] = true
				return err
			}); err != nil {
			return err
		}
		ids := slices.Sorted(maps.Keys(gone))
		if _, err := tx.ExecContext(ctx, `DELETE FROM node_fts WHERE rowid IN (SELECT nid FROM nodes WHERE id IN (SELECT value FROM json_each(?)))`, jsonArray(ids)); err != nil {
			return err
		}
		r, err = tx.ExecContext(ctx, `DELETE FROM nodes WHERE id IN (SELECT value FROM json_each(?))`, jsonArray(ids))
		if err != nil {
			return err
		}
		nn, _ := r.RowsAffected()
		res.Nodes += int(nn)
		return nil
	})
	if err != nil {
		return graph.DeleteResult{}, err
	}
	return res, nil
}

func deleteEvidenceWhere(ctx context.Context, tx *sql.Tx, where string, arg any) (int, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM evidence_fts WHERE rowid IN (SELECT eid FROM evidence WHERE `+where+`)`, arg); err != nil {
		return 0, err
	}
	r, err := tx.ExecContext(ctx, `DELETE FROM evidence WHERE `+where, arg)
	if err != nil {
		return 0, err
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// queryEach runs q and calls fn for each row.
func queryEach(ctx context.Context, db queryer, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func jsonArray(ids []string) string {
	if ids == nil {
		return "[]"
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

func encodeList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func decodeList(s string) []string {
	var l []string
	_ = json.Unmarshal([]byte(s), &l)
	return l
}

// encodeMap is deterministic (encoding/json sorts map keys), so comparing
// encodings compares maps.
func encodeMap(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func decodeMap(s string) map[string]string {
	var m map[string]string
	_ = json.Unmarshal([]byte(s), &m)
	return m
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
