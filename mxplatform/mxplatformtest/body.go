package mxplatformtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

// The bounds of a request body. Validation decodes a body into maps and slices of any, and the
// operation decodes it again into structs: a few bytes of JSON such as {} or "" cost a hundred
// or more once decoded, so the fake measures a body before decoding it and answers 413 to one
// past any bound. MX's requests are small: the largest example of the reference is a widget URL
// request of 557 bytes, and one with every field of the spec set and every country listed in
// iso_country_code stays under 4 KiB, with about 300 values, nested 3 deep.
const (
	// maxRequestBody is the largest body the fake reads: 64 KiB, over a hundred times the
	// largest request of the reference, which leaves room for partner data (metadata, ids)
	// far longer than the key-value data MX suggests keeping there, while bounding what a body
	// costs to decode.
	maxRequestBody = 64 << 10
	// maxRequestValues is the most JSON values a body may hold, counting each object, array,
	// string, number, boolean and null once (object keys are not counted apart from their
	// values): three times the largest real request.
	maxRequestValues = 1024
	// maxRequestDepth is how deep the objects and arrays of a body may nest. MX's requests nest
	// 3 deep ({"member": {"credentials": [{...}]}}).
	maxRequestDepth = 32
	// maxRequestNumber is the longest number a body may hold, in bytes. Amounts decode into
	// mxplatform.Decimal, whose parsing of long numbers costs memory and time that grow with
	// the square of their length (a number of 64 KiB allocated 10 MB and took 0.1 s). MX's
	// amounts have at most 14 digits and 2 decimals, its rates 10 and 6.
	maxRequestNumber = 64
)

// bodyError is a body refused before decoding: the status and MX error message to answer.
type bodyError struct {
	status  int
	message string
}

func (e *bodyError) Error() string { return e.message }

// readBody reads the request's body within the fake's bounds, checks its shape, and puts it
// back for validation and the operation; it returns the body as sent. For a body past a bound,
// or that could not be read, it answers itself with MX's error JSON (413, or 400) and returns
// false.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := boundedBody(w, r)
	if err == nil {
		err = checkShape(body)
	}
	var refused *bodyError
	switch {
	case errors.As(err, &refused):
		writeError(w, r, refused.status, refused.message)
		return nil, false
	case err != nil:
		writeError(w, r, http.StatusBadRequest, "Invalid request body: it could not be read.")
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return body, true
}

// The refusals of bodies past a bound: 413, but for a long number, which is invalid rather
// than large (400, as decoding it into an amount answered).
var (
	errTooManyBytes  = &bodyError{http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body too large: the fake reads at most %d bytes.", maxRequestBody)}
	errTooManyValues = &bodyError{http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body too large: it holds more than %d JSON values.", maxRequestValues)}
	errTooDeep       = &bodyError{http.StatusRequestEntityTooLarge, fmt.Sprintf("Request body too large: its arrays and objects nest more than %d deep.", maxRequestDepth)}
	errLongNumber    = &bodyError{http.StatusBadRequest, fmt.Sprintf("Invalid request body: a number longer than %d characters.", maxRequestNumber)}
)

// boundedBody reads the body, at most maxRequestBody bytes, in one allocation when the
// request gives its length.
func boundedBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > maxRequestBody {
		return nil, errTooManyBytes
	}
	src := http.MaxBytesReader(w, r.Body, maxRequestBody)
	var body []byte
	var err error
	if r.ContentLength > 0 {
		// net/http's body reader ends at Content-Length, and reports a body cut short. (A
		// request made in process with an unknown length may say 0.)
		body = make([]byte, r.ContentLength)
		_, err = io.ReadFull(src, body)
	} else {
		body, err = io.ReadAll(src)
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, errTooManyBytes
	}
	return body, err
}

// checkShape returns a *bodyError for a body of more than maxRequestValues values, nested
// more than maxRequestDepth deep, or holding a number longer than maxRequestNumber. It does not
// check that the body is JSON: validation does, once the body is known to be cheap to decode.
func checkShape(b []byte) error {
	s := transport.MeasureJSON(b, maxRequestValues, maxRequestDepth, "")
	switch {
	case s.Depth > maxRequestDepth:
		return errTooDeep
	case s.Values > maxRequestValues:
		return errTooManyValues
	case s.LongestNumber > maxRequestNumber:
		return errLongNumber
	}
	return nil
}
