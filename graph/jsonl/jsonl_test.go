package jsonl

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

func sampleItems() []Item {
	text := "Estonia backed the attribution. «Мы не причастны» <b>&</b>"
	d := graph.Document{ID: graph.DocumentID(text), Title: "UK attribution", Publisher: "Example", URL: "https://example.org/a?x=1&y=2",
		Published: "2018-10-04", Text: text, Source: "data/demo/001.txt"}
	n := graph.Node{ID: "country:EE", Kind: graph.KindCountry, Name: "Estonia", Aliases: []string{"Eesti", "Republic of Estonia"},
		Source: "reference:iso-3166"}
	a := graph.Node{ID: "attribution:gb", Kind: graph.KindAttribution, Name: "UK attribution",
		Props: map[string]string{"basis": "intelligence", "date": "2018-10-04"}}
	r := graph.Relationship{ID: graph.ClaimID(n.ID, graph.RelBacked, a.ID), Type: graph.RelBacked, From: n.ID, To: a.ID,
		Method: "curated", Confidence: 0.95, Modality: graph.Asserted, Published: "2018-10-04",
		Props: map[string]string{"of": `"quoted" \ back`}}
	e := graph.Evidence{ID: graph.EvidenceID(r.ID, d.ID, 0, 31), Subject: r.ID, DocumentID: d.ID, Start: 0, End: 31,
		Quote: "Estonia backed the attribution."}
	return []Item{{Document: &d}, {Node: &n}, {Node: &a}, {Claim: &r}, {Evidence: &e}}
}

func writeAll(t testing.TB, items []Item) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if err := w.Write(it); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readItems(in []byte) ([]Item, error) {
	r := NewReader(bytes.NewReader(in))
	var out []Item
	for {
		it, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, it)
	}
}

func TestRoundTrip(t *testing.T) {
	items := sampleItems()
	out := writeAll(t, items)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 1+len(items) || lines[0] != `{"format":"actorgraph-jsonl","version":1}` {
		t.Fatalf("output:\n%s", out)
	}
	if !strings.Contains(lines[1], `<b>&</b>`) || !strings.Contains(lines[1], "«Мы не причастны»") {
		t.Errorf("text is escaped more than JSON needs: %s", lines[1])
	}
	got, err := readItems(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, items) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, items)
	}
}

// Empty aliases and properties are written the same whether a store gives
// nil or an empty collection, so two stores export the same bytes.
func TestEmptyCollectionsWriteAlike(t *testing.T) {
	a := graph.Node{ID: "person:x", Kind: graph.KindPerson, Name: "X"}
	b := a
	b.Aliases, b.Props = []string{}, map[string]string{}
	if x, y := writeAll(t, []Item{{Node: &a}}), writeAll(t, []Item{{Node: &b}}); !bytes.Equal(x, y) {
		t.Errorf("nil and empty write differently:\n%s\n%s", x, y)
	}
}

func TestReaderRefuses(t *testing.T) {
	head := `{"format":"actorgraph-jsonl","version":1}` + "\n"
	node := `{"type":"node","id":"country:EE","kind":"Country","name":"Estonia","source":""}`
	for _, c := range []struct {
		name, in string
		line     int
		want     string
	}{
		{"empty input", "", 1, "no actorgraph-jsonl header"},
		{"no header", node + "\n", 1, "not an actorgraph-jsonl file"},
		{"other format", `{"format":"other","version":1}` + "\n", 1, "not an actorgraph-jsonl file"},
		{"newer version", `{"format":"actorgraph-jsonl","version":2}` + "\n", 1, "version 2"},
		{"unknown type", head + `{"type":"edge","id":"x"}`, 2, `unknown type "edge"`},
		{"no type", head + `{"id":"x"}`, 2, `no "type"`},
		{"unknown field", head + `{"type":"node","id":"country:EE","kind":"Country","name":"Estonia","source":"","colour":"blue"}`, 2, "colour"},
		{"two objects", head + node + node, 2, "after top-level value"},
		{"not JSON", head + node + "\nnot json\n", 3, "not a JSON object"},
		{"blank line", head + node + "\n\n" + node, 3, "not a JSON object"},
		{"bad UTF-8", head + `{"type":"node","id":"x","kind":"Country","name":"` + "\xff" + `","source":""}`, 2, "UTF-8"},
		{"wrong field type", head + `{"type":"evidence","id":"e","subject":"s","document":"d","start":"0","end":1,"quote":"q"}`, 2, "bad evidence"},
	} {
		_, err := readItems([]byte(c.in))
		var le *LineError
		if !errors.As(err, &le) || le.Line != c.line || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want line %d saying %q", c.name, err, c.line, c.want)
		}
	}
	// A header alone is an empty graph, and CRLF line ends are fine.
	if items, err := readItems([]byte(strings.ReplaceAll(head+node+"\n", "\n", "\r\n"))); err != nil || len(items) != 1 {
		t.Errorf("CRLF input: %v, %d items", err, len(items))
	}
	if items, err := readItems([]byte(head)); err != nil || len(items) != 0 {
		t.Errorf("header only: %v, %d items", err, len(items))
	}
}

// FuzzReader: no input makes the reader panic, and whatever it accepts
// writes back to lines it reads the same way (the format is a fixed point
// after one pass).
func FuzzReader(f *testing.F) {
	f.Add(writeAll(f, sampleItems()))
	f.Add([]byte(`{"format":"actorgraph-jsonl","version":1}` + "\n" + `{"type":"claim","id":"c","rel":"X","from":"a","to":"b","method":"m","confidence":1e400,"modality":"","date":"","published":""}`))
	f.Add([]byte(`{"format":"actorgraph-jsonl","version":1}` + "\n" + `{"type":"node","props":{"a":"b"},"aliases":null}`))
	f.Add([]byte("{}\n{}"))
	f.Fuzz(func(t *testing.T, in []byte) {
		items, err := readItems(in)
		if err != nil {
			return
		}
		again, err := readItems(writeAll(t, items))
		if err != nil {
			t.Fatalf("the reader refuses what the writer wrote from its own output: %v", err)
		}
		once, twice := writeAll(t, items), writeAll(t, again)
		if !bytes.Equal(once, twice) {
			t.Fatalf("writing is not stable:\n%s\n%s", once, twice)
		}
	})
}
