package sqlitestore

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippet(t *testing.T) {
	long := "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty condemned the attack on Estonia's banks, said the minister."
	for _, c := range []struct {
		text  string
		words []string
		want  string
	}{
		{"Kaljulaid condemned the attack.", []string{"condemned"}, "Kaljulaid condemned the attack"},
		{long, []string{"condemned"}, "…fifteen sixteen seventeen eighteen nineteen twenty condemned the attack on Estonia's banks, said the minister"},
		{long, []string{"one"}, "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen…"},
		{long, []string{"estonia", "ban"}, "…fifteen sixteen seventeen eighteen nineteen twenty condemned the attack on Estonia's banks, said the minister"},
		{long, []string{"absent"}, "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen…"},
		{"", []string{"x"}, ""},
		{"« — »", []string{"x"}, ""},
	} {
		if got := snippet(c.text, c.words); got != c.want {
			t.Errorf("snippet(%q, %q) = %q, want %q", c.text, c.words, got, c.want)
		}
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("Kaljulaid condemned the attack.", "condemned")
	f.Add("Ünïcode wörds — and «quotes»", "wö")
	f.Fuzz(func(t *testing.T, text, word string) {
		got := snippet(text, []string{strings.ToLower(word)})
		if utf8.ValidString(text) && !utf8.ValidString(got) {
			t.Fatalf("snippet of valid text is not valid UTF-8: %q", got)
		}
		if trimmed := strings.Trim(got, "…"); !strings.Contains(text, trimmed) {
			t.Fatalf("snippet %q is not a piece of %q", got, text)
		}
	})
}
