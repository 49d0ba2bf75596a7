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
	// runtime.asyncPreempt is where the profiler's signal finds a goroutine
	// that a preemption request interrupted; the work it stands for cannot
	// be told apart, so it is shown on its own and left out of the shares.
	{unattributed, []string{"runtime.asyncPreempt"}},
	{"SQLite FTS5 indexing and matching", []string{"modernc.org/sqlite/lib._fts5", "modernc.org/sqlite/lib._sqlite3Fts5"}},
	{"SQLite JSON (json_each, ->>)", []string{"modernc.org/sqlite/lib._json"}},
	{"SQLite B-tree, page cache and WAL", []string{"modernc.org/sqlite/lib._sqlite3Btree", "modernc.org/sqlite/lib._balance", "modernc.org/sqlite/lib._pcache",
		"modernc.org/sqlite/lib._sqlite3Pager", "modernc.org/sqlite/lib._wal", "modernc.org/sqlite/lib._getPage", "modernc.org/sqlite/lib._insertCell",
		"modernc.org/sqlite/lib._btree", "modernc.org/sqlite/lib._moveTo", "modernc.org/sqlite/lib._accessPayload", "modernc.org/sqlite/lib._pager",
		"modernc.org/sqlite/lib._fillInCell", "modernc.org/sqlite/lib._unixRead", "modernc.org/sqlite/lib._unixWrite", "modernc.org/sqlite/lib._sqlite3VdbeRecordCompare",
		"modernc.org/sqlite/lib._vdbeRecordCompare", "modernc.org/sqlite/lib._sqlite3PcacheFetch", "modernc.org/sqlite/lib._sqlite3GetVarint",
		"modernc.org/sqlite/lib._subjournal", "modernc.org/sqlite/lib._getAndInitPage", "modernc.org/sqlite/lib._releasePage"}},
	{"SQLite SQL engine (VM, parser, other)", []string{"modernc.org/sqlite/lib."}},
	{"libc in Go under SQLite (memcpy, mutexes, malloc)", []string{"modernc.org/libc", "modernc.org/memory"}},
	{"database/sql and the driver", []string{"database/sql", "modernc.org/sqlite."}},
	{"system calls (file and socket I/O)", []string{"internal/runtime/syscall", "syscall.", "internal/poll", "runtime.futex"}},
	{"GraphQL execution (gqlgen, parser)", []string{"github.com/99designs/gqlgen", "github.com/vektah/gqlparser"}},
	{"dataloaders", []string{"github.com/vikstrous/dataloadgen"}},
	{"encoding/json", []string{"encoding/json"}},
	{"HTTP and network", []string{"net/http", "net.", "bufio", "crypto/tls", "github.com/rs/cors"}},
	{"Go allocation and GC", []string{"runtime.mallocgc", "runtime.gc", "runtime.scan", "runtime.tryDeferToSpanScan", "runtime.greyobject", "runtime.markBits",
		"runtime.(*mspan)", "runtime.(*mheap)", "runtime.memclr", "runtime.nextFreeFast", "runtime.heapSetType", "runtime.(*gcWork)", "runtime.findObject",
		"runtime.wbBuf", "runtime.bulkBarrier", "runtime.(*mcache)", "internal/runtime/gc", "runtime.(*gcBits)", "runtime.spanOf", "runtime.pageIndexOf",
		"runtime.(*spanSet)", "runtime.sweepone", "runtime.(*sweepLocked)", "runtime.markroot", "runtime.typePointers", "runtime.(*mcentral)", "runtime.newobject",
		"runtime.makeslice", "runtime.growslice", "runtime.newarray", "runtime.spanClass", "runtime.madvise", "runtime.arenaIndex", "runtime.bool2int",
		"runtime.(*fixalloc)", "runtime.(*pallocBits)", "runtime.(*spanInlineMarkBits)", "runtime.(*spanScanOwnership)", "runtime.extractHeapBits",
		"runtime.(*lfstack)", "runtime.addb", "runtime.rawstring", "runtime.slicebytetostring", "runtime.concatstring",
		"runtime.(*limiterEvent)", "runtime.(*gcControllerState)", "runtime.wbBufFlush"}},
	{"Go goroutines and stacks (start, growth, scheduling)", []string{"runtime.pcvalue", "runtime.(*unwinder)", "runtime.copystack", "runtime.newstack",
		"runtime.morestack", "runtime.funcInfo", "runtime.step", "runtime.adjust", "runtime.findfunc", "runtime.gopark", "runtime.schedule",
		"runtime.findRunnable", "runtime.newproc", "runtime.gfget", "runtime.gfput", "runtime.stack", "runtime.(*gList)", "runtime.ready", "runtime.runq",
		"runtime.execute", "runtime.mcall", "runtime.park_m", "runtime.goexit", "runtime.casgstatus", "runtime.malg", "runtime.(*_panic)", "runtime.deferreturn",
		"runtime.readvarint", "runtime.pcdatavalue", "runtime.funcspdelta", "runtime.getStackMap", "runtime.goready", "runtime.wakep", "runtime.stealWork",
		"runtime.checkTimers", "runtime.resetspinning", "runtime.lock2", "runtime.unlock2", "runtime.notewakeup", "runtime.(*randomOrder)",
		"runtime.chanrecv", "runtime.chansend", "runtime.selectgo", "runtime.closechan", "runtime.send", "runtime.recv", "runtime.procyield", "runtime.osyield",
		"runtime.(*stkframe)", "runtime.forEachG", "runtime.funcMaxSPDelta", "runtime.(*moduledata)"}},
	{"locks (sync.Mutex: SQLite's own mutexes through libc, database/sql)", []string{"sync.", "internal/sync"}},
	{"Go maps, hashing and memory copies", []string{"runtime.memmove", "runtime.typedmemmove", "internal/runtime/maps", "aeshash", "memeqbody",
		"runtime.mapaccess", "runtime.mapassign", "runtime.mapdelete", "runtime.memequal", "indexbytebody", "runtime.(*hmap)", "runtime.strhash", "runtime.memhash"}},
	{"Go runtime, other", []string{"runtime.", "internal/runtime", "gcWriteBarrier", "context."}},
	{"actorgraph Go code", []string{"github.com/actorgraph/actorgraph"}},
	{"hashing (sha256)", []string{"crypto/"}},
	{"strings, sorting, fmt", []string{"strings.", "sort.", "slices.", "fmt.", "strconv.", "unicode", "bytes."}},
}

