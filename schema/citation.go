package schema

import (
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Cite formats how a journalist cites a document: "Nikkei Asia, 28
// September 2018, https://asia.nikkei.com/...". Parts the document lacks
// are left out; without a publisher the title stands in, so a citation is
// never empty for a document with a title. The API gives it to every
// client (the UI shows it under each evidence sentence), so the format is
// decided here once.
func Cite(d graph.Document) string {
	var parts []string
	if p := strings.TrimSpace(d.Publisher); p != "" {
		parts = append(parts, p)
	} else if t := strings.TrimSpace(d.Title); t != "" {
		parts = append(parts, t)
	}
	if d := citeDate(d.Published); d != "" {
		parts = append(parts, d)
	}
	if u := strings.TrimSpace(d.URL); u != "" {
		parts = append(parts, u)
	}
	return strings.Join(parts, ", ")
}

// citeDate writes YYYY-MM-DD as "28 September 2018", YYYY-MM as
// "September 2018" and YYYY as itself.
func citeDate(s string) string {
	for _, f := range []struct{ in, out string }{{"2006-01-02", "2 January 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
		if len(s) == len(f.in) {
			if t, err := time.Parse(f.in, s); err == nil {
				return t.Format(f.out)
			}
		}
	}
	return s
}
