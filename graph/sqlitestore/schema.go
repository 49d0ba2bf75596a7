package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are applied in order; migrations[i] brings the schema from
// version i to i+1 (PRAGMA user_version). Never edit a released migration:
// append a new one.
var migrations = []string{
	// v1: the graph, its provenance and full-text search.
	`
CREATE TABLE documents (
	did       INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	title     TEXT NOT NULL DEFAULT '',
	publisher TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL
);
CREATE TABLE nodes (
	nid     INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	kind    TEXT NOT NULL,
	name    TEXT NOT NULL,
	aliases TEXT NOT NULL DEFAULT '[]',
	props   TEXT NOT NULL DEFAULT '{}',
	source  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX nodes_by_kind ON nodes(kind, id);
CREATE TABLE rels (
	rid        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
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
	eff_date   TEXT GENERATED ALWAYS AS (CASE WHEN date <> '' THEN date ELSE published END) VIRTUAL
);
CREATE INDEX rels_out ON rels(src, type, dst);
CREATE INDEX rels_in  ON rels(dst, type, src);
CREATE INDEX rels_by_type ON rels(type);
CREATE TABLE evidence (
	eid     INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	subject TEXT NOT NULL,
	doc_id  TEXT NOT NULL REFERENCES documents(id),
	start   INTEGER NOT NULL,
	end     INTEGER NOT NULL,
	quote   TEXT NOT NULL
);
CREATE INDEX evidence_by_subject ON evidence(subject, doc_id, start);
CREATE INDEX evidence_by_doc ON evidence(doc_id, start);
CREATE VIRTUAL TABLE node_fts USING fts5(name, aliases, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO node_fts(node_fts, rank) VALUES('rank', 'bm25(10.0, 5.0, 1.0)');
CREATE VIRTUAL TABLE evidence_fts USING fts5(quote, tokenize = 'unicode61 remove_diacritics 2');
`,
	// v2: two counters the in-memory copies check before they answer. The
	// adjacency (adjacency.go) reads new rows itself, by row id; rewrites
	// counts what it cannot pick up that way: a claim deleted (its row id may
	// then be reused), a claim's type, ends, confidence or dates changed, a
	// node deleted or its kind changed. The row cache (rowcache.go) keeps
	// whole rows; edits counts every change of a stored node or claim. Inserts
	// are not counted, so bulk loads pay nothing, and the writer updates only
	// rows that change, so loading the same article again keeps both copies.
	`
CREATE TABLE graph_meta (
	one      INTEGER PRIMARY KEY CHECK (one = 1),
	rewrites INTEGER NOT NULL,
	edits    INTEGER NOT NULL
);
INSERT INTO graph_meta(one, rewrites, edits) VALUES (1, 0, 0);
CREATE TRIGGER rels_rewritten AFTER UPDATE OF confidence, date, published, type, src, dst ON rels
	WHEN OLD.confidence IS NOT NEW.confidence OR OLD.date IS NOT NEW.date OR OLD.published IS NOT NEW.published
		OR OLD.type IS NOT NEW.type OR OLD.src IS NOT NEW.src OR OLD.dst IS NOT NEW.dst
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1; END;
CREATE TRIGGER rels_edited AFTER UPDATE ON rels
	BEGIN UPDATE graph_meta SET edits = edits + 1; END;
CREATE TRIGGER rels_deleted AFTER DELETE ON rels
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1, edits = edits + 1; END;
CREATE TRIGGER nodes_rewritten AFTER UPDATE OF kind ON nodes WHEN OLD.kind IS NOT NEW.kind
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1; END;
CREATE TRIGGER nodes_edited AFTER UPDATE ON nodes
	BEGIN UPDATE graph_meta SET edits = edits + 1; END;
CREATE TRIGGER nodes_deleted AFTER DELETE ON nodes
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1, edits = edits + 1; END;
`,
	// v3: the words each full-text index holds, per column, so a search can
	// name the words its last, unfinished word begins instead of asking FTS5
	// for a prefix (search.go, completions). They are views of the indexes:
	// nothing is stored and nothing is written on load.
	`
CREATE VIRTUAL TABLE node_fts_vocab USING fts5vocab(node_fts, 'col');
CREATE VIRTUAL TABLE evidence_fts_vocab USING fts5vocab(evidence_fts, 'col');
`,
	// v4: what a citation and a PDF need (author, language, the offsets where
	// pages start as a JSON array), the version a document supersedes, and
	// indexes for documents(where:) by URL and by publisher.
	`
ALTER TABLE documents ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN pages TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN supersedes TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_by_url ON documents(url);
CREATE INDEX documents_by_source ON documents(source);
CREATE INDEX documents_by_publisher ON documents(publisher COLLATE NOCASE);
`,
	// v5: review (review.go). A claim's review state and version live on its
	// row, so every read can hide rejected and corrected claims with no join;
	// edited marks rows a person changed, which later loads must not
	// overwrite. A change of status rebuilds the in-memory adjacency like a
	// change of confidence does (it filters on it). Merged ids redirect to
	// the kept node (or claim); notes and history are append-only tables,
	// history guarded by triggers; tokens are stored as SHA-256 hashes.
	`
ALTER TABLE rels ADD COLUMN status TEXT NOT NULL DEFAULT 'UNREVIEWED';
ALTER TABLE rels ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE rels ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rels ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE rels ADD COLUMN reviewed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE rels ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE rels ADD COLUMN corrected_by TEXT NOT NULL DEFAULT '';
ALTER TABLE nodes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE nodes ADD COLUMN edited INTEGER NOT NULL DEFAULT 0;
CREATE INDEX rels_review_queue ON rels(status, confidence, id);
CREATE TRIGGER rels_status_rewritten AFTER UPDATE OF status ON rels WHEN OLD.status IS NOT NEW.status
	BEGIN UPDATE graph_meta SET rewrites = rewrites + 1; END;
CREATE TABLE redirects (
	old TEXT PRIMARY KEY,
	new TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE notes (
	seq     INTEGER PRIMARY KEY,
	subject TEXT NOT NULL,
	text    TEXT NOT NULL,
	author  TEXT NOT NULL,
	at      TEXT NOT NULL
);
CREATE INDEX notes_by_subject ON notes(subject, seq);
CREATE TABLE history (
	seq     INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	author  TEXT NOT NULL,
	action  TEXT NOT NULL,
	subject TEXT NOT NULL,
	before  TEXT NOT NULL DEFAULT '',
	after   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_by_subject ON history(subject, seq);
CREATE INDEX history_by_author ON history(author, seq);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
	BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
	BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END;
CREATE TABLE tokens (
	name    TEXT PRIMARY KEY,
	role    TEXT NOT NULL,
	hash    TEXT NOT NULL UNIQUE,
	created TEXT NOT NULL
);
`,
	// v6: the claim tally that claimCounts by type, date, method, modality
	// and review status sums (tally.go), filled from the claims stored.
	tallyMigration,
	// v7: evidence names its claim or node and its document by integer
	// keys, and its own id is computed, not stored; a claim's id is unique
	// by an index a bulk load can build at its end (keys.go).
	keysMigration,
}

