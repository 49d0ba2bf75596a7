package extract

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
)

// Operations, events and doctrines are minted by the extraction: the
// reference data cannot know them. Their ids are set once the whole
// document has been read (finalizeIDs), because a later sentence may give
// a better name ("Security researchers call the campaign Cloud Hopper").

// opVerbs are the verbs of "an attempt by X to hack into Y".
var opVerbs = newSet([]string{"hack", "attack", "breach", "infiltrate", "penetrate", "compromise", "disrupt", "sabotage"})

// operations finds cyber operations: by a known or CamelCase name
// ("WannaCry", "BadRabbit ransomware outbreak"), by a name before a head
// noun ("the Microsoft Exchange hack", "the SolarWinds hacking campaign"),
// by description ("a hack of Microsoft Exchange email servers", "an
// attempt by Russia’s GRU to hack into the OPCW"), and by reference back
// ("the attack", "the intrusions", "these actions").
func (d *document) operations(s *sentence) {
	lx := d.x.lx
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		// A CamelCase name before an operation noun: "BadRabbit outbreak".
		if s.mat(i) == nil && t.kind == tWord && isCamel(t.text) && lx.opNouns.has(s.tok(i+1).lower) {
			d.registerNamedOp(s, i, i+1, t.text)
		}
		// A named operation takes the operation nouns after it:
		// "WannaCry ransomware attack".
		if m := s.mentionAt(i); m != nil && m.ent != nil && m.ent.kind == graph.KindCyberOperation && m.how == howName {
			j := m.j
			for j < len(s.toks) && s.mat(j) == nil && (lx.opNouns.has(s.toks[j].lower) || lx.cyberWords.has(s.toks[j].lower)) {
				j++
			}
			if j > m.j {
				m.ent.addAlias(s.span(m.i, j))
				extend(s, m, j)
			}
			i = m.j - 1
			continue
		}
		if s.mat(i) != nil || t.kind != tWord {
			continue
		}
		if opVerbs.has(t.lower) && s.tok(i-1).lower == "to" {
			d.attemptOp(s, i)
			continue
		}
		if !lx.opNouns.has(t.lower) && !lx.opAnaphors.has(t.lower) {
			continue
		}
		d.opPhrase(s, i)
		if s.mat(i) != nil {
			i = s.mat(i).j - 1
		}
	}
}

// extend widens mention m to end at j.
func extend(s *sentence, m *mention, j int) {
	for k := m.j; k < j; k++ {
		s.at[k] = m
	}
	m.j = j
}

