package loader

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/resolve"
	"github.com/actorgraph/actorgraph/loader/segment"
)

// curatedConfidence is the confidence of a curated claim that states none.
const curatedConfidence = 0.95

// builder turns one document and its annotation file into a batch, checking
// everything it can with the file's positions so that errors point at the
// line to fix. The store checks again (it is the last line of defence), but
// its messages cannot name a line.
type builder struct {
	file  *annotation.File
	doc   graph.Document
	reg   *resolve.Registry
	loc   *segment.Locator
	kinds map[string]graph.NodeKind
	batch graph.Batch
	added map[string]bool
	names map[string]string // id -> name of the first node of the batch with that id
	ctx   context.Context   // nil: never canceled
}

// withContext makes build stop with ctx's error when ctx ends.
func (b *builder) withContext(ctx context.Context) *builder {
	b.ctx = ctx
	return b
}

// canceled is ctx's error, checked between the items of a file.
func (b *builder) canceled() error {
	if b.ctx == nil {
		return nil
	}
	return b.ctx.Err()
}

func newBuilder(doc graph.Document, f *annotation.File, reg *resolve.Registry) *builder {
	return &builder{file: f, doc: doc, reg: reg, loc: segment.NewLocator(doc.Text, segment.Sentences(doc.Text)),
		kinds: map[string]graph.NodeKind{}, added: map[string]bool{}, names: map[string]string{}}
}

// addNode adds n to the batch. Every node goes through here, so that
// nameOf is a lookup, not a loop over the batch (quadratic in an article
// with thousands of attributions).
func (b *builder) addNode(n graph.Node) {
	if _, ok := b.names[n.ID]; !ok {
		b.names[n.ID] = n.Name
	}
	b.batch.Nodes = append(b.batch.Nodes, n)
}

func (b *builder) errAt(p annotation.Pos, format string, args ...any) error {
	return &annotation.Error{File: b.file.Name, Pos: p, Msg: fmt.Sprintf(format, args...)}
}

// build returns the document's batch, or the first problem found.
func (b *builder) build() (graph.Batch, error) {
	b.batch.Documents = []graph.Document{b.doc}
	f := b.file
	for _, e := range f.Entities {
		if err := b.canceled(); err != nil {
			return graph.Batch{}, err
		}
		if err := b.entity(e); err != nil {
			return graph.Batch{}, err
		}
	}
	// Attributions before statements: a statement may be about an
	// attribution ("rejected the accusations"), never the other way round.
	for _, a := range f.Attributions {
		if err := b.canceled(); err != nil {
			return graph.Batch{}, err
		}
		if err := b.attribution(a); err != nil {
			return graph.Batch{}, err
		}
	}
	for _, s := range f.Statements {
		if err := b.canceled(); err != nil {
			return graph.Batch{}, err
		}
		if err := b.statement(s); err != nil {
			return graph.Batch{}, err
		}
	}
	for _, r := range f.Roles {
		if err := b.canceled(); err != nil {
			return graph.Batch{}, err
		}
		if err := b.role(r); err != nil {
			return graph.Batch{}, err
		}
	}
	// Claims last: they may refer to the statements and attributions above.
	for _, c := range f.Claims {
		if err := b.canceled(); err != nil {
			return graph.Batch{}, err
		}
		if err := b.claim(c); err != nil {
			return graph.Batch{}, err
		}
	}
	return b.batch, nil
}

