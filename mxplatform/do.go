package mxplatform

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Operation describes an MX operation for [API.Do]: what the API needs to know of it to send
// it safely and to read its answer. The methods of [API], and those of the packages of older
// API versions, call their operations this way; use it for an operation this package does not
// model.
type Operation struct {
	// ID is MX's operationId ("readAccount"): errors and logs name it, and [OperationID] gives
	// it to a custom retry policy.
	ID string
	// Path is the operation's path template ("/users/{user_guid}/accounts"), for errors and
	// logs; "" for none.
	Path string
	// Repeat says when a failed attempt may be sent again. The zero value takes the rule of
	// [RepeatOf] for the request's method.
	Repeat Repeat
	// MaxRecords is the most records an answer holds, 1 (the default) for one resource and a
	// page's records_per_page for a list: what decoding an answer may cost is bounded by it.
	MaxRecords int
	// Items is the member of a list's answer that holds its records ("accounts"), "" for other
	// answers. An answer whose type has a method Presize(n int) is told n, the count of those
	// records, before decoding, so that its slice is allocated once.
	Items string
	// Version is sent in Accept-Version: "" for [APIVersion], the version this package speaks.
	Version string
	// Accept is sent in Accept: "" for application/json.
	Accept string
}

// changesState reports whether the operation may change something at MX: anything but a read
// that is safe to repeat.
func (op *Operation) changesState(method string) bool {
	return method != http.MethodGet || op.repeat(method) != RepeatAlways
}

// repeat returns the operation's Repeat, or the rule for the method when it has none.
func (op *Operation) repeat(method string) Repeat {
	if op.Repeat != 0 {
		return op.Repeat
	}
	return RepeatOf(&http.Request{Method: method})
}

// maxResponseBody bounds the body of an answer: 16 MiB, far beyond any page MX sends (a page of
// 1,000 accounts is about 1.5 MB). What decoding the body may cost is bounded by the records the
// answer may hold (see transport.CheckAnswerCost).
const maxResponseBody = 16 << 20

