package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Review: people over rules.
//
// Extraction proposes claims; people confirm, reject, correct, add and
// merge. Every such change is made by a named person (a Viewer), raises the
// version of what it changed, and is kept as an append-only Change. A
// person's decision outranks every later load:
//
//   - A claim is the same across loads when its type and its two ends are
//     the same after merges are followed (ClaimID of the redirected ends).
//     Loading an article again, or re-running newer rules over it, makes the
//     same claim ids, so a rejected or corrected claim stays so: the load can
//     only add evidence to it. The evidence span is the identity of a piece
//     of evidence (EvidenceID: subject, document, span), so the same sentence
//     is never added twice.
//   - A claim or an entity a person has changed keeps its fields: later
//     loads add aliases and evidence, never overwrite a name, kind,
//     properties, modality, date or confidence a person set.
//   - A merged id redirects to the kept node: Upsert rewrites every mention
//     of it (node, claim end, evidence subject) before it writes, so a later
//     load that mentions a merged id or name lands on the kept node.
//
// Rejected and corrected claims stay stored (the history and the link from
// a corrected claim to its replacement need them) but every read hides them
// unless its Filter asks for them (Filter.Statuses).

// ReviewStatus is where a claim stands in review.
type ReviewStatus string

// The review statuses.
const (
	Unreviewed ReviewStatus = "UNREVIEWED"
	Confirmed  ReviewStatus = "CONFIRMED"
	Rejected   ReviewStatus = "REJECTED"
	Corrected  ReviewStatus = "CORRECTED"
)

// ReviewStatuses lists them all.
func ReviewStatuses() []ReviewStatus {
	return []ReviewStatus{Unreviewed, Confirmed, Rejected, Corrected}
}

// VisibleStatuses are what reads show unless asked otherwise.
func VisibleStatuses() []ReviewStatus { return []ReviewStatus{Unreviewed, Confirmed} }

// Valid reports whether s is a known status.
func (s ReviewStatus) Valid() bool { return slices.Contains(ReviewStatuses(), s) }

// Visible reports whether a claim of this status is shown by default.
func (s ReviewStatus) Visible() bool { return s == "" || s == Unreviewed || s == Confirmed }

// Review is the review state of a claim.
type Review struct {
	Status ReviewStatus
	// By names who decided: a person's token name, or "annotations" for a
	// curated claim confirmed by its annotation file.
	By string
	// At is when, RFC 3339 in UTC; empty for an unreviewed claim.
	At   string
	Note string
	// CorrectedBy is the id of the claim that replaced a CORRECTED one.
	CorrectedBy string
}

// ByAnnotations is Review.By of curated claims, confirmed by their file.
const ByAnnotations = "annotations"

// Roles of people.
type Role string

// The roles: readers read, editors change the graph, admins also manage
// tokens (through the CLI).
const (
	RoleReader Role = "reader"
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleReader || r == RoleEditor || r == RoleAdmin }

// CanEdit reports whether the role may change the graph.
func (r Role) CanEdit() bool { return r == RoleEditor || r == RoleAdmin }

// Viewer is who makes a request.
type Viewer struct {
	Name string
	Role Role
	// Why, for a viewer that may not edit, says why (shown in FORBIDDEN).
	Why string
}

type viewerKey struct{}

// WithViewer returns a context carrying who makes the request.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns who makes the request, if known.
func ViewerFrom(ctx context.Context) (Viewer, bool) {
	v, ok := ctx.Value(viewerKey{}).(Viewer)
	return v, ok
}

// Note is a remark a person left on a node or a claim.
type Note struct {
	ID      string
	Subject string
	Text    string
	By      string
	At      string
}

// Change is one entry of the history: who changed what, when, and the
// subject's state before and after (JSON; empty before for a creation).
type Change struct {
	// Seq orders the history; ID is "change:<seq>".
	Seq     int64
	At      string
	By      string
	Action  string
	Subject string
	Before  string
	After   string
}

// ID is the change's id.
func (c Change) ID() string { return fmt.Sprintf("change:%d", c.Seq) }

// The actions of the history.
const (
	ActionReview  = "reviewClaim"
	ActionAdd     = "addClaim"
	ActionCorrect = "correctClaim"
	ActionCreate  = "createEntity"
	ActionUpdate  = "updateEntity"
	ActionMerge   = "mergeEntities"
	// ActionMergedInto is the entry on each merged node.
	ActionMergedInto = "mergedInto"
	ActionNote       = "addNote"
)

// HistoryQuery selects changes, newest first.
type HistoryQuery struct {
	Subject string // "": all
	By      string // "": everyone
	Since   string // RFC 3339 or YYYY-MM-DD; "": from the start
	First   int
	After   string // cursor
}

