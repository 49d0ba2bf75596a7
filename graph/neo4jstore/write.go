package neo4jstore

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// Upsert implements graph.Store: the batch is checked (graph.CheckBatch,
// answered by reads inside the same write transaction) and written by four
// UNWIND statements, documents and nodes before the claims that join them
// and the evidence that cites them. The created counts are Neo4j's own
// update counters, so they count what this transaction created and nothing
// it merely matched.
func (s *Store) Upsert(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	b, err := graph.NormalizeBatch(b)
	if err != nil {
		return graph.UpsertResult{}, err
	}
	if b.Empty() {
		return graph.UpsertResult{}, nil
	}
	var res graph.UpsertResult
	err = s.write(ctx, "writing a batch", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		var err error
		res, err = s.writeBatch(ctx, tx, b)
		return err
	})
	if err != nil {
		return graph.UpsertResult{}, err
	}
	return res, nil
}

// writeBatch writes a normalized batch inside tx: merged ids are followed
// and nodes people changed keep their kind (followReview), the batch is
// checked, then written.
func (s *Store) writeBatch(ctx context.Context, tx neo4j.ManagedTransaction, b graph.Batch) (graph.UpsertResult, error) {
	res := graph.UpsertResult{} // a retried attempt starts from nothing
	b, err := s.followReview(ctx, tx, b)
	if err != nil {
		return res, err
	}
	// Rows go in id order so that concurrent writers lock shared nodes in
	// the same order and deadlock (and retry) less often.
	docs := slices.SortedFunc(slices.Values(b.Documents), func(x, y graph.Document) int { return cmp.Compare(x.ID, y.ID) })
	nodes := slices.SortedFunc(slices.Values(b.Nodes), func(x, y graph.Node) int { return cmp.Compare(x.ID, y.ID) })
	rels := slices.SortedFunc(slices.Values(b.Relationships), func(x, y graph.Relationship) int { return cmp.Compare(x.ID, y.ID) })
	evs := slices.SortedFunc(slices.Values(b.Evidence), func(x, y graph.Evidence) int { return cmp.Compare(x.ID, y.ID) })
	if err := graph.CheckBatch(ctx, b, txLookup{s: s, tx: tx}); err != nil {
		return res, err
	}
	steps := []struct {
		stmt  string
		rows  []any
		count *int
		rel   bool
	}{
		{"merge_documents", rowsOf(docs, documentRow), &res.Documents, false},
		{"gen_merge_nodes", rowsOf(nodes, nodeRow), &res.Nodes, false},
		{"gen_merge_claims", rowsOf(rels, claimRow), &res.Relationships, true},
		{"merge_evidence", rowsOf(evs, evidenceRow), &res.Evidence, false},
	}
	for _, st := range steps {
		if len(st.rows) == 0 {
			continue
		}
		sum, err := run(ctx, tx, s.st.get(st.stmt), map[string]any{"rows": st.rows}, nil)
		if err != nil {
			return res, err
		}
		if st.rel {
			*st.count = sum.Counters().RelationshipsCreated()
		} else {
			*st.count = sum.Counters().NodesCreated()
		}
	}
	return res, nil
}

func rowsOf[T any](items []T, row func(T) map[string]any) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = row(it)
	}
	return out
}

// txLookup answers graph.CheckBatch from inside the write transaction, so
// what is checked is what the batch is written against.
type txLookup struct {
	s  *Store
	tx neo4j.ManagedTransaction
}

func (l txLookup) StoredNodeKinds(ctx context.Context, ids []string) (map[string]graph.NodeKind, error) {
	out := map[string]graph.NodeKind{}
	if len(ids) == 0 {
		return out, nil
	}
	_, err := run(ctx, l.tx, l.s.st.get("stored_node_kinds"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
		id, err := recordValue[string](rec, "id")
		if err != nil {
			return err
		}
		labels, err := recordValue[[]any](rec, "labels")
		if err != nil {
			return err
		}
		ls, err := stringList(labels)
		if err != nil {
			return decodeError("labels of %q: %v", id, err)
		}
		k, ok := kindOf(ls)
		if !ok {
			return decodeError("node %q has labels %v: want :Entity and one node kind", id, ls)
		}
		out[id] = k
		return nil
	})
	return out, err
}

