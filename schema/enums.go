package schema

import (
	"fmt"
	"io"
	"strconv"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema/vocabsdl"
)

// The API spells node kinds and modalities in SCREAMING_CASE, as GraphQL
// enum values are spelled (COUNTRY, CYBER_OPERATION, ASSERTED), while the
// stores, the data files, Neo4j's labels and the export formats keep the
// vocabulary's spelling (Country, CyberOperation, asserted). NodeKind and
// Modality hold the vocabulary's spelling, so the resolvers convert to and
// from graph's types by a plain conversion; only their GraphQL form, here,
// is the API's. gqlgen.yml binds the two enums to these types.

// NodeKind is a graph.NodeKind; its GraphQL value is its SCREAMING_CASE
// spelling (NodeKind enum of schema/vocabulary.graphqls).
type NodeKind string

// Modality is a graph.Modality; its GraphQL value is its SCREAMING_CASE
// spelling (Modality enum of schema/schema.graphqls).
type Modality string

// The modalities as the resolvers use them.
const (
	ModalityAsserted = Modality(graph.Asserted)
	ModalityAlleged  = Modality(graph.Alleged)
	ModalityDenied   = Modality(graph.Denied)
)

// enumSpelling maps a vocabulary's names to their API spelling and back.
type enumSpelling struct {
	api, stored map[string]string
}

func newEnumSpelling[T ~string](values []T) enumSpelling {
	e := enumSpelling{api: map[string]string{}, stored: map[string]string{}}
	for _, v := range values {
		n := string(v)
		a := vocabsdl.ScreamingCase(n)
		e.api[n], e.stored[a] = a, n
	}
	return e
}

var (
	kindSpelling     = newEnumSpelling(graph.NodeKinds())
	modalitySpelling = newEnumSpelling(graph.Modalities())
)

// API is the kind as the API spells it ("" for a kind the vocabulary
// lacks, which the stores never return).
func (k NodeKind) API() string { return kindSpelling.api[string(k)] }

// IsValid reports whether k is a kind of the vocabulary.
func (k NodeKind) IsValid() bool { return k.API() != "" }

// MarshalGQL writes the API spelling.
func (k NodeKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(k), k.API()) }

// UnmarshalGQL reads the API spelling (the executor has already checked it
// against the schema's values).
func (k *NodeKind) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum(v, "NodeKind", kindSpelling)
	*k = NodeKind(s)
	return err
}

// API is the modality as the API spells it.
func (m Modality) API() string { return modalitySpelling.api[string(m)] }

// IsValid reports whether m is a modality of the vocabulary.
func (m Modality) IsValid() bool { return m.API() != "" }

// MarshalGQL writes the API spelling.
func (m Modality) MarshalGQL(w io.Writer) { marshalEnum(w, string(m), m.API()) }

// UnmarshalGQL reads the API spelling.
func (m *Modality) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum(v, "Modality", modalitySpelling)
	*m = Modality(s)
	return err
}

func marshalEnum(w io.Writer, stored, api string) {
	if api == "" {
		// A value the vocabulary lacks cannot be spelled as the schema's
		// enum; writing it as stored keeps the response readable (and the
		// client's validation will name it) rather than panicking.
		api = stored
	}
	_, _ = io.WriteString(w, strconv.Quote(api))
}

func unmarshalEnum(v any, enum string, e enumSpelling) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s values are strings, not %T", enum, v)
	}
	stored, ok := e.stored[s]
	if !ok {
		return "", fmt.Errorf("%s is not a valid %s", s, enum)
	}
	return stored, nil
}
