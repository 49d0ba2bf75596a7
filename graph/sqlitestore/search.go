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

// searchCandidates bounds the matches a search ranks, in each of its
// queries: the most recently stored ones. FTS5 scores every match it is
// asked to sort, and a word found in most quotes ("said") then costs seconds
// per hundred thousand quotes; the newest few thousand matches are ranked
// instead. Names are searched on their own as well, so a node found by name
// is among the candidates however many others mention the words.
const searchCandidates = 5000

// Search implements graph.Store.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	match, words := ftsQuery(q.Text)
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

	type hit = searchHit
	hits := map[string]*hit{}
	consider := func(h *hit) {
		if old, ok := hits[h.Node.ID]; ok && (old.tier > h.tier || old.tier == h.tier && old.bm25 <= h.bm25) {
			return
		}
		hits[h.Node.ID] = h
	}

	// Names, aliases and node text; then the same words in names and aliases
	// alone, so a node found by name is not crowded out of the candidates by
	// thousands that only mention the words in their text.
	nodeSearch := func(match string) error {
		return queryEach(ctx, s.read, `WITH cand AS (
				SELECT rowid AS nid, rank AS score, body FROM node_fts
				WHERE node_fts MATCH :match ORDER BY rowid DESC LIMIT :cap)
			SELECT `+nodeCols+`, cand.score, cand.body FROM cand JOIN nodes n ON n.nid = cand.nid
			WHERE `+kindCond+` ORDER BY cand.score LIMIT :lim`,
			append(kindArgs, sql.Named("match", match), sql.Named("lim", limit*4), sql.Named("cap", searchCandidates)), func(rows *sql.Rows) error {
				var h hit
				var kind, aliases, props, body string
				if err := rows.Scan(&h.Node.ID, &kind, &h.Node.Name, &aliases, &props, &h.Node.Source, &h.bm25, &body); err != nil {
					return err
				}
				h.Node.Kind, h.Node.Aliases, h.Node.Props = graph.NodeKind(kind), decodeList(aliases), decodeMap(props)
				h.tier, h.Matched = graph.NameTier(h.Node, q.Text)
				if h.tier == graph.TierText {
					h.Snippet = snippet(body, words)
				}
				consider(&h)
				return nil
			})
	}
	if err := nodeSearch(match); err != nil {
		return nil, s.wrap(ctx, "searching", err)
	}
	if err := nodeSearch("{name aliases} : (" + match + ")"); err != nil {
		return nil, s.wrap(ctx, "searching", err)
	}
	// Evidence ranks below every name and text match: when those fill the
	// page, it cannot change the answer.
	if len(hits) >= limit {
		return ranked(hits, limit), nil
	}

	// Evidence: a quote supports a node directly, or a claim whose two
	// endpoints it then mentions.
	err := queryEach(ctx, s.read, `WITH cand AS (
			SELECT rowid AS eid, rank AS score FROM evidence_fts
			WHERE evidence_fts MATCH :match ORDER BY rowid DESC LIMIT :cap),
		ev AS (
			SELECT e.subject, top.score, e.quote
			FROM (SELECT eid, score FROM cand ORDER BY score LIMIT :lim) AS top JOIN evidence e ON e.eid = top.eid),
		targets AS (
			SELECT ev.score, ev.quote, n.nid FROM ev JOIN nodes n ON n.id = ev.subject
			UNION ALL SELECT ev.score, ev.quote, r.src FROM ev JOIN rels r ON r.id = ev.subject
			UNION ALL SELECT ev.score, ev.quote, r.dst FROM ev JOIN rels r ON r.id = ev.subject)
		SELECT `+nodeCols+`, t.score, t.quote FROM targets t JOIN nodes n ON n.nid = t.nid WHERE `+kindCond,
		append(kindArgs, sql.Named("match", match), sql.Named("lim", limit*4), sql.Named("cap", searchCandidates)), func(rows *sql.Rows) error {
			var h hit
			var kind, aliases, props, quote string
			if err := rows.Scan(&h.Node.ID, &kind, &h.Node.Name, &aliases, &props, &h.Node.Source, &h.bm25, &quote); err != nil {
				return err
			}
			h.Node.Kind, h.Node.Aliases, h.Node.Props = graph.NodeKind(kind), decodeList(aliases), decodeMap(props)
			h.tier, h.Matched = graph.TierEvidence, "evidence"
			h.Snippet = snippet(quote, words)
			consider(&h)
			return nil
		})
	if err != nil {
		return nil, s.wrap(ctx, "searching evidence", err)
	}
	return ranked(hits, limit), nil
}

// searchHit is a hit with its tier and its text score.
type searchHit struct {
	graph.SearchHit
	tier int
	bm25 float64
}

// ranked orders hits by tier, then text score (BM25 in FTS5 is negative:
// lower is better), then id, and keeps the first limit.
func ranked(hits map[string]*searchHit, limit int) []graph.SearchHit {
	list := make([]*searchHit, 0, len(hits))
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
	return out
}
