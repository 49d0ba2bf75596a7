package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// Review on Neo4j (graph.Curator, graph.TokenStore, graph.CurationPorter):
// a claim's review state and version are properties of its relationship,
// a node's version and edited flag properties of the node; merges are
// (:Redirect {old, new}) nodes, notes (:Note) and the history (:Change)
// nodes numbered by a (:Counter), tokens (:Token) keyed by name and hash.
// Every change is one write transaction, its history entries included.

var (
	_ graph.Curator        = (*Store)(nil)
	_ graph.TokenStore     = (*Store)(nil)
	_ graph.CurationPorter = (*Store)(nil)
)

// Labels and property names of review.
const (
	labelRedirect = "Redirect"
	labelNote     = "Note"
	labelChange   = "Change"
	labelToken    = "Token"
	labelCounter  = "Counter"

	pAt      = "at"
	pSeq     = "seq"
	pAction  = "action"
	pBefore  = "before"
	pAfter   = "after"
	pOld     = "old"
	pNew     = "new"
	pRole    = "role"
	pHash    = "hash"
	pCreated = "created"
	pValue   = "value"
)

// reviewLabels are the labels review adds to the model (for the linter).
func reviewLabels() []string {
	return []string{labelRedirect, labelNote, labelChange, labelToken, labelCounter}
}

// followReview is the SQLite store's followReview: mentions of merged ids
// become the kept node or claim, and nodes people changed keep their kind.
func (s *Store) followReview(ctx context.Context, tx neo4j.ManagedTransaction, b graph.Batch) (graph.Batch, error) {
	var merged int64
	if _, err := run(ctx, tx, s.st.get("any_redirect"), nil, func(rec *neo4j.Record) error {
		var err error
		merged, err = recordValue[int64](rec, "n")
		return err
	}); err != nil {
		return b, err
	}
	if merged > 0 {
		to, err := s.redirectsIn(ctx, tx, graph.BatchIDs(b))
		if err != nil {
			return b, err
		}
		if len(to) > 0 {
			if b, err = graph.RedirectBatch(b, to); err != nil {
				return b, err
			}
			if b, err = graph.NormalizeBatch(b); err != nil {
				return b, err
			}
		}
	}
	if len(b.Nodes) == 0 {
		return b, nil
	}
	ids := make([]string, len(b.Nodes))
	for i, n := range b.Nodes {
		ids[i] = n.ID
	}
	kinds := map[string]graph.NodeKind{}
	if _, err := run(ctx, tx, s.st.get("edited_node_kinds"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
		id, err := recordValue[string](rec, "id")
		if err != nil {
			return err
		}
		labels, err := recordValue[[]any](rec, "labels")
		if err != nil {
			return err
		}
		var ls []string
		for _, l := range labels {
			if str, ok := l.(string); ok {
				ls = append(ls, str)
			}
		}
		if k, ok := kindOf(ls); ok {
			kinds[id] = k
		}
		return nil
	}); err != nil {
		return b, err
	}
	for i, n := range b.Nodes {
		if k, ok := kinds[n.ID]; ok {
			b.Nodes[i].Kind = k
		}
	}
	return b, nil
}

func (s *Store) redirectsIn(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]string, error) {
	out := map[string]string{}
	_, err := run(ctx, tx, s.st.get("redirects_of"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
		o, err := recordValue[string](rec, "old")
		if err != nil {
			return err
		}
		n, err := recordValue[string](rec, "new")
		out[o] = n
		return err
	})
	return out, err
}

// follow is what id is now: itself, or what it was merged into.
func (s *Store) follow(ctx context.Context, tx neo4j.ManagedTransaction, id string) (string, error) {
	to, err := s.redirectsIn(ctx, tx, []string{id})
	if err != nil {
		return id, err
	}
	if n, ok := to[id]; ok {
		return n, nil
	}
	return id, nil
}

// Redirects implements graph.Curator.
func (s *Store) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	var out map[string]string
	err := s.read(ctx, "reading merges", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var err error
		out, err = s.redirectsIn(ctx, tx, ids)
		return err
	})
	return out, err
}

// claimToEdit is the SQLite store's claimToEdit: the claim a review or
// correction of ref acts on, followed through merges, NOT_FOUND when there is
// none, CONFLICT when ifVersion is given and is not its current version.
func (s *Store) claimToEdit(ctx context.Context, tx neo4j.ManagedTransaction, ref string, ifVersion *int) (string, storedClaim, error) {
	id, err := s.follow(ctx, tx, ref)
	if err != nil {
		return "", storedClaim{}, err
	}
	old, ok, err := s.claimInTx(ctx, tx, id)
	if err != nil {
		return "", old, err
	}
	if !ok {
		return "", old, graph.NotFoundf("no claim %q", ref)
	}
	return id, old, graph.CheckVersion(id, old.rel.Version, ifVersion)
}

// claimInTx reads one claim and its element id.
func (s *Store) claimInTx(ctx context.Context, tx neo4j.ManagedTransaction, id string) (storedClaim, bool, error) {
	found, err := s.claimsByID(ctx, tx, []string{id})
	if err != nil || len(found) == 0 {
		return storedClaim{}, false, err
	}
	return found[0], true, nil
}

// nodeInTx reads one node.
func (s *Store) nodeInTx(ctx context.Context, tx neo4j.ManagedTransaction, id string) (graph.Node, bool, error) {
	ns, err := s.nodesByID(ctx, tx, []string{id})
	if err != nil {
		return graph.Node{}, false, err
	}
	n, ok := ns[id]
	return n, ok, nil
}

