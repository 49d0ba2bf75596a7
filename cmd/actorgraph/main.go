// Command actorgraph is the one binary of actorgraph: it serves the graph,
// loads articles into it, reports on it and moves it between stores (export,
// import). It is the only place that picks a storage backend (see store.go):
// the embedded SQLite file, or Neo4j when NEO4J_URI is set; everything else
// sees a graph.Store.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: its output streams and the environment,
// passed in so tests can run commands in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func commands() []command {
	return []command{
		{"serve", "serve the graph over HTTP (GraphQL API, web UI, /healthz)", runServe},
		{"load", "load articles (files, web pages, feeds) and their curated annotations", runLoad},
		{"watch", "poll feeds and pages and load what is new", runWatch},
		{"extract", "print the annotations extraction proposes for an article", runExtract},
		{"eval", "score extraction against gold annotations", runEval},
		{"stats", "count nodes by kind and claims by type", runStats},
		{"check", "verify the store's integrity (provenance, indexes)", runCheck},
		{"export", "write the whole graph as JSON Lines", runExport},
		{"import", "read a graph written by export into the store", runImport},
		{"token", "add, list or revoke the named tokens of people (add NAME --role reader|editor|admin)", runToken},
		{"history", "print the changes people made: reviews, corrections, merges, notes", runHistory},
		{"version", "print the version", runVersion},
	}
}

// controlEscaper writes messages with their control characters (other
// than newline and tab) spelled out as \xNN. File names are quoted where
// messages are made (loader.QuoteName), but an error from the system or a
// library may hold a name as it is; an ESC must never reach the terminal.
type controlEscaper struct{ w io.Writer }

func (c controlEscaper) Write(p []byte) (int, error) {
	clean := true
	for _, b := range p {
		if b < 0x20 && b != '\n' && b != '\t' || b == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return c.w.Write(p)
	}
	var out []byte
	for _, b := range p {
		if b < 0x20 && b != '\n' && b != '\t' || b == 0x7f {
			out = fmt.Appendf(out, `\x%02x`, b)
			continue
		}
		out = append(out, b)
	}
	if _, err := c.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// stopWithin makes a writing command stop within d of being interrupted.
// The command is first asked to stop through ctx, and its work checks ctx
// between steps; but a few steps cannot be interrupted (reading the
// reference data at start, a library's HTML parse, on a busy machine a
// second or more), and a signal must not wait for them. After d the
// process exits with status 130, as it would have been killed: the store
// survives that (a transaction not committed is rolled back when the file
// is next opened; cmd/actorgraph/crash_test.go kills loads to show it).
func stopWithin(ctx context.Context, e *env, what string, d time.Duration) {
	go func() {
		<-ctx.Done()
		time.Sleep(d)
		fmt.Fprintf(e.stderr, "actorgraph %s: interrupted; stopping now, nothing half-written is kept\n", what)
		os.Exit(130)
	}()
}

// errUsage marks an error in how the command was called (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: controlEscaper{os.Stderr}, getenv: os.Getenv}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(e.stderr, "actorgraph %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(e.stderr, "actorgraph: unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "actorgraph: a knowledge graph of actors and events, every edge traced to its sentence.")
	fmt.Fprintln(w, "\nUsage: actorgraph <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'actorgraph <command> --help' for a command's flags.")
}

// newFlags makes a flag set that prints a command's usage line and flags to
// stderr and returns errors instead of exiting.
func newFlags(e *env, name, argsUsage, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: actorgraph %s [flags] %s\n\n%s\n\nFlags:\n", name, argsUsage, about)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a parse error into errUsage (the flag package
// has already printed it).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// version is set at build time with -ldflags "-X main.version=..."; without
// it the module version or VCS revision from the build info is used.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "devel-" + s.Value[:12]
			}
		}
	}
	return "devel"
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "version", "", "Prints the version of this binary.")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "actorgraph", versionString())
	return nil
}
