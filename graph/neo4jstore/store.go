package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/actorgraph/actorgraph/graph"
)

// Config says which Neo4j to use and how long to wait for it.
type Config struct {
	// URI is a bolt:// (one server) or neo4j:// (routing: a cluster or Aura)
	// address, with +s or +ssc for TLS.
	URI      string
	User     string
	Password string
	// Database is always named in every session, so that the driver never
	// has to ask a cluster for the user's home database and a change of it
	// on the server cannot move actorgraph to another graph. Default "neo4j".
	Database string
	// ReadTimeout bounds every read (context deadline and server-side
	// transaction timeout). The default, 8s, is below the API's 10s request
	// budget, so a slow query fails in the store with a clear error instead
	// of being cut off by the HTTP layer.
	ReadTimeout time.Duration
	// WriteTimeout bounds every write; loading a large document takes longer
	// than a read. Default 60s.
	WriteTimeout time.Duration
	// ConnectTimeout bounds the connectivity check in Open and every
	// connection attempt. Default 5s.
	ConnectTimeout time.Duration
}

func (c *Config) defaults() {
	if c.Database == "" {
		c.Database = "neo4j"
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 8 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 60 * time.Second
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = 5 * time.Second
	}
}

// Store is the Neo4j implementation of graph.Store. One Store holds one
// driver, which pools connections for the whole process; it is safe for
// concurrent use.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
	st     statements
	closed atomic.Bool
	// runTx, set only by tests, replaces the driver's managed transaction
	// (with its retries) so a test can fail an attempt and watch the retry.
	runTx func(ctx context.Context, mode neo4j.AccessMode, fn neo4j.ManagedTransactionWork) error
}

var _ graph.Store = (*Store)(nil)

// OpenError is a failure to open the store, with a message of one line
// that a person can act on; Err keeps the driver's own error for logs.
type OpenError struct {
	Msg string
	Err error
}

func (e *OpenError) Error() string { return e.Msg }
func (e *OpenError) Unwrap() error { return e.Err }

// Open connects to Neo4j, checks within cfg.ConnectTimeout that the server
// answers and accepts the credentials, and creates the constraints and
// indexes the store relies on (IF NOT EXISTS, so opening again changes
// nothing). An unreachable server, bad credentials or a missing database is
// an *OpenError.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	cfg.defaults()
	st, err := loadStatements()
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: reading the embedded Cypher: %w", err)
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		// Acquiring a connection, and opening one, must give up before a
		// request's budget is spent, so an overloaded pool is an error the
		// API reports rather than a hung request.
		c.ConnectionAcquisitionTimeout = cfg.ConnectTimeout
		c.SocketConnectTimeout = cfg.ConnectTimeout
		// Retries of a transaction (after a deadlock or a leader change)
		// stop within the write budget; reads carry shorter deadlines anyway.
		c.MaxTransactionRetryTime = cfg.WriteTimeout
	})
	if err != nil {
		return nil, &OpenError{Msg: fmt.Sprintf("Neo4j URI %q is not usable: %s", cfg.URI, oneLine(err)), Err: err}
	}
	s := &Store{driver: d, cfg: cfg, st: st}
	vctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
	defer cancel()
	if err := d.VerifyConnectivity(vctx); err != nil {
		d.Close(context.Background())
		return nil, s.openError(err)
	}
	if err := s.ensureSchema(ctx); err != nil {
		d.Close(context.Background())
		return nil, s.openError(err)
	}
	return s, nil
}

// openError turns what the driver said at open into one line.
func (s *Store) openError(err error) error {
	var nerr *neo4j.Neo4jError
	var authErr *neo4j.InvalidAuthenticationError
	var tokenErr *neo4j.TokenExpiredError
	switch {
	case errors.As(err, &authErr), errors.As(err, &tokenErr),
		errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Security."):
		return &OpenError{Msg: fmt.Sprintf("Neo4j at %s refused user %q: wrong user or password (NEO4J_USER, NEO4J_PASSWORD)",
			s.cfg.URI, s.cfg.User), Err: err}
	case errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Database.DatabaseNotFound":
		return &OpenError{Msg: fmt.Sprintf("Neo4j at %s has no database %q (NEO4J_DATABASE)", s.cfg.URI, s.cfg.Database), Err: err}
	case errors.As(err, &nerr):
		return &OpenError{Msg: fmt.Sprintf("Neo4j at %s, database %q: %s", s.cfg.URI, s.cfg.Database, oneLine(err)), Err: err}
	}
	return &OpenError{Msg: fmt.Sprintf("cannot reach Neo4j at %s within %s (is it running? NEO4J_URI): %s",
		s.cfg.URI, s.cfg.ConnectTimeout, oneLine(err)), Err: err}
}

