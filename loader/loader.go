// Package loader turns articles (and their curated annotation files) into
// claims in a graph.Store: read, clean (loader/clean), segment
// (loader/segment), resolve entities (loader/resolve), extract claims with
// rules (loader/extract), build claims from the annotations
// (loader/annotation), and write one transaction per document.
//
// An article without an annotation file loads with what extraction finds,
// each claim marked with its rule. With an annotation file, the curated
// claims win and the extracted claims the file does not mention are added,
// still marked with their rule (extract.Merge); "extraction: off" in the
// file's document section loads the file alone.
//
// A document is written whole or not at all: every problem found while
// building its batch refuses that document, with file:line:column and a
// reason, and the loader goes on with the next one (unless Strict). Loading
// the same files again adds nothing, because ids are content hashes and
// canonical ids.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/loader/annotation"
	"github.com/actorgraph/actorgraph/loader/clean"
	"github.com/actorgraph/actorgraph/loader/extract"
	"github.com/actorgraph/actorgraph/loader/fetch"
	"github.com/actorgraph/actorgraph/loader/resolve"
)

// MaxArticleSize is the largest article file read (10 MiB); news articles
// are a few tens of kilobytes even as HTML.
const MaxArticleSize = 10 << 20

// AnnotationSuffix is what follows an article's base name in the name of
// its annotation file: 000_x.txt is annotated by 000_x.annotations.yaml.
const AnnotationSuffix = ".annotations.yaml"

// articleExts are the article formats read.
var articleExts = map[string]bool{".txt": true, ".html": true, ".htm": true, ".md": true, ".pdf": true, ".rss": true, ".atom": true}

// Loader loads documents into a store.
type Loader struct {
	Store     graph.Store
	Registry  *resolve.Registry
	Extractor *extract.Extractor
	// Progress receives one line per document and the summary; nil is silent.
	Progress io.Writer
	// Strict stops at the first refused document.
	Strict bool
	// Fetcher fetches web addresses given to LoadPaths; nil refuses them.
	Fetcher *fetch.Fetcher
	// BulkFrom, when positive, writes a load of at least this many
	// documents through the store's bulk path (graph.BulkStore) when it
	// has one: one transaction for the whole load, with the indexes built
	// at the end. Documents are still refused one by one, but a load that
	// is stopped or killed stores nothing of itself, and readers see the
	// documents only when it ends. 0 writes one transaction per document.
	BulkFrom int

	// During a bulk load: where batches go, and the documents written so
	// far by URL (a later text at the same URL supersedes them, and the
	// store cannot show them before the bulk load ends).
	bulk     graph.BulkLoad
	bulkURLs map[string][]string
	bulkErr  error // what ended the bulk load early
}

// Summary is what a load did.
type Summary struct {
	Documents int // documents read
	Refused   int // documents not written because of an error
	New       graph.UpsertResult
	Warnings  []string
	// Uncited names the documents loaded without a publisher or a date
	// (also printed as warnings): their evidence cannot be cited in full.
	Uncited []string
	Errors  []error
	// Loaded lists the documents written (new or already stored), in order.
	Loaded []Loaded
}

// Loaded is one document a load wrote.
type Loaded struct {
	ID, Title, Display string
}

// Err returns nil when no document was refused, and otherwise an error
// saying how many were.
func (s Summary) Err() error {
	if s.Refused == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d documents refused", s.Refused, s.Documents)
}

func (s Summary) String() string {
	out := fmt.Sprintf("%d documents (%d refused): %d new documents, %d new nodes, %d new claims, %d new evidence; %d warnings, %d errors",
		s.Documents, s.Refused, s.New.Documents, s.New.Nodes, s.New.Relationships, s.New.Evidence, len(s.Warnings), len(s.Errors))
	if len(s.Uncited) > 0 {
		out += fmt.Sprintf("; %d without publisher or date", len(s.Uncited))
	}
	return out
}

// New returns a loader with the reference registry.
func New(store graph.Store, progress io.Writer) (*Loader, error) {
	reg, err := resolve.Reference()
	if err != nil {
		return nil, err
	}
	x, err := extract.New(reg)
	if err != nil {
		return nil, err
	}
	return &Loader{Store: store, Registry: reg, Extractor: x, Progress: progress}, nil
}

