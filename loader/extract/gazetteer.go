package extract

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

// gzKind says what a gazetteer name stands for.
type gzKind uint8

const (
	gzName      gzKind = iota // a country or organization by name, alias or code
	gzMetonym                 // a capital standing for a government ("Washington")
	gzDemonym                 // a demonym ("Russian")
	gzMedia                   // a news organization: a source, never an actor
	gzOperation               // a well-known operation or malware name
)

// gzEntry is one name the gazetteer knows.
type gzEntry struct {
	words []string // as tokens, apostrophes normalized
	id    string   // entity id; "" for media and operations
	kind  gzKind
	node  graph.NodeKind
	text  string // the name as written in the data
}

// gazetteer finds known names in token sequences, longest match first.
// Matching is exact (case-sensitive): "US" is a country, "us" a pronoun.
type gazetteer struct {
	byFirst map[string][]gzEntry
}

func newGazetteer(reg *resolve.Registry, lx *lexicon) *gazetteer {
	g := &gazetteer{byFirst: map[string][]gzEntry{}}
	for _, id := range reg.IDs() {
		n, _ := reg.Node(id)
		for _, name := range append([]string{n.Name}, n.Aliases...) {
			if n.Kind == graph.KindCountry && isISOCode(name) && !lx.countryCodes[name] {
				continue // "RUS", "CHN": codes news prose does not use
			}
			g.add(name, gzEntry{id: id, kind: gzName, node: n.Kind})
		}
	}
	// Sorted, so that which name wins a clash never depends on map order.
	for _, code := range slices.Sorted(maps.Keys(lx.countryCodes)) {
		if id, ok := reg.ByName(code); ok {
			g.add(code, gzEntry{id: id, kind: gzName, node: graph.KindCountry})
		}
	}
	metonyms := reg.Metonyms()
	for _, text := range slices.Sorted(maps.Keys(metonyms)) {
		id := metonyms[text]
		n, _ := reg.Node(id)
		g.add(text, gzEntry{id: id, kind: gzMetonym, node: n.Kind})
	}
	demonyms := reg.Demonyms()
	for _, text := range slices.Sorted(maps.Keys(demonyms)) {
		g.add(text, gzEntry{id: demonyms[text], kind: gzDemonym, node: graph.KindCountry})
	}
	for _, m := range lx.media {
		g.add(strings.Join(m, " "), gzEntry{kind: gzMedia})
	}
	for _, o := range lx.operations {
		g.add(strings.Join(o, " "), gzEntry{kind: gzOperation, node: graph.KindCyberOperation})
	}
	for k := range g.byFirst {
		es := g.byFirst[k]
		// Longest first; among equals, the order added (names before
		// metonyms before demonyms) decides.
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].words) > len(es[j].words) })
	}
	return g
}

// add registers a name. A leading "the" is dropped: the text says "the
// United States" and "United States" alike, and determiners are skipped
// when matching.
func (g *gazetteer) add(name string, e gzEntry) {
	name = strings.TrimSpace(name)
	if rest, ok := strings.CutPrefix(name, "the "); ok {
		name = rest
	}
	toks, _ := tokenize(name, false)
	if len(toks) == 0 {
		return
	}
	e.text = name
	for _, t := range toks {
		e.words = append(e.words, normApos(t.text))
	}
	for _, old := range g.byFirst[e.words[0]] {
		if strings.Join(old.words, " ") == strings.Join(e.words, " ") {
			return // first registration wins
		}
	}
	g.byFirst[e.words[0]] = append(g.byFirst[e.words[0]], e)
}

// match returns the longest entry that starts at toks[i].
func (g *gazetteer) match(toks []token, i int) (gzEntry, int, bool) {
	for _, e := range g.byFirst[normApos(toks[i].text)] {
		if i+len(e.words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range e.words {
			if normApos(toks[i+k].text) != w {
				ok = false
				break
			}
		}
		if ok {
			return e, i + len(e.words), true
		}
	}
	return gzEntry{}, i, false
}

// normApos makes straight and curly apostrophes the same, so that
// "People's" in the data matches "People’s" in the text.
func normApos(s string) string {
	if !strings.ContainsRune(s, '\'') {
		return s
	}
	return strings.ReplaceAll(s, "'", "’")
}

func isISOCode(s string) bool {
	if len(s) != 2 && len(s) != 3 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