// nextSeq is the next number of a sequence (history, notes).
func (s *Store) nextSeq(ctx context.Context, tx neo4j.ManagedTransaction, name string) (int64, error) {
	var seq int64
	_, err := run(ctx, tx, s.st.get("next_seq"), map[string]any{pName: name}, func(rec *neo4j.Record) error {
		var err error
		seq, err = recordValue[int64](rec, "seq")
		return err
	})
	return seq, err
}

// record appends one history entry.
func (s *Store) record(ctx context.Context, tx neo4j.ManagedTransaction, at, by, action, subject string, before, after any) error {
	seq, err := s.nextSeq(ctx, tx, "history")
	if err != nil {
		return err
	}
	_, err = run(ctx, tx, s.st.get("append_change"), map[string]any{pSeq: seq, pAt: at, pAuthor: by, pAction: action,
		pSubject: subject, pBefore: graph.StateJSON(before), pAfter: graph.StateJSON(after)}, nil)
	return err
}

// setReview sets a claim's review state, raising its version.
func (s *Store) setReview(ctx context.Context, tx neo4j.ManagedTransaction, elementID string, rv graph.Review) error {
	_, err := run(ctx, tx, s.st.get("set_claim_review"), map[string]any{"elementId": elementID, pStatus: string(rv.Status),
		"by": rv.By, pAt: rv.At, "note": rv.Note, pCorrectedBy: rv.CorrectedBy}, nil)
	return err
}

// ReviewClaim implements graph.Curator.
func (s *Store) ReviewClaim(ctx context.Context, in graph.ClaimReview) (graph.Relationship, error) {
	var out graph.Relationship
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	switch in.Status {
	case graph.Confirmed, graph.Rejected, graph.Unreviewed:
	case graph.Corrected:
		return out, graph.Invalidf("a claim becomes CORRECTED through correctClaim, which says what replaces it")
	default:
		return out, graph.Invalidf("unknown review status %q", in.Status)
	}
	if in.Note != "" {
		if err := graph.ValidNote(in.Note); err != nil {
			return out, err
		}
	}
	err = s.write(ctx, "reviewing a claim", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		id, old, err := s.claimToEdit(ctx, tx, in.ID, in.IfVersion)
		if err != nil {
			return err
		}
		if old.rel.Review.Status == graph.Corrected {
			return graph.Invalidf("claim %s was corrected by %s; review that one", id, old.rel.Review.CorrectedBy)
		}
		at := graph.Now()
		if err := s.setReview(ctx, tx, old.elementID, graph.Review{Status: in.Status, By: by, At: at, Note: in.Note}); err != nil {
			return err
		}
		now, _, err := s.claimInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		out = now.rel
		return s.record(ctx, tx, at, by, graph.ActionReview, id, graph.StateOfClaim(old.rel), graph.StateOfClaim(out))
	})
	return out, err
}

// evidenceAt is the evidence for subject at a span of a stored document,
// with the document's publication date.
func (s *Store) evidenceAt(ctx context.Context, tx neo4j.ManagedTransaction, subject string, sp graph.TextSpan) (graph.Evidence, string, error) {
	var doc *graph.Document
	if _, err := run(ctx, tx, s.st.get("documents_by_id"), map[string]any{"ids": stringsToAny([]string{sp.Document})}, func(rec *neo4j.Record) error {
		d, err := documentColumn(rec)
		doc = &d
		return err
	}); err != nil {
		return graph.Evidence{}, "", err
	}
	if doc == nil {
		return graph.Evidence{}, "", graph.NotFoundf("no document %q", sp.Document)
	}
	if sp.Start < 0 || sp.End <= sp.Start {
		return graph.Evidence{}, "", graph.Invalidf("evidence span [%d, %d) is empty or backwards: start must be below end", sp.Start, sp.End)
	}
	quote, ok := graph.Span(doc.Text, sp.Start, sp.End)
	if !ok {
		return graph.Evidence{}, "", graph.Invalidf("evidence span [%d, %d) is outside document %q (%d characters)", sp.Start, sp.End, sp.Document, len([]rune(doc.Text)))
	}
	if strings.TrimSpace(quote) == "" {
		return graph.Evidence{}, "", graph.Invalidf("evidence span [%d, %d) of document %q is only white space", sp.Start, sp.End, sp.Document)
	}
	return graph.Evidence{ID: graph.EvidenceID(subject, sp.Document, sp.Start, sp.End), Subject: subject, DocumentID: sp.Document,
		Start: sp.Start, End: sp.End, Quote: quote}, doc.Published, nil
}

// endsOf follows merges for both ends and checks them against the
// vocabulary.
func (s *Store) endsOf(ctx context.Context, tx neo4j.ManagedTransaction, t graph.RelType, from, to string) (string, string, error) {
	if !t.Valid() {
		return "", "", graph.Invalidf("unknown relationship type %q", t)
	}
	ids := [2]string{from, to}
	var kinds [2]graph.NodeKind
	for i := range ids {
		id, err := s.follow(ctx, tx, ids[i])
		if err != nil {
			return "", "", err
		}
		n, ok, err := s.nodeInTx(ctx, tx, id)
		if err != nil {
			return "", "", err
		}
		if !ok {
			return "", "", graph.NotFoundf("no node %q", ids[i])
		}
		ids[i], kinds[i] = id, n.Kind
	}
	if err := graph.CheckEndpoints(t, kinds[0], kinds[1]); err != nil {
		return "", "", graph.Invalidf("%s -%s-> %s: %s", ids[0], t, ids[1], err.(*graph.Error).Msg)
	}
	return ids[0], ids[1], nil
}

// writeNormalized writes a batch inside tx with the checks of Upsert.
func (s *Store) writeNormalized(ctx context.Context, tx neo4j.ManagedTransaction, b graph.Batch) error {
	b, err := graph.NormalizeBatch(b)
	if err != nil {
		return err
	}
	_, err = s.writeBatch(ctx, tx, b)
	return err
}