// schemaVersion is the version this build writes.
func schemaVersion() int { return len(migrations) }

// migrate checks that the file is an actorgraph database (or empty) and
// applies the missing migrations in one transaction.
func (s *Store) migrate(ctx context.Context) error {
	var appID, version int
	if err := s.write.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return fmt.Errorf("open %s: cannot read the database: %w", s.path, err)
	}
	if err := s.write.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("open %s: cannot read the database: %w", s.path, err)
	}
	if appID != applicationID {
		var tables int
		if err := s.write.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return fmt.Errorf("open %s: cannot read the database: %w", s.path, err)
		}
		if appID != 0 || tables > 0 {
			return fmt.Errorf("open %s: not an actorgraph database (an SQLite database of another application)", s.path)
		}
	}
	if version > schemaVersion() {
		return fmt.Errorf("open %s: written by a newer actorgraph (schema v%d; this build knows up to v%d)", s.path, version, schemaVersion())
	}
	// WAL is a property of the file, set once; it lets readers run while a
	// load writes.
	var mode string
	if err := s.write.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("open %s: cannot switch to WAL: %w", s.path, err)
	}
	if version == schemaVersion() {
		return nil
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	defer tx.Rollback()
	for v := version; v < schemaVersion(); v++ {
		if err := execScript(ctx, tx, migrations[v], s.faultHook); err != nil {
			return fmt.Errorf("open %s: migrating schema to v%d: %w", s.path, v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion())); err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("open %s: %w", s.path, err)
	}
	return nil
}

// execScript runs statements separated by ";\n" one by one, so an error names
// the statement that failed. faultHook (tests; may be nil) runs before each.
func execScript(ctx context.Context, tx *sql.Tx, script string, faultHook func() error) error {
	for _, stmt := range strings.Split(script, ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if faultHook != nil {
			if err := faultHook(); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%w in %q", err, strings.TrimSpace(stmt))
		}
	}
	return nil
}
