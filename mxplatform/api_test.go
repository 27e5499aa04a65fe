package mxplatform

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func newTestAPI(t testing.TB, serverURL string, opts ...Option) *API {
	t.Helper()
	a, err := New(append([]Option{WithCredentials("CLIENT-1234", "API-KEY-4567"), WithServerURL(serverURL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestListMemberChallengesNotChallenged(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c, err := newTestAPI(t, srv.URL).ListMemberChallenges(context.Background(), docUser, docMember, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Challenged || len(c.Items) != 0 {
		t.Errorf("204 answered %+v", c)
	}
}

func TestJobOutcomes(t *testing.T) {
	member := readFixture(t, "aggregateMember", "200.json")
	for _, tc := range []struct {
		status int
		want   JobOutcome
	}{{200, JobStarted}, {202, JobAlreadyRunning}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tc.status)
			_, _ = w.Write(member)
		}))
		a := newTestAPI(t, srv.URL)
		for name, call := range map[string]func() (*JobResult, error){
			"aggregate": func() (*JobResult, error) { return a.AggregateMember(context.Background(), docUser, docMember, nil) },
			"balance":   func() (*JobResult, error) { return a.CheckBalances(context.Background(), docUser, docMember) },
			"resume": func() (*JobResult, error) {
				return a.ResumeAggregation(context.Background(), docUser, docMember, MemberResumeRequest{})
			},
		} {
			r, err := call()
			if err != nil {
				t.Fatalf("%s %d: %v", name, tc.status, err)
			}
			if r.Outcome != tc.want || r.Member == nil || r.Member.GUID != docMember {
				t.Errorf("%s %d: %v %+v", name, tc.status, r.Outcome, r.Member)
			}
		}
		srv.Close()
	}
}

func TestReadTransactionAcceptsTheListShape(t *testing.T) {
	list := readFixture(t, "listTransactions", "200.json")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(list)
	}))
	defer srv.Close()
	tx, err := newTestAPI(t, srv.URL).ReadTransaction(context.Background(), docUser, docTransaction, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !tx.Amount.IsSet() || tx.Amount.Value().String() != "84.12" {
		t.Errorf("amount %v", tx.Amount)
	}
}

