package extract_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/clean"
	"github.com/actorgraph/actorgraph/loader/extract"
)

// corpus returns the cleaned articles of data/demo and data/eval.
func corpus(t testing.TB) map[string]graph.Document {
	t.Helper()
	docs := map[string]graph.Document{}
	for _, dir := range []string{"../../data/demo", "../../data/eval"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no articles in %s: %v", dir, err)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c := clean.Clean(string(raw))
			docs[f] = graph.Document{Text: c.Text, Title: c.Title, Publisher: c.Publisher, Source: f}
		}
	}
	return docs
}

// What extraction writes must be loadable as it is: every quote verbatim in
// the cleaned text, every id either reference data or declared, every item
// marked with its rule. (The loader's own test builds and checks batches.)
func TestExtractionIsLoadable(t *testing.T) {
	x, reg := newExtractor(t)
	for name, doc := range corpus(t) {
		f, err := x.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		declared := map[string]bool{}
		for _, e := range f.Entities {
			if declared[e.ID] {
				t.Errorf("%s: %s declared twice", name, e.ID)
			}
			declared[e.ID] = true
			if _, ref := reg.Node(e.ID); ref {
				t.Errorf("%s: reference entity %s declared", name, e.ID)
			}
			k, _ := graph.ParseNodeKind(e.Kind)
			if !strings.HasPrefix(e.ID, k.IDPrefix()+":") {
				t.Errorf("%s: id %s of a %s is not canonical", name, e.ID, e.Kind)
			}
			if e.Quote != "" && !strings.Contains(doc.Text, e.Quote) {
				t.Errorf("%s: entity quote not verbatim: %q", name, e.Quote)
			}
		}
		var quotes []string
		var methods []string
		for _, a := range f.Attributions {
			quotes, methods = append(quotes, a.Quote), append(methods, a.Method)
			declared[a.ID] = true
		}
		for _, c := range f.Claims {
			quotes, methods = append(quotes, c.Quote), append(methods, c.Method)
		}
		for _, s := range f.Statements {
			quotes, methods = append(quotes, s.Quote), append(methods, s.Method)
		}
		for _, r := range f.Roles {
			quotes, methods = append(quotes, r.Quote), append(methods, r.Method)
		}
		for _, q := range quotes {
			if q == "" || !strings.Contains(doc.Text, q) {
				t.Errorf("%s: quote not verbatim: %q", name, q)
			}
		}
		for _, m := range methods {
			if err := graph.CheckMethod(m); err != nil || m == graph.MethodCurated {
				t.Errorf("%s: method %q", name, m)
			}
		}
		for id := range extract.EntityIDs(f, doc.Text, reg) {
			if _, ref := reg.Node(id); !ref && !declared[id] {
				t.Errorf("%s: %s used but neither declared nor reference data", name, id)
			}
		}
	}
}

// Publishers are sources, never actors: not even when the article names
// its own publisher in a sentence.
func TestPublishersAreNotActors(t *testing.T) {
	x, reg := newExtractor(t)
	text := "Strayer interview\n\nRob Strayer, the deputy assistant secretary for cyber in the State Department, told Fifth Domain the plan was ready. Arms Industries said the plan was good.\n"
	f, err := x.Extract(graph.Document{Text: text, Publisher: "Arms Industries"})
	if err != nil {
		t.Fatal(err)
	}
	for id := range extract.EntityIDs(f, text, reg) {
		if strings.Contains(id, "fifth") || strings.Contains(id, "arms") {
			t.Errorf("publisher became an entity: %s", id)
		}
	}
}

