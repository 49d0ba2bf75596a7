package loader

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/clean"
	"github.com/actorgraph/actorgraph/loader/pdf"
)

// MaxPDFSize is the largest PDF file read (20 MiB): reports with pictures
// are bigger than articles.
const MaxPDFSize = 20 << 20

// readPDF reads a PDF's text layer into a Document whose Pages say where
// each page starts. Each page is cleaned on its own, so no page's text
// moves to another, and pages are joined by a blank line.
func readPDF(data []byte, display string) (graph.Document, error) {
	p, err := pdf.Read(data)
	if err != nil {
		return graph.Document{}, fmt.Errorf("%s: not loaded: %w", display, err)
	}
	var b strings.Builder
	var starts []int
	n := 0 // code points written
	var title, published string
	for i, page := range p.Pages {
		c := clean.Clean(page)
		text := strings.TrimSpace(c.Text)
		if text != "" && b.Len() > 0 {
			b.WriteString("\n\n")
			n += 2
		}
		starts = append(starts, n)
		b.WriteString(text)
		n += utf8.RuneCountInString(text)
		if i == 0 {
			title, published = c.Title, c.Published
		}
	}
	text := b.String()
	doc := graph.Document{ID: graph.DocumentID(text), Text: text, Source: display, Pages: starts,
		Title: firstNonEmpty(p.Title, title), Author: p.Author,
		// The creation date stands in for the publication date a PDF
		// does not record: for a statement or a filing they are the same
		// day more often than not.
		Published: firstNonEmpty(published, p.Created)}
	if !graph.ValidDate(doc.Published) {
		doc.Published = ""
	}
	return doc, nil
}