// opPhrase reads the operation phrase whose noun is at token h.
func (d *document) opPhrase(s *sentence, h int) {
	lx := d.x.lx
	w := s.toks[h].lower
	start := h
	// "hacking campaign", "cyber attack", "ransomware attack"
	for start > 0 && s.mat(start-1) == nil && lx.cyberWords.has(s.toks[start-1].lower) {
		start--
	}
	// "attack" alone is any attack (a "nerve agent attack"); it makes an
	// operation only with a cyber word before it or a name.
	isHead := lx.opHeads.has(w) && (w != "attack" || start < h) || (w == "campaign" || w == "operation") && start < h
	named := w == "attack" && start == h && d.nameToken(s, h-1)
	if !isHead && !named && !lx.opAnaphors.has(w) {
		return
	}
	// A name before it: "Microsoft Exchange hack", "Viasat satellite hack",
	// "SolarWinds hacking campaign", "Bundestag hack".
	modStart := start
	k := start - 1
	if k >= 0 && s.mat(k) == nil && s.toks[k].kind == tWord && !s.toks[k].capitalized() &&
		!determiners.has(s.toks[k].lower) && !lx.hedges.has(s.toks[k].lower) && k-1 >= 0 && d.nameToken(s, k-1) {
		k-- // one noun between the name and the head: "Viasat satellite hack"
	}
	for k >= 0 && d.nameToken(s, k) {
		modStart = k
		if m := s.mat(k); m != nil {
			k = m.i
		}
		k--
	}
	if modStart < start && !d.nameToken(s, modStart) {
		modStart = start
	}
	if modStart < start && d.nameToken(s, modStart) && (isHead || named) {
		if m := s.mat(modStart); m != nil && m.ent != nil && m.ent.kind == graph.KindCyberOperation {
			return // "WannaCry ransomware attack" is the named operation's
		}
		// The name's words stay what they are (an organization, a capital
		// word); the mention is the noun.
		d.registerDescribedOp(s, start, h+1, h+1, modStart, h+1, 2)
		return
	}
	// Look left for a year, a hedge, a determiner.
	k = start - 1
	year := -1
	for k >= 0 && k >= start-4 && s.toks[k].kind == tWord {
		tk := s.toks[k]
		if isYear(tk.text) {
			year = k
		}
		if determiners.has(tk.lower) || s.mat(k) != nil && s.mat(k).how != howDemonym {
			break
		}
		k--
	}
	if s.tok(start-1).lower == "other" || s.tok(start-2).lower == "other" {
		return // "a string of other attacks"
	}
	det := k >= 0 && determiners.has(s.toks[k].lower)
	definite := det && s.toks[k].is("the", "this", "these", "that", "those", "its")
	nameStart := start
	if year >= 0 {
		nameStart = year
	}
	hedged := d.hedged(s, max(k, 0), start)
	// A complement: "on X", "of X", "against X", "into X".
	comp := s.tok(h + 1)
	if w == "attack" && start == h && comp.is("on", "against") {
		// "the attack on the Bundestag": the operation of the story when it
		// names what that one hit; otherwise not a cyber operation.
		end := d.complementEnd(s, h+2, w)
		inner := map[string]bool{}
		for _, m := range s.mentionsIn(h+2, end) {
			if m.ent != nil && m.ent.kind != graph.KindCountry {
				inner[m.ent.id] = true
			}
		}
		if cur := d.current(graph.KindCyberOperation); cur != nil && overlaps(cur, inner, contentWords(s.span(h, end))) {
			d.addMention(s, h, h+1, cur, howAnaphor)
		}
		return
	}
	if isHead && comp.is("on", "of", "against", "into", "targeting") && !comp.inQuote == !s.toks[h].inQuote {
		end := d.complementEnd(s, h+2, w)
		if end > h+2 {
			d.complementOrg(s, h+2, end)
			op := d.registerDescribedOp(s, nameStart, h+1, end, nameStart, end, 1)
			if op != nil && hedged {
				op.hedged = true
			}
			return
		}
	}
	// No name, no complement: a reference to the operation of the story.
	// "the attack", "the intrusions", "these actions"; a plural or a quote
	// refers back only with a definite article right before it ("the
	// attacks", not "salvo tank attacks").
	plural := strings.HasSuffix(w, "s") && w != "compromise"
	closeDef := start > 0 && s.toks[start-1].is("the", "these", "those", "this")
	// Inside a quote a speaker often names the operation of the story
	// descriptively: "a deliberate and malicious attack by Russia".
	quotedRef := s.toks[h].inQuote && !plural && lx.opAnaphors.has(w) && (det || start < h)
	if definite && lx.opAnaphors.has(w) && (!plural || closeDef) && w != "actions" || quotedRef || w == "actions" && s.tok(h-1).is("these", "those") {
		if cur := d.current(graph.KindCyberOperation); cur != nil {
			d.addMention(s, start, h+1, cur, howAnaphor)
			if hedged {
				cur.hedged = true
			}
			return
		}
		if definite && w != "actions" {
			if m := d.addMention(s, start, h+1, nil, howAnaphor); m != nil {
				d.pending = append(d.pending, m)
			}
		}
		return
	}
	// "alleged Russian interference": the operation of the story.
	if !isHead && (hedged || d.demonymBefore(s, start)) && lx.opAnaphors.has(w) {
		if cur := d.current(graph.KindCyberOperation); cur != nil {
			d.addMention(s, start, h+1, cur, howAnaphor)
			if hedged {
				cur.hedged = true
			}
		}
		return
	}
	// "a suspected Russian cyber-attack": a new operation, described only by
	// who is blamed.
	if isHead && !plural && (hedged || d.demonymBefore(s, start)) {
		if cur := d.current(graph.KindCyberOperation); cur != nil {
			d.addMention(s, start, h+1, cur, howAnaphor)
			if hedged {
				cur.hedged = true
			}
			return
		}
		// Named after who is blamed: "Russian cyber-attack".
		ns := start
		for ns > 0 && s.mat(ns-1) != nil && s.mat(ns-1).how == howDemonym {
			ns = s.mat(ns - 1).i
		}
		op := d.registerDescribedOp(s, start, h+1, h+1, ns, h+1, 1)
		if op != nil && hedged {
			op.hedged = true
		}
	}
}

// nameToken reports whether token k can be part of the name before an
// operation noun: a capitalized word or a mention of an organization or
// operation (not a state: "Russian cyber-attack" names no operation).
func (d *document) nameToken(s *sentence, k int) bool {
	if k < 0 || k >= len(s.toks) {
		return false
	}
	if m := s.mat(k); m != nil {
		return m.ent != nil && (m.ent.kind == graph.KindOrganization || m.ent.kind == graph.KindCyberOperation) && m.how == howName
	}
	t := s.toks[k]
	return t.kind == tWord && t.capitalized() && !capStops.has(t.lower) && !d.x.lx.titleHeads.has(t.lower)
}

// demonymBefore reports whether a demonym or state qualifies the noun phrase
// that ends before token start ("the suspected Russian cyber-attack").
func (d *document) demonymBefore(s *sentence, start int) bool {
	for k := start - 1; k >= 0 && k >= start-3; k-- {
		if m := s.mat(k); m != nil && m.ent != nil && m.ent.kind == graph.KindCountry {
			return true
		}
	}
	return false
}

// complementEnd returns the end of the noun phrase of an operation's
// complement starting at token i: "the KA-SAT satellite network of the
// American company Viasat", "athletes’ data from the World Anti-Doping
// Agency".
func (d *document) complementEnd(s *sentence, i int, head string) int {
	k := i
	for k < len(s.toks) && k < i+14 {
		t := s.toks[k]
		if t.kind == tQuote || t.kind == tPunct && t.text != "’" && t.text != "'" && t.text != "-" {
			break
		}
		if t.kind == tWord && s.mat(k) == nil {
			if t.is("by", "which", "that", "who", "in", "during", "before", "after", "earlier", "last", "this",
				"with", "and", "to", "for", "as", "at", "when", "while", "over", "since", "because") {
				break
			}
			if t.lower == "from" && !(head == "leak" || head == "leaks" || head == "theft") {
				break
			}
			if isVerbLike(t.lower) {
				break
			}
		}
		if m := s.mat(k); m != nil {
			k = m.j
			continue
		}
		k++
	}
	return k
}

