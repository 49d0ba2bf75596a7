package loader

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// splitText cuts at paragraph breaks, else after full stops, else
// anywhere (at a character boundary), and the parts join to the text.
func TestSplitText(t *testing.T) {
	para := strings.Repeat("Word é ", 30) + "end.\n\n"
	for _, c := range []struct {
		text, ends string // every part but the last ends with ends
	}{
		{"short", ""},
		{strings.Repeat(para, 500), "\n\n"},
		{strings.Repeat("Sentences only. ", 9000), "."},
		{strings.Repeat("no breaks at all, only commas, ", 9000), ""},
		{strings.Repeat("é", 100_000), ""},
	} {
		parts := splitText(c.text, 4096)
		if strings.Join(parts, "") != c.text {
			t.Fatalf("the parts of a %d-byte text do not join to it", len(c.text))
		}
		for i, p := range parts {
			if len(p) > 4096 || p == "" || !utf8.ValidString(p) {
				t.Fatalf("a part of %d bytes (valid UTF-8: %v)", len(p), utf8.ValidString(p))
			}
			if i < len(parts)-1 && !strings.HasSuffix(p, c.ends) {
				t.Fatalf("a part ends with %q, want %q", p[len(p)-10:], c.ends)
			}
		}
	}
}

// A text longer than extractChunk is extracted in parts, and what the
// parts find builds into one batch that a store accepts: the demo
// articles, repeated past 64 KiB, give the claims each gives alone, with
// no entity, attribution or statement declared twice.
func TestLongTextExtractedInParts(t *testing.T) {
	var whole []string
	files, _ := filepath.Glob("../data/demo/*.txt")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		whole = append(whole, string(b))
	}
	text := strings.Repeat(strings.Join(whole, "\n\n"), 12) // about 100 KiB: two parts
	if len(text) <= extractChunk {
		t.Fatalf("the text is %d bytes, not longer than a part", len(text))
	}
	l, err := New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := graph.Document{ID: graph.DocumentID(text), Text: text, Source: "long.txt"}
	one := graph.Document{ID: graph.DocumentID(whole[0]), Text: strings.Join(whole, "\n\n"), Source: "one.txt"}
	f, err := l.extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newBuilder(doc, f, l.Registry).build()
	if err != nil {
		t.Fatalf("the combined parts do not build: %v", err)
	}
	nb, err := graph.NormalizeBatch(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := graph.CheckBatch(context.Background(), nb, emptyStore{}); err != nil {
		t.Fatalf("a store would refuse the batch: %v", err)
	}
	single, err := l.extract(context.Background(), one)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := newBuilder(one, single, l.Registry).build()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, r := range b.Relationships {
		have[r.ID] = true
	}
	for _, r := range sb.Relationships {
		if !have[r.ID] && !strings.HasPrefix(r.From, "attribution:") && !strings.HasPrefix(r.To, "attribution:") && !strings.HasPrefix(r.From, "statement:") {
			t.Errorf("claim %s found in the corpus alone is missing from the long text", r.ID)
		}
	}
	if len(b.Relationships) < len(sb.Relationships) {
		t.Errorf("the long text has %d claims, the corpus alone %d", len(b.Relationships), len(sb.Relationships))
	}
	// Canceled: the extraction stops between parts.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.extract(ctx, doc); err == nil {
		t.Fatal("a canceled extraction of a long text went on")
	}
}
