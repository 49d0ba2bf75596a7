package neo4jstore

import "github.com/actorgraph/actorgraph/graph"

// lintSchema is the database schema the Cypher linter checks statements
// against (tools/cypherlint/schema.json): the labels, relationship types and
// property keys of the graph model, which kinds each claim type joins, and
// the keys of the row maps the store passes as parameters.
func lintSchema() map[string]any {
	labels := append([]string{labelEntity, labelDocument, labelEvidence, labelInvestigation}, reviewLabels()...)
	for _, k := range graph.NodeKinds() {
		labels = append(labels, string(k))
	}
	var types []string
	type edge struct {
		From    string `json:"from"`
		To      string `json:"to"`
		RelType string `json:"relType"`
	}
	var edges []edge
	for _, t := range graph.RelTypes() {
		types = append(types, string(t))
		// Statements match claims between :Entity nodes; the kind pairs
		// let the linter flag a pattern the vocabulary forbids.
		edges = append(edges, edge{labelEntity, labelEntity, string(t)})
		e, _ := t.Endpoints()
		for _, from := range e.From {
			for _, to := range e.To {
				edges = append(edges, edge{string(from), string(to), string(t)})
			}
		}
	}
	return map[string]any{
		"labels":            labels,
		"relationshipTypes": types,
		"propertyKeys":      propertyKeys(),
		"mapKeys":           rowKeys(),
		"graphSchema":       edges,
	}
}
