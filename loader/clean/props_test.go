package clean

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// checkProperties asserts what FuzzClean asserts, for one input.
func checkProperties(t *testing.T, raw string) {
	t.Helper()
	once := Clean(raw)
	twice := Clean(once.Text)
	if twice.Text != once.Text || twice.Title != once.Title {
		t.Fatalf("Clean is not idempotent on %q:\nonce  %q (title %q)\ntwice %q (title %q)", raw, once.Text, once.Title, twice.Text, twice.Title)
	}
	if len(twice.Removed) != 0 {
		t.Fatalf("a second Clean over %q removed %q", raw, twice.Removed)
	}
	if once.Title != "" && !strings.HasPrefix(once.Text, once.Title+"\n") {
		t.Fatalf("Clean(%q): title %q is not the first line of %q", raw, once.Title, once.Text)
	}
}

// TestShuffledSeedLines runs the fuzz properties over documents assembled
// from random lines of the seeds and of typical furniture, which reach the
// structural rules (head, cut, teaser, trailing labels) far more often than
// byte-level fuzzing does.
func TestShuffledSeedLines(t *testing.T) {
	var pool []string
	for _, raw := range seeds(t) {
		for _, l := range strings.Split(raw, "\n") {
			pool = append(pool, l)
		}
	}
	pool = append(pool, "", "", "", "By Jane Doe", "September 21, 2018", "Home > World", "Yes.",
		"The talks began on Monday and the ministers agreed…", "The talks began on Monday and the ministers agreed to meet.",
		"and a wrapped lowercase line", ".", "• bullet", "Who hacked the election in November last year and why did it matter so much?")
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 1 + r.IntN(14)
		lines := make([]string, n)
		for i := range lines {
			lines[i] = pool[r.IntN(len(pool))]
		}
		checkProperties(t, strings.Join(lines, "\n"))
	}
}
