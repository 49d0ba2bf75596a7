package sqlitestore

import (
	"context"
	"database/sql"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// ftsQuery turns plain words into an FTS5 query: every word is a quoted
// string (so operators, quotes and parentheses are data), all must match,
// and the last may be a prefix. It returns "" when there is no word.
func ftsQuery(text string) (string, []string) {
	words := graph.SearchWords(text)
	if len(words) == 0 {
		return "", nil
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + w + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " "), words
}

// Search implements graph.Store.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	match, _ := ftsQuery(q.Text)
	if match == "" {
		return nil, nil
	}
	limit := graph.PageSize(q.First)
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	kindCond := `(:nkinds = 0 OR n.kind IN (SELECT value FROM json_each(:kinds)))`
	kindArgs := []any{sql.Named("nkinds", len(kinds)), sql.Named("kinds", jsonArray(kinds))}

	type hit struct {
		graph.SearchHit
		tier int
		bm25 float64
	}
	hits := map[string]*hit{}
	consider := func(h *hit) {
		if old, ok := hits[h.Node.ID]; ok && (old.tier > h.tier || old.tier == h.tier && old.bm25 <= h.bm25) {
			return
		}
		hits[h.Node.ID] = h
	}

	// Names, aliases and node text.
	err := queryEach(ctx, s.read, `SELECT `+nodeCols+`, bm25(node_fts, 10.0, 5.0, 1.0), snippet(node_fts, 2, '', '', '…', 16)
		FROM node_fts JOIN nodes n ON n.nid = node_fts.rowid
		WHERE node_fts MATCH :match AND `+kindCond+` ORDER BY rank LIMIT :lim`,
		append(kindArgs, sql.Named("match", match), sql.Named("lim", limit*4)), func(rows *sql.Rows) error {
			var h hit
			var kind, aliases, props string
			if err := rows.Scan(&h.Node.ID, &kind, &h.Node.Name, &aliases, &props, &h.Node.Source, &h.bm25, &h.Snippet); err != nil {
				return err
			}
			h.Node.Kind, h.Node.Aliases, h.Node.Props = graph.NodeKind(kind), decodeList(aliases), decodeMap(props)
			h.tier, h.Matched = graph.NameTier(h.Node, q.Text)
			if h.tier != graph.TierText {
				h.Snippet = ""
			}
			consider(&h)
			return nil
		})
	if err != nil {
		return nil, s.wrap(ctx, "searching", err)
	}

	// Evidence: a quote supports a node directly, or a claim whose two
	// endpoints it then mentions.
	err = queryEach(ctx, s.read, `WITH ev AS (
			SELECT e.subject, bm25(evidence_fts) AS score, snippet(evidence_fts, 0, '', '', '…', 16) AS snip
			FROM evidence_fts JOIN evidence e ON e.eid = evidence_fts.rowid
			WHERE evidence_fts MATCH :match ORDER BY rank LIMIT :lim),
		targets AS (
			SELECT ev.score, ev.snip, n.nid FROM ev JOIN nodes n ON n.id = ev.subject
			UNION ALL SELECT ev.score, ev.snip, r.src FROM ev JOIN rels r ON r.id = ev.subject
			UNION ALL SELECT ev.score, ev.snip, r.dst FROM ev JOIN rels r ON r.id = ev.subject)
		SELECT `+nodeCols+`, t.score, t.snip FROM targets t JOIN nodes n ON n.nid = t.nid WHERE `+kindCond,
		append(kindArgs, sql.Named("match", match), sql.Named("lim", limit*4)), func(rows *sql.Rows) error {
			var h hit
			var kind, aliases, props string
			if err := rows.Scan(&h.Node.ID, &kind, &h.Node.Name, &aliases, &props, &h.Node.Source, &h.bm25, &h.Snippet); err != nil {
				return err
			}
			h.Node.Kind, h.Node.Aliases, h.Node.Props = graph.NodeKind(kind), decodeList(aliases), decodeMap(props)
			h.tier, h.Matched = graph.TierEvidence, "evidence"
			consider(&h)
			return nil
		})
	if err != nil {
		return nil, s.wrap(ctx, "searching evidence", err)
	}

	list := make([]*hit, 0, len(hits))
	for _, h := range hits {
		list = append(list, h)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.tier != b.tier {
			return a.tier > b.tier
		}
		if a.bm25 != b.bm25 {
			return a.bm25 < b.bm25 // BM25 in FTS5 is negative: lower is better
		}
		return a.Node.ID < b.Node.ID
	})
	if len(list) > limit {
		list = list[:limit]
	}
	out := make([]graph.SearchHit, len(list))
	for i, h := range list {
		h.Score = float64(h.tier)*1000 - h.bm25
		out[i] = h.SearchHit
	}
	return out, nil
}
