// Command kuzu is the Kuzu peer of the actorgraph benchmark: it loads the
// graph the harness exported (nodes.csv, rels.csv) into an embedded Kuzu
// database with COPY FROM, asks it the harness's neighbourhood and path
// questions, and prints what it measured as JSON on stdout.
//
// It is its own Go module so that actorgraph never depends on Kuzu (a cgo
// library): the root module's go.mod does not list it and `go build ./...`
// at the root does not build it. The harness runs it with `go run`.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	kuzu "github.com/kuzudb/go-kuzu"
)

// input is the questions file the harness writes.
type input struct {
	Seeds  []string    `json:"seeds"`
	Pairs  [][2]string `json:"pairs"`
	Warmup int         `json:"warmup"`
}

// latency is the same summary the harness prints.
type latency struct {
	N        int           `json:"n"`
	P50      time.Duration `json:"p50"`
	P99      time.Duration `json:"p99"`
	Timeouts int           `json:"timeouts,omitempty"`
	Limit    time.Duration `json:"limit,omitempty"`
}

type output struct {
	Version     string  `json:"version"`
	LoadSeconds float64 `json:"loadSeconds"`
	Nodes       int64   `json:"nodes"`
	Rels        int64   `json:"rels"`
	OneHop      latency `json:"oneHop"`
	TwoHop      latency `json:"twoHop"`
	Paths       latency `json:"paths"`
	// PathLengths is the shortest length per measured pair: -1 none, -2
	// timed out.
	PathLengths []int `json:"pathLengths"`
	PeakRSS     int64 `json:"peakRSS"`
	DBBytes     int64 `json:"dbBytes"`
}

// The questions, in Kuzu's Cypher. Neighbourhoods return at most 500
// distinct nodes (id, kind, name) within 1 or 2 hops, directions ignored;
// paths are Kuzu's ALL SHORTEST paths of at most 6 hops, at most 3 of them.
const (
	schemaNodes = `CREATE NODE TABLE N(id STRING, kind STRING, name STRING, PRIMARY KEY(id))`
	schemaRels  = `CREATE REL TABLE R(FROM N TO N, id STRING, type STRING, confidence DOUBLE)`
	oneHop      = `MATCH (a:N {id: $id})-[:R]-(b:N) RETURN DISTINCT b.id, b.kind, b.name LIMIT 500`
	twoHop      = `MATCH (a:N {id: $id})-[:R*1..2]-(b:N) RETURN DISTINCT b.id, b.kind, b.name LIMIT 500`
	paths       = `MATCH p = (a:N {id: $from})-[:R* ALL SHORTEST 1..6]-(b:N {id: $to}) RETURN length(p) LIMIT 3`
)

func main() {
	data := flag.String("data", "", "directory with nodes.csv and rels.csv")
	dbDir := flag.String("db", "", "Kuzu database file to create (must not exist)")
	questions := flag.String("queries", "", "JSON file of seeds and pairs")
	threads := flag.Uint64("threads", 0, "query threads (0: Kuzu's default, the number of cores)")
	pool := flag.Uint64("buffer-pool-mib", 2048, "Kuzu buffer pool size in MiB")
	limit := flag.Duration("timeout", 10*time.Second, "time limit of one question")
	flag.Parse()
	if err := run(*data, *dbDir, *questions, *threads, *pool, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "kuzu peer:", err)
		os.Exit(1)
	}
}

