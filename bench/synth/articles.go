package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// articleCountries are reference ids the generated annotations may use
// without declaring them.
var articleCountries = []struct{ code, name string }{
	{"US", "United States"}, {"RU", "Russia"}, {"CN", "China"}, {"GB", "United Kingdom"}, {"FR", "France"},
	{"DE", "Germany"}, {"EE", "Estonia"}, {"UA", "Ukraine"}, {"IR", "Iran"}, {"KP", "North Korea"},
	{"JP", "Japan"}, {"AU", "Australia"}, {"NL", "Netherlands"}, {"PL", "Poland"}, {"CA", "Canada"},
}

var articleVerbs = []struct{ typ, verb string }{
	{"ACCUSED", "accused"}, {"WARNED", "warned"}, {"CRITICIZED", "criticized"}, {"SANCTIONED", "sanctioned"}, {"SUPPORTED", "supported"},
}

// WriteArticles writes n short news-style articles, each NAME.txt with a
// curated NAME.annotations.yaml beside it, for load and crash tests. The
// same seed writes the same files.
func WriteArticles(dir string, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	for i := 0; i < n; i++ {
		var text, ann strings.Builder
		fmt.Fprintf(&text, "Cyber dispute number %d\n\n", i)
		fmt.Fprintf(&ann, "document:\n  title: Cyber dispute number %d\n  publisher: Synthetic Wire\n  published: \"20%02d-%02d\"\nclaims:\n", i, 10+rng.IntN(15), 1+rng.IntN(12))
		for j := 0; j < 8; j++ {
			a := articleCountries[rng.IntN(len(articleCountries))]
			b := articleCountries[rng.IntN(len(articleCountries))]
			if a == b {
				continue
			}
			v := articleVerbs[rng.IntN(len(articleVerbs))]
			sentence := fmt.Sprintf("Officials in %s %s %s over incident %d-%d.", a.name, v.verb, b.name, i, j)
			fmt.Fprintf(&text, "%s ", sentence)
			fmt.Fprintf(&ann, "  - {subject: country:%s, type: %s, object: country:%s, confidence: 0.%d, quote: '%s'}\n",
				a.code, v.typ, b.code, 5+rng.IntN(5), sentence)
		}
		text.WriteString("\n")
		base := filepath.Join(dir, fmt.Sprintf("article-%04d", i))
		if err := os.WriteFile(base+".txt", []byte(text.String()), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(base+".annotations.yaml", []byte(ann.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
