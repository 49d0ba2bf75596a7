package schema

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql/errcode"
)

// The GraphQL over HTTP specification
// (https://graphql.github.io/graphql-over-http/draft/), as this server
// follows it:
//
//   - A POST body is application/json; anything else is 415.
//   - The response is application/graphql-response+json when the client
//     accepts it (Accept), else application/json; a client that accepts
//     neither gets 406.
//   - application/graphql-response+json: 200 when the operation ran (its
//     data may hold nulls and errors), 400 when it could not (syntax,
//     validation, a limit checked before running).
//   - application/json: 200 for every well-formed request, whatever its
//     GraphQL errors, as the specification asks for legacy clients.
//   - A request that is not well formed (no query, a body that is not a JSON
//     object) is 400, a GET that asks for a mutation 405.
//   - Every error, the transport's own included, carries extensions.code.

func init() {
	// Errors raised before an operation runs (our limits checked on the
	// parsed query) are request errors: the operation never ran.
	errcode.RegisterErrorType(codeLimitExceeded, errcode.KindProtocol)
	errcode.RegisterErrorType(codeBadInput, errcode.KindProtocol)
}

// acceptable reports whether the Accept header allows a JSON response.
func acceptable(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json", "application/graphql-response+json":
			return true
		}
	}
	return false
}

// acceptOK answers 406 when the Accept header allows no JSON response and
// reports whether the request may go on. (checkRequest, in handler.go,
// refuses the request media types and bodies the server cannot read.)
func acceptOK(w http.ResponseWriter, r *http.Request) bool {
	if !acceptable(r.Header.Get("Accept")) {
		writeError(w, http.StatusNotAcceptable, codeBadInput, "this server answers application/graphql-response+json or application/json; the Accept header allows neither")
		return false
	}
	return true
}

// specWriter adjusts what gqlgen's transports write: status codes as the
// specification asks for application/json, and an extensions.code on every
// error of an error response.
type specWriter struct {
	http.ResponseWriter
	status int
	buf    *bytes.Buffer // the body of an error response, held back to add codes
}

func (s *specWriter) WriteHeader(code int) {
	if s.status != 0 {
		return
	}
	mt, _, _ := mime.ParseMediaType(s.Header().Get("Content-Type"))
	if mt == "application/json" && code == http.StatusUnprocessableEntity {
		// gqlgen answers a query that fails validation with 422 in
		// application/json; the specification asks for 200 there.
		code = http.StatusOK
	}
	s.status = code
	if code >= 400 {
		s.buf = &bytes.Buffer{}
		return
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *specWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.WriteHeader(http.StatusOK)
	}
	if s.buf != nil {
		return s.buf.Write(b)
	}
	return s.ResponseWriter.Write(b)
}

// finish writes a held-back error response, every error given a code.
func (s *specWriter) finish() {
	if s.buf == nil {
		return
	}
	status, body := s.status, s.buf.Bytes()
	var resp map[string]any
	if json.Unmarshal(body, &resp) == nil {
		if errs, ok := resp["errors"].([]any); ok {
			for _, e := range errs {
				m, ok := e.(map[string]any)
				if !ok {
					continue
				}
				ext, _ := m["extensions"].(map[string]any)
				if ext == nil {
					ext = map[string]any{}
					m["extensions"] = ext
				}
				if _, has := ext["code"]; !has {
					ext["code"] = codeBadInput
				}
				if msg, _ := m["message"].(string); status == http.StatusNotAcceptable && strings.Contains(msg, "GET requests only allow query") {
					// A mutation over GET is a method the operation does
					// not allow: 405, as the specification says.
					status = http.StatusMethodNotAllowed
					m["message"] = "a mutation must be sent with POST"
					s.Header().Set("Allow", "POST")
				}
			}
			if b, err := json.Marshal(resp); err == nil {
				body = b
			}
		}
	}
	s.Header().Del("Content-Length")
	s.ResponseWriter.WriteHeader(status)
	_, _ = s.ResponseWriter.Write(body)
}
