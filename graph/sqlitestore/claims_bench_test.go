package sqlitestore_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// The claims benchmarks of issue 20 on the shared generated graph (see
// loadedStore): a type and one end, a text filter, counts by type and year
// over every claim, and "blames X" with its parts. Figures are reported,
// never asserted.

// randomEnd picks a node that is the subject of some claim of the graph.
func claimsOfRandomNode(b *testing.B, s graph.Store, nodes []graph.Node, rng *rand.Rand) (string, graph.RelType) {
	for {
		id := nodes[rng.IntN(len(nodes))].ID
		page, err := s.Relationships(context.Background(), graph.RelationshipsQuery{NodeIDs: []string{id}, Direction: graph.Outgoing, First: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(page.Relationships) > 0 {
			return id, page.Relationships[0].Type
		}
	}
}

func BenchmarkClaimsTypeAndEnd(b *testing.B) {
	s, g := loadedStore(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 8))
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		from, typ := claimsOfRandomNode(b, s, g.Nodes, rng)
		b.StartTimer()
		t0 := time.Now()
		page, err := s.Claims(ctx, graph.ClaimQuery{Where: graph.ClaimWhere{Types: []graph.RelType{typ}, From: []string{from}}, First: 20})
		if err != nil || len(page.Relationships) == 0 {
			b.Fatal(err, "no claims")
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

func BenchmarkClaimsText(b *testing.B) {
	s, _ := loadedStore(b)
	ctx := context.Background()
	words := []string{"accused", "warned", "sanctioned", "attended", "backed"}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := s.Claims(ctx, graph.ClaimQuery{Where: graph.ClaimWhere{Text: words[i%len(words)]}, First: 20}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

func BenchmarkClaimCountsTypeYear(b *testing.B) {
	s, _ := loadedStore(b)
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		c, err := s.ClaimCounts(ctx, graph.ClaimCountsQuery{GroupBy: []graph.ClaimGroup{graph.GroupType, graph.GroupYear}, First: 1000, SkipDocuments: true})
		if err != nil || len(c.Groups) == 0 {
			b.Fatal(err, "no groups")
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

func BenchmarkClaimsBlamedWithParts(b *testing.B) {
	s, g := loadedStore(b)
	ctx := context.Background()
	countries := g.ByKind[graph.KindCountry]
	if len(countries) == 0 {
		b.Skip("the generated graph has no countries")
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := s.Claims(ctx, graph.ClaimQuery{Where: graph.ClaimWhere{Types: []graph.RelType{graph.RelBlames},
			To: []string{countries[i%len(countries)]}, IncludeParts: true}, First: 20}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}

// BenchmarkClaimEndsBlamedWithParts is attributions(blamed:, includeParts:
// true) at the store: the distinct attributions blaming a country or its
// parts, counted and paged in one statement.
func BenchmarkClaimEndsBlamedWithParts(b *testing.B) {
	s, g := loadedStore(b)
	ctx := context.Background()
	countries := g.ByKind[graph.KindCountry]
	if len(countries) == 0 {
		b.Skip("the generated graph has no countries")
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := s.ClaimEnds(ctx, graph.ClaimEndsQuery{Ends: []graph.ClaimEnd{{Where: graph.ClaimWhere{Types: []graph.RelType{graph.RelBlames},
			To: []string{countries[i%len(countries)]}, IncludeParts: true}, AtFrom: true}}, First: 20}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	percentiles(b, lat)
}
