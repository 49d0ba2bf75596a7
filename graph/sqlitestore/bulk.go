package sqlitestore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

var _ graph.BulkStore = (*Store)(nil)

// bulkCacheKiB is the page cache of the write connection during a bulk load
// (the ordinary 64 MiB is too small to hold the claim and evidence id
// indexes a large load inserts into at random places). mmap lets reads of
// pages the cache dropped come from the operating system's page cache
// without a read call each.
const (
	bulkCacheKiB = 512 << 10
	bulkMmap     = 64 << 30
)

// bulkLoad is a bulk load (graph.BulkLoad): one IMMEDIATE transaction on the
// write connection, holding it until Commit or Rollback.
//
// What makes it fast is what it leaves until Commit: the secondary indexes
// of claims and evidence (by ends, by type, the review queue, by subject, by
// document) are dropped inside the transaction and built again once, each by
// one sort, at the end; the evidence full-text index is filled in row id
// order at the end, in one statement, instead of one small segment per
// batch. Batches are merged in groups (bulkgroup.go) by the rules of the
// batch writer of Upsert, and each group goes in through its row writers,
// so what is stored is the same, with a dozen statements per group instead
// of a dozen per batch (a document, for load and import).
//
// Because everything happens in one transaction, a bulk load killed at any
// point leaves the file as it was: SQLite ignores the WAL frames of a
// transaction that never committed.
type bulkLoad struct {
	s    *Store
	conn *sql.Conn
	tx   *sql.Tx
	// indexes are the dropped indexes' names and statements, in the order
	// to build them again: exactly the statements the schema made them
	// with, so the schema after a bulk load is the schema before it.
	indexes [][2]string
	// triggers are the claim tally's triggers, dropped for a bulk load
	// into a store without claims and made again at the end, after one
	// count of the claims (keeping the tally row by row was a tenth of
	// the load).
	triggers [][2]string
	evBefore int64
	failed   error
	done     bool
	known    *bulkKnown
	kinds    map[string]graph.NodeKind // node kinds stored or written in this bulk load
	group    *bulkGroup                // batches taken and not yet written (bulkgroup.go)
	merged   bool                      // the store holds merges (redirects) to follow
	// docsFresh: the store held no documents as the bulk load began, so
	// the stored ones are docsWritten, the ones it wrote.
	docsFresh   bool
	docsWritten map[string]bool
	mu          sync.Mutex
	restorePre  []string
}

// bulkIndexes are the indexes a bulk load drops and rebuilds: every index
// of the claims and evidence tables that is not unique, and, when the
// store holds no claims (?1), the unique index of claim ids, rels_by_id:
// the bulk load then finds the claims it wrote again by their row keys
// (bulkKnown), and builds the index, first, at the end, where a repeated
// id would fail it and roll everything back. The unique index of evidence
// (subject, document, span) stays: new evidence joins it at its end, keyed
// by the new claims' increasing row keys, and it finds evidence repeated.
const bulkIndexes = `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('rels', 'evidence')
	AND (sql NOT LIKE 'CREATE UNIQUE %' OR (?1 AND name = 'rels_by_id')) ORDER BY name <> 'rels_by_id', name`

