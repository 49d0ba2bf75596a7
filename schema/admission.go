package schema

import (
	"context"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/sync/semaphore"
)

// admission keeps costly queries from starving the others. A query's cost
// is its complexity (see setComplexity), known once it has been validated
// and before anything runs. A query that costs at most cheap (what the web
// UI and an ordinary client ask) runs at once. A costlier one first takes
// its cost from a budget shared by the whole server, and waits while the
// budget is spent, up to its request's deadline: however many clients send
// the most expensive legal query, at most budget/limit of them run at a
// time, and the cores stay free for everyone else. Without this, 20
// clients sending such queries pushed an ordinary query's median to 3.9 s.
//
// The budget is per server, not per client: on one machine behind one
// address, or behind one token, clients cannot be told apart, and it is
// the cores that are shared.
type admission struct {
	cheap  int
	budget int64
	sem    *semaphore.Weighted
}

func newAdmission(cheap, budget int) *admission {
	return &admission{cheap: cheap, budget: int64(budget), sem: semaphore.NewWeighted(int64(budget))}
}

// admitted carries, per request, the budget a query holds, released when
// the request's handler returns.
type admitted struct{ held int64 }

type admittedKey struct{}

func (a *admission) release(ad *admitted) {
	if ad.held > 0 {
		a.sem.Release(ad.held)
		ad.held = 0
	}
}

// around is the operation middleware: it waits for the budget a costly
// query needs, or refuses it once the request's deadline has passed.
func (a *admission) around(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	stats := extension.GetComplexityStats(ctx)
	ad, _ := ctx.Value(admittedKey{}).(*admitted)
	if stats == nil || stats.Complexity <= a.cheap || ad == nil {
		return next(ctx)
	}
	w := min(int64(stats.Complexity), a.budget)
	start := time.Now()
	if err := a.sem.Acquire(ctx, w); err != nil {
		msg := fmt.Sprintf("the server is busy with other costly queries (this one costs %d); waited %v, try again or ask for less", stats.Complexity, time.Since(start).Round(time.Millisecond))
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": codeLimitExceeded}}}})
	}
	ad.held = w
	return next(ctx)
}
