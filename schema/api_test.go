package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/httpserver"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/schema"
)

var update = flag.Bool("update", false, "rewrite golden responses and docs/api.md")

// countingStore counts store round trips, to show that a request costs a
// number of them bounded by the query's depth, not by its results.
type countingStore struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingStore) count(m string) {
	c.mu.Lock()
	c.calls[m]++
	c.mu.Unlock()
}

func (c *countingStore) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

func (c *countingStore) reset() {
	c.mu.Lock()
	c.calls = map[string]int{}
	c.mu.Unlock()
}

func (c *countingStore) Nodes(ctx context.Context, ids []string) ([]graph.Node, error) {
	c.count("Nodes")
	return c.Store.Nodes(ctx, ids)
}
func (c *countingStore) ListNodes(ctx context.Context, q graph.ListNodesQuery) (graph.NodePage, error) {
	c.count("ListNodes")
	return c.Store.ListNodes(ctx, q)
}
func (c *countingStore) Relationships(ctx context.Context, q graph.RelationshipsQuery) (graph.RelationshipPage, error) {
	c.count("Relationships")
	return c.Store.Relationships(ctx, q)
}
func (c *countingStore) RelationshipsByID(ctx context.Context, ids []string) ([]graph.Relationship, error) {
	c.count("RelationshipsByID")
	return c.Store.RelationshipsByID(ctx, ids)
}
func (c *countingStore) Evidence(ctx context.Context, ids []string) (map[string][]graph.Evidence, error) {
	c.count("Evidence")
	return c.Store.Evidence(ctx, ids)
}
func (c *countingStore) Documents(ctx context.Context, ids []string) ([]graph.Document, error) {
	c.count("Documents")
	return c.Store.Documents(ctx, ids)
}
func (c *countingStore) Neighborhood(ctx context.Context, q graph.NeighborhoodQuery) (graph.Subgraph, error) {
	c.count("Neighborhood")
	return c.Store.Neighborhood(ctx, q)
}
func (c *countingStore) Claims(ctx context.Context, q graph.ClaimQuery) (graph.RelationshipPage, error) {
	c.count("Claims")
	return c.Store.Claims(ctx, q)
}
func (c *countingStore) ClaimEnds(ctx context.Context, q graph.ClaimEndsQuery) (graph.IDPage, error) {
	c.count("ClaimEnds")
	return c.Store.ClaimEnds(ctx, q)
}
func (c *countingStore) ClaimCounts(ctx context.Context, q graph.ClaimCountsQuery) (graph.ClaimCounts, error) {
	c.count("ClaimCounts")
	return c.Store.ClaimCounts(ctx, q)
}
func (c *countingStore) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	c.count("Paths")
	return c.Store.Paths(ctx, q)
}

// server serves the demo corpus through the real HTTP stack.
type server struct {
	url   string
	store *countingStore
}

// newServer serves the demo corpus, then the articles under extra (such as
// "../data/eval"), then the reference data, as `actorgraph load` would.
func newServer(t *testing.T, opts schema.Options, extra ...string) *server {
	t.Helper()
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	l, err := loader.New(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := l.LoadFS(ctx, data.Demo(), "data/demo"); err != nil || sum.Err() != nil {
		t.Fatalf("demo: %v %v", err, sum.Errors)
	}
	if len(extra) > 0 {
		if sum, err := l.LoadPaths(ctx, extra); err != nil || sum.Err() != nil {
			t.Fatalf("%v: %v %v", extra, err, sum.Errors)
		}
	}
	// As actorgraph serve and load do: the reference data after the articles.
	if _, err := l.LoadReference(ctx); err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Store: s, calls: map[string]int{}}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	opts.Store, opts.Logger = cs, logger
	api := schema.Handler(opts)
	h := httpserver.Handler(httpserver.Config{Store: cs, StoreName: "test", Logger: logger,
		Mount: func(mux *http.ServeMux) { mux.Handle("/graphql", api) }})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &server{url: ts.URL + "/graphql", store: cs}
}

// response is a GraphQL response as the client sees it.
type response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Raw []byte
}

