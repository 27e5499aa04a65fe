// Package spectest holds the test helpers that check fixtures against an OpenAPI document: load
// the document, validate a request body, a response or a value against it, and decode a fixture
// strictly into its Go type and compare the result with the original by value.
//
// It is imported by tests only, of the Platform package and of the packages beside it.
package spectest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	mu   sync.Mutex
	docs = map[string]*openapi3.T{}
)

// Load loads and validates the OpenAPI document at path, once per test binary.
func Load(t testing.TB, path string) *openapi3.T {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if doc, ok := docs[path]; ok {
		return doc
	}
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s does not validate: %v", path, err)
	}
	docs[path] = doc
	return doc
}

// Operation is one operation of a document, with its method and path template.
type Operation struct {
	Method, Path string
	Item         *openapi3.PathItem
	Op           *openapi3.Operation
	route        *routers.Route
}

// Operations returns the operations of doc by operationId.
func Operations(doc *openapi3.T) map[string]Operation {
	ops := map[string]Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops[op.OperationID] = Operation{
				Method: method, Path: path, Item: item, Op: op,
				route: &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
			}
		}
	}
	return ops
}

// Find returns the operation operationID of doc, failing the test when there is none.
func Find(t testing.TB, doc *openapi3.T, operationID string) Operation {
	t.Helper()
	o, ok := Operations(doc)[operationID]
	if !ok {
		t.Fatalf("no operation %s", operationID)
	}
	return o
}

// RequestBodyError validates body, sent with contentType, against the request body of o.
func RequestBodyError(o Operation, contentType string, body []byte) error {
	if o.Op.RequestBody == nil {
		return fmt.Errorf("%s takes no request body", o.Op.OperationID)
	}
	req, err := http.NewRequest(o.Method, "https://example.test"+o.Path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", contentType)
	input := &openapi3filter.RequestValidationInput{
		Request: req,
		Route:   o.route,
		Options: &openapi3filter.Options{MultiError: true},
	}
	return openapi3filter.ValidateRequestBody(context.Background(), input, o.Op.RequestBody.Value)
}

// ResponseError validates a response of o (status, headers and body) against the document.
func ResponseError(o Operation, status int, header http.Header, body []byte) error {
	req, _ := http.NewRequest(o.Method, "https://example.test"+o.Path, nil)
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: o.route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), input)
}

// SchemaError validates the JSON document body against the component schema name of doc.
func SchemaError(doc *openapi3.T, name string, body []byte) error {
	ref := doc.Components.Schemas[name]
	if ref == nil {
		return fmt.Errorf("no schema %s", name)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err
	}
	return ref.Value.VisitJSON(v, openapi3.MultiErrors())
}

// StrictRoundTrip decodes body into target rejecting unknown fields, encodes target again and
// requires the same JSON value (see JSONDiff).
func StrictRoundTrip(t testing.TB, body []byte, target any) {
	t.Helper()
	if err := RoundTripError(body, target); err != nil {
		t.Fatal(err)
	}
}

// RoundTripError is StrictRoundTrip's check, as an error.
func RoundTripError(body []byte, target any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(target); err != nil {
		return fmt.Errorf("strict decode into %T: %v", target, err)
	}
	again, err := json.Marshal(target)
	if err != nil {
		return fmt.Errorf("encode %T: %v", target, err)
	}
	if diff := JSONDiff(body, again); diff != "" {
		return fmt.Errorf("%T does not round-trip: %s", target, diff)
	}
	return nil
}

// JSONDiff compares two JSON documents by value: numbers by their exact decimal value (1000.0
// equals 1000), and a member that is null or empty text equal to an absent one. It returns "" when they are equal and
// else the first difference.
func JSONDiff(a, b []byte) string {
	va, err := decodeValue(a)
	if err != nil {
		return "first document: " + err.Error()
	}
	vb, err := decodeValue(b)
	if err != nil {
		return "second document: " + err.Error()
	}
	return diffValue("$", normalize(va), normalize(vb))
}

func decodeValue(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// number is a JSON number normalized to its exact value, distinct from any string.
type number string

func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			// A member that is null, or empty text, is the same as an absent one: the
			// models keep text as values, where MX's null and "" both read as "".
			if e != nil && e != "" {
				out[k] = normalize(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case json.Number:
		r, ok := new(big.Rat).SetString(string(x))
		if !ok {
			return number(x)
		}
		return number(r.RatString())
	}
	return v
}

func diffValue(path string, a, b any) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if okA && okB {
		for k := range ma {
			if d := diffValue(path+"."+k, ma[k], mb[k]); d != "" {
				return d
			}
		}
		for k := range mb {
			if _, found := ma[k]; !found {
				return fmt.Sprintf("%s.%s: absent, then %v", path, k, mb[k])
			}
		}
	}
	la, okA := a.([]any)
	lb, okB := b.([]any)
	if okA && okB && len(la) == len(lb) {
		for i := range la {
			if d := diffValue(fmt.Sprintf("%s[%d]", path, i), la[i], lb[i]); d != "" {
				return d
			}
		}
	}
	return fmt.Sprintf("%s: %v, then %v", path, a, b)
}

// RequestError validates a request a client sent (to a test server) against doc: its route,
// path, query and header parameters, body and security. The request is matched as if sent to
// the first server of doc. auth decides the security requirements (nil accepts any); body is
// the request body, which the test server has read already.
func RequestError(doc *openapi3.T, r *http.Request, body []byte, auth openapi3filter.AuthenticationFunc) error {
	if len(doc.Servers) == 0 {
		return fmt.Errorf("the document has no server")
	}
	server, err := url.Parse(doc.Servers[0].URL)
	if err != nil {
		return err
	}
	req := r.Clone(context.Background())
	req.URL.Scheme, req.URL.Host, req.Host = server.Scheme, server.Host, server.Host
	req.RequestURI = ""
	req.Body = io.NopCloser(bytes.NewReader(body))
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return err
	}
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	if auth == nil {
		auth = openapi3filter.NoopAuthenticationFunc
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: pathParams,
		Route:      route,
		Options:    &openapi3filter.Options{AuthenticationFunc: auth, MultiError: true},
	}
	return openapi3filter.ValidateRequest(context.Background(), input)
}
