package pdftest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var writeFixtures = flag.Bool("write-fixtures", false, "rewrite ui/e2e/fixtures/coordinator.pdf")

// The PDF the UI's end-to-end test loads is what CoordinatorReport writes,
// byte for byte: committed, but never by hand.
func TestCommittedFixtureIsGenerated(t *testing.T) {
	want, err := CoordinatorReport()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := CoordinatorReport()
	if !bytes.Equal(want, again) {
		t.Fatal("two runs of the generator wrote different bytes")
	}
	path := filepath.Join("..", "..", "..", "ui", "e2e", "fixtures", "coordinator.pdf")
	if *writeFixtures {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is not what CoordinatorReport writes (%v); run go test ./loader/pdf/pdftest -write-fixtures", path, err)
	}
}
