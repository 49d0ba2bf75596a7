package graph

import (
	"context"
	"fmt"
	"slices"
)

// BatchLookup is what a store tells CheckBatch about what it already holds.
// Each method receives the ids the batch refers to and returns those that
// are stored.
type BatchLookup interface {
	StoredNodeKinds(ctx context.Context, ids []string) (map[string]NodeKind, error)
	StoredDocumentTexts(ctx context.Context, ids []string) (map[string]string, error)
	StoredRelationships(ctx context.Context, ids []string) (map[string]bool, error)
	SubjectsWithEvidence(ctx context.Context, ids []string) (map[string]bool, error)
}

// NormalizeBatch validates every item of b on its own and merges repeats:
// a node or relationship given twice keeps the last fields and the union of
// aliases; a document or evidence given twice is kept once. Node ids repeated
// with two kinds are a CodeConflict. Evidence ids are filled in when empty.
// The result is what a store writes.
func NormalizeBatch(b Batch) (Batch, error) {
	var out Batch
	docIdx := map[string]int{}
	for _, d := range b.Documents {
		if err := d.Validate(); err != nil {
			return Batch{}, err
		}
		if _, dup := docIdx[d.ID]; dup {
			continue
		}
		docIdx[d.ID] = len(out.Documents)
		out.Documents = append(out.Documents, d)
	}
	nodeIdx := map[string]int{}
	for _, n := range b.Nodes {
		if err := n.Validate(); err != nil {
			return Batch{}, err
		}
		n.Aliases = MergeAliases(n.Name, nil, n.Aliases)
		if i, dup := nodeIdx[n.ID]; dup {
			prev := out.Nodes[i]
			if prev.Kind != n.Kind {
				return Batch{}, Conflictf("node %q is given twice, as %s and as %s", n.ID, prev.Kind, n.Kind)
			}
			n.Aliases = MergeAliases(n.Name, prev.Aliases, n.Aliases)
			out.Nodes[i] = n
			continue
		}
		nodeIdx[n.ID] = len(out.Nodes)
		out.Nodes = append(out.Nodes, n)
	}
	relIdx := map[string]int{}
	for _, r := range b.Relationships {
		if r.Modality == "" {
			r.Modality = Asserted
		}
		if err := r.Validate(); err != nil {
			return Batch{}, err
		}
		if i, dup := relIdx[r.ID]; dup {
			out.Relationships[i] = r
			continue
		}
		relIdx[r.ID] = len(out.Relationships)
		out.Relationships = append(out.Relationships, r)
	}
	evSeen := map[string]bool{}
	for _, e := range b.Evidence {
		if err := checkEvidenceSizes(e); err != nil {
			return Batch{}, err
		}
		if e.Subject == "" || e.DocumentID == "" {
			return Batch{}, Invalidf("evidence %q has no subject or no document", e.ID)
		}
		want := EvidenceID(e.Subject, e.DocumentID, e.Start, e.End)
		if e.ID == "" {
			e.ID = want
		} else if e.ID != want {
			return Batch{}, Invalidf("evidence %q: id is not the evidence id %q of its subject and span", e.ID, want)
		}
		if err := checkUTF8("evidence "+e.ID, e.Quote); err != nil {
			return Batch{}, err
		}
		if evSeen[e.ID] {
			continue
		}
		evSeen[e.ID] = true
		out.Evidence = append(out.Evidence, e)
	}
	return out, nil
}

