package graph

import (
	"strings"
	"testing"
)

// Every field over its limit is refused by the checks every write runs,
// with a message that names it and stays short (the id in it is clipped:
// it may be the long field).
func TestFieldLimits(t *testing.T) {
	big := func(n int) string { return strings.Repeat("x", n+1) }
	node := Node{ID: "person:a", Kind: KindPerson, Name: "A", Source: "s"}
	docText := "Some text."
	for _, c := range []struct {
		name string
		err  error
	}{
		{"node id", Node{ID: "person:" + big(MaxIDBytes), Kind: KindPerson, Name: "A"}.Validate()},
		{"name", Node{ID: "person:a", Kind: KindPerson, Name: big(MaxNameBytes)}.Validate()},
		{"alias", Node{ID: "person:a", Kind: KindPerson, Name: "A", Aliases: []string{big(MaxNameBytes)}}.Validate()},
		{"aliases", Node{ID: "person:a", Kind: KindPerson, Name: "A", Aliases: make([]string, MaxAliases+1)}.Validate()},
		{"property", Node{ID: "statement:a", Kind: KindStatement, Name: "A", Props: map[string]string{"text": big(MaxPropertyBytes)}}.Validate()},
		{"method", Relationship{ID: ClaimID("a:b", RelAccused, "c:d"), Type: RelAccused, From: "a:b", To: "c:d", Method: "rule:" + big(MaxNameBytes) + "@1"}.Validate()},
		{"title", Document{ID: DocumentID(docText), Text: docText, Title: big(MaxNameBytes)}.Validate()},
		{"text", Document{ID: "doc:x", Text: big(MaxDocumentBytes)}.Validate()},
	} {
		if !HasCode(c.err, CodeInvalid) || !strings.Contains(c.err.Error(), "at most") || len(c.err.Error()) > 300 {
			t.Errorf("%s: %v", c.name, c.err)
		}
	}
	if _, err := NormalizeBatch(Batch{Evidence: []Evidence{{Subject: "person:a", DocumentID: "doc:x", Start: 0, End: 1, Quote: big(MaxQuoteBytes)}}}); !HasCode(err, CodeInvalid) {
		t.Errorf("quote: %v", err)
	}
	if err := node.Validate(); err != nil {
		t.Errorf("an ordinary node: %v", err)
	}
	// A merge keeps the first MaxAliases aliases rather than refusing a
	// node named in many articles.
	many := make([]string, 3*MaxAliases)
	for i := range many {
		many[i] = strings.Repeat("a", i+1)
	}
	if got := MergeAliases("A", many[:2*MaxAliases], many[2*MaxAliases:]); len(got) != MaxAliases {
		t.Errorf("merged aliases: %d, want %d", len(got), MaxAliases)
	}
}
