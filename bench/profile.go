package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
)

// Phases are profiled with the CPU profiler and the profile is bucketed by
// where the time went, so the results can say what limits a figure
// without anyone reading a profile by hand. The raw profiles stay in the
// work directory (kept with -keep) for `go tool pprof`.

// buckets name the parts of the stack a phase may spend its CPU in; the
// first prefix that matches a function wins.
var buckets = []struct {
	name     string
	prefixes []string
}{
	{"SQLite FTS5 indexing and matching", []string{"modernc.org/sqlite/lib._fts5", "modernc.org/sqlite/lib._sqlite3Fts5"}},
	{"SQLite JSON (json_each, ->>)", []string{"modernc.org/sqlite/lib._json"}},
	{"SQLite B-tree, pager and WAL", []string{"modernc.org/sqlite/lib._sqlite3Btree", "modernc.org/sqlite/lib._balance", "modernc.org/sqlite/lib._pcache",
		"modernc.org/sqlite/lib._sqlite3Pager", "modernc.org/sqlite/lib._wal", "modernc.org/sqlite/lib._getPage", "modernc.org/sqlite/lib._insertCell",
		"modernc.org/sqlite/lib._btree", "modernc.org/sqlite/lib._moveTo", "modernc.org/sqlite/lib._accessPayload", "modernc.org/sqlite/lib._pager",
		"modernc.org/sqlite/lib._fillInCell", "modernc.org/sqlite/lib._unixRead", "modernc.org/sqlite/lib._unixWrite", "modernc.org/sqlite/lib._sqlite3VdbeRecordCompare",
		"modernc.org/sqlite/lib._vdbeRecordCompare", "modernc.org/sqlite/lib._sqlite3PcacheFetch"}},
	{"SQLite SQL engine (VM, parser, other)", []string{"modernc.org/sqlite/lib."}},
	{"C runtime shims (memcpy, malloc)", []string{"modernc.org/libc", "modernc.org/memory"}},
	{"database/sql and the driver", []string{"database/sql", "modernc.org/sqlite."}},
	{"GraphQL execution (gqlgen, parser)", []string{"github.com/99designs/gqlgen", "github.com/vektah/gqlparser"}},
	{"dataloaders", []string{"github.com/vikstrous/dataloadgen"}},
	{"encoding/json", []string{"encoding/json"}},
	{"HTTP, network and syscalls", []string{"net/http", "net.", "internal/poll", "syscall.", "internal/runtime/syscall", "bufio", "crypto/tls"}},
	{"Go runtime (GC, scheduler, maps)", []string{"runtime.", "internal/runtime", "aeshash", "memeqbody", "indexbytebody", "gcWriteBarrier", "sync.", "internal/sync"}},
	{"actorgraph Go code", []string{"github.com/actorgraph/actorgraph"}},
	{"hashing (sha256)", []string{"crypto/"}},
	{"strings, sorting, fmt", []string{"strings.", "sort.", "slices.", "fmt.", "strconv.", "unicode", "bytes."}},
}

// profiler runs phases under the CPU profiler and keeps their summaries.
type profiler struct {
	dir       string
	summaries []ProfileSummary
	n         int
}

// focus restricts a phase's summary to stacks through these functions
// (pprof's -focus), e.g. the bulk load to Upsert, leaving out generation.
var phaseFocus = map[string]string{
	"bulk load": `graph/sqlitestore\.\(\*Store\)\.Upsert|neo4jstore\.\(\*Store\)\.Upsert`,
}

// run profiles this process while fn runs.
func (p *profiler) run(phase string, fn func() error) error {
	if p == nil {
		return fn()
	}
	p.n++
	path := fmt.Sprintf("%s/cpu-%02d.pprof", p.dir, p.n)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fn() // another profile is running; measure without
	}
	ferr := fn()
	pprof.StopCPUProfile()
	f.Close()
	p.add(phase, path)
	return ferr
}

// add summarises a profile file.
func (p *profiler) add(phase, path string) {
	sum, err := summarizeProfile(path, phaseFocus[phase])
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: summarising the profile of %s: %v\n", phase, err)
		return
	}
	sum.Phase = phase
	p.summaries = append(p.summaries, sum)
}

// summarizeProfile reads `go tool pprof -top` and buckets flat time.
func summarizeProfile(path, focus string) (ProfileSummary, error) {
	args := []string{"tool", "pprof", "-top", "-nodecount=100000"}
	if focus != "" {
		args = append(args, "-focus="+focus)
	}
	out, err := exec.Command("go", append(args, path)...).Output()
	if err != nil {
		return ProfileSummary{}, fmt.Errorf("go tool pprof: %w", err)
	}
	var sum ProfileSummary
	shares := map[string]float64{}
	type fn struct {
		name string
		flat float64
	}
	var fns []fn
	inTable := false
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) >= 5 && f[0] == "flat" {
			inTable = true
			continue
		}
		if !inTable || len(f) < 6 {
			continue
		}
		flat, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
		if err != nil {
			continue
		}
		name := strings.Join(f[5:], " ")
		fns = append(fns, fn{name, flat})
		b := "other"
		for _, bk := range buckets {
			if slices.ContainsFunc(bk.prefixes, func(p string) bool { return strings.HasPrefix(name, p) }) {
				b = bk.name
				break
			}
		}
		shares[b] += flat
	}
	total := 0.0
	for _, v := range shares {
		total += v
	}
	if total == 0 {
		return sum, fmt.Errorf("empty profile")
	}
	for name, v := range shares {
		sum.Buckets = append(sum.Buckets, Bucket{name, v / total})
	}
	slices.SortFunc(sum.Buckets, func(a, b Bucket) int {
		if a.Share != b.Share {
			if a.Share > b.Share {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	slices.SortStableFunc(fns, func(a, b fn) int {
		switch {
		case a.flat > b.flat:
			return -1
		case a.flat < b.flat:
			return 1
		}
		return 0
	})
	for _, f := range fns[:min(6, len(fns))] {
		sum.Top = append(sum.Top, fmt.Sprintf("%s %.0f%%", shortName(f.name), 100*f.flat/total))
	}
	return sum, nil
}

// shortName drops the module path of a function name.
func shortName(n string) string {
	if i := strings.LastIndex(n, "/"); i >= 0 {
		return n[i+1:]
	}
	return n
}
