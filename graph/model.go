package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode/utf8"
)

// Node is an entity or a claim-node of the graph.
type Node struct {
	// ID is canonical and stable: "country:RU", "person:john-sullivan".
	ID   string
	Kind NodeKind
	// Name is the display name.
	Name    string
	Aliases []string
	// Props holds kind-specific properties, keys from PropertyKeys: an
	// Organization's "kind", a Statement's "text", an Attribution's "basis",
	// "modality" and "date", an Event's "date" and "location".
	Props map[string]string
	// Source says where an entity that needs no evidence comes from: a
	// reference dataset ("reference:iso-3166") or an annotation file. Claim
	// kinds carry Evidence instead.
	Source string
	// Version counts the changes people made to the node (1 as loaded);
	// stores fill it in on read and ignore it on write.
	Version int
}

// Relationship is a claim: Subject -[Type]-> Object, as reported by the
// documents its evidence points into.
type Relationship struct {
	// ID is derived from From, Type and To (see ClaimID), so the same claim
	// made twice is one relationship with two pieces of evidence.
	ID   string
	Type RelType
	From string
	To   string
	// Method is "curated" or "rule:<name>@<version>".
	Method string
	// Confidence is in [0, 1].
	Confidence float64
	// Modality is asserted, alleged or denied; empty means asserted.
	Modality Modality
	// Date is the date the claim refers to when known: "2018", "2018-11" or
	// "2018-11-06".
	Date string
	// Published is the publication date of the claim's earliest source, when
	// known, in the same format.
	Published string
	// Props holds type-specific properties, keys from PropertyKeys: a role's
	// "title", "from" and "to", an accusation's "of".
	Props map[string]string
	// Review is where the claim stands in review. On write only a new
	// claim's status is read: a curated claim (Method "curated") is
	// CONFIRMED by its annotations unless said otherwise, any other
	// UNREVIEWED; a stored claim's review changes only through a Curator.
	Review Review
	// Version counts the changes of the claim's state (1 as loaded); stores
	// fill it in on read and ignore it on write.
	Version int
}

// Evidence is a verbatim span of a stored document that supports one claim
// (a relationship) or one claim-node.
type Evidence struct {
	// ID is derived from Subject, DocumentID and the span (see EvidenceID).
	ID string
	// Subject is the id of the relationship or node this evidence supports.
	Subject    string
	DocumentID string
	// Start and End are offsets in Unicode code points (not bytes, not UTF-16
	// units) into the document's Text; End is exclusive.
	Start, End int
	// Quote is exactly the document's text between Start and End.
	Quote string
}

// Document is a stored, cleaned article.
type Document struct {
	// ID is the content hash of Text (see DocumentID).
	ID        string
	Title     string
	Publisher string
	URL       string
	// Published is the publication date: "2018", "2018-09" or "2018-09-28".
	Published string
	// Text is the cleaned text that evidence offsets point into.
	Text string
	// Source is where the document was read from (a file path or URL); it is
	// informational and not part of the identity.
	Source string
	// Author is the byline, several authors joined with ", ".
	Author string
	// Language is a BCP 47 tag ("en", "en-GB").
	Language string
	// Pages holds, for a document read from a paginated source (a PDF), the
	// code-point offset into Text at which each page starts: Pages[0] is 0,
	// where page 1 starts. Empty for a document without pages.
	Pages []int
	// Supersedes is the id of the previous version of this document: the
	// text that was read from the same URL before it changed. Both versions
	// stay stored, each with its own evidence.
	Supersedes string
}

// Page returns the page number (1-based) on which the code-point offset
// falls, or 0 when the document has no pages.
func (d Document) Page(offset int) int {
	if len(d.Pages) == 0 {
		return 0
	}
	n, _ := slices.BinarySearch(d.Pages, offset+1)
	return max(n, 1)
}

// Batch is one unit of writing: everything in it is written in one
// transaction or nothing is.
type Batch struct {
	Documents     []Document
	Nodes         []Node
	Relationships []Relationship
	Evidence      []Evidence
}

// Empty reports whether the batch holds nothing.
func (b Batch) Empty() bool {
	return len(b.Documents) == 0 && len(b.Nodes) == 0 && len(b.Relationships) == 0 && len(b.Evidence) == 0
}

// DocumentID is the id of a document with the given cleaned text:
// "doc:" and the first 16 bytes of its SHA-256, in hex.
func DocumentID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "doc:" + hex.EncodeToString(sum[:16])
}

// ClaimID is the id of the claim from -[t]-> to.
func ClaimID(from string, t RelType, to string) string {
	return "claim:" + shortHash(from, string(t), to)
}

// EvidenceID is the id of the evidence for subject at [start, end) of doc.
func EvidenceID(subject, documentID string, start, end int) string {
	return "ev:" + shortHash(subject, documentID, itoa(start), itoa(end))
}

