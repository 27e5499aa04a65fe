package nexus

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// CodeSessionExpired is the Nexus error code of a request whose session token has expired.
const CodeSessionExpired = 4011

// manualAccountMessage is MX's message when a manual account is to be blocked.
const manualAccountMessage = "Manually created accounts cannot be blocked"

// Errors an [*Error] matches with errors.Is beyond the status sentinels of package mxplatform.
var (
	// ErrSessionExpired: the session token has expired (Nexus error code 4011). Get a new one
	// from the MX SSO API and call again.
	ErrSessionExpired = errors.New("nexus: session token expired")
	// ErrManualAccount: BlockAccount was refused with 400 because the account was created
	// manually ("Manually created accounts cannot be blocked").
	ErrManualAccount = errors.New("nexus: manually created accounts cannot be blocked")
)

// ErrInvalidArgument is wrapped by the errors of calls refused before sending anything: a
// merge of other than two distinct accounts, an empty account GUID.
var ErrInvalidArgument = errors.New("nexus: invalid argument")

// maxErrorBody bounds the raw body an *Error keeps.
const maxErrorBody = 16 << 10

// requestIDHeaders are the headers a request id may come back in.
var requestIDHeaders = []string{"X-Request-Id", "Mx-Request-Id", "X-Mx-Request-Id", "Request-Id"}

// Error is the error of every response whose status is not 2xx. It carries the Nexus error code
// and message when the body holds them, and the raw body in any case.
type Error struct {
	Operation  string // the operationId, "blockAccount" or "mergeAccounts"
	Method     string // the HTTP method
	Path       string // the request path
	StatusCode int    // the HTTP status
	Code       int    // the Nexus error code (4011 for an expired session), 0 when absent
	Message    string // MX's message, "" when the body has none
	RequestID  string // the request id header of the response, when there is one
	Body       []byte // the raw body, at most 16 KiB
	Attempts   int    // how many times the request was sent
	// OutcomeUnknown is set when an attempt may have been applied though its answer was lost;
	// the error then matches [mxplatform.ErrOutcomeUnknown].
	OutcomeUnknown bool
}

// Error returns a one-line description: operation, status, Nexus code and message or an
// excerpt of the body.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "nexus: %s (%s %s): %d %s", e.Operation, e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Code != 0 {
		fmt.Fprintf(&b, " (code %d)", e.Code)
	}
	transport.DescribeAnswer(&b, e.Message, e.Body, e.RequestID, e.Attempts, e.OutcomeUnknown)
	return b.String()
}

// Is matches [ErrSessionExpired] (code 4011, whatever the status), [ErrManualAccount] (a 400
// of blockAccount with MX's message about manual accounts), the status sentinels of package
// mxplatform ([mxplatform.ErrBadRequest] for 400 and so on, [mxplatform.ErrServerError] for
// any 5xx), and [mxplatform.ErrOutcomeUnknown] when OutcomeUnknown is set.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrSessionExpired:
		return e.Code == CodeSessionExpired
	case ErrManualAccount:
		return e.Operation == opBlockAccount && e.StatusCode == http.StatusBadRequest &&
			strings.Contains(strings.ToLower(e.Message), strings.ToLower(manualAccountMessage))
	}
	return (&mxplatform.Error{StatusCode: e.StatusCode, OutcomeUnknown: e.OutcomeUnknown}).Is(target)
}

func newError(req *http.Request, resp *http.Response, call *transport.Call) *Error {
	body, _ := transport.ReadLimited(resp.Body, maxErrorBody)
	body = transport.Scrub(req, body) // a page echoing the request must not echo the token
	e := &Error{
		Operation:  call.Operation,
		Method:     req.Method,
		Path:       req.URL.Path,
		StatusCode: resp.StatusCode,
		Body:       body,
		Attempts:   max(call.Attempts, 1),
		// The call may have been applied by an attempt whose answer was lost, and this
		// answer be its consequence.
		OutcomeUnknown: call.Uncertain,
	}
	e.Code, e.Message = errorDetail(body)
	for _, h := range requestIDHeaders {
		if v := resp.Header.Get(h); v != "" {
			e.RequestID = v
			break
		}
	}
	return e
}

// errorDetail reads the code and message of a Nexus error body. The reference does not show
// one, so it accepts {"error": {"code": 4011, "message": "..."}}, the same members at the top
// level, a code written as a string, and {"error": "message"}.
func errorDetail(body []byte) (code int, message string) {
	var outer struct {
		Error   json.RawMessage `json:"error"`
		Code    json.RawMessage `json:"code"`
		Message *string         `json:"message"`
	}
	if json.Unmarshal(body, &outer) != nil {
		return 0, ""
	}
	code = parseCode(outer.Code)
	if outer.Message != nil {
		message = *outer.Message
	}
	var inner struct {
		Code    json.RawMessage `json:"code"`
		Message *string         `json:"message"`
	}
	var text string
	switch {
	case json.Unmarshal(outer.Error, &inner) == nil:
		if c := parseCode(inner.Code); c != 0 {
			code = c
		}
		if inner.Message != nil {
			message = *inner.Message
		}
	case json.Unmarshal(outer.Error, &text) == nil:
		message = text
	}
	return code, strings.TrimSpace(message)
}

// parseCode reads a JSON number or a string holding one; anything else is 0.
func parseCode(raw json.RawMessage) int {
	s := strings.Trim(string(raw), `"`)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// DecodeError is returned when a 2xx response does not hold what the operation answers: a body
// that is not JSON, that does not fit the operation's type, or that lacks its account.
type DecodeError struct {
	Operation  string // the operationId
	StatusCode int    // the HTTP status, 2xx
	Err        error  // what went wrong
	Body       string // an excerpt of the body
}

// Error returns the operation, the status, what went wrong and an excerpt of the body.
func (e *DecodeError) Error() string {
	s := fmt.Sprintf("nexus: %s: %d response does not decode: %v", e.Operation, e.StatusCode, e.Err)
	if e.Body != "" {
		s += fmt.Sprintf(" (body: %q)", e.Body)
	}
	return s
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

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
	fmt.Fprintf(&b, "nexus: %s (%s %s): %v", e.Operation, e.Method, e.Path, e.Err)
	transport.DescribeAttempts(&b, e.Attempts, e.OutcomeUnknown)
	return b.String()
}

// Is matches [mxplatform.ErrOutcomeUnknown] when OutcomeUnknown is set.
func (e *TransportError) Is(target error) bool {
	return target == mxplatform.ErrOutcomeUnknown && e.OutcomeUnknown
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }
