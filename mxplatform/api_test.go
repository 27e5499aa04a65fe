package mxplatform

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// apiCall calls one operation through API and returns what it answered, wrapped back into the
// shape of the response body so that it compares with the fixture.
type apiCall func(ctx context.Context, t *testing.T, a *API, reqBody []byte) (any, error)

func wrap(key string, v any) map[string]any { return map[string]any{key: v} }

// asPage turns what a List method returns, a *Page[T] and an error, into the shape of MX's
// answer: {key: [...], "pagination": {...}}.
func asPage(key string) func(any, error) (any, error) {
	return func(p any, err error) (any, error) {
		v := reflect.ValueOf(p)
		if err != nil || v.IsNil() {
			return nil, err
		}
		return map[string]any{key: v.Elem().FieldByName("Items").Interface(), "pagination": v.Elem().FieldByName("Pagination").Interface()}, nil
	}
}

var apiCalls = map[string]apiCall{
	"requestWidgetURL": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		w, err := a.RequestWidgetURL(ctx, docUser, inner[WidgetRequest](t, b, "widget_url"), WithAcceptLanguage("en-US"))
		return wrap("widget_url", w), err
	},
	"requestConnectWidgetURL": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		w, err := a.RequestConnectWidgetURL(ctx, docUser, inner[ConnectWidgetRequest](t, b, "config"))
		return wrap("user", w), err
	},
	"listUserAccounts": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		return asPage("accounts")(a.ListUserAccounts(ctx, docUser, &ListUserAccountsParams{Page: page, RecordsPerPage: per}))
	},
	"readAccount": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		acct, err := a.ReadAccount(ctx, docUser, docAccount)
		return wrap("account", acct), err
	},
	"updateAccountByMember": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		acct, err := a.UpdateAccountByMember(ctx, docUser, docMember, docAccount, inner[AccountUpdateRequest](t, b, "account"))
		return wrap("account", acct), err
	},
	"listFavoriteInstitutions": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		return asPage("institutions")(a.ListFavoriteInstitutions(ctx, &ListFavoriteInstitutionsParams{Page: page, RecordsPerPage: per}))
	},
	"listInstitutionCredentials": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		return asPage("credentials")(a.ListInstitutionCredentials(ctx, docInstitution, &ListInstitutionCredentialsParams{Page: page, RecordsPerPage: per}))
	},
	"listInstitutions": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		yes, name := true, "chase"
		return asPage("institutions")(a.ListInstitutions(ctx, &ListInstitutionsParams{Name: &name, Page: page, RecordsPerPage: per,
			SupportsAccountIdentification: &yes, SupportsAccountStatement: &yes, SupportsAccountVerification: &yes, SupportsTransactionHistory: &yes}))
	},
	"readInstitution": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		inst, err := a.ReadInstitution(ctx, docInstitution)
		return wrap("institution", inst), err
	},
	"aggregateMember": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		r, err := a.AggregateMember(ctx, docUser, docMember, nil)
		if err != nil {
			return nil, err
		}
		if r.Outcome != JobStarted {
			t.Errorf("outcome %v after 200", r.Outcome)
		}
		return wrap("member", r.Member), nil
	},
	"checkBalances": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		r, err := a.CheckBalances(ctx, docUser, docMember)
		if err != nil {
			return nil, err
		}
		return wrap("member", r.Member), nil
	},
	"createMember": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		m, err := a.CreateMember(ctx, docUser, inner[MemberCreateRequest](t, b, "member"), Ptr(decodeInto[MemberCreateOptions](t, b)))
		return wrap("member", m), err
	},
	"deleteMember": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		return nil, a.DeleteMember(ctx, docUser, docMember)
	},
	"requestOAuthWindowURI": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		app, no, scheme := ReferralSourceApp, false, "mx"
		w, err := a.RequestOAuthWindowURI(ctx, docUser, docMember, &RequestOAuthWindowURIParams{ReferralSource: &app, UIMessageWebviewURLScheme: &scheme, SkipAggregation: &no})
		return wrap("member", w), err
	},
	"listMemberChallenges": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		c, err := a.ListMemberChallenges(ctx, docUser, docMember, &ListMemberChallengesParams{Page: page, RecordsPerPage: per})
		if err != nil {
			return nil, err
		}
		if !c.Challenged {
			t.Error("200 reported as not challenged")
		}
		return map[string]any{"challenges": c.Items, "pagination": c.Pagination}, nil
	},
	"listMemberCredentials": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		return asPage("credentials")(a.ListMemberCredentials(ctx, docUser, docMember, &ListMemberCredentialsParams{Page: page, RecordsPerPage: per}))
	},
	"listMembers": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		return asPage("members")(a.ListMembers(ctx, docUser, &ListMembersParams{Page: page, RecordsPerPage: per}))
	},
	"readMember": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		m, err := a.ReadMember(ctx, docUser, docMember)
		return wrap("member", m), err
	},
	"readMemberStatus": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		m, err := a.ReadMemberStatus(ctx, docUser, docMember)
		return wrap("member", m), err
	},
	"resumeAggregation": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		r, err := a.ResumeAggregation(ctx, docUser, docMember, inner[MemberResumeRequest](t, b, "member"))
		if err != nil {
			return nil, err
		}
		return wrap("member", r.Member), nil
	},
	"updateMember": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		m, err := a.UpdateMember(ctx, docUser, docMember, inner[MemberUpdateRequest](t, b, "member"))
		return wrap("member", m), err
	},
	"listTransactionsByAccount": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		from, to := "2015-09-20", "2019-10-20"
		return asPage("transactions")(a.ListTransactionsByAccount(ctx, docUser, docAccount, &ListTransactionsByAccountParams{Page: page, RecordsPerPage: per, FromDate: &from, ToDate: &to}))
	},
	"listTransactionsByMember": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		from, to := "2015-09-20", "2019-10-20"
		return asPage("transactions")(a.ListTransactionsByMember(ctx, docUser, docMember, &ListTransactionsByMemberParams{Page: page, RecordsPerPage: per, FromDate: &from, ToDate: &to}))
	},
	"listTransactions": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		page, per := pageParams()
		from, to := "2015-09-20", "2019-10-20"
		cats := []string{"CAT-1", "CAT-2"}
		return asPage("transactions")(a.ListTransactions(ctx, docUser, &ListTransactionsParams{Page: page, RecordsPerPage: per, FromDate: &from, ToDate: &to, CategoryGUIDs: cats}))
	},
	"readTransaction": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		tx, err := a.ReadTransaction(ctx, docUser, docTransaction, nil)
		return wrap("transaction", tx), err
	},
	"updateTransaction": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		tx, err := a.UpdateTransaction(ctx, docUser, docTransaction, inner[TransactionUpdateRequest](t, b, "transaction"))
		return wrap("transaction", tx), err
	},
	"createUser": func(ctx context.Context, t *testing.T, a *API, b []byte) (any, error) {
		u, err := a.CreateUser(ctx, inner[UserCreateRequest](t, b, "user"))
		return wrap("user", u), err
	},
	"deleteUser": func(ctx context.Context, t *testing.T, a *API, _ []byte) (any, error) {
		return nil, a.DeleteUser(ctx, docUser)
	},
}

