package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/neo4jstore"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/httpserver"
	"github.com/actorgraph/actorgraph/schema"
	"github.com/actorgraph/actorgraph/schema/vocabsdl"
)

// The server under test serves, through the product's own front door
// (httpserver.Handler, with its middleware):
//
//	/graphql            the GraphQL API as `actorgraph serve` configures it
//	/graphql-shortwait  the same with a 0.1 ms dataloader window, to show
//	                    what the default window costs
//	/plain/...          hand-written JSON handlers returning the same data
//	                    straight from the store: the API's own overhead is
//	                    the difference
//	/bench/profile      CPU profile on demand (start/stop)
//
// Every response carries the store round trips it cost in the trailer
// X-Store-Calls.

const shortLoaderWait = 100 * time.Microsecond

func benchHandler(s graph.Store, storeName string, logger *slog.Logger) http.Handler {
	cs := countingStore{s}
	api := schema.Handler(schema.Options{Store: cs, Logger: logger})
	short := schema.Handler(schema.Options{Store: cs, Logger: logger, LoaderWait: shortLoaderWait})
	var prof struct {
		sync.Mutex
		f *os.File
	}
	h := httpserver.Handler(httpserver.Config{Store: cs, StoreName: storeName, Version: "bench", Logger: logger,
		Mount: func(mux *http.ServeMux) {
			mux.Handle("/graphql", api)
			mux.Handle("/graphql-shortwait", short)
			mux.HandleFunc("GET /plain/neighborhood", func(w http.ResponseWriter, r *http.Request) {
				plainNeighborhood(w, r, cs)
			})
			mux.HandleFunc("GET /plain/attributions", func(w http.ResponseWriter, r *http.Request) {
				plainAttributions(w, r, cs)
			})
			mux.HandleFunc("POST /bench/profile", func(w http.ResponseWriter, r *http.Request) {
				prof.Lock()
				defer prof.Unlock()
				if path := r.URL.Query().Get("start"); path != "" {
					f, err := os.Create(path)
					if err == nil {
						err = pprof.StartCPUProfile(f)
					}
					if err != nil {
						http.Error(w, err.Error(), http.StatusInternalServerError)
						return
					}
					prof.f = f
					return
				}
				if prof.f != nil {
					pprof.StopCPUProfile()
					prof.f.Close()
					prof.f = nil
				}
			})
		}})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, n := withCallCounter(r.Context())
		w.Header().Set("Trailer", "X-Store-Calls")
		h.ServeHTTP(w, r.WithContext(ctx))
		w.Header().Set("X-Store-Calls", strconv.FormatInt(n.Load(), 10))
	})
}

// The plain handlers answer the benchmark's two GraphQL queries with the
// same JSON, calling the store directly.

type plainNode struct {
	ID   string `json:"id"`
	Kind string `json:"kind,omitempty"`
	Name string `json:"name,omitempty"`
}

type plainRel struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Confidence float64   `json:"confidence"`
	From       plainNode `json:"from"`
	To         plainNode `json:"to"`
}

func plainNeighborhood(w http.ResponseWriter, r *http.Request, s graph.Store) {
	sub, err := s.Neighborhood(r.Context(), graph.NeighborhoodQuery{Seeds: []string{r.URL.Query().Get("id")},
		Depth: httpDepth, PerNode: httpPerNode, Limit: httpFirst})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var out struct {
		Data struct {
			Neighborhood struct {
				Nodes     []plainNode `json:"nodes"`
				Relations []plainRel  `json:"relations"`
				Truncated bool        `json:"truncated"`
			} `json:"neighborhood"`
		} `json:"data"`
	}
	nb := &out.Data.Neighborhood
	nb.Nodes, nb.Relations, nb.Truncated = []plainNode{}, []plainRel{}, sub.Truncated
	for _, n := range sub.Nodes {
		nb.Nodes = append(nb.Nodes, plainNode{n.ID, vocabsdl.ScreamingCase(string(n.Kind)), n.Name})
	}
	for _, rel := range sub.Relationships {
		nb.Relations = append(nb.Relations, plainRel{rel.ID, string(rel.Type), rel.Confidence, plainNode{ID: rel.From}, plainNode{ID: rel.To}})
	}
	writeJSON(w, out)
}

type plainEvidence struct {
	Quote    string `json:"quote"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Document struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"document"`
}

type plainAttribution struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Modality string          `json:"modality"`
	By       []plainNode     `json:"by"`
	Blames   []plainNode     `json:"blames"`
	BackedBy []plainNode     `json:"backedBy"`
	Evidence []plainEvidence `json:"evidence"`
}

