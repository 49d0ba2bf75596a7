package feed

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestParseRSS(t *testing.T) {
	data, err := os.ReadFile("testdata/news.rss")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data, "https://news.example/feeds/world.rss")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Example News — World" || f.Link != "https://news.example/" || f.Type != "rss" || f.Language != "en-us" {
		t.Errorf("feed = %+v", f)
	}
	want := []Item{
		{Title: "Allies back US on election hack", Link: "https://news.example/2018/09/allies-back-us", GUID: "ex-1001",
			Author: "Jane Doe", Published: "2018-09-28", Content: "<p>The United States blamed Russia for the cyber attack.</p>"},
		{Title: "Text only", Published: "2018-09-29", Content: "Estonia attended the ministerial."},
	}
	if len(f.Items) != len(want) {
		t.Fatalf("items = %+v", f.Items)
	}
	for i := range want {
		if want[i].GUID == "" {
			want[i].GUID = want[i].Link
		}
		if f.Items[i] != want[i] {
			t.Errorf("item %d =\n %+v\nwant\n %+v", i, f.Items[i], want[i])
		}
	}
	if len(f.Skipped) != 2 || !strings.Contains(f.Skipped[0], "repeats an earlier item") || !strings.Contains(f.Skipped[1], "no http(s) link and no text") {
		t.Errorf("skipped = %q", f.Skipped)
	}
}

func TestParseAtom(t *testing.T) {
	data, err := os.ReadFile("testdata/news.atom")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data, "")
	if err != nil {
		t.Fatal(err)
	}
	want := Item{Title: "Statement on cyber norms", Link: "https://ministry.example/statements/42", GUID: "urn:ministry:42",
		Author: "Press Office", Published: "2018-10-04", Content: "<p>The minister said norms do not enforce themselves.</p>"}
	if f.Type != "atom" || f.Title != "Ministry statements" || len(f.Items) != 1 || f.Items[0] != want {
		t.Errorf("feed = %+v", f)
	}
}

func TestParseRefusals(t *testing.T) {
	for _, c := range []struct{ name, data, want string }{
		{"empty", "  \n", "the feed is empty"},
		{"no items", `<rss version="2.0"><channel><title>x</title></channel></rss>`, "the feed has no items"},
		{"malformed XML", `<rss version="2.0"><channel><item><title>x</item></channel>`, "malformed feed"},
		{"HTML page", `<!doctype html><html><body>hello</body></html>`, "not an RSS, Atom or JSON feed"},
		{"no usable item", `<rss version="2.0"><channel><item><title>x</title><link>ftp://x/</link></item></channel></rss>`, "none of the feed's 1 items has a link or text"},
	} {
		_, err := Parse([]byte(c.data), "")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Parse = %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

// Entities a document type declares are not expanded (no "billion laughs").
func TestParseDoesNotExpandEntities(t *testing.T) {
	f, err := Parse([]byte(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`+
		`<rss version="2.0"><channel><item><title>&b;</title><description>x</description></item></channel></rss>`), "")
	if err != nil || f.Items[0].Title != "&b;" {
		t.Fatalf("Parse = %+v, %v", f, err)
	}
}

// A feed of thousands of entries keeps the newest MaxItems; an item whose
// text is over the limit keeps its link and loses its text.
func TestParseLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>Archive</title>`)
	n := MaxItems + 1500
	for i := 0; i < n; i++ {
		day := 1 + i%28
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://x.example/%d</link><pubDate>%s</pubDate></item>",
			i, i, fmt.Sprintf("Mon, %02d Jan %d 10:00:00 +0000", day, 2000+i/28))
	}
	fmt.Fprintf(&b, "<item><title>Huge</title><link>https://x.example/huge</link><pubDate>Mon, 01 Jan 2200 10:00:00 +0000</pubDate><description>%s</description></item>", strings.Repeat("a", MaxContentBytes+1))
	b.WriteString(`</channel></rss>`)
	f, err := Parse([]byte(b.String()), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != MaxItems || f.Dropped != n+1-MaxItems {
		t.Fatalf("%d items, %d dropped", len(f.Items), f.Dropped)
	}
	if f.Items[0].Title != "Huge" || f.Items[0].Content != "" || !strings.Contains(f.Skipped[0], "over 1048576 bytes") {
		t.Errorf("first item %+v, skipped %q", f.Items[0], f.Skipped)
	}
	if f.Items[1].Title != fmt.Sprintf("Item %d", n-1) {
		t.Errorf("second item is %q, want the newest", f.Items[1].Title)
	}
}
