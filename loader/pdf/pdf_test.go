package pdf

import (
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/loader/pdf/pdftest"
)

func generate(t testing.TB, title string, pages ...[]string) []byte {
	t.Helper()
	data, err := pdftest.Generate(title, "Office of the Coordinator for Cyber Issues", pages...)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRead(t *testing.T) {
	long := "Deputy Secretary of State John Sullivan said the United States would impose costs and consequences on states that conduct malicious cyber activity, through sanctions, diplomatic activity or offensive cyber activity."
	data := generate(t, "Cyber Deterrence Initiative",
		[]string{"The State Department published this report on Thursday."},
		[]string{long, "The United States blamed Russia for the cyber attack on the midterm elections."},
		nil)
	doc, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 3 || doc.Title != "Cyber Deterrence Initiative" || doc.Author != "Office of the Coordinator for Cyber Issues" || doc.Created != "2018-09-20" {
		t.Fatalf("doc = %+v", doc)
	}
	if !strings.HasPrefix(doc.Pages[0], "Cyber Deterrence Initiative\n\nThe State Department published this report on Thursday.") {
		t.Errorf("page 1 = %q", doc.Pages[0])
	}
	// The long paragraph wraps over lines; joined with spaces it reads as
	// written, and the next paragraph stands apart.
	paras := strings.Split(doc.Pages[1], "\n\n")
	if len(paras) != 2 || strings.Join(strings.Fields(paras[0]), " ") != long ||
		paras[1] != "The United States blamed Russia for the cyber attack on the midterm elections." {
		t.Errorf("page 2 = %q", doc.Pages[1])
	}
	if doc.Pages[2] != "" {
		t.Errorf("page 3 = %q, want blank", doc.Pages[2])
	}
}

func TestReadRefusals(t *testing.T) {
	scan := generate(t, "", nil, nil) // pages with no text at all
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"no text layer", scan, "no text layer on any of its 2 pages"},
		{"not a PDF", []byte("<html>hello</html>"), "not a PDF file"},
		{"truncated", scan[:len(scan)/2], "malformed PDF"},
		{"empty", nil, "not a PDF file"},
	} {
		_, err := Read(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Read = %v, want an error containing %q", c.name, err, c.want)
		}
	}
}
