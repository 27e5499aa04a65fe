// Package transport is the client plumbing that every API client of this module shares (the
// Platform client in package mxplatform and those of the packages beside it): the settings
// that all their options set, with one validation each, the HTTP client built from them, bounded
// body reads, excerpts for error messages, and secrets that never print.
//
// It imports nothing of this module, so that package mxplatform can use it too.
package transport

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Doer is anything with the Do method of *http.Client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Settings are the options every client takes. Their setters validate a value and prefix their
// errors with the client's package name.
type Settings struct {
	ServerURL  string
	HTTPClient *http.Client
	Doer       Doer
	UserAgent  string // the suffix after the SDK's name and version
	Logger     *slog.Logger
	Timeout    time.Duration
}

// SetServerURL sets an absolute https base URL (plain http only on loopback, for tests),
// without credentials and without a trailing slash.
func (s *Settings) SetServerURL(pkg, raw string) error {
	// Credentials first, so that no error below quotes them.
	if hasUserInfo(raw) {
		return fmt.Errorf("%s: the server URL must not carry credentials", pkg)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%s: invalid server URL %s", pkg, quoteURL(raw))
	}
	if u.User != nil {
		return fmt.Errorf("%s: the server URL must not carry credentials", pkg)
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return fmt.Errorf("%s: server URL %s must use https (http only on loopback)", pkg, quoteURL(raw))
	}
	s.ServerURL = strings.TrimSuffix(u.String(), "/")
	return nil
}

// hasUserInfo reports whether raw has credentials before its host ("https://user:key@host"),
// with or without a scheme, parsable or not.
func hasUserInfo(raw string) bool {
	rest := raw
	if i := strings.Index(rest, "//"); i >= 0 {
		rest = rest[i+2:]
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	return strings.Contains(rest, "@")
}

// quoteURL quotes a server URL for an error, unless it holds an "@", which may introduce
// credentials in a URL too malformed to tell.
func quoteURL(raw string) string {
	if strings.Contains(raw, "@") {
		return "(not shown: it contains an @)"
	}
	return strconv.Quote(raw)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SetHTTPClient sends requests with a copy of c (replacing a Doer).
func (s *Settings) SetHTTPClient(pkg string, c *http.Client) error {
	if c == nil {
		return fmt.Errorf("%s: nil *http.Client", pkg)
	}
	s.HTTPClient, s.Doer = c, nil
	return nil
}

// SetDoer sends requests through d (replacing an HTTP client).
func (s *Settings) SetDoer(pkg string, d Doer) error {
	if d == nil {
		return fmt.Errorf("%s: nil request doer", pkg)
	}
	s.Doer, s.HTTPClient = d, nil
	return nil
}

// SetUserAgent sets the suffix of the User-Agent header.
func (s *Settings) SetUserAgent(pkg, suffix string) error {
	if strings.ContainsAny(suffix, "\r\n") {
		return fmt.Errorf("%s: user agent must not contain line breaks", pkg)
	}
	s.UserAgent = strings.TrimSpace(suffix)
	return nil
}

// SetLogger sets the logger of requests and retries.
func (s *Settings) SetLogger(pkg string, l *slog.Logger) error {
	if l == nil {
		return fmt.Errorf("%s: nil logger", pkg)
	}
	s.Logger = l
	return nil
}

// SetTimeout bounds each call, retries included.
func (s *Settings) SetTimeout(pkg string, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("%s: timeout must be positive, got %s", pkg, d)
	}
	s.Timeout = d
	return nil
}

// UserAgentHeader returns the User-Agent value: the SDK's name and version, then the suffix.
func (s *Settings) UserAgentHeader(version string) string {
	ua := "mx-go/" + version
	if s.UserAgent != "" {
		ua += " " + s.UserAgent
	}
	return ua
}

// LoggerOrDiscard returns the logger, or one that discards everything.
func (s *Settings) LoggerOrDiscard() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}

// Client builds the client a wrapper sends requests with: a copy of the settings' HTTP client
// (its transport, or http.DefaultTransport when it has none), or its Doer, or else
// DefaultTransport, with wrap (the retry layer) around it. Redirects are not followed unless
// the caller's client says otherwise.
func (s *Settings) Client(wrap func(http.RoundTripper) http.RoundTripper) *http.Client {
	c := &http.Client{CheckRedirect: noRedirects}
	var rt http.RoundTripper
	switch {
	case s.Doer != nil:
		rt = doerTransport{s.Doer}
	case s.HTTPClient != nil:
		*c = *s.HTTPClient
		rt = c.Transport
		if rt == nil {
			rt = http.DefaultTransport
		}
	default:
		rt = DefaultTransport()
	}
	c.Transport = wrap(rt)
	return c
}

// maxIdleConnsPerHost is how many idle connections DefaultTransport keeps to the server.
const maxIdleConnsPerHost = 100

// DefaultTransport returns Go's default transport refusing TLS versions below 1.2, as MX
// requires, and keeping up to 100 idle connections to the server instead of 2: a client calls
// one host, and goroutines sharing it would otherwise open (and handshake) a new connection for
// many of their requests.
func DefaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return t
}

// noRedirects hands 3xx answers back to the caller: the APIs do not redirect, and following a
// redirect would turn a POST into a GET.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// doerTransport adapts a Doer to http.RoundTripper.
type doerTransport struct{ d Doer }

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
// returns the value for the one place that sends it. The value lives in a closure: fmt, which
// prints the unexported fields of a struct without calling their methods, reaches only the
// closure's address, whatever struct holds the Secret and however deep.
type Secret struct{ reveal func() string }

