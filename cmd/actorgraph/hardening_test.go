package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// longArticle writes an HTML article of n short paragraphs, each a
// sentence extraction cites (an accusation, a warning, an attribution, a
// sanction), as the hostile article of issue 17 was: 16,000 of them make
// 1.3 MB.
func longArticle(t *testing.T, dir string, n int) string {
	t.Helper()
	names := []string{"Russia", "China", "Estonia", "France", "Germany", "Iran", "Japan", "Poland"}
	var b strings.Builder
	b.WriteString("<html><head><title>A long file</title></head><body><article><h1>A long file</h1>\n")
	for i := 0; i < n; i++ {
		a, c := names[i%8], names[(i/8+1+i)%8]
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "<p>On Monday %s accused %s of attack %d on its grid.</p>\n", a, c, i)
		case 1:
			fmt.Fprintf(&b, "<p>%s warned %s of consequences after incident %d.</p>\n", a, c, i)
		case 2:
			fmt.Fprintf(&b, "<p>%s blamed %s for the cyber attack on port %d.</p>\n", a, c, i)
		default:
			fmt.Fprintf(&b, "<p>%s sanctioned %s over the breach of system %d.</p>\n", a, c, i)
		}
	}
	b.WriteString("</article></body></html>\n")
	p := filepath.Join(dir, "long.html")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A long article loads in time roughly linear in its size. Before, the
// loader located each quote from the start of the text, and this
// 16,000-paragraph article took 42 s (2.6 MB, over 150 s). make soak loads
// 150,000 paragraphs (9.5 MB). The bound is loose (a shared machine); the
// figure is in the log.
func TestLongArticleLoads(t *testing.T) {
	dir := t.TempDir()
	art := longArticle(t, dir, soakSize(16_000, 150_000))
	db := filepath.Join(dir, "long.db")
	start := time.Now()
	_, stderr, code := runBin(t, nil, "load", "--db", db, art)
	took := time.Since(start)
	st, _ := os.Stat(art)
	t.Logf("%d bytes loaded in %v", st.Size(), took)
	if code != 0 || !strings.Contains(stderr, "new evidence") {
		t.Fatalf("load: exit %d\n%s", code, stderr)
	}
	if took > 30*time.Second {
		t.Fatalf("a %d-byte article took %v to load", st.Size(), took)
	}
	if _, stderr, code := runBin(t, nil, "check", "--db", db); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}

// SIGTERM stops a load within two seconds, whatever it is doing (reading
// the HTML, extracting, building, writing), and leaves a store that
// passes the check. Before, a signal waited for the document to finish (37
// s for a large one).
func TestLoadStopsOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	art := longArticle(t, dir, soakSize(30_000, 110_000))
	for _, after := range []time.Duration{200 * time.Millisecond, 800 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second} {
		db := filepath.Join(dir, fmt.Sprintf("term-%d.db", after.Milliseconds()))
		cmd := exec.Command(binPath, "load", "--db", db, art)
		cmd.Env = hermeticEnv()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		time.Sleep(after)
		sent := time.Now()
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err == nil {
				t.Logf("SIGTERM after %v: the load had finished", after)
				continue
			}
			t.Logf("SIGTERM after %v: stopped in %v", after, time.Since(sent).Round(time.Millisecond))
		case <-time.After(2 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("SIGTERM after %v: still loading 2 s later\n%s", after, stderr.String())
		}
		if _, out, code := runBin(t, nil, "check", "--db", db); code != 0 {
			t.Fatalf("check after SIGTERM at %v: %s", after, out)
		}
	}
}

// soakSize is short in make test, full in make soak.
func soakSize(short, soak int) int {
	if os.Getenv("ACTORGRAPH_SOAK") != "" {
		return soak
	}
	return short
}