// BeginBulk implements graph.BulkStore.
func (s *Store) BeginBulk(ctx context.Context) (graph.BulkLoad, error) {
	if s.write == nil {
		return nil, graph.Invalidf("the store is open read-only")
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, s.wrap(ctx, "starting a bulk load", err)
	}
	b := &bulkLoad{s: s, conn: conn}
	for _, p := range []string{fmt.Sprintf("PRAGMA cache_size = -%d", bulkCacheKiB), fmt.Sprintf("PRAGMA mmap_size = %d", int64(bulkMmap))} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			conn.Close()
			return nil, s.wrap(ctx, "starting a bulk load", err)
		}
	}
	b.restorePre = []string{"PRAGMA cache_size = -65536", "PRAGMA mmap_size = 0"}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		b.release()
		return nil, s.wrap(ctx, "starting a bulk load", err)
	}
	b.tx = tx
	err = func() error {
		var held bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM rels) OR EXISTS(SELECT 1 FROM evidence)`).Scan(&held); err != nil {
			return err
		}
		if err := queryEach(ctx, tx, bulkIndexes, []any{!held}, func(rows *sql.Rows) error {
			var name, stmt string
			err := rows.Scan(&name, &stmt)
			b.indexes = append(b.indexes, [2]string{name, stmt})
			return err
		}); err != nil {
			return err
		}
		// Into a store without claims, the claim tally's triggers go too,
		// and the tally is counted once at the end.
		if !held {
			if err := queryEach(ctx, tx, tallyTriggersSQL, nil, func(rows *sql.Rows) error {
				var name, stmt string
				err := rows.Scan(&name, &stmt)
				b.triggers = append(b.triggers, [2]string{name, stmt})
				return err
			}); err != nil {
				return err
			}
		}
		for _, ix := range b.indexes {
			if _, err := tx.ExecContext(ctx, `DROP INDEX "`+ix[0]+`"`); err != nil {
				return err
			}
		}
		for _, tr := range b.triggers {
			if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+tr[0]+`"`); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(eid), 0) FROM evidence`).Scan(&b.evBefore); err != nil {
			return err
		}
		b.known = &bulkKnown{fresh: !held, rids: map[claimKey]int64{}, nids: map[string]int64{}}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rid), 0) + 1 FROM rels`).Scan(&b.known.nextRid); err != nil {
			return err
		}
		b.kinds = map[string]graph.NodeKind{}
		b.group = newBulkGroup()
		b.docsWritten = map[string]bool{}
		if err := tx.QueryRowContext(ctx, `SELECT NOT EXISTS(SELECT 1 FROM documents)`).Scan(&b.docsFresh); err != nil {
			return err
		}
		// Nobody else writes while the bulk load holds the write
		// transaction, so whether there are merges to follow is read once.
		return tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM redirects)`).Scan(&b.merged)
	}()
	if err != nil {
		b.Rollback()
		return nil, s.wrap(ctx, "starting a bulk load", err)
	}
	return b, nil
}

// Upsert implements graph.BulkLoad.
func (b *bulkLoad) Upsert(ctx context.Context, batch graph.Batch) (graph.UpsertResult, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return graph.UpsertResult{}, graph.Invalidf("the bulk load is over")
	}
	if b.failed != nil {
		return graph.UpsertResult{}, fmt.Errorf("the bulk load failed earlier: %w", b.failed)
	}
	batch, err := graph.NormalizeBatch(batch)
	if err != nil {
		return graph.UpsertResult{}, err
	}
	if batch.Empty() {
		return graph.UpsertResult{}, nil
	}
	// Checks write nothing: a batch they refuse leaves the bulk load as it
	// was, and it goes on. The batch is then taken into the group, which
	// is written every bulkGroupBatches batches and at Commit.
	res, err := b.take(ctx, batch)
	if err != nil {
		var ge *graph.Error
		if errors.As(err, &ge) && (ge.Code == graph.CodeInvalid || ge.Code == graph.CodeConflict) {
			return graph.UpsertResult{}, err
		}
		b.failed = err
		return graph.UpsertResult{}, b.s.wrap(ctx, "writing a batch", err)
	}
	if limit := cmp.Or(b.s.bulkGroup, bulkGroupBatches); b.group.batches >= limit || b.group.rows() >= bulkGroupRows {
		if err := b.group.write(ctx, b); err != nil {
			// Part of the group may be written: nothing of this bulk
			// load can be committed now.
			b.failed = err
			return graph.UpsertResult{}, b.s.wrap(ctx, "writing a batch", err)
		}
	}
	return res, nil
}

// take checks a normalized batch against the store and the group, as
// Upsert checks it against the store, and takes it into the group.
func (b *bulkLoad) take(ctx context.Context, batch graph.Batch) (graph.UpsertResult, error) {
	var err error
	if b.merged {
		if batch, err = followReview(ctx, b.tx, batch); err != nil {
			return graph.UpsertResult{}, err
		}
	}
	if err := b.group.readImages(ctx, b, batch); err != nil {
		return graph.UpsertResult{}, err
	}
	// A node a person changed keeps its kind (followReview, from the
	// images when there are no merges to follow).
	for i, n := range batch.Nodes {
		if im := b.group.nodes[n.ID]; im.edited {
			batch.Nodes[i].Kind = im.kind
		}
	}
	if err := graph.CheckBatch(ctx, batch, bulkLookup{txLookup{b.tx}, b}); err != nil {
		return graph.UpsertResult{}, err
	}
	res, err := b.group.take(ctx, b, batch)
	if err != nil {
		return graph.UpsertResult{}, err
	}
	for _, n := range batch.Nodes {
		b.kinds[n.ID] = n.Kind
	}
	return res, nil
}

