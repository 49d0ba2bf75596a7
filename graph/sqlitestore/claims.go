package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// claimWhereSQL renders a resolved graph.ClaimWhere (parts already added,
// ids known to exist) over rels r, subject nodes a and object nodes b. It
// is the one place ClaimWhere is written in SQL; graph.ClaimWhere.PassesClaim
// is its reference for the conditions on the claim itself.
func claimWhereSQL(w graph.ClaimWhere) (string, []any) {
	cond, args := filterSQL(graph.Filter{Types: w.Types, Since: w.Since, Until: w.Until, MinConfidence: w.MinConfidence, Statuses: w.Statuses})
	conds := []string{cond}
	in := func(col, name string, vals []string) {
		if len(vals) > 0 {
			conds = append(conds, col+` IN (SELECT value FROM json_each(:`+name+`))`)
			args = append(args, sql.Named(name, jsonArray(vals)))
		}
	}
	if w.IncludeParts {
		// The ends and everything acting for them, found by the same
		// statement (partsSQL) and matched on the integer node keys, so
		// SQLite reads the claims off rels_out / rels_in per part.
		if len(w.From) > 0 {
			conds = append(conds, `r.src IN (`+partsSQL("from")+`)`)
			args = append(args, sql.Named("from", jsonArray(w.From)))
		}
		if len(w.To) > 0 {
			conds = append(conds, `r.dst IN (`+partsSQL("to")+`)`)
			args = append(args, sql.Named("to", jsonArray(w.To)))
		}
		if len(w.Touches) > 0 {
			conds = append(conds, `(r.src IN (`+partsSQL("touches")+`) OR r.dst IN (`+partsSQL("touches")+`))`)
			args = append(args, sql.Named("touches", jsonArray(w.Touches)))
		}
	} else {
		in("a.id", "from", w.From)
		in("b.id", "to", w.To)
		if len(w.Touches) > 0 {
			conds = append(conds, `(a.id IN (SELECT value FROM json_each(:touches)) OR b.id IN (SELECT value FROM json_each(:touches)))`)
			args = append(args, sql.Named("touches", jsonArray(w.Touches)))
		}
	}
	in("a.kind", "fromkinds", kindStrings(w.FromKinds))
	in("b.kind", "tokinds", kindStrings(w.ToKinds))
	mods := make([]string, len(w.Modalities))
	for i, m := range w.Modalities {
		mods[i] = string(m)
	}
	in(`coalesce(nullif(r.modality, ''), 'asserted')`, "modalities", mods)
	if w.HasMaxConfidence {
		conds = append(conds, `r.confidence < :maxconf`)
		args = append(args, sql.Named("maxconf", w.MaxConfidence))
	}
	ms, _ := graph.MethodMatches(w.Methods) // validated by Resolve
	if len(ms) > 0 {
		var or []string
		for i, m := range ms {
			name := "method" + strconv.Itoa(i)
			if m.Prefix {
				or = append(or, `substr(r.method, 1, length(:`+name+`)) = :`+name)
			} else {
				or = append(or, `r.method = :`+name)
			}
			args = append(args, sql.Named(name, m.Value))
		}
		conds = append(conds, "("+strings.Join(or, " OR ")+")")
	}
	// Conditions on evidence hold for one piece of evidence together.
	var ev []string
	if len(w.Documents) > 0 {
		ev = append(ev, `e.did IN (SELECT did FROM documents WHERE id IN (SELECT value FROM json_each(:documents)))`)
		args = append(args, sql.Named("documents", jsonArray(w.Documents)))
	}
	if len(w.Publishers) > 0 {
		ev = append(ev, `e.did IN (SELECT did FROM documents WHERE publisher IN (SELECT value FROM json_each(:publishers)))`)
		args = append(args, sql.Named("publishers", jsonArray(w.Publishers)))
	}
	if w.Text != "" {
		ev = append(ev, `e.eid IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :evtext)`)
		args = append(args, sql.Named("evtext", ftsAllWords(w.Text)))
	}
	if len(ev) > 0 {
		// The claims whose evidence passes, found from the evidence side (the
		// full-text index, a document's evidence) and looked up by row key:
		// a correlated EXISTS per claim read every claim of the store.
		conds = append(conds, `r.rid IN (SELECT e.subject FROM evidence e WHERE `+strings.Join(ev, " AND ")+`)`)
	}
	return strings.Join(conds, " AND "), args
}

