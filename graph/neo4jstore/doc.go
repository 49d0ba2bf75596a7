// Package neo4jstore is the production graph.Store: the graph in Neo4j 5
// (5.26 or later, community or enterprise, a cluster or Aura) through the
// official driver, github.com/neo4j/neo4j-go-driver/v5. It passes the same
// conformance suite (graph/graphtest) as the embedded SQLite store.
//
// # Graph model
//
//	(:Entity:Country {id, name, aliases, aliasText, source, prop_*})
//	    every node of the graph: the :Entity label carries the unique id
//	    constraint and the full-text index for all kinds, the second label
//	    is its graph.NodeKind. aliasText is the aliases joined one per line,
//	    for the full-text index.
//	(:Entity)-[:MEMBER_OF {id, method, confidence, modality, date,
//	           published, effectiveDate, prop_*}]->(:Entity)
//	    every claim is a real relationship whose type is its graph.RelType,
//	    so Cypher traverses claims natively (paths, neighborhoods) and
//	    filters them by type. effectiveDate is date, or published without
//	    one: what the date filters compare.
//	(:Document {id, title, publisher, url, published, text, source})
//	(:Evidence {id, subject, documentId, startOffset, endOffset, quote})
//
// Review (review.go): a claim also holds status, version, edited,
// reviewedBy, reviewedAt, reviewNote and correctedBy; a node version and
// edited. Merged ids are (:Redirect {old, new}); notes (:Note {seq, subject,
// text, author, at}); the history (:Change {seq, at, author, action,
// subject, before, after}), numbered by (:Counter {name, value}); tokens
// (:Token {name, role, hash, created}), the hash only.
//
// A node's or claim's Props are stored as properties named prop_<key>, so
// they can never collide with a fixed field (a claim's Props may hold a
// "date" of their own besides its Date).
//
// Evidence is a node keyed by the id of what it supports (subject) and of
// the document it quotes (documentId), both indexed, and it has no
// relationships. A claim is a relationship, and a relationship cannot be the
// end of another one, so evidence for claims could not be linked anyway;
// keying all evidence the same way keeps one lookup for nodes and claims
// alike. It also means that every relationship in the database is a claim:
// traversals match (n)-[r]-(m) without listing the vocabulary's types and
// can never wander from a claim into provenance.
//
// # Cypher
//
// Every statement is a file under cypher/, embedded, one statement per
// file, always parameterised; `make lint-cypher` checks each with Neo4j's
// own Cypher front end against the labels, relationship types and property
// keys of this model. Cypher 5 takes no label or relationship type as a
// parameter, so the statements that choose among the vocabulary's names
// (writing a node's kind label, writing or finding a claim by type, the
// per-type constraints and counts) are generated from graph/vocabulary.go
// into cypher/gen_*.cypher, names quoted by quoteName; a test keeps the
// generated files current.
//
// Writes are UNWIND batches in one transaction per Upsert: documents and
// nodes before the claims between them, evidence last. graph.CheckBatch
// validates the batch with reads inside that same transaction, so what is
// checked is what is written. Uniqueness constraints (nodes, documents,
// evidence, and claims per type) make concurrent MERGEs of the same thing
// create it once. Paths (SHORTEST k over a quantified path pattern) and
// neighborhoods (one statement per breadth-first layer, each node's best
// claims chosen in the database) run inside Neo4j.
//
// # Driver use
//
// One driver per Store and one Store per process. Reads go through
// ExecuteRead, so a cluster routes them to followers, writes through
// ExecuteWrite; both retry transient failures (deadlocks between writers,
// leader changes), which is why every transaction body starts from nothing
// and every write is a MERGE keyed by id. Every call carries a context
// deadline and the same server-side transaction timeout, sessions always
// name the database, and connection acquisition gives up well before an
// API request's budget is spent.
package neo4jstore
