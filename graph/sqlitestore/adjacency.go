package sqlitestore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// The in-memory adjacency.
//
// Traversals (Neighborhood, Paths) walk an in-memory copy of the claims'
// structure: for every node, the claims out of it and into it, each with the
// node at the other end and its type, plus every claim's confidence and
// effective date for the filters. Walking it costs a few nanoseconds an edge
// where an indexed SQLite lookup costs microseconds; at a million nodes that
// is the difference between a path question answered in milliseconds and one
// answered in a second. Only the structure is held (about 40 bytes a claim);
// names, properties and evidence are read from the file for the few nodes
// and claims a traversal returns.
//
// Another process (`actorgraph load`) may write the file while a server
// reads it, so the copy is checked against the file before every traversal
// with one small query: the highest node and claim row ids, and the
// graph_meta.rewrites counter that triggers raise when a claim is deleted or
// its confidence or dates change, or a node is deleted (schema v2). Row ids
// only grow while nothing is deleted, so new rows are read incrementally
// (rows above the highest ids seen); a rewrite rebuilds the copy. A small
// graph is built (or rebuilt) inside the traversal that finds it stale; a
// large one in the background while traversals answer from SQLite through
// the indexed queries (expandSQL), which give the same answers, only slower.
// Building the copy of 10M claims takes tens of seconds; Prepare builds it
// eagerly and says how long it took (`actorgraph serve` calls it at start).

// adjSyncLimit is the largest number of claims built or read incrementally
// inside a traversal; more goes to the background.
const adjSyncLimit = 200_000

// adjEdge is one claim seen from one of its ends.
type adjEdge struct {
	other int32 // the node at the other end (row id)
	rid   int32 // the claim's row id
	typ   uint8 // relationship type code (relTypeCodes)
}

// adjClaim holds the fields filters look at, by claim row id.
type adjClaim struct {
	confidence float64
	date       uint32 // index into adjacency.dates
	live       bool
	status     uint8 // review status code (statusCodes)
}

// statusCodes number the review statuses for the copy; 0 is unreviewed.
var statusCodes = map[string]uint8{string(graph.Unreviewed): 0, string(graph.Confirmed): 1, string(graph.Rejected): 2, string(graph.Corrected): 3}

// adjacency is one consistent copy; it is changed only under adjCache.mu.
type adjacency struct {
	rewrites, maxRID, maxNID int64
	kind                     []uint8     // by node row id; 0 = no node
	out, in                  [][]adjEdge // by node row id, in index order (type, other, claim)
	claims                   []adjClaim  // by claim row id
	dates                    []string    // distinct effective dates
	dateIdx                  map[string]uint32
	hidden                   int // claims hidden by review (rejected, corrected)
}

// Codes for types and kinds, numbered in byte order of their names so that
// sorting by code sorts as SQLite's indexes do.
var (
	relTypeCodes, nodeKindCodes = codesOf(graph.RelTypes()), codesOf(graph.NodeKinds())
	relTypeNames                = namesOf(relTypeCodes)
)

func codesOf[T ~string](vals []T) map[string]uint8 {
	names := make([]string, len(vals))
	for i, v := range vals {
		names[i] = string(v)
	}
	sort.Strings(names)
	out := map[string]uint8{}
	for i, n := range names {
		out[n] = uint8(i + 1)
	}
	return out
}

func namesOf(codes map[string]uint8) []string {
	out := make([]string, len(codes)+1)
	for n, c := range codes {
		out[c] = n
	}
	return out
}

// adjCache owns the current copy.
type adjCache struct {
	mu       sync.RWMutex
	a        *adjacency
	building bool
	// disabled is set when the file holds something the copy cannot
	// represent (row ids beyond 32 bits); traversals then stay on SQLite.
	disabled error
	wg       sync.WaitGroup
	ctx      context.Context
	cancel   context.CancelFunc
	done     chan struct{} // closed when the running background build ends
	lastErr  error         // of the last background build
	// logf, when set, reports background builds.
	logf func(format string, args ...any)
	// syncLimit overrides adjSyncLimit (tests).
	syncLimit int64
}

// fileState is what the copy is checked against.
type fileState struct{ rewrites, edits, maxRID, maxNID int64 }

