package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/actorgraph/actorgraph/loader"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "watch", "URL...",
		"Polls RSS/Atom feeds and web pages and loads what is new: each feed item not seen before (its page,\n"+
			"or the feed's text of it when the page cannot be fetched), and a page whose text changed (a new\n"+
			"version of the document; the old one and its evidence stay). Logs one line per item to stderr.\n"+
			"Runs until interrupted (Ctrl-C or SIGTERM), finishing or rolling back the document being written.\n"+
			"Fetching is guarded as for load: private addresses only with --allow-private.")
	var sf storeFlags
	sf.register(fs, e)
	var ff fetchFlags
	ff.register(fs)
	every := fs.Duration("every", 15*time.Minute, "time between two polls of the same URL")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "actorgraph watch: give at least one feed or page URL")
		fs.Usage()
		return errUsage
	}
	if *every < time.Second {
		fmt.Fprintln(e.stderr, "actorgraph watch: --every must be at least 1s")
		return errUsage
	}
	for _, u := range fs.Args() {
		if !loader.IsURL(u) {
			fmt.Fprintf(e.stderr, "actorgraph watch: %q is not an http(s) URL\n", u)
			return errUsage
		}
	}
	store, name, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	l, err := loader.New(store, nil)
	if err != nil {
		return err
	}
	l.Fetcher = ff.fetcher()
	log.Info("watching", "store", name, "urls", len(fs.Args()), "every", every.String())
	w := &loader.Watch{Loader: l, URLs: fs.Args(), Every: *every, Log: log}
	return w.Run(ctx)
}