// CheckBatch checks a normalized batch against itself and what the store
// holds, as Store.Upsert documents: endpoint existence and kinds, evidence
// subjects, documents, offsets and quotes, and that every claim ends up with
// evidence. It returns the first problem found.
func CheckBatch(ctx context.Context, b Batch, l BatchLookup) error {
	// Kinds of every node the batch mentions: the batch's own, then stored.
	kinds := map[string]NodeKind{}
	for _, n := range b.Nodes {
		kinds[n.ID] = n.Kind
	}
	var refs []string
	for _, n := range b.Nodes {
		refs = append(refs, n.ID)
	}
	for _, r := range b.Relationships {
		refs = append(refs, r.From, r.To)
	}
	for _, e := range b.Evidence {
		refs = append(refs, e.Subject)
	}
	stored, err := l.StoredNodeKinds(ctx, uniq(refs))
	if err != nil {
		return err
	}
	for _, n := range b.Nodes {
		if k, ok := stored[n.ID]; ok && k != n.Kind {
			return Conflictf("node %q is stored as a %s and cannot become a %s", n.ID, k, n.Kind)
		}
	}
	for id, k := range stored {
		if _, ok := kinds[id]; !ok {
			kinds[id] = k
		}
	}
	for _, r := range b.Relationships {
		fk, ok := kinds[r.From]
		if !ok {
			return Invalidf("claim %s -%s-> %s: no node %q", r.From, r.Type, r.To, r.From)
		}
		tk, ok := kinds[r.To]
		if !ok {
			return Invalidf("claim %s -%s-> %s: no node %q", r.From, r.Type, r.To, r.To)
		}
		if err := CheckEndpoints(r.Type, fk, tk); err != nil {
			return Invalidf("claim %s -%s-> %s: %s", r.From, r.Type, r.To, err.(*Error).Msg)
		}
	}

	// Evidence: subject exists, document exists, quote is the text.
	relInBatch := map[string]bool{}
	for _, r := range b.Relationships {
		relInBatch[r.ID] = true
	}
	var relRefs, docRefs []string
	for _, e := range b.Evidence {
		if _, isNode := kinds[e.Subject]; !isNode && !relInBatch[e.Subject] {
			relRefs = append(relRefs, e.Subject)
		}
		docRefs = append(docRefs, e.DocumentID)
	}
	storedRels, err := l.StoredRelationships(ctx, uniq(relRefs))
	if err != nil {
		return err
	}
	texts := map[string]string{}
	for _, d := range b.Documents {
		texts[d.ID] = d.Text
	}
	var missingDocs []string
	for _, id := range uniq(docRefs) {
		if _, ok := texts[id]; !ok {
			missingDocs = append(missingDocs, id)
		}
	}
	storedTexts, err := l.StoredDocumentTexts(ctx, missingDocs)
	if err != nil {
		return err
	}
	for id, t := range storedTexts {
		texts[id] = t
	}
	runes := map[string][]rune{}
	hasEvidence := map[string]bool{}
	for _, e := range b.Evidence {
		_, isNode := kinds[e.Subject]
		if !isNode && !relInBatch[e.Subject] && !storedRels[e.Subject] {
			return Invalidf("evidence %q supports %q, which is neither a node nor a claim", e.ID, e.Subject)
		}
		text, ok := texts[e.DocumentID]
		if !ok {
			return Invalidf("evidence for %q points into document %q, which is not stored", e.Subject, e.DocumentID)
		}
		rs, ok := runes[e.DocumentID]
		if !ok {
			rs = []rune(text)
			runes[e.DocumentID] = rs
		}
		if e.Start < 0 || e.End <= e.Start || e.End > len(rs) {
			return Invalidf("evidence for %q: span [%d, %d) is outside document %q (%d characters)", e.Subject, e.Start, e.End, e.DocumentID, len(rs))
		}
		if got := string(rs[e.Start:e.End]); got != e.Quote {
			return Invalidf("evidence for %q: quote %q is not the text %q at [%d, %d) of document %q", e.Subject, clip(e.Quote), clip(got), e.Start, e.End, e.DocumentID)
		}
		hasEvidence[e.Subject] = true
	}

	// Every claim and claim-node ends up with evidence.
	var needs []string
	for _, r := range b.Relationships {
		if !hasEvidence[r.ID] {
			needs = append(needs, r.ID)
		}
	}
	for _, n := range b.Nodes {
		if n.Kind.IsClaim() && !hasEvidence[n.ID] {
			needs = append(needs, n.ID)
		}
	}
	if len(needs) > 0 {
		have, err := l.SubjectsWithEvidence(ctx, needs)
		if err != nil {
			return err
		}
		for _, id := range needs {
			if !have[id] {
				return Invalidf("%s has no evidence: every claim must cite a sentence of a stored document", describe(id, b))
			}
		}
	}
	return nil
}

func describe(id string, b Batch) string {
	for _, r := range b.Relationships {
		if r.ID == id {
			return fmt.Sprintf("claim %s -%s-> %s", r.From, r.Type, r.To)
		}
	}
	for _, n := range b.Nodes {
		if n.ID == id {
			return fmt.Sprintf("%s %q", n.Kind, n.ID)
		}
	}
	return fmt.Sprintf("%q", id)
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// MergeAliases returns the union of old and add in first-seen order, without
// empty strings, duplicates or the name itself.
func MergeAliases(name string, old, add []string) []string {
	var out []string
	for _, a := range slices.Concat(old, add) {
		if len(out) == MaxAliases {
			break // a node named in many articles keeps its first aliases
		}
		if a == "" || a == name || slices.Contains(out, a) {
			continue
		}
		out = append(out, a)
	}
	return out
}

func uniq(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
