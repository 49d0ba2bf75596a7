package loader_test

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/loader"
)

// demoStore loads the embedded demo corpus into a fresh SQLite store.
func demoStore(t *testing.T) graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	l, err := loader.New(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := l.LoadFS(ctx, data.Demo(), "data/demo")
	if err != nil || sum.Err() != nil {
		t.Fatalf("loading the demo corpus: %v %v %v", err, sum.Err(), sum.Errors)
	}
	return s
}

// q is a small query helper over a store, for the journalist's questions.
type q struct {
	t *testing.T
	s graph.Store
}

func (q q) rels(ids []string, dir graph.Direction, types ...graph.RelType) []graph.Relationship {
	q.t.Helper()
	page, err := q.s.Relationships(context.Background(), graph.RelationshipsQuery{NodeIDs: ids, Direction: dir,
		Filter: graph.Filter{Types: types}, First: 1000})
	if err != nil {
		q.t.Fatal(err)
	}
	return page.Relationships
}

func (q q) node(id string) graph.Node {
	q.t.Helper()
	ns, err := q.s.Nodes(context.Background(), []string{id})
	if err != nil || len(ns) != 1 {
		q.t.Fatalf("node %s: %v %v", id, ns, err)
	}
	return ns[0]
}

// evidenceOf returns the quotes of a claim or node, failing when there is
// none: an answer without its sentence is not an answer.
func (q q) evidenceOf(id string) []string {
	q.t.Helper()
	ev, err := q.s.Evidence(context.Background(), []string{id})
	if err != nil {
		q.t.Fatal(err)
	}
	if len(ev[id]) == 0 {
		q.t.Fatalf("%s has no evidence", id)
	}
	var quotes []string
	for _, e := range ev[id] {
		quotes = append(quotes, e.Quote)
	}
	return quotes
}

func (q q) mustQuote(id, fragment string) {
	q.t.Helper()
	for _, s := range q.evidenceOf(id) {
		if strings.Contains(s, fragment) {
			return
		}
	}
	q.t.Fatalf("no evidence of %s contains %q; got %q", id, fragment, q.evidenceOf(id))
}

