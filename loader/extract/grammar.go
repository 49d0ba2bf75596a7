package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The rules need a little English grammar: where a clause starts, which
// actor is its subject, which actors a verb takes as objects. These word
// lists are closed classes of English (determiners, auxiliaries,
// prepositions), not vocabulary of the domain, which lives in lexicon.yaml.
// They are read-only after package initialization.

var determiners = newSet([]string{"the", "a", "an", "its", "their", "his", "her", "our", "this",
	"these", "those", "that", "some", "any", "all", "both", "other", "another", "each"})

var prepositions = newSet([]string{"of", "from", "in", "at", "to", "for", "with", "on", "by",
	"over", "against", "during", "including", "about", "into", "between", "among", "after",
	"before", "under", "via", "like", "than", "toward", "towards", "across", "behind", "outside"})

// clauseWords start a new clause: the subject of a verb is never left of
// them.
var clauseWords = newSet([]string{"that", "which", "who", "whom", "whose", "as", "while", "when",
	"after", "before", "because", "although", "though", "if", "but", "where", "since", "until",
	"whether", "so"})

// capStops are capitalized words that never start a name.
var capStops = newSet([]string{"the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "of",
	"to", "it", "its", "he", "she", "they", "we", "i", "this", "that", "these", "those", "his",
	"her", "their", "our", "as", "after", "before", "while", "when", "if", "still", "now", "among",
	"last", "earlier", "hours", "speaking", "officials", "experts", "prosecutors", "security",
	"with", "by", "from", "there", "here", "what", "why", "how", "who", "where", "which", "some",
	"many", "most", "all", "each", "no", "not", "one", "two", "three", "new", "more", "in",
	"however", "meanwhile", "also", "then", "so", "yet", "since", "although", "though", "because",
	"once", "unless", "until", "whether", "during", "under", "over", "about", "into", "both",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "mr", "mrs", "ms", "dr", "us", "you", "my", "your"})

// pronouns that can be the subject of a clause.
var personPronouns = newSet([]string{"he", "she"})

// verbAt reports whether a phrase of the verb class starts at token i of s
// (outside quotes), and returns where it ends.
func (d *document) verbAt(s *sentence, i int, class string) (int, bool) {
	// A verb is never part of a name: "the United States" does not state.
	if i < 0 || i >= len(s.toks) || s.toks[i].inQuote || s.toks[i].kind != tWord || s.mat(i) != nil {
		return i, false
	}
	for _, p := range d.x.lx.verbFirst[class][s.toks[i].lower] {
		if j, ok := phraseAt(s, i, p); ok {
			return j, true
		}
	}
	return i, false
}

// phraseAt reports whether the lower-case words p occur at token i.
func phraseAt(s *sentence, i int, p []string) (int, bool) {
	if i < 0 || i+len(p) > len(s.toks) {
		return i, false
	}
	for k, w := range p {
		if s.toks[i+k].lower != w && w != "*" { // "*" is any one word
			return i, false
		}
	}
	return i + len(p), true
}

// anyPhraseAt tries each phrase at token i.
func anyPhraseAt(s *sentence, i int, ps [][]string) (int, bool) {
	for _, p := range ps {
		if j, ok := phraseAt(s, i, p); ok {
			return j, true
		}
	}
	return i, false
}

// hit is a verb found in a sentence: tokens [i, j).
type hit struct{ i, j int }

// verbs returns every occurrence of the class in s, outside quotes. A
// negated verb ("did not attend", "has never backed") asserts nothing and
// is left out, except a verb of speech or finding: "did not say whether"
// still reports words, and a negation inside what is said is the rule's
// to read.
func (d *document) verbs(s *sentence, class string) []hit {
	var out []hit
	for i := 0; i < len(s.toks); i++ {
		if j, ok := d.verbAt(s, i, class); ok {
			if class == "speech" || class == "conclude" || !d.negated(s, i) {
				out = append(out, hit{i, j})
			}
			i = j - 1
		}
	}
	return out
}

