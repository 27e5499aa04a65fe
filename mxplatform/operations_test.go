package mxplatform

import (
	"encoding/json"
	"io"
	"net/http"
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

// operationCase is one operation against a server that checks its request and answers its
// fixture: what the operation must send, and the fixtures of its request and answer.
type operationCase struct {
	op       string
	method   string
	path     string
	query    url.Values
	request  string // request fixture of the operation, "" when it takes no body
	status   int
	response string // response fixture, "" when the status has no body
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

func pageParams() (*int, *int) {
	page, per := 1, 10
	return &page, &per
}

// inner decodes the member key of a JSON object, as MX wraps a resource: {"user": {...}}.
func inner[T any](t testing.TB, b []byte, key string) T {
	t.Helper()
	var v map[string]json.RawMessage
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return decodeInto[T](t, v[key])
}

func operationCases(t *testing.T) []operationCase {
	pageQuery := url.Values{"page": {"1"}, "records_per_page": {"10"}}
	from, to := "2015-09-20", "2019-10-20"
	txQuery := url.Values{"page": {"1"}, "records_per_page": {"10"}, "from_date": {from}, "to_date": {to}}
	return []operationCase{
		{op: "requestWidgetURL", method: "POST", path: "/users/" + string(docUser) + "/widget_urls", request: "request.json", status: 200, response: "200.json"},
		{op: "requestConnectWidgetURL", method: "POST", path: "/users/" + string(docUser) + "/connect_widget_url", request: "request.json", status: 200, response: "200.json"},
		{op: "listUserAccounts", method: "GET", path: "/users/" + string(docUser) + "/accounts", query: pageQuery, status: 200, response: "200.json"},
		{op: "readAccount", method: "GET", path: "/users/" + string(docUser) + "/accounts/" + string(docAccount), status: 200, response: "200.json"},
		{op: "updateAccountByMember", method: "PUT", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/accounts/" + string(docAccount), request: "request.json", status: 200, response: "200.json"},
		{op: "listFavoriteInstitutions", method: "GET", path: "/institutions/favorites", query: pageQuery, status: 200, response: "200.json"},
		{op: "listInstitutionCredentials", method: "GET", path: "/institutions/chase/credentials", query: pageQuery, status: 200, response: "200.json"},
		{op: "listInstitutions", method: "GET", path: "/institutions", status: 200, response: "200.json",
			query: url.Values{"name": {"chase"}, "page": {"1"}, "records_per_page": {"10"}, "supports_account_identification": {"true"},
				"supports_account_statement": {"true"}, "supports_account_verification": {"true"}, "supports_transaction_history": {"true"}}},
		{op: "readInstitution", method: "GET", path: "/institutions/chase", status: 200, response: "200.json"},
		{op: "readInstitution", method: "GET", path: "/institutions/chase", status: 404, response: "404.json"},
		{op: "aggregateMember", method: "POST", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/aggregate", status: 200, response: "200.json"},
		{op: "checkBalances", method: "POST", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/check_balance", status: 200, response: "200.json"},
		{op: "createMember", method: "POST", path: "/users/" + string(docUser) + "/members", request: "request.json", status: 200, response: "200.json"},
		{op: "deleteMember", method: "DELETE", path: "/users/" + string(docUser) + "/members/" + string(docMember), status: 204},
		{op: "requestOAuthWindowURI", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/oauth_window_uri", status: 200, response: "200.json",
			query: url.Values{"referral_source": {"APP"}, "ui_message_webview_url_scheme": {"mx"}, "skip_aggregation": {"false"}}},
		{op: "listMemberChallenges", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/challenges", query: pageQuery, status: 200, response: "200.json"},
		{op: "listMemberChallenges", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/challenges", status: 204},
		{op: "listMemberCredentials", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/credentials", query: pageQuery, status: 200, response: "200.json"},
		{op: "listMembers", method: "GET", path: "/users/" + string(docUser) + "/members", query: pageQuery, status: 200, response: "200.json"},
		{op: "readMember", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember), status: 200, response: "200.json"},
		{op: "readMemberStatus", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/status", status: 200, response: "200.json"},
		{op: "resumeAggregation", method: "PUT", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/resume", request: "request.json", status: 200, response: "200.json"},
		{op: "updateMember", method: "PUT", path: "/users/" + string(docUser) + "/members/" + string(docMember), request: "request.json", status: 200, response: "200.json"},
		{op: "listTransactionsByAccount", method: "GET", path: "/users/" + string(docUser) + "/accounts/" + string(docAccount) + "/transactions", query: txQuery, status: 200, response: "200.json"},
		{op: "listTransactionsByMember", method: "GET", path: "/users/" + string(docUser) + "/members/" + string(docMember) + "/transactions", query: txQuery, status: 200, response: "200.json"},
		{op: "listTransactions", method: "GET", path: "/users/" + string(docUser) + "/transactions", status: 200, response: "200.json",
			query: url.Values{"page": {"1"}, "records_per_page": {"10"}, "from_date": {from}, "to_date": {to}, "category_guid[]": {"CAT-1", "CAT-2"}}},
		{op: "readTransaction", method: "GET", path: "/users/" + string(docUser) + "/transactions/" + string(docTransaction), status: 200, response: "200.json"},
		{op: "updateTransaction", method: "PUT", path: "/users/" + string(docUser) + "/transactions/" + string(docTransaction), request: "request.json", status: 200, response: "200.json"},
		{op: "createUser", method: "POST", path: "/users", request: "request.json", status: 200, response: "200.json"},
		{op: "deleteUser", method: "DELETE", path: "/users/" + string(docUser), status: 204},
	}
}

// expectation is what a fixture server checks of a request, and the status it answers.
type expectation struct {
	op, method, path string
	query            url.Values
	hasBody          bool
	status           int
}

func (tc operationCase) expectation() expectation {
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
