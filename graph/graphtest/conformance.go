// Package graphtest is the conformance suite of graph.Store: every contract
// documented in graph/store.go, checked the same way against every backend.
//
// A backend's test calls RunConformanceTests with a factory that opens a
// fresh, empty store and registers its cleanup:
//
//	func TestConformance(t *testing.T) {
//		graphtest.RunConformanceTests(t, func(t *testing.T) graph.Store {
//			s, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "g.db"))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Each contract is one subtest with its own store, so a failure names the
// contract that broke and no subtest depends on another. Fixtures are built
// the way the loader builds its batches (content-hash document ids, claim ids
// from subject, type and object, code-point evidence offsets), so a store
// that passes accepts what the loader writes.
package graphtest

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// contract is one subtest. Most need a single store; the few that need
// several (one per case) get the factory.
type contract struct {
	name string
	run  func(t *testing.T, newStore func(*testing.T) graph.Store)
}

// withStore adapts a test that needs one fresh store.
func withStore(f func(*testing.T, graph.Store)) func(*testing.T, func(*testing.T) graph.Store) {
	return func(t *testing.T, newStore func(*testing.T) graph.Store) { f(t, newStore(t)) }
}

func contracts() []contract {
	one := func(name string, f func(*testing.T, graph.Store)) contract {
		return contract{name, withStore(f)}
	}
	return []contract{
		// Upsert
		one("UpsertRoundTrip", testUpsertRoundTrip),
		one("UpsertIdempotent", testUpsertIdempotent),
		one("UpsertUpdatesFields", testUpsertUpdatesFields),
		one("AliasesUnion", testAliasesUnion),
		one("EvidenceMerge", testEvidenceMerge),
		one("EvidenceForStoredClaim", testEvidenceForStoredClaim),
		one("UpsertAtomic", testUpsertAtomic),
		{"Rejects", testRejects},

		// Lookups
		one("NodesByID", testNodesByID),
		one("RelationshipsByID", testRelationshipsByID),
		one("Documents", testDocuments),
		one("DocumentMetadata", testDocumentMetadata),
		one("ListDocumentsFilters", testListDocumentsFilters),
		one("EvidenceBySubject", testEvidenceBySubject),
		one("EvidenceOfDocument", testEvidenceOfDocument),
		one("Stats", testStats),

		// Listing
		one("ListNodesPagination", testListNodesPagination),
		one("ListNodesStableUnderWrites", testListNodesStableUnderWrites),

		// Relationships
		one("RelationshipsDirection", testRelationshipsDirection),
		one("RelationshipsTypeAndConfidence", testRelationshipsTypeAndConfidence),
		one("RelationshipsDates", testRelationshipsDates),
		one("RelationshipsPagination", testRelationshipsPagination),
		one("QueriesRejectInvalidFilter", testQueriesRejectInvalidFilter),

		// Claims and their counts
		one("ClaimsFilters", testClaimsFilters),
		one("ClaimsEvidence", testClaimsEvidence),
		one("ClaimsIncludeParts", testClaimsIncludeParts),
		one("ClaimsPartsExpansion", testClaimsPartsExpansion),
		one("ClaimsOrder", testClaimsOrder),
		one("ClaimCounts", testClaimCounts),
		one("ClaimsRejects", testClaimsRejects),
		one("ClaimsReview", testClaimsReview),

		// Search
		one("SearchRanking", testSearchRanking),
		one("SearchPrefix", testSearchPrefix),
		one("SearchKinds", testSearchKinds),
		one("SearchAlias", testSearchAlias),
		one("SearchStatementText", testSearchStatementText),
		one("SearchEvidence", testSearchEvidence),
		one("SearchEmpty", testSearchEmpty),
		one("SearchTooLong", testSearchTooLong),
		one("SearchOperators", testSearchOperators),
		one("SearchFirst", testSearchFirst),
		one("SearchFollowsUpdates", testSearchFollowsUpdates),

		// Neighborhood
		one("NeighborhoodDepth", testNeighborhoodDepth),
		one("NeighborhoodIgnoresDirection", testNeighborhoodIgnoresDirection),
		one("NeighborhoodKinds", testNeighborhoodKinds),
		one("NeighborhoodFilter", testNeighborhoodFilter),
		one("NeighborhoodPerNode", testNeighborhoodPerNode),
		one("NeighborhoodLimit", testNeighborhoodLimit),
		one("NeighborhoodNotTruncated", testNeighborhoodNotTruncated),
		one("NeighborhoodSeeds", testNeighborhoodSeeds),

		// Paths
		one("PathsShortestFirst", testPathsShortestFirst),
		one("PathsMaxHops", testPathsMaxHops),
		one("PathsExclude", testPathsExclude),
		one("PathsFilter", testPathsFilter),
		one("PathsIgnoreDirection", testPathsIgnoreDirection),
		one("PathsUnknownEndpoint", testPathsUnknownEndpoint),
		one("PathsNone", testPathsNone),

		// DeleteDocument
		one("DeleteKeepsSupported", testDeleteKeepsSupported),
		one("DeleteRemovesUnsupportedClaims", testDeleteRemovesUnsupportedClaims),
		one("DeleteRemovesClaimNodes", testDeleteRemovesClaimNodes),
		one("DeleteRemovesOrphans", testDeleteRemovesOrphans),
		one("DeleteKeepsReferenceNodes", testDeleteKeepsReferenceNodes),
		one("DeleteCounts", testDeleteCounts),
		one("DeleteUnknown", testDeleteUnknown),
		one("DeleteThenReload", testDeleteThenReload),

		// Text is data
		one("UnicodeRoundTrip", testUnicodeRoundTrip),
		one("UnicodeOffsets", testUnicodeOffsets),
		one("UnicodeSearch", testUnicodeSearch),
		one("InjectionRoundTrip", testInjectionRoundTrip),
		one("InjectionQueries", testInjectionQueries),

		// Concurrency and cancellation
		one("ContextCanceled", testContextCanceled),
		one("ConcurrentUpserts", testConcurrentUpserts),
		one("Close", testClose),

		// Saved investigations (graph.InvestigationStore)
		one("Investigations", testInvestigations),
	}
}

// RunConformanceTests runs every contract of graph.Store as a subtest of t.
// newStore must return a fresh, empty store and register its own cleanup
// (t.Cleanup) on the t it is given; it is called once per subtest, and once
// per case for table-driven contracts. The Close subtest closes its store
// itself, so the cleanup must tolerate a second Close. Subtests run one after another, so a
// backend sharing one database between stores (Neo4j) only needs to empty
// it in newStore.
func RunConformanceTests(t *testing.T, newStore func(t *testing.T) graph.Store) {
	t.Helper()
	for _, c := range append(contracts(), reviewContracts()...) {
		t.Run(c.name, func(t *testing.T) { c.run(t, newStore) })
	}
}
