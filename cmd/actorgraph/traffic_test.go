package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
)

// Under a mix of searches, neighborhoods, paths and attributions from many
// concurrent clients, while `actorgraph load` writes hundreds of articles
// into the same embedded store, no request fails and no client ever sees
// "database is locked". `make test` runs a short version; `make soak`
// (ACTORGRAPH_SOAK=1) the full one: 200 clients for 30 s, 500 articles.
func TestLoadUnderTraffic(t *testing.T) {
	clients, duration, articles := 20, 5*time.Second, 100
	if os.Getenv("ACTORGRAPH_SOAK") != "" {
		clients, duration, articles = 200, 30*time.Second, 500
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	corpus := mkdir(t, filepath.Join(dir, "corpus"))
	if err := synth.WriteArticles(corpus, articles, 5); err != nil {
		t.Fatal(err)
	}
	base, _, _ := startServe(t, "--db", db)

	queries := []string{
		`{ search(query: "Russia") { node { id name } score } }`,
		`{ neighborhood(ids: ["country:US"], depth: 2, first: 100) { nodes { id } relations { type } truncated } }`,
		`{ paths(from: "country:EE", to: "country:RU", maxHops: 4) { nodes { id } relations { evidence { quote } } } }`,
		`{ attributions { nodes { by { name } blames { name } evidence { quote document { title } } } } }`,
	}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		failures []string
	)
	stop := time.Now().Add(duration)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(stop); i++ {
				body, _ := json.Marshal(map[string]string{"query": queries[i%len(queries)]})
				t0 := time.Now()
				resp, err := client.Post(base+"/graphql", "application/json", bytes.NewReader(body))
				var raw []byte
				if err == nil {
					raw, _ = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				switch {
				case err != nil:
					failures = append(failures, err.Error())
				case resp.StatusCode != 200 || bytes.Contains(raw, []byte(`"errors"`)) || bytes.Contains(raw, []byte("locked")):
					failures = append(failures, fmt.Sprintf("%d %.200s", resp.StatusCode, raw))
				}
				mu.Unlock()
			}
		}(c)
	}
	// The writer, in its own process, against the same file.
	time.Sleep(200 * time.Millisecond)
	load := exec.Command(binPath, "load", "--quiet", "--db", db, corpus)
	var loadErr bytes.Buffer
	load.Stderr = &loadErr
	loadStart := time.Now()
	if err := load.Run(); err != nil {
		t.Errorf("load during traffic failed: %v\n%s", err, loadErr.String())
	}
	loadTook := time.Since(loadStart)
	wg.Wait()

	if len(failures) > 0 {
		t.Fatalf("%d of %d requests failed; first: %s", len(failures), len(lat), failures[0])
	}
	if strings.Contains(loadErr.String(), "locked") {
		t.Fatalf("the load saw a locked database: %s", loadErr.String())
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	t.Logf("%d clients, %v: %d requests, 0 failed, p50 %v, p99 %v; load of %d articles took %v alongside",
		clients, duration, len(lat), lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)*99/100].Round(time.Millisecond), articles, loadTook.Round(time.Millisecond))
	out, _, _ := runBin(t, nil, "stats", "--json", "--db", db)
	var st struct{ Documents int }
	json.Unmarshal([]byte(out), &st)
	// The demo corpus, the articles, and the reference data's document.
	if st.Documents != 3+articles+1 {
		t.Fatalf("after the load the store holds %d documents, want %d", st.Documents, 3+articles+1)
	}
}
