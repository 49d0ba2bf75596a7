package loader

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/fetch"
)

// IsURL reports whether a command-line argument names a web address rather
// than a file.
func IsURL(arg string) bool {
	l := strings.ToLower(arg)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// readResponse reads a fetched body by what it is: the server's content
// type, or a look at the bytes when the server says nothing useful.
func readResponse(resp *fetch.Response) (graph.Document, error) {
	display := resp.Requested
	var ext string
	switch kind := sniff(resp); kind {
	case "pdf":
		doc, err := readPDF(resp.Body, display)
		if err != nil {
			return graph.Document{}, err
		}
		doc.Source, doc.URL = resp.Requested, resp.URL
		return doc, nil
	case "html":
		ext = ".html"
	case "text":
		ext = ".txt"
	case "markdown":
		ext = ".md"
	case "feed":
		return graph.Document{}, fmt.Errorf("%s: not an article: a feed (its items are loaded when the feed itself is given)", display)
	default:
		return graph.Document{}, fmt.Errorf("%s: not an article: the server sent %s (HTML, text, RSS/Atom feeds and PDF are read)", display, kind)
	}
	body, err := toUTF8(resp)
	if err != nil {
		return graph.Document{}, fmt.Errorf("%s: %w", display, err)
	}
	doc, err := readData(body, ext, display, resp.URL)
	if err != nil {
		return graph.Document{}, err
	}
	// Source is the address asked for (what a feed links to, so a watch
	// finds the item stored); URL is what to cite: the page's canonical
	// address when it names one, else where the redirects ended.
	doc.Source = resp.Requested
	if doc.URL == "" {
		doc.URL = resp.URL
	}
	return doc, nil
}

// sniff names the kind of a fetched body: "html", "text", "markdown", "feed",
// "pdf", or the content type when it is none of these.
func sniff(resp *fetch.Response) string {
	head := bytes.ToLower(bytes.TrimLeft(firstBytes(resp.Body, 512), " \t\r\n\ufeff"))
	switch {
	case bytes.HasPrefix(resp.Body, []byte("%PDF-")):
		return "pdf"
	case resp.ContentType == "application/pdf":
		return "pdf"
	case resp.ContentType == "application/rss+xml", resp.ContentType == "application/atom+xml",
		resp.ContentType == "application/feed+json":
		return "feed"
	case resp.ContentType == "text/html", resp.ContentType == "application/xhtml+xml":
		// Before sniffing for a feed: a page may mention "<feed" early on.
		return "html"
	case bytes.Contains(head, []byte("<rss")), bytes.Contains(head, []byte("<feed")), bytes.Contains(head, []byte("<rdf:rdf")):
		return "feed"
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.HasPrefix(head, []byte("<html")):
		return "html"
	case resp.ContentType == "text/markdown":
		return "markdown"
	case resp.ContentType == "text/plain":
		return "text"
	case resp.ContentType == "":
		return "a body of unknown type"
	}
	return resp.ContentType
}

func firstBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// toUTF8 decodes a body in the charset its server or its own <meta> names.
func toUTF8(resp *fetch.Response) ([]byte, error) {
	ct := resp.ContentType
	if resp.Charset != "" {
		ct += "; charset=" + resp.Charset
	}
	r, err := charset.NewReader(bytes.NewReader(resp.Body), ct)
	if err != nil {
		return nil, fmt.Errorf("decoding the page's text (%s): %w", resp.Charset, err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decoding the page's text (%s): %w", resp.Charset, err)
	}
	return out, nil
}