// markEdited marks a claim a person made, so loads keep its fields.
func (s *Store) markEdited(ctx context.Context, tx neo4j.ManagedTransaction, c storedClaim) error {
	_, err := run(ctx, tx, s.st.get("set_claim_state"), map[string]any{"elementId": c.elementID, pVersion: int64(c.rel.Version),
		pStatus: string(c.rel.Review.Status), "by": c.rel.Review.By, pAt: c.rel.Review.At, "note": c.rel.Review.Note,
		pCorrectedBy: c.rel.Review.CorrectedBy, pEdited: true}, nil)
	return err
}

// AddClaim implements graph.Curator.
func (s *Store) AddClaim(ctx context.Context, in graph.NewClaim) (graph.Relationship, error) {
	var out graph.Relationship
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if err := graph.CheckClaimFields(in.Modality, in.Date, in.Props); err != nil {
		return out, err
	}
	if in.Note != "" {
		if err := graph.ValidNote(in.Note); err != nil {
			return out, err
		}
	}
	err = s.write(ctx, "adding a claim", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		from, to, err := s.endsOf(ctx, tx, in.Type, in.From, in.To)
		if err != nil {
			return err
		}
		id := graph.ClaimID(from, in.Type, to)
		ev, published, err := s.evidenceAt(ctx, tx, id, in.Evidence)
		if err != nil {
			return err
		}
		old, exists, err := s.claimInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		current := 0
		if exists {
			current = old.rel.Version
		}
		if err := graph.CheckVersion(id, current, in.IfVersion); err != nil {
			return err
		}
		at := graph.Now()
		rv := graph.Review{Status: graph.Confirmed, By: by, At: at, Note: in.Note}
		b := graph.Batch{Evidence: []graph.Evidence{ev}}
		if !exists {
			m := in.Modality
			if m == "" {
				m = graph.Asserted
			}
			b.Relationships = []graph.Relationship{{ID: id, Type: in.Type, From: from, To: to, Method: graph.MethodCurated,
				Confidence: 1, Modality: m, Date: in.Date, Published: published, Props: in.Props, Review: rv}}
		}
		if err := s.writeNormalized(ctx, tx, b); err != nil {
			return err
		}
		now, _, err := s.claimInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if exists {
			err = s.setReview(ctx, tx, now.elementID, rv)
		} else {
			err = s.markEdited(ctx, tx, now)
		}
		if err != nil {
			return err
		}
		if now, _, err = s.claimInTx(ctx, tx, id); err != nil {
			return err
		}
		out = now.rel
		var before any
		if exists {
			before = graph.StateOfClaim(old.rel)
		}
		after := struct {
			graph.ClaimState
			Evidence graph.Evidence `json:"evidence"`
		}{graph.StateOfClaim(out), ev}
		return s.record(ctx, tx, at, by, graph.ActionAdd, id, before, after)
	})
	return out, err
}

// evidenceOf reads a subject's evidence inside tx.
func (s *Store) evidenceOf(ctx context.Context, tx neo4j.ManagedTransaction, subject string) ([]graph.Evidence, error) {
	var out []graph.Evidence
	_, err := run(ctx, tx, s.st.get("evidence_ids_of_subject"), map[string]any{pSubject: subject}, func(rec *neo4j.Record) error {
		e, err := evidenceColumn(rec)
		out = append(out, e)
		return err
	})
	return out, err
}

// claimFieldProps are the properties a correction in place sets: the
// fields and every prop_* key (null for the ones that go).
func claimFieldProps(old, nw graph.Relationship) map[string]any {
	props := map[string]any{pMethod: nw.Method, pConfidence: nw.Confidence, pModality: string(nw.Modality), pDate: nw.Date}
	for k := range old.Props {
		props[propPrefix+k] = nil
	}
	for k, v := range nw.Props {
		props[propPrefix+k] = v
	}
	return props
}

