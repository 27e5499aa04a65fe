package nexus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// DefaultServerURL is the Nexus development server, the only one the reference names.
const DefaultServerURL = "https://int-data.moneydesktop.com"

// TokenSource returns the session token for a call. It is called once per call (retries reuse
// the token), so it can pick the user's token from ctx or refresh an expired one.
type TokenSource func(ctx context.Context) (string, error)

// Option configures an [API] in [New]. An invalid value makes New return an error.
type Option func(*settings) error

// settings collects the options of New.
type settings struct {
	token  transport.Secret
	source TokenSource
	transport.Settings
	retry mxplatform.RetryPolicy
}

// Format keeps the session token out of any printing of the settings.
func (s settings) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "settings{token: %s, serverURL: %s}", transport.Redacted, s.ServerURL)
}

// checkToken refuses tokens that cannot be a header value.
func checkToken(token string) error {
	if strings.TrimSpace(token) == "" {
		return errors.New("nexus: session token must not be empty")
	}
	if strings.ContainsAny(token, "\r\n") {
		return errors.New("nexus: session token must not contain line breaks")
	}
	return nil
}

// WithSessionToken sets the session token every request sends in MD-SESSION-TOKEN. One of
// WithSessionToken and [WithSessionTokenSource] is required; the last given wins.
func WithSessionToken(token string) Option {
	return func(s *settings) error {
		if err := checkToken(token); err != nil {
			return err
		}
		s.token, s.source = transport.NewSecret(token), nil
		return nil
	}
}

// WithSessionTokenSource asks src for the session token of each call. One of
// [WithSessionToken] and WithSessionTokenSource is required; the last given wins.
func WithSessionTokenSource(src TokenSource) Option {
	return func(s *settings) error {
		if src == nil {
			return errors.New("nexus: nil token source")
		}
		s.source, s.token = src, transport.Secret{}
		return nil
	}
}

// WithServerURL sends requests to another base URL, such as a test server or another Nexus
// environment. It must be an absolute https URL; plain http is accepted only for loopback
// hosts. Default: [DefaultServerURL].
func WithServerURL(raw string) Option {
	return func(s *settings) error { return s.SetServerURL("nexus", raw) }
}

// WithHTTPClientConfig sends requests with a copy of c: its transport (wrapped by the retry
// layer), jar, redirect policy and Timeout are kept. Default: a client whose transport refuses
// TLS versions below 1.2 and which does not follow redirects.
func WithHTTPClientConfig(c *http.Client) Option {
	return func(s *settings) error { return s.SetHTTPClient("nexus", c) }
}

// WithDoer sends requests through d, any type with the Do method of *http.Client. The retry
// layer wraps it.
func WithDoer(d mxplatform.Doer) Option {
	return func(s *settings) error { return s.SetDoer("nexus", d) }
}

// WithUserAgent appends suffix (for example "myapp/1.2") to the User-Agent header, which always
// names this SDK and its version.
func WithUserAgent(suffix string) Option {
	return func(s *settings) error { return s.SetUserAgent("nexus", suffix) }
}

// WithRetryPolicy replaces the retry policy. Default: [mxplatform.DefaultRetryPolicy]; zero
// fields take its defaults. A policy whose MaxAttempts is 1 turns retries off.
func WithRetryPolicy(p mxplatform.RetryPolicy) Option {
	return func(s *settings) error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("nexus: %w", err)
		}
		s.retry = p
		return nil
	}
}

// WithLogger logs every request (debug level: operation, method, path, status, duration) and
// every retry (warn level) to l. Session tokens and bodies are never logged. Default: no
// logging.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { return s.SetLogger("nexus", l) }
}

// WithTimeout bounds each call, its retries and backoff included. Default: no bound beyond the
// caller's context.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error { return s.SetTimeout("nexus", d) }
}
