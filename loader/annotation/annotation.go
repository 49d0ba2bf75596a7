// Package annotation decodes curated annotation files (NAME.annotations.yaml,
// beside the article NAME.txt/.html/.md) strictly: every field must be known,
// every problem is reported with file:line:column and a plain-English reason,
// YAML anchors and aliases are refused (they buy nothing here and are the
// "billion laughs" vector), and files over MaxFileSize are refused unread.
//
// This package only decodes and checks the shape of a file. Whether ids
// resolve, kinds fit the vocabulary and quotes occur in the text is checked by
// the loader, which knows the document and the store; it reports with the
// positions kept here (Pos).
//
// The format is documented, with a full example, in docs/annotations.md.
package annotation

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// MaxFileSize is the largest annotation file accepted (1 MiB): hand-written
// annotations of one article are a few kilobytes.
const MaxFileSize = 1 << 20

// Pos is a position in a file, 1-based.
type Pos struct {
	Line, Column int
}

// Error is a problem at a position of a file.
type Error struct {
	File string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Column, e.Msg)
}

// File is a decoded annotation file.
type File struct {
	Document     Document      `yaml:"document"`
	Entities     []Entity      `yaml:"entities"`
	Claims       []Claim       `yaml:"claims"`
	Statements   []Statement   `yaml:"statements"`
	Attributions []Attribution `yaml:"attributions"`
	Roles        []Role        `yaml:"roles"`

	// Name is the file's name as given to Decode, for messages.
	Name string `yaml:"-"`
}

// Document is metadata of the article the file annotates.
type Document struct {
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	URL       string `yaml:"url"`
	Published string `yaml:"published"`
	// Extraction is "off" to load only this file's claims; by default the
	// claims that extraction finds and this file does not mention are loaded
	// too, marked with their rule.
	Extraction string `yaml:"extraction"`
	Pos        Pos    `yaml:"-"`
}

// Entity declares or completes a node. Countries ("country:EE") and the
// organizations of the reference data file need no declaration.
type Entity struct {
	ID         string            `yaml:"id"`
	Kind       string            `yaml:"kind"`
	Name       string            `yaml:"name"`
	Aliases    []string          `yaml:"aliases"`
	Properties map[string]string `yaml:"properties"`
	// Quote is required for kinds that are claims (Event): the sentence that
	// reports the event.
	Quote string `yaml:"quote"`
	// Method is how the entity was found: empty for curated, or the
	// "rule:<name>@<version>" of extraction.
	Method string `yaml:"method"`
	Pos    Pos    `yaml:"-"`
	// FieldPos holds the position of each field's value.
	FieldPos map[string]Pos `yaml:"-"`
}

// Claim is one relationship.
type Claim struct {
	Subject    string            `yaml:"subject"`
	Type       string            `yaml:"type"`
	Object     string            `yaml:"object"`
	Quote      string            `yaml:"quote"`
	Date       string            `yaml:"date"`
	Modality   string            `yaml:"modality"`
	Confidence *float64          `yaml:"confidence"`
	Properties map[string]string `yaml:"properties"`
	// Method is empty (or "curated") for a claim a person wrote or checked,
	// and the "rule:<name>@<version>" of extraction for one nobody has
	// reviewed yet.
	Method   string         `yaml:"method"`
	Pos      Pos            `yaml:"-"`
	FieldPos map[string]Pos `yaml:"-"`
}

// Statement is a quote or reported speech, with who said it and what it is
// about.
type Statement struct {
	ID       string   `yaml:"id"`
	Speakers []string `yaml:"speakers"`
	// Quote locates the statement in the article (verbatim); Text is the
	// statement itself when it differs (defaults to Quote).
	Quote      string         `yaml:"quote"`
	Text       string         `yaml:"text"`
	About      []string       `yaml:"about"`
	Date       string         `yaml:"date"`
	MadeAt     string         `yaml:"made_at"`
	Confidence *float64       `yaml:"confidence"`
	Method     string         `yaml:"method"`
	Pos        Pos            `yaml:"-"`
	FieldPos   map[string]Pos `yaml:"-"`
}

// Attribution is one government's (or body's) attribution of an operation.
type Attribution struct {
	ID         string         `yaml:"id"`
	By         []string       `yaml:"by"`
	Blames     []string       `yaml:"blames"`
	Concerns   string         `yaml:"concerns"`
	BackedBy   []string       `yaml:"backed_by"`
	Basis      string         `yaml:"basis"`
	Date       string         `yaml:"date"`
	Modality   string         `yaml:"modality"`
	Quote      string         `yaml:"quote"`
	Confidence *float64       `yaml:"confidence"`
	Method     string         `yaml:"method"`
	Pos        Pos            `yaml:"-"`
	FieldPos   map[string]Pos `yaml:"-"`
}

// Role is a person's role in an organization or state.
type Role struct {
	Person       string         `yaml:"person"`
	Title        string         `yaml:"title"`
	Organization string         `yaml:"organization"`
	From         string         `yaml:"from"`
	To           string         `yaml:"to"`
	Quote        string         `yaml:"quote"`
	Confidence   *float64       `yaml:"confidence"`
	Method       string         `yaml:"method"`
	Pos          Pos            `yaml:"-"`
	FieldPos     map[string]Pos `yaml:"-"`
}

