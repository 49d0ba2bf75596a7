package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/actorgraph/actorgraph/graph"
)

// The people commands: named tokens (`token`) and the history of their
// changes (`history`). Both work on the store directly, like `load`: whoever
// can open the store file (or knows the Neo4j password) manages its tokens.

func runToken(ctx context.Context, e *env, args []string) error {
	about := "Manages the named tokens people use with a shared server (Authorization: Bearer TOKEN):\n" +
		"  actorgraph token add NAME --role reader|editor|admin   prints a new random token once\n" +
		"  actorgraph token list                                   names, roles and creation times\n" +
		"  actorgraph token revoke NAME                            the token stops working at once\n" +
		"Tokens are stored hashed (SHA-256), never in clear. Once one exists, every request to `serve` needs\n" +
		"a token; readers read, editors and admins change the graph, and each change is signed with the name."
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fs := newFlags(e, "token", "add|list|revoke ...", about)
		fs.Usage()
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, rest := args[0], args[1:]
	fs := newFlags(e, "token "+sub, "", about)
	var sf storeFlags
	sf.register(fs, e)
	role := "reader"
	if sub == "add" {
		fs.StringVar(&role, "role", "reader", "the token's `role`: reader, editor or admin")
	}
	// NAME may come before or after the flags.
	var name string
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	if err := parse(fs, rest); err != nil {
		return err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "actorgraph token %s: unexpected argument %q\n", sub, fs.Arg(0))
		return errUsage
	}
	switch sub {
	case "add", "revoke":
		if name == "" {
			fmt.Fprintf(e.stderr, "actorgraph token %s: give the token's NAME\n", sub)
			return errUsage
		}
	case "list":
		if name != "" {
			fmt.Fprintf(e.stderr, "actorgraph token list: unexpected argument %q\n", name)
			return errUsage
		}
	default:
		fmt.Fprintf(e.stderr, "actorgraph token: unknown subcommand %q (add, list or revoke)\n", sub)
		return errUsage
	}
	store, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	ts, ok := store.(graph.TokenStore)
	if !ok {
		return fmt.Errorf("this store cannot keep tokens")
	}
	switch sub {
	case "add":
		r := graph.Role(role)
		if !r.Valid() {
			fmt.Fprintf(e.stderr, "actorgraph token add: --role %q is not reader, editor or admin\n", role)
			return errUsage
		}
		tok := graph.NewToken()
		if err := ts.AddToken(ctx, graph.Token{Name: name, Role: r, Created: graph.Now()}, graph.TokenHash(tok)); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, tok)
		fmt.Fprintf(e.stderr, "token %q (%s) added; it is shown only this once: keep it now\n", name, r)
	case "list":
		list, err := ts.Tokens(ctx)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(e.stderr, "no tokens: a server on loopback serves the local user, an editor named \"local\"")
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tCREATED")
		for _, t := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, t.Role, t.Created)
		}
		return tw.Flush()
	case "revoke":
		if err := ts.RevokeToken(ctx, name); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "token %q revoked\n", name)
	}
	return nil
}

func runHistory(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "history", "[SUBJECT]",
		"Prints the changes people made (reviews, corrections, added claims, merges, notes), newest first:\n"+
			"when, who, what, and the node or claim changed. SUBJECT narrows to one node or claim.")
	var sf storeFlags
	sf.register(fs, e)
	by := fs.String("by", "", "only the changes of this token `name`")
	since := fs.String("since", "", "only changes at or after this `date` (YYYY-MM-DD or RFC 3339)")
	limit := fs.Int("n", 50, "print at most this many `changes` (0: all)")
	full := fs.Bool("full", false, "also print each change's state before and after (JSON)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(e.stderr, "actorgraph history: unexpected argument %q\n", fs.Arg(1))
		return errUsage
	}
	if *since != "" && !graph.ValidDate(*since) && !strings.Contains(*since, "T") {
		fmt.Fprintf(e.stderr, "actorgraph history: --since %q is not a date (YYYY-MM-DD)\n", *since)
		return errUsage
	}
	store, _, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	c, ok := store.(graph.Curator)
	if !ok {
		return fmt.Errorf("this store keeps no history")
	}
	q := graph.HistoryQuery{Subject: fs.Arg(0), By: *by, Since: *since, First: graph.MaxPage}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	n := 0
	for {
		page, err := c.History(ctx, q)
		if err != nil {
			return err
		}
		for _, ch := range page.Changes {
			if *limit > 0 && n == *limit {
				return tw.Flush()
			}
			if n == 0 {
				fmt.Fprintln(tw, "AT\tBY\tACTION\tSUBJECT")
			}
			n++
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ch.At, ch.By, ch.Action, ch.Subject)
			if *full {
				fmt.Fprintf(tw, "\tbefore\t%s\n\tafter\t%s\n", orDash(ch.Before), orDash(ch.After))
			}
		}
		if !page.HasMore {
			break
		}
		q.After = page.EndCursor
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(e.stderr, "no changes")
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
