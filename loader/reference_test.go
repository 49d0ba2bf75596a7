package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/loader"
)

// The reference data adds its sentence to a link an article already
// states, and leaves what the article said (method, confidence, date,
// modality) as it was; a link no article states is the reference's own.
func TestReferenceKeepsWhatArticlesSaid(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "unit.txt"), []byte("Unit named\n\nFancy Bear is a unit of the GRU, officials said in 2016.\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "unit.annotations.yaml"), []byte(`document:
  title: Unit named
claims:
  - {subject: org:apt28, type: PART_OF, object: org:ru-gru, quote: 'Fancy Bear is a unit of the GRU',
     method: 'rule:unit-of@1', confidence: 0.6, date: '2016', modality: alleged}
`), 0o600)
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := loader.New(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := l.LoadPaths(ctx, []string{dir}); err != nil || sum.Err() != nil {
		t.Fatalf("load: %v %v", err, sum.Errors)
	}
	for range 2 { // twice: a second reference load changes nothing either
		if _, err := l.LoadReference(ctx); err != nil {
			t.Fatal(err)
		}
	}
	stated, own := graph.ClaimID("org:apt28", graph.RelPartOf, "org:ru-gru"), graph.ClaimID("org:ru-gru", graph.RelPartOf, "country:RU")
	rels, err := s.RelationshipsByID(ctx, []string{stated, own})
	if err != nil || len(rels) != 2 {
		t.Fatalf("RelationshipsByID = %v, %v", rels, err)
	}
	ev, err := s.Evidence(ctx, []string{stated, own})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rels {
		switch r.ID {
		case stated:
			if r.Method != "rule:unit-of@1" || r.Confidence != 0.6 || r.Date != "2016" || r.Modality != graph.Alleged {
				t.Errorf("the article's claim after the reference load: method %s, confidence %v, date %q, modality %s; want the article's rule:unit-of@1, 0.6, 2016, alleged",
					r.Method, r.Confidence, r.Date, r.Modality)
			}
			if len(ev[stated]) != 2 {
				t.Errorf("the article's claim has %d pieces of evidence, want the article's and the reference's", len(ev[stated]))
			}
		case own:
			if r.Method != graph.MethodCurated || r.Confidence != 1 || len(ev[own]) != 1 {
				t.Errorf("the reference's own link: method %s, confidence %v, %d evidence", r.Method, r.Confidence, len(ev[own]))
			}
		}
	}
}
