package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// rules runs every claim rule over every sentence. Rules that refer back to
// what the whole document reports (a denial of "the accusations", a blame
// in the headline without its author) run after the others.
func (d *document) rules() {
	for _, s := range d.sents {
		d.runConstructions(s, passReading)
	}
	d.foldAttributions()
	for _, s := range d.sents {
		d.runConstructions(s, passSpeech) // quotes may run over several sentences
	}
	d.partOfFromClaims()
	for _, s := range d.sents {
		d.runConstructions(s, passAnswers) // denials: what answers the claims of the whole article
	}
	d.attachAgentless()
}

// ids returns the entity ids of mentions, skipping empty ones.
func ids(ms []*mention) []string {
	var out []string
	for _, m := range ms {
		if m != nil && m.ent != nil {
			out = append(out, m.ent.id)
		}
	}
	return uniq(out)
}

// opsIn returns the operations mentioned in tokens [i, j) of s.
func opsIn(s *sentence, i, j int) []*entity {
	var out []*entity
	for _, m := range s.mentionsIn(i, j) {
		if isOp(m.ent) && !slices.Contains(out, m.ent) {
			out = append(out, m.ent)
		}
	}
	return out
}

// opBefore returns the operation mentioned last before token i of s: a
// cyber operation when there is one (the story's subject in a mixed
// article), else a happening.
func (d *document) opBefore(s *sentence, i int) *entity {
	var happening *entity
	for n := s.n; n >= 0; n-- {
		ms := d.sents[n].ments
		for k := len(ms) - 1; k >= 0; k-- {
			m := ms[k]
			if n == s.n && m.i >= i {
				continue
			}
			if m.ent != nil && m.ent.kind == graph.KindCyberOperation {
				return m.ent
			}
			if happening == nil && isOp(m.ent) {
				happening = m.ent
			}
		}
	}
	return happening
}

// modality is alleged when the sentence (outside quotes) or the operation
// is hedged.
func (d *document) modality(s *sentence, op *entity) graph.Modality {
	for _, t := range s.toks {
		if !t.inQuote && d.x.lx.hedges.has(t.lower) {
			return graph.Alleged
		}
	}
	if op != nil && op.hedged {
		return graph.Alleged
	}
	return graph.Asserted
}

func confFor(base float64, m graph.Modality) float64 {
	if m == graph.Alleged {
		return base - 0.1
	}
	return base
}

// mainSubject returns the subject of the sentence's first clause: the
// subject of a participle ("..., warning of serious consequences").
func (d *document) mainSubject(s *sentence, before int) []*mention {
	for _, m := range s.ments {
		if m.i >= before {
			break
		}
		if !m.actor() || m.s.toks[m.i].inQuote {
			continue
		}
		// The subject is what stands before the first verb after this
		// actor: "Kremlin spokesman Dmitry Peskov rejected ...".
		for k := m.j; k < before; k++ {
			t := s.toks[k]
			if s.mat(k) != nil || t.kind != tWord || t.capitalized() || d.isTitleWord(s, k) || t.lower == "’s" || t.is("and") ||
				determiners.has(t.lower) ||
				t.is("of", "for") && d.isTitleWord(s, k-1) && d.isTitleWord(s, k+1) { // "Secretary of State"
				continue
			}
			if subj := d.subject(s, k); len(subj) > 0 {
				return subj
			}
			break
		}
		// "Chilean President Ana Soto, addressing ...": the
		// person the state's name qualifies.
		if d.modifies(s, m) {
			for _, p := range s.ments {
				if p.i >= m.j && p.i < before && p.ent != nil && p.ent.kind == graph.KindPerson {
					return []*mention{p}
				}
			}
		}
		return []*mention{m}
	}
	return nil
}