func ends(rels []graph.Relationship, from bool) []string {
	var out []string
	for _, r := range rels {
		if from {
			out = append(out, r.From)
		} else {
			out = append(out, r.To)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func TestDemoAnswersTheQuestions(t *testing.T) {
	s := demoStore(t)

	t.Run("1 who blamed whom for the midterm attack", func(t *testing.T) {
		Q := q{t, s}
		concerns := Q.rels([]string{"op:us-midterms-2018-attack"}, graph.Incoming, graph.RelConcerns)
		if len(concerns) != 1 {
			t.Fatalf("attributions of the midterm attack: %v", concerns)
		}
		a := concerns[0].From
		if by := ends(Q.rels([]string{a}, graph.Incoming, graph.RelAttributed), true); !slices.Equal(by, []string{"country:US"}) {
			t.Fatalf("attributed by %v", by)
		}
		blames := Q.rels([]string{a}, graph.Outgoing, graph.RelBlames)
		if len(blames) != 1 || blames[0].To != "country:RU" || blames[0].Modality != graph.Alleged {
			t.Fatalf("blames %+v", blames)
		}
		Q.mustQuote(blames[0].ID, "As the US pointed the finger at a resurgent Russia")
		Q.mustQuote(blames[0].ID, "Russia blamed for cyber attack on US elections")
	})

	t.Run("2 who backed, passed and approved the offender doctrine", func(t *testing.T) {
		Q := q{t, s}
		backed := Q.rels([]string{"doctrine:offender-doctrine"}, graph.Incoming, graph.RelBacked)
		if got := ends(backed, true); !slices.Contains(got, "org:nato") {
			t.Fatalf("backers %v", got)
		}
		adopted := Q.rels([]string{"doctrine:offender-doctrine"}, graph.Incoming, graph.RelAdopted)
		if got := ends(adopted, true); !slices.Equal(got, []string{"org:us-house", "org:us-pentagon"}) {
			t.Fatalf("adopted by %v", got)
		}
		for _, r := range append(backed, adopted...) {
			Q.mustQuote(r.ID, "doctrine")
			if r.From != "country:US" {
				Q.mustQuote(r.ID, "rallied behind what has become known as the “offender doctrine”, passed by the Pentagon and approved by the US House of Representatives")
			}
		}
	})

	t.Run("3 who attended the ministerial the US convened", func(t *testing.T) {
		Q := q{t, s}
		conv := Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelConvened)
		if len(conv) != 1 {
			t.Fatalf("convened %v", conv)
		}
		ev := conv[0].To
		if held := ends(Q.rels([]string{ev}, graph.Outgoing, graph.RelHeldDuring), false); !slices.Equal(held, []string{"event:unga-2018"}) {
			t.Fatalf("held during %v", held)
		}
		att := Q.rels([]string{ev}, graph.Incoming, graph.RelAttended)
		want := []string{"country:AU", "country:CL", "country:CO", "country:DK", "country:EE", "country:FI", "country:GB",
			"country:IL", "country:IS", "country:JP", "country:KR", "country:LT", "country:LV", "country:NL", "country:NO",
			"country:SE", "country:SG", "org:eu"}
		if got := ends(att, true); !slices.Equal(got, want) {
			t.Fatalf("attendees\n got %v\nwant %v", got, want)
		}
		Q.mustQuote(att[0].ID, "Officials from Australia, Chile")
	})

	t.Run("4 what John Sullivan said, in which role, about which states", func(t *testing.T) {
		Q := q{t, s}
		roles := Q.rels([]string{"person:john-sullivan"}, graph.Outgoing, graph.RelHoldsRole)
		if len(roles) != 1 || roles[0].Props["title"] != "Deputy Secretary of State" || roles[0].To != "org:us-state-department" {
			t.Fatalf("roles %+v", roles)
		}
		said := Q.rels([]string{"person:john-sullivan"}, graph.Outgoing, graph.RelSaid)
		var texts []string
		about := map[string]bool{}
		for _, r := range said {
			st := Q.node(r.To)
			texts = append(texts, st.Props["text"])
			Q.evidenceOf(st.ID)
			for _, a := range Q.rels([]string{st.ID}, graph.Outgoing, graph.RelAbout) {
				about[a.To] = true
			}
		}
		all := strings.Join(texts, " | ")
		for _, frag := range []string{"costs and consequences", "sanctions, diplomatic activity or offensive cyber activity", "It is not just Russia. It is not just China."} {
			if !strings.Contains(all, frag) {
				t.Fatalf("Sullivan's statements lack %q: %s", frag, all)
			}
		}
		for _, c := range []string{"country:RU", "country:CN", "country:KP", "country:IR"} {
			if !about[c] {
				t.Fatalf("no statement of Sullivan is about %s", c)
			}
		}
	})

	t.Run("5 whom Trump accused, of what, where", func(t *testing.T) {
		Q := q{t, s}
		acc := Q.rels([]string{"person:donald-trump"}, graph.Outgoing, graph.RelAccused)
		if len(acc) != 1 || acc[0].To != "country:CN" || !strings.Contains(acc[0].Props["of"], "interfere in the upcoming U.S. midterm elections") {
			t.Fatalf("accused %+v", acc)
		}
		Q.mustQuote(acc[0].ID, "during a Security Council meeting")
		said := Q.rels([]string{"person:donald-trump"}, graph.Outgoing, graph.RelSaid)
		found := false
		for _, r := range said {
			if strings.Contains(Q.node(r.To).Props["text"], "We have evidence") {
				found = true
				Q.mustQuote(r.To, "didn't come out of nowhere")
			}
		}
		if !found {
			t.Fatal(`Trump's "We have evidence" statement is missing`)
		}
		where := Q.rels([]string{"person:donald-trump"}, graph.Outgoing, graph.RelAttended)
		if got := ends(where, false); !slices.Equal(got, []string{"event:unsc-meeting-2018-09-26"}) {
			t.Fatalf("Trump attended %v", got)
		}
	})

	t.Run("6 attacks the US attributed with other nations", func(t *testing.T) {
		Q := q{t, s}
		var ops []string
		for _, a := range Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelAttributed) {
			for _, c := range Q.rels([]string{a.To}, graph.Outgoing, graph.RelConcerns) {
				for _, quote := range Q.evidenceOf(c.ID) {
					if strings.Contains(quote, "in collaboration with other nations") {
						ops = append(ops, c.To)
					}
				}
			}
		}
		sort.Strings(ops)
		if !slices.Equal(ops, []string{"op:notpetya", "op:wannacry"}) {
			t.Fatalf("ops %v", ops)
		}
	})

	t.Run("7 who is Rob Strayer", func(t *testing.T) {
		Q := q{t, s}
		roles := Q.rels([]string{"person:rob-strayer"}, graph.Outgoing, graph.RelHoldsRole)
		if len(roles) != 1 || !strings.Contains(roles[0].Props["title"], "Deputy Assistant Secretary for Cyber") || roles[0].To != "org:us-state-department" {
			t.Fatalf("roles %+v", roles)
		}
		Q.mustQuote(roles[0].ID, "Rob Strayer, the deputy assistant secretary")
		said := Q.rels([]string{"person:rob-strayer"}, graph.Outgoing, graph.RelSaid)
		found := false
		for _, r := range said {
			if strings.Contains(Q.node(r.To).Props["text"], "don’t enforce themselves") {
				found = true
			}
		}
		if !found {
			t.Fatal("Strayer's statement on norms is missing")
		}
	})

	t.Run("8 the model for the coalition and when it was launched", func(t *testing.T) {
		Q := q{t, s}
		m := Q.rels([]string{"doctrine:state-department-cyber-coalition"}, graph.Outgoing, graph.RelModeledOn)
		if len(m) != 1 || m[0].To != "doctrine:proliferation-security-initiative" {
			t.Fatalf("modeled on %+v", m)
		}
		psi := Q.node("doctrine:proliferation-security-initiative")
		if psi.Props["date"] != "2002" || !strings.Contains(psi.Props["description"], "weapons of mass destruction") {
			t.Fatalf("PSI %+v", psi)
		}
		Q.mustQuote(psi.ID, "first launched in 2002")
	})

	t.Run("9 how China reacted and to what", func(t *testing.T) {
		Q := q{t, s}
		r := Q.rels([]string{"country:CN"}, graph.Outgoing, graph.RelReactedTo)
		if len(r) != 1 || r[0].To != "doctrine:offender-doctrine" || r[0].Props["how"] != "reacted angrily" {
			t.Fatalf("reacted %+v", r)
		}
		Q.mustQuote(r[0].ID, "calling for more cooperation between the US and the People’s Liberation Army")
	})

	t.Run("10 what Jim Mattis said and in which role", func(t *testing.T) {
		Q := q{t, s}
		roles := Q.rels([]string{"person:jim-mattis"}, graph.Outgoing, graph.RelHoldsRole)
		if len(roles) != 1 || roles[0].Props["title"] != "Defence Secretary" {
			t.Fatalf("roles %+v", roles)
		}
		var texts []string
		for _, r := range Q.rels([]string{"person:jim-mattis"}, graph.Outgoing, graph.RelSaid) {
			texts = append(texts, Q.node(r.To).Props["text"])
			Q.evidenceOf(r.ID)
		}
		all := strings.Join(texts, " | ")
		if !strings.Contains(all, "Russia is certainly the poster child") || !strings.Contains(all, "build trust and collaboration") {
			t.Fatalf("Mattis said %s", all)
		}
	})

	t.Run("11 whom Washington warned", func(t *testing.T) {
		Q := q{t, s}
		w := Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelWarned)
		if got := ends(w, false); !slices.Equal(got, []string{"country:CN", "country:KP", "country:RU"}) {
			t.Fatalf("warned %v", got)
		}
		Q.mustQuote(w[0].ID, "Washington warns Russia, China and North Korea")
	})

	t.Run("12 how Estonia is connected to Russia", func(t *testing.T) {
		Q := q{t, s}
		paths, err := s.Paths(context.Background(), graph.PathQuery{From: "country:EE", To: "country:RU", MaxHops: 4, K: 5})
		if err != nil || len(paths) == 0 {
			t.Fatalf("paths %v %v", paths, err)
		}
		for _, p := range paths {
			for _, r := range p.Relationships {
				Q.evidenceOf(r.ID)
			}
		}
		// The shortest goes through the ministerial the US convened.
		ids := []string{}
		for _, n := range paths[0].Nodes {
			ids = append(ids, n.ID)
		}
		if !slices.Contains(ids, "event:cyber-ministerial-2018") || !slices.Contains(ids, "country:US") {
			t.Fatalf("shortest path %v", ids)
		}
	})
}

