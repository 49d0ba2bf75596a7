package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHarnessSmoke runs the whole harness on a tiny graph, in-process and
// without Kuzu, and checks that it measures every row and writes a results
// file from the saved figures. It asserts nothing about speed.
func TestHarnessSmoke(t *testing.T) {
	dir := t.TempDir()
	o := options{
		scales: []string{"500"}, seed: 1, relsPerNode: 10, work: dir, save: true,
		resultsDir: filepath.Join(dir, "results"), out: filepath.Join(dir, "RESULTS.md"), command: "smoke test",
		naive: true, inProcess: true, batchDocs: 50,
		hopSamples: 30, pathSamples: 20, searchSamples: 20, warmup: 5, naiveHops: 10, naivePaths: 3, naiveLimit: 200 * time.Millisecond,
		clients: []int{1, 4}, httpWarm: 20 * time.Millisecond, httpDur: 200 * time.Millisecond, httpRounds: 2, roundTripN: 10,
		progress: func(string) {}, stdout: io.Discard,
	}
	if err := run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	rs, err := loadResults(o.resultsDir)
	if err != nil || len(rs) != 1 {
		t.Fatalf("saved results: %v, %d scales", err, len(rs))
	}
	r := rs[0]
	s := r.Stores[0]
	if r.Graph.Claims < 5000 || r.Graph.Attributions == 0 || s.Load.ClaimsPerSec() <= 0 {
		t.Errorf("graph or load not measured: %+v %+v", r.Graph, s.Load)
	}
	for name, l := range map[string]Latency{"1-hop": s.OneHop, "2-hop": s.TwoHop, "paths": s.Paths, "search": s.Search,
		"naive 2-hop": r.Naive.TwoHop, "naive paths": r.Naive.Paths} {
		if l.N == 0 || l.P50 <= 0 {
			t.Errorf("%s not measured: %+v", name, l)
		}
	}
	if len(s.HTTP) != 6*2 {
		t.Errorf("%d load runs, want 12", len(s.HTTP))
	}
	for _, h := range s.HTTP {
		if h.N == 0 || h.Errors > 0 || h.Slices != 2 {
			t.Errorf("load run %+v: no requests, errors, or not in 2 interleaved slices", h)
		}
		if sh := h.ShareOfJSON; (h.API == "json") != (sh == nil) || sh != nil && (sh.N != 2 || sh.Min > sh.Median || sh.Median > sh.Max) {
			t.Errorf("load run %+v: share of JSON %+v", h, sh)
		}
	}
	if !s.Load.Bulk || s.Load.FinishSeconds <= 0 {
		t.Errorf("the load did not go through the bulk path: %+v", s.Load)
	}
	for _, rt := range s.RoundTrips {
		if rt.API == "json" && rt.Query == "attributions" && rt.Max != 6 {
			t.Errorf("the plain attributions handler made %d store calls, want 6", rt.Max)
		}
	}
	md, err := os.ReadFile(o.out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## 500 nodes", "smoke test", "| 2-hop neighbourhood |", "naive SQLite recursive CTE",
		"API over loopback", "(median of 2 rounds; rounds ", "Store round trips", "in the store's bulk path", "Targets", "## 1M nodes: not run", "make bench SCALES=1m"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the results file lacks %q", want)
		}
	}
}

// The end-to-end scale writes generated articles, loads them with the
// loader `actorgraph load` uses, and reports them in their own section.
func TestHarnessArticles(t *testing.T) {
	dir := t.TempDir()
	o := options{
		scales: []string{"articles-40"}, seed: 1, work: dir, save: true, profile: true,
		resultsDir: filepath.Join(dir, "results"), out: filepath.Join(dir, "RESULTS.md"), command: "articles test",
		progress: func(string) {}, stdout: io.Discard,
	}
	if err := run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	as, err := loadArticleResults(o.resultsDir)
	if err != nil || len(as) != 1 {
		t.Fatalf("saved results: %v, %d runs", err, len(as))
	}
	a := as[0]
	if a.Articles != 40 || a.Loaded != 40 || a.Refused != 0 || a.Annotated != 10 || a.New.Relationships < 100 || a.New.Evidence < 200 || a.ArticlesPerSec() <= 0 || a.Bytes < 40*1000 {
		t.Errorf("end-to-end run: %+v", a)
	}
	if rs, err := loadResults(o.resultsDir); err != nil || len(rs) != 0 {
		t.Errorf("the end-to-end run was read as a graph scale: %v, %d", err, len(rs))
	}
	md, err := os.ReadFile(o.out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## End to end: 40 articles through `actorgraph load`", "articles test", "| articles/s |", "articles end to end ≥ 300 articles/s"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the results file lacks %q", want)
		}
	}
}

func TestParseScale(t *testing.T) {
	for in, want := range map[string]int{"10k": 10_000, "100K": 100_000, "1m": 1_000_000, "500": 500} {
		if got, err := parseScale(in); err != nil || got != want {
			t.Errorf("parseScale(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "k", "-3", "ten"} {
		if _, err := parseScale(bad); err == nil {
			t.Errorf("parseScale(%q) accepted", bad)
		}
	}
}

// A peer that fails (here Kuzu, whose module directory is empty, so it does
// not build) is named in the notes and the store's figures are still saved:
// at 1M nodes they take an hour and a half to gather.
func TestHarnessSavesWhenAPeerFails(t *testing.T) {
	dir := t.TempDir()
	o := options{
		scales: []string{"300"}, seed: 1, relsPerNode: 10, work: dir, save: true,
		resultsDir: filepath.Join(dir, "results"), out: filepath.Join(dir, "RESULTS.md"), command: "peer failure test",
		kuzu: true, kuzuDir: t.TempDir(), kuzuLimit: time.Second, inProcess: true, batchDocs: 50,
		hopSamples: 10, pathSamples: 5, searchSamples: 5, warmup: 2,
		clients: []int{1}, httpWarm: 10 * time.Millisecond, httpDur: 50 * time.Millisecond, roundTripN: 5,
		progress: func(string) {}, stdout: io.Discard,
	}
	if err := run(context.Background(), o); err != nil {
		t.Fatalf("a failing peer stopped the run: %v", err)
	}
	rs, err := loadResults(o.resultsDir)
	if err != nil || len(rs) != 1 {
		t.Fatalf("saved results: %v, %d scales", err, len(rs))
	}
	if rs[0].Kuzu != nil || !strings.Contains(strings.Join(rs[0].Notes, "\n"), "The Kuzu peer failed") {
		t.Errorf("notes %q, Kuzu %v: want the failure named and no Kuzu figures", rs[0].Notes, rs[0].Kuzu)
	}
	if len(rs[0].Stores) != 1 || rs[0].Stores[0].TwoHop.N == 0 {
		t.Errorf("the store's own figures were not saved: %+v", rs[0].Stores)
	}
	b, err := os.ReadFile(o.out)
	if err != nil || !strings.Contains(string(b), "The Kuzu peer failed") {
		t.Errorf("the results file does not say the peer failed (%v)", err)
	}
}

// Kuzu's buffer pool grows with the graph, within half the machine.
func TestKuzuPool(t *testing.T) {
	for _, c := range []struct {
		claims int
		mem    int64
		want   int64
	}{{100_000, 24 << 30, 2048}, {10_000_000, 24 << 30, 9765}, {10_000_000, 8 << 30, 4096}, {10_000_000, 0, 9765}} {
		if got := kuzuPoolMiB(c.claims, c.mem); got != c.want {
			t.Errorf("kuzuPoolMiB(%d, %d) = %d, want %d", c.claims, c.mem, got, c.want)
		}
	}
}
