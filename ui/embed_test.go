package ui

import (
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHandler(t *testing.T) {
	built := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><title>actorgraph</title>")},
		"assets/app-1a2b.js": {Data: []byte("console.log(1)")},
		"README.md":          {Data: []byte("placeholder")},
	}
	unbuilt := fstest.MapFS{"README.md": {Data: []byte("placeholder")}}
	tests := []struct {
		name     string
		files    fstest.MapFS
		method   string
		path     string
		status   int
		contains string
		cache    string
	}{
		{"index", built, "GET", "/", 200, "<title>actorgraph</title>", "no-cache"},
		{"index by name", built, "GET", "/index.html", 200, "<title>actorgraph</title>", "no-cache"},
		{"hashed asset cached", built, "GET", "/assets/app-1a2b.js", 200, "console.log", "immutable"},
		{"unknown path", built, "GET", "/nope.js", 404, "", ""},
		{"placeholder not served", built, "GET", "/README.md", 404, "", ""},
		{"directory not listed", built, "GET", "/assets/", 404, "", ""},
		{"post refused", built, "POST", "/", 405, "", ""},
		{"not built says how", unbuilt, "GET", "/", 200, "make ui", "no-cache"},
		{"not built unknown path", unbuilt, "GET", "/assets/x.js", 404, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			handler(tc.files).ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d (body %q)", rec.Code, tc.status, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), tc.contains) {
				t.Errorf("body %q does not contain %q", rec.Body.String(), tc.contains)
			}
			if tc.cache != "" && !strings.Contains(rec.Header().Get("Cache-Control"), tc.cache) {
				t.Errorf("Cache-Control %q, want %q", rec.Header().Get("Cache-Control"), tc.cache)
			}
		})
	}
}