// Commit implements graph.BulkLoad.
func (b *bulkLoad) Commit(ctx context.Context, progress func(string)) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return graph.Invalidf("the bulk load is over")
	}
	if b.failed != nil {
		b.rollbackLocked()
		return fmt.Errorf("the bulk load failed, nothing of it is stored: %w", b.failed)
	}
	say := func(format string, args ...any) {
		if progress != nil {
			progress(fmt.Sprintf(format, args...))
		}
	}
	if err := b.group.write(ctx, b); err != nil {
		b.rollbackLocked()
		return b.s.wrap(ctx, "finishing a bulk load", err)
	}
	step := func(what, q string, args ...any) error {
		t0 := time.Now()
		if b.s.faultHook != nil {
			if err := b.s.faultHook(); err != nil {
				return err
			}
		}
		if _, err := b.tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		say("%s in %.1f s", what, time.Since(t0).Seconds())
		return nil
	}
	err := step("indexed the new evidence quotes for search",
		`INSERT INTO evidence_fts(rowid, quote) SELECT eid, quote FROM evidence WHERE eid > ? ORDER BY eid`, b.evBefore)
	for _, ix := range b.indexes {
		if err != nil {
			break
		}
		err = step("built the index "+ix[0], ix[1])
	}
	if len(b.triggers) > 0 && err == nil {
		if err = step("emptied the claim tally", `DELETE FROM claim_tally`); err == nil {
			err = step("counted the claims into the claim tally", tallyFill())
		}
		for _, tr := range b.triggers {
			if err != nil {
				break
			}
			_, err = b.tx.ExecContext(ctx, tr[1])
		}
	}
	if err == nil {
		t0 := time.Now()
		if err = b.tx.Commit(); err == nil {
			say("committed in %.1f s", time.Since(t0).Seconds())
		}
	}
	if err != nil {
		b.rollbackLocked()
		return b.s.wrap(ctx, "finishing a bulk load", err)
	}
	b.done = true
	// The transaction's pages sit in the WAL; copy them into the file now,
	// so that the WAL does not stay as large as the load. Readers that
	// still hold old snapshots make this a partial copy, which is harmless.
	t0 := time.Now()
	if _, err := b.conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err == nil {
		say("copied the write-ahead log into the database in %.1f s", time.Since(t0).Seconds())
	}
	b.release()
	return nil
}

// Rollback implements graph.BulkLoad.
func (b *bulkLoad) Rollback() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return nil
	}
	return b.rollbackLocked()
}

func (b *bulkLoad) rollbackLocked() error {
	b.done = true
	var err error
	if b.tx != nil {
		err = b.tx.Rollback()
		if errors.Is(err, sql.ErrTxDone) {
			err = nil
		}
	}
	b.release()
	return err
}

// release gives the write connection back with its ordinary settings.
func (b *bulkLoad) release() {
	if b.conn == nil {
		return
	}
	for _, p := range b.restorePre {
		b.conn.ExecContext(context.Background(), p)
	}
	b.conn.Close()
	b.conn = nil
}

// bulkKnown remembers the claims a bulk load wrote, by the 12 bytes of
// their hashed ids, with their row keys, which the bulk load gives them
// itself (one above the largest, as SQLite would). When the store held no
// claims and no evidence as the bulk load began, a claim id it has not
// written cannot be stored, so the writer skips looking it up: most ids of
// a large load are new, and each lookup is a search of an index too large
// for the cache. Evidence for a claim it wrote is stored with the claim's
// key without a lookup by id either. A nil *bulkKnown, or one for a store
// that held claims, rules nothing out.
type bulkKnown struct {
	fresh   bool
	rids    map[claimKey]int64
	nextRid int64
	// nids are the row ids of nodes the bulk load wrote or read, so that
	// a new claim is written with its ends' row ids instead of two
	// lookups by text id each.
	nids map[string]int64
}

