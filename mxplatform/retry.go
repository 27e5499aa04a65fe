package mxplatform

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
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

// Validate checks the policy once its zero fields have taken their defaults: MaxAttempts and
// MaxRetryAfter must not be negative.
func (p RetryPolicy) Validate() error {
	p = p.withDefaults()
	if p.MaxAttempts < 1 {
		return fmt.Errorf("retry MaxAttempts must be at least 1 (0 takes the default), got %d", p.MaxAttempts)
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

// DefaultCheckRetry retries after a network error (a 2xx body cut off included) or a 429, 502,
// 503 or 504 answer, when the request may be repeated after that attempt (see [Repeatable]:
// reads and other requests whose repetition changes nothing after any of them, creates and
// job-starting requests only after a 429, a 503 or a connection that never carried the
// request). It does not retry other statuses (a 500 may come from a request MX cannot handle),
// TLS certificate errors, or requests that cannot be repeated.
func DefaultCheckRetry(req *http.Request, resp *http.Response, err error) (bool, string) {
	var reason string
	if err != nil {
		var unknownAuthority x509.UnknownAuthorityError
		var hostname x509.HostnameError
		var invalid x509.CertificateInvalidError
		if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalid) {
			return false, "TLS certificate error"
		}
		reason = "network error: " + err.Error()
	} else {
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			reason = resp.Status
		default:
			return false, ""
		}
	}
	if !Repeatable(req, resp, err) {
		return false, "the request may have been applied and is not safe to repeat (" + reason + ")"
	}
	return true, reason
}

// Backoff bounds of DefaultBackoff.
const (
	backoffBase = 500 * time.Millisecond
	backoffMax  = 20 * time.Second
)

// DefaultBackoff waits exponentially: 0.5s, 1s, 2s... capped at 20s, each with random jitter
// taking up to half of it off, so that clients do not retry in step. (A Retry-After header is
// honoured by the retry layer whatever the backoff.)
func DefaultBackoff(attempt int, _ *http.Response) time.Duration {
	d := backoffMax
	if attempt >= 1 && attempt < 16 {
		d = min(backoffBase<<(attempt-1), backoffMax)
	}
	return d/2 + rand.N(d/2+1)
}

// maxDuration is the longest time.Duration: a Retry-After beyond it is reported as this.
const maxDuration = time.Duration(math.MaxInt64)

// RetryAfter parses the Retry-After header of resp, in seconds or as an HTTP date relative to
// now. A value too large for a time.Duration is reported as the largest one, so that it exceeds
// any RetryPolicy.MaxRetryAfter. It reports false when there is no header, or when it is
// negative or does not parse.
func RetryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if isDigits(v) {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(maxDuration/time.Second) {
			return maxDuration, true // out of range: longer than any policy waits
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// RetryTransport is the retry layer of an [API]: an http.RoundTripper that sends a request
// through Base and sends it again as Policy says, replaying its body. A Retry-After header is a
// floor on the pause before the next attempt whatever the policy's Backoff, and one beyond
// Policy.MaxRetryAfter ends the retries. For the JSON answers of an API's calls it reads a 2xx
// answer's body before deciding, so that a body cut off by a lost connection counts as a
// network error (except on the last attempt, whose body the call reads). It stops waiting as
// soon as the request's context ends and returns the context's error.
type RetryTransport struct {
	Base   http.RoundTripper // the transport that sends each attempt
	Policy RetryPolicy       // zero fields take their defaults
	Logger *slog.Logger      // retries are logged at warn level; nil logs nothing

	sleep func(context.Context, time.Duration) error // the pause between attempts; nil is sleep
}

// RoundTrip sends req, retrying as the policy says. The policy's Check and Backoff see each
// attempt's request as it was sent.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p := t.Policy.withDefaults()
	ctx := req.Context()
	call := transport.CallOf(ctx)
	for attempt := 1; ; attempt++ {
		if call != nil {
			call.Attempts = attempt
		}
		try, err := attemptRequest(req, attempt)
		if err != nil {
			return nil, err
		}
		resp, err := t.Base.RoundTrip(try)
		if err == nil && call != nil && !call.Stream && attempt < p.MaxAttempts && resp.StatusCode >= 200 && resp.StatusCode <= 299 {
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
		if call != nil && (err != nil || resp.StatusCode >= 500) && MayHaveBeenApplied(try, resp, err) {
			call.Uncertain = true // the attempt may have been applied, its answer lost
		}
		if attempt >= p.MaxAttempts {
			return resp, err
		}
		retry, reason := p.Check(try, resp, err)
		if !retry {
			return resp, err
		}
		wait := p.Backoff(attempt, resp)
		if ra, ok := RetryAfter(resp, time.Now()); ok {
			if ra > p.MaxRetryAfter {
				return resp, err // MX asks for a longer pause than the policy accepts
			}
			wait = max(wait, ra)
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
		pause := t.sleep
		if pause == nil {
			pause = sleep
		}
		if err := pause(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// attemptRequest returns the request to send as attempt number attempt, with a fresh body and
// a trace of whether it gets written.
func attemptRequest(req *http.Request, attempt int) (*http.Request, error) {
	if attempt == 1 || req.Body == nil || req.Body == http.NoBody {
		return withWriteTrace(req), nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, fmt.Errorf("replaying the request body: %w", err)
	}
	r := withWriteTrace(req)
	r.Body = body
	return r, nil
}

// bufferBody reads the body of resp, at most one byte past maxResponseBody so that the call can
// tell a body too large, and replaces it with the bytes read.
func bufferBody(resp *http.Response) error {
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody+1))
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
