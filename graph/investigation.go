package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// An Investigation is a saved view of the UI: a name, a note, and the view
// itself (the URL fragment the UI writes: what is on the canvas and where,
// the filters, the selection). It is the user's work, not part of the graph:
// no claim refers to it, and loading documents never touches it.
//
// It belongs to its Author (the name of the token that saved it, "local" for
// the desktop user): only the author changes or deletes it, and only the
// author sees it unless it is Shared. An investigation saved before authors
// were kept has no author: everyone sees it, and anyone who may save may
// change it.
type Investigation struct {
	ID      string
	Name    string
	Note    string
	View    string
	Author  string
	Shared  bool
	Created time.Time
	Updated time.Time
}

// VisibleTo says whether viewer (a token's name; "" for nobody in
// particular) may open inv.
func (inv Investigation) VisibleTo(viewer string) bool {
	return inv.Shared || inv.Author == "" || (viewer != "" && inv.Author == viewer)
}

// ChangeableBy says whether author may overwrite or delete inv.
func (inv Investigation) ChangeableBy(author string) bool {
	return inv.Author == "" || inv.Author == author
}

// NotYours is the error for a change of someone else's investigation.
func NotYours(inv Investigation) error {
	return Forbiddenf("investigation %s belongs to %s: only its author can change or delete it", inv.ID, inv.Author)
}

// InvestigationTimeLayout is how stores write an investigation's times: UTC
// with a fixed number of digits, so the text sorts as the times do.
const InvestigationTimeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// Limits on what an investigation holds, so one request cannot fill the store.
const (
	MaxInvestigationName = 200
	MaxInvestigationNote = 10_000
	MaxInvestigationView = 200_000
	MaxInvestigations    = 200
)

// InvestigationStore keeps saved investigations. Both stores implement it
// next to graph.Store; it is a separate interface because it is the UI's
// state, not the graph.
type InvestigationStore interface {
	// SaveInvestigation stores inv: a new one (with a new ID and Created,
	// and inv.Author as its author) when inv.ID is empty, else it replaces
	// the name, note, view and Shared of the one with that ID (CodeNotFound
	// if there is none; CodeForbidden, changing nothing, unless
	// ChangeableBy(inv.Author)), keeping its Created and Author. Updated is
	// set to now. It returns what was stored.
	SaveInvestigation(ctx context.Context, inv Investigation) (Investigation, error)
	// ListInvestigations returns at most limit investigations (1 to
	// MaxInvestigations) visible to viewer (see VisibleTo), the most
	// recently updated first.
	ListInvestigations(ctx context.Context, viewer string, limit int) ([]Investigation, error)
	// GetInvestigation returns one investigation, whoever it belongs to, or
	// CodeNotFound; callers check VisibleTo.
	GetInvestigation(ctx context.Context, id string) (Investigation, error)
	// DeleteInvestigation deletes one: CodeNotFound if there is none,
	// CodeForbidden (deleting nothing) unless ChangeableBy(author).
	DeleteInvestigation(ctx context.Context, id, author string) error
}

// CleanInvestigation trims the name and checks every field against the
// limits; stores call it before writing.
func CleanInvestigation(inv Investigation) (Investigation, error) {
	inv.Name = strings.TrimSpace(inv.Name)
	switch {
	case inv.Name == "":
		return inv, Invalidf("an investigation needs a name")
	case !utf8.ValidString(inv.Name) || !utf8.ValidString(inv.Note) || !utf8.ValidString(inv.View):
		return inv, Invalidf("an investigation's name, note and view must be UTF-8 text")
	case utf8.RuneCountInString(inv.Name) > MaxInvestigationName:
		return inv, Invalidf("an investigation's name has at most %d characters", MaxInvestigationName)
	case len(inv.Note) > MaxInvestigationNote:
		return inv, Invalidf("an investigation's note has at most %d bytes", MaxInvestigationNote)
	case len(inv.View) > MaxInvestigationView:
		return inv, Invalidf("an investigation's view has at most %d bytes", MaxInvestigationView)
	case inv.ID != "" && !ValidInvestigationID(inv.ID):
		return inv, Invalidf("%q is not an investigation id", inv.ID)
	case inv.ID == "" && inv.Author == "":
		return inv, Invalidf("a new investigation needs an author")
	}
	return inv, nil
}

// NewInvestigationID returns a fresh random id ("inv:" and 16 hex digits).
func NewInvestigationID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return "inv:" + hex.EncodeToString(b[:])
}

// ValidInvestigationID says whether id has the shape NewInvestigationID gives.
func ValidInvestigationID(id string) bool {
	h, ok := strings.CutPrefix(id, "inv:")
	if !ok || len(h) != 16 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

// InvestigationLimit clamps a requested list size to 1..MaxInvestigations
// (0 or less means the maximum).
func InvestigationLimit(n int) int {
	if n <= 0 || n > MaxInvestigations {
		return MaxInvestigations
	}
	return n
}

// ReadOnlyInvestigations wraps an InvestigationStore so that saving is
// refused with the reason why (`actorgraph serve --read-only`, or a server
// anyone on the network could write to); listing and opening still work.
func ReadOnlyInvestigations(s InvestigationStore, why string) InvestigationStore {
	return readOnlyInvestigations{s, why}
}

type readOnlyInvestigations struct {
	InvestigationStore
	why string
}

func (r readOnlyInvestigations) SaveInvestigation(context.Context, Investigation) (Investigation, error) {
	return Investigation{}, Invalidf("investigations cannot be saved: %s", r.why)
}

func (r readOnlyInvestigations) DeleteInvestigation(context.Context, string, string) error {
	return Invalidf("investigations cannot be deleted: %s", r.why)
}
