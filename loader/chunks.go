package loader

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
)

// extractChunk is the most text extraction reads at once. The rules look
// back over the whole text they are given (the operation a story is about,
// the entity an anaphor names, the attribution a later sentence widens), so
// their time grows faster than the text: an HTML file of 16,000 short
// paragraphs took minutes. A news article is a few tens of kilobytes and is
// read whole; a longer text is read in parts of about this size, cut at
// paragraph breaks, and what each part yields is combined. What is lost is
// a reference from one part to another (an anaphor whose antecedent is in
// an earlier part), in texts far longer than an article.
const extractChunk = 64 << 10

// extract runs the extractor over doc, in parts when it is long, and stops
// between parts when ctx ends.
func (l *Loader) extract(ctx context.Context, doc graph.Document) (*annotation.File, error) {
	parts := splitText(doc.Text, extractChunk)
	if len(parts) == 1 {
		return l.Extractor.Extract(doc)
	}
	var files []*annotation.File
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		part := doc
		part.Text = p
		f, err := l.Extractor.Extract(part)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return combine(files), nil
}

// splitText cuts text into parts of at most size bytes, each ending at a
// paragraph break when there is one in its second half, else at a line
// break, else after a sentence's full stop, else at a character boundary.
// The parts, joined, are the text.
func splitText(text string, size int) []string {
	var out []string
	for len(text) > size {
		head := text[:size]
		cut := -1
		for _, sep := range []string{"\n\n", "\n", ". "} {
			if i := strings.LastIndex(head, sep); i >= size/2 {
				cut = i + len(strings.TrimRight(sep, " "))
				break
			}
		}
		if cut < size/2 {
			cut = size
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	return append(out, text)
}

// combine joins what extraction found in the parts of one text into one
// file that builds: an entity declared by several parts is declared once
// (its aliases merged), an attribution id used by an earlier part is
// renamed in the later part, and a statement that a later part finds again
// is kept once. Quotes stay as they are: each is verbatim text of the whole
// document, where the loader looks it up.
func combine(files []*annotation.File) *annotation.File {
	out := &annotation.File{Name: files[0].Name, Document: files[0].Document}
	entityAt := map[string]int{}
	attrIDs := map[string]bool{}
	stmtIDs := map[string]bool{}
	for _, f := range files {
		for _, e := range f.Entities {
			if i, ok := entityAt[e.ID]; ok {
				old := &out.Entities[i]
				old.Aliases = graph.MergeAliases(old.Name, old.Aliases, append([]string{e.Name}, e.Aliases...))
				old.Aliases = old.Aliases[:min(len(old.Aliases), graph.MaxAliases)]
				continue
			}
			entityAt[e.ID] = len(out.Entities)
			out.Entities = append(out.Entities, e)
		}
		rename := map[string]string{}
		for _, a := range f.Attributions {
			if attrIDs[a.ID] && a.ID != "" {
				id := a.ID
				for n := 2; attrIDs[id]; n++ {
					id = a.ID + "-part-" + strconv.Itoa(n)
				}
				rename[a.ID] = id
				a.ID = id
			}
			attrIDs[a.ID] = true
			out.Attributions = append(out.Attributions, a)
		}
		to := func(id string) string {
			if r, ok := rename[id]; ok {
				return r
			}
			return id
		}
		for _, c := range f.Claims {
			c.Subject, c.Object = to(c.Subject), to(c.Object)
			out.Claims = append(out.Claims, c)
		}
		for _, s := range f.Statements {
			s.About = append([]string(nil), s.About...)
			for i := range s.About {
				s.About[i] = to(s.About[i])
			}
			s.MadeAt = to(s.MadeAt)
			id := statementID(s)
			if stmtIDs[id] {
				continue
			}
			stmtIDs[id] = true
			out.Statements = append(out.Statements, s)
		}
		out.Roles = append(out.Roles, f.Roles...)
	}
	return out
}