// LoadReference writes the reference corpus (resolve.Registry.ReferenceBatch):
// the PART_OF links of the agencies, ministries and state-sponsored groups
// of the reference data to their states, each citing its source. The
// commands that load articles call it after them; writing it again when nothing
// changed adds nothing. A link an article already states stays as the
// article said it (method, confidence, modality, date, properties): the
// reference adds its sentence as more evidence, since a write of the same
// claim would otherwise replace those fields with the reference's.
func (l *Loader) LoadReference(ctx context.Context) (graph.UpsertResult, error) {
	b := l.Registry.ReferenceBatch()
	ids := make([]string, len(b.Relationships))
	for i, r := range b.Relationships {
		ids[i] = r.ID
	}
	stored, err := l.Store.RelationshipsByID(ctx, ids)
	if err != nil {
		return graph.UpsertResult{}, fmt.Errorf("reading the links the reference data restates: %w", err)
	}
	said := make(map[string]graph.Relationship, len(stored))
	for _, r := range stored {
		said[r.ID] = r
	}
	for i, r := range b.Relationships {
		if old, ok := said[r.ID]; ok {
			r.Method, r.Confidence, r.Modality, r.Date, r.Props = old.Method, old.Confidence, old.Modality, old.Date, old.Props
			b.Relationships[i] = r
		}
	}
	res, err := l.Store.Upsert(ctx, b)
	if err != nil {
		return res, fmt.Errorf("writing the reference data (organizations and the states they belong to): %w", err)
	}
	if res != (graph.UpsertResult{}) {
		l.printf("reference data: +%d nodes, +%d claims, +%d evidence\n", res.Nodes, res.Relationships, res.Evidence)
	}
	return res, nil
}

// LoadPaths loads files and folders (recursively) from the file system, and
// web addresses (http, https) through the Fetcher.
func (l *Loader) LoadPaths(ctx context.Context, paths []string) (Summary, error) {
	var items []item
	var sum Summary
	for _, p := range paths {
		if IsURL(p) {
			items = append(items, item{url: p, display: QuoteName(p)})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			return sum, fmt.Errorf("%s: %w", QuoteName(p), err)
		}
		if !st.IsDir() {
			if !isArticle(p) && !strings.EqualFold(filepath.Ext(p), ".xml") {
				return sum, fmt.Errorf("%s: not an article (expected .txt, .html, .md, .pdf, a feed (.rss, .atom, .xml); annotation files are read beside their article)", QuoteName(p))
			}
			items = append(items, item{fsys: os.DirFS(filepath.Dir(p)), name: filepath.Base(p), display: QuoteName(p), raw: p})
			continue
		}
		found, warns, err := walk(os.DirFS(p), p)
		if err != nil {
			return sum, err
		}
		items = append(items, found...)
		sum.Warnings = append(sum.Warnings, warns...)
	}
	return l.load(ctx, items, sum)
}

// LoadBytes loads one file given as bytes (an upload): name's extension
// says what it is (.txt, .html, .md, .pdf, or a feed), display names it in
// messages.
func (l *Loader) LoadBytes(ctx context.Context, name string, data []byte, display string) (Summary, error) {
	name = path.Base(filepath.ToSlash(name))
	if !isArticle(name) && !isFeedFile(name) {
		return Summary{}, fmt.Errorf("%s: not an article (expected .txt, .html, .md, .pdf, or a feed: .rss, .atom, .xml)", QuoteName(display))
	}
	fsys := fstest.MapFS{name: &fstest.MapFile{Data: data}}
	return l.load(ctx, []item{{fsys: fsys, name: name, display: QuoteName(display), raw: display}}, Summary{})
}

// LoadFS loads every article under the root of fsys (the embedded demo
// corpus); display prefixes names in messages.
func (l *Loader) LoadFS(ctx context.Context, fsys fs.FS, display string) (Summary, error) {
	items, warns, err := walk(fsys, display)
	if err != nil {
		return Summary{}, err
	}
	return l.load(ctx, items, Summary{Warnings: warns})
}

// item is one document to load: a file (fsys and name, with its annotation
// file beside it) or a web address (url).
type item struct {
	fsys    fs.FS
	name    string // slash path within fsys
	url     string
	display string // path shown to the user (QuoteName)
	raw     string // the path as it is, when display had to quote it
	// feed is set for an item of a feed: its page is url (when it has one),
	// and the feed's own text and metadata stand in for what the page lacks.
	feed *feedEntry
}

