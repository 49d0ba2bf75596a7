package extract

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

// Extractor proposes annotations for articles. It is built once (the
// gazetteer and lexicon are compiled in New), is read-only afterwards and
// safe for concurrent use.
type Extractor struct {
	reg     *resolve.Registry
	lx      *lexicon
	gz      *gazetteer
	cons    []*construction
	consIdx constructionIndex
	// rolePatterns are the constructions that give a role by pattern, by
	// pattern ("title-name": role-title)
	rolePatterns map[string][]*construction
	// consSuffix are the constructions fired by a word's ending
	// ("-sponsored"), not by a word.
	consSuffix []*construction
	// capitals maps a capital's lower-case name to its state, from the
	// reference data, for datelines.
	capitals map[string]string
	// sponsors maps a state-sponsored group to the state body the
	// reference data places it under. Only denials read it ("Moscow denied
	// any role" answers a blame of a group under the GRU); what a group is
	// reported to have done stays the group's.
	sponsors map[string]string
	// stems maps the one-word name of a country, and that name without a
	// final vowel, to the country, for demonyms the reference data does
	// not list ("Peruvian", "Ecuadorian"); "" marks a stem two countries
	// share.
	stems map[string]string
}

// New builds an extractor over the reference entities of reg and the
// embedded lexicon.
func New(reg *resolve.Registry) (*Extractor, error) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		return nil, err
	}
	cons, err := loadConstructions(constructionsYAML, lx)
	if err != nil {
		return nil, err
	}
	capitals := map[string]string{}
	for _, id := range reg.IDs() {
		if n, _ := reg.Node(id); n.Kind == graph.KindCountry {
			if c, ok := strings.CutPrefix(n.Props["description"], "capital: "); ok && c != "" {
				capitals[strings.ToLower(c)] = id
			}
		}
	}
	sponsors := map[string]string{}
	for _, l := range reg.Links() {
		if _, ok := reg.PartOf(l.Child); !ok {
			sponsors[l.Child] = l.Parent
		}
	}
	stems := map[string]string{}
	for _, id := range reg.IDs() {
		n, _ := reg.Node(id)
		if n.Kind != graph.KindCountry || strings.ContainsAny(n.Name, " (),'’-") || len(n.Name) < 4 {
			continue
		}
		forms := []string{n.Name}
		if strings.ContainsRune("aeiouy", rune(n.Name[len(n.Name)-1])) && len(n.Name) > 4 {
			forms = append(forms, n.Name[:len(n.Name)-1])
		}
		for _, f := range forms {
			if other, ok := stems[f]; ok && other != id {
				stems[f] = ""
			} else {
				stems[f] = id
			}
		}
	}
	var suffix []*construction
	rolePatterns := map[string][]*construction{}
	for _, c := range cons {
		for _, p := range c.Pattern {
			rolePatterns[p] = append(rolePatterns[p], c)
		}
		if len(c.TriggerSuffix) > 0 {
			suffix = append(suffix, c)
		}
	}
	return &Extractor{reg: reg, lx: lx, gz: newGazetteer(reg, lx), cons: cons, consIdx: indexConstructions(cons), consSuffix: suffix, rolePatterns: rolePatterns,
		capitals: capitals, sponsors: sponsors, stems: stems}, nil
}

// Extract reads a cleaned document and returns the annotations it proposes,
// in the format of curated annotation files (docs/annotations.md): every
// quote is a verbatim sentence of doc.Text, every id is canonical or
// declared, every item carries the rule that made it and a confidence.
// Extraction never fails on odd text; an error means a bug, reported
// rather than hidden.
func (x *Extractor) Extract(doc graph.Document) (*annotation.File, error) {
	return x.extract(doc, nil)
}

// extract extracts, explaining each item into expl when it is not nil.
func (x *Extractor) extract(doc graph.Document, expl *[]Explanation) (f *annotation.File, err error) {
	defer func() {
		// A rule that trips over an unforeseen sentence must not take the
		// loader down with it: the document then loads with what the
		// annotation file says, and the error says which document.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("extracting %s: internal error (please report it with the article): %v", doc.Source, r)
		}
	}()
	d := x.newDocument(doc)
	d.expl = expl
	d.recognize()
	d.finalizeIDs()
	d.rules()
	return d.file(), nil
}

