package mxplatformtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
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
)

// bodyTooLargeError is what readBody answers a body past a bound; its message says which.
type bodyTooLargeError struct{ message string }

func (e *bodyTooLargeError) Error() string { return e.message }

// readBody reads the request's body within the fake's bounds, checks its shape, and puts it
// back for validation and the operation. It answers 413 itself, with MX's error JSON, and
// returns false for a body past a bound; and 400 for a body it could not read.
func readBody(w http.ResponseWriter, r *http.Request) bool {
	body, err := boundedBody(w, r)
	if err == nil {
		err = checkShape(body)
	}
	var tooLarge *bodyTooLargeError
	switch {
	case errors.As(err, &tooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, tooLarge.message)
		return false
	case err != nil:
		writeError(w, http.StatusBadRequest, "Invalid request body: it could not be read.")
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return true
}

// The refusals of bodies past a bound.
var (
	errTooManyBytes  = &bodyTooLargeError{fmt.Sprintf("Request body too large: the fake reads at most %d bytes.", maxRequestBody)}
	errTooManyValues = &bodyTooLargeError{fmt.Sprintf("Request body too large: it holds more than %d JSON values.", maxRequestValues)}
	errTooDeep       = &bodyTooLargeError{fmt.Sprintf("Request body too large: its arrays and objects nest more than %d deep.", maxRequestDepth)}
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

// checkShape returns a *bodyTooLargeError for a body of more than maxRequestValues values or
// nested more than maxRequestDepth deep. It does not check that the body is JSON: validation
// does, once the body is known to be cheap to decode.
func checkShape(b []byte) error {
	values, depth := jsonShape(b, maxRequestValues, maxRequestDepth)
	switch {
	case depth > maxRequestDepth:
		return errTooDeep
	case values > maxRequestValues:
		return errTooManyValues
	}
	return nil
}

// jsonShape counts the values of a JSON text, each object, array, string, number, boolean and
// null once (object keys are not counted apart from their values), and how deep its objects
// and arrays nest, without decoding or allocating. It stops as soon as a count passes its
// bound. Text that is not JSON is counted as if it were: any other byte outside strings
// starts a value.
func jsonShape(b []byte, maxValues, maxDepth int) (values, deepest int) {
	stack := make([]byte, 0, maxRequestDepth) // the open containers, '{' or '['
	key := false                              // the next string is an object key
	scalar := false                           // inside a number or literal
	for i := 0; i < len(b) && values <= maxValues; i++ {
		c := b[i]
		if scalar {
			switch c {
			case ',', ':', '}', ']', ' ', '\t', '\n', '\r', '"', '{', '[':
				scalar = false
			default:
				continue
			}
		}
		switch c {
		case '"':
			if !key {
				values++
			}
			key = false
			for i++; i < len(b) && b[i] != '"'; i++ { // to the closing quote
				if b[i] == '\\' {
					i++ // past the escaped character
				}
			}
		case '{', '[':
			values++
			if len(stack) == maxDepth {
				return values, maxDepth + 1
			}
			stack = append(stack, c)
			deepest = max(deepest, len(stack))
			key = c == '{'
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			key = false
		case ',':
			key = len(stack) > 0 && stack[len(stack)-1] == '{'
		case ':':
			key = false
		case ' ', '\t', '\n', '\r':
		default:
			values++
			scalar = true
			key = false
		}
	}
	return values, deepest
}
