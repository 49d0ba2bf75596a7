package neo4jstore

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

var update = flag.Bool("update", false, "rewrite the generated Cypher files and the lint schema")

// The generated statements on disk are what generatedStatements makes from
// the vocabulary now; a vocabulary change without regenerating fails here.
func TestGeneratedCypherIsCurrent(t *testing.T) {
	want := map[string]string{}
	for _, g := range generatedStatements() {
		want[g.name+".cypher"] = g.text
	}
	onDisk, err := filepath.Glob("cypher/gen_*.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		for _, f := range onDisk {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
		}
		for name, text := range want {
			if err := os.WriteFile(filepath.Join("cypher", name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for _, f := range onDisk {
		name := filepath.Base(f)
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s is no longer generated; run go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update", f)
		case string(got) != w:
			t.Errorf("%s is not what the vocabulary generates; run go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update", f)
		}
		delete(want, name)
	}
	for name := range want {
		t.Errorf("cypher/%s is missing; run go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update", name)
	}
}

// Every vocabulary name has its branch in the generated statements, so a
// new type or kind cannot be silently unwritable.
func TestGeneratedStatementsCoverTheVocabulary(t *testing.T) {
	st, err := loadStatements()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range graph.NodeKinds() {
		if !strings.Contains(st.get("gen_merge_nodes"), "SET n:"+quoteName(string(k))) {
			t.Errorf("gen_merge_nodes has no branch for kind %s", k)
		}
		if !strings.Contains(st.get("gen_count_nodes_by_kind"), "(n:"+quoteName(string(k))+")") {
			t.Errorf("gen_count_nodes_by_kind does not count %s", k)
		}
	}
	for _, rt := range graph.RelTypes() {
		for _, name := range []string{"gen_merge_claims", "gen_claims_by_id", "gen_count_claims_by_type"} {
			if !strings.Contains(st.get(name), "[r:"+quoteName(string(rt))) {
				t.Errorf("%s has no branch for type %s", name, rt)
			}
		}
		if _, ok := st["gen_schema_claim_id_"+strings.ToLower(string(rt))]; !ok {
			t.Errorf("no uniqueness constraint for claims of type %s", rt)
		}
	}
}

// Every statement file is used by the code and every name the code uses
// exists: a dead file would be linted for nothing, a missing one would
// panic at run time.
func TestEveryStatementIsUsed(t *testing.T) {
	st, err := loadStatements()
	if err != nil {
		t.Fatal(err)
	}
	var code strings.Builder
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(b)
	}
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`"((?:gen_)?[a-z_]+)"`).FindAllStringSubmatch(code.String(), -1) {
		used[m[1]] = true
	}
	schema := st.schemaStatements()
	for name := range st {
		if !used[name] && !slices.Contains(schema, name) {
			t.Errorf("cypher/%s.cypher is not used by the store", name)
		}
	}
	for _, m := range regexp.MustCompile(`st\.get\("([a-z_]+)"\)`).FindAllStringSubmatch(code.String(), -1) {
		if _, ok := st[m[1]]; !ok {
			t.Errorf("the store runs cypher/%s.cypher, which does not exist", m[1])
		}
	}
	if len(schema) < 7+len(graph.RelTypes()) {
		t.Errorf("only %d schema statements: %q", len(schema), schema)
	}
	if !strings.HasPrefix(schema[len(schema)-1], "gen_schema_") || strings.HasPrefix(schema[0], "gen_") {
		t.Errorf("schema statements out of order: %q", schema)
	}
}

// Statements take values only as parameters: no statement embeds a quoted
// string other than vocabulary names (kinds, types, review statuses) and index names, and
// none is assembled at run time (the store only ever passes st.get's text).
func TestStatementsAreParameterised(t *testing.T) {
	st, err := loadStatements()
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"''": true, "'both'": true, "'out'": true, "'in'": true,
		"'entity_text'": true, "'evidence_text'": true, "'standard-no-stop-words'": true, `'\n'`: true}
	for _, k := range graph.NodeKinds() {
		allowed["'"+string(k)+"'"] = true
	}
	for _, rt := range graph.RelTypes() {
		allowed["'"+string(rt)+"'"] = true
	}
	// Review statuses are vocabulary too (graph/review.go).
	for _, s := range graph.ReviewStatuses() {
		allowed["'"+string(s)+"'"] = true
	}
	lit := regexp.MustCompile(`'(?:[^'\\]|\\.)*'`)
	for name, q := range st {
		for _, line := range strings.Split(q, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "//") {
				continue
			}
			for _, l := range lit.FindAllString(line, -1) {
				if !allowed[l] {
					t.Errorf("cypher/%s.cypher embeds the literal %s; values must be parameters", name, l)
				}
			}
		}
	}
}

// quoteName keeps any string one identifier: the result is backtick
// quoted, every inner backtick is doubled, and unquoting gives the input
// back.
func FuzzQuoteName(f *testing.F) {
	for _, seed := range []string{"", "MEMBER_OF", "Country", "`", "``", "a`b", "`) DETACH DELETE n //", "ünï", "\x00", "\xff"} {
		f.Add(seed)
	}
	for _, k := range graph.NodeKinds() {
		f.Add(string(k))
	}
	for _, rt := range graph.RelTypes() {
		f.Add(string(rt))
	}
	f.Fuzz(func(t *testing.T, name string) {
		q := quoteName(name)
		if len(q) < 2 || q[0] != '`' || q[len(q)-1] != '`' {
			t.Fatalf("quoteName(%q) = %q: not wrapped in backticks", name, q)
		}
		inner := q[1 : len(q)-1]
		// Inside, backticks come only in pairs: scanning left to right, a
		// backtick is always followed by another.
		for i := 0; i < len(inner); i++ {
			if inner[i] == '`' {
				if i+1 >= len(inner) || inner[i+1] != '`' {
					t.Fatalf("quoteName(%q) = %q: a lone backtick would end the identifier early", name, q)
				}
				i++
			}
		}
		if got := strings.ReplaceAll(inner, "``", "`"); got != name {
			t.Fatalf("quoteName(%q) = %q, which unquotes to %q", name, q, got)
		}
	})
}

// The Cypher linter's schema (tools/cypherlint/schema.json) is derived from
// the vocabulary and this package's graph model; it must be current so that
// the lint catches a misspelt label, type or property, and accepts every
// real one.
func TestLintSchemaIsCurrent(t *testing.T) {
	want, err := json.MarshalIndent(lintSchema(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	path := filepath.Join("..", "..", "tools", "cypherlint", "schema.json")
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./graph/neo4jstore -run TestLintSchemaIsCurrent -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not current; run go test ./graph/neo4jstore -run TestLintSchemaIsCurrent -update", path)
	}
}

// Props are stored under a prefix, so no property key of the vocabulary,
// prefixed, can clash with a fixed field.
func TestPropertyNamesDoNotCollide(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range propertyKeys() {
		if seen[k] {
			t.Errorf("property name %q is used twice", k)
		}
		seen[k] = true
	}
}