// Nothing drawn from page furniture may be in the graph: not as a node, not
// as evidence, not as document text.
func TestDemoHasNoFurniture(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	furniture := []string{"Russia Jammed GPS Signals During NATO Exercise", "Try 1 month for $0.99",
		"ArrowArtboardCreated with Sketch", "Sponsored Content", "Leave a Comment", "Related posts"}
	docs, err := s.ListDocuments(ctx, graph.ListDocumentsQuery{First: 100})
	if err != nil || len(docs.Documents) != 3 {
		t.Fatalf("documents %v %v", len(docs.Documents), err)
	}
	for _, d := range docs.Documents {
		for _, f := range furniture {
			if strings.Contains(d.Text, f) {
				t.Errorf("document %q keeps furniture %q", d.Title, f)
			}
		}
	}
	for _, f := range furniture {
		hits, err := s.Search(ctx, graph.SearchQuery{Text: f})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if strings.Contains(h.Node.Name, f) {
				t.Errorf("furniture %q became node %s", f, h.Node.ID)
			}
		}
	}
	// Publishers are sources, not actors.
	for _, p := range []string{"Nikkei Asia", "Fifth Domain", "Arms Industries"} {
		hits, _ := s.Search(ctx, graph.SearchQuery{Text: p})
		for _, h := range hits {
			if h.Matched == "name" || h.Matched == "alias" {
				t.Errorf("publisher %q is an actor: %s", p, h.Node.ID)
			}
		}
	}
}

func TestLoadTwiceAddsNothing(t *testing.T) {
	s := demoStore(t)
	ctx := context.Background()
	before, _ := s.Stats(ctx)
	l, _ := loader.New(s, nil)
	sum, err := l.LoadFS(ctx, data.Demo(), "data/demo")
	if err != nil || sum.New != (graph.UpsertResult{}) {
		t.Fatalf("second load: %+v %v", sum.New, err)
	}
	after, _ := s.Stats(ctx)
	if before.TotalNodes() != after.TotalNodes() || before.Evidence != after.Evidence || before.TotalRelationships() != after.TotalRelationships() {
		t.Fatalf("stats changed: %+v -> %+v", before, after)
	}
}
