package mxplatformtest

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// route is one operation of a version's spec, as the fake routes, validates and serves it.
type route struct {
	id         string // MX's operationId: readAccount
	method     string
	path       string // the path template: /users/{user_guid}/accounts/{account_guid}
	segs       []segment
	kin        *routers.Route
	pathParams []string
	answerType string // the media type of its successful answers
	// bearer: the operation authenticates with a bearer token (a processor token), not with
	// the client's basic credentials.
	bearer bool
}

// segment is a segment of a path template: a literal, or a parameter, possibly followed by a
// literal suffix in the same segment ({statement_guid}.pdf).
type segment struct {
	literal, param, suffix string
}

// rank orders segments by how specific they are, as net/http's ServeMux does: a literal beats a
// parameter with a suffix, which beats a bare parameter.
func (s segment) rank() int {
	switch {
	case s.param == "":
		return 2
	case s.suffix != "":
		return 1
	}
	return 0
}

// match reports whether the escaped segment x matches s, and the parameter's value.
func (s segment) match(x string) (string, bool) {
	v, err := url.PathUnescape(x)
	if err != nil {
		return "", false
	}
	if s.param == "" {
		return "", v == s.literal
	}
	if !strings.HasSuffix(v, s.suffix) || len(v) == len(s.suffix) {
		return "", false
	}
	return strings.TrimSuffix(v, s.suffix), true
}

func parseTemplate(path string) []segment {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	segs := make([]segment, len(parts))
	for i, p := range parts {
		if strings.HasPrefix(p, "{") {
			if end := strings.Index(p, "}"); end > 0 {
				segs[i] = segment{param: p[1:end], suffix: p[end+1:]}
				continue
			}
		}
		segs[i] = segment{literal: p}
	}
	return segs
}

// router maps requests to the operations of one version's spec. It matches as net/http's
// ServeMux would (the most specific template wins, GET templates serve HEAD too), but also
// takes parameters followed by a suffix in the same segment, which ServeMux refuses
// (downloadStatementPDF's {statement_guid}.pdf).
type router struct {
	routes []*route
	byID   map[string]*route
}

func newRouter(doc *openapi3.T) (*router, error) {
	rt := &router{byID: map[string]*route{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			// The fake authenticates every request before validating it (see Fake.finish), so
			// the validator gets the operation without its security requirements: checking them
			// again would make kin-openapi read and copy the body once more.
			vop := *op
			vop.Security = &openapi3.SecurityRequirements{}
			r := &route{
				id: mxOperationID(op.OperationID), method: method, path: path, segs: parseTemplate(path),
				kin:        &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: &vop},
				answerType: answerType(op),
				bearer:     takesBearer(doc, op),
			}
			for _, p := range append(item.Parameters, op.Parameters...) {
				if p.Value != nil && p.Value.In == openapi3.ParameterInPath {
					r.pathParams = append(r.pathParams, p.Value.Name)
				}
			}
			rt.byID[r.id] = r
			rt.routes = append(rt.routes, r)
		}
	}
	if len(rt.routes) == 0 {
		return nil, errors.New("mxplatformtest: the spec has no operations")
	}
	// A stable order, so that equally specific templates (none in MX's specs) match the same
	// way in every run.
	sort.Slice(rt.routes, func(i, j int) bool {
		a, b := rt.routes[i], rt.routes[j]
		return a.path+" "+a.method < b.path+" "+b.method
	})
	return rt, nil
}

// answerType returns the media type of an operation's successful answers: JSON unless it
// declares another.
func answerType(op *openapi3.Operation) string {
	for _, code := range []string{"200", "201", "202"} {
		if resp := op.Responses.Value(code); resp != nil && resp.Value != nil {
			for ct := range resp.Value.Content {
				return ct
			}
		}
	}
	return "application/json"
}

// takesBearer reports whether the operation authenticates with an HTTP bearer token: a
// security requirement of its own names a scheme of type http, scheme bearer.
func takesBearer(doc *openapi3.T, op *openapi3.Operation) bool {
	if op.Security == nil || doc.Components == nil {
		return false
	}
	for _, req := range *op.Security {
		for name := range req {
			if s := doc.Components.SecuritySchemes[name]; s != nil && s.Value != nil && s.Value.Type == "http" && strings.EqualFold(s.Value.Scheme, "bearer") {
				return true
			}
		}
	}
	return false
}

// mxOperationID returns MX's operationId ("createUser") of an operation of an embedded spec,
// where the generator stored it capitalised ("CreateUser").
func mxOperationID(id string) string {
	if id == "" {
		return id
	}
	return strings.ToLower(id[:1]) + id[1:]
}

// knows reports whether id is an operation of the spec ("" stands for all of them).
func (rt *router) knows(id string) bool {
	_, ok := rt.byID[id]
	return ok || id == ""
}

// match returns the operation of the request and its path parameters, or nil and the methods
// the path allows (none for an unknown path).
func (rt *router) match(r *http.Request) (*route, map[string]string, []string) {
	parts := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	var best *route
	var bestParams map[string]string
	var allowed []string
	for _, c := range rt.routes {
		params, ok := c.matchPath(parts)
		if !ok {
			continue
		}
		if c.method != r.Method && !(c.method == http.MethodGet && r.Method == http.MethodHead) {
			if !slices.Contains(allowed, c.method) {
				allowed = append(allowed, c.method)
			}
			continue
		}
		if best == nil || moreSpecific(c, best) {
			best, bestParams = c, params
		}
	}
	if best != nil {
		return best, bestParams, nil
	}
	sort.Strings(allowed)
	return nil, nil, allowed
}

// matchPath matches the escaped segments of a request's path against the template.
func (c *route) matchPath(parts []string) (map[string]string, bool) {
	if len(parts) != len(c.segs) {
		return nil, false
	}
	params := map[string]string{}
	for i, s := range c.segs {
		v, ok := s.match(parts[i])
		if !ok {
			return nil, false
		}
		if s.param != "" {
			params[s.param] = v
		}
	}
	return params, true
}

// moreSpecific reports whether a's template is more specific than b's: at the first segment
// where they differ in kind, a's is the more specific.
func moreSpecific(a, b *route) bool {
	for i := range a.segs {
		if ra, rb := a.segs[i].rank(), b.segs[i].rank(); ra != rb {
			return ra > rb
		}
	}
	return false
}

// opMux is the router the generated std-http servers register their operations with: it
// keeps each operation's handler by its pattern ("GET /users/{user_guid}"), and the fake calls
// the handler of the route it matched itself (see dispatch). The generated servers would use a
// ServeMux otherwise, which refuses downloadStatementPDF's template.
type opMux struct {
	handlers map[string]http.HandlerFunc
}

// HandleFunc records the handler of a pattern.
func (m *opMux) HandleFunc(pattern string, handler func(http.ResponseWriter, *http.Request)) {
	if m.handlers == nil {
		m.handlers = map[string]http.HandlerFunc{}
	}
	m.handlers[pattern] = handler
}

// ServeHTTP is never called: the fake dispatches requests itself.
func (m *opMux) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "not routed", http.StatusInternalServerError)
}

// dispatch serves the request with the generated handler of the route, its path parameters
// set as the generated code reads them (r.PathValue).
func (m *opMux) dispatch(w http.ResponseWriter, r *http.Request, rt *route, params map[string]string) {
	h := m.handlers[rt.method+" "+rt.path]
	if h == nil {
		writeError(w, r, http.StatusInternalServerError, "Internal server error: no handler for "+rt.id+".")
		return
	}
	for k, v := range params {
		r.SetPathValue(k, v)
	}
	h(w, r)
}