func (b *builder) entity(e annotation.Entity) error {
	at := func(field string) annotation.Pos { return annotation.At(e.Pos, e.FieldPos, field) }
	if strings.TrimSpace(e.ID) == "" {
		return b.errAt(e.Pos, "entity has no id")
	}
	if _, dup := b.kinds[e.ID]; dup {
		return b.errAt(at("id"), "entity %q is declared twice", e.ID)
	}
	kind, err := graph.ParseNodeKind(e.Kind)
	if err != nil || e.Kind == "" {
		return b.errAt(at("kind"), "entity %q: unknown kind %q (known: %s)", e.ID, e.Kind, kindList())
	}
	name := e.Name
	if ref, ok := b.reg.Node(e.ID); ok {
		if ref.Kind != kind {
			return b.errAt(at("kind"), "entity %q is a %s in the reference data, not a %s", e.ID, ref.Kind, kind)
		}
		if name == "" {
			name = ref.Name
		}
		e.Aliases = graph.MergeAliases(name, ref.Aliases, e.Aliases)
	}
	if strings.TrimSpace(name) == "" {
		return b.errAt(e.Pos, "entity %q has no name", e.ID)
	}
	for k := range e.Properties {
		if err := graph.CheckProperty(k); err != nil {
			return b.errAt(at("properties"), "entity %q: %s", e.ID, err.(*graph.Error).Msg)
		}
	}
	source := "annotation:" + b.file.Name
	if e.Method != "" && e.Method != graph.MethodCurated {
		if err := graph.CheckMethod(e.Method); err != nil {
			return b.errAt(at("method"), "entity %q: %s", e.ID, err.(*graph.Error).Msg)
		}
		// Found by a rule: the article is its source, not a person's file.
		source = "extraction:" + b.doc.Source
	}
	n := graph.Node{ID: e.ID, Kind: kind, Name: name, Aliases: e.Aliases, Props: e.Properties, Source: source}
	if kind.IsClaim() {
		// A claim-node's provenance is its evidence, not the file.
		n.Source = ""
		if e.Quote == "" {
			return b.errAt(e.Pos, "entity %q is a %s, which is itself a claim: give the quote that reports it", e.ID, kind)
		}
	}
	if err := n.Validate(); err != nil {
		return b.errAt(e.Pos, "%s", err.(*graph.Error).Msg)
	}
	b.kinds[e.ID] = kind
	b.added[e.ID] = true
	b.addNode(n)
	if e.Quote != "" {
		return b.evidence(e.ID, e.Quote, at("quote"))
	}
	return nil
}

// ref resolves an id used by a claim: declared in the file, or reference
// data (added to the batch the first time it is used).
func (b *builder) ref(id string, p annotation.Pos, what string) (graph.NodeKind, error) {
	if k, ok := b.kinds[id]; ok {
		return k, nil
	}
	n, ok := b.reg.Node(id)
	if !ok {
		return "", b.errAt(p, "%s %q is not declared under entities and is not a reference id (such as country:EE or org:nato)", what, id)
	}
	b.kinds[id] = n.Kind
	if !b.added[id] {
		b.added[id] = true
		b.addNode(n)
	}
	return n.Kind, nil
}

// evidence adds the evidence of subject: the sentence(s) of the document
// containing the quote. The quote must occur verbatim in the cleaned text.
func (b *builder) evidence(subject, quote string, p annotation.Pos) error {
	q := strings.TrimSpace(quote)
	if q == "" {
		return b.errAt(p, "the quote is empty: every claim must cite the text it comes from")
	}
	_, _, start, end, ok := b.loc.Find(q)
	if !ok {
		return b.errAt(p, "quote %q does not occur in the cleaned text of the article%s", clip(q), quoteHint(b.doc.Text, q))
	}
	text, _ := b.loc.Span(start, end)
	if len(text) > graph.MaxQuoteBytes {
		return b.errAt(p, "the sentence holding quote %q is %d bytes long; evidence keeps at most %d (is the article's punctuation lost?)", clip(q), len(text), graph.MaxQuoteBytes)
	}
	b.batch.Evidence = append(b.batch.Evidence, graph.Evidence{
		ID: graph.EvidenceID(subject, b.doc.ID, start, end), Subject: subject, DocumentID: b.doc.ID,
		Start: start, End: end, Quote: text})
	return nil
}

// quoteHint explains the most common reason a quote is not found.
func quoteHint(text, q string) string {
	straight := strings.NewReplacer("“", `"`, "”", `"`, "’", "'", "‘", "'").Replace
	if strings.Contains(straight(text), straight(q)) {
		return " (it does with other quotation marks: copy the curly quotes or apostrophes from the article)"
	}
	if strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(q), " ")) {
		return " (it does with other spacing or line breaks)"
	}
	return ""
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 70 {
		return string(r[:67]) + "..."
	}
	return s
}

