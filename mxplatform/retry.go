package mxplatform

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// RetryPolicy says when and how often a failed request is sent again. Its zero fields take the
// defaults of [DefaultRetryPolicy].
type RetryPolicy struct {
	// MaxAttempts is the most times a request is sent, the first included. Default 4; 1 turns
	// retries off.
	MaxAttempts int
	// Check decides whether to retry after an attempt. Default [DefaultCheckRetry].
	Check CheckRetry
	// Backoff decides how long to wait before the next attempt. Default [DefaultBackoff].
	Backoff Backoff
	// MaxRetryAfter is the longest Retry-After the policy waits for; a longer one ends the
	// retries and returns the response as is. Default 60 seconds.
	MaxRetryAfter time.Duration
}

// CheckRetry decides whether the attempt that produced resp or err should be retried, and says
// why (the reason is logged). It is not called once the request's context has ended.
type CheckRetry func(req *http.Request, resp *http.Response, err error) (retry bool, reason string)

// Backoff returns how long to wait before attempt number attempt+1, given the response to
// attempt (nil after a network error).
type Backoff func(attempt int, resp *http.Response) time.Duration

// DefaultRetryPolicy returns the policy an [API] uses unless told otherwise: at most 4
// attempts, [DefaultCheckRetry], [DefaultBackoff], Retry-After honoured up to 60 seconds.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, Check: DefaultCheckRetry, Backoff: DefaultBackoff, MaxRetryAfter: 60 * time.Second}
}

// Validate checks the policy: at least one attempt, and no negative MaxRetryAfter.
func (p RetryPolicy) Validate() error {
	if p.MaxAttempts < 1 {
		return fmt.Errorf("retry MaxAttempts must be at least 1, got %d", p.MaxAttempts)
	}
	if p.MaxRetryAfter < 0 {
		return errors.New("retry MaxRetryAfter must not be negative")
	}
	return nil
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxAttempts == 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.Check == nil {
		p.Check = d.Check
	}
	if p.Backoff == nil {
		p.Backoff = d.Backoff
	}
	if p.MaxRetryAfter == 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	return p
}

// DefaultCheckRetry retries requests that are safe to repeat (see [Repeatable]) after a network
// error (a 2xx body cut off included) or a 429, 502, 503 or 504 answer. It does not retry
// other statuses (a 500 may come from a request MX cannot handle), TLS certificate errors, or
// requests that cannot be repeated.
func DefaultCheckRetry(req *http.Request, resp *http.Response, err error) (bool, string) {
	if !Repeatable(req) {
		return false, "request is not safe to repeat"
	}
	if err != nil {
		var unknownAuthority x509.UnknownAuthorityError
		var hostname x509.HostnameError
		var invalid x509.CertificateInvalidError
		if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalid) {
			return false, "TLS certificate error"
		}
		return true, "network error: " + err.Error()
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, resp.Status
	}
	return false, ""
}

// repeatablePosts are the POST operations that are safe to send twice:
//   - requestWidgetURL and requestConnectWidgetURL only mint a single-use URL; a second URL
//     replaces nothing.
//   - aggregateMember called while its own job runs answers 202 with the member's state and
//     starts no second job.
//
// createUser and createMember would create twice; checkBalances repeated within two hours turns
// a started job into a 429.
var repeatablePosts = map[string]bool{
	"requestWidgetURL":        true,
	"requestConnectWidgetURL": true,
	"aggregateMember":         true,
}

// Repeatable reports whether req may be sent again: GET, HEAD, OPTIONS, PUT and DELETE requests
// (idempotent in HTTP), and the POST operations whose repetition has no further effect
// (requestWidgetURL, requestConnectWidgetURL, aggregateMember). Its body must be replayable.
func Repeatable(req *http.Request) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	case http.MethodPost:
		return repeatablePosts[OperationID(req)]
	}
	return false
}

// Backoff bounds of DefaultBackoff.
const (
	backoffBase = 500 * time.Millisecond
	backoffMax  = 20 * time.Second
)