// complementOrg makes an organization of a capitalized name that is the
// whole complement of an operation ("the cyber-attack on Sony Pictures
// Entertainment") when the reference data does not know it.
func (d *document) complementOrg(s *sentence, i, end int) {
	k := i
	if s.tok(k).is("the") {
		k++
	}
	if s.mat(k) != nil {
		return
	}
	e, ok := d.capRun(s, k, 5)
	if !ok || e != end {
		return
	}
	name := s.span(k, e)
	org := d.entityByID("org:" + slug(name))
	if org == nil {
		org = d.mint("org:"+slug(name), graph.KindOrganization, name, s, methodCompany)
		org.orgKind = "other"
	}
	d.addMention(s, k, e, org, howName)
}

// isVerbLike spots the verbs that end a complement: "a hack of X crippled".
func isVerbLike(w string) bool {
	return strings.HasSuffix(w, "ed") && len(w) > 5 || w == "was" || w == "were" || w == "is" || w == "are" || w == "has" || w == "had"
}

func isYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w[0] == '1' || w[0] == '2'
}

// attemptOp reads "an attempt by Russia’s GRU to hack into the OPCW": the
// operation is "attempt to hack into the OPCW"; the agent stays in the
// text for the attribution rules.
func (d *document) attemptOp(s *sentence, v int) {
	k := v - 2
	for k >= 0 && k >= v-10 && !s.toks[k].is("attempt", "attempts", "plot", "bid", "effort", "operation", "campaign") {
		if s.toks[k].kind != tWord && s.toks[k].lower != "’s" {
			return
		}
		k--
	}
	if k < 0 || k < v-10 {
		return
	}
	end := v + 1
	if s.tok(end).is("into", "in") {
		end++
	}
	end = d.complementEnd(s, end, "hack")
	if end <= v+1 {
		return
	}
	name := s.span(k, k+1) + " to " + s.span(v, end)
	d.complementOrg(s, v+1, end)
	// The mention is the noun "attempt": "an attempt by X" is where the
	// attribution rules look for who is blamed; the verb is mentioned too,
	// for what it hit ("hack into the OPCW").
	if op := d.registerDescribedOpAt(s, k, k+1, end, name, 1); op != nil {
		into := v + 1
		if !s.tok(into).is("into", "in") {
			into = v
		}
		d.addMention(s, v, into, op, howAnaphor)
	}
}

// registerNamedOp adds a mention of the operation with a proper name over
// [i, j). "Security researchers call the campaign Cloud Hopper" names the
// operation of the story instead of starting a new one.
func (d *document) registerNamedOp(s *sentence, i, j int, name string) {
	if cur := d.current(graph.KindCyberOperation); cur != nil && cur.rank < 3 && d.namingBefore(s, i) {
		cur.addAlias(cur.name)
		cur.name, cur.rank = name, 3
		d.addMention(s, i, j, cur, howName)
		return
	}
	key := "op:" + slug(name)
	for _, e := range d.ents {
		if e.kind == graph.KindCyberOperation && slug(e.name) == slug(name) {
			d.addMention(s, i, j, e, howName)
			return
		}
	}
	e := d.mint(d.tempID(key), graph.KindCyberOperation, name, s, methodOperation)
	e.rank = 3
	e.words = contentWords(name)
	d.addMention(s, i, j, e, howName)
}

// namingBefore reports whether "call the campaign", "dubbed", "known as"
// comes right before token i.
func (d *document) namingBefore(s *sentence, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if _, ok := d.verbAt(s, k, "name"); ok {
			return true
		}
	}
	return false
}

// registerDescribedOp adds an operation described by tokens [mi, mj) (the
// mention) whose name is tokens [ni, nj); rank says how good the name is.
// A description that shares a name, a word or an entity with an operation
// already in the document is that operation ("a hack of Microsoft Exchange
// email servers" after "Microsoft Exchange hack").
func (d *document) registerDescribedOp(s *sentence, mi, mj, innerEnd, ni, nj, rank int) *entity {
	e := d.registerDescribedOpAt(s, mi, mj, max(innerEnd, nj), s.textOf(ni, nj), rank)
	// The name's own entities ("Bundestag" in "Bundestag hack") tell this
	// operation apart as well as its complement does.
	if e != nil {
		for _, m := range s.mentionsIn(ni, nj) {
			if m.ent != nil && m.ent.kind != graph.KindCountry && m.ent != e {
				e.inner[m.ent.id] = true
			}
		}
	}
	return e
}

