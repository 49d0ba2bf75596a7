package graphtest

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Canonical ids used across the fixtures. They follow the loader's
// conventions (graph.NodeKind.IDPrefix) so failures read like real data.
const (
	idUS        = "country:US"
	idRU        = "country:RU"
	idEE        = "country:EE"
	idGB        = "country:GB"
	idLV        = "country:LV"
	idLT        = "country:LT"
	idPL        = "country:PL"
	idNZ        = "country:NZ"
	idNATO      = "org:nato"
	idGRU       = "org:gru"
	idSullivan  = "person:john-sullivan"
	idMeeting   = "event:un-cyber-ministerial-2018"
	idStatement = "statement:sullivan-russia-accountable"
	idAttrib    = "attribution:gb-ru-2018-10"
)

// docKit builds one document together with the nodes and claims it
// supports. A test names each claim once with the words that support it; a
// quote the text does not contain yet is appended to it as a sentence, and
// the document id and the code-point offsets of every evidence follow from
// the final text. This keeps fixtures honest: every evidence really is a
// verbatim span, computed the way the loader computes it.
type docKit struct {
	t         testing.TB
	title     string
	published string
	text      string
	nodes     []graph.Node
	rels      []graph.Relationship
	cites     []citation
	frozen    bool
}

type citation struct{ subject, quote string }

func newDoc(t testing.TB, title, published string, sentences ...string) *docKit {
	k := &docKit{t: t, title: title, published: published}
	for _, s := range sentences {
		k.say(s)
	}
	return k
}

// say appends a sentence to the text.
func (k *docKit) say(sentence string) {
	k.t.Helper()
	if k.frozen {
		k.t.Fatalf("graphtest fixture: document %q grew after its id was taken", k.title)
	}
	if k.text != "" {
		k.text += " "
	}
	k.text += sentence
}

// cite records that the first occurrence of quote supports subject.
func (k *docKit) cite(subject, quote string) {
	k.t.Helper()
	if !strings.Contains(k.text, quote) {
		k.say(quote)
	}
	k.cites = append(k.cites, citation{subject, quote})
}

// node adds n to the batch, cited by quote unless quote is empty.
func (k *docKit) node(n graph.Node, quote string) graph.Node {
	k.t.Helper()
	k.nodes = append(k.nodes, n)
	if quote != "" {
		k.cite(n.ID, quote)
	}
	return n
}

// claim adds the claim from -[typ]-> to, cited by quote. Its Published
// date is the document's, as the loader would set it.
func (k *docKit) claim(from string, typ graph.RelType, to, quote string, opts ...relOpt) graph.Relationship {
	k.t.Helper()
	r := rel(from, typ, to, opts...)
	if r.Published == "" {
		r.Published = k.published
	}
	k.rels = append(k.rels, r)
	k.cite(r.ID, quote)
	return r
}

// doc returns the document; the text cannot grow afterwards.
func (k *docKit) doc() graph.Document {
	k.frozen = true
	id := graph.DocumentID(k.text)
	return graph.Document{
		ID:        id,
		Title:     k.title,
		Publisher: "graphtest",
		URL:       "https://example.org/articles/" + strings.TrimPrefix(id, "doc:"),
		Published: k.published,
		Text:      k.text,
		Source:    "graphtest/" + k.title,
	}
}

// batch returns the document with its nodes, claims and evidence.
func (k *docKit) batch() graph.Batch {
	k.t.Helper()
	d := k.doc()
	b := graph.Batch{
		Documents:     []graph.Document{d},
		Nodes:         slices.Clone(k.nodes),
		Relationships: slices.Clone(k.rels),
	}
	for _, c := range k.cites {
		b.Evidence = append(b.Evidence, quoteEvidence(k.t, d, c.subject, c.quote))
	}
	return b
}

