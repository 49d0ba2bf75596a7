package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// newsPage is an article page as news sites write them: JSON-LD
// NewsArticle metadata, a canonical URL that is not the address fetched,
// and page furniture around the story.
const newsPage = `<!doctype html>
<html lang="en"><head><title>Allies back US on election hack | Example News</title>
<link rel="canonical" href="https://news.example/2018/09/allies-back-us">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Allies back US on election hack","datePublished":"2018-09-28T18:00:00-04:00",
 "author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"Example News"}}</script>
</head><body><nav>Home | World | Sign in</nav><article><h1>Allies back US on election hack</h1>
<p>The United States blamed Russia for the cyber attack on the midterm elections, officials said on Friday.</p>
<p>Estonia attended the ministerial that the United States convened in New York on the sidelines of the General Assembly.</p>
<p>Diplomats said the meeting was the first of its kind and that more countries were expected to join the effort next year.</p>
</article><footer>Related posts</footer></body></html>`

const loginPage = `<html><head><title>Sign in</title></head><body><h1>Subscriber access</h1>
<p>Sign in to continue reading this article.</p><form><input type="email"><input type="password"></form></body></html>`

// newsSite serves the pages the ingestion tests fetch; pages can be
// changed while it runs.
type newsSite struct {
	*httptest.Server
	mu    sync.Mutex
	pages map[string]page
	hits  map[string]int
}

type page struct {
	contentType string
	body        string
}

func startNewsSite(t *testing.T) *newsSite {
	s := &newsSite{pages: map[string]page{}, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		p, ok := s.pages[r.URL.Path]
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", p.contentType)
		fmt.Fprint(w, p.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) set(path, contentType, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = page{contentType, body}
}

// exportedDocuments reads the documents of a store through `export`.
func exportedDocuments(t *testing.T, db string) []map[string]any {
	t.Helper()
	out, errOut, code := runBin(t, nil, "export", "--db", db)
	if code != 0 {
		t.Fatalf("export: %d\n%s", code, errOut)
	}
	var docs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if m["type"] == "document" {
			docs = append(docs, m)
		}
	}
	return docs
}

// A web page loads with the metadata of its JSON-LD and canonical link;
// an error page and a login wall are refused with their URL and reason
// while the article loads; loading again adds nothing.
func TestLoadURL(t *testing.T) {
	site := startNewsSite(t)
	site.set("/world/allies", "text/html; charset=utf-8", newsPage)
	site.set("/premium/story", "text/html", loginPage)
	db := filepath.Join(t.TempDir(), "g.db")

	_, errOut, code := runBin(t, nil, "load", "--db", db, "--allow-private",
		site.URL+"/world/allies", site.URL+"/gone", site.URL+"/premium/story")
	if code != 1 {
		t.Fatalf("load: exit %d, want 1 (two refused)\n%s", code, errOut)
	}
	for _, want := range []string{
		site.URL + "/gone: refused: " + site.URL + "/gone: the server answered 404 Not Found (no page at this address)",
		site.URL + "/premium/story: refused: " + site.URL + "/premium/story: not an article: looks like a login wall",
		"loaded 3 documents (2 refused): 1 new documents",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("load output lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "cannot be cited") {
		t.Errorf("a page with a publisher and a date was warned about:\n%s", errOut)
	}
	docs := exportedDocuments(t, db)
	if len(docs) != 1 {
		t.Fatalf("%d documents stored, want 1: %v", len(docs), docs)
	}
	d := docs[0]
	for k, want := range map[string]string{
		"title": "Allies back US on election hack", "publisher": "Example News", "published": "2018-09-28",
		"url": "https://news.example/2018/09/allies-back-us", "source": site.URL + "/world/allies",
	} {
		if d[k] != want {
			t.Errorf("document %s = %q, want %q", k, d[k], want)
		}
	}
	text, _ := d["text"].(string)
	if !strings.Contains(text, "The United States blamed Russia") || strings.Contains(text, "Related posts") || strings.Contains(text, "Sign in") {
		t.Errorf("stored text is not the article alone:\n%s", text)
	}

	_, errOut, code = runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/world/allies")
	if code != 0 || !strings.Contains(errOut, "loaded 1 documents (0 refused): 0 new documents, 0 new nodes, 0 new claims, 0 new evidence") {
		t.Fatalf("second load: exit %d\n%s", code, errOut)
	}
}

// Without --allow-private the loopback test server is refused: the SSRF
// guard is on by default, for a name (localhost) as for an address.
func TestLoadURLRefusesLoopbackByDefault(t *testing.T) {
	site := startNewsSite(t)
	site.set("/world/allies", "text/html", newsPage)
	db := filepath.Join(t.TempDir(), "g.db")
	byName := strings.Replace(site.URL, "127.0.0.1", "localhost", 1) + "/world/allies"
	_, errOut, code := runBin(t, nil, "load", "--db", db, site.URL+"/world/allies", byName)
	if code != 1 || strings.Count(errOut, "is a loopback address (refused unless private addresses are allowed)") != 2 {
		t.Fatalf("load: exit %d, want both URLs refused as loopback\n%s", code, errOut)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if site.hits["/world/allies"] != 0 {
		t.Errorf("the refused server was asked %d times", site.hits["/world/allies"])
	}
}

// A page without a publisher or a date loads with a warning that says so.
func TestLoadWarnsWithoutPublisherOrDate(t *testing.T) {
	site := startNewsSite(t)
	site.set("/bare", "text/html", `<html><head><title>Ministers meet</title></head><body><article><p>The United States blamed Russia for the cyber attack on the midterm elections, officials said on Friday.</p></article></body></html>`)
	_, errOut, code := runBin(t, nil, "load", "--db", filepath.Join(t.TempDir(), "g.db"), "--allow-private", site.URL+"/bare")
	want := "warning: " + site.URL + "/bare: no publisher and no publication date (the page does not say): its evidence cannot be cited in full"
	if code != 0 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "; 1 without publisher or date") {
		t.Fatalf("load: exit %d, want the warning %q\n%s", code, want, errOut)
	}
}
