package mxplatformtest

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// authenticate checks HTTP basic authentication against the fake's credentials, in constant
// time.
func (f *Fake) authenticate(r *http.Request) bool {
	id, key, ok := r.BasicAuth()
	if !ok {
		return false
	}
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(f.cfg.clientID))
	keyOK := subtle.ConstantTimeCompare([]byte(key), []byte(f.cfg.apiKey))
	return idOK&keyOK == 1
}

// validate checks the request against the operation of its version's spec with kin-openapi:
// path and query parameters, headers, and the body (its Content-Type and its JSON against the
// schema).
// Servers are not matched (the fake runs at its own URL), and authentication was checked
// before (the validator's routes have no security requirements).
func (f *Fake) validate(ctx context.Context, r *http.Request, rt *route, params map[string]string) error {
	input := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      rt.kin,
		Options:    &openapi3filter.Options{},
	}
	return openapi3filter.ValidateRequest(ctx, input)
}

// validationMessage turns a kin-openapi validation error into MX's kind of message.
func validationMessage(err error) string {
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		reason := re.Reason
		if re.Err != nil {
			reason = schemaReason(re.Err)
		}
		switch {
		case re.Parameter != nil:
			return fmt.Sprintf("Invalid %s parameter %q: %s", re.Parameter.In, re.Parameter.Name, reason)
		case re.RequestBody != nil:
			var pe *openapi3filter.ParseError
			if errors.As(re.Err, &pe) {
				return "Invalid request body: it is not valid JSON (" + pe.Error() + ")."
			}
			if reason == "" {
				reason = re.Error()
			}
			return "Invalid request body: " + reason
		}
		return "Invalid request: " + re.Error()
	}
	return "Invalid request: " + err.Error()
}

// schemaReason shortens a schema error to its reason and the JSON path it concerns.
func schemaReason(err error) string {
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		path := se.JSONPointer()
		// A body that fails an allOf says only that; the part it fails
		// names the field, so report that part instead.
		for se.SchemaField == "allOf" && se.Origin != nil {
			var inner *openapi3.SchemaError
			if !errors.As(se.Origin, &inner) {
				break
			}
			path = append(path, inner.JSONPointer()...)
			se = inner
		}
		if len(path) > 0 {
			return fmt.Sprintf("%s: %s", strings.Join(path, "."), se.Reason)
		}
		return se.Reason
	}
	var pe *openapi3filter.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return err.Error()
}
