package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// bulkGroupBatches is how many batches (documents, for load and import) a
// bulk load merges before it writes them: a dozen statements per write,
// whatever its size, instead of a dozen per document.
const bulkGroupBatches = 256

// bulkGroupRows bounds a group by its rows too (nodes, claims and evidence),
// for callers whose batches are large already (the bench writes 500
// documents a batch): the images cost memory, a few hundred bytes a row.
const bulkGroupRows = 50_000

func (g *bulkGroup) rows() int { return len(g.nodeIDs) + len(g.relIDs) + len(g.ev) }

// bulkGroup holds the batches a bulk load took since its last write, merged
// as writing them one after another would have left the rows: an image of
// every document, node and claim they touch, which starts as the stored
// row (or none) and takes each batch by the rules of batchWriter (a node's
// aliases are the union of old and new, its name, properties and source
// the latest; a claim keeps the earliest publication date and takes the
// rest from the latest, a claim a person changed, rejected or corrected
// keeps its fields, an unreviewed claim a curated load makes is confirmed;
// a document's metadata is the latest that says something; evidence is
// added once). Writing the images then stores what the batches one by one
// would have stored, in the same row order (rows are written in the order
// they were first seen), and each batch is told what was new in it when it
// is taken, as Upsert tells it.
type bulkGroup struct {
	batches int
	docs    map[string]*docImage
	docIDs  []string
	nodes   map[string]*nodeImage
	nodeIDs []string
	rels    map[string]*relImage
	relIDs  []string
	ev      []graph.Evidence
	evSeen  map[string]bool
	evSubj  map[string]bool
}

type docImage struct {
	listed bool // taken: in docIDs
	stored bool // in the file before this group
	doc    graph.Document
	pages  string
}

type nodeImage struct {
	listed                 bool
	exists, stored, edited bool
	kind                   graph.NodeKind
	before                 storedNode // the stored row
	now                    storedNode
	aliases                []string
	body                   string
}

type relImage struct {
	listed                 bool
	exists, stored, edited bool
	rid                    int64
	typ, from, to          string
	before                 storedRel
	now                    storedRel
	status, beforeStatus   string
	by, at, note           string
}

func newBulkGroup() *bulkGroup {
	return &bulkGroup{docs: map[string]*docImage{}, nodes: map[string]*nodeImage{}, rels: map[string]*relImage{},
		evSeen: map[string]bool{}, evSubj: map[string]bool{}}
}

