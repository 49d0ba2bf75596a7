package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/upload"
)

// The review loop through the real binary and server: reject, correct,
// add from a span, merge, notes, history, tokens, conflicts, and that a
// reload (which re-runs extraction) undoes none of it.

// ukArticle has no annotation file, so everything in it is extracted: an
// attribution (GB blames RU, backed by Estonia) and "Jon Sullivan", a
// duplicate of the demo's John Sullivan.
const ukArticle = `Britain blames Russia for cyber attack on Ukrainian grid

Published: 2019-02-04

The United Kingdom blamed Russia for the cyber attack on the Ukrainian power grid, officials said on Monday. Estonia backed the British attribution. Jon Sullivan said the attack was reckless.
`

const (
	ukAttribution = "attribution:gb-cyber-attack-on-ukrainian-grid"
	jonSullivan   = "person:jon-sullivan"
	johnSullivan  = "person:john-sullivan"
)

// reviewCorpus is the demo corpus and the UK article in a folder.
func reviewCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	demo, err := filepath.Glob("../../data/demo/*")
	if err != nil || len(demo) == 0 {
		t.Fatalf("demo corpus: %v", err)
	}
	for _, p := range demo {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "uk.txt"), []byte(ukArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

type gqlResult struct {
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
	status int
}

func (r gqlResult) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// gqlAs posts a query with variables, as the given token ("" for none).
func gqlAs(t *testing.T, base, token, query string, vars map[string]any) gqlResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResult
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	out.status = resp.StatusCode
	return out
}

// ok posts a query that must succeed and returns its data.
func ok(t *testing.T, base, token, query string, vars map[string]any) map[string]any {
	t.Helper()
	r := gqlAs(t, base, token, query, vars)
	if len(r.Errors) > 0 || r.status != 200 {
		t.Fatalf("%s\n-> %d %+v", query, r.status, r.Errors)
	}
	return r.Data
}

// at walks a decoded JSON value by keys and indexes.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any, path ...any) string { s, _ := at(v, path...).(string); return s }

// ids collects the "id" of every element of a list at path, and the id
// under sub of each when sub is given.
func ids(v any, path []any, sub ...any) []string {
	var out []string
	l, _ := at(v, path...).([]any)
	for _, e := range l {
		out = append(out, str(e, append(sub, "id")...))
	}
	return out
}

// hiddenEverywhere checks that a claim is (or is not) out of the
// neighbourhood, paths and attributions of the UK attribution.
func hiddenEverywhere(t *testing.T, base, claim string, hidden bool, when string) {
	t.Helper()
	d := ok(t, base, "", `query($a: ID!) {
		neighborhood(ids: [$a]) { relations { id } }
		paths(from: $a, to: "country:RU", maxHops: 1) { relations { id } }
		attributions(blamed: "country:RU") { nodes { id } }
		node(id: $a) { ... on Attribution { blames { id } } }
		relation(id: "`+claim+`") { review { status } }
	}`, map[string]any{"a": ukAttribution})
	inHood := slices.Contains(ids(d, []any{"neighborhood", "relations"}), claim)
	inPaths := len(at(d, "paths").([]any)) > 0
	inAttr := slices.Contains(ids(d, []any{"attributions", "nodes"}), ukAttribution)
	blames := slices.Contains(ids(d, []any{"node", "blames"}), "country:RU")
	if inHood == hidden || inPaths == hidden || inAttr == hidden || blames == hidden {
		t.Fatalf("%s: claim in neighbourhood %v, paths %v, attributions(blamed: RU) %v, blames %v; want hidden=%v",
			when, inHood, inPaths, inAttr, blames, hidden)
	}
}