func isArticle(name string) bool {
	return articleExts[strings.ToLower(path.Ext(name))]
}

// walk lists the articles under fsys in name order and warns about
// annotation files that annotate nothing.
func walk(fsys fs.FS, display string) ([]item, []string, error) {
	var items []item
	var annotations []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(p, AnnotationSuffix):
			annotations = append(annotations, p)
		case isArticle(p):
			full := path.Join(filepath.ToSlash(display), p)
			items = append(items, item{fsys: fsys, name: p, display: QuoteName(full), raw: full})
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", QuoteName(display), err)
	}
	var warns []string
	for _, a := range annotations {
		base := strings.TrimSuffix(a, AnnotationSuffix)
		found := false
		for _, it := range items {
			if strings.TrimSuffix(it.name, path.Ext(it.name)) == base {
				found = true
				break
			}
		}
		if !found {
			warns = append(warns, fmt.Sprintf("%s: annotation file without an article beside it (expected %s.txt, .html or .md)", QuoteName(path.Join(display, a)), QuoteName(base)))
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].display < items[j].display })
	return items, warns, nil
}

func (l *Loader) load(ctx context.Context, items []item, sum Summary) (Summary, error) {
	for _, w := range sum.Warnings {
		l.printf("warning: %s\n", w)
	}
	if bs, ok := l.Store.(graph.BulkStore); ok && l.BulkFrom > 0 && len(items) >= l.BulkFrom && l.bulk == nil {
		bulk, err := bs.BeginBulk(ctx)
		if err != nil {
			return sum, err
		}
		l.printf("%d documents: one bulk load (indexes built at the end; stopped before the end, it stores nothing)\n", len(items))
		l.bulk, l.bulkURLs, l.bulkErr = bulk, map[string][]string{}, nil
		defer func() {
			bulk.Rollback() // after Commit, nothing
			l.bulk, l.bulkURLs = nil, nil
		}()
		start := time.Now()
		sum, err = l.loadItems(ctx, items, sum)
		if err != nil {
			return sum, err
		}
		if err := bulk.Commit(ctx, func(s string) { l.printf("bulk load: %s\n", s) }); err != nil {
			return sum, fmt.Errorf("bulk load of %d documents: %w", sum.Documents, err)
		}
		l.printf("bulk load: %d documents stored in %v\n", sum.Documents-sum.Refused, time.Since(start).Round(time.Millisecond))
		l.printf("loaded %s\n", sum)
		return sum, nil
	}
	sum, err := l.loadItems(ctx, items, sum)
	if err != nil {
		return sum, err
	}
	l.printf("loaded %s\n", sum)
	return sum, nil
}

// upsert writes a batch: into the bulk load when there is one.
func (l *Loader) upsert(ctx context.Context, b graph.Batch) (graph.UpsertResult, error) {
	if l.bulk != nil {
		return l.bulk.Upsert(ctx, b)
	}
	return l.Store.Upsert(ctx, b)
}

func (l *Loader) loadItems(ctx context.Context, items []item, sum Summary) (Summary, error) {
	for i := 0; i < len(items); i++ {
		it := items[i]
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		start := time.Now()
		doc, more, warns, err := l.read(ctx, it)
		if err == nil && more != nil {
			// A feed: its items are loaded next, each as a document.
			l.printf("[%d/%d] %s: %s\n", i+1, len(items), it.display, more.summary)
			for _, w := range more.warnings {
				sum.Warnings = append(sum.Warnings, w)
				l.printf("warning: %s\n", w)
			}
			items = slices.Insert(items, i+1, more.items...)
			continue
		}
		sum.Documents++
		var res graph.UpsertResult
		var kind string
		if err == nil {
			var more []string
			res, kind, more, err = l.loadOne(ctx, it, doc)
			warns = append(warns, more...)
		}
		for _, w := range warns {
			if strings.HasSuffix(w, uncitedMark) {
				sum.Uncited = append(sum.Uncited, w)
			} else {
				sum.Warnings = append(sum.Warnings, w)
			}
			l.printf("warning: %s\n", w)
		}
		if err != nil {
			if ctx.Err() != nil {
				return sum, ctx.Err()
			}
			if l.bulkErr != nil {
				return sum, fmt.Errorf("the bulk load failed, nothing of it is stored: %w", l.bulkErr)
			}
			sum.Refused++
			sum.Errors = append(sum.Errors, err)
			l.printf("[%d/%d] %s: refused: %v\n", i+1, len(items), it.display, err)
			if l.Strict {
				break
			}
			continue
		}
		sum.New = sum.New.Add(res)
		sum.Loaded = append(sum.Loaded, Loaded{ID: doc.ID, Title: doc.Title, Display: it.display})
		l.printf("[%d/%d] %s (%s): +%d nodes, +%d claims, +%d evidence in %v\n", i+1, len(items), it.display, kind,
			res.Nodes, res.Relationships, res.Evidence, time.Since(start).Round(time.Millisecond))
	}
	return sum, nil
}

