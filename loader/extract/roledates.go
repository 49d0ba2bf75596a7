package extract

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Role dates: when a sentence says when a role began or ended, the
// HOLDS_ROLE it yields carries them (from, to; the claim's date is from):
//
//	"Jane Roe, foreign minister since 2019, said"        from 2019
//	"Jane Roe, defence minister from 2014 to 2018, said" from 2014, to 2018
//	"Jane Roe, defence minister between May 2014 and 2018" from 2014-05, to 2018
//	"Jane Roe, defence minister (2014-2018), said"       from 2014, to 2018
//	"Jane Roe, defence minister until 2018, said"        to 2018
//	"former defence minister Jane Roe", "the ex-minister" to the article's date
//
// "former" says the role had ended when the article was written, not when:
// its `to` is the publication date, the latest the role can have ended. A
// date is read only right after the title (or after the body named with
// it, "in the State Department since 2017"): a date further on belongs to
// what the sentence goes on to say.

// roleSpan is when a role was held, as the text says it (YYYY or YYYY-MM;
// empty when the text is silent).
type roleSpan struct{ from, to string }

// roleDates reads the dates of the role whose title is t.
func (d *document) roleDates(s *sentence, t *titleSpan) roleSpan {
	var rs roleSpan
	k := t.j
	if t.body != nil && t.body.i >= t.j {
		k = t.body.j
	}
	switch w := s.tok(k).lower; {
	case w == "since":
		if from, _, ok := dateAt(s, k+1); ok {
			rs.from = from
		}
	case w == "until" || w == "till":
		if to, _, ok := dateAt(s, k+1); ok {
			rs.to = to
		}
	case w == "from" || w == "between":
		from, n, ok := dateAt(s, k+1)
		if !ok {
			break
		}
		sep := s.tok(n).lower
		if w == "from" && (sep == "to" || sep == "until" || sep == "till" || sep == "through" || sep == "–" || sep == "-") ||
			w == "between" && sep == "and" {
			if to, _, ok := dateAt(s, n+1); ok {
				rs.from, rs.to = from, to
			}
		}
	case w == "(":
		// "(2014-2018)" is one token; "(2014–2018)" three.
		if from, to, ok := yearRange(s.tok(k + 1).text); ok && s.tok(k+2).text == ")" {
			rs.from, rs.to = from, to
		} else if from, n, ok := dateAt(s, k+1); ok && (s.tok(n).text == "–" || s.tok(n).text == "-") {
			if to, m, ok := dateAt(s, n+1); ok && s.tok(m).text == ")" {
				rs.from, rs.to = from, to
			}
		}
	}
	if rs.from != "" && rs.to != "" && rs.from[:4] > rs.to[:4] {
		return roleSpan{} // "from 2018 to 2014" is a misreading, not a role
	}
	if rs.to == "" && formerTitle(s, t) {
		rs.to = d.publishedDate()
	}
	return rs
}

// publishedDate is the document's publication date as a claim date
// (YYYY-MM-DD or coarser), or "" when it has none.
func (d *document) publishedDate() string {
	p := d.doc.Published
	if len(p) > 10 {
		p = p[:10]
	}
	if !graph.ValidDate(p) {
		return ""
	}
	return p
}

// formerTitle reports whether the title says the role has ended: "former"
// in it or right before it or its state ("former US defence secretary"),
// or an "ex-" title word.
func formerTitle(s *sentence, t *titleSpan) bool {
	k := t.i - 1
	if q := t.qualifier; q != nil && q.j <= t.i {
		k = q.i - 1
	}
	for ; k < t.j; k++ {
		w := s.tok(k).lower
		if w == "former" || k >= t.i && strings.HasPrefix(w, "ex-") {
			return true
		}
	}
	return false
}

// dateAt reads a year ("2019") or a month and year ("May 2019") at token
// k, returning it as YYYY or YYYY-MM and the token after it.
func dateAt(s *sentence, k int) (string, int, bool) {
	if m, ok := monthNumber(s.tok(k).lower); ok {
		if y, ok := year(s.tok(k + 1).text); ok {
			return fmt.Sprintf("%s-%02d", y, m), k + 2, true
		}
		return "", k, false
	}
	if y, ok := year(s.tok(k).text); ok {
		return y, k + 1, true
	}
	return "", k, false
}

// year accepts four digits from 1900 to 2099.
func year(w string) (string, bool) {
	if len(w) != 4 {
		return "", false
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 1900 || n > 2099 {
		return "", false
	}
	return w, true
}

// yearRange reads "2014-2018" (one token: the tokenizer keeps inner
// hyphens).
func yearRange(w string) (string, string, bool) {
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		return "", "", false
	}
	from, ok1 := year(a)
	to, ok2 := year(b)
	return from, to, ok1 && ok2
}

func monthNumber(w string) (int, bool) {
	for i, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december"} {
		if w == m {
			return i + 1, true
		}
	}
	return 0, false
}
