package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/jsonl"
)

// bulkInput is a small synthetic graph in document batches, with what makes
// the per-document writer do more than insert: claims cited again by later
// documents (new evidence; the earliest publication date kept), a claim
// written again with another confidence, an extracted claim that a later
// curated document confirms, a node written again with new aliases, and a
// batch that is refused (a claim whose end does not exist).
func bulkInput(t *testing.T) []graph.Batch {
	t.Helper()
	gen := synth.New(synth.Config{Seed: 7, Nodes: 300, RelsPerNode: 6})
	batches := gen.NodeBatches(100)
	var docs []graph.Batch
	for b := range gen.Documents() {
		docs = append(docs, b)
	}
	if len(docs) < 20 {
		t.Fatalf("only %d documents", len(docs))
	}
	// Group a few documents per batch, as the bench and import do.
	for i := 0; i < len(docs); i += 7 {
		var g graph.Batch
		for _, d := range docs[i:min(i+7, len(docs))] {
			g.Documents = append(g.Documents, d.Documents...)
			g.Nodes = append(g.Nodes, d.Nodes...)
			g.Relationships = append(g.Relationships, d.Relationships...)
			g.Evidence = append(g.Evidence, d.Evidence...)
		}
		batches = append(batches, g)
	}

	a, b := gen.ByKind[graph.KindCountry][0], gen.ByKind[graph.KindCountry][1]
	text := "Officials said the two states accused each other again."
	doc := graph.Document{ID: graph.DocumentID(text), Title: "again", Publisher: "Wire", Published: "2031-01-01", Text: text}
	ev := func(subject string) graph.Evidence {
		return graph.Evidence{Subject: subject, DocumentID: doc.ID, Start: 0, End: len(text), Quote: text}
	}
	extracted := graph.Relationship{ID: graph.ClaimID(a, graph.RelAccused, b), Type: graph.RelAccused, From: a, To: b,
		Method: "rule:test@1", Confidence: 0.6, Published: "2031-01-01"}
	renamed := graph.Node{ID: a, Kind: graph.KindCountry, Name: "Country A", Aliases: []string{"Land of A"}}
	batches = append(batches, graph.Batch{Documents: []graph.Document{doc}, Nodes: []graph.Node{renamed},
		Relationships: []graph.Relationship{extracted}, Evidence: []graph.Evidence{ev(extracted.ID)}})
	// Refused: an end that no batch writes.
	bad := graph.Relationship{ID: graph.ClaimID(a, graph.RelAccused, "country:ZZ-none"), Type: graph.RelAccused, From: a, To: "country:ZZ-none",
		Method: "rule:test@1", Confidence: 0.5}
	batches = append(batches, graph.Batch{Documents: []graph.Document{doc}, Relationships: []graph.Relationship{bad}, Evidence: []graph.Evidence{ev(bad.ID)}})
	// The same claim again, curated and earlier: confirmed, the earlier date kept.
	text2 := "A curated source: the two states accused each other."
	doc2 := graph.Document{ID: graph.DocumentID(text2), Title: "curated", Publisher: "Desk", Published: "2030-06-01", Text: text2}
	curated := extracted
	curated.Method, curated.Confidence, curated.Published = graph.MethodCurated, 0.95, "2030-06-01"
	batches = append(batches, graph.Batch{Documents: []graph.Document{doc2},
		Nodes:         []graph.Node{{ID: a, Kind: graph.KindCountry, Name: "Country A", Aliases: []string{"A-land"}}},
		Relationships: []graph.Relationship{curated},
		Evidence:      []graph.Evidence{{Subject: curated.ID, DocumentID: doc2.ID, Start: 0, End: len(text2), Quote: text2}}})

	// More rules across documents, which a bulk load applies inside one
	// group of batches: a node renamed (its old name an alias) and named
	// back (the alias union drops the name it has); a claim curated, then
	// extracted later (it stays confirmed, takes the later fields, keeps
	// the earlier date); a document written again with a new title and no
	// publisher (the title changes, the publisher stays); evidence given
	// twice (stored once).
	c := gen.ByKind[graph.KindCountry][2]
	text3 := "Country A, now called A2, warned the third state."
	doc3 := graph.Document{ID: graph.DocumentID(text3), Title: "warning", Publisher: "Wire", Published: "2029-03-01", Text: text3}
	ev3 := func(subject string) graph.Evidence {
		return graph.Evidence{Subject: subject, DocumentID: doc3.ID, Start: 0, End: len(text3), Quote: text3}
	}
	warn := graph.Relationship{ID: graph.ClaimID(a, graph.RelWarned, c), Type: graph.RelWarned, From: a, To: c,
		Method: graph.MethodCurated, Confidence: 1, Published: "2029-03-01"}
	batches = append(batches, graph.Batch{Documents: []graph.Document{doc3},
		Nodes:         []graph.Node{{ID: a, Kind: graph.KindCountry, Name: "A2", Aliases: []string{"Country A"}}},
		Relationships: []graph.Relationship{warn}, Evidence: []graph.Evidence{ev3(warn.ID)}})
	text4 := "The third state was warned by Country A."
	doc4 := graph.Document{ID: graph.DocumentID(text4), Title: "warned", Publisher: "Daily", Published: "2032-01-01", Text: text4}
	warnLater := warn
	warnLater.Method, warnLater.Confidence, warnLater.Published = "rule:test@1", 0.7, "2032-01-01"
	batches = append(batches, graph.Batch{
		Documents:     []graph.Document{doc4, {ID: doc3.ID, Title: "warning, updated", Text: text3}},
		Nodes:         []graph.Node{{ID: a, Kind: graph.KindCountry, Name: "Country A", Aliases: []string{"A2", "Land of A"}}},
		Relationships: []graph.Relationship{warnLater},
		Evidence:      []graph.Evidence{{Subject: warn.ID, DocumentID: doc4.ID, Start: 0, End: len(text4), Quote: text4}, ev3(warn.ID)}})
	return batches
}

