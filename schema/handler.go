package schema

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/actorgraph/actorgraph/graph"
)

// Options configure the GraphQL handler.
type Options struct {
	Store  graph.Store
	Logger *slog.Logger
	// NoIntrospection turns introspection off (it is on by default: the
	// schema is public in the repository, and GraphiQL, graphql-codegen and
	// the like need it). A browser asking /graphql for HTML is sent to the
	// bundled GraphiQL at /graphiql/ unless introspection is off.
	NoIntrospection bool
	// Timeout bounds each request, store calls included (default 10s).
	Timeout time.Duration
	// MaxBodyBytes bounds a request body (default 1 MiB).
	MaxBodyBytes int64
	// ComplexityLimit bounds a query's cost (default 25000); see
	// setComplexity. A page of 100 nodes with 5 claims each and their
	// evidence costs about 21,300; 100 nodes with 100 claims each, about
	// 220,000.
	ComplexityLimit int
	// MaxDepth bounds how deep a query nests (default 12).
	MaxDepth int
	// MaxFields bounds how many fields (aliases included) a query selects
	// (default 300).
	MaxFields int
	// TokenLimit bounds how many tokens the parser reads (default 15000).
	TokenLimit int
	// MaxResponseBytes bounds the data of an answer (default 32 MiB): a
	// larger one is replaced by a LIMIT_EXCEEDED error.
	MaxResponseBytes int
	// CheapCost is the complexity up to which a query runs at once
	// (default 1000); CostBudget is how much complexity costlier queries
	// may hold at once, server-wide (default 10000: two queries of 5000 at
	// a time, or one of the costliest; the limit was raised to 25000 so a
	// client may read a large page, not so that more heavy work runs at
	// once). See admission.
	CheapCost, CostBudget int
	// LoaderWait is how long dataloaders gather keys before a batched store
	// call (default 2ms); tests on a loaded machine raise it.
	LoaderWait time.Duration
	// PanicHook, if set, runs inside every field resolver; tests use it to
	// inject a panic and check that it becomes a clean INTERNAL error.
	PanicHook func(ctx context.Context)
	// NoFastPaths turns off the fast writing of in-memory lists
	// (fastlist.go) and of plain answers (fastwrite.go): tests compare the
	// bytes both ways.
	NoFastPaths bool
}

func (o *Options) defaults() {
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.ComplexityLimit == 0 {
		o.ComplexityLimit = 25000
	}
	if o.MaxDepth == 0 {
		o.MaxDepth = 12
	}
	if o.MaxFields == 0 {
		o.MaxFields = 300
	}
	if o.TokenLimit == 0 {
		o.TokenLimit = 15000
	}
	if o.MaxResponseBytes == 0 {
		o.MaxResponseBytes = 32 << 20
	}
	if o.CheapCost == 0 {
		o.CheapCost = 1000
	}
	if o.CostBudget == 0 {
		o.CostBudget = 10000
	}
	if o.LoaderWait == 0 {
		o.LoaderWait = defaultLoaderWait
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// Handler returns the /graphql handler: POST for queries, GET for queries
// only (gqlgen's GET transport refuses mutations), with every limit on.
func Handler(o Options) http.Handler {
	o.defaults()
	cfg := Config{Resolvers: &Resolver{Store: o.Store}}
	cfg.Directives.Review = reviewDirective
	setComplexity(&cfg.Complexity)
	setReviewComplexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(o.TokenLimit)
	srv.SetDisableSuggestion(true)
	if !o.NoIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(shapeLimit{maxDepth: o.MaxDepth, maxFields: o.MaxFields, tokenLimit: o.TokenLimit})
	srv.Use(extension.FixedComplexityLimit(o.ComplexityLimit))
	adm := newAdmission(o.CheapCost, o.CostBudget)
	srv.AroundOperations(adm.around)
	srv.SetErrorPresenter(presenter(o.Logger))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		o.Logger.Error("resolver panic", "panic", fmt.Sprint(v), "path", graphql.GetPath(ctx).String())
		return &gqlerror.Error{Message: "internal error", Extensions: map[string]any{"code": codeInternal}}
	})
	if !o.NoFastPaths {
		srv.AroundFields(fastLists)
		srv.AroundResponses(spliceResponses)
	}
	// After the splice, so that it sees the answer's data before the
	// splice puts it aside.
	srv.AroundResponses(responseLimit(o.MaxResponseBytes))
	if o.PanicHook != nil {
		srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
			o.PanicHook(ctx)
			return next(ctx)
		})
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.RawQuery == "" && strings.Contains(r.Header.Get("Accept"), "text/html") {
			if o.NoIntrospection {
				writeError(w, http.StatusNotFound, codeNotFound, "GraphiQL needs introspection, which this server has turned off (--no-introspection); POST queries to /graphql")
				return
			}
			// GraphiQL is bundled with the web UI and served from this
			// origin under the same Content-Security-Policy (ui/graphiql).
			http.Redirect(w, r, "/graphiql/", http.StatusFound)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			w.Header().Set("Allow", "GET, POST")
			writeError(w, http.StatusMethodNotAllowed, codeBadInput, "use POST (or GET for queries)")
			return
		}
		if r.ContentLength > o.MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, codeLimitExceeded, fmt.Sprintf("request body is %d bytes; at most %d are accepted", r.ContentLength, o.MaxBodyBytes))
			return
		}
		if !checkRequest(w, r, o.MaxBodyBytes) || !acceptOK(w, r) {
			return
		}
		sw := &specWriter{ResponseWriter: w}
		defer sw.finish()
		w = sw
		ctx, cancel := context.WithTimeout(r.Context(), o.Timeout)
		defer cancel()
		ctx = withLoaders(ctx, o.Store, o.LoaderWait)
		held := &admitted{}
		ctx = context.WithValue(ctx, admittedKey{}, held)
		defer adm.release(held)
		if !o.NoFastPaths {
			ctx, w = withSplice(ctx, w)
		}
		srv.ServeHTTP(w, r.WithContext(ctx))
	})
}

