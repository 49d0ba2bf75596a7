package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/clean"
	"github.com/actorgraph/actorgraph/loader/extract"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

// emptyStore is a BatchLookup of a store that holds nothing yet.
type emptyStore struct{}

func (emptyStore) StoredNodeKinds(context.Context, []string) (map[string]graph.NodeKind, error) {
	return map[string]graph.NodeKind{}, nil
}
func (emptyStore) StoredDocumentTexts(context.Context, []string) (map[string]string, error) {
	return map[string]string{}, nil
}
func (emptyStore) StoredRelationships(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}
func (emptyStore) SubjectsWithEvidence(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}

// FuzzExtract: whatever the text, extraction returns annotations (no
// error, no panic), their YAML decodes back, and the batch built from them
// passes every check a store makes before writing (ids, kinds, endpoints,
// verbatim quotes and offsets, evidence for every claim).
func FuzzExtract(f *testing.F) {
	// Paragraphs of the corpus, not whole articles: the fuzzer minimizes
	// every new input it finds, byte by byte, and small seeds keep that
	// quick.
	for _, glob := range []string{"../data/demo/*.txt", "../data/eval/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			paras := strings.Split(string(b), "\n\n")
			for i := 0; i+1 < len(paras) && i < 8; i += 2 {
				f.Add(paras[i] + "\n\n" + paras[i+1])
			}
		}
	}
	for _, s := range []string{
		"", "“", `"`, "Washington warns", "The U.S. The", "US sanctions Russia and names SVR as SolarWinds hackers",
		"“It is not just Russia. It is not just China,” Sullivan said. “It could be",
		"Officials from attended.", "the head of", "Lord", "a 2017 executive order", "accused China of",
		"Rob Strayer, the deputy assistant secretary for, told", "’s ’s ’s", "-- -- --", "Canada and Australia issued similar statements.",
	} {
		f.Add(s)
	}
	reg, err := resolve.Reference()
	if err != nil {
		f.Fatal(err)
	}
	x, err := extract.New(reg)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c := clean.Clean(raw)
		if strings.TrimSpace(c.Text) == "" {
			return
		}
		doc := graph.Document{ID: graph.DocumentID(c.Text), Text: c.Text, Title: c.Title, Source: "fuzz.txt"}
		got, err := x.Extract(doc)
		if err != nil {
			t.Fatalf("extract: %v", err)
		}
		out, err := extract.Encode(got, "fuzz")
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		back, err := annotation.Decode("fuzz.annotations.yaml", out)
		if err != nil {
			t.Fatalf("the extracted YAML does not decode: %v\n%s", err, out)
		}
		b, err := newBuilder(doc, back, reg).build()
		if err != nil {
			t.Fatalf("the extracted annotations do not build: %v\n%s", err, out)
		}
		nb, err := graph.NormalizeBatch(b)
		if err != nil {
			t.Fatalf("normalize: %v\n%s", err, out)
		}
		if err := graph.CheckBatch(context.Background(), nb, emptyStore{}); err != nil {
			t.Fatalf("a store would refuse the batch: %v\n%s", err, out)
		}
	})
}
