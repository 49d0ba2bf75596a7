package extract

import (
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The object "answered" of a construction (constructions.yaml: denial,
// denial-called, denial-self) is the attributions a denial answers. Which
// ones follows the convention of docs/annotations.md ("Denials"), the one
// independent annotators follow:
//
//   - a general denial ("denied any involvement in the hack", "denied
//     using explosives", "rejected the accusations") answers every
//     attribution of the article that blames the denier or its own (its
//     bodies, units, the groups the reference data places under them, its
//     officials), of the operation it names if it names one;
//   - "the charges" (lexicon legal_nouns) answer the legal ones;
//   - a specific denial ("the accusation", object answer: last) answers
//     the accusation reported last that blames the denier; "Chile’s
//     accusations" the possessor's;
//   - words of one's own ("it was not involved", object answer: own)
//     answer only what blames the speaker.
//
// A denial answers the attributions of the whole article, also those
// reported after it, so these constructions run in the pass "answers",
// after every sentence has been read.

// denialScope is what a denial's words say it denies.
type denialScope struct {
	legal, specific, own bool
	byWhom               string  // whose accusations ("Chile’s accusations")
	named                *entity // the operation the denial names, if one
}

// denialAt reads what the denial at trigger h denies: within
// object.within words after the trigger, a noun of object.nouns or of the
// lexicon's attribution_nouns, a gerund right after the trigger ("denied
// using ..."), or an operation; ok is false when there is none.
func (d *document) denialAt(c *construction, s *sentence, h hit) (denialScope, bool) {
	lx := d.x.lx
	sc := denialScope{specific: c.Object.Answer == "last", own: c.Object.Answer == "own"}
	ok := sc.own
	for k := h.j; !ok && k < len(s.toks) && k < h.j+c.Object.Within; k++ {
		w := s.toks[k].lower
		// "denied using explosives", "denied launching the attack"
		gerund := k == h.j && strings.HasSuffix(w, "ing") && len(w) > 4 && !s.toks[k].is("having", "being", "thing")
		if lx.attributionNouns.has(w) || gerund || slices.Contains(c.Object.Nouns, w) || s.mat(k) != nil && isOp(s.mat(k).ent) {
			ok = true
			sc.legal = lx.legalNouns.has(w)
			// "the accusation", "this claim": one accusation, not all.
			if lx.attributionNouns.has(w) && !sc.legal && !strings.HasSuffix(w, "s") && s.tok(k-1).is("the", "this", "that") {
				sc.specific = true
			}
			// "Chile’s accusations", "the investigators’ conclusions":
			// the accusation of whoever the possessive names.
			if lx.attributionNouns.has(w) && !sc.legal && s.tok(k-1).is("’s", "’", "'s", "'") {
				sc.specific = true
				if m := s.mat(k - 2); m != nil && m.actor() {
					sc.byWhom = m.ent.id
				}
			}
			break
		}
	}
	if !ok {
		return sc, false
	}
	// The operation the denial names, if any ("any role in the attack on
	// the port"): only its attributions are answered.
	if ops := opsIn(s, h.j, s.endOfClause(h.j)); len(ops) == 1 {
		sc.named = ops[0]
	}
	return sc, true
}

// answered returns the ids of what denier w's denial answers.
func (d *document) answered(sc denialScope, s *sentence, w *entity) []string {
	var targets []string
	switch {
	case sc.specific && sc.byWhom != "":
		for _, a := range d.out.attrs {
			if slices.Contains(a.by, sc.byWhom) && d.blamesOwn(a, w) {
				targets = append(targets, a.id)
			}
		}
	case sc.specific:
		if a := d.latestBlaming(w, s.n); a != "" {
			targets = []string{a}
		}
	case sc.legal:
		targets = d.blamingAttributions(w, sc.named, true)
	default:
		targets = d.blamingAttributions(w, sc.named, false)
	}
	// Words of one's own ("it was not involved") deny only what blames
	// the speaker.
	if len(targets) == 0 && !sc.own {
		if a := d.deniedAttribution(w, sc.legal); a != "" {
			targets = []string{a}
		} else if op := d.opBefore(s, len(s.toks)); op != nil {
			targets = []string{op.id}
		}
	}
	return targets
}

// fireAnswered makes the claims of a construction whose object is
// "answered": each subject denies what its denial answers.
func (d *document) fireAnswered(c *construction, s *sentence, h hit, who []*mention) {
	sc, ok := d.denialAt(c, s, h)
	if !ok {
		return
	}
	for _, w := range who {
		targets := d.answered(sc, s, w.ent)
		fired := "trigger “" + s.span(h.i, h.j) + "”; subject “" + mentionWords([]*mention{w}) + "”"
		for _, t := range targets {
			d.out.add(finding{subj: w.ent.id, typ: c.typ, obj: t, quote: s.text, sent: s.n, conf: c.Confidence, method: c.method,
				fired: fired + "; answers " + t, modality: graph.Asserted})
		}
	}
}
