package mxplatformtest_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// TestHostileRequests sends requests meant to break a server. Each must get an answer with a
// status below 500 and, for failures, MX's error JSON.
func TestHostileRequests(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ug, mg := connectedUser(t, srv, mx)
	accts, err := mx.ListUserAccounts(t.Context(), ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	acct := "/users/" + string(ug) + "/members/" + string(mg) + "/accounts/" + string(accts.Items[0].GUID)
	users := "/users/" + string(ug)

	cases := []struct {
		name   string
		req    request
		status int
	}{
		{"callback payload at the limit", request{method: "POST", path: users + "/members/" + string(mg) + "/aggregate", header: map[string]string{"X-Callback-Payload": strings.Repeat("A", 1024)}}, 200},
		{"body over a megabyte", request{method: "POST", path: "/users", body: `{"user": {"metadata": "` + strings.Repeat("a", 2<<20) + `"}}`}, 413},
		{"body over 64 KiB", request{method: "POST", path: "/users", body: `{"user": {"metadata": "` + strings.Repeat("a", 64<<10) + `"}}`}, 413},
		{"a hundred thousand values", request{method: "POST", path: "/users/" + string(ug) + "/members", body: `{"member": {"institution_code": "mxbank", "credentials": [` + strings.Repeat("{},", 100000) + `{}]}}`}, 413},
		{"deeply nested JSON", request{method: "POST", path: "/users", body: strings.Repeat("[", 100000) + strings.Repeat("]", 100000)}, 413},
		{"nested JSON within the bounds", request{method: "POST", path: "/users", body: strings.Repeat("[", 30) + strings.Repeat("]", 30)}, 400},
		{"invalid UTF-8", request{method: "POST", path: "/users", body: "{\"user\": {\"id\": \"\xff\xfe\"}}"}, 200},
		{"NUL in the path", request{method: "GET", path: "/users/%00/members"}, 404},
		{"encoded slash in a GUID", request{method: "GET", path: "/users/USR-a%2Fb/members"}, 404},
		{"very long path", request{method: "GET", path: "/users/" + strings.Repeat("x", 8000) + "/members"}, 404},
		{"huge page", request{method: "GET", path: "/institutions?page=9223372036854775807"}, 200},
		{"page past int64", request{method: "GET", path: "/institutions?page=99999999999999999999"}, 400},
		{"negative page", request{method: "GET", path: "/institutions?page=-5&records_per_page=-5"}, 200},
		{"repeated parameter", request{method: "GET", path: "/institutions?page=1&page=2"}, 400},
		{"tiny amount", request{method: "PUT", path: acct, body: `{"account": {"balance": 1e-1000000000}}`, v1: true}, 400},
		{"huge amount", request{method: "PUT", path: acct, body: `{"account": {"balance": 1e1000000000}}`, v1: true}, 400},
		{"long amount", request{method: "PUT", path: acct, body: `{"account": {"balance": 1` + strings.Repeat("0", 400) + `}}`, v1: true}, 400},
		{"ordinary amount", request{method: "PUT", path: acct, body: `{"account": {"balance": 1234567.89}}`, v1: true}, 200},
		{"amount on an aggregated account", request{method: "PUT", path: acct, body: `{"account": {"balance": 1.5}}`}, 400},
		{"tiny amount of a manual account", request{method: "POST", path: users + "/accounts", body: `{"account": {"name": "x", "account_type": "CASH", "balance": 1e-1000000000}}`}, 400},
		{"null body", request{method: "POST", path: "/users", body: `null`}, 400},
		{"array body", request{method: "POST", path: "/users", body: `[]`}, 400},
		{"null wrapper", request{method: "PUT", path: users + "/members/" + string(mg), body: `{"member": null}`}, 400},
		{"duplicate keys", request{method: "POST", path: "/users", body: `{"user": {"id": "a"}, "user": {"id": 5}}`}, 400},
		{"garbage basic auth", request{method: "GET", path: "/institutions", noAuth: true, header: map[string]string{"Authorization": "Basic !!!"}}, 401},
		{"basic auth without colon", request{method: "GET", path: "/institutions", noAuth: true, header: map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("nocolon"))}}, 401},
		{"garbage Accept", request{method: "GET", path: "/institutions", header: map[string]string{"Accept": ";;;=,,"}}, 406},
		{"odd method", request{method: "BREW", path: "/institutions"}, 405},
		{"OAuth window of nobody", request{method: "POST", path: "/oauth/predirect_to/x/y/z", noAuth: true}, 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, srv, c.req)
			if r.status != c.status {
				t.Fatalf("answered %d %.300s, want %d", r.status, r.body, c.status)
			}
			if r.status >= 400 && !strings.HasPrefix(c.req.path, "/oauth/") {
				r.message(t)
			}
		})
	}
	if got, err := mx.ReadAccount(t.Context(), ug, accts.Items[0].GUID); err != nil || got.Balance.Value().String() != "1234567.89" {
		t.Errorf("after the hostile amounts: %v, %v", got, err)
	}
}

