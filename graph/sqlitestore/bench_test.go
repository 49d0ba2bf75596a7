package sqlitestore_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// The benchmarks share one generated graph of 100k nodes and about 1M claims
// (ACTORGRAPH_BENCH_NODES changes the size; it is generated and loaded once,
// which takes minutes), and report figures; they assert nothing about speed.

var (
	benchOnce  sync.Once
	benchStore *sqlitestore.Store
	benchGraph *synth.Graph
)

func loadedStore(b *testing.B) (*sqlitestore.Store, *synth.Graph) {
	benchOnce.Do(func() {
		ctx := context.Background()
		nodes := 100_000
		if v, err := strconv.Atoi(os.Getenv("ACTORGRAPH_BENCH_NODES")); err == nil && v > 0 {
			nodes = v
		}
		g := synth.Generate(synth.Config{Seed: 1, Nodes: nodes, RelsPerNode: 10})
		s, err := sqlitestore.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		// Bulk load: 50 documents per transaction.
		if _, err := s.Upsert(ctx, g.Batches[0]); err != nil {
			b.Fatal(err)
		}
		for i := 1; i < len(g.Batches); i += 50 {
			var batch graph.Batch
			for _, d := range g.Batches[i:min(i+50, len(g.Batches))] {
				batch.Documents = append(batch.Documents, d.Documents...)
				batch.Nodes = append(batch.Nodes, d.Nodes...) // attributions
				batch.Relationships = append(batch.Relationships, d.Relationships...)
				batch.Evidence = append(batch.Evidence, d.Evidence...)
			}
			if _, err := s.Upsert(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		b.Logf("loaded %d nodes, %d claims with evidence in %v (%.0f claims/s)", len(g.Nodes), g.Claims,
			time.Since(start).Round(time.Millisecond), float64(g.Claims)/time.Since(start).Seconds())
		benchStore, benchGraph = s, g
	})
	if benchStore == nil {
		b.Fatal("loading the benchmark graph failed")
	}
	return benchStore, benchGraph
}

// BenchmarkUpsert measures writing claims with evidence, one document (20
// claims) per transaction, into a fresh store.
func BenchmarkUpsert(b *testing.B) {
	ctx := context.Background()
	g := synth.Generate(synth.Config{Seed: 2, Nodes: 5_000, RelsPerNode: 10})
	s, err := sqlitestore.Open(ctx, filepath.Join(b.TempDir(), "upsert.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Upsert(ctx, g.Batches[0]); err != nil {
		b.Fatal(err)
	}
	docs := g.Batches[1:]
	claims := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Past the end the same documents are written again: the idempotent
		// path, which a re-run of `load` takes.
		batch := docs[i%len(docs)]
		if _, err := s.Upsert(ctx, batch); err != nil {
			b.Fatal(err)
		}
		claims += len(batch.Relationships)
	}
	b.ReportMetric(float64(claims)/b.Elapsed().Seconds(), "claims/s")
}

func percentiles(b *testing.B, d []time.Duration) {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	if len(d) == 0 {
		return
	}
	b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, "p99-ms")
}

func BenchmarkNeighborhood2Hop(b *testing.B) {
	s, g := loadedStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		seed := g.Nodes[rng.IntN(len(g.Nodes))].ID
		t0 := time.Now()
		if _, err := s.Neighborhood(ctx, graph.NeighborhoodQuery{Seeds: []string{seed}, Depth: 2, Limit: 500}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

func BenchmarkPaths(b *testing.B) {
	s, g := loadedStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(5, 6))
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from, to := g.Nodes[rng.IntN(len(g.Nodes))].ID, g.Nodes[rng.IntN(len(g.Nodes))].ID
		t0 := time.Now()
		if _, err := s.Paths(ctx, graph.PathQuery{From: from, To: to, MaxHops: 6, K: 3}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

func BenchmarkSearch(b *testing.B) {
	s, _ := loadedStore(b)
	ctx := context.Background()
	words := []string{"kalo", "person", "organization ven", "accused", "doctrine"}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := s.Search(ctx, graph.SearchQuery{Text: words[i%len(words)], First: 20}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

// BenchmarkBulkUpsert measures a bulk load: 100 documents (2000 claims with
// their evidence) per transaction into a fresh store.
func BenchmarkBulkUpsert(b *testing.B) {
	ctx := context.Background()
	g := synth.Generate(synth.Config{Seed: 4, Nodes: 20_000, RelsPerNode: 10})
	s, err := sqlitestore.Open(ctx, filepath.Join(b.TempDir(), "bulk.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Upsert(ctx, g.Batches[0]); err != nil {
		b.Fatal(err)
	}
	docs := g.Batches[1:]
	claims := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var batch graph.Batch
		for _, d := range docs[(i*100)%len(docs) : min((i*100)%len(docs)+100, len(docs))] {
			batch.Documents = append(batch.Documents, d.Documents...)
			batch.Nodes = append(batch.Nodes, d.Nodes...) // attributions
			batch.Relationships = append(batch.Relationships, d.Relationships...)
			batch.Evidence = append(batch.Evidence, d.Evidence...)
		}
		if _, err := s.Upsert(ctx, batch); err != nil {
			b.Fatal(err)
		}
		claims += len(batch.Relationships)
	}
	b.ReportMetric(float64(claims)/b.Elapsed().Seconds(), "claims/s")
}
