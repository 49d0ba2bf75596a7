package neo4jstore

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// cypherFiles holds every statement the store runs, one per file. Files
// named gen_*.cypher are written by generatedStatements (see
// TestGeneratedCypherIsCurrent) because they spell out one branch per
// vocabulary name; the others are written by hand. Either way what runs is
// exactly what `make lint-cypher` checked.
//
//go:embed cypher/*.cypher
var cypherFiles embed.FS

// statements maps a file's base name without ".cypher" to its text.
type statements map[string]string

// loadStatements reads every embedded statement.
func loadStatements() (statements, error) {
	names, err := fs.Glob(cypherFiles, "cypher/*.cypher")
	if err != nil {
		return nil, err
	}
	st := statements{}
	for _, n := range names {
		b, err := cypherFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		st[strings.TrimSuffix(path.Base(n), ".cypher")] = string(b)
	}
	return st, nil
}

// get returns a statement by name. A missing name is a programming error
// that the unit tests catch (TestEveryStatementIsUsed), so it panics rather
// than return an error every caller would have to carry.
func (st statements) get(name string) string {
	q, ok := st[name]
	if !ok {
		panic(fmt.Sprintf("neo4jstore: no statement cypher/%s.cypher", name))
	}
	return q
}

// schemaStatements are the constraint and index statements run at start, in
// a stable order: hand-written ones first, then one constraint per
// relationship type.
func (st statements) schemaStatements() []string {
	var names []string
	for n := range st {
		if strings.HasPrefix(n, "schema_") || strings.HasPrefix(n, "gen_schema_") {
			names = append(names, n)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		ga, gb := strings.HasPrefix(a, "gen_"), strings.HasPrefix(b, "gen_")
		if ga != gb {
			if ga {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	return names
}

// quoteName is the one place a label, relationship type or schema name is
// written into Cypher text: it wraps name in backticks and doubles any
// backtick inside, so whatever the string holds it stays one identifier.
// Only vocabulary names (graph.NodeKinds, graph.RelTypes) reach it, and
// only from generatedStatements; FuzzQuoteName checks that the quoting
// always round-trips.
func quoteName(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// cypherString writes a vocabulary name as a Cypher string literal, for the
// dispatch conditions of the generated statements. Vocabulary names are
// ASCII words, so the literal never needs escapes; anything else panics,
// which TestGeneratedCypherIsCurrent would surface at once.
func cypherString(s string) string {
	for _, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			panic(fmt.Sprintf("neo4jstore: vocabulary name %q is not a plain word", s))
		}
	}
	return "'" + s + "'"
}

// generatedFile is one statement derived from the vocabulary.
type generatedFile struct {
	name, text string
}

// generatedStatements builds the statements that need one branch per
// vocabulary name. Cypher 5 cannot take a label or relationship type as a
// parameter, so the choice among them is spelled out here, from the
// vocabulary and through quoteName, instead of being assembled at run time.
func generatedStatements() []generatedFile {
	const header = "// Generated from the vocabulary (graph/vocabulary.go) by graph/neo4jstore;\n" +
		"// regenerate with: go test ./graph/neo4jstore -run TestGeneratedCypherIsCurrent -update\n"
	var out []generatedFile
	add := func(name string, body string) {
		out = append(out, generatedFile{name: name, text: header + body})
	}

	// One uniqueness constraint per claim type: Neo4j indexes relationship
	// properties per type, and the constraint is what makes MERGE of the
	// same claim by two writers at once create it only once.
	for _, t := range graph.RelTypes() {
		add("gen_schema_claim_id_"+strings.ToLower(string(t)),
			fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS\nFOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE\n",
				quoteName("claim_id_"+string(t)), quoteName(string(t))))
	}

	// Nodes: merged on :Entity(id), then given the label of their kind.
	var b strings.Builder
	b.WriteString(`// Writes a batch of nodes: $rows are maps {id, kind, name, aliases,
// properties}, where properties holds every stored property but the aliases.
// The node takes the new name and properties; its aliases become the union
// of the stored and the new ones (graph.MergeAliases). A node a person
// changed (edited) keeps its name, aliases and properties.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
`)
	for _, k := range graph.NodeKinds() {
		fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN row.kind = %s THEN [1] ELSE [] END | SET n:%s)\n",
			cypherString(string(k)), quoteName(string(k)))
	}
	b.WriteString(`// Setting a property takes the node's write lock, so the aliases read next
// are the latest committed ones even when another writer updated the node
// meanwhile.
SET n.id = row.id
WITH n, row, coalesce(n.aliases, []) AS old
// A node a person changed keeps what the person made of it (graph/review.go).
WHERE NOT coalesce(n.edited, false)
SET n = row.properties
SET n.aliases = [a IN old WHERE a <> row.name] + [a IN row.aliases WHERE NOT a IN old]
SET n.aliasText = reduce(s = '', a IN n.aliases | s + a + '\n')
`)
	add("gen_merge_nodes", b.String())

	// Claims: endpoints are found through :Entity(id); the relationship
	// type comes from the one branch whose condition holds.
	b.Reset()
	b.WriteString(`// Writes a batch of claims: $rows are maps {id, type, from, to, published,
// properties, review}. The claim takes the new fields and properties, except
// that the earliest known publication date of its sources is kept. Review
// (graph/review.go): a new claim starts with row.review; a claim a person
// changed (edited) or hid (rejected, corrected) keeps all its fields, and an
// unreviewed one that a curated load names becomes confirmed.
UNWIND $rows AS row
MATCH (a:Entity)
WHERE a.id = row.from
MATCH (b:Entity)
WHERE b.id = row.to
CALL (a, b, row) {
`)
	for i, t := range graph.RelTypes() {
		if i > 0 {
			b.WriteString("  UNION\n")
		}
		fmt.Fprintf(&b, "  WITH * WHERE row.type = %s\n  MERGE (a)-[r:%s {id: row.id}]->(b)\n  RETURN r\n",
			cypherString(string(t)), quoteName(string(t)))
	}
	b.WriteString(`}
// Lock first, then read the stored publication date (see gen_merge_nodes).
SET r.id = row.id
WITH r, row, r.published AS old, r {.status, .version, .edited, .reviewedBy, .reviewedAt, .reviewNote, .correctedBy} AS review
WHERE NOT coalesce(review.edited, false) AND NOT coalesce(review.status, '') IN ['REJECTED', 'CORRECTED']
SET r = row.properties
SET r += CASE
    WHEN review.status IS NULL THEN row.review
    WHEN review.status = 'UNREVIEWED' AND row.review.status = 'CONFIRMED'
      THEN review {.*, status: 'CONFIRMED', reviewedBy: row.review.reviewedBy, reviewedAt: row.review.reviewedAt}
    ELSE review
  END
SET r.published = CASE WHEN old IS NOT NULL AND old <> '' AND (row.published = '' OR old < row.published) THEN old ELSE row.published END
SET r.effectiveDate = CASE WHEN r.date <> '' THEN r.date ELSE r.published END
`)
	add("gen_merge_claims", b.String())

	// Claims by id: one index seek per type.
	b.Reset()
	b.WriteString(`// The claims with the given ids ($ids), with their endpoints' ids. Neo4j
// indexes relationship properties per type, so each type is its own seek.
UNWIND $ids AS claimId
CALL (claimId) {
`)
	for i, t := range graph.RelTypes() {
		if i > 0 {
			b.WriteString("  UNION\n")
		}
		fmt.Fprintf(&b, "  MATCH (a)-[r:%s {id: claimId}]->(b)\n  RETURN r, a.id AS from, b.id AS to\n", quoteName(string(t)))
	}
	b.WriteString("}\nRETURN r, from, to, elementId(r) AS elementId\n")
	add("gen_claims_by_id", b.String())

	// Counts by kind and type, from Neo4j's count store.
	b.Reset()
	b.WriteString("// Nodes by kind, answered from the count store (one branch per kind).\nCALL () {\n")
	for i, k := range graph.NodeKinds() {
		if i > 0 {
			b.WriteString("  UNION ALL\n")
		}
		fmt.Fprintf(&b, "  MATCH (n:%s)\n  RETURN %s AS name, count(n) AS total\n", quoteName(string(k)), cypherString(string(k)))
	}
	b.WriteString("}\nRETURN name, total\n")
	add("gen_count_nodes_by_kind", b.String())

	b.Reset()
	b.WriteString("// Claims by type, answered from the count store (one branch per type).\nCALL () {\n")
	for i, t := range graph.RelTypes() {
		if i > 0 {
			b.WriteString("  UNION ALL\n")
		}
		fmt.Fprintf(&b, "  MATCH ()-[r:%s]->()\n  RETURN %s AS name, count(r) AS total\n", quoteName(string(t)), cypherString(string(t)))
	}
	b.WriteString("}\nRETURN name, total\n")
	add("gen_count_claims_by_type", b.String())

	// The claims statements share one selection (claims.go).
	return append(out, claimStatements(header)...)
}