// file assembles what was found into an annotation file, keeping only the
// claims whose ends the vocabulary allows.
func (d *document) file() *annotation.File {
	f := &annotation.File{Name: d.doc.Source + " (extracted)"}
	f.Document = annotation.Document{Title: d.doc.Title, Publisher: d.doc.Publisher, URL: d.doc.URL, Published: d.doc.Published}
	used := map[string]bool{}
	kindOf := func(id string) graph.NodeKind {
		if a := d.out.attrByID(id); a != nil {
			return graph.KindAttribution
		}
		if e := d.ents[id]; e != nil {
			return e.kind
		}
		if n, ok := d.x.reg.Node(id); ok {
			return n.Kind
		}
		return ""
	}
	fits := func(t graph.RelType, from, to string) bool {
		return graph.CheckEndpoints(t, kindOf(from), kindOf(to)) == nil
	}
	for _, a := range d.out.attrs {
		by := slices.DeleteFunc(slices.Clone(a.by), func(id string) bool { return !fits(graph.RelAttributed, id, a.id) })
		blames := slices.DeleteFunc(slices.Clone(a.blames), func(id string) bool { return !fits(graph.RelBlames, a.id, id) })
		concerns := a.concerns
		if concerns != "" && !fits(graph.RelConcerns, a.id, concerns) {
			concerns = ""
		}
		if len(by) == 0 || len(blames) == 0 && concerns == "" {
			a.id = "" // dropped: claims that point at it go too
			continue
		}
		at := annotation.Attribution{ID: a.id, By: by, Blames: blames, Concerns: concerns, Basis: a.basis,
			Quote: a.quote, Method: a.method, Confidence: ptr(round2(a.conf))}
		if at.Blames == nil {
			at.Blames = []string{}
		}
		if a.modality == graph.Alleged {
			at.Modality = string(a.modality)
		}
		f.Attributions = append(f.Attributions, at)
		d.explain(itemOfAttribution(at), a.method, a.fired, a.quote)
		markUsed(used, by...)
		markUsed(used, blames...)
		markUsed(used, concerns)
	}
	var claims []finding
	for _, a := range d.out.attrs {
		if a.id != "" {
			claims = append(claims, a.extra...)
		}
	}
	claims = append(claims, d.out.claims...)
	slices.SortStableFunc(claims, func(a, b finding) int { return a.sent - b.sent })
	for _, c := range claims {
		if kindOf(c.subj) == "" || kindOf(c.obj) == "" || !fits(c.typ, c.subj, c.obj) {
			continue
		}
		cl := annotation.Claim{Subject: c.subj, Type: string(c.typ), Object: c.obj, Quote: c.quote,
			Method: c.method, Confidence: ptr(round2(c.conf)), Properties: c.props}
		if c.modality == graph.Alleged {
			cl.Modality = string(c.modality)
		}
		f.Claims = append(f.Claims, cl)
		d.explain(itemOfClaim(cl), c.method, c.fired, c.quote)
		markUsed(used, c.subj, c.obj)
	}
	for _, st := range d.out.statements {
		speakers := slices.DeleteFunc(slices.Clone(st.speakers), func(id string) bool { return !isActorKind(kindOf(id)) })
		if len(speakers) == 0 {
			continue
		}
		about := slices.DeleteFunc(slices.Clone(st.about), func(id string) bool { return kindOf(id) == "" })
		if len(about) == 0 {
			about = nil
		}
		s := annotation.Statement{Speakers: speakers, Quote: st.quote, Text: st.text, About: about,
			Method: st.method, Confidence: ptr(round2(st.conf))}
		if st.madeAt != "" && kindOf(st.madeAt) == graph.KindEvent {
			s.MadeAt = st.madeAt
		}
		f.Statements = append(f.Statements, s)
		d.explain(itemOfStatement(s), st.method, st.fired, st.quote)
		markUsed(used, speakers...)
		markUsed(used, about...)
		markUsed(used, s.MadeAt)
	}
	for _, r := range d.out.roles {
		if !fits(graph.RelHoldsRole, r.person, r.org) {
			continue
		}
		f.Roles = append(f.Roles, annotation.Role{Person: r.person, Title: r.title, Organization: r.org, Quote: r.quote,
			From: r.dates.from, To: r.dates.to, Method: r.method, Confidence: ptr(round2(r.conf))})
		d.explain(fmt.Sprintf("ROLE %s %s (%s)", r.person, r.org, r.title), r.method, r.fired, r.quote)
		markUsed(used, r.person, r.org)
	}
	// Declare the minted entities that claims use, in order of first mention.
	for _, e := range d.order {
		if e.ref || !used[e.id] {
			continue
		}
		ent := annotation.Entity{ID: e.id, Kind: string(e.kind), Name: e.name, Aliases: e.aliases, Method: e.method}
		props := map[string]string{}
		for k, v := range e.props {
			props[k] = v
		}
		if e.kind == graph.KindOrganization && e.orgKind != "" {
			props["kind"] = e.orgKind
		}
		if len(props) > 0 {
			ent.Properties = props
		}
		if e.kind == graph.KindEvent || e.kind == graph.KindCyberOperation || e.kind == graph.KindDoctrine {
			ent.Quote = e.quote
		}
		f.Entities = append(f.Entities, ent)
	}
	return f
}

func markUsed(used map[string]bool, ids ...string) {
	for _, id := range ids {
		if id != "" {
			used[id] = true
		}
	}
}

func ptr(f float64) *float64 { return &f }

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// demonymSuffixes are the endings English adds to a country's name to make
// its demonym: Peru-vian, Ecuador-ian, Brazil-ian, Haiti-an, Argentin-e,
// Kuwait-i.
var demonymSuffixes = []string{"vian", "ian", "ean", "an", "ese", "ine", "e", "i"}

// stemDemonym resolves a capitalized word the reference data does not know
// as a demonym to the country whose one-word name (or that name without its
// final vowel) begins it, followed by a demonym ending: "Peruvian" is Peru.
// The longest name wins; a stem two countries share resolves to nothing.
func (x *Extractor) stemDemonym(w string) string {
	if len(w) < 6 || !unicode.IsUpper(rune(w[0])) {
		return ""
	}
	base := strings.TrimSuffix(w, "s")
	for l := len(base) - 1; l >= 4; l-- {
		id, ok := x.stems[base[:l]]
		if !ok {
			continue
		}
		if id != "" && slices.Contains(demonymSuffixes, base[l:]) {
			return id
		}
		return ""
	}
	return ""
}