// FuzzServeHTTP feeds arbitrary requests to the fake in process: it must never panic, and must
// answer every failure with MX's error JSON.
func FuzzServeHTTP(f *testing.F) {
	fake, err := mxplatformtest.NewFake(mxplatformtest.WithStepInterval(0))
	if err != nil {
		f.Fatal(err)
	}
	user, err := fake.AddUser(mxplatform.User{})
	if err != nil {
		f.Fatal(err)
	}
	member, err := fake.AddMember(user.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		f.Fatal(err)
	}
	u, m := string(user.GUID), string(member.GUID)
	for _, old := range []bool{false, true} {
		f.Add("POST", "/users", `{"user": {"id": "x"}}`, old)
		f.Add("POST", "/users/"+u+"/members", `{"member": {"institution_code": "mxbank", "credentials": [{"guid": "x", "value": "y"}]}}`, old)
		f.Add("PUT", "/users/"+u+"/members/"+m+"/resume", `{"member": {"challenges": [{"guid": "CRD-x", "value": "correct"}]}}`, old)
		f.Add("PUT", "/users/"+u+"/members/"+m, `{"member": {"credentials": [], "id": ""}}`, old)
		f.Add("GET", "/users/"+u+"/transactions?from_date=2024-02-30&to_date=2024-01-01&category_guid[]=x&includes=merchant,,", "", old)
		f.Add("GET", "/users/"+u+"/members/"+m+"/oauth_window_uri?referral_source=APP&skip_aggregation=true", "", old)
		f.Add("POST", "/users/"+u+"/widget_urls", `{"widget_url": {"widget_type": "connect_widget", "current_member_guid": "`+m+`"}}`, old)
		f.Add("DELETE", "/users/"+u, "", old)
	}
	f.Add("POST", "/users/"+u+"/accounts", `{"account": {"name": "x", "account_type": "CASH", "balance": 1e9}}`, false)
	f.Add("POST", "/users/"+u+"/accounts/merge", `{"account": {"account_guids": ["a", "a"]}}`, false)
	f.Add("POST", "/users/"+u+"/categories", `{"category": {"name": "x", "parent_guid": "CAT-x"}}`, false)
	f.Add("GET", "/users/"+u+"/members/"+m+"/statements/STA-x.pdf", "", false)
	f.Add("POST", "/users/"+u+"/members/"+m+"/verify", "", false)
	f.Fuzz(func(t *testing.T, method, path, body string, old bool) {
		req, err := http.NewRequest(method, "http://fake.test"+path, strings.NewReader(body))
		if err != nil || !strings.HasPrefix(req.URL.Path, "/") || strings.HasPrefix(req.URL.Path, "/oauth/") || strings.HasPrefix(req.URL.Path, "/md/") {
			return
		}
		req.SetBasicAuth(fake.ClientID(), fake.APIKey())
		req.Header.Set("Accept-Version", mxplatform.APIVersion)
		if old {
			req.Header.Set("Accept-Version", "v20111101")
			req.Header.Set("Accept", "application/vnd.mx.api.v1+json")
		}
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		fake.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q: %d %s", method, path, body, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var v struct {
				Error struct {
					Message string `json:"message"`
				} `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || v.Error.Message == "" {
				t.Fatalf("%s %s: %d without MX's error JSON: %q", method, path, rec.Code, rec.Body)
			}
		} else if rec.Code != http.StatusNoContent && rec.Header().Get("Content-Type") != "application/vnd.mx.api.v1+pdf" && !json.Valid(bytes.TrimSpace(rec.Body.Bytes())) {
			t.Fatalf("%s %s: %d with a body that is not JSON", method, path, rec.Code)
		}
	})
}

// TestOAuthWindowBoundsItsForm posts a large form to an OAuth window: it is refused with 413,
// without parsing it, and the window stays open.
func TestOAuthWindowBoundsItsForm(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ug := newUser(t, mx)
	m, err := mx.CreateMember(t.Context(), ug, mxplatform.MemberCreateRequest{
		InstitutionCode: mxplatformtest.OAuthTestBankCode, IsOAuth: mxplatform.Ptr(true),
	}, nil)
	if err != nil || m.OAuthWindowURI == "" {
		t.Fatalf("CreateMember OAuth = %+v, %v", m, err)
	}
	uri := m.OAuthWindowURI
	for _, form := range []struct{ contentType, body string }{
		{"application/x-www-form-urlencoded", "action=deny&" + strings.Repeat("a&", 500000)},
		{"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ndeny\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n\r\n" + strings.Repeat("a", 1<<20) + "\r\n--b--\r\n"},
	} {
		resp, err := http.Post(uri, form.contentType, strings.NewReader(form.body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("a form of %d bytes (%s) answered %d, want 413", len(form.body), form.contentType, resp.StatusCode)
		}
	}
	if s := readStatus(t, mx, ug, m.GUID); s != mxplatform.ConnectionStatusPending {
		t.Errorf("after the refused forms the member is %s, want PENDING", s)
	}
	resp, err := http.PostForm(uri, url.Values{"action": {"deny"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s := readStatus(t, mx, ug, m.GUID); resp.StatusCode != http.StatusOK || s != mxplatform.ConnectionStatusDenied {
		t.Errorf("denying in the window answered %d and left the member %s, want 200 and DENIED", resp.StatusCode, s)
	}
}

// TestHeaderBytesAreBounded sends request lines and headers past 64 KiB, which the server
// refuses with net/http's 431 before parsing them, and a request just under.
func TestHeaderBytesAreBounded(t *testing.T) {
	srv := mxplatformtest.NewServer(t)
	cases := []struct {
		name   string
		req    request
		status int
	}{
		{"many headers", request{method: "GET", path: "/institutions", header: manyHeaders(100 << 10)}, http.StatusRequestHeaderFieldsTooLarge},
		{"many query parameters", request{method: "GET", path: "/institutions?" + strings.Repeat("a&", 50<<10)}, http.StatusRequestHeaderFieldsTooLarge},
		{"headers under 64 KiB", request{method: "GET", path: "/institutions", header: manyHeaders(56 << 10)}, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if r := do(t, srv, c.req); r.status != c.status {
				t.Errorf("answered %d, want %d", r.status, c.status)
			}
		})
	}
}

// manyHeaders returns about size bytes of distinct short headers.
func manyHeaders(size int) map[string]string {
	h := map[string]string{}
	for i := 0; size > 0; i++ {
		k := fmt.Sprintf("X-H%d", i)
		h[k] = "v"
		size -= len(k) + len(": v\r\n")
	}
	return h
}