// responseLimit replaces an answer whose data is larger than limit bytes
// with an error: the fields' sizes are bounded (graph/limits.go), but a
// page of a hundred nodes with their evidence can still add up, and a
// client should not receive hundreds of megabytes it did not expect.
func responseLimit(limit int) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp == nil || len(resp.Data) <= limit {
			return resp
		}
		return &graphql.Response{Errors: gqlerror.List{{
			Message:    fmt.Sprintf("the answer is %d bytes; at most %d are sent: ask for less (smaller first, fewer fields)", len(resp.Data), limit),
			Extensions: map[string]any{"code": codeLimitExceeded}}}}
	}
}

// checkRequest answers, with a clear message and its code, the requests
// gqlgen would refuse without a code or with a misleading one: a body that
// is not JSON, compressed, cut short or malformed on the wire, a batch, a
// GET without a query. A POST body is read here (it is at most
// maxBody bytes, and gqlgen would read it whole anyway) and handed on.
func checkRequest(w http.ResponseWriter, r *http.Request, maxBody int64) bool {
	if r.Method == http.MethodGet {
		if r.URL.Query().Get("query") == "" {
			writeError(w, http.StatusBadRequest, codeBadInput, "give the query in ?query= (variables in ?variables= as JSON), or POST it as JSON")
			return false
		}
		return true
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		writeError(w, http.StatusUnsupportedMediaType, codeBadInput, fmt.Sprintf("compressed request bodies (Content-Encoding: %s) are not accepted; send the JSON as it is", enc))
		return false
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, codeBadInput, `send the query as a JSON object {"query", "variables", "operationName"} with Content-Type: application/json`)
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, codeLimitExceeded, fmt.Sprintf("the request body is larger than %d bytes, the most accepted", maxBody))
		} else {
			writeError(w, http.StatusBadRequest, codeBadInput, "the request body could not be read: "+err.Error())
		}
		return false
	}
	switch first := bytes.TrimLeft(body, " \t\r\n"); {
	case len(first) > 0 && first[0] == '[':
		writeError(w, http.StatusBadRequest, codeBadInput, `batches are not supported: send one JSON object {"query", "variables", "operationName"} per request`)
		return false
	case len(first) == 0 || first[0] != '{' || !utf8.Valid(body):
		writeError(w, http.StatusBadRequest, codeBadInput, `the body is not JSON: send one JSON object {"query", "variables", "operationName"}`)
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return true
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"errors":[{"message":%q,"extensions":{"code":%q}}]}`+"\n", msg, code)
}

// presenter gives every error a stable code and a message that never shows
// a stack, SQL, Cypher or a file path: store internals are logged, and the
// client reads "internal error".
func presenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var de *graph.Error
		switch {
		case errors.As(err, &de):
			gerr.Message = de.Msg
			if reviewErrorCode(err, de, gerr) {
				break
			}
			switch de.Code {
			case graph.CodeInvalid, graph.CodeConflict:
				setCode(gerr, codeBadInput)
			case graph.CodeNotFound:
				setCode(gerr, codeNotFound)
			default:
				logger.Error("internal error", "err", err, "path", gerr.Path.String())
				gerr.Message = "internal error"
				setCode(gerr, codeInternal)
			}
		case errors.Is(err, context.DeadlineExceeded):
			gerr.Message = "the query took too long; ask for less (smaller first, depth or maxHops)"
			setCode(gerr, codeLimitExceeded)
		case errors.Is(err, context.Canceled):
			gerr.Message = "the request was canceled"
			setCode(gerr, codeBadInput)
		default:
			code, _ := gerr.Extensions["code"].(string)
			switch code {
			case codeBadInput, codeNotFound, codeLimitExceeded, codeInternal, codeConflict, codeForbidden:
			case errcode.ValidationFailed, errcode.ParseFailed:
				setCode(gerr, codeBadInput)
				if strings.Contains(gerr.Message, "token limit") {
					setCode(gerr, codeLimitExceeded)
				}
			case "COMPLEXITY_LIMIT_EXCEEDED":
				setCode(gerr, codeLimitExceeded)
			case "":
				if m, ok := plainClientError(gerr.Message); ok {
					gerr.Message = m
					setCode(gerr, codeBadInput)
					break
				}
				fallthrough
			default:
				var qe *gqlerror.Error
				if errors.As(err, &qe) && code == "" && qe.Rule != "" {
					setCode(gerr, codeBadInput)
					break
				}
				logger.Error("internal error", "err", err, "path", gerr.Path.String())
				gerr.Message = "internal error"
				setCode(gerr, codeInternal)
			}
		}
		return gerr
	}
}

// plainClientError recognises the few client mistakes gqlgen reports
// without a code, and says what to do instead.
func plainClientError(msg string) (string, bool) {
	switch {
	case strings.Contains(msg, "introspection disabled"):
		return "introspection is turned off on this server (actorgraph serve --no-introspection)", true
	case strings.HasPrefix(msg, "json request body could not be decoded"), strings.HasPrefix(msg, "json body could not be decoded"):
		return "the body is not one valid JSON object {\"query\", \"variables\", \"operationName\"}", true
	case strings.Contains(msg, "could not get json request body"), strings.Contains(msg, "http: request body too large"):
		return "the request body could not be read (is it larger than the limit?)", true
	}
	return "", false
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// shapeLimit refuses, before the query is validated, queries that nest
// deeper than maxDepth fields or select more than maxFields fields (aliases
// make one field many), counting through fragments. It runs before
// validation because the parser's validation is not linear: 1,000 chained
// fragments took it 4 s, 2,000 aliases with differing arguments 1 s (and
// 665,000 errors). Parsing is linear and bounded by the token limit, so the
// query is parsed once more here (about 20 µs for an ordinary query), and
// measured, before anything slower runs.
type shapeLimit struct{ maxDepth, maxFields, tokenLimit int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = shapeLimit{}

func (d shapeLimit) ExtensionName() string                          { return "ShapeLimit" }
func (d shapeLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d shapeLimit) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, d.tokenLimit)
	if err != nil || doc == nil {
		return nil // gqlgen parses again and reports the error with its code
	}
	// Which operation to run, said here because gqlgen's own message for
	// both mistakes is "operation  not found".
	if len(doc.Operations) > 1 || params.OperationName != "" {
		var names []string
		for _, op := range doc.Operations {
			names = append(names, op.Name)
		}
		switch {
		case params.OperationName == "":
			return &gqlerror.Error{Message: fmt.Sprintf("the query holds %d operations (%s); say which to run with operationName", len(names), strings.Join(names, ", ")),
				Extensions: map[string]any{"code": codeBadInput}}
		case doc.Operations.ForName(params.OperationName) == nil:
			return &gqlerror.Error{Message: fmt.Sprintf("no operation named %q in the query (it holds: %s)", params.OperationName, strings.Join(names, ", ")),
				Extensions: map[string]any{"code": codeBadInput}}
		}
	}
	maxDepth, maxFields := d.maxDepth, d.maxFields
	if isIntrospection(doc.Operations) {
		// The standard introspection query of GraphiQL, graphql-codegen and
		// graphql-inspector nests about 15 levels (ofType within ofType)
		// and selects a few hundred fields through its fragments: it gets
		// bounds of its own, wide enough for it and still finite, since it
		// only reads the schema.
		maxDepth, maxFields = introspectionMaxDepth, introspectionMaxFields
	}
	w := newShapeWalker(ctx, doc.Fragments, maxFields+1)
	// Every operation and every fragment definition is measured, used or
	// not: validation reads them all.
	var sh shape
	for _, op := range doc.Operations {
		s := w.selectionSet(op.SelectionSet)
		sh = shape{max(sh.depth, s.depth), max(sh.fields, s.fields)}
	}
	for _, f := range doc.Fragments {
		s := w.fragment(f.Name)
		sh = shape{max(sh.depth, s.depth), max(sh.fields, s.fields)}
	}
	if err := ctx.Err(); err != nil {
		return &gqlerror.Error{Message: "the request ended before its query was checked", Extensions: map[string]any{"code": codeLimitExceeded}}
	}
	if sh.depth > maxDepth {
		return &gqlerror.Error{Message: fmt.Sprintf("the query nests %d levels deep; at most %d are allowed", sh.depth, maxDepth),
			Extensions: map[string]any{"code": codeLimitExceeded}}
	}
	if sh.fields > maxFields {
		return &gqlerror.Error{Message: fmt.Sprintf("the query selects more than %d fields (aliases and every spread of a fragment count); ask in several queries", maxFields),
			Extensions: map[string]any{"code": codeLimitExceeded}}
	}
	return nil
}

// Bounds of an introspection query (isIntrospection).
const (
	introspectionMaxDepth  = 30
	introspectionMaxFields = 3000
)

// isIntrospection reports whether every root field of every operation reads
// the schema (__schema, __type, __typename), so no resolver of ours runs.
func isIntrospection(ops ast.OperationList) bool {
	if len(ops) == 0 {
		return false
	}
	for _, op := range ops {
		if op.Operation != ast.Query || len(op.SelectionSet) == 0 {
			return false
		}
		for _, sel := range op.SelectionSet {
			f, ok := sel.(*ast.Field)
			if !ok || !strings.HasPrefix(f.Name, "__") {
				return false
			}
		}
	}
	return true
}

// shape is what the limits measure of a selection set: how deep its fields
// nest, and how many fields it selects once every fragment spread is
// expanded, counted up to a cap (a fragment spread twice by a fragment that
// is itself spread twice, and so on, selects 2^k fields from a query of k
// lines). Each spread counts as one field too.
type shape struct{ depth, fields int }

// shapeWalker measures an operation in time linear in the size of its
// document: the shape of a fragment does not depend on where it is spread,
// so each fragment is measured once and remembered. Walking every spread
// anew, as this check once did, took time exponential in the number of
// fragments (a 1 KB query held a core for minutes). It also stops when the
// request's context ends.
type shapeWalker struct {
	ctx    context.Context
	frags  ast.FragmentDefinitionList
	cap    int
	memo   map[string]shape
	active map[string]bool
	steps  int
}

func newShapeWalker(ctx context.Context, frags ast.FragmentDefinitionList, fieldCap int) *shapeWalker {
	return &shapeWalker{ctx: ctx, frags: frags, cap: fieldCap, memo: map[string]shape{}, active: map[string]bool{}}
}

func (w *shapeWalker) add(a, b int) int { return min(a+b, w.cap) }

func (w *shapeWalker) selectionSet(set ast.SelectionSet) shape {
	var out shape
	for _, sel := range set {
		if w.steps++; w.steps%1024 == 0 && w.ctx.Err() != nil {
			return out
		}
		var sh shape
		switch s := sel.(type) {
		case *ast.Field:
			sh = w.selectionSet(s.SelectionSet)
			sh.depth++
			sh.fields = w.add(sh.fields, 1)
		case *ast.InlineFragment:
			sh = w.selectionSet(s.SelectionSet)
		case *ast.FragmentSpread:
			// A spread counts as a field: a chain of a thousand fragments
			// that select nothing costs validation seconds.
			sh = w.fragment(s.Name)
			sh.fields = w.add(sh.fields, 1)
		}
		out.depth = max(out.depth, sh.depth)
		out.fields = w.add(out.fields, sh.fields)
	}
	return out
}

// fragment measures a named fragment once. Cycles are refused by the
// parser's validation before this runs; one met anyway counts as empty.
func (w *shapeWalker) fragment(name string) shape {
	if sh, ok := w.memo[name]; ok {
		return sh
	}
	f := w.frags.ForName(name)
	if f == nil || w.active[name] {
		return shape{}
	}
	w.active[name] = true
	sh := w.selectionSet(f.SelectionSet)
	delete(w.active, name)
	w.memo[name] = sh
	return sh
}

// What a field that calls the store for a list costs beyond its items, in
// the units of the complexity limit (a plain field costs 1). A page of a
// node's claims reads and sorts all of that node's claims and counts them
// for totalCount, asked for or not: a hub's page costs as much as hundreds
// of plain fields, and pricing it at 1, as before, let one legal query ask
// for 2,400 such pages. entities and documents count a whole kind or the
// whole store; search runs several full-text queries.
const (
	pageCost   = 100
	countCost  = 100
	searchCost = 50
)

// setComplexity weighs list fields by how many items they may return, so
// the complexity limit bounds real work: a field costs its first (or its
// cap) times what it selects, plus what its store call costs.
func setComplexity(c *ComplexityRoot) {
	firstOr := func(first *int, def int) int {
		if first == nil || *first < 1 {
			return def
		}
		return *first
	}
	rel := func(child int, _ *Direction, _ []RelType, _, _ *string, _ *float64, first *int, _ *string) int {
		return pageCost + child*firstOr(first, defaultFirst)
	}
	c.Country.Relations, c.Person.Relations, c.Organization.Relations, c.CyberOperation.Relations = rel, rel, rel, rel
	c.Event.Relations, c.Doctrine.Relations, c.Statement.Relations, c.Attribution.Relations = rel, rel, rel, rel
	c.Query.Search = func(child int, _ string, _ []NodeKind, first *int) int {
		return searchCost + child*firstOr(first, defaultFirst)
	}
	c.Query.Entities = func(child int, _ *NodeKind, first *int, _ *string) int {
		return countCost + child*firstOr(first, defaultFirst)
	}
	// claims counts every claim that passes for totalCount, claimCounts
	// groups them all: a store read of the whole selection each.
	c.Query.Claims = func(child int, _ *ClaimWhere, _ *ClaimOrder, first *int, _ *string) int {
		return countCost + child*firstOr(first, defaultFirst)
	}
	c.Query.ClaimCounts = func(child int, _ *ClaimWhere, _ []ClaimGroup, _, _ *int, first *int) int {
		return countCost + child*firstOr(first, maxFirst)
	}
	c.Query.Documents = func(child int, first *int, _ *string, _ *DocumentWhere) int {
		return countCost + child*firstOr(first, defaultFirst)
	}
	// The versions of a document, and the one that supersedes it, are a
	// filtered listing of the documents at its URL (usually a handful).
	c.Document.Versions = func(child int) int { return countCost + child*10 }
	c.Document.SupersededBy = func(child int) int { return countCost + child }
	c.Query.Nodes = func(child int, ids []string) int { return 1 + child*max(1, len(ids)) }
	c.Query.Neighborhood = func(child int, ids []string, depth *int, _ []RelType, _ []NodeKind, _, _ *string, _ *float64, first *int, _ *int) int {
		return 1 + child*firstOr(first, maxFirst)/4
	}
	c.Query.Paths = func(child int, _, _ string, maxHops, first *int, _ []RelType, _ []string, _ *float64, _, _ *string) int {
		return 1 + child*firstOr(first, 3)*firstOr(maxHops, 4)
	}
	// Unpaged lists are sized by what the demo and real corpora show:
	// attributions and statements of a query, a typed field's few ends.
	c.Query.Attributions = func(child int, _, _, _, _ *string, _ *bool, _, _ *string, first *int, _ *string) int {
		return 1 + child*firstOr(first, defaultFirst)
	}
	c.Query.Statements = func(child int, _, _ *string, _ *bool, _, _ *string, first *int, _ *string) int {
		return 1 + child*firstOr(first, defaultFirst)
	}
}