// claimKey is a claim id's hash: "claim:" and 24 hex digits are 12 bytes.
type claimKey [12]byte

// claimKeyOf returns the hash bytes of a claim id, and false for an id not
// of that form (which is then never ruled out).
func claimKeyOf(id string) (claimKey, bool) {
	var k claimKey
	h, ok := strings.CutPrefix(id, "claim:")
	if !ok || len(h) != 2*len(k) {
		return k, false
	}
	if _, err := hex.Decode(k[:], []byte(h)); err != nil {
		return k, false
	}
	return k, true
}

// insertRels writes new claims, rows as batchWriter.writeRels makes them.
func (k *bulkKnown) insertRels(ctx context.Context, w *batchWriter, rows [][]any) error {
	var missing []string
	for _, r := range rows {
		for _, end := range []string{r[2].(string), r[3].(string)} {
			if _, ok := k.nids[end]; !ok {
				missing = append(missing, end)
			}
		}
	}
	if len(missing) > 0 {
		err := queryEach(ctx, w.tx, `SELECT id, nid FROM nodes WHERE id IN (SELECT value FROM json_each(?))`, []any{jsonArray(missing)},
			func(rs *sql.Rows) error {
				var id string
				var nid int64
				err := rs.Scan(&id, &nid)
				k.nids[id] = nid
				return err
			})
		if err != nil {
			return err
		}
	}
	// The rows go in as JSON like Upsert's (the driver prepares a
	// statement again on every execution, so a statement per row costs a
	// parse each: slower than taking one JSON array apart), with the ends'
	// row ids in place of their ids and the claim's own row key last.
	withNids := make([][]any, len(rows))
	rids := make([]int64, len(rows))
	for i, r := range rows {
		src, ok1 := k.nids[r[2].(string)]
		dst, ok2 := k.nids[r[3].(string)]
		if !ok1 || !ok2 {
			return fmt.Errorf("claim %s: an end is not stored", r[0])
		}
		row := slices.Clone(r)
		row[2], row[3] = src, dst
		rids[i] = k.nextRid + int64(i)
		withNids[i] = append(row, rids[i])
	}
	if _, err := w.insertValues(ctx, `INSERT OR FAIL INTO rels(id, type, src, dst, method, confidence, modality, date, published, props,
			status, reviewed_by, reviewed_at, review_note, rid) VALUES `, "", "", withNids); err != nil {
		return err
	}
	k.nextRid += int64(len(rows))
	for i, r := range rows {
		if key, ok := claimKeyOf(r[0].(string)); ok {
			k.rids[key] = rids[i]
		}
	}
	return nil
}

// mayHoldRel says whether claim id may be stored: false only for a bulk
// load into a store that held no claims, for an id it has not written.
func (k *bulkKnown) mayHoldRel(id string) bool {
	if k == nil || !k.fresh {
		return true
	}
	key, ok := claimKeyOf(id)
	if !ok {
		return true
	}
	_, ok = k.rids[key]
	return ok
}

// storedRids returns, as a JSON array, the row keys of the claims ids
// that this bulk load wrote, when it is one that drops the index of claim
// ids (into a store that held no claims: every stored claim is one it
// wrote); false otherwise.
func (k *bulkKnown) storedRids(ids []string) (string, bool) {
	if k == nil || !k.fresh {
		return "", false
	}
	keys := make([]int64, 0, len(ids))
	for _, id := range ids {
		if key, ok := claimKeyOf(id); ok {
			if rid, ok := k.rids[key]; ok {
				keys = append(keys, rid)
			}
		}
	}
	b, _ := json.Marshal(keys)
	return string(b), true
}

// subjectKey is the evidence key of subject when the bulk load knows it
// without a lookup (a claim it wrote, a node whose row id it read), else 0.
func (k *bulkKnown) subjectKey(subject string) int64 {
	if k == nil {
		return 0
	}
	if key, ok := claimKeyOf(subject); ok {
		return k.rids[key]
	}
	if nid, ok := k.nids[subject]; ok {
		return -nid
	}
	return 0
}

