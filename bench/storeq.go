package main

import (
	"context"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Store questions, asked one at a time after a warm-up, as a user's
// requests would be: the figures are latencies, not throughput.
const (
	neighborhoodLimit = 500 // nodes returned at most, 1-hop and 2-hop
	pathMaxHops       = 6
	pathK             = 3
)

// measureStore asks s the neighbourhood, path and search questions and
// fills in the latencies, with a CPU profile of each phase when profile is
// not nil.
func measureStore(ctx context.Context, s graph.Store, q queries, r *StoreResult, profile func(phase string, run func() error) error, progress func(string)) error {
	if profile == nil {
		profile = func(_ string, run func() error) error { return run() }
	}
	if progress != nil {
		// Paths on a large graph take minutes: say what is running.
		questions := map[string]int{"1-hop neighbourhood": len(q.Seeds), "2-hop neighbourhood": len(q.Seeds),
			"shortest paths": len(q.Pairs), "full-text search": len(q.Search)}
		inner := profile
		profile = func(phase string, run func() error) error {
			progress(fmt.Sprintf("  %s: %d questions", phase, questions[phase]))
			return inner(phase, run)
		}
	}
	hop := func(depth int) func() error {
		return func() error {
			lat, err := timeEach(q.Seeds, q.Warmup, func(seed string) error {
				_, err := s.Neighborhood(ctx, graph.NeighborhoodQuery{Seeds: []string{seed}, Depth: depth, Limit: neighborhoodLimit})
				return err
			})
			if depth == 1 {
				r.OneHop = lat
			} else {
				r.TwoHop = lat
			}
			return err
		}
	}
	if err := profile("1-hop neighbourhood", hop(1)); err != nil {
		return fmt.Errorf("1-hop neighbourhood: %w", err)
	}
	if err := profile("2-hop neighbourhood", hop(2)); err != nil {
		return fmt.Errorf("2-hop neighbourhood: %w", err)
	}
	if err := profile("shortest paths", func() error {
		// The shortest length of each pair (paths come shortest first) is
		// kept to check that a peer answers the same question.
		var lengths []int
		lat, err := timeEach(q.Pairs, q.Warmup, func(p [2]string) error {
			paths, err := s.Paths(ctx, graph.PathQuery{From: p[0], To: p[1], MaxHops: pathMaxHops, K: pathK})
			l := -1
			if len(paths) > 0 {
				l = len(paths[0].Relationships)
			}
			lengths = append(lengths, l)
			return err
		})
		r.Paths, r.pathLengths = lat, lengths[min(q.Warmup, len(lengths)):]
		r.PathsFound = 0
		for _, l := range r.pathLengths {
			if l >= 0 {
				r.PathsFound++
			}
		}
		return err
	}); err != nil {
		return fmt.Errorf("paths: %w", err)
	}
	if err := profile("full-text search", func() error {
		lat, err := timeEachLimited(ctx, q.Search, q.Warmup, q.SearchLimit, func(ctx context.Context, text string) error {
			_, err := s.Search(ctx, graph.SearchQuery{Text: text, First: 20})
			return err
		})
		r.Search = lat
		return err
	}); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// timeEach runs ask over items, the first warmup of them unmeasured, and
// summarises the rest.
func timeEach[T any](items []T, warmup int, ask func(T) error) (Latency, error) {
	return timeEachLimited(context.Background(), items, warmup, 0, func(_ context.Context, it T) error { return ask(it) })
}

// timeEachLimited is timeEach with a time limit per question (none when
// limit is 0): a question still running at the limit is stopped through its
// context and counted at the limit, as the peers' are, so one slow kind of
// question cannot hold a whole run for hours.
func timeEachLimited[T any](ctx context.Context, items []T, warmup int, limit time.Duration, ask func(context.Context, T) error) (Latency, error) {
	var lat []time.Duration
	timeouts := 0
	for i, it := range items {
		qctx, cancel := ctx, context.CancelFunc(func() {})
		if limit > 0 {
			qctx, cancel = context.WithTimeout(ctx, limit)
		}
		t0 := time.Now()
		err := ask(qctx, it)
		took := time.Since(t0)
		timedOut := limit > 0 && qctx.Err() != nil && ctx.Err() == nil
		cancel()
		if err != nil && !timedOut {
			return Latency{}, fmt.Errorf("%v: %w", it, err)
		}
		if i < warmup {
			continue
		}
		if timedOut {
			timeouts++
			took = max(took, limit)
		}
		lat = append(lat, took)
	}
	return summarize(lat, timeouts, limit), nil
}
