package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/loader"
)

const article = `Estonia hosts cyber drill

Estonia hosted a NATO cyber defence exercise in Tallinn on Monday.

Officials said the drill tested responses to attacks on power grids.
`

const goodHead = `document:
  title: Estonia hosts cyber drill
entities:
  - id: event:drill
    kind: Event
    name: NATO cyber defence exercise
    quote: 'Estonia hosted a NATO cyber defence exercise'
`

// Each bad annotation file refuses its document with file:line:column and a
// reason a person can act on, and writes nothing at all.
func TestBadAnnotationsAreRefusedWithPosition(t *testing.T) {
	billion := "document:\n  title: &a x\nentities: []\n"
	for _, tc := range []struct {
		name string
		yaml string
		want string // "line:col: reason fragment"
	}{
		{"unknown field", goodHead + "claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted', colour: red}\n",
			`:9:89: unknown field "colour"`},
		{"unknown top-level field", "documnet:\n  title: x\n", `:1:1: unknown field "documnet"`},
		{"unknown kind", "entities:\n  - {id: x:1, kind: Spaceship, name: X}\n", `:2:21: entity "x:1": unknown kind "Spaceship"`},
		{"unknown relationship type", goodHead + "claims:\n  - subject: country:EE\n    type: HOSTED\n    object: event:drill\n    quote: 'Estonia hosted'\n",
			`:10:11: unknown relationship type "HOSTED"`},
		{"forbidden endpoints", goodHead + "claims:\n  - subject: event:drill\n    type: BLAMES\n    object: country:EE\n    quote: 'Estonia hosted'\n",
			`:9:14: event:drill -BLAMES-> country:EE: BLAMES cannot start at a Event`},
		{"quote not in text", goodHead + "claims:\n  - subject: country:EE\n    type: CONVENED\n    object: event:drill\n    quote: 'Estonia hosted a summit'\n",
			`:12:12: quote "Estonia hosted a summit" does not occur in the cleaned text`},
		{"quote with straight quotes where the text has none", goodHead + "claims:\n  - subject: country:EE\n    type: CONVENED\n    object: event:drill\n    quote: 'Estonia  hosted a NATO'\n",
			`:12:12: quote "Estonia  hosted a NATO" does not occur in the cleaned text of the article (it does with other spacing`},
		{"dangling entity", goodHead + "claims:\n  - subject: person:nobody\n    type: ATTENDED\n    object: event:drill\n    quote: 'Estonia hosted'\n",
			`:9:14: subject "person:nobody" is not declared under entities`},
		{"claim-node without quote", "entities:\n  - {id: event:x, kind: Event, name: X}\n", `:2:5: entity "event:x" is a Event, which is itself a claim`},
		{"malformed YAML", "document:\n  title: [unclosed\n", `:1:1: malformed YAML: did not find expected`},
		{"tab indentation", "document:\n\ttitle: x\n", `:2:1: malformed YAML: found character that cannot start any token`},
		{"wrong shape", "entities:\n  id: x\n", `:2:3: expected a list`},
		{"number expected", goodHead + "claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted', confidence: high}\n",
			`:9:101: expected a number, got "high"`},
		{"confidence out of range", goodHead + "claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted', confidence: 1.5}\n",
			`:9:101: confidence 1.5 is not between 0 and 1`},
		{"bad date", goodHead + "claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted', date: 2018-13-01}\n",
			`:9:95: date "2018-13-01" is not YYYY, YYYY-MM or YYYY-MM-DD`},
		{"bad modality", goodHead + "claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted', modality: maybe}\n",
			`:9:99: unknown modality "maybe"`},
		{"bad method", goodHead + "claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted', method: guessed}\n",
			`:9:97: method "guessed" must be "curated" or "rule:<name>@<version>"`},
		{"bad extraction mode", "document:\n  extraction: maybe\n", `:2:3: extraction "maybe": use off`},
		{"YAML aliases (billion laughs)", billion, `:2:10: YAML anchors and aliases`},
		{"invalid UTF-8", "", `:2:10: text is not valid UTF-8`},
		{"too large", "", `:1:1: file is`},
		{"empty file", "", `:1:1: file is empty`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.yaml)
			switch tc.name {
			case "invalid UTF-8":
				raw = []byte("document:\n  title: \xff\xfe bad\n")
			case "too large":
				raw = []byte("# " + strings.Repeat("x", 1<<20) + "\n")
			}
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "drill.txt"), []byte(article), 0o600)
			os.WriteFile(filepath.Join(dir, "drill.annotations.yaml"), raw, 0o600)
			ctx := context.Background()
			s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			l, _ := loader.New(s, nil)
			sum, err := l.LoadPaths(ctx, []string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Refused != 1 || len(sum.Errors) != 1 {
				t.Fatalf("want the document refused, got %+v", sum)
			}
			msg := sum.Errors[0].Error()
			wantFile := filepath.Join(dir, "drill.annotations.yaml")
			if !strings.HasPrefix(msg, wantFile+":") || !strings.Contains(msg, tc.want) {
				t.Fatalf("error\n  %s\nwant it to start with %s and contain %q", msg, wantFile, tc.want)
			}
			st, _ := s.Stats(ctx)
			if st.Documents != 0 || st.TotalNodes() != 0 || st.Evidence != 0 {
				t.Fatalf("a refused document wrote something: %+v", st)
			}
		})
	}
}

func TestGoodAnnotationLoadsAndInvalidArticleIsRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "drill.txt"), []byte(article), 0o600)
	os.WriteFile(filepath.Join(dir, "drill.annotations.yaml"), []byte(goodHead+
		"claims:\n  - {subject: country:EE, type: CONVENED, object: event:drill, quote: 'Estonia hosted'}\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("Title\n\nok \xc3\x28 broken"), 0o600)
	os.WriteFile(filepath.Join(dir, "orphan.annotations.yaml"), []byte("entities: []\n"), 0o600)
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var progress strings.Builder
	l, _ := loader.New(s, &progress)
	sum, err := l.LoadPaths(ctx, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 2 || sum.Refused != 1 || sum.New.Documents != 1 || len(sum.Warnings) != 1 {
		t.Fatalf("summary %+v\n%s", sum, progress.String())
	}
	if !strings.Contains(sum.Errors[0].Error(), "broken.txt:3:4: text is not valid UTF-8") {
		t.Fatalf("error %v", sum.Errors[0])
	}
	out := progress.String()
	for _, want := range []string{"[1/2]", "[2/2]", "refused", "orphan.annotations.yaml: annotation file without an article", "loaded 2 documents (1 refused)"} {
		if !strings.Contains(out, want) {
			t.Fatalf("progress lacks %q:\n%s", want, out)
		}
	}
	// The claim's evidence is the whole sentence around the quote.
	page, _ := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: []string{"country:EE"}})
	if len(page.Relationships) != 1 {
		t.Fatalf("claims %+v", page)
	}
	ev, _ := s.Evidence(ctx, []string{page.Relationships[0].ID})
	if got := ev[page.Relationships[0].ID][0].Quote; got != "Estonia hosted a NATO cyber defence exercise in Tallinn on Monday." {
		t.Fatalf("evidence %q", got)
	}
	// Strict stops at the first refusal.
	l.Strict = true
	sum, _ = l.LoadPaths(ctx, []string{dir})
	if sum.Documents != 1 || sum.Refused != 1 {
		t.Fatalf("strict summary %+v", sum)
	}
}