func (l *Loader) printf(format string, args ...any) {
	if l.Progress != nil {
		fmt.Fprintf(l.Progress, format, args...)
	}
}

// loadOne builds and writes one document. kind says where its
// claims come from: "annotations" (the file alone), "annotations +
// extracted", "extracted". Warnings are
// problems that did not stop the document (an extraction that failed, an
// extracted claim that did not fit with the curated ones).
func (l *Loader) loadOne(ctx context.Context, it item, doc graph.Document) (graph.UpsertResult, string, []string, error) {
	var err error
	var warns []string
	var extracted *annotation.File
	if l.Extractor != nil {
		if extracted, err = l.extract(ctx, doc); err != nil {
			if ctx.Err() != nil {
				return graph.UpsertResult{}, "", nil, ctx.Err()
			}
			warns = append(warns, fmt.Sprintf("%s: no claims extracted: %v", it.display, err))
			extracted = nil
		}
	}
	annName := strings.TrimSuffix(it.name, path.Ext(it.name)) + AnnotationSuffix
	shown := it.raw
	if shown == "" {
		shown = it.display
	}
	annDisplay := QuoteName(strings.TrimSuffix(shown, path.Ext(shown)) + AnnotationSuffix)
	data, err := []byte(nil), fs.ErrNotExist // a web page has no annotation file
	if it.fsys != nil {
		data, err = readLimited(it.fsys, annName, annotation.MaxFileSize)
	}
	var batch graph.Batch
	var kind string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		kind = "extracted"
		batch = graph.Batch{Documents: []graph.Document{doc}}
		if extracted != nil {
			b, err := newBuilder(doc, extracted, l.Registry).withContext(ctx).build()
			if ctx.Err() != nil {
				return graph.UpsertResult{}, "", warns, ctx.Err()
			}
			if err != nil {
				// A rule made something the loader refuses: a bug in a rule,
				// not in the article. Keep the article, say so.
				warns = append(warns, fmt.Sprintf("%s: extracted claims not loaded: %v", it.display, err))
			} else {
				batch = b
			}
		}
	case err != nil:
		return graph.UpsertResult{}, "", warns, &annotation.Error{File: annDisplay, Pos: annotation.Pos{Line: 1, Column: 1}, Msg: err.Error()}
	default:
		f, err := annotation.Decode(annDisplay, data)
		if err != nil {
			return graph.UpsertResult{}, "", warns, err
		}
		if err := applyMetadata(&doc, f); err != nil {
			return graph.UpsertResult{}, "", warns, err
		}
		// The curated file alone must be right: its errors refuse the
		// document, with their positions.
		curated, err := newBuilder(doc, f, l.Registry).withContext(ctx).build()
		if err != nil {
			return graph.UpsertResult{}, "", warns, err
		}
		kind, batch = "annotations", curated
		if extracted != nil && f.Document.Extraction != "off" {
			merged, err := newBuilder(doc, extract.Merge(f, extracted, doc.Text, l.Registry), l.Registry).withContext(ctx).build()
			if ctx.Err() != nil {
				return graph.UpsertResult{}, "", warns, ctx.Err()
			}
			if err != nil {
				warns = append(warns, fmt.Sprintf("%s: extracted claims not added to the curated ones: %v", it.display, err))
			} else {
				kind, batch = "annotations + extracted", merged
			}
		}
	}
	if w := citationGaps(doc, it, annDisplay); w != "" {
		warns = append(warns, w)
	}
	version, err := l.supersede(ctx, &doc)
	if err != nil {
		return graph.UpsertResult{}, "", warns, fmt.Errorf("%s: looking up earlier versions: %w", it.display, err)
	}
	if version > 1 {
		for i := range batch.Documents {
			if batch.Documents[i].ID == doc.ID {
				batch.Documents[i].Supersedes = doc.Supersedes
			}
		}
		kind += fmt.Sprintf("; version %d of %s, superseding %s", version, doc.URL, doc.Supersedes)
	}
	res, err := l.upsert(ctx, batch)
	if err != nil {
		if l.bulk != nil && !graph.HasCode(err, graph.CodeInvalid) && !graph.HasCode(err, graph.CodeConflict) {
			l.bulkErr = fmt.Errorf("%s: %w", it.display, err)
		}
		return graph.UpsertResult{}, "", warns, fmt.Errorf("%s: %w", it.display, err)
	}
	if l.bulkURLs != nil && doc.URL != "" {
		l.bulkURLs[doc.URL] = append(l.bulkURLs[doc.URL], doc.ID)
	}
	return res, kind, warns, nil
}

