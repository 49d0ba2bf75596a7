package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/loader/pdf/pdftest"
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

// exportedDocuments reads the documents of a store through `export`, but
// the reference data's, which every load writes after the articles.
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
		if m["type"] == "document" && m["source"] != "reference:actorgraph-organizations" {
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

// articlePage is a page with no metadata of its own: the feed supplies it.
func articlePage(title, body string) string {
	return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + body + "</p></article></body></html>"
}

func rssFeed(items ...string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>` +
		strings.Join(items, "") + `</channel></rss>`
}

func rssItem(link, title, date string) string {
	return "<item><title>" + title + "</title><link>" + link + "</link><guid>" + link + "</guid><pubDate>" + date + "</pubDate></item>"
}

const (
	sentence1 = "The United States blamed Russia for the cyber attack on the midterm elections, officials said on Friday."
	sentence2 = "Estonia attended the ministerial that the United States convened in New York on the sidelines of the General Assembly."
	sentence3 = "Washington warned Russia, China and North Korea of the consequences of cyberattacks against its allies."
)

// An RSS and an Atom feed load their items, the feed's metadata completing
// the pages'; an item whose page is gone loads the feed's own text, with a
// warning; loading the feeds again adds nothing.
func TestLoadFeeds(t *testing.T) {
	site := startNewsSite(t)
	site.set("/a1", "text/html", articlePage("Russia blamed", sentence1))
	site.set("/a2", "text/html", articlePage("Ministerial held", sentence2))
	site.set("/world.rss", "application/rss+xml", rssFeed(
		rssItem(site.URL+"/a1", "Russia blamed", "Fri, 28 Sep 2018 10:00:00 +0000"),
		rssItem(site.URL+"/a2", "Ministerial held", "Sat, 29 Sep 2018 10:00:00 +0000")))
	site.set("/statements.atom", "application/atom+xml", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Ministry statements</title><id>urn:m</id><updated>2018-10-04T12:00:00Z</updated>
<entry><title>Statement on deterrence</title><id>urn:m:1</id><link href="`+site.URL+`/removed"/>
<published>2018-10-04T09:00:00+02:00</published><content type="html">&lt;p&gt;`+sentence3+`&lt;/p&gt;</content></entry></feed>`)
	db := filepath.Join(t.TempDir(), "g.db")

	_, errOut, code := runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/world.rss", site.URL+"/statements.atom")
	if code != 0 {
		t.Fatalf("load: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{
		`/world.rss: rss feed "Example News", 2 items`,
		`/statements.atom: atom feed "Ministry statements", 1 items`,
		"/removed: the page was not loaded (" + site.URL + "/removed: the server answered 404 Not Found (no page at this address)); the feed's text of the item is loaded instead",
		"loaded 3 documents (0 refused): 3 new documents",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("load output lacks %q:\n%s", want, errOut)
		}
	}
	byTitle := map[string]map[string]any{}
	for _, d := range exportedDocuments(t, db) {
		byTitle[d["title"].(string)] = d
	}
	for title, want := range map[string][3]string{
		"Russia blamed":           {"Example News", "2018-09-28", site.URL + "/a1"},
		"Ministerial held":        {"Example News", "2018-09-29", site.URL + "/a2"},
		"Statement on deterrence": {"Ministry statements", "2018-10-04", site.URL + "/removed"},
	} {
		d := byTitle[title]
		if d == nil || d["publisher"] != want[0] || d["published"] != want[1] || d["url"] != want[2] {
			t.Errorf("document %q = %v, want publisher, date, url %q", title, d, want)
		}
	}
	if text, _ := byTitle["Statement on deterrence"]["text"].(string); !strings.Contains(text, sentence3) {
		t.Errorf("the feed's text was not loaded: %q", text)
	}

	_, errOut, code = runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/world.rss", site.URL+"/statements.atom")
	if code != 0 || !strings.Contains(errOut, "loaded 3 documents (0 refused): 0 new documents, 0 new nodes, 0 new claims, 0 new evidence") {
		t.Fatalf("second load: exit %d\n%s", code, errOut)
	}
}

