package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/bench/synth"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/sqlitestore"
	"github.com/actorgraph/actorgraph/loader"
)

// The end-to-end scale: generated news articles (synth.WriteNews) loaded by
// the code of `actorgraph load` (loader.LoadPaths: read, clean, segment,
// recognise, extract, merge with curated annotations, check, write) into a
// fresh SQLite store, timed from the first file read to the commit.

// articlesPrefix names an end-to-end scale: articles-100k, articles-500.
const articlesPrefix = "articles-"

// loadBulkFrom is `actorgraph load --bulk auto`'s threshold
// (cmd/actorgraph), so the harness loads as the command would.
const loadBulkFrom = 1000

// ArticlesResult is one end-to-end run, saved as results/articles-N.json.
type ArticlesResult struct {
	Scale    string     `json:"scale"`
	Command  string     `json:"command"`
	Commit   string     `json:"commit"`
	Date     time.Time  `json:"date"`
	Machine  Machine    `json:"machine"`
	LoadAvg  [2]float64 `json:"loadAvg"`
	Duration float64    `json:"duration"` // the whole run, generation included

	Articles        int     `json:"articles"`
	Annotated       int     `json:"annotated"` // articles with a curated annotation file
	Bytes           int64   `json:"bytes"`     // of article text
	GenerateSeconds float64 `json:"generateSeconds"`
	// Seconds is the load: from reading the first article to the commit.
	Seconds  float64            `json:"seconds"`
	Loaded   int                `json:"loaded"`
	Refused  int                `json:"refused"`
	New      graph.UpsertResult `json:"new"`
	Bulk     bool               `json:"bulk"`
	DBBytes  int64              `json:"dbBytes"`
	PeakRSS  int64              `json:"peakRSS"`
	Profile  *ProfileSummary    `json:"profile,omitempty"`
	Warnings int                `json:"warnings"`
}

// ArticlesPerSec is articles loaded (or refused) per second of the load.
func (a ArticlesResult) ArticlesPerSec() float64 {
	if a.Seconds == 0 {
		return 0
	}
	return float64(a.Articles) / a.Seconds
}

// targetArticles is issue 23's end-to-end target on a 2-core machine.
const targetArticles = 300

// parseArticles reads articles-N (N as in parseScale); ok is false for
// any other scale.
func parseArticles(s string) (int, bool, error) {
	rest, ok := strings.CutPrefix(strings.ToLower(s), articlesPrefix)
	if !ok {
		return 0, false, nil
	}
	n, err := parseScale(rest)
	return n, true, err
}

func articlesScale(n int) string { return articlesPrefix + strings.ToLower(scaleName(n)) }

// runArticles generates n articles in a work folder and loads them.
func runArticles(ctx context.Context, o options, n int) (*ArticlesResult, error) {
	start := time.Now()
	res := &ArticlesResult{Scale: articlesScale(n), Command: o.command, Date: start.UTC(), Machine: readMachine(), Commit: sourceCommit(), Articles: n}
	res.LoadAvg[0] = loadAverage()
	work, err := os.MkdirTemp(o.work, "actorgraph-bench-"+res.Scale+"-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		o.progress("work files in " + work)
	} else {
		defer os.RemoveAll(work)
	}
	corpus := filepath.Join(work, "articles")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		return nil, err
	}
	o.progress(fmt.Sprintf("%s: writing %s generated articles", res.Scale, humanInt(n)))
	t0 := time.Now()
	if err := synth.WriteNews(corpus, n, o.seed); err != nil {
		return nil, err
	}
	res.GenerateSeconds = time.Since(t0).Seconds()
	entries, err := os.ReadDir(corpus)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".txt") {
			res.Bytes += fi.Size()
		} else if strings.HasSuffix(e.Name(), loader.AnnotationSuffix) {
			res.Annotated++
		}
	}

	dbPath := filepath.Join(work, "actorgraph.db")
	s, err := sqlitestore.Open(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	l, err := loader.New(s, &everyNth{w: progressWriter{o.progress}, every: max(1000, n/20)})
	if err != nil {
		s.Close()
		return nil, err
	}
	l.BulkFrom = loadBulkFrom
	res.Bulk = n >= loadBulkFrom
	o.progress(fmt.Sprintf("%s: loading them as actorgraph load does", res.Scale))
	var prof *profiler
	if o.profile {
		prof = &profiler{dir: work}
	}
	var sum loader.Summary
	t0 = time.Now()
	err = prof.run("end to end", func() error {
		var err error
		sum, err = l.LoadPaths(ctx, []string{corpus})
		if err == nil {
			_, err = l.LoadReference(ctx)
		}
		return err
	})
	res.Seconds = time.Since(t0).Seconds()
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	res.Loaded, res.Refused, res.New, res.Warnings = sum.Documents-sum.Refused, sum.Refused, sum.New, len(sum.Warnings)
	if prof != nil && len(prof.summaries) > 0 {
		res.Profile = &prof.summaries[0]
	}
	if fi, err := os.Stat(dbPath); err == nil {
		res.DBBytes = fi.Size()
	}
	res.PeakRSS = peakRSS(0)
	res.LoadAvg[1] = loadAverage()
	res.Duration = time.Since(start).Seconds()
	o.progress(fmt.Sprintf("%s: %s articles in %.0f s (%.0f articles/s), %d refused", res.Scale, humanInt(n), res.Seconds, res.ArticlesPerSec(), res.Refused))
	return res, nil
}

