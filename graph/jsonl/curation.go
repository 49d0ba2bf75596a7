package jsonl

import (
	"context"
	"errors"
	"fmt"

	"github.com/actorgraph/actorgraph/graph"
)

// What people did to the graph (graph.Curation) follows the evidence, one
// line per item, in five more types:
//
//	{"type":"review","claim":"claim:…","status":"REJECTED","by":"ada","at":…,"note":…,"correctedBy":…,"version":2,"edited":true}
//	{"type":"entity","node":"person:…","version":3,"edited":true}
//	{"type":"merge","from":"person:jon-sullivan","into":"person:john-sullivan"}
//	{"type":"note","subject":…,"text":…,"by":…,"at":…}
//	{"type":"change","at":…,"by":…,"action":"reviewClaim","subject":…,"before":…,"after":…}
//
// Only claims and nodes whose state is not what a load gives them are
// written (reviewed, changed, or at a version above 1). Tokens are never
// exported: they are credentials of one server.

type reviewLine struct {
	Type        string             `json:"type"`
	Claim       string             `json:"claim"`
	Status      graph.ReviewStatus `json:"status"`
	By          string             `json:"by,omitempty"`
	At          string             `json:"at,omitempty"`
	Note        string             `json:"note,omitempty"`
	CorrectedBy string             `json:"correctedBy,omitempty"`
	Version     int                `json:"version"`
	Edited      bool               `json:"edited,omitempty"`
}

type entityLine struct {
	Type    string `json:"type"`
	Node    string `json:"node"`
	Version int    `json:"version"`
	Edited  bool   `json:"edited,omitempty"`
}

type mergeLine struct {
	Type string `json:"type"`
	From string `json:"from"`
	Into string `json:"into"`
}

type noteLine struct {
	Type    string `json:"type"`
	Subject string `json:"subject"`
	Text    string `json:"text"`
	By      string `json:"by"`
	At      string `json:"at"`
}

type changeLine struct {
	Type    string `json:"type"`
	At      string `json:"at"`
	By      string `json:"by"`
	Action  string `json:"action"`
	Subject string `json:"subject"`
	Before  string `json:"before,omitempty"`
	After   string `json:"after,omitempty"`
}

// WriteCuration writes what people did, in the order graph.Curation holds.
func (w *Writer) WriteCuration(c graph.Curation) error {
	for _, cc := range c.Claims {
		rv := cc.Review
		if err := w.put(reviewLine{"review", cc.Claim, rv.Status, rv.By, rv.At, rv.Note, rv.CorrectedBy, cc.Version, cc.Edited}); err != nil {
			return err
		}
	}
	for _, nc := range c.Nodes {
		if err := w.put(entityLine{"entity", nc.Node, nc.Version, nc.Edited}); err != nil {
			return err
		}
	}
	for _, m := range c.Merges {
		if err := w.put(mergeLine{"merge", m.From, m.Into}); err != nil {
			return err
		}
	}
	for _, n := range c.Notes {
		if err := w.put(noteLine{"note", n.Subject, n.Text, n.By, n.At}); err != nil {
			return err
		}
	}
	for _, ch := range c.Changes {
		if err := w.put(changeLine{"change", ch.At, ch.By, ch.Action, ch.Subject, ch.Before, ch.After}); err != nil {
			return err
		}
	}
	return nil
}

// CurationItem is one line of curation: exactly one field is set.
type CurationItem struct {
	Claim  *graph.ClaimCuration
	Node   *graph.NodeCuration
	Merge  *graph.Redirect
	Note   *graph.Note
	Change *graph.Change
}

// decodeCuration decodes a curation line of type typ; ok is false for any
// other type.
func decodeCuration(typ string, line []byte) (it CurationItem, ok bool, err error) {
	switch typ {
	case "review":
		var l reviewLine
		if err := decodeStrict(line, &l); err != nil {
			return it, true, err
		}
		if !l.Status.Valid() {
			return it, true, fmt.Errorf("unknown review status %q", l.Status)
		}
		it.Claim = &graph.ClaimCuration{Claim: l.Claim, Review: graph.Review{Status: l.Status, By: l.By, At: l.At, Note: l.Note, CorrectedBy: l.CorrectedBy},
			Version: l.Version, Edited: l.Edited}
	case "entity":
		var l entityLine
		if err := decodeStrict(line, &l); err != nil {
			return it, true, err
		}
		it.Node = &graph.NodeCuration{Node: l.Node, Version: l.Version, Edited: l.Edited}
	case "merge":
		var l mergeLine
		if err := decodeStrict(line, &l); err != nil {
			return it, true, err
		}
		it.Merge = &graph.Redirect{From: l.From, Into: l.Into}
	case "note":
		var l noteLine
		if err := decodeStrict(line, &l); err != nil {
			return it, true, err
		}
		it.Note = &graph.Note{Subject: l.Subject, Text: l.Text, By: l.By, At: l.At}
	case "change":
		var l changeLine
		if err := decodeStrict(line, &l); err != nil {
			return it, true, err
		}
		it.Change = &graph.Change{At: l.At, By: l.By, Action: l.Action, Subject: l.Subject, Before: l.Before, After: l.After}
	default:
		return it, false, nil
	}
	return it, true, nil
}

// addCuration files one curation item.
func addCuration(c *graph.Curation, it CurationItem) {
	switch {
	case it.Claim != nil:
		c.Claims = append(c.Claims, *it.Claim)
	case it.Node != nil:
		c.Nodes = append(c.Nodes, *it.Node)
	case it.Merge != nil:
		c.Merges = append(c.Merges, *it.Merge)
	case it.Note != nil:
		c.Notes = append(c.Notes, *it.Note)
	case it.Change != nil:
		c.Changes = append(c.Changes, *it.Change)
	}
}

// empty reports whether c holds nothing.
func curationEmpty(c graph.Curation) bool {
	return len(c.Claims)+len(c.Nodes)+len(c.Merges)+len(c.Notes)+len(c.Changes) == 0
}

// exportCuration writes the store's curation, when it keeps one.
func exportCuration(ctx context.Context, s graph.Store, w *Writer, counts *Counts) error {
	p, ok := s.(graph.CurationPorter)
	if !ok {
		return nil
	}
	c, err := p.ExportCuration(ctx)
	if err != nil {
		return fmt.Errorf("reading reviews, notes and history: %w", err)
	}
	counts.Curation = len(c.Claims) + len(c.Nodes) + len(c.Merges) + len(c.Notes) + len(c.Changes)
	return w.WriteCuration(c)
}

// importCuration applies what people did, after the graph is written.
func importCuration(ctx context.Context, s graph.Store, c graph.Curation) error {
	if curationEmpty(c) {
		return nil
	}
	p, ok := s.(graph.CurationPorter)
	if !ok {
		return errors.New("importing reviews, notes and history: this store cannot keep them")
	}
	if err := p.ImportCuration(ctx, c); err != nil {
		return fmt.Errorf("importing reviews, notes and history: %w", err)
	}
	return nil
}
