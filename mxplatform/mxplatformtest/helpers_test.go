package mxplatformtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/mxsdk/mx-go/mxplatform"
	spec11 "github.com/mxsdk/mx-go/mxplatform/internal/spec/v20111101"
	spec25 "github.com/mxsdk/mx-go/mxplatform/internal/spec/v20250224"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// The versions of the API the fake serves, as Accept-Version names them.
const (
	current = mxplatform.APIVersion // v20250224
	v1      = v20111101.APIVersion
)

// The statement PDF is a binary body: kin-openapi checks its media type, and takes the bytes
// as they are.
func init() {
	openapi3filter.RegisterBodyDecoder("application/vnd.mx.api.v1+pdf", openapi3filter.FileBodyDecoder)
}

var (
	specOnce   sync.Once
	specRoutes map[string]map[string]*routers.Route
	specErr    error
)

// routesByOperation returns the operations of a version's spec as kin-openapi routes, by
// operationId.
func routesByOperation(t testing.TB, version string) map[string]*routers.Route {
	t.Helper()
	specOnce.Do(func() {
		specRoutes = map[string]map[string]*routers.Route{}
		for v, load := range map[string]func() (*openapi3.T, error){current: spec25.GetSpec, v1: spec11.GetSpec} {
			doc, err := load()
			if err != nil {
				specErr = err
				return
			}
			routes := map[string]*routers.Route{}
			for path, item := range doc.Paths.Map() {
				for method, op := range item.Operations() {
					// The embedded spec holds operationIds capitalised ("CreateUser").
					id := strings.ToLower(op.OperationID[:1]) + op.OperationID[1:]
					routes[id] = &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
				}
			}
			specRoutes[v] = routes
		}
	})
	if specErr != nil {
		t.Fatalf("loading the specs: %v", specErr)
	}
	return specRoutes[version]
}

// specCheck validates every answer the fake gives an API call against the spec of the version
// the request named: status, Content-Type and body. A fake that drifts from a spec fails the
// test that used it.
type specCheck struct {
	t    testing.TB
	base http.RoundTripper
}

func (c *specCheck) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	op := mxplatform.OperationID(req)
	version := req.Header.Get("Accept-Version")
	route := routesByOperation(c.t, version)[op]
	if route == nil {
		c.t.Errorf("request %s %s has no operation %s in %q", req.Method, req.URL.Path, op, version)
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
		c.t.Errorf("%s (%s) answered %d, which does not match the spec: %v\nbody: %s", op, version, resp.StatusCode, err, body)
	}
	return resp, nil
}

// noRetries turns the SDK's retries off, so that a test sees each answer of the fake.
var noRetries = mxplatform.WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 1})

// newAPI returns an API of the current version calling srv, without retries, whose every
// answer is checked against the spec of its version.
func newAPI(t testing.TB, srv *mxplatformtest.Server, extra ...mxplatform.Option) *mxplatform.API {
	t.Helper()
	check := &specCheck{t: t, base: http.DefaultTransport}
	opts := append([]mxplatform.Option{noRetries, mxplatform.WithHTTPClientConfig(&http.Client{Transport: check})}, extra...)
	mx, err := srv.Client(opts...)
	if err != nil {
		t.Fatalf("srv.Client: %v", err)
	}
	return mx
}

// newAPIV1 returns an API of v20111101 calling srv, on the same core as newAPI's.
func newAPIV1(t testing.TB, srv *mxplatformtest.Server, extra ...mxplatform.Option) *v20111101.API {
	t.Helper()
	return v20111101.Of(newAPI(t, srv, extra...))
}

// rawResponse is an answer to a hand-made request.
type rawResponse struct {
	status  int
	header  http.Header
	body    []byte
	version string // the Accept-Version of the request
}

// message returns the message of MX's error JSON, failing the test when the body is not it or
// not in its version's media type.
func (r rawResponse) message(t testing.TB) string {
	t.Helper()
	var v struct {
		Error *struct {
			Message *string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(r.body, &v); err != nil || v.Error == nil || v.Error.Message == nil {
		t.Fatalf("status %d: body is not MX's error JSON: %q", r.status, r.body)
	}
	want := "application/json"
	if strings.TrimSpace(r.version) == v1 {
		want = "application/vnd.mx.api.v1+json"
	}
	if ct := r.header.Get("Content-Type"); ct != want {
		t.Errorf("error Content-Type = %q, want %q", ct, want)
	}
	return *v.Error.Message
}

// request describes a hand-made request; by default authenticated, of the current version
// (Accept-Version v20250224, Accept application/json), with a JSON Content-Type when it has a
// body. v1 makes it a request of v20111101, with its vendor Accept.
type request struct {
	method, path, body string
	header             map[string]string // "" removes a default header
	noAuth             bool
	user, pass         string
	v1                 bool
}

func do(t testing.TB, srv *mxplatformtest.Server, r request) rawResponse {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, srv.URL+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case r.user != "" || r.pass != "":
		req.SetBasicAuth(r.user, r.pass)
	case !r.noAuth:
		req.SetBasicAuth(srv.ClientID, srv.APIKey)
	}
	if r.v1 {
		req.Header.Set("Accept", "application/vnd.mx.api.v1+json")
		req.Header.Set("Accept-Version", v1)
	} else {
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Accept-Version", current)
	}
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", r.method, r.path, err)
	}
	return rawResponse{status: resp.StatusCode, header: resp.Header, body: b, version: strings.Join(req.Header.Values("Accept-Version"), ",")}
}

