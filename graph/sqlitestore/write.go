package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
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
		b, err := followReview(ctx, tx, b)
		if err != nil {
			return err
		}
		if err := graph.CheckBatch(ctx, b, txLookup{tx}); err != nil {
			return err
		}
		w := &batchWriter{tx: tx, faultHook: s.faultHook}
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
	if s.write == nil {
		return graph.Invalidf("the store is open read-only")
	}
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

// batchWriter writes one normalized, checked batch inside a transaction.
//
// It is set-based: each table takes a whole batch in one statement, the rows
// passed as one JSON array and unpacked with json_each, so a batch costs a
// dozen statements whatever its size. (The pure-Go driver prepares a
// statement on every execution; a statement per row made parsing SQL the
// main cost of a load. Binding the rows as one multi-row VALUES list would
// skip JSON, but modernc.org/sqlite matches each parameter to its argument
// by a linear scan, so binding costs time quadratic in the rows.)
//
// The multi-row inserts say OR FAIL rather than the default ABORT: an
// aborting statement needs a statement journal (a copy of every page it
// touches, written to a temporary file) to undo its own rows, and writing it
// was about a tenth of a bulk load's CPU. Nothing needs it here: any error
// rolls the whole transaction back (inWriteTx). About half of it is left,
// because a foreign key check always aborts.
// docMeta are a document's columns besides its id and text; docMetaNew is
// each of them written again, taking ?1..?9 where not empty.
const (
	docMeta    = `title, publisher, url, published, source, author, language, pages, supersedes`
	docMetaNew = `coalesce(nullif(?1, ''), title), coalesce(nullif(?2, ''), publisher), coalesce(nullif(?3, ''), url),
		coalesce(nullif(?4, ''), published), coalesce(nullif(?5, ''), source), coalesce(nullif(?6, ''), author),
		coalesce(nullif(?7, ''), language), coalesce(nullif(?8, ''), pages), coalesce(nullif(?9, ''), supersedes)`
)

type batchWriter struct {
	tx        *sql.Tx
	faultHook func() error
	// deferEvidenceIndex leaves the evidence full-text index to the end of
	// a bulk load (bulk.go), which fills it for every new row at once.
	deferEvidenceIndex bool
	// known, in a bulk load, says which claim and evidence ids may be
	// stored, so that ids it rules out are not looked up (bulk.go).
	known *bulkKnown
}

// exec runs one write. faultHook lets tests fail the Nth write of a
// transaction, to show that a failure anywhere leaves nothing behind.
func (w *batchWriter) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if w.faultHook != nil {
		if err := w.faultHook(); err != nil {
			return nil, err
		}
	}
	return w.tx.ExecContext(ctx, q, args...)
}

// valuesChunk is how many rows one multi-row VALUES statement takes: the
// driver finds each argument of a statement by a linear scan, so the cost
// of binding grows with the square of the arguments; a few dozen rows keep
// it small while parsing the statement is paid once for them.
const valuesChunk = 32

