package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/segment"
)

// sentence is one sentence of the document with its tokens and mentions.
type sentence struct {
	n          int // index in the document
	para       int // paragraph index
	text       string
	start, end int // rune offsets in the document
	toks       []token
	ments      []*mention // ordered by first token
	at         []*mention // token index -> mention covering it, or nil
}

// mentionHow says how a mention names its entity.
type mentionHow uint8

const (
	howName    mentionHow = iota // by name, alias or code
	howMetonym                   // a capital for a government
	howDemonym                   // a demonym ("Russian")
	howAnaphor                   // "the bureau", "the attack", "the doctrine"
	howPronoun                   // "he", "she", "it"
	howSurname                   // "Sullivan"
	howTitle                     // "the president"
)

// mention is a span of tokens [i, j) of a sentence that refers to an entity
// (or, for media, to a publisher, which is never an entity).
type mention struct {
	s     *sentence
	i, j  int
	ent   *entity
	how   mentionHow
	media bool
}

func (m *mention) text() string { return m.s.text[m.s.toks[m.i].start:m.s.toks[m.j-1].end] }

// actor reports whether the mention is of a country, person or
// organization.
func (m *mention) actor() bool {
	return m.ent != nil && (m.ent.kind == graph.KindCountry || m.ent.kind == graph.KindPerson || m.ent.kind == graph.KindOrganization)
}

// entity is something the document mentions: a reference entity or one this
// extraction mints (a person, an operation, an event, a doctrine, a
// company).
type entity struct {
	id      string
	kind    graph.NodeKind
	name    string
	aliases []string
	ref     bool   // from the reference data: needs no declaration
	orgKind string // an organization's kind
	props   map[string]string
	first   int    // sentence of the first mention
	quote   string // sentence that introduces a minted entity
	method  string
	// persons
	surname  string
	titles   []string // titles held in this document, lower-case
	roleBody string   // body of the last role found
	partOf   string   // for bodies: the state or body they belong to
	rank     int      // quality of the name: 3 proper name, 2 named by its modifier, 1 described
	hedged   bool     // described with a hedge ("suspected")
	words    set      // content words of the phrases that named it (operations)
	inner    map[string]bool
	country  string // an election's country
	proposer string // who the text says proposes a doctrine
	incident bool   // an event that happened to someone (a happening), not a meeting
	head     string // a happening's noun ("poisoning")
}

func (e *entity) addAlias(a string) {
	a = strings.TrimSpace(a)
	if a == "" || a == e.name || slices.Contains(e.aliases, a) {
		return
	}
	e.aliases = append(e.aliases, a)
}

// country returns the state an actor belongs to: itself for a country, the
// state a body is part of, the body of a person's role.
func (d *document) countryOf(e *entity) string {
	for k := 0; e != nil && k < 4; k++ {
		switch {
		case e.kind == graph.KindCountry:
			return e.id
		case e.kind == graph.KindPerson && e.roleBody != "":
			e = d.entityByID(e.roleBody)
		case e.partOf != "":
			e = d.entityByID(e.partOf)
		default:
			return ""
		}
	}
	return ""
}

// document is one article under extraction: its sentences, the entities it
// mentions and what the rules found.
type document struct {
	x     *Extractor
	doc   graph.Document
	sents []*sentence
	ents  map[string]*entity
	order []*entity // entities in order of first mention
	// publisher words, never an actor
	publisher []string
	out       *findings
	// pending anaphors that had nothing to refer back to
	pending []*mention
	// explanations of what file() proposes, when asked for (Explain)
	expl *[]Explanation
	// inGroupRef is set while groupRef reads back a list
	inGroupRef bool
}

func (x *Extractor) newDocument(doc graph.Document) *document {
	d := &document{x: x, doc: doc, ents: map[string]*entity{}, out: newFindings()}
	if doc.Publisher != "" {
		toks, _ := tokenize(doc.Publisher, false)
		for _, t := range toks {
			d.publisher = append(d.publisher, t.text)
		}
	}
	paras := segment.Paragraphs(doc.Text)
	quoted := false
	p := 0
	for n, seg := range segment.Sentences(doc.Text) {
		for p+1 < len(paras) && seg.Start >= paras[p+1].Start {
			p++
			quoted = false // a quote never runs over a paragraph break
		}
		if p < len(paras) && seg.Start >= paras[p].End {
			quoted = false
		}
		toks, q := tokenize(seg.Text, quoted)
		quoted = q
		d.sents = append(d.sents, &sentence{n: n, para: p, text: seg.Text, start: seg.Start, end: seg.End,
			toks: toks, at: make([]*mention, len(toks))})
	}
	return d
}

