package graph

import (
	"context"
	"slices"
)

// MaxVersions bounds the versions of one document read for one field: a
// page polled for years that changes every day is still answered at once.
const MaxVersions = 100

// Versions returns the stored versions of d (the documents at its URL),
// oldest first: each supersedes the one before it. Documents at the URL
// outside that chain (the same address read from two sources) follow in id
// order.
func Versions(ctx context.Context, store Store, d Document) ([]Document, error) {
	if d.URL == "" {
		return []Document{d}, nil
	}
	page, err := store.ListDocuments(ctx, ListDocumentsQuery{URL: d.URL, First: MaxVersions})
	if err != nil {
		return nil, err
	}
	docs := page.Documents
	if !slices.ContainsFunc(docs, func(x Document) bool { return x.ID == d.ID }) {
		docs = append(docs, d)
	}
	byID := map[string]Document{}
	next := map[string]string{} // id -> the id of the version that supersedes it
	for _, x := range docs {
		byID[x.ID] = x
	}
	for _, x := range docs {
		if _, ok := byID[x.Supersedes]; ok {
			next[x.Supersedes] = x.ID
		}
	}
	var out []Document
	placed := map[string]bool{}
	for _, x := range docs { // in id order: roots of chains first
		if _, ok := byID[x.Supersedes]; ok || placed[x.ID] {
			continue
		}
		for id := x.ID; id != "" && !placed[id]; id = next[id] {
			placed[id] = true
			out = append(out, byID[id])
		}
	}
	for _, x := range docs { // a cycle has no root; keep its members all the same
		if !placed[x.ID] {
			out = append(out, x)
		}
	}
	return out, nil
}