// insertValues runs head + "(?,...),(?,...)" + tail for rows, valuesChunk
// rows a statement: the rows bound as arguments, with no JSON to write and
// take apart. one is a row's values, with a ? for each of its arguments
// ("" for a ? per column). It returns the rows the statements changed.
func (w *batchWriter) insertValues(ctx context.Context, head, one, tail string, rows [][]any) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	if one == "" {
		one = "(" + strings.TrimSuffix(strings.Repeat("?,", len(rows[0])), ",") + ")"
	}
	var n int64
	var q strings.Builder
	args := make([]any, 0, valuesChunk*len(rows[0]))
	for i := 0; i < len(rows); i += valuesChunk {
		chunk := rows[i:min(i+valuesChunk, len(rows))]
		q.Reset()
		q.WriteString(head)
		args = args[:0]
		for j, r := range chunk {
			if j > 0 {
				q.WriteByte(',')
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		q.WriteString(tail)
		r, err := w.exec(ctx, q.String(), args...)
		if err != nil {
			return n, err
		}
		changed, err := r.RowsAffected()
		if err != nil {
			return n, err
		}
		n += changed
	}
	return n, nil
}

// jsonRows encodes rows as a JSON array of arrays, which statements unpack
// with json_each and value->>N. Arrays rather than objects: without keys the
// text is shorter, and both encoding it here and taking it apart in SQLite
// cost less.
func jsonRows(rows [][]any) string {
	b, _ := json.Marshal(rows)
	return string(b)
}

func (w *batchWriter) write(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	var res graph.UpsertResult
	for _, d := range b.Documents {
		pages := ""
		if len(d.Pages) > 0 {
			b, _ := json.Marshal(d.Pages)
			pages = string(b)
		}
		r, err := w.exec(ctx, `INSERT INTO documents(id, title, publisher, url, published, source, text, author, language, pages, supersedes) VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`,
			d.ID, d.Title, d.Publisher, d.URL, d.Published, d.Source, d.Text, d.Author, d.Language, pages, d.Supersedes)
		if err != nil {
			return res, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			res.Documents++
			continue
		}
		// Written again: the new metadata wins where it says something
		// (graph.Store's contract), and an unchanged row is not touched.
		if _, err := w.exec(ctx, `UPDATE documents SET (`+docMeta+`) = (`+docMetaNew+`)
			WHERE id = ?10 AND (`+docMeta+`) IS NOT (`+docMetaNew+`)`,
			d.Title, d.Publisher, d.URL, d.Published, d.Source, d.Author, d.Language, pages, d.Supersedes, d.ID); err != nil {
			return res, err
		}
	}
	var err error
	if res.Nodes, err = w.writeNodes(ctx, b.Nodes); err != nil {
		return res, err
	}
	if res.Relationships, err = w.writeRels(ctx, b.Relationships); err != nil {
		return res, err
	}
	res.Evidence, err = w.writeEvidence(ctx, b.Evidence)
	return res, err
}

type storedNode struct{ name, aliases, props, source string }

// A node a person changed (edited) keeps what the person made of it: a
// load neither renames it nor changes its aliases or properties.

// writeNodes inserts new nodes and updates changed ones (aliases are the
// union of old and new), keeping the name index in step; it returns how
// many were new.
func (w *batchWriter) writeNodes(ctx context.Context, nodes []graph.Node) (int, error) {
	if len(nodes) == 0 {
		return 0, nil
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	stored := map[string]storedNode{}
	edited := map[string]bool{}
	err := queryEach(ctx, w.tx, `SELECT id, name, aliases, props, source, edited FROM nodes WHERE id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			var id string
			var sn storedNode
			var ed bool
			err := rows.Scan(&id, &sn.name, &sn.aliases, &sn.props, &sn.source, &ed)
			stored[id] = sn
			edited[id] = ed
			return err
		})
	if err != nil {
		return 0, err
	}
	// A row is id, kind, name, aliases, props, source, then what the name
	// index takes: the aliases as words, and the node's text.
	var fresh, changed [][]any
	for _, n := range nodes {
		old, ok := stored[n.ID]
		if edited[n.ID] {
			continue
		}
		aliases := n.Aliases
		if ok {
			aliases = graph.MergeAliases(n.Name, decodeList(old.aliases), n.Aliases)
		}
		now := storedNode{n.Name, encodeList(aliases), encodeMap(n.Props), n.Source}
		row := []any{n.ID, string(n.Kind), now.name, now.aliases, now.props, now.source, strings.Join(aliases, " "), nodeBody(graph.Node{Props: n.Props})}
		switch {
		case !ok:
			fresh = append(fresh, row)
		case old != now:
			changed = append(changed, row)
		}
	}
	return len(fresh), w.writeNodeRows(ctx, fresh, changed)
}

// writeNodeRows inserts the fresh rows and updates the changed ones (rows as
// writeNodes makes them), with the name index.
func (w *batchWriter) writeNodeRows(ctx context.Context, fresh, changed [][]any) error {
	if len(changed) > 0 {
		rows := jsonRows(changed)
		if _, err := w.exec(ctx, `UPDATE nodes SET name = v.name, aliases = v.aliases, props = v.props, source = v.source
			FROM (SELECT value->>0 AS id, value->>2 AS name, value->>3 AS aliases, value->>4 AS props, value->>5 AS source FROM json_each(?)) AS v
			WHERE nodes.id = v.id`, rows); err != nil {
			return err
		}
		if _, err := w.exec(ctx, `DELETE FROM node_fts WHERE rowid IN (SELECT n.nid FROM json_each(?) j JOIN nodes n ON n.id = j.value->>0)`, rows); err != nil {
			return err
		}
	}
	if len(fresh) > 0 {
		if _, err := w.exec(ctx, `INSERT OR FAIL INTO nodes(id, kind, name, aliases, props, source)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(?)`, jsonRows(fresh)); err != nil {
			return err
		}
	}
	if all := append(fresh, changed...); len(all) > 0 {
		if _, err := w.exec(ctx, `INSERT INTO node_fts(rowid, name, aliases, body)
			SELECT n.nid, j.value->>2, j.value->>6, j.value->>7 FROM json_each(?) j JOIN nodes n ON n.id = j.value->>0`, jsonRows(all)); err != nil {
			return err
		}
	}
	return nil
}

// nodeBody is the text of a node that search looks at besides its names.
func nodeBody(n graph.Node) string {
	return strings.TrimSpace(n.Props["text"] + " " + n.Props["description"])
}

type storedRel struct {
	method, modality, date, published, props string
	confidence                               float64
}

// writeRels inserts new claims and updates changed ones (the earliest known
// publication date is kept); it returns how many were new.
func (w *batchWriter) writeRels(ctx context.Context, rels []graph.Relationship) (int, error) {
	if len(rels) == 0 {
		return 0, nil
	}
	ids := make([]string, 0, len(rels))
	for _, r := range rels {
		if w.known.mayHoldRel(r.ID) {
			ids = append(ids, r.ID)
		}
	}
	stored := map[string]storedRel{}
	// A claim a person changed, or one rejected or corrected, keeps its
	// fields: a load only adds evidence to it. An unreviewed claim that a
	// curated load now makes is confirmed by the annotations.
	keep := map[string]bool{}
	unreviewed := map[string]bool{}
	// Stored claims are found by id, or, in a bulk load that drops the
	// index of ids, by the row keys it gave them. Changes are then written
	// by row key.
	rid := map[string]int64{}
	lookup, arg := `SELECT rid, id, method, confidence, modality, date, published, props, status, edited FROM rels WHERE id IN (SELECT value FROM json_each(?))`, jsonArray(ids)
	if keys, ok := w.known.storedRids(ids); ok {
		lookup, arg = `SELECT rid, id, method, confidence, modality, date, published, props, status, edited FROM rels WHERE rid IN (SELECT value FROM json_each(?))`, keys
	}
	if len(ids) == 0 {
		lookup = ""
	}
	err := queryEachIf(ctx, w.tx, lookup, []any{arg},
		func(rows *sql.Rows) error {
			var id, status string
			var sr storedRel
			var ed bool
			var key int64
			err := rows.Scan(&key, &id, &sr.method, &sr.confidence, &sr.modality, &sr.date, &sr.published, &sr.props, &status, &ed)
			rid[id] = key
			stored[id] = sr
			keep[id] = ed || !graph.ReviewStatus(status).Visible()
			unreviewed[id] = status == string(graph.Unreviewed)
			return err
		})
	if err != nil {
		return 0, err
	}
	// A row is id, type, from, to, method, confidence, modality, date,
	// published, props.
	var fresh, changed, confirm [][]any
	stamp := graph.Now()
	for _, r := range rels {
		if keep[r.ID] {
			continue
		}
		if unreviewed[r.ID] && r.Method == graph.MethodCurated {
			rv := graph.InitialReview(r, stamp)
			confirm = append(confirm, []any{r.ID, string(rv.Status), rv.By, rv.At, rid[r.ID]})
		}
		published := r.Published
		old, ok := stored[r.ID]
		if ok && old.published != "" && (published == "" || old.published < published) {
			published = old.published
		}
		now := storedRel{r.Method, string(r.Modality), r.Date, published, encodeMap(r.Props), r.Confidence}
		row := []any{r.ID, string(r.Type), r.From, r.To, now.method, now.confidence, now.modality, now.date, now.published, now.props}
		switch {
		case !ok:
			rv := graph.InitialReview(r, stamp)
			row = append(row, string(rv.Status), rv.By, rv.At, rv.Note)
			fresh = append(fresh, row)
		case old != now:
			changed = append(changed, append(row, rid[r.ID]))
		}
	}
	return len(fresh), w.writeRelRows(ctx, fresh, changed, confirm)
}

// writeRelRows inserts the fresh claims, updates the changed ones and
// confirms the ones a curated load made (rows as writeRels makes them).
func (w *batchWriter) writeRelRows(ctx context.Context, fresh, changed, confirm [][]any) error {
	if len(fresh) > 0 && w.known != nil {
		if err := w.known.insertRels(ctx, w, fresh); err != nil {
			return err
		}
	} else if len(fresh) > 0 {
		if _, err := w.exec(ctx, `INSERT OR FAIL INTO rels(id, type, src, dst, method, confidence, modality, date, published, props,
				status, reviewed_by, reviewed_at, review_note)
			SELECT j.value->>0, j.value->>1, a.nid, b.nid, j.value->>4, j.value->>5, j.value->>6, j.value->>7, j.value->>8, j.value->>9,
				j.value->>10, j.value->>11, j.value->>12, j.value->>13
			FROM json_each(?) j JOIN nodes a ON a.id = j.value->>2 JOIN nodes b ON b.id = j.value->>3`, jsonRows(fresh)); err != nil {
			return err
		}
	}
	if len(changed) > 0 {
		if _, err := w.exec(ctx, `UPDATE rels SET method = v.method, confidence = v.confidence, modality = v.modality, date = v.date, published = v.published, props = v.props
			FROM (SELECT value->>0 AS id, value->>4 AS method, value->>5 AS confidence, value->>6 AS modality,
				value->>7 AS date, value->>8 AS published, value->>9 AS props, value->>10 AS rid FROM json_each(?)) AS v
			WHERE rels.rid = v.rid`, jsonRows(changed)); err != nil {
			return err
		}
	}
	if len(confirm) > 0 {
		if _, err := w.exec(ctx, `UPDATE rels SET status = v.status, reviewed_by = v.by, reviewed_at = v.at
			FROM (SELECT value->>1 AS status, value->>2 AS by, value->>3 AS at, value->>4 AS rid FROM json_each(?)) AS v
			WHERE rels.rid = v.rid`, jsonRows(confirm)); err != nil {
			return err
		}
	}
	return nil
}

// writeEvidence adds the evidence not yet stored (evidence is never
// replaced) and indexes its quotes; it returns how much was new. Its subject
// and document are stored by key (keys.go): a piece already stored is one
// with the same subject key, document key and span, which the unique index
// finds as the row goes in, so nothing is looked up before.
func (w *batchWriter) writeEvidence(ctx context.Context, evs []graph.Evidence) (int, error) {
	if len(evs) == 0 {
		return 0, nil
	}
	rows := make([][]any, len(evs))
	for i, e := range evs {
		rows[i] = []any{w.known.subjectKey(e.Subject), e.Subject, e.DocumentID, e.Start, e.End, e.Quote}
	}
	// The new rows get row ids above the largest one (SQLite gives a new row
	// of an INTEGER PRIMARY KEY table the largest id plus one), so they are
	// indexed by a range scan in row id order. FTS5 flushes its pending
	// terms to a new segment whenever a row id arrives out of order: fed in
	// evidence-id (hash) order, as a lookup by id gives them, it wrote a
	// tiny segment per row and spent the load merging them.
	var before int64
	if !w.deferEvidenceIndex {
		if err := w.tx.QueryRowContext(ctx, `SELECT coalesce(max(eid), 0) FROM evidence`).Scan(&before); err != nil {
			return 0, err
		}
	}
	// A subject key the bulk load knows comes in the row (0 when it does
	// not); otherwise it is read by id. A subject or document that is not
	// stored gives NULL, which NOT NULL refuses: CheckBatch makes sure it
	// never happens. The WHERE is SQLite's way of telling the upsert
	// clause from a join's ON. (These rows go in as JSON: as a multi-row
	// VALUES list, the per-row subqueries made the statement costly to
	// compile, and the load took half as long again.)
	r, err := w.exec(ctx, `INSERT OR FAIL INTO evidence(subject, did, start, end, quote)
		SELECT CASE WHEN j.value->>0 <> 0 THEN j.value->>0
				WHEN j.value->>1 LIKE 'claim:%' THEN (SELECT rid FROM rels WHERE id = j.value->>1)
				ELSE -(SELECT nid FROM nodes WHERE id = j.value->>1) END,
			(SELECT did FROM documents WHERE id = j.value->>2), j.value->>3, j.value->>4, j.value->>5
		FROM json_each(?) j WHERE true
		ON CONFLICT(subject, did, start, end) DO NOTHING`, jsonRows(rows))
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	if err != nil || n == 0 || w.deferEvidenceIndex {
		return int(n), err
	}
	if _, err := w.exec(ctx, `INSERT INTO evidence_fts(rowid, quote) SELECT eid, quote FROM evidence WHERE eid > ? ORDER BY eid`, before); err != nil {
		return 0, err
	}
	return int(n), nil
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
	return l.existing(ctx, `SELECT r.id FROM rels r WHERE r.id IN (SELECT value FROM json_each(?1)) AND EXISTS (SELECT 1 FROM evidence WHERE subject = r.rid)
		UNION ALL SELECT n.id FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?1)) AND EXISTS (SELECT 1 FROM evidence WHERE subject = -n.nid)`, ids)
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
		if err := queryEach(ctx, tx, `SELECT DISTINCT `+evSubjectID+` FROM evidence e WHERE e.did = `+docKeyOf, []any{id}, func(rows *sql.Rows) error {
			var sub string
			err := rows.Scan(&sub)
			subjects = append(subjects, sub)
			return err
		}); err != nil {
			return err
		}
		evidence, err := deleteEvidenceWhere(ctx, tx, `did = `+docKeyOf, id)
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
		ev, err := deleteEvidenceWhere(ctx, tx, `subject IN (SELECT rid FROM rels WHERE id IN (SELECT value FROM json_each(?)))`, jsonArray(bareRels))
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
		ev, err = deleteEvidenceWhere(ctx, tx, `subject IN (SELECT -nid FROM nodes WHERE id IN (SELECT value FROM json_each(?)))`, jsonArray(claimNodes))
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
			AND NOT EXISTS (SELECT 1 FROM evidence WHERE subject = -n.nid)`,
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

func deleteEvidenceWhere(ctx context.Context, tx *sql.Tx, where string, args ...any) (int, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM evidence_fts WHERE rowid IN (SELECT eid FROM evidence WHERE `+where+`)`, args...); err != nil {
		return 0, err
	}
	r, err := tx.ExecContext(ctx, `DELETE FROM evidence WHERE `+where, args...)
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

// queryEachIf runs q as queryEach does, unless q is empty.
func queryEachIf(ctx context.Context, db queryer, q string, args []any, fn func(*sql.Rows) error) error {
	if q == "" {
		return nil
	}
	return queryEach(ctx, db, q, args, fn)
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
	if s == "[]" { // most rows; what encoding/json would give, without it
		return []string{}
	}
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
	if s == "{}" { // most rows; what encoding/json would give, without it
		return map[string]string{}
	}
	var m map[string]string
	_ = json.Unmarshal([]byte(s), &m)
	return m
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
