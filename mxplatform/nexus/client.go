package nexus

import (
	"context"
	"encoding/json"
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

// mediaType is the versioned media type of the Nexus API, sent in Accept and Content-Type.
const mediaType = "application/vnd.mx.nexus.v1+json"

// maxResponseBody bounds what a call reads of a response body.
const maxResponseBody = 4 << 20

// API calls the Nexus API. Build one with [New]; it is safe for concurrent use and meant to be
// reused.
type API struct {
	server    string
	token     transport.Secret
	source    TokenSource
	userAgent string
	http      *http.Client
	logger    *slog.Logger
	timeout   time.Duration
}

// New returns an [API] configured by opts. A session token is required ([WithSessionToken] or
// [WithSessionTokenSource]); everything else has a default, documented on its option.
func New(opts ...Option) (*API, error) {
	s := settings{Settings: transport.Settings{ServerURL: DefaultServerURL}, retry: mxplatform.DefaultRetryPolicy()}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("nexus: nil option")
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	if s.token.IsZero() && s.source == nil {
		return nil, errors.New("nexus: a session token is required: use WithSessionToken or WithSessionTokenSource")
	}
	logger := s.LoggerOrDiscard()
	return &API{
		server:    s.ServerURL,
		token:     s.token,
		source:    s.source,
		userAgent: s.UserAgentHeader(mxplatform.Version),
		http:      clientkit.HTTPClient(&s.Settings, s.retry, logger),
		logger:    logger,
		timeout:   s.Timeout,
	}, nil
}

// ServerURL returns the base URL requests go to.
func (a *API) ServerURL() string { return a.server }

// String describes the API without its session token.
func (a API) String() string {
	return fmt.Sprintf("nexus.API{server: %s, sessionToken: %s}", a.server, transport.Redacted)
}

// GoString is String, so that %#v does not print the token either.
func (a API) GoString() string { return a.String() }

// Format prints String for every verb: fmt would otherwise print the unexported fields of an
// API value, the session token included.
func (a API) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(a.String())) }

// BlockOptions are the optional settings of [API.BlockAccount].
type BlockOptions struct {
	// SkipWebhook asks MX not to send the webhooks of the objects the block deletes. It sends
	// both forms MX accepts: the MX-Skip-Webhook header and the skip_webhook parameter.
	SkipWebhook bool
}

// BlockAccount blocks the account guid (Nexus blockAccount): MX deletes most of its data and
// everything attached to it (transactions, holdings, statements...) for good, and stores no new
// data for it. MX keeps what it needs to keep the account from being added again. Deleted
// objects send their webhooks (action deleted) unless opts.SkipWebhook; opts may be nil.
//
// Manual accounts cannot be blocked: MX answers 400, an [*Error] matching [ErrManualAccount].
func (a *API) BlockAccount(ctx context.Context, guid mxplatform.AccountGUID, opts *BlockOptions) error {
	if strings.TrimSpace(string(guid)) == "" {
		return fmt.Errorf("%w: BlockAccount: the account GUID must not be empty", ErrInvalidArgument)
	}
	if err := transport.CheckPathSegment("account_guid", string(guid)); err != nil {
		return fmt.Errorf("%w: BlockAccount: %w", ErrInvalidArgument, err)
	}
	var params *BlockAccountParams
	if opts != nil && opts.SkipWebhook {
		params = &BlockAccountParams{SkipWebhook: mxplatform.Ptr(true)}
	}
	return a.call(ctx, opBlockAccount, nil, func() (*http.Request, error) {
		req, err := newBlockAccountRequest(transport.RequestBase(a.server), guid, params)
		if err == nil && params != nil {
			req.Header.Set("MX-Skip-Webhook", "true")
		}
		return req, err
	})
}

// MergeAccounts merges two accounts that the user identified as duplicates (Nexus
// mergeAccounts) and returns the account that remains. accounts must hold exactly two distinct
// GUIDs, checked before anything is sent; their order does not matter. Both accounts must
// exist, and at least one must belong to a member managed by the user
// (member_is_managed_by_user true). MX chooses which account remains: always the one of a
// partner-managed member, if one of them is.
func (a *API) MergeAccounts(ctx context.Context, accounts []mxplatform.AccountGUID) (*Account, error) {
	if err := checkMerge(accounts); err != nil {
		return nil, err
	}
	var out accountAnswer
	body, err := json.Marshal(mergeRequest{Accounts: accounts})
	if err != nil {
		return nil, fmt.Errorf("nexus: %s: encoding the request: %w", opMergeAccounts, err)
	}
	err = a.call(ctx, opMergeAccounts, &out, func() (*http.Request, error) {
		return newMergeAccountsRequest(transport.RequestBase(a.server), body)
	})
	if err != nil {
		return nil, err
	}
	return &out.Account, nil
}

