package main

import (
	"strings"
	"testing"
	"time"
)

// TestTargetsSayByHowMuchAndWhy renders hand-made figures at 1M: every
// target missed is named with its factor and explained in the limits
// section; a scale that meets them all has no limits section.
func TestTargetsSayByHowMuchAndWhy(t *testing.T) {
	missed := &ScaleResult{
		Scale: "1M",
		Graph: GraphInfo{Nodes: 1_000_000, Claims: 10_000_000},
		Stores: []StoreResult{{
			Name:       "actorgraph (SQLite)",
			Load:       LoadResult{Seconds: 5000, Claims: 10_000_000}, // 2,000 claims/s
			TwoHop:     Latency{N: 10, P50: 3 * time.Millisecond},
			Paths:      Latency{N: 10, P50: 25 * time.Millisecond},
			ServerPeak: 6 << 30,
			HTTP: []HTTPRun{
				{Query: "neighborhood", API: "json", Clients: 8, RPS: 1000},
				{Query: "neighborhood", API: "graphql", Clients: 8, RPS: 700},
			},
		}},
		Kuzu: &PeerResult{Name: "Kuzu", TwoHop: Latency{N: 10, P50: 6 * time.Millisecond}, Paths: Latency{N: 10, P50: 5 * time.Millisecond}},
	}
	var targets, limits strings.Builder
	renderTargets(&targets, missed)
	renderLimits(&limits, missed)
	for _, want := range []string{
		"judged at this scale",
		"| 2-hop p50 ≤ 2 ms | 3.00 ms | missed: 1.5× the target.",
		"| shortest path p50 ≤ 10 ms | 25.0 ms | missed: 2.5× the target.",
		"| 2-hop p50 at least as fast as Kuzu | 3.00 ms against 6.00 ms | met |",
		"| shortest path p50 at least as fast as Kuzu | 25.0 ms against 5.00 ms | missed: Kuzu is 5.00× faster.",
		"| bulk load ≥ 100k claims/s | 2000 claims/s | missed: 50.0× short of the target.",
		"lowest share 70% (at 8 clients) | missed",
		"| server memory ≤ 4 GiB | 6144 MiB | missed: 1.5× the target.",
	} {
		if !strings.Contains(targets.String(), want) {
			t.Errorf("targets lack %q:\n%s", want, targets.String())
		}
	}
	for _, want := range []string{"What limits the missed targets (at 1M)", "**Bulk load.**", "**2-hop neighbourhood.**",
		"**Shortest paths.**", "**GraphQL against plain JSON.**", "**Server memory.**"} {
		if !strings.Contains(limits.String(), want) {
			t.Errorf("limits lack %q", want)
		}
	}

	met := *missed
	s := missed.Stores[0]
	s.Load.Seconds = 50 // 200,000 claims/s
	s.TwoHop.P50, s.Paths.P50, s.ServerPeak = time.Millisecond, 2*time.Millisecond, 1<<30
	s.HTTP = []HTTPRun{s.HTTP[0], {Query: "neighborhood", API: "graphql", Clients: 8, RPS: 900}}
	met.Stores = []StoreResult{s}
	targets.Reset()
	limits.Reset()
	renderTargets(&targets, &met)
	renderLimits(&limits, &met)
	if strings.Contains(targets.String(), "missed") {
		t.Errorf("targets met are called missed:\n%s", targets.String())
	}
	if limits.Len() != 0 {
		t.Errorf("a limits section when every target is met:\n%s", limits.String())
	}
}