// Decode decodes an annotation file's bytes; name is used in messages.
func Decode(name string, data []byte) (*File, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{name, Pos{1, 1}, fmt.Sprintf("file is %d bytes; annotation files may be at most %d", len(data), MaxFileSize)}
	}
	if !utf8.Valid(data) {
		return nil, &Error{name, InvalidUTF8Pos(data), "text is not valid UTF-8"}
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if err.Error() == "EOF" {
			return nil, &Error{name, Pos{1, 1}, "file is empty"}
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{name, Pos{extra.Line, extra.Column}, "more than one YAML document in the file"}
	}
	if err := refuseAliases(name, &root); err != nil {
		return nil, err
	}
	doc := &root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil, &Error{name, Pos{doc.Line, doc.Column}, "expected a mapping with keys document, entities, claims, statements, attributions, roles"}
	}
	if err := checkFields(name, doc, reflect.TypeOf(File{})); err != nil {
		return nil, err
	}
	f := &File{Name: name}
	if err := doc.Decode(f); err != nil {
		return nil, yamlError(name, err)
	}
	// Positions of every item and field, for the loader's messages.
	for i, key := range doc.Content {
		if i%2 == 1 {
			continue
		}
		val := doc.Content[i+1]
		switch key.Value {
		case "document":
			f.Document.Pos = Pos{val.Line, val.Column}
		case "entities":
			for j, it := range val.Content {
				f.Entities[j].Pos, f.Entities[j].FieldPos = itemPos(it)
			}
		case "claims":
			for j, it := range val.Content {
				f.Claims[j].Pos, f.Claims[j].FieldPos = itemPos(it)
			}
		case "statements":
			for j, it := range val.Content {
				f.Statements[j].Pos, f.Statements[j].FieldPos = itemPos(it)
			}
		case "attributions":
			for j, it := range val.Content {
				f.Attributions[j].Pos, f.Attributions[j].FieldPos = itemPos(it)
			}
		case "roles":
			for j, it := range val.Content {
				f.Roles[j].Pos, f.Roles[j].FieldPos = itemPos(it)
			}
		}
	}
	return f, nil
}

// At returns the position of field in an item, or the item's own position.
func At(item Pos, fields map[string]Pos, field string) Pos {
	if p, ok := fields[field]; ok {
		return p
	}
	return item
}

func itemPos(n *yaml.Node) (Pos, map[string]Pos) {
	fields := map[string]Pos{}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := n.Content[i+1]
			fields[n.Content[i].Value] = Pos{v.Line, v.Column}
		}
	}
	return Pos{n.Line, n.Column}, fields
}

// refuseAliases rejects anchors and aliases anywhere in the tree.
func refuseAliases(name string, n *yaml.Node) error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return &Error{name, Pos{n.Line, n.Column}, "YAML anchors and aliases (&, *) are not allowed in annotation files"}
	}
	for _, c := range n.Content {
		if err := refuseAliases(name, c); err != nil {
			return err
		}
	}
	return nil
}

// checkFields walks a node against the Go type it will decode into and
// reports the first unknown key, or a value of the wrong shape, with its
// position. (yaml.v3's own strict mode gives the line but not the column, and
// stops at the first document-level problem.)
func checkFields(name string, n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return &Error{name, Pos{n.Line, n.Column}, fmt.Sprintf("expected a mapping of %s", fieldList(t))}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			f, ok := fieldByTag(t, key.Value)
			if !ok {
				return &Error{name, Pos{key.Line, key.Column}, fmt.Sprintf("unknown field %q (known here: %s)", key.Value, fieldList(t))}
			}
			if err := checkFields(name, val, f.Type); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return &Error{name, Pos{n.Line, n.Column}, "expected a list (items starting with \"- \")"}
		}
		for _, c := range n.Content {
			if err := checkFields(name, c, t.Elem()); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return nil
		}
		if n.Kind != yaml.MappingNode {
			return &Error{name, Pos{n.Line, n.Column}, "expected a mapping of key: value"}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkFields(name, n.Content[i+1], t.Elem()); err != nil {
				return err
			}
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return &Error{name, Pos{n.Line, n.Column}, "expected a single value (text), not a list or mapping"}
		}
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!float" && n.Tag != "!!int") {
			return &Error{name, Pos{n.Line, n.Column}, fmt.Sprintf("expected a number, got %q", n.Value)}
		}
	}
	return nil
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag := strings.Split(f.Tag.Get("yaml"), ",")[0]; tag != "" && tag != "-" && tag == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func fieldList(t reflect.Type) string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return strings.Join(names, ", ")
}

// yamlError turns a yaml.v3 error ("yaml: line 3: ...") into an Error with a
// position.
func yamlError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			fmt.Sscanf(n, "%d", &line)
			msg = strings.TrimSpace(tail)
		}
	}
	return &Error{name, Pos{line, 1}, "malformed YAML: " + msg}
}

// InvalidUTF8Pos returns the position of the first byte of data that is not
// valid UTF-8.
func InvalidUTF8Pos(data []byte) Pos {
	line, col := 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return Pos{line, col}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return Pos{line, col}
}
