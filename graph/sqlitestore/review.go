package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// Review (graph.Curator): people confirm, reject, correct, add and merge.
// Every change runs in one write transaction that also appends its history
// entries, so a failed change leaves nothing, not even a history line.

var _ graph.Curator = (*Store)(nil)

// followReview prepares a batch for writing over what people decided:
// mentions of merged ids are rewritten to the kept node (or claim), and a
// node a person changed keeps its stored kind, so a load that still calls
// it what extraction thought does not conflict (writeNodes leaves it as the
// person made it).
func followReview(ctx context.Context, tx *sql.Tx, b graph.Batch) (graph.Batch, error) {
	var merged bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM redirects)`).Scan(&merged); err != nil {
		return b, err
	}
	if merged {
		to, err := redirectsIn(ctx, tx, graph.BatchIDs(b))
		if err != nil {
			return b, err
		}
		if len(to) > 0 {
			if b, err = graph.RedirectBatch(b, to); err != nil {
				return b, err
			}
			if b, err = graph.NormalizeBatch(b); err != nil {
				return b, err
			}
		}
	}
	if len(b.Nodes) == 0 {
		return b, nil
	}
	ids := make([]string, len(b.Nodes))
	for i, n := range b.Nodes {
		ids[i] = n.ID
	}
	kinds := map[string]graph.NodeKind{}
	err := queryEach(ctx, tx, `SELECT id, kind FROM nodes WHERE edited = 1 AND id IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			var id, kind string
			err := rows.Scan(&id, &kind)
			kinds[id] = graph.NodeKind(kind)
			return err
		})
	if err != nil {
		return b, err
	}
	for i, n := range b.Nodes {
		if k, ok := kinds[n.ID]; ok {
			b.Nodes[i].Kind = k
		}
	}
	return b, nil
}

func redirectsIn(ctx context.Context, q queryer, ids []string) (map[string]string, error) {
	out := map[string]string{}
	err := queryEach(ctx, q, `SELECT old, new FROM redirects WHERE old IN (SELECT value FROM json_each(?))`,
		[]any{jsonArray(ids)}, func(rows *sql.Rows) error {
			var o, n string
			err := rows.Scan(&o, &n)
			out[o] = n
			return err
		})
	return out, err
}

// Redirects implements graph.Curator.
func (s *Store) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	out, err := redirectsIn(ctx, s.read, ids)
	return out, s.wrap(ctx, "reading merges", err)
}

// follow returns what id is now: itself, or the node or claim it was
// merged into.
func follow(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var to string
	err := tx.QueryRowContext(ctx, `SELECT new FROM redirects WHERE old = ?`, id).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return id, nil
	}
	return to, err
}

// claimToEdit is the claim a review or correction of ref acts on: ref
// followed through merges, NOT_FOUND when there is no such claim, CONFLICT
// when ifVersion is given and is not its current version.
func claimToEdit(ctx context.Context, tx *sql.Tx, ref string, ifVersion *int) (string, graph.Relationship, error) {
	id, err := follow(ctx, tx, ref)
	if err != nil {
		return "", graph.Relationship{}, err
	}
	old, ok, err := relInTx(ctx, tx, id)
	if err != nil {
		return "", old, err
	}
	if !ok {
		return "", old, graph.NotFoundf("no claim %q", ref)
	}
	return id, old, graph.CheckVersion(id, old.Version, ifVersion)
}