// CorrectClaim implements graph.Curator.
func (s *Store) CorrectClaim(ctx context.Context, in graph.ClaimCorrection) (graph.Relationship, error) {
	var out graph.Relationship
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if in.Note != "" {
		if err := graph.ValidNote(in.Note); err != nil {
			return out, err
		}
	}
	err = s.write(ctx, "correcting a claim", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		id, old, err := s.claimToEdit(ctx, tx, in.ID, in.IfVersion)
		if err != nil {
			return err
		}
		if old.rel.Review.Status == graph.Corrected {
			return graph.Invalidf("claim %s was already corrected by %s; correct that one", id, old.rel.Review.CorrectedBy)
		}
		nw := in.Apply(old.rel)
		if err := graph.CheckClaimFields(nw.Modality, nw.Date, nw.Props); err != nil {
			return err
		}
		if nw.From, nw.To, err = s.endsOf(ctx, tx, nw.Type, nw.From, nw.To); err != nil {
			return err
		}
		nw.ID = graph.ClaimID(nw.From, nw.Type, nw.To)
		nw.Method, nw.Confidence = graph.MethodCurated, 1
		at := graph.Now()
		rv := graph.Review{Status: graph.Confirmed, By: by, At: at, Note: in.Note}
		nw.Review = rv
		var evs []graph.Evidence
		if nw.ID != old.rel.ID {
			olds, err := s.evidenceOf(ctx, tx, old.rel.ID)
			if err != nil {
				return err
			}
			for _, e := range olds {
				e.Subject, e.ID = nw.ID, graph.EvidenceID(nw.ID, e.DocumentID, e.Start, e.End)
				evs = append(evs, e)
			}
		}
		for _, sp := range in.Evidence {
			e, _, err := s.evidenceAt(ctx, tx, nw.ID, sp)
			if err != nil {
				return err
			}
			evs = append(evs, e)
		}
		if nw.ID == old.rel.ID {
			if _, err := run(ctx, tx, s.st.get("set_claim_fields"), map[string]any{"elementId": old.elementID, rowProperties: claimFieldProps(old.rel, nw)}, nil); err != nil {
				return err
			}
			if len(evs) > 0 {
				if err := s.writeNormalized(ctx, tx, graph.Batch{Evidence: evs}); err != nil {
					return err
				}
			}
			if err := s.setReview(ctx, tx, old.elementID, rv); err != nil {
				return err
			}
			now, _, err := s.claimInTx(ctx, tx, id)
			if err != nil {
				return err
			}
			out = now.rel
			return s.record(ctx, tx, at, by, graph.ActionCorrect, id, graph.StateOfClaim(old.rel), graph.StateOfClaim(out))
		}
		target, exists, err := s.claimInTx(ctx, tx, nw.ID)
		if err != nil {
			return err
		}
		b := graph.Batch{Evidence: evs}
		if !exists {
			b.Relationships = []graph.Relationship{nw}
		}
		if err := s.writeNormalized(ctx, tx, b); err != nil {
			return err
		}
		now, _, err := s.claimInTx(ctx, tx, nw.ID)
		if err != nil {
			return err
		}
		if exists {
			if _, err := run(ctx, tx, s.st.get("set_claim_fields"), map[string]any{"elementId": now.elementID, rowProperties: claimFieldProps(target.rel, nw)}, nil); err != nil {
				return err
			}
			err = s.setReview(ctx, tx, now.elementID, rv)
		} else {
			err = s.markEdited(ctx, tx, now)
		}
		if err != nil {
			return err
		}
		if err := s.setReview(ctx, tx, old.elementID, graph.Review{Status: graph.Corrected, By: by, At: at, Note: in.Note, CorrectedBy: nw.ID}); err != nil {
			return err
		}
		oldAfter, _, err := s.claimInTx(ctx, tx, old.rel.ID)
		if err != nil {
			return err
		}
		if now, _, err = s.claimInTx(ctx, tx, nw.ID); err != nil {
			return err
		}
		out = now.rel
		if err := s.record(ctx, tx, at, by, graph.ActionCorrect, old.rel.ID, graph.StateOfClaim(old.rel), graph.StateOfClaim(oldAfter.rel)); err != nil {
			return err
		}
		var before any
		if exists {
			before = graph.StateOfClaim(target.rel)
		}
		return s.record(ctx, tx, at, by, graph.ActionCorrect, nw.ID, before, graph.StateOfClaim(out))
	})
	return out, err
}

// setNodeState sets a node's version and edited flag unless its stored
// version is newer; it reports whether the node exists.
func (s *Store) setNodeState(ctx context.Context, tx neo4j.ManagedTransaction, id string, version int, edited bool) (bool, error) {
	found := false
	_, err := run(ctx, tx, s.st.get("set_node_state"), map[string]any{pID: id, pVersion: int64(version), pEdited: edited}, func(*neo4j.Record) error {
		found = true
		return nil
	})
	return found, err
}

// CreateEntity implements graph.Curator.
func (s *Store) CreateEntity(ctx context.Context, in graph.NewEntity) (graph.Node, error) {
	var out graph.Node
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if !in.Kind.Valid() {
		return out, graph.Invalidf("unknown node kind %q", in.Kind)
	}
	if in.Kind.IsClaim() {
		return out, graph.Invalidf("a %s is a claim and needs evidence: add it with the claims that cite it, not as an entity", in.Kind)
	}
	id := in.ID
	if id == "" {
		id = graph.MintEntityID(in.Kind, in.Name)
	}
	n := graph.Node{ID: id, Kind: in.Kind, Name: strings.TrimSpace(in.Name), Aliases: graph.MergeAliases(in.Name, nil, in.Aliases),
		Props: in.Props, Source: "created by " + by}
	if err := n.Validate(); err != nil {
		return out, err
	}
	err = s.write(ctx, "creating an entity", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		to, err := s.follow(ctx, tx, id)
		if err != nil {
			return err
		}
		if to != id {
			return graph.Invalidf("%s was merged into %s; use that one", id, to)
		}
		if _, ok, err := s.nodeInTx(ctx, tx, id); err != nil || ok {
			if ok {
				return graph.Invalidf("an entity %s exists already", id)
			}
			return err
		}
		if err := s.writeNormalized(ctx, tx, graph.Batch{Nodes: []graph.Node{n}}); err != nil {
			return err
		}
		if _, err := s.setNodeState(ctx, tx, id, 1, true); err != nil {
			return err
		}
		if out, _, err = s.nodeInTx(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, graph.Now(), by, graph.ActionCreate, id, nil, graph.StateOfNode(out))
	})
	return out, err
}

// rewriteNode stores a node's names and properties as a person made them.
func (s *Store) rewriteNode(ctx context.Context, tx neo4j.ManagedTransaction, n graph.Node) error {
	props := map[string]any{pID: n.ID, pName: n.Name, pSource: n.Source}
	for k, v := range n.Props {
		props[propPrefix+k] = v
	}
	_, err := run(ctx, tx, s.st.get("rewrite_node"), map[string]any{pID: n.ID, rowProperties: props, pAliases: stringsToAny(n.Aliases)}, nil)
	return err
}