func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func (s *server) post(t *testing.T, body []byte) response {
	t.Helper()
	resp, err := http.Post(s.url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("response is not JSON (%d): %s", resp.StatusCode, raw)
	}
	r.Status, r.Raw = resp.StatusCode, raw
	return r
}

func (s *server) query(t *testing.T, q string) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q})
	return s.post(t, body)
}

// answers lists, per question, what the response must contain: the answer
// and the sentence it came from.
var answers = map[string][]string{
	"01-who-blamed-whom":               {`"by":[{"name":"United States"}]`, `"blames":[{"name":"Russia"}]`, `"modality":"ALLEGED"`, "As the US pointed the finger at a resurgent Russia", `"title":"Russia blamed for cyber attack on US elections"`},
	"02-offender-doctrine":             {`{"name":"NATO"}`, `{"name":"Pentagon"}`, `{"name":"US House of Representatives"}`, "rallied behind what has become known as the “offender doctrine”", `"value":"passed"`, `"value":"approved"`},
	"03-ministerial-attendees":         {`"heldDuring":[{"name":"UN General Assembly, September 2018"}]`, `{"name":"Australia"}`, `{"name":"Estonia"}`, `{"name":"South Korea"}`, `{"name":"United Kingdom"}`, `{"name":"European Union"}`, "Officials from Australia, Chile", `"publisher":"Nikkei Asia"`},
	"04-john-sullivan":                 {`"title":"Deputy Secretary of State"`, `costs and consequences`, `It is not just Russia. It is not just China.`, `{"name":"North Korea"}`, `{"name":"Iran"}`, `{"name":"China"}`},
	"05-trump-accused":                 {`"type":"ACCUSED","to":{"name":"China"}`, `attempting to interfere in the upcoming U.S. midterm elections`, `UN Security Council meeting, 26 September 2018`, `We have evidence ... it didn't come out of nowhere`},
	"06-attributed-with-other-nations": {`"concerns":{"name":"WannaCry"}`, `"concerns":{"name":"NotPetya"}`, "blamed on foreign countries in collaboration with other nations"},
	"07-rob-strayer":                   {`"title":"Deputy Assistant Secretary for Cyber and International Communications"`, `"organization":{"name":"US State Department"}`, `they don’t enforce themselves`},
	"08-coalition-model":               {`"name":"Proliferation Security Initiative"`, `"date":"2002"`, `stop the spread of weapons of mass destruction`, `"modality":"ALLEGED"`},
	"09-china-reaction":                {`"type":"REACTED_TO"`, `"value":"reacted angrily"`, `"to":{"name":"offender doctrine"}`, `more cooperation between the US and the People’s Liberation Army`},
	"10-jim-mattis":                    {`"title":"Defence Secretary"`, `Russia is certainly the poster child`, `build trust and collaboration`},
	"11-washington-warned":             {`"to":{"name":"Russia"}`, `"to":{"name":"China"}`, `"to":{"name":"North Korea"}`, `Washington warns Russia, China and North Korea of consequences of attacks`},
	"12-estonia-to-russia":             {`"id":"country:EE"`, `"id":"event:cyber-ministerial-2018"`, `"id":"country:RU"`, `Officials from Australia, Chile`},
}

// TestQuestions asks the 12 questions of questions.md through the real HTTP
// server on the demo corpus, checks each answer and its evidence, and
// compares the whole response with its golden file. With -update it
// rewrites the golden files and docs/api.md from them.
func TestQuestions(t *testing.T) {
	s := newServer(t, schema.Options{})
	files, _ := filepath.Glob("testdata/questions/*.graphql")
	if len(files) != 12 {
		t.Fatalf("want 12 questions, found %d", len(files))
	}
	sort.Strings(files)
	var doc strings.Builder
	for _, f := range files {
		slug := strings.TrimSuffix(filepath.Base(f), ".graphql")
		q, _ := os.ReadFile(f)
		t.Run(slug, func(t *testing.T) {
			r := s.query(t, string(q))
			if r.Status != 200 || len(r.Errors) > 0 {
				t.Fatalf("status %d: %s", r.Status, r.Raw)
			}
			for _, want := range answers[slug] {
				if !strings.Contains(string(r.Data), want) {
					t.Errorf("answer lacks %s\n%s", want, r.Data)
				}
			}
			if len(answers[slug]) == 0 {
				t.Fatal("no expected answer listed")
			}
			doc.WriteString(goldenAnswer(t, f, string(q), r.Data))
		})
	}
	checkDocSection(t, "questions", doc.String())
}

