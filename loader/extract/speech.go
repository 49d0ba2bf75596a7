package extract

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// docNouns are what speaks when no person does: "a joint explanatory note
// from the Pentagon and State Department says", "said a January paper from
// Temple and Columbia Universities".
var docNouns = newSet([]string{"note", "paper", "statement", "report", "letter", "document", "study",
	"memo", "assessment", "communique", "declaration", "analysis", "filing", "advisory", "release"})

// speakers returns the ids of who speaks with the speech verb h: after the
// verb when it follows a quote (",” said Sullivan", ",” said a January
// paper from Temple and Columbia Universities"), else its subject, else a
// document noun before it ("a note from the Pentagon ... says"), else, for
// "it says", whoever spoke last in the paragraph.
func (d *document) speakers(s *sentence, h hit) []string {
	prev := s.tok(h.i - 1)
	participle := strings.HasSuffix(s.toks[h.i].lower, "ing")
	if (prev.kind == tQuote && !prev.open || prev.text == ",") && !participle {
		// ",” said Sullivan"; not ", said Syrian President Assad had
		// launched ...", where the name starts what is said.
		if m := s.mentionAt(h.j); m != nil && m.actor() && !d.startsClause(s, m) {
			return []string{m.ent.id}
		}
		if sp := d.docNounSpeakers(s, h.j, s.endOfClause(h.j)); len(sp) > 0 {
			return sp
		}
	}
	// "..., saying Russia could not trust them": the participle's subject
	// is the sentence's.
	if participle && prev.text == "," {
		if subj := d.mainSubject(s, h.i); len(subj) > 0 {
			return ids(subj)
		}
	}
	if subj := d.subject(s, h.i); len(subj) > 0 {
		return ids(subj)
	}
	// "Acme’s chief executive, Joe Blow, has said": the subject
	// before the auxiliary.
	if auxiliaries.has(prev.lower) {
		if subj := d.subject(s, h.i-1); len(subj) > 0 {
			return ids(subj)
		}
	}
	// "Merkel called the attack “outrageous” and said ...": the subject
	// of the first verb.
	if prev.is("and") {
		if subj := d.mainSubject(s, h.i); len(subj) > 0 {
			return ids(subj)
		}
	}
	if sp := d.docNounSpeakers(s, s.clauseStart(h.i), h.i); len(sp) > 0 {
		return sp
	}
	if prev.is("it", "they") {
		for k := len(d.out.statements) - 1; k >= 0; k-- {
			st := d.out.statements[k]
			if st.last < s.n && st.last >= s.n-2 {
				for _, sp := range st.speakers {
					if e := d.ents[sp]; e != nil && e.kind != graph.KindPerson {
						return st.speakers
					}
				}
				break
			}
		}
	}
	return nil
}

// startsClause reports whether the actor mention m is the subject of a verb
// that follows it ("Assad had launched", "Russia was"), title and name
// words in between.
func (d *document) startsClause(s *sentence, m *mention) bool {
	k := m.j
	for k < len(s.toks) && k < m.j+10 && (s.mat(k) != nil || d.isTitleWord(s, k) || s.toks[k].capitalized() && s.toks[k].kind == tWord ||
		s.toks[k].text == "-" || isParticle(s.toks[k].lower) || prefixedName(s.toks[k].text)) {
		if n := s.mat(k); n != nil {
			k = n.j
			continue
		}
		k++
	}
	t := s.tok(k)
	return t.kind == tWord && (auxiliaries.has(t.lower) || isVerbLike(t.lower))
}

// docNounSpeakers finds "<document noun> from <actors>" in [i, j).
func (d *document) docNounSpeakers(s *sentence, i, j int) []string {
	for k := i; k < j && k < len(s.toks); k++ {
		if docNouns.has(s.toks[k].lower) && s.tok(k+1).is("from", "by", "of") {
			who, _ := d.actorsAfter(s, k+2)
			return ids(who)
		}
	}
	return nil
}

