package clean

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// furnitureTxt lists the furniture phrases; its header documents the format.
// It is data rather than code so that adding a site's prompt is a one-line
// change that a reviewer can read.
//
//go:embed furniture.txt
var furnitureTxt string

type kind int

const (
	kindNone kind = iota
	kindCut
	kindBlock
	kindLine
)

// phrases holds one compiled alternation per kind. It is built once from
// the embedded file and never changed.
var phrases = mustParseFurniture(furnitureTxt)

type furnitureRules map[kind]*regexp.Regexp

func mustParseFurniture(src string) furnitureRules {
	r, err := parseFurniture(src)
	if err != nil {
		panic(err)
	}
	return r
}

// parseFurniture compiles the rules of furniture.txt. Each kind becomes one
// case-insensitive regular expression that matches a whole line.
func parseFurniture(src string) (furnitureRules, error) {
	kinds := map[string]kind{"cut": kindCut, "block": kindBlock, "line": kindLine}
	alts := map[kind][]string{}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, pattern, ok := strings.Cut(line, "\t")
		if !ok {
			name, pattern, ok = strings.Cut(line, " ")
		}
		pattern = strings.TrimSpace(pattern)
		k, known := kinds[name]
		if !ok || !known || pattern == "" {
			return nil, fmt.Errorf("furniture.txt:%d: want <cut|block|line> <pattern>, got %q", i+1, line)
		}
		var re strings.Builder
		for j, part := range strings.Split(pattern, "*") {
			if j > 0 {
				re.WriteString(".*")
			}
			re.WriteString(regexp.QuoteMeta(part))
		}
		alts[k] = append(alts[k], re.String())
	}
	out := furnitureRules{}
	for k, a := range alts {
		re, err := regexp.Compile(`(?is)^(?:` + strings.Join(a, "|") + `)$`)
		if err != nil {
			return nil, fmt.Errorf("furniture.txt: %w", err)
		}
		out[k] = re
	}
	return out, nil
}

// furnitureKind returns the kind of the first furniture.txt rule that
// matches line, cut before block before line.
func furnitureKind(line string) kind {
	if r, _ := utf8.DecodeRuneInString(line); unicode.IsLower(r) {
		return kindNone
	}
	line = strings.TrimSpace(strings.TrimSuffix(line, ":"))
	for _, k := range []kind{kindCut, kindBlock, kindLine} {
		if re := phrases[k]; re != nil && re.MatchString(line) {
			return k
		}
	}
	return kindNone
}
