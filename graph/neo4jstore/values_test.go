package neo4jstore

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/actorgraph/actorgraph/graph"
)

// These tests feed the mapping functions the values the driver hands back
// for nodes, relationships, paths and property values, so the mapping to
// the domain is checked without a server.

func TestNodeFromDB(t *testing.T) {
	n := dbtype.Node{
		ElementId: "4:abc:1",
		Labels:    []string{"Entity", "Organization"},
		Props: map[string]any{
			"id": "org:gru", "name": "GRU", "source": "", "aliases": []any{"Main Intelligence Directorate", "ГРУ"},
			"aliasText": "Main Intelligence Directorate\nГРУ\n", "prop_kind": "military",
			"prop_description": `Robby' }) DETACH DELETE n //`,
		},
	}
	got, err := nodeFromDB(n)
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Node{ID: "org:gru", Kind: graph.KindOrganization, Name: "GRU",
		Aliases: []string{"Main Intelligence Directorate", "ГРУ"},
		Props:   map[string]string{"kind": "military", "description": `Robby' }) DETACH DELETE n //`}, Version: 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nodeFromDB =\n%+v\nwant\n%+v", got, want)
	}

	// A node with no Props and no aliases reads with nil maps and lists,
	// as the SQLite store returns it.
	got, err = nodeFromDB(dbtype.Node{Labels: []string{"Country", "Entity"},
		Props: map[string]any{"id": "country:EE", "name": "Estonia", "source": "reference:iso-3166"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != graph.KindCountry || got.Props != nil || len(got.Aliases) != 0 || got.Source != "reference:iso-3166" {
		t.Errorf("bare node = %+v", got)
	}
}

func TestNodeFromDBRejectsWhatActorgraphDidNotWrite(t *testing.T) {
	for _, c := range []struct {
		name string
		node dbtype.Node
		want string
	}{
		{"no kind label", dbtype.Node{Labels: []string{"Entity"}, Props: map[string]any{"id": "x", "name": "X"}}, "labels"},
		{"two kind labels", dbtype.Node{Labels: []string{"Entity", "Country", "Person"}, Props: map[string]any{"id": "x", "name": "X"}}, "labels"},
		{"no id", dbtype.Node{Labels: []string{"Entity", "Country"}, Props: map[string]any{"name": "X"}}, "no id"},
		{"aliases not strings", dbtype.Node{Labels: []string{"Entity", "Country"}, Props: map[string]any{"id": "x", "aliases": []any{int64(1)}}}, "aliases"},
		{"a list as a name", dbtype.Node{Labels: []string{"Entity", "Country"}, Props: map[string]any{"id": "x", "name": []any{"a"}}}, "name"},
	} {
		_, err := nodeFromDB(c.node)
		if err == nil || !graph.HasCode(err, graph.CodeInternal) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want an internal error mentioning %q", c.name, err, c.want)
		}
	}
}

func TestRelFromDB(t *testing.T) {
	r := dbtype.Relationship{ElementId: "5:abc:9", Type: "HOLDS_ROLE", StartElementId: "4:abc:1", EndElementId: "4:abc:2",
		Props: map[string]any{"id": "claim:0123", "method": "curated", "confidence": 0.8, "modality": "asserted",
			"date": "2018-09", "published": "2018-09-28", "effectiveDate": "2018-09",
			"prop_title": "Deputy Secretary of State", "prop_date": "2017"}}
	got, err := relFromDB(r, "person:john-sullivan", "country:US")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Relationship{ID: "claim:0123", Type: graph.RelHoldsRole, From: "person:john-sullivan", To: "country:US",
		Method: "curated", Confidence: 0.8, Modality: graph.Asserted, Date: "2018-09", Published: "2018-09-28",
		Props: map[string]string{"title": "Deputy Secretary of State", "date": "2017"}, Review: graph.Review{Status: graph.Unreviewed}, Version: 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("relFromDB =\n%+v\nwant\n%+v", got, want)
	}

	// A confidence typed by hand as an integer reads as a number.
	r.Props["confidence"] = int64(1)
	if got, err := relFromDB(r, "a", "b"); err != nil || got.Confidence != 1 {
		t.Errorf("integer confidence: %v, %v", got.Confidence, err)
	}
	r.Props["confidence"] = "high"
	if _, err := relFromDB(r, "a", "b"); err == nil {
		t.Error("a string confidence was accepted")
	}
	r.Props["confidence"] = 0.5
	r.Type = "HACKED"
	if _, err := relFromDB(r, "a", "b"); err == nil || !strings.Contains(err.Error(), "HACKED") {
		t.Errorf("a type outside the vocabulary: err = %v", err)
	}
}

func TestPathFromDB(t *testing.T) {
	node := func(eid, id, kind string) dbtype.Node {
		return dbtype.Node{ElementId: eid, Labels: []string{"Entity", kind}, Props: map[string]any{"id": id, "name": id}}
	}
	rel := func(eid, typ, start, end, id string) dbtype.Relationship {
		return dbtype.Relationship{ElementId: eid, Type: typ, StartElementId: start, EndElementId: end,
			Props: map[string]any{"id": id, "method": "curated", "confidence": 0.9, "modality": "asserted"}}
	}
	// Estonia <-SUPPORTED- United States -SANCTIONED-> Russia: the path
	// runs against the first arrow, so From/To come from the relationship's
	// own ends, not from the path's direction.
	p := dbtype.Path{
		Nodes: []dbtype.Node{node("n1", "country:EE", "Country"), node("n2", "country:US", "Country"), node("n3", "country:RU", "Country")},
		Relationships: []dbtype.Relationship{
			rel("r1", "SUPPORTED", "n2", "n1", "claim:us-ee"),
			rel("r2", "SANCTIONED", "n2", "n3", "claim:us-ru"),
		},
	}
	got, err := pathFromDB(p)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range got.Nodes {
		ids = append(ids, n.ID)
	}
	if !slices.Equal(ids, []string{"country:EE", "country:US", "country:RU"}) {
		t.Errorf("path nodes = %q", ids)
	}
	if len(got.Relationships) != 2 ||
		got.Relationships[0].From != "country:US" || got.Relationships[0].To != "country:EE" || got.Relationships[0].Type != graph.RelSupported ||
		got.Relationships[1].From != "country:US" || got.Relationships[1].To != "country:RU" {
		t.Errorf("path claims = %+v", got.Relationships)
	}

	bad := p
	bad.Relationships = []dbtype.Relationship{rel("r1", "SUPPORTED", "n9", "n1", "claim:x"), p.Relationships[1]}
	if _, err := pathFromDB(bad); err == nil {
		t.Error("a relationship joining a node outside the path was accepted")
	}
	bad.Relationships = p.Relationships[:1]
	if _, err := pathFromDB(bad); err == nil {
		t.Error("a path with a relationship missing was accepted")
	}
}

func TestDocumentAndEvidenceFromDB(t *testing.T) {
	d, err := documentFromDB(dbtype.Node{Labels: []string{"Document"}, Props: map[string]any{
		"id": "doc:1", "title": "T", "publisher": "P", "url": "https://example.org", "published": "2018-09-28",
		"text": "Estonia backed the attribution.", "source": "data/demo/x.txt"}})
	want := graph.Document{ID: "doc:1", Title: "T", Publisher: "P", URL: "https://example.org", Published: "2018-09-28",
		Text: "Estonia backed the attribution.", Source: "data/demo/x.txt"}
	if err != nil || !reflect.DeepEqual(d, want) {
		t.Errorf("documentFromDB = %+v, %v", d, err)
	}
	// The fields of newer versions: a PDF's pages (a list of integers), the
	// byline, the language, the version superseded; and they round-trip
	// through the row the store writes.
	pdf := graph.Document{ID: "doc:2", Title: "Report", Text: "Page one.\fPage two.", Author: "Rob Strayer", Language: "en",
		Pages: []int{0, 10}, Supersedes: "doc:1"}
	row := documentRow(pdf)
	d, err = documentFromDB(dbtype.Node{Labels: []string{"Document"}, Props: row})
	if err != nil || !reflect.DeepEqual(d, pdf) {
		t.Errorf("documentFromDB(documentRow(d)) = %+v, %v; want %+v", d, err, pdf)
	}
	if _, err := documentFromDB(dbtype.Node{Props: map[string]any{"id": "doc:3", "pages": "1,2"}}); err == nil {
		t.Error("pages that are not a list were accepted")
	}
	e, err := evidenceFromDB(dbtype.Node{Labels: []string{"Evidence"}, Props: map[string]any{
		"id": "ev:1", "subject": "claim:1", "documentId": "doc:1", "startOffset": int64(0), "endOffset": int64(7), "quote": "Estonia"}})
	if err != nil || e != (graph.Evidence{ID: "ev:1", Subject: "claim:1", DocumentID: "doc:1", Start: 0, End: 7, Quote: "Estonia"}) {
		t.Errorf("evidenceFromDB = %+v, %v", e, err)
	}
	if _, err := evidenceFromDB(dbtype.Node{Props: map[string]any{"id": "ev:1", "startOffset": "0", "endOffset": int64(1)}}); err == nil {
		t.Error("a string offset was accepted")
	}
}

// Dates edited by hand in Neo4j Browser come back as temporal values; they
// read as the domain's YYYY-MM-DD.
func TestTemporalValuesReadAsDates(t *testing.T) {
	day := time.Date(2018, 11, 6, 14, 30, 0, 0, time.FixedZone("EET", 2*3600))
	for _, c := range []struct {
		name string
		v    any
		want string
	}{
		{"Date", dbtype.Date(time.Date(2018, 11, 6, 0, 0, 0, 0, time.UTC)), "2018-11-06"},
		{"LocalDateTime", dbtype.LocalDateTime(time.Date(2018, 11, 6, 23, 59, 0, 0, time.UTC)), "2018-11-06"},
		{"DateTime", day, "2018-11-06"},
		{"string", "2018-11", "2018-11"},
		{"null", nil, ""},
		{"integer", int64(2018), "2018"},
		{"float", 0.5, "0.5"},
		{"bool", true, "true"},
	} {
		got, err := stringValue(c.v)
		if err != nil || got != c.want {
			t.Errorf("%s: stringValue(%v) = %q, %v; want %q", c.name, c.v, got, err, c.want)
		}
	}
	for _, v := range []any{dbtype.Duration{Days: 1}, dbtype.Point2D{X: 1}, []any{"a"}, map[string]any{}} {
		if _, err := stringValue(v); err == nil {
			t.Errorf("stringValue(%T) accepted a value that is no date or scalar", v)
		}
	}
	r := dbtype.Relationship{Type: "SUPPORTED", Props: map[string]any{"id": "claim:1", "confidence": 0.5,
		"date": dbtype.Date(time.Date(2016, 4, 1, 0, 0, 0, 0, time.UTC)), "published": day}}
	got, err := relFromDB(r, "a", "b")
	if err != nil || got.Date != "2016-04-01" || got.Published != "2018-11-06" {
		t.Errorf("claim with temporal dates = %+v, %v", got, err)
	}
}

// The parameters written are what the mapping reads back: a node or claim
// that goes out as a row comes back equal through the driver's value types.
func TestRowsRoundTrip(t *testing.T) {
	n := graph.Node{ID: "statement:x", Kind: graph.KindStatement, Name: "X said", Aliases: []string{"a", "b"},
		Props: map[string]string{"text": "we stand with Estonia", "date": "2018"}, Source: "", Version: 1}
	row := nodeRow(n)
	props := maps.Clone(row[rowProperties].(map[string]any))
	props[pAliases] = row[pAliases]
	got, err := nodeFromDB(dbtype.Node{Labels: []string{labelEntity, string(n.Kind)}, Props: props})
	if err != nil || !reflect.DeepEqual(got, n) {
		t.Errorf("node round trip = %+v, %v\nwant %+v", got, err, n)
	}

	r := graph.Relationship{ID: graph.ClaimID("a", graph.RelAccused, "b"), Type: graph.RelAccused, From: "a", To: "b",
		Method: "rule:accuse@1", Confidence: 0.7, Modality: graph.Alleged, Date: "2018-03", Published: "2018-03-02",
		Props: map[string]string{"of": "interference", "date": "2016"}, Review: graph.Review{Status: graph.Unreviewed}, Version: 1}
	crow := claimRow(r)
	// A load writes the review state next to the properties (row.review),
	// as gen_merge_claims does.
	cprops := maps.Clone(crow[rowProperties].(map[string]any))
	maps.Copy(cprops, crow[rowReview].(map[string]any))
	gotR, err := relFromDB(dbtype.Relationship{Type: crow[rowType].(string), Props: cprops}, r.From, r.To)
	if err != nil || !reflect.DeepEqual(gotR, r) {
		t.Errorf("claim round trip = %+v, %v\nwant %+v", gotR, err, r)
	}

	e := graph.Evidence{ID: "ev:1", Subject: r.ID, DocumentID: "doc:1", Start: 3, End: 9, Quote: "accuse"}
	erow := evidenceRow(e)
	eprops := map[string]any{}
	for k, v := range erow {
		if i, ok := v.(int); ok {
			v = int64(i) // the driver returns every integer as int64
		}
		eprops[k] = v
	}
	if gotE, err := evidenceFromDB(dbtype.Node{Props: eprops}); err != nil || gotE != e {
		t.Errorf("evidence round trip = %+v, %v", gotE, err)
	}
}