// loadPerDocument writes batches one Upsert each; refused batches are
// counted, not fatal.
func loadPerDocument(t *testing.T, s *Store, batches []graph.Batch) int {
	t.Helper()
	refused := 0
	for _, b := range batches {
		if _, err := s.Upsert(context.Background(), b); err != nil {
			if !graph.HasCode(err, graph.CodeInvalid) {
				t.Fatal(err)
			}
			refused++
		}
	}
	return refused
}

// loadBulk writes batches in one bulk load.
func loadBulk(t *testing.T, s *Store, batches []graph.Batch) (int, graph.UpsertResult) {
	t.Helper()
	ctx := context.Background()
	bl, err := s.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	var sum graph.UpsertResult
	for _, b := range batches {
		res, err := bl.Upsert(ctx, b)
		if err != nil {
			if !graph.HasCode(err, graph.CodeInvalid) {
				t.Fatal(err)
			}
			refused++
		}
		sum = sum.Add(res)
	}
	if err := bl.Commit(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return refused, sum
}

// exportOf is the store's whole graph as `actorgraph export` writes it.
func exportOf(t *testing.T, s *Store) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := jsonl.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jsonl.Export(context.Background(), s, w); err != nil {
		t.Fatal(err)
	}
	// When a review was recorded is the time of the load, which differs
	// between two loads of the same input.
	return stamp.ReplaceAllString(buf.String(), `"at":"(time)"`)
}

// searchesOf answers a few searches over names and evidence words.
func searchesOf(t *testing.T, s *Store) string {
	t.Helper()
	var out strings.Builder
	for _, q := range []string{"Country A", "A-land", "accused", "Organization", "attributed sources", "each other"} {
		hits, err := s.Search(context.Background(), graph.SearchQuery{Text: q, First: 50})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "%s:", q)
		for _, h := range hits {
			fmt.Fprintf(&out, " %s", h.Node.ID)
		}
		out.WriteString("\n")
	}
	return out.String()
}