// ChangePage is one page of history.
type ChangePage struct {
	Changes   []Change
	EndCursor string
	HasMore   bool
}

// TextSpan is a span of a stored document given by a person.
type TextSpan struct {
	Document   string
	Start, End int
}

// ClaimReview is the input of ReviewClaim.
type ClaimReview struct {
	ID     string
	Status ReviewStatus
	Note   string
	// IfVersion, when not nil, must be the claim's current version.
	IfVersion *int
}

// NewClaim is the input of AddClaim.
type NewClaim struct {
	Type     RelType
	From, To string
	Modality Modality
	Date     string
	Props    map[string]string
	Evidence TextSpan
	Note     string
	// IfVersion, when not nil, must be the version of the claim this makes
	// (0: it must not exist yet).
	IfVersion *int
}

// ClaimCorrection is the input of CorrectClaim: the fields given replace
// the old claim's; evidence given is added to the old claim's.
type ClaimCorrection struct {
	ID        string
	Type      *RelType
	From, To  *string
	Modality  *Modality
	Date      *string
	Props     map[string]string // nil: unchanged
	Evidence  []TextSpan
	Note      string
	IfVersion *int
}

// NewEntity is the input of CreateEntity.
type NewEntity struct {
	ID      string // "": minted from kind and name
	Kind    NodeKind
	Name    string
	Aliases []string
	Props   map[string]string
}

// EntityUpdate is the input of UpdateEntity; nil fields are unchanged.
type EntityUpdate struct {
	ID        string
	Name      *string
	Aliases   []string // nil: unchanged; given: the new list
	Kind      *NodeKind
	Props     map[string]string // nil: unchanged; given: the new set
	IfVersion *int
}

// Merge is the input of MergeEntities.
type Merge struct {
	Keep      string
	Merge     []string
	IfVersion *int // of the kept node
}

// Curator is what review needs from a store, beside Store. Every method
// that changes something runs in one transaction (all or nothing), takes
// the author from the context (ViewerFrom; a missing viewer is CodeForbidden)
// and appends its Change entries in the same transaction.
//
// Errors: an unknown id is CodeNotFound; a stale IfVersion is CodeConflict
// wrapping a *StaleVersion; input that breaks a rule is CodeInvalid naming
// the rule.
type Curator interface {
	// ReviewClaim sets a claim's status: CONFIRMED, REJECTED or UNREVIEWED
	// (CORRECTED only comes from CorrectClaim). A merged claim id is
	// followed to the claim it became.
	ReviewClaim(ctx context.Context, in ClaimReview) (Relationship, error)
	// AddClaim writes a CONFIRMED, curated claim whose evidence is the text
	// at a span of a stored document (code-point offsets). An existing claim
	// with the same id gains the evidence and becomes CONFIRMED.
	AddClaim(ctx context.Context, in NewClaim) (Relationship, error)
	// CorrectClaim replaces a claim by a CONFIRMED one with the fields
	// given, carrying the old evidence over; the old one becomes CORRECTED
	// with CorrectedBy set. A correction that keeps type and ends changes
	// the claim in place.
	CorrectClaim(ctx context.Context, in ClaimCorrection) (Relationship, error)
	// CreateEntity creates an entity (not a claim kind: those need
	// evidence).
	CreateEntity(ctx context.Context, in NewEntity) (Node, error)
	// UpdateEntity changes an entity's name, aliases, kind or properties;
	// a kind change must keep every claim of the node allowed.
	UpdateEntity(ctx context.Context, in EntityUpdate) (Node, error)
	// MergeEntities moves the claims, evidence, notes and names of the
	// merged nodes to the kept one, removes them, and redirects their ids
	// to it for every later read and write.
	MergeEntities(ctx context.Context, in Merge) (Node, error)
	// AddNote adds a note to a node or claim.
	AddNote(ctx context.Context, subject, text string) (Note, error)
	// Notes returns the notes of each subject, oldest first.
	Notes(ctx context.Context, subjects []string) (map[string][]Note, error)
	// History pages through changes, newest first.
	History(ctx context.Context, q HistoryQuery) (ChangePage, error)
	// Redirects returns, for the given ids that were merged away, the id
	// they now are.
	Redirects(ctx context.Context, ids []string) (map[string]string, error)
	// ReviewQueue pages through UNREVIEWED claims, lowest confidence first.
	ReviewQueue(ctx context.Context, first int, after string) (RelationshipPage, error)
	// ReviewCounts counts claims by review status.
	ReviewCounts(ctx context.Context) (map[ReviewStatus]int, error)
}

// StaleVersion is the cause of a CodeConflict from a stale IfVersion.
type StaleVersion struct {
	Subject string
	Current int
}

func (s *StaleVersion) Error() string {
	return fmt.Sprintf("%s is at version %d", s.Subject, s.Current)
}