// supersede makes a new text at a known URL the next version of the
// document stored there: doc.Supersedes is set to the latest stored
// version, whose evidence stays as it is. It returns the new version's
// number, or 0 when there is nothing to link (no URL, or this very text is
// stored already: the same article fetched twice loads once).
func (l *Loader) supersede(ctx context.Context, doc *graph.Document) (int, error) {
	if doc.URL == "" || doc.Supersedes != "" {
		return 0, nil
	}
	// Versions written earlier in this bulk load are not in the store yet.
	if prior := l.bulkURLs[doc.URL]; len(prior) > 0 {
		if slices.Contains(prior, doc.ID) {
			return 0, nil
		}
		page, err := l.Store.ListDocuments(ctx, graph.ListDocumentsQuery{URL: doc.URL, First: graph.MaxVersions})
		if err != nil {
			return 0, err
		}
		stored := 0
		if len(page.Documents) > 0 {
			vs, err := graph.Versions(ctx, l.Store, page.Documents[0])
			if err != nil {
				return 0, err
			}
			stored = len(vs)
		}
		doc.Supersedes = prior[len(prior)-1]
		return stored + len(prior) + 1, nil
	}
	page, err := l.Store.ListDocuments(ctx, graph.ListDocumentsQuery{URL: doc.URL, First: graph.MaxVersions})
	if err != nil || len(page.Documents) == 0 {
		return 0, err
	}
	for _, d := range page.Documents {
		if d.ID == doc.ID {
			return 0, nil
		}
	}
	stored, err := graph.Versions(ctx, l.Store, page.Documents[0])
	if err != nil {
		return 0, err
	}
	doc.Supersedes = stored[len(stored)-1].ID
	return len(stored) + 1, nil
}

// citationGaps warns when a document lacks what a citation needs: its
// publisher or its date ("Nikkei Asia, 28 September 2018, URL").
func citationGaps(doc graph.Document, it item, annDisplay string) string {
	var missing []string
	if doc.Publisher == "" {
		missing = append(missing, "publisher")
	}
	if doc.Published == "" {
		missing = append(missing, "publication date")
	}
	if len(missing) == 0 {
		return ""
	}
	fix := "the page does not say"
	if it.fsys != nil {
		fix = "set them under document: in " + annDisplay
	}
	return fmt.Sprintf("%s: no %s (%s)%s", it.display, strings.Join(missing, " and no "), fix, uncitedMark)
}

// uncitedMark ends the warnings of citationGaps.
const uncitedMark = ": its evidence cannot be cited in full"

// applyMetadata lets the annotation file's document section set what the
// cleaner could not find.
func applyMetadata(doc *graph.Document, f *annotation.File) error {
	m := f.Document
	if m.Extraction != "" && m.Extraction != "off" && m.Extraction != "merge" {
		return &annotation.Error{File: f.Name, Pos: m.Pos, Msg: fmt.Sprintf("extraction %q: use off (load only this file) or merge (the default: add what extraction finds)", m.Extraction)}
	}
	if m.Published != "" && !graph.ValidDate(m.Published) {
		return &annotation.Error{File: f.Name, Pos: m.Pos, Msg: fmt.Sprintf("published date %q is not YYYY, YYYY-MM or YYYY-MM-DD", m.Published)}
	}
	if m.URL != "" {
		if u, err := url.Parse(m.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			return &annotation.Error{File: f.Name, Pos: m.Pos, Msg: fmt.Sprintf("url %q is not an http(s) address", m.URL)}
		}
	}
	for dst, v := range map[*string]string{&doc.Title: m.Title, &doc.Publisher: m.Publisher, &doc.URL: m.URL, &doc.Published: m.Published} {
		if v != "" {
			*dst = v
		}
	}
	return nil
}

