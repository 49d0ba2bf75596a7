package graph

import (
	"slices"
	"strings"
)

// This file is the single source of truth for the vocabulary (v1): the node
// kinds, the relationship types and which kinds each type may join. The
// GraphQL enums, the Neo4j labels and the Cypher lint schema are all derived
// from it; nothing accepts a kind or type that is not listed here.

// NodeKind is the kind of a node. In Neo4j it is the node's label.
type NodeKind string

// The node kinds. Document and Evidence are provenance, not nodes: they have
// their own types (Document, Evidence) and never appear as graph nodes.
const (
	KindCountry        NodeKind = "Country"
	KindPerson         NodeKind = "Person"
	KindOrganization   NodeKind = "Organization"
	KindCyberOperation NodeKind = "CyberOperation"
	KindEvent          NodeKind = "Event"
	KindDoctrine       NodeKind = "Doctrine"
	KindStatement      NodeKind = "Statement"
	KindAttribution    NodeKind = "Attribution"
)

// NodeKinds lists every node kind in a stable order.
func NodeKinds() []NodeKind {
	return []NodeKind{KindCountry, KindPerson, KindOrganization, KindCyberOperation,
		KindEvent, KindDoctrine, KindStatement, KindAttribution}
}

// Valid reports whether k is a kind of the vocabulary.
func (k NodeKind) Valid() bool { return slices.Contains(NodeKinds(), k) }

// IsClaim reports whether a node of this kind is itself a claim reported by a
// source, and so must carry evidence like a relationship does.
func (k NodeKind) IsClaim() bool {
	return k == KindEvent || k == KindStatement || k == KindAttribution
}

// IDPrefix is the prefix of canonical ids of this kind ("country:RU",
// "person:john-sullivan"). Ids are not required to use it, but the loader
// mints them that way so that an id tells its kind at a glance.
func (k NodeKind) IDPrefix() string {
	switch k {
	case KindCountry:
		return "country"
	case KindPerson:
		return "person"
	case KindOrganization:
		return "org"
	case KindCyberOperation:
		return "op"
	case KindEvent:
		return "event"
	case KindDoctrine:
		return "doctrine"
	case KindStatement:
		return "statement"
	case KindAttribution:
		return "attribution"
	}
	return ""
}

// ParseNodeKind accepts a kind by its exact name or, case-insensitively, by
// its name or id prefix ("country", "org").
func ParseNodeKind(s string) (NodeKind, error) {
	for _, k := range NodeKinds() {
		if strings.EqualFold(s, string(k)) || strings.EqualFold(s, k.IDPrefix()) {
			return k, nil
		}
	}
	return "", Invalidf("unknown node kind %q (known: %s)", s, joinKinds(NodeKinds()))
}

// OrganizationKinds are the values of an Organization's "kind" property.
var organizationKinds = []string{"alliance", "igo", "government", "legislature",
	"military", "agency", "company", "media", "academic", "threat-group", "other"}

// OrganizationKinds lists the allowed values of an Organization's "kind"
// property.
func OrganizationKinds() []string { return slices.Clone(organizationKinds) }

// Modality says how a claim was made by its source.
type Modality string

// The modalities. A claim with no modality is asserted.
const (
	Asserted Modality = "asserted"
	Alleged  Modality = "alleged"
	Denied   Modality = "denied"
)

// Valid reports whether m is a known modality.
func (m Modality) Valid() bool { return m == Asserted || m == Alleged || m == Denied }

// Modalities lists every modality, asserted first.
func Modalities() []Modality { return []Modality{Asserted, Alleged, Denied} }

// RelType is the type of a relationship (a claim). In Neo4j it is the
// relationship type.
type RelType string

