package extract

import "strings"

// ruleCharacterization: reported words without a verb of speech. "X
// dismissed the accusations as “spy mania”", "X called the decision “a
// stab in the back”", "X called the expulsions a provocative gesture",
// "X condemned the raid as an act of piracy": the subject says what it
// calls the object, so the sentence is a statement by the subject about
// what its words name. A bare "X condemned Y" or "X denied it" says no
// words and stays a claim only (the criticism construction, ruleDenial).
func (d *document) ruleCharacterization(s *sentence) {
	for _, class := range []string{"deny", "criticize", "characterize"} {
		for _, h := range d.verbs(s, class) {
			// "called for", "called on": a call, not a name.
			if class == "characterize" && (s.tok(h.j).is("for", "on", "upon", "in", "off", "it", "itself") || reducedRelative(s, h.i)) {
				continue
			}
			who := d.subject(s, h.i)
			if len(who) == 0 {
				continue
			}
			// The object, then "as" or the name given: a quote, or for
			// "called" an indefinite noun phrase.
			// (A quote does not end the clause here: it is what is looked for.)
			end := h.j
			for end < len(s.toks) && !(s.toks[end].kind == tPunct && (s.toks[end].text == "." || s.toks[end].text == ";")) {
				end++
			}
			at := -1
			for k := h.j + 1; k < end && k < h.j+10; k++ {
				t := s.toks[k]
				switch {
				case t.kind == tQuote && t.open && (class == "characterize" || s.tok(k-1).is("as")):
					at = k
				case class != "characterize" && t.is("as") && s.tok(k+1).is("a", "an", "the") && s.mat(k) == nil:
					at = k
				case class == "characterize" && t.is("a", "an") && k > h.j+1:
					at = k
				case class == "characterize" && k > h.j+1 && s.tok(h.j).is("the", "its", "their", "his", "her", "this", "these") &&
					isAdjective(t) && s.mat(k) == nil:
					at = k // "called the accusation groundless"
				}
				if at >= 0 {
					break
				}
			}
			if at < 0 {
				continue
			}
			speakers := ids(who)
			var about []string

			for _, m := range s.mentionsIn(h.j, len(s.toks)) {
				if m.ent != nil && !m.media {
					about = append(about, m.ent.id)
				}
			}
			d.out.statement(&stmtFinding{speakers: speakers, quote: s.text, text: s.textOf(h.i, len(s.toks)), about: about,
				first: s.n, last: s.n, para: s.para, method: methodCharacterization, conf: confCharacterization})
		}
	}
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
