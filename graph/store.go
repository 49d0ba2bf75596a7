package graph

import (
	"context"
	"slices"
	"strings"
)

// Store is where the graph lives. The embedded SQLite store and the Neo4j
// store implement it; graph/graphtest holds the conformance suite that pins
// down every contract below, and both must pass it.
//
// Common contracts:
//   - Every method takes a context and returns promptly with ctx.Err()
//     (wrapped) once it is done.
//   - Errors are *Error values: CodeInvalid for input that breaks a rule,
//     CodeNotFound, CodeConflict, CodeInternal for everything else.
//   - Strings are stored and returned byte for byte: unicode, right-to-left
//     text and strings that look like SQL or Cypher are data, never code.
//   - A Store is safe for concurrent use by many goroutines.
type Store interface {
	// Upsert writes a batch in one transaction: all of it or none of it.
	//
	// Documents are keyed by content hash, nodes by id, relationships by
	// ClaimID(from, type, to), evidence by EvidenceID; writing what already
	// exists changes nothing, so loading the same batch twice is a no-op and
	// the second UpsertResult counts zeros. A node or relationship written
	// again takes the new name, properties and scalar fields; aliases are the
	// union of old and new; evidence is never replaced, only added, so new
	// evidence for an existing claim merges into it. A document written again
	// keeps its text and takes the new metadata (title, publisher, URL, dates,
	// source, author, language, pages, supersedes) where it is not empty: the
	// same text loaded from a bare file later does not erase what its web
	// page said.
	//
	// Before writing anything Upsert rejects the whole batch (CodeInvalid)
	// when: a node, relationship or document fails its Validate; a node id is
	// stored (or repeated in the batch) with another kind (CodeConflict); a
	// relationship's endpoint does not exist in the batch or the store, or its
	// kinds are not allowed by the vocabulary; evidence names a subject or
	// document that does not exist, or offsets outside the text, or a quote
	// that is not exactly the text at its offsets; a relationship or a node of
	// a claim kind (Node.Kind.IsClaim) would be left without any evidence.
	Upsert(ctx context.Context, b Batch) (UpsertResult, error)

	// Nodes returns the nodes with the given ids, in the order of ids;
	// unknown ids are skipped, repeated ids returned once.
	Nodes(ctx context.Context, ids []string) ([]Node, error)

	// ListNodes pages through nodes, of one kind or of all, ordered by id.
	// The cursor is opaque; paging with it never skips nor repeats a node
	// that exists for the whole walk, whatever is written meanwhile.
	ListNodes(ctx context.Context, q ListNodesQuery) (NodePage, error)

	// Relationships returns the claims touching any of q.NodeIDs in
	// q.Direction that pass q.Filter, ordered by claim id, paged like
	// ListNodes.
	Relationships(ctx context.Context, q RelationshipsQuery) (RelationshipPage, error)

	// RelationshipsByID returns the claims with the given ids, in the order
	// of ids; unknown ids are skipped.
	RelationshipsByID(ctx context.Context, ids []string) ([]Relationship, error)

	// Evidence returns the evidence of each given subject (relationship or
	// node id), keyed by subject, each list ordered by document then offset.
	// Subjects without evidence are absent from the map.
	Evidence(ctx context.Context, subjectIDs []string) (map[string][]Evidence, error)

	// EvidenceOfDocument returns all evidence pointing into one document,
	// ordered by offset.
	EvidenceOfDocument(ctx context.Context, documentID string) ([]Evidence, error)

	// Documents returns the documents with the given ids, in order, skipping
	// unknown ids.
	Documents(ctx context.Context, ids []string) ([]Document, error)

	// ListDocuments pages through the documents that pass q's filters,
	// ordered by id; Text is included, and Total counts the documents that
	// pass. Invalid dates are CodeInvalid.
	ListDocuments(ctx context.Context, q ListDocumentsQuery) (DocumentPage, error)

	// Search finds nodes by name, alias, statement text and the text of
	// their evidence, best first. The query is plain words, never a query
	// language: operators and quotes in it are matched literally. The last
	// word matches as a prefix, so "Sull" finds Sullivan. A node whose name
	// equals the query ranks above one whose name only contains it, which
	// ranks above a node merely mentioned in evidence.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// Neighborhood returns the nodes within q.Depth hops of the seeds
	// (directions ignored) along claims that pass q.Filter, with the claims
	// among them. At most q.PerNode claims are followed out of any one node
	// and at most q.Limit nodes are returned (seeds first, then by hop
	// distance); Truncated says whether either cap cut anything. Unknown seeds
	// are ignored.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (Subgraph, error)

	// Paths returns up to q.K shortest simple paths from q.From to q.To of at
	// most q.MaxHops claims, directions ignored, along claims that pass
	// q.Filter and through no node in q.Exclude; shorter paths first. An
	// unknown endpoint is CodeNotFound; no path is an empty result.
	Paths(ctx context.Context, q PathQuery) ([]Path, error)

	// Claims pages through the claims that pass q.Where (see ClaimWhere; an
	// unknown node or document id in it is CodeNotFound), in q.Order, ties
	// broken by claim id; cursors come from EncodeClaimCursor and are only
	// valid for the order they were given out for. Total counts every claim
	// that passes, not just this page.
	Claims(ctx context.Context, q ClaimQuery) (RelationshipPage, error)

	// ClaimCounts counts the claims that pass q.Where grouped by q.GroupBy:
	// per group the distinct claims and the distinct documents their
	// evidence points into; largest groups first (then by keys, ascending).
	ClaimCounts(ctx context.Context, q ClaimCountsQuery) (ClaimCounts, error)

	// ClaimEnds pages, by id, through the distinct nodes that are the
	// chosen end of a claim passing each condition of q (their
	// intersection), with their total: what attributions(blamed:) and
	// statements(speaker:) list. Each Where is resolved as Claims resolves
	// it (unknown ids are CodeNotFound, IncludeParts expands the ends).
	ClaimEnds(ctx context.Context, q ClaimEndsQuery) (IDPage, error)

	// Stats counts nodes by kind, claims by type, documents and evidence.
	Stats(ctx context.Context) (Stats, error)

	// DeleteDocument removes a document and all evidence pointing into it,
	// then every claim and claim-node left without evidence (with the claims
	// touching those nodes), then every node left with no claim, no evidence
	// and no reference source. Deleting an unknown document is CodeNotFound.
	DeleteDocument(ctx context.Context, id string) (DeleteResult, error)

	// Close releases the store. Further calls fail.
	Close() error
}

