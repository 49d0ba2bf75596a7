package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

const nodeCols = `n.id, n.kind, n.name, n.aliases, n.props, n.source`

// nodeColsV is nodeCols and the version, which scanNode reads.
const nodeColsV = nodeCols + `, n.version`

func scanNode(rows interface{ Scan(...any) error }) (graph.Node, error) {
	var n graph.Node
	var kind, aliases, props string
	if err := rows.Scan(&n.ID, &kind, &n.Name, &aliases, &props, &n.Source, &n.Version); err != nil {
		return n, err
	}
	n.Kind = graph.NodeKind(kind)
	n.Aliases = decodeList(aliases)
	n.Props = decodeMap(props)
	return n, nil
}

const relCols = `r.id, r.type, a.id, b.id, r.method, r.confidence, r.modality, r.date, r.published, r.props, ` + reviewCols

// reviewCols are a claim's review state and version, read by scanReview.
const reviewCols = `r.status, r.reviewed_by, r.reviewed_at, r.review_note, r.corrected_by, r.version`
const relFrom = ` FROM rels r JOIN nodes a ON a.nid = r.src JOIN nodes b ON b.nid = r.dst `

func scanRel(rows interface{ Scan(...any) error }) (graph.Relationship, error) {
	var r graph.Relationship
	var typ, modality, props string
	if err := rows.Scan(&r.ID, &typ, &r.From, &r.To, &r.Method, &r.Confidence, &modality, &r.Date, &r.Published, &props,
		&r.Review.Status, &r.Review.By, &r.Review.At, &r.Review.Note, &r.Review.CorrectedBy, &r.Version); err != nil {
		return r, err
	}
	r.Type = graph.RelType(typ)
	r.Modality = graph.Modality(modality)
	r.Props = decodeMap(props)
	return r, nil
}

// Nodes implements graph.Store.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	byID := map[string]graph.Node{}
	err := queryEach(ctx, s.read, `SELECT `+nodeColsV+` FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			n, err := scanNode(rows)
			byID[n.ID] = n
			return err
		})
	if err != nil {
		return nil, s.wrap(ctx, "reading nodes", err)
	}
	return inOrder(ids, byID), nil
}

func inOrder[T any](ids []string, byID map[string]T) []T {
	out := make([]T, 0, len(byID))
	for _, id := range ids {
		if v, ok := byID[id]; ok {
			out = append(out, v)
			delete(byID, id)
		}
	}
	return out
}

// ListNodes implements graph.Store.
func (s *Store) ListNodes(ctx context.Context, q graph.ListNodesQuery) (graph.NodePage, error) {
	var page graph.NodePage
	if q.Kind != "" && !q.Kind.Valid() {
		return page, graph.Invalidf("unknown node kind %q", q.Kind)
	}
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	n := graph.PageSize(q.First)
	where := `(:kind = '' OR n.kind = :kind)`
	args := []any{sql.Named("kind", string(q.Kind)), sql.Named("after", after), sql.Named("lim", n+1)}
	err = queryEach(ctx, s.read, `SELECT `+nodeColsV+` FROM nodes n WHERE `+where+` AND n.id > :after ORDER BY n.id LIMIT :lim`,
		args, func(rows *sql.Rows) error {
			node, err := scanNode(rows)
			page.Nodes = append(page.Nodes, node)
			return err
		})
	if err != nil {
		return page, s.wrap(ctx, "listing nodes", err)
	}
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM nodes n WHERE `+where, args[0]).Scan(&page.Total); err != nil {
		return page, s.wrap(ctx, "counting nodes", err)
	}
	if len(page.Nodes) > n {
		page.Nodes, page.HasMore = page.Nodes[:n], true
	}
	if len(page.Nodes) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Nodes[len(page.Nodes)-1].ID)
	}
	return page, nil
}

