package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	delays := []time.Duration{200 * time.Millisecond, 800 * time.Millisecond, 1500 * time.Millisecond, 3 * time.Second}
	if os.Getenv("ACTORGRAPH_SOAK") != "" {
		// The large article spends longer in each phase: reach the later ones.
		delays = append(delays, 5*time.Second, 6500*time.Millisecond, 8*time.Second, 9500*time.Millisecond)
	}
	for _, after := range delays {
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

// counts is what `stats --json` says of a store: nodes, claims and
// documents, as one comparable string.
func counts(t *testing.T, db string) string {
	t.Helper()
	out, errOut, code := runBin(t, nil, "stats", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, errOut)
	}
	return out
}

// An import whose file has an error anywhere writes nothing, whatever was
// written before it in the file, and the store still passes the check.
// Before, the documents of the earlier batches stayed without their
// claims.
func TestImportIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	src, dst, file := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db"), filepath.Join(dir, "g.jsonl")
	if _, errOut, code := runBin(t, nil, "load", "--db", src, "--quiet", "../../data/demo"); code != 0 {
		t.Fatalf("load: %s", errOut)
	}
	if _, errOut, code := runBin(t, nil, "export", "--db", src, "--out", file); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	good, _ := os.ReadFile(file)
	lines := strings.Split(strings.TrimSuffix(string(good), "\n"), "\n")
	// The last evidence's quote no longer matches its document: only the
	// check against the document (at write time) can see it.
	last := -1
	for i, l := range lines {
		if strings.HasPrefix(l, `{"type":"evidence"`) {
			last = i
		}
	}
	lines[last] = regexp.MustCompile(`"quote":"[^"]*"`).ReplaceAllString(lines[last], `"quote":"tampered"`)
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(strings.Join(lines, "\n")+"\n"), 0o600)

	empty := counts(t, dst)
	for _, into := range []string{"an empty store", "a store holding the same graph"} {
		before := counts(t, dst)
		_, errOut, code := runBin(t, nil, "import", "--db", dst, bad)
		if after := counts(t, dst); after != before {
			t.Fatalf("%s: the refused import changed the store:\nbefore %s\nafter  %s", into, before, after)
		}
		if code != 1 || !strings.Contains(errOut, "nothing imported") || !strings.Contains(errOut, "tampered") {
			t.Fatalf("%s: exit %d: %s", into, code, errOut)
		}
		if _, out, code := runBin(t, nil, "check", "--db", dst); code != 0 {
			t.Fatalf("%s: check after the refused import: %s", into, out)
		}
		if _, errOut, code := runBin(t, nil, "import", "--db", dst, file); code != 0 {
			t.Fatalf("the good file: %s", errOut)
		}
	}
	if counts(t, dst) == empty {
		t.Fatal("the good file imported nothing")
	}
}