func (l txLookup) StoredDocumentTexts(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	_, err := run(ctx, l.tx, l.s.st.get("stored_document_texts"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
		id, err := recordValue[string](rec, "id")
		if err != nil {
			return err
		}
		text, err := recordValue[string](rec, "text")
		out[id] = text
		return err
	})
	return out, err
}

func (l txLookup) StoredRelationships(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	found, err := l.s.claimsByID(ctx, l.tx, ids)
	for _, c := range found {
		out[c.rel.ID] = true
	}
	return out, err
}

func (l txLookup) SubjectsWithEvidence(ctx context.Context, ids []string) (map[string]bool, error) {
	return subjectsWithEvidence(ctx, l.s, l.tx, ids)
}

func subjectsWithEvidence(ctx context.Context, s *Store, tx neo4j.ManagedTransaction, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	_, err := run(ctx, tx, s.st.get("subjects_with_evidence"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
		id, err := recordValue[string](rec, "subject")
		out[id] = true
		return err
	})
	return out, err
}

// storedClaim is a claim as found by id, with the element id that later
// statements of the same transaction use to reach it directly.
type storedClaim struct {
	rel       graph.Relationship
	elementID string
}

// claimsByID reads claims by id within tx, in no particular order.
func (s *Store) claimsByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]storedClaim, error) {
	var out []storedClaim
	var want []string
	for _, id := range ids {
		// Claim ids are "claim:" and a hash; anything else cannot be one,
		// and skipping it saves a union of index seeks.
		if strings.HasPrefix(id, "claim:") {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return nil, nil
	}
	_, err := run(ctx, tx, s.st.get("gen_claims_by_id"), map[string]any{"ids": stringsToAny(want)}, func(rec *neo4j.Record) error {
		c, err := claimFromRecord(rec)
		if err != nil {
			return err
		}
		eid, err := recordValue[string](rec, "elementId")
		out = append(out, storedClaim{c, eid})
		return err
	})
	return out, err
}

// claimFromRecord reads the columns r, from and to that every statement
// returning claims has.
func claimFromRecord(rec *neo4j.Record) (graph.Relationship, error) {
	r, err := recordValue[neo4j.Relationship](rec, "r")
	if err != nil {
		return graph.Relationship{}, err
	}
	from, err := recordValue[string](rec, "from")
	if err != nil {
		return graph.Relationship{}, err
	}
	to, err := recordValue[string](rec, "to")
	if err != nil {
		return graph.Relationship{}, err
	}
	return relFromDB(r, from, to)
}

// DeleteDocument implements graph.Store, with the same cascade as the
// SQLite store, step by step in one write transaction; each step is one
// statement, so its update counters count exactly one category of what
// went.
func (s *Store) DeleteDocument(ctx context.Context, id string) (graph.DeleteResult, error) {
	var res graph.DeleteResult
	err := s.write(ctx, "deleting a document", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		res = graph.DeleteResult{}
		p := map[string]any{"id": id}
		var exists int64
		if _, err := run(ctx, tx, s.st.get("count_document"), p, func(rec *neo4j.Record) error {
			var err error
			exists, err = recordValue[int64](rec, "total")
			return err
		}); err != nil {
			return err
		}
		if exists == 0 {
			return graph.NotFoundf("no document %q", id)
		}
		var subjects []string
		if _, err := run(ctx, tx, s.st.get("evidence_subjects_of_document"), p, func(rec *neo4j.Record) error {
			sub, err := recordValue[string](rec, "subject")
			subjects = append(subjects, sub)
			return err
		}); err != nil {
			return err
		}
		sum, err := run(ctx, tx, s.st.get("delete_evidence_of_document"), p, nil)
		if err != nil {
			return err
		}
		res.Evidence += sum.Counters().NodesDeleted()
		if _, err := run(ctx, tx, s.st.get("delete_document"), p, nil); err != nil {
			return err
		}

		// Subjects left without evidence.
		left, err := subjectsWithEvidence(ctx, s, tx, subjects)
		if err != nil {
			return err
		}
		var bareClaims, bareNodes []string
		for _, sub := range subjects {
			if left[sub] {
				continue
			}
			if strings.HasPrefix(sub, "claim:") {
				bareClaims = append(bareClaims, sub)
			} else {
				bareNodes = append(bareNodes, sub)
			}
		}
		// Claim-nodes without evidence go, with the claims touching them.
		var claimKinds []any
		for _, k := range graph.NodeKinds() {
			if k.IsClaim() {
				claimKinds = append(claimKinds, string(k))
			}
		}
		var claimNodes []string
		if _, err := run(ctx, tx, s.st.get("nodes_of_kinds"), map[string]any{"ids": stringsToAny(bareNodes), "kinds": claimKinds},
			func(rec *neo4j.Record) error {
				nid, err := recordValue[string](rec, "id")
				claimNodes = append(claimNodes, nid)
				return err
			}); err != nil {
			return err
		}
		// The claims about to go: by id, and those touching the claim-nodes.
		gone := map[string]string{} // claim id -> element id
		candidates := append([]string(nil), bareNodes...)
		found, err := s.claimsByID(ctx, tx, bareClaims)
		if err != nil {
			return err
		}
		for _, c := range found {
			gone[c.rel.ID] = c.elementID
			candidates = append(candidates, c.rel.From, c.rel.To)
		}
		if _, err := run(ctx, tx, s.st.get("claims_touching"), map[string]any{"ids": stringsToAny(claimNodes)}, func(rec *neo4j.Record) error {
			c, err := claimFromRecord(rec)
			if err != nil {
				return err
			}
			eid, err := recordValue[string](rec, "elementId")
			gone[c.ID] = eid
			candidates = append(candidates, c.From, c.To)
			return err
		}); err != nil {
			return err
		}
		// Their evidence (in other documents) and the claim-nodes' go too.
		subjectsGone := append(slices.Sorted(maps.Keys(gone)), claimNodes...)
		sum, err = run(ctx, tx, s.st.get("delete_evidence_of_subjects"), map[string]any{"ids": stringsToAny(subjectsGone)}, nil)
		if err != nil {
			return err
		}
		res.Evidence += sum.Counters().NodesDeleted()
		var eids []string
		for _, eid := range gone {
			eids = append(eids, eid)
		}
		sum, err = run(ctx, tx, s.st.get("delete_claims"), map[string]any{"elementIds": stringsToAny(eids)}, nil)
		if err != nil {
			return err
		}
		res.Relationships += sum.Counters().RelationshipsDeleted()

		// Nodes left with no claim, no evidence and no reference source.
		doomed := append([]string(nil), claimNodes...)
		if _, err := run(ctx, tx, s.st.get("orphan_nodes"), map[string]any{"ids": stringsToAny(candidates)}, func(rec *neo4j.Record) error {
			nid, err := recordValue[string](rec, "id")
			doomed = append(doomed, nid)
			return err
		}); err != nil {
			return err
		}
		sum, err = run(ctx, tx, s.st.get("delete_nodes"), map[string]any{"ids": stringsToAny(doomed)}, nil)
		if err != nil {
			return err
		}
		res.Nodes += sum.Counters().NodesDeleted()
		res.Relationships += sum.Counters().RelationshipsDeleted()
		return nil
	})
	if err != nil {
		return graph.DeleteResult{}, err
	}
	return res, nil
}
