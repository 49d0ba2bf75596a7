package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With NEO4J_URI pointing where nothing listens (port 1 of the loopback
// address), the commands that open the store fail with one clear line and
// a non-zero status, not with a stack of driver errors.
func TestNeo4jUnreachable(t *testing.T) {
	for _, c := range []struct {
		uri  string
		args []string
	}{
		{"bolt://127.0.0.1:1", []string{"stats"}},
		{"neo4j://127.0.0.1:1", []string{"serve", "--addr", "127.0.0.1:0"}},
		{"neo4j://127.0.0.1:1", []string{"load", "../../data/demo"}},
		{"bolt://127.0.0.1:1", []string{"export"}},
	} {
		t.Run(c.args[0], func(t *testing.T) {
			out, errOut, code := runBin(t, []string{"NEO4J_URI=" + c.uri, "NEO4J_PASSWORD=not-the-password"}, c.args...)
			lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
			if code != 1 || len(lines) != 1 {
				t.Fatalf("exit %d, stderr %q: want exit 1 and exactly one line", code, errOut)
			}
			want := "actorgraph " + c.args[0] + ": cannot reach Neo4j at " + c.uri
			if !strings.HasPrefix(lines[0], want) || !strings.Contains(lines[0], "connection refused") {
				t.Errorf("stderr %q, want a line starting %q and saying why", lines[0], want)
			}
			if strings.Contains(errOut, "not-the-password") || out != "" {
				t.Errorf("stdout %q, stderr %q: the password or output leaked", out, errOut)
			}
		})
	}
	// The --neo4j-uri flag chooses Neo4j the same way.
	_, errOut, code := runBin(t, nil, "stats", "--neo4j-uri", "bolt://127.0.0.1:1")
	if code != 1 || !strings.Contains(errOut, "cannot reach Neo4j at bolt://127.0.0.1:1") {
		t.Errorf("--neo4j-uri: exit %d, stderr %q", code, errOut)
	}
}

// A --db given on the command line beats NEO4J_URI in the environment, and
// giving both flags is a usage error.
func TestStoreChoice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	_, errOut, code := runBin(t, []string{"NEO4J_URI=bolt://127.0.0.1:1"}, "stats", "--db", db)
	if code != 0 || !strings.Contains(errOut, "counting in sqlite "+db) {
		t.Errorf("--db with NEO4J_URI set: exit %d, stderr %q; want the SQLite file", code, errOut)
	}
	_, errOut, code = runBin(t, nil, "stats", "--db", db, "--neo4j-uri", "bolt://127.0.0.1:1")
	if code != 2 || !strings.Contains(errOut, "either --db or --neo4j-uri") {
		t.Errorf("both flags: exit %d, stderr %q", code, errOut)
	}
}

// The demo corpus goes SQLite -> JSON Lines -> another SQLite -> JSON Lines
// through the real binary without losing or changing a byte, and importing
// the file a second time adds nothing.
func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b, file := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "g.jsonl")
	if _, errOut, code := runBin(t, nil, "load", "--db", a, "--quiet", "../../data/demo"); code != 0 {
		t.Fatalf("load: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runBin(t, nil, "export", "--db", a, "--out", file); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	first, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(first, []byte("\n")); n < 200 || !bytes.Contains(first, []byte(`"type":"claim"`)) || !bytes.Contains(first, []byte(`"type":"evidence"`)) {
		t.Fatalf("the export of the demo corpus has %d lines:\n%.500s", n, first)
	}
	_, errOut, code := runBin(t, nil, "import", "--db", b, file)
	if code != 0 || !strings.Contains(errOut, "importing into sqlite "+b) {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	second, errOut, code := runBin(t, nil, "export", "--db", b)
	if code != 0 {
		t.Fatalf("second export: exit %d: %s", code, errOut)
	}
	if second != string(first) {
		t.Errorf("the round trip changed the graph: %d bytes exported first, %d after the round trip", len(first), len(second))
	}
	_, errOut, code = runBin(t, nil, "import", "--db", b, file)
	if code != 0 || !strings.Contains(errOut, "imported: 0 new documents, 0 new nodes, 0 new claims, 0 new evidence") {
		t.Errorf("second import: exit %d, stderr %q; want nothing new", code, errOut)
	}
	// A file that is not an export is refused with its name and line.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"format\":\"actorgraph-jsonl\",\"version\":1}\n{\"type\":\"edge\"}\n"), 0o600)
	_, errOut, code = runBin(t, nil, "import", "--db", b, bad)
	if code != 1 || !strings.Contains(errOut, bad+": line 2: unknown type \"edge\"") {
		t.Errorf("bad file: exit %d, stderr %q", code, errOut)
	}
}
