package extract

import (
	"slices"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

// Merge returns what to load for an article that has a curated annotation
// file: the curated file as it is, plus the extracted items it does not
// mention, which keep their rule as method (so the graph tells them apart).
//
// Curated wins. Extracted ids are first aligned onto the curated ones
// (Align), so that "event:ministerial-meeting-on-cybersecurity" becomes the
// curator's "event:cyber-ministerial-2018" instead of a second node. Then an
// extracted item is dropped when the curated file already says it: a claim
// or role with the same subject, type and object (including the claims a
// curated statement or attribution makes); a statement that aligns with a
// curated one (the curator's speakers and about win); an attribution by one
// of the same attributors about the same operation (or, with none, blaming
// one of the same actors), whose claims then point at the curated
// attribution. Extracted entities the curated file declares under another
// id are not declared again.
func Merge(curated, extracted *annotation.File, text string, reg *resolve.Registry) *annotation.File {
	al := Align(curated, extracted, text, reg)
	out := *curated
	out.Entities = slices.Clone(curated.Entities)
	out.Claims = slices.Clone(curated.Claims)
	out.Statements = slices.Clone(curated.Statements)
	out.Attributions = slices.Clone(curated.Attributions)
	out.Roles = slices.Clone(curated.Roles)

	// What the curated file says, as triples.
	said := map[string]bool{}
	key := func(from string, t graph.RelType, to string) string { return from + "\x00" + string(t) + "\x00" + to }
	for _, c := range curated.Claims {
		if t, err := graph.ParseRelType(c.Type); err == nil {
			said[key(c.Subject, t, c.Object)] = true
		}
	}
	for _, r := range curated.Roles {
		said[key(r.Person, graph.RelHoldsRole, r.Organization)] = true
	}
	declared := map[string]graph.NodeKind{}
	for _, e := range curated.Entities {
		if k, err := graph.ParseNodeKind(e.Kind); err == nil {
			declared[e.ID] = k
		}
	}
	for _, a := range curated.Attributions {
		declared[a.ID] = graph.KindAttribution
	}
	for _, s := range curated.Statements {
		if s.ID != "" {
			declared[s.ID] = graph.KindStatement
		}
	}

	// Attributions.
	attrMap := map[string]string{} // extracted attribution id -> curated one
	for _, a := range extracted.Attributions {
		by := mapAll(a.By, al.mapID)
		blames := mapAll(a.Blames, al.mapID)
		concerns := al.mapID(a.Concerns)
		for _, c := range curated.Attributions {
			if c.ID == "" || !intersects(by, c.By) {
				continue
			}
			if concerns != "" && c.Concerns == concerns || concerns == "" && intersects(blames, c.Blames) {
				attrMap[a.ID] = c.ID
				break
			}
		}
		if _, dropped := attrMap[a.ID]; dropped {
			continue
		}
		if _, clash := declared[a.ID]; clash {
			continue // an id the curator uses for something else
		}
		a.By, a.Blames, a.Concerns = by, blames, concerns
		a.BackedBy = mapAll(a.BackedBy, al.mapID)
		out.Attributions = append(out.Attributions, a)
	}
	mapRef := func(id string) string {
		if c, ok := attrMap[id]; ok {
			return c
		}
		return al.mapID(id)
	}

	// Statements.
	for i, s := range extracted.Statements {
		if _, ok := al.Statements[i]; ok {
			continue
		}
		s.Speakers = mapAll(s.Speakers, al.mapID)
		s.About = mapAll(s.About, mapRef)
		s.MadeAt = al.mapID(s.MadeAt)
		out.Statements = append(out.Statements, s)
	}

	// Claims and roles.
	for _, c := range extracted.Claims {
		c.Subject, c.Object = mapRef(c.Subject), mapRef(c.Object)
		t, err := graph.ParseRelType(c.Type)
		if err != nil || said[key(c.Subject, t, c.Object)] || curatedAttrClaim(curated, c.Subject, t, c.Object) {
			continue
		}
		out.Claims = append(out.Claims, c)
	}
	for _, r := range extracted.Roles {
		r.Person, r.Organization = al.mapID(r.Person), al.mapID(r.Organization)
		if said[key(r.Person, graph.RelHoldsRole, r.Organization)] {
			continue
		}
		out.Roles = append(out.Roles, r)
	}

	// Entities the kept items need that the curated file does not declare.
	used := map[string]bool{}
	for _, a := range out.Attributions[len(curated.Attributions):] {
		markUsed(used, slices.Concat(a.By, a.Blames, a.BackedBy, []string{a.Concerns})...)
	}
	for _, s := range out.Statements[len(curated.Statements):] {
		markUsed(used, slices.Concat(s.Speakers, s.About, []string{s.MadeAt})...)
	}
	for _, c := range out.Claims[len(curated.Claims):] {
		markUsed(used, c.Subject, c.Object)
	}
	for _, r := range out.Roles[len(curated.Roles):] {
		markUsed(used, r.Person, r.Organization)
	}
	for _, e := range extracted.Entities {
		if al.mapID(e.ID) != e.ID || !used[e.ID] {
			continue // the curator's entity stands for it, or nothing needs it
		}
		if _, ok := declared[e.ID]; ok {
			continue
		}
		if _, ref := reg.Node(e.ID); ref {
			continue
		}
		out.Entities = append(out.Entities, e)
	}
	return &out
}

// curatedAttrClaim reports whether a curated attribution already makes the
// claim from -t-> to.
func curatedAttrClaim(f *annotation.File, from string, t graph.RelType, to string) bool {
	for _, a := range f.Attributions {
		switch {
		case t == graph.RelAttributed && to == a.ID && slices.Contains(a.By, from),
			t == graph.RelBlames && from == a.ID && slices.Contains(a.Blames, to),
			t == graph.RelConcerns && from == a.ID && a.Concerns == to,
			t == graph.RelBacked && to == a.ID && slices.Contains(a.BackedBy, from):
			return true
		}
	}
	for _, s := range f.Statements {
		if s.ID == "" {
			continue
		}
		switch {
		case t == graph.RelSaid && to == s.ID && slices.Contains(s.Speakers, from),
			t == graph.RelAbout && from == s.ID && slices.Contains(s.About, to),
			t == graph.RelMadeAt && from == s.ID && s.MadeAt == to:
			return true
		}
	}
	return false
}

func mapAll(ids []string, f func(string) string) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, f(id))
	}
	return out
}
