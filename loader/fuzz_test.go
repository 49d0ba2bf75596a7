package loader

import (
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// FuzzReadHTML: any bytes as an .html article are read (or refused with an
// error) without panicking, and what is read is valid UTF-8 whose id is its
// content hash.
func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(`<html><head><title>Estonia hosts drill</title></head><body><article><h1>Estonia hosts drill</h1><p>Estonia hosted a NATO cyber defence exercise in Tallinn on Monday, officials said.</p><p>Related posts</p></article></body></html>`))
	f.Add([]byte(`<p>unclosed <b>bold <script>alert(1)</script>`))
	f.Add([]byte("\xff\xfe<html>"))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadArticle(fstest.MapFS{"a.html": {Data: data}}, "a.html", "a.html")
		if err != nil {
			return
		}
		if !utf8.ValidString(doc.Text) || doc.ID != graph.DocumentID(doc.Text) {
			t.Fatalf("bad document from %q: %+v", data, doc)
		}
	})
}
