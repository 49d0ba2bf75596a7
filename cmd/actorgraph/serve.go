package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/data"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/httpserver"
	"github.com/actorgraph/actorgraph/loader"
	"github.com/actorgraph/actorgraph/loader/upload"
	"github.com/actorgraph/actorgraph/schema"
	"github.com/actorgraph/actorgraph/ui"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "", "Serves the graph over HTTP until interrupted (SIGINT or SIGTERM shut it down gracefully).\nAn empty store is first loaded with the embedded demo corpus (three articles), unless --no-demo.\nRoutes: / (the web UI), /graphql (GraphQL, POST or GET), /graphiql/ (GraphiQL), /healthz.")
	var sf storeFlags
	sf.register(fs, e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (host:port; port 0 picks a free one)")
	token := fs.String("token", "", "require this API `token` on every request (Authorization: Bearer TOKEN); env ACTORGRAPH_TOKEN")
	readOnly := fs.Bool("read-only", false, "refuse every write: no demo load, and the store refuses writes")
	var corsOrigins listFlag
	fs.Var(&corsOrigins, "cors-origin", "allow browser calls from this `origin` (repeat for more; default: none, same-origin only)")
	noIntrospection := fs.Bool("no-introspection", false, "turn GraphQL introspection (and so GraphiQL at /graphiql/) off, for a hardened server; it is on by default, the schema being public")
	fs.Bool("dev", false, "no effect, kept so old command lines still run: introspection and GraphiQL (/graphiql/) are on by default")
	noDemo := fs.Bool("no-demo", false, "do not load the demo corpus into an empty store")
	grace := fs.Duration("grace", 10*time.Second, "how long shutdown waits for requests in flight")
	// The UI's "Add a document" fetches URLs on the server: the same guard
	// as `load`, private addresses refused unless --allow-private.
	var ff fetchFlags
	ff.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "actorgraph serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	open := sf.open
	if *readOnly {
		open = sf.openForReading
	}
	store, name, err := open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Info("store opened", "store", name)
	opened := store // before any wrapper, for prepareTraversals
	if *readOnly {
		store = graph.ReadOnly(store)
		logger.Info("read-only: every write is refused")
	}
	if *token == "" {
		*token = e.getenv("ACTORGRAPH_TOKEN")
	}
	tokens, _ := store.(graph.TokenStore)
	named := 0
	if tokens != nil {
		ts, err := tokens.Tokens(ctx)
		if err != nil {
			return err
		}
		named = len(ts)
	}
	switch {
	case *token == "" && named == 0 && !isLoopback(*addr):
		logger.Warn("serving on a non-loopback address without tokens: anyone who can reach it can read the graph, and every change (review, merge, note) is refused; create a token with `actorgraph token add NAME --role editor`", "addr", *addr)
	case *token == "" && named == 0:
		logger.Info("no tokens: requests are the local user, an editor named \"local\" (loopback only)")
	case named > 0:
		logger.Info("named tokens: every request needs one; readers read, editors change", "tokens", named)
	}
	if !*noDemo && !*readOnly {
		if err := loadDemoIfEmpty(ctx, store, logger); err != nil {
			return err
		}
	}
	prepareTraversals(ctx, opened, logger)
	api := schema.Handler(schema.Options{Store: store, Logger: logger, NoIntrospection: *noIntrospection})
	adder, err := loader.New(store, nil)
	if err != nil {
		return err
	}
	adder.Fetcher = ff.fetcher()
	uploads := &upload.Handler{Loader: adder, Timeout: 5 * time.Minute,
		Allowed: addAllowed()}
	h := httpserver.Handler(httpserver.Config{Store: store, StoreName: name, Version: versionString(), Logger: logger,
		Token: *token, CORSOrigins: corsOrigins, Tokens: tokens, Loopback: isLoopback(*addr), ReadOnly: *readOnly,
		Mount: func(mux *http.ServeMux) {
			mux.Handle("/graphql", api)
			mux.Handle("/api/documents", uploads)
			// Saved investigations: both stores keep them. Who may save
			// is who may add documents (an editor); a read-only server
			// lists and opens them only.
			if inv, ok := opened.(graph.InvestigationStore); ok {
				if *readOnly {
					inv = graph.ReadOnlyInvestigations(inv, "this server is read-only (--read-only)")
				}
				httpserver.MountInvestigations(mux, inv, logger, addAllowed())
			}
			// The web UI answers every other path; /graphql and /healthz are
			// more specific patterns, so it never shadows them.
			mux.Handle("/", ui.Handler())
		}})
	if !ui.Built() {
		logger.Warn("this binary has no web UI built in: run `make ui` (or `make run`) to build it")
	}
	return httpserver.Serve(ctx, *addr, h, logger, *grace, func(a net.Addr) {
		logger.Info("listening", "addr", a.String(), "url", "http://"+a.String()+"/")
	})
}

// loadDemoIfEmpty loads the embedded demo corpus into a store that holds no
// document, so a newcomer sees a graph at once.
func loadDemoIfEmpty(ctx context.Context, store graph.Store, logger *slog.Logger) error {
	st, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	if st.Documents > 0 {
		return nil
	}
	l, err := loader.New(store, nil)
	if err != nil {
		return err
	}
	sum, err := l.LoadFS(ctx, data.Demo(), "data/demo")
	if err != nil {
		return fmt.Errorf("loading the demo corpus: %w", err)
	}
	if err := sum.Err(); err != nil {
		return fmt.Errorf("loading the demo corpus: %w: %v", err, sum.Errors)
	}
	if _, err := l.LoadReference(ctx); err != nil {
		return err
	}
	logger.Info("store was empty: loaded the demo corpus", "documents", sum.New.Documents, "nodes", sum.New.Nodes,
		"claims", sum.New.Relationships, "evidence", sum.New.Evidence)
	return nil
}

// listFlag collects a repeatable flag; commas separate values too.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// isLoopback reports whether a listen address only accepts local
// connections.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// preparer is a store that can get ready for traversals ahead of the first
// question (the SQLite store builds its in-memory adjacency).
type preparer interface {
	Prepare(ctx context.Context) (claims int, took time.Duration, err error)
}

// prepareTraversals builds the store's traversal structures in the
// background, logging when they are ready; the server answers meanwhile.
func prepareTraversals(ctx context.Context, store graph.Store, logger *slog.Logger) {
	p, ok := store.(preparer)
	if !ok {
		return
	}
	go func() {
		claims, took, err := p.Prepare(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			logger.Warn("traversals will read the file: the in-memory adjacency could not be built", "err", err)
		case err == nil:
			logger.Info("in-memory adjacency ready", "claims", claims, "took", took.Round(time.Millisecond))
		}
	}()
}

// addAllowed says whether a request may add documents: adding is a change
// like the review mutations, so it is for editors (graph.Author): the
// loopback user without tokens, a named editor or admin token, or --token;
// never a reader, a --read-only server, or a server beyond loopback without
// tokens.
func addAllowed() func(*http.Request) (bool, string) {
	return func(r *http.Request) (bool, string) {
		if _, err := graph.Author(r.Context()); err != nil {
			return false, err.(*graph.Error).Msg
		}
		return true, ""
	}
}