// oneLine shortens a driver error to its first line, without the driver's
// type prefix.
func oneLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	msg = strings.TrimPrefix(msg, "ConnectivityError: ")
	if r := []rune(msg); len(r) > 240 {
		msg = string(r[:237]) + "..."
	}
	return msg
}

// ensureSchema creates the constraints and indexes, each in its own
// transaction (Neo4j does not mix schema and data changes), and waits for
// them to be online so that the first search sees the full-text indexes.
func (s *Store) ensureSchema(ctx context.Context) error {
	for _, name := range s.st.schemaStatements() {
		err := s.write(ctx, "creating "+name, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
			_, err := run(ctx, tx, s.st.get(name), nil, nil)
			return err
		})
		if err != nil {
			return err
		}
	}
	// Populating an index over an existing large graph takes longer than a
	// read, so this one wait gets the write budget.
	wait := s.cfg.WriteTimeout
	return s.exec(ctx, neo4j.AccessModeRead, "waiting for indexes", wait, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		_, err := run(ctx, tx, s.st.get("await_indexes"), map[string]any{"seconds": max(1, int(wait.Seconds())-1)}, nil)
		return err
	})
}

// Name describes the store for logs and /healthz: the URI and database,
// never the credentials.
func (s *Store) Name() string {
	return fmt.Sprintf("neo4j %s database %s", redactURI(s.cfg.URI), s.cfg.Database)
}

// redactURI drops any user information written into the URI.
func redactURI(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 && (strings.Index(rest, "/") < 0 || at < strings.Index(rest, "/")) {
		rest = rest[at+1:]
	}
	return scheme + "://" + rest
}

// Close closes the driver. Calls after Close fail; closing twice is fine.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ConnectTimeout)
	defer cancel()
	return s.driver.Close(ctx)
}

var errClosed = errors.New("the store is closed")

// txWork is the body of one transaction. The driver retries it after
// transient failures (a deadlock between writers, a cluster leader
// change), so it must be safe to run again: it keeps nothing from a failed
// attempt, and every write in it is a MERGE keyed by id.
type txWork func(ctx context.Context, tx neo4j.ManagedTransaction) error

// read runs work in a read transaction, which a cluster routes to a
// follower or read replica.
func (s *Store) read(ctx context.Context, doing string, work txWork) error {
	return s.exec(ctx, neo4j.AccessModeRead, doing, s.cfg.ReadTimeout, work)
}

// write runs work in a write transaction on the leader.
func (s *Store) write(ctx context.Context, doing string, work txWork) error {
	return s.exec(ctx, neo4j.AccessModeWrite, doing, s.cfg.WriteTimeout, work)
}

// exec runs one managed transaction with a context deadline and the same
// server-side transaction timeout, in a session that names the database.
func (s *Store) exec(ctx context.Context, mode neo4j.AccessMode, doing string, timeout time.Duration, work txWork) error {
	if s.closed.Load() {
		return graph.Internal(doing, errClosed)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if s.runTx != nil {
		fn := func(tx neo4j.ManagedTransaction) (any, error) { return nil, work(tctx, tx) }
		return s.wrap(tctx, doing, s.runTx(tctx, mode, fn))
	}
	sess := s.driver.NewSession(tctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: mode})
	defer func() {
		// Closing returns the connection to the pool; it must run even when
		// the caller's context is already done.
		cctx, ccancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ConnectTimeout)
		defer ccancel()
		sess.Close(cctx)
	}()
	fn := func(tx neo4j.ManagedTransaction) (any, error) { return nil, work(tctx, tx) }
	var err error
	if mode == neo4j.AccessModeRead {
		_, err = sess.ExecuteRead(tctx, fn, neo4j.WithTxTimeout(timeout))
	} else {
		_, err = sess.ExecuteWrite(tctx, fn, neo4j.WithTxTimeout(timeout))
	}
	return s.wrap(tctx, doing, err)
}

// wrap passes graph errors through, reports a done context as the
// context's error (wrapped, so errors.Is finds it), and makes everything else
// a CodeInternal error that names the database.
func (s *Store) wrap(ctx context.Context, doing string, err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", doing, ctx.Err())
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", doing, err)
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Transaction.TransactionTimedOut") {
		return fmt.Errorf("%s: Neo4j ended the transaction at its timeout: %w", doing, context.DeadlineExceeded)
	}
	return graph.Internal(fmt.Sprintf("%s in Neo4j database %s", doing, s.cfg.Database), err)
}

// run runs one statement in tx, calls each (if not nil) for every record,
// and returns the summary with the statement's update counters.
func run(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any, each func(*neo4j.Record) error) (neo4j.ResultSummary, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	for res.Next(ctx) {
		if each != nil {
			if err := each(res.Record()); err != nil {
				return nil, err
			}
		}
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return res.Consume(ctx)
}
