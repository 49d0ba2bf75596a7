package sqlitestore

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// prefixGraph holds 60 words beginning "ka" ("ka00" … "ka59"), word i in
// the names of i+1 organizations, an organization named "KA", one with an
// accented name, and two Cyrillic ones (one begins with a letter that decomposes
// into a letter and a mark).
func prefixGraph(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var b graph.Batch
	for i := range 60 {
		for j := range i + 1 {
			b.Nodes = append(b.Nodes, graph.Node{ID: fmt.Sprintf("org:ka%02d-%d", i, j), Kind: graph.KindOrganization,
				Name: fmt.Sprintf("Group ka%02d %d", i, j)})
		}
	}
	b.Nodes = append(b.Nodes, graph.Node{ID: "org:resume", Kind: graph.KindOrganization, Name: "Résumé Bureau"},
		graph.Node{ID: "org:cyberpol", Kind: graph.KindOrganization, Name: "Кіберполіція"},
		graph.Node{ID: "country:JO", Kind: graph.KindCountry, Name: "Йорданія"},
		graph.Node{ID: "org:ka", Kind: graph.KindOrganization, Name: "KA"})
	if _, err := s.Upsert(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return s
}

// The last word of a query stands for the indexed words it begins, the most
// frequent first and at most maxCompletions of them, named one by one: a
// query with FTS5's prefix operator costs more than linear time in the
// words' occurrences and cannot be interrupted (see completions).
func TestSearchNamesTheWordsAPrefixBegins(t *testing.T) {
	ctx := context.Background()
	s := prefixGraph(t)

	terms, ok, err := s.completions(ctx, nodeVocab, "ka")
	if err != nil || !ok {
		t.Fatalf("completions(ka) = %v, %v", ok, err)
	}
	want := []string{"ka"} // the word as typed first, however rare
	for i := 59; i > 60-maxCompletions; i-- {
		want = append(want, fmt.Sprintf("ka%02d", i))
	}
	if !slices.Equal(terms, want) {
		t.Errorf("completions(ka) = %q,\nwant it and the %d most frequent, most frequent first: %q", terms, maxCompletions-1, want)
	}

	cases := []struct {
		query, wantMatch string
	}{
		{"Group ka0", `"group" AND ("ka0" OR "ka09" OR "ka08" OR "ka07" OR "ka06" OR "ka05" OR "ka04" OR "ka03" OR "ka02" OR "ka01" OR "ka00")`},
		{"ka59", `("ka59")`},
		{"Résu", `("resu" OR "resume")`}, // folded as the tokenizer folds Latin letters
		{"kaz", `("kaz")`},               // no indexed word begins with it
		{"Кібер", `("кібер" OR "кіберполіція")`}, // not ASCII: looked up as typed, and found
		{"Йорд", `("йорд" OR "йорданія")`},       // a Cyrillic letter keeps its mark, as in the index
		{"Group Кабе", `"group" AND "кабе"*`},    // not ASCII and not found: FTS5's prefix query
	}
	for _, c := range cases {
		match, err := s.ftsQuery(ctx, nodeVocab, graph.SearchWords(c.query))
		if err != nil {
			t.Fatalf("ftsQuery(%q): %v", c.query, err)
		}
		if match != c.wantMatch {
			t.Errorf("ftsQuery(%q) = %s, want %s", c.query, match, c.wantMatch)
		}
	}

	// What a user sees: the rarest word is found once typed far enough, an
	// accent typed or not finds the accented name, a short name is found
	// however many longer words it begins, and the names a page of hits
	// for a short prefix holds are the frequent words'.
	for query, want := range map[string]string{"ka00": "org:ka00-0", "Group ka0": "org:ka09-0", "résu": "org:resume", "resu": "org:resume",
		"кібер": "org:cyberpol", "Йорд": "country:JO", "ka": "org:ka"} {
		hs, err := s.Search(ctx, graph.SearchQuery{Text: query, First: 100})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(hs, func(h graph.SearchHit) bool { return h.Node.ID == want }) {
			t.Errorf("Search(%q) does not find %s", query, want)
		}
	}
	hs, err := s.Search(ctx, graph.SearchQuery{Text: "ka", First: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if strings.HasPrefix(h.Node.Name, "Group ka0") {
			t.Errorf("Search(ka) finds %s, whose word is not among the %d most frequent", h.Node.ID, maxCompletions)
		}
	}
	if len(hs) != 100 {
		t.Errorf("Search(ka) = %d hits, want a full page of 100", len(hs))
	}
}

// A file written before migration v3 gains the vocabulary tables when it
// is opened, and its search names words as a new file's does.
func TestOpenAddsTheVocabularyToOlderFiles(t *testing.T) {
	ctx := context.Background()
	s := prefixGraph(t)
	old := graph.Document{ID: graph.DocumentID("An older article."), Title: "Old", Text: "An older article."}
	if _, err := s.Upsert(ctx, graph.Batch{Documents: []graph.Document{old}}); err != nil {
		t.Fatal(err)
	}
	// Undo v7 (evidence keys), v5 (review), v4 (documents' citation
	// columns) and v3, as a file written then.
	if err := undoV7(ctx, s.write); err != nil {
		t.Fatal(err)
	}
	for _, q := range append(undoV5, `DROP INDEX documents_by_url`, `DROP INDEX documents_by_source`, `DROP INDEX documents_by_publisher`,
		`ALTER TABLE documents DROP COLUMN author`, `ALTER TABLE documents DROP COLUMN language`,
		`ALTER TABLE documents DROP COLUMN pages`, `ALTER TABLE documents DROP COLUMN supersedes`,
		`DROP TABLE node_fts_vocab`, `DROP TABLE evidence_fts_vocab`, `PRAGMA user_version = 2`) {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	path := s.path
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var version int
	if err := s.write.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil || version != schemaVersion() {
		t.Fatalf("user_version %d (%v), want %d", version, err, schemaVersion())
	}
	hs, err := s.Search(ctx, graph.SearchQuery{Text: "ka5"})
	if err != nil || len(hs) == 0 {
		t.Fatalf("Search(ka5) after the upgrade = %d hits, %v", len(hs), err)
	}
	// The documents stored before v4 read with empty new fields, and take
	// them when written again.
	p, err := s.ListDocuments(ctx, graph.ListDocumentsQuery{First: 1})
	if err != nil || len(p.Documents) != 1 {
		t.Fatalf("ListDocuments after the upgrade = %+v, %v", p, err)
	}
	d := p.Documents[0]
	if d.Author != "" || d.Pages != nil || d.Supersedes != "" {
		t.Errorf("an old document reads as %+v", d)
	}
	d.Author, d.Language, d.Pages = "Jane Doe", "en", []int{0}
	if _, err := s.Upsert(ctx, graph.Batch{Documents: []graph.Document{d}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Documents(ctx, []string{d.ID}); err != nil || len(got) != 1 || got[0].Author != "Jane Doe" || len(got[0].Pages) != 1 {
		t.Errorf("the old document written again = %+v, %v", got, err)
	}
}
