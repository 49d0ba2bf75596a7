package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// The claims questions run on a small graph, answer something, and make
// their table (figures reported, never asserted).
func TestClaimQuestions(t *testing.T) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "claims.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	gen := synth.New(synth.Config{Seed: 2, Nodes: 600, RelsPerNode: 8})
	if _, _, err := bulkLoad(ctx, s, gen, 50, 1000, false, func(string) {}); err != nil {
		t.Fatal(err)
	}
	cq, err := measureClaimQuestions(ctx, s, gen.Nodes, gen.ByKind[graph.KindCountry], 20, 3, 1, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	for name, l := range map[string]Latency{"type and end": cq.TypeAndEnd, "text": cq.Text, "counts": cq.Counts, "blamed": cq.Blamed} {
		if l.N == 0 || l.P50 <= 0 {
			t.Errorf("%s not measured: %+v", name, l)
		}
	}
	if cq.TypeAndEndTotal == 0 || cq.CountGroups == 0 || cq.TextTotal == 0 {
		t.Errorf("the questions matched nothing: %+v", cq)
	}
	var b strings.Builder
	renderClaimQuestions(&b, &ScaleResult{Scale: "600"}, cq)
	for _, want := range []string{"claims(where:) one type and one end", "evidence text", "claimCounts(groupBy: [TYPE, YEAR])", "attributions(blamed: a state, includeParts: true)", "≤ 200 ms"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, b.String())
		}
	}
}