// statementAt makes a statement of the words a speech verb (or
// "according to") at h reports: object "quote" when a quote is attributed
// ("“...,” X said"; "X said: “...”"; a quote split around "X said", or
// going on in the sentences after), object "reported" when none is ("X
// said (that) ...", "X told reporters ...", "according to X").
func (d *document) statementAt(c *construction, s *sentence, h hit) {
	var speakers []string
	according := s.toks[h.i].lower == "according"
	afterEnd := 0 // "According to X, ...": where X's words start
	if according {
		who, _ := d.actorsAfter(s, h.j)
		speakers = ids(who)
		// "According to Ecuador, Peru closed ...": the speakers end at the
		// first comma, and what they say follows it.
		if h.i == 0 {
			for k := h.j; k < len(s.toks) && k < h.j+12; k++ {
				if s.toks[k].text == "," {
					var before []*mention
					for _, m := range who {
						if m.j <= k {
							before = append(before, m)
						}
					}
					if len(before) > 0 {
						speakers, afterEnd = ids(before), k+1
					}
					break
				}
			}
		}
	} else {
		speakers = d.speakers(s, h)
	}
	if len(speakers) == 0 {
		return
	}
	st := &stmtFinding{speakers: speakers, first: s.n, last: s.n, para: s.para, method: c.method, conf: c.Confidence,
		fired: fmt.Sprintf("trigger “%s”; speaker %s", s.span(h.i, h.j), strings.Join(speakers, ", "))}
	quoted := true
	var aboutSpans []span
	// A quote that closes before the verb: "“...,” X said".
	// The speaker's words between the quote and the verb are few, and hold
	// no other verb of speech.
	qc := -1
	for k := h.i - 1; k >= 0 && k >= h.i-14; k-- {
		if s.toks[k].kind == tQuote && !s.toks[k].open {
			// A quote is attributed with a comma: ",” X said", "”, said X".
			if s.tok(k-1).text == "," || s.tok(k+1).text == "," {
				qc = k
			}
			break
		}
		// "... and said": this verb has its own clause.
		if _, ok := d.verbAt(s, k, "speech"); ok || k == h.i-1 && s.toks[k].is("and", "but") {
			break
		}
	}
	reported := !(qc >= 0 && !according) && (according || d.quoteAfter(s, h.j) < 0)
	if reported != (c.Object.From == "reported") {
		return // the other construction's
	}
	switch {
	case qc >= 0 && !according:
		first, open := d.quoteOpening(s, qc)
		st.first = first.n
		if open < 0 {
			// A closing mark with no opening one: the words before it.
			st.text = s.textOf(0, qc)
		} else {
			st.text = d.quoteText(first, open, s, qc)
		}
		for n := first.n; n <= s.n; n++ {
			x := d.sents[n]
			from, to := 0, len(x.toks)
			if x == s {
				to = qc
			}
			aboutSpans = append(aboutSpans, span{x, from, to, n == first.n})
		}
	case !according && d.quoteAfter(s, h.j) >= 0:
		o := d.quoteAfter(s, h.j)
		st.text = d.quoteText(s, o, nil, -1)
		aboutSpans = append(aboutSpans, span{s, o, len(s.toks), false})
	default:
		// Reported speech.
		c := h.j
		end := len(s.toks)
		switch {
		case according && afterEnd > 0:
			c, end = afterEnd, len(s.toks)
		case according:
			c, end = 0, s.clauseStart(h.i)
			for end > 0 && s.toks[end-1].text == "," {
				end--
			}
		default:
			c = d.complementStart(s, h.j)
			end = d.reportEnd(s, c)
		}
		if end-c < 3 || c >= len(s.toks) {
			return
		}
		st.text = s.textOf(c, end)
		quoted = false
		aboutSpans = append(aboutSpans, span{s, c, end, false})
	}
	// A quote that goes on after "X said": "“It could be North Korea or Iran."
	if quoted {
		for n := s.n + 1; n < len(d.sents); n++ {
			x := d.sents[n]
			if x.para != s.para || len(x.toks) == 0 {
				break
			}
			starts := x.toks[0].kind == tQuote && x.toks[0].open || x.toks[0].inQuote
			if !starts || len(d.verbs(x, "speech")) > 0 {
				break
			}
			st.last = n
			st.text += " " + strings.Trim(x.text, "“”\" ")
			aboutSpans = append(aboutSpans, span{x, 0, len(x.toks), false})
			if last := x.toks[len(x.toks)-1]; !last.inQuote && !(last.kind == tQuote && last.open) {
				break
			}
		}
	}
	st.text = strings.Trim(strings.TrimSpace(st.text), ",;: ")
	if st.text == "" {
		return
	}
	first, last := d.sents[st.first], d.sents[st.last]
	st.quote, _ = graph.Span(d.doc.Text, first.start, last.end)
	// Where it was said.
	for n := st.first; n <= st.last; n++ {
		if ev := d.placeOf(d.sents[n]); ev != nil {
			st.madeAt = ev.id
		}
	}
	if st.madeAt == "" && !d.namesPlace(s) {
		for k := len(d.out.statements) - 1; k >= 0; k-- {
			o := d.out.statements[k]
			if o.para == s.para && sameSet(o.speakers, speakers) && o.madeAt != "" {
				st.madeAt = o.madeAt
				break
			}
		}
	}
	st.about = d.aboutIn(aboutSpans, speakers, st.madeAt, qc >= 0 || quoted)
	// Who is responsible for what: the statement is about the operation
	// even when it says only "were responsible".
	if op, ok := d.out.implied[s.n]; ok && !quoted {
		st.about = uniq(append(st.about, op))
	}
	d.out.statement(st)
}

