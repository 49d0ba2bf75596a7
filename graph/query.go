package graph

import (
	"strings"
	"unicode"
)

// Rules every store applies the same way, written once here so the SQLite
// and Neo4j stores cannot drift apart.

// Page sizes of the listing methods.
const (
	DefaultPage = 20
	// MaxPage caps every page a caller can ask for, so no request can make a
	// store materialize an unbounded result.
	MaxPage = 1000
)

// PageSize turns a requested page size into the one served.
func PageSize(first int) int {
	if first <= 0 {
		return DefaultPage
	}
	return min(first, MaxPage)
}

// Neighborhood defaults.
const (
	DefaultPerNode = 50
	DefaultLimit   = 500
)

// Normalize checks a neighborhood query and fills in its defaults.
func (q NeighborhoodQuery) Normalize() (NeighborhoodQuery, error) {
	if q.Depth < 1 || q.Depth > 3 {
		return q, Invalidf("depth %d is not between 1 and 3", q.Depth)
	}
	if err := q.Filter.Validate(); err != nil {
		return q, err
	}
	if err := checkKinds(q.Kinds); err != nil {
		return q, err
	}
	if q.PerNode <= 0 {
		q.PerNode = DefaultPerNode
	}
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	return q, nil
}

// Validate checks a path query.
func (q PathQuery) Validate() error {
	if q.MaxHops < 1 || q.MaxHops > 6 {
		return Invalidf("maxHops %d is not between 1 and 6", q.MaxHops)
	}
	if q.K < 1 || q.K > 10 {
		return Invalidf("k %d is not between 1 and 10", q.K)
	}
	return q.Filter.Validate()
}

// A search reads at most MaxSearchWords words from at most MaxSearchBytes
// bytes of text: enough for a pasted sentence. Full-text engines parse a
// query in time that grows faster than its length, and cannot be
// interrupted while they do (SQLite's FTS5 took 14 s for 16,000 words and
// minutes for 1 MiB of them, past the request's deadline).
const (
	MaxSearchBytes = 1000
	MaxSearchWords = 32
)

// Validate checks a search query: its size first (the cheapest check),
// then its words and kinds.
func (q SearchQuery) Validate() error {
	if len(q.Text) > MaxSearchBytes {
		return Invalidf("the search text is %d bytes long; at most %d are accepted (search for a few words)", len(q.Text), MaxSearchBytes)
	}
	if n := len(SearchWords(q.Text)); n > MaxSearchWords {
		return Invalidf("the search has %d words; at most %d are accepted", n, MaxSearchWords)
	}
	return checkKinds(q.Kinds)
}

func checkKinds(ks []NodeKind) error {
	for _, k := range ks {
		if !k.Valid() {
			return Invalidf("unknown node kind %q", k)
		}
	}
	return nil
}

// Search ranks in tiers, then by each store's relevance within a tier: the
// name (or an alias) equal to the query, then the words found in the name
// or an alias, then in the node's own text, then only in evidence. Tiers
// make "exact name above passing mention" hold whatever the text ranking
// thinks of document lengths.
const (
	TierEvidence = iota
	TierText
	TierName
	TierExact
)

// SearchWords splits a query (or a name) into lower-case words: letters,
// digits and combining marks; everything else separates words and is never
// an operator.
func SearchWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// NameTier says how a node found by its names or text matched the query:
// TierExact when its name or an alias equals the query, TierName when they
// contain its words (the last as a prefix), TierText otherwise; and whether
// it was the "name", an "alias" or the "text".
func NameTier(n Node, query string) (int, string) {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	if norm(n.Name) == norm(query) {
		return TierExact, "name"
	}
	for _, a := range n.Aliases {
		if norm(a) == norm(query) {
			return TierExact, "alias"
		}
	}
	words := SearchWords(query)
	if containsWords(n.Name, words) {
		return TierName, "name"
	}
	for _, a := range n.Aliases {
		if containsWords(a, words) {
			return TierName, "alias"
		}
	}
	return TierText, "text"
}

// containsWords reports whether every word occurs as a word of s, the last
// as a prefix.
func containsWords(s string, words []string) bool {
	if len(words) == 0 {
		return false
	}
	have := SearchWords(s)
	for i, w := range words {
		found := false
		for _, h := range have {
			if h == w || i == len(words)-1 && strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
