// Package fetch gets web pages, feeds and PDFs over HTTP for the loader,
// politely and safely: a clear user agent, a timeout, a size limit, a
// redirect limit, only http and https, and no requests to loopback, private,
// link-local or otherwise internal addresses unless they are allowed.
//
// The address check runs in the dialer's Control function, that is after DNS
// resolution and for every connection the client opens, redirects included.
// Checking the URL's host name before the request would not be enough: a
// public name can resolve to 127.0.0.1 (DNS rebinding), and a public page can
// redirect to http://169.254.169.254/ (a cloud's metadata service).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Defaults of Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 20 << 20 // PDFs of reports run to a few MB; pages and feeds far less
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "actorgraph/1 (newsroom knowledge graph; +https://github.com/actorgraph/actorgraph)"
)

// Options configure a Fetcher. The zero value is the safe default.
type Options struct {
	// AllowPrivate permits loopback, private, link-local and other internal
	// addresses (an intranet server, or a test server on 127.0.0.1).
	AllowPrivate bool
	// Allow permits these addresses even when AllowPrivate is false, so a
	// caller can name one internal server without opening them all.
	Allow []netip.Prefix
	// Timeout bounds one whole fetch, redirects and body included.
	Timeout time.Duration
	// MaxBytes is the largest body read; a larger one is refused.
	MaxBytes int64
	// MaxRedirects is the number of redirects followed.
	MaxRedirects int
	// UserAgent is sent with every request.
	UserAgent string
}

// Fetcher fetches documents. It is safe for concurrent use.
type Fetcher struct {
	opts   Options
	client *http.Client
}

// Response is a fetched document.
type Response struct {
	// URL is where the body came from, after redirects.
	URL string
	// Requested is the URL asked for.
	Requested   string
	ContentType string // media type without parameters, lower case
	Charset     string
	Body        []byte
	// LastModified and ETag are the server's validators, when it sent them.
	LastModified string
	ETag         string
}

// Error is a refused fetch: the URL and the reason, in words a user can act on.
type Error struct {
	URL    string
	Reason string
	Err    error // the underlying error, if any
}

func (e *Error) Error() string { return e.URL + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// BlockedError says an address was refused by the policy.
type BlockedError struct {
	Addr netip.Addr
	Why  string // "loopback", "private", ...
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("%s is a %s address (refused unless private addresses are allowed)", e.Addr, e.Why)
}

// New returns a Fetcher with opts (zero fields take the defaults).
func New(opts Options) *Fetcher {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	f := &Fetcher{opts: opts}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: f.control}
	transport := &http.Transport{
		// No proxy from the environment: through a proxy the dialer would
		// check the proxy's address, not the page's.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          10,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opts.MaxRedirects {
				return fmt.Errorf("more than %d redirects", opts.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s: only http and https are fetched", req.URL.Redacted())
			}
			return nil
		},
	}
	return f
}

// control runs for every connection after the address is resolved.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("unexpected dial address %q: %w", address, err)
	}
	return f.Check(ap.Addr())
}

// Check applies the address policy to one address.
func (f *Fetcher) Check(a netip.Addr) error {
	a = a.Unmap()
	if f.opts.AllowPrivate {
		return nil
	}
	for _, p := range f.opts.Allow {
		if p.Contains(a) {
			return nil
		}
	}
	if why := Internal(a); why != "" {
		return &BlockedError{Addr: a, Why: why}
	}
	return nil
}

// internalRanges are special-purpose ranges (RFC 6890 and successors) that
// are not the public internet, beyond what netip's predicates name.
var internalRanges = []struct {
	p   netip.Prefix
	why string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "this-network"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local NAT64"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
}

// Internal names the kind of a non-public address ("loopback", "private",
// "link-local", ...) and returns "" for a public one.
func Internal(a netip.Addr) string {
	a = a.Unmap()
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	}
	if a.Is4() && a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
		return "broadcast"
	}
	for _, r := range internalRanges {
		if r.p.Contains(a) {
			return r.why
		}
	}
	return ""
}

// CheckURL reports whether raw is an absolute http(s) URL this fetcher may
// ask for, before any request: the scheme, a host, no user:password.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, &Error{URL: raw, Reason: "not a valid URL", Err: err}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &Error{URL: raw, Reason: "only http and https URLs are fetched"}
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, &Error{URL: raw, Reason: "the URL has no host"}
	}
	if u.User != nil {
		return nil, &Error{URL: u.Redacted(), Reason: "URLs with a user name or password are not fetched"}
	}
	return u, nil
}

// Get fetches raw. Headers (If-None-Match, ...) are added to the request.
// A response other than 2xx, a body over the size limit, a refused address,
// a timeout or a network failure is an *Error saying which.
func (f *Fetcher) Get(ctx context.Context, raw string, headers http.Header) (*Response, error) {
	u, err := CheckURL(raw)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: raw, Reason: "cannot make the request", Err: err}
	}
	for k, vs := range headers {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, &Error{URL: raw, Reason: reason(ctx, err), Err: err}
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		if resp.StatusCode == http.StatusNotModified {
			return &Response{URL: final, Requested: raw, LastModified: resp.Header.Get("Last-Modified"), ETag: resp.Header.Get("ETag")}, ErrNotModified
		}
		why := fmt.Sprintf("the server answered %s", resp.Status)
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			why += " (a login wall or a block: nothing to load)"
		case http.StatusNotFound, http.StatusGone:
			why += " (no page at this address)"
		case http.StatusTooManyRequests:
			why += " (too many requests: try later)"
		}
		return nil, &Error{URL: raw, Reason: why}
	}
	if resp.ContentLength > f.opts.MaxBytes {
		return nil, &Error{URL: raw, Reason: fmt.Sprintf("the document is %d bytes, over the limit of %d bytes", resp.ContentLength, f.opts.MaxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, &Error{URL: raw, Reason: "reading the body: " + reason(ctx, err), Err: err}
	}
	if int64(len(body)) > f.opts.MaxBytes {
		return nil, &Error{URL: raw, Reason: fmt.Sprintf("the document is over the limit of %d bytes", f.opts.MaxBytes)}
	}
	out := &Response{URL: final, Requested: raw, Body: body,
		LastModified: resp.Header.Get("Last-Modified"), ETag: resp.Header.Get("ETag")}
	if mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		out.ContentType, out.Charset = strings.ToLower(mt), strings.ToLower(params["charset"])
	}
	return out, nil
}

// ErrNotModified is returned with a Response holding only validators when
// the server answered 304 to a conditional request.
var ErrNotModified = errors.New("not modified")

// reason turns a client error into words.
func reason(ctx context.Context, err error) string {
	var blocked *BlockedError
	if errors.As(err, &blocked) {
		return blocked.Error()
	}
	if ctx.Err() != nil {
		return ctx.Err().Error()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return "timed out"
		}
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) {
			return "cannot resolve " + dnsErr.Name
		}
		return ue.Err.Error()
	}
	return err.Error()
}
