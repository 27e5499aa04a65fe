// Package clientkit is what the hand-written clients beside the Platform API (packages nexus
// and moov) share beyond package transport: the HTTP client built on the Platform client's
// retry transport, and the state of one call that the retry layer keeps.
package clientkit

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// HTTPClient builds the client a wrapper sends requests with (see transport.Settings.Client),
// wrapped in mxplatform.RetryTransport with policy.
func HTTPClient(s *transport.Settings, policy mxplatform.RetryPolicy, logger *slog.Logger) *http.Client {
	return s.Client(func(rt http.RoundTripper) http.RoundTripper {
		return &mxplatform.RetryTransport{Base: rt, Policy: policy, Logger: logger}
	})
}

// Begin returns a context for the requests of one call of operation op, whose failed attempts
// may be sent again as repeat says, and the call's state, which the retry layer updates: how
// many attempts were sent, and whether one may have been applied without an answer.
func Begin(ctx context.Context, op string, repeat mxplatform.Repeat) (context.Context, *transport.Call) {
	c := &transport.Call{Operation: op, Repeat: int(repeat)}
	return transport.WithCall(ctx, c), c
}