// isBoundary reports whether token k ends the clause that a verb to its
// right belongs to.
func (s *sentence) isBoundary(k int) bool {
	t := s.toks[k]
	if t.kind == tQuote {
		return true
	}
	if t.kind == tPunct {
		switch t.text {
		case ";", ":", "--", "—", "–", "(", ")":
			return true
		case ",":
			// A comma inside a list of actors is not a boundary, titles
			// before a name included (", King Abdullah II of Jordan").
			n := k + 1
			for n < len(s.toks) && n < k+5 && (s.toks[n].is("and", "the") ||
				s.toks[n].kind == tWord && s.mat(n) == nil && s.toks[n].capitalized()) {
				n++
			}
			if m := s.mat(n); m != nil && m.actor() {
				if p := s.mat(k - 1); k > 0 && p != nil && p.actor() {
					return false
				}
			}
			return true
		}
		return false
	}
	return clauseWords.has(t.lower) && s.mat(k) == nil
}

// clauseStart returns the first token of the clause that ends at token
// vi-1. An apposition right before the verb ("Rob Strayer, the deputy
// ..., told") is stepped over to reach its subject.
func (s *sentence) clauseStart(vi int) int {
	// "X, who ..., had urged": the auxiliaries belong to the verb.
	for vi > 0 && auxiliaries.has(s.toks[vi-1].lower) {
		vi--
	}
	k := vi - 1
	for k >= 0 && !s.isBoundary(k) {
		k--
	}
	if k >= 0 && k == vi-1 && s.toks[k].text == "," {
		// "X, the ..., said": skip back over the apposition.
		a := k - 1
		for a >= 0 && !(s.toks[a].text == "," || s.toks[a].kind == tQuote) {
			a--
		}
		if a > 0 && s.toks[a].text == "," {
			b := a - 1
			for b >= 0 && !s.isBoundary(b) {
				b--
			}
			return b + 1
		}
	}
	return k + 1
}

// subject returns the actors that are the subject of the verb at token vi:
// the head mentions of the clause left of it. A mention is not a head when
// it is a possessor ("Britain’s National Cyber Security Centre"), a
// modifier ("Kremlin spokesman Dmitry Peskov", "US defence secretary"), a
// demonym before a noun that is no agent ("Russian companies"), or inside a
// prepositional phrase ("Officials from Australia"). When only possessors
// remain, they are the subject ("China’s foreign ministry").
func (d *document) subject(s *sentence, vi int) []*mention {
	start := s.clauseStart(vi)
	var heads, possessors []*mention
	inPP := false
	for k := start; k < vi; k++ {
		t := s.toks[k]
		if t.kind == tWord && prepositions.has(t.lower) && s.mat(k) == nil {
			// "of" inside a title ("Deputy Secretary of State John
			// Sullivan") starts no prepositional phrase.
			if !(t.is("of", "for", "and") && d.isTitleWord(s, k-1) && d.isTitleWord(s, k+1)) {
				inPP = true
			}
			continue
		}
		m := s.mentionAt(k)
		if m == nil {
			// "the two presidents said", "both countries agreed"
			if grp, end := d.groupRef(s, k); len(grp) > 0 && !inPP && !t.inQuote {
				heads = append(heads, grp...)
				k = end - 1
			}
			continue
		}
		k = m.j - 1
		// "King Hassan IV of Morocco and New Zealand Prime Minister Ana
		// Kahu": a titled person starts a new noun phrase after a
		// prepositional one.
		if inPP && m.ent != nil && m.ent.kind == graph.KindPerson && d.isTitleWord(s, m.i-1) {
			b := m.i - 1
			for b > 0 && (d.isTitleWord(s, b) || s.mat(b) != nil && s.mat(b).ent != nil && s.mat(b).ent.kind == graph.KindCountry) {
				b--
			}
			if s.toks[b].is("and") || s.toks[b].text == "," {
				inPP = false
			}
		}
		// "On Monday Peru announced", "In 2019 Chile launched": a fronted
		// phrase of time ends at its date; the name after it is the subject.
		if inPP && m.i > 0 && isTimeWord(s.toks[m.i-1]) {
			inPP = false
		}
		if t.inQuote || !m.actor() || inPP {
			continue
		}
		next := s.tok(m.j)
		switch {
		case next.lower == "’s":
			possessors = append(possessors, m)
		case m.how == howDemonym && !d.demonymAgent(s, m):
			// "Russian companies": not the actor
		case d.modifies(s, m):
			// "Kremlin spokesman Dmitry Peskov"
		default:
			heads = append(heads, m)
		}
	}
	if len(heads) == 0 && len(possessors) == 0 {
		// "Kenyan President Ruth Wambui, who hosted the talks": the
		// antecedent of a relative pronoun right before the verb.
		if r := d.relativeAntecedent(s, vi); r != nil {
			return []*mention{r}
		}
	}
	if len(heads) == 0 {
		return possessors
	}
	// A person with a title before the name is the head, not the title's
	// state: drop actors that only qualify a person.
	return heads
}

