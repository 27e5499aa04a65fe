package moov

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/clientkit"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// API calls Moov. Build one with [New]; it is safe for concurrent use and meant to be reused.
type API struct {
	server    string
	token     transport.Secret
	version   string
	userAgent string
	http      *http.Client
	logger    *slog.Logger
	timeout   time.Duration
}

// New returns an [API] configured by opts. A bearer token is required ([WithBearerToken]);
// everything else has a default, documented on its option.
func New(opts ...Option) (*API, error) {
	s := settings{version: DefaultVersion, Settings: transport.Settings{ServerURL: DefaultServerURL}, retry: mxplatform.DefaultRetryPolicy()}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("moov: nil option")
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	if s.token.IsZero() {
		return nil, errors.New("moov: a bearer token is required: use WithBearerToken")
	}
	logger := s.LoggerOrDiscard()
	return &API{
		server:    s.ServerURL,
		token:     s.token,
		version:   s.version,
		userAgent: s.UserAgentHeader(mxplatform.Version),
		http:      clientkit.HTTPClient(&s.Settings, s.retry, logger),
		logger:    logger,
		timeout:   s.Timeout,
	}, nil
}

// ServerURL returns the base URL requests go to.
func (a *API) ServerURL() string { return a.server }

// String describes the API without its token.
func (a API) String() string {
	return fmt.Sprintf("moov.API{server: %s, version: %s, token: %s}", a.server, a.version, transport.Redacted)
}

// GoString is String, so that %#v does not print the token either.
func (a API) GoString() string { return a.String() }

// Format prints String for every verb: fmt would otherwise print the unexported fields of an
// API value, the token included.
func (a API) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(a.String())) }

// DisconnectAccount disconnects the account accountID (Moov's disconnectAccount, DELETE
// /accounts/{accountID}): it is no longer listed as active, and stays readable for reporting.
// Moov answers 204; any other status is an [*Error].
func (a *API) DisconnectAccount(ctx context.Context, accountID string) error {
	const op = opDisconnectAccount
	if strings.TrimSpace(accountID) == "" {
		return fmt.Errorf("%w: DisconnectAccount: the account ID must not be empty", ErrInvalidArgument)
	}
	if err := transport.CheckPathSegment("accountID", accountID); err != nil {
		return fmt.Errorf("%w: DisconnectAccount: %w", ErrInvalidArgument, err)
	}
	if a.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.timeout)
		defer cancel()
	}
	req, err := newDisconnectAccountRequest(transport.RequestBase(a.server), accountID)
	if err != nil {
		return fmt.Errorf("moov: %s: building the request: %w", op, err)
	}
	req.Header.Set("X-Moov-Version", a.version)
	ctx, call := clientkit.Begin(ctx, op, repeats[op])
	req = req.WithContext(ctx)
	req.Header.Set("Authorization", "Bearer "+a.token.Reveal())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", a.userAgent)

	start := time.Now()
	resp, err := a.http.Do(req)
	if err != nil {
		a.logger.DebugContext(ctx, "moov request failed", "operation", op, "method", req.Method, "path", req.URL.Path, "attempts", call.Attempts, "error", err)
		return &TransportError{Operation: op, Method: req.Method, Path: req.URL.Path, Attempts: call.Attempts, OutcomeUnknown: call.Uncertain, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	a.logger.DebugContext(ctx, "moov request", "operation", op, "method", req.Method, "path", req.URL.Path, "status", resp.StatusCode, "attempts", call.Attempts, "duration", time.Since(start))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newError(req, resp, call)
	}
	return nil
}

// unwrapURLError drops the *url.Error layer of http.Client, whose message repeats the URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
