// Package httpserver is actorgraph's HTTP front door: the routes (/healthz,
// and the API and UI as they arrive), the security headers every response
// carries, request limits, and graceful shutdown. It knows graph.Store and
// nothing about which backend sits behind it.
package httpserver

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

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
}

// Handler returns the root handler with every route and header.
func Handler(cfg Config) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
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
	return securityHeaders(mux)
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
