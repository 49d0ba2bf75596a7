package neo4jstore

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// This file maps what the driver returns (dbtype.Node, dbtype.Relationship,
// dbtype.Path, property values) to the domain types, and domain types to
// query parameters. It is the only place that knows the property names of
// the graph model described in the package documentation.

// Labels that are not node kinds.
const (
	labelEntity   = "Entity"
	labelDocument = "Document"
	labelEvidence = "Evidence"
)

// propPrefix marks a property that holds one of a node's or claim's Props.
// The prefix keeps Props apart from the fixed fields: a claim may carry a
// "date" property of its own besides its Date.
const propPrefix = "prop_"

// Property names of the fixed fields.
const (
	pID            = "id"
	pName          = "name"
	pAliases       = "aliases"
	pAliasText     = "aliasText"
	pSource        = "source"
	pMethod        = "method"
	pConfidence    = "confidence"
	pModality      = "modality"
	pDate          = "date"
	pPublished     = "published"
	pEffectiveDate = "effectiveDate"
	pTitle         = "title"
	pPublisher     = "publisher"
	pURL           = "url"
	pText          = "text"
	pSubject       = "subject"
	pDocumentID    = "documentId"
	pStartOffset   = "startOffset"
	pEndOffset     = "endOffset"
	pQuote         = "quote"
	pAuthor        = "author"
	pLanguage      = "language"
	pPages         = "pages"
	pSupersedes    = "supersedes"
	// Review (graph/review.go): on claims all of them, on nodes the
	// version and edited.
	pStatus      = "status"
	pVersion     = "version"
	pEdited      = "edited"
	pReviewedBy  = "reviewedBy"
	pReviewedAt  = "reviewedAt"
	pReviewNote  = "reviewNote"
	pCorrectedBy = "correctedBy"
)

// Keys of the row maps that statements UNWIND besides property names: the
// kind or type that picks a label, the endpoints of a claim, and the map of
// properties a node or claim is set to.
const (
	rowKind       = "kind"
	rowType       = "type"
	rowFrom       = "from"
	rowTo         = "to"
	rowProperties = "properties"
	rowReview     = "review"
)

// rowKeys lists them, for the Cypher linter's schema.
func rowKeys() []string { return []string{rowKind, rowType, rowFrom, rowTo, rowProperties, rowReview} }

// fixedPropertyKeys lists every property name the store writes besides the
// prefixed Props, for the Cypher linter's schema.
func fixedPropertyKeys() []string {
	return []string{pID, pName, pAliases, pAliasText, pSource, pMethod, pConfidence, pModality,
		pDate, pPublished, pEffectiveDate, pTitle, pPublisher, pURL, pText, pSubject, pDocumentID,
		pStartOffset, pEndOffset, pQuote, pAuthor, pLanguage, pPages, pSupersedes,
		pStatus, pVersion, pEdited, pReviewedBy, pReviewedAt, pReviewNote, pCorrectedBy,
		pAt, pSeq, pAction, pBefore, pAfter, pOld, pNew, pRole, pHash, pCreated, pValue, pNote, pView, pUpdated, pShared}
}

// propertyKeys lists every property name the store writes.
func propertyKeys() []string {
	keys := fixedPropertyKeys()
	for _, k := range graph.PropertyKeys() {
		keys = append(keys, propPrefix+k)
	}
	return keys
}

// decodeError is what a value that does not fit the graph model becomes: the
// database holds something actorgraph did not write (or a newer version
// wrote).
func decodeError(format string, args ...any) error {
	return graph.Internal("reading from Neo4j", fmt.Errorf(format, args...))
}

// stringValue reads a property that the store writes as a string. Values of
// other types are accepted because people edit the graph by hand in Neo4j
// Browser: a date set with date() comes back as a neo4j.Date, a timestamp
// as a time.Time or neo4j.LocalDateTime, and all of them read as the
// YYYY-MM-DD dates of the domain. Missing properties read as "".
func stringValue(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case dbtype.Date:
		return x.Time().Format(time.DateOnly), nil
	case dbtype.LocalDateTime:
		return x.Time().Format(time.DateOnly), nil
	case time.Time:
		return x.Format(time.DateOnly), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	return "", fmt.Errorf("a %T where a string belongs", v)
}

// intValue reads an integer property (evidence offsets).
func intValue(v any) (int, error) {
	switch x := v.(type) {
	case int64:
		if x < math.MinInt || x > math.MaxInt {
			return 0, fmt.Errorf("integer %d out of range", x)
		}
		return int(x), nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x), nil
		}
	}
	return 0, fmt.Errorf("a %T where an integer belongs", v)
}

// floatValue reads a float property (confidence); an integer written by hand
// (confidence: 1) reads as well.
func floatValue(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		return float64(x), nil
	}
	return 0, fmt.Errorf("a %T where a number belongs", v)
}