// UpdateEntity implements graph.Curator. Changing a node's kind is refused
// on Neo4j: it is a change of labels, which this store does not do yet.
func (s *Store) UpdateEntity(ctx context.Context, in graph.EntityUpdate) (graph.Node, error) {
	var out graph.Node
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	err = s.write(ctx, "updating an entity", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		id, err := s.follow(ctx, tx, in.ID)
		if err != nil {
			return err
		}
		old, ok, err := s.nodeInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return graph.NotFoundf("no node %q", in.ID)
		}
		if err := graph.CheckVersion(id, old.Version, in.IfVersion); err != nil {
			return err
		}
		if in.Kind != nil && *in.Kind != old.Kind {
			return graph.Invalidf("changing the kind of %s is not supported on the Neo4j store; create the entity anew and merge", id)
		}
		nw := old
		if in.Name != nil {
			nw.Name = strings.TrimSpace(*in.Name)
		}
		if in.Aliases != nil {
			nw.Aliases = in.Aliases
		}
		nw.Aliases = graph.MergeAliases(nw.Name, nil, nw.Aliases)
		if in.Props != nil {
			nw.Props = in.Props
		}
		if err := nw.Validate(); err != nil {
			return err
		}
		if err := s.rewriteNode(ctx, tx, nw); err != nil {
			return err
		}
		if out, _, err = s.nodeInTx(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, graph.Now(), by, graph.ActionUpdate, id, graph.StateOfNode(old), graph.StateOfNode(out))
	})
	return out, err
}

// MergeEntities implements graph.Curator: each claim of a merged node is
// written again between its new ends (a claim the kept node already has
// takes its evidence instead), the evidence moves, the old relationship and
// the merged node go, and redirects remember where.
func (s *Store) MergeEntities(ctx context.Context, in graph.Merge) (graph.Node, error) {
	var out graph.Node
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if len(in.Merge) == 0 {
		return out, graph.Invalidf("name at least one node to merge into %s", in.Keep)
	}
	err = s.write(ctx, "merging entities", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		keep, err := s.follow(ctx, tx, in.Keep)
		if err != nil {
			return err
		}
		k, ok, err := s.nodeInTx(ctx, tx, keep)
		if err != nil {
			return err
		}
		if !ok {
			return graph.NotFoundf("no node %q", in.Keep)
		}
		if err := graph.CheckVersion(keep, k.Version, in.IfVersion); err != nil {
			return err
		}
		var merged []graph.Node
		for _, m := range in.Merge {
			id, err := s.follow(ctx, tx, m)
			if err != nil {
				return err
			}
			if id == keep {
				if m == in.Keep || m == keep {
					return graph.Invalidf("cannot merge %s into itself", m)
				}
				return graph.Invalidf("%s was already merged into %s", m, keep)
			}
			n, ok, err := s.nodeInTx(ctx, tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return graph.NotFoundf("no node %q", m)
			}
			if n.Kind != k.Kind {
				return graph.Invalidf("cannot merge %s (a %s) into %s (a %s): only nodes of one kind are merged", id, n.Kind, keep, k.Kind)
			}
			if !slices.ContainsFunc(merged, func(x graph.Node) bool { return x.ID == id }) {
				merged = append(merged, n)
			}
		}
		at := graph.Now()
		before := graph.StateOfNode(k)
		for _, m := range merged {
			if err := s.moveClaims(ctx, tx, m.ID, keep); err != nil {
				return err
			}
			if err := s.moveEvidence(ctx, tx, m.ID, keep); err != nil {
				return err
			}
			if err := s.redirect(ctx, tx, m.ID, keep); err != nil {
				return err
			}
			k = k.Absorb(m)
			if _, err := run(ctx, tx, s.st.get("delete_node"), map[string]any{pID: m.ID}, nil); err != nil {
				return err
			}
			if err := s.record(ctx, tx, at, by, graph.ActionMergedInto, m.ID, graph.StateOfNode(m), map[string]string{"mergedInto": keep}); err != nil {
				return err
			}
		}
		if err := s.rewriteNode(ctx, tx, k); err != nil {
			return err
		}
		if out, _, err = s.nodeInTx(ctx, tx, keep); err != nil {
			return err
		}
		ids := make([]string, len(merged))
		for i, m := range merged {
			ids[i] = m.ID
		}
		after := struct {
			graph.NodeState
			Merged []string `json:"merged"`
		}{graph.StateOfNode(out), ids}
		return s.record(ctx, tx, at, by, graph.ActionMerge, keep, before, after)
	})
	return out, err
}

