package loader

import (
	"testing"

	"github.com/actorgraph/actorgraph/loader/fetch"
)

// What a fetched body is read as: the server's content type first, the
// bytes when it says nothing useful (feeds are often served as text/xml).
func TestSniff(t *testing.T) {
	for _, c := range []struct {
		ct, body, want string
	}{
		{"text/html", `<html><head><link rel="alternate" href="/feed"><title>a <feed> of news</title>`, "html"},
		{"text/xml", `<?xml version="1.0"?><rss version="2.0">`, "feed"},
		{"application/xml", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`, "feed"},
		{"application/rss+xml", `not even xml`, "feed"},
		{"application/octet-stream", "%PDF-1.4\n", "pdf"},
		{"application/pdf", "", "pdf"},
		{"", "<!DOCTYPE html><html>", "html"},
		{"text/plain", "Just text.", "text"},
		{"text/markdown", "# Title", "markdown"},
		{"image/png", "\x89PNG", "image/png"},
		{"", "\x00\x01", "a body of unknown type"},
	} {
		if got := sniff(&fetch.Response{ContentType: c.ct, Body: []byte(c.body)}); got != c.want {
			t.Errorf("sniff(%q, %q) = %q, want %q", c.ct, c.body, got, c.want)
		}
	}
}
