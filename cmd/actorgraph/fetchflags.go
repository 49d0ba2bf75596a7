package main

import (
	"flag"
	"time"

	"github.com/actorgraph/actorgraph/loader/fetch"
)

// fetchFlags are the flags of the commands that fetch web addresses (load,
// watch).
type fetchFlags struct {
	allowPrivate bool
	timeout      time.Duration
	maxBytes     int64
}

func (ff *fetchFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&ff.allowPrivate, "allow-private", false,
		"fetch from loopback, private and link-local addresses too (an intranet server; refused by default, after DNS resolution and on every redirect)")
	fs.DurationVar(&ff.timeout, "fetch-timeout", fetch.DefaultTimeout, "time limit of one fetch, redirects and body included")
	fs.Int64Var(&ff.maxBytes, "max-bytes", fetch.DefaultMaxBytes, "largest page, feed or PDF fetched, in `bytes`")
}

func (ff *fetchFlags) fetcher() *fetch.Fetcher {
	return fetch.New(fetch.Options{AllowPrivate: ff.allowPrivate, Timeout: ff.timeout, MaxBytes: ff.maxBytes})
}
