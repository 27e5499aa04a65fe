package mxplatform

import (
	"context"
	"errors"
	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestEveryPathParameterStaysOneSegment calls every operation with each of its path parameters
// set to "", "." and "..", which would resolve to another endpoint (DELETE /users/.. is
// DELETE /): each call is refused with ErrInvalidArgument before anything is sent. A value
// with a slash is sent escaped, as one segment.
func TestEveryPathParameterStaysOneSegment(t *testing.T) {
	var sent []string
	doer := doerFunc(func(r *http.Request) (*http.Response, error) {
		sent = append(sent, r.URL.EscapedPath())
		return &http.Response{StatusCode: http.StatusNotFound, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	})
	a, err := New(WithCredentials("id", "key"), WithDoer(doer))
	if err != nil {
		t.Fatal(err)
	}
	api := reflect.ValueOf(a)
	checked := 0
	for id, o := range specOperations(t) {
		if spectest.Bearer(o.Op) {
			continue // package processor's
		}
		name := strings.ToUpper(id[:1]) + id[1:]
		if n, ok := o.Op.Extensions["x-go-name"].(string); ok {
			name = n
		}
		m := api.MethodByName(name)
		if !m.IsValid() {
			t.Fatalf("no method for %s", id)
		}
		params := strings.Count(o.Path, "{")
		for i := range params {
			if m.Type().In(1+i).Kind() == reflect.Int {
				continue // a number is one segment whatever it is
			}
			for _, bad := range []string{"", ".", ".."} {
				sent = nil
				args := callArgs(m.Type(), params, i, bad)
				out := m.Call(args)
				err, _ := out[len(out)-1].Interface().(error)
				if !errors.Is(err, ErrInvalidArgument) || len(sent) != 0 {
					t.Errorf("%s with path parameter %d = %q: %v, sent %v", id, i, bad, err, sent)
				}
				checked++
			}
		}
		if params == 0 {
			continue
		}
		// A slash stays inside its segment.
		if m.Type().In(params).Kind() == reflect.Int {
			continue
		}
		sent = nil
		m.Call(callArgs(m.Type(), params, params-1, "a/b"))
		if len(sent) != 1 || !strings.Contains(sent[0], "/a%2Fb") || strings.Contains(sent[0], "/a/b") {
			t.Errorf("%s with a/b: sent %v", id, sent)
		}
	}
	if checked == 0 {
		t.Fatal("no path parameter checked")
	}
}

// callArgs builds the arguments of an API method: a context, params path parameters (the one at
// index bad is value, the others a valid GUID), and zero values for the rest.
func callArgs(mt reflect.Type, params, bad int, value string) []reflect.Value {
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	for i := range params {
		v := "GUID-1"
		if i == bad {
			v = value
		}
		args = append(args, pathValue(mt.In(1+i), v))
	}
	for i := 1 + params; i < mt.NumIn(); i++ {
		if mt.IsVariadic() && i == mt.NumIn()-1 {
			break
		}
		args = append(args, reflect.Zero(mt.In(i)))
	}
	return args
}

// pathValue returns v as a path parameter of type typ: a string type, or an identifier type
// implementing typ, an interface.
func pathValue(typ reflect.Type, v string) reflect.Value {
	if typ.Kind() == reflect.Int {
		return reflect.ValueOf(1).Convert(typ)
	}
	if typ.Kind() == reflect.Interface {
		for _, id := range identifiers {
			if ct := reflect.TypeOf(id); ct.Implements(typ) {
				out := reflect.New(typ).Elem()
				out.Set(reflect.ValueOf(v).Convert(ct))
				return out
			}
		}
	}
	return reflect.ValueOf(v).Convert(typ)
}

// TestServerURLPathIsKept: a base URL with a path (a proxy's prefix) keeps it in every request.
func TestServerURLPathIsKept(t *testing.T) {
	for _, base := range []string{"https://proxy.example.com/mx", "https://proxy.example.com/mx/", "https://proxy.example.com/a/b"} {
		var got string
		doer := doerFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
		})
		a, err := New(WithCredentials("id", "key"), WithServerURL(base), WithDoer(doer))
		if err != nil {
			t.Fatal(err)
		}
		if err := a.DeleteMember(context.Background(), UserGUID("USR-1"), MemberGUID("MBR-1")); err != nil {
			t.Fatal(err)
		}
		prefix := strings.TrimSuffix(base, "/")
		if want := prefix + "/users/USR-1/members/MBR-1"; got != want {
			t.Errorf("base %s: request to %s, want %s", base, got, want)
		}
		if a.ServerURL() != prefix {
			t.Errorf("ServerURL %s, want %s", a.ServerURL(), prefix)
		}
	}
}
