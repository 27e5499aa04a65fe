package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Environment names an MX environment. Its server URL is fixed by MX.
type Environment string

// The MX environments.
const (
	// Development is the integration environment, https://int-api.mx.com: test institutions
	// (MX Bank), at most 100 users. It is the default.
	Development Environment = "development"
	// Production is https://api.mx.com.
	Production Environment = "production"
)

// ServerURL returns the base URL of the environment.
func (e Environment) ServerURL() (string, error) {
	switch e {
	case Development:
		return "https://int-api.mx.com", nil
	case Production:
		return "https://api.mx.com", nil
	}
	return "", fmt.Errorf("mxplatform: unknown environment %q (want %q or %q)", string(e), Development, Production)
}

// ParseEnvironment parses "development" or "production" (case-insensitive; "dev", "int",
// "integration" and "prod" are accepted too).
func ParseEnvironment(s string) (Environment, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "development", "dev", "int", "integration":
		return Development, nil
	case "production", "prod":
		return Production, nil
	}
	return "", fmt.Errorf("mxplatform: unknown environment %q (want %q or %q)", s, Development, Production)
}

// Option configures an [API] in [New]. Options are checked when New runs: an invalid value makes
// New return an error.
type Option func(*settings) error

// settings collects the options of New.
type settings struct {
	transport.Settings
	clientID    string
	apiKey      transport.Secret
	processor   transport.Secret // a processor token, in place of the client credentials
	environment Environment
	retry       RetryPolicy
	retrySleep  func(context.Context, time.Duration) error // tests pause without waiting
}

// Format keeps the API key out of any printing of the settings.
func (s settings) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "settings{clientID: %s, apiKey: %s, environment: %s, serverURL: %s}", s.clientID, transport.Redacted, s.environment, s.ServerURL)
}

// Environment variables read by [WithEnvCredentials].
const (
	EnvClientID = "MX_CLIENT_ID"
	EnvAPIKey   = "MX_API_KEY"
)

// WithCredentials sets the client ID and API key from the MX client dashboard. Every request
// sends them with HTTP basic authentication. Required (or [WithEnvCredentials]).
func WithCredentials(clientID, apiKey string) Option {
	return func(s *settings) error {
		if strings.TrimSpace(clientID) == "" || strings.TrimSpace(apiKey) == "" {
			return errors.New("mxplatform: client ID and API key must not be empty")
		}
		s.clientID, s.apiKey = clientID, transport.NewSecret(apiKey)
		return nil
	}
}

// WithProcessorToken authenticates every request with a processor token (sent as a bearer
// token) instead of a partner's client ID and API key: the token MX issues a payment processor
// for the accounts a partner's authorization code names. Only the processor operations take
// it; package processor builds its API with this option.
func WithProcessorToken(token string) Option {
	return func(s *settings) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("mxplatform: the processor token must not be empty")
		}
		s.processor = transport.NewSecret(token)
		return nil
	}
}

// WithEnvCredentials reads the client ID and API key from the MX_CLIENT_ID and MX_API_KEY
// environment variables. New fails when either is unset or empty.
func WithEnvCredentials() Option {
	return func(s *settings) error {
		id, key := os.Getenv(EnvClientID), os.Getenv(EnvAPIKey)
		if id == "" || key == "" {
			return fmt.Errorf("mxplatform: %s and %s must both be set", EnvClientID, EnvAPIKey)
		}
		return WithCredentials(id, key)(s)
	}
}

// WithEnvironment chooses the MX environment. Default: [Development].
func WithEnvironment(e Environment) Option {
	return func(s *settings) error {
		if _, err := e.ServerURL(); err != nil {
			return err
		}
		s.environment, s.ServerURL = e, ""
		return nil
	}
}

// WithServerURL sends requests to another base URL, such as a fake server in tests. It must be
// an absolute https URL; plain http is accepted only for loopback hosts. It overrides
// [WithEnvironment].
func WithServerURL(raw string) Option {
	return func(s *settings) error { return s.SetServerURL("mxplatform", raw) }
}

// WithHTTPClientConfig sends requests with a copy of c: its transport (wrapped by the retry
// layer), jar and redirect policy are kept, its Timeout too. Default: a client whose transport
// refuses TLS versions below 1.2 and which does not follow redirects.
func WithHTTPClientConfig(c *http.Client) Option {
	return func(s *settings) error { return s.SetHTTPClient("mxplatform", c) }
}

// Doer is anything with the Do method of *http.Client, such as a test double or an instrumented
// client.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// WithDoer sends requests through d instead of an *http.Client. The retry layer wraps it.
func WithDoer(d Doer) Option {
	return func(s *settings) error { return s.SetDoer("mxplatform", d) }
}

// WithUserAgent appends suffix (for example "myapp/1.2") to the User-Agent header, which
// always names this SDK and its version.
func WithUserAgent(suffix string) Option {
	return func(s *settings) error { return s.SetUserAgent("mxplatform", suffix) }
}

// WithRetryPolicy replaces the retry policy. Default: [DefaultRetryPolicy]. A policy whose
// MaxAttempts is 1 turns retries off.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(s *settings) error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("mxplatform: %w", err)
		}
		s.retry = p.withDefaults()
		return nil
	}
}

// WithLogger logs every request (debug level: operation, method, path, status, duration) and
// every retry (warn level, with its reason) to l. Credentials and request bodies are never
// logged. Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { return s.SetLogger("mxplatform", l) }
}

// WithTimeout bounds each call, its retries and backoff included. Default: no bound beyond the
// caller's context.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error { return s.SetTimeout("mxplatform", d) }
}
