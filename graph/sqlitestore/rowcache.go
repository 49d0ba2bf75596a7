package sqlitestore

import (
	"maps"
	"slices"
	"sync"

	"github.com/actorgraph/actorgraph/graph"
	lru "github.com/hashicorp/golang-lru/v2"
)

// rowCache keeps the decoded nodes and claims traversals returned lately,
// by row id, so that expanding around the same part of the graph again reads
// the file only for what is new. A traversal touches a few hundred rows and
// each costs microseconds to find and decode in SQLite-in-Go; a neighbourhood
// is mostly rows its neighbours' neighbourhoods share.
//
// Entries are valid for one value of graph_meta.edits (schema v2), which
// triggers raise on every change to a stored node or claim: a traversal that
// sees a newer value empties the cache first. A traversal reads the counter
// before it reads any row, and rows only get newer, so an entry is never
// older than the value it is filed under; entries are added only while the
// cache is still at the value the adding traversal read.
type rowCache struct {
	mu    sync.Mutex // orders purges and additions
	edits int64
	nodes *lru.Cache[int64, graph.Node]
	rels  *lru.Cache[int64, graph.Relationship] // From and To filled in
	off   bool                                  // tests: read everything from the file
}

// Cache sizes: a few hundred bytes a row, so at most about 150 MiB.
const (
	cachedNodes = 100_000
	cachedRels  = 400_000
)

func newRowCache() *rowCache {
	n, _ := lru.New[int64, graph.Node](cachedNodes)
	r, _ := lru.New[int64, graph.Relationship](cachedRels)
	return &rowCache{nodes: n, rels: r}
}

// at makes the cache current for edits and reports whether it may be used
// by a traversal that read that value (false when the cache is already
// newer).
func (c *rowCache) at(edits int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.off {
		return false
	}
	if edits > c.edits {
		c.nodes.Purge()
		c.rels.Purge()
		c.edits = edits
	}
	return edits == c.edits
}

// node and rel return copies, so a caller that changes what it got cannot
// change the cache.
func (c *rowCache) node(nid int64) (graph.Node, bool) {
	n, ok := c.nodes.Get(nid)
	if ok {
		n.Aliases, n.Props = slices.Clone(n.Aliases), maps.Clone(n.Props)
	}
	return n, ok
}

func (c *rowCache) rel(rid int64) (graph.Relationship, bool) {
	r, ok := c.rels.Get(rid)
	if ok {
		r.Props = maps.Clone(r.Props)
	}
	return r, ok
}

func (c *rowCache) addNodes(edits int64, nodes map[int64]graph.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if edits != c.edits {
		return
	}
	for nid, n := range nodes {
		n.Aliases, n.Props = slices.Clone(n.Aliases), maps.Clone(n.Props)
		c.nodes.Add(nid, n)
	}
}

func (c *rowCache) addRels(edits int64, rels map[int64]graph.Relationship) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if edits != c.edits {
		return
	}
	for rid, r := range rels {
		r.Props = maps.Clone(r.Props)
		c.rels.Add(rid, r)
	}
}
