package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// The questions of issue 20's Performance section, asked of the embedded
// store through the GraphQL executor in this process (schema.Handler, no
// network), one at a time after a warm-up:
//
//   - claims(where: {types, from or to}): one type and one end, drawn from
//     claims the graph holds so that answers are not empty;
//   - claims(where: {text}): the words that name an entity in the synthetic
//     evidence sentences (its id, "person:synth-12": three words), as an
//     evidence filter (first 20 and the total);
//   - claimCounts(groupBy: [TYPE, YEAR]) over every claim;
//   - attributions(blamed: <country>, includeParts: true): the attributions
//     blaming a state, its agencies (PART_OF) and the people holding a
//     role in it (HOLDS_ROLE) included.
//
// Targets (at 1M nodes / 10M claims): p50 ≤ 10 ms, ≤ 50 ms, ≤ 200 ms and
// ≤ 10 ms.

// ClaimQuestions are the latencies of those questions at one scale.
type ClaimQuestions struct {
	TypeAndEnd Latency `json:"typeAndEnd"`
	Text       Latency `json:"text"`
	Counts     Latency `json:"countsTypeYear"`
	Blamed     Latency `json:"blamedIncludeParts"`
	// Totals are the median totalCount of each list question, so a reader
	// sees how much each one matched.
	TypeAndEndTotal int `json:"typeAndEndTotal"`
	TextTotal       int `json:"textTotal"`
	BlamedTotal     int `json:"blamedTotal"`
	CountGroups     int `json:"countGroups"`
}

// claimQuestionTargets are issue 20's p50 targets, in the order of the table.
var claimQuestionTargets = []time.Duration{10 * time.Millisecond, 50 * time.Millisecond, 200 * time.Millisecond, 10 * time.Millisecond}