// relInTx reads one claim inside the transaction.
func relInTx(ctx context.Context, tx *sql.Tx, id string) (graph.Relationship, bool, error) {
	r, err := scanRel(tx.QueryRowContext(ctx, `SELECT `+relCols+relFrom+` WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// nodeInTx reads one node inside the transaction.
func nodeInTx(ctx context.Context, tx *sql.Tx, id string) (graph.Node, bool, error) {
	n, err := scanNode(tx.QueryRowContext(ctx, `SELECT `+nodeColsV+` FROM nodes n WHERE n.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, false, nil
	}
	return n, err == nil, err
}

// record appends one history entry.
func record(ctx context.Context, tx *sql.Tx, at, by, action, subject string, before, after any) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO history(at, author, action, subject, before, after) VALUES(?,?,?,?,?,?)`,
		at, by, action, subject, graph.StateJSON(before), graph.StateJSON(after))
	return err
}

// setReview changes a claim's review state and raises its version.
func setReview(ctx context.Context, tx *sql.Tx, id string, rv graph.Review) error {
	_, err := tx.ExecContext(ctx, `UPDATE rels SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ?, corrected_by = ?,
		version = version + 1, edited = 1 WHERE id = ?`, string(rv.Status), rv.By, rv.At, rv.Note, rv.CorrectedBy, id)
	return err
}

// ReviewClaim implements graph.Curator.
func (s *Store) ReviewClaim(ctx context.Context, in graph.ClaimReview) (graph.Relationship, error) {
	var out graph.Relationship
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	switch in.Status {
	case graph.Confirmed, graph.Rejected, graph.Unreviewed:
	case graph.Corrected:
		return out, graph.Invalidf("a claim becomes CORRECTED through correctClaim, which says what replaces it")
	default:
		return out, graph.Invalidf("unknown review status %q", in.Status)
	}
	if in.Note != "" {
		if err := graph.ValidNote(in.Note); err != nil {
			return out, err
		}
	}
	err = s.inWriteTx(ctx, "reviewing a claim", func(tx *sql.Tx) error {
		id, old, err := claimToEdit(ctx, tx, in.ID, in.IfVersion)
		if err != nil {
			return err
		}
		if old.Review.Status == graph.Corrected {
			return graph.Invalidf("claim %s was corrected by %s; review that one", id, old.Review.CorrectedBy)
		}
		at := graph.Now()
		if err := setReview(ctx, tx, id, graph.Review{Status: in.Status, By: by, At: at, Note: in.Note}); err != nil {
			return err
		}
		if out, _, err = relInTx(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, at, by, graph.ActionReview, id, graph.StateOfClaim(old), graph.StateOfClaim(out))
	})
	return out, err
}

// evidenceAt reads the text at a span of a stored document and returns it
// as evidence for subject.
func evidenceAt(ctx context.Context, tx *sql.Tx, subject string, sp graph.TextSpan) (graph.Evidence, string, error) {
	var text, published string
	err := tx.QueryRowContext(ctx, `SELECT text, published FROM documents WHERE id = ?`, sp.Document).Scan(&text, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return graph.Evidence{}, "", graph.NotFoundf("no document %q", sp.Document)
	}
	if err != nil {
		return graph.Evidence{}, "", err
	}
	if sp.Start < 0 || sp.End <= sp.Start {
		return graph.Evidence{}, "", graph.Invalidf("evidence span [%d, %d) is empty or backwards: start must be below end", sp.Start, sp.End)
	}
	quote, ok := graph.Span(text, sp.Start, sp.End)
	if !ok {
		return graph.Evidence{}, "", graph.Invalidf("evidence span [%d, %d) is outside document %q (%d characters)", sp.Start, sp.End, sp.Document, len([]rune(text)))
	}
	if strings.TrimSpace(quote) == "" {
		return graph.Evidence{}, "", graph.Invalidf("evidence span [%d, %d) of document %q is only white space", sp.Start, sp.End, sp.Document)
	}
	return graph.Evidence{ID: graph.EvidenceID(subject, sp.Document, sp.Start, sp.End), Subject: subject,
		DocumentID: sp.Document, Start: sp.Start, End: sp.End, Quote: quote}, published, nil
}

// writeChecked writes a batch inside tx with the checks of Upsert.
func writeChecked(ctx context.Context, tx *sql.Tx, b graph.Batch) error {
	b, err := graph.NormalizeBatch(b)
	if err != nil {
		return err
	}
	if err := graph.CheckBatch(ctx, b, txLookup{tx}); err != nil {
		return err
	}
	_, err = (&batchWriter{tx: tx}).write(ctx, b)
	return err
}

// endsOf follows merges for both ends and checks that they exist and that
// the vocabulary allows the type between their kinds.
func endsOf(ctx context.Context, tx *sql.Tx, t graph.RelType, from, to string) (string, string, error) {
	if !t.Valid() {
		return "", "", graph.Invalidf("unknown relationship type %q", t)
	}
	var kinds [2]graph.NodeKind
	ids := [2]string{from, to}
	for i := range ids {
		id, err := follow(ctx, tx, ids[i])
		if err != nil {
			return "", "", err
		}
		n, ok, err := nodeInTx(ctx, tx, id)
		if err != nil {
			return "", "", err
		}
		if !ok {
			return "", "", graph.NotFoundf("no node %q", ids[i])
		}
		ids[i], kinds[i] = id, n.Kind
	}
	if err := graph.CheckEndpoints(t, kinds[0], kinds[1]); err != nil {
		return "", "", graph.Invalidf("%s -%s-> %s: %s", ids[0], t, ids[1], err.(*graph.Error).Msg)
	}
	return ids[0], ids[1], nil
}

// AddClaim implements graph.Curator.
func (s *Store) AddClaim(ctx context.Context, in graph.NewClaim) (graph.Relationship, error) {
	var out graph.Relationship
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if err := graph.CheckClaimFields(in.Modality, in.Date, in.Props); err != nil {
		return out, err
	}
	if in.Note != "" {
		if err := graph.ValidNote(in.Note); err != nil {
			return out, err
		}
	}
	err = s.inWriteTx(ctx, "adding a claim", func(tx *sql.Tx) error {
		from, to, err := endsOf(ctx, tx, in.Type, in.From, in.To)
		if err != nil {
			return err
		}
		id := graph.ClaimID(from, in.Type, to)
		ev, published, err := evidenceAt(ctx, tx, id, in.Evidence)
		if err != nil {
			return err
		}
		old, exists, err := relInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := graph.CheckVersion(id, old.Version, in.IfVersion); err != nil {
			return err
		}
		at := graph.Now()
		rv := graph.Review{Status: graph.Confirmed, By: by, At: at, Note: in.Note}
		b := graph.Batch{Evidence: []graph.Evidence{ev}}
		if !exists {
			m := in.Modality
			if m == "" {
				m = graph.Asserted
			}
			b.Relationships = []graph.Relationship{{ID: id, Type: in.Type, From: from, To: to, Method: graph.MethodCurated,
				Confidence: 1, Modality: m, Date: in.Date, Published: published, Props: in.Props, Review: rv}}
		}
		if err := writeChecked(ctx, tx, b); err != nil {
			return err
		}
		if exists {
			err = setReview(ctx, tx, id, rv)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE rels SET edited = 1 WHERE id = ?`, id)
		}
		if err != nil {
			return err
		}
		if out, _, err = relInTx(ctx, tx, id); err != nil {
			return err
		}
		var before any
		if exists {
			before = graph.StateOfClaim(old)
		}
		after := struct {
			graph.ClaimState
			Evidence graph.Evidence `json:"evidence"`
		}{graph.StateOfClaim(out), ev}
		return record(ctx, tx, at, by, graph.ActionAdd, id, before, after)
	})
	return out, err
}

