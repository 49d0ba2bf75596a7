package neo4jstore

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// Search ranks in tiers (graph.NameTier), as the SQLite store does, then by
// Lucene's score within a tier.

// maxQueryWords caps the words of one search: every word is a clause, and
// Lucene refuses a query of more than 1024 clauses.
const maxQueryWords = 64

// luceneSpecial are the characters Lucene's query parser treats as syntax.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// isWordRune says what counts as part of a word: letters, digits and the
// combining marks that belong to the letter before them.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// luceneQuery turns plain words into a Lucene query in which every word is
// required and the last one may be a prefix, so "Sull" finds Sullivan. The
// input is split on spaces only, each chunk loses the punctuation around it
// and has Lucene's syntax characters escaped inside it, so operators, quotes
// and wildcards in the input are literal text; the index's analyzer then
// splits a chunk exactly as it split the indexed text (keeping "O'Brien"
// one word, as it was indexed). Chunks without a letter or digit are dropped;
// when none is left the query is "" and matches nothing.
func luceneQuery(text string) string {
	var terms []string
	for _, chunk := range strings.Fields(text) {
		if len(terms) == maxQueryWords {
			break
		}
		chunk = strings.TrimFunc(chunk, func(r rune) bool { return !isWordRune(r) })
		if chunk == "" {
			continue
		}
		var b strings.Builder
		b.WriteByte('+')
		for _, r := range strings.ToLower(chunk) {
			if strings.ContainsRune(luceneSpecial, r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		terms = append(terms, b.String())
	}
	if len(terms) == 0 {
		return ""
	}
	terms[len(terms)-1] += "*"
	return strings.Join(terms, " ")
}

// Search implements graph.Store.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	kinds := make([]any, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	query := luceneQuery(q.Text)
	if query == "" {
		return nil, nil
	}
	words := graph.SearchWords(q.Text)
	limit := graph.PageSize(q.First)

	type hit struct {
		graph.SearchHit
		tier  int
		score float64
	}
	var hits map[string]*hit
	consider := func(h *hit) {
		if old, ok := hits[h.Node.ID]; ok && (old.tier > h.tier || old.tier == h.tier && old.score >= h.score) {
			return
		}
		hits[h.Node.ID] = h
	}
	err := s.read(ctx, "searching", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		hits = map[string]*hit{}
		// Names, aliases and node text. More than limit are read, because a
		// node found here may rank below one found by evidence.
		params := map[string]any{"query": query, "kinds": kinds, "limit": limit * 4}
		if _, err := run(ctx, tx, s.st.get("search_entities"), params, func(rec *neo4j.Record) error {
			n, err := nodeColumn(rec, "n")
			if err != nil {
				return err
			}
			score, err := recordValue[float64](rec, "score")
			h := &hit{SearchHit: graph.SearchHit{Node: n}, score: score}
			h.tier, h.Matched = graph.NameTier(n, q.Text)
			if h.tier == graph.TierText {
				h.Snippet = snippet(strings.TrimSpace(n.Props["text"]+" "+n.Props["description"]), words)
			}
			consider(h)
			return err
		}); err != nil {
			return err
		}

		// Evidence: a quote supports a node directly, or a claim whose two
		// endpoints it then mentions.
		type quoteHit struct {
			subject, quote string
			score          float64
		}
		var claimHits []quoteHit
		if _, err := run(ctx, tx, s.st.get("search_evidence"), map[string]any{"query": query, "limit": limit * 4}, func(rec *neo4j.Record) error {
			var qh quoteHit
			var err error
			if qh.subject, err = recordValue[string](rec, "subject"); err != nil {
				return err
			}
			if qh.quote, err = recordValue[string](rec, "quote"); err != nil {
				return err
			}
			if qh.score, err = recordValue[float64](rec, "score"); err != nil {
				return err
			}
			nv, isNull, err := neo4j.GetRecordValue[neo4j.Node](rec, "n")
			if err != nil {
				return decodeError("column n: %v", err)
			}
			if isNull {
				claimHits = append(claimHits, qh)
				return nil
			}
			n, err := nodeFromDB(nv)
			if err != nil {
				return err
			}
			if len(kinds) == 0 || slices.Contains(q.Kinds, n.Kind) {
				consider(&hit{SearchHit: graph.SearchHit{Node: n, Matched: "evidence", Snippet: snippet(qh.quote, words)},
					tier: graph.TierEvidence, score: qh.score})
			}
			return nil
		}); err != nil {
			return err
		}
		var claimIDs []string
		for _, qh := range claimHits {
			claimIDs = append(claimIDs, qh.subject)
		}
		claims, err := s.claimsByID(ctx, tx, claimIDs)
		if err != nil {
			return err
		}
		ends := map[string][2]string{}
		var endIDs []string
		for _, c := range claims {
			// A claim hidden by review (rejected, corrected) makes nobody found.
			if !c.rel.Review.Status.Visible() {
				continue
			}
			ends[c.rel.ID] = [2]string{c.rel.From, c.rel.To}
			endIDs = append(endIDs, c.rel.From, c.rel.To)
		}
		nodes, err := s.nodesByID(ctx, tx, endIDs)
		if err != nil {
			return err
		}
		for _, qh := range claimHits {
			for _, id := range ends[qh.subject] {
				n, ok := nodes[id]
				if !ok || len(kinds) > 0 && !slices.Contains(q.Kinds, n.Kind) {
					continue
				}
				consider(&hit{SearchHit: graph.SearchHit{Node: n, Matched: "evidence", Snippet: snippet(qh.quote, words)},
					tier: graph.TierEvidence, score: qh.score})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	list := make([]*hit, 0, len(hits))
	for _, h := range hits {
		list = append(list, h)
	}
	slices.SortFunc(list, func(a, b *hit) int {
		return cmp.Or(cmp.Compare(b.tier, a.tier), cmp.Compare(b.score, a.score), cmp.Compare(a.Node.ID, b.Node.ID))
	})
	if len(list) > limit {
		list = list[:limit]
	}
	out := make([]graph.SearchHit, len(list))
	for i, h := range list {
		h.Score = float64(h.tier)*1000 + h.score
		out[i] = h.SearchHit
	}
	return out, nil
}

// snippetWords is how many words a snippet shows around the first match.
const snippetWords = 16

// snippet shows where a query's words occur in text: up to snippetWords
// words around the first word that matches, with "…" where text was cut.
func snippet(text string, words []string) string {
	fields := strings.Fields(text)
	at := slices.IndexFunc(fields, func(f string) bool {
		fw := graph.SearchWords(f)
		return slices.ContainsFunc(fw, func(x string) bool {
			return slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(x, w) })
		})
	})
	if at < 0 {
		at = 0
	}
	start := max(0, at-snippetWords/2)
	end := min(len(fields), start+snippetWords)
	start = max(0, end-snippetWords)
	out := strings.Join(fields[start:end], " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(fields) {
		out += "…"
	}
	return out
}