// quoteEvidence is the evidence for subject at the first occurrence of quote
// in d. Offsets are in code points, as the Store contract requires, so a
// store counting bytes or UTF-16 units disagrees as soon as the text before
// the quote holds a multi-byte character.
func quoteEvidence(t testing.TB, d graph.Document, subject, quote string) graph.Evidence {
	t.Helper()
	i := strings.Index(d.Text, quote)
	if i < 0 || quote == "" {
		t.Fatalf("graphtest fixture: quote %q is not in document %q", quote, d.Title)
	}
	start := graph.RuneOffset(d.Text, i)
	end := start + utf8.RuneCountInString(quote)
	return graph.Evidence{
		ID:         graph.EvidenceID(subject, d.ID, start, end),
		Subject:    subject,
		DocumentID: d.ID,
		Start:      start,
		End:        end,
		Quote:      quote,
	}
}

// entity is a node that needs no evidence, with no source: the kind of node
// DeleteDocument removes once nothing refers to it.
func entity(id string, kind graph.NodeKind, name string, aliases ...string) graph.Node {
	return graph.Node{ID: id, Kind: kind, Name: name, Aliases: aliases}
}

// country is a Country from the reference dataset, which DeleteDocument
// must keep even when no claim refers to it any more.
func country(id, name string, aliases ...string) graph.Node {
	return graph.Node{ID: id, Kind: graph.KindCountry, Name: name, Aliases: aliases,
		Source: "reference:iso-3166"}
}

// withProps returns n with the given key/value properties.
func withProps(n graph.Node, kv ...string) graph.Node {
	n.Props = props(kv...)
	return n
}

