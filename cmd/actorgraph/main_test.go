package main

import (
	"bufio"
	"encoding/json"
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

// binPath is the real binary, built once for the tests of this package.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "actorgraph-bin")
	if err != nil {
		panic(err)
	}
	binPath = filepath.Join(dir, "actorgraph")
	out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
	if err != nil {
		panic("building the binary: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runBin runs the binary and returns stdout, stderr and the exit status.
func runBin(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Env = append(hermeticEnv(), env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// hermeticEnv is the test's environment without NEO4J_* variables, so that
// a developer who exports NEO4J_URI still tests the store each test asks for.
func hermeticEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			out = append(out, kv)
		}
	}
	return out
}

// startServe starts `actorgraph serve` on a free port and returns its base
// URL and the running command; the caller stops it.
func startServe(t *testing.T, args ...string) (string, *exec.Cmd, *logTail) {
	t.Helper()
	cmd := exec.Command(binPath, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = hermeticEnv()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	logs := &logTail{}
	addrRe := regexp.MustCompile(`msg=listening addr=(\S+)`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logs.add(sc.Text())
			if m := addrRe.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case a := <-found:
		return "http://" + a, cmd, logs
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not start; log:\n%s", logs)
	}
	return "", nil, nil
}

type logTail struct{ lines chan string }

func (l *logTail) add(s string) {
	if l.lines == nil {
		l.lines = make(chan string, 10000)
	}
	select {
	case l.lines <- s:
	default:
	}
}

func (l *logTail) String() string {
	var b strings.Builder
	for {
		select {
		case s := <-l.lines:
			b.WriteString(s + "\n")
		default:
			return b.String()
		}
	}
}

func TestServeHealthzAndGracefulShutdown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	base, cmd, _ := startServe(t, "--db", db)
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("/healthz: %d %s", resp.StatusCode, body)
	}
	var h map[string]any
	if err := json.Unmarshal(body, &h); err != nil || h["status"] != "ok" || !strings.Contains(h["store"].(string), db) {
		t.Fatalf("/healthz body %s (%v)", body, err)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Fatalf("missing CSP, got %q", csp)
	}
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("CORS header sent by default")
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited badly on SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}

func TestStatsOnNewStoreAndJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	out, errOut, code := runBin(t, nil, "stats", "--db", db)
	if code != 0 || !strings.Contains(out, "nodes") {
		t.Fatalf("stats: %d %q %q", code, out, errOut)
	}
	out, _, code = runBin(t, []string{"ACTORGRAPH_DB=" + db}, "stats", "--json")
	var st struct {
		TotalNodes int `json:"totalNodes"`
		Documents  int `json:"documents"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil {
		t.Fatalf("stats --json: %d %q", code, out)
	}
}

func TestCLIErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("my notes"), 0o600)
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"no command", nil, 2, "Usage: actorgraph <command>"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", []string{"stats", "--nope"}, 2, "flag provided but not defined"},
		{"not a database", []string{"stats", "--db", notDB}, 1, notDB + ": not an actorgraph database"},
		{"help", []string{"serve", "--help"}, 0, "-addr"},
		{"extra argument", []string{"stats", "x"}, 2, `unexpected argument "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runBin(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.inStderr) {
				t.Fatalf("exit %d (want %d), stderr %q (want %q)", code, tc.code, errOut, tc.inStderr)
			}
			if strings.Contains(errOut, "goroutine ") {
				t.Fatalf("stack trace on stderr: %s", errOut)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runBin(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "actorgraph ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

// The curl examples of the README work as written against `actorgraph serve`
// on the demo corpus.
func TestReadmeCurlExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	base, _, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "g.db"))
	var cmds []string
	lines := strings.Split(string(readme), "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "curl ") {
			continue
		}
		cmd := l
		for strings.HasSuffix(cmd, "\\") && i+1 < len(lines) {
			i++
			cmd = strings.TrimSuffix(cmd, "\\") + " " + strings.TrimSpace(lines[i])
		}
		if j := strings.Index(cmd, " #"); j > 0 && !strings.Contains(cmd[j:], "'") {
			cmd = cmd[:j]
		}
		cmds = append(cmds, strings.ReplaceAll(cmd, "http://127.0.0.1:8080", base))
	}
	if len(cmds) < 4 {
		t.Fatalf("found %d curl examples in the README", len(cmds))
	}
	for _, c := range cmds {
		out, err := exec.Command("sh", "-c", c).CombinedOutput()
		if err != nil || strings.Contains(string(out), `"errors"`) || !strings.Contains(string(out), `"`) {
			t.Fatalf("README example failed:\n%s\n%s %v", c, out, err)
		}
		if strings.Contains(c, "/graphql") && !strings.Contains(string(out), `"data"`) {
			t.Fatalf("README example returned no data:\n%s\n%s", c, out)
		}
	}
}

func mkdir(t *testing.T, p string) string {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// --read-only writes nothing, not even the demo corpus into an empty store,
// and --token guards the API of the real binary.
func TestServeReadOnlyAndToken(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	base, _, _ := startServe(t, "--db", db, "--read-only", "--token", "t0k")
	req, _ := http.NewRequest("GET", base+"/healthz", nil)
	req.Header.Set("Authorization", "Bearer t0k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"nodes":0`) {
		t.Fatalf("read-only serve loaded something: %s", body)
	}
	resp, err = http.Post(base+"/graphql", "application/json", strings.NewReader(`{"query":"{ stats { nodes } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
}

// TestServeBuildsAdjacency: serve builds the in-memory adjacency in the
// background, after the demo load, and says so with the claims it holds.
func TestServeBuildsAdjacency(t *testing.T) {
	_, _, logs := startServe(t, "--db", filepath.Join(t.TempDir(), "g.db"))
	var seen strings.Builder
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		seen.WriteString(logs.String())
		if m := regexp.MustCompile(`msg="in-memory adjacency ready" claims=(\d+)`).FindStringSubmatch(seen.String()); m != nil {
			if m[1] == "0" {
				t.Fatalf("the adjacency holds no claims after the demo load:\n%s", seen.String())
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no adjacency-ready line in the log:\n%s", seen.String())
}