// evidenceOfTx reads a subject's evidence inside the transaction.
func evidenceOfTx(ctx context.Context, tx *sql.Tx, subject string) ([]graph.Evidence, error) {
	var out []graph.Evidence
	err := queryEach(ctx, tx, `SELECT `+evCols+` FROM evidence e WHERE e.subject = `+subjectKeyOf+` ORDER BY doc_id, e.start, e.end`, []any{subject},
		func(rows *sql.Rows) error {
			e, err := scanEvidence(rows)
			out = append(out, e)
			return err
		})
	return out, err
}

// CorrectClaim implements graph.Curator.
func (s *Store) CorrectClaim(ctx context.Context, in graph.ClaimCorrection) (graph.Relationship, error) {
	var out graph.Relationship
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if in.Note != "" {
		if err := graph.ValidNote(in.Note); err != nil {
			return out, err
		}
	}
	err = s.inWriteTx(ctx, "correcting a claim", func(tx *sql.Tx) error {
		id, old, err := claimToEdit(ctx, tx, in.ID, in.IfVersion)
		if err != nil {
			return err
		}
		if old.Review.Status == graph.Corrected {
			return graph.Invalidf("claim %s was already corrected by %s; correct that one", id, old.Review.CorrectedBy)
		}
		nw := in.Apply(old)
		if err := graph.CheckClaimFields(nw.Modality, nw.Date, nw.Props); err != nil {
			return err
		}
		if nw.From, nw.To, err = endsOf(ctx, tx, nw.Type, nw.From, nw.To); err != nil {
			return err
		}
		nw.ID = graph.ClaimID(nw.From, nw.Type, nw.To)
		nw.Method, nw.Confidence = graph.MethodCurated, 1
		at := graph.Now()
		rv := graph.Review{Status: graph.Confirmed, By: by, At: at, Note: in.Note}
		nw.Review = rv

		// The evidence: the old claim's sentences, and any span given.
		var evs []graph.Evidence
		if nw.ID != old.ID {
			olds, err := evidenceOfTx(ctx, tx, old.ID)
			if err != nil {
				return err
			}
			for _, e := range olds {
				e.Subject = nw.ID
				e.ID = graph.EvidenceID(nw.ID, e.DocumentID, e.Start, e.End)
				evs = append(evs, e)
			}
		}
		for _, sp := range in.Evidence {
			e, _, err := evidenceAt(ctx, tx, nw.ID, sp)
			if err != nil {
				return err
			}
			evs = append(evs, e)
		}

		if nw.ID == old.ID {
			// Same type and ends: the claim is corrected in place.
			if _, err := tx.ExecContext(ctx, `UPDATE rels SET modality = ?, date = ?, props = ?, method = ?, confidence = ? WHERE id = ?`,
				string(nw.Modality), nw.Date, encodeMap(nw.Props), nw.Method, nw.Confidence, id); err != nil {
				return err
			}
			if err := writeChecked(ctx, tx, graph.Batch{Evidence: evs}); err != nil {
				return err
			}
			if err := setReview(ctx, tx, id, rv); err != nil {
				return err
			}
			if out, _, err = relInTx(ctx, tx, id); err != nil {
				return err
			}
			return record(ctx, tx, at, by, graph.ActionCorrect, id, graph.StateOfClaim(old), graph.StateOfClaim(out))
		}

		target, exists, err := relInTx(ctx, tx, nw.ID)
		if err != nil {
			return err
		}
		b := graph.Batch{Evidence: evs}
		if !exists {
			b.Relationships = []graph.Relationship{nw}
		}
		if err := writeChecked(ctx, tx, b); err != nil {
			return err
		}
		if exists {
			if _, err := tx.ExecContext(ctx, `UPDATE rels SET modality = ?, date = ?, props = ?, method = ?, confidence = ? WHERE id = ?`,
				string(nw.Modality), nw.Date, encodeMap(nw.Props), nw.Method, nw.Confidence, nw.ID); err != nil {
				return err
			}
			if err := setReview(ctx, tx, nw.ID, rv); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE rels SET edited = 1 WHERE id = ?`, nw.ID); err != nil {
			return err
		}
		if err := setReview(ctx, tx, old.ID, graph.Review{Status: graph.Corrected, By: by, At: at, Note: in.Note, CorrectedBy: nw.ID}); err != nil {
			return err
		}
		oldAfter, _, err := relInTx(ctx, tx, old.ID)
		if err != nil {
			return err
		}
		if out, _, err = relInTx(ctx, tx, nw.ID); err != nil {
			return err
		}
		if err := record(ctx, tx, at, by, graph.ActionCorrect, old.ID, graph.StateOfClaim(old), graph.StateOfClaim(oldAfter)); err != nil {
			return err
		}
		var before any
		if exists {
			before = graph.StateOfClaim(target)
		}
		return record(ctx, tx, at, by, graph.ActionCorrect, nw.ID, before, graph.StateOfClaim(out))
	})
	return out, err
}

// CreateEntity implements graph.Curator.
func (s *Store) CreateEntity(ctx context.Context, in graph.NewEntity) (graph.Node, error) {
	var out graph.Node
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if !in.Kind.Valid() {
		return out, graph.Invalidf("unknown node kind %q", in.Kind)
	}
	if in.Kind.IsClaim() {
		return out, graph.Invalidf("a %s is a claim and needs evidence: add it with the claims that cite it, not as an entity", in.Kind)
	}
	id := in.ID
	if id == "" {
		id = graph.MintEntityID(in.Kind, in.Name)
	}
	n := graph.Node{ID: id, Kind: in.Kind, Name: strings.TrimSpace(in.Name), Aliases: graph.MergeAliases(in.Name, nil, in.Aliases),
		Props: in.Props, Source: "created by " + by}
	if n.Props == nil {
		n.Props = map[string]string{}
	}
	if err := n.Validate(); err != nil {
		return out, err
	}
	err = s.inWriteTx(ctx, "creating an entity", func(tx *sql.Tx) error {
		to, err := follow(ctx, tx, id)
		if err != nil {
			return err
		}
		if to != id {
			return graph.Invalidf("%s was merged into %s; use that one", id, to)
		}
		if _, ok, err := nodeInTx(ctx, tx, id); err != nil || ok {
			if ok {
				return graph.Invalidf("an entity %s exists already", id)
			}
			return err
		}
		if err := writeChecked(ctx, tx, graph.Batch{Nodes: []graph.Node{n}}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE nodes SET edited = 1 WHERE id = ?`, id); err != nil {
			return err
		}
		if out, _, err = nodeInTx(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, graph.Now(), by, graph.ActionCreate, id, nil, graph.StateOfNode(out))
	})
	return out, err
}