func props(kv ...string) map[string]string {
	if len(kv)%2 != 0 {
		panic("graphtest: odd number of property arguments")
	}
	m := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

type relOpt func(*graph.Relationship)

func confidence(c float64) relOpt      { return func(r *graph.Relationship) { r.Confidence = c } }
func dated(d string) relOpt            { return func(r *graph.Relationship) { r.Date = d } }
func relProps(kv ...string) relOpt     { return func(r *graph.Relationship) { r.Props = props(kv...) } }
func modality(m graph.Modality) relOpt { return func(r *graph.Relationship) { r.Modality = m } }

// rel is a valid curated claim with its canonical id.
func rel(from string, typ graph.RelType, to string, opts ...relOpt) graph.Relationship {
	r := graph.Relationship{
		ID:         graph.ClaimID(from, typ, to),
		Type:       typ,
		From:       from,
		To:         to,
		Method:     graph.MethodCurated,
		Confidence: 0.9,
		Modality:   graph.Asserted,
	}
	for _, o := range opts {
		o(&r)
	}
	return r
}

// merge concatenates batches.
func merge(bs ...graph.Batch) graph.Batch {
	var out graph.Batch
	for _, b := range bs {
		out.Documents = append(out.Documents, b.Documents...)
		out.Nodes = append(out.Nodes, b.Nodes...)
		out.Relationships = append(out.Relationships, b.Relationships...)
		out.Evidence = append(out.Evidence, b.Evidence...)
	}
	return out
}

func cloneBatch(b graph.Batch) graph.Batch {
	return graph.Batch{
		Documents:     slices.Clone(b.Documents),
		Nodes:         slices.Clone(b.Nodes),
		Relationships: slices.Clone(b.Relationships),
		Evidence:      slices.Clone(b.Evidence),
	}
}

// expectStats is what a store must report after writing b (and nothing
// else): every distinct id counted once.
func expectStats(b graph.Batch) graph.Stats {
	s := graph.Stats{Nodes: map[graph.NodeKind]int{}, Relationships: map[graph.RelType]int{}}
	seen := map[string]bool{}
	for _, d := range b.Documents {
		if !seen[d.ID] {
			seen[d.ID] = true
			s.Documents++
		}
	}
	for _, n := range b.Nodes {
		if !seen[n.ID] {
			seen[n.ID] = true
			s.Nodes[n.Kind]++
		}
	}
	for _, r := range b.Relationships {
		if !seen[r.ID] {
			seen[r.ID] = true
			s.Relationships[r.Type]++
		}
	}
	for _, e := range b.Evidence {
		if !seen[e.ID] {
			seen[e.ID] = true
			s.Evidence++
		}
	}
	return s
}

// statsDiff describes how got differs from want; zero counts and absent map
// entries are the same thing.
func statsDiff(want, got graph.Stats) string {
	var d []string
	for _, k := range graph.NodeKinds() {
		if want.Nodes[k] != got.Nodes[k] {
			d = append(d, fmt.Sprintf("%s nodes %d, want %d", k, got.Nodes[k], want.Nodes[k]))
		}
	}
	for k, v := range got.Nodes {
		if !k.Valid() && v != 0 {
			d = append(d, fmt.Sprintf("%d nodes of unknown kind %q", v, k))
		}
	}
	for _, t := range graph.RelTypes() {
		if want.Relationships[t] != got.Relationships[t] {
			d = append(d, fmt.Sprintf("%s claims %d, want %d", t, got.Relationships[t], want.Relationships[t]))
		}
	}
	for t, v := range got.Relationships {
		if !t.Valid() && v != 0 {
			d = append(d, fmt.Sprintf("%d claims of unknown type %q", v, t))
		}
	}
	if want.Documents != got.Documents {
		d = append(d, fmt.Sprintf("documents %d, want %d", got.Documents, want.Documents))
	}
	if want.Evidence != got.Evidence {
		d = append(d, fmt.Sprintf("evidence %d, want %d", got.Evidence, want.Evidence))
	}
	return strings.Join(d, "; ")
}

// nodeDiff describes how got differs from want as stored: aliases are a set
// (the contract says union, not an order) without the name, and no
// properties is the same as an empty map. Strings compare byte for byte.
func nodeDiff(want, got graph.Node) string {
	var d []string
	if got.ID != want.ID {
		d = append(d, fmt.Sprintf("ID %q, want %q", got.ID, want.ID))
	}
	if got.Kind != want.Kind {
		d = append(d, fmt.Sprintf("Kind %q, want %q", got.Kind, want.Kind))
	}
	if got.Name != want.Name {
		d = append(d, fmt.Sprintf("Name %q, want %q", got.Name, want.Name))
	}
	if got.Source != want.Source {
		d = append(d, fmt.Sprintf("Source %q, want %q", got.Source, want.Source))
	}
	if wa := graph.MergeAliases(want.Name, nil, want.Aliases); !sameSet(got.Aliases, wa) {
		d = append(d, fmt.Sprintf("Aliases %q, want %q (any order)", got.Aliases, wa))
	}
	if !maps.Equal(got.Props, want.Props) {
		d = append(d, fmt.Sprintf("Props %q, want %q", got.Props, want.Props))
	}
	return strings.Join(d, "; ")
}

// relDiff describes how got differs from want as stored. An empty modality
// means asserted.
func relDiff(want, got graph.Relationship) string {
	norm := func(m graph.Modality) graph.Modality {
		if m == "" {
			return graph.Asserted
		}
		return m
	}
	var d []string
	check := func(field, g, w string) {
		if g != w {
			d = append(d, fmt.Sprintf("%s %q, want %q", field, g, w))
		}
	}
	check("ID", got.ID, want.ID)
	check("Type", string(got.Type), string(want.Type))
	check("From", got.From, want.From)
	check("To", got.To, want.To)
	check("Method", got.Method, want.Method)
	check("Modality", string(norm(got.Modality)), string(norm(want.Modality)))
	check("Date", got.Date, want.Date)
	check("Published", got.Published, want.Published)
	if math.Abs(got.Confidence-want.Confidence) > 1e-9 {
		d = append(d, fmt.Sprintf("Confidence %v, want %v", got.Confidence, want.Confidence))
	}
	if !maps.Equal(got.Props, want.Props) {
		d = append(d, fmt.Sprintf("Props %q, want %q", got.Props, want.Props))
	}
	return strings.Join(d, "; ")
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func nodeIDs(ns []graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func relIDs(rs []graph.Relationship) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func hitIDs(hs []graph.SearchHit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Node.ID
	}
	return out
}

// world is a small graph in the spirit of the seed articles: a UN cyber
// ministerial convened by John Sullivan, his statement about Russia, and a
// British attribution of cyber attacks to the GRU that Estonia backed. It has
// every kind of item the contracts talk about: reference countries, plain
// entities, claim-nodes of three kinds, claims of many types and two
// documents.
func world(t testing.TB) (b graph.Batch, docA, docB graph.Document) {
	a := newDoc(t, "UN cyber ministerial", "2018-09-28",
		"Deputy Secretary of State John Sullivan convened a ministerial meeting on cyberspace at the United Nations.",
		"Estonia and the United Kingdom attended the meeting.",
		"Sullivan said the United States would hold Russia accountable for its malicious cyber activity.")
	a.node(country(idUS, "United States", "USA", "Washington"), "")
	a.node(country(idRU, "Russia", "Russian Federation"), "")
	a.node(country(idEE, "Estonia"), "")
	a.node(country(idGB, "United Kingdom", "UK", "Britain"), "")
	a.node(entity(idSullivan, graph.KindPerson, "John Sullivan", "Sullivan"), "")
	a.node(withProps(entity(idMeeting, graph.KindEvent, "UN cyber ministerial"),
		"date", "2018-09-28", "location", "New York"),
		"convened a ministerial meeting on cyberspace at the United Nations")
	a.node(withProps(entity(idStatement, graph.KindStatement, "Sullivan on holding Russia accountable"),
		"text", "the United States would hold Russia accountable for its malicious cyber activity"),
		"the United States would hold Russia accountable for its malicious cyber activity")
	a.claim(idSullivan, graph.RelConvened, idMeeting,
		"John Sullivan convened a ministerial meeting on cyberspace at the United Nations", dated("2018-09-28"))
	a.claim(idEE, graph.RelAttended, idMeeting, "Estonia and the United Kingdom attended the meeting.")
	a.claim(idGB, graph.RelAttended, idMeeting, "Estonia and the United Kingdom attended the meeting.")
	a.claim(idSullivan, graph.RelSaid, idStatement,
		"Sullivan said the United States would hold Russia accountable for its malicious cyber activity.")
	a.claim(idStatement, graph.RelAbout, idRU, "hold Russia accountable")
	a.claim(idSullivan, graph.RelHoldsRole, idUS, "Deputy Secretary of State John Sullivan",
		relProps("title", "Deputy Secretary of State"), confidence(0.8))

	bk := newDoc(t, "UK attribution", "2018-10-04",
		"The United Kingdom attributed the cyber attacks to the GRU, Russia's military intelligence service.",
		"Estonia backed the attribution.")
	bk.node(withProps(entity(idAttrib, graph.KindAttribution, "UK attribution of cyber attacks to the GRU"),
		"basis", "intelligence assessment", "modality", "asserted", "date", "2018-10-04"),
		"The United Kingdom attributed the cyber attacks to the GRU")
	bk.node(withProps(entity(idGRU, graph.KindOrganization, "GRU", "Main Intelligence Directorate"),
		"kind", "military"), "")
	bk.claim(idGB, graph.RelAttributed, idAttrib, "The United Kingdom attributed the cyber attacks to the GRU")
	bk.claim(idAttrib, graph.RelBlames, idGRU, "attributed the cyber attacks to the GRU", modality(graph.Alleged))
	bk.claim(idGRU, graph.RelPartOf, idRU, "the GRU, Russia's military intelligence service")
	bk.claim(idEE, graph.RelBacked, idAttrib, "Estonia backed the attribution.", confidence(0.95))

	ba, bb := a.batch(), bk.batch()
	return merge(ba, bb), ba.Documents[0], bb.Documents[0]
}