// Do sends req, an HTTP request of op whose URL is a path under the MX server
// ("/users/USR-1/accounts?page=2"), with the API's credentials, version header, retries,
// logging and timeout, and reads its answer:
//
//   - a status other than 2xx is an [*Error] (a 404 of a DELETE after an attempt that may
//     have deleted the object is the success it asked for);
//   - with out nil, a 2xx body must be empty or JSON;
//   - with out an *io.ReadCloser, it is set to the body of a 2xx answer, streamed: the caller
//     reads it and must close it (a binary answer, such as a statement's PDF);
//   - otherwise the 2xx body (not 204's) is decoded as JSON into out, once it is known not to
//     cost more than op.MaxRecords records may ([*DecodeError] otherwise, or when it does not
//     decode).
//
// The response is returned (its body closed, but for a stream) whenever one arrived. Call
// options apply as to the API's methods. The request's body must be replayable (GetBody set,
// as http.NewRequest does for a bytes.Reader) to be sent again after a failed attempt.
func (a *API) Do(ctx context.Context, op *Operation, req *http.Request, out any, opts ...CallOption) (*http.Response, error) {
	if op == nil || op.ID == "" || req == nil || req.URL == nil {
		return nil, fmt.Errorf("mxplatform: Do: %w: an operation with its ID and a request are required", ErrInvalidArgument)
	}
	var cc callSettings
	for _, o := range opts {
		if o != nil {
			o(&cc)
		}
	}
	if a.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.timeout)
		defer func() {
			if stream, ok := out.(*io.ReadCloser); ok && *stream != nil {
				// The body outlives the call: the timeout ends when the caller closes it.
				*stream = &cancelOnClose{ReadCloser: *stream, cancel: cancel}
				return
			}
			cancel()
		}()
	}
	u, err := a.resolve(req.URL)
	if err != nil {
		return nil, fmt.Errorf("mxplatform: %s: %w: %w", op.ID, ErrInvalidArgument, err)
	}
	stream, streaming := out.(*io.ReadCloser)
	// A streamed body is the caller's to read: the retry layer must not buffer it.
	st := &transport.Call{Operation: op.ID, Repeat: int(op.repeat(req.Method)), Stream: streaming}
	req = req.Clone(transport.WithCall(ctx, st))
	req.URL, req.Host = u, ""
	a.decorate(req, op, &cc)

	start := time.Now()
	resp, err := a.http.Do(req)
	if err != nil {
		a.logger.DebugContext(ctx, "mx request failed", "operation", op.ID, "method", req.Method, "path", req.URL.Path, "attempts", st.Attempts, "error", err)
		return nil, &TransportError{Operation: op.ID, Method: req.Method, Path: req.URL.Path, Attempts: st.Attempts, OutcomeUnknown: st.Uncertain && op.changesState(req.Method), Err: unwrapURLError(err)}
	}
	keepBody := false
	defer func() {
		if !keepBody {
			resp.Body.Close()
		}
	}()
	if cc.response != nil {
		*cc.response = withoutCredentials(resp)
	}
	a.logger.DebugContext(ctx, "mx request", "operation", op.ID, "method", req.Method, "path", req.URL.Path, "status", resp.StatusCode, "attempts", st.Attempts, "duration", time.Since(start))

	if resp.StatusCode == http.StatusNotFound && req.Method == http.MethodDelete && st.Uncertain {
		// An earlier attempt may have deleted the object and lost its answer: the object is
		// gone, as the caller asked.
		a.logger.DebugContext(ctx, "mx delete found nothing after an attempt that may have applied it", "operation", op.ID, "attempts", st.Attempts)
		return resp, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := newError(op, req, resp, st.Attempts)
		e.OutcomeUnknown = st.Uncertain && op.changesState(req.Method)
		return resp, e
	}
	if streaming {
		keepBody = true
		*stream = resp.Body
		return resp, nil
	}
	if resp.StatusCode == http.StatusNoContent {
		return resp, nil
	}
	body, err := transport.ReadLimited(resp.Body, maxResponseBody)
	if errors.Is(err, transport.ErrTooLarge) {
		return resp, &DecodeError{Operation: op.ID, StatusCode: resp.StatusCode, Err: fmt.Errorf("the body is larger than %d MiB, which no answer of MX reaches", maxResponseBody>>20)}
	}
	if err != nil {
		// MX answered 2xx, so a write took effect, but what it answered is lost.
		return resp, &TransportError{Operation: op.ID, Method: req.Method, Path: req.URL.Path, Attempts: st.Attempts, OutcomeUnknown: op.changesState(req.Method), Err: fmt.Errorf("reading the response body: %w", err)}
	}
	if out == nil {
		// The operation answers 204 without a body. Another 2xx may carry JSON, but a body
		// that is not JSON is not MX's (a proxy's HTML page) and says nothing of the request.
		if len(bytes.TrimSpace(body)) > 0 && !json.Valid(body) {
			return resp, &DecodeError{Operation: op.ID, StatusCode: resp.StatusCode, Err: errors.New("the body is not JSON"), Body: transport.Excerpt(transport.Scrub(req, body))}
		}
		return resp, nil
	}
	if err, measured := decodeAnswer(op, body, out); err != nil {
		e := &DecodeError{Operation: op.ID, StatusCode: resp.StatusCode, Err: err}
		if measured {
			e.Body = transport.Excerpt(transport.Scrub(req, body))
		}
		return resp, e
	}
	return resp, nil
}

// resolve returns the URL of a request whose URL is a path (and query) under the server.
func (a *API) resolve(rel *url.URL) (*url.URL, error) {
	if rel.Scheme != "" || rel.Host != "" || rel.User != nil {
		return nil, errors.New("the request's URL must be a path under the MX server, not an absolute URL")
	}
	base, err := url.Parse(transport.RequestBase(a.server))
	if err != nil {
		return nil, err
	}
	escaped := base.EscapedPath() + strings.TrimPrefix(rel.EscapedPath(), "/")
	path, err := url.PathUnescape(escaped)
	if err != nil {
		return nil, err
	}
	u := *base
	u.Path, u.RawPath, u.RawQuery, u.Fragment = path, escaped, rel.RawQuery, ""
	return &u, nil
}

// cancelOnClose ends a streamed call's timeout when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// presizer is implemented by the answers of lists: Presize makes their records a slice of n
// records' capacity before decoding, so that decoding a page allocates its records once.
type presizer interface{ Presize(n int) }

// decodeAnswer decodes the JSON body of an answer of op into out, once it is known to cost
// what an answer of op may (transport.CheckAnswerCost). measured says whether it passed that
// check (the error is then the decoder's).
func decodeAnswer(op *Operation, body []byte, out any) (err error, measured bool) {
	s, err := transport.CheckAnswerCost(body, max(op.MaxRecords, 1), op.Items)
	if err != nil {
		return err, false
	}
	if p, ok := out.(presizer); ok && s.KeyFound {
		p.Presize(s.KeyItems)
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
func (a *API) decorate(req *http.Request, op *Operation, cc *callSettings) {
	h := req.Header
	h.Set("Authorization", a.authz.Reveal())
	accept, version := op.Accept, op.Version
	if accept == "" {
		accept = "application/json"
	}
	if version == "" {
		version = APIVersion
	}
	h.Set("Accept", accept)
	h.Set("Accept-Version", version)
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