func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is larger than %d bytes", limit)
	}
	return data, nil
}

// readArticle is ReadArticle, given up when ctx ends first. The HTML
// reader and the cleaner take no context and cannot be interrupted (about
// two seconds for a 10 MB page), so they run on their own goroutine, which
// finishes in the background if the load is canceled; a load stopped by a
// signal then exits at once instead of after them.
func readArticle(ctx context.Context, it item) (graph.Document, error) {
	type result struct {
		doc graph.Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		doc, err := ReadArticle(it.fsys, it.name, it.display)
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		return r.doc, r.err
	case <-ctx.Done():
		return graph.Document{}, ctx.Err()
	}
}

// ReadArticle reads and cleans one article file into a Document (with its
// id, the hash of the cleaned text).
func ReadArticle(fsys fs.FS, name, display string) (graph.Document, error) {
	ext := strings.ToLower(path.Ext(name))
	if ext == ".pdf" {
		data, err := readLimited(fsys, name, MaxPDFSize)
		if err != nil {
			return graph.Document{}, fmt.Errorf("%s: %w", display, err)
		}
		return readPDF(data, display)
	}
	data, err := readLimited(fsys, name, MaxArticleSize)
	if err != nil {
		return graph.Document{}, fmt.Errorf("%s: %w", display, err)
	}
	return readData(data, ext, display, "")
}

// readData cleans the bytes of one article in the format its extension
// names (".txt", ".html", ".md") into a Document. pageURL is where an HTML
// page was fetched from ("" for a file): its relative links resolve there.
func readData(data []byte, ext, display, pageURL string) (graph.Document, error) {
	if !utf8.Valid(data) {
		p := annotation.InvalidUTF8Pos(data)
		return graph.Document{}, fmt.Errorf("%s:%d:%d: text is not valid UTF-8", display, p.Line, p.Column)
	}
	raw := string(data)
	var page *htmlPage
	switch ext {
	case ".html", ".htm":
		var err error
		if page, err = readHTML(data, pageURL); err != nil {
			return graph.Document{}, fmt.Errorf("%s: %w", display, err)
		}
		raw = page.text
	case ".md":
		raw = stripMarkdown(raw)
	}
	c := clean.Clean(raw)
	if strings.TrimSpace(c.Text) == "" {
		return graph.Document{}, fmt.Errorf("%s: no article text left after cleaning", display)
	}
	doc := graph.Document{ID: graph.DocumentID(c.Text), Title: c.Title, Publisher: c.Publisher,
		Published: c.Published, Text: c.Text, Source: display}
	if page != nil {
		if why := page.notArticle(c.Text); why != "" {
			return graph.Document{}, fmt.Errorf("%s: not an article: %s", display, why)
		}
		page.apply(&doc)
	}
	if doc.Published != "" && !graph.ValidDate(doc.Published) {
		doc.Published = ""
	}
	return doc, nil
}

// stripMarkdown keeps the words of a Markdown article: heading marks,
// emphasis and link targets go; the text stays.
func stripMarkdown(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimLeft(line, " ")
		if strings.HasPrefix(t, "#") {
			line = strings.TrimSpace(strings.TrimLeft(t, "#"))
		}
		if strings.HasPrefix(t, "> ") {
			line = strings.TrimPrefix(t, "> ")
		}
		line = mdLink(line)
		line = strings.NewReplacer("**", "", "__", "", "`", "").Replace(line)
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// mdLink turns [text](target) into text.
func mdLink(line string) string {
	for {
		open := strings.Index(line, "[")
		if open < 0 {
			return line
		}
		mid := strings.Index(line[open:], "](")
		if mid < 0 {
			return line
		}
		end := strings.Index(line[open+mid:], ")")
		if end < 0 {
			return line
		}
		line = line[:open] + line[open+1:open+mid] + line[open+mid+end+1:]
	}
}
