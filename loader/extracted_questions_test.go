package loader_test

import (
	"context"
	"io/fs"
	"os"
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

// rawSeeds copies the demo articles, without their annotation files, to a
// temporary folder: what a journalist has before anyone annotates.
func rawSeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(data.Demo(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := fs.ReadFile(data.Demo(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func loadInto(t *testing.T, paths ...string) (graph.Store, loader.Summary) {
	t.Helper()
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	l, err := loader.New(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := l.LoadPaths(ctx, paths)
	if err != nil || sum.Err() != nil || len(sum.Warnings) > 0 {
		t.Fatalf("load: %v %v %v %v", err, sum.Err(), sum.Errors, sum.Warnings)
	}
	return s, sum
}

// With no annotation file at all, loading the seeds answers questions 1, 3,
// 4, 6, 7 and 11 of the demo (shared/questions.md) through the store, each
// answer with its sentence, and every claim marked as extracted.
func TestRawSeedsAnswerTheQuestions(t *testing.T) {
	s, _ := loadInto(t, rawSeeds(t))
	Q := q{t, s}

	t.Run("every claim is extracted, none curated", func(t *testing.T) {
		st, _ := s.Stats(context.Background())
		if st.TotalRelationships() < 50 {
			t.Fatalf("only %d claims", st.TotalRelationships())
		}
		for _, id := range []string{"country:US", "person:john-sullivan", "person:rob-strayer"} {
			for _, r := range Q.rels([]string{id}, graph.Both) {
				if !strings.HasPrefix(r.Method, "rule:") {
					t.Fatalf("claim %s %s %s has method %q", r.From, r.Type, r.To, r.Method)
				}
			}
		}
	})

	t.Run("1 who blamed whom for the midterm attack", func(t *testing.T) {
		var found bool
		for _, a := range Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelAttributed) {
			blames := Q.rels([]string{a.To}, graph.Outgoing, graph.RelBlames)
			concerns := Q.rels([]string{a.To}, graph.Outgoing, graph.RelConcerns)
			if len(blames) == 0 || len(concerns) != 1 {
				continue
			}
			op := Q.node(concerns[0].To)
			if !strings.Contains(strings.ToLower(op.Name+" "+strings.Join(op.Aliases, " ")), "election") {
				continue
			}
			for _, b := range blames {
				if b.To == "country:RU" && b.Modality == graph.Alleged {
					found = true
					Q.mustQuote(b.ID, "As the US pointed the finger at a resurgent Russia")
					Q.mustQuote(b.ID, "Russia blamed for cyber attack on US elections")
				}
			}
		}
		if !found {
			t.Fatal("no alleged attribution by the US blaming Russia for an attack on the elections")
		}
	})

	t.Run("3 who attended the ministerial the US convened", func(t *testing.T) {
		conv := Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelConvened)
		if len(conv) != 1 {
			t.Fatalf("convened %v", conv)
		}
		ev := Q.node(conv[0].To)
		if !strings.Contains(ev.Name, "ministerial meeting on cybersecurity") {
			t.Fatalf("event %+v", ev)
		}
		Q.mustQuote(conv[0].ID, "The U.S. on Friday convened a ministerial meeting on cybersecurity")
		att := Q.rels([]string{ev.ID}, graph.Incoming, graph.RelAttended)
		want := []string{"country:AU", "country:CL", "country:CO", "country:DK", "country:EE", "country:FI", "country:GB",
			"country:IL", "country:IS", "country:JP", "country:KR", "country:LT", "country:LV", "country:NL", "country:NO",
			"country:SE", "country:SG", "org:eu"}
		if got := ends(att, true); !slices.Equal(got, want) {
			t.Fatalf("attendees\n got %v\nwant %v", got, want)
		}
		for _, a := range att {
			Q.mustQuote(a.ID, "Officials from Australia, Chile")
		}
	})

	t.Run("4 what John Sullivan said, in which role, about which states", func(t *testing.T) {
		roles := Q.rels([]string{"person:john-sullivan"}, graph.Outgoing, graph.RelHoldsRole)
		if len(roles) != 1 || roles[0].Props["title"] != "Deputy Secretary of State" || roles[0].To != "org:us-state-department" {
			t.Fatalf("roles %+v", roles)
		}
		Q.mustQuote(roles[0].ID, "U.S. Deputy Secretary of State John Sullivan")
		var texts []string
		about := map[string]bool{}
		for _, r := range Q.rels([]string{"person:john-sullivan"}, graph.Outgoing, graph.RelSaid) {
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

	t.Run("6 attacks the US attributed with other nations", func(t *testing.T) {
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
		roles := Q.rels([]string{"person:rob-strayer"}, graph.Outgoing, graph.RelHoldsRole)
		if len(roles) != 1 || !strings.Contains(roles[0].Props["title"], "Deputy Assistant Secretary for Cyber") || roles[0].To != "org:us-state-department" {
			t.Fatalf("roles %+v", roles)
		}
		Q.mustQuote(roles[0].ID, "Rob Strayer, the deputy assistant secretary")
		found := false
		for _, r := range Q.rels([]string{"person:rob-strayer"}, graph.Outgoing, graph.RelSaid) {
			if strings.Contains(Q.node(r.To).Props["text"], "don’t enforce themselves") {
				found = true
			}
		}
		if !found {
			t.Fatal("Strayer's statement on norms is missing")
		}
	})

	t.Run("11 whom Washington warned", func(t *testing.T) {
		w := Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelWarned)
		if got := ends(w, false); !slices.Equal(got, []string{"country:CN", "country:KP", "country:RU"}) {
			t.Fatalf("warned %v", got)
		}
		for _, r := range w {
			Q.mustQuote(r.ID, "Washington warns Russia, China and North Korea")
		}
	})
}

// With the curated files, the curated claims stand as curated, and what
// extraction adds that they do not mention is there too, marked with its
// rule; "extraction: off" loads the file alone.
func TestCuratedWinsAndExtractedStays(t *testing.T) {
	dir := t.TempDir()
	article := "Estonia hosts cyber drill\n\nEstonia hosted a NATO cyber defence exercise in Tallinn on Monday. Washington warns Russia of consequences of attacks.\n"
	curated := "entities:\n  - {id: event:drill, kind: Event, name: NATO cyber defence exercise, quote: 'Estonia hosted a NATO cyber defence exercise'}\n" +
		"claims:\n  - {subject: country:US, type: WARNED, object: country:RU, quote: 'Washington warns Russia', properties: {of: consequences}}\n"
	os.WriteFile(filepath.Join(dir, "drill.txt"), []byte(article), 0o600)
	os.WriteFile(filepath.Join(dir, "drill.annotations.yaml"), []byte(curated), 0o600)
	s, _ := loadInto(t, dir)
	Q := q{t, s}
	w := Q.rels([]string{"country:US"}, graph.Outgoing, graph.RelWarned)
	if len(w) != 1 || w[0].Method != graph.MethodCurated || w[0].Props["of"] != "consequences" {
		t.Fatalf("the curated claim must win: %+v", w)
	}
	if _, err := s.Nodes(context.Background(), []string{"event:drill"}); err != nil {
		t.Fatal(err)
	}

	// Off: nothing but the file.
	os.WriteFile(filepath.Join(dir, "drill.annotations.yaml"), []byte("document: {extraction: off}\n"+curated), 0o600)
	s2, _ := loadInto(t, dir)
	st, _ := s2.Stats(context.Background())
	if st.TotalRelationships() != 1 {
		t.Fatalf("extraction off: %d claims, want the one curated", st.TotalRelationships())
	}
}

// The demo loads with its curated annotations plus what extraction adds:
// every added claim is marked with its rule, and the curated answers are
// untouched (TestDemoAnswersTheQuestions checks them on the same load).
func TestDemoAddsOnlyMarkedExtractedClaims(t *testing.T) {
	s := demoStore(t)
	Q := q{t, s}
	var curated, extracted int
	for _, id := range []string{"country:US", "country:CN", "person:john-sullivan", "person:rob-strayer", "person:jim-mattis"} {
		for _, r := range Q.rels([]string{id}, graph.Both) {
			switch {
			case r.Method == graph.MethodCurated:
				curated++
			case strings.HasPrefix(r.Method, "rule:"):
				extracted++
			default:
				t.Fatalf("method %q", r.Method)
			}
		}
	}
	if curated == 0 || extracted == 0 {
		t.Fatalf("curated %d, extracted %d: the demo should show both", curated, extracted)
	}
}