// DefaultBackoff waits as long as the response's Retry-After header says (in seconds or as an
// HTTP date), or else exponentially: 0.5s, 1s, 2s... capped at 20s, each with random jitter
// taking up to half of it off, so that clients do not retry in step.
func DefaultBackoff(attempt int, resp *http.Response) time.Duration {
	if d, ok := RetryAfter(resp, time.Now()); ok {
		return d
	}
	d := backoffMax
	if attempt < 16 {
		d = min(backoffBase<<(attempt-1), backoffMax)
	}
	return d/2 + rand.N(d/2+1)
}

// RetryAfter parses the Retry-After header of resp, in seconds or as an HTTP date relative to
// now. It reports false when there is none or it does not parse.
func RetryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// RetryTransport is the retry layer of an [API]: an http.RoundTripper that sends a request
// through Base and sends it again as Policy says, replaying its body. For the requests of an
// API's calls it reads a 2xx answer's body before deciding, so that a body cut off by a lost
// connection counts as a network error (except on the last attempt, whose body the call
// reads). It stops waiting as soon as the request's context ends and returns the context's
// error.
type RetryTransport struct {
	Base   http.RoundTripper // the transport that sends each attempt
	Policy RetryPolicy       // zero fields take their defaults
	Logger *slog.Logger      // retries are logged at warn level; nil logs nothing
}

// RoundTrip sends req, retrying as the policy says.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p := t.Policy.withDefaults()
	ctx := req.Context()
	st, _ := ctx.Value(callStateKey{}).(*callState)
	for attempt := 1; ; attempt++ {
		if st != nil {
			st.attempts = attempt
		}
		try, err := attemptRequest(req, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := t.Base.RoundTrip(try)
		if err == nil && st != nil && attempt < p.MaxAttempts && resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			// An API call reads the whole body anyway: reading it here makes a connection
			// lost mid-body a network error that the policy can retry.
			if rerr := bufferBody(resp); rerr != nil {
				resp, err = nil, fmt.Errorf("reading the response body: %w", rerr)
			}
		}
		if ctx.Err() != nil {
			if resp != nil {
				resp.Body.Close()
			}
			return nil, ctx.Err()
		}
		if attempt >= p.MaxAttempts {
			return resp, err
		}
		retry, reason := p.Check(req, resp, err)
		if !retry {
			return resp, err
		}
		if st != nil && (err != nil || resp.StatusCode >= 500) {
			st.uncertain = true // the attempt may have been applied, its answer lost
		}
		wait := p.Backoff(attempt, resp)
		if ra, ok := RetryAfter(resp, time.Now()); ok && ra > p.MaxRetryAfter {
			return resp, err // MX asks for a longer pause than the policy accepts
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= wait {
			// The next attempt could not start before the deadline: give the caller this
			// answer now rather than the deadline's error later.
			return resp, err
		}
		if resp != nil {
			drain(resp.Body)
		}
		if t.Logger != nil {
			t.Logger.WarnContext(ctx, "mx request retried", "operation", OperationID(req), "method", req.Method, "path", req.URL.Path, "attempt", attempt, "reason", reason, "wait", wait)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// attemptRequest returns the request to send as attempt number attempt, with a fresh body.
func attemptRequest(req *http.Request, attempt int) (*http.Request, error) {
	if attempt == 1 || req.Body == nil || req.Body == http.NoBody {
		return req, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("replaying the request body: %w", err)
	}
	r := req.Clone(req.Context())
	r.Body = body
	return r, nil
}

// bufferBody reads the body of resp, at most maxResponseBody bytes as an API call does, and
// replaces it with the bytes read.
func bufferBody(resp *http.Response) error {
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	_ = resp.Body.Close()
	if err != nil {
		return err
	}
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return nil
}

// drain reads a little of a body and closes it, so that its connection can be reused.
func drain(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	_ = body.Close()
}

// sleep waits for d or until ctx ends, whichever is first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
