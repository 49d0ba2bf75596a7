package schema

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/actorgraph/actorgraph/graph"
)

// subgraphStore answers Neighborhood with a fixed subgraph; the other
// reads find nothing.
type subgraphStore struct {
	graph.Store
	sub graph.Subgraph
}

func (s subgraphStore) Neighborhood(context.Context, graph.NeighborhoodQuery) (graph.Subgraph, error) {
	return s.sub, nil
}
func (s subgraphStore) Nodes(context.Context, []string) ([]graph.Node, error) { return nil, nil }
func (s subgraphStore) Relationships(context.Context, graph.RelationshipsQuery) (graph.RelationshipPage, error) {
	return graph.RelationshipPage{}, nil
}

// The fast path is taken for the selections it can write, and handed back
// for the others. (api_test.go checks that both write the same bytes.)
func TestFastListsTaken(t *testing.T) {
	st := subgraphStore{sub: graph.Subgraph{
		Nodes: []graph.Node{{ID: "country:RU", Kind: graph.KindCountry, Name: "Russia"},
			{ID: "person:a", Kind: graph.KindPerson, Name: "A \"quoted\"\n name", Aliases: []string{"a"}}},
		Relationships: []graph.Relationship{{ID: "r1", Type: graph.RelType("CITIZEN_OF"), From: "person:a", To: "country:RU", Confidence: 0.5,
			Date: "2018", Props: map[string]string{"of": "x"}}},
	}}
	h := Handler(Options{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ask := func(q string) (string, int64) {
		before := fastListsWritten.Load()
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":`+strconv.Quote(q)+`}`))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Body.String(), fastListsWritten.Load() - before
	}
	spliced := splicedAnswers.Load()
	body, n := ask(`{ neighborhood(ids: ["country:RU"]) { nodes { id name aliases ... on Country { code } } relations { id type date confidence properties { key value } from { id name } to { ... on Country { code } } } } }`)
	want := `{"data":{"neighborhood":{"nodes":[{"id":"country:RU","name":"Russia","aliases":[],"code":"RU"},{"id":"person:a","name":"A \"quoted\"\n name","aliases":["a"]}],` +
		`"relations":[{"id":"r1","type":"CITIZEN_OF","date":"2018","confidence":0.5,"properties":[{"key":"of","value":"x"}],"from":{"id":"person:a","name":"A \"quoted\"\n name"},"to":{"code":"RU"}}]}}}`
	if body != want || n != 2 {
		t.Errorf("fast lists: %d written\n got %s\nwant %s", n, body, want)
	}
	if splicedAnswers.Load() != spliced+1 {
		t.Errorf("the plain answer was not spliced into the transport's output (fastwrite.go): gqlgen now writes responses differently")
	}
	// A node's memberships is a resolver: the nodes go back to gqlgen, the
	// relations still take the fast path.
	body, n = ask(`{ neighborhood(ids: ["country:RU"]) { nodes { id ... on Country { memberships { id } } } relations { id } } }`)
	if !strings.Contains(body, `"memberships":[]`) || n != 1 {
		t.Errorf("fallback: %d written, %s", n, body)
	}
}

// When the transport does not write the placeholder answer it was given,
// the writer writes the original response, marshalled.
func TestSpliceWriterFallsBack(t *testing.T) {
	for _, write := range []string{`{"data":0}`, `{"data":0}` + "\n", `{"other":1}`} {
		rec := httptest.NewRecorder()
		ctx, w := withSplice(context.Background(), rec)
		stand := spliceResponses(ctx, func(context.Context) *graphql.Response {
			return &graphql.Response{Data: []byte(`{"a":"b"}`)}
		})
		if string(stand.Data) != "0" {
			t.Fatalf("no placeholder: %s", stand.Data)
		}
		w.Write([]byte(write))
		if got := rec.Body.String(); got != `{"data":{"a":"b"}}` {
			t.Errorf("after %q the writer wrote %s", write, got)
		}
	}
	// Data json.Marshal would escape is left alone.
	for _, data := range []string{`{"a":"<b>"}`, `{"a":"b&c"}`, "{\"a\":\"line\u2028sep\"}"} {
		ctx, _ := withSplice(context.Background(), httptest.NewRecorder())
		resp := spliceResponses(ctx, func(context.Context) *graphql.Response {
			return &graphql.Response{Data: []byte(data)}
		})
		if string(resp.Data) != data {
			t.Errorf("escapable data stood in for: %s", resp.Data)
		}
	}
}