// An import with a field over the limits (a 60 MB name) is refused at its
// line, before the rest of the file is read into memory, and writes
// nothing. Before, ten such nodes were accepted (7.3 GB at peak) and one
// query then answered 629 MB.
func TestImportRefusesOversizeFields(t *testing.T) {
	dir := t.TempDir()
	db, file := filepath.Join(dir, "big.db"), filepath.Join(dir, "big.jsonl")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"format":"actorgraph-jsonl","version":1}` + "\n")
	name := strings.Repeat("n", 60<<20)
	for i := 0; i < 3; i++ {
		fmt.Fprintf(f, `{"type":"node","id":"person:big-%d","kind":"Person","name":"%s","source":"x"}`+"\n", i, name)
	}
	f.Close()
	cmd := exec.Command(binPath, "import", "--db", db, file)
	cmd.Env = hermeticEnv()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	if err == nil || !strings.Contains(stderr.String(), "line 2") || !strings.Contains(stderr.String(), "the name is 62914560 bytes long; at most 1024 are accepted") {
		t.Fatalf("import of a 60 MB name: %v\n%s", err, clip(stderr.String()))
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // KiB to MiB
	t.Logf("refused with %s; peak memory %d MiB", clip(stderr.String()), rss)
	if rss > 1024 {
		t.Fatalf("the refused import peaked at %d MiB", rss)
	}
	if out := counts(t, db); !strings.Contains(out, `"totalNodes": 0`) {
		t.Fatalf("the refused import wrote nodes: %s", out)
	}
	if _, out, code := runBin(t, nil, "check", "--db", db); code != 0 {
		t.Fatalf("check: %s", out)
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// unprivileged returns the words that run the binary as a user who cannot
// write what the test made read-only: as root (who can write anything),
// setpriv to nobody; as anyone else, nothing.
func unprivileged(t *testing.T) []string {
	t.Helper()
	if os.Geteuid() != 0 {
		return nil
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running as root without setpriv: cannot test as an unprivileged user")
	}
	// nobody must reach the binary.
	if err := os.Chmod(filepath.Dir(binPath), 0o755); err != nil {
		t.Fatal(err)
	}
	return []string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"}
}

// A database in a folder nobody may write (and itself read-only) is read
// by the commands that only read: stats, export and serve --read-only, as
// an unprivileged user. Before, every command failed with "attempt to
// write a readonly database".
func TestReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	db := filepath.Join(ro, "g.db")
	if _, errOut, code := runBin(t, nil, "load", "--db", db, "--quiet", "../../data/demo"); code != 0 {
		t.Fatalf("load: %s", errOut)
	}
	pre := unprivileged(t)
	for _, p := range []string{filepath.Dir(dir), dir} {
		os.Chmod(p, 0o755)
	}
	os.Chmod(db, 0o444)
	os.Chmod(ro, 0o555)
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	run := func(args ...string) (string, string, error) {
		all := append(append(pre, binPath), args...)
		cmd := exec.Command(all[0], all[1:]...)
		cmd.Env = hermeticEnv()
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		return out.String(), errb.String(), err
	}
	// The folder really is read-only to the user the binary runs as.
	if _, _, err := run("load", "--db", db, "--quiet", "../../data/demo"); err == nil {
		t.Fatal("a load into the read-only folder succeeded: the test does not test")
	}
	out, errOut, err := run("stats", "--db", db, "--json")
	// The demo corpus and the reference data's document.
	if err != nil || !strings.Contains(out, `"documents": 4`) {
		t.Fatalf("stats: %v\n%s%s", err, out, errOut)
	}
	if out, errOut, err := run("export", "--db", db); err != nil || !strings.Contains(out, `"type":"claim"`) {
		t.Fatalf("export: %v\n%s", err, errOut)
	}
	// serve --read-only answers queries.
	all := append(append(pre, binPath), "serve", "--addr", "127.0.0.1:0", "--db", db, "--read-only")
	cmd := exec.Command(all[0], all[1:]...)
	cmd.Env = hermeticEnv()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := make(chan string, 1)
	var logs strings.Builder
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`msg=listening addr=(\S+)`)
		for sc.Scan() {
			logs.WriteString(sc.Text() + "\n")
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		close(addr)
	}()
	a, ok := <-addr
	if !ok {
		cmd.Wait()
		t.Fatalf("serve --read-only did not start:\n%s", logs.String())
	}
	resp, err := http.Post("http://"+a+"/graphql", "application/json", strings.NewReader(`{"query":"{ search(query: \"Sullivan\") { node { id } } stats { nodes } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"person:john-sullivan"`) {
		t.Fatalf("serve --read-only: %s", body)
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Fatalf("the read-only folder holds %d files", len(entries))
	}
}

// A --db in a folder that does not exist is said so, not "out of memory
// (14)" as SQLite puts it.
func TestDBInMissingFolder(t *testing.T) {
	db := filepath.Join(t.TempDir(), "no", "such", "g.db")
	for _, cmd := range [][]string{{"stats", "--db", db}, {"load", "--db", db, "../../data/demo"}} {
		_, errOut, code := runBin(t, nil, cmd...)
		if code != 1 || !strings.Contains(errOut, "does not exist; create it first") || strings.Contains(errOut, "out of memory") {
			t.Fatalf("%s: exit %d: %s", cmd[0], code, errOut)
		}
	}
}

// A file whose name holds a newline or ESC is named quoted in every
// message of load, never raw: no escape sequence reaches the terminal and
// no line of output is forged. Before, load printed such names as they
// were.
func TestControlCharactersInFileNames(t *testing.T) {
	dir := t.TempDir()
	evil := "evil\x1b[31mred\nloaded 99 documents.txt"
	src, _ := os.ReadFile("../../data/demo/000_10cedf3c4456eec8.txt")
	if err := os.WriteFile(filepath.Join(dir, evil), src, 0o644); err != nil {
		t.Skip("this file system refuses such names:", err)
	}
	os.WriteFile(filepath.Join(dir, "bad\x1b]0;title\x07.txt"), []byte("\xff\xfe not UTF-8"), 0o644)
	os.WriteFile(filepath.Join(dir, "orphan\x1b[2J.annotations.yaml"), []byte("claims: []\n"), 0o644)
	db := filepath.Join(dir, "g.db")
	for _, args := range [][]string{
		{"load", "--db", db, dir},
		{"load", "--db", db, filepath.Join(dir, evil)},
		{"load", "--db", db, filepath.Join(dir, "missing\x1b[1m.txt")},
	} {
		_, stderr, _ := runBin(t, nil, args...)
		if strings.ContainsAny(stderr, "\x1b\x07") {
			t.Fatalf("%q: stderr holds a control character:\n%q", args[len(args)-1], stderr)
		}
		for _, line := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(line, "loaded 99 documents") {
				t.Fatalf("a file name forged a line: %q", stderr)
			}
		}
		if args[len(args)-1] != dir && !strings.Contains(stderr, `\x1b[`) {
			t.Fatalf("the name is not shown quoted: %q", stderr)
		}
	}
}
