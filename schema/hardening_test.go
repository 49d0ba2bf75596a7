package schema_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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