func newTestAPI(t testing.TB, serverURL string, opts ...Option) *API {
	t.Helper()
	a, err := New(append([]Option{WithCredentials("CLIENT-1234", "API-KEY-4567"), WithServerURL(serverURL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAPIOperations calls each of the 28 operations in one line against a server that checks
// the request (method, path, query, body, credentials, Accept, Content-Type, User-Agent) and
// answers the operation's fixture, and compares what the method returns with the fixture.
func TestAPIOperations(t *testing.T) {
	for _, op := range documentedOperations {
		if apiCalls[op] == nil {
			t.Errorf("no API test for %s", op)
		}
	}
	for _, tc := range operationCases(t) {
		if tc.status >= 300 || (tc.op == "listMemberChallenges" && tc.status == 204) {
			continue // error and not-challenged answers are tested on their own
		}
		t.Run(tc.op, func(t *testing.T) {
			var reqBody, respBody []byte
			if tc.request != "" {
				reqBody = readFixture(t, tc.op, tc.request)
			}
			if tc.response != "" {
				respBody = readFixture(t, tc.op, tc.response)
			}
			check := expectRequest(t, tc.expectation(), reqBody, respBody, "CLIENT-1234", "API-KEY-4567")
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if ua := r.Header.Get("User-Agent"); ua != "mx-go/"+Version+" test-suite/1" {
					t.Errorf("User-Agent %q", ua)
				}
				if v := r.Header.Values("Accept-Version"); len(v) != 1 || v[0] != "v20111101" {
					t.Errorf("Accept-Version %q, want v20111101", v)
				}
				check(w, r)
			}))
			defer srv.Close()
			a := newTestAPI(t, srv.URL, WithUserAgent("test-suite/1"))
			got, err := apiCalls[tc.op](context.Background(), t, a, reqBody)
			if err != nil {
				t.Fatal(err)
			}
			if respBody == nil {
				return
			}
			b, err := jsonMarshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if d := jsonDiff(respBody, b); d != "" {
				t.Errorf("answer differs from the fixture: %s", d)
			}
		})
	}
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
	if !tx.Amount.IsSet() || tx.Amount.Value().String() != "61.11" {
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
		if err := a.DeleteUser(context.Background(), "USR-1"); err != nil {
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
	if err := newTestAPI(t, srv.URL).DeleteUser(context.Background(), "USR-1/../x?y"); err != nil {
		t.Fatal(err)
	}
	if want := "/users/" + url.PathEscape("USR-1/../x?y"); rawPath != want {
		t.Errorf("path %s, want %s", rawPath, want)
	}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
