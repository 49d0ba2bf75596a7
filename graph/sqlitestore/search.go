package sqlitestore

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/actorgraph/actorgraph/graph"
)

// ftsQuery turns plain words into an FTS5 query: every word is a quoted
// string (so operators, quotes and parentheses are data), all must match,
// and the last stands for itself and the words it begins (see
// completions). It returns "" when there is no word.
func (s *Store) ftsQuery(ctx context.Context, vocab ftsVocab, words []string) (string, error) {
	if len(words) == 0 {
		return "", nil
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + w + `"`
	}
	last := len(words) - 1
	terms, ok, err := s.completions(ctx, vocab, words[last])
	switch {
	case err != nil:
		return "", err
	case !ok:
		parts[last] += "*" // FTS5's own prefix query: see completions
	default:
		for i, t := range terms {
			terms[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"` // the tokenizer never keeps one; a quote would still be data
		}
		parts[last] = "(" + strings.Join(terms, " OR ") + ")"
	}
	return strings.Join(parts, " AND "), nil
}

// maxCompletions bounds the indexed words the last word of a query stands
// for: the most frequent ones that begin with it (as Elasticsearch's
// max_expansions does, whose default this is too).
const maxCompletions = 50

// ftsVocab names an fts5vocab table (migration v3) and the columns of its
// full-text table a search looks in (none: all).
type ftsVocab struct {
	table string
	cols  []string
}

var (
	nodeVocab     = ftsVocab{table: "node_fts_vocab"}
	nodeNameVocab = ftsVocab{table: "node_fts_vocab", cols: []string{"name", "aliases"}}
	evidenceVocab = ftsVocab{table: "evidence_fts_vocab"}
)

// completions returns the indexed words that begin with prefix, the
// maxCompletions most frequent, for a query to ask for by name instead of
// with FTS5's prefix operator. FTS5 answers a prefix query by merging the
// position lists of every word it matches into one list in memory, in a
// single call that SQLite cannot interrupt; read newest first, as Search
// reads, that costs more than linear time: "say*" over two million quotes
// took 15 s and ran on 10 s past its context's deadline, and a million-node
// graph's "reports say" held a search for minutes. The same words named one
// by one are read from the index newest first and stop at the candidate
// cap (160 ms there).
//
// The word as typed is always the first of them, indexed or not, so a
// short name ("UN", "Li") is not crowded out by longer words it begins. One
// difference remains in ranking: BM25 weighs each named word by its own
// rarity, where FTS5 weighed a prefix's words as one, so within a tier a
// match of a rare completion can now rank above a match of the word typed.
//
// The vocabulary holds words as the tokenizer folded them: lower case, and
// diacritics removed from Latin letters only (unicode61's
// remove_diacritics; "й" stays "й"), which foldLatin repeats. A prefix that
// folds to plain ASCII is then exact: sure is true. Another is exact as far
// as the two folds agree; when no indexed word begins with it, sure is false
// and the caller keeps FTS5's prefix query, which folds as the tokenizer
// does (the tokenizer also splits some words at marks, as Arabic vowel
// signs, which a prefix query handles and a vocabulary lookup cannot).
func (s *Store) completions(ctx context.Context, vocab ftsVocab, prefix string) (terms []string, sure bool, err error) {
	folded, ascii := foldLatin(prefix)
	terms = []string{folded}
	found := 0
	// Every word beginning with folded sorts between it and folded followed
	// by the last code point.
	err = queryEach(ctx, s.read, `SELECT term FROM `+vocab.table+`
		WHERE term >= :lo AND term < :hi AND (:ncols = 0 OR col IN (SELECT value FROM json_each(:cols)))
		GROUP BY term ORDER BY sum(doc) DESC, term LIMIT :n`,
		[]any{sql.Named("lo", folded), sql.Named("hi", folded+string(utf8.MaxRune)), sql.Named("ncols", len(vocab.cols)),
			sql.Named("cols", jsonArray(vocab.cols)), sql.Named("n", maxCompletions)},
		func(rows *sql.Rows) error {
			var t string
			if err := rows.Scan(&t); err != nil {
				return err
			}
			found++
			if t != folded && len(terms) < maxCompletions {
				terms = append(terms, t)
			}
			return nil
		})
	if err != nil {
		return nil, false, err
	}
	if !ascii && found == 0 {
		return nil, false, nil
	}
	return terms, true, nil
}

// foldLatin removes the combining marks of Latin letters, as the unicode61
// tokenizer's remove_diacritics does ("é" and "e" + U+0301 become "e"; a
// Cyrillic "й" keeps its breve), and says whether what is left is plain
// ASCII.
func foldLatin(word string) (string, bool) {
	var b strings.Builder
	var base rune
	for _, r := range norm.NFD.String(word) {
		if !unicode.Is(unicode.Mn, r) {
			base = r
		} else if unicode.Is(unicode.Latin, base) {
			continue
		}
		b.WriteRune(r)
	}
	folded := norm.NFC.String(b.String())
	for i := 0; i < len(folded); i++ {
		if folded[i] >= utf8.RuneSelf {
			return folded, false
		}
	}
	return folded, true
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
	words := graph.SearchWords(q.Text)
	if len(words) == 0 {
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
	nodeSearch := func(vocab ftsVocab, filter string) error {
		match, err := s.ftsQuery(ctx, vocab, words)
		if err != nil {
			return err
		}
		if filter != "" {
			match = filter + " : (" + match + ")"
		}
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
	if err := nodeSearch(nodeVocab, ""); err != nil {
		return nil, s.wrap(ctx, "searching", err)
	}
	if err := nodeSearch(nodeNameVocab, "{name aliases}"); err != nil {
		return nil, s.wrap(ctx, "searching", err)
	}
	// Evidence ranks below every name and text match: when those fill the
	// page, it cannot change the answer.
	if len(hits) >= limit {
		return ranked(hits, limit), nil
	}

	// Evidence: a quote supports a node directly, or a claim whose two
	// endpoints it then mentions; a claim hidden by review (rejected,
	// corrected) makes nobody found.
	match, err := s.ftsQuery(ctx, evidenceVocab, words)
	if err != nil {
		return nil, s.wrap(ctx, "searching evidence", err)
	}
	err = queryEach(ctx, s.read, `WITH cand AS (
			SELECT rowid AS eid, rank AS score FROM evidence_fts
			WHERE evidence_fts MATCH :match ORDER BY rowid DESC LIMIT :cap),
		ev AS (
			SELECT e.subject, top.score, e.quote
			FROM (SELECT eid, score FROM cand ORDER BY score LIMIT :lim) AS top JOIN evidence e ON e.eid = top.eid),
		targets AS (
			SELECT ev.score, ev.quote, n.nid FROM ev JOIN nodes n ON n.nid = -ev.subject
			UNION ALL SELECT ev.score, ev.quote, r.src FROM ev JOIN rels r ON r.rid = ev.subject AND r.status IN ('UNREVIEWED', 'CONFIRMED')
			UNION ALL SELECT ev.score, ev.quote, r.dst FROM ev JOIN rels r ON r.rid = ev.subject AND r.status IN ('UNREVIEWED', 'CONFIRMED'))
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
