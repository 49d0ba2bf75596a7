package segment

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveFind is how the loader located quotes before the Locator: the
// Locator must give the same answers.
func naiveFind(text string, sents []Sentence, quote string) (qs, qe, start, end int, ok bool) {
	q := strings.TrimSpace(quote)
	if q == "" {
		return
	}
	i := strings.Index(text, q)
	if i < 0 {
		return
	}
	qs = utf8.RuneCountInString(text[:i])
	qe = qs + utf8.RuneCountInString(q)
	start, end = qs, qe
	for _, s := range sents {
		if s.End > qs && s.Start < qe {
			start, end = min(start, s.Start), max(end, s.End)
		}
	}
	return qs, qe, start, end, true
}

func TestLocatorAgreesWithNaiveSearch(t *testing.T) {
	short := "Officials said Russia accused China. Russia accused China!\n\nГосударства — “Estonia” warned Iran… of consequences. Ünïcode façade here. Russia accused China."
	// Long enough for the suffix array, with non-ASCII text throughout.
	long := strings.Repeat("Filler sentence number één, with “quotes”. ", 3000) + short + strings.Repeat(" Trailing words — and more.", 2000)
	for _, text := range []string{short, long, "ascii only. Two sentences here.", "x"} {
		sents := Sentences(text)
		l := NewLocator(text, sents)
		quotes := []string{"Russia accused China.", "Russia accused China", "Estonia", "“Estonia” warned Iran… of", "façade here. Russia",
			"missing quote", "", "  ", " Ünïcode ", "x", "quotes”. Filler", "more.", text}
		for _, s := range sents {
			quotes = append(quotes, s.Text)
		}
		for _, q := range quotes {
			for range 2 { // the second time from the memo
				a1, a2, a3, a4, aok := l.Find(q)
				b1, b2, b3, b4, bok := naiveFind(text, sents, q)
				if a1 != b1 || a2 != b2 || a3 != b3 || a4 != b4 || aok != bok {
					t.Fatalf("Find(%q) in a text of %d bytes = %d %d %d %d %v, want %d %d %d %d %v", q, len(text), a1, a2, a3, a4, aok, b1, b2, b3, b4, bok)
				}
			}
		}
		rs := []rune(text)
		for _, span := range [][2]int{{0, 0}, {0, 1}, {0, len(rs)}, {len(rs), len(rs)}, {len(rs) / 3, len(rs) / 2}, {63, 65}, {64, 128}, {1, len(rs) - 1}} {
			if span[1] > len(rs) || span[0] > span[1] {
				continue
			}
			got, ok := l.Span(span[0], span[1])
			if !ok || got != string(rs[span[0]:span[1]]) {
				t.Fatalf("Span(%d, %d) = %q %v, want %q", span[0], span[1], got, ok, string(rs[span[0]:span[1]]))
			}
		}
		for _, bad := range [][2]int{{-1, 2}, {3, 2}, {0, len(rs) + 1}, {len(rs) + 1, len(rs) + 2}} {
			if _, ok := l.Span(bad[0], bad[1]); ok {
				t.Fatalf("Span(%d, %d) accepted", bad[0], bad[1])
			}
		}
	}
}
