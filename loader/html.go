package loader

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"codeberg.org/readeck/go-readability/v2"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/meta"
)

// htmlPage is an HTML page read for its article: the text readability
// extracted and what the page says about itself.
type htmlPage struct {
	text string
	meta meta.Metadata
	// Readability's own guesses, used where the page's metadata is silent.
	title, siteName, published string
}

// readHTML extracts the article text and metadata of a page.
func readHTML(data []byte, pageURL string) (*htmlPage, error) {
	art, err := readability.FromReader(bytes.NewReader(data), nil)
	if err != nil {
		return nil, fmt.Errorf("extracting the article from HTML: %w", err)
	}
	var sb strings.Builder
	if err := art.RenderText(&sb); err != nil {
		return nil, fmt.Errorf("extracting the article from HTML: %w", err)
	}
	p := &htmlPage{text: sb.String(), meta: meta.Read(data, pageURL), title: art.Title(), siteName: art.SiteName()}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		p.published = t.Format("2006-01-02")
	}
	title := firstNonEmpty(p.meta.Title, p.title)
	if title != "" && !strings.HasPrefix(strings.TrimSpace(p.text), title) {
		p.text = title + "\n\n" + p.text
	}
	return p, nil
}

// apply sets the document's metadata from the page: its own metadata first,
// then readability's guesses, then what the cleaner found in the text.
func (p *htmlPage) apply(doc *graph.Document) {
	doc.Title = firstNonEmpty(p.meta.Title, p.title, doc.Title)
	doc.Publisher = firstNonEmpty(p.meta.Publisher, p.siteName, doc.Publisher)
	doc.Published = firstNonEmpty(p.meta.Published, p.published, doc.Published)
	doc.URL = firstNonEmpty(p.meta.CanonicalURL, doc.URL)
	doc.Author = firstNonEmpty(p.meta.Author, doc.Author)
	doc.Language = firstNonEmpty(p.meta.Language, doc.Language)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

var (
	errorTitle  = regexp.MustCompile(`(?i)\b(404|403|410|500|502|503|not found|page not found|error|access denied|forbidden|unavailable|no longer available)\b`)
	loginPrompt = regexp.MustCompile(`(?i)\b(sign|log) ?in to (continue|read|access|view)|subscribe to (continue|read)|create (a free|an) account to (continue|read)|you must be logged in|please (sign|log) ?in\b`)
)

// Thresholds of notArticle: an article page has more text than these; a
// login wall or an error page has a sentence or two.
const (
	errorPageWords = 150
	loginWallWords = 300
)

// notArticle says why a page is not an article (an error page served with
// status 200, a login wall), or "" when it may be one. Both rules need two
// signs, a telling title or form and little text, so an article about a
// "404 error" or one with a login box in its sidebar still loads.
func (p *htmlPage) notArticle(cleaned string) string {
	words := len(strings.Fields(cleaned))
	title := firstNonEmpty(p.meta.Title, p.title)
	if words < errorPageWords && errorTitle.MatchString(title) {
		return fmt.Sprintf("looks like an error page (title %q, %d words)", title, words)
	}
	if words < loginWallWords && (p.meta.PasswordField || loginPrompt.MatchString(cleaned)) {
		return fmt.Sprintf("looks like a login wall (a sign-in form or prompt and only %d words)", words)
	}
	return ""
}