// attributionAt reads an attribution at trigger h (object "blamed"): "X
// blamed Y for Z", "X blamed Z on Y" (object.inverse), "X pointed the
// finger at Y", "X attributed Z to Y", "X accused Y of <an operation>"
// (object.then, object.operation required); passive, "the attack was
// blamed on Y by X", and without an author "Y blamed for Z"
// (object.passive), kept to add evidence to an attribution found
// elsewhere.
func (d *document) attributionAt(c *construction, s *sentence, h hit) {
	by := d.subject(s, h.i)
	end := s.endOfClause(h.j)
	objs, k := d.actorsAfter(s, h.j)
	var blamed []*mention
	var ops []*entity
	passive := s.tok(h.i-1).is("was", "were", "been", "is", "are", "be", "being") ||
		len(objs) == 0 && slices.Contains(c.Object.Passive, s.tok(h.j).lower)
	switch {
	case passive:
		// "Russia blamed for cyber attack on US elections", "the attack was
		// blamed on Y by X": who blames follows "by", if anywhere.
		blamed, by = by, nil
		for n := h.j; n < end; n++ {
			if s.toks[n].is("by") {
				by, _ = d.actorsAfter(s, n+1)
				break
			}
			if n == h.j && s.toks[n].is("on") {
				blamed, _ = d.actorsAfter(s, n+1)
			}
		}
		ops = opsIn(s, h.j, end)
		if len(by) == 0 {
			d.agentless(c, s, blamed, ops)
			return
		}
	case len(c.then) > 0:
		// "accused Y of ...": only an accusation of an operation is an
		// attribution (object.operation required).
		if _, ok := anyPhraseAt(s, k, c.then); !ok {
			return
		}
		ops = d.opsAfter(s, k)
		if len(ops) == 0 && c.Object.Operation == "required" {
			return
		}
		blamed = objs
	case len(objs) > 0:
		blamed = objs
		ops = d.opsAfter(s, k)
	default:
		// "blamed the intrusions on Y", "that the U.S. blamed on foreign
		// countries": the operation comes first, or before "that".
		n := h.j
		if m := s.mentionAt(n); m != nil && isOp(m.ent) {
			ops = []*entity{m.ent}
			n = m.j
		} else if s.tok(n).is("the", "a", "an", "these", "its") {
			if m := s.mentionAt(n + 1); m != nil && isOp(m.ent) {
				ops = []*entity{m.ent}
				n = m.j
			}
		}
		for n < end && s.toks[n].kind == tWord && s.mat(n) == nil && !s.toks[n].is("on", "to", "for") && n < h.j+4 {
			n++ // "blamed the intrusions in March on ..."
		}
		switch {
		case slices.Contains(c.Object.Inverse, s.tok(n).lower):
			blamed, _ = d.actorsAfter(s, n+1)
			if len(ops) == 0 {
				ops = opsIn(s, 0, h.i)
			}
		case s.tok(n).is("for"):
			ops = d.opsAfter(s, n)
		}
	}
	if len(ops) == 0 {
		if op := d.opBefore(s, h.i); op != nil {
			ops = []*entity{op}
		}
	}
	var op *entity
	if len(ops) > 0 {
		op = ops[0]
	}
	mod := d.modality(s, op)
	by, blamed = c.subjects(by), c.objects(blamed)
	if len(by) == 0 {
		return
	}
	if len(ops) == 0 {
		ops = []*entity{nil}
	}
	fired := fmt.Sprintf("trigger “%s”; subject “%s”; object “%s”", s.span(h.i, h.j), mentionWords(by), mentionWords(blamed))
	for _, o := range ops {
		a := &attrFinding{by: ids(by), blames: ids(blamed), quote: s.text, sent: s.n, modality: mod,
			conf: confFor(c.Confidence, mod), method: c.method, fired: fired}
		if o != nil {
			a.concerns = o.id
			a.fired += "; concerns " + o.name
		}
		d.attribute(a)
	}
}