// CheckVersion returns a conflict when want is given and differs from the
// current version.
func CheckVersion(subject string, current int, want *int) error {
	if want == nil || *want == current {
		return nil
	}
	return &Error{Code: CodeConflict, Msg: fmt.Sprintf("%s was changed meanwhile: it is at version %d, not %d; reload it and try again", subject, current, *want),
		Err: &StaleVersion{Subject: subject, Current: current}}
}

// Author returns the name of the person making a change, or CodeForbidden.
func Author(ctx context.Context) (string, error) {
	v, ok := ViewerFrom(ctx)
	if ok && v.Why != "" {
		return "", Forbiddenf("%s", v.Why)
	}
	if !ok || v.Name == "" {
		return "", Forbiddenf("changes need a named person (a token); this request has none")
	}
	if !v.Role.CanEdit() {
		why := v.Why
		if why == "" {
			why = fmt.Sprintf("%s is a %s; only editors and admins change the graph", v.Name, v.Role)
		}
		return "", Forbiddenf("%s", why)
	}
	return v.Name, nil
}

// Now is the time stamp of changes: RFC 3339 in UTC, to the millisecond.
func Now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }

// ValidNote checks a note's text.
func ValidNote(text string) error {
	if strings.TrimSpace(text) == "" {
		return Invalidf("a note needs some text")
	}
	if len(text) > 10000 {
		return Invalidf("a note is at most 10000 bytes, got %d", len(text))
	}
	return checkUTF8("note", text)
}

// MintEntityID makes an id for a new entity from its kind and name, as the
// loader does: "person:jane-doe".
func MintEntityID(k NodeKind, name string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return k.IDPrefix() + ":" + sb.String()
}

// RedirectBatch rewrites a batch so that every mention of a merged id (a
// key of to) names what it was merged into: nodes, claim ends, claim ids
// and evidence subjects and ids. A node merged away becomes a mention of
// the kept one, whose stored fields the store keeps (it was changed by a
// person). The caller normalizes the result again.
func RedirectBatch(b Batch, to map[string]string) (Batch, error) {
	if len(to) == 0 {
		return b, nil
	}
	follow := func(id string) string {
		if n, ok := to[id]; ok {
			return n
		}
		return id
	}
	var out Batch
	out.Documents = b.Documents
	for _, n := range b.Nodes {
		n.ID = follow(n.ID)
		out.Nodes = append(out.Nodes, n)
	}
	claims := map[string]string{}
	for _, r := range b.Relationships {
		old := r.ID
		r.From, r.To = follow(r.From), follow(r.To)
		r.ID = ClaimID(r.From, r.Type, r.To)
		if n, ok := to[old]; ok { // a claim merged away by id
			r.ID = n
		}
		claims[old] = r.ID
		out.Relationships = append(out.Relationships, r)
	}
	for _, e := range b.Evidence {
		sub := e.Subject
		if n, ok := claims[sub]; ok {
			sub = n
		} else {
			sub = follow(sub)
		}
		if sub != e.Subject {
			e.Subject = sub
			e.ID = EvidenceID(e.Subject, e.DocumentID, e.Start, e.End)
		}
		out.Evidence = append(out.Evidence, e)
	}
	return out, nil
}

// BatchIDs lists every node and claim id a batch mentions (for looking up
// redirects before writing it).
func BatchIDs(b Batch) []string {
	var ids []string
	for _, n := range b.Nodes {
		ids = append(ids, n.ID)
	}
	for _, r := range b.Relationships {
		ids = append(ids, r.ID, r.From, r.To)
	}
	for _, e := range b.Evidence {
		ids = append(ids, e.Subject)
	}
	return uniq(ids)
}