func schemaOf(t *testing.T, s *Store) string {
	t.Helper()
	var out strings.Builder
	err := queryEach(context.Background(), s.read, `SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`, nil, func(rows *sql.Rows) error {
		var typ, name, stmt string
		err := rows.Scan(&typ, &name, &stmt)
		fmt.Fprintf(&out, "%s %s %s\n", typ, name, stmt)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func checkClean(t *testing.T, s *Store) {
	t.Helper()
	rep, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("check: %v", rep.Problems)
	}
}

func openAt(t *testing.T, name string) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The bulk path stores what the per-document path stores, from an empty
// store and on top of a store that already holds part of the graph: the
// same export, the same search answers, the same schema, and a clean check.
func TestBulkLoadEqualsPerDocument(t *testing.T) {
	batches := bulkInput(t)
	for _, tc := range []struct {
		name   string
		before int // batches written one by one before the bulk load
	}{{"into an empty store", 0}, {"on top of stored documents", len(batches) / 2}} {
		// Groups of all the batches, of one, and of three (bulkgroup.go).
		for _, group := range []int{0, 1, 3} {
			t.Run(fmt.Sprintf("%s, groups of %d", tc.name, group), func(t *testing.T) {
				testBulkLoadEqualsPerDocument(t, batches, tc.before, group)
			})
		}
	}
}

func testBulkLoadEqualsPerDocument(t *testing.T, batches []graph.Batch, before, group int) {
	one := openAt(t, "one.db")
	refusedOne := loadPerDocument(t, one, batches[:before])
	var wantRes graph.UpsertResult
	for _, b := range batches[before:] {
		res, err := one.Upsert(context.Background(), b)
		if err != nil {
			if !graph.HasCode(err, graph.CodeInvalid) {
				t.Fatal(err)
			}
			refusedOne++
		}
		wantRes = wantRes.Add(res)
	}
	bulk := openAt(t, "bulk.db")
	bulk.bulkGroup = group
	refusedBulk := loadPerDocument(t, bulk, batches[:before])
	r, res := loadBulk(t, bulk, batches[before:])
	refusedBulk += r
	if refusedOne != 1 || refusedBulk != 1 {
		t.Fatalf("refused batches: %d one by one, %d in bulk; want 1 each", refusedOne, refusedBulk)
	}
	if res.Relationships == 0 || res.Evidence == 0 {
		t.Fatalf("the bulk load reports %+v", res)
	}
	// Each batch is told what it added, as Upsert tells it.
	if res != wantRes {
		t.Fatalf("the bulk load reports %+v new, one Upsert a batch %+v", res, wantRes)
	}
	want, got := exportOf(t, one), exportOf(t, bulk)
	if got != want {
		t.Fatalf("the exports differ:\n%s", firstDifference(want, got))
	}
	if !strings.Contains(want, `"CONFIRMED"`) && !strings.Contains(want, `"confirmed"`) {
		t.Fatalf("the curated confirmation is not in the export")
	}
	if w, g := searchesOf(t, one), searchesOf(t, bulk); w != g {
		t.Fatalf("search answers differ:\nper document:\n%s\nbulk:\n%s", w, g)
	}
	if w, g := schemaOf(t, one), schemaOf(t, bulk); w != g {
		t.Fatalf("schemas differ:\n%s", firstDifference(w, g))
	}
	checkClean(t, bulk)
	// The adjacency and traversals see the bulk-loaded claims.
	if n, _, err := bulk.Prepare(context.Background()); err != nil || n == 0 {
		t.Fatalf("Prepare after the bulk load: %d claims, %v", n, err)
	}
}

// A bulk load that fails anywhere (any write, any index build at the end)
// or is abandoned leaves the store exactly as it was before it began.
func TestBulkLoadFailureLeavesStoreAsBefore(t *testing.T) {
	ctx := context.Background()
	batches := bulkInput(t)
	base := batches[:len(batches)/3]
	rest := batches[len(batches)/3:]

	// Count the writes of a whole bulk load, Commit's steps included.
	probe := openAt(t, "probe.db")
	loadPerDocument(t, probe, base)
	writes := 0
	// Small groups, so that the failures fall between and inside several
	// group writes.
	probe.bulkGroup = 2
	probe.faultHook = func() error { writes++; return nil }
	loadBulk(t, probe, rest)
	probe.faultHook = nil
	if writes < 20 {
		t.Fatalf("only %d writes counted", writes)
	}

	for _, n := range []int{1, writes / 3, writes / 2, writes - 3, writes - 1, writes} {
		t.Run(fmt.Sprintf("fail write %d of %d", n, writes), func(t *testing.T) {
			s := openAt(t, "s.db")
			s.bulkGroup = 2
			loadPerDocument(t, s, base)
			before := exportOf(t, s)
			count := 0
			s.faultHook = func() error {
				count++
				if count == n {
					return errors.New("injected I/O error")
				}
				return nil
			}
			bl, err := s.BeginBulk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var failed error
			for _, b := range rest {
				if _, err := bl.Upsert(ctx, b); err != nil && !graph.HasCode(err, graph.CodeInvalid) {
					failed = err
				}
			}
			cerr := bl.Commit(ctx, nil)
			if cerr == nil {
				t.Fatalf("the injected failure (write %d) was swallowed (upsert error: %v)", n, failed)
			}
			s.faultHook = nil
			if got := exportOf(t, s); got != before {
				t.Fatalf("the failed bulk load left something behind:\n%s", firstDifference(before, got))
			}
			checkClean(t, s)
			// The store takes the same load afterwards.
			loadBulk(t, s, rest)
			checkClean(t, s)
			if got, want := exportOf(t, s), exportOf(t, probe); got != want {
				t.Fatalf("after a failed bulk load, loading again gives another graph:\n%s", firstDifference(want, got))
			}
		})
	}

	t.Run("rolled back", func(t *testing.T) {
		s := openAt(t, "r.db")
		loadPerDocument(t, s, base)
		before := exportOf(t, s)
		bl, err := s.BeginBulk(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range rest {
			bl.Upsert(ctx, b)
		}
		// Readers see the store as it was while the bulk load runs.
		if got := exportOf(t, s); got != before {
			t.Fatalf("a reader saw the bulk load before its end:\n%s", firstDifference(before, got))
		}
		if err := bl.Rollback(); err != nil {
			t.Fatal(err)
		}
		if got := exportOf(t, s); got != before {
			t.Fatalf("the abandoned bulk load left something behind:\n%s", firstDifference(before, got))
		}
		checkClean(t, s)
		// The write connection is back: an ordinary Upsert works.
		loadPerDocument(t, s, rest[:1])
	})
}

var stamp = regexp.MustCompile(`"at":"[0-9T:.Z-]+"`)

func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, a, b)
		}
	}
	return "(equal)"
}
