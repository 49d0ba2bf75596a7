package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/graph"
)

// nodesByID reads nodes within tx, keyed by id.
func (s *Store) nodesByID(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]graph.Node, error) {
	out := map[string]graph.Node{}
	if len(ids) == 0 {
		return out, nil
	}
	_, err := run(ctx, tx, s.st.get("nodes_by_id"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
		n, err := nodeColumn(rec, "n")
		out[n.ID] = n
		return err
	})
	return out, err
}

func nodeColumn(rec *neo4j.Record, key string) (graph.Node, error) {
	v, err := recordValue[neo4j.Node](rec, key)
	if err != nil {
		return graph.Node{}, err
	}
	return nodeFromDB(v)
}

// inOrder returns the values of byID in the order of ids, each once.
func inOrder[T any](ids []string, byID map[string]T) []T {
	out := make([]T, 0, len(byID))
	for _, id := range ids {
		if v, ok := byID[id]; ok {
			out = append(out, v)
			delete(byID, id)
		}
	}
	return out
}

// Nodes implements graph.Store.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	var out []graph.Node
	err := s.read(ctx, "reading nodes", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		byID, err := s.nodesByID(ctx, tx, ids)
		out = inOrder(ids, byID)
		return err
	})
	return out, err
}

// ListNodes implements graph.Store. Pages are keyset pages on the id, so a
// walk neither skips nor repeats nodes while others are written.
func (s *Store) ListNodes(ctx context.Context, q graph.ListNodesQuery) (graph.NodePage, error) {
	var page graph.NodePage
	if q.Kind != "" && !q.Kind.Valid() {
		return page, graph.Invalidf("unknown node kind %q", q.Kind)
	}
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	n := graph.PageSize(q.First)
	err = s.read(ctx, "listing nodes", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		page = graph.NodePage{}
		params := map[string]any{"kind": string(q.Kind), "after": after, "limit": n + 1}
		if _, err := run(ctx, tx, s.st.get("list_nodes"), params, func(rec *neo4j.Record) error {
			node, err := nodeColumn(rec, "n")
			page.Nodes = append(page.Nodes, node)
			return err
		}); err != nil {
			return err
		}
		counts, err := s.countsByName(ctx, tx, "gen_count_nodes_by_kind")
		if err != nil {
			return err
		}
		for k, c := range counts {
			if q.Kind == "" || graph.NodeKind(k) == q.Kind {
				page.Total += c
			}
		}
		return nil
	})
	if err != nil {
		return graph.NodePage{}, err
	}
	if len(page.Nodes) > n {
		page.Nodes, page.HasMore = page.Nodes[:n], true
	}
	if len(page.Nodes) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Nodes[len(page.Nodes)-1].ID)
	}
	return page, nil
}

// countsByName runs one of the count-store statements (name, total).
func (s *Store) countsByName(ctx context.Context, tx neo4j.ManagedTransaction, stmt string) (map[string]int, error) {
	out := map[string]int{}
	_, err := run(ctx, tx, s.st.get(stmt), nil, func(rec *neo4j.Record) error {
		name, err := recordValue[string](rec, "name")
		if err != nil {
			return err
		}
		total, err := recordValue[int64](rec, "total")
		out[name] = int(total)
		return err
	})
	return out, err
}

// filterParams renders a graph.Filter as the parameters the filtering
// statements share ($types, $minConfidence, $since, $until, $statuses).
func filterParams(f graph.Filter, params map[string]any) map[string]any {
	types := make([]any, len(f.Types))
	for i, t := range f.Types {
		types[i] = string(t)
	}
	params["types"] = types
	params["minConfidence"] = f.MinConfidence
	params["since"] = f.Since
	params["until"] = f.Until
	statuses := f.Statuses
	if len(statuses) == 0 {
		statuses = graph.VisibleStatuses()
	}
	st := make([]any, len(statuses))
	for i, v := range statuses {
		st[i] = string(v)
	}
	params["statuses"] = st
	return params
}

func directionParam(d graph.Direction) string {
	switch d {
	case graph.Outgoing:
		return "out"
	case graph.Incoming:
		return "in"
	}
	return "both"
}

// Relationships implements graph.Store.
func (s *Store) Relationships(ctx context.Context, q graph.RelationshipsQuery) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	if err := q.Filter.Validate(); err != nil {
		return page, err
	}
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	n := graph.PageSize(q.First)
	err = s.read(ctx, "reading claims", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		params := filterParams(q.Filter, map[string]any{"ids": stringsToAny(q.NodeIDs),
			"direction": directionParam(q.Direction), "after": after, "limit": n + 1})
		var err error
		page, err = s.claimPage(ctx, tx, "relationships_page", "relationships_count", params)
		return err
	})
	if err != nil {
		return graph.RelationshipPage{}, err
	}
	if len(page.Relationships) > n {
		page.Relationships, page.HasMore = page.Relationships[:n], true
	}
	if len(page.Relationships) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Relationships[len(page.Relationships)-1].ID)
	}
	return page, nil
}

// RelationshipsByID implements graph.Store.
func (s *Store) RelationshipsByID(ctx context.Context, ids []string) ([]graph.Relationship, error) {
	var out []graph.Relationship
	err := s.read(ctx, "reading claims", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		found, err := s.claimsByID(ctx, tx, ids)
		byID := map[string]graph.Relationship{}
		for _, c := range found {
			byID[c.rel.ID] = c.rel
		}
		out = inOrder(ids, byID)
		return err
	})
	return out, err
}

func evidenceColumn(rec *neo4j.Record) (graph.Evidence, error) {
	v, err := recordValue[neo4j.Node](rec, "e")
	if err != nil {
		return graph.Evidence{}, err
	}
	return evidenceFromDB(v)
}

