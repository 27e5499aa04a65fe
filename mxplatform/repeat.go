package mxplatform

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Repeat says when a request may be sent again after an attempt that failed. Each operation has
// one, chosen from what the operation does and written in the spec (its x-mx-retry); the doc
// of every method says which.
type Repeat int

const (
	// RepeatNever: the request is sent once, whatever happens to it.
	RepeatNever Repeat = iota + 1
	// RepeatIfNotApplied: the request is sent again only after an attempt that says nothing was
	// applied: a 429 or 503 answer, or a connection that failed before the request was
	// written (refused, for instance). After any other failure (no answer once the request
	// was written, a reset, a 502 or 504, a body cut off) MX may have applied it, and sending it
	// again could apply it twice: a second user, a second aggregation job, a second login at
	// the bank. The call then fails with an error matching [ErrOutcomeUnknown].
	RepeatIfNotApplied
	// RepeatAlways: repeating the request cannot change its outcome (reads, updates that set
	// values, deletes, widget URLs), so it is sent again after any failed attempt the retry
	// policy retries.
	RepeatAlways
)

// String returns "never", "if not applied" or "always".
func (r Repeat) String() string {
	switch r {
	case RepeatNever:
		return "never"
	case RepeatIfNotApplied:
		return "if not applied"
	case RepeatAlways:
		return "always"
	}
	return "unknown"
}

// RepeatOf returns when req may be sent again: for the requests of an [API] (and of the Nexus
// and Moov clients), what the spec says of their operation; for other requests, [RepeatAlways]
// for the idempotent methods of HTTP (GET, HEAD, OPTIONS, PUT, DELETE) and
// [RepeatIfNotApplied] for the others.
func RepeatOf(req *http.Request) Repeat {
	if c := transport.CallOf(req.Context()); c != nil && c.Repeat != 0 {
		return Repeat(c.Repeat)
	}
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return RepeatAlways
	}
	return RepeatIfNotApplied
}

// MayHaveBeenApplied reports whether the attempt that sent req and got resp or err may have
// changed something at MX. It is false only when the attempt says that nothing was applied: a
// 429 (rate limited), 503 (unavailable), 501 (a method the server does not support) or 505 (an
// HTTP version it does not support) answer, or a connection that failed before the
// request was written (refused, a name that does not resolve). Any other answer means MX saw
// the request, and no answer after the request was written leaves it unknown.
//
// Whether the request was written is known for requests sent through a [RetryTransport] with an
// http.Transport below it; through a custom [Doer] that ignores httptrace, a lost
// connection counts as possibly applied.
func MayHaveBeenApplied(req *http.Request, resp *http.Response, err error) bool {
	if err == nil && resp != nil {
		switch resp.StatusCode {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusNotImplemented, http.StatusHTTPVersionNotSupported:
			return false
		}
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return false
	}
	if w := writeTraceOf(req); w != nil && w.gotConn.Load() && !w.wroteHeaders.Load() {
		return false // a connection was had, but the request never went out on it
	}
	return true
}

// Repeatable reports whether req may be sent again after the attempt that got resp or err:
// always for [RepeatAlways], when the attempt applied nothing for [RepeatIfNotApplied] (see
// [MayHaveBeenApplied]), never for [RepeatNever]; and only when its body can be replayed.
func Repeatable(req *http.Request, resp *http.Response, err error) bool {
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		return false
	}
	switch RepeatOf(req) {
	case RepeatAlways:
		return true
	case RepeatIfNotApplied:
		return !MayHaveBeenApplied(req, resp, err)
	}
	return false
}

// writeTrace records whether an attempt got a connection and wrote its request headers on it.
type writeTrace struct {
	gotConn, wroteHeaders atomic.Bool
}

type writeTraceKey struct{}

// withWriteTrace returns req for one attempt, tracing whether it is written.
func withWriteTrace(req *http.Request) *http.Request {
	w := &writeTrace{}
	ctx := httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		GotConn:      func(httptrace.GotConnInfo) { w.gotConn.Store(true) },
		WroteHeaders: func() { w.wroteHeaders.Store(true) },
	})
	return req.WithContext(context.WithValue(ctx, writeTraceKey{}, w))
}

func writeTraceOf(req *http.Request) *writeTrace {
	if req == nil {
		return nil
	}
	w, _ := req.Context().Value(writeTraceKey{}).(*writeTrace)
	return w
}