type relSpec struct {
	from, to   string
	fromPos    annotation.Pos
	toPos      annotation.Pos
	typ        graph.RelType
	quote      string
	quotePos   annotation.Pos
	date       string
	modality   graph.Modality
	confidence float64
	props      map[string]string
	method     string // "" is curated
}

// rel adds one claim with its evidence, checking endpoints against the
// vocabulary.
func (b *builder) rel(s relSpec) error {
	fk, err := b.ref(s.from, s.fromPos, "subject")
	if err != nil {
		return err
	}
	tk, err := b.ref(s.to, s.toPos, "object")
	if err != nil {
		return err
	}
	if err := graph.CheckEndpoints(s.typ, fk, tk); err != nil {
		return b.errAt(s.fromPos, "%s -%s-> %s: %s", s.from, s.typ, s.to, err.(*graph.Error).Msg)
	}
	method := s.method
	if method == "" {
		method = graph.MethodCurated
	}
	r := graph.Relationship{ID: graph.ClaimID(s.from, s.typ, s.to), Type: s.typ, From: s.from, To: s.to,
		Method: method, Confidence: s.confidence, Modality: s.modality, Date: s.date,
		Published: b.doc.Published, Props: s.props}
	if r.Modality == "" {
		r.Modality = graph.Asserted
	}
	if err := r.Validate(); err != nil {
		return b.errAt(s.fromPos, "%s", err.(*graph.Error).Msg)
	}
	b.batch.Relationships = append(b.batch.Relationships, r)
	return b.evidence(r.ID, s.quote, s.quotePos)
}

// method checks an item's method: empty or "curated" for what a person
// wrote or checked, "rule:<name>@<version>" for what extraction proposed.
func (b *builder) method(m string, p annotation.Pos) (string, error) {
	if m == "" || m == graph.MethodCurated {
		return "", nil
	}
	if err := graph.CheckMethod(m); err != nil {
		return "", b.errAt(p, "%s", err.(*graph.Error).Msg)
	}
	return m, nil
}

// confidence checks an item's confidence, curatedConfidence when absent.
func (b *builder) confidence(c *float64, p annotation.Pos) (float64, error) {
	if c == nil {
		return curatedConfidence, nil
	}
	if *c < 0 || *c > 1 {
		return 0, b.errAt(p, "confidence %v is not between 0 and 1", *c)
	}
	return *c, nil
}

func (b *builder) modality(s string, p annotation.Pos) (graph.Modality, error) {
	if s == "" {
		return graph.Asserted, nil
	}
	m := graph.Modality(strings.ToLower(s))
	if !m.Valid() {
		return "", b.errAt(p, "unknown modality %q (known: asserted, alleged, denied)", s)
	}
	return m, nil
}