func shortHash(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

// Span returns the text of doc between code-point offsets start and end, and
// false if the offsets are outside the text.
func Span(text string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	i, bs := 0, -1
	for pos := range text {
		if i == start {
			bs = pos
		}
		if i == end {
			if bs < 0 {
				return "", false
			}
			return text[bs:pos], true
		}
		i++
	}
	if i == end {
		if start == end {
			return "", true
		}
		if bs < 0 {
			return "", false
		}
		return text[bs:], true
	}
	return "", false
}

// RuneOffset converts a byte offset within text to a code-point offset.
func RuneOffset(text string, byteOff int) int {
	return utf8.RuneCountInString(text[:byteOff])
}

// Validate checks a node on its own: id, known kind, name, property keys,
// valid UTF-8 everywhere.
func (n Node) Validate() error {
	if err := checkNodeSizes(n); err != nil {
		return err
	}
	if strings.TrimSpace(n.ID) == "" {
		return Invalidf("node has an empty id")
	}
	if !n.Kind.Valid() {
		return Invalidf("node %q: unknown kind %q", n.ID, n.Kind)
	}
	for _, p := range []string{"claim:", "ev:", "doc:"} {
		if strings.HasPrefix(n.ID, p) {
			return Invalidf("node id %q: the prefix %q is reserved for claims, evidence and documents", n.ID, p)
		}
	}
	if strings.TrimSpace(n.Name) == "" {
		return Invalidf("node %q has an empty name", n.ID)
	}
	strs := append([]string{n.ID, n.Name, n.Source}, n.Aliases...)
	for k, v := range n.Props {
		if err := CheckProperty(k); err != nil {
			return Invalidf("node %q: %s", n.ID, err.(*Error).Msg)
		}
		strs = append(strs, v)
	}
	if k, ok := n.Props["kind"]; ok && n.Kind == KindOrganization && !slices.Contains(organizationKinds, k) {
		return Invalidf("organization %q: unknown organization kind %q (known: %s)", n.ID, k, strings.Join(organizationKinds, ", "))
	}
	if m, ok := n.Props["modality"]; ok && !Modality(m).Valid() {
		return Invalidf("node %q: unknown modality %q", n.ID, m)
	}
	return checkUTF8("node "+n.ID, strs...)
}

// Validate checks a relationship on its own: known type, id matching
// ClaimID, method, confidence, modality, property keys. Endpoint kinds are
// checked by the store, which knows the stored nodes.
func (r Relationship) Validate() error {
	if err := checkRelationshipSizes(r); err != nil {
		return err
	}
	if !r.Type.Valid() {
		return Invalidf("relationship %q: unknown relationship type %q", r.ID, r.Type)
	}
	if r.From == "" || r.To == "" {
		return Invalidf("relationship %q: empty endpoint", r.ID)
	}
	if want := ClaimID(r.From, r.Type, r.To); r.ID != want {
		return Invalidf("relationship %s -%s-> %s: id %q is not the claim id %q", r.From, r.Type, r.To, r.ID, want)
	}
	if err := CheckMethod(r.Method); err != nil {
		return Invalidf("relationship %q: %s", r.ID, err.(*Error).Msg)
	}
	if !(r.Confidence >= 0 && r.Confidence <= 1) {
		return Invalidf("relationship %q: confidence %v is not between 0 and 1", r.ID, r.Confidence)
	}
	if r.Modality != "" && !r.Modality.Valid() {
		return Invalidf("relationship %q: unknown modality %q", r.ID, r.Modality)
	}
	for _, d := range []string{r.Date, r.Published} {
		if d != "" && !ValidDate(d) {
			return Invalidf("relationship %q: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", r.ID, d)
		}
	}
	strs := []string{r.From, r.To}
	for k, v := range r.Props {
		if err := CheckProperty(k); err != nil {
			return Invalidf("relationship %q: %s", r.ID, err.(*Error).Msg)
		}
		strs = append(strs, v)
	}
	return checkUTF8("relationship "+r.ID, strs...)
}

// Validate checks a document on its own: its id is the hash of its text.
func (d Document) Validate() error {
	if err := checkDocumentSizes(d); err != nil {
		return err
	}
	if want := DocumentID(d.Text); d.ID != want {
		return Invalidf("document %q: id is not the content hash %q of its text", d.ID, want)
	}
	if d.Published != "" && !ValidDate(d.Published) {
		return Invalidf("document %q: published date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d.ID, d.Published)
	}
	if len(d.Pages) > 0 {
		n := utf8.RuneCountInString(d.Text)
		if d.Pages[0] != 0 {
			return Invalidf("document %q: page 1 starts at %d, not at 0", d.ID, d.Pages[0])
		}
		for i := 1; i < len(d.Pages); i++ {
			if d.Pages[i] < d.Pages[i-1] || d.Pages[i] > n {
				return Invalidf("document %q: page %d starts at %d, before page %d or past the end of the text (%d)", d.ID, i+1, d.Pages[i], i, n)
			}
		}
	}
	if d.Supersedes != "" && (!strings.HasPrefix(d.Supersedes, "doc:") || d.Supersedes == d.ID) {
		return Invalidf("document %q: supersedes %q, which is not another document's id", d.ID, d.Supersedes)
	}
	return checkUTF8("document "+d.ID, d.Title, d.Publisher, d.URL, d.Text, d.Source, d.Author, d.Language)
}

// ValidDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with plausible
// month and day numbers.
func ValidDate(s string) bool {
	digits := func(t string) bool {
		for _, c := range t {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 || !digits(parts[0]) {
		return false
	}
	limits := []int{0, 12, 31}
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if len(p) != 2 || !digits(p) {
			return false
		}
		v := int(p[0]-'0')*10 + int(p[1]-'0')
		if v < 1 || v > limits[i] {
			return false
		}
	}
	return true
}

func checkUTF8(what string, strs ...string) error {
	for _, s := range strs {
		if !utf8.ValidString(s) {
			return Invalidf("%s: text is not valid UTF-8", what)
		}
	}
	return nil
}