// demonymAgent reports whether the demonym mention m names its state as
// an actor: it qualifies an agent noun ("North Korean hackers", "the Dutch
// and British governments", "Chinese state-backed groups"), not any noun
// ("Russian companies", "two Chinese nationals").
func (d *document) demonymAgent(s *sentence, m *mention) bool {
	for k, n := m.j, 0; k < len(s.toks) && n < 5; k++ {
		t := s.toks[k]
		if x := s.mat(k); x != nil {
			if x.how == howDemonym {
				k = x.j - 1
				continue
			}
			return false
		}
		if t.is("and", ",") {
			continue
		}
		if t.kind != tWord || prepositions.has(t.lower) {
			return false
		}
		if d.x.lx.agentNouns.has(t.lower) {
			return true
		}
		n++
	}
	return false
}

// modifies reports whether mention m only qualifies what follows it: a
// title or another mention right after it.
func (d *document) modifies(s *sentence, m *mention) bool {
	k := m.j
	if k >= len(s.toks) {
		return false
	}
	if n := s.mentionAt(k); n != nil && n.actor() {
		return true
	}
	t := s.toks[k]
	if t.kind != tWord {
		return false
	}
	// "United Nations member states approved ...": the members act, not
	// the body.
	if t.is("member", "members") {
		return true
	}
	lx := d.x.lx
	if lx.titleHeads.has(t.lower) || lx.titleMods.has(t.lower) {
		// "US defence secretary Jim Mattis", "FBI Director"; but
		// "Russian military" is an actor (the military is an agent noun).
		return !lx.agentNouns.has(t.lower)
	}
	return false
}

// actorsAfter returns the list of actors that starts at token j, skipping a
// few determiners and adjectives before each ("a resurgent Russia"):
// "Russia, China and North Korea". end is the token after the list.
func (d *document) actorsAfter(s *sentence, j int) ([]*mention, int) {
	var out []*mention
	k := j
	for {
		// "urged the three countries to ..."
		if s.mat(k) == nil {
			if grp, end := d.groupRef(s, k); len(grp) > 0 {
				return append(out, grp...), end
			}
		}
		skip := 0
		// Skip a few words before the actor: "a resurgent Russia",
		// "President Donald Trump".
		for k < len(s.toks) && skip < 4 && s.mat(k) == nil && s.toks[k].kind == tWord &&
			!prepositions.has(s.toks[k].lower) && (!s.toks[k].capitalized() || d.isTitleWord(s, k)) && s.toks[k].lower != "and" {
			k++
			skip++
		}
		m := s.mentionAt(k)
		if m == nil || !m.actor() || m.s.toks[k].inQuote != s.tok(j).inQuote {
			return out, k
		}
		if m.how != howDemonym || d.demonymAgent(s, m) {
			// "a Chinese state-sponsored group it calls Hafnium", "a North
			// Korean hacking group known as the Lazarus Group": the group
			// named is the actor.
			if n := d.namedAs(s, m.j); n != nil {
				out = append(out, n)
				k = n.j
				m = n
			} else {
				out = append(out, m)
			}
		}
		k = max(k, m.j)
		if s.tok(k).lower == "’s" && len(out) > 0 && out[len(out)-1] == m {
			// "China’s Ministry of State Security": the possessed body is the
			// actor, not the state.
			if n := s.mentionAt(k + 1); n != nil && n.actor() {
				out[len(out)-1] = n
				k = n.j
			}
		}
		// A demonym needs its noun: "North Korean hackers".
		if m.how == howDemonym {
			for k < len(s.toks) && s.mat(k) == nil && s.toks[k].kind == tWord && !prepositions.has(s.toks[k].lower) && s.toks[k].lower != "and" && k < m.j+3 {
				k++
			}
			// "Mexican President Ana Ruiz": the demonym qualified a title;
			// the person named after it is the actor.
			if p := s.mentionAt(k); p != nil && p.ent != nil && p.ent.kind == graph.KindPerson && !(len(out) > 0 && out[len(out)-1] == m) {
				continue
			}
		} else if len(out) > 0 && out[len(out)-1] == m && m.ent.kind != graph.KindPerson {
			// "New Zealand Prime Minister Ana Kahu": the state or
			// body qualified a title; the person is the actor.
			n := k
			for n < len(s.toks) && n < k+5 && d.isTitleWord(s, n) {
				n++
			}
			if p := s.mentionAt(n); n > k && p != nil && p.ent != nil && p.ent.kind == graph.KindPerson {
				out[len(out)-1] = p
				k = p.j
			}
		}
		n := k
		if s.tok(n).text == "," {
			n++
		}
		if s.tok(n).lower == "and" || s.tok(n).lower == "or" {
			n++
		}
		if n == k {
			return out, k
		}
		k = n
	}
}

