package mxplatform

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// The GUIDs of the reference's examples.
const (
	docUser        UserGUID        = "USR-fa7537f3-48aa-a683-a02a-b18940482f54"
	docMember      MemberGUID      = "MBR-7c6f361b-e582-15b6-60c0-358f12466b4b"
	docAccount     AccountGUID     = "ACT-06d7f44b-caae-0f6e-1384-01f52e75dcb1"
	docTransaction TransactionGUID = "TRN-810828b0-5210-4878-9bd3-f4ce514f90c4"
	docInstitution InstitutionCode = "chase"
)

// generatedCase is one operation called through the generated client against a server that
// checks the request and answers the operation's fixture.
type generatedCase struct {
	op       string
	method   string
	path     string
	query    url.Values
	request  string // request fixture of the operation, "" when it takes no body
	status   int
	response string // response fixture, "" when the status has no body
	call     func(ctx context.Context, c *ClientWithResponses, body []byte) (int, any, error)
}

func readFixture(t testing.TB, op, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixturesDir, op, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeInto[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func pageParams() (*PageParam, *RecordsPerPageParam) {
	page, per := 1, 10
	return &page, &per
}

func generatedCases(t *testing.T) []generatedCase {
	page, per := pageParams()
	pageQuery := url.Values{"page": {"1"}, "records_per_page": {"10"}}
	from, to := "2015-09-20", "2019-10-20"
	txQuery := url.Values{"page": {"1"}, "records_per_page": {"10"}, "from_date": {from}, "to_date": {to}}
	yes := true
	str := func(s string) *string { return &s }
	return []generatedCase{
		{op: "requestWidgetURL", method: "POST", path: "/users/" + string(docUser) + "/widget_urls", request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.RequestWidgetURLWithResponse(ctx, docUser, &RequestWidgetURLParams{AcceptLanguage: str("en-US")}, decodeInto[WidgetRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "requestConnectWidgetURL", method: "POST", path: "/users/" + string(docUser) + "/connect_widget_url", request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.RequestConnectWidgetURLWithResponse(ctx, docUser, decodeInto[ConnectWidgetRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listUserAccounts", method: "GET", path: "/users/" + string(docUser) + "/accounts", query: pageQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListUserAccountsWithResponse(ctx, docUser, &ListUserAccountsParams{Page: page, RecordsPerPage: per})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "readAccount", method: "GET", path: "/users/" + string(docUser) + "/accounts/" + string(docAccount), status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ReadAccountWithResponse(ctx, docUser, docAccount)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "updateAccountByMember", method: "PUT", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/accounts/" + string(docAccount), request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.UpdateAccountByMemberWithResponse(ctx, docUser, docMember, docAccount, decodeInto[AccountUpdateRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listFavoriteInstitutions", method: "GET", path: "/institutions/favorites", query: pageQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListFavoriteInstitutionsWithResponse(ctx, &ListFavoriteInstitutionsParams{Page: page, RecordsPerPage: per})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listInstitutionCredentials", method: "GET", path: "/institutions/chase/credentials", query: pageQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListInstitutionCredentialsWithResponse(ctx, docInstitution, &ListInstitutionCredentialsParams{Page: page, RecordsPerPage: per})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listInstitutions", method: "GET", path: "/institutions", status: 200, response: "200.json",
			query: url.Values{"name": {"chase"}, "page": {"1"}, "records_per_page": {"10"}, "supports_account_identification": {"true"},
				"supports_account_statement": {"true"}, "supports_account_verification": {"true"}, "supports_transaction_history": {"true"}},
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListInstitutionsWithResponse(ctx, &ListInstitutionsParams{Name: str("chase"), Page: page, RecordsPerPage: per,
					SupportsAccountIdentification: &yes, SupportsAccountStatement: &yes, SupportsAccountVerification: &yes, SupportsTransactionHistory: &yes})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "readInstitution", method: "GET", path: "/institutions/chase", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ReadInstitutionWithResponse(ctx, docInstitution)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "readInstitution", method: "GET", path: "/institutions/chase", status: 404, response: "404.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ReadInstitutionWithResponse(ctx, docInstitution)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON404, nil
			}},
		{op: "aggregateMember", method: "POST", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/aggregate", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.AggregateMemberWithResponse(ctx, docUser, docMember, nil)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "checkBalances", method: "POST", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/check_balance", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.CheckBalancesWithResponse(ctx, docUser, docMember)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "createMember", method: "POST", path: "/users/" + string(docUser) + "/members", request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.CreateMemberWithResponse(ctx, docUser, nil, decodeInto[MemberCreateRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "deleteMember", method: "DELETE", path: "/users/" + string(docUser) + "/members/" + string(docMember), status: 204,
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.DeleteMemberWithResponse(ctx, docUser, docMember)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), nil, nil
			}},
		{op: "requestOAuthWindowURI", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/oauth_window_uri", status: 200, response: "200.json",
			query: url.Values{"referral_source": {"APP"}, "ui_message_webview_url_scheme": {"mx"}, "skip_aggregation": {"false"}},
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				app, no := ReferralSourceApp, false
				r, err := c.RequestOAuthWindowURIWithResponse(ctx, docUser, docMember, &RequestOAuthWindowURIParams{ReferralSource: &app, UIMessageWebviewURLScheme: str("mx"), SkipAggregation: &no})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listMemberChallenges", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/challenges", query: pageQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListMemberChallengesWithResponse(ctx, docUser, docMember, &ListMemberChallengesParams{Page: page, RecordsPerPage: per})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listMemberChallenges", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/challenges", status: 204,
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListMemberChallengesWithResponse(ctx, docUser, docMember, nil)
				if err != nil {
					return 0, nil, err
				}
				if r.ApplicationVndMxAPIV1JSON200 != nil {
					t.Error("204 decoded a body")
				}
				return r.StatusCode(), nil, nil
			}},
		{op: "listMemberCredentials", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/credentials", query: pageQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListMemberCredentialsWithResponse(ctx, docUser, docMember, &ListMemberCredentialsParams{Page: page, RecordsPerPage: per})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listMembers", method: "GET", path: "/users/" + string(docUser) + "/members", query: pageQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListMembersWithResponse(ctx, docUser, &ListMembersParams{Page: page, RecordsPerPage: per})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "readMember", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember), status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ReadMemberWithResponse(ctx, docUser, docMember)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "readMemberStatus", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/status", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ReadMemberStatusWithResponse(ctx, docUser, docMember)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "resumeAggregation", method: "PUT", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/resume", request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.ResumeAggregationWithResponse(ctx, docUser, docMember, decodeInto[MemberResumeRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "updateMember", method: "PUT", path: "/users/" + string(docUser) + "/members/" + string(docMember), request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.UpdateMemberWithResponse(ctx, docUser, docMember, nil, decodeInto[MemberUpdateRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listTransactionsByAccount", method: "GET", path: "/users/" + string(docUser) + "/accounts/" + string(docAccount) + "/transactions", query: txQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListTransactionsByAccountWithResponse(ctx, docUser, docAccount, &ListTransactionsByAccountParams{Page: page, RecordsPerPage: per, FromDate: &from, ToDate: &to})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listTransactionsByMember", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/transactions", query: txQuery, status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ListTransactionsByMemberWithResponse(ctx, docUser, docMember, &ListTransactionsByMemberParams{Page: page, RecordsPerPage: per, FromDate: &from, ToDate: &to})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "listTransactions", method: "GET", path: "/users/" + string(docUser) + "/transactions", status: 200, response: "200.json",
			query: url.Values{"page": {"1"}, "records_per_page": {"10"}, "from_date": {from}, "to_date": {to}, "category_guid[]": {"CAT-1", "CAT-2"}},
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				cats := []string{"CAT-1", "CAT-2"}
				r, err := c.ListTransactionsWithResponse(ctx, docUser, &ListTransactionsParams{Page: page, RecordsPerPage: per, FromDate: &from, ToDate: &to, CategoryGUIDs: cats})
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "readTransaction", method: "GET", path: "/users/" + string(docUser) + "/transactions/" + string(docTransaction), status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.ReadTransactionWithResponse(ctx, docUser, docTransaction, nil)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "updateTransaction", method: "PUT", path: "/users/" + string(docUser) + "/transactions/" + string(docTransaction), request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.UpdateTransactionWithResponse(ctx, docUser, docTransaction, decodeInto[TransactionUpdateRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "createUser", method: "POST", path: "/users", request: "request.json", status: 200, response: "200.json",
			call: func(ctx context.Context, c *ClientWithResponses, b []byte) (int, any, error) {
				r, err := c.CreateUserWithResponse(ctx, decodeInto[UserCreateRequestBody](t, b))
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), r.ApplicationVndMxAPIV1JSON200, nil
			}},
		{op: "deleteUser", method: "DELETE", path: "/users/" + string(docUser), status: 204,
			call: func(ctx context.Context, c *ClientWithResponses, _ []byte) (int, any, error) {
				r, err := c.DeleteUserWithResponse(ctx, docUser)
				if err != nil {
					return 0, nil, err
				}
				return r.StatusCode(), nil, nil
			}},
	}
}

// TestGeneratedClientOperations calls every operation through the generated client against a
// server that checks the request (method, path, query, headers, body) and answers the
// operation's fixture, then compares the decoded response with the fixture.
func TestGeneratedClientOperations(t *testing.T) {
	cases := generatedCases(t)
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.op] = true
	}
	for _, op := range documentedOperations {
		if !covered[op] {
			t.Errorf("no test for %s", op)
		}
	}
	for _, tc := range cases {
		t.Run(tc.op+"/"+http.StatusText(tc.status), func(t *testing.T) {
			var reqBody, respBody []byte
			if tc.request != "" {
				reqBody = readFixture(t, tc.op, tc.request)
			}
			if tc.response != "" {
				respBody = readFixture(t, tc.op, tc.response)
			}
			srv := httptest.NewServer(expectRequest(t, tc.expectation(), reqBody, respBody, "client", "key"))
			defer srv.Close()
			c, err := NewClientWithResponses(srv.URL, WithRequestEditorFn(func(_ context.Context, r *http.Request) error {
				r.Header.Set("Accept", "application/vnd.mx.api.v1+json")
				r.SetBasicAuth("client", "key")
				return nil
			}))
			if err != nil {
				t.Fatal(err)
			}
			status, decoded, err := tc.call(context.Background(), c, reqBody)
			if err != nil {
				t.Fatal(err)
			}
			if status != tc.status {
				t.Fatalf("status %d, want %d", status, tc.status)
			}
			if respBody == nil {
				return
			}
			if isNil(decoded) {
				t.Fatal("no decoded body")
			}
			out, err := json.Marshal(decoded)
			if err != nil {
				t.Fatal(err)
			}
			if d := jsonDiff(respBody, out); d != "" {
				t.Errorf("decoded response differs from the fixture: %s", d)
			}
		})
	}
}

// expectation is what a fixture server checks of a request, and the status it answers.
type expectation struct {
	op, method, path string
	query            url.Values
	hasBody          bool
	status           int
}

func (tc generatedCase) expectation() expectation {
	return expectation{op: tc.op, method: tc.method, path: tc.path, query: tc.query, hasBody: tc.request != "", status: tc.status}
}

// expectRequest returns a handler that checks a request against e (method, path, query,
// credentials, Accept, Content-Type, body equal to reqBody by value) and answers e.status with
// respBody.
func expectRequest(t *testing.T, e expectation, reqBody, respBody []byte, user, pass string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != e.method {
			t.Errorf("method %s, want %s", r.Method, e.method)
		}
		if r.URL.Path != e.path {
			t.Errorf("path %s, want %s", r.URL.Path, e.path)
		}
		if got := r.URL.Query(); !sameQuery(got, e.query) {
			t.Errorf("query %v, want %v", got, e.query)
		}
		if got := r.Header.Get("Accept"); got != "application/vnd.mx.api.v1+json" {
			t.Errorf("Accept %q", got)
		}
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != pass {
			t.Errorf("basic auth %q %q %v", u, p, ok)
		}
		got, _ := io.ReadAll(r.Body)
		if e.hasBody {
			if ct := r.Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			if d := jsonDiff(reqBody, got); d != "" {
				t.Errorf("request body differs from the fixture: %s", d)
			}
		} else if len(got) != 0 {
			t.Errorf("unexpected request body %s", got)
		}
		if e.op == "requestWidgetURL" && r.Header.Get("Accept-Language") != "en-US" {
			t.Errorf("Accept-Language %q", r.Header.Get("Accept-Language"))
		}
		if respBody != nil {
			w.Header().Set("Content-Type", "application/vnd.mx.api.v1+json; charset=utf-8")
		}
		w.WriteHeader(e.status)
		_, _ = w.Write(respBody)
	}
}

func sameQuery(got, want url.Values) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		g := got[k]
		if len(g) != len(v) {
			return false
		}
		for i := range v {
			if g[i] != v[i] {
				return false
			}
		}
	}
	return true
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	b, _ := json.Marshal(v)
	return string(b) == "null"
}
