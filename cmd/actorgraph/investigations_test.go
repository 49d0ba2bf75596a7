package main

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// invCall sends one request to /api/investigations as the holder of token.
func invCall(t *testing.T, base, token, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: the answer is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, out
}

// listed returns the names of the investigations token's holder lists, and
// which of them the server says are theirs.
func listed(t *testing.T, base, token string) (names []string, mine []string) {
	t.Helper()
	status, out := invCall(t, base, token, "GET", "/api/investigations", "")
	if status != 200 {
		t.Fatalf("list: %d %v", status, out)
	}
	for _, x := range out["investigations"].([]any) {
		m := x.(map[string]any)
		names = append(names, m["name"].(string))
		if m["mine"] == true {
			mine = append(mine, m["name"].(string))
		}
	}
	return names, mine
}

// Saved investigations belong to their author, through the real binary and
// server with named tokens: two editors and a reader.
func TestInvestigationsBelongToTheirAuthor(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	tok := map[string]string{}
	for _, who := range []struct{ name, role string }{{"alice", "editor"}, {"bob", "editor"}, {"rita", "reader"}} {
		out, stderr, code := runBin(t, nil, "token", "add", who.name, "--role", who.role, "--db", db)
		if code != 0 {
			t.Fatalf("token add %s: %s", who.name, stderr)
		}
		tok[who.name] = strings.TrimSpace(out)
	}
	base, _, _ := startServe(t, "--db", db, "--no-demo")

	status, private := invCall(t, base, tok["alice"], "POST", "/api/investigations", `{"name":"alice private","view":"n=country:EE"}`)
	if status != 201 || private["author"] != "alice" || private["shared"] != false || private["mine"] != true {
		t.Fatalf("alice saves: %d %v", status, private)
	}
	status, shared := invCall(t, base, tok["alice"], "POST", "/api/investigations", `{"name":"alice shared","view":"n=country:RU","shared":true}`)
	if status != 201 || shared["shared"] != true {
		t.Fatalf("alice saves a shared one: %d %v", status, shared)
	}
	time.Sleep(5 * time.Millisecond)
	if status, out := invCall(t, base, tok["bob"], "POST", "/api/investigations", `{"name":"bob private","view":"n=country:US"}`); status != 201 || out["author"] != "bob" {
		t.Fatalf("bob saves: %d %v", status, out)
	}
	privID, sharedID := private["id"].(string), shared["id"].(string)

	// Each lists their own and the shared ones; "mine" marks their own.
	if names, mine := listed(t, base, tok["alice"]); strings.Join(names, "|") != "alice shared|alice private" || len(mine) != 2 {
		t.Errorf("alice lists %v (hers: %v)", names, mine)
	}
	if names, mine := listed(t, base, tok["bob"]); strings.Join(names, "|") != "bob private|alice shared" || strings.Join(mine, "|") != "bob private" {
		t.Errorf("bob lists %v (his: %v)", names, mine)
	}
	if names, mine := listed(t, base, tok["rita"]); strings.Join(names, "|") != "alice shared" || len(mine) != 0 {
		t.Errorf("rita (a reader) lists %v (hers: %v)", names, mine)
	}

	// Someone else's private one is not there for bob; a shared one opens.
	if status, out := invCall(t, base, tok["bob"], "GET", "/api/investigations/"+privID, ""); status != 404 {
		t.Errorf("bob opens alice's private one: %d %v", status, out)
	}
	if status, out := invCall(t, base, tok["bob"], "GET", "/api/investigations/"+sharedID, ""); status != 200 || out["view"] != "n=country:RU" || out["mine"] != false {
		t.Errorf("bob opens alice's shared one: %d %v", status, out)
	}
	// Only the author overwrites or deletes; the others are told whose it is.
	status, out := invCall(t, base, tok["bob"], "POST", "/api/investigations", `{"id":"`+sharedID+`","name":"taken over","view":"n=a"}`)
	if e, _ := out["error"].(map[string]any); status != 403 || e["code"] != "forbidden" || !strings.Contains(e["message"].(string), "belongs to alice") {
		t.Errorf("bob overwrites alice's shared one: %d %v", status, out)
	}
	if status, out := invCall(t, base, tok["bob"], "DELETE", "/api/investigations/"+sharedID, ""); status != 403 {
		t.Errorf("bob deletes alice's shared one: %d %v", status, out)
	}
	if status, out := invCall(t, base, tok["bob"], "POST", "/api/investigations", `{"id":"`+privID+`","name":"x","view":"n=a"}`); status != 404 {
		t.Errorf("bob overwrites alice's private one: %d %v", status, out)
	}
	if status, out := invCall(t, base, tok["bob"], "DELETE", "/api/investigations/"+privID, ""); status != 404 {
		t.Errorf("bob deletes alice's private one: %d %v", status, out)
	}
	// A reader reads; saving is for editors.
	if status, out := invCall(t, base, tok["rita"], "POST", "/api/investigations", `{"name":"rita's","view":"n=a"}`); status != 403 {
		t.Errorf("rita saves: %d %v", status, out)
	}
	if status, out := invCall(t, base, tok["alice"], "GET", "/api/investigations/"+sharedID, ""); status != 200 || out["name"] != "alice shared" {
		t.Errorf("after the refusals alice's is %d %v", status, out)
	}

	// Alice unshares it, then deletes her private one.
	if status, out := invCall(t, base, tok["alice"], "POST", "/api/investigations", `{"id":"`+sharedID+`","name":"alice shared","view":"n=country:RU","shared":false}`); status != 200 || out["shared"] != false {
		t.Fatalf("alice unshares: %d %v", status, out)
	}
	if names, _ := listed(t, base, tok["bob"]); strings.Join(names, "|") != "bob private" {
		t.Errorf("after alice unshared, bob lists %v", names)
	}
	if status, out := invCall(t, base, tok["alice"], "DELETE", "/api/investigations/"+privID, ""); status != 200 || out["deleted"] != privID {
		t.Fatalf("alice deletes hers: %d %v", status, out)
	}
	if status, _ := invCall(t, base, tok["alice"], "GET", "/api/investigations/"+privID, ""); status != 404 {
		t.Errorf("a deleted investigation opens: %d", status)
	}
}