// filterSQL renders a graph.Filter over the rels alias r as SQL conditions
// with named parameters; it is the one place filter semantics are written in
// SQL, and graph.Filter.Passes is their reference.
func filterSQL(f graph.Filter) (string, []any) {
	var conds []string
	var args []any
	if len(f.Types) > 0 {
		types := make([]string, len(f.Types))
		for i, t := range f.Types {
			types[i] = string(t)
		}
		conds = append(conds, `r.type IN (SELECT value FROM json_each(:types))`)
		args = append(args, sql.Named("types", jsonArray(types)))
	}
	if f.MinConfidence > 0 {
		conds = append(conds, `r.confidence >= :minconf`)
		args = append(args, sql.Named("minconf", f.MinConfidence))
	}
	// Dates compare at the precision of the coarser one (graph.DateInRange).
	if f.Since != "" {
		conds = append(conds, `r.eff_date <> '' AND substr(r.eff_date, 1, min(length(r.eff_date), length(:since))) >= substr(:since, 1, min(length(r.eff_date), length(:since)))`)
		args = append(args, sql.Named("since", f.Since))
	}
	if f.Until != "" {
		conds = append(conds, `r.eff_date <> '' AND substr(r.eff_date, 1, min(length(r.eff_date), length(:until))) <= substr(:until, 1, min(length(r.eff_date), length(:until)))`)
		args = append(args, sql.Named("until", f.Until))
	}
	// The unary + keeps SQLite from reading rels by the review queue's
	// index (status, ...): traversals rely on reading a node's claims off
	// rels_out and rels_in, in their order.
	if len(f.Statuses) == 0 {
		conds = append(conds, `+r.status IN ('UNREVIEWED', 'CONFIRMED')`)
	} else {
		st := make([]string, len(f.Statuses))
		for i, v := range f.Statuses {
			st[i] = string(v)
		}
		conds = append(conds, `+r.status IN (SELECT value FROM json_each(:statuses))`)
		args = append(args, sql.Named("statuses", jsonArray(st)))
	}
	return strings.Join(conds, " AND "), args
}

// Relationships implements graph.Store.
func (s *Store) Relationships(ctx context.Context, q graph.RelationshipsQuery) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	if err := q.Filter.Validate(); err != nil {
		return page, err
	}
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	n := graph.PageSize(q.First)
	seeds := `(SELECT nid FROM nodes WHERE id IN (SELECT value FROM json_each(:ids)))`
	var parts []string
	if q.Direction != graph.Incoming {
		parts = append(parts, `SELECT rid FROM rels WHERE src IN `+seeds)
	}
	if q.Direction != graph.Outgoing {
		parts = append(parts, `SELECT rid FROM rels WHERE dst IN `+seeds)
	}
	cond, fargs := filterSQL(q.Filter)
	where := ` WHERE r.rid IN (` + strings.Join(parts, " UNION ") + `) AND ` + cond
	args := append([]any{sql.Named("ids", jsonArray(q.NodeIDs))}, fargs...)
	err = queryEach(ctx, s.read, `SELECT `+relCols+relFrom+where+` AND r.id > :after ORDER BY r.id LIMIT :lim`,
		append(args, sql.Named("after", after), sql.Named("lim", n+1)), func(rows *sql.Rows) error {
			r, err := scanRel(rows)
			page.Relationships = append(page.Relationships, r)
			return err
		})
	if err != nil {
		return page, s.wrap(ctx, "reading claims", err)
	}
	// A first page that holds every claim is its own total: no second
	// statement (traversals and Parts read such pages by the thousand).
	if q.After != "" || len(page.Relationships) > n {
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM rels r`+where, args...).Scan(&page.Total); err != nil {
			return page, s.wrap(ctx, "counting claims", err)
		}
	} else {
		page.Total = len(page.Relationships)
	}
	if len(page.Relationships) > n {
		page.Relationships, page.HasMore = page.Relationships[:n], true
	}
	if len(page.Relationships) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Relationships[len(page.Relationships)-1].ID)
	}
	return page, nil
}

// RelationshipsByID implements graph.Store.
func (s *Store) RelationshipsByID(ctx context.Context, ids []string) ([]graph.Relationship, error) {
	byID := map[string]graph.Relationship{}
	err := queryEach(ctx, s.read, `SELECT `+relCols+relFrom+` WHERE r.id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			r, err := scanRel(rows)
			byID[r.ID] = r
			return err
		})
	if err != nil {
		return nil, s.wrap(ctx, "reading claims", err)
	}
	return inOrder(ids, byID), nil
}

// evCols are what a piece of evidence is read as (e is the evidence table):
// its subject's and document's text ids, its span and its quote; its id is
// computed from them (keys.go).
const evCols = evSubjectID + ` AS subject_id, ` + evDocID + ` AS doc_id, e.start, e.end, e.quote`

func scanEvidence(rows interface{ Scan(...any) error }) (graph.Evidence, error) {
	var e graph.Evidence
	err := rows.Scan(&e.Subject, &e.DocumentID, &e.Start, &e.End, &e.Quote)
	e.ID = graph.EvidenceID(e.Subject, e.DocumentID, e.Start, e.End)
	return e, err
}

// Evidence implements graph.Store.
func (s *Store) Evidence(ctx context.Context, subjectIDs []string) (map[string][]graph.Evidence, error) {
	out := map[string][]graph.Evidence{}
	err := queryEach(ctx, s.read, `SELECT `+evCols+` FROM evidence e WHERE e.subject IN `+subjectKeysIn("?1")+` ORDER BY subject_id, doc_id, e.start, e.end`,
		[]any{jsonArray(subjectIDs)}, func(rows *sql.Rows) error {
			e, err := scanEvidence(rows)
			out[e.Subject] = append(out[e.Subject], e)
			return err
		})
	if err != nil {
		return nil, s.wrap(ctx, "reading evidence", err)
	}
	return out, nil
}

