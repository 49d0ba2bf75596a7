// Package segment splits cleaned article text into sentences and
// paragraphs, with offsets, so that every claim the loader extracts can cite
// the exact sentence it came from.
//
// Offsets are in Unicode code points (runes), not bytes, as graph.Evidence
// offsets are: Start is inclusive, End exclusive, and Text is
// string([]rune(text)[Start:End]). A span never starts or ends with white
// space. The sentences of a text are ordered, do not overlap, and together
// cover every non-space character of it.
//
// # Rules
//
// A blank line (a line holding only white space) ends a paragraph, and a
// paragraph always ends a sentence: a headline on a line of its own is a
// sentence. A single line break inside a paragraph is just white space
// (lines may be hard-wrapped).
//
// Inside a paragraph a sentence ends after a run of ".", "!", "?", "…" and
// any closing quotes or brackets right after it (” ’ " ' ) ] »), when white
// space follows and the next character is not a lowercase letter and not
// one of , ; : . … (so `"Why?" he asked` and `evidence ... it didn't` stay one
// sentence, and the closing quote belongs to the sentence it closes). The
// full-width "。", "！" and "？" end a sentence without needing white space.
// A ". . ." ellipsis and a "..." or "…" ellipsis end a sentence only under
// the starter heuristic below, since inside quotes they mostly mark an
// omission.
//
// A "." that ends a word is not a sentence end when the word is:
//
//   - a title or an abbreviation that is always followed by more of the
//     sentence: Mr., Mrs., Ms., Dr., Prof., Gen., Lt., Col., Capt., Sgt.,
//     Adm., Rep., Sen., Gov., Pres., Rev., Hon., St., Mt., Ft., vs., v.,
//     e.g., i.e., cf., approx., Fig., Vol., ... (the lists are in words.go);
//   - "No.", "Nos.", "Art.", "p." or "pp." followed by a digit;
//   - the first word of a sentence that numbers a list item ("1.", "12.",
//     "a.");
//   - under the starter heuristic: a dotted acronym ("U.S.", "U.K.",
//     "D.C.", "a.m."), a single letter (an initial, "John F. Kennedy"), a
//     month ("Jan.", "Sep.") or a word like "Inc.", "Corp.", "Ltd.", "Jr.",
//     "etc.".
//
// The starter heuristic: such a word ends the sentence only when the next
// word is one that commonly starts a sentence ("The", "It", "He", "But",
// "In", ...; the list leaves out prepositions that title-case headlines
// capitalize) or the next character is an opening quote or
// bracket. So "... blamed on the U.S. The talks ..." splits, while
// "U.S. President Donald Trump" and "Sep. 30" do not. A sentence that really
// ends in "U.S." followed by a name ("... the U.S. Russia denied it.") is
// merged with the next one: a known, accepted miss.
//
// A "--" or "—" dateline ("NEW YORK -- The U.S. will ...") needs no rule: a
// dash never ends a sentence.
package segment

import (
	"unicode"
)

// Sentence is a span of text. Start and End are rune offsets, End exclusive;
// Text is the span's text.
type Sentence struct {
	Start, End int
	Text       string
}

// Sentences splits text into sentences; see the package documentation.
func Sentences(text string) []Sentence {
	rs := []rune(text)
	var out []Sentence
	for _, p := range paragraphs(rs) {
		out = splitParagraph(rs, p[0], p[1], out)
	}
	return out
}

// Paragraphs returns the paragraphs of text: runs of non-blank lines, each
// trimmed of surrounding white space. Offsets are as for Sentences.
func Paragraphs(text string) []Sentence {
	rs := []rune(text)
	var out []Sentence
	for _, p := range paragraphs(rs) {
		out = append(out, span(rs, p[0], p[1]))
	}
	return out
}

func span(rs []rune, start, end int) Sentence {
	return Sentence{Start: start, End: end, Text: string(rs[start:end])}
}

// paragraphs returns the [start, end) rune ranges of the paragraphs of rs,
// trimmed of white space.
func paragraphs(rs []rune) [][2]int {
	var out [][2]int
	start := -1   // first non-space rune of the current paragraph
	lastNon := -1 // last non-space rune seen
	lineBlank := true
	for i, r := range rs {
		if r == '\n' {
			if lineBlank && start >= 0 {
				out = append(out, [2]int{start, lastNon + 1})
				start = -1
			}
			lineBlank = true
			continue
		}
		if unicode.IsSpace(r) {
			continue
		}
		lineBlank = false
		if start < 0 {
			start = i
		}
		lastNon = i
	}
	if start >= 0 {
		out = append(out, [2]int{start, lastNon + 1})
	}
	return out
}

