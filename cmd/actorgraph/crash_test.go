package main

import (
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
)

// A load killed with SIGKILL at random moments leaves a store that reopens,
// passes `actorgraph check`, and, once the load is run again to the end,
// holds exactly what an uninterrupted load gives.
func TestLoadSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 20 loads")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := synth.WriteArticles(mkdir(t, corpus), 200, 11); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean.db")
	if _, errOut, code := runBin(t, nil, "load", "--quiet", "--db", clean, corpus); code != 0 {
		t.Fatalf("uninterrupted load: %s", errOut)
	}
	want, _, _ := runBin(t, nil, "stats", "--json", "--db", clean)

	crashed := filepath.Join(dir, "crashed.db")
	rng := rand.New(rand.NewPCG(3, 4))
	kills := 0
	for i := 0; i < 20; i++ {
		cmd := exec.Command(binPath, "load", "--quiet", "--db", crashed, corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(600)) * time.Millisecond)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		cmd.Wait()
		out, _, code := runBin(t, nil, "check", "--db", crashed)
		if code != 0 {
			t.Fatalf("after kill %d the store fails its check:\n%s", i+1, out)
		}
	}
	if _, errOut, code := runBin(t, nil, "load", "--quiet", "--db", crashed, corpus); code != 0 {
		t.Fatalf("load after the crashes: %s", errOut)
	}
	got, _, _ := runBin(t, nil, "stats", "--json", "--db", crashed)
	if got != want {
		t.Fatalf("after %d kills and a full load the counts differ:\n got %s\nwant %s", kills, got, want)
	}
	if out, _, code := runBin(t, nil, "check", "--db", crashed); code != 0 || !strings.Contains(out, ": ok") {
		t.Fatalf("final check: %s", out)
	}
	t.Logf("%d loads killed; final counts equal an uninterrupted load", kills)
}