// registerDescribedOpAt registers an operation whose mention is tokens
// [mi, mj) (the noun and what is glued to it) and whose description runs
// to innerEnd (the complement keeps its own mentions: "on the German
// parliament" is the Bundestag, for TARGETED).
func (d *document) registerDescribedOpAt(s *sentence, mi, mj, innerEnd int, name string, rank int) *entity {
	inner := map[string]bool{}
	for _, m := range s.mentionsIn(mi, max(mj, innerEnd)) {
		if m.ent != nil && m.ent.kind != graph.KindCountry {
			inner[m.ent.id] = true
		}
	}
	words := contentWords(name)
	var match *entity
	for _, e := range d.order {
		if e.kind != graph.KindCyberOperation {
			continue
		}
		if overlaps(e, inner, words) || s.toks[mi].inQuote && e == d.current(graph.KindCyberOperation) {
			match = e
			break
		}
	}
	if match != nil {
		if rank > match.rank {
			match.addAlias(match.name)
			match.name, match.rank = name, rank
		} else {
			match.addAlias(name)
		}
		for id := range inner {
			match.inner[id] = true
		}
		for w := range words {
			match.words[w] = true
		}
		d.addMention(s, mi, mj, match, howName)
		return match
	}
	e := d.mint(d.tempID("op:"+slug(name)), graph.KindCyberOperation, name, s, methodOperation)
	e.rank, e.words, e.inner = rank, words, inner
	if d.addMention(s, mi, mj, e, howName) == nil {
		delete(d.ents, e.id)
		return nil
	}
	return e
}

// overlaps reports whether an operation shares an entity or most words
// with a description.
func overlaps(e *entity, inner map[string]bool, words set) bool {
	for id := range inner {
		if e.inner[id] {
			return true
		}
	}
	if len(words) == 0 || len(e.words) == 0 {
		return false
	}
	n := 0
	for w := range words {
		if e.words[w] {
			n++
		}
	}
	return n*2 >= min(len(words), len(e.words)) && n >= 1
}

// contentWords are the words of a name that tell it apart: not
// determiners, prepositions or the operation nouns.
func contentWords(name string) set {
	out := set{}
	for _, w := range strings.Fields(strings.ToLower(normApos(name))) {
		w = strings.Trim(w, ".,;:“”\"’'()")
		if w == "" || determiners.has(w) || prepositions.has(w) || isYear(w) {
			continue
		}
		switch w {
		case "attack", "attacks", "hack", "hacking", "cyber", "cyber-attack", "cyberattack", "campaign",
			"operation", "intrusion", "intrusions", "breach", "attempt", "to", "and", "cyber-attacks",
			"cyberattacks", "malware", "ransomware", "leak", "outbreak", "compromise", "into":
			continue
		}
		out[w] = true
	}
	return out
}

// tempID gives a minted entity a unique id until finalizeIDs names it.
func (d *document) tempID(base string) string {
	id := base
	for n := 2; d.ents[id] != nil; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// current returns the entity of kind mentioned last so far.
func (d *document) current(kind graph.NodeKind) *entity {
	var best *entity
	bestPos := -1
	for _, s := range d.sents {
		for _, m := range s.ments {
			if m.ent != nil && m.ent.kind == kind && !m.ent.incident {
				pos := s.n*10000 + m.i
				if pos > bestPos {
					best, bestPos = m.ent, pos
				}
			}
		}
	}
	return best
}

// events finds meetings, summits and elections: "a Security Council
// meeting", "convened a ministerial meeting on cybersecurity", "on the
// sidelines of the United Nations General Assembly", "the upcoming U.S.
// midterm elections".
func (d *document) events(s *sentence) {
	lx := d.x.lx
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if t.kind != tWord || t.inQuote {
			continue
		}
		// "a Security Council meeting", "a NATO summit"
		if m := s.mentionAt(i); m != nil && m.ent != nil && m.ent.kind == graph.KindOrganization && lx.eventNouns.has(s.tok(m.j).lower) && !d.excludedEvent(s, m.j) {
			name := s.span(m.i, m.j+1)
			e := d.event(s, name, "")
			d.replaceMention(s, m.i, m.j+1, e, howName)
			i = m.j
			continue
		}
		// "on the sidelines of the United Nations General Assembly"
		if t.lower == "sidelines" && s.tok(i+1).lower == "of" {
			k := i + 2
			if s.tok(k).lower == "the" {
				k++
			}
			if m := s.mentionAt(k); m != nil && m.ent != nil && m.ent.kind == graph.KindOrganization {
				e := d.event(s, m.text(), "")
				d.replaceMention(s, m.i, m.j, e, howName)
			}
			continue
		}
		// "convened a ministerial meeting on cybersecurity"
		if j, ok := d.verbAt(s, i, "convene"); ok {
			d.convenedEvent(s, j)
			continue
		}
		// elections
		if t.is("elections", "election", "midterms") && s.mat(i) == nil {
			d.election(s, i)
			continue
		}
		// "a meeting in Paris hosted by ...": a meeting its host names.
		if lx.eventNouns.has(t.lower) && s.mat(i) == nil && s.tok(i-1).is("a", "an", "the") && !d.excludedEvent(s, i) {
			end := i + 1
			if s.tok(end).is("in", "at") && s.tok(end+1).capitalized() {
				end += 2
				for s.tok(end).capitalized() && s.mat(end) == nil && end < i+6 {
					end++
				}
			}
			// "a meeting in Paris hosted by ...", "a summit in Geneva"
			_, hosted := d.verbAt(s, end, "convene")
			hosted = hosted && s.tok(end+1).is("by")
			if hosted || end > i+1 && t.is("summit", "summits", "ministerial", "conference", "talks", "forum") {
				e := d.event(s, s.span(i, end), "")
				d.addMention(s, i, end, e, howName)
				i = end - 1
				continue
			}
		}
		// "the Geneva summit": a place's name before the noun.
		if t.is("summit", "ministerial", "conference", "talks", "forum") && s.mat(i) == nil && !d.excludedEvent(s, i) &&
			s.tok(i-1).capitalized() && s.tok(i-1).kind == tWord && s.mat(i-1) == nil && !capStops.has(s.tok(i-1).lower) &&
			s.tok(i-2).is("the", "a", "this", "last", "next") {
			e := d.event(s, s.span(i-1, i+1), "")
			d.addMention(s, i-1, i+1, e, howName)
			continue
		}
	}
}