func run(data, dbDir, questions string, threads, poolMiB uint64, limit time.Duration) error {
	var in input
	b, err := os.ReadFile(questions)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return fmt.Errorf("%s: %w", questions, err)
	}
	cfg := kuzu.DefaultSystemConfig()
	// The default pool is 80% of the machine's memory; a shared benchmark
	// machine needs a bound.
	cfg.BufferPoolSize = poolMiB << 20
	if threads > 0 {
		cfg.MaxNumThreads = threads
	}
	db, err := kuzu.OpenDatabase(dbDir, cfg)
	if err != nil {
		return fmt.Errorf("opening %s: %w", dbDir, err)
	}
	defer db.Close()
	conn, err := kuzu.OpenConnection(db)
	if err != nil {
		return err
	}
	defer conn.Close()
	out := output{Version: "0.11.3"}

	exec := func(q string) error {
		r, err := conn.Query(q)
		if err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
		r.Close()
		return nil
	}
	for _, q := range []string{schemaNodes, schemaRels} {
		if err := exec(q); err != nil {
			return err
		}
	}
	t0 := time.Now()
	for _, q := range []string{
		fmt.Sprintf(`COPY N FROM '%s' (HEADER=true)`, filepath.Join(data, "nodes.csv")),
		fmt.Sprintf(`COPY R FROM '%s' (HEADER=true)`, filepath.Join(data, "rels.csv")),
	} {
		if err := exec(q); err != nil {
			return err
		}
	}
	out.LoadSeconds = time.Since(t0).Seconds()
	out.Nodes, _ = scalar(conn, `MATCH (n:N) RETURN count(n)`)
	out.Rels, _ = scalar(conn, `MATCH ()-[r:R]->() RETURN count(r)`)

	conn.SetTimeout(uint64(limit / time.Millisecond))
	measure := func(q string, items int, args func(i int) map[string]any, lengths *[]int) (latency, error) {
		stmt, err := conn.Prepare(q)
		if err != nil {
			return latency{}, fmt.Errorf("%s: %w", q, err)
		}
		defer stmt.Close()
		var lat []time.Duration
		timeouts := 0
		for i := range items {
			t0 := time.Now()
			r, err := conn.Execute(stmt, args(i))
			length := -1
			if err == nil {
				if r.HasNext() {
					t, terr := r.Next()
					if terr == nil {
						if v, verr := t.GetValue(0); verr == nil {
							if l, ok := v.(int64); ok {
								length = int(l)
							}
						}
						t.Close()
					}
					for r.HasNext() {
						t, terr := r.Next()
						if terr != nil {
							break
						}
						t.Close()
					}
				}
				r.Close()
			}
			d := time.Since(t0)
			if err != nil {
				if !isTimeout(err) {
					return latency{}, fmt.Errorf("%s with %v: %w", q, args(i), err)
				}
				d, length = limit, -2
				if i >= in.Warmup {
					timeouts++
				}
			}
			if i >= in.Warmup {
				lat = append(lat, d)
				if lengths != nil {
					*lengths = append(*lengths, length)
				}
			}
		}
		return summarize(lat, timeouts, limit), nil
	}
	if out.OneHop, err = measure(oneHop, len(in.Seeds), func(i int) map[string]any { return map[string]any{"id": in.Seeds[i]} }, nil); err != nil {
		return err
	}
	if out.TwoHop, err = measure(twoHop, len(in.Seeds), func(i int) map[string]any { return map[string]any{"id": in.Seeds[i]} }, nil); err != nil {
		return err
	}
	if out.Paths, err = measure(paths, len(in.Pairs), func(i int) map[string]any {
		return map[string]any{"from": in.Pairs[i][0], "to": in.Pairs[i][1]}
	}, &out.PathLengths); err != nil {
		return err
	}
	out.PeakRSS = peakRSS()
	out.DBBytes = dirSize(dbDir) + dirSize(dbDir+".wal")
	return json.NewEncoder(os.Stdout).Encode(out)
}

func isTimeout(err error) bool {
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "interrupt") || strings.Contains(s, "timeout") || strings.Contains(s, "time out")
}

func scalar(conn *kuzu.Connection, q string) (int64, error) {
	r, err := conn.Query(q)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	if !r.HasNext() {
		return 0, errors.New("no row")
	}
	t, err := r.Next()
	if err != nil {
		return 0, err
	}
	defer t.Close()
	v, err := t.GetValue(0)
	if err != nil {
		return 0, err
	}
	n, _ := v.(int64)
	return n, nil
}

func summarize(d []time.Duration, timeouts int, limit time.Duration) latency {
	if len(d) == 0 {
		return latency{}
	}
	s := slices.Clone(d)
	slices.Sort(s)
	pct := func(p int) time.Duration {
		i := (len(s)*p + 99) / 100
		return s[max(0, min(len(s)-1, i-1))]
	}
	return latency{N: len(s), P50: pct(50), P99: pct(99), Timeouts: timeouts, Limit: limit}
}

// peakRSS is this process's VmHWM in bytes: Kuzu runs inside it.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb << 10
		}
	}
	return -1
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
