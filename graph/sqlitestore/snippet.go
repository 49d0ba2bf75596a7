package sqlitestore

import (
	"strings"
	"unicode"
)

// snippetWords is how many words a snippet shows.
const snippetWords = 16

// snippet returns up to snippetWords words of text around the first word
// the search matched (the last query word as a prefix, as the search
// matches it), with "…" where the text was cut. Made in Go for the few hits
// kept rather than by FTS5 for every match: see searchCandidates.
func snippet(text string, words []string) string {
	type span struct{ start, end int }
	var spans []span
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	in := false
	for i, r := range text {
		switch w := isWord(r); {
		case w && !in:
			spans = append(spans, span{start: i})
			in = true
		case !w && in:
			spans[len(spans)-1].end = i
			in = false
		}
	}
	if in {
		spans[len(spans)-1].end = len(text)
	}
	if len(spans) == 0 {
		return ""
	}
	hit := 0
find:
	for i, sp := range spans {
		w := strings.ToLower(text[sp.start:sp.end])
		for j, q := range words {
			if w == q || j == len(words)-1 && strings.HasPrefix(w, q) {
				hit = i
				break find
			}
		}
	}
	// A quarter of the window before the hit, the rest after; shifted back
	// when the text ends first.
	last := min(len(spans), max(0, hit-snippetWords/4)+snippetWords) - 1
	first := max(0, last+1-snippetWords)
	out := text[spans[first].start:spans[last].end]
	if first > 0 {
		out = "…" + out
	}
	if last < len(spans)-1 {
		out += "…"
	}
	return out
}
