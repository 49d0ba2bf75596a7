package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// The two API questions. The neighbourhood is what the UI asks when a node
// is expanded twice (the API's largest page, its default per-node cap); the
// attributions question is the journalist's "who blamed whom for this
// operation, who backed it, and where is it written?".
const (
	httpDepth   = 2
	httpFirst   = 100
	httpPerNode = 25

	neighborhoodQuery = `query N($id: ID!) { neighborhood(ids: [$id], depth: 2, first: 100, perNode: 25) {
  nodes { id kind name } relations { id type confidence from { id } to { id } } truncated } }`
	// neighborhoodDepth is the nesting depth of neighborhoodQuery.
	neighborhoodDepth = 4

	attributionsQuery = `query A($op: ID!) { attributions(operation: $op, first: 100) { nodes { id name modality
  by { id name } blames { id name } backedBy { id name }
  evidence { quote start end document { id title } } } } }`
	attributionsDepth = 5
)

// apiRequest makes the request for the i-th id of one query on one API.
type apiRequest func(i int) *http.Request

func graphqlRequest(base, path, query, variable string, ids []string) apiRequest {
	bodies := make([][]byte, len(ids))
	for i, id := range ids {
		bodies[i], _ = json.Marshal(map[string]any{"query": query, "variables": map[string]string{variable: id}})
	}
	return func(i int) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(bodies[i%len(bodies)]))
		req.Header.Set("Content-Type", "application/json")
		return req
	}
}

func plainRequest(base, path, param string, ids []string) apiRequest {
	return func(i int) *http.Request {
		req, _ := http.NewRequest(http.MethodGet, base+path+"?"+param+"="+url.QueryEscape(ids[i%len(ids)]), nil)
		return req
	}
}

// apiCase is one query on one API.
type apiCase struct {
	query, api string
	req        apiRequest
}

func apiCases(base string, q queries) []apiCase {
	seeds := q.Seeds[q.Warmup:]
	return []apiCase{
		{"neighborhood", "graphql", graphqlRequest(base, "/graphql", neighborhoodQuery, "id", seeds)},
		{"neighborhood", "graphql-shortwait", graphqlRequest(base, "/graphql-shortwait", neighborhoodQuery, "id", seeds)},
		{"neighborhood", "json", plainRequest(base, "/plain/neighborhood", "id", seeds)},
		{"attributions", "graphql", graphqlRequest(base, "/graphql", attributionsQuery, "op", q.Ops)},
		{"attributions", "graphql-shortwait", graphqlRequest(base, "/graphql-shortwait", attributionsQuery, "op", q.Ops)},
		{"attributions", "json", plainRequest(base, "/plain/attributions", "op", q.Ops)},
	}
}

// reply is one response as the load client saw it.
type reply struct {
	ok    bool
	bytes int
	calls int
}

func do(client *http.Client, req *http.Request) (reply, error) {
	resp, err := client.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, err
	}
	calls, _ := strconv.Atoi(resp.Trailer.Get("X-Store-Calls"))
	ok := resp.StatusCode == http.StatusOK && bytes.HasPrefix(body, []byte(`{"data"`)) && !bytes.Contains(body, []byte(`"errors":[`))
	return reply{ok: ok, bytes: len(body), calls: calls}, nil
}