// moveClaims re-points every claim of node m at node keep.
func (s *Store) moveClaims(ctx context.Context, tx neo4j.ManagedTransaction, m, keep string) error {
	var claims []storedClaim
	if _, err := run(ctx, tx, s.st.get("claims_touching"), map[string]any{"ids": stringsToAny([]string{m})}, func(rec *neo4j.Record) error {
		c, err := claimFromRecord(rec)
		if err != nil {
			return err
		}
		eid, err := recordValue[string](rec, "elementId")
		claims = append(claims, storedClaim{c, eid})
		return err
	}); err != nil {
		return err
	}
	for _, c := range claims {
		r := c.rel
		from, to := r.From, r.To
		if from == m {
			from = keep
		}
		if to == m {
			to = keep
		}
		id := graph.ClaimID(from, r.Type, to)
		target, exists, err := s.claimInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if !exists {
			moved := r
			moved.ID, moved.From, moved.To = id, from, to
			if _, err := run(ctx, tx, s.st.get("gen_merge_claims"), map[string]any{"rows": []any{claimRow(moved)}}, nil); err != nil {
				return err
			}
			if target, _, err = s.claimInTx(ctx, tx, id); err != nil {
				return err
			}
			if _, err := run(ctx, tx, s.st.get("set_claim_state"), map[string]any{"elementId": target.elementID, pVersion: int64(r.Version),
				pStatus: string(r.Review.Status), "by": r.Review.By, pAt: r.Review.At, "note": r.Review.Note,
				pCorrectedBy: r.Review.CorrectedBy, pEdited: true}, nil); err != nil {
				return err
			}
		} else if target.rel.Review.Status == graph.Unreviewed && r.Review.Status != graph.Unreviewed {
			rv := r.Review
			if rv.CorrectedBy == id {
				rv = graph.Review{Status: graph.Confirmed, By: rv.By, At: rv.At, Note: rv.Note}
			}
			if err := s.setReview(ctx, tx, target.elementID, rv); err != nil {
				return err
			}
		}
		if err := s.moveEvidence(ctx, tx, r.ID, id); err != nil {
			return err
		}
		if _, err := run(ctx, tx, s.st.get("delete_claim"), map[string]any{"elementId": c.elementID}, nil); err != nil {
			return err
		}
		if err := s.redirect(ctx, tx, r.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// moveEvidence gives the evidence of subject old to subject new.
func (s *Store) moveEvidence(ctx context.Context, tx neo4j.ManagedTransaction, old, new string) error {
	evs, err := s.evidenceOf(ctx, tx, old)
	if err != nil || len(evs) == 0 {
		return err
	}
	moves := make([]any, len(evs))
	for i, e := range evs {
		moves[i] = map[string]any{rowFrom: e.ID, rowTo: graph.EvidenceID(new, e.DocumentID, e.Start, e.End)}
	}
	_, err = run(ctx, tx, s.st.get("move_evidence"), map[string]any{"moves": moves, pNew: new}, nil)
	return err
}

// redirect makes old lead to new.
func (s *Store) redirect(ctx context.Context, tx neo4j.ManagedTransaction, old, new string) error {
	_, err := run(ctx, tx, s.st.get("redirect"), map[string]any{pOld: old, pNew: new}, nil)
	return err
}

// AddNote implements graph.Curator.
func (s *Store) AddNote(ctx context.Context, subject, text string) (graph.Note, error) {
	var out graph.Note
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if err := graph.ValidNote(text); err != nil {
		return out, err
	}
	err = s.write(ctx, "adding a note", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		id, err := s.follow(ctx, tx, subject)
		if err != nil {
			return err
		}
		var n int64
		if _, err := run(ctx, tx, s.st.get("subject_exists"), map[string]any{pID: id}, func(rec *neo4j.Record) error {
			n, err = recordValue[int64](rec, "n")
			return err
		}); err != nil {
			return err
		}
		if n == 0 {
			_, isClaim, err := s.claimInTx(ctx, tx, id)
			if err != nil {
				return err
			}
			if !isClaim {
				return graph.NotFoundf("no node or claim %q", subject)
			}
		}
		seq, err := s.nextSeq(ctx, tx, "notes")
		if err != nil {
			return err
		}
		at := graph.Now()
		if _, err := run(ctx, tx, s.st.get("append_note"), map[string]any{pSeq: seq, pSubject: id, pText: text, pAuthor: by, pAt: at}, nil); err != nil {
			return err
		}
		out = graph.Note{ID: fmt.Sprintf("note:%d", seq), Subject: id, Text: text, By: by, At: at}
		return s.record(ctx, tx, at, by, graph.ActionNote, id, nil, map[string]string{"note": out.ID, "text": text})
	})
	return out, err
}

func noteFromRecord(rec *neo4j.Record) (graph.Note, error) {
	var n graph.Note
	seq, err := recordValue[int64](rec, pSeq)
	if err != nil {
		return n, err
	}
	n.ID = fmt.Sprintf("note:%d", seq)
	for key, dst := range map[string]*string{pSubject: &n.Subject, pText: &n.Text, pAuthor: &n.By, pAt: &n.At} {
		if *dst, err = recordValue[string](rec, key); err != nil {
			return n, err
		}
	}
	return n, nil
}

// Notes implements graph.Curator.
func (s *Store) Notes(ctx context.Context, subjects []string) (map[string][]graph.Note, error) {
	out := map[string][]graph.Note{}
	err := s.read(ctx, "reading notes", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		clear(out)
		_, err := run(ctx, tx, s.st.get("notes_of"), map[string]any{"subjects": stringsToAny(subjects)}, func(rec *neo4j.Record) error {
			n, err := noteFromRecord(rec)
			out[n.Subject] = append(out[n.Subject], n)
			return err
		})
		return err
	})
	return out, err
}

func changeFromRecord(rec *neo4j.Record) (graph.Change, error) {
	var c graph.Change
	var err error
	if c.Seq, err = recordValue[int64](rec, pSeq); err != nil {
		return c, err
	}
	for key, dst := range map[string]*string{pAt: &c.At, pAuthor: &c.By, pAction: &c.Action, pSubject: &c.Subject, pBefore: &c.Before, pAfter: &c.After} {
		if *dst, err = recordValue[string](rec, key); err != nil {
			return c, err
		}
	}
	return c, nil
}

// History implements graph.Curator.
func (s *Store) History(ctx context.Context, q graph.HistoryQuery) (graph.ChangePage, error) {
	var page graph.ChangePage
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	var afterSeq int64
	if after != "" {
		if _, err := fmt.Sscanf(after, "change:%d", &afterSeq); err != nil {
			return page, graph.Invalidf("cursor %q is not one this API gave out", q.After)
		}
	}
	n := graph.PageSize(q.First)
	err = s.read(ctx, "reading the history", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		page = graph.ChangePage{}
		subjects := []any{}
		if q.Subject != "" {
			subjects = append(subjects, q.Subject)
			if _, err := run(ctx, tx, s.st.get("merged_into"), map[string]any{pSubject: q.Subject}, func(rec *neo4j.Record) error {
				o, err := recordValue[string](rec, pOld)
				subjects = append(subjects, o)
				return err
			}); err != nil {
				return err
			}
		}
		_, err := run(ctx, tx, s.st.get("history_page"), map[string]any{"subjects": subjects, pAuthor: q.By, "since": q.Since,
			pAfter: afterSeq, "limit": n + 1}, func(rec *neo4j.Record) error {
			c, err := changeFromRecord(rec)
			page.Changes = append(page.Changes, c)
			return err
		})
		return err
	})
	if err != nil {
		return page, err
	}
	if len(page.Changes) > n {
		page.Changes, page.HasMore = page.Changes[:n], true
	}
	if len(page.Changes) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Changes[len(page.Changes)-1].ID())
	}
	return page, nil
}

