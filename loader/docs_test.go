package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/loader"
)

// The full example of docs/annotations.md must load as written.
func TestDocumentedExampleLoads(t *testing.T) {
	doc, err := os.ReadFile("../docs/annotations.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```(text|yaml)\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 2 {
		t.Fatal("docs/annotations.md lost its example")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "drill.txt"), []byte(blocks[len(blocks)-2][2]), 0o600)
	os.WriteFile(filepath.Join(dir, "drill.annotations.yaml"), []byte(blocks[len(blocks)-1][2]), 0o600)
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, _ := loader.New(s, nil)
	sum, err := l.LoadPaths(ctx, []string{dir})
	if err != nil || sum.Refused != 0 || sum.New.Relationships < 5 {
		t.Fatalf("example: %+v %v %v", sum, err, sum.Errors)
	}
}
