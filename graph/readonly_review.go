package graph

import "context"

// The read-only wrapper passes review reads through and refuses every
// change with CodeForbidden, naming the flag.

var (
	_ Curator    = readOnly{}
	_ TokenStore = readOnly{}
)

func (r readOnly) curator() (Curator, error) {
	c, ok := r.Store.(Curator)
	if !ok {
		return nil, Invalidf("this store cannot record reviews")
	}
	return c, nil
}

func refused() error {
	return Forbiddenf("the server runs with --read-only: nothing can be changed")
}

func (readOnly) ReviewClaim(context.Context, ClaimReview) (Relationship, error) {
	return Relationship{}, refused()
}
func (readOnly) AddClaim(context.Context, NewClaim) (Relationship, error) {
	return Relationship{}, refused()
}
func (readOnly) CorrectClaim(context.Context, ClaimCorrection) (Relationship, error) {
	return Relationship{}, refused()
}
func (readOnly) CreateEntity(context.Context, NewEntity) (Node, error)    { return Node{}, refused() }
func (readOnly) UpdateEntity(context.Context, EntityUpdate) (Node, error) { return Node{}, refused() }
func (readOnly) MergeEntities(context.Context, Merge) (Node, error)       { return Node{}, refused() }
func (readOnly) AddNote(context.Context, string, string) (Note, error)    { return Note{}, refused() }

func (r readOnly) Notes(ctx context.Context, subjects []string) (map[string][]Note, error) {
	c, err := r.curator()
	if err != nil {
		return map[string][]Note{}, nil
	}
	return c.Notes(ctx, subjects)
}

func (r readOnly) History(ctx context.Context, q HistoryQuery) (ChangePage, error) {
	c, err := r.curator()
	if err != nil {
		return ChangePage{}, nil
	}
	return c.History(ctx, q)
}

func (r readOnly) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	c, err := r.curator()
	if err != nil {
		return map[string]string{}, nil
	}
	return c.Redirects(ctx, ids)
}

func (r readOnly) ReviewQueue(ctx context.Context, first int, after string) (RelationshipPage, error) {
	c, err := r.curator()
	if err != nil {
		return RelationshipPage{}, nil
	}
	return c.ReviewQueue(ctx, first, after)
}

func (r readOnly) ReviewCounts(ctx context.Context) (map[ReviewStatus]int, error) {
	c, err := r.curator()
	if err != nil {
		return map[ReviewStatus]int{}, nil
	}
	return c.ReviewCounts(ctx)
}

func (readOnly) AddToken(context.Context, Token, string) error { return refused() }
func (readOnly) RevokeToken(context.Context, string) error     { return refused() }

func (r readOnly) Tokens(ctx context.Context) ([]Token, error) {
	if t, ok := r.Store.(TokenStore); ok {
		return t.Tokens(ctx)
	}
	return nil, nil
}

func (r readOnly) TokenByHash(ctx context.Context, hash string) (Token, bool, error) {
	if t, ok := r.Store.(TokenStore); ok {
		return t.TokenByHash(ctx, hash)
	}
	return Token{}, false, nil
}
