package mxplatformtest

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// route is one operation of the spec, as the validator needs it.
type route struct {
	id         string
	kin        *routers.Route
	pathParams []string
}

// router maps requests to the operations of the spec with the patterns of net/http's ServeMux,
// which the generated server uses too.
type router struct {
	byID    map[string]*route
	mux     *http.ServeMux // "METHOD /path/{param}" to the operation
	paths   *http.ServeMux // "/path/{param}" alone, to tell 405 from 404
	allowed map[string][]string
}

func newRouter(doc *openapi3.T) (*router, error) {
	rt := &router{byID: map[string]*route{}, mux: http.NewServeMux(), paths: http.NewServeMux(), allowed: map[string][]string{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			// The fake authenticates every request before validating it (see Fake.finish), so
			// the validator gets the operation without its security requirements: checking them
			// again would make kin-openapi read and copy the body once more.
			vop := *op
			vop.Security = &openapi3.SecurityRequirements{}
			r := &route{id: mxOperationID(op.OperationID), kin: &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: &vop}}
			for _, p := range append(item.Parameters, op.Parameters...) {
				if p.Value != nil && p.Value.In == openapi3.ParameterInPath {
					r.pathParams = append(r.pathParams, p.Value.Name)
				}
			}
			rt.byID[r.id] = r
			rt.mux.Handle(method+" "+path, routeHandler{r})
			rt.allowed[path] = append(rt.allowed[path], method)
		}
		rt.paths.Handle(path, http.NotFoundHandler())
	}
	if len(rt.byID) == 0 {
		return nil, errors.New("mxplatformtest: the spec has no operations")
	}
	for _, m := range rt.allowed {
		sort.Strings(m)
	}
	return rt, nil
}

// mxOperationID returns MX's operationId ("createUser") of an operation of the embedded spec,
// where the generator stored it capitalised ("CreateUser").
func mxOperationID(id string) string {
	if id == "" {
		return id
	}
	return strings.ToLower(id[:1]) + id[1:]
}

// routeHandler only marks which route matched; see router.match.
type routeHandler struct{ r *route }

// ServeHTTP is never called: the router only looks the handler up.
func (routeHandler) ServeHTTP(http.ResponseWriter, *http.Request) {}

// knows reports whether id is an operation of the spec ("" stands for all of them).
func (rt *router) knows(id string) bool {
	_, ok := rt.byID[id]
	return ok || id == ""
}

// match returns the operation of the request and its path parameters, or nil and the methods
// the path allows (none for an unknown path).
func (rt *router) match(r *http.Request) (*route, map[string]string, []string) {
	h, pattern := rt.mux.Handler(r)
	if rh, ok := h.(routeHandler); ok && pattern != "" {
		// Handler does not fill the request's path values: match the pattern again, segment
		// by segment, on the escaped path as ServeMux does.
		return rh.r, pathValues(rh.r.kin.Path, r.URL.EscapedPath()), nil
	}
	if _, p := rt.paths.Handler(r); p != "" {
		return nil, nil, rt.allowed[p]
	}
	return nil, nil, nil
}

// pathValues extracts the {param} segments of pattern from path.
func pathValues(pattern, path string) map[string]string {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	out := map[string]string{}
	for i, p := range ps {
		if i < len(xs) && strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			v := xs[i]
			if u, err := unescapePathSegment(v); err == nil {
				v = u
			}
			out[p[1:len(p)-1]] = v
		}
	}
	return out
}

func unescapePathSegment(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	return url.PathUnescape(s)
}

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

// acceptable reports whether the Accept header names MX's v1 media type (parameters allowed,
// a quality of 0 refusing it). MX requires the header; a request without it, or that accepts
// only other types or versions, answers 406.
func acceptable(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept") {
		for _, part := range strings.Split(h, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil || !strings.EqualFold(mt, mediaType) {
				continue
			}
			if q, ok := params["q"]; ok {
				if v, err := strconv.ParseFloat(q, 64); err != nil || v <= 0 {
					continue
				}
			}
			return true
		}
	}
	return false
}

// acceptVersion reads the Accept-Version header: whether the request has one, and whether
// every value it gives (spaces around it trimmed) is the version the fake serves.
func acceptVersion(r *http.Request) (present, supported bool) {
	values := r.Header.Values("Accept-Version")
	for _, v := range values {
		if strings.TrimSpace(v) != apiVersion {
			return true, false
		}
	}
	return len(values) > 0, true
}

// validate checks the request against the operation of the spec with kin-openapi: path and
// query parameters, headers, and the body (its Content-Type and its JSON against the schema).
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