// stringList reads a list of strings (aliases); the driver returns lists as
// []any.
func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []string:
		return x, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("a %T in a list of strings", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("a %T where a list of strings belongs", v)
}

// fields reads named string properties into targets, naming the first that
// does not fit.
func fields(what string, props map[string]any, targets map[string]*string) error {
	for key, dst := range targets {
		s, err := stringValue(props[key])
		if err != nil {
			return decodeError("%s: property %s: %v", what, key, err)
		}
		*dst = s
	}
	return nil
}

// prefixedProps collects the Props of a node or claim.
func prefixedProps(what string, props map[string]any) (map[string]string, error) {
	var out map[string]string
	for k, v := range props {
		key, ok := strings.CutPrefix(k, propPrefix)
		if !ok {
			continue
		}
		s, err := stringValue(v)
		if err != nil {
			return nil, decodeError("%s: property %s: %v", what, k, err)
		}
		if out == nil {
			out = map[string]string{}
		}
		out[key] = s
	}
	return out, nil
}

// kindOf returns the node kind among a node's labels. A node of the graph
// has :Entity and exactly one kind label.
func kindOf(labels []string) (graph.NodeKind, bool) {
	var kind graph.NodeKind
	for _, l := range labels {
		if k := graph.NodeKind(l); k.Valid() {
			if kind != "" {
				return "", false
			}
			kind = k
		}
	}
	return kind, kind != ""
}

// nodeFromDB maps an :Entity node to a graph.Node.
func nodeFromDB(n dbtype.Node) (graph.Node, error) {
	var out graph.Node
	kind, ok := kindOf(n.Labels)
	if !ok {
		return out, decodeError("node %s has labels %v: want :Entity and one node kind", n.ElementId, n.Labels)
	}
	out.Kind = kind
	what := "node " + n.ElementId
	if err := fields(what, n.Props, map[string]*string{pID: &out.ID, pName: &out.Name, pSource: &out.Source}); err != nil {
		return out, err
	}
	if out.ID == "" {
		return out, decodeError("%s has no id", what)
	}
	aliases, err := stringList(n.Props[pAliases])
	if err != nil {
		return out, decodeError("node %q: aliases: %v", out.ID, err)
	}
	out.Aliases = aliases
	if out.Props, err = prefixedProps("node "+out.ID, n.Props); err != nil {
		return out, err
	}
	if out.Version, err = versionOf(n.Props); err != nil {
		return out, decodeError("node %q: version: %v", out.ID, err)
	}
	return out, nil
}

// versionOf reads the version a person's changes raised; 1 when absent
// (written before review, or never changed).
func versionOf(props map[string]any) (int, error) {
	switch v := props[pVersion].(type) {
	case nil:
		return 1, nil
	case int64:
		return int(v), nil
	}
	return 0, fmt.Errorf("a %T where an integer belongs", props[pVersion])
}

// relFromDB maps a claim relationship to a graph.Relationship. The driver
// gives a relationship's endpoints as element ids, so the endpoints' ids
// come separately.
func relFromDB(r dbtype.Relationship, from, to string) (graph.Relationship, error) {
	out := graph.Relationship{Type: graph.RelType(r.Type), From: from, To: to}
	if !out.Type.Valid() {
		return out, decodeError("relationship %s has type %q, which is not in the vocabulary", r.ElementId, r.Type)
	}
	what := "claim " + r.ElementId
	var modality string
	if err := fields(what, r.Props, map[string]*string{pID: &out.ID, pMethod: &out.Method,
		pModality: &modality, pDate: &out.Date, pPublished: &out.Published}); err != nil {
		return out, err
	}
	if out.ID == "" {
		return out, decodeError("%s has no id", what)
	}
	out.Modality = graph.Modality(modality)
	c, err := floatValue(r.Props[pConfidence])
	if err != nil {
		return out, decodeError("claim %q: confidence: %v", out.ID, err)
	}
	out.Confidence = c
	if out.Props, err = prefixedProps("claim "+out.ID, r.Props); err != nil {
		return out, err
	}
	var status string
	if err := fields(what, r.Props, map[string]*string{pStatus: &status, pReviewedBy: &out.Review.By, pReviewedAt: &out.Review.At,
		pReviewNote: &out.Review.Note, pCorrectedBy: &out.Review.CorrectedBy}); err != nil {
		return out, err
	}
	out.Review.Status = graph.ReviewStatus(status)
	if status == "" {
		out.Review.Status = graph.Unreviewed
	}
	if out.Version, err = versionOf(r.Props); err != nil {
		return out, decodeError("claim %q: version: %v", out.ID, err)
	}
	return out, nil
}

