package jsonl

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Counts says how many items of each kind were exported or read.
type Counts struct {
	Documents, Nodes, Claims, Evidence int
	// Curation counts the lines of what people did: reviews, changed
	// entities, merges, notes and history entries.
	Curation int
}

func (c Counts) String() string {
	return fmt.Sprintf("%d documents, %d nodes, %d claims, %d evidence, %d reviews, notes, merges and history entries",
		c.Documents, c.Nodes, c.Claims, c.Evidence, c.Curation)
}

// exportPage is how many items Export asks a store for at once: the stores'
// largest page.
const exportPage = 1000

// Export writes every document, node, claim and evidence of s to w, through
// the graph.Store interface alone, so any store can be exported. Claims are
// found as the outgoing claims of each page of nodes: every claim has
// exactly one start node, so each is written once. The order is stable
// (documents, nodes and each page's claims by id; evidence by document, then
// offset), so the same graph always exports to the same bytes.
func Export(ctx context.Context, s graph.Store, w *Writer) (Counts, error) {
	var c Counts
	var docIDs []string
	for after := ""; ; {
		p, err := s.ListDocuments(ctx, graph.ListDocumentsQuery{First: 100, After: after})
		if err != nil {
			return c, fmt.Errorf("listing documents: %w", err)
		}
		for _, d := range p.Documents {
			if err := w.WriteDocument(d); err != nil {
				return c, err
			}
			docIDs = append(docIDs, d.ID)
			c.Documents++
		}
		if !p.HasMore {
			break
		}
		after = p.EndCursor
	}
	// Nodes first, then walk them again for their claims, so that a reader
	// meets every node before any claim that joins it.
	if err := eachNodePage(ctx, s, func(ns []graph.Node) error {
		for _, n := range ns {
			if err := w.WriteNode(n); err != nil {
				return err
			}
			c.Nodes++
		}
		return nil
	}); err != nil {
		return c, err
	}
	if err := eachNodePage(ctx, s, func(ns []graph.Node) error {
		ids := make([]string, len(ns))
		for i, n := range ns {
			ids[i] = n.ID
		}
		for after := ""; ; {
			// Every claim, rejected and corrected ones too: the export is
			// the whole graph.
			p, err := s.Relationships(ctx, graph.RelationshipsQuery{NodeIDs: ids, Direction: graph.Outgoing, First: exportPage, After: after,
				Filter: graph.Filter{Statuses: graph.ReviewStatuses()}})
			if err != nil {
				return fmt.Errorf("reading claims: %w", err)
			}
			for _, r := range p.Relationships {
				if err := w.WriteClaim(r); err != nil {
					return err
				}
				c.Claims++
			}
			if !p.HasMore {
				return nil
			}
			after = p.EndCursor
		}
	}); err != nil {
		return c, err
	}
	for _, id := range docIDs {
		evs, err := s.EvidenceOfDocument(ctx, id)
		if err != nil {
			return c, fmt.Errorf("reading evidence of %s: %w", id, err)
		}
		slices.SortFunc(evs, func(a, b graph.Evidence) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
				cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.ID, b.ID))
		})
		for _, e := range evs {
			if err := w.WriteEvidence(e); err != nil {
				return c, err
			}
			c.Evidence++
		}
	}
	if err := exportCuration(ctx, s, w, &c); err != nil {
		return c, err
	}
	return c, w.Flush()
}

func eachNodePage(ctx context.Context, s graph.Store, fn func([]graph.Node) error) error {
	for after := ""; ; {
		p, err := s.ListNodes(ctx, graph.ListNodesQuery{First: exportPage, After: after})
		if err != nil {
			return fmt.Errorf("listing nodes: %w", err)
		}
		if err := fn(p.Nodes); err != nil {
			return err
		}
		if !p.HasMore {
			return nil
		}
		after = p.EndCursor
	}
}

// graphFile is a whole file in memory, in file order.
type graphFile struct {
	docs     []graph.Document
	nodes    []graph.Node
	claims   []graph.Relationship
	evs      []graph.Evidence
	curation graph.Curation
}

// readAll reads every item of r, checking each on its own as it is read
// (sizes, ids, vocabulary), so that a file with a 60 MB name is refused at
// that line instead of after the whole file sits in memory.
func readAll(r *Reader) (graphFile, Counts, error) {
	var g graphFile
	var c Counts
	for {
		it, err := r.Next()
		if errors.Is(err, io.EOF) {
			return g, c, nil
		}
		if err != nil {
			return g, c, err
		}
		if err := validItem(it); err != nil {
			return g, c, &LineError{Line: r.Line(), Msg: "refused", Err: err}
		}
		switch {
		case it.Document != nil:
			g.docs = append(g.docs, *it.Document)
			c.Documents++
		case it.Node != nil:
			g.nodes = append(g.nodes, *it.Node)
			c.Nodes++
		case it.Claim != nil:
			g.claims = append(g.claims, *it.Claim)
			c.Claims++
		case it.Evidence != nil:
			g.evs = append(g.evs, *it.Evidence)
			c.Evidence++
		case it.Curation != nil:
			addCuration(&g.curation, *it.Curation)
			c.Curation++
		}
	}
}

