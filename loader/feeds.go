package loader

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/feed"
)

// feedEntry is one item of a feed, with what the feed says around it.
type feedEntry struct {
	item      feed.Item
	feedTitle string
	feedURL   string // where the feed was read from
	language  string
}

// expansion is what a feed turns into: its items, to load next.
type expansion struct {
	items    []item
	summary  string
	warnings []string
}

// isFeedFile reports whether a file name says it holds a feed.
func isFeedFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".rss", ".atom", ".xml":
		return true
	}
	return false
}

// read gets one item's document, or, for a feed, the items to load instead.
func (l *Loader) read(ctx context.Context, it item) (graph.Document, *expansion, []string, error) {
	switch {
	case it.feed != nil:
		doc, warns, err := l.readFeedItem(ctx, it)
		return doc, nil, warns, err
	case it.url != "":
		if l.Fetcher == nil {
			return graph.Document{}, nil, nil, fmt.Errorf("%s: fetching web addresses is not enabled in this loader", it.display)
		}
		resp, err := l.Fetcher.Get(ctx, it.url, nil)
		if err != nil {
			return graph.Document{}, nil, nil, err
		}
		if sniff(resp) == "feed" {
			exp, err := expandFeed(resp.Body, resp.URL, it.display)
			return graph.Document{}, exp, nil, err
		}
		doc, err := readResponse(resp)
		return doc, nil, nil, err
	case isFeedFile(it.name):
		data, err := readLimited(it.fsys, it.name, MaxArticleSize)
		if err != nil {
			return graph.Document{}, nil, nil, fmt.Errorf("%s: %w", it.display, err)
		}
		exp, err := expandFeed(data, "", it.display)
		return graph.Document{}, exp, nil, err
	}
	doc, err := readArticle(ctx, it)
	return doc, nil, nil, err
}

// expandFeed parses a feed into items to load.
func expandFeed(data []byte, base, display string) (*expansion, error) {
	f, err := feed.Parse(data, base)
	if err != nil {
		return nil, fmt.Errorf("%s: feed not loaded: %w", display, err)
	}
	exp := &expansion{summary: fmt.Sprintf("%s feed %q, %d items", f.Type, f.Title, len(f.Items))}
	if f.Dropped > 0 {
		exp.warnings = append(exp.warnings, fmt.Sprintf("%s: %d older items over the limit of %d items a feed were not loaded", display, f.Dropped, feed.MaxItems))
	}
	for _, s := range f.Skipped {
		exp.warnings = append(exp.warnings, display+": "+s)
	}
	for _, fi := range f.Items {
		d := QuoteName(fi.Link)
		if d == "" {
			// An item without a page is named by its title (its position
			// would not match the feed's, where skipped items count).
			d = fmt.Sprintf("%s, item %q", display, fi.Title)
		}
		e := &feedEntry{item: fi, feedTitle: f.Title, feedURL: base, language: f.Language}
		if base == "" {
			e.feedURL = display
		}
		exp.items = append(exp.items, item{url: fi.Link, display: d, feed: e})
	}
	return exp, nil
}

// readFeedItem loads an item's page and completes its metadata from the
// feed; when the page cannot be had (no link, a failed fetch, not an
// article), the feed's own text of the item is loaded instead, with a
// warning.
func (l *Loader) readFeedItem(ctx context.Context, it item) (graph.Document, []string, error) {
	e := it.feed
	var warns []string
	var doc graph.Document
	var pageErr error
	if e.item.Link != "" && l.Fetcher != nil {
		resp, err := l.Fetcher.Get(ctx, e.item.Link, nil)
		if err == nil {
			doc, err = readResponse(resp)
		}
		if ctx.Err() != nil {
			return graph.Document{}, nil, ctx.Err()
		}
		pageErr = err
	}
	if doc.ID == "" {
		if strings.TrimSpace(e.item.Content) == "" {
			if pageErr != nil {
				return graph.Document{}, nil, pageErr
			}
			return graph.Document{}, nil, fmt.Errorf("%s: the feed gives no text for this item and its page was not fetched", it.display)
		}
		if pageErr != nil {
			warns = append(warns, fmt.Sprintf("%s: the page was not loaded (%v); the feed's text of the item is loaded instead", it.display, pageErr))
		}
		text := e.item.Title + "\n\n" + htmlText(e.item.Content)
		var err error
		if doc, err = readData([]byte(text), ".txt", it.display, ""); err != nil {
			return graph.Document{}, warns, err
		}
		doc.Title, doc.URL, doc.Source = e.item.Title, e.item.Link, e.feedURL
	}
	// The page's own metadata wins; the feed fills the gaps.
	doc.Title = firstNonEmpty(doc.Title, e.item.Title)
	doc.Publisher = firstNonEmpty(doc.Publisher, e.feedTitle)
	doc.Published = firstNonEmpty(doc.Published, e.item.Published)
	doc.Author = firstNonEmpty(doc.Author, e.item.Author)
	doc.Language = firstNonEmpty(doc.Language, e.language)
	if !graph.ValidDate(doc.Published) {
		doc.Published = ""
	}
	return doc, warns, nil
}

// htmlText turns a feed item's HTML (or plain text) into paragraphs.
func htmlText(s string) string {
	d, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		return s
	}
	d.Find("script, style, iframe, object, embed").Remove()
	var paras []string
	d.Find("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td").Each(func(_ int, sel *goquery.Selection) {
		if sel.Find("p, li, blockquote").Length() > 0 {
			return // its inner blocks are paragraphs of their own
		}
		if t := strings.Join(strings.Fields(sel.Text()), " "); t != "" {
			paras = append(paras, t)
		}
	})
	if len(paras) == 0 {
		return d.Text()
	}
	return strings.Join(paras, "\n\n")
}