// Encode writes what Decode reads back unchanged, for extracted files and
// for the hand-written demo and eval files alike.
func TestEncodeRoundTrip(t *testing.T) {
	x, _ := newExtractor(t)
	var files []*annotation.File
	for _, doc := range corpus(t) {
		f, err := x.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		f.Document.Extraction = "off"
		files = append(files, f)
	}
	gold, _ := filepath.Glob("../../data/*/*.annotations.yaml")
	for _, g := range gold {
		data, _ := os.ReadFile(g)
		f, err := annotation.Decode(g, data)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for _, f := range files {
		out, err := extract.Encode(f, "a header\nof two lines")
		if err != nil {
			t.Fatal(err)
		}
		back, err := annotation.Decode(f.Name, out)
		if err != nil {
			t.Fatalf("%s: encoded file does not decode: %v\n%s", f.Name, err, out)
		}
		if !sameFile(f, back) {
			t.Errorf("%s: round trip changed the file:\n%s", f.Name, out)
		}
		if !strings.HasPrefix(string(out), "# a header\n# of two lines\n") {
			t.Errorf("%s: header lost:\n%.80s", f.Name, out)
		}
	}
}

// sameFile compares two files, positions aside.
func sameFile(a, b *annotation.File) bool {
	strip := func(f *annotation.File) annotation.File {
		c := *f
		c.Name = ""
		c.Document.Pos = annotation.Pos{}
		c.Entities = slices.Clone(c.Entities)
		for i := range c.Entities {
			c.Entities[i].Pos, c.Entities[i].FieldPos = annotation.Pos{}, nil
		}
		c.Claims = slices.Clone(c.Claims)
		for i := range c.Claims {
			c.Claims[i].Pos, c.Claims[i].FieldPos = annotation.Pos{}, nil
		}
		c.Statements = slices.Clone(c.Statements)
		for i := range c.Statements {
			c.Statements[i].Pos, c.Statements[i].FieldPos = annotation.Pos{}, nil
		}
		c.Attributions = slices.Clone(c.Attributions)
		for i := range c.Attributions {
			c.Attributions[i].Pos, c.Attributions[i].FieldPos = annotation.Pos{}, nil
		}
		c.Roles = slices.Clone(c.Roles)
		for i := range c.Roles {
			c.Roles[i].Pos, c.Roles[i].FieldPos = annotation.Pos{}, nil
		}
		return c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

// Curated wins: what the curator says replaces what extraction says about
// the same thing, under the curator's ids; what the curator does not
// mention stays, marked with its rule.
func TestMergeCuratedWins(t *testing.T) {
	_, reg := newExtractor(t)
	text := "Headline here\n\nThe U.S. on Friday convened a ministerial meeting on cybersecurity. Officials from Estonia and Latvia attended. Washington warns Russia of consequences.\n"
	conf := 0.6
	curated := &annotation.File{
		Entities: []annotation.Entity{{ID: "event:cyber-ministerial-2018", Kind: "Event", Name: "Ministerial meeting on cybersecurity",
			Aliases: []string{"ministerial meeting on cybersecurity"}, Quote: "The U.S. on Friday convened a ministerial meeting on cybersecurity."}},
		Claims: []annotation.Claim{
			{Subject: "country:US", Type: "CONVENED", Object: "event:cyber-ministerial-2018", Quote: "convened a ministerial meeting"},
			{Subject: "country:EE", Type: "ATTENDED", Object: "event:cyber-ministerial-2018", Quote: "Officials from Estonia", Confidence: &conf},
		},
	}
	extracted := &annotation.File{
		Entities: []annotation.Entity{{ID: "event:ministerial-meeting-on-cybersecurity", Kind: "Event", Name: "ministerial meeting on cybersecurity",
			Method: "rule:event@1", Quote: "The U.S. on Friday convened a ministerial meeting on cybersecurity."}},
		Claims: []annotation.Claim{
			{Subject: "country:US", Type: "CONVENED", Object: "event:ministerial-meeting-on-cybersecurity", Method: "rule:convening@1",
				Quote: "The U.S. on Friday convened a ministerial meeting on cybersecurity."},
			{Subject: "country:EE", Type: "ATTENDED", Object: "event:ministerial-meeting-on-cybersecurity", Method: "rule:attendance@1",
				Quote: "Officials from Estonia and Latvia attended."},
			{Subject: "country:LV", Type: "ATTENDED", Object: "event:ministerial-meeting-on-cybersecurity", Method: "rule:attendance@1",
				Quote: "Officials from Estonia and Latvia attended."},
			{Subject: "country:US", Type: "WARNED", Object: "country:RU", Method: "rule:warning@2", Quote: "Washington warns Russia of consequences."},
		},
	}
	m := extract.Merge(curated, extracted, text, reg)
	var got []string
	for _, c := range m.Claims {
		got = append(got, c.Subject+" "+c.Type+" "+c.Object+" "+c.Method)
	}
	want := []string{
		"country:US CONVENED event:cyber-ministerial-2018 ",
		"country:EE ATTENDED event:cyber-ministerial-2018 ",
		"country:LV ATTENDED event:cyber-ministerial-2018 rule:attendance@1",
		"country:US WARNED country:RU rule:warning@2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("merged claims\n got %q\nwant %q", got, want)
	}
	if len(m.Entities) != 1 || m.Entities[0].ID != "event:cyber-ministerial-2018" {
		t.Errorf("entities %+v: the curator's event stands for the extracted one", m.Entities)
	}
	if *m.Claims[1].Confidence != 0.6 {
		t.Error("the curated claim's fields were not kept")
	}
	if len(curated.Claims) != 2 {
		t.Error("Merge changed the curated file")
	}
}

// BenchmarkExtract measures extraction alone on the demo articles
// (cleaning excluded); the target is 200 articles per second per core.
func BenchmarkExtract(b *testing.B) {
	x, _ := newExtractor(b)
	var docs []graph.Document
	for name, d := range corpus(b) {
		if strings.Contains(name, "demo") {
			docs = append(docs, d)
		}
	}
	n := 0
	for b.Loop() {
		for _, d := range docs {
			if _, err := x.Extract(d); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
