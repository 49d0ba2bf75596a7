package main

import (
	"context"
	"sync/atomic"

	"github.com/actorgraph/actorgraph/graph"
)

// countingStore counts store round trips per request: the server puts a
// counter in each request's context, and every call made on its behalf
// (dataloaders pass the request's context down) adds one.
type countingStore struct{ graph.Store }

type callsKey struct{}

func withCallCounter(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, callsKey{}, n), n
}

func count(ctx context.Context) {
	if n, ok := ctx.Value(callsKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

func (c countingStore) Upsert(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	count(ctx)
	return c.Store.Upsert(ctx, b)
}

func (c countingStore) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	count(ctx)
	return c.Store.Nodes(ctx, ids)
}

func (c countingStore) ListNodes(ctx context.Context, q graph.ListNodesQuery) (graph.NodePage, error) {
	count(ctx)
	return c.Store.ListNodes(ctx, q)
}

func (c countingStore) Relationships(ctx context.Context, q graph.RelationshipsQuery) (graph.RelationshipPage, error) {
	count(ctx)
	return c.Store.Relationships(ctx, q)
}

func (c countingStore) RelationshipsByID(ctx context.Context, ids []string) ([]graph.Relationship, error) {
	count(ctx)
	return c.Store.RelationshipsByID(ctx, ids)
}

func (c countingStore) Evidence(ctx context.Context, ids []string) (map[string][]graph.Evidence, error) {
	count(ctx)
	return c.Store.Evidence(ctx, ids)
}

func (c countingStore) EvidenceOfDocument(ctx context.Context, id string) ([]graph.Evidence, error) {
	count(ctx)
	return c.Store.EvidenceOfDocument(ctx, id)
}

func (c countingStore) Documents(ctx context.Context, ids []string) ([]graph.Document, error) {
	count(ctx)
	return c.Store.Documents(ctx, ids)
}

func (c countingStore) ListDocuments(ctx context.Context, q graph.ListDocumentsQuery) (graph.DocumentPage, error) {
	count(ctx)
	return c.Store.ListDocuments(ctx, q)
}

func (c countingStore) Claims(ctx context.Context, q graph.ClaimQuery) (graph.RelationshipPage, error) {
	count(ctx)
	return c.Store.Claims(ctx, q)
}

func (c countingStore) ClaimEnds(ctx context.Context, q graph.ClaimEndsQuery) (graph.IDPage, error) {
	count(ctx)
	return c.Store.ClaimEnds(ctx, q)
}

func (c countingStore) ClaimCounts(ctx context.Context, q graph.ClaimCountsQuery) (graph.ClaimCounts, error) {
	count(ctx)
	return c.Store.ClaimCounts(ctx, q)
}

func (c countingStore) Search(ctx context.Context, q graph.SearchQuery) ([]graph.SearchHit, error) {
	count(ctx)
	return c.Store.Search(ctx, q)
}

func (c countingStore) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (graph.Subgraph, error) {
	count(ctx)
	return c.Store.Neighborhood(ctx, q)
}

func (c countingStore) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	count(ctx)
	return c.Store.Paths(ctx, q)
}

func (c countingStore) Stats(ctx context.Context) (graph.Stats, error) {
	count(ctx)
	return c.Store.Stats(ctx)
}

func (c countingStore) DeleteDocument(ctx context.Context, id string) (graph.DeleteResult, error) {
	count(ctx)
	return c.Store.DeleteDocument(ctx, id)
}