// ReviewQueue implements graph.Curator.
func (s *Store) ReviewQueue(ctx context.Context, first int, after string) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	cur, err := graph.DecodeCursor(after)
	if err != nil {
		return page, err
	}
	conf, id := -1.0, ""
	if cur != "" {
		if conf, id, err = graph.ParseQueueCursor(cur); err != nil {
			return page, graph.Invalidf("cursor %q is not one this API gave out", after)
		}
	}
	n := graph.PageSize(first)
	err = s.read(ctx, "reading the review queue", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		page = graph.RelationshipPage{}
		if _, err := run(ctx, tx, s.st.get("review_queue"), map[string]any{pConfidence: conf, pAfter: id, "limit": n + 1}, func(rec *neo4j.Record) error {
			r, err := claimFromRecord(rec)
			page.Relationships = append(page.Relationships, r)
			return err
		}); err != nil {
			return err
		}
		counts, err := s.reviewCounts(ctx, tx)
		page.Total = counts[graph.Unreviewed]
		return err
	})
	if err != nil {
		return page, err
	}
	if len(page.Relationships) > n {
		page.Relationships, page.HasMore = page.Relationships[:n], true
	}
	if k := len(page.Relationships); k > 0 {
		page.EndCursor = graph.QueueCursor(page.Relationships[k-1])
	}
	return page, nil
}

func (s *Store) reviewCounts(ctx context.Context, tx neo4j.ManagedTransaction) (map[graph.ReviewStatus]int, error) {
	out := map[graph.ReviewStatus]int{}
	for _, st := range graph.ReviewStatuses() {
		out[st] = 0
	}
	_, err := run(ctx, tx, s.st.get("review_counts"), nil, func(rec *neo4j.Record) error {
		st, err := recordValue[string](rec, pStatus)
		if err != nil {
			return err
		}
		c, err := recordValue[int64](rec, "n")
		out[graph.ReviewStatus(st)] = int(c)
		return err
	})
	return out, err
}

// ReviewCounts implements graph.Curator.
func (s *Store) ReviewCounts(ctx context.Context) (map[graph.ReviewStatus]int, error) {
	var out map[graph.ReviewStatus]int
	err := s.read(ctx, "counting reviews", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var err error
		out, err = s.reviewCounts(ctx, tx)
		return err
	})
	return out, err
}

// ---- tokens

// AddToken implements graph.TokenStore.
func (s *Store) AddToken(ctx context.Context, t graph.Token, hash string) error {
	if err := graph.ValidTokenName(t.Name); err != nil {
		return err
	}
	if !t.Role.Valid() {
		return graph.Invalidf("role %q is not reader, editor or admin", t.Role)
	}
	return s.write(ctx, "adding a token", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var n int64
		if _, err := run(ctx, tx, s.st.get("token_exists"), map[string]any{pName: t.Name}, func(rec *neo4j.Record) error {
			var err error
			n, err = recordValue[int64](rec, "n")
			return err
		}); err != nil {
			return err
		}
		if n > 0 {
			return graph.Invalidf("a token named %q exists; revoke it first (actorgraph token revoke %s)", t.Name, t.Name)
		}
		_, err := run(ctx, tx, s.st.get("token_add"), map[string]any{pName: t.Name, pRole: string(t.Role), pHash: hash, pCreated: t.Created}, nil)
		return err
	})
}

func tokenFromRecord(rec *neo4j.Record) (graph.Token, error) {
	var t graph.Token
	var role string
	for key, dst := range map[string]*string{pName: &t.Name, pRole: &role, pCreated: &t.Created} {
		v, err := recordValue[string](rec, key)
		if err != nil {
			return t, err
		}
		*dst = v
	}
	t.Role = graph.Role(role)
	return t, nil
}

// Tokens implements graph.TokenStore.
func (s *Store) Tokens(ctx context.Context) ([]graph.Token, error) {
	var out []graph.Token
	err := s.read(ctx, "reading tokens", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		out = nil
		_, err := run(ctx, tx, s.st.get("token_list"), nil, func(rec *neo4j.Record) error {
			t, err := tokenFromRecord(rec)
			out = append(out, t)
			return err
		})
		return err
	})
	return out, err
}

// RevokeToken implements graph.TokenStore.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	return s.write(ctx, "revoking a token", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var n int64
		if _, err := run(ctx, tx, s.st.get("token_revoke"), map[string]any{pName: name}, func(rec *neo4j.Record) error {
			var err error
			n, err = recordValue[int64](rec, "n")
			return err
		}); err != nil {
			return err
		}
		if n == 0 {
			return graph.NotFoundf("no token named %q", name)
		}
		return nil
	})
}

// TokenByHash implements graph.TokenStore.
func (s *Store) TokenByHash(ctx context.Context, hash string) (graph.Token, bool, error) {
	var t graph.Token
	found := false
	err := s.read(ctx, "reading tokens", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		found = false
		_, err := run(ctx, tx, s.st.get("token_by_hash"), map[string]any{pHash: hash}, func(rec *neo4j.Record) error {
			var err error
			t, err = tokenFromRecord(rec)
			found = true
			return err
		})
		return err
	})
	return t, found, err
}