func TestReviewThroughServer(t *testing.T) {
	corpus := reviewCorpus(t)
	db := filepath.Join(t.TempDir(), "g.db")
	if _, stderr, code := runBin(t, nil, "load", "--quiet", "--db", db, corpus); code != 0 {
		t.Fatalf("load: %s", stderr)
	}
	base, _, _ := startServe(t, "--db", db)
	reload := func() {
		t.Helper()
		if _, stderr, code := runBin(t, nil, "load", "--quiet", "--db", db, corpus); code != 0 {
			t.Fatalf("reload: %s", stderr)
		}
	}

	// Extracted claims start unreviewed; curated ones confirmed.
	blames := graph.ClaimID(ukAttribution, graph.RelBlames, "country:RU")
	d := ok(t, base, "", `query($id: ID!) { viewer { name canEdit } relation(id: $id) { method version review { status } } reviewCounts { unreviewed confirmed } }`, map[string]any{"id": blames})
	if str(d, "viewer", "name") != "local" || at(d, "viewer", "canEdit") != true {
		t.Fatalf("the loopback user is %v", at(d, "viewer"))
	}
	if str(d, "relation", "review", "status") != "UNREVIEWED" || !strings.HasPrefix(str(d, "relation", "method"), "rule:") {
		t.Fatalf("extracted claim: %v", at(d, "relation"))
	}
	hiddenEverywhere(t, base, blames, false, "before review")

	// Reject it.
	reject := `mutation($id: ID!, $v: Int) { reviewClaim(id: $id, status: REJECTED, note: "the article says Britain, not officials", ifVersion: $v) { id version review { status by note at } } }`
	d = ok(t, base, "", reject, map[string]any{"id": blames, "v": 1})
	if str(d, "reviewClaim", "review", "status") != "REJECTED" || str(d, "reviewClaim", "review", "by") != "local" || at(d, "reviewClaim", "version") != 2.0 {
		t.Fatalf("reviewClaim = %v", at(d, "reviewClaim"))
	}
	hiddenEverywhere(t, base, blames, true, "after rejecting")
	// The article view marks only what the graph shows.
	d = ok(t, base, "", `query($id: ID!) { relation(id: $id) { evidence { id document { id evidence { id } } } } }`, map[string]any{"id": blames})
	if ev := str(d, "relation", "evidence", 0, "id"); ev == "" || slices.Contains(ids(d, []any{"relation", "evidence", 0, "document", "evidence"}), ev) {
		t.Fatalf("the document still lists the rejected claim's evidence %q", ev)
	}
	// Asked for, it shows.
	d = ok(t, base, "", `query @review(include: [REJECTED]) { neighborhood(ids: ["`+ukAttribution+`"]) { relations { id } } }`, nil)
	if got := ids(d, []any{"neighborhood", "relations"}); !slices.Equal(got, []string{blames}) {
		t.Fatalf("@review(include: [REJECTED]) neighbourhood = %v", got)
	}
	// Loading the article again (extraction runs again) keeps it rejected.
	reload()
	hiddenEverywhere(t, base, blames, true, "after a reload")

	// A stale version: CONFLICT with the current one.
	r := gqlAs(t, base, "", reject, map[string]any{"id": blames, "v": 1})
	if r.code() != "CONFLICT" || r.Errors[0].Extensions["currentVersion"] != 2.0 {
		t.Fatalf("stale review: %+v", r.Errors)
	}
	// Two editors at once: one wins, the other gets CONFLICT.
	backed := graph.ClaimID("country:EE", graph.RelBacked, ukAttribution)
	var wg sync.WaitGroup
	codes := make([]string, 2)
	for i, st := range []string{"CONFIRMED", "REJECTED"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = gqlAs(t, base, "", `mutation($id: ID!) { reviewClaim(id: $id, status: `+st+`, ifVersion: 1) { id } }`, map[string]any{"id": backed}).code()
		}()
	}
	wg.Wait()
	if slices.Sort(codes); !slices.Equal(codes, []string{"", "CONFLICT"}) {
		t.Fatalf("two concurrent reviews at version 1: codes %q, want one success and one CONFLICT", codes)
	}

	// Correct a claim: Latvia, not Estonia, backed it.
	d = ok(t, base, "", `mutation($id: ID!) { correctClaim(id: $id, input: {from: "country:LV", note: "it was Latvia"}) { id from { id } review { status } evidence { quote } } }`,
		map[string]any{"id": backed})
	fixed := str(d, "correctClaim", "id")
	if fixed != graph.ClaimID("country:LV", graph.RelBacked, ukAttribution) || str(d, "correctClaim", "review", "status") != "CONFIRMED" ||
		str(d, "correctClaim", "evidence", 0, "quote") != "Estonia backed the British attribution." {
		t.Fatalf("correctClaim = %v", at(d, "correctClaim"))
	}
	d = ok(t, base, "", `query($id: ID!) { relation(id: $id) { review { status } correctedBy { id from { name } } } }`, map[string]any{"id": backed})
	if str(d, "relation", "review", "status") != "CORRECTED" || str(d, "relation", "correctedBy", "id") != fixed {
		t.Fatalf("the corrected claim: %v", at(d, "relation"))
	}
	// claims(where: {review:}) lists what people set aside, no @review
	// needed, and claimCounts counts by status; by default neither shows.
	d = ok(t, base, "", `{
		hidden: claims(where: {review: [REJECTED, CORRECTED]}, first: 100) { totalCount nodes { id review { status } } }
		shown: claims(first: 1) { totalCount }
		all: claims(where: {review: [UNREVIEWED, CONFIRMED, REJECTED, CORRECTED]}, first: 1) { totalCount }
		byStatus: claimCounts(where: {review: [UNREVIEWED, CONFIRMED, REJECTED, CORRECTED]}, groupBy: [REVIEW]) { groups { review count } }
		visible: claimCounts(groupBy: [REVIEW]) { groups { review count } }
	}`, nil)
	if got := ids(d, []any{"hidden", "nodes"}); !sameElems(got, []string{blames, backed}) || at(d, "hidden", "totalCount") != 2.0 {
		t.Fatalf("claims(where: {review: [REJECTED, CORRECTED]}) = %v", at(d, "hidden"))
	}
	if shown, all := at(d, "shown", "totalCount").(float64), at(d, "all", "totalCount").(float64); shown+2 != all {
		t.Fatalf("claims by default: %v of %v; want all but the rejected and the corrected one", shown, all)
	}
	counted := map[string]float64{}
	for _, g := range at(d, "byStatus", "groups").([]any) {
		counted[str(g, "review")] = at(g, "count").(float64)
	}
	if counted["REJECTED"] != 1 || counted["CORRECTED"] != 1 || counted["UNREVIEWED"]+counted["CONFIRMED"]+2 != at(d, "all", "totalCount").(float64) {
		t.Fatalf("claimCounts by REVIEW = %v", counted)
	}
	for _, g := range at(d, "visible", "groups").([]any) {
		if st := str(g, "review"); st != "UNREVIEWED" && st != "CONFIRMED" {
			t.Fatalf("claimCounts by REVIEW with no filter counts %s claims", st)
		}
	}
	if r := gqlAs(t, base, "", `{ claims(where: {review: []}) { totalCount } }`, nil); r.code() != "BAD_INPUT" {
		t.Fatalf("claims(where: {review: []}): %+v", r.Errors)
	}

	// Add a claim from a span of the article: exactly that quote.
	d = ok(t, base, "", `{ documents(first: 100) { edges { node { id title text } } } }`, nil)
	var docID, text string
	for _, e := range at(d, "documents", "edges").([]any) {
		if strings.HasPrefix(str(e, "node", "title"), "Britain blames Russia") {
			docID, text = str(e, "node", "id"), str(e, "node", "text")
		}
	}
	quote := "The United Kingdom blamed Russia for the cyber attack"
	i := strings.Index(text, quote)
	if docID == "" || i < 0 {
		t.Fatalf("the UK article is not stored as expected (%q)", docID)
	}
	start := len([]rune(text[:i]))
	add := `mutation($in: AddClaimInput!) { addClaim(input: $in) { id type method review { status by } evidence { quote start end document { id } } } }`
	in := map[string]any{"type": "ACCUSED", "from": "country:GB", "to": "country:RU", "modality": "ALLEGED",
		"evidence": map[string]any{"document": docID, "start": start, "end": start + len([]rune(quote))}}
	d = ok(t, base, "", add, map[string]any{"in": in})
	if str(d, "addClaim", "evidence", 0, "quote") != quote || str(d, "addClaim", "method") != "curated" || str(d, "addClaim", "review", "status") != "CONFIRMED" {
		t.Fatalf("addClaim = %v", at(d, "addClaim"))
	}
	// A span outside the text, a forbidden type: BAD_INPUT naming it.
	in["evidence"] = map[string]any{"document": docID, "start": 10, "end": 100000}
	if r := gqlAs(t, base, "", add, map[string]any{"in": in}); r.code() != "BAD_INPUT" || !strings.Contains(r.Errors[0].Message, "outside") {
		t.Fatalf("span outside the text: %+v", r.Errors)
	}
	in["evidence"] = map[string]any{"document": docID, "start": start, "end": start + 5}
	in["type"] = "MEMBER_OF"
	in["to"] = ukAttribution
	if r := gqlAs(t, base, "", add, map[string]any{"in": in}); r.code() != "BAD_INPUT" || !strings.Contains(r.Errors[0].Message, "MEMBER_OF") {
		t.Fatalf("forbidden type: %+v", r.Errors)
	}
	if r := gqlAs(t, base, "", reject, map[string]any{"id": "claim:000000000000000000000000"}); r.code() != "NOT_FOUND" {
		t.Fatalf("unknown claim: %+v", r.Errors)
	}

	// Merge the two Sullivans; either name finds the kept one, also after
	// a reload.
	merge := `mutation { mergeEntities(keep: "` + johnSullivan + `", merge: ["` + jonSullivan + `"]) { id name aliases version } }`
	d = ok(t, base, "", merge, nil)
	if str(d, "mergeEntities", "id") != johnSullivan || !slices.Contains(toStrings(at(d, "mergeEntities", "aliases")), "Jon Sullivan") {
		t.Fatalf("mergeEntities = %v", at(d, "mergeEntities"))
	}
	if r := gqlAs(t, base, "", `mutation { mergeEntities(keep: "`+johnSullivan+`", merge: ["`+johnSullivan+`"]) { id } }`, nil); r.code() != "BAD_INPUT" {
		t.Fatalf("merging into itself: %+v", r.Errors)
	}
	if r := gqlAs(t, base, "", `mutation { mergeEntities(keep: "`+johnSullivan+`", merge: ["country:RU"]) { id } }`, nil); r.code() != "BAD_INPUT" {
		t.Fatalf("merging a country into a person: %+v", r.Errors)
	}
	for round, when := range []string{"after the merge", "after a reload"} {
		if round == 1 {
			reload()
		}
		d = ok(t, base, "", `{ a: search(query: "Jon Sullivan") { node { id } } b: search(query: "John Sullivan") { node { id } }
			node(id: "`+jonSullivan+`") { id name } entities(kind: PERSON, first: 100) { edges { node { id } } } }`, nil)
		if str(d, "a", 0, "node", "id") != johnSullivan || str(d, "b", 0, "node", "id") != johnSullivan || str(d, "node", "id") != johnSullivan {
			t.Fatalf("%s: search and node(id:) = %v %v %v", when, at(d, "a"), at(d, "b"), at(d, "node"))
		}
		if slices.Contains(ids(d, []any{"entities", "edges"}, "node"), jonSullivan) {
			t.Fatalf("%s: the merged person is listed again", when)
		}
	}
	hiddenEverywhere(t, base, blames, true, "after the second reload")

	// Notes.
	d = ok(t, base, "", `mutation($s: ID!) { addNote(subject: $s, text: "call the ministry") { id by } }`, map[string]any{"s": fixed})
	if str(d, "addNote", "by") != "local" {
		t.Fatalf("addNote = %v", at(d, "addNote"))
	}
	if r := gqlAs(t, base, "", `mutation { addNote(subject: "country:RU", text: "   ") { id } }`, nil); r.code() != "BAD_INPUT" {
		t.Fatalf("empty note: %+v", r.Errors)
	}

	// Named tokens: once one exists, every request needs one; readers get
	// FORBIDDEN; an editor's changes carry its name.
	readerTok, _, code := runBin(t, nil, "token", "add", "rita", "--role", "reader", "--db", db)
	editorTok, _, code2 := runBin(t, nil, "token", "add", "ed", "--role", "editor", "--db", db)
	if code != 0 || code2 != 0 {
		t.Fatal("token add failed")
	}
	readerTok, editorTok = strings.TrimSpace(readerTok), strings.TrimSpace(editorTok)
	time.Sleep(1100 * time.Millisecond) // the server rereads whether tokens exist every second
	if r := gqlAs(t, base, "", `{ stats { nodes } }`, nil); r.status != 401 {
		t.Fatalf("no token once tokens exist: %d", r.status)
	}
	if d := ok(t, base, readerTok, `{ viewer { name role canEdit } }`, nil); str(d, "viewer", "name") != "rita" || at(d, "viewer", "canEdit") != false {
		t.Fatalf("reader viewer = %v", at(d, "viewer"))
	}
	if r := gqlAs(t, base, readerTok, reject, map[string]any{"id": fixed}); r.code() != "FORBIDDEN" {
		t.Fatalf("reader review: %+v", r.Errors)
	}
	// Adding documents is a change too: not for readers.
	if code, body := postDocument(t, base, readerTok); code != http.StatusForbidden || !strings.Contains(body, "reader") {
		t.Fatalf("a reader adding a document: %d %s", code, body)
	}
	d = ok(t, base, editorTok, `mutation($id: ID!) { reviewClaim(id: $id, status: CONFIRMED) { review { by } } }`, map[string]any{"id": fixed})
	if str(d, "reviewClaim", "review", "by") != "ed" {
		t.Fatalf("editor review signed %v", at(d, "reviewClaim"))
	}
	if _, _, code := runBin(t, nil, "token", "revoke", "rita", "--db", db); code != 0 {
		t.Fatal("token revoke failed")
	}
	time.Sleep(100 * time.Millisecond)
	if r := gqlAs(t, base, readerTok, `{ stats { nodes } }`, nil); r.status != 401 {
		t.Fatalf("a revoked token still reads: %d", r.status)
	}

	// The history lists every change with its author, newest first.
	d = ok(t, base, editorTok, `{ history(first: 100) { edges { node { by action subject before after } } } }`, nil)
	var got []string
	for _, e := range at(d, "history", "edges").([]any) {
		got = append(got, str(e, "node", "by")+" "+str(e, "node", "action"))
	}
	want := []string{"ed reviewClaim", "local addNote", "local mergeEntities", "local mergedInto", "local addClaim",
		"local correctClaim", "local correctClaim", "local reviewClaim", "local reviewClaim"}
	if !slices.Equal(got, want) {
		t.Fatalf("history = %q\nwant %q", got, want)
	}
	out, _, code := runBin(t, nil, "history", "--db", db, "--by", "ed")
	if code != 0 || !strings.Contains(out, "ed") || !strings.Contains(out, "reviewClaim") || strings.Contains(out, "local") {
		t.Fatalf("actorgraph history --by ed:\n%s", out)
	}
	out, _, _ = runBin(t, nil, "history", "--db", db, "--since", "2999-01-01")
	if strings.TrimSpace(out) != "" {
		t.Fatalf("history --since 2999: %s", out)
	}
	out, _, _ = runBin(t, nil, "token", "list", "--db", db)
	if !strings.Contains(out, "ed") || strings.Contains(out, "rita") || strings.Contains(out, editorTok) {
		t.Fatalf("token list:\n%s", out)
	}
	// Export, then import into an empty store: the same graph, reviews,
	// notes, merges and history, byte for byte.
	dir := t.TempDir()
	first, second, db2 := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "copy.db")
	for _, args := range [][]string{{"export", "--db", db, "--out", first}, {"import", "--db", db2, first}, {"export", "--db", db2, "--out", second}} {
		if _, stderr, code := runBin(t, nil, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	for _, typ := range []string{`"type":"review"`, `"type":"merge"`, `"type":"note"`, `"type":"change"`, `"type":"entity"`} {
		if !bytes.Contains(a, []byte(typ)) {
			t.Errorf("the export has no %s line", typ)
		}
	}
	if bytes.Contains(a, []byte(editorTok)) || bytes.Contains(a, []byte(graph.TokenHash(editorTok))) {
		t.Errorf("the export holds a token")
	}
	if !bytes.Equal(a, b) {
		t.Errorf("export -> import -> export differs (%d and %d bytes)", len(a), len(b))
	}
	hist, _, _ := runBin(t, nil, "history", "--db", db2)
	if n := strings.Count(hist, "\n"); n != len(want)+1 {
		t.Errorf("the imported history has %d lines, want %d:\n%s", n, len(want)+1, hist)
	}
	base2, _, _ := startServe(t, "--db", db2)
	hiddenEverywhere(t, base2, blames, true, "in the imported copy")
	d = ok(t, base2, "", `{ node(id: "`+jonSullivan+`") { id notes { text } } relation(id: "`+fixed+`") { notes { text by } review { by } } }`, nil)
	if str(d, "node", "id") != johnSullivan || str(d, "relation", "notes", 0, "text") != "call the ministry" || str(d, "relation", "review", "by") != "ed" {
		t.Errorf("the imported copy: %v", d)
	}

	if _, _, code := runBin(t, nil, "check", "--db", db); code != 0 {
		out, errOut, _ := runBin(t, nil, "check", "--db", db)
		t.Fatalf("check after the review session:\n%s%s", out, errOut)
	}
}

// postDocument asks /api/documents to load a URL, as the UI's Add panel
// does, and returns the status and body.
func postDocument(t *testing.T, base, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/api/documents", strings.NewReader(`{"url":"https://example.org/a"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(upload.ClientHeader, "test")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func toStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = fmt.Sprint(s)
	}
	return out
}

