package sqlitestore

import "strings"

// Claims and evidence keyed by integers (schema v7).
//
// A piece of evidence names what it supports and the document it quotes by
// their integer row keys, not by their text ids: subject is the claim's rid
// (a positive number) or, for evidence of a node (an event, a statement, an
// attribution, reference data), the node's nid negated; did is the
// document's row key. The evidence id the API shows, "ev:" and a hash of
// subject, document and span (graph.EvidenceID), is not stored: it is a
// function of those columns and is computed when evidence is read. What
// makes a piece of evidence the same piece is then the unique index on
// (subject, did, start, end), which is also the index reads by subject use.
//
// Why: before v7 every piece of evidence carried three hashed text keys (its
// own id, its subject's id, its document's id) and two indexes on them; the
// unique index on its own id took each insert to a random page of an index
// that outgrows the cache at a few million rows, and the subject index was
// three times larger than an integer one. Now a bulk load appends: new
// claims get increasing rids, so their evidence lands at the end of the
// one unique index, and joins between claims, evidence and documents are
// integer lookups.
//
// Claims were always rows with an integer key (rid), but their text id
// (the API's) was declared UNIQUE in the table, so its index could not be
// dropped: v7 rebuilds the table with the same columns and that uniqueness
// as an index of its own, rels_by_id, which a bulk load into a store
// without claims drops and builds at its end (bulk.go), finding claims it
// wrote again by their row keys meanwhile. Every trigger and index of the
// table is made again as v2, v5 and v6 made it, and no row key changes, so
// the in-memory adjacency, the row caches and the claim tally stay valid.
//
// The migration rebuilds both tables in the transaction that moves the schema
// to v7 (migrate), keeping every eid so that the evidence full-text index,
// whose rowids are eids, stays valid. A piece of evidence whose subject or
// document does not exist (Check reports those) makes the migration fail
// and leaves the file at v6. The claim tally is not touched: no trigger
// fires while the rows are copied, and the claims are the same.
var keysMigration = keysScript + tallyTriggers()

const keysScript = `
CREATE TABLE evidence_v7 (
	eid     INTEGER PRIMARY KEY,
	subject INTEGER NOT NULL,
	did     INTEGER NOT NULL REFERENCES documents(did),
	start   INTEGER NOT NULL,
	end     INTEGER NOT NULL,
	quote   TEXT NOT NULL
);
INSERT INTO evidence_v7(eid, subject, did, start, end, quote)
	SELECT e.eid, coalesce((SELECT r.rid FROM rels r WHERE r.id = e.subject), -(SELECT n.nid FROM nodes n WHERE n.id = e.subject)),
		(SELECT d.did FROM documents d WHERE d.id = e.doc_id), e.start, e.end, e.quote
	FROM evidence e ORDER BY e.eid;
DROP TABLE evidence;
ALTER TABLE evidence_v7 RENAME TO evidence;
CREATE UNIQUE INDEX evidence_by_subject ON evidence(subject, did, start, end);
CREATE INDEX evidence_by_doc ON evidence(did, start);
CREATE TABLE rels_v7 (
	rid        INTEGER PRIMARY KEY,
	-- the API's id, unique by the index rels_by_id
	id         TEXT NOT NULL,
	type       TEXT NOT NULL,
	src        INTEGER NOT NULL REFERENCES nodes(nid),
	dst        INTEGER NOT NULL REFERENCES nodes(nid),
	method     TEXT NOT NULL,
	confidence REAL NOT NULL,
	modality   TEXT NOT NULL DEFAULT 'asserted',
	date       TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	props      TEXT NOT NULL DEFAULT '{}',
	-- the date filters compare against: the claim's own date, else its source's
	eff_date   TEXT GENERATED ALWAYS AS (CASE WHEN date <> '' THEN date ELSE published END) VIRTUAL,
	status       TEXT NOT NULL DEFAULT 'UNREVIEWED',
	version      INTEGER NOT NULL DEFAULT 1,
	edited       INTEGER NOT NULL DEFAULT 0,
	reviewed_by  TEXT NOT NULL DEFAULT '',
	reviewed_at  TEXT NOT NULL DEFAULT '',
	review_note  TEXT NOT NULL DEFAULT '',
	corrected_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO rels_v7(rid, id, type, src, dst, method, confidence, modality, date, published, props,
		status, version, edited, reviewed_by, reviewed_at, review_note, corrected_by)
	SELECT rid, id, type, src, dst, method, confidence, modality, date, published, props,
		status, version, edited, reviewed_by, reviewed_at, review_note, corrected_by
	FROM rels ORDER BY rid;
DROP TABLE rels;
ALTER TABLE rels_v7 RENAME TO rels;
CREATE UNIQUE INDEX rels_by_id ON rels(id);
CREATE INDEX rels_out ON rels(src, type, dst);
CREATE INDEX rels_in  ON rels(dst, type, src);
CREATE INDEX rels_by_type ON rels(type);
CREATE INDEX rels_review_queue ON rels(status, confidence, id);
CREATE TRIGGER rels_rewritten AFTER UPDATE OF confidence, date, published, type, src, dst ON rels
	WHEN OLD.confidence IS NOT NEW.confidence OR OLD.date IS NOT NEW.date OR OLD.published IS NOT NEW.published
		OR OLD.type IS NOT NEW.type OR OLD.src IS NOT NEW.src OR OLD.dst IS NOT NEW.dst
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1; END;
CREATE TRIGGER rels_edited AFTER UPDATE ON rels
	BEGIN UPDATE graph_meta SET edits = edits + 1; END;
CREATE TRIGGER rels_deleted AFTER DELETE ON rels
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1, edits = edits + 1; END;
CREATE TRIGGER rels_status_rewritten AFTER UPDATE OF status ON rels WHEN OLD.status IS NOT NEW.status
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1; END;
`