// opsAfter returns the operations of the "for/of/over ..." phrase that
// starts at or after token k, across an apposition ("blamed Russia’s
// Foreign Intelligence Service, the SVR, for the SolarWinds hacking
// campaign") and through a list ("for a string of other attacks,
// including the BadRabbit ransomware outbreak and the leak of ...").
func (d *document) opsAfter(s *sentence, k int) []*entity {
	for n := k; n < len(s.toks) && n < k+8; n++ {
		if s.toks[n].is("for", "of", "over") && !s.toks[n].inQuote && s.mat(n) == nil { // not the "of" of "the Port of Arica"
			end := s.endOfClause(n + 1)
			if s.tok(end).text == "," && s.tok(end+1).is("including", "among") {
				end = s.endOfClause(end + 2)
			}
			return opsIn(s, n, end)
		}
		if t := s.toks[n]; t.kind == tPunct && t.text != "," || t.kind == tQuote {
			break
		}
	}
	return opsIn(s, k, s.endOfClause(k))
}

// agentless keeps "Y blamed for Z" to add as evidence to an attribution
// that blames Y (attachAgentless).
func (d *document) agentless(c *construction, s *sentence, blamed []*mention, ops []*entity) {
	var op *entity
	if len(ops) > 0 {
		op = ops[0]
	}
	mod := d.modality(s, op)
	for _, b := range ids(blamed) {
		f := finding{obj: b, typ: graph.RelBlames, quote: s.text, sent: s.n, modality: mod, conf: confFor(c.Confidence, mod), method: c.method}
		if op != nil {
			f.props = map[string]string{"concerns": op.id}
		}
		d.out.agentless = append(d.out.agentless, f)
	}
}

// reportedAttributionAt reads an attribution in what a speaker reports
// (object "reported-blame"): "X said Y was behind the attack", "X said
// hackers affiliated with Y had carried out the campaign", "X concluded
// that Y was highly likely behind the attack", "X said the hack had been
// carried out from the territory of Y", "X said it had disrupted an
// attempt by Y to hack into Z", "X said Germany had evidence of Russian
// involvement". The words of responsibility are the construction's
// object.phrases; a negation in the complement ("no evidence that Y was
// involved") blames no one.
func (d *document) reportedAttributionAt(cn *construction, s *sentence, h hit) {
	lx := d.x.lx
	{
		speakers := d.speakers(s, h)
		if len(speakers) == 0 {
			return
		}
		c := d.complementStart(s, h.j)
		if c >= len(s.toks) || s.toks[c].inQuote && s.toks[c].kind != tQuote {
			return
		}
		var blamed, believers []string
		var op *entity
		for k := c; k < len(s.toks); k++ {
			// "no evidence that the Russian government was involved"
			// "there was no doubt that Y was responsible" affirms, and so
			// does "no explanation other than Russian involvement".
			if lx.negations.has(s.toks[k].lower) && !s.tok(k+1).is("doubt", "question") && !otherThanAfter(s, k) {
				blamed = nil
				break
			}
			if j, ok := anyPhraseAt(s, k, cn.phrases); ok && s.mat(k) == nil {
				// "said X and Y were convinced that Russia was
				// responsible": the innermost "that" clause says who.
				from := c
				for n := k - 1; n > c; n-- {
					if s.toks[n].is("that") && s.mat(n) == nil {
						from = n + 1
						break
					}
				}
				blamed = d.responsible(s, from, k)
				// "X said Y were convinced that Z was responsible": Y holds
				// Z responsible, X reports it.
				if from > c && beliefWords.has(s.tok(from-2).lower) {
					var holders []*mention
					for _, m := range d.subject(s, from-2) {
						if m.i >= h.j { // in what is said, not the speaker
							holders = append(holders, m)
						}
					}
					believers = ids(holders)
				}
				after, _ := d.actorsAfter(s, j)
				if s.tok(j).is("by", "from") || strings.HasSuffix(s.span(k, j), "of") {
					blamed = append(blamed, ids(after)...)
				}
				// "... from the territory of China"; not "for the downing of
				// Kenya Airways flight KX204", whose "of" is the happening's.
				for n := j; n < len(s.toks) && n < j+8; n++ {
					if m := s.mat(n); m != nil && isOp(m.ent) {
						break
					}
					if s.toks[n].is("by", "of") {
						more, _ := d.actorsAfter(s, n+1)
						blamed = append(blamed, ids(more)...)
						break
					}
				}
				if ops := opsIn(s, j, len(s.toks)); len(ops) > 0 {
					op = ops[0]
				}
				break
			}
			// "an attempt by Y to hack into Z"
			if m := s.mentionAt(k); m != nil && isOp(m.ent) && s.tok(m.j).lower == "by" {
				who, _ := d.actorsAfter(s, m.j+1)
				blamed = ids(who)
				op = m.ent
				break
			}
			// "evidence of Russian involvement", "with the involvement of
			// the security service"
			if s.toks[k].is("involvement", "responsibility") && !s.tok(k-1).is("any", "no") {
				if m := s.mat(k - 1); m != nil && m.actor() {
					blamed = []string{m.ent.id}
				} else if s.tok(k + 1).is("of") {
					if who, _ := d.actorsAfter(s, k+2); len(who) > 0 {
						blamed = ids(who)
					}
				}
			}
		}
		if len(blamed) == 0 {
			return
		}
		if op == nil {
			if ops := opsIn(s, c, len(s.toks)); len(ops) > 0 {
				op = ops[0]
			} else {
				op = d.opBefore(s, h.i)
			}
		}
		mod := d.modality(s, op)
		by := speakers
		if len(believers) > 0 {
			by = believers
		}
		a := &attrFinding{by: by, blames: blamed, quote: s.text, sent: s.n, modality: mod,
			conf: confFor(cn.Confidence, mod), method: cn.method,
			fired: fmt.Sprintf("trigger “%s”; speaker %s; blames %s", s.span(h.i, h.j), strings.Join(by, ", "), strings.Join(uniq(blamed), ", "))}
		if op != nil {
			a.concerns = op.id
			d.out.implied[s.n] = op.id
		}
		d.attribute(a)
	}
}

