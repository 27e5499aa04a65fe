package moov

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// DefaultServerURL is Moov's API server, the one its reference's examples call.
const DefaultServerURL = "https://api.moov.io"

// DefaultVersion is the X-Moov-Version sent unless [WithVersion] says otherwise: the version
// Moov documents as its default.
const DefaultVersion = "v2024.01.00"

// versionRe is the form of X-Moov-Version: vYYYY.QQ.BB, QQ the first month of a quarter, or dev.
var versionRe = regexp.MustCompile(`^(v[0-9]{4}\.(01|04|07|10)\.[0-9]{2}|dev)$`)

// Option configures an [API] in [New]. An invalid value makes New return an error.
type Option func(*settings) error

// settings collects the options of New.
type settings struct {
	token   transport.Secret
	version string
	transport.Settings
	retry mxplatform.RetryPolicy
}

// Format keeps the token out of any printing of the settings.
func (s settings) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "settings{token: %s, version: %s, serverURL: %s}", transport.Redacted, s.version, s.ServerURL)
}

// WithBearerToken sets the Moov access token every request sends as `Authorization: Bearer
// <token>`. Required.
func WithBearerToken(token string) Option {
	return func(s *settings) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("moov: bearer token must not be empty")
		}
		if strings.ContainsAny(token, "\r\n") {
			return errors.New("moov: bearer token must not contain line breaks")
		}
		s.token = transport.NewSecret(token)
		return nil
	}
}

// WithVersion sets the X-Moov-Version header: vYYYY.QQ.BB (QQ is 01, 04, 07 or 10) or dev.
// Default: [DefaultVersion].
func WithVersion(v string) Option {
	return func(s *settings) error {
		if !versionRe.MatchString(v) {
			return fmt.Errorf("moov: version %q is not vYYYY.QQ.BB (QQ 01, 04, 07 or 10) or dev", v)
		}
		s.version = v
		return nil
	}
}

// WithServerURL sends requests to another base URL, such as a test server. It must be an
// absolute https URL; plain http is accepted only for loopback hosts. Default:
// [DefaultServerURL].
func WithServerURL(raw string) Option {
	return func(s *settings) error { return s.SetServerURL("moov", raw) }
}

// WithHTTPClientConfig sends requests with a copy of c: its transport (wrapped by the retry
// layer), jar, redirect policy and Timeout are kept. Default: a client whose transport refuses
// TLS versions below 1.2 and which does not follow redirects.
func WithHTTPClientConfig(c *http.Client) Option {
	return func(s *settings) error { return s.SetHTTPClient("moov", c) }
}

// WithDoer sends requests through d, any type with the Do method of *http.Client. The retry
// layer wraps it.
func WithDoer(d mxplatform.Doer) Option {
	return func(s *settings) error { return s.SetDoer("moov", d) }
}

// WithUserAgent appends suffix (for example "myapp/1.2") to the User-Agent header, which always
// names this SDK and its version.
func WithUserAgent(suffix string) Option {
	return func(s *settings) error { return s.SetUserAgent("moov", suffix) }
}

// WithRetryPolicy replaces the retry policy. Default: [mxplatform.DefaultRetryPolicy]. A policy
// whose MaxAttempts is 1 turns retries off.
func WithRetryPolicy(p mxplatform.RetryPolicy) Option {
	return func(s *settings) error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("moov: %w", err)
		}
		s.retry = p
		return nil
	}
}

// WithLogger logs every request (debug level: operation, method, path, status, duration) and
// every retry (warn level) to l. The token is never logged. Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { return s.SetLogger("moov", l) }
}

// WithTimeout bounds each call, its retries and backoff included. Default: no bound beyond the
// caller's context.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error { return s.SetTimeout("moov", d) }
}