// ---- export and import

// ExportCuration implements graph.CurationPorter.
func (s *Store) ExportCuration(ctx context.Context) (graph.Curation, error) {
	var c graph.Curation
	err := s.read(ctx, "reading the curation", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		c = graph.Curation{}
		if _, err := run(ctx, tx, s.st.get("curation_claims"), nil, func(rec *neo4j.Record) error {
			var cc graph.ClaimCuration
			var status string
			for key, dst := range map[string]*string{pID: &cc.Claim, pStatus: &status, "by": &cc.Review.By, pAt: &cc.Review.At,
				"note": &cc.Review.Note, pCorrectedBy: &cc.Review.CorrectedBy} {
				v, err := recordValue[string](rec, key)
				if err != nil {
					return err
				}
				*dst = v
			}
			cc.Review.Status = graph.ReviewStatus(status)
			v, err := recordValue[int64](rec, pVersion)
			cc.Version = int(v)
			if err != nil {
				return err
			}
			cc.Edited, err = recordValue[bool](rec, pEdited)
			c.Claims = append(c.Claims, cc)
			return err
		}); err != nil {
			return err
		}
		if _, err := run(ctx, tx, s.st.get("curation_nodes"), nil, func(rec *neo4j.Record) error {
			var nc graph.NodeCuration
			var err error
			if nc.Node, err = recordValue[string](rec, pID); err != nil {
				return err
			}
			v, err := recordValue[int64](rec, pVersion)
			nc.Version = int(v)
			if err != nil {
				return err
			}
			nc.Edited, err = recordValue[bool](rec, pEdited)
			c.Nodes = append(c.Nodes, nc)
			return err
		}); err != nil {
			return err
		}
		if _, err := run(ctx, tx, s.st.get("curation_merges"), nil, func(rec *neo4j.Record) error {
			var r graph.Redirect
			var err error
			if r.From, err = recordValue[string](rec, pOld); err != nil {
				return err
			}
			r.Into, err = recordValue[string](rec, pNew)
			c.Merges = append(c.Merges, r)
			return err
		}); err != nil {
			return err
		}
		if _, err := run(ctx, tx, s.st.get("curation_notes"), nil, func(rec *neo4j.Record) error {
			n, err := noteFromRecord(rec)
			c.Notes = append(c.Notes, n)
			return err
		}); err != nil {
			return err
		}
		_, err := run(ctx, tx, s.st.get("curation_changes"), nil, func(rec *neo4j.Record) error {
			ch, err := changeFromRecord(rec)
			c.Changes = append(c.Changes, ch)
			return err
		})
		return err
	})
	return c, err
}

// ImportCuration implements graph.CurationPorter.
func (s *Store) ImportCuration(ctx context.Context, c graph.Curation) error {
	return s.write(ctx, "importing the curation", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		ids := make([]string, len(c.Claims))
		for i, cc := range c.Claims {
			ids[i] = cc.Claim
		}
		found, err := s.claimsByID(ctx, tx, ids)
		if err != nil {
			return err
		}
		elementOf := map[string]string{}
		for _, f := range found {
			elementOf[f.rel.ID] = f.elementID
		}
		for _, cc := range c.Claims {
			if !cc.Review.Status.Valid() {
				return graph.Invalidf("claim %s: unknown review status %q", cc.Claim, cc.Review.Status)
			}
			eid, ok := elementOf[cc.Claim]
			if !ok {
				return graph.Invalidf("the review of claim %s names a claim that is not stored", cc.Claim)
			}
			if _, err := run(ctx, tx, s.st.get("set_claim_state"), map[string]any{"elementId": eid, pVersion: int64(cc.Version),
				pStatus: string(cc.Review.Status), "by": cc.Review.By, pAt: cc.Review.At, "note": cc.Review.Note,
				pCorrectedBy: cc.Review.CorrectedBy, pEdited: cc.Edited}, nil); err != nil {
				return err
			}
		}
		for _, nc := range c.Nodes {
			if _, ok, err := s.nodeInTx(ctx, tx, nc.Node); err != nil || !ok {
				if err == nil {
					err = graph.Invalidf("the state of node %s names a node that is not stored", nc.Node)
				}
				return err
			}
			if _, err := s.setNodeState(ctx, tx, nc.Node, nc.Version, nc.Edited); err != nil {
				return err
			}
		}
		for _, m := range c.Merges {
			if m.From == "" || m.Into == "" || m.From == m.Into {
				return graph.Invalidf("merge %q into %q is not a merge", m.From, m.Into)
			}
			if _, err := run(ctx, tx, s.st.get("import_redirect"), map[string]any{pOld: m.From, pNew: m.Into}, nil); err != nil {
				return err
			}
		}
		for _, n := range c.Notes {
			if err := graph.ValidNote(n.Text); err != nil {
				return err
			}
			seq, err := s.nextSeq(ctx, tx, "notes")
			if err != nil {
				return err
			}
			if _, err := run(ctx, tx, s.st.get("import_note"), map[string]any{pSeq: seq, pSubject: n.Subject, pText: n.Text, pAuthor: n.By, pAt: n.At}, nil); err != nil {
				return err
			}
		}
		for _, ch := range c.Changes {
			seq, err := s.nextSeq(ctx, tx, "history")
			if err != nil {
				return err
			}
			if _, err := run(ctx, tx, s.st.get("import_change"), map[string]any{pSeq: seq, pAt: ch.At, pAuthor: ch.By, pAction: ch.Action,
				pSubject: ch.Subject, pBefore: ch.Before, pAfter: ch.After}, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
