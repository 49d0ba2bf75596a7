// Package pdf reads the text layer of PDF files, page by page, with
// github.com/ledongthuc/pdf (pure Go, no cgo), so that evidence quoted from
// a government statement, a court filing or a report can say on which page
// it stands ("p. 4").
//
// Text is rebuilt from the positioned glyphs the library reports: glyphs on
// one baseline make a line (a space where the gap between two glyphs is
// wider than a fraction of the font size), and a vertical gap wider than
// about two lines starts a new paragraph. That keeps sentences whole for the
// segmenter and paragraphs apart for the cleaner.
//
// A PDF is refused, with the reason, when it is not a PDF, is encrypted,
// cannot be parsed (the library's panics included), has more than MaxPages
// pages, or has no text at all (a scan without a text layer: nothing to
// quote until it is run through OCR).
package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"unicode"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/actorgraph/actorgraph/loader/meta"
)

// MaxPages is the most pages read from one PDF.
const MaxPages = 2000

// Document is the text of a PDF and its Info metadata.
type Document struct {
	// Pages holds each page's text, page 1 first; a page without text is "".
	Pages []string
	// From the document information dictionary, when set.
	Title, Author, Subject string
	// Created is the creation date as YYYY-MM-DD, or "".
	Created string
}

// Error is a PDF that cannot be read, and why.
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

// Read extracts the text of every page.
func Read(data []byte) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, &Error{Reason: fmt.Sprintf("malformed PDF (the reader failed: %v)", r)}
		}
	}()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, &Error{Reason: "not a PDF file"}
	}
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if strings.Contains(err.Error(), "encrypt") || strings.Contains(err.Error(), "password") {
			return nil, &Error{Reason: "the PDF is encrypted: " + err.Error()}
		}
		return nil, &Error{Reason: "malformed PDF: " + err.Error()}
	}
	n := r.NumPage()
	if n == 0 {
		return nil, &Error{Reason: "the PDF has no pages"}
	}
	if n > MaxPages {
		return nil, &Error{Reason: fmt.Sprintf("the PDF has %d pages, over the limit of %d", n, MaxPages)}
	}
	doc = &Document{}
	info := r.Trailer().Key("Info")
	doc.Title = clean(info.Key("Title").Text())
	doc.Author = clean(info.Key("Author").Text())
	doc.Subject = clean(info.Key("Subject").Text())
	doc.Created = pdfDate(info.Key("CreationDate").Text())
	any := false
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		text := ""
		if !p.V.IsNull() {
			text = pageText(p.Content().Text)
		}
		if strings.TrimSpace(text) != "" {
			any = true
		}
		doc.Pages = append(doc.Pages, text)
	}
	if !any {
		return nil, &Error{Reason: fmt.Sprintf("the PDF has no text layer on any of its %d pages (a scan? run it through OCR first): nothing to quote", n)}
	}
	return doc, nil
}

// pageText rebuilds lines and paragraphs from positioned glyphs, in the
// order the page draws them (usually the reading order).
func pageText(glyphs []lpdf.Text) string {
	var b strings.Builder
	var lineY, lineSize, endX float64
	started := false
	for _, g := range glyphs {
		if g.S == "" {
			continue
		}
		size := math.Max(g.FontSize, 1)
		switch {
		case !started:
			started = true
		case math.Abs(g.Y-lineY) > 0.4*math.Max(size, lineSize):
			// A new line: a paragraph break when the gap is wider than
			// about two lines, or when the text moves up (a new column or
			// block).
			gap := lineY - g.Y
			if gap > 2.0*math.Max(size, lineSize) || gap < 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		case g.X-endX > 0.2*size && !endsWithSpace(&b) && !startsWithSpace(g.S):
			b.WriteByte(' ')
		}
		b.WriteString(g.S)
		lineY, lineSize = g.Y, size
		endX = g.X + g.W
	}
	return b.String()
}

func endsWithSpace(b *strings.Builder) bool {
	s := b.String()
	return s == "" || unicode.IsSpace(rune(s[len(s)-1]))
}

func startsWithSpace(s string) bool {
	for _, r := range s {
		return unicode.IsSpace(r)
	}
	return false
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// pdfDate turns a PDF date ("D:20180920120000Z", "D:2018092012+02'00'")
// into YYYY-MM-DD, or "".
func pdfDate(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 8 {
		if len(s) == 4 {
			return meta.Date(s)
		}
		return ""
	}
	return meta.Date(s[:4] + "-" + s[4:6] + "-" + s[6:8])
}
