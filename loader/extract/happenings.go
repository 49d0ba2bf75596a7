package extract

import (
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Happenings are the events that are not meetings: a poisoning, the
// downing of an airliner, a chemical attack, a missile strike, a blast, a
// forced landing, a war. Like cyber operations they can be attributed,
// denied, reacted to and answered, so the attribution rules treat them as
// operations (isOp). They are minted as Event entities marked incident.
//
// A happening is named by its noun (lexicon happening_nouns) with what
// makes it one happening and not a kind of thing: a name before it ("the
// Harwich poisoning", "the Qarabel missile strike") or a complement
// naming something ("the poisoning of Pavel Orlov", "the downing of
// flight KX204", "the blast in Tarnowo"). "attack" is a happening only
// with a non-cyber modifier ("a chemical attack"); with a cyber word it is
// an operation (operations). Later, "the poisoning", "the strike" refer
// back to the last happening with the same noun.

// singletonHappenings are happenings an article tells of once, whatever
// it calls them.
var singletonHappenings = map[string]bool{"war": true, "invasion": true, "occupation": true, "annexation": true,
	"siege": true, "coup": true}

// isOp reports whether an entity is something an attribution can concern:
// a cyber operation or a happening.
func isOp(e *entity) bool {
	return e != nil && (e.kind == graph.KindCyberOperation || e.kind == graph.KindEvent && e.incident)
}

// happenings finds the happenings of a sentence. It runs before
// operations, so "a chemical attack" is taken here and not as a reference
// back to a cyber operation.
func (d *document) happenings(s *sentence) {
	lx := d.x.lx
	for h := 0; h < len(s.toks); h++ {
		t := s.toks[h]
		if t.kind != tWord || s.mat(h) != nil {
			continue
		}
		head := t.lower
		// "backed the US action", "condemned the move": the happening the
		// text spoke of last, in an article about no cyber operation.
		if head == "action" || head == "move" || head == "retaliation" {
			b := h - 1
			if m := s.mat(b); m != nil && m.ent != nil && m.ent.kind == graph.KindCountry {
				b = m.i - 1
			}
			if s.tok(b).is("the", "this", "that") && d.current(graph.KindCyberOperation) == nil {
				if e := d.lastHappening(""); e != nil {
					d.addMention(s, h, h+1, e, howAnaphor)
				}
			}
			continue
		}
		if head == "attack" || head == "attacks" {
			if d.placeNamedAttack(s, h) {
				// "the Lisbon attacks": a place's name before it.
			} else if !lx.happeningMods.has(s.tok(h-1).lower) || s.mat(h-1) != nil {
				// "the attack" in an article about a chemical attack and
				// no cyber operation: that attack.
				if s.tok(h-1).is("the", "this", "that", "’s") && d.current(graph.KindCyberOperation) == nil {
					if e := d.lastHappening("attack"); e != nil {
						d.addMention(s, h, h+1, e, howAnaphor)
					}
				}
				continue
			}
		} else if !lx.happeningNouns.has(head) {
			continue
		}
		// "forced landing": the modifier is part of the name.
		start := h
		for start > 0 && s.mat(start-1) == nil && s.toks[start-1].kind == tWord && lx.happeningMods.has(s.toks[start-1].lower) {
			start--
		}
		// Names before it: "the Sorokin poisoning", "the Qarabel missile
		// strike", "Peru’s war".
		nameStart := start
		named := false
		for k := start - 1; k >= 0; k-- {
			if m := s.mat(k); m != nil {
				if m.ent == nil || m.media || m.ent.kind == graph.KindEvent || m.ent.kind == graph.KindDoctrine {
					break
				}
				nameStart, named = m.i, true
				k = m.i
				continue
			}
			tk := s.toks[k]
			if tk.lower == "’s" && k > 0 && s.mat(k-1) != nil {
				continue // "Peru’s war"
			}
			if tk.kind == tWord && tk.capitalized() && !capStops.has(tk.lower) && !d.x.lx.titleHeads.has(tk.lower) && k > 0 {
				nameStart, named = k, true
				continue
			}
			break
		}
		// A complement: "of Pavel Orlov", "on Qarabel", "in Ukraine".
		end := h + 1
		if comp := s.tok(h + 1); comp.is("of", "on", "in", "against", "at") && !comp.inQuote {
			ce := d.complementEnd(s, h+2, head)
			if comp.is("in") && s.tok(h+2).kind == tWord && !s.tok(h+2).capitalized() && s.mat(h+2) == nil {
				ce = h + 2 // "the war in the east": no name
			}
			hasName := false
			for k := h + 2; k < ce; k++ {
				if s.mat(k) != nil || s.toks[k].capitalized() {
					hasName = true
				}
			}
			if hasName && ce-(h+2) <= 6 {
				end, named = ce, true
			}
		}
		// "a chemical weapons attack", "a missile strike": a modifier of
		// kind makes it one happening too.
		if !named && start < h && !s.tok(start-1).is("the", "this", "that", "these", "those") {
			named = true
		}
		if !named {
			// "the poisoning", "the strikes": the last happening of that noun.
			if s.tok(start-1).is("the", "this", "that", "these", "those") {
				if e := d.lastHappening(singular(head)); e != nil {
					d.addMention(s, start, h+1, e, howAnaphor)
				}
			}
			continue
		}
		if t.inQuote {
			continue
		}
		name := s.textOf(nameStart, end)
		e := d.happening(s, name, singular(head))
		// The names stay what they are (a person, a state, a place); the
		// mention is the noun with its modifiers.
		ms := start
		for ms > nameStart && s.mat(ms-1) == nil && s.toks[ms-1].kind == tWord && s.toks[ms-1].lower != "’s" {
			ms--
		}
		d.addMention(s, ms, h+1, e, howName)
	}
}

// lastHappening returns the happening with this head noun met last (any
// happening when head is empty).
func (d *document) lastHappening(head string) *entity {
	var best *entity
	for _, e := range d.order {
		if e.kind == graph.KindEvent && e.incident && (head == "" || e.head == head) {
			best = e
		}
	}
	return best
}

// happening returns the happening of this name, or the one of the document
// with the same head noun whose name shares a word with it (one article's
// "Sorokin poisoning" and "poisoning of Ilya Sorokin" are one event).
func (d *document) happening(s *sentence, name, head string) *entity {
	words := contentWords(name)
	for _, e := range d.order {
		if e.kind != graph.KindEvent || !e.incident || e.head != head {
			continue
		}
		shared := false
		for w := range contentWords(e.name) {
			if w != head && words[w] {
				shared = true
			}
		}
		for _, a := range e.aliases {
			for w := range contentWords(a) {
				if w != head && words[w] {
					shared = true
				}
			}
		}
		// One article tells of one war, one invasion: "the war in Bolivia"
		// and "Peru’s war" are the same.
		if shared || normName(e.name) == normName(name) || singletonHappenings[head] {
			if !strings.EqualFold(e.name, name) {
				e.addAlias(name)
			}
			return e
		}
	}
	e := d.mint(d.tempID("event:"+slug(name)), graph.KindEvent, name, s, methodEvent)
	e.incident = true
	e.head = head
	return e
}

// placeNamedAttack reports whether the "attack" at h is named by a place
// before it ("the Lisbon attacks") in a sentence that says nothing
// of computers: capitalized words no reference name claims, right after
// "the". "the Sony attack" (an organization) and "the WannaCry attack"
// (an operation) are the operations' to read.
func (d *document) placeNamedAttack(s *sentence, h int) bool {
	k := h - 1
	for k >= 0 && s.toks[k].kind == tWord && s.toks[k].capitalized() && s.mat(k) == nil && !capStops.has(s.toks[k].lower) {
		k--
	}
	if k == h-1 || k < 0 || !s.toks[k].is("the") {
		return false
	}
	for _, t := range s.toks {
		if d.x.lx.cyberWords.has(t.lower) || d.x.lx.opHeads.has(t.lower) && t.lower != "attack" {
			return false
		}
	}
	return true
}
