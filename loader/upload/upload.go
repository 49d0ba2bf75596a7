// Package upload is the HTTP endpoint through which the web UI adds
// documents: an article by URL (fetched behind the loader's SSRF guard) or
// a file dropped on the page. It answers with a stream of JSON lines, one
// per progress line of the load, then one with the documents written, so
// the UI can show progress and open the new document.
//
//	POST /api/documents  Content-Type: application/json  {"url": "https://..."}
//	POST /api/documents  Content-Type: multipart/form-data, a part "file"
//	(both with the header X-Actorgraph-Client)
//
//	{"progress":"[1/1] https://... (extracted): +4 nodes, +3 claims, +5 evidence in 12ms"}
//	{"warning":"https://...: no publication date (the page does not say): its evidence cannot be cited in full"}
//	{"done":true,"documents":[{"id":"doc:...","title":"..."}],"refused":0,"errors":[]}
//
// Only editors may add documents: Allowed decides, per request. Loads run
// one at a time (a second request waits), each in its own transaction per
// document like `actorgraph load`.
package upload

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/actorgraph/actorgraph/loader"
)

// ClientHeader must be on every request (any value).
const ClientHeader = "X-Actorgraph-Client"

// MaxUpload is the largest file accepted (a PDF report).
const MaxUpload = loader.MaxPDFSize

// Handler serves POST /api/documents.
type Handler struct {
	// Loader does the work; its Fetcher fetches URLs (nil refuses them).
	Loader *loader.Loader
	// Allowed says whether the request may add documents, and why not.
	Allowed func(r *http.Request) (ok bool, why string)
	// Timeout bounds one request's load (default 2 minutes).
	Timeout time.Duration

	mu sync.Mutex // one load at a time: the loader writes progress to one stream
}

type line struct {
	Progress  string     `json:"progress,omitempty"`
	Warning   string     `json:"warning,omitempty"`
	Done      bool       `json:"done,omitempty"`
	Documents []document `json:"documents,omitempty"`
	Refused   int        `json:"refused,omitempty"`
	Errors    []string   `json:"errors,omitempty"`
	Error     string     `json:"error,omitempty"`
}

type document struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "use POST with a URL (JSON) or a file (multipart)")
		return
	}
	// A form on another site can POST a multipart body here without asking
	// first; it cannot send a custom header without a CORS preflight,
	// which this server grants no foreign origin (unless --cors-origin
	// trusts it).
	if r.Header.Get(ClientHeader) == "" {
		writeError(w, http.StatusForbidden, "send the header "+ClientHeader+" (the web UI does): a plain form post from another site is refused")
		return
	}
	if ok, why := h.Allowed(r); !ok {
		writeError(w, http.StatusForbidden, why)
		return
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	// A load outlasts the server's default deadlines (made for queries).
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(timeout))
	_ = rc.SetWriteDeadline(time.Now().Add(timeout + 30*time.Second))
	run, err := h.parse(w, r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()

	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	out := &stream{w: w, enc: json.NewEncoder(w)}
	out.flush()

	h.mu.Lock()
	defer h.mu.Unlock()
	l := *h.Loader
	l.Progress = out
	sum, err := run(ctx, &l)
	if err != nil {
		out.send(line{Error: err.Error()})
		return
	}
	final := line{Done: true, Refused: sum.Refused, Documents: []document{}}
	for _, d := range sum.Loaded {
		final.Documents = append(final.Documents, document{ID: d.ID, Title: d.Title})
	}
	for _, e := range sum.Errors {
		final.Errors = append(final.Errors, e.Error())
	}
	out.send(final)
}

// parse reads what to load: a URL from JSON, or a file from a multipart form.
func (h *Handler) parse(w http.ResponseWriter, r *http.Request) (func(context.Context, *loader.Loader) (loader.Summary, error), error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		var req struct {
			URL string `json:"url"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return nil, fmt.Errorf("the body is not {\"url\": \"...\"}: %v", err)
		}
		u := strings.TrimSpace(req.URL)
		if !loader.IsURL(u) {
			return nil, fmt.Errorf("%q is not an http(s) URL", req.URL)
		}
		return func(ctx context.Context, l *loader.Loader) (loader.Summary, error) {
			return l.LoadPaths(ctx, []string{u})
		}, nil
	case "multipart/form-data":
		r.Body = http.MaxBytesReader(w, r.Body, MaxUpload+1<<20)
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, fmt.Errorf("reading the upload: %v", err)
		}
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return nil, errors.New("the upload has no part named \"file\"")
			}
			if err != nil {
				return nil, fmt.Errorf("reading the upload: %v", err)
			}
			if part.FormName() != "file" {
				continue
			}
			name := part.FileName()
			data, err := io.ReadAll(io.LimitReader(part, MaxUpload+1))
			if err != nil {
				return nil, fmt.Errorf("reading %s: %v", name, err)
			}
			if len(data) > MaxUpload {
				return nil, fmt.Errorf("%s is over the limit of %d bytes", name, MaxUpload)
			}
			return func(ctx context.Context, l *loader.Loader) (loader.Summary, error) {
				return l.LoadBytes(ctx, name, data, "upload "+name)
			}, nil
		}
	}
	return nil, errors.New("send JSON {\"url\": \"...\"} or a multipart form with a file")
}

// stream turns the loader's progress lines into JSON lines, flushed one by
// one so the browser sees them as they come.
type stream struct {
	w   http.ResponseWriter
	enc *json.Encoder
	buf []byte
}

func (s *stream) Write(p []byte) (int, error) {
	s.buf = append(s.buf, p...)
	for {
		i := strings.IndexByte(string(s.buf), '\n')
		if i < 0 {
			return len(p), nil
		}
		text := string(s.buf[:i])
		s.buf = s.buf[i+1:]
		if w, ok := strings.CutPrefix(text, "warning: "); ok {
			s.send(line{Warning: w})
		} else if text != "" {
			s.send(line{Progress: text})
		}
	}
}

func (s *stream) send(l line) {
	s.enc.Encode(l)
	s.flush()
}

func (s *stream) flush() {
	if f, ok := s.w.(http.Flusher); ok {
		f.Flush()
	}
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
