package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what a token is.
type tokKind uint8

const (
	tWord  tokKind = iota // letters or digits, with inner . ' ’ - &
	tPunct                // any other single character
	tQuote                // a quotation mark: “ ” or "
)

// token is one word or mark of a sentence. Offsets are byte offsets into the
// sentence's text.
type token struct {
	text       string
	lower      string
	start, end int
	kind       tokKind
	// inQuote is true for tokens between quotation marks (the marks
	// themselves are not in the quote).
	inQuote bool
	// open is true for a quotation mark that opens a quote.
	open bool
}

func (t token) is(words ...string) bool {
	for _, w := range words {
		if t.lower == w {
			return true
		}
	}
	return false
}

// capitalized reports whether the token starts with an upper-case letter.
func (t token) capitalized() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// tokenize splits a sentence into tokens. quoted says whether the sentence
// starts inside a quote (a quote that spans sentences); the returned bool
// says whether it ends inside one.
//
// Possessives are split off ("China’s" gives "China" and "’s") so that names
// match; apostrophes inside words stay ("don’t", "People’s Liberation Army"
// is matched as "People" "’s" "Liberation" "Army" by the gazetteer, which
// tokenizes its names the same way).
func tokenize(s string, quoted bool) ([]token, bool) {
	var toks []token
	startQuoted := quoted
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				// Inner joiners: U.S. don’t cyber-attack AT&T 200,000
				if isJoiner(r2) && j+s2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+s2:])
					if isWordRune(r3) && !(r2 == ',' && !(unicode.IsDigit(lastRune(s[i:j])) && unicode.IsDigit(r3))) {
						j += s2
						continue
					}
				}
				// A dotted acronym keeps its final dot: "U.S." "U.K."
				if r2 == '.' && isDottedAcronym(s[i:j]) {
					j += s2
				}
				break
			}
			word := s[i:j]
			// Split a possessive: China’s -> China ’s; countries’ -> countries ’
			for _, suf := range []string{"’s", "'s"} {
				if strings.HasSuffix(word, suf) && len(word) > len(suf) {
					k := j - len(suf)
					toks = append(toks, mkWord(s, i, k), mkWord(s, k, j))
					word = ""
					break
				}
			}
			if word != "" {
				toks = append(toks, mkWord(s, i, j))
			}
			i = j
		case r == '“' || r == '”' || r == '"':
			open := r == '“' || (r == '"' && !quoted)
			if r == '”' {
				open = false
			}
			quoted = open
			toks = append(toks, token{text: string(r), lower: string(r), start: i, end: i + size, kind: tQuote, open: open})
			i += size
		case (r == '’' || r == '\'') && len(toks) > 0 && toks[len(toks)-1].end == i && strings.HasSuffix(toks[len(toks)-1].lower, "s"):
			// A plural possessive: athletes’ data.
			toks = append(toks, token{text: string(r), lower: "’s", start: i, end: i + size, kind: tWord})
			i += size
		default:
			// "--" is one token: it is a dash, not two hyphens.
			end := i + size
			if r == '-' && end < len(s) && s[end] == '-' {
				end++
			}
			toks = append(toks, token{text: s[i:end], lower: s[i:end], start: i, end: end, kind: tPunct})
			i = end
		}
	}
	// Mark the tokens inside quotes.
	in := startQuoted
	for k := range toks {
		if toks[k].kind == tQuote {
			in = toks[k].open
			continue
		}
		toks[k].inQuote = in
	}
	return toks, quoted
}

func mkWord(s string, i, j int) token {
	w := s[i:j]
	lower := strings.ToLower(w)
	if w == "’s" || w == "'s" {
		lower = "’s"
	}
	return token{text: w, lower: lower, start: i, end: j, kind: tWord}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(r rune) bool {
	return r == '.' || r == '\'' || r == '’' || r == '-' || r == '&' || r == ',' || r == '‑'
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isDottedAcronym reports whether w is "U.S" or "U.K" style (letters joined
// by dots), which takes its final dot.
func isDottedAcronym(w string) bool {
	if len(w) < 3 || !strings.Contains(w, ".") {
		return false
	}
	for k, r := range w {
		if k%2 == 0 && !unicode.IsLetter(r) || k%2 == 1 && r != '.' {
			return false
		}
	}
	return true
}