// excludedEvent reports whether the words at k are a press conference or
// the like: not an event of the graph.
func (d *document) excludedEvent(s *sentence, k int) bool {
	for _, p := range d.x.lx.eventExclusions {
		for off := 0; off < len(p); off++ {
			if _, ok := phraseAt(s, k-off, p); ok {
				return true
			}
		}
	}
	return false
}

// convenedEvent reads the event a convening verb ending at j takes as
// object.
func (d *document) convenedEvent(s *sentence, j int) {
	lx := d.x.lx
	k := j
	if !s.tok(k).is("a", "an", "the") {
		return
	}
	k++
	start := k
	for k < len(s.toks) && k < start+5 && s.toks[k].kind == tWord && !lx.eventNouns.has(s.toks[k].lower) {
		k++
	}
	if !lx.eventNouns.has(s.tok(k).lower) || d.excludedEvent(s, k) {
		return
	}
	// "hosted the summit" after "a summit in Lima": that summit.
	if k == start && s.tok(start-1).is("the") && !s.tok(k+1).is("on", "about", "of") {
		if e := d.current(graph.KindEvent); e != nil {
			d.addMention(s, k, k+1, e, howAnaphor)
			return
		}
	}
	for lx.eventNouns.has(s.tok(k + 1).lower) {
		k++ // "ministerial meeting"
	}
	end := k + 1
	if s.tok(end).is("on", "about", "of") {
		// "on cybersecurity": the topic, up to the next phrase.
		n := end + 1
		for n < len(s.toks) && n < end+5 && s.toks[n].kind == tWord && s.mat(n) == nil && !prepositions.has(s.toks[n].lower) &&
			!s.toks[n].is("and", "with", "that", "which") {
			n++
		}
		if n > end+1 {
			end = n
		}
	}
	name := s.textOf(start, end)
	e := d.event(s, name, "")
	d.addMention(s, start, end, e, howName)
}

// election reads "<state> <kind> elections" ending at token i.
func (d *document) election(s *sentence, i int) {
	k := i - 1
	for k >= 0 && d.x.lx.electionKinds.has(s.toks[k].lower) {
		k--
	}
	m := s.mat(k)
	if k < 0 || m == nil || m.ent == nil || m.ent.kind != graph.KindCountry {
		return
	}
	name := s.span(m.i, i+1)
	e := d.event(s, name, m.ent.id)
	d.replaceMention(s, m.i, i+1, e, howName)
}

// event returns the event with this name, or the election of the same
// state already in the document (one state's elections in one article are
// one event: "US elections" in the headline, "US midterm elections" in the
// text). The longer name wins.
func (d *document) event(s *sentence, name, country string) *entity {
	norm := normName(name)
	for _, e := range d.order {
		if e.kind != graph.KindEvent {
			continue
		}
		if normName(e.name) == norm || country != "" && e.country == country {
			if len(name) > len(e.name) {
				e.addAlias(e.name)
				e.name = name
			} else {
				e.addAlias(name)
			}
			return e
		}
	}
	e := d.mint(d.tempID("event:"+slug(name)), graph.KindEvent, name, s, methodEvent)
	e.country = country
	return e
}

// doctrines finds doctrines, initiatives and laws: quoted ("the “offender
// doctrine”"), capitalized ("Proliferation Security Initiative"), executive
// orders ("a 2017 executive order from President Donald Trump on
// cybersecurity"), and what an actor proposes ("is developing a coalition
// of allies in cyberspace"). A name met again, in any case, is the same
// doctrine.
func (d *document) doctrines(s *sentence) {
	lx := d.x.lx
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if s.mat(i) != nil {
			continue
		}
		// A quoted name: “offender doctrine”
		if t.kind == tQuote && t.open {
			c := i + 1
			for c < len(s.toks) && s.toks[c].kind != tQuote && c < i+8 {
				c++
			}
			if c < len(s.toks) && c > i+1 && c <= i+7 && lx.doctrineNouns.has(s.toks[c-1].lower) && allWords(s, i+1, c) {
				d.addMention(s, i+1, c, d.doctrine(s, s.span(i+1, c), s.toks[c-1].lower), howName)
				i = c
				continue
			}
		}
		// A known name again.
		if e, j := d.knownDoctrine(s, i); e != nil {
			d.addMention(s, i, j, e, howName)
			i = j - 1
			continue
		}
		// "executive order"
		if t.lower == "executive" && s.tok(i+1).lower == "order" && !t.inQuote {
			d.executiveOrder(s, i)
			continue
		}
		// "the French-led Ocean Initiative": who led it is no part of its
		// name (a construction's trigger_suffix reads it).
		if d.x.agentiveWord(t.lower) {
			continue
		}
		// A capitalized name ending in a doctrine noun.
		if t.kind == tWord && t.capitalized() && !capStops.has(t.lower) && !t.inQuote {
			if j := d.capDoctrine(s, i); j > i {
				noun := s.toks[j-1].lower
				if d.x.lx.doctrineNouns.has(t.lower) {
					noun = t.lower // "Convention against Piracy"
				}
				// "the Andean Community Convention against Piracy": the
				// body that names it is part of the name.
				if m := s.mat(i - 1); m != nil && m.ent != nil && m.ent.kind == graph.KindOrganization && m.j == i {
					d.replaceMention(s, m.i, j, d.doctrine(s, s.span(m.i, j), noun), howName)
				} else {
					d.addMention(s, i, j, d.doctrine(s, s.span(i, j), noun), howName)
				}
				i = j - 1
				continue
			}
		}
		// What an actor proposes: "is developing a coalition of allies in
		// cyberspace".
		if j, ok := d.verbAt(s, i, "propose"); ok {
			d.proposedDoctrine(s, j, true)
		} else if j, ok := d.verbAt(s, i, "adopt"); ok {
			// "signed a pledge to ...", "ratified a treaty on ...": what is
			// signed is a doctrine too.
			d.proposedDoctrine(s, j, false)
		}
	}
}

