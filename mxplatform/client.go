package mxplatform

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Version is the version of this SDK, sent in the User-Agent header.
const Version = "0.1.0"

// mediaType is the versioned media type of the MX Platform API v1, sent in every Accept header.
const mediaType = "application/vnd.mx.api.v1+json"

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
	if s.clientID == "" {
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
		authz:     transport.NewSecret("Basic " + base64.StdEncoding.EncodeToString([]byte(s.clientID+":"+s.apiKey.Reveal()))),
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

// operation describes one MX operation, for errors, logs and the retry layer.
type operation struct {
	id     string
	method string
	path   string
	repeat Repeat // when a failed attempt may be sent again (the spec's x-mx-retry)
	// maxRecords is the most records an answer holds: the maxItems of its arrays in the spec
	// (a page's records_per_page at most), 1 for an answer of one resource.
	maxRecords int
	// items is the member of a list's answer that holds its records ("accounts"), "" for others.
	items string
}

// presizer is implemented by the answers of lists: presize makes their records a slice of n
// records' capacity before decoding, so that decoding a page allocates its records once.
type presizer interface{ presize(n int) }

// maxResponseBody bounds the body of an answer: 16 MiB, far beyond any page MX sends (a page of
// 100 accounts is about 150 KB). What decoding the body may cost is bounded by the records the
// answer may hold (see transport.CheckAnswerCost).
const maxResponseBody = 16 << 20

// checkPath refuses path parameters that would not stay a segment of their own (see
// transport.CheckPathSegment); values are in the order of the operation's path.
func checkPath(op *operation, values ...string) error {
	names := strings.FieldsFunc(op.path, func(r rune) bool { return r == '/' })
	i := 0
	for _, seg := range names {
		if !strings.HasPrefix(seg, "{") || i >= len(values) {
			continue
		}
		if err := transport.CheckPathSegment(strings.Trim(seg, "{}"), values[i]); err != nil {
			return fmt.Errorf("mxplatform: %s: %w: %w", op.id, ErrInvalidArgument, err)
		}
		i++
	}
	return nil
}

// changesState reports whether the operation may change something at MX: anything but a read
// that is safe to repeat.
func (op *operation) changesState() bool {
	return op.method != http.MethodGet || op.repeat != RepeatAlways
}

// call sends the request that build makes for op and decodes a 2xx body into out (unless the
// status is 204; when out is nil the body need only be empty or JSON). Any other status is an
// *Error; a body that does not decode is a *DecodeError. The response is returned with its body
// closed.
func (a *API) call(ctx context.Context, op *operation, out any, opts []CallOption, build func(server string) (*http.Request, error)) (*http.Response, error) {
	var cc callSettings
	for _, o := range opts {
		if o != nil {
			o(&cc)
		}
	}
	if a.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.timeout)
		defer cancel()
	}
	req, err := build(transport.RequestBase(a.server))
	if err != nil {
		return nil, fmt.Errorf("mxplatform: %s: building the request: %w", op.id, err)
	}
	st := &transport.Call{Operation: op.id, Repeat: int(op.repeat)}
	req = req.WithContext(transport.WithCall(ctx, st))
	a.decorate(req, &cc)

	start := time.Now()
	resp, err := a.http.Do(req)
	if err != nil {
		a.logger.DebugContext(ctx, "mx request failed", "operation", op.id, "method", op.method, "path", req.URL.Path, "attempts", st.Attempts, "error", err)
		return nil, &TransportError{Operation: op.id, Method: op.method, Path: req.URL.Path, Attempts: st.Attempts, OutcomeUnknown: st.Uncertain && op.changesState(), Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	if cc.response != nil {
		*cc.response = withoutCredentials(resp)
	}
	a.logger.DebugContext(ctx, "mx request", "operation", op.id, "method", op.method, "path", req.URL.Path, "status", resp.StatusCode, "attempts", st.Attempts, "duration", time.Since(start))

	if resp.StatusCode == http.StatusNotFound && req.Method == http.MethodDelete && st.Uncertain {
		// An earlier attempt may have deleted the object and lost its answer: the object is
		// gone, as the caller asked.
		a.logger.DebugContext(ctx, "mx delete found nothing after an attempt that may have applied it", "operation", op.id, "attempts", st.Attempts)
		return resp, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := newError(op, req, resp, st.Attempts)
		e.OutcomeUnknown = st.Uncertain && op.changesState()
		return resp, e
	}
	if resp.StatusCode == http.StatusNoContent {
		return resp, nil
	}
	body, err := transport.ReadLimited(resp.Body, maxResponseBody)
	if errors.Is(err, transport.ErrTooLarge) {
		return resp, &DecodeError{Operation: op.id, StatusCode: resp.StatusCode, Err: fmt.Errorf("the body is larger than %d MiB, which no answer of MX reaches", maxResponseBody>>20)}
	}
	if err != nil {
		// MX answered 2xx, so a write took effect, but what it answered is lost.
		return resp, &TransportError{Operation: op.id, Method: op.method, Path: req.URL.Path, Attempts: st.Attempts, OutcomeUnknown: op.changesState(), Err: fmt.Errorf("reading the response body: %w", err)}
	}
	if out == nil {
		// The operation answers 204 without a body. Another 2xx may carry JSON, but a body
		// that is not JSON is not MX's (a proxy's HTML page) and says nothing of the request.
		if len(bytes.TrimSpace(body)) > 0 && !json.Valid(body) {
			return resp, &DecodeError{Operation: op.id, StatusCode: resp.StatusCode, Err: errors.New("the body is not JSON"), Body: transport.Excerpt(transport.Scrub(req, body))}
		}
		return resp, nil
	}
	if err, measured := decodeAnswer(op, body, out); err != nil {
		e := &DecodeError{Operation: op.id, StatusCode: resp.StatusCode, Err: err}
		if measured {
			e.Body = transport.Excerpt(transport.Scrub(req, body))
		}
		return resp, e
	}
	return resp, nil
}

// decodeAnswer decodes the JSON body of an answer of op into out, once it is known to cost
// what an answer of op may (transport.CheckAnswerCost). measured says whether it passed that
// check (the error is then the decoder's).
func decodeAnswer(op *operation, body []byte, out any) (err error, measured bool) {
	s, err := transport.CheckAnswerCost(body, op.maxRecords, op.items)
	if err != nil {
		return err, false
	}
	if p, ok := out.(presizer); ok && s.KeyFound {
		p.presize(s.KeyItems)
	}
	return transport.Unmarshal(body, out), true
}

// withoutCredentials returns a copy of resp whose Request no longer carries the Authorization
// header, for CaptureResponse: the caller keeps the response, and the credentials must not
// travel with it.
func withoutCredentials(resp *http.Response) *http.Response {
	out := *resp
	if resp.Request != nil {
		out.Request = resp.Request.Clone(resp.Request.Context())
		out.Request.Header.Del("Authorization")
	}
	return &out
}

// decorate sets the headers every request carries, then the call's own.
func (a *API) decorate(req *http.Request, cc *callSettings) {
	h := req.Header
	h.Set("Authorization", a.authz.Reveal())
	h.Set("Accept", mediaType)
	h.Set("Accept-Version", APIVersion)
	h.Set("User-Agent", a.userAgent)
	if req.Body != nil && req.Body != http.NoBody && h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
	for k, vs := range cc.headers {
		h.Del(k)
		for _, v := range vs {
			h.Add(k, v)
		}
	}
}

// encodeBody encodes the body of a request of op.
func encodeBody(op *operation, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("mxplatform: %s: encoding the request body: %w", op.id, err)
	}
	return b, nil
}

// missing reports a 2xx response whose body lacks a member the operation answers.
func missing(op *operation, resp *http.Response, member string) error {
	return &DecodeError{Operation: op.id, StatusCode: resp.StatusCode, Err: fmt.Errorf("the response has no %q", member)}
}

// OperationID returns the operationId ("readAccount", ...) of a request sent by an [API] (or by
// the Nexus and Moov clients), or "" for other requests. Custom retry policies can use it.
func OperationID(req *http.Request) string {
	if c := transport.CallOf(req.Context()); c != nil {
		return c.Operation
	}
	return ""
}