// rewriteNode stores a node's kind, names and properties as a person made
// them, raising its version, and re-indexes its names.
func rewriteNode(ctx context.Context, tx *sql.Tx, n graph.Node) error {
	if _, err := tx.ExecContext(ctx, `UPDATE nodes SET kind = ?, name = ?, aliases = ?, props = ?, version = version + 1, edited = 1 WHERE id = ?`,
		string(n.Kind), n.Name, encodeList(n.Aliases), encodeMap(n.Props), n.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM node_fts WHERE rowid = (SELECT nid FROM nodes WHERE id = ?)`, n.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO node_fts(rowid, name, aliases, body) SELECT nid, ?, ?, ? FROM nodes WHERE id = ?`,
		n.Name, strings.Join(n.Aliases, " "), nodeBody(n), n.ID)
	return err
}

// UpdateEntity implements graph.Curator.
func (s *Store) UpdateEntity(ctx context.Context, in graph.EntityUpdate) (graph.Node, error) {
	var out graph.Node
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	err = s.inWriteTx(ctx, "updating an entity", func(tx *sql.Tx) error {
		id, err := follow(ctx, tx, in.ID)
		if err != nil {
			return err
		}
		old, ok, err := nodeInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if !ok {
			return graph.NotFoundf("no node %q", in.ID)
		}
		if err := graph.CheckVersion(id, old.Version, in.IfVersion); err != nil {
			return err
		}
		nw := old
		if in.Name != nil {
			nw.Name = strings.TrimSpace(*in.Name)
		}
		if in.Aliases != nil {
			nw.Aliases = in.Aliases
		}
		nw.Aliases = graph.MergeAliases(nw.Name, nil, nw.Aliases)
		if in.Props != nil {
			nw.Props = in.Props
		}
		if in.Kind != nil && *in.Kind != old.Kind {
			if !in.Kind.Valid() {
				return graph.Invalidf("unknown node kind %q", *in.Kind)
			}
			if old.Kind.IsClaim() || in.Kind.IsClaim() {
				return graph.Invalidf("the kind of %s cannot change from %s to %s: events, statements and attributions are claims", id, old.Kind, *in.Kind)
			}
			nw.Kind = *in.Kind
			if err := claimsAllowed(ctx, tx, id, nw.Kind); err != nil {
				return err
			}
		}
		if err := nw.Validate(); err != nil {
			return err
		}
		if err := rewriteNode(ctx, tx, nw); err != nil {
			return err
		}
		if out, _, err = nodeInTx(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, graph.Now(), by, graph.ActionUpdate, id, graph.StateOfNode(old), graph.StateOfNode(out))
	})
	return out, err
}