// readImages reads the stored rows of what batch touches and the group
// has not seen yet.
func (g *bulkGroup) readImages(ctx context.Context, b *bulkLoad, batch graph.Batch) error {
	var docIDs, nodeIDs, relIDs []string
	for _, d := range batch.Documents {
		if g.docs[d.ID] == nil {
			docIDs = append(docIDs, d.ID)
		}
	}
	for _, n := range batch.Nodes {
		if g.nodes[n.ID] == nil {
			nodeIDs = append(nodeIDs, n.ID)
		}
	}
	for _, r := range batch.Relationships {
		if g.rels[r.ID] == nil {
			relIDs = append(relIDs, r.ID)
		}
	}
	if len(docIDs) > 0 {
		// Into a store that held no documents, the stored ones are the
		// ones this bulk load wrote.
		stored := b.docsWritten
		if !b.docsFresh {
			var err error
			if stored, err = (txLookup{b.tx}).existing(ctx, `SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))`, docIDs); err != nil {
				return err
			}
		}
		for _, id := range docIDs {
			g.docs[id] = &docImage{stored: stored[id]}
		}
	}
	if len(nodeIDs) > 0 {
		for _, id := range nodeIDs {
			g.nodes[id] = &nodeImage{}
		}
		err := queryEach(ctx, b.tx, `SELECT id, kind, name, aliases, props, source, edited FROM nodes WHERE id IN (SELECT value FROM json_each(?))`,
			[]any{jsonArray(nodeIDs)}, func(rows *sql.Rows) error {
				var id, kind string
				var sn storedNode
				var ed bool
				if err := rows.Scan(&id, &kind, &sn.name, &sn.aliases, &sn.props, &sn.source, &ed); err != nil {
					return err
				}
				*g.nodes[id] = nodeImage{exists: true, stored: true, edited: ed, kind: graph.NodeKind(kind), before: sn, now: sn, aliases: decodeList(sn.aliases)}
				return nil
			})
		if err != nil {
			return err
		}
	}
	if len(relIDs) > 0 {
		var maybe []string
		for _, id := range relIDs {
			g.rels[id] = &relImage{}
			if b.known.mayHoldRel(id) {
				maybe = append(maybe, id)
			}
		}
		if len(maybe) == 0 {
			return nil
		}
		cols := `SELECT rid, id, type, method, confidence, modality, date, published, props, status, edited FROM rels`
		lookup, arg := cols+` WHERE id IN (SELECT value FROM json_each(?))`, jsonArray(maybe)
		if keys, ok := b.known.storedRids(maybe); ok {
			lookup, arg = cols+` WHERE rid IN (SELECT value FROM json_each(?))`, keys
		}
		err := queryEach(ctx, b.tx, lookup, []any{arg}, func(rows *sql.Rows) error {
			var id, typ, status string
			var sr storedRel
			var rid int64
			var ed bool
			if err := rows.Scan(&rid, &id, &typ, &sr.method, &sr.confidence, &sr.modality, &sr.date, &sr.published, &sr.props, &status, &ed); err != nil {
				return err
			}
			if im := g.rels[id]; im != nil {
				*im = relImage{exists: true, stored: true, edited: ed, rid: rid, typ: typ, before: sr, now: sr, status: status, beforeStatus: status}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// take applies a checked batch to the images, by batchWriter's rules, and
// says what it added.
func (g *bulkGroup) take(ctx context.Context, b *bulkLoad, batch graph.Batch) (graph.UpsertResult, error) {
	var res graph.UpsertResult
	g.batches++
	for _, d := range batch.Documents {
		im := g.docs[d.ID]
		pages := ""
		if len(d.Pages) > 0 {
			p, _ := json.Marshal(d.Pages)
			pages = string(p)
		}
		if !im.listed {
			if !im.stored {
				res.Documents++
			}
			im.listed = true
			g.docIDs = append(g.docIDs, d.ID)
			if im.stored {
				// Only what this group says is kept: the update takes the
				// stored value where it says nothing.
				d = graph.Document{ID: d.ID, Title: d.Title, Publisher: d.Publisher, URL: d.URL, Published: d.Published,
					Source: d.Source, Author: d.Author, Language: d.Language, Supersedes: d.Supersedes}
			}
			im.doc, im.pages = d, pages
			continue
		}
		later := func(old *string, new string) {
			if new != "" {
				*old = new
			}
		}
		later(&im.doc.Title, d.Title)
		later(&im.doc.Publisher, d.Publisher)
		later(&im.doc.URL, d.URL)
		later(&im.doc.Published, d.Published)
		later(&im.doc.Source, d.Source)
		later(&im.doc.Author, d.Author)
		later(&im.doc.Language, d.Language)
		later(&im.pages, pages)
		later(&im.doc.Supersedes, d.Supersedes)
	}
	for _, n := range batch.Nodes {
		im := g.nodes[n.ID]
		if !im.listed {
			im.listed = true
			g.nodeIDs = append(g.nodeIDs, n.ID)
		}
		if im.edited {
			continue
		}
		aliases := n.Aliases
		if im.exists {
			aliases = graph.MergeAliases(n.Name, im.aliases, n.Aliases)
		} else {
			res.Nodes++
			im.exists, im.kind = true, n.Kind
		}
		im.now = storedNode{n.Name, encodeList(aliases), encodeMap(n.Props), n.Source}
		im.aliases = aliases
		im.body = nodeBody(graph.Node{Props: n.Props})
	}
	stamp := graph.Now()
	for _, r := range batch.Relationships {
		im := g.rels[r.ID]
		if !im.listed {
			im.listed = true
			g.relIDs = append(g.relIDs, r.ID)
		}
		if im.exists && (im.edited || !graph.ReviewStatus(im.status).Visible()) {
			continue
		}
		if im.exists && im.status == string(graph.Unreviewed) && r.Method == graph.MethodCurated {
			rv := graph.InitialReview(r, stamp)
			im.status, im.by, im.at = string(rv.Status), rv.By, rv.At
		}
		published := r.Published
		if im.exists && im.now.published != "" && (published == "" || im.now.published < published) {
			published = im.now.published
		}
		now := storedRel{r.Method, string(r.Modality), r.Date, published, encodeMap(r.Props), r.Confidence}
		if !im.exists {
			rv := graph.InitialReview(r, stamp)
			im.exists, im.typ, im.from, im.to = true, string(r.Type), r.From, r.To
			im.status, im.by, im.at, im.note = string(rv.Status), rv.By, rv.At, rv.Note
			res.Relationships++
		}
		im.now = now
	}
	// Evidence is new unless the group has it or the file has it; the
	// file can only have it when its subject and document were stored
	// before this group.
	var ask []graph.Evidence
	for _, e := range batch.Evidence {
		if g.evSeen[e.ID] {
			continue
		}
		if g.storedBefore(e) {
			ask = append(ask, e)
			continue
		}
		g.addEvidence(e)
		res.Evidence++
	}
	if len(ask) > 0 {
		rows := make([][]any, len(ask))
		for i, e := range ask {
			rows[i] = []any{b.known.subjectKey(e.Subject), e.Subject, e.DocumentID, e.Start, e.End}
		}
		have := map[int]bool{}
		err := queryEach(ctx, b.tx, `SELECT j.key FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM evidence e
				WHERE e.subject = (CASE WHEN j.value->>0 <> 0 THEN j.value->>0
					WHEN j.value->>1 LIKE 'claim:%' THEN (SELECT rid FROM rels WHERE id = j.value->>1)
					ELSE -(SELECT nid FROM nodes WHERE id = j.value->>1) END)
				AND e.did = (SELECT did FROM documents WHERE id = j.value->>2) AND e.start = j.value->>3 AND e.end = j.value->>4)`,
			[]any{jsonRows(rows)}, func(rs *sql.Rows) error {
				var i int
				err := rs.Scan(&i)
				have[i] = true
				return err
			})
		if err != nil {
			return res, err
		}
		for i, e := range ask {
			g.addEvidence(e)
			if !have[i] {
				res.Evidence++
			}
		}
	}
	return res, nil
}

func (g *bulkGroup) addEvidence(e graph.Evidence) {
	g.evSeen[e.ID] = true
	g.evSubj[e.Subject] = true
	g.ev = append(g.ev, e)
}

// storedBefore reports whether e's subject and document were both in the
// file before this group, so that the file may hold e already.
func (g *bulkGroup) storedBefore(e graph.Evidence) bool {
	if d := g.docs[e.DocumentID]; d != nil && !d.stored {
		return false
	}
	if n := g.nodes[e.Subject]; n != nil && !n.stored {
		return false
	}
	if r := g.rels[e.Subject]; r != nil && !r.stored {
		return false
	}
	return true
}

// write stores the images and empties the group.
func (g *bulkGroup) write(ctx context.Context, b *bulkLoad) error {
	if g.batches == 0 {
		return nil
	}
	w := &batchWriter{tx: b.tx, faultHook: b.s.faultHook, deferEvidenceIndex: true, known: b.known}
	var newDocs [][]any
	for _, id := range g.docIDs {
		im := g.docs[id]
		d := im.doc
		if !im.stored {
			b.docsWritten[id] = true
			newDocs = append(newDocs, []any{d.ID, d.Title, d.Publisher, d.URL, d.Published, d.Source, d.Text, d.Author, d.Language, im.pages, d.Supersedes})
			continue
		}
		if _, err := w.exec(ctx, `UPDATE documents SET (`+docMeta+`) = (`+docMetaNew+`)
			WHERE id = ?10 AND (`+docMeta+`) IS NOT (`+docMetaNew+`)`,
			d.Title, d.Publisher, d.URL, d.Published, d.Source, d.Author, d.Language, im.pages, d.Supersedes, d.ID); err != nil {
			return err
		}
	}
	if len(newDocs) > 0 {
		if _, err := w.exec(ctx, `INSERT OR FAIL INTO documents(id, title, publisher, url, published, source, text, author, language, pages, supersedes)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9, value->>10
			FROM json_each(?)`, jsonRows(newDocs)); err != nil {
			return err
		}
	}
	var fresh, changed [][]any
	for _, id := range g.nodeIDs {
		im := g.nodes[id]
		if im.edited || !im.exists {
			continue
		}
		row := []any{id, string(im.kind), im.now.name, im.now.aliases, im.now.props, im.now.source, strings.Join(im.aliases, " "), im.body}
		switch {
		case !im.stored:
			fresh = append(fresh, row)
		case im.now != im.before:
			changed = append(changed, row)
		}
	}
	if err := w.writeNodeRows(ctx, fresh, changed); err != nil {
		return err
	}
	var freshRels, changedRels, confirm [][]any
	for _, id := range g.relIDs {
		im := g.rels[id]
		if !im.exists {
			continue
		}
		n := im.now
		row := []any{id, im.typ, im.from, im.to, n.method, n.confidence, n.modality, n.date, n.published, n.props}
		switch {
		case !im.stored:
			freshRels = append(freshRels, append(row, im.status, im.by, im.at, im.note))
			continue
		case n != im.before:
			changedRels = append(changedRels, append(row, im.rid))
		}
		if im.status != im.beforeStatus {
			confirm = append(confirm, []any{id, im.status, im.by, im.at, im.rid})
		}
	}
	if err := w.writeRelRows(ctx, freshRels, changedRels, confirm); err != nil {
		return err
	}
	if _, err := w.writeEvidence(ctx, g.ev); err != nil {
		return err
	}
	g.carry(b)
	return nil
}

// bulkImagesKept bounds the images a group keeps after its write.
const bulkImagesKept = 300_000

// carry starts the next group. What this one wrote is now the stored row,
// which its images hold: they stay (up to bulkImagesKept of them), so the
// next groups read the documents, nodes and claims that many articles
// share (countries, their ministers, the claims between them) from the
// images instead of the file.
func (g *bulkGroup) carry(b *bulkLoad) {
	next := newBulkGroup()
	if len(g.nodes)+len(g.rels)+len(g.docs) > bulkImagesKept {
		*g = *next
		return
	}
	for id, im := range g.docs {
		if im.listed {
			next.docs[id] = &docImage{stored: true}
		} else {
			next.docs[id] = im
		}
	}
	for id, im := range g.nodes {
		if im.listed && !im.edited && im.exists {
			im.stored, im.before = true, im.now
		}
		im.listed = false
		next.nodes[id] = im
	}
	for id, im := range g.rels {
		if im.listed && im.exists && !im.stored {
			key, ok := claimKeyOf(id)
			rid := b.known.rids[key]
			if !ok || rid == 0 {
				continue // not known by key: read again when needed
			}
			im.rid = rid
		}
		if im.listed && im.exists {
			im.stored, im.before, im.beforeStatus = true, im.now, im.status
		}
		im.listed = false
		next.rels[id] = im
	}
	*g = *next
}

// The group's side of graph.CheckBatch's questions: what it took counts as
// stored (bulkLookup asks it first).

func (g *bulkGroup) hasRel(id string) bool {
	im := g.rels[id]
	return im != nil && im.exists
}

func (g *bulkGroup) newDocText(id string) (string, bool) {
	im := g.docs[id]
	if im == nil || !im.listed || im.stored {
		return "", false
	}
	return im.doc.Text, true
}
