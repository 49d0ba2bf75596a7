package schema_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/httpserver"
	"github.com/actorgraph/actorgraph/schema"
)

// fanOut is the query of issue 17: each of k fragments spreads the next
// one twice, so 1 KB of query names 2^k fields.
func fanOut(k int) string {
	var b strings.Builder
	b.WriteString(`query { node(id: "country:RU") { ...F0 } }`)
	for i := 0; i < k; i++ {
		fmt.Fprintf(&b, " fragment F%d on Node { id ...F%d ...F%d }", i, i+1, i+1)
	}
	fmt.Fprintf(&b, " fragment F%d on Node { id }", k)
	return b.String()
}

// A query whose fragments fan out is refused at once, however many
// fragments it chains: the shape check measures each fragment once. Before,
// it re-walked every spread, and k=26 held a core for 10 s (k=40, days).
// Wall-clock bounds are not asserted finely here (the machine is shared);
// one second is far above what the check takes and far below what the
// exponential walk took from k=24 on.
func TestFragmentFanOutRefused(t *testing.T) {
	s := newServer(t, schema.Options{})
	for _, k := range []int{8, 26, 40, 300, 1300} {
		start := time.Now()
		r := s.query(t, fanOut(k))
		took := time.Since(start)
		t.Logf("k=%d: %d %s in %v", k, r.Status, r.code(), took)
		if r.code() != "LIMIT_EXCEEDED" || !strings.Contains(r.Errors[0].Message, "fields") {
			t.Fatalf("k=%d: %s", k, clip(r.Raw))
		}
		if took > time.Second {
			t.Fatalf("k=%d: refused after %v", k, took)
		}
	}
	// A chain of fragments that select nothing but the next one: 1,300
	// spreads cost the parser's validation seconds, so each counts as a field.
	chain := `query { node(id: "country:RU") { ...C0 } }`
	for i := 0; i < 1300; i++ {
		chain += fmt.Sprintf(" fragment C%d on Node { ...C%d }", i, i+1)
	}
	chain += " fragment C1300 on Node { id }"
	start := time.Now()
	if r := s.query(t, chain); r.code() != "LIMIT_EXCEEDED" || time.Since(start) > time.Second {
		t.Fatalf("chain of 1300 spreads, after %v: %s", time.Since(start), clip(r.Raw))
	}
	// Fragments spread more than once, within the limits, still answer.
	r := s.query(t, fanOut(3))
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"id":"country:RU"`) {
		t.Fatalf("small fan-out: %s", r.Raw)
	}
	// Depth through fragments is still measured.
	deep := `query { node(id: "country:US") { ...D0 } }`
	for i := 0; i < 15; i++ {
		deep += fmt.Sprintf(" fragment D%d on Node { relations { edges { node { from { ...D%d } } } } }", i, i+1)
	}
	deep += " fragment D15 on Node { id }"
	if r := s.query(t, deep); r.code() != "LIMIT_EXCEEDED" || !strings.Contains(r.Errors[0].Message, "levels deep") {
		t.Fatalf("deep fragments: %s", clip(r.Raw))
	}
}

// A search of a megabyte of words, by POST or by GET, is refused within a
// second, and the server goes on. Before, FTS5 parsed such a query for
// minutes on both cores, past the request's deadline and after the client
// had gone.
func TestSearchOfManyWordsRefused(t *testing.T) {
	s := newServer(t, schema.Options{})
	words := strings.Repeat("ab ", 340_000) // 1,020,000 bytes: the body stays under 1 MiB
	start := time.Now()
	body := []byte(`{"query":"query($q: String!) { search(query: $q) { node { id } } }","variables":{"q":"` + words + `"}}`)
	r := s.post(t, body)
	if took := time.Since(start); r.code() != "BAD_INPUT" || !strings.Contains(r.Errors[0].Message, "at most") || took > time.Second {
		t.Fatalf("1 MiB of words by POST, after %v: %d %s", took, r.Status, clip(r.Raw))
	}
	// GET: 40 KB of words in the URL.
	start = time.Now()
	resp, err := http.Get(s.url + "?query=" + url.QueryEscape(`{ search(query: "`+strings.Repeat("ab ", 13_000)+`") { node { id } } }`))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if took := time.Since(start); !strings.Contains(string(raw), `"code":"BAD_INPUT"`) || took > time.Second {
		t.Fatalf("40 KB of words by GET, after %v: %d %s", took, resp.StatusCode, clip(raw))
	}
	// A sentence pasted whole is still searched.
	if r := s.query(t, `{ search(query: "As the US pointed the finger at a resurgent Russia") { node { id } } }`); len(r.Errors) > 0 {
		t.Fatalf("a sentence: %s", r.Raw)
	}
	if ok := s.query(t, `{ stats { nodes } }`); len(ok.Errors) > 0 {
		t.Fatalf("after: %s", ok.Raw)
	}
}

// newSynthServer serves a generated graph with hubs (power-law degrees)
// through the real HTTP stack, and returns the ids of its n busiest nodes.
func newSynthServer(t *testing.T, opts schema.Options, nodes, hubs int) (*server, []string) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "synth.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	start := time.Now()
	defer func() { t.Logf("a graph of %d nodes made and stored in %v", nodes, time.Since(start)) }()
	g := synth.Generate(synth.Config{Seed: 11, Nodes: nodes, RelsPerNode: 10})
	degree := map[string]int{}
	for _, b := range g.Batches {
		for _, r := range b.Relationships {
			degree[r.From]++
			degree[r.To]++
		}
		if _, err := s.Upsert(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	ids := make([]string, 0, len(degree))
	for id := range degree {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return degree[ids[i]] > degree[ids[j]] })
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts.Store, opts.Logger = s, logger
	api := schema.Handler(opts)
	h := httpserver.Handler(httpserver.Config{Store: s, StoreName: "test", Logger: logger,
		Mount: func(mux *http.ServeMux) { mux.Handle("/graphql", api) }})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &server{url: ts.URL + "/graphql", store: &countingStore{Store: s, calls: map[string]int{}}}, ids[:hubs]
}

// costliest builds the most expensive query the limits allow that asks
// for pages of the hubs' claims: as many hubs and aliases of relations {
// totalCount } as the complexity limit lets through, each alias a distinct
// page (first differs) so the loader cannot share them. A query over the
// limit is refused at once; one within it runs, so the client stops
// waiting after a moment and takes that as accepted.
func costliest(t *testing.T, s *server, hubs []string) string {
	t.Helper()
	client := &http.Client{Timeout: 300 * time.Millisecond}
	for aliases := 8; aliases >= 1; aliases-- {
		for n := len(hubs); n >= 1; n -= max(1, n/20) {
			var b strings.Builder
			fmt.Fprintf(&b, `{ nodes(ids: ["%s"]) { id`, strings.Join(hubs[:n], `", "`))
			for a := 0; a < aliases; a++ {
				fmt.Fprintf(&b, " a%d: relations(first: %d) { totalCount }", a, a+1)
			}
			b.WriteString(" } }")
			resp, err := client.Post(s.url, "application/json", bytes.NewReader(jsonQuery(b.String())))
			if err != nil {
				return b.String() // still running: within the limits
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !bytes.Contains(raw, []byte("LIMIT_EXCEEDED")) {
				return b.String()
			}
		}
	}
	t.Fatal("no costly query is legal")
	return ""
}

// With 20 clients sending the most expensive legal query over and over, an
// ordinary query (a search, a node and its name) keeps answering in well
// under a second: costly queries run a few at a time (admission.go), and a
// page of a node's claims is priced as what it costs. Before, 20 such
// clients pushed an ordinary query's median to 3.9 s, one in seven failing.
func TestCostlyQueriesDoNotStarveOthers(t *testing.T) {
	s, hubs := newSynthServer(t, schema.Options{}, 1500, 100)
	heavy := costliest(t, s, hubs)
	t.Logf("the costliest legal query: %s", clip([]byte(heavy)))
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var heavyDone, heavyBusy atomic.Int64
	for c := 0; c < 20; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := jsonQuery(heavy)
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, "POST", s.url, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					continue
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if bytes.Contains(raw, []byte("LIMIT_EXCEEDED")) {
					heavyBusy.Add(1)
				} else {
					heavyDone.Add(1)
				}
			}
		}()
	}
	time.Sleep(time.Second) // let the heavy clients fill the server
	var lat []time.Duration
	failed := 0
	for i := 0; i < 60; i++ {
		q := fmt.Sprintf(`{ node(id: %q) { id name } search(query: "a", first: 5) { node { id } } }`, hubs[i%len(hubs)])
		start := time.Now()
		r := s.query(t, q)
		lat = append(lat, time.Since(start))
		if len(r.Errors) > 0 {
			failed++
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	t.Logf("ordinary query under 20 heavy clients: p50 %v, p99 %v, %d failed; heavy queries: %d answered, %d told the server is busy",
		p50, p99, failed, heavyDone.Load(), heavyBusy.Load())
	if failed > 0 || p99 > time.Second {
		t.Fatalf("ordinary queries starved: p50 %v, p99 %v, %d of %d failed", p50, p99, failed, len(lat))
	}
}

// An answer larger than the response limit is replaced by a clear error,
// with the fast paths on and off; a small one is unaffected.
func TestResponseSizeBounded(t *testing.T) {
	for _, fast := range []bool{true, false} {
		s := newServer(t, schema.Options{MaxResponseBytes: 4000, NoFastPaths: !fast})
		r := s.query(t, `{ neighborhood(ids: ["country:US"], depth: 2) { nodes { id name aliases } relations { id type evidence { quote } } } }`)
		if r.code() != "LIMIT_EXCEEDED" || !strings.Contains(r.Errors[0].Message, "at most 4000 are sent") || len(r.Raw) > 1000 {
			t.Fatalf("fast paths %v: %d bytes: %s", fast, len(r.Raw), clip(r.Raw))
		}
		if ok := s.query(t, `{ node(id: "country:US") { name } }`); len(ok.Errors) > 0 {
			t.Fatalf("a small answer: %s", ok.Raw)
		}
	}
}

// Every mistake a client can make gets a clear message and a code, never
// INTERNAL and never a message without extensions.code.
func TestClientMistakesHaveCodes(t *testing.T) {
	s := newServer(t, schema.Options{})
	u, _ := url.Parse(s.url)
	raw := func(req string) (int, string) {
		c, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, req)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("%q: %v", req, err)
		}
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"query":"{ stats { nodes } }"}`))
	zw.Close()
	post := func(ctype, enc string, body []byte) (int, string) {
		req, _ := http.NewRequest("POST", s.url, bytes.NewReader(body))
		req.Header.Set("Content-Type", ctype)
		if enc != "" {
			req.Header.Set("Content-Encoding", enc)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(b)
	}
	path := u.Path
	for _, c := range []struct {
		name   string
		do     func() (int, string)
		status int
		code   string
		msg    string
	}{
		{"text/plain body", func() (int, string) { return post("text/plain", "", []byte(`{ stats { nodes } }`)) }, 415, "BAD_INPUT", "Content-Type: application/json"},
		{"gzip body", func() (int, string) { return post("application/json", "gzip", gz.Bytes()) }, 415, "BAD_INPUT", "compressed"},
		{"gzip bytes without the header", func() (int, string) { return post("application/json", "", gz.Bytes()) }, 400, "BAD_INPUT", "not JSON"},
		{"malformed chunked body", func() (int, string) {
			return raw("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{\"query\"\r\n0\r\n\r\n")
		}, 400, "BAD_INPUT", "could not be read"},
		{"two operations, no operationName", func() (int, string) {
			return post("application/json", "", jsonQuery(`query A { stats { nodes } } query B { stats { documents } }`))
		}, 200, "BAD_INPUT", "operationName"},
		{"an operationName not in the document", func() (int, string) {
			b, _ := json.Marshal(map[string]string{"query": `query A { stats { nodes } }`, "operationName": "B"})
			return post("application/json", "", b)
		}, 200, "BAD_INPUT", `no operation named "B"`},
		{"GET without a query", func() (int, string) {
			resp, err := http.Get(s.url + "?foo=1")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp.StatusCode, string(b)
		}, 400, "BAD_INPUT", "?query="},
	} {
		status, body := c.do()
		var r response
		json.Unmarshal([]byte(body), &r)
		msg := ""
		if len(r.Errors) > 0 {
			msg = r.Errors[0].Message
		}
		if status != c.status || r.code() != c.code || !strings.Contains(msg, c.msg) {
			t.Errorf("%s: got %d %q %q\nwant %d %s containing %q", c.name, status, r.code(), clip([]byte(body)), c.status, c.code, c.msg)
		}
	}
	// Two operations and their name: runs the one named.
	b, _ := json.Marshal(map[string]string{"query": `query A { stats { nodes } } query B { stats { documents } }`, "operationName": "B"})
	// (The demo corpus and the reference data's document.)
	if st, body := post("application/json", "", b); st != 200 || !strings.Contains(body, `"documents":4`) {
		t.Fatalf("operationName B: %d %s", st, body)
	}
}

// A cursor continues only the list that gave it: one of another list, or
// any string this API did not give out, is BAD_INPUT. Before, a cursor was
// the base64 of an id, and any decodable string was taken by any list.
func TestCursorsBoundToTheirList(t *testing.T) {
	s := newServer(t, schema.Options{})
	endCursor := func(q, field string) string {
		r := s.query(t, q)
		var got map[string]struct {
			PageInfo struct{ EndCursor string }
			Edges    []struct{ Cursor string }
		}
		if err := json.Unmarshal(r.Data, &got); err != nil || got[field].PageInfo.EndCursor == "" {
			t.Fatalf("%s: %s", q, r.Raw)
		}
		if got[field].Edges[len(got[field].Edges)-1].Cursor != got[field].PageInfo.EndCursor {
			t.Fatalf("the last edge's cursor is not the end cursor: %s", r.Raw)
		}
		return got[field].PageInfo.EndCursor
	}
	countries := endCursor(`{ entities(kind: COUNTRY, first: 3) { pageInfo { endCursor } edges { cursor } } }`, "entities")
	docs := endCursor(`{ documents(first: 1) { pageInfo { endCursor } edges { cursor } } }`, "documents")
	var rel struct {
		Node struct {
			Relations struct {
				PageInfo struct{ EndCursor string }
			}
		}
	}
	r := s.query(t, `{ node(id: "country:US") { relations(first: 2) { pageInfo { endCursor } } } }`)
	json.Unmarshal(r.Data, &rel)
	usRels := rel.Node.Relations.PageInfo.EndCursor
	if usRels == "" {
		t.Fatalf("no relations cursor: %s", r.Raw)
	}
	// Each cursor continues its own list.
	for _, q := range []string{
		fmt.Sprintf(`{ entities(kind: COUNTRY, first: 3, after: %q) { edges { node { id } } } }`, countries),
		fmt.Sprintf(`{ documents(first: 1, after: %q) { edges { node { id } } } }`, docs),
		fmt.Sprintf(`{ node(id: "country:US") { relations(first: 2, after: %q) { edges { node { id } } } } }`, usRels),
	} {
		if r := s.query(t, q); len(r.Errors) > 0 {
			t.Fatalf("%s: %s", q, r.Raw)
		}
	}
	forged := base64.RawURLEncoding.EncodeToString([]byte("country:RU"))
	for _, c := range []struct{ name, q string }{
		{"a countries cursor for documents", fmt.Sprintf(`{ documents(after: %q) { totalCount } }`, countries)},
		{"a countries cursor for persons", fmt.Sprintf(`{ entities(kind: PERSON, after: %q) { totalCount } }`, countries)},
		{"a documents cursor for entities", fmt.Sprintf(`{ entities(after: %q) { totalCount } }`, docs)},
		{"a cursor of US's claims for Russia's", fmt.Sprintf(`{ node(id: "country:RU") { relations(after: %q) { totalCount } } }`, usRels)},
		{"a cursor of US's claims for entities", fmt.Sprintf(`{ entities(after: %q) { totalCount } }`, usRels)},
		{"the base64 of an id", fmt.Sprintf(`{ entities(after: %q) { totalCount } }`, forged)},
		{"not base64", `{ entities(after: "%%%") { totalCount } }`},
	} {
		r := s.query(t, c.q)
		if r.code() != "BAD_INPUT" || !strings.Contains(r.Errors[0].Message, "cursor") {
			t.Errorf("%s: %s", c.name, clip(r.Raw))
		}
	}
}
