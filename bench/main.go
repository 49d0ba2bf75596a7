// Command bench is actorgraph's performance harness. For each scale it
// generates a synthetic graph (bench/synth), bulk-loads it into the
// embedded store through Store.Upsert, asks the store neighbourhood, path
// and search questions, serves it (GraphQL and a plain JSON handler) from a
// child process and drives it with a bounded load client, then asks the
// same questions of two peers: naive recursive CTEs over the same SQLite
// file, and Kuzu (bench/kuzu, its own module) loaded with the same graph.
// With NEO4J_URI set, the Neo4j store is measured too.
//
// It prints one table per scale, saves each scale's figures as
// bench/results/SCALE.json and renders bench/RESULTS.md from all of them.
//
//	go run ./bench -scale 10k
//	go run ./bench -scale 10k,100k
//	make bench SCALES="10k 100k 1m"
//
// Figures are reported, never asserted: a shared or busy machine makes them
// slower, and the results file records the load average beside them.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4jstore"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
)

// options are the harness's flags.
type options struct {
	scales        []string
	seed          uint64
	relsPerNode   int
	work          string
	keep          bool
	resultsDir    string
	out           string
	save          bool
	command       string
	kuzu          bool
	kuzuDir       string
	naive         bool
	profile       bool
	inProcess     bool
	apiOnly       bool
	loadOnly      bool
	perDocument   bool
	batchDocs     int
	hopSamples    int
	pathSamples   int
	searchSamples int
	claimSamples  int
	warmup        int
	naiveHops     int
	naivePaths    int
	naiveLimit    time.Duration
	searchLimit   time.Duration
	kuzuLimit     time.Duration
	clients       []int
	httpWarm      time.Duration
	httpDur       time.Duration
	httpRounds    int
	roundTripN    int
	progress      func(string)
	stdout        io.Writer // where the tables are printed
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	var o options
	var scales, clients string
	serve := flag.Bool("serve", false, "internal: run as the server under test")
	serveStore := flag.String("serve-store", "sqlite", "internal: the store the server opens (sqlite or neo4j)")
	serveDB := flag.String("serve-db", "", "internal: the SQLite file the server opens")
	flag.StringVar(&scales, "scale", "10k", "comma-separated scales: 10k, 100k, 1m or a number of nodes; articles-100k (or articles-N) loads that many generated articles end to end")
	flag.Uint64Var(&o.seed, "seed", 1, "generator seed")
	flag.IntVar(&o.relsPerNode, "rels-per-node", 10, "claims per node")
	flag.StringVar(&o.work, "work", os.TempDir(), "directory for the databases, CSV files and profiles")
	flag.BoolVar(&o.keep, "keep", false, "keep the work files (databases, CSV, profiles)")
	flag.StringVar(&o.resultsDir, "results", "", "directory of the per-scale JSON results (default bench/results)")
	flag.StringVar(&o.out, "out", "", "results file to render (default bench/RESULTS.md)")
	flag.BoolVar(&o.save, "save", true, "save the results and render the results file")
	flag.StringVar(&o.command, "command", "", "the command to record in the results (default: this one)")
	flag.BoolVar(&o.kuzu, "kuzu", true, "measure the Kuzu peer (needs cgo and a C compiler)")
	flag.StringVar(&o.kuzuDir, "kuzu-dir", "", "directory of the Kuzu peer module (default bench/kuzu)")
	flag.BoolVar(&o.naive, "naive", true, "measure the naive recursive-CTE peer")
	flag.BoolVar(&o.profile, "profile", true, "profile each phase and summarise where the time goes")
	flag.IntVar(&o.batchDocs, "batch-docs", 500, "documents per Upsert in the bulk load (about 20 claims each)")
	flag.IntVar(&o.hopSamples, "hop-samples", 1000, "neighbourhood questions per depth")
	flag.IntVar(&o.pathSamples, "path-samples", 300, "path questions")
	flag.IntVar(&o.searchSamples, "search-samples", 300, "search questions")
	flag.IntVar(&o.claimSamples, "claim-samples", 200, "questions of each kind of claims(where:) and attributions(blamed:, includeParts:) (a tenth of them, at least 5, of claimCounts)")
	flag.IntVar(&o.warmup, "warmup", 100, "unmeasured questions first")
	flag.IntVar(&o.naiveHops, "naive-hops", 200, "neighbourhood questions for the naive peer")
	flag.IntVar(&o.naivePaths, "naive-paths", 30, "path questions for the naive peer")
	flag.DurationVar(&o.naiveLimit, "naive-timeout", 2*time.Second, "time limit of one naive question")
	flag.DurationVar(&o.searchLimit, "search-timeout", 10*time.Second, "time limit of one full-text search (0: none)")
	flag.DurationVar(&o.kuzuLimit, "kuzu-timeout", 5*time.Second, "time limit of one Kuzu question")
	flag.StringVar(&clients, "clients", "1,8,32", "concurrent API clients of each load run")
	flag.DurationVar(&o.httpWarm, "http-warmup", time.Second, "unmeasured start of each load run")
	flag.DurationVar(&o.httpDur, "http-duration", 6*time.Second, "measured time of each API at each number of clients, in -http-rounds slices")
	flag.IntVar(&o.httpRounds, "http-rounds", 12, "rounds of interleaved slices (every API of a question once each) the measured time is cut into")
	flag.IntVar(&o.roundTripN, "round-trip-requests", 200, "requests whose store calls are counted, per query and API")
	render := flag.Bool("render", false, "only render the results file from the saved results, run nothing")
	flag.BoolVar(&o.inProcess, "in-process", false, "serve from this process instead of a child (for tests; memory figures then include the harness)")
	flag.BoolVar(&o.loadOnly, "load-only", false, "only load the graph into SQLite and print the load's figures; saves nothing")
	flag.BoolVar(&o.perDocument, "per-document", false, "load with one Upsert transaction per batch instead of the store's bulk path")
	flag.BoolVar(&o.apiOnly, "api-only", false, "load the graph and measure only the API (no store questions, no peers); prints the tables and saves nothing")
	flag.Parse()
	if *serve {
		if err := serveChild(storeSpec{Kind: *serveStore, DB: *serveDB}); err != nil {
			log.Fatal(err)
		}
		return
	}
	for _, s := range strings.FieldsFunc(scales, func(r rune) bool { return r == ',' || r == ' ' }) {
		o.scales = append(o.scales, s)
	}
	for _, c := range strings.Split(clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			log.Fatalf("-clients: %q is not a number of clients", c)
		}
		o.clients = append(o.clients, n)
	}
	if *render {
		root, err := moduleRoot()
		if err != nil {
			log.Fatal(err)
		}
		if err := renderResultsFile(filepath.Join(root, "bench", "results"), filepath.Join(root, "bench", "RESULTS.md")); err != nil {
			log.Fatal(err)
		}
		return
	}
	if o.command == "" {
		o.command = "go run ./bench " + strings.Join(os.Args[1:], " ")
	}
	if o.apiOnly || o.loadOnly {
		// A partial run must not overwrite a scale's saved figures.
		o.save, o.naive, o.kuzu = false, false, false
	}
	o.progress = func(s string) { log.Print(s) }
	o.stdout = os.Stdout
	// On a signal the run stops cleanly: the server child exits with its
	// stdin, the work files are removed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, o options) error {
	root, err := moduleRoot()
	if err != nil && (o.save && (o.resultsDir == "" || o.out == "") || o.kuzu && o.kuzuDir == "") {
		return err
	}
	if o.resultsDir == "" {
		o.resultsDir = filepath.Join(root, "bench", "results")
	}
	if o.out == "" {
		o.out = filepath.Join(root, "bench", "RESULTS.md")
	}
	if o.kuzuDir == "" {
		o.kuzuDir = filepath.Join(root, "bench", "kuzu")
	}
	for _, given := range o.scales {
		if n, ok, err := parseArticles(given); ok {
			if err != nil {
				return err
			}
			if err := runArticlesScale(ctx, o, n); err != nil {
				return fmt.Errorf("scale %s: %w", given, err)
			}
			continue
		}
		nodes, err := parseScale(given)
		if err != nil {
			return err
		}
		sc := scaleName(nodes)
		res, err := runScale(ctx, o, sc, nodes)
		if errors.Is(err, errLoadOnly) {
			continue
		}
		if err != nil {
			return fmt.Errorf("scale %s: %w", sc, err)
		}
		fmt.Fprintln(o.stdout, renderScale(res))
		if o.save {
			if err := saveResult(o.resultsDir, res); err != nil {
				return err
			}
			if err := renderResultsFile(o.resultsDir, o.out); err != nil {
				return err
			}
			o.progress(fmt.Sprintf("wrote %s and %s", filepath.Join(o.resultsDir, scaleFile(res.Scale)), o.out))
		}
	}
	return nil
}