// A server beyond loopback without tokens, and a read-only one, refuse
// every change and say why; the first says so in its start-up log.
func TestServeRefusesChanges(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	base, cmd, logs := startServe(t, "--db", db, "--addr", "0.0.0.0:0")
	base = strings.Replace(base, "0.0.0.0", "127.0.0.1", 1)
	r := gqlAs(t, base, "", `mutation { addNote(subject: "country:RU", text: "hello") { id } }`, nil)
	if r.code() != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, "beyond loopback") {
		t.Fatalf("beyond loopback without tokens: %+v", r.Errors)
	}
	if code, body := postDocument(t, base, ""); code != http.StatusForbidden || !strings.Contains(body, "beyond loopback") {
		t.Fatalf("adding a document beyond loopback without tokens: %d %s", code, body)
	}
	if !strings.Contains(logs.String(), "every change (review, merge, note) is refused") {
		t.Fatalf("the start-up log does not say that changes are refused:\n%s", logs)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()

	base, _, _ = startServe(t, "--db", db, "--read-only")
	r = gqlAs(t, base, "", `mutation { reviewClaim(id: "claim:000000000000000000000000", status: REJECTED) { id } }`, nil)
	if r.code() != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, "read-only") {
		t.Fatalf("read-only: %+v", r.Errors)
	}
	if code, body := postDocument(t, base, ""); code != http.StatusForbidden || !strings.Contains(body, "read-only") {
		t.Fatalf("adding a document to a read-only server: %d %s", code, body)
	}
	if d := ok(t, base, "", `{ viewer { canEdit reason } }`, nil); at(d, "viewer", "canEdit") != false {
		t.Fatalf("read-only viewer = %v", at(d, "viewer"))
	}
}

// sameElems reports whether a and b hold the same strings, in any order.
func sameElems(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
