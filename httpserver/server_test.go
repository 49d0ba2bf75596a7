package httpserver

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// statsStore answers Stats; nothing else is called by these routes.
type statsStore struct{ graph.Store }

func (statsStore) Stats(context.Context) (graph.Stats, error) {
	return graph.Stats{Nodes: map[graph.NodeKind]int{graph.KindCountry: 3}}, nil
}

func serve(t *testing.T, cfg Config) *httptest.Server {
	cfg.Store = statsStore{}
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Mount = func(mux *http.ServeMux) {
		mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"data":{}}`) })
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>ui</html>") })
	}
	ts := httptest.NewServer(Handler(cfg))
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestTokenRequired(t *testing.T) {
	ts := serve(t, Config{Token: "s3cret"})
	for _, tc := range []struct {
		name, path, auth string
		status           int
		body             string
	}{
		{"no token", "/graphql", "", 401, "UNAUTHENTICATED"},
		{"wrong token", "/graphql", "Bearer nope", 401, "UNAUTHENTICATED"},
		{"token as basic", "/graphql", "Basic s3cret", 401, "UNAUTHENTICATED"},
		{"right token", "/graphql", "Bearer s3cret", 200, `"data"`},
		{"healthz without token says only ok", "/healthz", "", 200, `{"status":"ok"}`},
		{"healthz with token has counts", "/healthz", "Bearer s3cret", 200, `"nodes":3`},
		{"the UI page loads so it can ask for the token", "/", "", 200, "<html>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", ts.URL+tc.path, nil)
			if tc.auth != "" {
				req.Header.Set("Authorization", tc.auth)
			}
			resp, body := get(t, req)
			if resp.StatusCode != tc.status || !strings.Contains(body, tc.body) {
				t.Fatalf("%d %s", resp.StatusCode, body)
			}
			if tc.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	// POST to the API without the token is refused too.
	resp, err := http.Post(ts.URL+"/graphql", "application/json", strings.NewReader(`{"query":"{ stats { nodes } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("POST without token: %d", resp.StatusCode)
	}
}

func TestCORS(t *testing.T) {
	preflight := func(ts *httptest.Server, origin string) *http.Response {
		req, _ := http.NewRequest("OPTIONS", ts.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, _ := get(t, req)
		return resp
	}
	closed := serve(t, Config{})
	if h := preflight(closed, "https://evil.example").Header.Get("Access-Control-Allow-Origin"); h != "" {
		t.Fatalf("CORS allowed by default: %q", h)
	}
	open := serve(t, Config{CORSOrigins: []string{"https://newsroom.example"}})
	if h := preflight(open, "https://newsroom.example").Header.Get("Access-Control-Allow-Origin"); h != "https://newsroom.example" {
		t.Fatalf("allowed origin refused: %q", h)
	}
	if h := preflight(open, "https://evil.example").Header.Get("Access-Control-Allow-Origin"); h != "" {
		t.Fatalf("other origin allowed: %q", h)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := serve(t, Config{})
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	resp, _ := get(t, req)
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Fatalf("CSP %q lacks %q", csp, want)
		}
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatal("no nosniff")
	}
}
