package spectest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// Client is what EveryOperation needs of a package's API.
type Client struct {
	// New builds the package's *API against a server URL, with the credentials below.
	New        func(t *testing.T, serverURL string) any
	User, Pass string
	// Bearer, when set, is the processor token the API sends instead of basic credentials;
	// the API then serves the operations that authenticate with a bearer token, and only them.
	Bearer string
	// Version is the Accept-Version every request must carry.
	Version string
	// Identifiers are values of the package's identifier types (a UserGUID...): an operation's
	// parameter of an interface type (a UserIdentifier) takes the first that implements it.
	Identifiers []any
}

// pathParam matches a parameter of a path template.
var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// Call is one operation of a document, ready to be called through a package's API against a
// server that answers its fixture.
type Call struct {
	ID     string
	Repeat string // its x-mx-retry
	// Answer returns a handler that checks a request of the operation (the method, the path
	// with each parameter in its place, the basic credentials, Accept-Version, Accept and, for
	// a request with a body, the body equal to the operation's request fixture) and answers
	// the operation's first success fixture.
	Answer func(t *testing.T) http.HandlerFunc
	// Invoke calls the operation's method (named after the operationId, or its x-go-name) on
	// api, a package's *API, and returns what it returned: its result (nil for none; a stream
	// is read whole and closed) and its error.
	Invoke func(t *testing.T, api any) (any, error)

	returns bool   // the method returns a result beside its error
	stream  bool   // the result is a stream
	answer  []byte // the answer's fixture
}

// Calls returns a Call of every operation of doc, by operationId, with the fixtures of dir.
func Calls(t *testing.T, doc *openapi3.T, fixtures string, c Client) []Call {
	t.Helper()
	ops := Operations(doc)
	var calls []Call
	for _, id := range slices.Sorted(mapsKeys(ops)) {
		if Bearer(ops[id].Op) != (c.Bearer != "") {
			continue // another client's operation
		}
		calls = append(calls, newCall(t, ops[id], fixtures, c))
	}
	return calls
}