func allWords(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		if s.toks[k].kind != tWord {
			return false
		}
	}
	return true
}

// capDoctrine returns the end of a capitalized doctrine name starting at i
// ("Proliferation Security Initiative", "Cyber Diplomacy Toolbox",
// "Convention against Piracy", "Treaty on Fishing Rights"), or i.
func (d *document) capDoctrine(s *sentence, i int) int {
	if d.x.lx.doctrineNouns.has(s.toks[i].lower) && s.tok(i+1).is("against", "on", "for", "of") &&
		s.tok(i+2).capitalized() && s.mat(i+2) == nil && !capStops.has(s.tok(i+2).lower) {
		if e, ok := d.capRun(s, i+2, 4); ok {
			return e
		}
	}
	k := i
	for k < len(s.toks) && k < i+7 && s.mat(k) == nil && s.toks[k].kind == tWord &&
		(s.toks[k].capitalized() || k > i && s.toks[k].is("of", "for", "on", "and", "the")) {
		if d.x.lx.doctrineNouns.has(s.toks[k].lower) && s.toks[k].capitalized() && k > i {
			return k + 1
		}
		k++
	}
	return i
}

// doctrineByHead returns the last doctrine whose name ends in the noun.
func (d *document) doctrineByHead(noun string) *entity {
	var best *entity
	for _, e := range d.order {
		if e.kind != graph.KindDoctrine {
			continue
		}
		words := strings.Fields(strings.ToLower(e.name))
		if len(words) > 1 && singular(words[len(words)-1]) == singular(noun) {
			best = e
		}
	}
	return best
}

// knownDoctrine matches, case-insensitively, the name of a doctrine already
// found in the document.
func (d *document) knownDoctrine(s *sentence, i int) (*entity, int) {
	for _, e := range d.order {
		if e.kind != graph.KindDoctrine {
			continue
		}
		for _, name := range append([]string{e.name}, e.aliases...) {
			words := strings.Fields(strings.ToLower(normApos(name)))
			if len(words) < 2 {
				continue
			}
			if j, ok := phraseAt(s, i, words); ok {
				return e, j
			}
		}
	}
	return nil, i
}

// doctrine returns the doctrine with this name, minting it when new.
func (d *document) doctrine(s *sentence, name, noun string) *entity {
	for _, e := range d.order {
		if e.kind == graph.KindDoctrine && normName(e.name) == normName(name) {
			return e
		}
	}
	e := d.mint(d.tempID("doctrine:"+slug(name)), graph.KindDoctrine, name, s, methodDoctrine)
	e.props = map[string]string{"kind": doctrineKind(noun)}
	return e
}

func doctrineKind(noun string) string {
	switch noun {
	case "order":
		return "executive order"
	case "act", "law":
		return "law"
	case "norms":
		return "norm"
	case "programme", "program", "plan", "coalition", "alliance", "partnership", "mechanism":
		return "initiative"
	}
	return strings.TrimSuffix(noun, "s")
}

// executiveOrder reads "a 2017 executive order from President Donald Trump
// on cybersecurity" and "an executive order that allows broader sanctions
// against Russia".
func (d *document) executiveOrder(s *sentence, i int) {
	start := i
	year := ""
	if isYear(s.tok(i - 1).text) {
		year = s.tok(i - 1).text
		start = i - 1
	}
	if !s.tok(start-1).is("a", "an", "the", "its") {
		return
	}
	end := i + 2
	// "on X" may come after "from <issuer>".
	topic := ""
	k := end
	if s.tok(k).lower == "from" || s.tok(k).lower == "by" {
		for k < len(s.toks) && k < end+6 && !s.toks[k].is("on") && s.toks[k].kind == tWord {
			k++
		}
	}
	if s.tok(k).lower == "on" {
		te := d.complementEnd(s, k+1, "")
		topic = s.textOf(k+1, te)
	}
	var name string
	var alias string
	switch {
	case topic != "":
		name = strings.TrimSpace(year + " executive order on " + topic)
	default:
		// "an executive order that allows ...", "imposing ..."
		te := k
		if s.tok(te).is("that", "which") {
			te++
		}
		ce := te
		for ce < len(s.toks) && s.toks[ce].kind == tWord && ce < te+8 && !s.toks[ce].is("and", "which", "that") {
			ce++
		}
		name = strings.TrimSpace(year + " executive order")
		if ce > te {
			alias = name
			name = name + " " + s.span(k, ce)
		}
	}
	e := d.doctrine(s, name, "order")
	if alias != "" {
		e.addAlias(alias)
	}
	if year != "" {
		e.props["date"] = year
	}
	d.addMention(s, start, i+2, e, howName)
}

