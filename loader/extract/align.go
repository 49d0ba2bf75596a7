package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/resolve"
	"github.com/actorgraph/actorgraph/loader/segment"
)

// Alignment says which ids of one annotation file (got, say extracted)
// stand for which ids of another about the same article (want, say curated
// or gold). Extraction mints its own ids for what the reference data does
// not know ("op:cyber-attack-on-us-elections" where a journalist wrote
// "op:us-midterms-2018-attack"), and statements and attributions have no
// natural ids at all, so comparing or merging two files needs this first.
//
// Entities align, one to one, in three passes:
//  1. the same id;
//  2. the same kind and a shared name or alias (case, dots, hyphens,
//     quotation marks and a leading article ignored), or for people the
//     same surname when one of the two names is the surname alone;
//  3. for operations, events, doctrines and organizations that are not
//     reference data, the same kind and the most sentences in common among
//     those that cite them (their own quote and the quotes of every item
//     they take part in).
//
// Statements align, one to one, when they share a speaker (after entity
// alignment) and a sentence; the pair with the most in common goes first.
type Alignment struct {
	Entities   map[string]string // got id -> want id
	Statements map[int]int       // got statement index -> want statement index
}

// fileIndex is what alignment needs to know of one file.
type fileIndex struct {
	kinds     map[string]graph.NodeKind
	names     map[string][]string
	sentences map[string]map[int]bool // entity id -> sentences citing it
	order     []string                // entity ids in order of appearance
	stmtSents []map[int]bool
	claimIDs  map[string]bool // ids of statements and attributions
}

// locator finds the sentences a quote covers, as the loader does: the
// first occurrence in the cleaned text, widened to whole sentences
// (segment.Locator, linear in the text however many quotes it is asked).
type locator struct{ loc *segment.Locator }

func newLocator(text string) *locator {
	return &locator{loc: segment.NewLocator(text, segment.Sentences(text))}
}

func (l *locator) sentencesOf(quote string) map[int]bool {
	out := map[int]bool{}
	lo, hi := l.loc.SentenceRange(quote)
	for n := lo; n < hi; n++ {
		out[n] = true
	}
	return out
}

func indexFile(f *annotation.File, loc *locator, reg *resolve.Registry) *fileIndex {
	ix := &fileIndex{kinds: map[string]graph.NodeKind{}, names: map[string][]string{},
		sentences: map[string]map[int]bool{}, claimIDs: map[string]bool{}}
	for _, a := range f.Attributions {
		if a.ID != "" {
			ix.claimIDs[a.ID] = true
		}
	}
	for _, s := range f.Statements {
		if s.ID != "" {
			ix.claimIDs[s.ID] = true
		}
	}
	see := func(id, quote string) {
		if id == "" || ix.claimIDs[id] {
			return
		}
		if _, ok := ix.sentences[id]; !ok {
			ix.sentences[id] = map[int]bool{}
			ix.order = append(ix.order, id)
		}
		for n := range loc.sentencesOf(quote) {
			ix.sentences[id][n] = true
		}
	}
	for _, e := range f.Entities {
		k, err := graph.ParseNodeKind(e.Kind)
		if err != nil || k.IsClaim() && k != graph.KindEvent {
			ix.claimIDs[e.ID] = true
			continue
		}
		ix.kinds[e.ID] = k
		ix.names[e.ID] = append([]string{e.Name}, e.Aliases...)
		see(e.ID, e.Quote)
	}
	for _, a := range f.Attributions {
		for _, id := range slices.Concat(a.By, a.Blames, a.BackedBy, []string{a.Concerns}) {
			see(id, a.Quote)
		}
	}
	for _, c := range f.Claims {
		see(c.Subject, c.Quote)
		see(c.Object, c.Quote)
	}
	for _, s := range f.Statements {
		for _, id := range slices.Concat(s.Speakers, s.About, []string{s.MadeAt}) {
			see(id, s.Quote)
		}
		ix.stmtSents = append(ix.stmtSents, loc.sentencesOf(s.Quote))
	}
	for _, r := range f.Roles {
		see(r.Person, r.Quote)
		see(r.Organization, r.Quote)
	}
	for _, id := range ix.order {
		if _, ok := ix.kinds[id]; ok {
			continue
		}
		if n, ok := reg.Node(id); ok {
			ix.kinds[id] = n.Kind
			ix.names[id] = append([]string{n.Name}, n.Aliases...)
			continue
		}
		if p, _, ok := strings.Cut(id, ":"); ok {
			if k, err := graph.ParseNodeKind(p); err == nil {
				ix.kinds[id] = k
			}
		}
	}
	return ix
}

// EntityIDs returns the ids of the entities a file refers to (declared or
// used, not statements nor attributions) with their kinds.
func EntityIDs(f *annotation.File, text string, reg *resolve.Registry) map[string]graph.NodeKind {
	ix := indexFile(f, newLocator(text), reg)
	out := map[string]graph.NodeKind{}
	for _, id := range ix.order {
		if k, ok := ix.kinds[id]; ok {
			out[id] = k
		}
	}
	return out
}

// Align aligns got onto want; text is the cleaned article both annotate.
func Align(want, got *annotation.File, text string, reg *resolve.Registry) Alignment {
	loc := newLocator(text)
	w, g := indexFile(want, loc, reg), indexFile(got, loc, reg)
	al := Alignment{Entities: map[string]string{}, Statements: map[int]int{}}
	taken := map[string]bool{}
	for _, id := range g.order {
		if _, ok := w.kinds[id]; ok && w.kinds[id] == g.kinds[id] {
			al.Entities[id] = id
			taken[id] = true
		}
	}
	// By name.
	for _, id := range g.order {
		if _, done := al.Entities[id]; done {
			continue
		}
		for _, wid := range w.order {
			if taken[wid] || w.kinds[wid] != g.kinds[id] || g.kinds[id] == "" {
				continue
			}
			if sharesName(g.names[id], w.names[wid]) || g.kinds[id] == graph.KindPerson && sameSurname(g.names[id], w.names[wid]) {
				al.Entities[id] = wid
				taken[wid] = true
				break
			}
		}
	}
	// By the sentences that cite them.
	for _, id := range g.order {
		if _, done := al.Entities[id]; done {
			continue
		}
		k := g.kinds[id]
		if k != graph.KindCyberOperation && k != graph.KindEvent && k != graph.KindDoctrine && k != graph.KindOrganization {
			continue
		}
		if _, ref := reg.Node(id); ref {
			continue
		}
		best, bestN := "", 0
		for _, wid := range w.order {
			if taken[wid] || w.kinds[wid] != k {
				continue
			}
			if _, ref := reg.Node(wid); ref {
				continue
			}
			if n := common(g.sentences[id], w.sentences[wid]); n > bestN {
				best, bestN = wid, n
			}
		}
		if best != "" {
			al.Entities[id] = best
			taken[best] = true
		}
	}
	// Statements.
	type pair struct{ gi, wi, score int }
	var pairs []pair
	for gi, gs := range got.Statements {
		for wi, ws := range want.Statements {
			spk := 0
			for _, sp := range gs.Speakers {
				if slices.Contains(ws.Speakers, al.mapID(sp)) {
					spk++
				}
			}
			sen := common(g.stmtSents[gi], w.stmtSents[wi])
			if spk > 0 && sen > 0 {
				pairs = append(pairs, pair{gi, wi, spk + sen})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	usedW := map[int]bool{}
	for _, p := range pairs {
		if _, done := al.Statements[p.gi]; done || usedW[p.wi] {
			continue
		}
		al.Statements[p.gi] = p.wi
		usedW[p.wi] = true
	}
	return al
}

// mapID returns the want id of a got id (itself when not aligned).
func (al Alignment) mapID(id string) string {
	if w, ok := al.Entities[id]; ok {
		return w
	}
	return id
}

// MapID returns the want id of a got id, or the id itself when it is not
// aligned.
func (al Alignment) MapID(id string) string { return al.mapID(id) }

func common(a, b map[int]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

func sharesName(a, b []string) bool {
	for _, x := range a {
		nx := NormalizeName(x)
		if nx == "" {
			continue
		}
		for _, y := range b {
			if nx == NormalizeName(y) {
				return true
			}
		}
	}
	return false
}

// sameSurname: "Trump" and "Donald Trump".
func sameSurname(a, b []string) bool {
	last := func(s string) (string, int) {
		f := strings.Fields(NormalizeName(s))
		if len(f) == 0 {
			return "", 0
		}
		return f[len(f)-1], len(f)
	}
	for _, x := range a {
		lx, nx := last(x)
		for _, y := range b {
			ly, ny := last(y)
			if lx != "" && lx == ly && (nx == 1 || ny == 1) {
				return true
			}
		}
	}
	return false
}

// NormalizeName is how names compare: case, dots, hyphens, apostrophes,
// quotation marks and a leading article do not matter ("the U.S. midterm
// elections" and "US midterm elections" are the same name).
func NormalizeName(s string) string { return normName(s) }
