package feed

import (
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzParse: no input makes Parse panic or hang, and what it returns keeps
// its promises (a feed has items, links are http(s), within the limits).
// Seeds: testdata/fuzz/FuzzParse and the test feeds.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/news.rss", "testdata/news.atom"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, "https://base.example/feed")
		if err != nil {
			if feed != nil {
				t.Fatal("a feed and an error")
			}
			return
		}
		if len(feed.Items) == 0 || len(feed.Items) > MaxItems {
			t.Fatalf("%d items", len(feed.Items))
		}
		for _, it := range feed.Items {
			if it.Link != "" && !(len(it.Link) > 7 && (it.Link[:7] == "http://" || it.Link[:8] == "https://")) {
				t.Fatalf("link %q", it.Link)
			}
			if len(it.Content) > MaxContentBytes {
				t.Fatalf("content of %d bytes", len(it.Content))
			}
			if it.Link == "" && it.Content == "" {
				t.Fatal("an item with neither link nor text")
			}
			_ = utf8.ValidString(it.Title)
		}
	})
}
