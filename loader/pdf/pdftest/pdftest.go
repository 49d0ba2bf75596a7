// Package pdftest writes PDFs for tests (with codeberg.org/go-pdf/fpdf):
// the loader's tests generate the PDFs they read instead of keeping binary
// files whose making nobody can repeat.
package pdftest

import (
	"bytes"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Created is the creation date written into every generated PDF.
var Created = time.Date(2018, 9, 20, 12, 0, 0, 0, time.UTC)

// Generate returns a PDF whose pages hold the given paragraphs, laid out
// as reports are: a title in a bigger font on page 1, wrapped lines,
// paragraphs apart. A page of no paragraphs is blank (as a scan without a
// text layer is, to a text extractor). Title and Author also go into the
// document information dictionary when not empty.
func Generate(title, author string, pages ...[]string) ([]byte, error) {
	f := fpdf.New("P", "mm", "A4", "")
	if title != "" {
		f.SetTitle(title, true)
	}
	if author != "" {
		f.SetAuthor(author, true)
	}
	f.SetCreationDate(Created)
	for i, paras := range pages {
		f.AddPage()
		if i == 0 && title != "" && len(paras) > 0 {
			f.SetFont("Helvetica", "B", 16)
			f.MultiCell(0, 8, title, "", "L", false)
			f.Ln(6)
		}
		f.SetFont("Helvetica", "", 11)
		for _, p := range paras {
			f.MultiCell(0, 5, p, "", "L", false)
			f.Ln(5)
		}
		if len(paras) == 0 {
			// Something drawn, no text: what a scanned page looks like.
			f.Rect(20, 20, 170, 250, "D")
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
