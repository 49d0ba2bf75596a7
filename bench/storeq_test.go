package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A question still running at the limit is stopped through its context and
// counted at the limit; other errors still end the run; warm-up questions
// are not counted.
func TestTimeEachLimited(t *testing.T) {
	ctx := context.Background()
	limit := 20 * time.Millisecond
	ask := func(ctx context.Context, slow bool) error {
		if !slow {
			return nil
		}
		<-ctx.Done() // only the limit stops it
		return ctx.Err()
	}
	lat, err := timeEachLimited(ctx, []bool{true, false, true, false, false}, 1, limit, ask)
	if err != nil {
		t.Fatal(err)
	}
	if lat.N != 4 || lat.Timeouts != 1 || lat.Limit != limit {
		t.Fatalf("got %+v, want 4 questions, 1 timed out at %v", lat, limit)
	}
	if lat.P99 < limit {
		t.Fatalf("p99 %v: the stopped question must count at least the limit", lat.P99)
	}
	if !strings.Contains(lat.String(), "(1/4 timed out)") {
		t.Fatalf("%q does not say a question timed out", lat.String())
	}
	boom := errors.New("boom")
	if _, err := timeEachLimited(ctx, []int{1}, 0, limit, func(context.Context, int) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("got %v, want the question's own error", err)
	}
}