// loadRun is a closed-loop load test: clients goroutines send requests one
// after another for warm+dur; only those finishing after warm count. The
// number of requests in flight is bounded by the number of clients.
func loadRun(ctx context.Context, client *http.Client, c apiCase, clients int, warm, dur time.Duration) (HTTPRun, error) {
	run := HTTPRun{Query: c.query, API: c.api, Clients: clients}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var errs int
	var firstErr error
	start := time.Now()
	measureFrom, end := start.Add(warm), start.Add(warm+dur)
	lastDone := end
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			var done time.Time
			bad := 0
			for ctx.Err() == nil {
				t0 := time.Now()
				// Every client measures at least one request, however
				// slow the server: a request longer than the warm-up
				// would otherwise leave nothing to measure.
				if t0.After(end) && len(mine) > 0 {
					break
				}
				r, err := do(client, c.req(int(next.Add(1))).WithContext(ctx))
				t1 := time.Now()
				if t0.Before(measureFrom) {
					continue
				}
				if err != nil || !r.ok {
					bad++
					if err != nil {
						mu.Lock()
						if firstErr == nil {
							firstErr = err
						}
						mu.Unlock()
					}
				}
				mine = append(mine, t1.Sub(t0))
				done = t1
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			if done.After(lastDone) {
				lastDone = done
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(lat) == 0 {
		return run, fmt.Errorf("%s on %s: no request completed: %v", c.query, c.api, firstErr)
	}
	l := summarize(lat, 0, 0)
	run.N, run.P50, run.P99, run.Errors = l.N, l.P50, l.P99, errs
	// Requests still running at the end are waited for and counted, so the
	// window they are counted over runs to the last one's end.
	run.RPS = float64(l.N) / lastDone.Sub(measureFrom).Seconds()
	run.lat = lat
	return run, nil
}

// interleaved measures the APIs of one group in rounds: in each round every
// API runs for one short slice, in an order that rotates from round to
// round, so that what drifts during the group (the machine's other load,
// the server's caches and heap) falls on every API alike. A long run per
// API let one run's luck move the GraphQL share by 30 points.
func interleaved(ctx context.Context, client *http.Client, g loadGroup, dur time.Duration, rounds int) ([]HTTPRun, error) {
	rounds = max(1, rounds)
	slice := max(dur/time.Duration(rounds), 100*time.Millisecond)
	perAPI := make([][]HTTPRun, len(g.cases))
	for round := range rounds {
		for j := range g.cases {
			i := (round + j) % len(g.cases)
			run, err := loadRun(ctx, client, g.cases[i], g.clients, 0, slice)
			if err != nil {
				return nil, err
			}
			perAPI[i] = append(perAPI[i], run)
		}
	}
	jsonAt := slices.IndexFunc(g.cases, func(c apiCase) bool { return c.api == "json" })
	var out []HTTPRun
	for i, c := range g.cases {
		run := HTTPRun{Query: c.query, API: c.api, Clients: g.clients, Slices: len(perAPI[i])}
		var lat []time.Duration
		var rates, shares []float64
		for r, sl := range perAPI[i] {
			lat = append(lat, sl.lat...)
			rates = append(rates, sl.RPS)
			run.Errors += sl.Errors
			if jsonAt >= 0 && i != jsonAt && perAPI[jsonAt][r].RPS > 0 {
				shares = append(shares, sl.RPS/perAPI[jsonAt][r].RPS)
			}
		}
		l := summarize(lat, 0, 0)
		run.N, run.P50, run.P99 = l.N, l.P50, l.P99
		run.RPS = spreadOf(rates).Median
		if len(shares) > 0 {
			run.ShareOfJSON = spreadOf(shares)
		}
		out = append(out, run)
	}
	return out, nil
}

// roundTrips sends n requests one at a time and counts their store calls.
func roundTrips(ctx context.Context, client *http.Client, c apiCase, depth, n int) (RoundTrips, error) {
	rt := RoundTrips{Query: c.query, API: c.api, Depth: depth}
	var rs []reply
	for i := range n {
		r, err := do(client, c.req(i).WithContext(ctx))
		if err != nil {
			return rt, err
		}
		if !r.ok {
			return rt, fmt.Errorf("%s on %s: request %d failed", c.query, c.api, i)
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return rt, nil
	}
	rt.N, rt.Min, rt.Max = len(rs), rs[0].calls, rs[0].calls
	sum := 0
	for _, r := range rs {
		rt.Min, rt.Max = min(rt.Min, r.calls), max(rt.Max, r.calls)
		sum += r.calls
	}
	rt.Mean = float64(sum) / float64(len(rs))
	slices.SortStableFunc(rs, func(a, b reply) int { return a.bytes - b.bytes })
	q := max(1, len(rs)/4)
	mean := func(part []reply) (float64, int) {
		calls, bytes := 0, 0
		for _, r := range part {
			calls += r.calls
			bytes += r.bytes
		}
		return float64(calls) / float64(len(part)), bytes / len(part)
	}
	rt.MeanSmall, rt.BytesSmall = mean(rs[:q])
	rt.MeanLarge, rt.BytesLarge = mean(rs[len(rs)-q:])
	return rt, nil
}

// loadGroup is the load runs of one question at one number of clients:
// its APIs, in the order they run.
type loadGroup struct {
	clients int
	cases   []apiCase
}

// loadOrder orders the load runs: for each question and number of clients,
// its APIs one after the other, starting with a different API at each
// number of clients. The runs of one question ask the same ids in the same
// order, and the first to ask them meets colder caches (the row cache,
// SQLite's pages); always running GraphQL first made it look slower than
// it is next to the JSON handler and the short-window endpoint.
func loadOrder(cases []apiCase, clients []int) []loadGroup {
	var out []loadGroup
	for start := 0; start < len(cases); {
		end := start
		for end < len(cases) && cases[end].query == cases[start].query {
			end++
		}
		group := cases[start:end]
		for i, n := range clients {
			g := loadGroup{clients: n}
			for j := range group {
				g.cases = append(g.cases, group[(i+j)%len(group)])
			}
			out = append(out, g)
		}
		start = end
	}
	return out
}

// measureHTTP runs the API questions against srv: round trips first (one
// request at a time), then the load runs (see loadOrder).
func measureHTTP(ctx context.Context, srv *server, q queries, r *StoreResult, clients []int, warm, dur time.Duration, rounds, rtN int, profile func(phase string, run func() error) error) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, DisableCompression: true}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	cases := apiCases(srv.URL, q)
	for _, c := range cases {
		depth := neighborhoodDepth
		if c.query == "attributions" {
			depth = attributionsDepth
		}
		rt, err := roundTrips(ctx, client, c, depth, rtN)
		if err != nil {
			return fmt.Errorf("round trips: %w", err)
		}
		r.RoundTrips = append(r.RoundTrips, rt)
	}
	for _, g := range loadOrder(cases, clients) {
		// Before the measured runs, every API of the group runs unmeasured
		// for the warm-up time, so the first measured run does not meet
		// colder caches than the others (it did: at 100k the first was
		// 10-20 points below the rest, whichever API it was).
		for _, c := range g.cases {
			if _, err := loadRun(ctx, client, c, g.clients, 0, warm); err != nil {
				return fmt.Errorf("warming up: %w", err)
			}
		}
		runs, err := interleaved(ctx, client, g, dur, rounds)
		if err != nil {
			return err
		}
		r.HTTP = append(r.HTTP, runs...)
		// The profile is of the server, during a GraphQL run as long as a
		// whole group's, at the largest number of clients, after the
		// measured rounds (it does not count).
		if profile != nil && g.cases[0].query == "neighborhood" && g.clients == clients[len(clients)-1] {
			for _, c := range g.cases {
				if c.api != "graphql" {
					continue
				}
				err := profile(fmt.Sprintf("GraphQL neighbourhood, %d clients (server)", g.clients), func() error {
					_, err := loadRun(ctx, client, c, g.clients, 0, dur)
					return err
				})
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func httpPost(u string) (*http.Response, error) {
	return http.Post(u, "text/plain", nil)
}