// validItem checks one item as every write would.
func validItem(it Item) error {
	switch {
	case it.Document != nil:
		return it.Document.Validate()
	case it.Node != nil:
		return it.Node.Validate()
	case it.Claim != nil:
		return it.Claim.Validate()
	case it.Evidence != nil:
		_, err := graph.NormalizeBatch(graph.Batch{Evidence: []graph.Evidence{*it.Evidence}})
		return err
	}
	return nil
}

// storeLookup answers graph.CheckBatch through the Store interface alone,
// so that Import can check a whole file against any store before writing.
type storeLookup struct{ s graph.Store }

func (l storeLookup) StoredNodeKinds(ctx context.Context, ids []string) (map[string]graph.NodeKind, error) {
	out := map[string]graph.NodeKind{}
	for part := range slices.Chunk(ids, exportPage) {
		ns, err := l.s.Nodes(ctx, part)
		if err != nil {
			return nil, err
		}
		for _, n := range ns {
			out[n.ID] = n.Kind
		}
	}
	return out, nil
}

func (l storeLookup) StoredDocumentTexts(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for part := range slices.Chunk(ids, exportPage) {
		ds, err := l.s.Documents(ctx, part)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			out[d.ID] = d.Text
		}
	}
	return out, nil
}

func (l storeLookup) StoredRelationships(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for part := range slices.Chunk(ids, exportPage) {
		rs, err := l.s.RelationshipsByID(ctx, part)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			out[r.ID] = true
		}
	}
	return out, nil
}

func (l storeLookup) SubjectsWithEvidence(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for part := range slices.Chunk(ids, exportPage) {
		ev, err := l.s.Evidence(ctx, part)
		if err != nil {
			return nil, err
		}
		for id, es := range ev {
			if len(es) > 0 {
				out[id] = true
			}
		}
	}
	return out, nil
}

// ImportBatchSize is how many nodes without evidence go into one batch.
const ImportBatchSize = 500

// bulkDocs is how many documents go in one batch of a bulk import.
const bulkDocs = 200