// beliefWords end the clause of who holds a belief, before its "that":
// "Y were convinced that ...", "Y believes that ...".
var beliefWords = newSet([]string{"convinced", "certain", "sure", "confident", "believe", "believes", "believed",
	"think", "thinks", "thought", "concluded", "conclude", "concludes"})

// otherThanAfter reports whether "other than" or "except" follows token k
// in its sentence: "no explanation other than Russian involvement".
func otherThanAfter(s *sentence, k int) bool {
	for n := k + 1; n+1 < len(s.toks); n++ {
		if s.toks[n].is("other") && s.toks[n+1].is("than") || s.toks[n].is("except", "besides") {
			return true
		}
	}
	return false
}

// responsible returns who a complement [c, k) says is responsible: its
// actors, but not a state that only owns the body named ("China’s Ministry
// of State Security") nor a demonym when a body is named ("a North Korean
// hacking group known as the Lazarus Group").
func (d *document) responsible(s *sentence, c, k int) []string {
	var out []*mention
	bodies := false
	for _, m := range s.mentionsIn(c, k) {
		if !m.actor() {
			continue
		}
		if s.tok(m.j).lower == "’s" {
			if n := s.mentionAt(m.j + 1); n != nil && n.actor() {
				continue
			}
		}
		if m.how == howDemonym && !d.demonymAgent(s, m) {
			continue
		}
		if m.ent.kind == graph.KindOrganization || m.ent.kind == graph.KindPerson {
			bodies = true
		}
		out = append(out, m)
	}
	if bodies {
		out = slices.DeleteFunc(out, func(m *mention) bool { return m.how == howDemonym })
	}
	return ids(out)
}