const unattributed = "unattributed (runtime.asyncPreempt)"

// profiler runs phases under the CPU profiler and keeps their summaries.
type profiler struct {
	dir       string
	summaries []ProfileSummary
	n         int
}

// focus restricts a phase's summary to stacks through these functions
// (pprof's -focus), e.g. the bulk load to Upsert, leaving out generation.
var phaseFocus = map[string]string{
	"end to end": `loader\.\(\*Loader\)\.LoadPaths|loader\.\(\*Loader\)\.LoadReference`,
	"bulk load":  `graph/sqlitestore\.\(\*Store\)\.Upsert|neo4jstore\.\(\*Store\)\.Upsert|sqlitestore\.\(\*bulkLoad\)`,
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

// summarizeProfile reads `go tool pprof -top` twice: flat time, bucketed
// by where it is spent, and cumulative time of actorgraph's own functions,
// which says which step of an operation costs what.
func summarizeProfile(path, focus string) (ProfileSummary, error) {
	var sum ProfileSummary
	flat, err := pprofTop(path, focus, false)
	if err != nil {
		return sum, err
	}
	shares := map[string]float64{}
	total, all := 0.0, 0.0
	for _, f := range flat {
		b := "other"
		for _, bk := range buckets {
			if slices.ContainsFunc(bk.prefixes, func(p string) bool { return strings.HasPrefix(f.name, p) }) {
				b = bk.name
				break
			}
		}
		shares[b] += f.pct
		all += f.pct
		if b != unattributed {
			total += f.pct
		}
	}
	if total == 0 {
		return sum, fmt.Errorf("empty profile")
	}
	sum.Unattributed = shares[unattributed] / all
	delete(shares, unattributed)
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
	cum, err := pprofTop(path, focus, true)
	if err != nil {
		return sum, err
	}
	for _, f := range cum {
		name, ok := strings.CutPrefix(f.name, "github.com/actorgraph/actorgraph/")
		// Entry points that stand for the whole phase, closures and helpers
		// say nothing about which step costs what.
		// gqlgen's generated marshallers carry mangled type names. The
		// API's field middleware (schema.fastLists) wraps every resolver,
		// so its cumulative share is theirs, not its own.
		if !ok || strings.HasPrefix(name, "bench.") || strings.Contains(name, ".func") || strings.Contains(name, "queryEach") || strings.Contains(name, "ᚗ") ||
			name == "schema.fastLists" ||
			strings.HasSuffix(name, ").exec") || f.pct < 0.05*all || f.pct > 0.9*all {
			continue
		}
		sum.Top = append(sum.Top, fmt.Sprintf("%s %.0f%%", shortName(name), 100*f.pct/all))
		if len(sum.Top) == 8 {
			break
		}
	}
	return sum, nil
}

type pprofLine struct {
	name string
	pct  float64 // flat or cumulative, in percent of the profile
}

// pprofTop runs go tool pprof -top (-cum) and reads its table.
func pprofTop(path, focus string, cum bool) ([]pprofLine, error) {
	// Every node, however small, so that flat times add up to the total.
	args := []string{"tool", "pprof", "-top", "-nodecount=1000000", "-nodefraction=0", "-edgefraction=0"}
	if cum {
		args = append(args, "-cum")
	}
	if focus != "" {
		args = append(args, "-focus="+focus)
	}
	out, err := exec.Command("go", append(args, path)...).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof: %w", err)
	}
	col := 1 // flat%
	if cum {
		col = 4 // cum%
	}
	var lines []pprofLine
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
		pct, err := strconv.ParseFloat(strings.TrimSuffix(f[col], "%"), 64)
		if err != nil {
			continue
		}
		lines = append(lines, pprofLine{strings.Join(f[5:], " "), pct})
	}
	return lines, nil
}

// shortName drops the module path of a function name.
func shortName(n string) string {
	if i := strings.LastIndex(n, "/"); i >= 0 {
		return n[i+1:]
	}
	return n
}
