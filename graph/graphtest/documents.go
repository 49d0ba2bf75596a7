package graphtest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// plainDoc is a document with only text and the metadata given.
func plainDoc(text string, set func(*graph.Document)) graph.Document {
	d := graph.Document{ID: graph.DocumentID(text), Text: text}
	if set != nil {
		set(&d)
	}
	return d
}

// testDocumentMetadata: every field of a document round-trips (a PDF's
// pages, the byline, the language, the version superseded); written again,
// a document takes the new metadata where it is not empty and keeps the
// stored values where it is.
func testDocumentMetadata(t *testing.T, s graph.Store) {
	v1 := plainDoc("Page one of the report.\nPage two of the report.", func(d *graph.Document) {
		d.Title, d.Publisher, d.URL, d.Published = "Report", "State Department", "https://state.example/report", "2018-09-20"
		d.Source, d.Author, d.Language, d.Pages = "https://state.example/report.pdf", "Rob Strayer", "en", []int{0, 24}
	})
	v2 := plainDoc("Page one of the revised report.", func(d *graph.Document) {
		d.URL, d.Supersedes = v1.URL, v1.ID
	})
	upsert(t, s, graph.Batch{Documents: []graph.Document{v1, v2}})
	if got := documents(t, s, v1.ID, v2.ID); !reflect.DeepEqual(got, []graph.Document{v1, v2}) {
		t.Fatalf("Documents =\n%+v\nwant\n%+v", got, []graph.Document{v1, v2})
	}

	// The same text from a bare file: nothing the page said is lost.
	bare := plainDoc(v1.Text, func(d *graph.Document) { d.Source = "saved/report.txt" })
	if res := upsert(t, s, graph.Batch{Documents: []graph.Document{bare}}); res.Documents != 0 {
		t.Errorf("the same text written again counted %d new documents", res.Documents)
	}
	want := v1
	want.Source = "saved/report.txt"
	if got := documents(t, s, v1.ID); len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("after a bare rewrite = %+v\nwant %+v", got, want)
	}
	// New metadata replaces the old.
	changed := v1
	changed.Publisher, changed.Pages = "US State Department", []int{0, 10}
	upsert(t, s, graph.Batch{Documents: []graph.Document{changed}})
	if got := documents(t, s, v1.ID); len(got) != 1 || !reflect.DeepEqual(got[0], changed) {
		t.Errorf("after a rewrite with new metadata = %+v\nwant %+v", got, changed)
	}

	for _, bad := range []graph.Document{
		plainDoc("abc", func(d *graph.Document) { d.Pages = []int{1} }),
		plainDoc("abc", func(d *graph.Document) { d.Pages = []int{0, 2, 1} }),
		plainDoc("abc", func(d *graph.Document) { d.Pages = []int{0, 4} }),
		plainDoc("abc", func(d *graph.Document) { d.Supersedes = "not a document" }),
		plainDoc("abc", func(d *graph.Document) { d.Supersedes = d.ID }),
	} {
		_, err := s.Upsert(t.Context(), graph.Batch{Documents: []graph.Document{bad}})
		wantCode(t, "Upsert of a document with bad pages or supersedes", err, graph.CodeInvalid)
	}
}

// testListDocumentsFilters: ListDocuments keeps the documents of a
// publisher (any case), at a URL (or read from it), and published within
// a range compared at the coarser precision; Total counts what passes, and
// paging walks it once.
func testListDocumentsFilters(t *testing.T, s graph.Store) {
	mk := func(text, publisher, published, url, source string) graph.Document {
		return plainDoc(text, func(d *graph.Document) {
			d.Publisher, d.Published, d.URL, d.Source = publisher, published, url, source
		})
	}
	docs := []graph.Document{
		mk("one", "Nikkei Asia", "2018-09-28", "https://asia.nikkei.com/a", "https://asia.nikkei.com/a?rss"),
		mk("two", "nikkei asia", "2018-10", "https://asia.nikkei.com/b", ""),
		mk("three", "Fifth Domain", "2018", "https://fifthdomain.com/c", ""),
		mk("four", "Fifth Domain", "", "https://fifthdomain.com/d", ""),
		mk("five", "Nikkei Asia", "2019-01-02", "https://asia.nikkei.com/a", ""),
	}
	upsert(t, s, graph.Batch{Documents: docs})
	texts := func(q graph.ListDocumentsQuery) ([]string, int) {
		t.Helper()
		var out []string
		total := -1
		q.First = 2
		for range 10 {
			p, err := s.ListDocuments(t.Context(), q)
			if err != nil {
				t.Fatalf("ListDocuments(%+v): %v", q, err)
			}
			if total >= 0 && p.Total != total {
				t.Errorf("ListDocuments(%+v): Total changed from %d to %d between pages", q, total, p.Total)
			}
			total = p.Total
			for _, d := range p.Documents {
				if !q.Passes(d) {
					t.Errorf("ListDocuments(%+v) returned %q, which does not pass", q, d.Text)
				}
				out = append(out, d.Text)
			}
			if !p.HasMore {
				break
			}
			q.After = p.EndCursor
		}
		slices.Sort(out)
		return out, total
	}
	for _, c := range []struct {
		q    graph.ListDocumentsQuery
		want []string
	}{
		{graph.ListDocumentsQuery{}, []string{"five", "four", "one", "three", "two"}},
		{graph.ListDocumentsQuery{Publisher: "NIKKEI ASIA"}, []string{"five", "one", "two"}},
		{graph.ListDocumentsQuery{URL: "https://asia.nikkei.com/a"}, []string{"five", "one"}},
		{graph.ListDocumentsQuery{URL: "https://asia.nikkei.com/a?rss"}, []string{"one"}},
		{graph.ListDocumentsQuery{Since: "2018-10-01"}, []string{"five", "three", "two"}}, // "2018" touches October
		{graph.ListDocumentsQuery{Since: "2018-06", Until: "2018-12-31"}, []string{"one", "three", "two"}},
		{graph.ListDocumentsQuery{Until: "2018-09"}, []string{"one", "three"}},
		{graph.ListDocumentsQuery{Publisher: "Fifth Domain", Since: "2000"}, []string{"three"}},
		{graph.ListDocumentsQuery{Publisher: "Nobody"}, nil},
	} {
		got, total := texts(c.q)
		if !slices.Equal(got, c.want) || total != len(c.want) {
			t.Errorf("ListDocuments(%+v) = %q (Total %d), want %q", c.q, got, total, c.want)
		}
	}
	_, err := s.ListDocuments(t.Context(), graph.ListDocumentsQuery{Since: "2018-13"})
	wantCode(t, "ListDocuments with a bad date", err, graph.CodeInvalid)
}
