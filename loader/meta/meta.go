// Package meta reads the metadata a journalist cites from a web page's own
// markup: title, publisher, author, publication date, canonical URL and
// language.
//
// Sources, best first (the first that gives a field wins):
//
//  1. JSON-LD (schema.org) objects of an article type, NewsArticle and its
//     kin first, including objects inside "@graph" and publishers given by
//     "@id" reference;
//  2. OpenGraph and article:* properties (og:title, og:site_name, og:url,
//     og:locale, article:published_time, article:author);
//  3. <meta name> tags used by news sites and libraries: author, citation_*,
//     DC.*/dcterms.*, parsely-*, pubdate, date, ...;
//  4. the page itself: <link rel=canonical>, <time datetime> (one marked
//     pubdate or inside the article first), <html lang>, <title>.
//
// Dates are returned as YYYY-MM-DD in the page's own time zone (a story
// stamped 2018-09-28T23:30-04:00 appeared on the 28th where it was
// published). URLs are resolved against the page's address and must be
// http(s); a fragment is dropped.
package meta

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Metadata is what a page says about itself. Empty fields were not found.
type Metadata struct {
	Title     string
	Publisher string
	// Author is the byline: several authors are joined with ", ".
	Author string
	// Published is YYYY-MM-DD (or YYYY-MM, YYYY when that is all the page says).
	Published    string
	CanonicalURL string
	// Language is a BCP 47 tag as the page gives it, lower-cased primary
	// subtag ("en", "en-GB").
	Language string
	// Type is the schema.org or OpenGraph type ("NewsArticle", "article",
	// "website"), for telling articles from other pages.
	Type string
	// PasswordField reports a password input on the page (a login form).
	PasswordField bool
}

// articleTypes are the schema.org types that describe a citable article,
// ranked: a page often carries a WebPage and a NewsArticle both.
var articleTypes = map[string]int{
	"NewsArticle": 1, "ReportageNewsArticle": 1, "AnalysisNewsArticle": 1, "OpinionNewsArticle": 1,
	"BackgroundNewsArticle": 1, "ReviewNewsArticle": 1, "AskPublicNewsArticle": 1,
	"Article": 2, "Report": 2, "ScholarlyArticle": 2, "BlogPosting": 2, "SocialMediaPosting": 3,
	"GovernmentPermit": 3, "LiveBlogPosting": 2, "TechArticle": 3, "WebPage": 4,
}

// Read parses an HTML page fetched from pageURL ("" when unknown) and
// returns its metadata. It never fails: an unparsable page has none.
func Read(html []byte, pageURL string) Metadata {
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return Metadata{}
	}
	return FromDocument(d, pageURL)
}

// FromDocument is Read for an already parsed page.
func FromDocument(d *goquery.Document, pageURL string) Metadata {
	base, _ := url.Parse(pageURL)
	var m Metadata
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = clean(v)
		}
	}
	setURL := func(v string) {
		if m.CanonicalURL == "" {
			m.CanonicalURL = AbsURL(base, v)
		}
	}
	setDate := func(v string) {
		if m.Published == "" {
			m.Published = Date(v)
		}
	}

	// 1. JSON-LD.
	if ld, ok := bestLD(d); ok {
		set(&m.Type, str(ld.obj["@type"]))
		set(&m.Title, firstStr(ld.obj["headline"], ld.obj["name"]))
		set(&m.Publisher, ld.name(ld.obj["publisher"]))
		set(&m.Author, ld.name(ld.obj["author"]))
		setDate(firstStr(ld.obj["datePublished"], ld.obj["dateCreated"]))
		setURL(firstStr(ld.obj["url"], ld.id(ld.obj["mainEntityOfPage"])))
		set(&m.Language, lang(str(ld.obj["inLanguage"])))
	}

	// 2. OpenGraph and article:*, 3. named meta tags.
	metas := map[string]string{}
	d.Find("meta").Each(func(_ int, s *goquery.Selection) {
		key, _ := s.Attr("property")
		if key == "" {
			key, _ = s.Attr("name")
		}
		if key == "" {
			key, _ = s.Attr("itemprop")
		}
		if key == "" {
			key, _ = s.Attr("http-equiv")
		}
		key = strings.ToLower(strings.TrimSpace(key))
		v, _ := s.Attr("content")
		if key != "" && strings.TrimSpace(v) != "" {
			if _, seen := metas[key]; !seen {
				metas[key] = v
			}
		}
	})
	pick := func(keys ...string) string {
		for _, k := range keys {
			if v := metas[k]; v != "" {
				return v
			}
		}
		return ""
	}
	set(&m.Type, pick("og:type"))
	set(&m.Title, pick("og:title", "twitter:title", "citation_title", "dc.title", "dcterms.title", "parsely-title", "headline"))
	set(&m.Publisher, pick("og:site_name", "citation_publisher", "dc.publisher", "dcterms.publisher", "citation_journal_title", "application-name", "publisher"))
	if a := pick("article:author", "author", "citation_author", "dc.creator", "dcterms.creator", "parsely-author", "byl", "sailthru.author"); a != "" && !looksLikeURL(a) {
		set(&m.Author, strings.TrimPrefix(strings.TrimPrefix(a, "By "), "by "))
	}
	setDate(pick("article:published_time", "datepublished", "citation_publication_date", "citation_date", "dc.date.issued",
		"dcterms.issued", "dc.date", "dcterms.created", "dcterms.date", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
		"publish-date", "date", "og:published_time", "article.published"))
	if u, ok := d.Find(`link[rel~="canonical"]`).First().Attr("href"); ok {
		setURL(u)
	}
	setURL(pick("og:url"))
	set(&m.Language, lang(strings.ReplaceAll(pick("og:locale"), "_", "-")))

	// 4. The page itself.
	if m.Published == "" {
		times := d.Find("time[pubdate], article time[datetime], time[itemprop=datePublished], time[datetime]")
		times.EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if v, ok := s.Attr("datetime"); ok {
				setDate(v)
			}
			return m.Published == ""
		})
	}
	if l, ok := d.Find("html").First().Attr("lang"); ok {
		set(&m.Language, lang(l))
	}
	set(&m.Language, lang(pick("content-language", "language", "dc.language")))
	set(&m.Title, d.Find("title").First().Text())
	m.PasswordField = d.Find(`input[type="password" i]`).Length() > 0
	return m
}