// EveryOperation calls every operation of doc through the package's API against a server that
// checks its request and answers its fixture (see Call); each must return its result without
// error.
func EveryOperation(t *testing.T, doc *openapi3.T, fixtures string, c Client) {
	t.Helper()
	for _, call := range Calls(t, doc, fixtures, c) {
		t.Run(call.ID, func(t *testing.T) {
			srv := httptest.NewServer(call.Answer(t))
			defer srv.Close()
			got, err := call.Invoke(t, c.New(t, srv.URL))
			if err != nil {
				t.Fatal(err)
			}
			if got == nil && call.returns {
				t.Fatal("nil result without an error")
			}
			if got != nil && call.answer != nil && !call.stream {
				if err := answered(got, call.answer); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// answered checks that a method returned what the answer holds: its records and pagination
// for a page, the member of a job, else one of the answer's members or the whole answer.
func answered(result any, answer []byte) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(answer, &members); err != nil {
		return err
	}
	v := reflect.Indirect(reflect.ValueOf(result))
	var parts []any
	switch {
	case v.Kind() == reflect.Struct && v.FieldByName("Items").IsValid():
		parts = []any{v.FieldByName("Items").Interface(), v.FieldByName("Pagination").Interface()}
	case v.Kind() == reflect.Struct && v.FieldByName("Member").IsValid() && v.FieldByName("Outcome").IsValid():
		parts = []any{v.FieldByName("Member").Interface()}
	case v.Kind() == reflect.Slice && v.Len() == 1:
		// A list may be answered as its one record alone.
		parts = []any{result}
		if got, err := json.Marshal(v.Index(0).Interface()); err == nil {
			for _, m := range members {
				if JSONDiff(got, m) == "" {
					return nil
				}
			}
		}
	default:
		parts = []any{result}
	}
	for _, part := range parts {
		got, err := json.Marshal(part)
		if err != nil {
			return err
		}
		found := JSONDiff(got, answer) == ""
		for _, m := range members {
			found = found || JSONDiff(got, m) == ""
		}
		if !found {
			return fmt.Errorf("the method returned %s, which is not in the answer %s", got, answer)
		}
	}
	return nil
}

func newCall(t *testing.T, o Operation, fixtures string, c Client) Call {
	id := o.Op.OperationID
	goName := strings.ToUpper(id[:1]) + id[1:]
	if n, ok := o.Op.Extensions["x-go-name"].(string); ok {
		goName = n
	}
	repeat, _ := o.Op.Extensions["x-mx-retry"].(string)

	// The answer: the first success fixture, else an empty 204.
	status, answer, media := http.StatusNoContent, []byte(nil), ""
	files, _ := os.ReadDir(filepath.Join(fixtures, id))
	for _, f := range files {
		base, _, _ := strings.Cut(f.Name(), ".")
		code, err := strconv.Atoi(base)
		if err != nil || code < 200 || code > 299 {
			continue
		}
		if answer != nil && code >= status {
			continue
		}
		status = code
		answer, err = os.ReadFile(filepath.Join(fixtures, id, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		media, _ = onlyContent(o.Op.Responses.Status(code).Value.Content)
	}
	if answer == nil && o.Op.Responses.Status(204) == nil {
		t.Fatalf("%s: no success fixture", id)
	}
	accept := media
	if accept == "" {
		for _, code := range slices.Sorted(mapsKeys(o.Op.Responses.Map())) {
			if m, _ := onlyContent(o.Op.Responses.Value(code).Value.Content); accept == "" && strings.HasSuffix(m, "json") {
				accept = m
			}
		}
	}

	// The request body: the operation's request fixture.
	var request []byte
	if o.Op.RequestBody != nil {
		var err error
		if request, err = os.ReadFile(filepath.Join(fixtures, id, "request.json")); err != nil {
			t.Fatalf("%s: no request fixture: %v", id, err)
		}
	}

	// The path its arguments make: each parameter a value with a space and a slash, which
	// must be escaped to stay one segment.
	var values []string
	path := o.Path
	for i, m := range pathParam.FindAllStringSubmatch(o.Path, -1) {
		value := fmt.Sprintf("%s %d/x", m[1], i)
		if p := o.Op.Parameters.GetByInAndName("path", m[1]); p != nil && p.Schema.Value.Type.Is("integer") {
			value = strconv.Itoa(i + 7) // a number
		}
		values = append(values, value)
		path = strings.Replace(path, m[0], url.PathEscape(value), 1)
	}

	call := Call{ID: id, Repeat: repeat, returns: answer != nil || o.Op.Responses.Status(200) != nil, answer: answer, stream: media != "" && !strings.HasSuffix(media, "json")}
	call.Answer = func(t *testing.T) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Method != o.Method {
				t.Errorf("method %s, want %s", r.Method, o.Method)
			}
			if r.URL.EscapedPath() != path {
				t.Errorf("path %s, want %s", r.URL.EscapedPath(), path)
			}
			if got := r.Header.Values("Accept-Version"); len(got) != 1 || got[0] != c.Version {
				t.Errorf("Accept-Version %q, want %q", got, c.Version)
			}
			if got := r.Header.Get("Accept"); got != accept {
				t.Errorf("Accept %q, want %q", got, accept)
			}
			if c.Bearer != "" {
				if got := r.Header.Get("Authorization"); got != "Bearer "+c.Bearer {
					t.Errorf("Authorization %q, want the bearer token", got)
				}
			} else if u, p, ok := r.BasicAuth(); !ok || u != c.User || p != c.Pass {
				t.Errorf("basic credentials %q %q %v", u, p, ok)
			}
			got, _ := io.ReadAll(r.Body)
			if request != nil {
				if ct := r.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q", ct)
				}
				if d := JSONDiff(request, got); d != "" {
					t.Errorf("the request body differs from the fixture: %s", d)
				}
			} else if len(got) != 0 {
				t.Errorf("a body on a request without one: %s", got)
			}
			if media != "" {
				w.Header().Set("Content-Type", media)
			}
			w.WriteHeader(status)
			_, _ = w.Write(answer)
		}
	}
	call.Invoke = func(t *testing.T, api any) (any, error) {
		method := reflect.ValueOf(api).MethodByName(goName)
		if !method.IsValid() {
			t.Fatalf("the API has no method %s", goName)
		}
		mt := method.Type()
		args := []reflect.Value{reflect.ValueOf(context.Background())}
		for _, value := range values {
			arg, err := identifier(mt.In(len(args)), value, c.Identifiers)
			if err != nil {
				t.Fatalf("%s: %v", goName, err)
			}
			args = append(args, arg)
		}
		for len(args) < mt.NumIn()-1 { // the params, the body and its options; the call options last
			in := mt.In(len(args))
			switch {
			case in.Kind() == reflect.Pointer && strings.HasSuffix(in.Elem().Name(), "Params"):
				args = append(args, reflect.Zero(in))
			case in.Kind() == reflect.Pointer:
				// The members of the body beside the resource.
				v := reflect.New(in.Elem())
				if err := json.Unmarshal(request, v.Interface()); err != nil {
					t.Fatalf("the request fixture's options: %v", err)
				}
				args = append(args, v)
			default:
				v := reflect.New(in)
				key := wrapperKey(o.Op.RequestBody.Value)
				body := request // a flat body is the resource itself
				if key != "" {
					var wrapper map[string]json.RawMessage
					if err := json.Unmarshal(request, &wrapper); err != nil {
						t.Fatal(err)
					}
					body = wrapper[key]
				}
				if err := json.Unmarshal(body, v.Interface()); err != nil {
					t.Fatalf("the request fixture's %s: %v", key, err)
				}
				args = append(args, v.Elem())
			}
		}
		out := method.Call(args)
		err, _ := out[len(out)-1].Interface().(error)
		if len(out) == 1 {
			return nil, err
		}
		switch out[0].Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Interface, reflect.Map:
			if out[0].IsNil() {
				return nil, err
			}
		}
		result := out[0].Interface()
		if rc, ok := result.(io.ReadCloser); ok {
			got, rerr := io.ReadAll(rc)
			rc.Close()
			if rerr != nil || string(got) != string(answer) {
				t.Errorf("the stream holds %d bytes (%v), want the fixture's %d", len(got), rerr, len(answer))
			}
			return got, err
		}
		return result, err
	}
	return call
}

// Bearer reports whether o authenticates with a bearer token rather than basic credentials.
func Bearer(o *openapi3.Operation) bool {
	if o.Security == nil || len(*o.Security) == 0 {
		return false
	}
	for _, req := range *o.Security {
		if _, ok := req["basicAuth"]; ok {
			return false
		}
	}
	return true
}

// identifier returns value as the Go type of a path parameter: a string type, or for an
// interface, the first of candidates that implements it.
func identifier(typ reflect.Type, value string, candidates []any) (reflect.Value, error) {
	if typ.Kind() == reflect.String {
		return reflect.ValueOf(value).Convert(typ), nil
	}
	if typ.Kind() == reflect.Int {
		n, err := strconv.Atoi(value)
		return reflect.ValueOf(n).Convert(typ), err
	}
	if typ.Kind() == reflect.Interface {
		for _, c := range candidates {
			ct := reflect.TypeOf(c)
			if ct.Implements(typ) {
				v := reflect.New(typ).Elem()
				v.Set(reflect.ValueOf(value).Convert(ct))
				return v, nil
			}
		}
	}
	return reflect.Value{}, fmt.Errorf("no identifier of type %s", typ)
}

// wrapperKey returns the member that wraps the resource of a request body: its only property
// (a resource or a list), or that of the first part of an allOf; "" for a body sent flat.
func wrapperKey(rb *openapi3.RequestBody) string {
	_, mt := onlyContent(rb.Content)
	s := mt.Schema.Value
	if len(s.AllOf) > 0 {
		s = s.AllOf[0].Value
	}
	if len(s.Properties) != 1 {
		return ""
	}
	for key, p := range s.Properties {
		if p.Ref != "" || p.Value.Type.Is("array") {
			return key
		}
	}
	return ""
}
