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
	"github.com/mxsdk/mx-go/mxplatform/internal/clientkit"
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
	token      clientkit.Secret
	version    string
	serverURL  string
	httpClient *http.Client
	doer       HttpRequestDoer
	userAgent  string
	retry      mxplatform.RetryPolicy
	logger     *slog.Logger
	timeout    time.Duration
}

// Format keeps the token out of any printing of the settings.
func (s settings) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "settings{token: %s, version: %s, serverURL: %s}", clientkit.Redacted, s.version, s.serverURL)
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
		s.token = clientkit.NewSecret(token)
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
	return func(s *settings) error {
		u, err := clientkit.ServerURL("moov", raw)
		if err != nil {
			return err
		}
		s.serverURL = u
		return nil
	}
}

// WithHTTPClientConfig sends requests with a copy of c: its transport (wrapped by the retry
// layer), jar, redirect policy and Timeout are kept. Default: a client whose transport refuses
// TLS versions below 1.2 and which does not follow redirects.
func WithHTTPClientConfig(c *http.Client) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("moov: nil *http.Client")
		}
		s.httpClient, s.doer = c, nil
		return nil
	}
}

// WithDoer sends requests through d, any type with the Do method of *http.Client. The retry
// layer wraps it.
func WithDoer(d HttpRequestDoer) Option {
	return func(s *settings) error {
		if d == nil {
			return errors.New("moov: nil request doer")
		}
		s.doer, s.httpClient = d, nil
		return nil
	}
}

// WithUserAgent appends suffix (for example "myapp/1.2") to the User-Agent header, which always
// names this SDK and its version.
func WithUserAgent(suffix string) Option {
	return func(s *settings) error {
		if strings.ContainsAny(suffix, "\r\n") {
			return errors.New("moov: user agent must not contain line breaks")
		}
		s.userAgent = strings.TrimSpace(suffix)
		return nil
	}
}

// WithRetryPolicy replaces the retry policy. Default: [mxplatform.DefaultRetryPolicy]. A policy
// whose MaxAttempts is 1 turns retries off.
func WithRetryPolicy(p mxplatform.RetryPolicy) Option {
	return func(s *settings) error {
		if p.MaxAttempts < 1 {
			return fmt.Errorf("moov: retry MaxAttempts must be at least 1, got %d", p.MaxAttempts)
		}
		if p.MaxRetryAfter < 0 {
			return errors.New("moov: retry MaxRetryAfter must not be negative")
		}
		s.retry = p
		return nil
	}
}

// WithLogger logs every request (debug level: operation, method, path, status, duration) and
// every retry (warn level) to l. The token is never logged. Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("moov: nil logger")
		}
		s.logger = l
		return nil
	}
}

// WithTimeout bounds each call, its retries and backoff included. Default: no bound beyond the
// caller's context.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("moov: timeout must be positive, got %s", d)
		}
		s.timeout = d
		return nil
	}
}