// plainAttributions answers attributions(operation: op) the way a
// hand-written endpoint would: the attributions concerning op, their
// claims of the three types asked for, the nodes at their other ends,
// their evidence and its documents; six store calls.
func plainAttributions(w http.ResponseWriter, r *http.Request, s graph.Store) {
	ctx := r.Context()
	fail := func(err error) { http.Error(w, err.Error(), http.StatusInternalServerError) }
	concerns, err := allRelationships(ctx, s, []string{r.URL.Query().Get("op")}, graph.Incoming, graph.RelConcerns)
	if err != nil {
		fail(err)
		return
	}
	var ids []string
	for _, c := range concerns {
		ids = append(ids, c.From)
	}
	attrs, err := s.Nodes(ctx, ids)
	if err != nil {
		fail(err)
		return
	}
	rels, err := allRelationships(ctx, s, ids, graph.Both, graph.RelAttributed, graph.RelBlames, graph.RelBacked)
	if err != nil {
		fail(err)
		return
	}
	var ends []string
	for _, rel := range rels {
		ends = append(ends, rel.From, rel.To)
	}
	endNodes, err := s.Nodes(ctx, ends)
	if err != nil {
		fail(err)
		return
	}
	names := map[string]string{}
	for _, n := range endNodes {
		names[n.ID] = n.Name
	}
	ev, err := s.Evidence(ctx, ids)
	if err != nil {
		fail(err)
		return
	}
	var docIDs []string
	for _, es := range ev {
		for _, e := range es {
			docIDs = append(docIDs, e.DocumentID)
		}
	}
	docs, err := s.Documents(ctx, docIDs)
	if err != nil {
		fail(err)
		return
	}
	titles := map[string]string{}
	for _, d := range docs {
		titles[d.ID] = d.Title
	}
	var out struct {
		Data struct {
			Attributions struct {
				Nodes []plainAttribution `json:"nodes"`
			} `json:"attributions"`
		} `json:"data"`
	}
	out.Data.Attributions.Nodes = []plainAttribution{}
	for _, a := range attrs {
		pa := plainAttribution{ID: a.ID, Name: a.Name, Modality: "ASSERTED", By: []plainNode{}, Blames: []plainNode{}, BackedBy: []plainNode{}, Evidence: []plainEvidence{}}
		if m := a.Props["modality"]; m != "" {
			pa.Modality = vocabsdl.ScreamingCase(m) // as the API spells it
		}
		for _, rel := range rels {
			switch {
			case rel.Type == graph.RelAttributed && rel.To == a.ID:
				pa.By = append(pa.By, plainNode{ID: rel.From, Name: names[rel.From]})
			case rel.Type == graph.RelBlames && rel.From == a.ID:
				pa.Blames = append(pa.Blames, plainNode{ID: rel.To, Name: names[rel.To]})
			case rel.Type == graph.RelBacked && rel.To == a.ID:
				pa.BackedBy = append(pa.BackedBy, plainNode{ID: rel.From, Name: names[rel.From]})
			}
		}
		for _, e := range ev[a.ID] {
			pe := plainEvidence{Quote: e.Quote, Start: e.Start, End: e.End}
			pe.Document.ID, pe.Document.Title = e.DocumentID, titles[e.DocumentID]
			pa.Evidence = append(pa.Evidence, pe)
		}
		out.Data.Attributions.Nodes = append(out.Data.Attributions.Nodes, pa)
	}
	writeJSON(w, out)
}

// allRelationships pages through the claims of the given types touching ids.
func allRelationships(ctx context.Context, s graph.Store, ids []string, dir graph.Direction, types ...graph.RelType) ([]graph.Relationship, error) {
	var all []graph.Relationship
	after := ""
	for {
		page, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: ids, Direction: dir,
			Filter: graph.Filter{Types: types}, First: graph.MaxPage, After: after})
		if err != nil {
			return nil, err
		}
		all = append(all, page.Relationships...)
		if !page.HasMore {
			return all, nil
		}
		after = page.EndCursor
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// storeSpec says which store a server opens.
type storeSpec struct {
	Kind string // sqlite or neo4j
	DB   string // the SQLite file
}

func openStore(ctx context.Context, sp storeSpec) (graph.Store, string, error) {
	switch sp.Kind {
	case "sqlite":
		s, err := sqlitestore.Open(ctx, sp.DB)
		if err != nil {
			return nil, "", err
		}
		// Ready for traversals before the first request, as `actorgraph
		// serve` is a few seconds after it starts.
		if _, _, err := s.Prepare(ctx); err != nil {
			s.Close()
			return nil, "", err
		}
		return s, "sqlite " + sp.DB, nil
	case "neo4j":
		s, err := neo4jstore.Open(ctx, neo4jConfig())
		return s, "neo4j", err
	}
	return nil, "", fmt.Errorf("unknown store %q", sp.Kind)
}

func neo4jConfig() neo4jstore.Config {
	env := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	return neo4jstore.Config{URI: os.Getenv("NEO4J_URI"), User: env("NEO4J_USER", "neo4j"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: env("NEO4J_DATABASE", "neo4j")}
}

// serveChild is the server process: it opens the store, serves on a free
// loopback port, prints the address on stdout and runs until its stdin
// closes (so it cannot outlive the harness).
func serveChild(sp storeSpec) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, name, err := openStore(ctx, sp)
	if err != nil {
		return err
	}
	defer s.Close()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	return httpserver.Serve(ctx, "127.0.0.1:0", benchHandler(s, name, logger), logger, 5*time.Second, func(a net.Addr) {
		fmt.Println(a.String())
	})
}

// server is a running server under test.
type server struct {
	URL  string
	pid  int // 0 when in-process
	stop func() error
}

// startServer runs the server in a child process (the harness's own binary
// with -serve), so its peak memory is its own and not the generator's.
// inProcess serves from this process instead, for the smoke test.
func startServer(ctx context.Context, sp storeSpec, inProcess bool) (*server, error) {
	if inProcess {
		s, name, err := openStore(ctx, sp)
		if err != nil {
			return nil, err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, err
		}
		hs := &http.Server{Handler: benchHandler(s, name, slog.New(slog.NewTextHandler(io.Discard, nil)))}
		go hs.Serve(ln)
		return &server{URL: "http://" + ln.Addr().String(), stop: func() error {
			return errors.Join(hs.Close(), s.Close())
		}}, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-serve", "-serve-store", sp.Kind, "-serve-db", sp.DB)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the server: %w", err)
	}
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		stdin.Close()
		cmd.Wait()
		return nil, fmt.Errorf("the server did not start: %w", err)
	}
	return &server{URL: "http://" + addr[:len(addr)-1], pid: cmd.Process.Pid, stop: func() error {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			return errors.New("the server did not stop; killed")
		}
	}}, nil
}
