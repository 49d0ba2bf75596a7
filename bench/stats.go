package main

import (
	"fmt"
	"slices"
	"time"
)

// Latency summarises the latencies of one kind of query.
type Latency struct {
	N        int           `json:"n"`
	P50      time.Duration `json:"p50"`
	P99      time.Duration `json:"p99"`
	Timeouts int           `json:"timeouts,omitempty"` // queries stopped at the time limit (counted as the limit)
	Limit    time.Duration `json:"limit,omitempty"`
}

// summarize sorts d and takes nearest-rank percentiles. Timed-out queries
// are passed in at the limit, so a p50 equal to the limit means "at least".
func summarize(d []time.Duration, timeouts int, limit time.Duration) Latency {
	if len(d) == 0 {
		return Latency{}
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return Latency{N: len(s), P50: pct(s, 50), P99: pct(s, 99), Timeouts: timeouts, Limit: limit}
}

func pct(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100 // nearest rank
	return sorted[max(0, min(len(sorted)-1, i-1))]
}

// ms formats a duration in milliseconds with three significant figures.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v == 0:
		return "0"
	case v < 1:
		return fmt.Sprintf("%.3f", v)
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// String shows "p50 / p99 ms", with ≥ where timeouts make a figure a
// lower bound.
func (l Latency) String() string {
	if l.N == 0 {
		return "—"
	}
	ge := func(d time.Duration) string {
		if l.Timeouts > 0 && d >= l.Limit {
			return "≥" + ms(d)
		}
		return ms(d)
	}
	s := ge(l.P50) + " / " + ge(l.P99)
	if l.Timeouts > 0 {
		s += fmt.Sprintf(" (%d/%d timed out)", l.Timeouts, l.N)
	}
	return s
}

// ratio formats how many times better ours is than a peer's figure:
// above 1 actorgraph is better.
func ratio(better float64) string {
	if better <= 0 {
		return "—"
	}
	if better >= 10 {
		return fmt.Sprintf("%.0f×", better)
	}
	return fmt.Sprintf("%.2f×", better)
}

// speedup is peer/ours for times (>1: ours faster).
func speedup(ours, peer time.Duration) float64 {
	if ours <= 0 || peer <= 0 {
		return 0
	}
	return float64(peer) / float64(ours)
}

func humanInt(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.2fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%.0fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