// namedAs finds "known as X", "it calls X", "dubbed X" within a few words
// after token j and returns the organization named.
func (d *document) namedAs(s *sentence, j int) *mention {
	for k := j; k < len(s.toks) && k < j+5; k++ {
		if s.toks[k].kind != tWord {
			return nil
		}
		if e, ok := d.verbAt(s, k, "name"); ok {
			if s.tok(e).is("the") {
				e++
			}
			if m := s.mentionAt(e); m != nil && m.ent != nil && m.ent.kind == graph.KindOrganization {
				return m
			}
			return nil
		}
		if s.mat(k) != nil {
			return nil
		}
	}
	return nil
}

// mentionsIn returns the mentions whose first token is in [i, j).
func (s *sentence) mentionsIn(i, j int) []*mention {
	var out []*mention
	for _, m := range s.ments {
		if m.i >= i && m.i < j {
			out = append(out, m)
		}
	}
	return out
}

// endOfClause returns the first token at or after i that ends the clause
// (punctuation other than a list comma, or a clause word).
func (s *sentence) endOfClause(i int) int {
	for k := i; k < len(s.toks); k++ {
		t := s.toks[k]
		if t.kind == tQuote {
			return k
		}
		if t.kind == tPunct && t.text != "," && t.text != "’" && t.text != "'" && t.text != "-" && t.text != "&" {
			return k
		}
		if t.kind == tPunct && t.text == "," && s.isBoundary(k) {
			return k
		}
		if t.kind == tWord && (t.lower == "which" || t.lower == "who" || t.lower == "while") && s.mat(k) == nil {
			return k
		}
	}
	return len(s.toks)
}

// hedged reports whether any of tokens [i, j) is a hedge.
func (d *document) hedged(s *sentence, i, j int) bool {
	for k := max(i, 0); k < j && k < len(s.toks); k++ {
		if d.x.lx.hedges.has(s.toks[k].lower) {
			return true
		}
	}
	return false
}

// textOf returns the words of tokens [i, j) as written, trimmed of
// surrounding punctuation.
func (s *sentence) textOf(i, j int) string {
	for i < j && s.toks[i].kind != tWord {
		i++
	}
	for j > i && s.toks[j-1].kind != tWord && s.toks[j-1].kind != tQuote {
		j--
	}
	if j > i && s.toks[j-1].kind == tQuote && !s.toks[j-1].open {
		// keep a closing quote only if its opening one is in the span
		opened := false
		for k := i; k < j-1; k++ {
			if s.toks[k].kind == tQuote && s.toks[k].open {
				opened = true
			}
		}
		if !opened {
			j--
		}
	}
	return strings.TrimSpace(s.span(i, j))
}

