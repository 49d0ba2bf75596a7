package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// BenchmarkAPI serves the harness's two questions in-process (no network,
// one request at a time) from a graph the harness loaded, to compare the
// GraphQL API's CPU and allocations per request with the plain handler's:
//
//	go run ./bench -scale 10k -api-only -keep -work /tmp/w   # leaves actorgraph.db
//	AG_BENCH_DB=/tmp/w/actorgraph-bench-10k-.../actorgraph.db go test ./bench -run '^$' -bench API -benchmem
//
// Without AG_BENCH_DB it is skipped.
func BenchmarkAPI(b *testing.B) {
	path := os.Getenv("AG_BENCH_DB")
	if path == "" {
		b.Skip("AG_BENCH_DB is not set")
	}
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var st graph.Store = s
	if os.Getenv("AG_BENCH_MEMO") != "" {
		// Answers neighbourhoods from memory after the first time, so that
		// only the API layers are measured.
		st = &memoStore{Store: s, subs: map[string]graph.Subgraph{}}
	}
	h := benchHandler(st, "bench", slog.New(slog.NewTextHandler(io.Discard, nil)))
	// Every 37th node and the operations with attributions, as fixed seeds.
	var seeds, ops []string
	after := ""
	for len(seeds) < 200 {
		page, err := s.ListNodes(ctx, graph.ListNodesQuery{First: 100, After: after})
		if err != nil || len(page.Nodes) == 0 {
			break
		}
		for i, n := range page.Nodes {
			if i%37 == 0 {
				seeds = append(seeds, n.ID)
			}
			if n.Kind == graph.KindCyberOperation && len(ops) < 50 {
				if rels, _ := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: []string{n.ID}, Direction: graph.Incoming,
					Filter: graph.Filter{Types: []graph.RelType{graph.RelConcerns}}, First: 1}); len(rels.Relationships) > 0 {
					ops = append(ops, n.ID)
				}
			}
		}
		if !page.HasMore {
			break
		}
		after = page.EndCursor
	}
	if len(seeds) == 0 || len(ops) == 0 {
		b.Fatal("no seeds or operations in the graph")
	}
	gql := func(query, variable string, ids []string) func(i int) *http.Request {
		return func(i int) *http.Request {
			body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]string{variable: ids[i%len(ids)]}})
			r := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			return r
		}
	}
	plain := func(p, param string, ids []string) func(i int) *http.Request {
		return func(i int) *http.Request {
			return httptest.NewRequest(http.MethodGet, p+"?"+param+"="+url.QueryEscape(ids[i%len(ids)]), nil)
		}
	}
	for _, c := range []struct {
		name string
		req  func(int) *http.Request
	}{
		{"neighborhood/graphql", gql(neighborhoodQuery, "id", seeds)},
		{"neighborhood/json", plain("/plain/neighborhood", "id", seeds)},
		{"attributions/graphql", gql(attributionsQuery, "op", ops)},
		{"attributions/json", plain("/plain/attributions", "op", ops)},
	} {
		b.Run(c.name, func(b *testing.B) {
			// AG_BENCH_PARALLEL=n runs n requests per CPU at once, like
			// the harness's concurrent clients.
			if p, _ := strconv.Atoi(os.Getenv("AG_BENCH_PARALLEL")); p > 0 {
				var next atomic.Int64
				b.SetParallelism(p)
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						w := httptest.NewRecorder()
						h.ServeHTTP(w, c.req(int(next.Add(1))))
						if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte(`{"data"`)) {
							b.Errorf("%d %s", w.Code, w.Body.String())
							return
						}
					}
				})
				return
			}
			for i := 0; b.Loop(); i++ {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, c.req(i))
				if w.Code != http.StatusOK || !bytes.HasPrefix(w.Body.Bytes(), []byte(`{"data"`)) {
					b.Fatalf("%d %s", w.Code, w.Body.String())
				}
			}
		})
	}
}

// memoStore remembers neighbourhoods (AG_BENCH_MEMO=1).
type memoStore struct {
	graph.Store
	mu   sync.Mutex
	subs map[string]graph.Subgraph
}

func (m *memoStore) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (graph.Subgraph, error) {
	key := fmt.Sprint(q)
	m.mu.Lock()
	sub, ok := m.subs[key]
	m.mu.Unlock()
	if ok {
		return sub, nil
	}
	sub, err := m.Store.Neighborhood(ctx, q)
	if err == nil {
		m.mu.Lock()
		m.subs[key] = sub
		m.mu.Unlock()
	}
	return sub, err
}