const fileStateSQL = `SELECT rewrites, edits, (SELECT ifnull(max(rid), 0) FROM rels), (SELECT ifnull(max(nid), 0) FROM nodes) FROM graph_meta`

// covers reports whether a copy may answer for the file in state f: nothing
// was rewritten since it was read and it holds every row. (A copy read from
// a later state than f also answers: it is only fresher.)
func (a *adjacency) covers(f fileState) bool {
	return a != nil && a.rewrites == f.rewrites && a.maxRID >= f.maxRID && a.maxNID >= f.maxNID
}

// adjacency returns the state of the file, the current copy, read-locked,
// and the function that unlocks it; the copy is nil (and the function a
// no-op) when traversals must use SQLite this time.
func (s *Store) adjacency(ctx context.Context) (fileState, *adjacency, func(), error) {
	c := &s.adj
	var f fileState
	if err := s.read.QueryRowContext(ctx, fileStateSQL).Scan(&f.rewrites, &f.edits, &f.maxRID, &f.maxNID); err != nil {
		return f, nil, func() {}, err
	}
	c.mu.RLock()
	if c.disabled != nil {
		c.mu.RUnlock()
		return f, nil, func() {}, nil
	}
	if c.a.covers(f) {
		return f, c.a, c.mu.RUnlock, nil
	}
	c.mu.RUnlock()
	if err := s.refreshAdjacency(ctx, f); err != nil {
		return f, nil, func() {}, err
	}
	c.mu.RLock()
	if c.a.covers(f) {
		return f, c.a, c.mu.RUnlock, nil
	}
	c.mu.RUnlock()
	return f, nil, func() {}, nil
}

// refreshAdjacency brings the copy up to at least state f: incrementally or
// by a rebuild when that is small enough, else by starting a background
// build and returning at once.
func (s *Store) refreshAdjacency(ctx context.Context, f fileState) error {
	c := &s.adj
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.disabled != nil || c.a.covers(f) {
		return nil
	}
	a := c.a
	limit := c.syncLimit
	if limit == 0 {
		limit = adjSyncLimit
	}
	incremental := a != nil && a.rewrites == f.rewrites && f.maxRID-a.maxRID <= limit
	if !incremental && f.maxRID > limit {
		s.startBuildLocked()
		return nil
	}
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		if incremental {
			return a.readSince(ctx, tx)
		}
		fresh, err := buildAdjacency(ctx, tx)
		if err == nil && fresh.newerThan(c.a) {
			c.a = fresh
		}
		return err
	})
	if errors.Is(err, errAdjTooLarge) {
		c.disabled, c.a = err, nil
		return nil
	}
	if err != nil && incremental {
		c.a = nil // half applied: rebuild next time
	}
	return err
}

// Prepare builds the in-memory adjacency and the compact rows now and waits
// for them (the adjacency is otherwise built by the first traversal, in the
// background for a large graph; the rows are not held until then), so the
// first questions are as fast as the rest. Traversals go on,
// from SQLite, while it builds. It reports the claims held and the time
// taken; zero claims when the file cannot be held (row ids beyond 32 bits).
func (s *Store) Prepare(ctx context.Context) (claims int, took time.Duration, err error) {
	start := time.Now()
	c := &s.adj
	c.mu.Lock()
	done := s.startBuildLocked()
	c.mu.Unlock()
	select {
	case <-done:
	case <-ctx.Done():
		return 0, time.Since(start), ctx.Err()
	}
	// Then the compact rows (memrows.go), so that what the first
	// traversals return comes from memory too.
	if done := s.startMemRows(true); done != nil {
		select {
		case <-done:
		case <-ctx.Done():
			return 0, time.Since(start), ctx.Err()
		}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.lastErr != nil {
		return 0, time.Since(start), s.wrap(ctx, "building the adjacency", c.lastErr)
	}
	if c.a == nil {
		return 0, time.Since(start), nil
	}
	return c.a.count(), time.Since(start), nil
}

func (a *adjacency) count() int {
	n := 0
	for _, c := range a.claims {
		if c.live {
			n++
		}
	}
	return n
}

// newerThan reports whether a was read from a later state of the file than
// b (or b is nil).
func (a *adjacency) newerThan(b *adjacency) bool {
	return b == nil || a.rewrites > b.rewrites || a.rewrites == b.rewrites && a.maxRID >= b.maxRID && a.maxNID >= b.maxNID
}

// startBuildLocked starts a background build unless one runs, and returns
// a channel closed when the running build ends.
func (s *Store) startBuildLocked() <-chan struct{} {
	c := &s.adj
	if c.building {
		return c.done
	}
	done := make(chan struct{})
	if c.ctx == nil || c.ctx.Err() != nil {
		close(done)
		return done
	}
	c.building, c.done = true, done
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer close(done)
		start := time.Now()
		var fresh *adjacency
		err := s.inReadTx(c.ctx, func(tx *sql.Tx) error {
			var err error
			fresh, err = buildAdjacency(c.ctx, tx)
			return err
		})
		c.mu.Lock()
		defer c.mu.Unlock()
		c.building, c.lastErr = false, nil
		switch {
		case errors.Is(err, errAdjTooLarge):
			c.disabled, c.a = err, nil
		case err != nil:
			c.lastErr = err
			if c.logf != nil && c.ctx.Err() == nil {
				c.logf("adjacency: background build failed (traversals use SQLite): %v", err)
			}
		case fresh.newerThan(c.a):
			c.a = fresh
			if c.logf != nil {
				c.logf("adjacency: %d claims in memory after %v", fresh.count(), time.Since(start).Round(time.Millisecond))
			}
		}
	}()
	return done
}

