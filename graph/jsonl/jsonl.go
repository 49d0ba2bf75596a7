// Package jsonl is actorgraph's exchange format: a whole graph (documents,
// nodes, claims, evidence) as JSON Lines, one item per line, so that a graph
// moves between stores (SQLite to Neo4j and back) and into other tools that
// read line-delimited JSON.
//
// The first line names the format and its version:
//
//	{"format":"actorgraph-jsonl","version":1}
//
// and every other line is one item, told apart by "type":
//
//	{"type":"document","id":"doc:…","title":…,"publisher":…,"url":…,"published":…,"source":…,"text":…,
//	 "author":…,"language":…,"pages":[0,1520,…],"supersedes":"doc:…"}   (the last four only when set)
//	{"type":"node","id":"country:EE","kind":"Country","name":"Estonia","aliases":[…],"props":{…},"source":…}
//	{"type":"claim","id":"claim:…","rel":"BACKED","from":…,"to":…,"method":…,"confidence":0.9,"modality":…,"date":…,"published":…,"props":{…}}
//	{"type":"evidence","id":"ev:…","subject":…,"document":…,"start":0,"end":31,"quote":…}
//
// Export writes documents, then nodes, then claims, then evidence, each in a
// stable order, so exporting the same graph twice gives the same bytes and a
// round trip through another store can be checked with a byte comparison.
// The reader is strict: an unknown type or field, a line that is not one
// JSON object, text that is not UTF-8, or a missing header is an error with
// its line number, because a silently skipped line would be a silently lost
// claim. Whether the items make a valid graph is for Store.Upsert to decide,
// as for any other write.
//
// This package imports only the standard library and graph.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
)

// Format and Version are what the header line says.
const (
	Format  = "actorgraph-jsonl"
	Version = 1
)

// MaxLineBytes bounds one line: a document's text is at most 10 MiB of
// article (loader.MaxArticleSize), and JSON escaping can make that up to
// six times longer in the worst case.
const MaxLineBytes = 64 << 20

// Item is one line after the header: exactly one field is set.
type Item struct {
	Document *graph.Document
	Node     *graph.Node
	Claim    *graph.Relationship
	Evidence *graph.Evidence
	// Curation is a line of what people did (curation.go).
	Curation *CurationItem
}

type header struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

