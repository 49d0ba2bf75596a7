package graph

import (
	"fmt"
	"unicode/utf8"
)

// Field sizes every write accepts. They are checked by Validate and
// NormalizeBatch, so the loader, import and every store apply the same
// ones, before anything is written; they are generous for news (a name is
// a few words, a quote a sentence or two) and keep one item, and so one
// answer of the API, from holding megabytes: an import once took ten nodes
// with 60 MB names, and one `entities` query then answered 629 MB.
const (
	MaxIDBytes       = 1024     // an id of a node, claim or evidence subject
	MaxNameBytes     = 1024     // a node's name, each alias, a method, a document's title and publisher
	MaxAliases       = 100      // aliases of a node; a merge keeps the first MaxAliases
	MaxPropertyBytes = 10 << 10 // a property's value (a statement's text)
	MaxQuoteBytes    = 64 << 10 // an evidence's quote (a sentence or a few)
	MaxURLBytes      = 4096     // a document's url and source
	MaxDocumentBytes = 10 << 20 // a document's text: the loader reads articles of at most 10 MiB
)

// tooLong returns an error when s is longer than max bytes, saying what it
// is (what), and whose (owner, clipped: the owner can be the long one).
func tooLong(owner, what, s string, limit int) error {
	if len(s) <= limit {
		return nil
	}
	return Invalidf("%s: %s is %d bytes long; at most %d are accepted", ClipText(owner, 80), what, len(s), limit)
}

// ClipText shortens s to at most max bytes, cut at a character boundary
// and ended with "…" when cut.
func ClipText(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := max(limit-len("…"), 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// checkNodeSizes checks the sizes of a node's fields, first of all (a
// message quotes the id, so the id first).
func checkNodeSizes(n Node) error {
	if len(n.ID) > MaxIDBytes {
		return tooLong("node "+fmt.Sprintf("%q", ClipText(n.ID, 60)), "the id", n.ID, MaxIDBytes)
	}
	owner := fmt.Sprintf("node %q", n.ID)
	if err := tooLong(owner, "the name", n.Name, MaxNameBytes); err != nil {
		return err
	}
	if len(n.Aliases) > MaxAliases {
		return Invalidf("%s has %d aliases; at most %d are accepted", owner, len(n.Aliases), MaxAliases)
	}
	for _, a := range n.Aliases {
		if err := tooLong(owner, "an alias", a, MaxNameBytes); err != nil {
			return err
		}
	}
	if err := tooLong(owner, "the source", n.Source, MaxURLBytes); err != nil {
		return err
	}
	for k, v := range n.Props {
		if err := tooLong(owner, "property "+ClipText(k, 40), v, MaxPropertyBytes); err != nil {
			return err
		}
	}
	return nil
}

func checkRelationshipSizes(r Relationship) error {
	for _, id := range []string{r.ID, r.From, r.To} {
		if len(id) > MaxIDBytes {
			return tooLong(fmt.Sprintf("relationship %q", ClipText(r.ID, 60)), "an id", id, MaxIDBytes)
		}
	}
	owner := fmt.Sprintf("relationship %q", r.ID)
	if err := tooLong(owner, "the method", r.Method, MaxNameBytes); err != nil {
		return err
	}
	for k, v := range r.Props {
		if err := tooLong(owner, "property "+ClipText(k, 40), v, MaxPropertyBytes); err != nil {
			return err
		}
	}
	return nil
}

func checkDocumentSizes(d Document) error {
	owner := fmt.Sprintf("document %q", ClipText(d.ID, 80))
	for _, f := range []struct {
		what, s string
		max     int
	}{{"the title", d.Title, MaxNameBytes}, {"the publisher", d.Publisher, MaxNameBytes}, {"the url", d.URL, MaxURLBytes},
		{"the source", d.Source, MaxURLBytes}, {"the text", d.Text, MaxDocumentBytes}} {
		if err := tooLong(owner, f.what, f.s, f.max); err != nil {
			return err
		}
	}
	return nil
}

func checkEvidenceSizes(e Evidence) error {
	for _, id := range []string{e.ID, e.Subject, e.DocumentID} {
		if len(id) > MaxIDBytes {
			return tooLong(fmt.Sprintf("evidence %q", ClipText(e.ID, 60)), "an id", id, MaxIDBytes)
		}
	}
	return tooLong(fmt.Sprintf("evidence %q", e.ID), "the quote", e.Quote, MaxQuoteBytes)
}