// Hostile or oversized requests get a clear error with a stable code and
// the right HTTP status, and the server keeps answering ordinary queries.
func TestLimits(t *testing.T) {
	s := newServer(t, schema.Options{})
	deep := "id"
	for i := 0; i < 20; i++ {
		deep = "relations { edges { node { from { " + deep + " } } } }"
	}
	deep50 := "id"
	for i := 0; i < 50; i++ {
		deep50 = "relations { edges { node { from { " + deep50 + " } } } }"
	}
	var aliases, aliases1000 strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&aliases, "a%d: node(id: \"country:US\") { name } ", i)
	}
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&aliases1000, "a%d: stats { nodes } ", i)
	}
	directives := "{ stats " + strings.Repeat("@a ", 100_000) + "{ nodes } }"
	for _, tc := range []struct {
		name   string
		body   []byte
		status int
		code   string
		msg    string
	}{
		{"nested 20 deep", jsonQuery(`{ node(id: "country:US") { ` + deep + ` } }`), 200, "LIMIT_EXCEEDED", "levels deep"},
		{"500 aliases", jsonQuery("{ " + aliases.String() + "}"), 200, "LIMIT_EXCEEDED", "fields"},
		{"nested 50 deep", jsonQuery(`{ node(id: "country:US") { ` + deep50 + ` } }`), 200, "LIMIT_EXCEEDED", "levels deep"},
		{"1000 aliases", jsonQuery("{ " + aliases1000.String() + "}"), 200, "LIMIT_EXCEEDED", "fields"},
		{"first 1000000", jsonQuery(`{ entities(first: 1000000) { totalCount } }`), 200, "LIMIT_EXCEEDED", "complexity"},
		{"100000 repeated directives", jsonQuery(directives), 200, "LIMIT_EXCEEDED", "token limit"},
		{"50 MB body", bytes.Repeat([]byte("a"), 50<<20), 413, "LIMIT_EXCEEDED", "at most 1048576"},
		{"first 100000", jsonQuery(`{ search(query: "Russia", first: 100000) { score } }`), 200, "LIMIT_EXCEEDED", ""},
		{"first 101 on a cheap field", jsonQuery(`{ entities(first: 101) { totalCount } }`), 200, "LIMIT_EXCEEDED", "at most 100"},
		{"10 MB body", bytes.Repeat([]byte("a"), 10<<20), 413, "LIMIT_EXCEEDED", "at most 1048576"},
		{"JSON array batch", []byte(`[{"query":"{ stats { nodes } }"}]`), 400, "BAD_INPUT", "batches are not supported"},
		{"misspelt field", jsonQuery(`{ serach(query: "x") { score } }`), 200, "BAD_INPUT", `Cannot query field "serach"`},
		{"bad date", jsonQuery(`{ neighborhood(ids: ["country:US"], since: "last week") { truncated } }`), 200, "BAD_INPUT", "YYYY"},
		{"depth 4", jsonQuery(`{ neighborhood(ids: ["country:US"], depth: 4) { truncated } }`), 200, "LIMIT_EXCEEDED", "depth may be at most 3"},
		{"maxHops 7", jsonQuery(`{ paths(from: "country:EE", to: "country:RU", maxHops: 7) { nodes { id } } }`), 200, "LIMIT_EXCEEDED", "maxHops"},
		{"unknown seed", jsonQuery(`{ neighborhood(ids: ["country:US", "country:XX"]) { truncated } }`), 200, "NOT_FOUND", `no node "country:XX"`},
		{"unknown excluded node", jsonQuery(`{ paths(from: "country:EE", to: "country:RU", exclude: ["person:nobody"]) { nodes { id } } }`), 200, "NOT_FOUND", `no node "person:nobody"`},
		{"unknown path end", jsonQuery(`{ paths(from: "country:EE", to: "person:nobody") { nodes { id } } }`), 200, "NOT_FOUND", `no node "person:nobody"`},
		{"bad cursor", jsonQuery(`{ entities(after: "%%%") { totalCount } }`), 200, "BAD_INPUT", "cursor"},
		{"syntax error", jsonQuery(`{ stats { nodes `), 200, "BAD_INPUT", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.post(t, tc.body)
			msg := ""
			if len(r.Errors) > 0 {
				msg = r.Errors[0].Message
			}
			if r.Status != tc.status || r.code() != tc.code || !strings.Contains(msg, tc.msg) {
				t.Fatalf("got %d %s: %s\nwant %d %s containing %q", r.Status, r.code(), clip(r.Raw), tc.status, tc.code, tc.msg)
			}
			for _, leak := range []string{"did you mean", "Did you mean", "goroutine", "sqlite", "SQL", ".go:", "/tmp/"} {
				if strings.Contains(string(r.Raw), leak) {
					t.Fatalf("response leaks %q: %s", leak, clip(r.Raw))
				}
			}
			if ok := s.query(t, `{ stats { nodes } }`); ok.Status != 200 || len(ok.Errors) > 0 {
				t.Fatalf("the next ordinary query failed: %s", ok.Raw)
			}
			// Memory stays bounded: what a refused request made is garbage.
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > 400<<20 {
				t.Fatalf("heap holds %d MiB after %s", ms.HeapAlloc>>20, tc.name)
			}
		})
	}
}

