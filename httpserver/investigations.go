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
//	GET  /api/investigations?limit=N   the list, most recently updated first
//	POST /api/investigations           save {name, note, view} (new) or {id, ...} (update)
//	GET  /api/investigations/{id}      one
//
// Behind the same token as /graphql when the server has one. A POST must be
// application/json, which a page of another origin cannot send without the
// CORS preflight the server refuses: no cross-site form can save.

// investigationJSON is an investigation on the wire.
type investigationJSON struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Note    string    `json:"note"`
	View    string    `json:"view"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

func toJSON(inv graph.Investigation) investigationJSON {
	return investigationJSON{ID: inv.ID, Name: inv.Name, Note: inv.Note, View: inv.View, Created: inv.Created, Updated: inv.Updated}
}

// maxInvestigationBody bounds a POST body: the largest view and note, and
// room for the JSON around them.
const maxInvestigationBody = graph.MaxInvestigationView + graph.MaxInvestigationNote + 16<<10

// MountInvestigations adds the /api/investigations routes to mux. allowed
// says whether a request may save (and why not): the same rule as adding
// documents.
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
		list, err := store.ListInvestigations(r.Context(), limit)
		if err != nil {
			writeError(w, logger, err)
			return
		}
		out := make([]investigationJSON, len(list))
		for i, inv := range list {
			out[i] = toJSON(inv)
		}
		writeJSON(w, http.StatusOK, map[string]any{"investigations": out})
	})
	mux.HandleFunc("GET /api/investigations/{id}", func(w http.ResponseWriter, r *http.Request) {
		inv, err := store.GetInvestigation(r.Context(), r.PathValue("id"))
		if err != nil {
			writeError(w, logger, err)
			return
		}
		writeJSON(w, http.StatusOK, toJSON(inv))
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
			ID   string `json:"id"`
			Name string `json:"name"`
			Note string `json:"note"`
			View string `json:"view"`
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
		inv, err := store.SaveInvestigation(r.Context(), graph.Investigation{ID: in.ID, Name: in.Name, Note: in.Note, View: in.View})
		if err != nil {
			writeError(w, logger, err)
			return
		}
		status := http.StatusOK
		if in.ID == "" {
			status = http.StatusCreated
		}
		writeJSON(w, status, toJSON(inv))
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