// The relationship types.
const (
	RelMemberOf   RelType = "MEMBER_OF"
	RelPartOf     RelType = "PART_OF"
	RelHoldsRole  RelType = "HOLDS_ROLE"
	RelSaid       RelType = "SAID"
	RelAbout      RelType = "ABOUT"
	RelAttributed RelType = "ATTRIBUTED"
	RelBlames     RelType = "BLAMES"
	RelConcerns   RelType = "CONCERNS"
	RelBacked     RelType = "BACKED"
	RelDenied     RelType = "DENIED"
	RelTargeted   RelType = "TARGETED"
	RelProposed   RelType = "PROPOSED"
	RelAdopted    RelType = "ADOPTED"
	RelRespondsTo RelType = "RESPONDS_TO"
	RelModeledOn  RelType = "MODELED_ON"
	RelConvened   RelType = "CONVENED"
	RelAttended   RelType = "ATTENDED"
	RelHeldDuring RelType = "HELD_DURING"
	RelMadeAt     RelType = "MADE_AT"
	RelAccused    RelType = "ACCUSED"
	RelCriticized RelType = "CRITICIZED"
	RelWarned     RelType = "WARNED"
	RelThreatened RelType = "THREATENED"
	RelSanctioned RelType = "SANCTIONED"
	RelSupported  RelType = "SUPPORTED"
	RelCalledFor  RelType = "CALLED_FOR"
	RelReactedTo  RelType = "REACTED_TO"
)

// Endpoints says which node kinds a relationship type may join.
type Endpoints struct {
	From []NodeKind
	To   []NodeKind
	// Doc says in one line what the relationship means; it becomes the
	// GraphQL enum value's description.
	Doc string
}

var (
	actors      = []NodeKind{KindCountry, KindPerson, KindOrganization}
	allKinds    = NodeKinds()
	happenings  = []NodeKind{KindCyberOperation, KindEvent}
	subjectsOfX = []NodeKind{KindCountry, KindPerson, KindOrganization, KindCyberOperation,
		KindEvent, KindDoctrine, KindStatement, KindAttribution}
)

// relTypes is the vocabulary of relationship types in a stable order.
var relTypes = []RelType{RelMemberOf, RelPartOf, RelHoldsRole, RelSaid, RelAbout,
	RelAttributed, RelBlames, RelConcerns, RelBacked, RelDenied, RelTargeted,
	RelProposed, RelAdopted, RelRespondsTo, RelModeledOn, RelConvened, RelAttended,
	RelHeldDuring, RelMadeAt, RelAccused, RelCriticized, RelWarned, RelThreatened,
	RelSanctioned, RelSupported, RelCalledFor, RelReactedTo}

var endpoints = map[RelType]Endpoints{
	RelMemberOf:   {actors, []NodeKind{KindOrganization}, "a country, person or organization is a member of an organization"},
	RelPartOf:     {[]NodeKind{KindOrganization, KindEvent, KindCyberOperation}, []NodeKind{KindOrganization, KindCountry, KindEvent, KindCyberOperation}, "a body is part of a larger body or state; an event or operation part of a larger one"},
	RelHoldsRole:  {[]NodeKind{KindPerson}, []NodeKind{KindOrganization, KindCountry}, "a person holds a role (properties title, from, to) in an organization or state"},
	RelSaid:       {actors, []NodeKind{KindStatement}, "an actor made a statement"},
	RelAbout:      {[]NodeKind{KindStatement}, allKinds, "a statement is about something"},
	RelAttributed: {actors, []NodeKind{KindAttribution}, "an actor made an attribution"},
	RelBlames:     {[]NodeKind{KindAttribution}, actors, "an attribution blames an actor"},
	RelConcerns:   {[]NodeKind{KindAttribution}, happenings, "an attribution concerns an operation or event"},
	RelBacked:     {actors, []NodeKind{KindAttribution, KindDoctrine, KindStatement, KindEvent}, "an actor backed an attribution, doctrine, statement or event"},
	RelDenied:     {actors, []NodeKind{KindAttribution, KindStatement, KindCyberOperation}, "an actor denied an attribution, statement or operation"},
	RelTargeted:   {[]NodeKind{KindCyberOperation, KindCountry, KindPerson, KindOrganization}, []NodeKind{KindCountry, KindPerson, KindOrganization, KindEvent}, "an operation (or actor) targeted an actor or event"},
	RelProposed:   {actors, []NodeKind{KindDoctrine}, "an actor proposed or launched a doctrine or initiative"},
	RelAdopted:    {actors, []NodeKind{KindDoctrine}, "an actor adopted, passed or approved a doctrine"},
	RelRespondsTo: {[]NodeKind{KindDoctrine, KindStatement, KindEvent, KindCyberOperation}, subjectsOfX, "a doctrine, statement or event responds to something"},
	RelModeledOn:  {[]NodeKind{KindDoctrine}, []NodeKind{KindDoctrine}, "a doctrine is (or is suggested to be) modeled on another"},
	RelConvened:   {actors, []NodeKind{KindEvent}, "an actor convened or hosted an event"},
	RelAttended:   {actors, []NodeKind{KindEvent}, "an actor attended an event"},
	RelHeldDuring: {[]NodeKind{KindEvent}, []NodeKind{KindEvent}, "an event was held during or on the sidelines of another"},
	RelMadeAt:     {[]NodeKind{KindStatement}, []NodeKind{KindEvent}, "a statement was made at an event"},
	RelAccused:    {actors, actors, "an actor accused another (property: of)"},
	RelCriticized: {actors, actors, "an actor criticized another"},
	RelWarned:     {actors, actors, "an actor warned another (property: of)"},
	RelThreatened: {actors, actors, "an actor threatened another"},
	RelSanctioned: {actors, actors, "an actor imposed sanctions on another"},
	RelSupported:  {actors, actors, "an actor supported another"},
	RelCalledFor:  {actors, subjectsOfX, "an actor called for something (property: what)"},
	RelReactedTo:  {actors, subjectsOfX, "an actor reacted to something (property: how)"},
}

