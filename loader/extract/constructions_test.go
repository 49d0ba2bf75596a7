package extract_test

import (
	"sort"
	"strings"
	"testing"
)

// Every construction of constructions.yaml on the example sentences written
// for it: each wanted fact is found (a fact matches by prefix, as in
// TestRules), no unwanted one is. A construction without an example fails:
// a rule nobody showed working is not kept.
func TestConstructions(t *testing.T) {
	x, _ := newExtractor(t)
	examples := x.ConstructionExamples()
	names := make([]string, 0, len(examples))
	for n := range examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			if len(examples[name]) == 0 {
				t.Fatal("no example: add one to constructions.yaml")
			}
			for _, ex := range examples[name] {
				got := extractFacts(t, x, "Headline words here\n\n"+ex.Text)
				for _, w := range ex.Want {
					if !hasFact(got, w) {
						t.Errorf("%q\n  missing %q\n  got %s", ex.Text, w, strings.Join(got, "\n      "))
					}
				}
				for _, n := range ex.Not {
					for _, g := range got {
						if strings.Contains(g, n) {
							t.Errorf("%q\n  unwanted %q in %q", ex.Text, n, g)
						}
					}
				}
			}
		})
	}
}