// complementStart returns where what a speech verb ending at j reports
// starts: after "that", after the audience of "told" ("told reporters",
// "told Fifth Domain"), after "in a statement".
func (d *document) complementStart(s *sentence, j int) int {
	k := j
	for k < len(s.toks) {
		t := s.toks[k]
		switch {
		case t.is("that"):
			return k + 1
		case t.is("reporters", "journalists", "lawmakers", "parliament", "congress", "him", "her", "them", "the", "a") && k == j:
			k++
			if t.is("the", "a") && k < len(s.toks) && !s.toks[k].capitalized() {
				return j
			}
			continue
		case s.mentionAt(k) != nil && s.mentionAt(k).media && k <= j+1:
			k = s.mentionAt(k).j
			continue
		case t.is("on", "in", "at") && k == j:
			// "said on Thursday that", "said in a statement that"
			n := k + 1
			for n < len(s.toks) && n < k+5 && !s.toks[n].is("that") && s.toks[n].kind == tWord {
				n++
			}
			if s.tok(n).is("that") {
				return n + 1
			}
			return j
		}
		return k
	}
	return k
}

// attributionNamed returns the attribution the words after trigger h name
// by a noun of the lexicon's attribution_nouns (object
// "attribution-named"): "backed the British and American assessment" is
// the last one Britain and the US made, "joined the condemnation" the lead
// one. A doctrine named first makes it no attribution
// (backing-doctrine's).
func (d *document) attributionNamed(s *sentence, h hit, within int) *attrFinding {
	lx := d.x.lx
	end := min(len(s.toks), h.j+within)
	for k := h.j; k < end; k++ {
		if t := s.toks[k]; t.kind == tPunct && t.text != "," || t.is("but", "while", "which", "that") {
			break
		}
		m := s.mentionAt(k)
		if m != nil && m.ent != nil && m.ent.kind == graph.KindDoctrine {
			break
		}
		if s.toks[k].kind == tWord && lx.attributionNouns.has(s.toks[k].lower) && m == nil {
			// Whose attribution: the states named with the noun.
			var whose []string
			for _, q := range s.mentionsIn(h.j, k) {
				if q.ent != nil {
					whose = append(whose, d.countryOf(q.ent), q.ent.id)
				}
			}
			if len(whose) == 0 {
				return d.leadAttribution(s.n)
			}
			return d.latestAttribution(s.n, whose)
		}
	}
	return nil
}

// latestAttribution returns the last attribution found up to sentence n
// made by one of whose (any when whose is empty); of those, one made by
// the most of whose ("the British and American assessment" is the one
// Britain and the US made together, not the US's alone).
func (d *document) latestAttribution(n int, whose []string) *attrFinding {
	var best *attrFinding
	bestShared := 0
	for _, a := range d.out.attrs {
		if a.sent > n {
			continue
		}
		shared := 0
		for _, b := range a.by {
			if slices.Contains(whose, b) {
				shared++
			}
		}
		if len(whose) > 0 && shared == 0 || shared < bestShared {
			continue
		}
		best, bestShared = a, shared
	}
	if best == nil && len(whose) > 0 {
		return d.latestAttribution(n, nil)
	}
	return best
}

// leadAttribution is the attribution allies back when the text does not
// say whose: the first one made by a state, else the first one.
func (d *document) leadAttribution(n int) *attrFinding {
	for _, a := range d.out.attrs {
		if a.sent <= n {
			for _, b := range a.by {
				if strings.HasPrefix(b, "country:") {
					return a
				}
			}
		}
	}
	for _, a := range d.out.attrs {
		if a.sent <= n {
			return a
		}
	}
	return nil
}

func (d *document) eventAfter(s *sentence, j int) *entity {
	for k := j; k < len(s.toks) && k < j+5; k++ {
		if m := s.mat(k); m != nil && m.ent != nil && m.ent.kind == graph.KindEvent && !m.ent.incident {
			return m.ent
		}
	}
	return nil
}

