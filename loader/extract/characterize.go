package extract

import (
	"fmt"
	"strings"
)

// characterization makes a statement of reported words without a verb of
// speech (object "name-given"): "X dismissed the accusations as “spy
// mania”", "X called the decision “a stab in the back”", "X called the
// expulsions a provocative gesture", "X condemned the raid as an act of
// piracy": the subject says what it calls the object, so the sentence is a
// statement by the subject about what its words name. A bare "X condemned
// Y" or "X denied it" says no words and stays a claim only (criticism,
// denial).
func (d *document) characterization(c *construction, s *sentence, h hit, who []*mention) {
	// The object, then "as" or the name given: a quote, or without `as`
	// an indefinite noun phrase or an adjective. (A quote does not end
	// the clause here: it is what is looked for.)
	end := h.j
	for end < len(s.toks) && !(s.toks[end].kind == tPunct && (s.toks[end].text == "." || s.toks[end].text == ";")) {
		end++
	}
	at := -1
	for k := h.j + 1; k < end && k < h.j+10; k++ {
		t := s.toks[k]
		switch {
		case t.kind == tQuote && t.open && (!c.Object.As || s.tok(k-1).is("as")):
			at = k
		case c.Object.As && t.is("as") && s.tok(k+1).is("a", "an", "the") && s.mat(k) == nil:
			at = k
		case !c.Object.As && t.is("a", "an") && k > h.j+1:
			at = k
		case !c.Object.As && k > h.j+1 && s.tok(h.j).is("the", "its", "their", "his", "her", "this", "these") &&
			isAdjective(t) && s.mat(k) == nil:
			at = k // "called the accusation groundless"
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		return
	}
	var about []string
	for _, m := range s.mentionsIn(h.j, len(s.toks)) {
		if m.ent != nil && !m.media {
			about = append(about, m.ent.id)
		}
	}
	d.out.statement(&stmtFinding{speakers: ids(who), quote: s.text, text: s.textOf(h.i, len(s.toks)), about: about,
		first: s.n, last: s.n, para: s.para, method: c.method, conf: c.Confidence,
		fired: fmt.Sprintf("trigger “%s”; subject “%s”; named “%s”", s.span(h.i, h.j), mentionWords(who), s.textOf(at, min(at+6, end)))})
}

// isAdjective spots the predicative adjectives of "called the accusation
// groundless": lower-case words with an adjective's ending.
func isAdjective(t token) bool {
	if t.kind != tWord || t.capitalized() {
		return false
	}
	for _, suf := range []string{"less", "ous", "ful", "able", "ible", "ic", "ical", "ive", "ant", "ent", "ary", "ile"} {
		if strings.HasSuffix(t.lower, suf) && len(t.lower) > len(suf)+2 {
			return true
		}
	}
	return false
}
