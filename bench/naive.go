package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"
)

// The naive peer asks the same SQLite file the same questions the way one
// would without a traversal engine: one recursive CTE per question.
// Neighbourhoods walk both directions with UNION (so each node is visited
// once per depth) and stop at 500 nodes; paths enumerate simple walks
// breadth-first up to 6 hops, without the per-node caps, meet-in-the-middle
// or pruning of the store's own traversal.
const (
	naiveHopSQL = `WITH RECURSIVE walk(nid, d) AS (
	SELECT nid, 0 FROM nodes WHERE id = :seed
	UNION
	SELECT r.dst, w.d + 1 FROM walk w JOIN rels r ON r.src = w.nid WHERE w.d < :depth
	UNION
	SELECT r.src, w.d + 1 FROM walk w JOIN rels r ON r.dst = w.nid WHERE w.d < :depth)
SELECT n.id, n.kind, n.name FROM nodes n WHERE n.nid IN (SELECT nid FROM walk) LIMIT 500`

	naivePathSQL = `WITH RECURSIVE p(nid, hops, trail) AS (
	SELECT a.nid, 0, ',' || a.nid || ',' FROM nodes a WHERE a.id = :from
	UNION ALL
	SELECT r.dst, p.hops + 1, p.trail || r.dst || ',' FROM p JOIN rels r ON r.src = p.nid
		WHERE p.hops < :max AND p.nid <> :to AND instr(p.trail, ',' || r.dst || ',') = 0
	UNION ALL
	SELECT r.src, p.hops + 1, p.trail || r.src || ',' FROM p JOIN rels r ON r.dst = p.nid
		WHERE p.hops < :max AND p.nid <> :to AND instr(p.trail, ',' || r.src || ',') = 0)
SELECT hops, trail FROM p WHERE nid = :to LIMIT 3`
)

// measureNaive runs the CTE peer over the SQLite file at path. Each
// question may take at most limit; slower ones count as limit.
func measureNaive(ctx context.Context, path string, q queries, nHop, nPath int, limit time.Duration) (*PeerResult, error) {
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=query_only(1)&_pragma=cache_size(-65536)")
	if err != nil {
		return nil, fmt.Errorf("naive peer: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	pr := &PeerResult{Name: "naive SQLite recursive CTE"}
	ask := func(query string, args ...any) (int, error) {
		qctx, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		rows, err := db.QueryContext(qctx, query, args...)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		n, first := 0, -1
		for rows.Next() {
			if query == naivePathSQL && n == 0 {
				var trail string
				if err := rows.Scan(&first, &trail); err != nil {
					return 0, err
				}
			}
			n++
		}
		if query == naivePathSQL {
			return first, rows.Err()
		}
		return n, rows.Err()
	}
	timed := func(items int, one func(i int) (int, error)) (Latency, []int, error) {
		var lat []time.Duration
		var out []int
		timeouts := 0
		for i := range items + q.Warmup/10 {
			t0 := time.Now()
			v, err := one(i)
			d := time.Since(t0)
			if errors.Is(err, context.DeadlineExceeded) || (err != nil && d >= limit) {
				err, d, v = nil, limit, -2
				if i >= q.Warmup/10 {
					timeouts++
				}
			}
			if err != nil {
				return Latency{}, nil, err
			}
			if i >= q.Warmup/10 {
				lat = append(lat, d)
				out = append(out, v)
			}
		}
		return summarize(lat, timeouts, limit), out, nil
	}
	// The warm-up items come first in the lists; the naive peer uses a
	// tenth of them, as its questions are slow.
	off := q.Warmup - q.Warmup/10
	for _, depth := range []int{1, 2} {
		lat, _, err := timed(min(nHop, len(q.Seeds)-q.Warmup), func(i int) (int, error) {
			return ask(naiveHopSQL, sql.Named("seed", q.Seeds[off+i]), sql.Named("depth", depth))
		})
		if err != nil {
			return nil, fmt.Errorf("naive %d-hop: %w", depth, err)
		}
		if depth == 1 {
			pr.OneHop = lat
		} else {
			pr.TwoHop = lat
		}
	}
	toNID := func(id string) (int64, error) {
		var nid int64
		err := db.QueryRowContext(ctx, `SELECT nid FROM nodes WHERE id = ?`, id).Scan(&nid)
		return nid, err
	}
	lat, lengths, err := timed(min(nPath, len(q.Pairs)-q.Warmup), func(i int) (int, error) {
		to, err := toNID(q.Pairs[off+i][1])
		if err != nil {
			return 0, err
		}
		return ask(naivePathSQL, sql.Named("from", q.Pairs[off+i][0]), sql.Named("to", to), sql.Named("max", pathMaxHops))
	})
	if err != nil {
		return nil, fmt.Errorf("naive paths: %w", err)
	}
	pr.Paths, pr.PathLengths = lat, lengths
	for _, l := range lengths {
		if l >= 0 {
			pr.PathsFound++
		}
	}
	pr.Note = fmt.Sprintf("each question limited to %v; %d neighbourhoods and %d path pairs (the first of the same lists)", limit, pr.TwoHop.N, pr.Paths.N)
	return pr, nil
}