// isActorKind reports whether k is a kind that can act.
func isActorKind(k graph.NodeKind) bool {
	return k == graph.KindCountry || k == graph.KindPerson || k == graph.KindOrganization
}

// groupRefNouns maps the plural nouns of "the two presidents", "both
// countries", "the three governments" to the kind of actor they name.
var groupRefNouns = map[string]graph.NodeKind{
	"countries": graph.KindCountry, "states": graph.KindCountry, "governments": graph.KindCountry,
	"nations": graph.KindCountry, "sides": graph.KindCountry, "allies": graph.KindCountry,
	"presidents": graph.KindPerson, "leaders": graph.KindPerson, "ministers": graph.KindPerson,
	"men": graph.KindPerson, "women": graph.KindPerson, "officials": graph.KindPerson,
}

var groupRefCounts = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}

// groupRef reads "the two presidents", "the three countries", "both
// leaders" at token k and returns the actors it refers back to: the last
// list of exactly that many actors of that kind ("US President Joe Biden
// and Russian President Vladimir Putin", "The United States, Britain and
// Australia"), as mentions over the phrase; end is the token after it.
func (d *document) groupRef(s *sentence, k int) ([]*mention, int) {
	// The lists it reads back must not read group references themselves.
	if d.inGroupRef {
		return nil, k
	}
	i := k
	if s.tok(i).is("the") {
		i++
	}
	n, ok := groupRefCounts[s.tok(i).lower]
	if !ok || s.tok(i).is("both") && i != k {
		return nil, k
	}
	i++
	// "both Russian and American officials" is no reference back.
	kind, ok := groupRefNouns[s.tok(i).lower]
	if !ok {
		return nil, k
	}
	end := i + 1
	for sn := s.n; sn >= 0 && sn >= s.n-5; sn-- {
		x := d.sents[sn]
		for mi := len(x.ments) - 1; mi >= 0; mi-- {
			m := x.ments[mi]
			if sn == s.n && m.i >= k || m.ent == nil || m.ent.kind != kind && !(kind == graph.KindCountry && m.how == howDemonym) {
				continue
			}
			d.inGroupRef = true
			list, _ := d.actorsAfter(x, m.i)
			d.inGroupRef = false
			var same []*mention
			for _, l := range list {
				if l.ent.kind == kind {
					same = append(same, l)
				}
			}
			// "the two presidents": people who hold that title.
			if title := singular(s.tok(i).lower); kind == graph.KindPerson && d.x.lx.titleHeads.has(title) && title != "leader" {
				for _, l := range same {
					if !slices.ContainsFunc(l.ent.titles, func(t string) bool { return strings.HasSuffix(t, title) }) {
						same = nil
						break
					}
				}
			}
			if len(same) == n && same[0] == m {
				out := make([]*mention, 0, n)
				for _, l := range same {
					out = append(out, &mention{s: s, i: k, j: end, ent: l.ent, how: howAnaphor})
				}
				return out, end
			}
		}
	}
	return nil, k
}

// relativeAntecedent returns the actor a "who" or "which" right before the
// verb at vi (auxiliaries between) refers to: the mention before ", who".
func (d *document) relativeAntecedent(s *sentence, vi int) *mention {
	k := vi - 1
	for k >= 0 && auxiliaries.has(s.toks[k].lower) {
		k--
	}
	if k < 2 || !s.toks[k].is("who", "which") || s.toks[k-1].text != "," {
		return nil
	}
	if m := s.mat(k - 2); m != nil && m.actor() && !m.media {
		return m
	}
	return nil
}

// timeWords end a fronted phrase of time ("On Monday", "in March", "last
// week"); a year is one too.
var timeWords = newSet([]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "today", "yesterday", "week", "month", "year", "morning", "afternoon", "evening",
	"night", "weekend"})

func isTimeWord(t token) bool {
	if timeWords.has(t.lower) {
		return true
	}
	if len(t.text) == 4 && t.kind == tWord {
		if _, err := strconv.Atoi(t.text); err == nil {
			return true
		}
	}
	return false
}