// RelTypes lists every relationship type in a stable order.
func RelTypes() []RelType { return slices.Clone(relTypes) }

// Valid reports whether t is a relationship type of the vocabulary.
func (t RelType) Valid() bool { _, ok := endpoints[t]; return ok }

// Endpoints returns which kinds t may join; ok is false for unknown types.
func (t RelType) Endpoints() (Endpoints, bool) {
	e, ok := endpoints[t]
	return e, ok
}

// ParseRelType accepts a relationship type by name, case-insensitively, with
// spaces or dashes for underscores ("held during").
func ParseRelType(s string) (RelType, error) {
	norm := strings.ToUpper(strings.NewReplacer(" ", "_", "-", "_").Replace(strings.TrimSpace(s)))
	if t := RelType(norm); t.Valid() {
		return t, nil
	}
	return "", Invalidf("unknown relationship type %q", s)
}

// CheckEndpoints returns an Invalid error unless the vocabulary allows a
// relationship of type t from a node of kind from to one of kind to.
func CheckEndpoints(t RelType, from, to NodeKind) error {
	e, ok := endpoints[t]
	if !ok {
		return Invalidf("unknown relationship type %q", t)
	}
	if !slices.Contains(e.From, from) {
		return Invalidf("%s cannot start at a %s (allowed: %s)", t, from, joinKinds(e.From))
	}
	if !slices.Contains(e.To, to) {
		return Invalidf("%s cannot end at a %s (allowed: %s)", t, to, joinKinds(e.To))
	}
	return nil
}

func joinKinds(ks []NodeKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// PropertyKeys lists every property key the stores may write on nodes and
// relationships, beyond the fixed fields. The Cypher linter is given this list
// so that a misspelt property is caught.
func PropertyKeys() []string {
	return []string{"kind", "title", "from", "to", "of", "what", "how", "basis",
		"date", "text", "modality", "description", "location", "url"}
}

// CheckProperty returns an error when key is not an allowed property key.
func CheckProperty(key string) error {
	if !slices.Contains(PropertyKeys(), key) {
		return Invalidf("unknown property %q (known: %s)", key, strings.Join(PropertyKeys(), ", "))
	}
	return nil
}

// MethodCurated is the method of claims written by hand in annotation files.
const MethodCurated = "curated"

// CheckMethod accepts "curated" and "rule:<name>@<version>".
func CheckMethod(m string) error {
	if m == MethodCurated {
		return nil
	}
	rest, ok := strings.CutPrefix(m, "rule:")
	name, version, ok2 := strings.Cut(rest, "@")
	if !ok || !ok2 || name == "" || version == "" {
		return Invalidf("method %q must be %q or \"rule:<name>@<version>\"", m, MethodCurated)
	}
	return nil
}