// NewSecret wraps a credential.
func NewSecret(v string) Secret {
	if v == "" {
		return Secret{}
	}
	return Secret{reveal: func() string { return v }}
}

// Reveal returns the credential.
func (s Secret) Reveal() string {
	if s.reveal == nil {
		return ""
	}
	return s.reveal()
}

// IsZero reports whether no credential is set.
func (s Secret) IsZero() bool { return s.reveal == nil }

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

// DescribeJSONError shortens an error of encoding/json to what went wrong and where, without
// the offending input, which may be long.
func DescribeJSONError(err error) string {
	var semErr *jsonv2.SemanticError
	if errors.As(err, &semErr) {
		where := "the body"
		if semErr.JSONPointer != "" {
			where = fmt.Sprintf("field %q", strings.Join(slices.Collect(semErr.JSONPointer.Tokens()), "."))
		}
		what := "a JSON value"
		if kind, ok := kindNames[semErr.JSONKind]; ok {
			what = "a JSON " + kind
		}
		if semErr.GoType != nil {
			what += " where " + semErr.GoType.String() + " belongs"
		}
		var inner *json.UnmarshalTypeError
		if errors.As(semErr.Err, &inner) {
			what = fmt.Sprintf("a JSON %s where %s belongs", inner.Value, inner.Type)
		} else if semErr.Err != nil {
			what += ": " + semErr.Err.Error()
		}
		return where + ": " + what
	}
	var synErr *jsontext.SyntacticError
	if errors.As(err, &synErr) {
		return fmt.Sprintf("invalid JSON at byte %d: %v", synErr.ByteOffset, synErr.Err)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return fmt.Sprintf("a JSON %s where an object belongs", typeErr.Value)
		}
		return fmt.Sprintf("field %q: a JSON %s where %s belongs", typeErr.Field, typeErr.Value, typeErr.Type)
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return fmt.Sprintf("invalid JSON at byte %d: %v", syntaxErr.Offset, syntaxErr)
	}
	return err.Error()
}

// kindNames name the kinds of JSON values.
var kindNames = map[jsontext.Kind]string{
	'n': "null", 'f': "boolean", 't': "boolean", '"': "string", '0': "number", '{': "object", '[': "array",
}

// Quote quotes s for an error message, cut to n bytes of valid UTF-8.
func Quote(s string, n int) string {
	if len(s) > n {
		s = s[:n]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		return fmt.Sprintf("%q...", s)
	}
	return fmt.Sprintf("%q", s)
}

// Sentinels are the sentinel errors a client's error type matches by HTTP status.
type Sentinels struct {
	ByStatus    map[int]error // one status each
	ServerError error         // any 5xx
}

// Match reports whether target is the sentinel of status.
func (s Sentinels) Match(status int, target error) bool {
	if target == nil {
		return false
	}
	if target == s.ServerError {
		return status >= 500 && status <= 599
	}
	return s.ByStatus[status] == target
}

// DescribeAnswer ends the description of an HTTP error: the API's message or else an excerpt of
// the body, the request id, then DescribeAttempts.
func DescribeAnswer(b *strings.Builder, message string, body []byte, requestID string, attempts int, outcomeUnknown bool) {
	switch {
	case message != "":
		b.WriteString(": ")
		b.WriteString(message)
	case len(body) == 0:
		b.WriteString(" (empty body)")
	default:
		fmt.Fprintf(b, " (body: %q)", Excerpt(body))
	}
	if requestID != "" {
		fmt.Fprintf(b, " [request id %s]", requestID)
	}
	DescribeAttempts(b, attempts, outcomeUnknown)
}

// DescribeAttempts ends the description of a failed call: the number of attempts when there
// were several, and a warning when the request may have been applied though no answer says so.
func DescribeAttempts(b *strings.Builder, attempts int, outcomeUnknown bool) {
	if attempts > 1 {
		fmt.Fprintf(b, " after %d attempts", attempts)
	}
	if outcomeUnknown {
		b.WriteString("; the request may have been applied: read the state before sending it again")
	}
}

// RequestBase returns the base URL that the generated request builders resolve operation paths
// against: the server URL with a trailing slash, so that the path of a base URL such as
// https://proxy.example.com/mx is kept (without the slash, "./users" would replace its last
// segment).
func RequestBase(server string) string { return strings.TrimSuffix(server, "/") + "/" }

// CheckPathSegment refuses a path parameter that cannot stay a segment of its own: an empty
// value, "." or "..", which the URL would resolve away (DELETE /users/.. is DELETE /). Any other
// value is escaped by the request builders, a "/" becoming %2F.
func CheckPathSegment(name, value string) error {
	switch value {
	case "", ".", "..":
		return fmt.Errorf("the path parameter %s must not be %q", name, value)
	}
	return nil
}

// CheckPath checks the path parameters of a request of the operation whose path template is
// template ("/users/{user_guid}"), values in the order of the template, with CheckPathSegment.
func CheckPath(template string, values ...string) error {
	i := 0
	for _, seg := range strings.Split(template, "/") {
		start, end := strings.IndexByte(seg, '{'), strings.IndexByte(seg, '}')
		if start < 0 || end < start || i >= len(values) {
			continue
		}
		if err := CheckPathSegment(seg[start+1:end], values[i]); err != nil {
			return err
		}
		i++
	}
	return nil
}
