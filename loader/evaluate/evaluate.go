// Package evaluate scores extracted annotations against gold ones, so that
// a change to a rule is judged by numbers on two sets of articles (the demo
// corpus, data/demo, and the evaluation set, data/eval) rather than by the
// example it was written for.
//
// # What is compared
//
// Entities: the ids each file refers to (declared or used by any item),
// statements and attributions aside, by kind. Extracted ids are first
// aligned onto the gold ones (extract.Align): the same id, else a shared
// name or alias, else, for minted operations, events, doctrines and
// organizations, the most sentences in common. An extracted entity that
// aligns is a match.
//
// Claims: every relationship either file makes, as (subject, type, object)
// after alignment: claims, roles (HOLDS_ROLE), statements (SAID, ABOUT,
// MADE_AT) and attributions (ATTRIBUTED, BLAMES, CONCERNS, BACKED, and any
// claim pointing at an attribution). A claim matches when subject, type and
// object are the same ids. Claim-nodes have no shared ids, so:
//
//   - a statement is named by the gold statement it aligns with (a shared
//     speaker and a shared sentence); an extracted statement that aligns
//     with none is new, and all its claims are false positives;
//   - an attribution is named, for each of its attributors, by that
//     attributor and the operation it concerns (or, with no operation, the
//     sorted actors it blames): "attribution[country:GB → op:notpetya]". So
//     a joint attribution written as one item with two attributors, or as
//     two items, scores the same, and every claim about it (BLAMES, BACKED,
//     DENIED) counts once per attributor.
//
// Precision is matches / found, recall matches / gold, F1 their harmonic
// mean; "all" rows are micro-averages over every kind or type.
package evaluate

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/extract"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

// Counts are the matches, the gold items and the found items of one row.
type Counts struct {
	Gold, Found, Match int
}

// Precision is Match/Found: 1 when nothing was found and nothing was due,
// 0 when nothing was found of what was due.
func (c Counts) Precision() float64 { return ratio(c.Match, c.Found, c.Gold) }