// itemsAfter reads the actors of a list after token j (object
// items-after), skipping the people named only by their post ("the head of
// Russia’s GRU and one of its officers": the GRU is not sanctioned) and
// items that name no actor ("ten officials"); the list ends at a verb.
func (d *document) itemsAfter(s *sentence, j int) []*mention {
	var out []*mention
	k := j
	for k < len(s.toks) {
		// One item of the list: a few words, then a mention.
		start := k
		for k < len(s.toks) && k < start+5 && s.mat(k) == nil && s.toks[k].kind == tWord &&
			!s.toks[k].is("and", "or", "over", "for", "because", "after", "amid", "which", "who", "that", "as") {
			k++
		}
		// "the head of Russia’s GRU", "one of its officers": a person,
		// not the body.
		if slices.ContainsFunc(s.toks[start:k], func(t token) bool { return t.is("of") }) {
			for k < len(s.toks) && (s.mat(k) != nil || s.toks[k].lower == "’s" || s.toks[k].text == "(" || s.toks[k].text == ")" ||
				s.toks[k].kind == tWord && !s.toks[k].is("and", "as", "over", "for")) {
				k++
			}
		} else if m := s.mentionAt(k); m != nil && m.actor() && !m.media {
			k = m.j
			took := len(out)
			switch {
			case s.tok(k).lower == "’s":
				if n := s.mentionAt(k + 1); n != nil && n.actor() {
					out = append(out, n)
					k = n.j
				}
			case m.how == howDemonym && (!d.demonymAgent(s, m) || d.personHead(s, m.j)):
				// "Russian technology companies", "Russian intelligence officers"
			default:
				out = append(out, m)
			}
			for k < len(s.toks) && s.mat(k) == nil && s.toks[k].kind == tWord && !s.toks[k].is("and", "or", "as", "over", "for", "that", "which", "who") {
				k++ // the rest of the item: "organisations", "itself"
			}
			// "Bolivian army chief Carla Vega": the item is the person the
			// skipped demonym and title qualify.
			if p := s.mentionAt(k); len(out) == took && p != nil && p.ent != nil && p.ent.kind == graph.KindPerson {
				out = append(out, p)
				k = p.j
			}
		} else if k == start {
			return out
		}
		// An item that names no actor ("ten officials") is passed over.
		// The next item: ", ", "and", ", and", "as well as".
		n := k
		if s.tok(n).text == "," {
			n++
		}
		switch {
		case s.tok(n).is("and", "or"):
			n++
		case s.tok(n).is("as") && s.tok(n+1).is("well") && s.tok(n+2).is("as"):
			n += 3
		}
		if n == k || d.anyVerbAt(s, n) {
			return out // "... and names SVR as ...": a new clause
		}
		k = n
	}
	return out
}

// personHead reports whether the noun phrase starting at j ends in a noun
// for people ("intelligence officers", "ten officials").
func (d *document) personHead(s *sentence, j int) bool {
	k := j
	for k < len(s.toks) && s.toks[k].kind == tWord && s.mat(k) == nil && !prepositions.has(s.toks[k].lower) && !s.toks[k].is("and") {
		k++
	}
	return k > j && d.x.lx.personNouns.has(s.toks[k-1].lower)
}

// pronounActor resolves "it" (or "It also") right before the verb at i to
// the body or state the previous sentence is about: its main subject, when
// that is no person ("The Treasury said ... It also sanctioned ...").
func (d *document) pronounActor(s *sentence, i int) *mention {
	k := i - 1
	if s.tok(k).is("also", "then", "later") {
		k--
	}
	if !s.tok(k).is("it") || s.n == 0 || s.mat(k) != nil {
		return nil
	}
	prev := d.sents[s.n-1]
	for _, m := range d.mainSubject(prev, len(prev.toks)) {
		if m.ent.kind != graph.KindPerson {
			return m
		}
	}
	return nil
}

// anyVerbAt reports whether a verb of any class of the lexicon starts at i.
func (d *document) anyVerbAt(s *sentence, i int) bool {
	for class := range d.x.lx.verbs {
		if d.isVerb(s, i, class) {
			return true
		}
	}
	return false
}

func (d *document) isVerb(s *sentence, i int, class string) bool {
	_, ok := d.verbAt(s, i, class)
	return ok
}

// lastActors returns who acted in the last claim of type typ found up to
// sentence n (subject last-actor): who imposed the last sanctions.
func (d *document) lastActors(typ graph.RelType, n int) []*mention {
	for k := len(d.out.actors) - 1; k >= 0; k-- {
		r := d.out.actors[k]
		if r.typ != typ || r.sent > n {
			continue
		}
		var out []*mention
		for _, id := range r.ids {
			if e := d.entityByID(id); e != nil {
				out = append(out, &mention{ent: e})
			}
		}
		return out
	}
	return nil
}

