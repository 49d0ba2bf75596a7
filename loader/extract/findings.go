package extract

import (
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Rule names and versions. A rule's version goes up whenever what it finds
// changes, so that a claim in the graph says which logic made it; the
// method of a claim is "rule:<name>@<version>".
const (
	methodPerson    = "rule:person@1"
	methodCompany   = "rule:company@1"
	methodGroup     = "rule:group@1"
	methodOperation = "rule:operation@1"
	methodEvent     = "rule:event@1"
	methodDoctrine  = "rule:doctrine@1"
)

// Confidences: how often, on the demo and evaluation sets, what the rule
// finds is right, rounded down. They are not probabilities, but they order
// claims sensibly for a reviewer.
const ()

// finding is one claim found by a rule.
type finding struct {
	subj, obj string
	typ       graph.RelType
	quote     string
	sent      int
	modality  graph.Modality
	conf      float64
	method    string
	props     map[string]string
	fired     string // what fired the rule, for --explain ("" when the rule does not say)
}

// stmtFinding is one statement found.
type stmtFinding struct {
	speakers []string
	quote    string
	text     string
	about    []string
	madeAt   string
	first    int // first sentence
	last     int // last sentence
	para     int
	method   string
	conf     float64
	fired    string // what fired the rule, for --explain
}

// attrFinding is one attribution found.
type attrFinding struct {
	id       string
	by       []string
	blames   []string
	concerns string
	basis    string
	quote    string
	sent     int
	modality graph.Modality
	conf     float64
	method   string
	legal    bool
	fired    string // what fired the rule, for --explain
	// more evidence: the same attribution reported again
	extra []finding
}

// roleFinding is one HOLDS_ROLE found.
type roleFinding struct {
	person, title, org, quote string
	method                    string
	conf                      float64
	dates                     roleSpan // when the text says it was held (roledates.go)
	fired                     string   // what fired a rule written as data, for --explain
}

// findings collects what the rules find in one document.
type findings struct {
	claims     []finding
	statements []*stmtFinding
	attrs      []*attrFinding
	roles      []roleFinding
	// agentless blames ("Russia blamed for cyber attack"), attached at the
	// end to an attribution that blames the same actor.
	agentless []finding
	// who acted in the claims of each type, in the order found: "The
	// sanctions target ..." are the last sanctioner's (subject last-actor)
	actors []actorRecord
	// the operation a reported attribution in a sentence concerns: what
	// "Britain said Chinese state-backed groups were responsible" is about
	implied map[int]string
}

type actorRecord struct {
	typ  graph.RelType
	sent int
	ids  []string
}

func newFindings() *findings { return &findings{implied: map[int]string{}} }

func (f *findings) add(c finding) {
	if c.subj == "" || c.obj == "" || c.subj == c.obj {
		return
	}
	if c.modality == "" {
		c.modality = graph.Asserted
	}
	for _, o := range f.claims {
		if o.subj == c.subj && o.typ == c.typ && o.obj == c.obj && o.sent == c.sent {
			return
		}
	}
	f.claims = append(f.claims, c)
}

func (f *findings) addRole(person, title, org string, s *sentence, method string, conf float64, dates roleSpan) {
	for _, r := range f.roles {
		if r.person == person && r.org == org {
			return
		}
	}
	f.roles = append(f.roles, roleFinding{person: person, title: title, org: org, quote: s.text, method: method, conf: conf, dates: dates})
}

// attribution records an attribution, or more evidence and blamed actors
// for the one already found with the same attributors and operation.
func (f *findings) attribution(a *attrFinding) *attrFinding {
	a.by = uniq(a.by)
	a.blames = slices.DeleteFunc(uniq(a.blames), func(b string) bool { return slices.Contains(a.by, b) })
	if len(a.by) == 0 || len(a.blames) == 0 && a.concerns == "" {
		return nil
	}
	for _, o := range f.attrs {
		if !sameSet(o.by, a.by) || o.concerns != a.concerns {
			continue
		}
		if a.concerns == "" && !intersects(o.blames, a.blames) {
			continue
		}
		// The same sentence widens the attribution; another sentence is more
		// evidence for it (a claim quoting that sentence).
		for _, b := range a.blames {
			if a.sent == o.sent {
				if !slices.Contains(o.blames, b) {
					o.blames = append(o.blames, b)
				}
				continue
			}
			o.extra = append(o.extra, finding{subj: o.id, typ: graph.RelBlames, obj: b, quote: a.quote, sent: a.sent,
				modality: a.modality, conf: a.conf, method: a.method})
		}
		if a.sent != o.sent && a.concerns != "" {
			o.extra = append(o.extra, finding{subj: o.id, typ: graph.RelConcerns, obj: a.concerns, quote: a.quote, sent: a.sent,
				modality: a.modality, conf: a.conf, method: a.method})
		}
		if a.legal {
			o.legal = true
		}
		return o
	}
	base := "attribution:" + idPart(a.by[0])
	switch {
	case a.concerns != "":
		base += "-" + idPart(a.concerns)
	default:
		base += "-blames-" + idPart(a.blames[0])
	}
	a.id = base
	for n := 2; f.attrByID(a.id) != nil; n++ {
		a.id = base + "-" + itoa(n)
	}
	f.attrs = append(f.attrs, a)
	return a
}

func (f *findings) attrByID(id string) *attrFinding {
	for _, a := range f.attrs {
		if a.id == id {
			return a
		}
	}
	return nil
}

// statement records a statement, merging it into one from the same
// speakers over the same sentences.
func (f *findings) statement(st *stmtFinding) {
	st.speakers = uniq(st.speakers)
	st.about = slices.DeleteFunc(uniq(st.about), func(a string) bool { return slices.Contains(st.speakers, a) })
	if len(st.speakers) == 0 || strings.TrimSpace(st.quote) == "" {
		return
	}
	for _, o := range f.statements {
		if sameSet(o.speakers, st.speakers) && o.first <= st.last && st.first <= o.last {
			o.about = uniq(append(o.about, st.about...))
			if o.madeAt == "" {
				o.madeAt = st.madeAt
			}
			return
		}
	}
	f.statements = append(f.statements, st)
}

// idPart is the part of an id after its prefix: "country:US" gives "us".
func idPart(id string) string {
	if _, rest, ok := strings.Cut(id, ":"); ok {
		id = rest
	}
	return slug(id)
}

func uniq(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func intersects(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
