package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A store written by the build before integer claim and evidence keys
// (schema v6, written by `actorgraph load` of the demo corpus at main
// 3e8f2b1) is refused by export, which only reads, with a message that says
// what to do; check migrates it in place and passes; and then export writes
// exactly what the older build exported from it.
func TestOlderStoreMigratesThroughTheBinary(t *testing.T) {
	fixture := filepath.Join("..", "..", "graph", "sqlitestore", "testdata", "v6")
	raw, err := os.ReadFile(filepath.Join(fixture, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "v6.db")
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(fixture, "demo.export.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runBin(t, nil, "export", "--db", db)
	if code == 0 || !strings.Contains(errOut, "schema v6") || !strings.Contains(errOut, "actorgraph check") {
		t.Fatalf("export of a v6 file: exit %d, %q; want a refusal that says to run actorgraph check", code, errOut)
	}
	checkDB(t, db)
	if got := exportDB(t, db); got != reviewStamp.ReplaceAllString(string(want), `"at":"(time)"`) {
		t.Fatalf("the migrated store exports differently: %s", firstDiff(string(want), got))
	}
}