// EvidenceOfDocument implements graph.Store.
func (s *Store) EvidenceOfDocument(ctx context.Context, documentID string) ([]graph.Evidence, error) {
	var out []graph.Evidence
	err := queryEach(ctx, s.read, `SELECT `+evCols+` FROM evidence e WHERE e.did = `+docKeyOf+` ORDER BY e.start, e.end, subject_id`,
		[]any{documentID}, func(rows *sql.Rows) error {
			e, err := scanEvidence(rows)
			out = append(out, e)
			return err
		})
	if err != nil {
		return nil, s.wrap(ctx, "reading evidence", err)
	}
	return out, nil
}

const docCols = `id, title, publisher, url, published, text, source, author, language, pages, supersedes`

func scanDoc(rows interface{ Scan(...any) error }) (graph.Document, error) {
	var d graph.Document
	var pages string
	err := rows.Scan(&d.ID, &d.Title, &d.Publisher, &d.URL, &d.Published, &d.Text, &d.Source, &d.Author, &d.Language, &pages, &d.Supersedes)
	if err == nil && pages != "" {
		if jerr := json.Unmarshal([]byte(pages), &d.Pages); jerr != nil {
			return d, fmt.Errorf("document %s: pages %q: %w", d.ID, pages, jerr)
		}
	}
	return d, err
}

// docFilter is the WHERE clause of ListDocuments' filters, on parameters
// ?2 publisher, ?3 url, ?4 since, ?5 until. Dates compare at the precision
// of the coarser of the two, as graph.DateInRange does.
const docFilter = `(?2 = '' OR publisher = ?2 COLLATE NOCASE)
	AND (?3 = '' OR url = ?3 OR source = ?3)
	AND (?4 = '' OR (published <> '' AND substr(published, 1, min(length(published), length(?4))) >= substr(?4, 1, min(length(published), length(?4)))))
	AND (?5 = '' OR (published <> '' AND substr(published, 1, min(length(published), length(?5))) <= substr(?5, 1, min(length(published), length(?5)))))`

// Documents implements graph.Store.
func (s *Store) Documents(ctx context.Context, ids []string) ([]graph.Document, error) {
	byID := map[string]graph.Document{}
	err := queryEach(ctx, s.read, `SELECT `+docCols+` FROM documents WHERE id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			d, err := scanDoc(rows)
			byID[d.ID] = d
			return err
		})
	if err != nil {
		return nil, s.wrap(ctx, "reading documents", err)
	}
	return inOrder(ids, byID), nil
}

// ListDocuments implements graph.Store.
func (s *Store) ListDocuments(ctx context.Context, q graph.ListDocumentsQuery) (graph.DocumentPage, error) {
	var page graph.DocumentPage
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	if err := q.Validate(); err != nil {
		return page, err
	}
	n := graph.PageSize(q.First)
	filters := []any{after, q.Publisher, q.URL, q.Since, q.Until}
	err = queryEach(ctx, s.read, `SELECT `+docCols+` FROM documents WHERE id > ?1 AND `+docFilter+` ORDER BY id LIMIT ?6`,
		append(filters, n+1), func(rows *sql.Rows) error {
			d, err := scanDoc(rows)
			page.Documents = append(page.Documents, d)
			return err
		})
	if err != nil {
		return page, s.wrap(ctx, "listing documents", err)
	}
	filters[0] = ""
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE ?1 = ?1 AND `+docFilter, filters...).Scan(&page.Total); err != nil {
		return page, s.wrap(ctx, "counting documents", err)
	}
	if len(page.Documents) > n {
		page.Documents, page.HasMore = page.Documents[:n], true
	}
	if len(page.Documents) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Documents[len(page.Documents)-1].ID)
	}
	return page, nil
}

// Stats implements graph.Store.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Nodes: map[graph.NodeKind]int{}, Relationships: map[graph.RelType]int{}}
	err := queryEach(ctx, s.read, `SELECT kind, count(*) FROM nodes GROUP BY kind`, nil, func(rows *sql.Rows) error {
		var k string
		var c int
		err := rows.Scan(&k, &c)
		st.Nodes[graph.NodeKind(k)] = c
		return err
	})
	if err == nil {
		err = queryEach(ctx, s.read, `SELECT type, count(*) FROM rels GROUP BY type`, nil, func(rows *sql.Rows) error {
			var t string
			var c int
			err := rows.Scan(&t, &c)
			st.Relationships[graph.RelType(t)] = c
			return err
		})
	}
	if err == nil {
		err = s.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM evidence)`).Scan(&st.Documents, &st.Evidence)
	}
	if err != nil {
		return st, s.wrap(ctx, "counting", err)
	}
	return st, nil
}