// progressWriter turns the loader's progress lines into harness progress.
type progressWriter struct{ progress func(string) }

func (p progressWriter) Write(b []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		p.progress(line)
	}
	return len(b), nil
}

// everyNth passes on the loader's lines about the bulk load and the summary,
// and one document line in every: 100,000 lines would drown the run's own.
type everyNth struct {
	w     io.Writer
	every int
}

func (e *everyNth) Write(b []byte) (int, error) {
	line := string(b)
	if rest, ok := strings.CutPrefix(line, "["); ok {
		n, _ := strconv.Atoi(rest[:max(0, strings.IndexByte(rest, '/'))])
		if n%e.every != 0 {
			return len(b), nil
		}
	}
	if strings.HasPrefix(line, "warning: ") {
		return len(b), nil
	}
	return e.w.Write(b)
}

func articlesFile(scale string) string { return scale + ".json" }

func saveArticles(dir string, r *ArticlesResult) error {
	return saveJSON(dir, articlesFile(r.Scale), r)
}

func loadArticleResults(dir string) ([]*ArticlesResult, error) {
	files, err := filepath.Glob(filepath.Join(dir, articlesPrefix+"*.json"))
	if err != nil {
		return nil, err
	}
	var out []*ArticlesResult
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var r ArticlesResult
		if err := json.NewDecoder(bytes.NewReader(b)).Decode(&r); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, &r)
	}
	return out, nil
}

// renderArticles is the end-to-end section of the results file.
func renderArticles(r *ArticlesResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## End to end: %s articles through `actorgraph load`\n\n", humanInt(r.Articles))
	fmt.Fprintf(&b, "- Run: %s, `%s`, %.0f s in all", r.Date.Format("2006-01-02 15:04 UTC"), r.Command, r.Duration)
	if r.Commit != "" {
		fmt.Fprintf(&b, ", commit %s", r.Commit)
	}
	b.WriteString(".\n")
	m := r.Machine
	fmt.Fprintf(&b, "- Machine: %s, %d cores, %.1f GiB memory, %s, %s. Load average %.2f before, %.2f after.\n",
		m.CPU, m.Cores, float64(m.MemTotal)/(1<<30), m.OS, m.Go, r.LoadAvg[0], r.LoadAvg[1])
	fmt.Fprintf(&b, "- Corpus (`synth.WriteNews`, seed 1): %s plain-text news articles, %s of text (%.1f KiB an article), %s of them with a curated annotation file (the rest extraction only); written in %.0f s, not counted.\n",
		humanInt(r.Articles), mib(r.Bytes), float64(r.Bytes)/float64(max(1, r.Articles))/1024, humanInt(r.Annotated), r.GenerateSeconds)
	mode := "one transaction per document"
	if r.Bulk {
		mode = "one bulk load (what `load` does from 1,000 documents up)"
	}
	fmt.Fprintf(&b, "\n| articles/s | articles | load time | stored | refused | SQLite file | peak memory |\n|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %.0f | %s | %.0f s, %s | %s documents, %s nodes, %s claims, %s evidence | %d | %s | %s |\n\n",
		r.ArticlesPerSec(), humanInt(r.Articles), r.Seconds, mode, humanInt(r.New.Documents), humanInt(r.New.Nodes), humanInt(r.New.Relationships),
		humanInt(r.New.Evidence), r.Refused, mib(r.DBBytes), mib(r.PeakRSS))
	if p := r.Profile; p != nil {
		var parts []string
		for _, bk := range p.Buckets[:min(6, len(p.Buckets))] {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", bk.Name, 100*bk.Share))
		}
		fmt.Fprintf(&b, "Where the time goes (CPU profile of the load): %s. actorgraph's steps, cumulative: %s.\n\n", strings.Join(parts, ", "), strings.Join(p.Top, ", "))
	}
	rate := r.ArticlesPerSec()
	verdict := "met"
	if rate < targetArticles {
		verdict = "missed: " + fmt.Sprintf("%.1f× short of the target.", targetArticles/max(rate, 1e-9)) + r.Profile.brief()
	}
	fmt.Fprintf(&b, "| target | measured | verdict |\n|---|---|---|\n| %s articles end to end ≥ %d articles/s | %.0f articles/s | %s |\n",
		humanInt(r.Articles), targetArticles, rate, verdict)
	return b.String()
}