// claimsAllowed checks that every claim of node id stays allowed by the
// vocabulary once the node is of kind k.
func claimsAllowed(ctx context.Context, tx *sql.Tx, id string, k graph.NodeKind) error {
	return queryEach(ctx, tx, `SELECT r.type, a.id, a.kind, b.id, b.kind `+relFrom+` WHERE a.id = ? OR b.id = ?`, []any{id, id},
		func(rows *sql.Rows) error {
			var t, aid, ak, bid, bk string
			if err := rows.Scan(&t, &aid, &ak, &bid, &bk); err != nil {
				return err
			}
			if aid == id {
				ak = string(k)
			}
			if bid == id {
				bk = string(k)
			}
			if err := graph.CheckEndpoints(graph.RelType(t), graph.NodeKind(ak), graph.NodeKind(bk)); err != nil {
				return graph.Invalidf("%s cannot become a %s: its claim %s -%s-> %s would break the vocabulary (%s)", id, k, aid, t, bid, err.(*graph.Error).Msg)
			}
			return nil
		})
}

// MergeEntities implements graph.Curator.
func (s *Store) MergeEntities(ctx context.Context, in graph.Merge) (graph.Node, error) {
	var out graph.Node
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if len(in.Merge) == 0 {
		return out, graph.Invalidf("name at least one node to merge into %s", in.Keep)
	}
	err = s.inWriteTx(ctx, "merging entities", func(tx *sql.Tx) error {
		keep, err := follow(ctx, tx, in.Keep)
		if err != nil {
			return err
		}
		k, ok, err := nodeInTx(ctx, tx, keep)
		if err != nil {
			return err
		}
		if !ok {
			return graph.NotFoundf("no node %q", in.Keep)
		}
		if err := graph.CheckVersion(keep, k.Version, in.IfVersion); err != nil {
			return err
		}
		var merged []graph.Node
		for _, m := range in.Merge {
			id, err := follow(ctx, tx, m)
			if err != nil {
				return err
			}
			if id == keep {
				if m == in.Keep || m == keep {
					return graph.Invalidf("cannot merge %s into itself", m)
				}
				return graph.Invalidf("%s was already merged into %s", m, keep)
			}
			n, ok, err := nodeInTx(ctx, tx, id)
			if err != nil {
				return err
			}
			if !ok {
				return graph.NotFoundf("no node %q", m)
			}
			if n.Kind != k.Kind {
				return graph.Invalidf("cannot merge %s (a %s) into %s (a %s): only nodes of one kind are merged", id, n.Kind, keep, k.Kind)
			}
			if !slices.ContainsFunc(merged, func(x graph.Node) bool { return x.ID == id }) {
				merged = append(merged, n)
			}
		}
		at := graph.Now()
		before := graph.StateOfNode(k)
		for _, m := range merged {
			if err := moveClaims(ctx, tx, m.ID, keep); err != nil {
				return err
			}
			if err := moveEvidence(ctx, tx, m.ID, keep); err != nil {
				return err
			}
			if err := redirect(ctx, tx, m.ID, keep); err != nil {
				return err
			}
			k = k.Absorb(m)
			if _, err := tx.ExecContext(ctx, `DELETE FROM node_fts WHERE rowid = (SELECT nid FROM nodes WHERE id = ?)`, m.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE id = ?`, m.ID); err != nil {
				return err
			}
			if err := record(ctx, tx, at, by, graph.ActionMergedInto, m.ID, graph.StateOfNode(m), map[string]string{"mergedInto": keep}); err != nil {
				return err
			}
		}
		if err := rewriteNode(ctx, tx, k); err != nil {
			return err
		}
		if out, _, err = nodeInTx(ctx, tx, keep); err != nil {
			return err
		}
		ids := make([]string, len(merged))
		for i, m := range merged {
			ids[i] = m.ID
		}
		after := struct {
			graph.NodeState
			Merged []string `json:"merged"`
		}{graph.StateOfNode(out), ids}
		return record(ctx, tx, at, by, graph.ActionMerge, keep, before, after)
	})
	return out, err
}

// redirect makes old (and everything that redirected to it) lead to new,
// and moves old's notes and correction links.
func redirect(ctx context.Context, tx *sql.Tx, old, new string) error {
	for _, q := range []string{
		`INSERT INTO redirects(old, new) VALUES(?1, ?2) ON CONFLICT(old) DO UPDATE SET new = ?2`,
		`UPDATE redirects SET new = ?2 WHERE new = ?1`,
		`UPDATE notes SET subject = ?2 WHERE subject = ?1`,
		`UPDATE rels SET corrected_by = ?2 WHERE corrected_by = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, old, new); err != nil {
			return err
		}
	}
	return nil
}

// moveClaims re-points every claim of node m at node keep. A claim that
// then equals one keep already has is folded into it (its evidence moves,
// and a decision made on it survives when the other was unreviewed).
func moveClaims(ctx context.Context, tx *sql.Tx, m, keep string) error {
	var rels []graph.Relationship
	err := queryEach(ctx, tx, `SELECT `+relCols+relFrom+` WHERE a.id = ?1 OR b.id = ?1 ORDER BY r.id`, []any{m}, func(rows *sql.Rows) error {
		r, err := scanRel(rows)
		rels = append(rels, r)
		return err
	})
	if err != nil {
		return err
	}
	for _, r := range rels {
		from, to := r.From, r.To
		if from == m {
			from = keep
		}
		if to == m {
			to = keep
		}
		id := graph.ClaimID(from, r.Type, to)
		target, exists, err := relInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if exists {
			if target.Review.Status == graph.Unreviewed && r.Review.Status != graph.Unreviewed {
				rv := r.Review
				if rv.CorrectedBy == id {
					rv = graph.Review{Status: graph.Confirmed, By: rv.By, At: rv.At, Note: rv.Note}
				}
				if err := setReview(ctx, tx, id, rv); err != nil {
					return err
				}
			}
			// The evidence moves while both claims are stored (it names
			// them by row key).
			if err := moveEvidence(ctx, tx, r.ID, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM rels WHERE id = ?`, r.ID); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE rels SET id = ?, src = (SELECT nid FROM nodes WHERE id = ?), dst = (SELECT nid FROM nodes WHERE id = ?) WHERE id = ?`,
			id, from, to, r.ID); err != nil {
			return err
		}
		// A claim renamed in place keeps its row key and so its evidence,
		// whose ids (computed from the subject) follow the new id.
		if err := redirect(ctx, tx, r.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// moveEvidence gives the evidence of subject old to subject new; a span new
// already cites is dropped rather than repeated. Both must still be stored.
func moveEvidence(ctx context.Context, tx *sql.Tx, old, new string) error {
	var oldKey, newKey sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT `+subjectKeyOf, old).Scan(&oldKey); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT `+subjectKeyOf, new).Scan(&newKey); err != nil {
		return err
	}
	if !oldKey.Valid || !newKey.Valid {
		return fmt.Errorf("moving evidence from %q to %q: one of them is not stored", old, new)
	}
	if _, err := deleteEvidenceWhere(ctx, tx, `subject = ?1 AND EXISTS (SELECT 1 FROM evidence n
		WHERE n.subject = ?2 AND n.did = evidence.did AND n.start = evidence.start AND n.end = evidence.end)`, oldKey.Int64, newKey.Int64); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE evidence SET subject = ?2 WHERE subject = ?1`, oldKey.Int64, newKey.Int64)
	return err
}

// AddNote implements graph.Curator.
func (s *Store) AddNote(ctx context.Context, subject, text string) (graph.Note, error) {
	var out graph.Note
	by, err := graph.Author(ctx)
	if err != nil {
		return out, err
	}
	if err := graph.ValidNote(text); err != nil {
		return out, err
	}
	err = s.inWriteTx(ctx, "adding a note", func(tx *sql.Tx) error {
		id, err := follow(ctx, tx, subject)
		if err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM nodes WHERE id = ?1) OR EXISTS(SELECT 1 FROM rels WHERE id = ?1)`, id).Scan(&exists); err != nil {
			return err
		}
		if !exists {
			return graph.NotFoundf("no node or claim %q", subject)
		}
		at := graph.Now()
		res, err := tx.ExecContext(ctx, `INSERT INTO notes(subject, text, author, at) VALUES(?,?,?,?)`, id, text, by, at)
		if err != nil {
			return err
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		out = graph.Note{ID: noteID(seq), Subject: id, Text: text, By: by, At: at}
		return record(ctx, tx, at, by, graph.ActionNote, id, nil, map[string]string{"note": out.ID, "text": text})
	})
	return out, err
}

// Notes implements graph.Curator.
func (s *Store) Notes(ctx context.Context, subjects []string) (map[string][]graph.Note, error) {
	out := map[string][]graph.Note{}
	err := queryEach(ctx, s.read, `SELECT seq, subject, text, author, at FROM notes WHERE subject IN (SELECT value FROM json_each(?)) ORDER BY subject, seq`,
		[]any{jsonArray(subjects)}, func(rows *sql.Rows) error {
			var n graph.Note
			var seq int64
			if err := rows.Scan(&seq, &n.Subject, &n.Text, &n.By, &n.At); err != nil {
				return err
			}
			n.ID = noteID(seq)
			out[n.Subject] = append(out[n.Subject], n)
			return nil
		})
	return out, s.wrap(ctx, "reading notes", err)
}

// History implements graph.Curator. A subject's history includes that of
// the nodes and claims merged into it.
func (s *Store) History(ctx context.Context, q graph.HistoryQuery) (graph.ChangePage, error) {
	var page graph.ChangePage
	after, err := graph.DecodeCursor(q.After)
	if err != nil {
		return page, err
	}
	var afterSeq int64
	if after != "" {
		if afterSeq, err = strconv.ParseInt(strings.TrimPrefix(after, "change:"), 10, 64); err != nil {
			return page, graph.Invalidf("cursor %q is not one this API gave out", q.After)
		}
	}
	n := graph.PageSize(q.First)
	err = queryEach(ctx, s.read, `SELECT seq, at, author, action, subject, before, after FROM history
		WHERE (:subject = '' OR subject = :subject OR subject IN (SELECT old FROM redirects WHERE new = :subject))
		AND (:by = '' OR author = :by) AND (:since = '' OR at >= :since) AND (:after = 0 OR seq < :after)
		ORDER BY seq DESC LIMIT :lim`,
		[]any{sql.Named("subject", q.Subject), sql.Named("by", q.By), sql.Named("since", q.Since), sql.Named("after", afterSeq), sql.Named("lim", n+1)},
		func(rows *sql.Rows) error {
			var c graph.Change
			err := rows.Scan(&c.Seq, &c.At, &c.By, &c.Action, &c.Subject, &c.Before, &c.After)
			page.Changes = append(page.Changes, c)
			return err
		})
	if err != nil {
		return page, s.wrap(ctx, "reading the history", err)
	}
	if len(page.Changes) > n {
		page.Changes, page.HasMore = page.Changes[:n], true
	}
	if len(page.Changes) > 0 {
		page.EndCursor = graph.EncodeCursor(page.Changes[len(page.Changes)-1].ID())
	}
	return page, nil
}

// ReviewQueue implements graph.Curator: unreviewed claims by confidence,
// then id, off the rels_review_queue index.
func (s *Store) ReviewQueue(ctx context.Context, first int, after string) (graph.RelationshipPage, error) {
	var page graph.RelationshipPage
	cur, err := graph.DecodeCursor(after)
	if err != nil {
		return page, err
	}
	conf, id := -1.0, ""
	if cur != "" {
		if conf, id, err = graph.ParseQueueCursor(cur); err != nil {
			return page, graph.Invalidf("cursor %q is not one this API gave out", after)
		}
	}
	n := graph.PageSize(first)
	err = queryEach(ctx, s.read, `SELECT `+relCols+relFrom+` WHERE r.status = 'UNREVIEWED' AND (r.confidence, r.id) > (?, ?)
		ORDER BY r.status, r.confidence, r.id LIMIT ?`, []any{conf, id, n + 1}, func(rows *sql.Rows) error {
		r, err := scanRel(rows)
		page.Relationships = append(page.Relationships, r)
		return err
	})
	if err == nil {
		err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM rels WHERE status = 'UNREVIEWED'`).Scan(&page.Total)
	}
	if err != nil {
		return page, s.wrap(ctx, "reading the review queue", err)
	}
	if len(page.Relationships) > n {
		page.Relationships, page.HasMore = page.Relationships[:n], true
	}
	if k := len(page.Relationships); k > 0 {
		last := page.Relationships[k-1]
		page.EndCursor = graph.QueueCursor(last)
	}
	return page, nil
}

// ReviewCounts implements graph.Curator.
func (s *Store) ReviewCounts(ctx context.Context) (map[graph.ReviewStatus]int, error) {
	out := map[graph.ReviewStatus]int{}
	for _, st := range graph.ReviewStatuses() {
		out[st] = 0
	}
	err := queryEach(ctx, s.read, `SELECT status, count(*) FROM rels GROUP BY status`, nil, func(rows *sql.Rows) error {
		var st string
		var c int
		err := rows.Scan(&st, &c)
		out[graph.ReviewStatus(st)] = c
		return err
	})
	return out, s.wrap(ctx, "counting reviews", err)
}

func noteID(seq int64) string { return "note:" + strconv.FormatInt(seq, 10) }
