package mxplatform

import (
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Version is the version of this SDK, sent in the User-Agent header.
const Version = "0.1.0"

// API calls the MX Platform API. Build one with [New]; it is safe for concurrent use and meant to
// be reused. Each of its methods calls one MX operation and returns the resource it answers.
type API struct {
	server    string
	clientID  string
	authz     transport.Secret // the Authorization header value
	userAgent string
	http      *http.Client
	logger    *slog.Logger
	timeout   time.Duration
}

// New returns an [API] configured by opts. Credentials are required ([WithCredentials] or
// [WithEnvCredentials]); everything else has a default, documented on its option.
func New(opts ...Option) (*API, error) {
	s := settings{environment: Development, retry: DefaultRetryPolicy()}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("mxplatform: nil option")
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	authz := "Basic " + base64.StdEncoding.EncodeToString([]byte(s.clientID+":"+s.apiKey.Reveal()))
	switch {
	case !s.processor.IsZero() && s.clientID != "":
		return nil, errors.New("mxplatform: a processor token and client credentials exclude each other: use one")
	case !s.processor.IsZero():
		authz = "Bearer " + s.processor.Reveal()
	case s.clientID == "":
		return nil, errors.New("mxplatform: credentials are required: use WithCredentials or WithEnvCredentials")
	}
	server := s.ServerURL
	if server == "" {
		var err error
		if server, err = s.environment.ServerURL(); err != nil {
			return nil, err
		}
	}
	logger := s.LoggerOrDiscard()
	retry := s.retry
	return &API{
		server:    server,
		clientID:  s.clientID,
		authz:     transport.NewSecret(authz),
		userAgent: s.UserAgentHeader(Version),
		http: s.Client(func(rt http.RoundTripper) http.RoundTripper {
			return &RetryTransport{Base: rt, Policy: retry, Logger: logger, sleep: s.retrySleep}
		}),
		logger:  logger,
		timeout: s.Timeout,
	}, nil
}

// DefaultTransport returns the transport an [API] uses unless told otherwise: Go's default
// transport, refusing TLS versions below 1.2 as MX requires.
func DefaultTransport() *http.Transport { return transport.DefaultTransport() }

// ServerURL returns the base URL requests go to.
func (a *API) ServerURL() string { return a.server }

// String describes the API without its credentials.
func (a API) String() string {
	return fmt.Sprintf("mxplatform.API{server: %s, clientID: %s, apiKey: %s}", a.server, a.clientID, transport.Redacted)
}

// GoString is String, so that %#v does not print the credentials either.
func (a API) GoString() string { return a.String() }

// Format prints String for every verb: fmt would otherwise print the unexported fields of an
// API value, credentials included.
func (a API) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(a.String())) }

// OperationID returns the operationId ("readAccount", ...) of a request sent by an [API] (or by
// the Nexus and Moov clients), or "" for other requests. Custom retry policies can use it.
func OperationID(req *http.Request) string {
	if c := transport.CallOf(req.Context()); c != nil {
		return c.Operation
	}
	return ""
}