// reportEnd returns where reported speech starting at c ends: at the end
// of the sentence, or before ", and <someone> ..." (a new clause with its
// own subject) or ", in which ..." (the reporter's aside).
func (d *document) reportEnd(s *sentence, c int) int {
	for k := c; k+1 < len(s.toks); k++ {
		if s.toks[k].text != "," || s.toks[k].inQuote {
			continue
		}
		n := k + 1
		if s.toks[n].is("and", "but") {
			if m := s.mentionAt(n + 1); m != nil && m.actor() {
				return k
			}
		}
		if s.toks[n].is("which", "who", "in", "including") && (s.toks[n].lower != "in" || s.tok(n+1).is("which")) {
			// "that the May intrusion, which cut the port's power, had
			// been planned by Peru": a clause set inside the report, which
			// goes on after it.
			if e := embeddedEnd(s, n); e > 0 {
				k = e
				continue
			}
			return k
		}
	}
	return len(s.toks)
}

// embeddedEnd returns the comma that closes a relative clause starting at
// token n when an auxiliary follows that comma (the clause sat inside a longer
// one), else 0.
func embeddedEnd(s *sentence, n int) int {
	for k := n + 1; k+1 < len(s.toks); k++ {
		if s.toks[k].kind == tQuote || s.toks[k].kind == tPunct && s.toks[k].text != "," {
			return 0
		}
		if s.toks[k].text == "," {
			if t := s.toks[k+1]; auxiliaries.has(t.lower) {
				return k
			}
			return 0
		}
	}
	return 0
}

// span is a range of tokens of a sentence; lead says whether the words
// before a quote in it count too.
type span struct {
	s    *sentence
	i, j int
	lead bool
}

