package mxplatformtest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// TestAcceptVersion sends the Accept-Version header in every form: each version served is
// served in its media type; a request without the header answers 400 saying that it is required
// and which versions are served; another version, or two different ones, 406 naming the
// versions served. kin-openapi's validation does not mind the header.
func TestAcceptVersion(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	vendor := http.Header{"Accept": {"application/vnd.mx.api.v1+json"}}
	cases := []struct {
		name   string
		header http.Header // added to the request as is, names not canonicalised
		status int
		answer string // the media type of the answer
	}{
		{"the current version", http.Header{"Accept-Version": {current}}, http.StatusOK, "application/json"},
		{"name in lower case", http.Header{"accept-version": {current}}, http.StatusOK, "application/json"},
		{"name in upper case", http.Header{"ACCEPT-VERSION": {current}}, http.StatusOK, "application/json"},
		{"spaces around the value", http.Header{"Accept-Version": {"  " + current + "\t"}}, http.StatusOK, "application/json"},
		{"twice the current version", http.Header{"Accept-Version": {current, current}}, http.StatusOK, "application/json"},
		{"v20111101 with its vendor type", http.Header{"Accept-Version": {v1}, "Accept": vendor["Accept"]}, http.StatusOK, "application/vnd.mx.api.v1+json"},
		{"v20111101 with JSON", http.Header{"Accept-Version": {v1}, "Accept": {"application/json"}}, http.StatusNotAcceptable, "application/vnd.mx.api.v1+json"},
		{"no header", nil, http.StatusBadRequest, "application/json"},
		{"no header but the vendor type", vendor, http.StatusBadRequest, "application/json"},
		{"a version not served", http.Header{"Accept-Version": {"v20260430"}}, http.StatusNotAcceptable, "application/json"},
		{"the version in upper case", http.Header{"Accept-Version": {"V20250224"}}, http.StatusNotAcceptable, "application/json"},
		{"empty", http.Header{"Accept-Version": {""}}, http.StatusNotAcceptable, "application/json"},
		{"a list", http.Header{"Accept-Version": {"v20111101, v20250224"}}, http.StatusNotAcceptable, "application/json"},
		{"two versions", http.Header{"Accept-Version": {v1, current}}, http.StatusNotAcceptable, "application/json"},
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
				raw := rawResponse{status: resp.StatusCode, header: resp.Header, body: body, version: strings.Join(req.Header.Values("Accept-Version"), ",")}
				if raw.status != c.status {
					t.Fatalf("%s %s answered %d %s, want %d", r.method, r.path, raw.status, raw.body, c.status)
				}
				if ct := raw.header.Get("Content-Type"); ct != c.answer {
					t.Errorf("%s %s answered %s, want %s", r.method, r.path, ct, c.answer)
				}
				if c.status == http.StatusOK {
					continue
				}
				msg := raw.message(t)
				switch c.status {
				case http.StatusBadRequest:
					if !strings.Contains(msg, "Accept-Version") || !strings.Contains(msg, "required") || !strings.Contains(msg, current) || !strings.Contains(msg, v1) {
						t.Errorf("message %q does not say that Accept-Version is required, nor name the versions", msg)
					}
				case http.StatusNotAcceptable:
					if c.header.Get("Accept-Version") != v1 && (!strings.Contains(msg, "Accept-Version") || !strings.Contains(msg, current) || !strings.Contains(msg, v1)) {
						t.Errorf("message %q does not name the header and the versions served", msg)
					}
				}
			}
		})
	}
}

