package neo4jstore

import (
	"strings"
	"testing"
)

func TestLuceneQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Estonia", "+estonia*"},
		{"John Sull", "+john +sull*"},
		{"O'Brien", "+o'brien*"},
		{"Bank of Estonia", "+bank +of +estonia*"},
		{"Estonia AND", "+estonia +and*"},
		{"NOT Estonia", "+not +estonia*"},
		{`"Estonia"`, "+estonia*"},
		{"(Estonia", "+estonia*"},
		{"Eston*", "+eston*"},
		{"name:Estonia", `+name\:estonia*`},
		{`a\b`, `+a\\b*`},
		{"NEAR(Estonia Russia, 2)", `+near\(estonia +russia +2*`},
		{"Estonia; DROP TABLE nodes", "+estonia +drop +table +nodes*"},
		{`Robby' }) DETACH DELETE n //`, "+robby +detach +delete +n*"},
		{"السعودية", "+السعودية*"},
		{"Кіберполіція", "+кіберполіція*"},
		{"cafe\u0301", "+cafe\u0301*"},
		{"", ""},
		{" \t\n", ""},
		{"*", ""},
		{"%%", ""},
		{`""`, ""},
		{"() ^ - :", ""},
		{"🇪🇪", ""},
		{strings.Repeat("w ", 100), strings.Repeat("+w ", maxQueryWords-1) + "+w*"},
	} {
		if got := luceneQuery(c.in); got != c.want {
			t.Errorf("luceneQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Whatever the input, every Lucene syntax character in the query is
// escaped, so user text can never be read as a Lucene operator.
func FuzzLuceneQuery(f *testing.F) {
	for _, s := range []string{"Estonia", `a\b`, "+-&&||!(){}[]^\"~*?:\\/", "x:y", "AND OR NOT", "\xff", "𝔘 café"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		q := luceneQuery(in)
		if q == "" {
			return
		}
		for _, term := range strings.Split(q, " ") {
			if !strings.HasPrefix(term, "+") {
				t.Fatalf("luceneQuery(%q) = %q: term %q is not required", in, q, term)
			}
			body := strings.TrimSuffix(term[1:], "*")
			for i := 0; i < len(body); i++ {
				if body[i] == '\\' {
					i++ // the escaped character
					continue
				}
				if strings.IndexByte(luceneSpecial, body[i]) >= 0 {
					t.Fatalf("luceneQuery(%q) = %q: %q is not escaped", in, q, body[i])
				}
			}
		}
	})
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("word ", 30) + "Kersti Kaljulaid, the president of Estonia, condemned the attack." + strings.Repeat(" more", 30)
	s := snippet(long, []string{"condemned"})
	if !strings.Contains(s, "condemned") || !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet = %q", s)
	}
	if n := len(strings.Fields(strings.Trim(s, "…"))); n != snippetWords {
		t.Errorf("snippet has %d words, want %d", n, snippetWords)
	}
	if s := snippet("Estonia backed it.", []string{"eston"}); s != "Estonia backed it." {
		t.Errorf("short snippet = %q", s)
	}
}
