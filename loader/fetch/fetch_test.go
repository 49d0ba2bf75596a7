package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// serveOn starts a test server listening on ip (127.0.0.1 or another
// loopback address: Linux routes all of 127/8 to the loopback interface).
func serveOn(t *testing.T, ip string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	s := &httptest.Server{Listener: ln, Config: &http.Server{Handler: h}}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func TestRefusesLoopbackByDefault(t *testing.T) {
	var hits atomic.Int32
	s := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	f := New(Options{})
	for _, u := range []string{s.URL + "/", strings.Replace(s.URL, "127.0.0.1", "localhost", 1) + "/"} {
		_, err := f.Get(context.Background(), u, nil)
		var fe *Error
		if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "loopback address") {
			t.Errorf("Get(%s) = %v, want a refusal naming a loopback address", u, err)
		}
		var be *BlockedError
		if !errors.As(err, &be) {
			t.Errorf("Get(%s): error %v does not unwrap to a BlockedError", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the refused server was asked %d times", hits.Load())
	}
}

// TestRefusesRedirectToPrivate: a server that the policy allows redirects
// to one it does not; the redirect is refused before anything is sent to it.
func TestRefusesRedirectToPrivate(t *testing.T) {
	var hits atomic.Int32
	inner := serveOn(t, "127.0.0.2", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "secret")
	}))
	outer := serveOn(t, "127.0.0.1", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL+"/latest/meta-data/", http.StatusFound)
	}))
	f := New(Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
	_, err := f.Get(context.Background(), outer.URL+"/article", nil)
	var be *BlockedError
	if !errors.As(err, &be) || be.Addr != netip.MustParseAddr("127.0.0.2") {
		t.Fatalf("Get = %v, want the redirect to 127.0.0.2 refused", err)
	}
	if !strings.Contains(err.Error(), outer.URL+"/article") {
		t.Errorf("error %q does not name the URL asked for", err)
	}
	if hits.Load() != 0 {
		t.Errorf("the private server was asked %d times", hits.Load())
	}
	// With private addresses allowed the same chain is followed.
	resp, err := New(Options{AllowPrivate: true}).Get(context.Background(), outer.URL+"/article", nil)
	if err != nil || string(resp.Body) != "secret" || resp.URL != inner.URL+"/latest/meta-data/" {
		t.Fatalf("with AllowPrivate: %+v, %v", resp, err)
	}
}

func TestGet(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprintf(w, "<p>%s</p>", r.UserAgent())
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write(make([]byte, 2000)) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	s := serveOn(t, "127.0.0.1", mux)
	f := New(Options{AllowPrivate: true, MaxBytes: 1000, Timeout: 300 * time.Millisecond})
	ctx := context.Background()

	resp, err := f.Get(ctx, s.URL+"/ok", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(resp.Body), "actorgraph/") || resp.ContentType != "text/html" || resp.Charset != "iso-8859-1" || resp.ETag != `"v1"` {
		t.Errorf("got %+v", resp)
	}
	for _, c := range []struct{ path, want string }{
		{"/missing", "404 Not Found (no page at this address)"},
		{"/login", "403 Forbidden (a login wall"},
		{"/big", "over the limit of 1000 bytes"},
		{"/loop", "more than 5 redirects"},
		{"/ftp", "only http and https"},
		{"/slow", "timed out"},
	} {
		_, err := f.Get(ctx, s.URL+c.path, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Get(%s) = %v, want an error containing %q", c.path, err, c.want)
		}
	}
	for _, u := range []string{"file:///etc/passwd", "gopher://x/", "http://", "http://user:pw@example.org/", "::"} {
		if _, err := f.Get(ctx, u, nil); err == nil {
			t.Errorf("Get(%q) succeeded", u)
		}
	}
}

func TestInternal(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1": "loopback", "::1": "loopback", "10.1.2.3": "private", "172.16.0.1": "private",
		"192.168.1.1": "private", "fd00::1": "private", "169.254.169.254": "link-local", "fe80::1": "link-local",
		"0.0.0.0": "unspecified", "::": "unspecified", "100.64.0.1": "shared (carrier-grade NAT)",
		"::ffff:127.0.0.1": "loopback", "::ffff:10.0.0.1": "private", "224.0.0.1": "link-local", "239.1.2.3": "multicast",
		"255.255.255.255": "broadcast", "8.8.8.8": "", "2606:4700::1111": "", "93.184.216.34": "",
	} {
		if got := Internal(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Internal(%s) = %q, want %q", addr, got, want)
		}
	}
}