// credentials returns the credential values that log in to a test bank institution with the
// password, as listInstitutionCredentials describes them.
func credentials(t testing.TB, mx *mxplatform.API, code mxplatform.InstitutionCode, password string) []mxplatform.CredentialRequest {
	t.Helper()
	page, err := mx.ListInstitutionCredentials(context.Background(), code, nil)
	if err != nil {
		t.Fatalf("ListInstitutionCredentials(%s): %v", code, err)
	}
	var out []mxplatform.CredentialRequest
	for _, c := range page.Items {
		v := "mxuser"
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			v = password
		}
		out = append(out, mxplatform.CredentialRequest{GUID: c.GUID, Value: v})
	}
	return out
}

// newUser creates a user through the API.
func newUser(t testing.TB, mx *mxplatform.API) mxplatform.UserGUID {
	t.Helper()
	u, err := mx.CreateUser(context.Background(), mxplatform.UserCreateRequest{})
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	return u.GUID
}

// newMember creates a member of the institution whose password picks the outcome.
func newMember(t testing.TB, mx *mxplatform.API, user mxplatform.UserGUID, code mxplatform.InstitutionCode, password string) *mxplatform.Member {
	t.Helper()
	m, err := mx.CreateMember(context.Background(), user, mxplatform.MemberCreateRequest{
		InstitutionCode: code, Credentials: credentials(t, mx, code, password),
	}, nil)
	if err != nil {
		t.Fatalf("CreateMember(%s, %s): %v", code, password, err)
	}
	return m
}

// status returns the connection status of a member, "" for none.
func status(m *mxplatform.Member) mxplatform.ConnectionStatus {
	if m == nil {
		return ""
	}
	return m.ConnectionStatus
}

// readStatus reads the member and returns its connection status.
func readStatus(t testing.TB, mx *mxplatform.API, user mxplatform.UserGUID, member mxplatform.MemberGUID) mxplatform.ConnectionStatus {
	t.Helper()
	m, err := mx.ReadMember(context.Background(), user, member)
	if err != nil {
		t.Fatalf("ReadMember: %v", err)
	}
	return status(m)
}

// wantStatusErr fails the test unless err is an *mxplatform.Error with the status.
func wantStatusErr(t testing.TB, err error, want int) *mxplatform.Error {
	t.Helper()
	var e *mxplatform.Error
	if err == nil {
		t.Fatalf("got no error, want %d", want)
	}
	if !errors.As(err, &e) || e.StatusCode != want {
		t.Fatalf("got %v, want a %d", err, want)
	}
	if e.Message == "" {
		t.Errorf("%d answer without MX's error message: %q", want, e.Body)
	}
	return e
}

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// recordingTB records the errors reported to it instead of failing a test.
type recordingTB struct {
	testing.TB
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// stubTransport answers every request with one status and body.
type stubTransport struct {
	status int
	body   string
}

func (s stubTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: s.status, Request: req, Body: io.NopCloser(strings.NewReader(s.body)),
		Header: http.Header{"Content-Type": {"application/json"}},
	}, nil
}

// TestSpecCheckCatchesDrift makes sure the spec check of newAPI fails on answers the spec
// does not allow.
func TestSpecCheckCatchesDrift(t *testing.T) {
	for _, stub := range []stubTransport{
		{200, `{"institution": {"code": 5}}`},
		{200, `{"institution": {"supports_oauth": "yes"}}`},
		{418, `{"error": {"message": "teapot"}}`},
		{404, `{"message": "not MX's error JSON"}`},
	} {
		rec := &recordingTB{TB: t}
		check := &specCheck{t: rec, base: stub}
		mx, err := mxplatform.New(mxplatform.WithServerURL("http://127.0.0.1:1"), mxplatform.WithCredentials("a", "b"), noRetries,
			mxplatform.WithHTTPClientConfig(&http.Client{Transport: check}))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = mx.ReadInstitution(context.Background(), "mxbank")
		if len(rec.errs) == 0 {
			t.Errorf("%d %s passed the spec check", stub.status, stub.body)
		}
	}
	// A statement PDF labelled JSON.
	rec := &recordingTB{TB: t}
	mx, err := mxplatform.New(mxplatform.WithServerURL("http://127.0.0.1:1"), mxplatform.WithCredentials("a", "b"), noRetries,
		mxplatform.WithHTTPClientConfig(&http.Client{Transport: &specCheck{t: rec, base: stubTransport{200, "%PDF-1.4"}}}))
	if err != nil {
		t.Fatal(err)
	}
	if body, err := mx.DownloadStatementPDF(context.Background(), "USR-1", "MBR-1", "STA-1"); err == nil {
		body.Close()
	}
	if len(rec.errs) == 0 {
		t.Error("a PDF answered as application/json passed the spec check")
	}
}
