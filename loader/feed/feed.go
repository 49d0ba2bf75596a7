// Package feed reads RSS, Atom and JSON feeds (with github.com/mmcdole/gofeed)
// into the items the loader loads, within limits: a feed is a list of links
// that anyone can make as long as they like, with items as big as they like.
//
// Limits: at most MaxItems items are kept (the newest, by date; the rest are
// counted in Dropped), an item's own text is kept only up to MaxContentBytes
// (a bigger one is dropped and its page is fetched instead), items without
// a usable link or text are skipped with a reason, and items repeated in the
// feed (same link or GUID) are kept once. A feed with no items is an error,
// and so is one that is not well-formed.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/actorgraph/actorgraph/loader/meta"
)

// Limits of Parse.
const (
	MaxItems        = 500
	MaxContentBytes = 1 << 20
)

// Feed is a parsed feed.
type Feed struct {
	Title    string
	Link     string // the site's address
	Language string
	Type     string // "rss", "atom" or "json"
	Items    []Item
	// Dropped counts items over MaxItems; Skipped says why the items that
	// could not be used were left out.
	Dropped int
	Skipped []string
}

// Item is one entry of a feed.
type Item struct {
	Title string
	// Link is the item's page: an absolute http(s) URL, or "" when the item
	// carries its text only.
	Link string
	// GUID identifies the item across polls (its guid or id, else its link).
	GUID   string
	Author string
	// Published is YYYY-MM-DD in the feed's own time zone, or "".
	Published string
	// Content is the item's text as the feed gives it (usually HTML): the
	// full content when present, else the summary.
	Content string
}

// Error is a feed that cannot be read, and why.
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

// Parse reads a feed from data; base is where it was fetched from ("" for a
// file), for resolving relative links.
func Parse(data []byte, base string) (f *Feed, err error) {
	// A parser bug must not take the loader down with it: a panic on some
	// input is a refused feed, like malformed XML.
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &Error{Reason: fmt.Sprintf("malformed feed (the parser failed: %v)", r)}
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Reason: "the feed is empty"}
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, &Error{Reason: "not an RSS, Atom or JSON feed"}
		}
		return nil, &Error{Reason: "malformed feed: " + err.Error()}
	}
	baseURL, _ := url.Parse(base)
	out := &Feed{Title: clean(parsed.Title), Language: parsed.Language, Type: parsed.FeedType}
	out.Link = meta.AbsURL(baseURL, parsed.Link)
	if out.Link != "" {
		// Item links are relative to the site, when the feed names it.
		baseURL, _ = url.Parse(out.Link)
	}
	if len(parsed.Items) == 0 {
		return nil, &Error{Reason: "the feed has no items"}
	}
	items := parsed.Items
	if len(items) > MaxItems {
		// Keep the newest: a feed of thousands is an archive, and what is
		// new is what a newsroom wants first.
		sort.SliceStable(items, func(i, j int) bool { return itemTime(items[i]).After(itemTime(items[j])) })
		out.Dropped = len(items) - MaxItems
		items = items[:MaxItems]
	}
	seen := map[string]bool{}
	for i, it := range items {
		if it == nil {
			continue
		}
		item := Item{Title: clean(it.Title), Link: meta.AbsURL(baseURL, it.Link), Author: authors(it), Published: date(it)}
		item.GUID = strings.TrimSpace(it.GUID)
		if item.GUID == "" {
			item.GUID = item.Link
		}
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		name := fmt.Sprintf("item %d (%q)", i+1, truncate(item.Title, 60))
		if len(content) > MaxContentBytes {
			out.Skipped = append(out.Skipped, fmt.Sprintf("%s: its text is over %d bytes and was left out", name, MaxContentBytes))
			content = ""
		}
		item.Content = content
		if item.Link == "" && strings.TrimSpace(item.Content) == "" {
			out.Skipped = append(out.Skipped, name+": no http(s) link and no text")
			continue
		}
		key := item.GUID
		if key == "" {
			key = item.Title + "\x00" + item.Content
		}
		if seen[key] {
			out.Skipped = append(out.Skipped, name+": repeats an earlier item")
			continue
		}
		seen[key] = true
		out.Items = append(out.Items, item)
	}
	if len(out.Items) == 0 {
		return nil, &Error{Reason: fmt.Sprintf("none of the feed's %d items has a link or text", len(items))}
	}
	return out, nil
}

func itemTime(it *gofeed.Item) time.Time {
	if it == nil {
		return time.Time{}
	}
	if it.PublishedParsed != nil {
		return *it.PublishedParsed
	}
	if it.UpdatedParsed != nil {
		return *it.UpdatedParsed
	}
	return time.Time{}
}

// date prefers the date as the feed wrote it, in its own time zone (the
// parser's parsed times are in UTC: a story of 22:00 in New York would
// move to the next day).
func date(it *gofeed.Item) string {
	for _, s := range []string{it.Published, it.Updated} {
		if d := meta.Date(s); d != "" {
			return d
		}
	}
	t := itemTime(it)
	if t.IsZero() || t.Year() < 1800 || t.Year() > 2200 {
		return ""
	}
	return t.Format("2006-01-02")
}

func authors(it *gofeed.Item) string {
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, clean(p.Name))
		}
	}
	if len(names) == 0 && it.DublinCoreExt != nil {
		for _, c := range it.DublinCoreExt.Creator {
			if strings.TrimSpace(c) != "" {
				names = append(names, clean(c))
			}
		}
	}
	return strings.Join(names, ", ")
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