// inReadTx runs fn in one read transaction, so everything it reads comes
// from one snapshot of the file.
func (s *Store) inReadTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

var errAdjTooLarge = errors.New("row ids beyond 32 bits: traversals use SQLite")

// buildAdjacency reads the whole structure in one snapshot.
func buildAdjacency(ctx context.Context, tx *sql.Tx) (*adjacency, error) {
	a := &adjacency{dateIdx: map[string]uint32{}}
	var f fileState
	if err := tx.QueryRowContext(ctx, fileStateSQL).Scan(&f.rewrites, &f.edits, &f.maxRID, &f.maxNID); err != nil {
		return nil, err
	}
	a.rewrites = f.rewrites
	if err := a.readSince(ctx, tx); err != nil {
		return nil, err
	}
	return a, nil
}

// readSince adds the nodes and claims above the highest row ids the copy
// has, and re-sorts the lists they joined.
func (a *adjacency) readSince(ctx context.Context, tx *sql.Tx) error {
	err := queryEach(ctx, tx, `SELECT nid, kind FROM nodes WHERE nid > ? ORDER BY nid`, []any{a.maxNID}, func(rows *sql.Rows) error {
		var nid int64
		var kind sql.RawBytes
		if err := rows.Scan(&nid, &kind); err != nil {
			return err
		}
		if nid > math.MaxInt32 {
			return errAdjTooLarge
		}
		a.growNodes(nid)
		a.kind[nid] = nodeKindCodes[string(kind)]
		a.maxNID = nid
		return nil
	})
	if err != nil {
		return err
	}
	touched := map[int32]bool{}
	err = queryEach(ctx, tx, `SELECT rid, type, src, dst, confidence, eff_date, status FROM rels WHERE rid > ? ORDER BY rid`, []any{a.maxRID}, func(rows *sql.Rows) error {
		var rid, src, dst int64
		var conf float64
		var typ, date, status sql.RawBytes
		if err := rows.Scan(&rid, &typ, &src, &dst, &conf, &date, &status); err != nil {
			return err
		}
		if rid > math.MaxInt32 {
			return errAdjTooLarge
		}
		if src > a.maxNID || dst > a.maxNID {
			return fmt.Errorf("claim %d points at node %d or %d, beyond the nodes read", rid, src, dst)
		}
		for int64(len(a.claims)) <= rid {
			a.claims = append(a.claims, adjClaim{})
		}
		di, ok := a.dateIdx[string(date)]
		if !ok {
			di = uint32(len(a.dates))
			a.dates = append(a.dates, string(date))
			a.dateIdx[string(date)] = di
		}
		st := statusCodes[string(status)]
		a.claims[rid] = adjClaim{confidence: conf, date: di, live: true, status: st}
		if !graph.ReviewStatus(status).Visible() {
			a.hidden++
		}
		t := relTypeCodes[string(typ)]
		a.out[src] = append(a.out[src], adjEdge{other: int32(dst), rid: int32(rid), typ: t})
		a.in[dst] = append(a.in[dst], adjEdge{other: int32(src), rid: int32(rid), typ: t})
		touched[int32(src)], touched[int32(dst)] = true, true
		a.maxRID = rid
		return nil
	})
	if err != nil {
		return err
	}
	for n := range touched {
		slices.SortFunc(a.out[n], edgeOrder)
		slices.SortFunc(a.in[n], edgeOrder)
	}
	return nil
}