func TestEnvironments(t *testing.T) {
	for _, tc := range []struct {
		opts []Option
		host string
	}{
		{nil, "int-api.mx.com"},
		{[]Option{WithEnvironment(Development)}, "int-api.mx.com"},
		{[]Option{WithEnvironment(Production)}, "api.mx.com"},
	} {
		var got *http.Request
		doer := doerFunc(func(r *http.Request) (*http.Response, error) {
			got = r
			return &http.Response{StatusCode: 204, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
		})
		a, err := New(append([]Option{WithCredentials("id", "key"), WithDoer(doer)}, tc.opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.DeleteUser(context.Background(), UserGUID("USR-1")); err != nil {
			t.Fatal(err)
		}
		if got.URL.Scheme != "https" || got.URL.Host != tc.host || got.URL.Path != "/users/USR-1" {
			t.Errorf("%v: request to %s", tc.opts, got.URL)
		}
		if want := "https://" + tc.host; a.ServerURL() != want {
			t.Errorf("ServerURL %s, want %s", a.ServerURL(), want)
		}
	}
	if env, err := ParseEnvironment("PROD"); err != nil || env != Production {
		t.Errorf("ParseEnvironment(PROD) = %v, %v", env, err)
	}
	if _, err := ParseEnvironment("staging"); err == nil {
		t.Error("ParseEnvironment accepted staging")
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestOptionsAreValidated(t *testing.T) {
	for name, opts := range map[string][]Option{
		"no credentials":      nil,
		"empty key":           {WithCredentials("id", " ")},
		"relative URL":        {WithCredentials("id", "key"), WithServerURL("/users")},
		"plain http":          {WithCredentials("id", "key"), WithServerURL("http://api.example.com")},
		"credentials in URL":  {WithCredentials("id", "key"), WithServerURL("https://u:p@api.example.com")},
		"unknown environment": {WithCredentials("id", "key"), WithEnvironment("staging")},
		"negative attempts":   {WithCredentials("id", "key"), WithRetryPolicy(RetryPolicy{MaxAttempts: -1})},
		"negative timeout":    {WithCredentials("id", "key"), WithTimeout(-1)},
		"nil logger":          {WithCredentials("id", "key"), WithLogger(nil)},
		"nil doer":            {WithCredentials("id", "key"), WithDoer(nil)},
		"nil client":          {WithCredentials("id", "key"), WithHTTPClientConfig(nil)},
		"nil option":          {WithCredentials("id", "key"), nil},
		"header injection":    {WithCredentials("id", "key"), WithUserAgent("x\r\nEvil: 1")},
	} {
		if _, err := New(opts...); err == nil {
			t.Errorf("%s: New succeeded", name)
		}
	}
	t.Setenv(EnvClientID, "")
	if _, err := New(WithEnvCredentials()); err == nil || !strings.Contains(err.Error(), EnvClientID) {
		t.Errorf("missing env credentials: %v", err)
	}
	t.Setenv(EnvClientID, "CLIENT-1")
	t.Setenv(EnvAPIKey, "KEY-1")
	if _, err := New(WithEnvCredentials(), WithServerURL("http://127.0.0.1:1")); err != nil {
		t.Errorf("env credentials: %v", err)
	}
}

func TestCallOptions(t *testing.T) {
	var seen http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Clone()
		w.Header().Set("X-Request-Id", "req-42")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	var resp *http.Response
	err := newTestAPI(t, srv.URL).DeleteMember(context.Background(), docUser, docMember,
		WithCallbackPayload("eyJrIjoxfQ=="), WithHeader("X-Trace", "abc"), WithHeader("Authorization", "Basic Zm9vOmJhcg=="), WithHeader("accept-version", "v20250224"),
		CaptureResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if seen.Get("X-CALLBACK-PAYLOAD") != "eyJrIjoxfQ==" || seen.Get("X-Trace") != "abc" {
		t.Errorf("headers %v", seen)
	}
	if u, _, _ := (&http.Request{Header: seen}).BasicAuth(); u != "CLIENT-1234" {
		t.Errorf("Authorization was overridden: %q", seen.Get("Authorization"))
	}
	if v := seen.Values("Accept-Version"); len(v) != 1 || v[0] != APIVersion {
		t.Errorf("Accept-Version was overridden: %q", v)
	}
	if resp == nil || resp.Header.Get("X-Request-Id") != "req-42" || resp.StatusCode != 204 {
		t.Errorf("captured %+v", resp)
	}
	if seen.Get("Content-Type") != "" {
		t.Errorf("Content-Type on a request without body: %q", seen.Get("Content-Type"))
	}
}

func TestPathParametersAreEscaped(t *testing.T) {
	var rawPath string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rawPath = r.URL.EscapedPath()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	if err := newTestAPI(t, srv.URL).DeleteUser(context.Background(), UserGUID("USR-1/../x?y")); err != nil {
		t.Fatal(err)
	}
	if want := "/users/" + url.PathEscape("USR-1/../x?y"); rawPath != want {
		t.Errorf("path %s, want %s", rawPath, want)
	}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

// TestProcessorToken: an API built with a processor token sends it as a bearer token, never
// with client credentials, and prints it nowhere.
func TestProcessorToken(t *testing.T) {
	const token = "PROCESSOR-TOKEN-1234"
	var got string
	doer := doerFunc(func(r *http.Request) (*http.Response, error) {
		got = r.Header.Get("Authorization")
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	})
	a, err := New(WithProcessorToken(token), WithDoer(doer))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteUser(context.Background(), UserGUID("USR-1")); err != nil {
		t.Fatal(err)
	}
	if got != "Bearer "+token {
		t.Errorf("Authorization %q", got)
	}
	for _, printed := range []string{fmt.Sprint(a), fmt.Sprintf("%+v", a), fmt.Sprintf("%#v", *a)} {
		if strings.Contains(printed, token) {
			t.Errorf("the token printed: %s", printed)
		}
	}
	if _, err := New(WithProcessorToken(token), WithCredentials("id", "key")); err == nil {
		t.Error("a processor token and client credentials were both taken")
	}
	if _, err := New(WithProcessorToken(" ")); err == nil {
		t.Error("an empty processor token was taken")
	}
}
