package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
)

// undoV7 takes a file's evidence back to the v6 table (hashed text ids for
// the evidence, its subject and its document, made by v1's exact DDL), as a
// file written before v7 holds it, for tests of older files. It leaves
// user_version to the caller.
func undoV7(ctx context.Context, db *sql.DB) error {
	type row struct {
		eid        int64
		subject    string
		doc        string
		start, end int
		quote      string
	}
	var rows []row
	if err := queryEach(ctx, db, `SELECT e.eid, `+evSubjectID+`, `+evDocID+`, e.start, e.end, e.quote FROM evidence e ORDER BY e.eid`, nil,
		func(rs *sql.Rows) error {
			var r row
			err := rs.Scan(&r.eid, &r.subject, &r.doc, &r.start, &r.end, &r.quote)
			rows = append(rows, r)
			return err
		}); err != nil {
		return err
	}
	stmts := []string{`DROP TABLE evidence`}
	for _, stmt := range strings.Split(migrations[0], ";\n") {
		if strings.Contains(stmt, "TABLE evidence (") || strings.Contains(stmt, " ON evidence(") {
			stmts = append(stmts, stmt)
		}
	}
	if len(stmts) != 4 {
		return errors.New("v1's evidence table and its two indexes not found in migrations[0]")
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, r := range rows {
		if _, err := db.ExecContext(ctx, `INSERT INTO evidence(eid, id, subject, doc_id, start, end, quote) VALUES(?,?,?,?,?,?,?)`,
			r.eid, graph.EvidenceID(r.subject, r.doc, r.start, r.end), r.subject, r.doc, r.start, r.end, r.quote); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the fixture so that the test migrates a copy.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// A store written by the build before integer evidence keys (schema v6:
// testdata/v6/demo.db is the demo corpus loaded by `actorgraph load` at
// main 3e8f2b1, and demo.export.jsonl its `actorgraph export`) opens,
// migrates in place, passes check, and exports exactly what it exported
// before. A migration that fails at any of its statements leaves the file
// at v6, and opening it again then migrates it as if nothing had happened.
func TestOpenMigratesAV6FileToEvidenceKeys(t *testing.T) {
	ctx := context.Background()
	want, err := os.ReadFile(filepath.Join("testdata", "v6", "demo.export.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	wantExport := stamp.ReplaceAllString(string(want), `"at":"(time)"`)
	path := filepath.Join(t.TempDir(), "v6.db")

	// The v7 migration's statements, each failed in turn.
	steps := 0
	for _, stmt := range strings.Split(keysMigration, ";\n") {
		if strings.TrimSpace(stmt) != "" {
			steps++
		}
	}
	for fail := 1; fail <= steps; fail++ {
		copyFile(t, filepath.Join("testdata", "v6", "demo.db"), path)
		n := 0
		s, err := open(ctx, path, func() error {
			if n++; n == fail {
				return errors.New("injected failure")
			}
			return nil
		})
		if err == nil {
			s.Close()
			t.Fatalf("failure at statement %d of %d: the migration succeeded", fail, steps)
		}
		if !strings.Contains(err.Error(), "migrating schema to v7") {
			t.Fatalf("failure at statement %d: %v", fail, err)
		}
		if v := userVersion(t, path); v != 6 {
			t.Fatalf("failure at statement %d left the file at v%d, want v6", fail, v)
		}
	}
	// The triggers and indexes of claims and evidence, by name, as v6 has
	// them: v7 must make each again (and rels_by_id, in place of the
	// unnamed index of the table's UNIQUE id).
	namesOf := func(db *sql.DB) string {
		var names []string
		if err := queryEach(ctx, db, `SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name IN ('rels', 'evidence') AND type IN ('index', 'trigger') ORDER BY 1`, nil,
			func(rs *sql.Rows) error {
				var n string
				err := rs.Scan(&n)
				names = append(names, n)
				return err
			}); err != nil {
			t.Fatal(err)
		}
		return strings.Join(names, ", ")
	}
	copyFile(t, filepath.Join("testdata", "v6", "demo.db"), path)
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	v6Names := namesOf(raw)
	raw.Close()
	wantNames := strings.NewReplacer("index sqlite_autoindex_evidence_1, ", "", "index sqlite_autoindex_rels_1, ", "",
		"index rels_by_type,", "index rels_by_id, index rels_by_type,").Replace(v6Names)

	// Then (after the last failure, or on a fresh copy) the real migration.
	for _, fresh := range []bool{false, true} {
		if fresh {
			copyFile(t, filepath.Join("testdata", "v6", "demo.db"), path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
		}
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if v := userVersion(t, path); v != schemaVersion() {
			t.Fatalf("after Open the file is at v%d, want v%d", v, schemaVersion())
		}
		checkClean(t, s)
		if got := namesOf(s.read); got != wantNames {
			t.Fatalf("indexes and triggers after the migration:\n%s\nwant\n%s", got, wantNames)
		}
		if got := exportOf(t, s); got != wantExport {
			t.Fatalf("the migrated store exports differently (fresh copy %v): %s", fresh, firstDifference(wantExport, got))
		}
		var text, subject int
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('evidence') WHERE name IN ('id', 'doc_id')`).Scan(&text); err != nil {
			t.Fatal(err)
		}
		if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM evidence WHERE typeof(subject) <> 'integer' OR typeof(did) <> 'integer'`).Scan(&subject); err != nil {
			t.Fatal(err)
		}
		if text != 0 || subject != 0 {
			t.Fatalf("after the migration: %d text key columns, %d rows with a key that is not an integer", text, subject)
		}
		// Search over evidence still finds its quotes (the full-text
		// index's rowids are the kept eids).
		hits, err := s.Search(ctx, graph.SearchQuery{Text: "offensive", First: 5})
		if err != nil || len(hits) == 0 {
			t.Fatalf("search after the migration: %v %v", hits, err)
		}
		s.Close()
	}
}

// A store with merges, corrections and reviews, taken back to v6 by the old
// DDL, migrates to the same graph: the moved and re-keyed evidence of
// merged nodes and corrected claims comes back with the same ids.
func TestOpenMigratesCuratedEvidenceToKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "curated.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bulkInput(t) {
		if _, err := s.Upsert(ctx, b); err != nil && !graph.HasCode(err, graph.CodeInvalid) {
			t.Fatal(err)
		}
	}
	ed := graph.WithViewer(ctx, graph.Viewer{Name: "ed", Role: graph.RoleEditor})
	var nodes []string
	var claim graph.Relationship
	if err := queryEach(ctx, s.read, `SELECT n.id FROM nodes n WHERE n.kind = 'Person' AND EXISTS (SELECT 1 FROM rels WHERE src = n.nid) ORDER BY n.nid LIMIT 2`, nil,
		func(rs *sql.Rows) error {
			var id string
			err := rs.Scan(&id)
			nodes = append(nodes, id)
			return err
		}); err != nil || len(nodes) < 2 {
		t.Fatalf("two people with claims: %v %v", nodes, err)
	}
	if _, err := s.MergeEntities(ed, graph.Merge{Keep: nodes[0], Merge: nodes[1:2]}); err != nil {
		t.Fatal(err)
	}
	page, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: nodes[:1], Direction: graph.Outgoing, First: 1})
	if err != nil || len(page.Relationships) == 0 {
		t.Fatalf("claims of the kept node: %v %v", page, err)
	}
	claim = page.Relationships[0]
	// Pointed at another node of its object's kind, the claim gets a new
	// id, and its evidence with it.
	var to string
	if err := s.read.QueryRowContext(ctx, `SELECT id FROM nodes WHERE kind = (SELECT kind FROM nodes WHERE id = ?1) AND id <> ?1 ORDER BY nid LIMIT 1`, claim.To).Scan(&to); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CorrectClaim(ed, graph.ClaimCorrection{ID: claim.ID, To: &to}); err != nil {
		t.Fatal(err)
	}
	checkClean(t, s)
	want := exportOf(t, s)
	if err := undoV7(ctx, s.write); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `PRAGMA user_version = 6`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkClean(t, s)
	if got := exportOf(t, s); got != want {
		t.Fatalf("the migrated store exports differently: %s", firstDifference(want, got))
	}
}
