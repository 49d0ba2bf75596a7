package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Compact rows: what traversals return, for every node and claim, in
// memory.
//
// The adjacency (adjacency.go) makes the walk itself cost nanoseconds an
// edge; what a neighbourhood then returns (a few hundred nodes and claims)
// was read from the file, microseconds a row, and at a million nodes that
// was most of a 2-hop question's time: uniformly drawn questions share few
// rows, so the row cache (rowcache.go) seldom had them. memRows holds every
// row in a compact form (a claim's id as its 12 hash bytes, its strings as
// indexes into one table of distinct strings: about 60 bytes a claim and
// 100 a node) and decodes the few a traversal returns.
//
// It is a copy of one state of the file: valid for one value of
// graph_meta.edits (which triggers raise on every change to a stored node
// or claim, schema v2) and for the rows up to the highest row ids it read.
// Rows added later are read from the file as before; a change makes the
// whole copy unusable until a background rebuild replaces it, and until
// then traversals read rows from the file, with the same answers.
type memRows struct {
	edits, maxNID, maxRID int64
	strs                  []string
	reviews               []memReview // distinct review fields, indexed by memRel.review
	nodes                 []memNode   // by node row id
	rels                  []memRel    // by claim row id
	oddIDs                map[int32]string
}

type memReview struct {
	review  graph.Review
	version int
}

type memNode struct {
	id, name               string
	kind                   uint8 // nodeKindCodes; 0 with id "": no node
	aliases, props, source uint32
}

type memRel struct {
	hash       [12]byte // the claim id's hash ("claim:" + hex); odd ids in oddIDs
	typ        uint8
	live, odd  bool
	src, dst   int32
	confidence float64
	// Indexes into strs, and review into reviews.
	method, modality, date, published, props, review uint32
}

var nodeKindNames = namesOf(nodeKindCodes)

// memRowsBuilder interns strings while a copy is read.
type memRowsBuilder struct {
	m         *memRows
	idx       map[string]uint32
	reviewIdx map[memReview]uint32
}

func (b *memRowsBuilder) intern(s []byte) uint32 {
	if i, ok := b.idx[string(s)]; ok {
		return i
	}
	i := uint32(len(b.m.strs))
	str := string(s)
	b.m.strs = append(b.m.strs, str)
	b.idx[str] = i
	return i
}

