package meta

import "testing"

func TestRead(t *testing.T) {
	cases := []struct {
		name, html, url string
		want            Metadata
	}{
		{
			name: "JSON-LD NewsArticle in @graph with a publisher by @id wins over OpenGraph",
			url:  "https://asia.nikkei.com/Politics/x?utm_source=feed",
			html: `<html lang="en-GB"><head><title>Page title | Nikkei</title>
<meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","@id":"#org","name":"Nikkei Asia"},
 {"@type":"WebPage","name":"A page"},
 {"@type":["NewsArticle"],"headline":"US moves to rally allies","datePublished":"2018-09-28T23:30:00-04:00",
  "author":[{"@type":"Person","name":"Jane  Doe"},{"name":"John Roe"}],"publisher":{"@id":"#org"},
  "mainEntityOfPage":{"@id":"/Politics/x#main"},"inLanguage":"en-US"}]}</script></head><body></body></html>`,
			want: Metadata{Title: "US moves to rally allies", Publisher: "Nikkei Asia", Author: "Jane Doe, John Roe",
				Published: "2018-09-28", CanonicalURL: "https://asia.nikkei.com/Politics/x", Language: "en-US", Type: "NewsArticle"},
		},
		{
			name: "OpenGraph and meta tags",
			url:  "http://www.fifthdomain.com/a",
			html: `<html><head><meta property="og:title" content="NATO allies back offender doctrine">
<meta property="og:site_name" content="Fifth Domain"><meta property="og:url" content="https://www.FifthDomain.com/b#top">
<meta property="og:locale" content="en_US"><meta property="og:type" content="article">
<meta property="article:published_time" content="2018-10-04T12:00:00Z"><meta name="author" content="By Sam Smith">
<link rel="canonical" href="/canonical"></head></html>`,
			want: Metadata{Title: "NATO allies back offender doctrine", Publisher: "Fifth Domain", Author: "Sam Smith",
				Published: "2018-10-04", CanonicalURL: "http://www.fifthdomain.com/canonical", Language: "en-US", Type: "article"},
		},
		{
			name: "citation and Dublin Core tags of a report",
			html: `<html><head><meta name="citation_title" content="Cyber norms"><meta name="citation_publisher" content="State Department">
<meta name="citation_author" content="Rob Strayer"><meta name="citation_publication_date" content="2018/09/20">
<meta name="DC.language" content="fr"></head></html>`,
			want: Metadata{Title: "Cyber norms", Publisher: "State Department", Author: "Rob Strayer", Published: "2018-09-20", Language: "fr"},
		},
		{
			name: "only the page itself: title, time, lang; article:author that is a URL is no byline",
			url:  "https://example.org/news/1",
			html: `<html lang="DE"><head><title> Eine  Meldung </title><meta property="article:author" content="https://facebook.com/x"></head>
<body><time datetime="yesterday">x</time><article><time datetime="2019-03-01">1 March</time></article>
<form><input type="PASSWORD"></form></body></html>`,
			want: Metadata{Title: "Eine Meldung", Published: "2019-03-01", Language: "de", PasswordField: true},
		},
		{
			name: "broken JSON-LD is skipped, javascript: canonical is dropped",
			html: `<html><head><script type="application/ld+json">{"@type":"NewsArticle",}</script>
<link rel="canonical" href="javascript:alert(1)"><meta name="date" content="2018-11"></head></html>`,
			want: Metadata{Published: "2018-11"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Read([]byte(c.html), c.url); got != c.want {
				t.Errorf("Read =\n %+v\nwant\n %+v", got, c.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	for in, want := range map[string]string{
		"2018-09-28T23:30:00-04:00": "2018-09-28", "2018-09-28T03:30:00Z": "2018-09-28", "2018-09-28": "2018-09-28",
		"Fri, 28 Sep 2018 10:00:00 +0000": "2018-09-28", "September 28, 2018": "2018-09-28", "2018": "2018",
		"2018-13": "", "yesterday": "", "": "", "0001-01-01T00:00:00Z": "", "2018-09-28 10:00:00": "2018-09-28",
	} {
		if got := Date(in); got != want {
			t.Errorf("Date(%q) = %q, want %q", in, got, want)
		}
	}
}