type documentLine struct {
	Type      string `json:"type"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Text      string `json:"text"`
	// Added after version 1 was released; left out when empty, so a graph
	// without them exports to the same bytes as before.
	Author     string `json:"author,omitempty"`
	Language   string `json:"language,omitempty"`
	Pages      []int  `json:"pages,omitempty"`
	Supersedes string `json:"supersedes,omitempty"`
}

type nodeLine struct {
	Type    string            `json:"type"`
	ID      string            `json:"id"`
	Kind    graph.NodeKind    `json:"kind"`
	Name    string            `json:"name"`
	Aliases []string          `json:"aliases,omitempty"`
	Props   map[string]string `json:"props,omitempty"`
	Source  string            `json:"source"`
}

type claimLine struct {
	Type       string            `json:"type"`
	ID         string            `json:"id"`
	Rel        graph.RelType     `json:"rel"`
	From       string            `json:"from"`
	To         string            `json:"to"`
	Method     string            `json:"method"`
	Confidence float64           `json:"confidence"`
	Modality   graph.Modality    `json:"modality"`
	Date       string            `json:"date"`
	Published  string            `json:"published"`
	Props      map[string]string `json:"props,omitempty"`
}

type evidenceLine struct {
	Type     string `json:"type"`
	ID       string `json:"id"`
	Subject  string `json:"subject"`
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Quote    string `json:"quote"`
}

// Writer writes a graph as JSON Lines. Call Flush at the end.
type Writer struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewWriter writes the header to w and returns a Writer for the items.
func NewWriter(w io.Writer) (*Writer, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	// Quotes hold "<", ">" and "&" often enough; written as they are, lines
	// stay readable.
	enc.SetEscapeHTML(false)
	jw := &Writer{w: bw, enc: enc}
	return jw, jw.put(header{Format, Version})
}

func (w *Writer) put(v any) error {
	if err := w.enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON Lines: %w", err)
	}
	return nil
}

// WriteDocument writes one document.
func (w *Writer) WriteDocument(d graph.Document) error {
	return w.put(documentLine{"document", d.ID, d.Title, d.Publisher, d.URL, d.Published, d.Source, d.Text,
		d.Author, d.Language, d.Pages, d.Supersedes})
}

// WriteNode writes one node. Empty aliases and properties are left out, so
// a store that returns nil and one that returns an empty map write the same
// line.
func (w *Writer) WriteNode(n graph.Node) error {
	return w.put(nodeLine{"node", n.ID, n.Kind, n.Name, nilIfEmpty(n.Aliases), nilIfEmptyMap(n.Props), n.Source})
}

// WriteClaim writes one claim.
func (w *Writer) WriteClaim(r graph.Relationship) error {
	return w.put(claimLine{"claim", r.ID, r.Type, r.From, r.To, r.Method, r.Confidence, r.Modality,
		r.Date, r.Published, nilIfEmptyMap(r.Props)})
}

// WriteEvidence writes one evidence.
func (w *Writer) WriteEvidence(e graph.Evidence) error {
	return w.put(evidenceLine{"evidence", e.ID, e.Subject, e.DocumentID, e.Start, e.End, e.Quote})
}

// Write writes any item.
func (w *Writer) Write(it Item) error {
	switch {
	case it.Document != nil:
		return w.WriteDocument(*it.Document)
	case it.Node != nil:
		return w.WriteNode(*it.Node)
	case it.Claim != nil:
		return w.WriteClaim(*it.Claim)
	case it.Evidence != nil:
		return w.WriteEvidence(*it.Evidence)
	case it.Curation != nil:
		var c graph.Curation
		addCuration(&c, *it.Curation)
		return w.WriteCuration(c)
	}
	return errors.New("jsonl: empty item")
}

// Flush writes what is buffered.
func (w *Writer) Flush() error {
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("writing JSON Lines: %w", err)
	}
	return nil
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func nilIfEmptyMap(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// Reader reads a graph written by Writer.
type Reader struct {
	r      *bufio.Reader
	line   int
	header bool
}

// NewReader returns a Reader of r.
func NewReader(r io.Reader) *Reader {
	return &Reader{r: bufio.NewReaderSize(r, 1<<16)}
}

// LineError is a problem with one line of the input.
type LineError struct {
	Line int
	Msg  string
	Err  error
}

func (e *LineError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("line %d: %s: %v", e.Line, e.Msg, e.Err)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

func (e *LineError) Unwrap() error { return e.Err }

// Line returns the number of the last line read, from 1.
func (r *Reader) Line() int { return r.line }

// readLine returns the next line without its newline, or io.EOF.
func (r *Reader) readLine() ([]byte, error) {
	var buf []byte
	for {
		chunk, err := r.r.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > MaxLineBytes {
			return nil, &LineError{Line: r.line + 1, Msg: fmt.Sprintf("longer than %d bytes", MaxLineBytes)}
		}
		switch {
		case err == nil:
			r.line++
			return bytes.TrimSuffix(buf[:len(buf)-1], []byte("\r")), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(buf) == 0 {
				return nil, io.EOF
			}
			r.line++
			return buf, nil
		default:
			return nil, fmt.Errorf("reading JSON Lines: %w", err)
		}
	}
}

// decodeStrict decodes one JSON object into v, refusing unknown fields and
// anything after the object.
func decodeStrict(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

// Next returns the next item, or io.EOF after the last one.
func (r *Reader) Next() (Item, error) {
	if !r.header {
		line, err := r.readLine()
		if errors.Is(err, io.EOF) {
			return Item{}, &LineError{Line: 1, Msg: "empty input: no " + Format + " header"}
		}
		if err != nil {
			return Item{}, err
		}
		var h header
		if err := decodeStrict(line, &h); err != nil || h.Format != Format {
			return Item{}, &LineError{Line: r.line, Msg: fmt.Sprintf("not an %s file: the first line must be {\"format\":%q,\"version\":%d}", Format, Format, Version)}
		}
		if h.Version != Version {
			return Item{}, &LineError{Line: r.line, Msg: fmt.Sprintf("version %d of the format; this actorgraph reads version %d", h.Version, Version)}
		}
		r.header = true
	}
	line, err := r.readLine()
	if err != nil {
		return Item{}, err
	}
	if !utf8.Valid(line) {
		return Item{}, &LineError{Line: r.line, Msg: "not valid UTF-8"}
	}
	var probe struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(line, &probe); err != nil {
		return Item{}, &LineError{Line: r.line, Msg: "not a JSON object", Err: err}
	}
	bad := func(err error) (Item, error) {
		return Item{}, &LineError{Line: r.line, Msg: "bad " + probe.Type, Err: err}
	}
	switch probe.Type {
	case "document":
		var l documentLine
		if err := decodeStrict(line, &l); err != nil {
			return bad(err)
		}
		return Item{Document: &graph.Document{ID: l.ID, Title: l.Title, Publisher: l.Publisher, URL: l.URL,
			Published: l.Published, Text: l.Text, Source: l.Source, Author: l.Author, Language: l.Language,
			Pages: l.Pages, Supersedes: l.Supersedes}}, nil
	case "node":
		var l nodeLine
		if err := decodeStrict(line, &l); err != nil {
			return bad(err)
		}
		return Item{Node: &graph.Node{ID: l.ID, Kind: l.Kind, Name: l.Name, Aliases: l.Aliases, Props: l.Props, Source: l.Source}}, nil
	case "claim":
		var l claimLine
		if err := decodeStrict(line, &l); err != nil {
			return bad(err)
		}
		return Item{Claim: &graph.Relationship{ID: l.ID, Type: l.Rel, From: l.From, To: l.To, Method: l.Method,
			Confidence: l.Confidence, Modality: l.Modality, Date: l.Date, Published: l.Published, Props: l.Props}}, nil
	case "evidence":
		var l evidenceLine
		if err := decodeStrict(line, &l); err != nil {
			return bad(err)
		}
		return Item{Evidence: &graph.Evidence{ID: l.ID, Subject: l.Subject, DocumentID: l.Document,
			Start: l.Start, End: l.End, Quote: l.Quote}}, nil
	case "":
		return Item{}, &LineError{Line: r.line, Msg: `no "type"`}
	}
	if it, ok, err := decodeCuration(probe.Type, line); ok {
		if err != nil {
			return bad(err)
		}
		return Item{Curation: &it}, nil
	}
	return Item{}, &LineError{Line: r.line, Msg: fmt.Sprintf("unknown type %q (want document, node, claim, evidence, review, entity, merge, note or change)", probe.Type)}
}
