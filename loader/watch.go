package loader

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/fetch"
)

// Watch polls feeds and pages and loads what is new: the items of a feed
// not seen before, a page whose text changed (a new version of it). It logs
// one line per item loaded or refused, and one per poll that fails.
type Watch struct {
	Loader *Loader
	URLs   []string
	Every  time.Duration
	Log    *slog.Logger
}

// watched is what a watch remembers of one URL between polls.
type watched struct {
	etag, lastModified string
	seen               map[string]bool // feed items by GUID
	lastDoc            string          // a page's last document id
}

// Run polls every w.Every until ctx is done, then returns nil: stopping is
// the normal end of a watch. A document being written when ctx ends is
// rolled back whole and loaded at the next start.
func (w *Watch) Run(ctx context.Context) error {
	if w.Every <= 0 {
		return errors.New("watch: the interval must be positive")
	}
	if w.Loader.Fetcher == nil {
		return errors.New("watch: the loader has no fetcher")
	}
	state := map[string]*watched{}
	for _, u := range w.URLs {
		if _, err := fetch.CheckURL(u); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		state[u] = &watched{seen: map[string]bool{}}
	}
	for round := 1; ; round++ {
		for _, u := range w.URLs {
			if ctx.Err() != nil {
				break
			}
			w.poll(ctx, u, state[u])
		}
		if ctx.Err() != nil {
			w.Log.Info("stopped", "polls", round)
			return nil
		}
		t := time.NewTimer(w.Every)
		select {
		case <-ctx.Done():
			t.Stop()
			w.Log.Info("stopped", "polls", round)
			return nil
		case <-t.C:
		}
	}
}

func (w *Watch) poll(ctx context.Context, u string, st *watched) {
	h := http.Header{}
	if st.etag != "" {
		h.Set("If-None-Match", st.etag)
	}
	if st.lastModified != "" {
		h.Set("If-Modified-Since", st.lastModified)
	}
	resp, err := w.Loader.Fetcher.Get(ctx, u, h)
	if errors.Is(err, fetch.ErrNotModified) {
		w.Log.Debug("not modified", "url", u)
		return
	}
	if err != nil {
		if ctx.Err() == nil {
			w.Log.Warn("poll failed", "url", u, "reason", err.Error())
		}
		return
	}
	st.etag, st.lastModified = resp.ETag, resp.LastModified
	if sniff(resp) != "feed" {
		doc, err := readResponse(resp)
		if err != nil {
			w.Log.Warn("refused", "url", u, "reason", err.Error())
			return
		}
		if doc.ID == st.lastDoc {
			return
		}
		st.lastDoc = doc.ID
		w.load(ctx, item{url: u, display: u}, doc, nil)
		return
	}
	exp, err := expandFeed(resp.Body, resp.URL, u)
	if err != nil {
		w.Log.Warn("feed refused", "url", u, "reason", err.Error())
		return
	}
	for _, it := range exp.items {
		if ctx.Err() != nil {
			return
		}
		guid := it.feed.item.GUID
		if guid == "" {
			guid = it.display
		}
		if st.seen[guid] {
			continue
		}
		// Stored by an earlier run (or by load): not fetched again.
		if it.url != "" {
			if p, err := w.Loader.Store.ListDocuments(ctx, graph.ListDocumentsQuery{URL: it.url, First: 1}); err == nil && p.Total > 0 {
				st.seen[guid] = true
				continue
			}
		}
		doc, warns, err := w.Loader.readFeedItem(ctx, it)
		if ctx.Err() != nil {
			return // not marked seen: loaded at the next start
		}
		st.seen[guid] = true
		if err != nil {
			w.Log.Warn("refused", "url", it.display, "reason", err.Error())
			continue
		}
		w.load(ctx, it, doc, warns)
	}
}

// load writes one document and logs its line.
func (w *Watch) load(ctx context.Context, it item, doc graph.Document, warns []string) {
	res, kind, more, err := w.Loader.loadOne(ctx, it, doc)
	for _, m := range append(warns, more...) {
		w.Log.Warn("warning", "url", it.display, "reason", m)
	}
	if err != nil {
		if ctx.Err() == nil {
			w.Log.Warn("refused", "url", it.display, "reason", err.Error())
		}
		return
	}
	msg := "loaded"
	if res.Documents == 0 {
		msg = "already loaded"
	}
	w.Log.Info(msg, "url", it.display, "title", doc.Title, "publisher", doc.Publisher, "published", doc.Published,
		"document", doc.ID, "claims", kind, "new_nodes", res.Nodes, "new_claims", res.Relationships, "new_evidence", res.Evidence)
}
