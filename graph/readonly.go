package graph

import "context"

// ReadOnly wraps a store so that every write (Upsert, DeleteDocument) is
// refused with CodeInvalid, whatever the backend: `actorgraph serve
// --read-only` serves through it, so no request and no start-up step can
// change the graph.
func ReadOnly(s Store) Store { return readOnly{s} }

type readOnly struct{ Store }

func (readOnly) Upsert(context.Context, Batch) (UpsertResult, error) {
	return UpsertResult{}, Invalidf("the store is open read-only")
}

func (readOnly) DeleteDocument(context.Context, string) (DeleteResult, error) {
	return DeleteResult{}, Invalidf("the store is open read-only")
}
