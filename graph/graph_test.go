package graph

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestValidDate(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"2018", true}, {"2018-09", true}, {"2018-09-28", true}, {"2018-13", false}, {"2018-00", false},
		{"2018-09-32", false}, {"18", false}, {"2018-9", false}, {"2018/09", false}, {"", false}, {"2018-09-28-01", false}, {"last week", false},
	} {
		if got := ValidDate(tc.in); got != tc.ok {
			t.Errorf("ValidDate(%q) = %v", tc.in, got)
		}
	}
}

func TestDateInRange(t *testing.T) {
	for _, tc := range []struct {
		d, since, until string
		want            bool
	}{
		{"2018-09-28", "", "", true},
		{"", "", "", true},
		{"", "2018", "", false},
		{"2018", "2018-06", "", true}, // a coarse date touching the range passes
		{"2017", "2018-06", "", false},
		{"2018-09-28", "2018-10", "", false},
		{"2018-09-28", "2018-09", "2018-09", true},
		{"2018-11", "", "2018-10-31", false},
		{"2018-10", "", "2018-10-31", true},
	} {
		if got := DateInRange(tc.d, tc.since, tc.until); got != tc.want {
			t.Errorf("DateInRange(%q, %q, %q) = %v", tc.d, tc.since, tc.until, got)
		}
	}
}

func TestVocabulary(t *testing.T) {
	if err := CheckEndpoints(RelBlames, KindAttribution, KindCountry); err != nil {
		t.Fatal(err)
	}
	if err := CheckEndpoints(RelBlames, KindCountry, KindCountry); !HasCode(err, CodeInvalid) || !strings.Contains(err.Error(), "cannot start at a Country") {
		t.Fatalf("BLAMES from a Country: %v", err)
	}
	if err := CheckEndpoints("HOSTED", KindCountry, KindEvent); !HasCode(err, CodeInvalid) {
		t.Fatalf("unknown type: %v", err)
	}
	for _, typ := range RelTypes() {
		e, ok := typ.Endpoints()
		if !ok || len(e.From) == 0 || len(e.To) == 0 || e.Doc == "" {
			t.Errorf("%s has no endpoints or doc", typ)
		}
	}
	if rt, err := ParseRelType("held during"); err != nil || rt != RelHeldDuring {
		t.Fatalf("ParseRelType: %v %v", rt, err)
	}
	if k, err := ParseNodeKind("org"); err != nil || k != KindOrganization {
		t.Fatalf("ParseNodeKind: %v %v", k, err)
	}
	if _, err := ParseNodeKind("Spaceship"); !HasCode(err, CodeInvalid) {
		t.Fatal("unknown kind accepted")
	}
	for _, m := range []string{"curated", "rule:attribution@1"} {
		if CheckMethod(m) != nil {
			t.Errorf("method %q refused", m)
		}
	}
	for _, m := range []string{"", "rule:", "rule:x", "rule:@1", "guess"} {
		if CheckMethod(m) == nil {
			t.Errorf("method %q accepted", m)
		}
	}
}

func TestNodeValidate(t *testing.T) {
	ok := Node{ID: "person:a", Kind: KindPerson, Name: "A"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]Node{
		"reserved prefix": {ID: "claim:x", Kind: KindPerson, Name: "A"},
		"unknown prop":    {ID: "person:a", Kind: KindPerson, Name: "A", Props: map[string]string{"colour": "red"}},
		"bad org kind":    {ID: "org:a", Kind: KindOrganization, Name: "A", Props: map[string]string{"kind": "club"}},
		"empty name":      {ID: "person:a", Kind: KindPerson, Name: " "},
		"bad utf8":        {ID: "person:a", Kind: KindPerson, Name: "\xff"},
	} {
		if err := n.Validate(); !HasCode(err, CodeInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestNormalizeBatchMergesRepeats(t *testing.T) {
	b, err := NormalizeBatch(Batch{Nodes: []Node{
		{ID: "person:a", Kind: KindPerson, Name: "A", Aliases: []string{"x"}},
		{ID: "person:a", Kind: KindPerson, Name: "A", Aliases: []string{"y", "A"}},
	}})
	if err != nil || len(b.Nodes) != 1 || strings.Join(b.Nodes[0].Aliases, ",") != "x,y" {
		t.Fatalf("%+v %v", b.Nodes, err)
	}
	_, err = NormalizeBatch(Batch{Nodes: []Node{{ID: "x:a", Kind: KindPerson, Name: "A"}, {ID: "x:a", Kind: KindCountry, Name: "A"}}})
	if !HasCode(err, CodeConflict) {
		t.Fatalf("kind conflict: %v", err)
	}
}

func TestCursorRoundTrip(t *testing.T) {
	for _, id := range []string{"", "country:RU", "person:o'brien", "名前"} {
		c := EncodeCursor(id)
		got, err := DecodeCursor(c)
		if err != nil || got != id {
			t.Fatalf("%q -> %q -> %q %v", id, c, got, err)
		}
	}
	if _, err := DecodeCursor("%%%"); !HasCode(err, CodeInvalid) {
		t.Fatal("bad cursor accepted")
	}
}

// FuzzSpan: Span agrees with slicing the text as code points.
func FuzzSpan(f *testing.F) {
	f.Add("Sullivan’s “costs”", 2, 9)
	f.Add("", 0, 0)
	f.Add("héllo wörld", 1, 20)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if !utf8.ValidString(text) {
			return
		}
		got, ok := Span(text, start, end)
		r := []rune(text)
		valid := start >= 0 && end >= start && end <= len(r)
		if ok != valid {
			t.Fatalf("Span(%q, %d, %d) ok=%v, want %v", text, start, end, ok, valid)
		}
		if ok && got != string(r[start:end]) {
			t.Fatalf("Span(%q, %d, %d) = %q, want %q", text, start, end, got, string(r[start:end]))
		}
	})
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	ro := ReadOnly(nil)
	if _, err := ro.Upsert(context.Background(), Batch{}); !HasCode(err, CodeInvalid) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Upsert: %v", err)
	}
	if _, err := ro.DeleteDocument(context.Background(), "doc:x"); !HasCode(err, CodeInvalid) {
		t.Fatalf("DeleteDocument: %v", err)
	}
}

func TestNameTier(t *testing.T) {
	ru := Node{Name: "Russia", Aliases: []string{"Russian Federation", "the Kremlin"}}
	for _, c := range []struct {
		node    Node
		query   string
		tier    int
		matched string
	}{
		{ru, "russia", TierExact, "name"},
		{ru, "Russian  Federation", TierExact, "alias"},
		{ru, "Kremlin", TierName, "alias"},
		{Node{Name: "Bank of Estonia"}, "Estonia", TierName, "name"},
		{Node{Name: "John Sullivan"}, "Sull", TierName, "name"},
		{Node{Name: "Sullivan at the UN", Props: map[string]string{"text": "accountable"}}, "accountable", TierText, "text"},
	} {
		tier, matched := NameTier(c.node, c.query)
		if tier != c.tier || matched != c.matched {
			t.Errorf("NameTier(%q, %q) = %d %s, want %d %s", c.node.Name, c.query, tier, matched, c.tier, c.matched)
		}
	}
}
