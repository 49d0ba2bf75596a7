package graph

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// ClaimWhere selects claims by what they say and where they come from. Every
// condition set must hold (they are ANDed); within a list any value may
// match. The zero ClaimWhere selects every claim.
type ClaimWhere struct {
	// Types keeps claims of these relationship types.
	Types []RelType
	// From keeps claims whose subject is one of these ids; To, whose object
	// is; Touches, either end.
	From, To, Touches []string
	// FromKinds and ToKinds keep claims whose subject (object) is of one of
	// these node kinds.
	FromKinds, ToKinds []NodeKind
	// IncludeParts widens From, To and Touches with everything that acts for
	// the ids given: the bodies PART_OF them (at any depth) and the persons
	// who HOLD_ROLE in them or in those bodies. See Parts.
	IncludeParts bool
	// Methods keeps claims made by any of: "curated", "extracted" (any
	// rule), a rule name ("attribution", any version), or an exact method
	// ("rule:attribution@1").
	Methods []string
	// Modalities keeps claims of these modalities (asserted, alleged, denied).
	Modalities []Modality
	// MinConfidence keeps claims with confidence >= it; MaxConfidence, when
	// HasMaxConfidence, those with confidence < it: ranges are half open so
	// that [0, 0.7) and [0.7, 1] split the claims without overlap.
	MinConfidence    float64
	MaxConfidence    float64
	HasMaxConfidence bool
	// Since and Until bound the effective date as graph.Filter does: the
	// claim's own date, else its source's publication date (DateInRange).
	Since, Until string
	// Documents keeps claims with evidence in one of these documents;
	// Publishers, with evidence in a document of one of these publishers;
	// Text, with evidence whose quote holds every word of the text (words as
	// SearchWords splits them, matched as whole words, case-insensitively).
	// When several are set, one piece of evidence must satisfy them all.
	Documents  []string
	Publishers []string
	Text       string
	// Statuses keeps claims in these review states; empty keeps the visible
	// ones, as Filter.Statuses does.
	Statuses []ReviewStatus
}

// ClaimOrderField is what claims are sorted by.
type ClaimOrderField string

// The orders of claims. Ties are broken by claim id, in the same direction.
const (
	// OrderByID sorts by claim id: stable, and the default.
	OrderByID ClaimOrderField = ""
	// OrderByDate sorts by the effective date (the claim's date, else its
	// source's publication date); claims without one sort first ascending.
	OrderByDate ClaimOrderField = "date"
	// OrderByConfidence sorts by confidence.
	OrderByConfidence ClaimOrderField = "confidence"
	// OrderByType sorts by relationship type.
	OrderByType ClaimOrderField = "type"
	// OrderByFirstSeen sorts by when the claim was first reported: the
	// publication date of its earliest source (Relationship.Published).
	OrderByFirstSeen ClaimOrderField = "firstSeen"
)

// ClaimOrder is the order of a claims page.
type ClaimOrder struct {
	Field      ClaimOrderField
	Descending bool
}

// ClaimQuery is the input of Store.Claims.
type ClaimQuery struct {
	Where ClaimWhere
	Order ClaimOrder
	First int    // <= 0: DefaultPage; capped at MaxPage
	After string // cursor of the last claim of the previous page
}

// ClaimGroup is a key claims are counted by.
type ClaimGroup string

// The keys of ClaimCounts. YEAR and MONTH are cut from the effective date
// (empty when the date is coarser); PUBLISHER and DOCUMENT come from the
// claim's evidence, so a claim reported by two documents counts in both
// groups.
const (
	GroupType      ClaimGroup = "TYPE"
	GroupFrom      ClaimGroup = "FROM"
	GroupTo        ClaimGroup = "TO"
	GroupYear      ClaimGroup = "YEAR"
	GroupMonth     ClaimGroup = "MONTH"
	GroupPublisher ClaimGroup = "PUBLISHER"
	GroupDocument  ClaimGroup = "DOCUMENT"
	GroupMethod    ClaimGroup = "METHOD"
	GroupModality  ClaimGroup = "MODALITY"
	GroupReview    ClaimGroup = "REVIEW"
)

// ClaimGroups lists the keys in the order results carry them.
func ClaimGroups() []ClaimGroup {
	return []ClaimGroup{GroupType, GroupFrom, GroupTo, GroupYear, GroupMonth, GroupPublisher, GroupDocument, GroupMethod, GroupModality, GroupReview}
}

// ClaimCountsQuery is the input of Store.ClaimCounts.
type ClaimCountsQuery struct {
	Where   ClaimWhere
	GroupBy []ClaimGroup
	// MinCount drops groups of fewer claims; MinDocuments, groups whose
	// claims are reported by fewer documents.
	MinCount, MinDocuments int
	First                  int // groups returned; <= 0: DefaultPage, capped at MaxPage
	// SkipDocuments says the caller does not need ClaimCount.Documents
	// (then 0), so a store may leave the claims' evidence unread. It is
	// ignored when MinDocuments > 1 or a key is PUBLISHER or DOCUMENT.
	SkipDocuments bool
}