func (a *adjacency) growNodes(nid int64) {
	for int64(len(a.kind)) <= nid {
		a.kind = append(a.kind, 0)
		a.out = append(a.out, nil)
		a.in = append(a.in, nil)
	}
}

// edgeOrder is the order of the rels_out and rels_in indexes: type, the
// other end, then row id.
func edgeOrder(x, y adjEdge) int {
	if c := cmp.Compare(x.typ, y.typ); c != 0 {
		return c
	}
	if c := cmp.Compare(x.other, y.other); c != 0 {
		return c
	}
	return cmp.Compare(x.rid, y.rid)
}

// adjFilter is a graph.Filter (and allowed kinds) compiled for one copy.
type adjFilter struct {
	a        *adjacency
	types    [64]bool // by type code; all true when not filtering
	minConf  float64
	dateOK   []bool // by date index; nil when not filtering by date
	kinds    [64]bool
	anyKind  bool
	statusOK [4]bool // by status code
	anyClaim bool    // no claim-level condition beyond the type
}

func (a *adjacency) compile(f graph.Filter, kinds []graph.NodeKind) *adjFilter {
	cf := &adjFilter{a: a, minConf: f.MinConfidence, anyKind: len(kinds) == 0}
	for c := range cf.types {
		cf.types[c] = len(f.Types) == 0
	}
	for _, t := range f.Types {
		cf.types[relTypeCodes[string(t)]] = true
	}
	for _, k := range kinds {
		cf.kinds[nodeKindCodes[string(k)]] = true
	}
	if f.Since != "" || f.Until != "" {
		cf.dateOK = make([]bool, len(a.dates))
		for i, d := range a.dates {
			cf.dateOK[i] = graph.DateInRange(d, f.Since, f.Until)
		}
	}
	allStatuses := true
	for name, c := range statusCodes {
		cf.statusOK[c] = f.StatusPasses(graph.ReviewStatus(name))
		allStatuses = allStatuses && cf.statusOK[c]
	}
	// With no hidden claim in the copy the default filter passes them all.
	cf.anyClaim = f.MinConfidence <= 0 && cf.dateOK == nil && (allStatuses || len(f.Statuses) == 0 && a.hidden == 0)
	return cf
}

// passes reports whether the claim of e passes the filter and leads to a
// node of an allowed kind.
func (cf *adjFilter) passes(e adjEdge) bool {
	if !cf.types[e.typ] {
		return false
	}
	if !cf.anyKind && !cf.kinds[cf.a.kind[e.other]] {
		return false
	}
	if cf.anyClaim {
		return true
	}
	c := &cf.a.claims[e.rid]
	if !cf.statusOK[c.status] {
		return false
	}
	if c.confidence < cf.minConf {
		return false
	}
	return cf.dateOK == nil || cf.dateOK[c.date]
}

// expand is expandSQL answered from the copy: the same steps, in the same
// order. With perNode > 0 each direction of each anchor takes the first
// perNode+1 passing claims in index order, as the SQL's LIMITed subquery
// reads them off rels_out and rels_in.
func (a *adjacency) expand(frontier []int64, f graph.Filter, kinds []graph.NodeKind, perNode int) []step {
	cf := a.compile(f, kinds)
	var out []step
	for _, n := range frontier {
		if n <= 0 || n >= int64(len(a.kind)) {
			continue
		}
		for _, list := range [2][]adjEdge{a.out[n], a.in[n]} {
			taken := 0
			for _, e := range list {
				if perNode > 0 && taken > perNode {
					break
				}
				if !cf.passes(e) {
					continue
				}
				taken++
				out = append(out, step{rid: int64(e.rid), anchor: n, other: int64(e.other), confidence: a.claims[e.rid].confidence})
			}
		}
	}
	rankSteps(out)
	return out
}