// runArticlesScale runs, prints and saves one end-to-end scale.
func runArticlesScale(ctx context.Context, o options, n int) error {
	res, err := runArticles(ctx, o, n)
	if err != nil {
		return err
	}
	fmt.Fprintln(o.stdout, renderArticles(res))
	if !o.save {
		return nil
	}
	if err := saveArticles(o.resultsDir, res); err != nil {
		return err
	}
	if err := renderResultsFile(o.resultsDir, o.out); err != nil {
		return err
	}
	o.progress(fmt.Sprintf("wrote %s and %s", filepath.Join(o.resultsDir, articlesFile(res.Scale)), o.out))
	return nil
}

// errLoadOnly ends a scale after its load (-load-only).
var errLoadOnly = errors.New("only the load was asked for")

// parseScale reads 10k, 100k, 1m or a plain number of nodes.
func parseScale(s string) (int, error) {
	mult := 1
	t := strings.ToLower(s)
	switch {
	case strings.HasSuffix(t, "k"):
		mult, t = 1_000, strings.TrimSuffix(t, "k")
	case strings.HasSuffix(t, "m"):
		mult, t = 1_000_000, strings.TrimSuffix(t, "m")
	}
	n, err := strconv.Atoi(t)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("scale %q is not 10k, 100k, 1m or a number of nodes", s)
	}
	return n * mult, nil
}

