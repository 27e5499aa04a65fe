package transport

import "context"

// Call is the state one call of a client shares with the retry layer below it: set by the
// client before sending, read and updated by the retry layer at each attempt.
type Call struct {
	// Operation is the operationId of the call.
	Operation string
	// Repeat says when a failed attempt may be sent again: an mxplatform.Repeat, read from the
	// operation's x-mx-retry in its spec.
	Repeat int
	// Stream is set when the answer is handed to the caller as a stream: the retry layer never
	// reads it ahead.
	Stream bool
	// Attempts counts the attempts sent so far.
	Attempts int
	// Uncertain is set when an attempt failed in a way that may have applied the request: no
	// answer after it was written, a 5xx other than 503, a 2xx body cut off. A later answer
	// may then be the consequence of that attempt (a 404 to a repeated delete, a 400 to a
	// repeated MFA answer).
	Uncertain bool
}

type callKey struct{}

// WithCall returns ctx carrying c, for the requests of one call.
func WithCall(ctx context.Context, c *Call) context.Context {
	return context.WithValue(ctx, callKey{}, c)
}

// CallOf returns the call state of ctx, or nil.
func CallOf(ctx context.Context) *Call {
	c, _ := ctx.Value(callKey{}).(*Call)
	return c
}