// StateJSON renders a subject's state for the history.
func StateJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// ClaimState is what the history records of a claim.
type ClaimState struct {
	ID          string            `json:"id"`
	Type        RelType           `json:"type"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	Modality    Modality          `json:"modality,omitempty"`
	Date        string            `json:"date,omitempty"`
	Confidence  float64           `json:"confidence"`
	Method      string            `json:"method"`
	Props       map[string]string `json:"props,omitempty"`
	Status      ReviewStatus      `json:"status"`
	Note        string            `json:"note,omitempty"`
	CorrectedBy string            `json:"correctedBy,omitempty"`
	Version     int               `json:"version"`
}

// StateOfClaim is the history's view of a claim.
func StateOfClaim(r Relationship) ClaimState {
	return ClaimState{ID: r.ID, Type: r.Type, From: r.From, To: r.To, Modality: r.Modality, Date: r.Date,
		Confidence: r.Confidence, Method: r.Method, Props: r.Props, Status: r.Review.Status, Note: r.Review.Note,
		CorrectedBy: r.Review.CorrectedBy, Version: r.Version}
}

// NodeState is what the history records of a node.
type NodeState struct {
	ID      string            `json:"id"`
	Kind    NodeKind          `json:"kind"`
	Name    string            `json:"name"`
	Aliases []string          `json:"aliases,omitempty"`
	Props   map[string]string `json:"props,omitempty"`
	Version int               `json:"version"`
}

// StateOfNode is the history's view of a node.
func StateOfNode(n Node) NodeState {
	return NodeState{ID: n.ID, Kind: n.Kind, Name: n.Name, Aliases: n.Aliases, Props: n.Props, Version: n.Version}
}

// QueueCursor is the review queue's cursor after claim r: the queue is
// ordered by confidence, then id.
func QueueCursor(r Relationship) string {
	return EncodeCursor(strconv.FormatFloat(r.Confidence, 'g', -1, 64) + " " + r.ID)
}

// ParseQueueCursor takes apart a decoded QueueCursor.
func ParseQueueCursor(decoded string) (float64, string, error) {
	c, id, ok := strings.Cut(decoded, " ")
	conf, err := strconv.ParseFloat(c, 64)
	if !ok || err != nil {
		return 0, "", Invalidf("not a review queue cursor")
	}
	return conf, id, nil
}

// Curation is everything people did to a graph, as export and import carry
// it: the review state of claims, which nodes people changed, merges,
// notes and the history.
type Curation struct {
	Claims  []ClaimCuration
	Nodes   []NodeCuration
	Merges  []Redirect
	Notes   []Note
	Changes []Change
}

// ClaimCuration is the review state of a claim a person or a curated load
// decided on.
type ClaimCuration struct {
	Claim   string
	Review  Review
	Version int
	// Edited says a person changed the claim: loads keep its fields.
	Edited bool
}

// NodeCuration marks a node a person created, changed or kept in a merge.
type NodeCuration struct {
	Node    string
	Version int
	Edited  bool
}

// Redirect says that a node or claim id was merged into another.
type Redirect struct {
	From, Into string
}

// CurationPorter is the side of a store that export and import use.
type CurationPorter interface {
	// ExportCuration returns the whole curation, each list in a stable
	// order (claims and nodes by id, merges by old id, notes and changes
	// oldest first).
	ExportCuration(ctx context.Context) (Curation, error)
	// ImportCuration applies a curation to a store that holds its graph, in
	// one transaction: review states and versions (where the store's
	// version is not newer), merges, and the notes and changes it does not
	// hold yet (a note or change is the same when its subject, author, time
	// and content are). Claims and nodes it names must exist (CodeInvalid).
	ImportCuration(ctx context.Context, c Curation) error
}

// InitialReview is the review state a claim starts with when a load first
// writes it: what the batch says, else CONFIRMED by its annotations for a
// curated claim, else UNREVIEWED. Both stores use it.
func InitialReview(r Relationship, now string) Review {
	rv := r.Review
	if rv.Status == "" || rv.Status == Unreviewed {
		if r.Method != MethodCurated {
			return Review{Status: Unreviewed}
		}
		rv = Review{Status: Confirmed, By: ByAnnotations}
	}
	if rv.At == "" {
		rv.At = now
	}
	return rv
}

// CheckClaimFields checks the fields a person gives a claim: modality,
// date and property keys.
func CheckClaimFields(m Modality, date string, props map[string]string) error {
	if m != "" && !m.Valid() {
		return Invalidf("unknown modality %q", m)
	}
	if date != "" && !ValidDate(date) {
		return Invalidf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", date)
	}
	for k := range props {
		if err := CheckProperty(k); err != nil {
			return err
		}
	}
	return nil
}

// Apply returns old with the fields the correction gives (ends not yet
// followed through merges, id not yet recomputed).
func (in ClaimCorrection) Apply(old Relationship) Relationship {
	nw := old
	if in.Type != nil {
		nw.Type = *in.Type
	}
	if in.From != nil {
		nw.From = *in.From
	}
	if in.To != nil {
		nw.To = *in.To
	}
	if in.Modality != nil {
		nw.Modality = *in.Modality
	}
	if in.Date != nil {
		nw.Date = *in.Date
	}
	if in.Props != nil {
		nw.Props = in.Props
	}
	return nw
}

// Absorb returns the kept node k with the names of merged node m as
// aliases, and m's properties where k has none.
func (k Node) Absorb(m Node) Node {
	k.Aliases = MergeAliases(k.Name, k.Aliases, append([]string{m.Name}, m.Aliases...))
	for key, v := range m.Props {
		if _, ok := k.Props[key]; !ok {
			if k.Props == nil {
				k.Props = map[string]string{}
			}
			k.Props[key] = v
		}
	}
	return k
}