// UpsertResult counts what an Upsert newly created (not what it touched).
type UpsertResult struct {
	Documents, Nodes, Relationships, Evidence int
}

// Add sums two results.
func (r UpsertResult) Add(o UpsertResult) UpsertResult {
	return UpsertResult{r.Documents + o.Documents, r.Nodes + o.Nodes,
		r.Relationships + o.Relationships, r.Evidence + o.Evidence}
}

// DeleteResult counts what DeleteDocument removed.
type DeleteResult struct {
	Evidence, Relationships, Nodes int
}

// Direction selects which claims of a node to follow.
type Direction int

// Directions.
const (
	Both Direction = iota
	Outgoing
	Incoming
)

// Filter narrows the claims a query follows. The zero Filter passes every
// claim that is not hidden by review (rejected or corrected).
type Filter struct {
	// Types, when not empty, keeps only these relationship types.
	Types []RelType
	// Since and Until (inclusive, YYYY[-MM[-DD]]) keep claims whose date (or,
	// without one, its Published date) touches the range: dates compare at
	// the precision of the coarser of the two, so a claim dated "2018" passes
	// Since "2018-06". A claim with neither date is dropped once either bound
	// is set. See DateInRange.
	Since, Until string
	// MinConfidence drops claims below it.
	MinConfidence float64
	// Statuses, when not empty, keeps only claims in these review states;
	// empty keeps the visible ones (UNREVIEWED and CONFIRMED): rejected and
	// corrected claims are hidden unless asked for.
	Statuses []ReviewStatus
}

// StatusPasses reports whether a claim of status s passes the filter.
func (f Filter) StatusPasses(s ReviewStatus) bool {
	if s == "" {
		s = Unreviewed
	}
	if len(f.Statuses) == 0 {
		return s.Visible()
	}
	return slices.Contains(f.Statuses, s)
}

// ListNodesQuery is the input of ListNodes.
type ListNodesQuery struct {
	Kind  NodeKind // empty: all kinds
	First int      // page size; <= 0 means the store's default (20)
	After string   // cursor from a previous page, "" for the first
}

// NodePage is one page of nodes.
type NodePage struct {
	Nodes []Node
	// EndCursor is the cursor of the last node; pass it as After.
	EndCursor string
	HasMore   bool
	// Total counts all nodes matching the query, not just this page.
	Total int
}

// RelationshipsQuery is the input of Relationships.
type RelationshipsQuery struct {
	NodeIDs   []string
	Direction Direction
	Filter    Filter
	First     int
	After     string
}

// RelationshipPage is one page of claims.
type RelationshipPage struct {
	Relationships []Relationship
	EndCursor     string
	HasMore       bool
	Total         int
}

