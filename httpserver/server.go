// Package httpserver is actorgraph's HTTP front door: the routes (/healthz,
// and the API and UI as they arrive), the security headers every response
// carries, request limits, and graceful shutdown. It knows graph.Store and
// nothing about which backend sits behind it.
package httpserver

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/rs/cors"

	"github.com/actorgraph/actorgraph/graph"
)

// Config is what the server needs.
type Config struct {
	Store graph.Store
	// StoreName says which store serves ("sqlite ./actorgraph.db"), for
	// /healthz and the start-up log.
	StoreName string
	Version   string
	Logger    *slog.Logger
	// Mount adds further routes (GraphQL, UI) to the mux.
	Mount func(mux *http.ServeMux)
	// Token, when set, is required on every request (Authorization: Bearer
	// TOKEN); /healthz answers without it but then says only "ok".
	Token string
	// CORSOrigins lists the origins allowed to call the API from a browser;
	// empty means no CORS headers at all (same-origin only).
	CORSOrigins []string
	// Tokens holds the named tokens of people (nil: none). Once one exists,
	// every request needs a token, and the token's name signs its changes.
	Tokens graph.TokenStore
	// Loopback says the server listens on loopback only: with no token at
	// all, its requests are the desktop user, an editor named "local".
	// Beyond loopback with no token, everyone may read and nobody change.
	Loopback bool
	// ReadOnly refuses every change, whoever asks.
	ReadOnly bool
}

// Handler returns the root handler with every route and header.
func Handler(cfg Config) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := graph.ViewerFrom(r.Context()); !ok {
			// Liveness for probes, nothing about the contents.
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"status": "ok"})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		st, err := cfg.Store.Stats(ctx)
		if err != nil {
			cfg.Logger.Error("health check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]any{"status": "unavailable"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"status":    "ok",
			"version":   cfg.Version,
			"store":     cfg.StoreName,
			"nodes":     st.TotalNodes(),
			"claims":    st.TotalRelationships(),
			"documents": st.Documents,
		})
	})
	if cfg.Mount != nil {
		cfg.Mount(mux)
	}
	var h http.Handler = mux
	h = identify(cfg, h)
	if len(cfg.CORSOrigins) > 0 {
		h = cors.New(cors.Options{
			AllowedOrigins: cfg.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost},
			AllowedHeaders: []string{"Content-Type", "Authorization", "X-Actorgraph-Client"},
			MaxAge:         600,
		}).Handler(h)
	}
	return securityHeaders(h)
}

// identify says who makes each request (graph.WithViewer) and refuses,
// with 401, a request without a valid token when one is needed: always once
// --token is set or a named token exists, except for /healthz (which then
// reveals nothing) and the UI's static files (which hold no data and must
// load so the UI can ask for the token).
func identify(cfg Config, next http.Handler) http.Handler {
	named := &tokensExist{store: cfg.Tokens}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, ok, err := viewer(r, cfg, named)
		if err != nil {
			cfg.Logger.Error("identifying a request", "err", err)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, `{"errors":[{"message":"the server cannot check tokens right now","extensions":{"code":"INTERNAL"}}]}`)
			return
		}
		if ok {
			if cfg.ReadOnly {
				v.Why = "the server runs with --read-only: nothing can be changed"
			}
			next.ServeHTTP(w, r.WithContext(graph.WithViewer(r.Context(), v)))
			return
		}
		if r.URL.Path == "/healthz" || isStaticUI(r) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="actorgraph"`)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintln(w, `{"errors":[{"message":"this server needs a token: send the header Authorization: Bearer TOKEN","extensions":{"code":"UNAUTHENTICATED"}}]}`)
	})
}

// SharedTokenName signs the changes made with the --token of `serve`.
const SharedTokenName = "shared-token"

// viewer identifies a request; ok is false when it needs a token it lacks.
func viewer(r *http.Request, cfg Config, named *tokensExist) (graph.Viewer, bool, error) {
	got, hasBearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if cfg.Token != "" && hasBearer && subtle.ConstantTimeCompare([]byte(got), []byte(cfg.Token)) == 1 {
		return graph.Viewer{Name: SharedTokenName, Role: graph.RoleEditor}, true, nil
	}
	anyNamed, err := named.check(r.Context())
	if err != nil {
		return graph.Viewer{}, false, err
	}
	if hasBearer && anyNamed {
		t, found, err := cfg.Tokens.TokenByHash(r.Context(), graph.TokenHash(got))
		if err != nil || !found {
			return graph.Viewer{}, false, err
		}
		return graph.Viewer{Name: t.Name, Role: t.Role}, true, nil
	}
	if cfg.Token != "" || anyNamed {
		return graph.Viewer{}, false, nil
	}
	if cfg.Loopback {
		return graph.Viewer{Name: "local", Role: graph.RoleEditor}, true, nil
	}
	return graph.Viewer{Role: graph.RoleReader, Why: NoTokensBeyondLoopback}, true, nil
}

// NoTokensBeyondLoopback is why nobody may change the graph through a
// server that listens beyond loopback without tokens.
const NoTokensBeyondLoopback = "this server listens beyond loopback and has no tokens, so nobody can change the graph through it: " +
	"create one with `actorgraph token add NAME --role editor` (no restart needed)"

// tokensExist caches for a second whether any named token exists: asked on
// every request, it changes only when someone runs `actorgraph token`.
type tokensExist struct {
	store graph.TokenStore
	mu    sync.Mutex
	at    time.Time
	any   bool
}

func (c *tokensExist) check(ctx context.Context) (bool, error) {
	if c.store == nil {
		return false, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) < time.Second {
		return c.any, nil
	}
	ts, err := c.store.Tokens(ctx)
	if err != nil {
		return false, err
	}
	c.any, c.at = len(ts) > 0, time.Now()
	return c.any, nil
}

// isStaticUI reports whether a request is for the web UI's own files, which
// the UI needs before it can ask the user for the token. The data lives
// behind /graphql, which always needs the token.
func isStaticUI(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	p := r.URL.Path
	return p == "/" || p == "/index.html" || strings.HasPrefix(p, "/assets/") || p == "/favicon.svg"
}

// securityHeaders sets what every response carries. The CSP allows only our
// own origin: the UI has no inline scripts and loads nothing from elsewhere.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// Serve listens on addr and serves h until ctx is done, then shuts down
// gracefully, giving in-flight requests up to grace to finish. ready, if not
// nil, receives the bound address once listening (useful with port 0).
func Serve(ctx context.Context, addr string, h http.Handler, logger *slog.Logger, grace time.Duration, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