// blamesOwn reports whether attribution a blames the denier or one of its
// own: the state the denier is or acts for, that state's bodies, units and
// officials (countryOf follows roles and PART_OF links).
func (d *document) blamesOwn(a *attrFinding, denier *entity) bool {
	state := d.countryOf(denier)
	for _, b := range a.blames {
		if b == denier.id || state != "" && (b == state || d.countryOf(d.entityByID(b)) == state) {
			return true
		}
		if p, ok := d.x.sponsors[b]; ok && state != "" && d.countryOf(d.entityByID(p)) == state {
			return true
		}
	}
	return false
}

// blamingAttributions returns every attribution of the document that
// blames the denier or its own, of operation op when it is given, only the
// legal ones when legal is set.
func (d *document) blamingAttributions(denier, op *entity, legal bool) []string {
	var out []string
	for _, a := range d.out.attrs {
		if legal && !a.legal || op != nil && a.concerns != op.id || !d.blamesOwn(a, denier) {
			continue
		}
		out = append(out, a.id)
	}
	return out
}

// latestBlaming returns the last attribution up to sentence n that blames
// the denier or its own.
func (d *document) latestBlaming(denier *entity, n int) string {
	best := ""
	for _, a := range d.out.attrs {
		if a.sent <= n && d.blamesOwn(a, denier) {
			best = a.id
		}
	}
	return best
}

// deniedAttribution picks the attribution a denial answers when none
// blames the denier: the legal one for "the charges", else the first.
func (d *document) deniedAttribution(denier *entity, legal bool) string {
	if legal {
		for _, a := range d.out.attrs {
			if a.legal {
				return a.id
			}
		}
	}
	if len(d.out.attrs) > 0 {
		return d.out.attrs[0].id
	}
	return ""
}

// opSubject returns the operation that is the subject of the verb at i:
// an operation mention in its clause, "it" or "which" after one.
func (d *document) opSubject(s *sentence, i int) *entity {
	start := s.clauseStart(i)
	for k := i - 1; k >= start; k-- {
		if m := s.mat(k); m != nil && m.ent != nil {
			if m.ent.kind == graph.KindCyberOperation {
				return m.ent
			}
		}
	}
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := s.toks[k]
		if t.is("it", "which") {
			if t.lower == "which" {
				for n := k - 1; n >= 0; n-- {
					if m := s.mat(n); m != nil && m.ent != nil && m.ent.kind == graph.KindCyberOperation {
						return m.ent
					}
				}
			}
			return d.opBefore(s, k)
		}
	}
	return nil
}

// targetsIn returns what tokens [i, j) name as hit: actors and events, a
// demonym before any noun ("Ukrainian government agencies"), and a
// capitalized name the reference data does not know ("the National Health
// Service"), which becomes an organization.
func (d *document) targetsIn(s *sentence, i, j int) []string {
	var out []string
	for k := i; k < j && k < len(s.toks); k++ {
		if s.toks[k].is("before", "after", "as", "when", "while", "until", "since") && s.mat(k) == nil {
			break // "... an hour before Russian troops invaded"
		}
		if m := s.mentionAt(k); m != nil {
			k = m.j - 1
			if m.ent == nil || !(m.actor() || m.ent.kind == graph.KindEvent) || m.media {
				continue
			}
			if s.tok(m.j).lower == "’s" {
				k = m.j
				continue
			}
			// "the American company Viasat": the company, not America.
			if m.how == howDemonym && d.orgWithin(s, m.j, 3) {
				continue
			}
			// "Microsoft Exchange Server" is a product, not Microsoft.
			if m.ent.kind == graph.KindOrganization && s.tok(m.j).capitalized() && s.tok(m.j).kind == tWord && s.mat(m.j) == nil {
				continue
			}
			out = append(out, m.ent.id)
			continue
		}
		t := s.toks[k]
		if t.kind == tWord && t.capitalized() && !capStops.has(t.lower) && (k == i || determiners.has(s.tok(k-1).lower)) {
			e, ok := d.capRun(s, k, 5)
			if ok && e-k >= 2 && (e >= j || s.toks[e].kind != tWord || prepositions.has(s.toks[e].lower) || s.toks[e].is("and")) {
				name := s.span(k, e)
				org := d.entityByID("org:" + slug(name))
				if org == nil {
					org = d.mint("org:"+slug(name), graph.KindOrganization, name, s, methodCompany)
					org.orgKind = "other"
				}
				if d.addMention(s, k, e, org, howName) != nil {
					out = append(out, org.id)
				}
				k = e - 1
			}
		}
	}
	return uniq(out)
}