// quoteOpening finds the opening quotation mark of the quote that closes at
// token qc of s: in s, or in an earlier sentence of the paragraph.
func (d *document) quoteOpening(s *sentence, qc int) (*sentence, int) {
	for k := qc - 1; k >= 0; k-- {
		if s.toks[k].kind == tQuote && s.toks[k].open {
			return s, k
		}
	}
	for n := s.n - 1; n >= 0 && d.sents[n].para == s.para; n-- {
		x := d.sents[n]
		for k := len(x.toks) - 1; k >= 0; k-- {
			if x.toks[k].kind == tQuote && x.toks[k].open {
				return x, k
			}
		}
	}
	return s, -1
}

// quoteAfter returns the opening quotation mark right after a speech verb
// ending at j ("said: “...”", "said “...”"), or -1.
func (d *document) quoteAfter(s *sentence, j int) int {
	k := j
	if s.tok(k).text == ":" || s.tok(k).text == "," {
		k++
	}
	if t := s.tok(k); t.kind == tQuote && t.open {
		return k
	}
	return -1
}

// quoteText returns the words between an opening mark (sentence a, token
// o) and a closing one (sentence b, token c; b nil for the end of a's
// quote).
func (d *document) quoteText(a *sentence, o int, b *sentence, c int) string {
	if b == nil {
		end := len(a.toks)
		for k := o + 1; k < len(a.toks); k++ {
			if a.toks[k].kind == tQuote && !a.toks[k].open {
				end = k
				break
			}
		}
		return a.textOf(o+1, end)
	}
	// Between the marks, as written (sentences and all).
	from := a.start + utf8.RuneCountInString(a.text[:a.toks[o].end])
	to := b.start + utf8.RuneCountInString(b.text[:b.toks[c].start])
	t, _ := graph.Span(d.doc.Text, from, to)
	return strings.Join(strings.Fields(t), " ")
}

// placeOf returns the event a sentence says something was said at: "at
// ...", "during ...", "on the sidelines of ...".
func (d *document) placeOf(s *sentence) *entity {
	for k, t := range s.toks {
		if t.inQuote || !t.is("at", "during", "sidelines", "after", "following", "addressing") {
			continue
		}
		if ev := d.eventAfter(s, k+1); ev != nil {
			return ev
		}
	}
	return nil
}

// namesPlace reports whether a sentence says where something was said,
// even a place that is not an event ("at a press conference"): then the
// place of an earlier statement does not carry over.
func (d *document) namesPlace(s *sentence) bool {
	for k, t := range s.toks {
		if !t.inQuote && t.is("at", "during") && k+1 < len(s.toks) && s.toks[k+1].is("a", "an", "the") {
			return true
		}
	}
	return false
}

// aboutIn returns what the statement's words name: actors, operations,
// events and doctrines, not its speakers nor where it was said; a person
// who says "we" speaks about their state.
func (d *document) aboutIn(spans []span, speakers []string, madeAt string, direct bool) []string {
	var out []string
	we := false
	for _, sp := range spans {
		for k := sp.i; k < sp.j && k < len(sp.s.toks); k++ {
			t := sp.s.toks[k]
			inside := t.inQuote || !direct || sp.lead && !afterFirstQuote(sp.s, k)
			if !inside {
				continue
			}
			if t.inQuote && t.is("we", "our", "us") && t.text != "US" {
				we = true
			}
			if m := sp.s.mentionAt(k); m != nil && m.ent != nil && !m.media && m.ent.id != madeAt {
				out = append(out, m.ent.id)
			}
		}
	}
	if we {
		for _, sp := range speakers {
			if e := d.ents[sp]; e != nil && e.kind == graph.KindPerson {
				if c := d.countryOf(e); c != "" {
					out = append(out, c)
				}
			}
		}
	}
	return uniq(out)
}

// afterFirstQuote reports whether token k of s comes after the sentence's
// first quotation mark: the words before the first quote ("Those measures
// include") belong to the statement, those after it (the speaker) do not.
func afterFirstQuote(s *sentence, k int) bool {
	for n := 0; n < k; n++ {
		if s.toks[n].kind == tQuote {
			return true
		}
	}
	return false
}
