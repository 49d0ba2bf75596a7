package schema

import (
	"sort"

	"github.com/actorgraph/actorgraph/graph"
)

// Node is the Go side of the GraphQL interface Node: one struct per kind,
// each wrapping the domain node. Kind shadows graph.Node.Kind with the
// GraphQL enum type.
type Node interface {
	domain() graph.Node
}

type nodeBase struct {
	graph.Node
	Kind NodeKind
}

func (n nodeBase) domain() graph.Node { return n.Node }

func (n nodeBase) prop(key string) *string {
	if v, ok := n.Props[key]; ok && v != "" {
		return &v
	}
	return nil
}

// The node kinds.
type (
	Country        struct{ nodeBase }
	Person         struct{ nodeBase }
	Organization   struct{ nodeBase }
	CyberOperation struct{ nodeBase }
	Event          struct{ nodeBase }
	Doctrine       struct{ nodeBase }
	Statement      struct{ nodeBase }
	Attribution    struct{ nodeBase }
)

// Code is a country's ISO 3166-1 alpha-2 code, taken from its canonical id.
func (c Country) Code() string {
	if len(c.ID) > len("country:") {
		return c.ID[len("country:"):]
	}
	return ""
}

func (o Organization) OrganizationKind() *string { return o.prop("kind") }
func (o CyberOperation) Date() *string           { return o.prop("date") }
func (e Event) Date() *string                    { return e.prop("date") }
func (e Event) Location() *string                { return e.prop("location") }
func (d Doctrine) DoctrineKind() *string         { return d.prop("kind") }
func (d Doctrine) Description() *string          { return d.prop("description") }
func (d Doctrine) Date() *string                 { return d.prop("date") }
func (s Statement) Date() *string                { return s.prop("date") }
func (a Attribution) Date() *string              { return a.prop("date") }
func (a Attribution) Basis() *string             { return a.prop("basis") }

// Text is the statement itself, falling back to its name.
func (s Statement) Text() string {
	if t := s.Props["text"]; t != "" {
		return t
	}
	return s.Name
}

// Modality of an attribution; asserted unless said otherwise.
func (a Attribution) Modality() Modality {
	if m := a.Props["modality"]; m != "" {
		return Modality(m)
	}
	return ModalityAsserted
}

// wrap turns a domain node into its GraphQL type.
func wrap(n graph.Node) Node {
	b := nodeBase{Node: n, Kind: NodeKind(n.Kind)}
	switch n.Kind {
	case graph.KindCountry:
		return Country{b}
	case graph.KindPerson:
		return Person{b}
	case graph.KindOrganization:
		return Organization{b}
	case graph.KindCyberOperation:
		return CyberOperation{b}
	case graph.KindEvent:
		return Event{b}
	case graph.KindDoctrine:
		return Doctrine{b}
	case graph.KindStatement:
		return Statement{b}
	case graph.KindAttribution:
		return Attribution{b}
	}
	// Stores only hold vocabulary kinds; an unknown one is shown as an
	// organization rather than failing the whole response.
	return Organization{b}
}

// Relation is a claim. Type, Modality, Date and Published shadow the domain
// fields with GraphQL types (and null for unknown dates). ends resolves the
// from and to fields (see ends.go); it is shared by the claims of one answer.
type Relation struct {
	graph.Relationship
	Type      RelType
	Modality  Modality
	Date      *string
	Published *string
	ends      *ends
}

// FromNode is the GraphQL field from (gqlgen.yml binds it): a method
// without a context, so that it runs inline rather than on a goroutine.
func (r Relation) FromNode() (Node, error) { return r.ends.node(r.Relationship.From) }

// ToNode is the GraphQL field to.
func (r Relation) ToNode() (Node, error) { return r.ends.node(r.Relationship.To) }

// deref is the string a nullable argument holds, "" for null.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// wrapRel wraps one claim of a list whose ends e resolves.
func wrapRel(r graph.Relationship, e *ends) Relation {
	return Relation{Relationship: r, Type: RelType(r.Type), Modality: modalityOf(r), Date: optional(r.Date), Published: optional(r.Published), ends: e}
}

// modalityOf is a claim's modality; asserted unless said otherwise.
func modalityOf(r graph.Relationship) Modality {
	if r.Modality == "" {
		return Modality(graph.Asserted)
	}
	return Modality(r.Modality)
}

// Properties lists the claim's properties, sorted by key.
func (r Relation) Properties() []Property {
	out := make([]Property, 0, len(r.Props))
	for k, v := range r.Props {
		out = append(out, Property{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Evidence is a span of a document.
type Evidence struct{ graph.Evidence }

// Document is a stored article; empty metadata is null.
type Document struct {
	graph.Document
	Publisher *string
	URL       *string
	Published *string
	Author    *string
	Language  *string
}

func wrapDoc(d graph.Document) Document {
	return Document{Document: d, Publisher: optional(d.Publisher), URL: optional(d.URL), Published: optional(d.Published),
		Author: optional(d.Author), Language: optional(d.Language)}
}

// Citation is "publisher, date, URL" (see the schema's description).
func (d Document) Citation() string {
	return Cite(d.Document)
}

// PageCount is the number of pages, nil for a document without pages.
func (d Document) PageCount() *int {
	if len(d.Pages) == 0 {
		return nil
	}
	n := len(d.Pages)
	return &n
}

// Role is a HOLDS_ROLE claim seen from the person.
type Role struct {
	Title    string
	From, To *string
	rel      graph.Relationship
}

// SearchHit is one search result.
type SearchHit struct {
	Node    Node
	Score   float64
	Snippet *string
	Matched string
}

// Subgraph is a neighborhood.
type Subgraph struct {
	Nodes     []Node
	Relations []Relation
	Truncated bool
}

// Path is a walk between two nodes.
type Path struct {
	Nodes     []Node
	Relations []Relation
}

// ClaimCount is one group of claimCounts; its from, to and document keys
// are resolved to nodes and documents through the loaders.
type ClaimCount struct {
	Count     int
	Documents int
	Type      *RelType
	Year      *string
	Month     *string
	Publisher *string
	Method    *string
	Modality  *Modality
	Review    *ReviewStatus
	keys      map[graph.ClaimGroup]string
}

// EffectiveDate is the claim's own date, else its source's publication
// date.
func (r Relation) EffectiveDate() *string { return optional(r.Relationship.EffectiveDate()) }

// DateSource says where EffectiveDate comes from.
func (r Relation) DateSource() *DateSource {
	var s DateSource
	switch {
	case r.Relationship.Date != "":
		s = DateSourceClaim
	case r.Relationship.Published != "":
		s = DateSourcePublication
	default:
		return nil
	}
	return &s
}