// bulkLookup answers graph.CheckBatch inside a bulk load: node kinds from
// what the bulk load already read or wrote, claims through bulkKnown.
type bulkLookup struct {
	txLookup
	b *bulkLoad
}

func (l bulkLookup) StoredNodeKinds(ctx context.Context, ids []string) (map[string]graph.NodeKind, error) {
	out := map[string]graph.NodeKind{}
	var missing []string
	for _, id := range ids {
		if k, ok := l.b.kinds[id]; ok {
			out[id] = k
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	got, err := l.txLookup.StoredNodeKinds(ctx, missing)
	if err != nil {
		return nil, err
	}
	for id, k := range got {
		out[id] = k
		l.b.kinds[id] = k
	}
	return out, nil
}

func (l bulkLookup) StoredRelationships(ctx context.Context, ids []string) (map[string]bool, error) {
	return groupThenFile(ctx, ids, func(id string) (bool, bool) { return true, l.b.group.hasRel(id) }, l.storedRels)
}

// StoredDocumentTexts answers from the group for documents it took new.
func (l bulkLookup) StoredDocumentTexts(ctx context.Context, ids []string) (map[string]string, error) {
	return groupThenFile(ctx, ids, l.b.group.newDocText, l.txLookup.StoredDocumentTexts)
}

// groupThenFile answers a lookup of ids from the group where it can, and
// asks the file for the rest.
func groupThenFile[V any](ctx context.Context, ids []string, group func(string) (V, bool), file func(context.Context, []string) (map[string]V, error)) (map[string]V, error) {
	out := map[string]V{}
	var rest []string
	for _, id := range ids {
		if v, ok := group(id); ok {
			out[id] = v
		} else {
			rest = append(rest, id)
		}
	}
	if len(rest) == 0 {
		return out, nil
	}
	got, err := file(ctx, rest)
	maps.Copy(out, got)
	return out, err
}

// storedRels are the claims of ids the file holds.
func (l bulkLookup) storedRels(ctx context.Context, ids []string) (map[string]bool, error) {
	if k := l.b.known; k.fresh {
		// Every stored claim is one this bulk load wrote (and the index
		// of ids is not there to ask).
		out := map[string]bool{}
		for _, id := range ids {
			if k.mayHoldRel(id) {
				out[id] = true
			}
		}
		return out, nil
	}
	var maybe []string
	for _, id := range ids {
		if l.b.known.mayHoldRel(id) {
			maybe = append(maybe, id)
		}
	}
	if len(maybe) == 0 {
		return map[string]bool{}, nil
	}
	return l.txLookup.StoredRelationships(ctx, maybe)
}

// SubjectsWithEvidence answers from the group, then looks claims up by
// the row keys the bulk load gave them when the index of ids is not there.
func (l bulkLookup) SubjectsWithEvidence(ctx context.Context, ids []string) (map[string]bool, error) {
	return groupThenFile(ctx, ids, func(id string) (bool, bool) { return true, l.b.group.evSubj[id] }, l.subjectsWithEvidence)
}

// subjectsWithEvidence are the subjects of ids the file holds evidence for.
func (l bulkLookup) subjectsWithEvidence(ctx context.Context, ids []string) (map[string]bool, error) {
	k := l.b.known
	if !k.fresh {
		return l.txLookup.SubjectsWithEvidence(ctx, ids)
	}
	var claims, nodes []string
	for _, id := range ids {
		if _, ok := claimKeyOf(id); ok {
			claims = append(claims, id)
		} else {
			nodes = append(nodes, id)
		}
	}
	out := map[string]bool{}
	if len(nodes) > 0 {
		got, err := l.existing(ctx, `SELECT n.id FROM nodes n WHERE n.id IN (SELECT value FROM json_each(?1)) AND EXISTS (SELECT 1 FROM evidence WHERE subject = -n.nid)`, nodes)
		if err != nil {
			return nil, err
		}
		maps.Copy(out, got)
	}
	for _, id := range claims {
		key := k.subjectKey(id)
		if key == 0 {
			continue
		}
		var has bool
		if err := l.tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM evidence WHERE subject = ?)`, key).Scan(&has); err != nil {
			return nil, err
		}
		if has {
			out[id] = true
		}
	}
	return out, nil
}