// buildMemRows reads every node and claim in one snapshot.
func buildMemRows(ctx context.Context, tx *sql.Tx) (*memRows, error) {
	m := &memRows{oddIDs: map[int32]string{}}
	var rewrites int64
	if err := tx.QueryRowContext(ctx, fileStateSQL).Scan(&rewrites, &m.edits, &m.maxRID, &m.maxNID); err != nil {
		return nil, err
	}
	if m.maxRID > 1<<31-1 || m.maxNID > 1<<31-1 {
		return nil, errAdjTooLarge
	}
	b := &memRowsBuilder{m: m, idx: map[string]uint32{}, reviewIdx: map[memReview]uint32{}}
	m.nodes = make([]memNode, m.maxNID+1)
	err := queryEach(ctx, tx, `SELECT nid, id, kind, name, aliases, props, source FROM nodes WHERE nid <= ?`, []any{m.maxNID}, func(rows *sql.Rows) error {
		var nid int64
		var id, name string
		var kind, aliases, props, source sql.RawBytes
		if err := rows.Scan(&nid, &id, &kind, &name, &aliases, &props, &source); err != nil {
			return err
		}
		m.nodes[nid] = memNode{id: id, name: name, kind: nodeKindCodes[string(kind)], aliases: b.intern(aliases), props: b.intern(props), source: b.intern(source)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	m.rels = make([]memRel, m.maxRID+1)
	err = queryEach(ctx, tx, `SELECT rid, id, type, src, dst, method, confidence, modality, date, published, props, `+reviewCols+` FROM rels r WHERE rid <= ?`, []any{m.maxRID},
		func(rows *sql.Rows) error {
			var rid, src, dst, version int64
			var conf float64
			var id, typ, method, modality, date, published, props, status, by, at, note, correctedBy sql.RawBytes
			if err := rows.Scan(&rid, &id, &typ, &src, &dst, &method, &conf, &modality, &date, &published, &props,
				&status, &by, &at, &note, &correctedBy, &version); err != nil {
				return err
			}
			r := memRel{typ: relTypeCodes[string(typ)], live: true, src: int32(src), dst: int32(dst), confidence: conf,
				method: b.intern(method), modality: b.intern(modality), date: b.intern(date), published: b.intern(published), props: b.intern(props)}
			if h, ok := strings.CutPrefix(string(id), "claim:"); ok && len(h) == 24 {
				if _, err := hex.Decode(r.hash[:], []byte(h)); err != nil || hex.EncodeToString(r.hash[:]) != h {
					r.odd = true
				}
			} else {
				r.odd = true
			}
			if r.odd {
				m.oddIDs[int32(rid)] = string(id)
			}
			rv := memReview{graph.Review{Status: graph.ReviewStatus(b.m.strs[b.intern(status)]), By: b.m.strs[b.intern(by)], At: b.m.strs[b.intern(at)],
				Note: b.m.strs[b.intern(note)], CorrectedBy: b.m.strs[b.intern(correctedBy)]}, int(version)}
			i, ok := b.reviewIdx[rv]
			if !ok {
				i = uint32(len(m.reviews))
				m.reviews = append(m.reviews, rv)
				b.reviewIdx[rv] = i
			}
			r.review = i
			m.rels[rid] = r
			return nil
		})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// node returns node nid as stored, when the copy holds it.
func (m *memRows) node(nid int64) (graph.Node, bool) {
	if nid <= 0 || nid >= int64(len(m.nodes)) || m.nodes[nid].id == "" {
		return graph.Node{}, false
	}
	n := m.nodes[nid]
	return graph.Node{ID: n.id, Kind: graph.NodeKind(nodeKindNames[n.kind]), Name: n.name,
		Aliases: decodeList(m.strs[n.aliases]), Props: decodeMap(m.strs[n.props]), Source: m.strs[n.source]}, true
}

// rel returns claim rid with its ends' ids taken from nodes; false when
// the copy does not hold it or an end is not among nodes.
func (m *memRows) rel(rid int64, nodes map[int64]graph.Node) (graph.Relationship, bool) {
	if rid <= 0 || rid >= int64(len(m.rels)) || !m.rels[rid].live {
		return graph.Relationship{}, false
	}
	c := &m.rels[rid]
	from, ok1 := nodes[int64(c.src)]
	to, ok2 := nodes[int64(c.dst)]
	if !ok1 || !ok2 {
		return graph.Relationship{}, false
	}
	r := graph.Relationship{From: from.ID, To: to.ID, Type: graph.RelType(relTypeNames[c.typ]), Method: m.strs[c.method], Confidence: c.confidence,
		Modality: graph.Modality(m.strs[c.modality]), Date: m.strs[c.date], Published: m.strs[c.published], Props: decodeMap(m.strs[c.props])}
	if c.odd {
		r.ID = m.oddIDs[int32(rid)]
	} else {
		var id [6 + 24]byte
		copy(id[:], "claim:")
		hex.Encode(id[6:], c.hash[:])
		r.ID = string(id[:])
	}
	rv := m.reviews[c.review]
	r.Review, r.Version = rv.review, rv.version
	return r, true
}

// memRowsCache holds the current copy and rebuilds it in the background
// when the file changed under it.
type memRowsCache struct {
	cur      atomic.Pointer[memRows]
	mu       sync.Mutex
	building bool
	lastEnd  time.Time
	off      bool          // tests: never build
	pause    time.Duration // tests: overrides memRebuildPause
}

// memRebuildPause is the least time between the end of one background
// rebuild and the start of the next, so a stream of edits (a load into a
// served file) costs a rebuild now and then, not one after another.
const memRebuildPause = 30 * time.Second

// memRowsFor returns the copy when it is valid for edits, else nil, and
// starts a rebuild when the copy is older than the file.
func (s *Store) memRowsFor(edits int64) *memRows {
	if s.rows.off {
		return nil
	}
	m := s.mem.cur.Load()
	if m != nil && m.edits == edits {
		return m
	}
	if m != nil && m.edits < edits {
		s.startMemRows(false)
	}
	return nil
}

// startMemRows starts building the copy in the background unless a build
// runs (or, when !now, one ended within memRebuildPause), and returns a
// channel closed when this build ends (nil when none was started).
func (s *Store) startMemRows(now bool) <-chan struct{} {
	c := &s.mem
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx := s.adj.ctx
	pause := c.pause
	if pause == 0 {
		pause = memRebuildPause
	}
	if c.off || c.building || ctx == nil || ctx.Err() != nil || !now && time.Since(c.lastEnd) < pause {
		return nil
	}
	c.building = true
	done := make(chan struct{})
	s.adj.wg.Add(1)
	go func() {
		defer s.adj.wg.Done()
		defer close(done)
		var m *memRows
		err := s.inReadTx(ctx, func(tx *sql.Tx) error {
			var err error
			m, err = buildMemRows(ctx, tx)
			return err
		})
		c.mu.Lock()
		defer c.mu.Unlock()
		c.building, c.lastEnd = false, time.Now()
		if err != nil {
			if s.adj.logf != nil && ctx.Err() == nil {
				s.adj.logf("compact rows: background build failed (traversals read rows from the file): %v", err)
			}
			return
		}
		if old := c.cur.Load(); old == nil || m.edits > old.edits || m.edits == old.edits && m.maxRID >= old.maxRID && m.maxNID >= old.maxNID {
			c.cur.Store(m)
		}
	}()
	return done
}
