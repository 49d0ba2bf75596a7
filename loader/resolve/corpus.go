package resolve

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// The reference corpus is the one document the reference data becomes, so
// that its PART_OF links are claims like any other: each cites a sentence,
// and the sentence names its source. Loading it again changes nothing; a
// change to the data makes a new document (ids are content hashes).
const (
	ReferenceTitle     = "actorgraph reference data: which body or state each organization belongs to"
	ReferencePublisher = "actorgraph reference data"
)

// ReferenceBatch is the reference corpus: the document, the organizations
// and states its links join, and one PART_OF claim per link, curated, with
// confidence 1, its evidence the link's sentence.
func (r *Registry) ReferenceBatch() graph.Batch {
	links := r.Links()
	var text strings.Builder
	text.WriteString("This document is generated from loader/resolve/organizations.yaml. Each line states that a body is part of a larger body or state, and the public source that says so.\n")
	type span struct {
		link       Link
		start, end int
		quote      string
	}
	var spans []span
	for _, l := range links {
		line := fmt.Sprintf("%s is part of %s. Source: %s.", r.nodes[l.Child].Name, r.nodes[l.Parent].Name, strings.TrimSuffix(l.Source, "."))
		start := utf8.RuneCountInString(text.String())
		text.WriteString(line + "\n")
		spans = append(spans, span{l, start, start + utf8.RuneCountInString(line), line})
	}
	doc := graph.Document{ID: graph.DocumentID(text.String()), Title: ReferenceTitle, Publisher: ReferencePublisher,
		Text: text.String(), Source: SourceOrganizations}
	b := graph.Batch{Documents: []graph.Document{doc}}
	seen := map[string]bool{}
	for _, sp := range spans {
		for _, id := range []string{sp.link.Child, sp.link.Parent} {
			if !seen[id] {
				seen[id] = true
				b.Nodes = append(b.Nodes, r.nodes[id])
			}
		}
		rel := graph.Relationship{ID: graph.ClaimID(sp.link.Child, graph.RelPartOf, sp.link.Parent), Type: graph.RelPartOf,
			From: sp.link.Child, To: sp.link.Parent, Method: graph.MethodCurated, Confidence: 1, Modality: graph.Asserted}
		b.Relationships = append(b.Relationships, rel)
		b.Evidence = append(b.Evidence, graph.Evidence{ID: graph.EvidenceID(rel.ID, doc.ID, sp.start, sp.end),
			Subject: rel.ID, DocumentID: doc.ID, Start: sp.start, End: sp.end, Quote: sp.quote})
	}
	return b
}
