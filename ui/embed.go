// Package ui serves actorgraph's web front end: the files that `make ui`
// (Vite) builds into ui/dist, embedded in the binary. When the binary was
// built without them (no Node at hand, or before `make ui`), the handler
// serves a short page saying how to build the UI instead, so `go build`
// never depends on Node.
package ui

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// dist holds the built UI. README.md is committed so the pattern always
// matches; the rest of the folder is produced by `make ui` and ignored by git.
//
//go:embed dist
var dist embed.FS

// Handler serves the UI built into the binary, or a page saying how to build
// it. Only GET and HEAD are answered. Hashed assets under /assets/ are cached
// for a year; everything else is revalidated.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the folder is embedded at build time; it cannot be missing
	}
	return handler(sub)
}

// Built reports whether the binary carries a built UI.
func Built() bool {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		return false
	}
	_, err = fs.Stat(sub, "index.html")
	return err == nil
}

func handler(files fs.FS) http.Handler {
	index, err := fs.ReadFile(files, "index.html")
	built := err == nil
	fileServer := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if !built {
			notBuilt(w, r)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		if p == "/" || p == "/index.html" {
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if r.Method == http.MethodGet {
				_, _ = w.Write(index)
			}
			return
		}
		if p == "/graphiql" || p == "/graphiql/index.html" {
			// GraphiQL is its own page (ui/graphiql), built next to the UI.
			page, err := fs.ReadFile(files, "graphiql/index.html")
			if err != nil {
				http.Error(w, "GraphiQL is not built into this binary: run `make ui`, then `make build`", http.StatusNotFound)
				return
			}
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if r.Method == http.MethodGet {
				_, _ = w.Write(page)
			}
			return
		}
		name := strings.TrimPrefix(p, "/")
		st, err := fs.Stat(files, name)
		if err != nil || st.IsDir() || name == "README.md" {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(name, "assets/") || strings.HasPrefix(name, "graphiql/assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		fileServer.ServeHTTP(w, r)
	})
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>actorgraph: web UI not built</title></head>
<body>
<h1>actorgraph</h1>
<p>This binary was built without the web UI.</p>
<p>Build it with <code>make ui</code> (Node.js and npm; it runs <code>npm ci</code> and <code>vite build</code> in <code>ui/</code>),
then rebuild the binary (<code>make build</code>), or simply run <code>make run</code>, which does both.</p>
<p>The GraphQL API is served at <a href="/graphql">/graphql</a> (POST) either way.</p>
</body></html>
`

func notBuilt(w http.ResponseWriter, r *http.Request) {
	if p := path.Clean("/" + r.URL.Path); p != "/" && p != "/index.html" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(notBuiltPage))
}
