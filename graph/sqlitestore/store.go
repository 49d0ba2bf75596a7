// Package sqlitestore is the embedded default graph.Store: the whole graph in
// one SQLite file, through the pure-Go driver modernc.org/sqlite, so the binary
// needs no C toolchain and no server.
//
// Layout: nodes and claims have integer row ids, and claims point at nodes by
// those integers, with one index per traversal direction (src, type) and
// (dst, type). Traversals (Neighborhood, Paths) walk an in-memory copy of
// the claims' structure (adjacency.go), checked against the file before
// every traversal, because another process (`actorgraph load`) may write the
// file while a server reads it; while that copy is being built they run as
// breadth-first expansions where each layer is one indexed query over the
// whole frontier (passed as a JSON array), with the same answers. The rows a
// traversal returns are read from the file or a row cache kept valid the
// same way (rowcache.go). The first design had no in-memory copy, for fear
// of it going stale; a counter kept by triggers (schema v2) made it safe,
// and at 100k nodes it made shortest paths a hundred times faster.
// Full-text search uses two FTS5 tables, one over node names, aliases and
// text, one over evidence quotes, both ranked with BM25.
//
// Concurrency: one write connection (transactions begin IMMEDIATE, so two
// writers queue on the busy timeout instead of failing to upgrade a read
// lock) and a small pool of read connections; WAL lets reads proceed during
// writes.
package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// applicationID marks a SQLite file as an actorgraph database
// (PRAGMA application_id); it spells "AGRF".
const applicationID = 0x41475246

// busyTimeoutMS is how long a connection waits for a lock before SQLite
// reports "database is locked". Long enough to outlast one document's write
// transaction by far.
const busyTimeoutMS = 15000

// Store is the SQLite implementation of graph.Store.
type Store struct {
	path  string
	write *sql.DB // exactly one connection: SQLite has one writer anyway
	read  *sql.DB
	// faultHook, set only by tests, runs before every write statement of
	// Upsert and may fail it.
	faultHook func() error
	// bulkGroup, set only by tests, is the batches a bulk load merges per
	// write when positive (bulkGroupBatches otherwise).
	bulkGroup int
	// adj is the in-memory adjacency traversals walk (adjacency.go).
	adj adjCache
	// rows holds rows traversals returned lately (rowcache.go).
	rows *rowCache
	// mem holds every row traversals may return, compactly (memrows.go).
	mem memRowsCache
}

var _ graph.Store = (*Store)(nil)

// Open opens (creating if needed) the actorgraph database at path and brings
// its schema up to date. A file that is not an SQLite database, an SQLite
// database of another application, a database from a newer actorgraph or a
// corrupted file gives an error naming the file.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, nil)
}

// open is Open with a faultHook (tests), which also runs before every
// statement of a migration.
func open(ctx context.Context, path string, faultHook func() error) (*Store, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	// SQLite reports a missing folder as "out of memory (14)".
	if dir := filepath.Dir(path); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("open %s: the folder %s does not exist; create it first", strconv.Quote(path), strconv.Quote(dir))
		}
	}
	params := url.Values{}
	params.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	params.Add("_pragma", "foreign_keys(1)")
	params.Add("_pragma", "synchronous(NORMAL)")
	params.Add("_pragma", "cache_size(-65536)")
	base := "file:" + (&url.URL{Path: path}).EscapedPath()

	wparams := url.Values{}
	for k, v := range params {
		wparams[k] = v
	}
	wparams.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", base+"?"+wparams.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)

	s := &Store{path: path, write: w, rows: newRowCache(), faultHook: faultHook}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}

	params.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", base+"?"+params.Encode())
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	n := max(2, runtime.GOMAXPROCS(0)*2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.read = r
	s.adj.ctx, s.adj.cancel = context.WithCancel(context.Background())
	return s, nil
}

// OpenReadOnly opens an existing database for reading only: no write
// connection, no migration, no WAL switch, nothing created beside it. It is
// for commands that never write (stats, export, serve --read-only), so that
// they work on a file, or in a folder, the user may not write. SQLite's
// read-only mode still needs to create the WAL's shared-memory file beside
// the database; where the folder refuses that, the file is opened as
// immutable (SQLite then reads it without any locking, which is right
// because nobody can write there either).
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	open := func(immutable bool) (*sql.DB, error) {
		params := url.Values{}
		params.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
		params.Add("_pragma", "cache_size(-65536)")
		params.Add("_pragma", "query_only(1)")
		params.Set("mode", "ro")
		if immutable {
			params.Set("immutable", "1")
		}
		r, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+params.Encode())
		if err != nil {
			return nil, err
		}
		var appID, version int
		if err := r.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
			r.Close()
			return nil, err
		}
		if err := r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			r.Close()
			return nil, err
		}
		switch {
		case appID != applicationID:
			r.Close()
			return nil, fmt.Errorf("not an actorgraph database (or an empty one)")
		case version != schemaVersion():
			r.Close()
			return nil, fmt.Errorf("the database is at schema v%d and this build reads v%d: open it once with a command that writes (actorgraph check) to upgrade it", version, schemaVersion())
		}
		return r, nil
	}
	r, err := open(false)
	if err != nil && !strings.HasPrefix(err.Error(), "the database is at") && !strings.HasPrefix(err.Error(), "not an actorgraph") {
		r, err = open(true)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s read-only: %w", path, err)
	}
	n := max(2, runtime.GOMAXPROCS(0)*2)
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s := &Store{path: path, read: r, rows: newRowCache()}
	s.adj.ctx, s.adj.cancel = context.WithCancel(context.Background())
	return s, nil
}

// Path returns the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes both connection pools.
func (s *Store) Close() error {
	var errs []error
	if s.adj.cancel != nil {
		s.adj.cancel() // stops a background build
		s.adj.wg.Wait()
	}
	if s.read != nil {
		errs = append(errs, s.read.Close())
	}
	if s.write != nil {
		errs = append(errs, s.write.Close())
	}
	return errors.Join(errs...)
}

// checkHeader refuses, before SQLite sees it, a non-empty file that does not
// start with SQLite's magic string, so a typo in --db cannot turn someone's
// document into an error message from deep inside the driver.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("open %s: is a directory, not an actorgraph database file", path)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("open %s: not an actorgraph database (the file is not an SQLite database)", path)
	}
	return nil
}

// wrap turns a driver error into a graph error that names the file, and
// passes graph errors and context errors through.
func (s *Store) wrap(ctx context.Context, doing string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		// The driver reports an interrupted statement in its own words; the
		// caller wants to know it was its context.
		return fmt.Errorf("%s: %w", doing, ctx.Err())
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", doing, err)
	}
	return graph.Internal(fmt.Sprintf("%s in %s", doing, s.path), err)
}
