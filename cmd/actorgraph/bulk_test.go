package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/actorgraph/actorgraph/bench/synth"
)

// reviewStamp is when a load recorded a review: the time of the load, which
// differs between two loads of the same files.
var reviewStamp = regexp.MustCompile(`"at":"[0-9T:.Z-]+"`)

func exportDB(t *testing.T, db string) string {
	t.Helper()
	out, errOut, code := runBin(t, nil, "export", "--db", db)
	if code != 0 {
		t.Fatalf("export %s: %s", db, errOut)
	}
	return reviewStamp.ReplaceAllString(out, `"at":"(time)"`)
}

func checkDB(t *testing.T, db string) {
	t.Helper()
	if out, _, code := runBin(t, nil, "check", "--db", db); code != 0 {
		t.Fatalf("check %s:\n%s", db, out)
	}
}

// bulkCorpus writes n synthetic articles with their annotations, and one
// more whose annotation quotes a sentence the article lacks, which every
// load must refuse.
func bulkCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := mkdir(t, filepath.Join(t.TempDir(), "corpus"))
	if err := synth.WriteArticles(dir, n, 5); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "zz-bad.txt"), []byte("Estonia accused Russia.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "zz-bad.annotations.yaml"), []byte("claims:\n  - {subject: country:EE, type: ACCUSED, object: country:RU, quote: 'Latvia accused Russia.'}\n"), 0o644)
	return dir
}

// `load` through the bulk path stores what the per-document path stores
// (the same export, a refused article refused in both), and `import` (bulk
// whenever the store has the path) gives the same graph again.
func TestBulkLoadMatchesPerDocumentLoad(t *testing.T) {
	corpus := bulkCorpus(t, 120)
	dir := t.TempDir()
	one, bulk, imp := filepath.Join(dir, "one.db"), filepath.Join(dir, "bulk.db"), filepath.Join(dir, "imp.db")
	_, errOne, codeOne := runBin(t, nil, "load", "--quiet", "--bulk", "never", "--db", one, corpus)
	_, errBulk, codeBulk := runBin(t, nil, "load", "--bulk", "always", "--db", bulk, corpus)
	if codeOne != 1 || codeBulk != 1 {
		t.Fatalf("exit codes %d (per document) and %d (bulk), want 1 each (one article refused):\n%s\n%s", codeOne, codeBulk, errOne, errBulk)
	}
	if !strings.Contains(errBulk, "one bulk load") || !strings.Contains(errBulk, "zz-bad.txt: refused") || !strings.Contains(errBulk, "bulk load: committed") {
		t.Fatalf("the bulk load does not say what it did:\n%s", errBulk)
	}
	want := exportDB(t, one)
	if got := exportDB(t, bulk); got != want {
		t.Fatalf("bulk and per-document loads differ:\n%s", firstDiff(want, got))
	}
	checkDB(t, bulk)

	file := filepath.Join(dir, "graph.jsonl")
	if _, errOut, code := runBin(t, nil, "export", "--db", one, "--out", file); code != 0 {
		t.Fatal(errOut)
	}
	if _, errOut, code := runBin(t, nil, "import", "--db", imp, file); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	if got := exportDB(t, imp); got != want {
		t.Fatalf("the imported graph differs:\n%s", firstDiff(want, got))
	}
	checkDB(t, imp)
	if _, errOut, code := runBin(t, nil, "load", "--bulk", "sometimes", "--db", one, corpus); code != 2 || !strings.Contains(errOut, "--bulk is auto, always or never") {
		t.Fatalf("a bad --bulk: exit %d, %s", code, errOut)
	}
}

// A bulk load killed with SIGKILL half way leaves the store as it was before
// it (readers never see half of it), passing its check; run again, it
// stores what an uninterrupted load stores.
func TestBulkLoadKilledLeavesStoreAsBefore(t *testing.T) {
	corpus := bulkCorpus(t, 200)
	dir := t.TempDir()
	// A store that already holds some articles.
	first := mkdir(t, filepath.Join(dir, "first"))
	for _, n := range []string{"article-0000", "article-0001", "article-0002"} {
		for _, ext := range []string{".txt", ".annotations.yaml"} {
			b, err := os.ReadFile(filepath.Join(corpus, n+ext))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(first, n+ext), b, 0o644)
		}
	}
	db := filepath.Join(dir, "g.db")
	if _, errOut, code := runBin(t, nil, "load", "--quiet", "--db", db, first); code != 0 {
		t.Fatal(errOut)
	}
	before := exportDB(t, db)

	cmd := exec.Command(binPath, "load", "--bulk", "always", "--db", db, corpus)
	cmd.Env = hermeticEnv()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	seen := false
	for sc.Scan() {
		// Well inside the bulk load: 60 of 201 documents written.
		if strings.HasPrefix(sc.Text(), "[60/") {
			seen = true
			break
		}
	}
	if !seen {
		cmd.Wait()
		t.Fatal("the load ended before its 60th document")
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the load was not killed: %v", cmd.ProcessState)
	}
	checkDB(t, db)
	if got := exportDB(t, db); got != before {
		t.Fatalf("the killed bulk load left part of itself:\n%s", firstDiff(before, got))
	}

	if _, errOut, code := runBin(t, nil, "load", "--quiet", "--bulk", "always", "--db", db, corpus); code != 1 {
		t.Fatalf("load after the kill: exit %d, %s", code, errOut)
	}
	clean := filepath.Join(dir, "clean.db")
	runBin(t, nil, "load", "--quiet", "--bulk", "never", "--db", clean, corpus)
	if got, want := exportDB(t, db), exportDB(t, clean); got != want {
		t.Fatalf("after the kill and a full load the graph differs from an uninterrupted load:\n%s", firstDiff(want, got))
	}
	checkDB(t, db)
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\nwant " + a + "\n got " + b
		}
	}
	return "(equal)"
}