// partsSQL selects the node keys of the ids in the JSON array parameter
// :name and of everything acting for them, as graph.Parts defines it: the
// nodes with a visible PART_OF or HOLDS_ROLE claim into one of them, then
// into those, up to graph.MaxPartsDepth claims away. UNION keeps one row per
// (node, depth), so a cycle or a diamond adds at most MaxPartsDepth+1 rows
// per node and the recursion ends at the depth bound whatever the data.
// CROSS JOIN keeps the frontier outside: SQLite 3.50 otherwise read every
// PART_OF claim by type for each step (seconds at 10k nodes, not
// milliseconds through rels_in).
func partsSQL(name string) string {
	vis := make([]string, 0, 2)
	for _, st := range graph.VisibleStatuses() {
		vis = append(vis, "'"+string(st)+"'")
	}
	cte := "parts_" + name
	return `WITH RECURSIVE ` + cte + `(nid, depth) AS (
		SELECT nid, 0 FROM nodes WHERE id IN (SELECT value FROM json_each(:` + name + `))
		UNION
		SELECT pr.src, p.depth + 1 FROM ` + cte + ` p CROSS JOIN rels pr ON pr.dst = p.nid
		WHERE p.depth < ` + strconv.Itoa(graph.MaxPartsDepth) + `
			AND pr.type IN ('` + string(graph.RelPartOf) + `', '` + string(graph.RelHoldsRole) + `')
			AND +pr.status IN (` + strings.Join(vis, ", ") + `)
	) SELECT nid FROM ` + cte
}

// ftsAllWords is an FTS5 query matching every word of text as a whole
// word: each word quoted (quotes doubled), so nothing in it is an operator.
func ftsAllWords(text string) string {
	words := graph.SearchWords(text)
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(words, " ")
}

func kindStrings(ks []graph.NodeKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// orderColumn is the column a claim order sorts by.
func orderColumn(f graph.ClaimOrderField) string {
	switch f {
	case graph.OrderByDate:
		return "r.eff_date"
	case graph.OrderByConfidence:
		return "r.confidence"
	case graph.OrderByType:
		return "r.type"
	case graph.OrderByFirstSeen:
		return "r.published"
	}
	return "r.id"
}

// Claims implements graph.Store.
func (s *Store) Claims(ctx context.Context, q graph.ClaimQuery) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	q, err := q.Normalize()
	if err != nil {
		return page, err
	}
	cur, hasCur, err := graph.DecodeClaimCursor(q.Order, q.After)
	if err != nil {
		return page, err
	}
	w, err := q.Where.Resolve(ctx, s)
	if err != nil {
		return page, err
	}
	where, args := claimWhereSQL(w)
	col, dir, cmp := orderColumn(q.Order.Field), "ASC", ">"
	if q.Order.Descending {
		dir, cmp = "DESC", "<"
	}
	pageWhere := where
	pageArgs := append([]any{}, args...)
	if hasCur {
		var key any = cur.Key
		if q.Order.Field == graph.OrderByConfidence {
			key, _ = strconv.ParseFloat(cur.Key, 64)
		}
		if col == "r.id" {
			pageWhere += ` AND r.id ` + cmp + ` :curid`
		} else {
			pageWhere += fmt.Sprintf(` AND (%s %s :curkey OR (%s = :curkey AND r.id %s :curid))`, col, cmp, col, cmp)
			pageArgs = append(pageArgs, sql.Named("curkey", key))
		}
		pageArgs = append(pageArgs, sql.Named("curid", cur.ID))
	}
	order := col + " " + dir
	if col != "r.id" {
		order += ", r.id " + dir
	}
	err = queryEach(ctx, s.read, `SELECT `+relCols+relFrom+` WHERE `+pageWhere+` ORDER BY `+order+` LIMIT :lim`,
		append(pageArgs, sql.Named("lim", q.First+1)), func(rows *sql.Rows) error {
			r, err := scanRel(rows)
			page.Relationships = append(page.Relationships, r)
			return err
		})
	if err != nil {
		return page, s.wrap(ctx, "reading claims", err)
	}
	// A first page that holds every claim is its own total.
	if hasCur || len(page.Relationships) > q.First {
		if err := s.read.QueryRowContext(ctx, `SELECT count(*)`+relFrom+` WHERE `+where, args...).Scan(&page.Total); err != nil {
			return page, s.wrap(ctx, "counting claims", err)
		}
	} else {
		page.Total = len(page.Relationships)
	}
	if len(page.Relationships) > q.First {
		page.Relationships, page.HasMore = page.Relationships[:q.First], true
	}
	if n := len(page.Relationships); n > 0 {
		page.EndCursor = graph.EncodeClaimCursor(q.Order, page.Relationships[n-1])
	}
	return page, nil
}

