package httpserver

import (
	"encoding/json"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/graph"
)

// Saved investigations over HTTP, for the UI's Save and Open:
//
//	GET    /api/investigations?limit=N   the caller's and the shared ones, most recently updated first
//	POST   /api/investigations           save {name, note, view, shared} (new) or {id, ...} (update)
//	GET    /api/investigations/{id}      one (404 unless the caller may see it)
//	DELETE /api/investigations/{id}      delete one of the caller's
//
// Behind the same token as /graphql when the server has one. Each belongs
// to the person whose token saved it ("local" for the desktop user): only
// they see it unless they share it, and only they change or delete it. A
// POST must be application/json, which a page of another origin cannot send
// without the CORS preflight the server refuses: no cross-site form can
// save; the CORS setup allows no DELETE from another origin either.

// investigationJSON is an investigation on the wire.
type investigationJSON struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Note   string `json:"note"`
	View   string `json:"view"`
	Author string `json:"author"`
	Shared bool   `json:"shared"`
	// Mine says whether the caller may change and delete it.
	Mine    bool      `json:"mine"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

func toJSON(inv graph.Investigation, viewer string) investigationJSON {
	return investigationJSON{ID: inv.ID, Name: inv.Name, Note: inv.Note, View: inv.View, Author: inv.Author, Shared: inv.Shared,
		Mine: viewer != "" && inv.ChangeableBy(viewer), Created: inv.Created, Updated: inv.Updated}
}

// viewerName is the name of whoever asks ("" when nobody in particular:
// a server beyond loopback without tokens).
func viewerName(r *http.Request) string {
	v, _ := graph.ViewerFrom(r.Context())
	return v.Name
}

// maxInvestigationBody bounds a POST body: the largest view and note, and
// room for the JSON around them.
const maxInvestigationBody = graph.MaxInvestigationView + graph.MaxInvestigationNote + 16<<10

// MountInvestigations adds the /api/investigations routes to mux. allowed
// says whether a request may save or delete (and why not): the same rule as
// adding documents.
func MountInvestigations(mux *http.ServeMux, store graph.InvestigationStore, logger *slog.Logger, allowed func(*http.Request) (bool, string)) {
	mux.HandleFunc("GET /api/investigations", func(w http.ResponseWriter, r *http.Request) {
		limit := 0
		if v := r.URL.Query().Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				writeError(w, logger, graph.Invalidf("limit must be a positive number"))
				return
			}
			limit = n
		}
		viewer := viewerName(r)
		list, err := store.ListInvestigations(r.Context(), viewer, limit)
		if err != nil {
			writeError(w, logger, err)
			return
		}
		out := make([]investigationJSON, len(list))
		for i, inv := range list {
			out[i] = toJSON(inv, viewer)
		}
		writeJSON(w, http.StatusOK, map[string]any{"investigations": out})
	})
	mux.HandleFunc("GET /api/investigations/{id}", func(w http.ResponseWriter, r *http.Request) {
		viewer := viewerName(r)
		inv, err := store.GetInvestigation(r.Context(), r.PathValue("id"))
		if err == nil && !inv.VisibleTo(viewer) {
			// Someone else's, not shared: as if it did not exist.
			err = graph.NotFoundf("no investigation %s", inv.ID)
		}
		if err != nil {
			writeError(w, logger, err)
			return
		}
		writeJSON(w, http.StatusOK, toJSON(inv, viewer))
	})
	mux.HandleFunc("DELETE /api/investigations/{id}", func(w http.ResponseWriter, r *http.Request) {
		if ok, why := allowed(r); !ok {
			writeJSON(w, http.StatusForbidden, errorBody(why, "forbidden"))
			return
		}
		viewer := viewerName(r)
		id := r.PathValue("id")
		if inv, err := store.GetInvestigation(r.Context(), id); err == nil && !inv.VisibleTo(viewer) {
			writeError(w, logger, graph.NotFoundf("no investigation %s", id))
			return
		}
		if err := store.DeleteInvestigation(r.Context(), id, viewer); err != nil {
			writeError(w, logger, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"deleted": id})
	})
	mux.HandleFunc("POST /api/investigations", func(w http.ResponseWriter, r *http.Request) {
		if ok, why := allowed(r); !ok {
			writeJSON(w, http.StatusForbidden, errorBody(why, "forbidden"))
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeError(w, logger, graph.Invalidf("send the investigation as application/json"))
			return
		}
		var in struct {
			ID     string `json:"id"`
			Name   string `json:"name"`
			Note   string `json:"note"`
			View   string `json:"view"`
			Shared bool   `json:"shared"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxInvestigationBody))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeJSON(w, http.StatusRequestEntityTooLarge, errorBody("the investigation is too large", "limit_exceeded"))
				return
			}
			writeError(w, logger, graph.Invalidf("the body is not an investigation: %v", err))
			return
		}
		viewer := viewerName(r)
		if in.ID != "" {
			// Someone else's unshared investigation is not there for this caller.
			if old, err := store.GetInvestigation(r.Context(), in.ID); err == nil && !old.VisibleTo(viewer) {
				writeError(w, logger, graph.NotFoundf("no investigation %s", in.ID))
				return
			}
		}
		inv, err := store.SaveInvestigation(r.Context(), graph.Investigation{ID: in.ID, Name: in.Name, Note: in.Note, View: in.View,
			Author: viewer, Shared: in.Shared})
		if err != nil {
			writeError(w, logger, err)
			return
		}
		status := http.StatusOK
		if in.ID == "" {
			status = http.StatusCreated
		}
		writeJSON(w, status, toJSON(inv, viewer))
	})
}

func errorBody(msg, code string) map[string]any {
	return map[string]any{"error": map[string]string{"message": msg, "code": code}}
}

// writeError answers with the error's code; internal errors are logged and
// answered without their details.
func writeError(w http.ResponseWriter, logger *slog.Logger, err error) {
	code := graph.CodeOf(err)
	switch code {
	case graph.CodeInvalid:
		writeJSON(w, http.StatusBadRequest, errorBody(err.Error(), string(code)))
	case graph.CodeNotFound:
		writeJSON(w, http.StatusNotFound, errorBody(err.Error(), string(code)))
	case graph.CodeForbidden:
		writeJSON(w, http.StatusForbidden, errorBody(err.Error(), string(code)))
	default:
		logger.Error("investigations", "err", err)
		writeJSON(w, http.StatusInternalServerError, errorBody("internal error", "internal"))
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
