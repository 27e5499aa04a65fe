package mxplatform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// Sentinel errors for the kinds of HTTP error MX answers. An [*Error] matches the one of its
// status with errors.Is:
//
//	if errors.Is(err, mxplatform.ErrNotFound) { ... }
var (
	ErrBadRequest    = errors.New("mxplatform: bad request")          // 400
	ErrUnauthorized  = errors.New("mxplatform: unauthorized")         // 401
	ErrForbidden     = errors.New("mxplatform: forbidden")            // 403
	ErrNotFound      = errors.New("mxplatform: not found")            // 404
	ErrNotAcceptable = errors.New("mxplatform: not acceptable")       // 406
	ErrConflict      = errors.New("mxplatform: conflict")             // 409
	ErrUnprocessable = errors.New("mxplatform: unprocessable entity") // 422
	ErrRateLimited   = errors.New("mxplatform: too many requests")    // 429
	ErrServerError   = errors.New("mxplatform: server error")         // any 5xx
)

// ErrInvalidArgument is matched (errors.Is) by the error of a call refused before anything was
// sent, because an argument cannot be right: a path parameter that is empty, "." or "..", which
// would send the request to another endpoint.
var ErrInvalidArgument = errors.New("mxplatform: invalid argument")

// ErrOutcomeUnknown is matched (errors.Is) by the error of a call that may change something at
// MX when an attempt may have been applied but its answer was lost (no answer once the request
// was written, a reset, a 5xx other than 503, a body cut off) and no later answer settled it.
// The change may or may not have happened: read the state to learn which (the member's status
// after an aggregation, the list of users after a create) before doing it again. A create sent
// again with the same partner-defined id answers 409 Conflict rather than creating twice.
var ErrOutcomeUnknown = errors.New("mxplatform: the request may have been applied; its outcome is unknown")

// maxErrorBody bounds the raw body an *Error keeps.
const maxErrorBody = 16 << 10

// Error is the error of every response whose status is not 2xx. It carries MX's message when
// the body is MX's error JSON ({"error": {"message": "..."}}) and the raw body in any case, so
// that an HTML page from a proxy or a truncated body is not lost.
type Error struct {
	Operation  string // the MX operationId, for example "readAccount"
	Method     string // the HTTP method
	Path       string // the request path, without query
	StatusCode int    // the HTTP status
	Message    string // MX's error message, "" when the body is not MX's error JSON
	RequestID  string // the request id header of the response, when there is one
	Body       []byte // the raw body, at most 16 KiB
	Attempts   int    // how many times the request was sent
	// OutcomeUnknown is set when the call may change something at MX and an attempt may have
	// been applied though its answer was lost; the error then matches [ErrOutcomeUnknown].
	OutcomeUnknown bool
}

// Error returns a one-line description: operation, status, and MX's message or an excerpt of
// the body.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "mxplatform: %s (%s %s): %d %s", e.Operation, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	transport.DescribeAnswer(&b, e.Message, e.Body, e.RequestID, e.Attempts, e.OutcomeUnknown)
	return b.String()
}

// Is matches the sentinel of the error's status (ErrNotFound for 404, ...), and
// [ErrOutcomeUnknown] when OutcomeUnknown is set.
func (e *Error) Is(target error) bool {
	if target == ErrOutcomeUnknown {
		return e.OutcomeUnknown
	}
	return statusSentinels.Match(e.StatusCode, target)
}

// statusSentinels are the sentinels of the statuses MX answers.
var statusSentinels = transport.Sentinels{
	ByStatus: map[int]error{
		http.StatusBadRequest:          ErrBadRequest,
		http.StatusUnauthorized:        ErrUnauthorized,
		http.StatusForbidden:           ErrForbidden,
		http.StatusNotFound:            ErrNotFound,
		http.StatusNotAcceptable:       ErrNotAcceptable,
		http.StatusConflict:            ErrConflict,
		http.StatusUnprocessableEntity: ErrUnprocessable,
		http.StatusTooManyRequests:     ErrRateLimited,
	},
	ServerError: ErrServerError,
}

// requestIDHeaders are the headers a request id may come back in.
var requestIDHeaders = []string{"X-Request-Id", "Mx-Request-Id", "X-Mx-Request-Id", "Request-Id"}

func newError(op *Operation, req *http.Request, resp *http.Response, attempts int) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	body = transport.Scrub(req, body) // a page echoing the request must not echo the key
	e := &Error{
		Operation:  op.ID,
		Method:     req.Method,
		Path:       req.URL.Path,
		StatusCode: resp.StatusCode,
		Message:    errorMessage(body),
		Body:       body,
		Attempts:   max(attempts, 1),
	}
	for _, h := range requestIDHeaders {
		if v := resp.Header.Get(h); v != "" {
			e.RequestID = v
			break
		}
	}
	return e
}

// errorMessage returns the message of MX's error JSON, or "".
func errorMessage(body []byte) string {
	var v struct {
		Error *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &v) != nil || v.Error == nil {
		return ""
	}
	return strings.TrimSpace(v.Error.Message)
}

// DecodeError is returned when a 2xx response does not hold what the operation answers: a body
// that is not JSON (even for an operation that answers no body, such as deleteMember), that
// does not fit the operation's type, or that lacks its resource.
type DecodeError struct {
	Operation  string // the MX operationId
	StatusCode int    // the HTTP status, 2xx
	Err        error  // what went wrong
	Body       string // an excerpt of the body
}

func (e *DecodeError) Error() string {
	s := fmt.Sprintf("mxplatform: %s: %d response does not decode: %v", e.Operation, e.StatusCode, e.Err)
	if e.Body != "" {
		s += fmt.Sprintf(" (body: %q)", e.Body)
	}
	return s
}

func (e *DecodeError) Unwrap() error { return e.Err }

// TransportError is returned when no HTTP response arrived: the connection failed, timed out,
// or the context ended. errors.Is(err, context.Canceled) and the like see through it.
type TransportError struct {
	Operation string // the MX operationId
	Method    string // the HTTP method
	Path      string // the request path
	Attempts  int    // how many times the request was sent
	// OutcomeUnknown is set when the call may change something at MX and an attempt may have
	// been applied though its answer was lost; the error then matches [ErrOutcomeUnknown].
	OutcomeUnknown bool
	Err            error // the cause
}

func (e *TransportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "mxplatform: %s (%s %s): %v", e.Operation, e.Method, e.Path, e.Err)
	transport.DescribeAttempts(&b, e.Attempts, e.OutcomeUnknown)
	return b.String()
}

// Is matches [ErrOutcomeUnknown] when OutcomeUnknown is set.
func (e *TransportError) Is(target error) bool {
	return target == ErrOutcomeUnknown && e.OutcomeUnknown
}

func (e *TransportError) Unwrap() error { return e.Err }

// unwrapURLError drops the *url.Error layer of http.Client, whose message repeats the URL.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