// tallyTriggers are v6's triggers of the claim tally (tally.go), made again
// on the rebuilt table: the end of the released v6 script.
func tallyTriggers() string {
	i := strings.Index(tallyMigration, "CREATE TRIGGER")
	if i < 0 {
		panic("v6 has no tally triggers")
	}
	return tallyMigration[i:]
}

// tallyTriggersSQL names the claim tally's triggers (tally.go) and their
// statements, as sqlite_schema holds them.
const tallyTriggersSQL = `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'rels' AND sql LIKE '%claim_tally%' ORDER BY name`

// tallyFill is v6's statement that counts every claim into the empty
// tally.
func tallyFill() string {
	for _, stmt := range strings.Split(tallyMigration, ";\n") {
		if stmt = strings.TrimSpace(stmt); strings.HasPrefix(stmt, "INSERT INTO claim_tally") {
			return stmt
		}
	}
	panic("v6 has no statement that fills the tally")
}

// SQL pieces that turn evidence keys back into the text ids the API uses,
// and text ids into keys. e is the evidence table's alias.
const (
	// evSubjectID is the text id of e's subject.
	evSubjectID = `(CASE WHEN e.subject > 0 THEN (SELECT id FROM rels WHERE rid = e.subject) ELSE (SELECT id FROM nodes WHERE nid = -e.subject) END)`
	// evDocID is the text id of e's document.
	evDocID = `(SELECT id FROM documents WHERE did = e.did)`
	// subjectKeyOf is the evidence key of the claim or node whose text id
	// is ?1 (NULL when there is none).
	subjectKeyOf = `coalesce((SELECT rid FROM rels WHERE id = ?1), -(SELECT nid FROM nodes WHERE id = ?1))`
	// docKeyOf is the key of the document whose text id is ?1.
	docKeyOf = `(SELECT did FROM documents WHERE id = ?1)`
)

// subjectKeysIn is a subquery of the evidence keys of the claims and nodes
// whose text ids are in the JSON array param (a placeholder such as ?1).
func subjectKeysIn(param string) string {
	return `(SELECT rid FROM rels WHERE id IN (SELECT value FROM json_each(` + param + `))
		UNION ALL SELECT -nid FROM nodes WHERE id IN (SELECT value FROM json_each(` + param + `)))`
}