// groupColumns are the expressions of the group keys over the selection
// "sel" joined with its evidence "e" and their documents "d".
var groupColumns = map[graph.ClaimGroup]string{
	graph.GroupType:      "sel.type",
	graph.GroupFrom:      "sel.src",
	graph.GroupTo:        "sel.dst",
	graph.GroupYear:      "CASE WHEN length(sel.eff_date) >= 4 THEN substr(sel.eff_date, 1, 4) ELSE '' END",
	graph.GroupMonth:     "CASE WHEN length(sel.eff_date) >= 7 THEN substr(sel.eff_date, 1, 7) ELSE '' END",
	graph.GroupPublisher: "coalesce(d.publisher, '')",
	graph.GroupDocument:  "coalesce(d.id, '')",
	graph.GroupMethod:    "sel.method",
	graph.GroupModality:  "sel.modality",
	graph.GroupReview:    "sel.status",
}

// ClaimCounts implements graph.Store.
func (s *Store) ClaimCounts(ctx context.Context, q graph.ClaimCountsQuery) (graph.ClaimCounts, error) {
	var out graph.ClaimCounts
	q, err := q.Normalize()
	if err != nil {
		return out, err
	}
	w, err := q.Where.Resolve(ctx, s)
	if err != nil {
		return out, err
	}
	if tallyAnswers(q, w) {
		return s.tallyCounts(ctx, q, w)
	}
	where, args := claimWhereSQL(w)
	var keys []string
	for _, g := range q.GroupBy {
		keys = append(keys, groupColumns[g])
	}
	keyList := strings.Join(keys, ", ")
	var orderKeys []string
	for i := range keys {
		orderKeys = append(orderKeys, strconv.Itoa(i+1))
	}
	// The ends are joined only when a key or a condition names them, and
	// the evidence only when documents are counted or grouped by: counting
	// by type and year reads the claims alone.
	needEnds := slices.Contains(q.GroupBy, graph.GroupFrom) || slices.Contains(q.GroupBy, graph.GroupTo) ||
		len(w.From)+len(w.To)+len(w.Touches)+len(w.FromKinds)+len(w.ToKinds) > 0
	from, ends := ` FROM rels r `, `'' AS src, '' AS dst`
	if needEnds {
		from, ends = relFrom, `a.id AS src, b.id AS dst`
	}
	sel := `WITH sel AS (SELECT r.rid, r.id, r.type, ` + ends + `, r.eff_date, r.method,
			coalesce(nullif(r.modality, ''), 'asserted') AS modality, r.status` + from + ` WHERE ` + where + `)`
	var stmt string
	if q.SkipDocuments {
		stmt = sel + `
		SELECT ` + keyList + `, count(*), 0, count(*) OVER ()
		FROM sel
		GROUP BY ` + keyList + `
		HAVING count(*) >= :mincount AND :mindocs <= 1`
	} else {
		stmt = sel + `
		SELECT ` + keyList + `, count(DISTINCT sel.id), count(DISTINCT e.did), count(*) OVER ()
		FROM sel LEFT JOIN evidence e ON e.subject = sel.rid LEFT JOIN documents d ON d.did = e.did
		GROUP BY ` + keyList + `
		HAVING count(DISTINCT sel.id) >= :mincount AND count(DISTINCT e.did) >= :mindocs`
	}
	stmt += `
		ORDER BY ` + strconv.Itoa(len(keys)+1) + ` DESC, ` + strings.Join(orderKeys, ", ") + `
		LIMIT :lim`
	args = append(args, sql.Named("mincount", q.MinCount), sql.Named("mindocs", q.MinDocuments), sql.Named("lim", q.First))
	err = queryEach(ctx, s.read, stmt, args, func(rows *sql.Rows) error {
		return scanGroup(rows, q.GroupBy, &out)
	})
	if err != nil {
		return graph.ClaimCounts{}, s.wrap(ctx, "counting claims", err)
	}
	out.Truncated = out.Total > len(out.Groups)
	return out, nil
}

// scanGroup reads one row of a counts statement (the keys of groupBy, the
// claims, the documents, the number of groups) into out.
func scanGroup(rows *sql.Rows, groupBy []graph.ClaimGroup, out *graph.ClaimCounts) error {
	vals := make([]string, len(groupBy))
	dest := make([]any, 0, len(groupBy)+3)
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	var c graph.ClaimCount
	dest = append(dest, &c.Claims, &c.Documents, &out.Total)
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	c.Keys = map[graph.ClaimGroup]string{}
	for i, g := range groupBy {
		c.Keys[g] = vals[i]
	}
	out.Groups = append(out.Groups, c)
	return nil
}
