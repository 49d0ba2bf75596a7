package graph

import "context"

// BulkStore is a Store that can take a large load (thousands of documents,
// an import) faster than one Upsert transaction per document.
//
// A bulk load is one transaction: readers keep reading what was stored
// before it until Commit, and a bulk load that is stopped, fails or is
// killed leaves the store exactly as it was before it began. What it writes
// is what the same batches written one Upsert at a time would write (same
// documents, nodes, claims, evidence, review state and search results); the
// difference is where the time goes (indexes are built once at the end)
// and what a stop loses (the whole bulk load, not the document being
// written).
type BulkStore interface {
	Store
	// BeginBulk starts a bulk load. Until Commit or Rollback, the store's
	// own writes (Upsert, review) wait for it.
	BeginBulk(ctx context.Context) (BulkLoad, error)
}

// BulkLoad is one bulk load in progress.
type BulkLoad interface {
	// Upsert checks and writes a batch like Store.Upsert. A batch refused
	// by its checks (an error of code Invalid or Conflict) writes nothing
	// and the bulk load goes on; any other error ends the bulk load: every
	// later call fails and Commit rolls back.
	Upsert(ctx context.Context, b Batch) (UpsertResult, error)
	// Commit finishes the indexes and makes everything written visible at
	// once; progress, when not nil, receives a line per step.
	Commit(ctx context.Context, progress func(string)) error
	// Rollback abandons the bulk load; it is safe after Commit.
	Rollback() error
}
