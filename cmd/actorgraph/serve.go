package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/actorgraph/actorgraph/httpserver"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "", "Serves the graph over HTTP until interrupted (SIGINT or SIGTERM shut it down gracefully).\nRoutes: /healthz.")
	var sf storeFlags
	sf.register(fs, e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (host:port; port 0 picks a free one)")
	grace := fs.Duration("grace", 10*time.Second, "how long shutdown waits for requests in flight")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "actorgraph serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	store, name, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	logger.Info("store opened", "store", name)
	h := httpserver.Handler(httpserver.Config{Store: store, StoreName: name, Version: versionString(), Logger: logger})
	return httpserver.Serve(ctx, *addr, h, logger, *grace, func(a net.Addr) {
		logger.Info("listening", "addr", a.String(), "url", "http://"+a.String()+"/")
	})
}