// Bad feeds are refused with the reason, and nothing of them is stored.
func TestLoadBadFeeds(t *testing.T) {
	site := startNewsSite(t)
	site.set("/empty.rss", "application/rss+xml", rssFeed())
	site.set("/broken.rss", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</item>`)
	db := filepath.Join(t.TempDir(), "g.db")
	_, errOut, code := runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/empty.rss", site.URL+"/broken.rss")
	if code != 1 {
		t.Fatalf("load: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"/empty.rss: feed not loaded: the feed has no items", "/broken.rss: feed not loaded: malformed feed", "0 new documents"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("load output lacks %q:\n%s", want, errOut)
		}
	}
}

// watched is a running `actorgraph watch` and the lines it logged.
type watched struct {
	t     *testing.T
	cmd   *exec.Cmd
	lines chan string
	log   []string
}

func startWatch(t *testing.T, args ...string) *watched {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"watch"}, args...)...)
	cmd.Env = hermeticEnv()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	w := &watched{t: t, cmd: cmd, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	return w
}

// waitFor reads log lines until one contains want.
func (w *watched) waitFor(want string) {
	w.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-w.lines:
			if !ok {
				w.t.Fatalf("watch ended before %q:\n%s", want, strings.Join(w.log, "\n"))
			}
			w.log = append(w.log, l)
			if strings.Contains(l, want) {
				return
			}
		case <-deadline:
			w.t.Fatalf("no %q within 20 s:\n%s", want, strings.Join(w.log, "\n"))
		}
	}
}

// stop sends SIGTERM and checks that watch says so and exits 0.
func (w *watched) stop() string {
	w.t.Helper()
	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		w.t.Fatal(err)
	}
	w.waitFor("msg=stopped")
	for l := range w.lines {
		w.log = append(w.log, l)
	}
	if err := w.cmd.Wait(); err != nil {
		w.t.Fatalf("watch did not exit cleanly: %v\n%s", err, strings.Join(w.log, "\n"))
	}
	return strings.Join(w.log, "\n")
}

// watch loads a feed's items, picks up an item added later without loading
// the first again, and stops cleanly on SIGTERM.
func TestWatch(t *testing.T) {
	site := startNewsSite(t)
	site.set("/a1", "text/html", articlePage("Russia blamed", sentence1))
	site.set("/a2", "text/html", articlePage("Ministerial held", sentence2))
	item1 := rssItem(site.URL+"/a1", "Russia blamed", "Fri, 28 Sep 2018 10:00:00 +0000")
	site.set("/world.rss", "application/rss+xml", rssFeed(item1))
	db := filepath.Join(t.TempDir(), "g.db")

	w := startWatch(t, "--db", db, "--allow-private", "--every", "1s", site.URL+"/world.rss")
	w.waitFor(`msg=loaded url=` + site.URL + `/a1 title="Russia blamed" publisher="Example News" published=2018-09-28`)
	site.set("/world.rss", "application/rss+xml", rssFeed(rssItem(site.URL+"/a2", "Ministerial held", "Sat, 29 Sep 2018 10:00:00 +0000"), item1))
	w.waitFor(`msg=loaded url=` + site.URL + `/a2 title="Ministerial held"`)
	// One more poll, so a reload of a1 would have shown.
	site.mu.Lock()
	polls := site.hits["/world.rss"]
	site.mu.Unlock()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		site.mu.Lock()
		n := site.hits["/world.rss"]
		site.mu.Unlock()
		if n > polls {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the feed was not polled again")
		}
	}
	all := w.stop()
	if n := strings.Count(all, "url="+site.URL+"/a1 "); n != 1 {
		t.Errorf("item 1 logged %d times, want once:\n%s", n, all)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if site.hits["/a1"] != 1 {
		t.Errorf("the page of item 1 was fetched %d times, want once", site.hits["/a1"])
	}
	if docs := exportedDocuments(t, db); len(docs) != 2 {
		t.Errorf("%d documents stored, want 2", len(docs))
	}
	site.mu.Unlock()

	// A second watch finds both items stored and fetches neither page.
	again := exec.Command(binPath, "watch", "--db", db, "--allow-private", "--every", "1s", site.URL+"/world.rss")
	again.Env = hermeticEnv()
	var out strings.Builder
	again.Stderr = &out
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Process.Kill(); again.Wait() })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		site.mu.Lock()
		n := site.hits["/world.rss"]
		site.mu.Unlock()
		if n >= polls+3 { // at least two polls of the second watch
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the second watch did not poll twice")
		}
	}
	again.Process.Signal(syscall.SIGTERM)
	if err := again.Wait(); err != nil {
		t.Fatalf("second watch: %v\n%s", err, out.String())
	}
	site.mu.Lock()
	if site.hits["/a1"] != 1 || site.hits["/a2"] != 1 || strings.Contains(out.String(), "msg=loaded") {
		t.Errorf("after a restart the pages were fetched again (a1 %d, a2 %d times):\n%s", site.hits["/a1"], site.hits["/a2"], out.String())
	}
}

// gql posts a GraphQL query to a running server and returns its data.
func gql(t *testing.T, base, query string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any
		Errors []any
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("query %s: %v %v", query, err, out.Errors)
	}
	return out.Data
}

// evidenceOf counts, in an export, the evidence pointing into each document.
func evidenceOf(t *testing.T, db string) map[string][]string {
	t.Helper()
	out, _, code := runBin(t, nil, "export", "--db", db)
	if code != 0 {
		t.Fatal("export failed")
	}
	ev := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) == nil && m["type"] == "evidence" {
			ev[m["document"].(string)] = append(ev[m["document"].(string)], m["quote"].(string))
		}
	}
	return ev
}

// A page whose text changed loads as a second version of its document: the
// first keeps its evidence, the second supersedes it, the API lists both
// under the URL with their citation, and loading the page again adds
// nothing.
func TestUpdatedPageBecomesAVersion(t *testing.T) {
	site := startNewsSite(t)
	site.set("/story", "text/html", newsPage)
	db := filepath.Join(t.TempDir(), "g.db")
	if _, errOut, code := runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/story"); code != 0 {
		t.Fatalf("first load: %d\n%s", code, errOut)
	}
	first := exportedDocuments(t, db)[0]["id"].(string)
	before := evidenceOf(t, db)[first]
	if len(before) == 0 {
		t.Fatal("the first version has no evidence")
	}

	updated := strings.Replace(newsPage, "<p>Diplomats said", "<p>"+sentence3+"</p>\n<p>Diplomats said", 1)
	site.set("/story", "text/html", updated)
	const canonical = "https://news.example/2018/09/allies-back-us"
	_, errOut, code := runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/story")
	if code != 0 || !strings.Contains(errOut, "version 2 of "+canonical+", superseding "+first) || !strings.Contains(errOut, ": 1 new documents") {
		t.Fatalf("second load: %d\n%s", code, errOut)
	}
	_, errOut, code = runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/story")
	if code != 0 || !strings.Contains(errOut, ": 0 new documents, 0 new nodes, 0 new claims, 0 new evidence") || strings.Contains(errOut, "version 3") {
		t.Fatalf("third load (unchanged page): %d\n%s", code, errOut)
	}
	after := evidenceOf(t, db)
	if !slices.Equal(after[first], before) {
		t.Errorf("the first version's evidence changed:\nbefore %q\nafter  %q", before, after[first])
	}

	base, _, _ := startServe(t, "--db", db)
	data := gql(t, base, `{ documents(where: {url: "`+canonical+`"}) { totalCount edges { node {
		id citation author language supersedes { id } supersededBy { id } versions { id } evidence { quote } } } } }`)
	conn := data["documents"].(map[string]any)
	edges := conn["edges"].([]any)
	if conn["totalCount"].(float64) != 2 || len(edges) != 2 {
		t.Fatalf("documents at the URL: %v", conn)
	}
	nodes := map[string]map[string]any{}
	var second string
	for _, e := range edges {
		n := e.(map[string]any)["node"].(map[string]any)
		nodes[n["id"].(string)] = n
		if n["id"] != first {
			second = n["id"].(string)
		}
	}
	v1, v2 := nodes[first], nodes[second]
	if v2["supersedes"].(map[string]any)["id"] != first || v1["supersedes"] != nil || v1["supersededBy"].(map[string]any)["id"] != second {
		t.Errorf("version links: v1 %v, v2 %v", v1, v2)
	}
	for _, n := range []map[string]any{v1, v2} {
		vs := n["versions"].([]any)
		if len(vs) != 2 || vs[0].(map[string]any)["id"] != first || vs[1].(map[string]any)["id"] != second {
			t.Errorf("versions of %s = %v, want [%s %s]", n["id"], vs, first, second)
		}
		if n["citation"] != "Example News, 28 September 2018, "+canonical || n["author"] != "Jane Doe" || n["language"] != "en" {
			t.Errorf("metadata of %s: %v", n["id"], n)
		}
	}
	if len(v1["evidence"].([]any)) != len(before) {
		t.Errorf("the API shows %d evidence for the first version, want %d", len(v1["evidence"].([]any)), len(before))
	}
	for q, want := range map[string]float64{
		`{publisher: "EXAMPLE NEWS", since: "2018-09"}`: 2,
		`{until: "2018-08"}`:                            0,
		`{publisher: "Nikkei Asia"}`:                    0,
	} {
		d := gql(t, base, `{ documents(where: `+q+`) { totalCount } }`)
		if got := d["documents"].(map[string]any)["totalCount"].(float64); got != want {
			t.Errorf("documents(where: %s) = %v, want %v", q, got, want)
		}
	}
}

// A generated PDF loads from a URL and from a file with page numbers on its
// evidence; a PDF without a text layer is refused with that reason.
func TestLoadPDF(t *testing.T) {
	report, err := pdftest.Generate("Cyber deterrence report", "Office of the Coordinator for Cyber Issues",
		[]string{"The State Department published this report on Thursday, after a year of consultations with allies."},
		[]string{"Officials reviewed the attacks of the past year in detail and with the help of allied services.", sentence1},
		[]string{sentence2})
	if err != nil {
		t.Fatal(err)
	}
	scan, err := pdftest.Generate("", "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	site := startNewsSite(t)
	site.set("/report.pdf", "application/pdf", string(report))
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "scan.pdf"), scan, 0o600)
	db := filepath.Join(t.TempDir(), "g.db")

	_, errOut, code := runBin(t, nil, "load", "--db", db, "--allow-private", site.URL+"/report.pdf", filepath.Join(dir, "scan.pdf"))
	if code != 1 || !strings.Contains(errOut, "scan.pdf: not loaded: the PDF has no text layer on any of its 2 pages (a scan? run it through OCR first)") ||
		!strings.Contains(errOut, "2 documents (1 refused): 1 new documents") {
		t.Fatalf("load: exit %d\n%s", code, errOut)
	}
	// The same PDF from a file is the same document: nothing new.
	os.WriteFile(filepath.Join(dir, "report.pdf"), report, 0o600)
	if _, errOut, code := runBin(t, nil, "load", "--db", db, filepath.Join(dir, "report.pdf")); code != 0 || !strings.Contains(errOut, ": 0 new documents") {
		t.Fatalf("load of the file: exit %d\n%s", code, errOut)
	}

	base, _, _ := startServe(t, "--db", db)
	data := gql(t, base, `{ documents { edges { node { title author published url pageCount citation evidence { quote page } } } } }`)
	var edges []any
	for _, e := range data["documents"].(map[string]any)["edges"].([]any) {
		// Every load also writes the reference data's document.
		if e.(map[string]any)["node"].(map[string]any)["citation"] != "actorgraph reference data" {
			edges = append(edges, e)
		}
	}
	if len(edges) != 1 {
		t.Fatalf("documents: %v", edges)
	}
	d := edges[0].(map[string]any)["node"].(map[string]any)
	if d["title"] != "Cyber deterrence report" || d["author"] != "Office of the Coordinator for Cyber Issues" || d["published"] != "2018-09-20" ||
		d["url"] != site.URL+"/report.pdf" || d["pageCount"].(float64) != 3 {
		t.Errorf("document = %v", d)
	}
	pages := map[float64]int{}
	for _, e := range d["evidence"].([]any) {
		ev := e.(map[string]any)
		p, _ := ev["page"].(float64)
		pages[p]++
		q := ev["quote"].(string)
		switch {
		case strings.Contains(sentence1, q) && p != 2, strings.Contains(sentence2, q) && p != 3:
			t.Errorf("evidence %q is on page %v", q, p)
		}
	}
	if pages[2] == 0 || pages[3] == 0 {
		t.Errorf("evidence by page: %v, want some on pages 2 and 3", pages)
	}
}

// addDocument posts to /api/documents and returns the JSON lines of the
// answer (or the error body) and the status.
func addDocument(t *testing.T, base string, body io.Reader, contentType string, header bool) ([]map[string]any, int) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/documents", body)
	req.Header.Set("Content-Type", contentType)
	if header {
		req.Header.Set("X-Actorgraph-Client", "test")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var lines []map[string]any
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	return lines, resp.StatusCode
}

// The UI's endpoint adds a page by URL and a dropped PDF, streaming
// progress and naming the new document; without the client header, on a
// read-only server, or for a private address without --allow-private, it
// refuses with the reason.
func TestAddDocumentEndpoint(t *testing.T) {
	site := startNewsSite(t)
	site.set("/world/allies", "text/html", newsPage)
	base, _, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "g.db"), "--no-demo", "--allow-private")

	lines, status := addDocument(t, base, strings.NewReader(`{"url":"`+site.URL+`/world/allies"}`), "application/json", true)
	last := lines[len(lines)-1]
	if status != 200 || len(lines) < 2 || last["done"] != true || !strings.Contains(fmt.Sprint(lines[0]["progress"]), "/world/allies (extracted): +") {
		t.Fatalf("add by URL: %d %v", status, lines)
	}
	docs := last["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["title"] != "Allies back US on election hack" {
		t.Fatalf("documents: %v", docs)
	}
	id := docs[0].(map[string]any)["id"].(string)
	d := gql(t, base, `{ document(id: "`+id+`") { citation } }`)
	if d["document"].(map[string]any)["citation"] != "Example News, 28 September 2018, https://news.example/2018/09/allies-back-us" {
		t.Errorf("the added document: %v", d)
	}

	report, err := pdftest.CoordinatorReport()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "statement.pdf")
	fw.Write(report)
	mw.Close()
	lines, status = addDocument(t, base, &buf, mw.FormDataContentType(), true)
	last = lines[len(lines)-1]
	if status != 200 || last["done"] != true || len(last["documents"].([]any)) != 1 {
		t.Fatalf("add a PDF: %d %v", status, lines)
	}
	var warned bool
	for _, l := range lines {
		warned = warned || strings.Contains(fmt.Sprint(l["warning"]), "upload statement.pdf: no publisher")
	}
	if !warned {
		t.Errorf("no warning about the PDF's missing publisher: %v", lines)
	}

	lines, status = addDocument(t, base, strings.NewReader(`{"url":"`+site.URL+`/world/allies"}`), "application/json", false)
	if status != http.StatusForbidden || !strings.Contains(fmt.Sprint(lines[0]["error"]), "X-Actorgraph-Client") {
		t.Errorf("without the client header: %d %v", status, lines)
	}
	lines, status = addDocument(t, base, strings.NewReader(`{"url":"file:///etc/passwd"}`), "application/json", true)
	if status != http.StatusBadRequest || !strings.Contains(fmt.Sprint(lines[0]["error"]), "is not an http(s) URL") {
		t.Errorf("a file URL: %d %v", status, lines)
	}

	guarded, _, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "g.db"), "--no-demo")
	lines, status = addDocument(t, guarded, strings.NewReader(`{"url":"`+site.URL+`/world/allies"}`), "application/json", true)
	last = lines[len(lines)-1]
	if status != 200 || last["refused"].(float64) != 1 || !strings.Contains(fmt.Sprint(last["errors"]), "is a loopback address") {
		t.Errorf("a private address without --allow-private: %d %v", status, lines)
	}

	readOnly, _, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "g.db"), "--read-only", "--allow-private")
	lines, status = addDocument(t, readOnly, strings.NewReader(`{"url":"`+site.URL+`/world/allies"}`), "application/json", true)
	if status != http.StatusForbidden || !strings.Contains(fmt.Sprint(lines[0]["error"]), "read-only") {
		t.Errorf("a read-only server: %d %v", status, lines)
	}
}

// watch on a page (not a feed) loads it, and when its text changes loads
// the new text as the next version.
func TestWatchPage(t *testing.T) {
	site := startNewsSite(t)
	site.set("/story", "text/html", newsPage)
	db := filepath.Join(t.TempDir(), "g.db")
	w := startWatch(t, "--db", db, "--allow-private", "--every", "1s", site.URL+"/story")
	w.waitFor(`msg=loaded url=` + site.URL + `/story title="Allies back US on election hack"`)
	site.set("/story", "text/html", strings.Replace(newsPage, "<p>Diplomats said", "<p>"+sentence3+"</p>\n<p>Diplomats said", 1))
	w.waitFor(`claims="extracted; version 2 of https://news.example/2018/09/allies-back-us, superseding doc:`)
	w.stop()
	if docs := exportedDocuments(t, db); len(docs) != 2 {
		t.Errorf("%d documents, want the two versions", len(docs))
	}
}
