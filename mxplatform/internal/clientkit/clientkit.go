// Package clientkit is the plumbing that the hand-written clients beside the Platform API
// (packages nexus and moov) share: the server URL check, the HTTP client built on the Platform
// client's retry transport, bounded body reads and secrets that never print.
//
// It keeps those clients behaving like mxplatform.API without copying its code.
package clientkit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Doer is anything with the Do method of *http.Client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// ServerURL checks a base URL given to a client: absolute, https (plain http only on loopback,
// for tests), without credentials. It returns the URL without a trailing slash. pkg prefixes
// the error messages.
func ServerURL(pkg, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("%s: invalid server URL %q", pkg, raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("%s: the server URL must not carry credentials", pkg)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return "", fmt.Errorf("%s: server URL %q must use https (http only on loopback)", pkg, raw)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HTTPClient builds the client a wrapper sends requests with: a copy of base (its transport,
// or http.DefaultTransport when it has none), or doer, or else mxplatform.DefaultTransport
// (TLS 1.2 at least), always wrapped in mxplatform.RetryTransport with policy. Redirects are
// not followed unless base says otherwise.
func HTTPClient(base *http.Client, doer Doer, policy mxplatform.RetryPolicy, logger *slog.Logger) *http.Client {
	c := &http.Client{CheckRedirect: noRedirects}
	var rt http.RoundTripper
	switch {
	case doer != nil:
		rt = doerTransport{doer}
	case base != nil:
		*c = *base
		rt = c.Transport
		if rt == nil {
			rt = http.DefaultTransport
		}
	default:
		rt = mxplatform.DefaultTransport()
	}
	c.Transport = &mxplatform.RetryTransport{Base: countingTransport{rt}, Policy: policy, Logger: logger}
	return c
}

// attemptsKey keys the attempt counter of a call in its request's context.
type attemptsKey struct{}

// CountAttempts returns a context whose requests, sent by a client of [HTTPClient], count their
// attempts (retries included), and a function that reports the count.
func CountAttempts(ctx context.Context) (context.Context, func() int) {
	n := new(int)
	return context.WithValue(ctx, attemptsKey{}, n), func() int { return *n }
}

// countingTransport counts the attempts of requests whose context has a counter. Attempts of
// one call are sequential, so the counter needs no lock.
type countingTransport struct{ base http.RoundTripper }

// RoundTrip counts the attempt and sends it.
func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if n, ok := r.Context().Value(attemptsKey{}).(*int); ok {
		*n++
	}
	return t.base.RoundTrip(r)
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

type doerTransport struct{ d Doer }

// RoundTrip sends r with the doer.
func (t doerTransport) RoundTrip(r *http.Request) (*http.Response, error) { return t.d.Do(r) }

// ErrTooLarge is returned by ReadLimited when a body exceeds its limit.
var ErrTooLarge = errors.New("body too large")

// ReadLimited reads all of r, failing with ErrTooLarge past limit bytes.
func ReadLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return b, err
	}
	if int64(len(b)) > limit {
		return b[:limit], ErrTooLarge
	}
	return b, nil
}

// Excerpt returns the start of a body as valid UTF-8 text, for error messages.
func Excerpt(b []byte) string {
	const n = 200
	s := strings.TrimSpace(string(b))
	if len(s) > n {
		s = s[:n]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "..."
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Redacted is what a Secret prints as.
const Redacted = "[redacted]"

// Secret holds a credential. It prints, formats, marshals and logs as [Redacted]; Reveal
// returns the value for the one place that sends it.
type Secret struct{ v string }

// NewSecret wraps a credential.
func NewSecret(v string) Secret { return Secret{v} }

// Reveal returns the credential.
func (s Secret) Reveal() string { return s.v }

// IsZero reports whether no credential is set.
func (s Secret) IsZero() bool { return s.v == "" }

// The methods below print, encode and log a Secret as Redacted.

// String returns Redacted.
func (Secret) String() string { return Redacted }

// GoString returns Redacted.
func (Secret) GoString() string { return Redacted }

// MarshalJSON encodes Redacted.
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// MarshalText encodes Redacted.
func (Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// LogValue logs Redacted.
func (Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }

// Format prints Redacted for every verb.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(Redacted)) }
