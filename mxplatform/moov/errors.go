package moov

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Sentinel errors for the statuses Moov documents. An [*Error] matches the one of its status
// with errors.Is:
//
//	if errors.Is(err, moov.ErrNotFound) { ... }
var (
	ErrBadRequest   = errors.New("moov: bad request")       // 400
	ErrUnauthorized = errors.New("moov: unauthorized")      // 401: missing or expired authentication
	ErrForbidden    = errors.New("moov: forbidden")         // 403
	ErrNotFound     = errors.New("moov: not found")         // 404
	ErrConflict     = errors.New("moov: conflict")          // 409
	ErrRateLimited  = errors.New("moov: too many requests") // 429
	ErrServerError  = errors.New("moov: server error")      // any 5xx, 500 and 504 among them
)

// ErrInvalidArgument is wrapped by the errors of calls refused before sending anything, such
// as an empty account ID.
var ErrInvalidArgument = errors.New("moov: invalid argument")

// maxErrorBody bounds the raw body an *Error keeps.
const maxErrorBody = 16 << 10

// Error is the error of every response whose status is not 2xx. It carries Moov's message when
// the body is Moov's error JSON ({"error": "..."}), the request id Moov sends in x-request-id,
// and the raw body in any case.
type Error struct {
	Operation  string // the operationId, "disconnectAccount"
	Method     string // the HTTP method
	Path       string // the request path
	StatusCode int    // the HTTP status
	Message    string // Moov's message, "" when the body is not Moov's error JSON
	RequestID  string // the x-request-id header of the response
	Body       []byte // the raw body, at most 16 KiB
	Attempts   int    // how many times the request was sent
	// OutcomeUnknown is set when an attempt may have been applied though its answer was lost;
	// the error then matches [mxplatform.ErrOutcomeUnknown].
	OutcomeUnknown bool
}

// Error returns a one-line description: operation, status, Moov's message or an excerpt of the
// body, and the request id.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "moov: %s (%s %s): %d %s", e.Operation, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	transport.DescribeAnswer(&b, e.Message, e.Body, e.RequestID, e.Attempts, e.OutcomeUnknown)
	return b.String()
}

// Is matches the sentinel of the error's status, and [mxplatform.ErrOutcomeUnknown] when
// OutcomeUnknown is set.
func (e *Error) Is(target error) bool {
	if target == mxplatform.ErrOutcomeUnknown {
		return e.OutcomeUnknown
	}
	return statusSentinels.Match(e.StatusCode, target)
}

// statusSentinels are the sentinels of the statuses Moov documents.
var statusSentinels = transport.Sentinels{
	ByStatus: map[int]error{
		http.StatusBadRequest:      ErrBadRequest,
		http.StatusUnauthorized:    ErrUnauthorized,
		http.StatusForbidden:       ErrForbidden,
		http.StatusNotFound:        ErrNotFound,
		http.StatusConflict:        ErrConflict,
		http.StatusTooManyRequests: ErrRateLimited,
	},
	ServerError: ErrServerError,
}

// newError reads the error response resp to req.
func newError(req *http.Request, resp *http.Response, call *transport.Call) *Error {
	body, _ := transport.ReadLimited(resp.Body, maxErrorBody)
	body = transport.Scrub(req, body) // a page echoing the request must not echo the token
	return &Error{
		Operation:  call.Operation,
		Method:     req.Method,
		Path:       req.URL.Path,
		StatusCode: resp.StatusCode,
		Message:    errorMessage(body),
		RequestID:  resp.Header.Get("X-Request-Id"),
		Body:       body,
		Attempts:   max(call.Attempts, 1),
		// The call may have been applied by an attempt whose answer was lost, and this
		// answer be its consequence.
		OutcomeUnknown: call.Uncertain,
	}
}

// errorMessage returns the message of Moov's error JSON, or "".
func errorMessage(body []byte) string {
	var v GenericError
	if json.Unmarshal(body, &v) != nil {
		return ""
	}
	return strings.TrimSpace(v.Error)
}

// TransportError is returned when no HTTP response arrived: the connection failed, timed out,
// or the context ended. errors.Is(err, context.Canceled) and the like see through it.
type TransportError struct {
	Operation string // the operationId
	Method    string // the HTTP method
	Path      string // the request path
	Attempts  int    // how many times the request was sent
	// OutcomeUnknown is set when an attempt may have been applied though its answer was lost;
	// the error then matches [mxplatform.ErrOutcomeUnknown].
	OutcomeUnknown bool
	Err            error // the cause
}

// Error returns the operation, the request and the cause.
func (e *TransportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "moov: %s (%s %s): %v", e.Operation, e.Method, e.Path, e.Err)
	transport.DescribeAttempts(&b, e.Attempts, e.OutcomeUnknown)
	return b.String()
}

// Is matches [mxplatform.ErrOutcomeUnknown] when OutcomeUnknown is set.
func (e *TransportError) Is(target error) bool {
	return target == mxplatform.ErrOutcomeUnknown && e.OutcomeUnknown
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }
