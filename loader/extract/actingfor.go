package extract

import (
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Acting for: a spokesperson's words are their government's. When the
// attributor of an attribution is a person whose only titles here are a
// spokesperson's ("press secretary Sarah Sanders said ...", "foreign
// ministry spokesman X said ..."), the state they speak for is the
// attributor; the person stays the speaker of the statement that reports
// the words (statements are made separately). Other officials (a prime
// minister, a foreign minister) are kept as attributors: the text gives
// their own judgement. The titles are the lexicon's spokes_titles.

// attribute records an attribution, its attributors mapped to whom they
// act for.
func (d *document) attribute(a *attrFinding) *attrFinding {
	for i, id := range a.by {
		if st := d.actingFor(id); st != "" {
			a.by[i] = st
			if a.fired != "" {
				a.fired += "; "
			}
			a.fired += id + " speaks for " + st
		}
	}
	a.by = uniq(a.by)
	return d.out.attribution(a)
}

// actingFor returns the state a person speaks for when every title they
// hold in the document is a spokesperson's, else "".
func (d *document) actingFor(id string) string {
	e := d.ents[id]
	if e == nil || e.kind != graph.KindPerson || len(e.titles) == 0 {
		return ""
	}
	if !slices.ContainsFunc(e.titles, d.isSpokesTitle) || slices.ContainsFunc(e.titles, func(t string) bool { return !d.isSpokesTitle(t) }) {
		return ""
	}
	return d.countryOf(e)
}

func (d *document) isSpokesTitle(t string) bool {
	for _, w := range d.x.lx.spokesTitles {
		if strings.HasSuffix(t, w) {
			return true
		}
	}
	return false
}
