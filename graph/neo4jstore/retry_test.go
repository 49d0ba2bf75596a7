package neo4jstore

import (
	"context"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/db"

	"github.com/actorgraph/actorgraph/graph"
)

// fakeDB stands in for a Neo4j database behind the driver's retrying
// managed transactions: it applies the MERGE statements of the store's
// write batch to sets of ids, exactly as MERGE keyed by id would, and it
// can fail an attempt with a transient error before or after its commit.
type fakeDB struct {
	st       statements
	ids      map[string]map[string]int // statement -> id -> times created
	attempts int
	// failAttempt fails the given attempt (1-based): before its commit
	// (the transaction rolls back) or after it (the commit happened but its
	// acknowledgement was lost, so the driver retries work already done).
	failAttempt int
	afterCommit bool
}

var transient = &db.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "deadlock (injected)"}

// run emulates ExecuteWrite: run the work; on a retryable error, run it
// again in a fresh transaction.
func (f *fakeDB) run(ctx context.Context, mode neo4j.AccessMode, fn neo4j.ManagedTransactionWork) error {
	for {
		f.attempts++
		tx := &fakeTx{db: f, pending: map[string][]string{}}
		_, err := fn(tx)
		if err == nil && f.attempts == f.failAttempt && !f.afterCommit {
			err = transient // fails at commit: nothing of it stays
		}
		if err == nil {
			tx.commit()
			if f.attempts == f.failAttempt && f.afterCommit {
				err = transient // committed, but the client never heard
			}
		}
		if err != nil && neo4j.IsRetryable(err) {
			continue
		}
		return err
	}
}

type fakeTx struct {
	neo4j.ManagedTransaction
	db      *fakeDB
	pending map[string][]string // statement -> ids merged in this attempt
}

// commit applies the attempt's MERGEs: an id already there is matched, not
// created again. (Statements that are not MERGEs are refused in Run, so a
// CREATE that a retry would duplicate fails the test.)
func (tx *fakeTx) commit() {
	for stmt, ids := range tx.pending {
		for _, id := range ids {
			if tx.db.ids[stmt][id] == 0 {
				tx.db.ids[stmt][id]++
			}
		}
	}
}

func (tx *fakeTx) Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error) {
	for _, name := range []string{"merge_documents", "gen_merge_nodes", "gen_merge_claims", "merge_evidence"} {
		if cypher != tx.db.st.get(name) {
			continue
		}
		if !strings.Contains(cypher, "MERGE") || strings.Contains(cypher, "CREATE (") {
			return nil, &db.Neo4jError{Code: "Neo.ClientError.Statement", Msg: name + " is not a MERGE: a retry would duplicate it"}
		}
		created := 0
		seen := tx.db.ids[name]
		if seen == nil {
			seen = map[string]int{}
			tx.db.ids[name] = seen
		}
		for _, r := range params["rows"].([]any) {
			id := r.(map[string]any)[pID].(string)
			if seen[id] == 0 {
				created++
			}
			tx.pending[name] = append(tx.pending[name], id)
		}
		return &fakeResult{created: created, rel: name == "gen_merge_claims"}, nil
	}
	// Every other statement of Upsert is a lookup: nothing is stored yet.
	return &fakeResult{}, nil
}

type fakeResult struct {
	neo4j.ResultWithContext
	created int
	rel     bool
}

func (r *fakeResult) Next(context.Context) bool { return false }
func (r *fakeResult) Err() error                { return nil }
func (r *fakeResult) Consume(context.Context) (neo4j.ResultSummary, error) {
	return fakeSummary{c: fakeCounters{created: r.created, rel: r.rel}}, nil
}

type fakeSummary struct {
	neo4j.ResultSummary
	c fakeCounters
}

func (s fakeSummary) Counters() neo4j.Counters { return s.c }

type fakeCounters struct {
	neo4j.Counters
	created int
	rel     bool
}

func (c fakeCounters) NodesCreated() int {
	if c.rel {
		return 0
	}
	return c.created
}

func (c fakeCounters) RelationshipsCreated() int {
	if c.rel {
		return c.created
	}
	return 0
}

func retryBatch() graph.Batch {
	text := "Poland blamed Russia for the rail sabotage."
	doc := graph.Document{ID: graph.DocumentID(text), Title: "rail", Text: text}
	att := "attribution:pl-ru"
	r1 := graph.Relationship{ID: graph.ClaimID("country:PL", graph.RelAttributed, att), Type: graph.RelAttributed, From: "country:PL", To: att, Method: "curated", Confidence: 1}
	r2 := graph.Relationship{ID: graph.ClaimID(att, graph.RelBlames, "country:RU"), Type: graph.RelBlames, From: att, To: "country:RU", Method: "curated", Confidence: 1}
	ev := func(sub string) graph.Evidence {
		return graph.Evidence{Subject: sub, DocumentID: doc.ID, Start: 0, End: 43, Quote: text}
	}
	return graph.Batch{Documents: []graph.Document{doc},
		Nodes: []graph.Node{{ID: "country:PL", Kind: graph.KindCountry, Name: "Poland"}, {ID: "country:RU", Kind: graph.KindCountry, Name: "Russia"},
			{ID: att, Kind: graph.KindAttribution, Name: "Poland blames Russia"}},
		Relationships: []graph.Relationship{r1, r2},
		Evidence:      []graph.Evidence{ev(att), ev(r1.ID), ev(r2.ID)}}
}

// The driver retries a write transaction after a transient error; the
// batch must then be applied exactly once: whether the failed attempt was
// rolled back or had in fact committed, every document, node, claim and
// piece of evidence exists once, and the counts Upsert reports are not
// doubled.
func TestRetriedWriteAppliesTheBatchOnce(t *testing.T) {
	st, err := loadStatements()
	if err != nil {
		t.Fatal(err)
	}
	for _, afterCommit := range []bool{false, true} {
		name := "rolled back"
		if afterCommit {
			name = "committed, acknowledgement lost"
		}
		t.Run(name, func(t *testing.T) {
			f := &fakeDB{st: st, ids: map[string]map[string]int{}, failAttempt: 1, afterCommit: afterCommit}
			s := &Store{st: st, runTx: f.run}
			s.cfg.defaults()
			res, err := s.Upsert(context.Background(), retryBatch())
			if err != nil {
				t.Fatal(err)
			}
			if f.attempts != 2 {
				t.Fatalf("%d attempts, want 2 (one failed, one retried)", f.attempts)
			}
			for stmt, ids := range f.ids {
				for id, n := range ids {
					if n != 1 {
						t.Errorf("%s: %s applied %d times", stmt, id, n)
					}
				}
			}
			want := graph.UpsertResult{Documents: 1, Nodes: 3, Relationships: 2, Evidence: 3}
			if afterCommit {
				want = graph.UpsertResult{} // the retry found everything written
			}
			if res != want {
				t.Fatalf("Upsert reported %+v, want %+v", res, want)
			}
		})
	}
}