// entityByID returns the document's entity with id, adding a reference
// entity on first use; nil when the id is unknown.
func (d *document) entityByID(id string) *entity {
	if e, ok := d.ents[id]; ok {
		return e
	}
	n, ok := d.x.reg.Node(id)
	if !ok {
		return nil
	}
	e := &entity{id: id, kind: n.Kind, name: n.Name, ref: true, first: -1}
	if n.Kind == graph.KindOrganization {
		e.orgKind = n.Props["kind"]
		if p, ok := d.x.reg.PartOf(id); ok {
			e.partOf = p
		}
	}
	d.ents[id] = e
	return e
}

// mint returns the document's entity with id, creating it with the given
// kind and name when new.
func (d *document) mint(id string, kind graph.NodeKind, name string, s *sentence, method string) *entity {
	if e, ok := d.ents[id]; ok {
		return e
	}
	e := &entity{id: id, kind: kind, name: name, first: s.n, quote: s.text, method: method,
		words: set{}, inner: map[string]bool{}}
	d.ents[id] = e
	return e
}

// addMention records a mention of e over tokens [i, j) of s, unless a
// mention already covers one of them.
func (d *document) addMention(s *sentence, i, j int, e *entity, how mentionHow) *mention {
	if i >= j || j > len(s.toks) {
		return nil
	}
	for k := i; k < j; k++ {
		if s.mat(k) != nil {
			return nil
		}
	}
	m := &mention{s: s, i: i, j: j, ent: e, how: how}
	for k := i; k < j; k++ {
		s.at[k] = m
	}
	s.ments = append(s.ments, m)
	slices.SortFunc(s.ments, func(a, b *mention) int { return a.i - b.i })
	if e != nil {
		if e.first < 0 || e.first > s.n {
			e.first = s.n
		}
		if !slices.Contains(d.order, e) {
			d.order = append(d.order, e)
		}
	}
	return m
}

// replaceMention drops the mentions over [i, j) of s so that a longer one
// can take their place ("Security Council" inside "a Security Council
// meeting").
func (d *document) replaceMention(s *sentence, i, j int, e *entity, how mentionHow) *mention {
	for k := i; k < j; k++ {
		if m := s.mat(k); m != nil {
			for t := m.i; t < m.j; t++ {
				s.at[t] = nil
			}
			s.ments = slices.DeleteFunc(s.ments, func(x *mention) bool { return x == m })
		}
	}
	return d.addMention(s, i, j, e, how)
}

// span returns the text of tokens [i, j) of s as written.
func (s *sentence) span(i, j int) string {
	if i >= j || i < 0 || j > len(s.toks) {
		return ""
	}
	return s.text[s.toks[i].start:s.toks[j-1].end]
}

// mat returns the mention covering token k, or nil (also outside the
// sentence).
func (s *sentence) mat(k int) *mention {
	if k < 0 || k >= len(s.at) {
		return nil
	}
	return s.at[k]
}

// mentionAt returns the mention that starts at token i, or nil.
func (s *sentence) mentionAt(i int) *mention {
	if i < 0 || i >= len(s.toks) {
		return nil
	}
	if m := s.mat(i); m != nil && m.i == i {
		return m
	}
	return nil
}

// tok returns token i, or a zero token outside the sentence.
func (s *sentence) tok(i int) token {
	if i < 0 || i >= len(s.toks) {
		return token{}
	}
	return s.toks[i]
}

// slug makes an id part from a name: "John Sullivan" gives "john-sullivan".
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(normApos(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		case r == '’' || r == '.':
			// "People’s" gives "peoples", "U.S." gives "us"
		default:
			dash = true
		}
	}
	return sb.String()
}

// titleCase capitalizes each word but the small ones: "deputy assistant
// secretary for cyber" gives "Deputy Assistant Secretary for Cyber".
func titleCase(s string) string {
	words := strings.Fields(s)
	for k, w := range words {
		lw := strings.ToLower(w)
		if k > 0 && (lw == "of" || lw == "for" || lw == "and" || lw == "the" || lw == "on" || lw == "to") {
			words[k] = lw
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		if strings.ToUpper(w) == w && len(w) > 1 {
			words[k] = w // an acronym stays
			continue
		}
		words[k] = string(unicode.ToUpper(r)) + strings.ToLower(w[size:])
	}
	return strings.Join(words, " ")
}

// isCamel reports whether w mixes case inside the word ("WannaCry",
// "NotPetya"): names of malware and operations.
func isCamel(w string) bool {
	prevLower := false
	for k, r := range w {
		if k > 0 && prevLower && unicode.IsUpper(r) {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}