// proposedDoctrine reads the doctrine a proposal verb ending at j takes as
// object: "a coalition of allies in cyberspace", "a new cyber strategy".
func (d *document) proposedDoctrine(s *sentence, j int, proposal bool) {
	lx := d.x.lx
	k := j
	if !s.tok(k).is("a", "an", "the", "its", "their") {
		return
	}
	k++
	start := k
	// "ratified the Lima Convention in 2006": a capitalized name is
	// capDoctrine's to read, with its own end.
	if !proposal && s.tok(start).capitalized() && s.mat(start) == nil && !strings.Contains(s.tok(start).text, "-") {
		return
	}
	for k < len(s.toks) && k < start+4 && s.toks[k].kind == tWord && s.mat(k) == nil && !lx.doctrineNouns.has(s.toks[k].lower) {
		k++
	}
	if !lx.doctrineNouns.has(s.tok(k).lower) || s.mat(k) != nil {
		return
	}
	// "signed an executive order": executiveOrder names it.
	if !proposal && s.tok(k).lower == "order" && s.tok(k-1).lower == "executive" {
		return
	}
	// "a Chilean-sponsored resolution" keeps its qualifier: without it the
	// name would be a bare noun that "the resolution" cannot refer back to.
	if s.tok(start).is("new") {
		start++
	}
	// "signed the call" after "the Lisbon Call": that doctrine.
	if start == k && s.tok(start-1).is("the", "this", "that") {
		if e := d.doctrineByHead(s.tok(k).lower); e != nil {
			d.addMention(s, k, k+1, e, howAnaphor)
			return
		}
	}
	end := k + 1
	if s.tok(end).is("of", "for", "on", "in", "to") && !s.tok(end+1).is("be") {
		end = d.complementEnd(s, end+1, "")
		// "of allies in cyberspace": one more prepositional phrase.
		if s.tok(end).is("in", "for", "on") && end+1 < len(s.toks) && s.toks[end+1].kind == tWord {
			end = d.complementEnd(s, end+1, "")
		}
	}
	name := s.textOf(start, end)
	e := d.doctrine(s, name, s.tok(k).lower)
	if who := d.subject(s, j-1); proposal && len(who) > 0 && e.proposer == "" {
		e.proposer = who[0].ent.id
	}
	d.addMention(s, start, end, e, howName)
}

// references resolves the mentions that name nothing themselves: surnames
// ("Sullivan"), full names met again, titles ("the president"), "he" and
// "she", and "the doctrine", "the plan", "the meeting".
func (d *document) references(s *sentence) {
	lx := d.x.lx
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if s.mat(i) != nil || t.kind != tWord {
			continue
		}
		// Full names and surnames of people already met.
		if p, j := d.knownPerson(s, i); p != nil {
			how := howName
			if j-i == 1 && len(strings.Fields(p.name)) > 1 {
				how = howSurname
			}
			d.addMention(s, i, j, p, how)
			i = j - 1
			continue
		}
		// "the president", "the foreign secretary"
		if t.lower == "the" && d.isTitleWord(s, i+1) {
			k := i + 1
			for d.isTitleWord(s, k) {
				k++
			}
			// "the president said"; not "the head of the GRU", which
			// describes with its own body.
			if !s.tok(k).capitalized() && !s.tok(k).is("of", "for", "at", "in", "to") {
				if p := d.personByTitle(s, s.span(i+1, k)); p != nil {
					d.addMention(s, i, k, p, howTitle)
					i = k - 1
					continue
				}
			}
		}
		// he, she
		if personPronouns.has(t.lower) {
			if p := d.recentPerson(s, i); p != nil {
				d.addMention(s, i, i+1, p, howPronoun)
			}
			continue
		}
		// "the doctrine", "a new international doctrine", "the plan", "the
		// State Department’s plan"
		if lx.doctrineAnaphors.has(t.lower) && !s.tok(i+1).is("for", "to") {
			k := i - 1
			for k >= 0 && k >= i-3 && s.mat(k) == nil && s.toks[k].kind == tWord && !determiners.has(s.toks[k].lower) &&
				!s.toks[k].capitalized() && s.toks[k].lower != "’s" {
				k--
			}
			if k >= 0 && (determiners.has(s.toks[k].lower) || s.toks[k].lower == "’s") {
				// "the State Department’s plan" is the plan it proposed.
				if s.toks[k].lower == "’s" {
					if owner := s.mat(k - 1); owner != nil && owner.ent != nil {
						if e := d.doctrineProposedBy(owner.ent.id); e != nil {
							d.addMention(s, i, i+1, e, howAnaphor)
							continue
						}
					}
				}
				if e := d.doctrineByHead(t.lower); e != nil {
					d.addMention(s, i, i+1, e, howAnaphor) // "the accord" after "the Lima Accord"
				} else if e := d.nearestDoctrine(s); e != nil {
					d.addMention(s, i, i+1, e, howAnaphor)
				} else if m := d.addMention(s, i, i+1, nil, howAnaphor); m != nil {
					d.pending = append(d.pending, m)
				}
			}
			continue
		}
		// "the call", "the accord": the doctrine whose name ends in that noun
		// ("the Lisbon Call" before).
		if lx.doctrineNouns.has(t.lower) && s.tok(i-1).is("the", "this", "that") {
			if e := d.doctrineByHead(t.lower); e != nil {
				d.addMention(s, i, i+1, e, howAnaphor)
				continue
			}
		}
		// "the meeting"
		if lx.eventNouns.has(t.lower) && s.tok(i-1).lower == "the" {
			if e := d.current(graph.KindEvent); e != nil {
				d.addMention(s, i-1, i+1, e, howAnaphor)
			}
		}
	}
}

