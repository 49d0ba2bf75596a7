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
	// Both dates fixed: the same call writes the same bytes, so generated
	// files can be committed and checked.
	f.SetCreationDate(Created)
	f.SetModificationDate(Created)
	f.SetCatalogSort(true)
	// Uncompressed: the deflate output of compress/flate differs between Go
	// releases, and the committed fixture must not depend on the toolchain.
	f.SetCompression(false)
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

// CoordinatorReport is the PDF the UI's end-to-end test loads (written to
// ui/e2e/fixtures by go test ./loader/pdf/pdftest -write-fixtures): a
// statement over three pages whose curated claim is quoted from page 2.
func CoordinatorReport() ([]byte, error) {
	return Generate("Cyber deterrence statement", "Office of the Coordinator for Cyber Issues",
		[]string{"The Office of the Coordinator for Cyber Issues issued this statement after consultations with allies."},
		[]string{"The allies reviewed the attacks of the past year in detail.",
			"The Coordinator for Cyber Issues warned Russia of the consequences of further attacks on allied elections."},
		[]string{"The statement ends with a list of the consultations held."})
}
