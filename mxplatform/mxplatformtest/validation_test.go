package mxplatformtest_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// TestInvalidRequests sends requests that MX refuses and checks each status and that the body
// is MX's error JSON with a message about the problem.
func TestInvalidRequests(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ug := newUser(t, mx)
	users := "/users/" + string(ug)
	long := strings.Repeat("x", 1025)

	cases := []struct {
		name   string
		req    request
		status int
		says   string // a part of the message
	}{
		{"page of the wrong type", request{method: "GET", path: "/institutions?page=abc"}, 400, `"page"`},
		{"records_per_page of the wrong type", request{method: "GET", path: users + "/members?records_per_page=ten"}, 400, `"records_per_page"`},
		{"boolean filter of the wrong type", request{method: "GET", path: "/institutions?supports_oauth=1&supports_account_verification=maybe", v1: true}, 400, `"supports_account_verification"`},
		{"product filter outside its enum", request{method: "GET", path: "/institutions?supported_products=history"}, 400, `"supported_products"`},
		{"boolean filter of the wrong type (v20250224)", request{method: "GET", path: users + "/accounts?is_manual=maybe"}, 400, `"is_manual"`},
		{"date of the wrong format", request{method: "GET", path: users + "/transactions?from_date=31/12/2024"}, 400, "from_date"},
		{"window that ends before it starts", request{method: "GET", path: users + "/transactions?from_date=2024-05-02&to_date=2024-05-01"}, 400, "before it starts"},
		{"header too long", request{method: "POST", path: users + "/members/MBR-x/aggregate", header: map[string]string{"X-Callback-Payload": long}}, 400, "X-CALLBACK-PAYLOAD"},
		{"missing body", request{method: "POST", path: "/users"}, 400, "body"},
		{"missing wrapper", request{method: "POST", path: "/users", body: `{"usr": {}}`}, 400, `"user"`},
		{"missing required field", request{method: "POST", path: users + "/members", body: `{"member": {"credentials": []}}`}, 400, "institution_code"},
		{"missing required field of a widget", request{method: "POST", path: users + "/widget_urls", body: `{"widget_url": {}}`}, 400, "widget_type"},
		{"empty member update", request{method: "PUT", path: users + "/members/MBR-x", body: `{"member": {}}`}, 400, "at least one field"},
		{"empty user update", request{method: "PUT", path: users, body: `{"user": {}}`}, 400, "at least one field"},
		{"missing answers", request{method: "PUT", path: users + "/members/MBR-x/resume", body: `{"member": {}}`}, 400, "challenges"},
		{"field of the wrong type", request{method: "POST", path: "/users", body: `{"user": {"id": 5}}`}, 400, "user.id"},
		{"boolean of the wrong type", request{method: "POST", path: "/users", body: `{"user": {"is_disabled": "yes"}}`}, 400, "is_disabled"},
		{"money of the wrong type", request{method: "PUT", path: users + "/members/MBR-x/accounts/ACT-x", body: `{"account": {"balance": "a lot"}}`}, 400, "balance"},
		{"value outside its enum", request{method: "POST", path: users + "/widget_urls", body: `{"widget_url": {"widget_type": "connect_widget", "color_scheme": "purple"}}`}, 400, "color_scheme"},
		{"malformed JSON", request{method: "POST", path: "/users", body: `{"user": {`}, 400, "not valid JSON"},
		{"not JSON at all", request{method: "POST", path: "/users", body: `user=ada`}, 400, "not valid JSON"},
		{"body of another media type", request{method: "POST", path: "/users", body: `{"user": {}}`, header: map[string]string{"Content-Type": "text/plain"}}, 400, "Content-Type"},
		{"body without Content-Type", request{method: "POST", path: "/users", body: `{"user": {}}`, header: map[string]string{"Content-Type": ""}}, 400, "Content-Type"},
		{"no authentication", request{method: "GET", path: "/institutions", noAuth: true}, 401, "MX-API-Key"},
		{"wrong API key", request{method: "GET", path: "/institutions", user: srv.ClientID, pass: "wrong"}, 401, "MX-API-Key"},
		{"wrong client ID", request{method: "GET", path: "/institutions", user: "someone-else", pass: srv.APIKey}, 401, "MX-API-Key"},
		{"bearer instead of basic", request{method: "GET", path: "/institutions", noAuth: true, header: map[string]string{"Authorization": "Bearer " + srv.APIKey}}, 401, "basic"},
		{"authentication before routing", request{method: "GET", path: "/no/such/thing", noAuth: true}, 401, "MX-API-Key"},
		{"v20111101 without Accept", request{method: "GET", path: "/institutions", v1: true, header: map[string]string{"Accept": ""}}, 406, "application/vnd.mx.api.v1+json"},
		{"v20111101 with plain JSON Accept", request{method: "GET", path: "/institutions", v1: true, header: map[string]string{"Accept": "application/json"}}, 406, "API version"},
		{"v20111101 with another vendor version", request{method: "GET", path: "/institutions", v1: true, header: map[string]string{"Accept": "application/vnd.mx.api.v2+json"}}, 406, "API version"},
		{"v20111101 with its type refused by quality", request{method: "GET", path: "/institutions", v1: true, header: map[string]string{"Accept": "application/vnd.mx.api.v1+json;q=0"}}, 406, "API version"},
		{"v20111101 with any type", request{method: "GET", path: "/institutions", v1: true, header: map[string]string{"Accept": "*/*"}}, 406, "API version"},
		{"v20250224 with the vendor type of v20111101", request{method: "GET", path: "/institutions", header: map[string]string{"Accept": "application/vnd.mx.api.v1+json"}}, 406, "application/json"},
		{"v20250224 with JSON refused by quality", request{method: "GET", path: "/institutions", header: map[string]string{"Accept": "application/json;q=0"}}, 406, "application/json"},
		{"v20250224 accepting HTML only", request{method: "GET", path: "/institutions", header: map[string]string{"Accept": "text/html"}}, 406, "application/json"},
		{"unknown path", request{method: "GET", path: "/accounts"}, 404, "/accounts"},
		{"path with a trailing slash", request{method: "GET", path: "/institutions/"}, 404, "/institutions/"},
		{"path that is not clean", request{method: "GET", path: users + "/../../institutions"}, 404, ""},
		{"method not allowed", request{method: "DELETE", path: "/institutions"}, 405, "GET"},
		{"unknown user", request{method: "GET", path: "/users/USR-nope/members"}, 404, "User"},
		{"unknown member", request{method: "GET", path: users + "/members/MBR-nope"}, 404, "Member"},
		{"unknown account", request{method: "GET", path: users + "/accounts/ACT-nope"}, 404, "Account"},
		{"unknown transaction", request{method: "GET", path: users + "/transactions/TRN-nope"}, 404, "Transaction"},
		{"unknown institution", request{method: "GET", path: "/institutions/nobank"}, 404, "Unrecognized institution."},
		{"member of an unknown institution", request{method: "POST", path: users + "/members", body: `{"member": {"institution_code": "nobank"}}`}, 404, "Unrecognized institution."},
		{"unknown credential", request{method: "POST", path: users + "/members", body: `{"member": {"institution_code": "mxbank", "credentials": [{"guid": "CRD-nope", "value": "x"}]}}`}, 400, "CRD-nope"},
		{"missing credentials", request{method: "POST", path: users + "/members", body: `{"member": {"institution_code": "mxbank"}}`}, 400, "Missing credential"},
		{"OAuth at an institution without OAuth", request{method: "POST", path: users + "/members", body: `{"member": {"institution_code": "mxbank", "is_oauth": true}}`}, 400, "OAuth"},
		{"credentials at an OAuth-only institution", request{method: "POST", path: users + "/members", body: `{"member": {"institution_code": "mx_bank_oauth"}}`}, 400, "is_oauth"},
		{"widget for another user's member", request{method: "POST", path: users + "/widget_urls", body: `{"widget_url": {"widget_type": "connect_widget", "current_member_guid": "MBR-nope"}}`}, 404, "Member"},
		{"update of an unknown transaction", request{method: "PUT", path: users + "/transactions/TRN-nope", body: `{"transaction": {"description": "x"}}`}, 404, "Transaction"},
		{"update without description", request{method: "PUT", path: users + "/transactions/TRN-nope", body: `{"transaction": {"memo": "x"}}`}, 400, "description"},
		{"unknown transaction in v20111101", request{method: "PUT", path: users + "/transactions/TRN-nope", body: `{"transaction": {"memo": "x"}}`, v1: true}, 404, "Transaction"},
		{"operation of v20111101 only", request{method: "POST", path: users + "/connect_widget_url", body: `{"config": {}}`}, 404, "v20250224"},
		{"operation of v20250224 only", request{method: "GET", path: "/merchants", v1: true}, 404, "v20111101"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, srv, c.req)
			if r.status != c.status {
				t.Fatalf("%s %s answered %d %s, want %d", c.req.method, c.req.path, r.status, r.body, c.status)
			}
			if msg := r.message(t); !strings.Contains(msg, c.says) {
				t.Errorf("message %q does not mention %q", msg, c.says)
			}
			switch c.status {
			case 401:
				if r.header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			case 405:
				if r.header.Get("Allow") != "GET" {
					t.Errorf("Allow = %q", r.header.Get("Allow"))
				}
			}
		})
	}

	// The same server answers good requests, with or without extra Accept types: v20111101's
	// must name its vendor type, v20250224's may name JSON, a range covering it, or nothing.
	r := do(t, srv, request{method: "GET", path: "/institutions", v1: true, header: map[string]string{"Accept": "text/html, application/vnd.mx.api.v1+json; charset=utf-8"}})
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.mx.api.v1+json" {
		t.Errorf("v20111101 with an Accept list naming its type answered %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	for _, accept := range []string{"", "application/json", "*/*", "application/*", "text/html, application/json;q=0.5"} {
		r := do(t, srv, request{method: "GET", path: "/institutions", header: map[string]string{"Accept": accept}})
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json" {
			t.Errorf("v20250224 with Accept %q answered %d %s %s", accept, r.status, r.header.Get("Content-Type"), r.body)
		}
	}
}

// TestInvalidRequestsThroughTheSDK checks that the SDK sees the fake's refusals as MX's.
func TestInvalidRequestsThroughTheSDK(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()

	wrong, err := mxplatform.New(mxplatform.WithServerURL(srv.URL), mxplatform.WithCredentials(srv.ClientID, "wrong-key"), noRetries)
	if err != nil {
		t.Fatal(err)
	}
	_, err = wrong.ListInstitutions(ctx, nil)
	if e := wantStatusErr(t, err, http.StatusUnauthorized); !strings.Contains(e.Error(), "401") {
		t.Errorf("error %q", e)
	}
	_, err = mx.ListInstitutions(ctx, nil, mxplatform.WithHeader("Accept", "application/vnd.mx.api.v1+json"))
	wantStatusErr(t, err, http.StatusNotAcceptable)
	_, err = mx.ReadMember(ctx, mxplatform.UserGUID("USR-nope"), mxplatform.MemberGUID("MBR-nope"))
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.CreateMember(ctx, newUser(t, mx), mxplatform.MemberCreateRequest{InstitutionCode: "mxbank"}, nil)
	wantStatusErr(t, err, http.StatusBadRequest)
}

func TestPartnerIDsAreUnique(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()

	if _, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-1"))}); err != nil {
		t.Fatal(err)
	}
	_, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-1"))})
	if e := wantStatusErr(t, err, http.StatusConflict); !strings.Contains(e.Message, "u-1") {
		t.Errorf("message %q does not name the id", e.Message)
	}
	if c := srv.Fake.Counts(); c.Users != 1 {
		t.Errorf("a refused user was stored: %+v", c)
	}

	ug := newUser(t, mx)
	creds := credentials(t, mx, "mxbank", mxplatformtest.PasswordConnect)
	old := newAPIV1(t, srv) // v20111101 takes skip_aggregation
	create := func(id mxplatform.MemberID) (*mxplatform.Member, error) {
		return old.CreateMember(ctx, ug, v20111101.MemberCreateRequest{
			InstitutionCode: "mxbank", Credentials: creds, ID: &id, SkipAggregation: mxplatform.Ptr(true),
		}, nil)
	}
	m1, err := create("m-1")
	if err != nil {
		t.Fatal(err)
	}
	if status(m1) != mxplatform.ConnectionStatusCreated || m1.IsBeingAggregated.Value() {
		t.Errorf("member with skip_aggregation = %s, aggregating %v; want CREATED, idle", status(m1), m1.IsBeingAggregated.Value())
	}
	_, err = create("m-1")
	wantStatusErr(t, err, http.StatusConflict)
	m2, err := create("m-2")
	if err != nil {
		t.Fatal(err)
	}
	_, err = mx.UpdateMember(ctx, ug, m2.GUID, mxplatform.MemberUpdateRequest{ID: mxplatform.Ptr(mxplatform.MemberID("m-1"))})
	wantStatusErr(t, err, http.StatusConflict)
	if _, err := mx.UpdateMember(ctx, ug, m2.GUID, mxplatform.MemberUpdateRequest{ID: mxplatform.Ptr(mxplatform.MemberID("m-2"))}); err != nil {
		t.Errorf("keeping a member's own id: %v", err)
	}

	// Another user's members do not count, and a deleted user's id is free again.
	other := newUser(t, mx)
	if _, err := mx.CreateMember(ctx, other, mxplatform.MemberCreateRequest{
		InstitutionCode: "mxbank", Credentials: creds, ID: mxplatform.Ptr(mxplatform.MemberID("m-1")),
	}, nil); err != nil {
		t.Errorf("the same member id at another user: %v", err)
	}
	u, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-2"))})
	if err != nil {
		t.Fatal(err)
	}
	_, err = mx.UpdateUser(ctx, u.GUID, mxplatform.UserUpdateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-1"))})
	wantStatusErr(t, err, http.StatusConflict)
	if _, err := mx.UpdateUser(ctx, u.GUID, mxplatform.UserUpdateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-3"))}); err != nil {
		t.Fatalf("a new id: %v", err)
	}
	if got, err := mx.ReadUser(ctx, mxplatform.UserID("u-3")); err != nil || got.GUID != u.GUID {
		t.Errorf("ReadUser by the new id = %+v, %v", got, err)
	}
	_, err = mx.ReadUser(ctx, mxplatform.UserID("u-2"))
	wantStatusErr(t, err, http.StatusNotFound)
	if err := mx.DeleteUser(ctx, mxplatform.UserID("u-3")); err != nil {
		t.Fatal(err)
	}
	if _, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-3"))}); err != nil {
		t.Errorf("the id of a deleted user: %v", err)
	}
}

func TestMemberLimit(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	creds := credentials(t, mx, "mxbank", mxplatformtest.PasswordConnect)
	old := newAPIV1(t, srv) // v20111101 takes skip_aggregation, which spares 25 aggregations
	member := v20111101.MemberCreateRequest{InstitutionCode: "mxbank", Credentials: creds, SkipAggregation: mxplatform.Ptr(true)}
	for i := range 25 {
		if _, err := old.CreateMember(ctx, ug, member, nil); err != nil {
			t.Fatalf("member %d: %v", i+1, err)
		}
	}
	// The member of manual accounts does not count.
	if _, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{Name: "Cash", AccountType: mxplatform.AccountTypeCash}); err != nil {
		t.Fatal(err)
	}
	_, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{InstitutionCode: "mxbank", Credentials: creds}, nil)
	wantStatusErr(t, err, http.StatusUnprocessableEntity)
}
