package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
)

// bulkLoad streams the generator's graph into s: the entity nodes in
// batches of nodeBatch, then batchDocs documents (with their claims and
// evidence) per Upsert. A store with a bulk path (graph.BulkStore) takes
// them all in one bulk load, unless perDocument; otherwise each Upsert is
// a transaction. Only the time inside the store counts (Upsert, and the
// bulk load's Commit), so generating the graph does not slow the figure.
func bulkLoad(ctx context.Context, s graph.Store, gen *synth.Generator, batchDocs, nodeBatch int, perDocument bool, progress func(string)) (LoadResult, int, error) {
	res := LoadResult{BatchDocs: batchDocs}
	var inside time.Duration
	write := s.Upsert
	var bulk graph.BulkLoad
	if bs, ok := s.(graph.BulkStore); ok && !perDocument {
		t0 := time.Now()
		var err error
		if bulk, err = bs.BeginBulk(ctx); err != nil {
			return res, 0, err
		}
		defer bulk.Rollback()
		inside += time.Since(t0)
		write = bulk.Upsert
		res.Bulk = true
		res.IntegerKeys = true
	}
	upsert := func(b graph.Batch) error {
		t0 := time.Now()
		_, err := write(ctx, b)
		inside += time.Since(t0)
		res.Batches++
		return err
	}
	for _, b := range gen.NodeBatches(nodeBatch) {
		if err := upsert(b); err != nil {
			return res, 0, fmt.Errorf("loading nodes: %w", err)
		}
	}
	var pending graph.Batch
	docs, inPending := 0, 0
	lastReport := time.Now()
	flush := func() error {
		if inPending == 0 {
			return nil
		}
		if err := upsert(pending); err != nil {
			return fmt.Errorf("loading documents %d-%d: %w", docs-inPending, docs, err)
		}
		pending, inPending = graph.Batch{}, 0
		if progress != nil && time.Since(lastReport) > 15*time.Second {
			lastReport = time.Now()
			progress(fmt.Sprintf("loaded %s claims, %.0f claims/s inside the store", humanInt(gen.Claims), float64(gen.Claims)/inside.Seconds()))
		}
		return nil
	}
	for b := range gen.Documents() {
		pending.Documents = append(pending.Documents, b.Documents...)
		pending.Nodes = append(pending.Nodes, b.Nodes...)
		pending.Relationships = append(pending.Relationships, b.Relationships...)
		pending.Evidence = append(pending.Evidence, b.Evidence...)
		docs++
		inPending++
		if inPending == batchDocs {
			if err := flush(); err != nil {
				return res, docs, err
			}
		}
	}
	if err := flush(); err != nil {
		return res, docs, err
	}
	if bulk != nil {
		t0 := time.Now()
		if err := bulk.Commit(ctx, progress); err != nil {
			return res, docs, err
		}
		res.FinishSeconds = time.Since(t0).Seconds()
		inside += time.Since(t0)
	}
	res.Seconds = inside.Seconds()
	res.Claims, res.Evidence = gen.Claims, gen.Evidence
	return res, docs, nil
}

// queries are the questions every system is asked, drawn once per scale
// from a seeded generator so all of them answer the same ones.
type queries struct {
	Seeds  []string    `json:"seeds"` // neighbourhood seeds, uniform over all nodes
	Pairs  [][2]string `json:"pairs"` // path ends, uniform over all nodes
	Search []string    `json:"-"`
	Ops    []string    `json:"-"` // operations with at least one attribution
	Warmup int         `json:"warmup"`
	// SearchLimit stops a search still running after it (0: no limit).
	SearchLimit time.Duration `json:"-"`
}

// makeQueries draws the questions: seeds and pairs uniformly over every
// node (so most are ordinary nodes and a few are hubs, as the degrees
// fall), search words of four sorts (an exact name, a common name
// prefix, a kind and a prefix, words of evidence), and operations that have
// attributions.
func makeQueries(gen *synth.Generator, seed uint64, nSeeds, nPairs, nSearch, warmup int) queries {
	rng := rand.New(rand.NewPCG(seed, 0xbe7c4))
	all := make([]string, 0, len(gen.Nodes)+len(gen.Attributions))
	for _, n := range gen.Nodes {
		all = append(all, n.ID)
	}
	for i := range len(gen.Attributions) {
		all = append(all, fmt.Sprintf("attribution:synth-%d", i))
	}
	q := queries{Warmup: warmup}
	for range nSeeds + warmup {
		q.Seeds = append(q.Seeds, all[rng.IntN(len(all))])
	}
	for range nPairs + warmup {
		q.Pairs = append(q.Pairs, [2]string{all[rng.IntN(len(all))], all[rng.IntN(len(all))]})
	}
	evidenceWords := []string{"accused", "attributed sources", "backed the attribution", "reports say", "sanctioned", "outlet confirmed"}
	for i := range nSearch + warmup {
		n := gen.Nodes[rng.IntN(len(gen.Nodes))]
		words := strings.Fields(n.Name) // kind, syllables, number
		switch i % 4 {
		case 0:
			q.Search = append(q.Search, n.Name)
		case 1:
			q.Search = append(q.Search, words[1][:min(4, len(words[1]))])
		case 2:
			q.Search = append(q.Search, words[0]+" "+words[1][:min(3, len(words[1]))])
		default:
			q.Search = append(q.Search, evidenceWords[rng.IntN(len(evidenceWords))])
		}
	}
	ops := map[string]bool{}
	for i := range len(gen.Attributions) {
		ops[gen.Attributions[fmt.Sprintf("attribution:synth-%d", i)]] = true
	}
	for _, id := range gen.ByKind[graph.KindCyberOperation] {
		if ops[id] {
			q.Ops = append(q.Ops, id)
		}
	}
	rng.Shuffle(len(q.Ops), func(i, j int) { q.Ops[i], q.Ops[j] = q.Ops[j], q.Ops[i] })
	return q
}

// degrees reads the maximum and median number of claims per node from the
// SQLite file: the power law the generator aims for, as stored.
func degrees(ctx context.Context, path string) (maxDeg, median int) {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=query_only(1)")
	if err != nil {
		return 0, 0
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT (SELECT count(*) FROM rels WHERE src = n.nid) + (SELECT count(*) FROM rels WHERE dst = n.nid) FROM nodes n`)
	if err != nil {
		return 0, 0
	}
	defer rows.Close()
	var ds []int
	for rows.Next() {
		var d int
		if rows.Scan(&d) == nil {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return 0, 0
	}
	slices.Sort(ds)
	return ds[len(ds)-1], ds[len(ds)/2]
}