// ld is one JSON-LD object and the index of every object by @id (so a
// publisher given as {"@id": "#org"} can be named).
type ld struct {
	obj  map[string]any
	byID map[string]map[string]any
}

// bestLD finds the JSON-LD object of the best-ranked article type.
func bestLD(d *goquery.Document) (ld, bool) {
	var objs []map[string]any
	d.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		// Some sites leave trailing commas or HTML comments around the
		// JSON; such a block is skipped rather than guessed at.
		if err := json.Unmarshal([]byte(strings.TrimSpace(s.Text())), &v); err != nil {
			return
		}
		objs = flatten(v, objs, 0)
	})
	byID := map[string]map[string]any{}
	for _, o := range objs {
		if id := str(o["@id"]); id != "" {
			byID[id] = o
		}
	}
	best, rank := ld{}, 100
	for _, o := range objs {
		for _, t := range strs(o["@type"]) {
			if r, ok := articleTypes[t]; ok && r < rank {
				best, rank = ld{obj: o, byID: byID}, r
				best.obj["@type"] = t
			}
		}
	}
	return best, rank < 100
}

// flatten collects objects from arrays and @graph, to a bounded depth.
func flatten(v any, out []map[string]any, depth int) []map[string]any {
	if depth > 4 || len(out) > 200 {
		return out
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			out = flatten(e, out, depth+1)
		}
	case map[string]any:
		out = append(out, x)
		if g, ok := x["@graph"]; ok {
			out = flatten(g, out, depth+1)
		}
	}
	return out
}

// name gives the name(s) of a JSON-LD person or organization value: a
// string, an object with "name", an @id reference, or a list of these.
func (l ld) name(v any) string {
	var names []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch x := v.(type) {
		case string:
			if !looksLikeURL(x) {
				names = append(names, x)
			}
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			if n := str(x["name"]); n != "" {
				names = append(names, n)
			} else if ref, ok := l.byID[str(x["@id"])]; ok && depth < 2 {
				walk(ref, depth+1)
			}
		}
	}
	walk(v, 0)
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = clean(n)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

// id gives a JSON-LD value's @id, or the value when it is a string.
func (l ld) id(v any) string {
	if m, ok := v.(map[string]any); ok {
		return str(m["@id"])
	}
	return str(v)
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
	}
	return ""
}

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func firstStr(vs ...any) string {
	for _, v := range vs {
		if s := str(v); strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

var spaces = regexp.MustCompile(`\s+`)

func clean(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

func looksLikeURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "/")
}

// AbsURL resolves ref against base (nil: ref must be absolute) and keeps it
// only if it is an http(s) URL with a host; the fragment is dropped.
func AbsURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	return u.String()
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// lang keeps a plausible BCP 47 tag with its primary subtag lower-cased.
func lang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	if !langTag.MatchString(s) {
		return ""
	}
	parts := strings.Split(s, "-")
	parts[0] = strings.ToLower(parts[0])
	return strings.Join(parts, "-")
}

// dateLayouts are the forms dates take in page metadata.
var dateLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2006/01/02", "20060102", "January 2, 2006", "2 January 2006", "Jan 2, 2006", "2 Jan 2006",
}

var yearMonth = regexp.MustCompile(`^(\d{4})(-(0[1-9]|1[0-2]))?$`)

// Date turns a metadata date into YYYY-MM-DD (or YYYY-MM / YYYY when that is
// all it says), or "" when it is not a date.
func Date(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return ""
	}
	if yearMonth.MatchString(s) {
		return s
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1800 || t.Year() > 2200 {
				return ""
			}
			return t.Format("2006-01-02")
		}
	}
	return ""
}