// Evidence implements graph.Store.
func (s *Store) Evidence(ctx context.Context, subjectIDs []string) (map[string][]graph.Evidence, error) {
	var out map[string][]graph.Evidence
	err := s.read(ctx, "reading evidence", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		out = map[string][]graph.Evidence{}
		if len(subjectIDs) == 0 {
			return nil
		}
		_, err := run(ctx, tx, s.st.get("evidence_of_subjects"), map[string]any{"ids": stringsToAny(subjectIDs)}, func(rec *neo4j.Record) error {
			e, err := evidenceColumn(rec)
			out[e.Subject] = append(out[e.Subject], e)
			return err
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EvidenceOfDocument implements graph.Store.
func (s *Store) EvidenceOfDocument(ctx context.Context, documentID string) ([]graph.Evidence, error) {
	var out []graph.Evidence
	err := s.read(ctx, "reading evidence", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		out = nil
		_, err := run(ctx, tx, s.st.get("evidence_of_document"), map[string]any{"id": documentID}, func(rec *neo4j.Record) error {
			e, err := evidenceColumn(rec)
			out = append(out, e)
			return err
		})
		return err
	})
	return out, err
}

func documentColumn(rec *neo4j.Record) (graph.Document, error) {
	v, err := recordValue[neo4j.Node](rec, "d")
	if err != nil {
		return graph.Document{}, err
	}
	return documentFromDB(v)
}

// Documents implements graph.Store.
func (s *Store) Documents(ctx context.Context, ids []string) ([]graph.Document, error) {
	var out []graph.Document
	err := s.read(ctx, "reading documents", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		byID := map[string]graph.Document{}
		if len(ids) > 0 {
			if _, err := run(ctx, tx, s.st.get("documents_by_id"), map[string]any{"ids": stringsToAny(ids)}, func(rec *neo4j.Record) error {
				d, err := documentColumn(rec)
				byID[d.ID] = d
				return err
			}); err != nil {
				return err
			}
		}
		out = inOrder(ids, byID)
		return nil
	})
	return out, err
}

// ListDocuments implements graph.Store.
func (s *Store) ListDocuments(ctx context.Context, q graph.ListDocumentsQuery) (graph.DocumentPage, error) {
	var page graph.DocumentPage
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	if err := q.Validate(); err != nil {
		return page, err
	}
	n := graph.PageSize(q.First)
	params := map[string]any{"after": after, "limit": n + 1, "publisher": q.Publisher, "url": q.URL, "since": q.Since, "until": q.Until}
	err = s.read(ctx, "listing documents", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		page = graph.DocumentPage{}
		_, err := run(ctx, tx, s.st.get("list_documents"), params, func(rec *neo4j.Record) error {
			total, err := recordValue[int64](rec, "total")
			if err != nil {
				return err
			}
			page.Total = int(total)
			docs, err := recordValue[[]any](rec, "docs")
			if err != nil {
				return err
			}
			for _, v := range docs {
				node, ok := v.(neo4j.Node)
				if !ok {
					return decodeError("column docs: a %T where a document node belongs", v)
				}
				d, err := documentFromDB(node)
				if err != nil {
					return err
				}
				page.Documents = append(page.Documents, d)
			}
			return nil
		})
		return err
	})
	if err != nil {
		return graph.DocumentPage{}, err
	}
	if len(page.Documents) > n {
		page.Documents, page.HasMore = page.Documents[:n], true
	}
	if len(page.Documents) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Documents[len(page.Documents)-1].ID)
	}
	return page, nil
}

func (s *Store) countDocumentsAndEvidence(ctx context.Context, tx neo4j.ManagedTransaction) (docs, evidence int, err error) {
	_, err = run(ctx, tx, s.st.get("count_documents_and_evidence"), nil, func(rec *neo4j.Record) error {
		d, err := recordValue[int64](rec, "documents")
		if err != nil {
			return err
		}
		e, err := recordValue[int64](rec, "evidence")
		docs, evidence = int(d), int(e)
		return err
	})
	return docs, evidence, err
}

// Stats implements graph.Store; every count comes from Neo4j's count
// store, so Stats costs the same on any size of graph.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	st := graph.Stats{Nodes: map[graph.NodeKind]int{}, Relationships: map[graph.RelType]int{}}
	err := s.read(ctx, "counting", func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		st = graph.Stats{Nodes: map[graph.NodeKind]int{}, Relationships: map[graph.RelType]int{}}
		nodes, err := s.countsByName(ctx, tx, "gen_count_nodes_by_kind")
		if err != nil {
			return err
		}
		for k, c := range nodes {
			if c > 0 {
				st.Nodes[graph.NodeKind(k)] = c
			}
		}
		claims, err := s.countsByName(ctx, tx, "gen_count_claims_by_type")
		if err != nil {
			return err
		}
		for t, c := range claims {
			if c > 0 {
				st.Relationships[graph.RelType(t)] = c
			}
		}
		st.Documents, st.Evidence, err = s.countDocumentsAndEvidence(ctx, tx)
		return err
	})
	return st, err
}

// claimPage reads one page of claims with pageStmt and how many there are in
// all with countStmt, both given the same parameters, inside one transaction.
func (s *Store) claimPage(ctx context.Context, tx neo4j.ManagedTransaction, pageStmt, countStmt string, params map[string]any) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	if _, err := run(ctx, tx, s.st.get(pageStmt), params, func(rec *neo4j.Record) error {
		r, err := claimFromRecord(rec)
		page.Relationships = append(page.Relationships, r)
		return err
	}); err != nil {
		return page, err
	}
	_, err := run(ctx, tx, s.st.get(countStmt), params, func(rec *neo4j.Record) error {
		total, err := recordValue[int64](rec, "total")
		page.Total = int(total)
		return err
	})
	return page, err
}