// ListDocumentsQuery is the input of ListDocuments. The filters combine
// with AND; empty ones pass everything.
type ListDocumentsQuery struct {
	First int
	After string
	// Publisher keeps documents of this publisher, compared without regard
	// to case.
	Publisher string
	// Since and Until (inclusive, YYYY[-MM[-DD]]) keep documents whose
	// Published date touches the range, as DateInRange compares; a document
	// without a date is dropped once either bound is set.
	Since, Until string
	// URL keeps documents whose URL or Source is exactly this address: the
	// versions of a page, whichever address they were read from.
	URL string
}

// Validate checks the query's dates.
func (q ListDocumentsQuery) Validate() error {
	for _, d := range []string{q.Since, q.Until} {
		if d != "" && !ValidDate(d) {
			return Invalidf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
	}
	return nil
}

// Passes reports whether d passes the query's filters (the reference the
// stores' queries implement).
func (q ListDocumentsQuery) Passes(d Document) bool {
	if q.Publisher != "" && !strings.EqualFold(q.Publisher, d.Publisher) {
		return false
	}
	if q.URL != "" && q.URL != d.URL && q.URL != d.Source {
		return false
	}
	return DateInRange(d.Published, q.Since, q.Until)
}

// DocumentPage is one page of documents.
type DocumentPage struct {
	Documents []Document
	EndCursor string
	HasMore   bool
	Total     int
}

// SearchQuery is the input of Search.
type SearchQuery struct {
	Text  string
	Kinds []NodeKind // empty: all kinds
	First int        // <= 0: 20
}

// SearchHit is one search result.
type SearchHit struct {
	Node  Node
	Score float64 // higher is better; only the order is meaningful
	// Snippet shows where the query matched, if it matched text other than
	// the name.
	Snippet string
	// Matched is what matched: "name", "alias", "text" or "evidence".
	Matched string
}

// NeighborhoodQuery is the input of Neighborhood.
type NeighborhoodQuery struct {
	Seeds   []string
	Depth   int        // 1..3
	Kinds   []NodeKind // empty: all kinds; others are not entered
	Filter  Filter
	PerNode int // claims followed out of one node; <= 0: 50
	Limit   int // nodes returned; <= 0: 500
}

// Subgraph is the result of Neighborhood.
type Subgraph struct {
	Nodes         []Node
	Relationships []Relationship
	Truncated     bool
}

// PathQuery is the input of Paths.
type PathQuery struct {
	From, To string
	MaxHops  int // 1..6
	K        int // 1..10
	Filter   Filter
	Exclude  []string
}

// Path is a walk from Nodes[0] to Nodes[len-1]; Relationships[i] joins
// Nodes[i] and Nodes[i+1] in either direction.
type Path struct {
	Nodes         []Node
	Relationships []Relationship
}

// Stats counts what a store holds.
type Stats struct {
	Nodes         map[NodeKind]int
	Relationships map[RelType]int
	Documents     int
	Evidence      int
}

// TotalNodes sums Nodes.
func (s Stats) TotalNodes() int {
	n := 0
	for _, c := range s.Nodes {
		n += c
	}
	return n
}

// TotalRelationships sums Relationships.
func (s Stats) TotalRelationships() int {
	n := 0
	for _, c := range s.Relationships {
		n += c
	}
	return n
}

// DateInRange reports whether date d touches the inclusive range
// [since, until], comparing each bound at the precision of the coarser of the
// two dates. Empty bounds are open; an empty d passes only when both are.
func DateInRange(d, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	if d == "" {
		return false
	}
	cmp := func(a, b string) int {
		n := min(len(a), len(b))
		switch {
		case a[:n] < b[:n]:
			return -1
		case a[:n] > b[:n]:
			return 1
		}
		return 0
	}
	return (since == "" || cmp(d, since) >= 0) && (until == "" || cmp(d, until) <= 0)
}

// Passes reports whether r passes the filter f.
func (f Filter) Passes(r Relationship) bool {
	if len(f.Types) > 0 && !slices.Contains(f.Types, r.Type) {
		return false
	}
	if !f.StatusPasses(r.Review.Status) {
		return false
	}
	if r.Confidence < f.MinConfidence {
		return false
	}
	d := r.Date
	if d == "" {
		d = r.Published
	}
	return DateInRange(d, f.Since, f.Until)
}

// Validate checks the filter's dates, types and confidence.
func (f Filter) Validate() error {
	for _, t := range f.Types {
		if !t.Valid() {
			return Invalidf("unknown relationship type %q", t)
		}
	}
	for _, s := range f.Statuses {
		if !s.Valid() {
			return Invalidf("unknown review status %q", s)
		}
	}
	for _, d := range []string{f.Since, f.Until} {
		if d != "" && !ValidDate(d) {
			return Invalidf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
	}
	if f.MinConfidence < 0 || f.MinConfidence > 1 {
		return Invalidf("minimum confidence %v is not between 0 and 1", f.MinConfidence)
	}
	return nil
}
