package loader_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/loader"
)

// failingStore fails its Nth write.
type failingStore struct {
	graph.Store
	n, writes int
}

func (f *failingStore) Upsert(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	f.writes++
	if f.writes == f.n {
		return graph.UpsertResult{}, graph.Internal("writing a batch", errors.New("disk I/O error"))
	}
	return f.Store.Upsert(ctx, b)
}

// When the store fails while a document is written, the error names that
// document, nothing of it is stored, and the other documents load.
func TestWriteFailureNamesTheDocument(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := synth.WriteArticles(dir, 5, 2); err != nil {
		t.Fatal(err)
	}
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, _ := loader.New(&failingStore{Store: s, n: 3}, nil)
	sum, err := l.LoadPaths(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Refused != 1 || sum.New.Documents != 4 || !strings.Contains(sum.Errors[0].Error(), "article-0002.txt") {
		t.Fatalf("summary %+v, errors %v", sum, sum.Errors)
	}
	if rep, err := s.Check(ctx); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check: %v %v", rep.Problems, err)
	}
	// Loading again completes the corpus.
	l, _ = loader.New(s, nil)
	sum, _ = l.LoadPaths(ctx, []string{dir})
	if sum.Refused != 0 || sum.New.Documents != 1 {
		t.Fatalf("reload %+v", sum)
	}
}
