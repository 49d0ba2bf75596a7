package extract_test

import (
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// Fragments that end where a construction or reference expects more words:
// extraction must return, not trip (Extract reports a panic as an error).
func TestFragmentsOfConstructions(t *testing.T) {
	x, _ := newExtractor(t)
	for _, txt := range []string{
		"at", "during", "the two", "both", "and", "’s", "held", "called on", "Chile and", "Chile, as did",
		"the Lima Convention, a treaty drawn up by", "Peru was represented by", "It also sanctioned", "He said",
		"Ministry of", "Council of Andean and", "a 12-step", "LIMA --", "King II", "al-", "the service",
		"Chile expelled four and", "the three countries", "urged the three", "Those targeted include",
		"X, who", ", who hosted", "hold Iran", "called the accusation", "the Chilean Treasury Department",
	} {
		if _, err := x.Extract(graph.Document{Text: "Head\n\n" + txt, Source: "t"}); err != nil {
			t.Errorf("%q: %v", txt, err)
		}
		if _, err := x.Extract(graph.Document{Text: txt, Source: "t"}); err != nil {
			t.Errorf("%q: %v", txt, err)
		}
	}
}