func (b *builder) date(s string, p annotation.Pos) error {
	if s != "" && !graph.ValidDate(s) {
		return b.errAt(p, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return nil
}

func (b *builder) claim(c annotation.Claim) error {
	at := func(field string) annotation.Pos { return annotation.At(c.Pos, c.FieldPos, field) }
	t, err := graph.ParseRelType(c.Type)
	if err != nil || c.Type == "" {
		return b.errAt(at("type"), "unknown relationship type %q (known: %s)", c.Type, typeList())
	}
	if c.Subject == "" || c.Object == "" {
		return b.errAt(c.Pos, "a claim needs a subject and an object")
	}
	m, err := b.modality(c.Modality, at("modality"))
	if err != nil {
		return err
	}
	if err := b.date(c.Date, at("date")); err != nil {
		return err
	}
	conf, err := b.confidence(c.Confidence, at("confidence"))
	if err != nil {
		return err
	}
	method, err := b.method(c.Method, at("method"))
	if err != nil {
		return err
	}
	for k := range c.Properties {
		if err := graph.CheckProperty(k); err != nil {
			return b.errAt(at("properties"), "%s", err.(*graph.Error).Msg)
		}
	}
	return b.rel(relSpec{from: c.Subject, to: c.Object, fromPos: at("subject"), toPos: at("object"), typ: t,
		quote: c.Quote, quotePos: at("quote"), date: c.Date, modality: m, confidence: conf, props: c.Properties, method: method})
}

func (b *builder) statement(s annotation.Statement) error {
	at := func(field string) annotation.Pos { return annotation.At(s.Pos, s.FieldPos, field) }
	if len(s.Speakers) == 0 {
		return b.errAt(s.Pos, "a statement needs at least one speaker")
	}
	if err := b.date(s.Date, at("date")); err != nil {
		return err
	}
	text := statementText(s)
	id := statementID(s)
	if _, dup := b.kinds[id]; dup {
		return b.errAt(at("id"), "statement %q is declared twice", id)
	}
	props := map[string]string{"text": text}
	if s.Date != "" {
		props["date"] = s.Date
	}
	n := graph.Node{ID: id, Kind: graph.KindStatement, Name: clip(text), Props: props}
	if err := n.Validate(); err != nil {
		return b.errAt(s.Pos, "%s", err.(*graph.Error).Msg)
	}
	b.kinds[id], b.added[id] = graph.KindStatement, true
	b.addNode(n)
	if err := b.evidence(id, s.Quote, at("quote")); err != nil {
		return err
	}
	conf, err := b.confidence(s.Confidence, at("confidence"))
	if err != nil {
		return err
	}
	method, err := b.method(s.Method, at("method"))
	if err != nil {
		return err
	}
	base := relSpec{quote: s.Quote, quotePos: at("quote"), date: s.Date, modality: graph.Asserted, confidence: conf, method: method}
	for _, sp := range s.Speakers {
		r := base
		r.from, r.fromPos, r.typ, r.to, r.toPos = sp, at("speakers"), graph.RelSaid, id, s.Pos
		if err := b.rel(r); err != nil {
			return err
		}
	}
	for _, about := range s.About {
		r := base
		r.from, r.fromPos, r.typ, r.to, r.toPos = id, s.Pos, graph.RelAbout, about, at("about")
		if err := b.rel(r); err != nil {
			return err
		}
	}
	if s.MadeAt != "" {
		r := base
		r.from, r.fromPos, r.typ, r.to, r.toPos = id, s.Pos, graph.RelMadeAt, s.MadeAt, at("made_at")
		return b.rel(r)
	}
	return nil
}

func (b *builder) attribution(a annotation.Attribution) error {
	at := func(field string) annotation.Pos { return annotation.At(a.Pos, a.FieldPos, field) }
	if len(a.By) == 0 || (len(a.Blames) == 0 && a.Concerns == "") {
		return b.errAt(a.Pos, "an attribution needs who made it (by) and whom it blames (blames) or what it concerns (concerns)")
	}
	m, err := b.modality(a.Modality, at("modality"))
	if err != nil {
		return err
	}
	if err := b.date(a.Date, at("date")); err != nil {
		return err
	}
	id := a.ID
	if id == "" {
		id = "attribution:" + slug(a.By[0])
		if len(a.Blames) > 0 {
			id += "-blames-" + slug(a.Blames[0])
		}
		if a.Concerns != "" {
			id += "-" + slug(a.Concerns)
		}
	}
	if _, dup := b.kinds[id]; dup {
		return b.errAt(at("id"), "attribution %q is declared twice", id)
	}
	var name string
	switch {
	case len(a.Blames) > 0 && a.Concerns != "":
		name = b.nameOf(a.By[0]) + " blames " + b.nameOf(a.Blames[0]) + " for " + b.nameOf(a.Concerns)
	case len(a.Blames) > 0:
		name = b.nameOf(a.By[0]) + " blames " + b.nameOf(a.Blames[0])
	default:
		name = b.nameOf(a.By[0]) + " attributes " + b.nameOf(a.Concerns)
	}
	props := map[string]string{"modality": string(m)}
	if a.Basis != "" {
		props["basis"] = a.Basis
	}
	if a.Date != "" {
		props["date"] = a.Date
	}
	// The name is made of three names: a label, clipped to the limit.
	n := graph.Node{ID: id, Kind: graph.KindAttribution, Name: graph.ClipText(name, graph.MaxNameBytes), Props: props}
	b.kinds[id], b.added[id] = graph.KindAttribution, true
	b.addNode(n)
	if err := b.evidence(id, a.Quote, at("quote")); err != nil {
		return err
	}
	conf, err := b.confidence(a.Confidence, at("confidence"))
	if err != nil {
		return err
	}
	method, err := b.method(a.Method, at("method"))
	if err != nil {
		return err
	}
	base := relSpec{quote: a.Quote, quotePos: at("quote"), date: a.Date, modality: m, confidence: conf, method: method}
	var specs []relSpec
	for _, by := range a.By {
		r := base
		r.from, r.fromPos, r.typ, r.to, r.toPos = by, at("by"), graph.RelAttributed, id, a.Pos
		specs = append(specs, r)
	}
	for _, bl := range a.Blames {
		r := base
		r.from, r.fromPos, r.typ, r.to, r.toPos = id, a.Pos, graph.RelBlames, bl, at("blames")
		specs = append(specs, r)
	}
	if a.Concerns != "" {
		r := base
		r.from, r.fromPos, r.typ, r.to, r.toPos = id, a.Pos, graph.RelConcerns, a.Concerns, at("concerns")
		specs = append(specs, r)
	}
	for _, bk := range a.BackedBy {
		r := base
		r.modality = graph.Asserted
		r.from, r.fromPos, r.typ, r.to, r.toPos = bk, at("backed_by"), graph.RelBacked, id, a.Pos
		specs = append(specs, r)
	}
	for _, r := range specs {
		if err := b.rel(r); err != nil {
			return err
		}
	}
	return nil
}

// nameOf is the display name of an id the file declares or the reference
// data knows; the id itself otherwise (ref reports unknown ids).
func (b *builder) nameOf(id string) string {
	// Every entity of the file is in the batch before any attribution is
	// built, so the batch's names cover the file's.
	if name, ok := b.names[id]; ok {
		return name
	}
	if n, ok := b.reg.Node(id); ok {
		return n.Name
	}
	return id
}

func (b *builder) role(r annotation.Role) error {
	at := func(field string) annotation.Pos { return annotation.At(r.Pos, r.FieldPos, field) }
	if r.Person == "" || r.Organization == "" || strings.TrimSpace(r.Title) == "" {
		return b.errAt(r.Pos, "a role needs a person, a title and an organization")
	}
	for _, f := range []string{"from", "to"} {
		v := r.From
		if f == "to" {
			v = r.To
		}
		if err := b.date(v, at(f)); err != nil {
			return err
		}
	}
	conf, err := b.confidence(r.Confidence, at("confidence"))
	if err != nil {
		return err
	}
	method, err := b.method(r.Method, at("method"))
	if err != nil {
		return err
	}
	props := map[string]string{"title": r.Title}
	if r.From != "" {
		props["from"] = r.From
	}
	if r.To != "" {
		props["to"] = r.To
	}
	return b.rel(relSpec{from: r.Person, fromPos: at("person"), to: r.Organization, toPos: at("organization"),
		typ: graph.RelHoldsRole, quote: r.Quote, quotePos: at("quote"), date: r.From,
		modality: graph.Asserted, confidence: conf, props: props, method: method})
}

// statementText is a statement's text: its quote unless it says otherwise.
func statementText(s annotation.Statement) string {
	if s.Text != "" {
		return s.Text
	}
	return strings.TrimSpace(s.Quote)
}

// statementID is a statement's id: the one it gives, or one made of its
// first speaker and its text.
func statementID(s annotation.Statement) string {
	if s.ID != "" || len(s.Speakers) == 0 {
		return s.ID
	}
	return "statement:" + slug(s.Speakers[0]) + "-" + shortHash(statementText(s))
}

// slug makes an id part from an id or a name: "person:john-sullivan" gives
// "john-sullivan", "John Sullivan" gives "john-sullivan".
func slug(s string) string {
	if _, rest, ok := strings.Cut(s, ":"); ok {
		s = rest
	}
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return sb.String()
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

func kindList() string {
	var s []string
	for _, k := range graph.NodeKinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func typeList() string {
	var s []string
	for _, t := range graph.RelTypes() {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}
