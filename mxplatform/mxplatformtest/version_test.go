package mxplatformtest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// TestAcceptVersion sends the Accept-Version header in every form: the version the fake serves
// is served, another refused with 406 naming the supported one, none served for now; and
// kin-openapi's validation does not mind the header.
func TestAcceptVersion(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	cases := []struct {
		name   string
		header http.Header // added to the request as is, names not canonicalised
		status int
	}{
		{"the version served", http.Header{"Accept-Version": {"v20111101"}}, http.StatusOK},
		{"name in lower case", http.Header{"accept-version": {"v20111101"}}, http.StatusOK},
		{"name in upper case", http.Header{"ACCEPT-VERSION": {"v20111101"}}, http.StatusOK},
		{"spaces around the value", http.Header{"Accept-Version": {"  v20111101\t"}}, http.StatusOK},
		{"twice the version served", http.Header{"Accept-Version": {"v20111101", "v20111101"}}, http.StatusOK},
		{"no header", nil, http.StatusOK},
		{"a version not served", http.Header{"Accept-Version": {"v20250224"}}, http.StatusNotAcceptable},
		{"the version in upper case", http.Header{"Accept-Version": {"V20111101"}}, http.StatusNotAcceptable},
		{"empty", http.Header{"Accept-Version": {""}}, http.StatusNotAcceptable},
		{"a list", http.Header{"Accept-Version": {"v20111101, v20250224"}}, http.StatusNotAcceptable},
		{"the version served and another", http.Header{"Accept-Version": {"v20111101", "v20250224"}}, http.StatusNotAcceptable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, r := range []struct{ method, path, body string }{
				{"GET", "/institutions/mxbank", ""},
				{"POST", "/users", `{"user": {"metadata": "x"}}`}, // validated with its headers by kin-openapi
			} {
				req, err := http.NewRequest(r.method, srv.URL+r.path, strings.NewReader(r.body))
				if err != nil {
					t.Fatal(err)
				}
				req.SetBasicAuth(srv.ClientID, srv.APIKey)
				req.Header.Set("Accept", "application/vnd.mx.api.v1+json")
				req.Header.Set("Content-Type", "application/json")
				for k, v := range c.header {
					req.Header[k] = v
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Fatal(err)
				}
				raw := rawResponse{status: resp.StatusCode, header: resp.Header, body: body}
				if raw.status != c.status {
					t.Fatalf("%s %s answered %d %s, want %d", r.method, r.path, raw.status, raw.body, c.status)
				}
				if c.status == http.StatusNotAcceptable {
					if msg := raw.message(t); !strings.Contains(msg, "v20111101") || !strings.Contains(msg, "Accept-Version") {
						t.Errorf("message %q does not name the header and the supported version", msg)
					}
				}
			}
		})
	}
}

// TestMissingAcceptVersionCounted checks the count of requests without Accept-Version, per
// operation and for all, faulted and refused requests included.
func TestMissingAcceptVersionCounted(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithFaults(mxplatformtest.FaultRule{
		Operation: "listInstitutions", Times: 1, Fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable),
	}))
	versioned := map[string]string{"Accept-Version": "v20111101"}
	send := []request{
		{method: "GET", path: "/institutions"}, // faulted
		{method: "GET", path: "/institutions", header: versioned},
		{method: "GET", path: "/institutions"},
		{method: "GET", path: "/institutions", noAuth: true}, // refused with 401
		{method: "GET", path: "/institutions/mxbank", header: versioned},
		{method: "GET", path: "/nowhere"},
	}
	for _, r := range send {
		do(t, srv, r)
	}
	want := map[string]mxplatformtest.RequestStats{
		"listInstitutions": {Received: 4, Faulted: 1, Handled: 2, MissingAcceptVersion: 3},
		"readInstitution":  {Received: 1, Handled: 1},
		"":                 {Received: 1, MissingAcceptVersion: 1},
	}
	for op, w := range want {
		if got := srv.Fake.Requests(op); got != w {
			t.Errorf("Requests(%q) = %+v, want %+v", op, got, w)
		}
	}
	all := srv.Fake.RequestsByOperation()
	if len(all) != len(want) {
		t.Errorf("RequestsByOperation gave %d operations, want %d: %+v", len(all), len(want), all)
	}
	for op, w := range want {
		if all[op] != w {
			t.Errorf("RequestsByOperation()[%q] = %+v, want %+v", op, all[op], w)
		}
	}
}
