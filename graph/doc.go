// Package graph is actorgraph's domain: the node, claim, evidence and document
// types, the vocabulary that says which kinds and relationship types exist and
// which kinds each type may join, the error codes callers test with errors.As,
// and the Store interface every backend implements.
//
// The one rule of the product lives here: the graph never holds a bare fact.
// Every Relationship is a claim reported by a source and carries at least one
// Evidence, a verbatim span of a stored Document; so does every node whose kind
// is itself a claim (Event, Statement, Attribution). Stores enforce this on
// every write, so no caller can forget it.
//
// This package imports nothing but the standard library, so that every other
// package may import it and it imports none of them.
package graph