// pathFromDB maps a path of claims to a graph.Path, taking each claim's
// endpoints from the path's own nodes.
func pathFromDB(p dbtype.Path) (graph.Path, error) {
	var out graph.Path
	idOf := map[string]string{}
	for _, n := range p.Nodes {
		node, err := nodeFromDB(n)
		if err != nil {
			return out, err
		}
		idOf[n.ElementId] = node.ID
		out.Nodes = append(out.Nodes, node)
	}
	if len(p.Relationships) != len(p.Nodes)-1 {
		return out, decodeError("path of %d nodes has %d relationships", len(p.Nodes), len(p.Relationships))
	}
	for _, r := range p.Relationships {
		from, ok1 := idOf[r.StartElementId]
		to, ok2 := idOf[r.EndElementId]
		if !ok1 || !ok2 {
			return out, decodeError("relationship %s of a path joins nodes outside it", r.ElementId)
		}
		rel, err := relFromDB(r, from, to)
		if err != nil {
			return out, err
		}
		out.Relationships = append(out.Relationships, rel)
	}
	return out, nil
}

// documentFromDB maps a :Document node.
func documentFromDB(n dbtype.Node) (graph.Document, error) {
	var d graph.Document
	what := "document " + n.ElementId
	err := fields(what, n.Props, map[string]*string{pID: &d.ID, pTitle: &d.Title,
		pPublisher: &d.Publisher, pURL: &d.URL, pPublished: &d.Published, pText: &d.Text, pSource: &d.Source,
		pAuthor: &d.Author, pLanguage: &d.Language, pSupersedes: &d.Supersedes})
	if err != nil {
		return d, err
	}
	// Pages is a list of integers; a document written before it existed has
	// none.
	if v, ok := n.Props[pPages]; ok && v != nil {
		list, ok := v.([]any)
		if !ok {
			return d, decodeError("%s: %s: a %T where a list of integers belongs", what, pPages, v)
		}
		for _, e := range list {
			p, err := intValue(e)
			if err != nil {
				return d, decodeError("%s: %s: %v", what, pPages, err)
			}
			d.Pages = append(d.Pages, p)
		}
	}
	return d, nil
}

// evidenceFromDB maps an :Evidence node.
func evidenceFromDB(n dbtype.Node) (graph.Evidence, error) {
	var e graph.Evidence
	what := "evidence " + n.ElementId
	if err := fields(what, n.Props, map[string]*string{pID: &e.ID, pSubject: &e.Subject,
		pDocumentID: &e.DocumentID, pQuote: &e.Quote}); err != nil {
		return e, err
	}
	var err error
	if e.Start, err = intValue(n.Props[pStartOffset]); err != nil {
		return e, decodeError("%s: %s: %v", what, pStartOffset, err)
	}
	if e.End, err = intValue(n.Props[pEndOffset]); err != nil {
		return e, decodeError("%s: %s: %v", what, pEndOffset, err)
	}
	return e, nil
}

// The parameter side: domain values as the maps the statements UNWIND.

func documentRow(d graph.Document) map[string]any {
	pages := make([]any, len(d.Pages))
	for i, p := range d.Pages {
		pages[i] = int64(p)
	}
	return map[string]any{pID: d.ID, pTitle: d.Title, pPublisher: d.Publisher, pURL: d.URL,
		pPublished: d.Published, pText: d.Text, pSource: d.Source, pAuthor: d.Author, pLanguage: d.Language,
		pPages: pages, pSupersedes: d.Supersedes}
}

func nodeRow(n graph.Node) map[string]any {
	props := map[string]any{pID: n.ID, pName: n.Name, pSource: n.Source}
	for k, v := range n.Props {
		props[propPrefix+k] = v
	}
	return map[string]any{pID: n.ID, rowKind: string(n.Kind), pName: n.Name,
		pAliases: stringsToAny(n.Aliases), rowProperties: props}
}

func claimRow(r graph.Relationship) map[string]any {
	props := map[string]any{pID: r.ID, pMethod: r.Method, pConfidence: r.Confidence,
		pModality: string(r.Modality), pDate: r.Date, pPublished: r.Published}
	for k, v := range r.Props {
		props[propPrefix+k] = v
	}
	rv := graph.InitialReview(r, graph.Now())
	review := map[string]any{pStatus: string(rv.Status), pReviewedBy: rv.By, pReviewedAt: rv.At, pReviewNote: rv.Note,
		pCorrectedBy: "", pVersion: int64(1), pEdited: false}
	return map[string]any{pID: r.ID, rowType: string(r.Type), rowFrom: r.From, rowTo: r.To,
		pPublished: r.Published, rowProperties: props, rowReview: review}
}

func evidenceRow(e graph.Evidence) map[string]any {
	return map[string]any{pID: e.ID, pSubject: e.Subject, pDocumentID: e.DocumentID,
		pStartOffset: e.Start, pEndOffset: e.End, pQuote: e.Quote}
}

// stringsToAny passes a list as the driver expects it; a nil slice becomes
// an empty list rather than null.
func stringsToAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// recordValue reads one column of a record as T, where a null is the zero
// value.
func recordValue[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, _, err := neo4j.GetRecordValue[T](rec, key)
	if err != nil {
		return v, decodeError("column %s: %v", key, err)
	}
	return v, nil
}