func jsonQuery(q string) []byte {
	b, _ := json.Marshal(map[string]string{"query": q})
	return b
}

func clip(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

// A resolver panic is an INTERNAL error without a stack, and the server
// goes on.
func TestPanicBecomesInternal(t *testing.T) {
	var armed sync.Once
	s := newServer(t, schema.Options{PanicHook: func(ctx context.Context) {
		armed.Do(func() { panic("boom: /secret/path/store.go:12") })
	}})
	r := s.query(t, `{ stats { nodes } }`)
	if r.code() != "INTERNAL" || strings.Contains(string(r.Raw), "boom") || strings.Contains(string(r.Raw), "secret") {
		t.Fatalf("panic response: %s", r.Raw)
	}
	if ok := s.query(t, `{ stats { nodes } }`); len(ok.Errors) > 0 {
		t.Fatalf("after a panic: %s", ok.Raw)
	}
}

// Introspection is on by default and exempt from the depth limit of 12,
// so the standard introspection query (15 deep) of GraphiQL, codegen and
// graphql-inspector works; it is still bounded, and --no-introspection
// turns it off. A browser asking /graphql for a page goes to /graphiql/.
func TestIntrospectionAndGraphiQL(t *testing.T) {
	s := newServer(t, schema.Options{})
	std, err := os.ReadFile("testdata/introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	r := s.query(t, string(std))
	if r.Status != 200 || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"name":"claimCounts"`) {
		t.Fatalf("the standard introspection query: %d %s", r.Status, clip(r.Raw))
	}
	deep := "name"
	for i := 0; i < 40; i++ {
		deep = "ofType { " + deep + " }"
	}
	if r := s.query(t, `{ __type(name: "Relation") { fields { type { `+deep+` } } } }`); r.code() != "LIMIT_EXCEEDED" {
		t.Fatalf("an introspection query 44 deep: %s", clip(r.Raw))
	}
	// An ordinary query is held to 12 levels even when it also introspects.
	nested := "id"
	for i := 0; i < 4; i++ {
		nested = "relations { edges { node { from { " + nested + " } } } }"
	}
	if r := s.query(t, `{ __typename node(id: "country:US") { `+nested+` } }`); r.code() != "LIMIT_EXCEEDED" {
		t.Fatalf("a deep query beside __typename: %s", clip(r.Raw))
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("GET", s.url, nil)
	req.Header.Set("Accept", "text/html")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/graphiql/" {
		t.Fatalf("a browser at /graphql: %d %q, want 302 to /graphiql/", resp.StatusCode, resp.Header.Get("Location"))
	}

	off := newServer(t, schema.Options{NoIntrospection: true})
	if r := off.query(t, `{ __schema { types { name } } }`); r.code() != "BAD_INPUT" || !strings.Contains(r.Errors[0].Message, "--no-introspection") {
		t.Fatalf("introspection with NoIntrospection: %s", r.Raw)
	}
	req, _ = http.NewRequest("GET", off.url, nil)
	req.Header.Set("Accept", "text/html")
	resp, _ = client.Do(req)
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("GraphiQL with NoIntrospection: %d", resp.StatusCode)
	}
}

func TestGETServesQueriesOnly(t *testing.T) {
	s := newServer(t, schema.Options{})
	resp, err := http.Get(s.url + "?query=" + "%7Bstats%7Bnodes%7D%7D")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"nodes":`) {
		t.Fatalf("GET query: %d %s", resp.StatusCode, body)
	}
	req, _ := http.NewRequest("DELETE", s.url, nil)
	resp, _ = http.DefaultClient.Do(req)
	resp.Body.Close()
	if resp.StatusCode != 405 {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
}

// The store round trips of a request grow with the depth of the query, not
// with the number of results: 5 countries or 40, the same number of calls.
func TestStoreCallsBoundedByDepth(t *testing.T) {
	// A generous gathering window, so that a busy test machine cannot split
	// one level of the query into two batches.
	s := newServer(t, schema.Options{LoaderWait: 50 * time.Millisecond})
	q := func(n int) int {
		s.store.reset()
		r := s.query(t, fmt.Sprintf(`{ entities(kind: COUNTRY, first: %d) { edges { node { name
			relations(first: 3) { totalCount edges { node { type to { name } evidence { quote document { title } } } } }
			... on Country { memberships { to { name } } } } } } }`, n))
		if len(r.Errors) > 0 {
			t.Fatalf("%s", r.Raw)
		}
		var got struct {
			Entities struct{ Edges []any } `json:"entities"`
		}
		json.Unmarshal(r.Data, &got)
		if len(got.Entities.Edges) != n {
			t.Fatalf("asked %d countries, got %d", n, len(got.Entities.Edges))
		}
		return s.store.total()
	}
	few, many := q(5), q(20)
	if few != many || many > 8 {
		t.Fatalf("store calls: %d for 5 countries, %d for 20 (want equal and at most 8): %v", few, many, s.store.calls)
	}
	// Attributions with every typed field: also bounded.
	s.store.reset()
	r := s.query(t, `{ attributions { nodes { by { name } blames { name } concerns { name } backedBy { name } evidence { quote document { title } } } } }`)
	if len(r.Errors) > 0 || s.store.total() > 8 {
		t.Fatalf("attributions: %d calls %v %s", s.store.total(), s.store.calls, r.Errors)
	}
}

// A neighbourhood or a path holds the nodes its relations join: asking for
// the relations' from and to (and for typed fields of those nodes' ends)
// costs no store call beyond the one that found them. Before, from and to
// went through the node loader: a second call and a loader window per
// response.
func TestRelationEndsFromTheSubgraph(t *testing.T) {
	// A long window: an end loaded through the loader would also show as a
	// slow response, not only as a call.
	s := newServer(t, schema.Options{LoaderWait: time.Second})
	for _, c := range []struct{ name, query, call string }{
		{"neighborhood", `{ neighborhood(ids: ["country:RU"], depth: 2) { nodes { id } relations { id from { id name kind } to { id name ... on Country { code } } } } }`, "Neighborhood"},
		{"paths", `{ paths(from: "country:EE", to: "country:RU", maxHops: 4, first: 3) { nodes { id } relations { from { name } to { name } } } }`, "Paths"},
	} {
		s.store.reset()
		start := time.Now()
		r := s.query(t, c.query)
		if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"from":{`) {
			t.Fatalf("%s: %s", c.name, r.Raw)
		}
		if s.store.total() != 1 || s.store.calls[c.call] != 1 {
			t.Errorf("%s: store calls %v, want only one %s", c.name, s.store.calls, c.call)
		}
		if d := time.Since(start); d > 900*time.Millisecond {
			t.Errorf("%s took %v: something waited for the loader window", c.name, d)
		}
	}
	// The ends of claims that came without their nodes (a page of a node's
	// relations) are still found, in one batch for the whole page.
	s.store.reset()
	r := s.query(t, `{ node(id: "country:RU") { relations(first: 20) { edges { node { from { id } to { id } } } } } }`)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"to":{"id":`) {
		t.Fatalf("relations page: %s", r.Raw)
	}
	if s.store.calls["Nodes"] != 2 { // the node itself, then every end of the page at once
		t.Errorf("relations page: store calls %v, want 2 Nodes", s.store.calls)
	}
}

// The benchmark's attributions question costs what a hand-written handler
// spends (bench/server.go, plainAttributions: six calls): the by, blames and
// backedBy claims of all attributions in one read, not one per type. And it
// waits for no loader window: the root resolver reads what the query will
// ask of its attributions and primes the loaders (schema/prefetch.go).
func TestAttributionsStoreCalls(t *testing.T) {
	// A window so long that waiting for it would show.
	s := newServer(t, schema.Options{LoaderWait: time.Second})
	start := time.Now()
	r := s.query(t, `{ attributions(operation: "op:us-midterms-2018-attack") { nodes { id name modality
		by { id name } blames { id name } backedBy { id name } evidence { quote start end document { id title } } } } }`)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"blames":[{`) || !strings.Contains(string(r.Data), `"document":{"id":`) {
		t.Fatalf("%s", r.Raw)
	}
	// One ClaimEnds call narrows to the operation's attributions (a page
	// of ids and their total), one Relationships call reads their typed
	// fields.
	if s.store.total() != 6 || s.store.calls["ClaimEnds"] != 1 || s.store.calls["Relationships"] != 1 {
		t.Errorf("store calls %v, want 6: 1 ClaimEnds, 1 Relationships, 2 Nodes, 1 Evidence, 1 Documents", s.store.calls)
	}
	if d := time.Since(start); d > 900*time.Millisecond {
		t.Errorf("took %v: a resolver waited for the loader window", d)
	}
}

// The lists of neighbourhoods and paths are written by a fast path
// (schema/fastlist.go) when their selections allow, and plain answers are
// written without json.Marshal (schema/fastwrite.go); the bytes must be
// gqlgen's own, whatever the selection: fragments, aliases, repeated
// fields, directives, __typename, every plain field of every node type,
// and selections it hands back to the generated code.
func TestFastListsMatchGenerated(t *testing.T) {
	fast := newServer(t, schema.Options{})
	slow := newServer(t, schema.Options{NoFastPaths: true})
	// The journalist's questions: quotes with every kind of character.
	files, _ := filepath.Glob("testdata/questions/*.graphql")
	for _, f := range files {
		q, _ := os.ReadFile(f)
		body, _ := json.Marshal(map[string]any{"query": string(q)})
		if a, b := fast.post(t, body), slow.post(t, body); !bytes.Equal(a.Raw, b.Raw) {
			t.Errorf("%s: fast and generated answers differ:\n%s\n%s", f, clip(a.Raw), clip(b.Raw))
		}
	}
	allNode := `__typename id kind name aliases source
		... on Country { code } ... on Organization { organizationKind } ... on CyberOperation { date }
		... on Event { date location } ... on Doctrine { doctrineKind description date }
		... on Statement { text date } ... on Attribution { date modality basis }`
	allRel := `__typename id type confidence method modality date published properties { __typename key value }`
	for _, q := range []string{
		`{ neighborhood(ids: ["country:RU", "person:john-sullivan"], depth: 2) { nodes { ` + allNode + ` } relations { ` + allRel + ` from { ` + allNode + ` } to { ` + allNode + ` } } truncated } }`,
		`query N($id: ID!) { neighborhood(ids: [$id], depth: 2, first: 100, perNode: 25) { nodes { id kind name } relations { id type confidence from { id } to { id } } truncated } }`,
		`fragment R on Relation { t: type type id } { neighborhood(ids: ["country:US"], depth: 1) {
			a: nodes { x: id id name @include(if: false) kind @skip(if: true) ...on Node { name } }
			b: relations { ...R from { __typename ...on Person { name } } to { id } id } } }`,
		`{ neighborhood(ids: ["person:john-sullivan"], depth: 1) { nodes { id ... on Person { roles { title } } } relations { id evidence { quote } } } }`,
		`{ paths(from: "country:EE", to: "country:RU", maxHops: 4, first: 3) { nodes { ` + allNode + ` } relations { ` + allRel + ` from { name } to { name } } } }`,
		`{ neighborhood(ids: ["country:RU"]) { relations { id from { id ... @defer { name } } } } }`,
		// Answers with errors (written by the transport as they were).
		`{ entities(first: 1000) { totalCount } }`,
		`{ node(id: "country:RU") { name } nodes(ids: ["x"]) { id } entities(first: -1) { totalCount } }`,
	} {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]string{"id": "country:RU"}})
		a, b := fast.post(t, body), slow.post(t, body)
		if !bytes.Contains(a.Raw, []byte(`"data"`)) {
			t.Fatalf("%s\n%s", q, a.Raw)
		}
		if !bytes.Equal(a.Raw, b.Raw) || a.Status != b.Status {
			i := 0
			for i < len(a.Raw) && i < len(b.Raw) && a.Raw[i] == b.Raw[i] {
				i++
			}
			from := max(0, i-150)
			t.Errorf("%s\nfirst difference at byte %d:\nfast:      ...%s\ngenerated: ...%s", q, i, clip(a.Raw[from:]), clip(b.Raw[from:]))
		}
	}
}

// Cursor pagination through entities visits every country exactly once.
func TestEntitiesPagination(t *testing.T) {
	s := newServer(t, schema.Options{})
	seen := map[string]bool{}
	after := ""
	total := -1
	for page := 0; page < 20; page++ {
		arg := ""
		if after != "" {
			arg = fmt.Sprintf(`, after: %q`, after)
		}
		r := s.query(t, fmt.Sprintf(`{ entities(kind: COUNTRY, first: 7%s) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, arg))
		var got struct {
			Entities struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
			}
		}
		if err := json.Unmarshal(r.Data, &got); err != nil || len(r.Errors) > 0 {
			t.Fatalf("%s", r.Raw)
		}
		total = got.Entities.TotalCount
		for _, e := range got.Entities.Edges {
			if seen[e.Node.ID] {
				t.Fatalf("%s seen twice", e.Node.ID)
			}
			seen[e.Node.ID] = true
		}
		if !got.Entities.PageInfo.HasNextPage {
			break
		}
		after = got.Entities.PageInfo.EndCursor
	}
	if len(seen) != total || total < 20 {
		t.Fatalf("saw %d of %d countries", len(seen), total)
	}
}

// The GraphQL over HTTP specification: the media type the client accepts,
// the status codes each prescribes, and extensions.code on every error,
// the transport's own included.
func TestGraphQLOverHTTP(t *testing.T) {
	s := newServer(t, schema.Options{})
	do := func(method, contentType, accept, body string) (int, string, response) {
		t.Helper()
		url := s.url
		var rd io.Reader
		if method == "GET" {
			url += "?query=" + body
		} else {
			rd = strings.NewReader(body)
		}
		req, _ := http.NewRequest(method, url, rd)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var r response
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("%s %s: not JSON (%d): %s", method, body, resp.StatusCode, raw)
		}
		r.Raw = raw
		for _, e := range r.Errors {
			if c, _ := e.Extensions["code"].(string); c == "" {
				t.Errorf("%s %s: an error without extensions.code: %s", method, body, raw)
			}
		}
		return resp.StatusCode, resp.Header.Get("Content-Type"), r
	}
	const gqlResp, appJSON = "application/graphql-response+json", "application/json"
	q := func(query string) string { return string(jsonQuery(query)) }
	for _, c := range []struct {
		name, method, contentType, accept, body string
		status                                  int
		mediaType, code                         string
	}{
		{"a query, graphql-response+json", "POST", appJSON, gqlResp, q(`{ stats { documents } }`), 200, gqlResp, ""},
		{"a query, json", "POST", appJSON, appJSON, q(`{ stats { documents } }`), 200, appJSON, ""},
		{"no Accept: json", "POST", appJSON, "", q(`{ stats { documents } }`), 200, appJSON, ""},
		{"a validation error, graphql-response+json", "POST", appJSON, gqlResp, q(`{ serach { x } }`), 400, gqlResp, "BAD_INPUT"},
		{"a validation error, json", "POST", appJSON, appJSON, q(`{ serach { x } }`), 200, appJSON, "BAD_INPUT"},
		{"a syntax error, graphql-response+json", "POST", appJSON, gqlResp, q(`{ stats {`), 400, gqlResp, "BAD_INPUT"},
		{"a limit checked before running, graphql-response+json", "POST", appJSON, gqlResp, q(`{ node(id: "country:US") { ` + strings.Repeat("relations { edges { node { from { ", 4) + "id" + strings.Repeat(" } } } }", 4) + ` } }`), 400, gqlResp, "LIMIT_EXCEEDED"},
		{"an error while running, graphql-response+json", "POST", appJSON, gqlResp, q(`{ claims(where: {from: ["country:ZZ"]}) { totalCount } }`), 200, gqlResp, "NOT_FOUND"},
		{"a GET query, graphql-response+json", "GET", "", gqlResp, "%7Bstats%7Bdocuments%7D%7D", 200, gqlResp, ""},
		{"a body that is not JSON", "POST", appJSON, gqlResp, `{"query": `, 400, "", "BAD_INPUT"},
		{"a body of another media type", "POST", "text/plain", "", q(`{ stats { documents } }`), 415, "", "BAD_INPUT"},
		{"a form", "POST", "application/x-www-form-urlencoded", "", "query=%7Bstats%7D", 415, "", "BAD_INPUT"},
		{"an Accept the server cannot meet", "POST", appJSON, "text/plain", q(`{ stats { documents } }`), 406, "", "BAD_INPUT"},
		{"no query", "POST", appJSON, gqlResp, `{}`, 400, "", "BAD_INPUT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, ct, r := do(c.method, c.contentType, c.accept, c.body)
			if status != c.status {
				t.Errorf("status %d, want %d: %s", status, c.status, clip(r.Raw))
			}
			if c.mediaType != "" && !strings.HasPrefix(ct, c.mediaType) {
				t.Errorf("Content-Type %q, want %s", ct, c.mediaType)
			}
			if r.code() != c.code {
				t.Errorf("code %q, want %q: %s", r.code(), c.code, clip(r.Raw))
			}
		})
	}
}

// The complexity limit admits a page of 100 nodes with 5 claims each, with
// their ends and evidence, and refuses 100 claims each; the costs are the
// ones docs/api.md gives.
func TestComplexityCalibration(t *testing.T) {
	s := newServer(t, schema.Options{})
	page := func(perNode int) string {
		return fmt.Sprintf(`{ entities(first: 100) { totalCount edges { cursor node { id name kind
			relations(first: %d) { totalCount edges { cursor node { id type confidence from { id name } to { id name }
				evidence { quote start end document { id title publisher } } } } } } } } }`, perNode)
	}
	if r := s.query(t, page(5)); r.Status != 200 || len(r.Errors) > 0 {
		t.Fatalf("100 nodes with 5 claims each: %s", clip(r.Raw))
	}
	r := s.query(t, page(100))
	if r.code() != "LIMIT_EXCEEDED" || !strings.Contains(r.Errors[0].Message, "complexity 2") {
		t.Fatalf("100 nodes with 100 claims each: %s", clip(r.Raw))
	}
}