// TestMissingAcceptVersionCounted checks the count of requests without Accept-Version, per
// operation and for all, faulted and refused requests included: the fake refuses them (400),
// and still counts them by the operation they name.
func TestMissingAcceptVersionCounted(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithFaults(mxplatformtest.FaultRule{
		Operation: "listInstitutions", Times: 1, Fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable),
	}))
	unversioned := map[string]string{"Accept-Version": ""}
	send := []struct {
		r      request
		status int
	}{
		{request{method: "GET", path: "/institutions", header: unversioned}, 503}, // faulted
		{request{method: "GET", path: "/institutions"}, 200},
		{request{method: "GET", path: "/institutions", header: unversioned}, 400},
		{request{method: "GET", path: "/institutions", noAuth: true, header: unversioned}, 401},
		{request{method: "GET", path: "/institutions/mxbank", v1: true}, 200},
		{request{method: "POST", path: "/users/USR-x/connect_widget_url", header: unversioned}, 400}, // v20111101's only
		{request{method: "GET", path: "/nowhere", header: unversioned}, 400},
	}
	for _, s := range send {
		if r := do(t, srv, s.r); r.status != s.status {
			t.Errorf("%s %s %v answered %d %s, want %d", s.r.method, s.r.path, s.r.header, r.status, r.body, s.status)
		}
	}
	want := map[string]mxplatformtest.RequestStats{
		"listInstitutions":        {Received: 4, Faulted: 1, Handled: 1, MissingAcceptVersion: 3},
		"readInstitution":         {Received: 1, Handled: 1},
		"requestConnectWidgetURL": {Received: 1, MissingAcceptVersion: 1},
		"":                        {Received: 1, MissingAcceptVersion: 1},
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

// TestVersionsShareState uses one fake through both versions: a member created with one is
// read, aggregated and answered through the other, and each version renders the same records in
// its own models (v20111101's accounts have feed_*, *_set_by and institution_guid, v20250224's
// do not).
func TestVersionsShareState(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx, old := newAPI(t, srv), newAPIV1(t, srv)
	ctx := context.Background()

	// Created with v20111101, challenged, answered with v20250224.
	user, err := old.CreateUser(ctx, v20111101.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("both"))})
	if err != nil {
		t.Fatal(err)
	}
	ug := user.GUID
	m, err := old.CreateMember(ctx, ug, v20111101.MemberCreateRequest{InstitutionCode: "mxbank", Credentials: credentials(t, mx, "mxbank", mxplatformtest.PasswordChallenge)}, nil)
	if err != nil || status(m) != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("v20111101 CreateMember = %+v, %v", m, err)
	}
	if r, err := mx.WaitForJob(ctx, mxplatform.UserID("both"), m.GUID, quickWait); err != nil || !r.Connected() {
		t.Fatalf("v20250224 answering the challenge = %+v, %v", r, err)
	}
	if s, err := old.ReadMemberStatus(ctx, ug, m.GUID); err != nil || s.ConnectionStatus != mxplatform.ConnectionStatusConnected || !s.HasProcessedTransactions.Value() {
		t.Fatalf("v20111101 ReadMemberStatus after v20250224 answered = %+v, %v", s, err)
	}

	// Aggregated with v20250224, then answered with v20111101.
	if res, err := mx.AggregateMember(ctx, ug, m.GUID); err != nil || status(res.Member) != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("v20250224 AggregateMember = %+v, %v", res, err)
	}
	if r, err := old.WaitForJob(ctx, ug, m.GUID, quickWait); err != nil || !r.Connected() {
		t.Fatalf("v20111101 answering the challenge = %+v, %v", r, err)
	}
	if _, err := old.CheckBalances(ctx, ug, m.GUID); err != nil {
		t.Fatalf("v20111101 CheckBalances: %v", err)
	}
	_, err = mx.VerifyMember(ctx, ug, m.GUID)
	wantStatusErr(t, err, http.StatusConflict) // the balance check of v20111101 waits for its answer
	if r, err := mx.WaitForJob(ctx, ug, m.GUID, quickWait); err != nil || !r.Connected() {
		t.Fatalf("v20250224 answering v20111101's balance check = %+v, %v", r, err)
	}

	// Both list the same members, accounts and transactions, each in its own models.
	curAccts, err := mx.ListUserAccounts(ctx, ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	oldAccts, err := old.ListUserAccounts(ctx, ug, nil)
	if err != nil || len(oldAccts.Items) != len(curAccts.Items) {
		t.Fatalf("v20111101 lists %d accounts, v20250224 %d (%v)", len(oldAccts.Items), len(curAccts.Items), err)
	}
	for i, a := range oldAccts.Items {
		c := curAccts.Items[i]
		if a.GUID != c.GUID || !a.Balance.Value().Equal(c.Balance.Value()) || a.Name != c.Name || a.Type != c.Type {
			t.Errorf("account %d: v20111101 %+v, v20250224 %+v", i, a, c)
		}
		if a.InstitutionGUID == "" || a.FeedName != c.Name || a.NameSetBy.Value() != mxplatform.SetByFeed || a.CurrencyCodeSetBy.Value() != mxplatform.SetBySystem || !a.FeedBalance.Value().Equal(c.Balance.Value()) {
			t.Errorf("v20111101's own fields of account %d: institution_guid %q feed_name %q name_set_by %v currency_code_set_by %v feed_balance %v",
				i, a.InstitutionGUID, a.FeedName, a.NameSetBy, a.CurrencyCodeSetBy, a.FeedBalance)
		}
	}
	for version, r := range map[string]rawResponse{
		current: do(t, srv, request{method: "GET", path: "/users/" + string(ug) + "/accounts"}),
		v1:      do(t, srv, request{method: "GET", path: "/users/" + string(ug) + "/accounts", v1: true}),
	} {
		var page struct {
			Accounts []map[string]json.RawMessage `json:"accounts"`
		}
		if err := json.Unmarshal(r.body, &page); err != nil || len(page.Accounts) == 0 {
			t.Fatalf("%s accounts: %v %s", version, err, r.body)
		}
		_, feed := page.Accounts[0]["feed_balance"]
		_, instGUID := page.Accounts[0]["institution_guid"]
		_, setBy := page.Accounts[0]["balance_set_by"]
		if want := version == v1; feed != want || instGUID != want || setBy != want {
			t.Errorf("%s accounts: feed_balance %v, institution_guid %v, balance_set_by %v; want %v", version, feed, instGUID, setBy, want)
		}
	}

	// A change through one version shows through the other: v20111101 sets what v20250224
	// refuses on an aggregated account, and the feed keeps what the institution sent.
	acct := oldAccts.Items[0]
	if _, err := old.UpdateAccountByMember(ctx, ug, m.GUID, acct.GUID, v20111101.AccountUpdateRequest{Name: mxplatform.Ptr("Bills")}); err != nil {
		t.Fatal(err)
	}
	if got, err := mx.ReadAccountByMember(ctx, mxplatform.UserID("both"), m.GUID, acct.GUID); err != nil || got.Name != "Bills" {
		t.Errorf("v20250224 after v20111101's update = %+v, %v", got, err)
	}
	if got, err := old.ReadAccount(ctx, ug, acct.GUID); err != nil || got.Name != "Bills" || got.FeedName != acct.FeedName || got.NameSetBy.IsSet() {
		t.Errorf("v20111101 after its update: name %q feed_name %q name_set_by %v, %v", got.Name, got.FeedName, got.NameSetBy, err)
	}
	txns, err := old.ListTransactionsByAccount(ctx, ug, acct.GUID, nil)
	if err != nil || len(txns.Items) == 0 {
		t.Fatalf("v20111101 transactions = %+v, %v", txns, err)
	}
	if _, err := mx.UpdateTransaction(ctx, ug, txns.Items[0].GUID, mxplatform.TransactionUpdateRequest{Description: "Renamed"}); err != nil {
		t.Fatal(err)
	}
	if got, err := old.ReadTransaction(ctx, ug, txns.Items[0].GUID, nil); err != nil || got.Description != "Renamed" || !got.Amount.Value().Equal(txns.Items[0].Amount.Value()) {
		t.Errorf("v20111101 after v20250224's update = %+v, %v", got, err)
	}

	// Deleted with v20250224, gone from v20111101.
	if err := mx.DeleteMember(ctx, mxplatform.UserID("both"), m.GUID); err != nil {
		t.Fatal(err)
	}
	_, err = old.ReadMember(ctx, ug, m.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
}

// TestIdentifiers names objects in every way each path allows: v20250224's *_identifier
// parameters take the partner-defined id or MX's GUID (an institution, its code or its GUID);
// its *_guid parameters, and every path of v20111101, take the GUID only.
func TestIdentifiers(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx, old := newAPI(t, srv), newAPIV1(t, srv)
	ctx := context.Background()
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-ident"))})
	if err != nil {
		t.Fatal(err)
	}
	uid, ug := mxplatform.UserID("u-ident"), user.GUID
	mid := mxplatform.MemberID("m-ident")
	m, err := mx.CreateMember(ctx, uid, mxplatform.MemberCreateRequest{InstitutionCode: "mxbank", Credentials: credentials(t, mx, "mxbank", "password"), ID: &mid}, nil)
	if err != nil {
		t.Fatal(err)
	}
	acct, err := srv.Fake.AddAccount(ug, m.GUID, mxplatform.Account{ID: "a-ident", Name: "Named", Type: mxplatform.AccountTypeChecking, AccountNumber: "1234"})
	if err != nil {
		t.Fatal(err)
	}
	txn, err := srv.Fake.AddTransaction(ug, acct.GUID, mxplatform.Transaction{ID: "t-ident", Amount: mxplatform.OptionalOf(mxplatform.MustDecimal("1.00")), Description: "Named"})
	if err != nil {
		t.Fatal(err)
	}

	for _, u := range []mxplatform.UserIdentifier{uid, ug} {
		for _, mem := range []mxplatform.MemberIdentifier{mid, m.GUID} {
			got, err := mx.ReadMember(ctx, u, mem)
			if err != nil || got.GUID != m.GUID {
				t.Errorf("ReadMember(%s, %s) = %+v, %v", u, mem, got, err)
			}
			for _, a := range []mxplatform.AccountIdentifier{mxplatform.AccountID("a-ident"), acct.GUID} {
				for _, tx := range []mxplatform.TransactionIdentifier{mxplatform.TransactionID("t-ident"), txn.GUID} {
					got, err := mx.ReadTransactionByAccount(ctx, u, mem, a, tx, nil)
					if err != nil || got.GUID != txn.GUID {
						t.Errorf("ReadTransactionByAccount(%s, %s, %s, %s) = %+v, %v", u, mem, a, tx, got, err)
					}
				}
			}
		}
	}
	inst, err := mx.ReadInstitution(ctx, "chase")
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []mxplatform.InstitutionIdentifier{mxplatform.InstitutionCode("chase"), inst.GUID} {
		if got, err := mx.ListInstitutionCredentials(ctx, i, nil); err != nil || len(got.Items) != 2 {
			t.Errorf("ListInstitutionCredentials(%s) = %+v, %v", i, got, err)
		}
	}
	_, err = mx.ListInstitutionCredentials(ctx, mxplatform.InstitutionGUID("INS-nope"), nil)
	wantStatusErr(t, err, http.StatusNotFound)

	// An identifier of the wrong user, a partner id where a GUID is required, a partner id in
	// v20111101.
	other := newUser(t, mx)
	_, err = mx.ReadMember(ctx, other, mid)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ReadAccount(ctx, ug, mxplatform.AccountGUID("a-ident"))
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ListStatementsByMember(ctx, ug, mxplatform.MemberGUID(mid), nil)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = old.ReadMember(ctx, mxplatform.UserGUID(uid), m.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = old.ReadMember(ctx, ug, mxplatform.MemberGUID(mid))
	wantStatusErr(t, err, http.StatusNotFound)
}
