// Package clientkit is what the hand-written clients beside the Platform API (packages nexus
// and moov) share beyond package transport: the HTTP client built on the Platform client's
// retry transport, and the count of a call's attempts.
package clientkit

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// HTTPClient builds the client a wrapper sends requests with (see transport.Settings.Client),
// its attempts counted and wrapped in mxplatform.RetryTransport with policy.
func HTTPClient(s *transport.Settings, policy mxplatform.RetryPolicy, logger *slog.Logger) *http.Client {
	return s.Client(func(rt http.RoundTripper) http.RoundTripper {
		return &mxplatform.RetryTransport{Base: countingTransport{rt}, Policy: policy, Logger: logger}
	})
}

// attemptsKey keys the attempt counter of a call in its request's context.
type attemptsKey struct{}

// CountAttempts returns a context whose requests, sent by a client of [HTTPClient], count their
// attempts (retries included), and a function that reports the count.
func CountAttempts(ctx context.Context) (context.Context, func() int) {
	n := new(int)
	return context.WithValue(ctx, attemptsKey{}, n), func() int { return *n }
}

// countingTransport counts the attempts of requests whose context has a counter. Attempts of
// one call are sequential, so the counter needs no lock.
type countingTransport struct{ base http.RoundTripper }

// RoundTrip counts the attempt and sends it.
func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if n, ok := r.Context().Value(attemptsKey{}).(*int); ok {
		*n++
	}
	return t.base.RoundTrip(r)
}
