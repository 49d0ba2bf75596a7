// Package schema is actorgraph's GraphQL API, schema-first with gqlgen: the
// SDL in *.graphqls (vocabulary.graphqls is generated from graph's
// vocabulary), the resolvers, the per-request dataloaders that keep the
// number of store round trips bounded by a query's depth, and the handler
// with its limits and error presenter (handler.go).
//
// It sees only graph.Store, never a concrete store.
package schema

import "github.com/actorgraph/actorgraph/graph"

// Resolver is the root of the resolvers; one per server.
type Resolver struct {
	Store graph.Store
}