// ClaimCount is one group: its keys (absent when not grouped by) and how
// many distinct claims and documents it holds.
type ClaimCount struct {
	Keys      map[ClaimGroup]string
	Claims    int
	Documents int
}

// ClaimCounts is the result of Store.ClaimCounts: the largest groups first
// (then by keys), at most First of them; Total counts every group that
// passed MinCount and MinDocuments, so Truncated is Total > len(Groups).
type ClaimCounts struct {
	Groups    []ClaimCount
	Total     int
	Truncated bool
}

// MethodMatch is one method condition as stores apply it: equal to Value,
// or starting with it when Prefix.
type MethodMatch struct {
	Value  string
	Prefix bool
}

// MethodMatches turns ClaimWhere.Methods into the conditions stores apply.
func MethodMatches(methods []string) ([]MethodMatch, error) {
	var out []MethodMatch
	for _, m := range methods {
		switch {
		case m == MethodCurated:
			out = append(out, MethodMatch{Value: m})
		case m == "extracted":
			out = append(out, MethodMatch{Value: "rule:", Prefix: true})
		case strings.HasPrefix(m, "rule:") && strings.Contains(m, "@"):
			if err := CheckMethod(m); err != nil {
				return nil, err
			}
			out = append(out, MethodMatch{Value: m})
		default:
			name := strings.TrimPrefix(m, "rule:")
			if name == "" || strings.ContainsAny(name, "@: ") {
				return nil, Invalidf("method %q is not \"curated\", \"extracted\", a rule name or \"rule:<name>@<version>\"", m)
			}
			out = append(out, MethodMatch{Value: "rule:" + name + "@", Prefix: true})
		}
	}
	return out, nil
}

// Matches reports whether method passes the conditions (none: all pass).
func matchesMethod(ms []MethodMatch, method string) bool {
	if len(ms) == 0 {
		return true
	}
	for _, m := range ms {
		if m.Value == method || m.Prefix && strings.HasPrefix(method, m.Value) {
			return true
		}
	}
	return false
}

// Validate checks what a ClaimWhere can check without a store.
func (w ClaimWhere) Validate() error {
	if err := (Filter{Types: w.Types, Since: w.Since, Until: w.Until, MinConfidence: w.MinConfidence, Statuses: w.Statuses}).Validate(); err != nil {
		return err
	}
	if w.HasMaxConfidence && (w.MaxConfidence < 0 || w.MaxConfidence > 1) {
		return Invalidf("maximum confidence %v is not between 0 and 1", w.MaxConfidence)
	}
	if err := checkKinds(w.FromKinds); err != nil {
		return err
	}
	if err := checkKinds(w.ToKinds); err != nil {
		return err
	}
	for _, m := range w.Modalities {
		if !m.Valid() {
			return Invalidf("unknown modality %q", m)
		}
	}
	if _, err := MethodMatches(w.Methods); err != nil {
		return err
	}
	if w.Text != "" && len(SearchWords(w.Text)) == 0 {
		return Invalidf("text %q holds no words", w.Text)
	}
	return nil
}

// Resolve is what every store does first with a ClaimWhere: it validates
// it and fails with CodeNotFound when an id in From, To, Touches or
// Documents names nothing stored (an unknown id never silently selects
// nothing). IncludeParts is left to the store, which expands the ends in
// the same query that reads the claims (a recursive statement over PART_OF
// and HOLDS_ROLE, bounded by MaxPartsDepth, giving what Parts gives).
func (w ClaimWhere) Resolve(ctx context.Context, s Store) (ClaimWhere, error) {
	if err := w.Validate(); err != nil {
		return w, err
	}
	ids := slices.Concat(w.From, w.To, w.Touches)
	if err := MustExist(ctx, s, ids); err != nil {
		return w, err
	}
	if len(w.Documents) > 0 {
		docs, err := s.Documents(ctx, w.Documents)
		if err != nil {
			return w, err
		}
		have := map[string]bool{}
		for _, d := range docs {
			have[d.ID] = true
		}
		for _, id := range w.Documents {
			if !have[id] {
				return w, NotFoundf("no document %q", id)
			}
		}
	}
	return w, nil
}

// MustExist fails with CodeNotFound naming the first id that is not a
// stored node.
func MustExist(ctx context.Context, s Store, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	ns, err := s.Nodes(ctx, ids)
	if err != nil {
		return err
	}
	have := make(map[string]bool, len(ns))
	for _, n := range ns {
		have[n.ID] = true
	}
	for _, id := range ids {
		if !have[id] {
			return NotFoundf("no node %q", id)
		}
	}
	return nil
}