// knownPerson matches the full name or surname of a person already found.
func (d *document) knownPerson(s *sentence, i int) (*entity, int) {
	t := s.toks[i]
	if !t.capitalized() {
		return nil, i
	}
	var bySurname *entity
	for _, e := range d.order {
		if e.kind != graph.KindPerson {
			continue
		}
		words := strings.Fields(e.name)
		if len(words) > 1 {
			ok := true
			for k, w := range words {
				if s.tok(i+k).text != w {
					ok = false
					break
				}
			}
			if ok {
				return e, i + len(words)
			}
		}
		if e.surname == t.text && !s.tok(i+1).capitalized() {
			bySurname = e
		}
	}
	if bySurname != nil {
		return bySurname, i + 1
	}
	return nil, i
}

// personByTitle returns the person of the document who holds the title
// (or a title with the same head word), the one met last.
func (d *document) personByTitle(s *sentence, title string) *entity {
	title = strings.ToLower(title)
	words := strings.Fields(title)
	head := words[len(words)-1]
	var best *entity
	for _, e := range d.order {
		if e.kind != graph.KindPerson {
			continue
		}
		for _, t := range e.titles {
			tw := strings.Fields(t)
			if t == title || tw[len(tw)-1] == head {
				best = e
			}
		}
	}
	return best
}

// recentPerson returns the person mentioned last before token i (this
// sentence, then up to three sentences back).
func (d *document) recentPerson(s *sentence, i int) *entity {
	// "He said ..." opening a sentence continues the subject of the one
	// before ("Reed said Mora had ... He said ..."), not its last name.
	if i == 0 && s.n > 0 {
		prev := d.sents[s.n-1]
		for _, m := range d.mainSubject(prev, len(prev.toks)) {
			if m.ent != nil && m.ent.kind == graph.KindPerson {
				return m.ent
			}
		}
	}
	for n := s.n; n >= 0 && n >= s.n-3; n-- {
		ms := d.sents[n].ments
		for k := len(ms) - 1; k >= 0; k-- {
			m := ms[k]
			if n == s.n && m.i >= i {
				continue
			}
			if m.ent != nil && m.ent.kind == graph.KindPerson {
				return m.ent
			}
		}
	}
	return nil
}

// doctrineProposedBy returns the doctrine the actor was found proposing.
func (d *document) doctrineProposedBy(id string) *entity {
	for _, e := range d.order {
		if e.kind == graph.KindDoctrine && e.proposer == id {
			return e
		}
	}
	return nil
}

// nearestDoctrine returns the doctrine mentioned last so far, or nil.
func (d *document) nearestDoctrine(s *sentence) *entity {
	return d.current(graph.KindDoctrine)
}

// resolvePending gives anaphors that had nothing before them the first
// fitting entity of the document.
func (d *document) resolvePending() {
	for _, m := range d.pending {
		kind := graph.KindDoctrine
		if d.x.lx.opAnaphors.has(m.s.toks[m.j-1].lower) && !d.x.lx.doctrineAnaphors.has(m.s.toks[m.j-1].lower) {
			kind = graph.KindCyberOperation
		}
		for _, e := range d.order {
			if e.kind == kind {
				m.ent = e
				break
			}
		}
	}
}

// normName is how names compare: case, dots, hyphens, apostrophes, curly
// quotes and a leading article do not matter.
func normName(s string) string {
	s = strings.ToLower(normApos(s))
	s = strings.NewReplacer(".", "", "-", " ", "‑", " ", "“", "", "”", "", "\"", "", "’", "'").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	for _, a := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, a)
	}
	return s
}

// finalizeIDs gives every minted entity its canonical id from its final
// name: "op:notpetya", "event:ministerial-meeting-on-cybersecurity",
// "doctrine:offender-doctrine".
func (d *document) finalizeIDs() {
	taken := map[string]bool{}
	for id, e := range d.ents {
		if e.ref || e.kind == graph.KindPerson || e.kind == graph.KindOrganization {
			taken[id] = true
		}
	}
	renamed := map[string]*entity{}
	for _, e := range d.order {
		if e.ref || e.kind == graph.KindPerson || e.kind == graph.KindOrganization {
			continue
		}
		base := e.kind.IDPrefix() + ":" + slug(e.name)
		if len(base) > 80 {
			base = strings.TrimRight(base[:80], "-")
		}
		id := base
		for n := 2; taken[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		taken[id] = true
		delete(d.ents, e.id)
		e.id = id
		renamed[id] = e
	}
	for id, e := range renamed {
		d.ents[id] = e
	}
}