// Recall is Match/Gold: 1 when the gold has none (nothing was missed).
func (c Counts) Recall() float64 { return ratio(c.Match, c.Gold, 0) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(n, d, other int) float64 {
	if d == 0 {
		if other == 0 {
			return 1
		}
		return 0
	}
	return float64(n) / float64(d)
}

func (c *Counts) add(o Counts) { c.Gold += o.Gold; c.Found += o.Found; c.Match += o.Match }

// Result is the score of one or more articles.
type Result struct {
	Articles int
	Entities map[graph.NodeKind]*Counts
	Claims   map[graph.RelType]*Counts
	// Misses are gold items not found; FalsePositives found items not in
	// the gold; each is "article: KIND id" or "article: subject -TYPE-> object".
	Misses, FalsePositives []string
}

// NewResult returns an empty result.
func NewResult() *Result {
	return &Result{Entities: map[graph.NodeKind]*Counts{}, Claims: map[graph.RelType]*Counts{}}
}

// Add adds another result to r.
func (r *Result) Add(o *Result) {
	r.Articles += o.Articles
	for k, c := range o.Entities {
		r.entity(k).add(*c)
	}
	for t, c := range o.Claims {
		r.claim(t).add(*c)
	}
	r.Misses = append(r.Misses, o.Misses...)
	r.FalsePositives = append(r.FalsePositives, o.FalsePositives...)
}

func (r *Result) entity(k graph.NodeKind) *Counts {
	if r.Entities[k] == nil {
		r.Entities[k] = &Counts{}
	}
	return r.Entities[k]
}

func (r *Result) claim(t graph.RelType) *Counts {
	if r.Claims[t] == nil {
		r.Claims[t] = &Counts{}
	}
	return r.Claims[t]
}

// AllEntities sums the entity rows.
func (r *Result) AllEntities() Counts {
	var c Counts
	for _, x := range r.Entities {
		c.add(*x)
	}
	return c
}

// AllClaims sums the claim rows.
func (r *Result) AllClaims() Counts {
	var c Counts
	for _, x := range r.Claims {
		c.add(*x)
	}
	return c
}

// Score compares the extracted annotations of one article with its gold
// ones; name labels the article in the lists of misses and false
// positives, text is its cleaned text.
func Score(name, text string, gold, got *annotation.File, reg *resolve.Registry) *Result {
	res := NewResult()
	res.Articles = 1
	al := extract.Align(gold, got, text, reg)
	// Entities.
	goldEnts := extract.EntityIDs(gold, text, reg)
	gotEnts := map[string]graph.NodeKind{}
	for id, k := range extract.EntityIDs(got, text, reg) {
		gotEnts[al.MapID(id)] = k
	}
	for _, id := range sortedKeys(goldEnts) {
		c := res.entity(goldEnts[id])
		c.Gold++
		if _, ok := gotEnts[id]; ok {
			c.Match++
		} else {
			res.Misses = append(res.Misses, fmt.Sprintf("%s: %s %s", name, goldEnts[id], id))
		}
	}
	for _, id := range sortedKeys(gotEnts) {
		res.entity(gotEnts[id]).Found++
		if _, ok := goldEnts[id]; !ok {
			res.FalsePositives = append(res.FalsePositives, fmt.Sprintf("%s: %s %s", name, gotEnts[id], id))
		}
	}
	// Claims.
	goldT := triples(gold, func(id string) string { return id }, func(i int) string { return stmtKey(gold, i) })
	gotT := triples(got, al.MapID, func(i int) string {
		if wi, ok := al.Statements[i]; ok {
			return stmtKey(gold, wi)
		}
		return fmt.Sprintf("statement~%d[%s]", i+1, strings.Join(mapAll(got.Statements[i].Speakers, al.MapID), ","))
	})
	for _, t := range sortedKeys(goldT) {
		c := res.claim(goldT[t])
		c.Gold++
		if _, ok := gotT[t]; ok {
			c.Match++
		} else {
			res.Misses = append(res.Misses, name+": "+t)
		}
	}
	for _, t := range sortedKeys(gotT) {
		res.claim(gotT[t]).Found++
		if _, ok := goldT[t]; !ok {
			res.FalsePositives = append(res.FalsePositives, name+": "+t)
		}
	}
	return res
}

// stmtKey names gold statement i: its id, or its speakers and number.
func stmtKey(f *annotation.File, i int) string {
	s := f.Statements[i]
	if s.ID != "" {
		return s.ID
	}
	return fmt.Sprintf("statement#%d[%s]", i+1, strings.Join(s.Speakers, ","))
}

// triples returns every claim of a file as "subject -TYPE-> object" with
// its type, ids mapped by mapID and statements named by stmt.
func triples(f *annotation.File, mapID func(string) string, stmt func(int) string) map[string]graph.RelType {
	out := map[string]graph.RelType{}
	put := func(from string, t graph.RelType, to string) {
		if from != "" && to != "" {
			out[from+" -"+string(t)+"-> "+to] = t
		}
	}
	// Attributions: one key per attributor.
	keys := map[string][]string{}
	for _, a := range f.Attributions {
		by := mapAll(a.By, mapID)
		what := mapID(a.Concerns)
		if what == "" {
			bl := mapAll(a.Blames, mapID)
			sort.Strings(bl)
			what = "blames " + strings.Join(bl, ",")
		}
		for _, b := range by {
			k := "attribution[" + b + " → " + what + "]"
			keys[a.ID] = append(keys[a.ID], k)
			put(b, graph.RelAttributed, k)
			for _, bl := range a.Blames {
				put(k, graph.RelBlames, mapID(bl))
			}
			if a.Concerns != "" {
				put(k, graph.RelConcerns, mapID(a.Concerns))
			}
			for _, bk := range a.BackedBy {
				put(mapID(bk), graph.RelBacked, k)
			}
		}
	}
	stmtIDs := map[string]string{}
	for i, s := range f.Statements {
		k := stmt(i)
		if s.ID != "" {
			stmtIDs[s.ID] = k
		}
		for _, sp := range s.Speakers {
			put(mapID(sp), graph.RelSaid, k)
		}
		for _, a := range s.About {
			if ks, ok := keys[a]; ok {
				for _, ak := range ks {
					put(k, graph.RelAbout, ak)
				}
				continue
			}
			put(k, graph.RelAbout, mapID(a))
		}
		if s.MadeAt != "" {
			put(k, graph.RelMadeAt, mapID(s.MadeAt))
		}
	}
	ends := func(id string) []string {
		if ks, ok := keys[id]; ok {
			return ks
		}
		if k, ok := stmtIDs[id]; ok {
			return []string{k}
		}
		return []string{mapID(id)}
	}
	for _, c := range f.Claims {
		t, err := graph.ParseRelType(c.Type)
		if err != nil {
			continue
		}
		for _, from := range ends(c.Subject) {
			for _, to := range ends(c.Object) {
				put(from, t, to)
			}
		}
	}
	for _, r := range f.Roles {
		put(mapID(r.Person), graph.RelHoldsRole, mapID(r.Organization))
	}
	return out
}

func mapAll(ids []string, f func(string) string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, f(id))
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Write prints the tables of a result: entities by kind, claims by type,
// then (when lists is true) every miss and false positive.
func (r *Result) Write(w io.Writer, title string, lists bool) {
	fmt.Fprintf(w, "%s: %d articles with gold annotations\n\n", title, r.Articles)
	row := func(label string, c Counts) {
		fmt.Fprintf(w, "  %-16s %5d %6d %6d %10.2f %7.2f %6.2f\n", label, c.Gold, c.Found, c.Match, c.Precision(), c.Recall(), c.F1())
	}
	header := func(what string) {
		fmt.Fprintf(w, "  %-16s %5s %6s %6s %10s %7s %6s\n", what, "gold", "found", "match", "precision", "recall", "F1")
	}
	header("entities")
	for _, k := range graph.NodeKinds() {
		if c, ok := r.Entities[k]; ok {
			row(string(k), *c)
		}
	}
	row("all entities", r.AllEntities())
	fmt.Fprintln(w)
	header("claims")
	for _, t := range graph.RelTypes() {
		if c, ok := r.Claims[t]; ok {
			row(string(t), *c)
		}
	}
	row("all claims", r.AllClaims())
	if !lists {
		return
	}
	for _, l := range []struct {
		name  string
		items []string
	}{{"Misses (in the gold, not extracted)", r.Misses}, {"False positives (extracted, not in the gold)", r.FalsePositives}} {
		fmt.Fprintf(w, "\n%s: %d\n", l.name, len(l.items))
		items := slices.Clone(l.items)
		sort.Strings(items)
		for _, it := range items {
			fmt.Fprintf(w, "  %s\n", it)
		}
	}
}
