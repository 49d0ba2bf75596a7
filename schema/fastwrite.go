package schema

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// gqlgen's HTTP transports write a response with json.Marshal, which
// re-reads the already marshalled data byte by byte (it compacts and
// HTML-escapes every json.RawMessage): for a 50 KB neighbourhood that is
// most of what the API itself still costs once fastlist.go has written the
// lists. A plain answer (data only: no errors, no extensions) whose data
// holds nothing json.Marshal would escape is marshalled the same byte for
// byte by writing it between {"data": and }. So a response middleware
// stands in a one-byte placeholder for such data, and the response writer
// puts the data back where the transport writes the placeholder. If what
// the transport writes is not the expected placeholder answer (another
// gqlgen, another transport), the writer marshals the original response
// itself: slower, never wrong.

// placeholder is the data the transport marshals instead of the real data,
// and placeholderAnswer what json.Marshal makes of the response then.
var (
	placeholder       = json.RawMessage(`0`)
	placeholderAnswer = []byte(`{"data":0}`)
)

// splicedAnswers counts answers written by splicing, so a test sees the
// fast path still taken through the real handler (a gqlgen upgrade that
// writes responses differently would make every answer fall back).
var splicedAnswers atomic.Int64

type spliceKey struct{}

// splice carries the real response from the middleware to the writer.
type splice struct {
	orig *graphql.Response // the response as it was, nil: nothing stood in
	done bool
}

// withSplice readies a request for spliceResponses and returns the writer
// that completes it.
func withSplice(ctx context.Context, w http.ResponseWriter) (context.Context, http.ResponseWriter) {
	s := &splice{}
	return context.WithValue(ctx, spliceKey{}, s), &spliceWriter{ResponseWriter: w, s: s}
}

// spliceResponses is the response middleware.
func spliceResponses(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	s, _ := ctx.Value(spliceKey{}).(*splice)
	if s == nil || resp == nil || s.orig != nil || !plainAnswer(resp) {
		return resp
	}
	orig := *resp
	s.orig = &orig
	stand := *resp
	stand.Data = placeholder
	return &stand
}

// plainAnswer says whether json.Marshal would write resp as {"data":DATA}
// with DATA exactly as it is: data only, already compact (gqlgen writes it
// so), and nothing that json.Marshal escapes (<, >, & and the line and
// paragraph separators U+2028 and U+2029).
func plainAnswer(resp *graphql.Response) bool {
	if len(resp.Errors) > 0 || resp.Label != "" || resp.Path != nil || resp.HasNext != nil || len(resp.Extensions) > 0 || len(resp.Data) == 0 {
		return false
	}
	for _, c := range []byte{'<', '>', '&'} {
		if bytes.IndexByte(resp.Data, c) >= 0 {
			return false
		}
	}
	return !bytes.Contains(resp.Data, []byte("\u2028")) && !bytes.Contains(resp.Data, []byte("\u2029"))
}

type spliceWriter struct {
	http.ResponseWriter
	s *splice
}

func (w *spliceWriter) Write(b []byte) (int, error) {
	s := w.s
	if s.orig == nil || s.done {
		return w.ResponseWriter.Write(b)
	}
	s.done = true
	if !bytes.Equal(b, placeholderAnswer) {
		// Not the answer expected: write the original, marshalled as the
		// transport would have.
		full, err := json.Marshal(s.orig)
		if err != nil {
			return 0, err
		}
		if _, err := w.ResponseWriter.Write(full); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	splicedAnswers.Add(1)
	for _, part := range [][]byte{placeholderAnswer[:len(`{"data":`)], s.orig.Data, placeholderAnswer[len(placeholderAnswer)-1:]} {
		if _, err := w.ResponseWriter.Write(part); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// Flush passes a flush on, for transports that stream.
func (w *spliceWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *spliceWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