// measureClaimQuestions asks n questions of each kind (and a warm-up of
// warmup more) of s; nodes are the graph's entities.
func measureClaimQuestions(ctx context.Context, s graph.Store, nodes []graph.Node, countries []string, n, warmup int, seed uint64, progress func(string)) (*ClaimQuestions, error) {
	h := schema.Handler(schema.Options{Store: s})
	ask := func(query string, vars map[string]any) (map[string]any, error) {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		b, _ := io.ReadAll(res.Body)
		var out struct {
			Data   map[string]any `json:"data"`
			Errors []struct {
				Message string `json:"message"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(b, &out); err != nil {
			return nil, fmt.Errorf("status %d: %.200s", res.StatusCode, b)
		}
		if len(out.Errors) > 0 {
			return nil, fmt.Errorf("%s", out.Errors[0].Message)
		}
		return out.Data, nil
	}
	rng := rand.New(rand.NewPCG(seed, 0xc1a1))
	total := func(d map[string]any, field string) int {
		m, _ := d[field].(map[string]any)
		f, _ := m["totalCount"].(float64)
		return int(f)
	}
	cq := &ClaimQuestions{}

	// One type and one end, from claims that exist (drawn unmeasured).
	type typeEnd struct {
		typ, id string
		from    bool
	}
	var tes []typeEnd
	for tries := 0; len(tes) < n+warmup && tries < 20*(n+warmup); tries++ {
		nd := nodes[rng.IntN(len(nodes))]
		dir := graph.Outgoing
		if rng.IntN(2) == 0 {
			dir = graph.Incoming
		}
		page, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: []string{nd.ID}, Direction: dir, First: 1})
		if err != nil {
			return nil, err
		}
		if len(page.Relationships) == 0 {
			continue
		}
		r := page.Relationships[0]
		tes = append(tes, typeEnd{string(r.Type), nd.ID, dir == graph.Outgoing})
	}
	progress(fmt.Sprintf("  claims(where:) type and one end: %d questions", len(tes)))
	var totals []int
	lat, err := timeEach(tes, warmup, func(te typeEnd) error {
		end := "to"
		if te.from {
			end = "from"
		}
		d, err := ask(`query($t: RelType!, $id: ID!) { claims(where: {types: [$t], `+end+`: [$id]}) { totalCount nodes { id type from { id } to { id } } } }`,
			map[string]any{"t": te.typ, "id": te.id})
		totals = append(totals, total(d, "claims"))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claims(where:) type and end: %w", err)
	}
	cq.TypeAndEnd, cq.TypeAndEndTotal = lat, median(totals)

	// Text: the words naming an entity in the evidence.
	var texts []string
	for range n + warmup {
		texts = append(texts, nodes[rng.IntN(len(nodes))].ID)
	}
	progress(fmt.Sprintf("  claims(where: {text:}): %d questions", len(texts)))
	totals = totals[:0]
	lat, err = timeEach(texts, warmup, func(text string) error {
		d, err := ask(`query($text: String!) { claims(where: {text: $text}) { totalCount nodes { id type } } }`, map[string]any{"text": text})
		totals = append(totals, total(d, "claims"))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claims(where: {text:}): %w", err)
	}
	cq.Text, cq.TextTotal = lat, median(totals)

	// Counts by type and year over every claim.
	rounds := make([]int, max(5, n/10)+warmup)
	progress(fmt.Sprintf("  claimCounts(groupBy: [TYPE, YEAR]): %d questions", len(rounds)))
	lat, err = timeEach(rounds, warmup, func(int) error {
		d, err := ask(`{ claimCounts(groupBy: [TYPE, YEAR], first: 1000) { totalGroups groups { type year count } } }`, nil)
		if m, ok := d["claimCounts"].(map[string]any); ok {
			f, _ := m["totalGroups"].(float64)
			cq.CountGroups = int(f)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claimCounts: %w", err)
	}
	cq.Counts = lat

	// Attributions blaming a state, its parts included.
	var blamed []string
	for range n + warmup {
		blamed = append(blamed, countries[rng.IntN(len(countries))])
	}
	progress(fmt.Sprintf("  attributions(blamed:, includeParts: true): %d questions", len(blamed)))
	totals = totals[:0]
	lat, err = timeEach(blamed, warmup, func(id string) error {
		d, err := ask(`query($id: ID!) { attributions(blamed: $id, includeParts: true) { totalCount nodes { id } } }`, map[string]any{"id": id})
		totals = append(totals, total(d, "attributions"))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("attributions(blamed:, includeParts:): %w", err)
	}
	cq.Blamed, cq.BlamedTotal = lat, median(totals)
	return cq, nil
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := append([]int(nil), xs...)
	slices.Sort(s)
	return s[len(s)/2]
}

// renderClaimQuestions writes the table of the claims questions.
func renderClaimQuestions(b *strings.Builder, r *ScaleResult, c *ClaimQuestions) {
	if c == nil {
		return
	}
	fmt.Fprintf(b, "Claims by filter and counts (issue 20; GraphQL executed in process, no network; targets are for 1M nodes / 10M claims, shown at %s):\n\n", r.Scale)
	b.WriteString("| question | ms: p50 / p99 | matched (median) | target p50 | verdict |\n|---|---|---|---|---|\n")
	for i, row := range []struct {
		name    string
		lat     Latency
		matched string
	}{
		{"claims(where:) one type and one end", c.TypeAndEnd, fmt.Sprintf("%d claims", c.TypeAndEndTotal)},
		{"claims(where:) evidence text (the words naming an entity)", c.Text, fmt.Sprintf("%d claims", c.TextTotal)},
		{"claimCounts(groupBy: [TYPE, YEAR]) over every claim", c.Counts, fmt.Sprintf("%d groups", c.CountGroups)},
		{"attributions(blamed: a state, includeParts: true)", c.Blamed, fmt.Sprintf("%d attributions", c.BlamedTotal)},
	} {
		target := claimQuestionTargets[i]
		verdict := "met"
		if row.lat.P50 > target {
			verdict = fmt.Sprintf("missed: %.1f× the target", float64(row.lat.P50)/float64(target))
		}
		if r.Graph.Nodes < targetScaleNodes {
			verdict = "(" + verdict + " at this scale)"
		}
		fmt.Fprintf(b, "| %s | %s | %s | ≤ %s ms | %s |\n", row.name, row.lat, row.matched, ms(target), verdict)
	}
	b.WriteString("\n")
}