// scaleName is the canonical name of a scale: 10k, 100k, 1M, or the
// number of nodes.
func scaleName(nodes int) string {
	switch {
	case nodes%1_000_000 == 0:
		return strconv.Itoa(nodes/1_000_000) + "M"
	case nodes%1_000 == 0:
		return strconv.Itoa(nodes/1_000) + "k"
	}
	return strconv.Itoa(nodes)
}

// moduleRoot finds the actorgraph module's root from the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(b), "module github.com/actorgraph/actorgraph\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the harness from inside the actorgraph module (go run ./bench)")
		}
		dir = parent
	}
}

func runScale(ctx context.Context, o options, scale string, nodes int) (*ScaleResult, error) {
	start := time.Now()
	res := &ScaleResult{Scale: scale, Command: o.command, Date: start.UTC(), Machine: readMachine(), Commit: sourceCommit()}
	res.LoadAvg[0] = loadAverage()
	work, err := os.MkdirTemp(o.work, "actorgraph-bench-"+scale+"-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		o.progress("work files in " + work)
	} else {
		defer os.RemoveAll(work)
	}
	var prof *profiler
	if o.profile {
		prof = &profiler{dir: work}
	}
	cfg := synth.Config{Seed: o.seed, Nodes: nodes, RelsPerNode: o.relsPerNode}

	// The embedded store: bulk load, then the questions.
	dbPath := filepath.Join(work, "actorgraph.db")
	s, err := sqlitestore.Open(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	gen := synth.New(cfg)
	sr := StoreResult{Name: "actorgraph (SQLite)"}
	o.progress(fmt.Sprintf("%s: generating and loading %s nodes, %s claims into SQLite", scale, humanInt(nodes), humanInt(nodes*o.relsPerNode)))
	var docs int
	err = prof.run("bulk load", func() error {
		var err error
		sr.Load, docs, err = bulkLoad(ctx, s, gen, o.batchDocs, 10_000, o.perDocument, o.progress)
		return err
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	o.progress(fmt.Sprintf("%s: loaded %s claims in %.0f s (%.0f claims/s)", scale, humanInt(sr.Load.Claims), sr.Load.Seconds, sr.Load.ClaimsPerSec()))
	if o.loadOnly {
		if prof != nil && len(prof.summaries) > 0 {
			o.progress("where the load's CPU goes:" + prof.summaries[0].brief())
		}
		if fi, err := os.Stat(dbPath); err == nil {
			o.progress(fmt.Sprintf("%s: SQLite file %d MiB", scale, fi.Size()>>20))
		}
		return nil, errors.Join(s.Close(), errLoadOnly)
	}
	o.progress(scale + ": building the in-memory adjacency")
	claims, took, err := s.Prepare(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	sr.Adjacency = &PrepareResult{Seconds: took.Seconds(), Claims: claims}
	o.progress(fmt.Sprintf("%s: adjacency of %s claims built in %.1f s", scale, humanInt(claims), took.Seconds()))
	res.Graph = graphInfo(ctx, s, gen, docs, o.seed)
	q := makeQueries(gen, o.seed, o.hopSamples, o.pathSamples, o.searchSamples, o.warmup)
	q.SearchLimit = o.searchLimit
	entities, countries := gen.Nodes, gen.ByKind[graph.KindCountry]
	gen = nil // the claim set is no longer needed
	if !o.apiOnly {
		o.progress(scale + ": asking the store")
		if err := measureStore(ctx, s, q, &sr, prof.run, o.progress); err != nil {
			s.Close()
			return nil, err
		}
		o.progress(scale + ": claims by filter and counts")
		if sr.Claims, err = measureClaimQuestions(ctx, s, entities, countries, o.claimSamples, q.Warmup, o.seed, o.progress); err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(dbPath); err == nil {
		res.Graph.DBBytes = fi.Size()
	}
	o.progress(scale + ": the API under load")
	if err := measureServer(ctx, o, storeSpec{Kind: "sqlite", DB: dbPath}, q, &sr, prof, work); err != nil {
		return nil, err
	}
	sr.HarnessRSS = peakRSS(0)

	// The peers.
	if o.naive {
		o.progress(scale + ": the naive recursive-CTE peer")
		res.Naive, err = measureNaive(ctx, dbPath, q, o.naiveHops, o.naivePaths, o.naiveLimit)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			peerFailed(o, &res.Notes, "naive CTE", err)
		}
	} else {
		res.Notes = append(res.Notes, "The naive CTE peer was not run (-naive=false).")
	}
	if o.kuzu {
		o.progress(scale + ": the Kuzu peer (export, load, questions)")
		err := exportCSV(ctx, dbPath, work)
		if err == nil {
			res.Kuzu, err = runKuzu(ctx, o.kuzuDir, work, q, o.kuzuLimit, res.Graph.Claims, res.Machine.MemTotal)
		}
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil:
			peerFailed(o, &res.Notes, "Kuzu", err)
		default:
			sr.Agreement = agree(sr.pathLengths, res.Kuzu.PathLengths)
		}
	} else {
		res.Notes = append(res.Notes, "The Kuzu peer was not run (-kuzu=false).")
	}
	res.Stores = append(res.Stores, sr)

	// Neo4j, when there is one.
	if o.apiOnly {
		res.Notes = append(res.Notes, "Only the API was measured (-api-only).")
	} else if os.Getenv("NEO4J_URI") == "" {
		note := "Neo4j: not measured, NEO4J_URI is not set (see README, \"Run on Neo4j\")."
		o.progress(note)
		res.Notes = append(res.Notes, note)
	} else {
		o.progress(scale + ": the Neo4j store")
		nr, note, err := measureNeo4j(ctx, o, cfg, q, prof, work)
		if err != nil {
			return nil, err
		}
		if note != "" {
			res.Notes = append(res.Notes, note)
		}
		if nr != nil {
			res.Stores = append(res.Stores, *nr)
		}
	}
	if prof != nil {
		res.Profiles = prof.summaries
	}
	res.LoadAvg[1] = loadAverage()
	res.Duration = time.Since(start).Seconds()
	return res, nil
}

// measureServer starts the server under test on spec, runs the API
// questions against it and records its peak memory.
func measureServer(ctx context.Context, o options, spec storeSpec, q queries, sr *StoreResult, prof *profiler, work string) error {
	srv, err := startServer(ctx, spec, o.inProcess)
	if err != nil {
		return err
	}
	var serverProfile func(string, func() error) error
	if prof != nil && !o.inProcess {
		serverProfile = func(phase string, fn func() error) error {
			prof.n++
			path := fmt.Sprintf("%s/cpu-%02d-server.pprof", work, prof.n)
			if err := post(srv.URL + "/bench/profile?start=" + path); err != nil {
				return fn()
			}
			ferr := fn()
			if err := post(srv.URL + "/bench/profile"); err == nil {
				prof.add(phase, path)
			}
			return ferr
		}
	}
	err = measureHTTP(ctx, srv, q, sr, o.clients, o.httpWarm, o.httpDur, o.httpRounds, o.roundTripN, serverProfile)
	sr.ServerPeak = peakRSS(srv.pid)
	return errors.Join(err, srv.stop())
}

// measureNeo4j runs the same load and questions on the Neo4j store. It
// refuses to load into a database that holds anything: the harness must
// never mix its graph with someone's data.
func measureNeo4j(ctx context.Context, o options, cfg synth.Config, q queries, prof *profiler, work string) (*StoreResult, string, error) {
	s, err := neo4jstore.Open(ctx, neo4jConfig())
	if err != nil {
		return nil, "", fmt.Errorf("opening Neo4j: %w", err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return nil, "", fmt.Errorf("neo4j: %w", err)
	}
	if st.TotalNodes() > 0 {
		return nil, fmt.Sprintf("Neo4j: not measured, the database already holds %d nodes; point NEO4J_DATABASE at an empty one.", st.TotalNodes()), nil
	}
	sr := StoreResult{Name: "actorgraph (Neo4j)"}
	gen := synth.New(cfg)
	sr.Load, _, err = bulkLoad(ctx, s, gen, o.batchDocs, 10_000, o.perDocument, o.progress)
	if err != nil {
		return nil, "", fmt.Errorf("neo4j: %w", err)
	}
	if err := measureStore(ctx, s, q, &sr, nil, o.progress); err != nil {
		return nil, "", fmt.Errorf("neo4j: %w", err)
	}
	if err := measureServer(ctx, o, storeSpec{Kind: "neo4j"}, q, &sr, nil, work); err != nil {
		return nil, "", fmt.Errorf("neo4j: %w", err)
	}
	return &sr, "Neo4j: server memory is the Go server's only; Neo4j's own process is not measured.", nil
}

// graphInfo describes the loaded graph, with its degree distribution read
// back from the store.
func graphInfo(ctx context.Context, s graph.Store, gen *synth.Generator, docs int, seed uint64) GraphInfo {
	gi := GraphInfo{Seed: seed, Nodes: len(gen.Nodes) + len(gen.Attributions), Attributions: len(gen.Attributions),
		Claims: gen.Claims, Evidence: gen.Evidence, Documents: docs, ByKind: map[string]int{}}
	if st, err := s.Stats(ctx); err == nil {
		for k, n := range st.Nodes {
			gi.ByKind[string(k)] = n
		}
	}
	if ss, ok := s.(*sqlitestore.Store); ok {
		gi.MaxDegree, gi.MedianDegree = degrees(ctx, ss.Path())
	}
	return gi
}

func post(url string) error {
	resp, err := httpPost(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	return nil
}

func scaleFile(scale string) string { return strings.ToLower(scale) + ".json" }

// sourceCommit names the commit the harness runs from, so each section of
// the results file says which code it measured.
func sourceCommit() string {
	out, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output()
	if err != nil {
		return ""
	}
	commit := strings.TrimSpace(string(out))
	// The harness's own outputs are tracked files it rewrites after each
	// scale; they are not changes to the code measured.
	if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results", ":!bench/RESULTS.md").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		commit += " + changes"
	}
	return commit
}

// peerFailed records a peer that could not answer in the results' notes, so
// the store's own figures, which took the longest to gather (an hour and a
// half of loading at 1M nodes), are saved all the same.
func peerFailed(o options, notes *[]string, peer string, err error) {
	note := fmt.Sprintf("The %s peer failed, and is left out: %v.", peer, strings.TrimSpace(err.Error()))
	o.progress(note)
	*notes = append(*notes, note)
}