// mergeRequest is the body of mergeAccounts.
type mergeRequest struct {
	Accounts []mxplatform.AccountGUID `json:"accounts"`
}

// accountAnswer is the answer of an operation that returns an account: MX wraps it in one key.
type accountAnswer struct {
	Account Account `json:"account"`
}

// checkMerge enforces the reference's rule: exactly two accounts, which makes sense only if
// they are two different, non-empty GUIDs.
func checkMerge(accounts []mxplatform.AccountGUID) error {
	if len(accounts) != 2 {
		return fmt.Errorf("%w: MergeAccounts takes exactly two account GUIDs, got %d", ErrInvalidArgument, len(accounts))
	}
	for _, g := range accounts {
		if strings.TrimSpace(string(g)) == "" {
			return fmt.Errorf("%w: MergeAccounts: an account GUID is empty", ErrInvalidArgument)
		}
	}
	if accounts[0] == accounts[1] {
		return fmt.Errorf("%w: MergeAccounts: both GUIDs are %s; an account cannot be merged with itself", ErrInvalidArgument, accounts[0])
	}
	return nil
}

// call sends the request build makes for op and decodes a 2xx body into out, unless out is
// nil. Any other status is an *Error; a body that does not decode is a *DecodeError.
func (a *API) call(ctx context.Context, op string, out *accountAnswer, build func() (*http.Request, error)) error {
	if a.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.timeout)
		defer cancel()
	}
	token, err := a.sessionToken(ctx)
	if err != nil {
		return fmt.Errorf("nexus: %s: %w", op, err)
	}
	req, err := build()
	if err != nil {
		return fmt.Errorf("nexus: %s: building the request: %w", op, err)
	}
	ctx, call := clientkit.Begin(ctx, op, repeats[op])
	req = req.WithContext(ctx)
	req.Header.Set("MD-SESSION-TOKEN", token)
	req.Header.Set("Accept", mediaType)
	if req.Body != nil {
		req.Header.Set("Content-Type", mediaType)
	}
	req.Header.Set("User-Agent", a.userAgent)

	start := time.Now()
	resp, err := a.http.Do(req)
	if err != nil {
		a.logger.DebugContext(ctx, "nexus request failed", "operation", op, "method", req.Method, "path", req.URL.Path, "attempts", call.Attempts, "error", err)
		return &TransportError{Operation: op, Method: req.Method, Path: req.URL.Path, Attempts: call.Attempts, OutcomeUnknown: call.Uncertain, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	a.logger.DebugContext(ctx, "nexus request", "operation", op, "method", req.Method, "path", req.URL.Path, "status", resp.StatusCode, "attempts", call.Attempts, "duration", time.Since(start))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newError(req, resp, call)
	}
	if out == nil {
		return nil
	}
	body, err := transport.ReadLimited(resp.Body, maxResponseBody)
	if errors.Is(err, transport.ErrTooLarge) {
		return &DecodeError{Operation: op, StatusCode: resp.StatusCode, Err: fmt.Errorf("the body is larger than %d MiB", maxResponseBody>>20)}
	}
	if err != nil {
		return &TransportError{Operation: op, Method: req.Method, Path: req.URL.Path, Attempts: call.Attempts, OutcomeUnknown: true, Err: fmt.Errorf("reading the response body: %w", err)}
	}
	// The answer is one account: what decoding it may cost is bounded accordingly.
	if _, err := transport.CheckAnswerCost(body, 1, ""); err != nil {
		return &DecodeError{Operation: op, StatusCode: resp.StatusCode, Err: err}
	}
	if err := transport.Unmarshal(body, out); err != nil {
		return &DecodeError{Operation: op, StatusCode: resp.StatusCode, Err: err, Body: transport.Excerpt(transport.Scrub(req, body))}
	}
	if out.Account.GUID == "" {
		return &DecodeError{Operation: op, StatusCode: resp.StatusCode, Err: errors.New(`the response has no "account" with a "guid"`), Body: transport.Excerpt(transport.Scrub(req, body))}
	}
	return nil
}

// sessionToken returns the token of a call: the fixed one, or the source's.
func (a *API) sessionToken(ctx context.Context) (string, error) {
	if a.source == nil {
		return a.token.Reveal(), nil
	}
	token, err := a.source(ctx)
	if err != nil {
		return "", fmt.Errorf("getting the session token: %w", err)
	}
	if err := checkToken(token); err != nil {
		return "", fmt.Errorf("the token source's token: %w", err)
	}
	return token, nil
}

// unwrapURLError drops the *url.Error layer of http.Client, whose message repeats the URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
