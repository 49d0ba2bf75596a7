package httpserver_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/httpserver"
)

// investigationServer serves /api/investigations on a real SQLite store,
// behind a token as `actorgraph serve --token` does.
func investigationServer(t *testing.T, readOnly bool) *httptest.Server {
	return investigationServerAllowing(t, readOnly, func(*http.Request) (bool, string) { return true, "" })
}

func investigationServerAllowing(t *testing.T, readOnly bool, allowed func(*http.Request) (bool, string)) *httptest.Server {
	t.Helper()
	s, err := sqlitestore.Open(context.Background(), filepath.Join(t.TempDir(), "inv.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var inv graph.InvestigationStore = s
	if readOnly {
		inv = graph.ReadOnlyInvestigations(s, "this server is read-only (--read-only)")
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := httpserver.Handler(httpserver.Config{Store: s, Logger: logger, Token: "tok",
		Mount: func(mux *http.ServeMux) { httpserver.MountInvestigations(mux, inv, logger, allowed) }})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func call(t *testing.T, ts *httptest.Server, method, path, contentType, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer tok")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, out
}

func TestInvestigationsSaveListOpen(t *testing.T) {
	ts := investigationServer(t, false)
	const js = "application/json"
	status, saved := call(t, ts, "POST", "/api/investigations", js, `{"name":"Estonia to Russia","note":"check the ministerial","view":"n=country:EE&xy=1_2"}`)
	if status != http.StatusCreated || !graph.ValidInvestigationID(saved["id"].(string)) {
		t.Fatalf("save: %d %v", status, saved)
	}
	id := saved["id"].(string)
	status, got := call(t, ts, "GET", "/api/investigations/"+id, "", "")
	if status != 200 || got["name"] != "Estonia to Russia" || got["view"] != "n=country:EE&xy=1_2" || got["note"] != "check the ministerial" {
		t.Fatalf("open: %d %v", status, got)
	}
	status, upd := call(t, ts, "POST", "/api/investigations", "application/json; charset=utf-8", `{"id":"`+id+`","name":"renamed","view":"n=country:RU"}`)
	if status != 200 || upd["name"] != "renamed" || upd["created"] != saved["created"] {
		t.Fatalf("update: %d %v", status, upd)
	}
	status, list := call(t, ts, "GET", "/api/investigations?limit=5", "", "")
	items := list["investigations"].([]any)
	if status != 200 || len(items) != 1 || items[0].(map[string]any)["view"] != "n=country:RU" {
		t.Fatalf("list: %d %v", status, list)
	}

	for _, tc := range []struct {
		name, method, path, ctype, body string
		status                          int
		code                            string
	}{
		{"no name", "POST", "/api/investigations", js, `{"name":"  ","view":"n=a"}`, 400, "invalid"},
		{"unknown field", "POST", "/api/investigations", js, `{"name":"x","owner":"me"}`, 400, "invalid"},
		{"not JSON", "POST", "/api/investigations", js, `name=x`, 400, "invalid"},
		{"a form post from another site", "POST", "/api/investigations", "application/x-www-form-urlencoded", `{"name":"x"}`, 400, "invalid"},
		{"too large", "POST", "/api/investigations", js, `{"name":"x","view":"` + strings.Repeat("a", 300_000) + `"}`, 413, "limit_exceeded"},
		{"unknown id", "GET", "/api/investigations/inv:00000000000000aa", "", "", 404, "not_found"},
		{"update of an unknown id", "POST", "/api/investigations", js, `{"id":"inv:00000000000000aa","name":"x"}`, 404, "not_found"},
		{"bad limit", "GET", "/api/investigations?limit=-3", "", "", 400, "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, out := call(t, ts, tc.method, tc.path, tc.ctype, tc.body)
			e, _ := out["error"].(map[string]any)
			if status != tc.status || e == nil || e["code"] != tc.code {
				t.Errorf("%d %v; want %d %s", status, out, tc.status, tc.code)
			}
		})
	}
}

func TestInvestigationsNeedTheToken(t *testing.T) {
	ts := investigationServer(t, false)
	resp, err := http.Get(ts.URL + "/api/investigations")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without the token: %d; want 401", resp.StatusCode)
	}
}

func TestInvestigationsSaveNeedsAnEditor(t *testing.T) {
	ts := investigationServerAllowing(t, false, func(*http.Request) (bool, string) { return false, "readers may not change anything" })
	status, out := call(t, ts, "POST", "/api/investigations", "application/json", `{"name":"x","view":"n=a"}`)
	if status != http.StatusForbidden || out["error"].(map[string]any)["message"] != "readers may not change anything" {
		t.Errorf("save by a reader: %d %v", status, out)
	}
}

func TestInvestigationsReadOnly(t *testing.T) {
	ts := investigationServer(t, true)
	status, out := call(t, ts, "POST", "/api/investigations", "application/json", `{"name":"x","view":"n=a"}`)
	if status != 400 || !strings.Contains(out["error"].(map[string]any)["message"].(string), "read-only") {
		t.Errorf("save on a read-only server: %d %v", status, out)
	}
	if status, out := call(t, ts, "GET", "/api/investigations", "", ""); status != 200 || len(out["investigations"].([]any)) != 0 {
		t.Errorf("list on a read-only server: %d %v", status, out)
	}
}