// splitParagraph appends the sentences of rs[start:end], a trimmed paragraph,
// to out.
func splitParagraph(rs []rune, start, end int, out []Sentence) []Sentence {
	s := start
	for i := start; i < end; {
		if !isTerminator(rs[i]) {
			i++
			continue
		}
		j := i
		for j < end && (isTerminator(rs[j]) || rs[j] == ' ' && j+1 < end && rs[j+1] == '.' && rs[j-1] == '.') {
			j++
		}
		for j < end && isCloser(rs[j]) {
			j++
		}
		if j == end {
			break
		}
		if !endsHere(rs, s, i, j, end) {
			i = j
			continue
		}
		out = append(out, span(rs, s, j))
		for j < end && unicode.IsSpace(rs[j]) {
			j++
		}
		s, i = j, j
	}
	if s < end {
		out = append(out, span(rs, s, end))
	}
	return out
}

// endsHere decides whether the sentence that started at s ends at j, given
// that rs[i:j] is a run of terminators and closers. end is the paragraph's
// end, and j < end.
func endsHere(rs []rune, s, i, j, end int) bool {
	group := rs[i:j]
	if containsAny(group, "。！？") {
		return true
	}
	if !unicode.IsSpace(rs[j]) {
		return false // "U.S.," "$0.99" "example.com"
	}
	next := j
	for next < end && unicode.IsSpace(rs[next]) {
		next++
	}
	nr := rs[next]
	if unicode.IsLower(nr) || containsAny([]rune{nr}, ",;:.…") {
		return false
	}
	if containsAny(group, "!?") {
		return true
	}
	// An ellipsis: "…", "...", ". . .", or a lone "." after a spaced one.
	dots := 0
	for _, r := range group {
		if r == '.' {
			dots++
		}
	}
	if containsAny(group, "…") || dots > 1 || i > s && rs[i-1] == ' ' {
		return starterFollows(rs, next, end)
	}
	// A single "." ending a word.
	w := i
	for w > s && !unicode.IsSpace(rs[w-1]) {
		w--
	}
	for w < i && isOpener(rs[w]) {
		w++
	}
	word := string(rs[w:i])
	switch {
	case word == "":
		return true
	case w == s && isListMarker(rs[w:i]):
		return false
	case neverEnd[word]:
		return false
	case digitAfter[word] && unicode.IsDigit(nr):
		return false
	case maybeEnd[word] || isInitialOrAcronym(rs[w:i]):
		return starterFollows(rs, next, end)
	}
	return true
}

// starterFollows reports whether the text at rs[next] looks like the start
// of a new sentence: an opening quote or bracket, or a word in starters.
func starterFollows(rs []rune, next, end int) bool {
	if isOpener(rs[next]) {
		return true
	}
	k := next
	for k < end && unicode.IsLetter(rs[k]) {
		k++
	}
	return starters[string(rs[next:k])]
}

// isListMarker reports whether w, the first word of a sentence without its
// final ".", numbers a list item ("1.", "12.", "a.").
func isListMarker(w []rune) bool {
	if len(w) == 1 && unicode.IsLetter(w[0]) {
		return true
	}
	if len(w) > 3 {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isInitialOrAcronym reports whether w (without its final ".") is a single
// letter ("F") or letters joined by dots ("U.S", "a.m", "D.C").
func isInitialOrAcronym(w []rune) bool {
	if len(w) == 0 {
		return false
	}
	for k, r := range w {
		if k%2 == 0 && !unicode.IsLetter(r) || k%2 == 1 && r != '.' {
			return false
		}
	}
	return len(w)%2 == 1
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', ')', ']', '»', '›', '」', '』', '）':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '"', '\'', '(', '[', '«', '‹', '「', '『', '（':
		return true
	}
	return false
}

func containsAny(rs []rune, set string) bool {
	for _, r := range rs {
		for _, c := range set {
			if r == c {
				return true
			}
		}
	}
	return false
}