// MaxPartsDepth bounds how far IncludeParts, Parts and ActsFor follow
// PART_OF and HOLDS_ROLE: real hierarchies are a handful deep (a unit, its
// agency, its ministry, the state), and a cycle in bad data must not spin.
const MaxPartsDepth = 8

// Parts returns ids followed by everything that acts for them: every node
// that is PART_OF one of them at any depth (up to MaxPartsDepth claims
// away), and every person who HOLDS_ROLE in one of them or in one of those
// parts, along visible claims. Stores expand IncludeParts inside their own
// queries; Parts, reading level by level through Relationships, is the
// reference the conformance suite checks them against. This is what lets
// "blames Russia" include an attribution blaming the GRU, or APT28 (part of
// the GRU), or a Russian minister. The ids come first, in order.
func Parts(ctx context.Context, s Store, ids []string) ([]string, error) {
	seen := map[string]bool{}
	out := []string{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	frontier := slices.Clone(out)
	for depth := 0; depth < MaxPartsDepth && len(frontier) > 0; depth++ {
		var next []string
		// A set: a state with thousands of parts made a list search per
		// claim quadratic.
		inFrontier := make(map[string]bool, len(frontier))
		for _, id := range frontier {
			inFrontier[id] = true
		}
		after := ""
		for {
			page, err := s.Relationships(ctx, RelationshipsQuery{NodeIDs: frontier, Direction: Incoming,
				Filter: Filter{Types: []RelType{RelPartOf, RelHoldsRole}}, First: MaxPage, After: after})
			if err != nil {
				return nil, err
			}
			for _, r := range page.Relationships {
				if !inFrontier[r.To] || seen[r.From] {
					continue
				}
				seen[r.From] = true
				out = append(out, r.From)
				next = append(next, r.From)
			}
			if !page.HasMore {
				break
			}
			after = page.EndCursor
		}
		frontier = next
	}
	return out, nil
}

// ActsFor returns the chain from a node up to the states it acts for: the
// bodies it is PART_OF (for a person, the bodies it HOLDS_ROLE in) and what
// those are part of, breadth first, ending at countries. The node itself is
// not included; an unknown id is CodeNotFound.
func ActsFor(ctx context.Context, s Store, id string) ([]Node, error) {
	if err := MustExist(ctx, s, []string{id}); err != nil {
		return nil, err
	}
	seen := map[string]bool{id: true}
	var order []string
	frontier := []string{id}
	for depth := 0; depth < MaxPartsDepth && len(frontier) > 0; depth++ {
		page, err := s.Relationships(ctx, RelationshipsQuery{NodeIDs: frontier, Direction: Outgoing,
			Filter: Filter{Types: []RelType{RelPartOf, RelHoldsRole}}, First: MaxPage})
		if err != nil {
			return nil, err
		}
		var next []string
		for _, r := range page.Relationships {
			if !slices.Contains(frontier, r.From) || seen[r.To] {
				continue
			}
			seen[r.To] = true
			order = append(order, r.To)
			next = append(next, r.To)
		}
		frontier = next
	}
	return s.Nodes(ctx, order)
}

// PassesClaim reports whether r passes the conditions of w that need only the
// claim and its ends' kinds (not its evidence, not parts): the reference
// the stores' queries are checked against in the conformance suite.
func (w ClaimWhere) PassesClaim(r Relationship, fromKind, toKind NodeKind) bool {
	f := Filter{Types: w.Types, Since: w.Since, Until: w.Until, MinConfidence: w.MinConfidence, Statuses: w.Statuses}
	if !f.Passes(r) {
		return false
	}
	if w.HasMaxConfidence && r.Confidence >= w.MaxConfidence {
		return false
	}
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	if !in(w.From, r.From) || !in(w.To, r.To) {
		return false
	}
	if len(w.Touches) > 0 && !slices.Contains(w.Touches, r.From) && !slices.Contains(w.Touches, r.To) {
		return false
	}
	if len(w.FromKinds) > 0 && !slices.Contains(w.FromKinds, fromKind) || len(w.ToKinds) > 0 && !slices.Contains(w.ToKinds, toKind) {
		return false
	}
	mod := r.Modality
	if mod == "" {
		mod = Asserted
	}
	if len(w.Modalities) > 0 && !slices.Contains(w.Modalities, mod) {
		return false
	}
	ms, _ := MethodMatches(w.Methods)
	return matchesMethod(ms, r.Method)
}

// EffectiveDate is the date a claim's date filters and orders use: its own
// date, else its source's publication date.
func (r Relationship) EffectiveDate() string {
	if r.Date != "" {
		return r.Date
	}
	return r.Published
}

// OrderKey is the value of r that o sorts by, as a cursor stores it.
func (o ClaimOrder) OrderKey(r Relationship) string {
	switch o.Field {
	case OrderByDate:
		return r.EffectiveDate()
	case OrderByConfidence:
		return strconv.FormatFloat(r.Confidence, 'g', -1, 64)
	case OrderByType:
		return string(r.Type)
	case OrderByFirstSeen:
		return r.Published
	}
	return ""
}

// Validate checks the order's field.
func (o ClaimOrder) Validate() error {
	switch o.Field {
	case OrderByID, OrderByDate, OrderByConfidence, OrderByType, OrderByFirstSeen:
		return nil
	}
	return Invalidf("unknown claim order %q", o.Field)
}

// ClaimCursor is where a claims page continues: after the claim with ID,
// whose order key was Key.
type ClaimCursor struct {
	Key string `json:"k"`
	ID  string `json:"id"`
}

// EncodeClaimCursor returns the cursor that continues after r in order o.
func EncodeClaimCursor(o ClaimOrder, r Relationship) string {
	b, _ := json.Marshal(ClaimCursor{Key: o.OrderKey(r), ID: r.ID})
	return EncodeCursor(string(b))
}

// DecodeClaimCursor reads a cursor of EncodeClaimCursor; "" is the start.
func DecodeClaimCursor(o ClaimOrder, c string) (ClaimCursor, bool, error) {
	s, err := DecodeCursor(c)
	if err != nil || s == "" {
		return ClaimCursor{}, false, err
	}
	var cur ClaimCursor
	if err := json.Unmarshal([]byte(s), &cur); err != nil || cur.ID == "" {
		return cur, false, Invalidf("cursor %q is not one this API gave out", c)
	}
	if o.Field == OrderByConfidence {
		if _, err := strconv.ParseFloat(cur.Key, 64); err != nil {
			return cur, false, Invalidf("cursor %q was given out for another order", c)
		}
	}
	return cur, true, nil
}

// Normalize checks a claims query and fills in its page size.
func (q ClaimQuery) Normalize() (ClaimQuery, error) {
	if err := q.Order.Validate(); err != nil {
		return q, err
	}
	q.First = PageSize(q.First)
	return q, nil
}

// Normalize checks a counts query and fills in its defaults.
func (q ClaimCountsQuery) Normalize() (ClaimCountsQuery, error) {
	if len(q.GroupBy) == 0 {
		return q, Invalidf("groupBy names no key")
	}
	q.GroupBy = slices.Clone(q.GroupBy)
	seen := map[ClaimGroup]bool{}
	for _, g := range q.GroupBy {
		if !slices.Contains(ClaimGroups(), g) {
			return q, Invalidf("unknown group %q", g)
		}
		if seen[g] {
			return q, Invalidf("group %q is named twice", g)
		}
		seen[g] = true
	}
	// Keys in one canonical order, so every store breaks ties between
	// groups of equal size the same way.
	slices.SortFunc(q.GroupBy, func(a, b ClaimGroup) int {
		return slices.Index(ClaimGroups(), a) - slices.Index(ClaimGroups(), b)
	})
	q.MinCount = max(q.MinCount, 1)
	q.First = PageSize(q.First)
	if q.MinDocuments > 1 || slices.Contains(q.GroupBy, GroupPublisher) || slices.Contains(q.GroupBy, GroupDocument) {
		q.SkipDocuments = false
	}
	return q, nil
}

// ClaimEnd is one condition of ClaimEndsQuery: the node must be the subject
// (AtFrom) or the object of a claim that passes Where.
type ClaimEnd struct {
	Where  ClaimWhere
	AtFrom bool
}

// ClaimEndsQuery asks for the distinct nodes that meet every condition of
// Ends (at least one), by id: "the attributions blaming Russia or its parts
// and made by the United States" is the objects of ATTRIBUTED claims from
// the US that are also the subjects of BLAMES claims to Russia.
type ClaimEndsQuery struct {
	Ends  []ClaimEnd
	First int    // <= 0: DefaultPage; capped at MaxPage
	After string // the last id of the previous page; "" starts at the first
}

// IDPage is one page of node ids in id order; Total counts every id that
// passes, not just this page.
type IDPage struct {
	IDs     []string
	HasMore bool
	Total   int
}

// Normalize checks an ends query and fills in its page size.
func (q ClaimEndsQuery) Normalize() (ClaimEndsQuery, error) {
	if len(q.Ends) == 0 {
		return q, Invalidf("claim ends: no condition")
	}
	for _, e := range q.Ends {
		if err := e.Where.Validate(); err != nil {
			return q, err
		}
	}
	q.First = PageSize(q.First)
	return q, nil
}
