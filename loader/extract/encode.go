package extract

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/loader/annotation"
)

// Encode writes an annotation file as YAML laid out like the curated files
// of data/demo: entities, attributions and statements as blocks, claims and
// roles one per line, id lists inline. header becomes the file's leading
// comment. What Encode writes, annotation.Decode reads back to the same
// File.
func Encode(f *annotation.File, header string) ([]byte, error) {
	root := mapping(false)
	doc := mapping(false)
	addStr(doc, "title", f.Document.Title)
	addStr(doc, "publisher", f.Document.Publisher)
	addStr(doc, "url", f.Document.URL)
	addStr(doc, "published", f.Document.Published)
	addStr(doc, "extraction", f.Document.Extraction)
	if len(doc.Content) > 0 {
		add(root, "document", doc)
	}
	if len(f.Entities) > 0 {
		seq := sequence(false)
		for _, e := range f.Entities {
			m := mapping(false)
			addStr(m, "id", e.ID)
			addStr(m, "kind", e.Kind)
			addStr(m, "name", e.Name)
			addList(m, "aliases", e.Aliases, false)
			addMap(m, "properties", e.Properties)
			addStr(m, "method", e.Method)
			addQuote(m, e.Quote)
			seq.Content = append(seq.Content, m)
		}
		add(root, "entities", seq)
	}
	if len(f.Attributions) > 0 {
		seq := sequence(false)
		for _, a := range f.Attributions {
			m := mapping(false)
			addStr(m, "id", a.ID)
			addList(m, "by", a.By, true)
			addList(m, "blames", a.Blames, true)
			addStr(m, "concerns", a.Concerns)
			addList(m, "backed_by", a.BackedBy, false)
			addStr(m, "basis", a.Basis)
			addStr(m, "date", a.Date)
			addStr(m, "modality", a.Modality)
			addStr(m, "method", a.Method)
			addFloat(m, "confidence", a.Confidence)
			addQuote(m, a.Quote)
			seq.Content = append(seq.Content, m)
		}
		add(root, "attributions", seq)
	}
	if len(f.Claims) > 0 {
		seq := sequence(false)
		for _, c := range f.Claims {
			m := mapping(true)
			addStr(m, "subject", c.Subject)
			addStr(m, "type", c.Type)
			addStr(m, "object", c.Object)
			addStr(m, "date", c.Date)
			addStr(m, "modality", c.Modality)
			addMap(m, "properties", c.Properties)
			addStr(m, "method", c.Method)
			addFloat(m, "confidence", c.Confidence)
			addQuote(m, c.Quote)
			seq.Content = append(seq.Content, m)
		}
		add(root, "claims", seq)
	}
	if len(f.Statements) > 0 {
		seq := sequence(false)
		for _, s := range f.Statements {
			m := mapping(false)
			addStr(m, "id", s.ID)
			addList(m, "speakers", s.Speakers, true)
			addStr(m, "text", s.Text)
			addList(m, "about", s.About, false)
			addStr(m, "date", s.Date)
			addStr(m, "made_at", s.MadeAt)
			addStr(m, "method", s.Method)
			addFloat(m, "confidence", s.Confidence)
			addQuote(m, s.Quote)
			seq.Content = append(seq.Content, m)
		}
		add(root, "statements", seq)
	}
	if len(f.Roles) > 0 {
		seq := sequence(false)
		for _, r := range f.Roles {
			m := mapping(true)
			addStr(m, "person", r.Person)
			addStr(m, "title", r.Title)
			addStr(m, "organization", r.Organization)
			addStr(m, "from", r.From)
			addStr(m, "to", r.To)
			addStr(m, "method", r.Method)
			addFloat(m, "confidence", r.Confidence)
			addQuote(m, r.Quote)
			seq.Content = append(seq.Content, m)
		}
		add(root, "roles", seq)
	}
	root.HeadComment = header
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encoding annotations: %w", err)
	}
	// A blank line between sections, as in the hand-written files.
	out := buf.String()
	for _, sec := range []string{"entities:", "attributions:", "claims:", "statements:", "roles:"} {
		out = strings.Replace(out, "\n"+sec+"\n", "\n\n"+sec+"\n", 1)
	}
	return []byte(out), nil
}

func mapping(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func sequence(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func scalar(v string) *yaml.Node {
	// yaml.v3 quotes what would read back as something else ("2018", "off").
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// quoted is a scalar in single quotes, as the curated files write quotes
// from the article.
func quoted(v string) *yaml.Node {
	n := scalar(v)
	n.Style = yaml.SingleQuotedStyle
	if strings.ContainsAny(v, "\n\t") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func addQuote(m *yaml.Node, v string) {
	if v != "" {
		add(m, "quote", quoted(v))
	}
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

func addStr(m *yaml.Node, key, v string) {
	if v != "" {
		add(m, key, scalar(v))
	}
}

// addList adds an inline list; keep adds it even when empty ("blames: []"
// says the text names nobody).
func addList(m *yaml.Node, key string, vs []string, keep bool) {
	if len(vs) == 0 && !keep {
		return
	}
	seq := sequence(true)
	for _, v := range vs {
		seq.Content = append(seq.Content, scalar(v))
	}
	add(m, key, seq)
}

func addMap(m *yaml.Node, key string, kv map[string]string) {
	if len(kv) == 0 {
		return
	}
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	mm := mapping(true)
	for _, k := range keys {
		addStr(mm, k, kv[k])
	}
	add(m, key, mm)
}

func addFloat(m *yaml.Node, key string, f *float64) {
	if f == nil {
		return
	}
	add(m, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(*f, 'f', -1, 64)})
}
