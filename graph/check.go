package graph

import "context"

// Checker is implemented by stores that can verify their own integrity:
// `actorgraph check` runs it after a crash or before a backup.
type Checker interface {
	// Check verifies the store's invariants (every claim and claim-node has
	// evidence, every piece of evidence has its document and quotes it
	// exactly, indexes agree with tables) and lists what is wrong; an empty
	// list means healthy. The error is for failing to check at all.
	Check(ctx context.Context) (CheckReport, error)
}

// CheckReport is the result of a Check.
type CheckReport struct {
	// Checked names each invariant checked with how many items it covered.
	Checked []CheckItem
	// Problems lists every broken invariant, in words.
	Problems []string
}

// CheckItem is one invariant checked.
type CheckItem struct {
	What  string
	Items int
}