// Import reads a graph from r and writes it into s through Store.Upsert, so
// it is checked like any other write and importing the same file again
// changes nothing. The file is read whole first, because a claim can only be
// written once its endpoints and some evidence are, and the file is ordered
// by kind, not by dependency. Batches are then:
//
//  1. nodes that need no evidence of their own (entities), in batches;
//  2. one batch per document, in file order: the document, the claim-nodes
//     and claims it is the first to cite, and all the evidence into it;
//     a claim whose endpoint is a claim-node first cited by a later
//     document waits, and goes with that document's batch;
//  3. whatever is left (evidence into documents stored earlier, or items
//     that cannot be written), as a last batch, so Upsert either writes it
//     or says what is wrong with it.
//
// An import is all or nothing as far as the data goes: before any batch is
// written, the whole file is checked as one batch against what the store
// holds (graph.NormalizeBatch and graph.CheckBatch, the checks of
// Upsert), and a file with any problem writes nothing. Once it has passed,
// only the store itself can fail a batch (a full disk, a lost connection,
// a kill); the batches written by then stay, and importing the same file
// again writes the rest: the boundary is a batch, and the check passes
// after each.
//
// In a store with a bulk path (graph.BulkStore) the batches go into one
// bulk load, so a failed or killed import stores nothing at all.
//
// It returns the sum of what the batches created.
func Import(ctx context.Context, s graph.Store, r *Reader) (graph.UpsertResult, error) {
	var total graph.UpsertResult
	g, _, err := readAll(r)
	if err != nil {
		return total, err
	}
	whole, err := graph.NormalizeBatch(graph.Batch{Documents: g.docs, Nodes: g.nodes, Relationships: g.claims, Evidence: g.evs})
	if err == nil {
		err = graph.CheckBatch(ctx, whole, storeLookup{s})
	}
	if err != nil {
		return total, fmt.Errorf("nothing imported: %w", err)
	}
	// A store with a bulk path takes the whole file in one bulk load: much
	// faster for a large file, and an import that fails or is killed half
	// way stores nothing of it. Documents then go in groups (bulkDocs to a
	// batch), since the bulk load is one transaction anyway.
	write := s.Upsert
	groupDocs := 1
	var bulk graph.BulkLoad
	if bs, ok := s.(graph.BulkStore); ok {
		if bulk, err = bs.BeginBulk(ctx); err != nil {
			return total, err
		}
		defer bulk.Rollback()
		write, groupDocs = bulk.Upsert, bulkDocs
	}
	var group graph.Batch
	var groupFirst string
	inGroup := 0
	flush := func() error {
		if group.Empty() {
			return nil
		}
		res, err := write(ctx, group)
		if err != nil {
			what := "document " + groupFirst
			if inGroup > 1 {
				what = fmt.Sprintf("%d documents from %s", inGroup, groupFirst)
			}
			return fmt.Errorf("importing %s: %w", what, err)
		}
		total = total.Add(res)
		group, inGroup = graph.Batch{}, 0
		return nil
	}
	upsert := func(what string, b graph.Batch) error {
		if b.Empty() {
			return nil
		}
		if groupDocs == 1 || !strings.HasPrefix(what, "document ") {
			if err := flush(); err != nil {
				return err
			}
			res, err := write(ctx, b)
			if err != nil {
				return fmt.Errorf("importing %s: %w", what, err)
			}
			total = total.Add(res)
			return nil
		}
		if inGroup == 0 {
			groupFirst = strings.TrimPrefix(what, "document ")
		}
		group.Documents = append(group.Documents, b.Documents...)
		group.Nodes = append(group.Nodes, b.Nodes...)
		group.Relationships = append(group.Relationships, b.Relationships...)
		group.Evidence = append(group.Evidence, b.Evidence...)
		inGroup++
		if inGroup >= groupDocs {
			return flush()
		}
		return nil
	}

	nodeKind := map[string]graph.NodeKind{}
	written := map[string]bool{} // node and claim ids stored by now
	var entities []graph.Node
	var claimNodes = map[string]graph.Node{}
	for _, n := range g.nodes {
		nodeKind[n.ID] = n.Kind
		if n.Kind.IsClaim() {
			claimNodes[n.ID] = n
		} else {
			entities = append(entities, n)
		}
	}
	for start := 0; start < len(entities); start += ImportBatchSize {
		part := entities[start:min(start+ImportBatchSize, len(entities))]
		if err := upsert(fmt.Sprintf("nodes %d to %d", start+1, start+len(part)), graph.Batch{Nodes: part}); err != nil {
			return total, err
		}
		for _, n := range part {
			written[n.ID] = true
		}
	}

	claims := map[string]graph.Relationship{}
	for _, c := range g.claims {
		claims[c.ID] = c
	}
	evByDoc := map[string][]graph.Evidence{}
	for _, e := range g.evs {
		evByDoc[e.DocumentID] = append(evByDoc[e.DocumentID], e)
	}
	docStored := map[string]bool{}
	var waiting []graph.Evidence // evidence whose subject is not written yet
	var pending []string         // claims cited but waiting for an endpoint

	for _, d := range g.docs {
		b := graph.Batch{Documents: []graph.Document{d}}
		inBatch := map[string]bool{}
		// Claim-nodes first cited here.
		for _, e := range evByDoc[d.ID] {
			if n, ok := claimNodes[e.Subject]; ok && !written[n.ID] && !inBatch[n.ID] {
				b.Nodes = append(b.Nodes, n)
				inBatch[n.ID] = true
			}
		}
		ready := func(id string) bool { return written[id] || inBatch[id] }
		// Claims first cited here, and those waiting for an endpoint.
		for _, e := range evByDoc[d.ID] {
			if c, ok := claims[e.Subject]; ok && !written[c.ID] && !inBatch[c.ID] && !slices.Contains(pending, c.ID) {
				pending = append(pending, c.ID)
			}
		}
		var still []string
		for _, id := range pending {
			c := claims[id]
			if ready(c.From) && ready(c.To) {
				b.Relationships = append(b.Relationships, c)
				inBatch[c.ID] = true
			} else {
				still = append(still, id)
			}
		}
		pending = still
		// Evidence: this document's, and earlier evidence whose subject is
		// written now.
		var later []graph.Evidence
		for _, e := range append(waiting, evByDoc[d.ID]...) {
			if ready(e.Subject) && (docStored[e.DocumentID] || e.DocumentID == d.ID) {
				b.Evidence = append(b.Evidence, e)
			} else {
				later = append(later, e)
			}
		}
		waiting = later
		if err := upsert("document "+d.ID, b); err != nil {
			return total, err
		}
		docStored[d.ID] = true
		for id := range inBatch {
			written[id] = true
		}
	}

	// Leftovers: evidence into documents the target already holds, or
	// items that nothing in the file made writable. Upsert decides.
	var last graph.Batch
	for _, n := range g.nodes {
		if !written[n.ID] {
			last.Nodes = append(last.Nodes, n)
		}
	}
	for _, c := range g.claims {
		if !written[c.ID] {
			last.Relationships = append(last.Relationships, c)
		}
	}
	var indexed = map[string]bool{}
	for _, d := range g.docs {
		indexed[d.ID] = true
	}
	for _, e := range g.evs {
		if !indexed[e.DocumentID] {
			waiting = append(waiting, e)
		}
	}
	last.Evidence = waiting
	if err := flush(); err != nil {
		return total, err
	}
	if err := upsert("the remaining items", last); err != nil {
		return total, err
	}
	if bulk != nil {
		if err := bulk.Commit(ctx, nil); err != nil {
			return graph.UpsertResult{}, fmt.Errorf("nothing imported: %w", err)
		}
	}
	// What people did, once everything it names is stored.
	return total, importCuration(ctx, s, g.curation)
}