// orgWithin reports whether an organization is mentioned within n tokens
// from j.
func (d *document) orgWithin(s *sentence, j, n int) bool {
	for k := j; k < len(s.toks) && k < j+n; k++ {
		if m := s.mat(k); m != nil {
			return m.ent != nil && m.ent.kind == graph.KindOrganization
		}
	}
	return false
}

// attachAgentless adds the headline's "Russia blamed for ..." as evidence
// for an attribution that blames Russia.
func (d *document) attachAgentless() {
	for _, f := range d.out.agentless {
		for _, a := range d.out.attrs {
			if !slices.Contains(a.blames, f.obj) {
				continue
			}
			if c := f.props["concerns"]; c != "" && a.concerns != "" && c != a.concerns {
				continue
			}
			a.extra = append(a.extra, finding{subj: a.id, typ: graph.RelBlames, obj: f.obj, quote: f.quote, sent: f.sent,
				modality: f.modality, conf: f.conf, method: f.method})
			break
		}
	}
}

// latestStateAttribution returns the last attribution made by a state or
// an international organization (what other states echo), else the last.
func (d *document) latestStateAttribution(n int) *attrFinding {
	var best *attrFinding
	for _, a := range d.out.attrs {
		if a.sent > n {
			continue
		}
		for _, b := range a.by {
			if e := d.entityByID(b); e != nil && (e.kind == graph.KindCountry || e.orgKind == "igo" || e.orgKind == "alliance") {
				best = a
			}
		}
	}
	if best == nil {
		return d.latestAttribution(n, nil)
	}
	return best
}

// foldAttributions folds an attribution that names no operation ("US
// charges GRU officers") into one that does and blames the same actor, by
// the same attributor or a body of its state: the headline and the text
// report one attribution.
func (d *document) foldAttributions() {
	var keep []*attrFinding
	for _, a := range d.out.attrs {
		if a.concerns != "" {
			keep = append(keep, a)
			continue
		}
		var into *attrFinding
		for _, b := range d.out.attrs {
			if b == a || b.concerns == "" || !intersects(a.blames, b.blames) {
				continue
			}
			for _, x := range b.by {
				if slices.Contains(a.by, x) || slices.Contains(a.by, d.countryOf(d.entityByID(x))) {
					into = b
				}
			}
		}
		if into == nil {
			keep = append(keep, a)
			continue
		}
		for _, bl := range a.blames {
			into.extra = append(into.extra, finding{subj: into.id, typ: graph.RelBlames, obj: bl, quote: a.quote, sent: a.sent,
				modality: a.modality, conf: a.conf, method: a.method})
		}
		for k, c := range d.out.claims {
			if c.obj == a.id {
				d.out.claims[k].obj = into.id
			}
			if c.subj == a.id {
				d.out.claims[k].subj = into.id
			}
		}
	}
	d.out.attrs = keep
}

// partOfFromClaims lets "the agency’s Unit 26165" (PART_OF) tell whose a
// body is, for the rules that follow.
func (d *document) partOfFromClaims() {
	for _, c := range d.out.claims {
		if c.typ != graph.RelPartOf {
			continue
		}
		if e := d.ents[c.subj]; e != nil && e.partOf == "" {
			e.partOf = c.obj
		}
	}
}
