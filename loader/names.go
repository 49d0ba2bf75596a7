package loader

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteName is how a file name or address appears in messages: as it is
// when every character of it prints, quoted in Go syntax otherwise, so
// that a name holding a newline cannot forge a line of output and one
// holding ESC cannot send the terminal an escape sequence.
func QuoteName(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return s
	}
	return strconv.Quote(s)
}
