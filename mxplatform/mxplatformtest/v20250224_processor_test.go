package mxplatformtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/processor"
)

// scopeOf writes the scope of requestAuthorizationCode for an account.
func scopeOf(u mxplatform.UserGUID, m mxplatform.MemberGUID, a mxplatform.AccountGUID) string {
	return fmt.Sprintf("user-guid:%s member-guid:%s account-guid:%s read-protected", u, m, a)
}

// tokenFor requests a code for the account and exchanges it through the fake.
func tokenFor(t testing.TB, srv *mxplatformtest.Server, mx *mxplatform.API, u mxplatform.UserGUID, m mxplatform.MemberGUID, a mxplatform.AccountGUID) string {
	t.Helper()
	code, err := mx.RequestAuthorizationCode(context.Background(), mxplatform.AuthorizationCodeRequest{Scope: mxplatform.Ptr(scopeOf(u, m, a))})
	if err != nil {
		t.Fatalf("RequestAuthorizationCode: %v", err)
	}
	token, err := srv.Fake.ExchangeAuthorizationCode(code.Code)
	if err != nil {
		t.Fatalf("ExchangeAuthorizationCode: %v", err)
	}
	return token
}

// newProcessor returns a processor API calling srv with the token, without retries, whose every
// answer is checked against the spec.
func newProcessor(t testing.TB, srv *mxplatformtest.Server, token string) *processor.API {
	t.Helper()
	p, err := processor.New(token, mxplatform.WithServerURL(srv.URL), noRetries,
		mxplatform.WithHTTPClientConfig(&http.Client{Transport: &specCheck{t: t, base: http.DefaultTransport}}))
	if err != nil {
		t.Fatalf("processor.New: %v", err)
	}
	return p
}

// exchangeOverHTTP posts an OAuth 2.0 token request to the fake.
func exchangeOverHTTP(t testing.TB, srv *mxplatformtest.Server, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(srv.URL+"/oauth/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("the token answer is not JSON: %v", err)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("token answer Cache-Control = %q, want no-store", cc)
	}
	return resp.StatusCode, body
}

// wantNoToken fails the test when the token shows in text.
func wantNoToken(t testing.TB, what, text, token string) {
	t.Helper()
	if strings.Contains(text, token) {
		t.Errorf("%s shows the token: %s", what, text)
	}
}

// processorSetup is a member of Chase, which MX throttles (MX Bank is never), with a checking
// and a savings account, both verified and identified.
type processorSetup struct {
	user     mxplatform.UserGUID
	member   mxplatform.MemberGUID
	checking mxplatform.Account
	savings  mxplatform.Account
}

// newProcessorSetup seeds the first login of a fixed list whose generated data has a checking
// and a savings account, the same in every run.
func newProcessorSetup(t testing.TB, srv *mxplatformtest.Server, mx *mxplatform.API) processorSetup {
	t.Helper()
	for i := range 50 {
		s := seedMember(t, srv, "chase", fmt.Sprintf("processor-%d", i), mxplatform.SupportedProductAccountVerification, mxplatform.SupportedProductIdentityVerification)
		accts, err := mx.ListMemberAccounts(context.Background(), s.user, s.member, nil)
		if err != nil {
			t.Fatal(err)
		}
		out := processorSetup{user: s.user, member: s.member}
		for _, a := range accts.Items {
			switch a.Type {
			case mxplatform.AccountTypeChecking:
				out.checking = a
			case mxplatform.AccountTypeSavings:
				out.savings = a
			}
		}
		if out.checking.GUID != "" && out.savings.GUID != "" {
			return out
		}
	}
	t.Fatal("no login of the list has a checking and a savings account")
	return processorSetup{}
}

func TestProcessorTokens(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s := newProcessorSetup(t, srv, mx)
	ug, mg, acct := s.user, s.member, s.checking

	code, err := mx.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{Scope: mxplatform.Ptr(scopeOf(ug, mg, acct.GUID))})
	if err != nil || len(code.Code) < 32 {
		t.Fatalf("RequestAuthorizationCode = %+v, %v", code, err)
	}
	token, err := srv.Fake.ExchangeAuthorizationCode(code.Code)
	if err != nil || token == "" || token == code.Code {
		t.Fatalf("ExchangeAuthorizationCode = %q, %v", token, err)
	}
	if _, err := srv.Fake.ExchangeAuthorizationCode(code.Code); !errors.Is(err, mxplatformtest.ErrInvalidAuthorizationCode) {
		t.Errorf("exchanging a used code: %v, want ErrInvalidAuthorizationCode", err)
	}
	if _, err := srv.Fake.ExchangeAuthorizationCode("not-a-code"); !errors.Is(err, mxplatformtest.ErrInvalidAuthorizationCode) {
		t.Errorf("exchanging an unknown code: %v, want ErrInvalidAuthorizationCode", err)
	}
	p := newProcessor(t, srv, token)

	// The account numbers are those the verification gathered for the token's account.
	nums, err := p.RequestAccountNumber(ctx)
	if err != nil {
		t.Fatalf("RequestAccountNumber: %v", err)
	}
	partner, err := mx.ListAccountNumbersByAccount(ctx, ug, acct.GUID, nil)
	if err != nil || len(partner.Items) != 1 {
		t.Fatalf("ListAccountNumbersByAccount = %+v, %v", partner, err)
	}
	if len(nums) != 1 || nums[0].AccountGUID != acct.GUID || nums[0].AccountNumber != partner.Items[0].AccountNumber || nums[0].RoutingNumber != partner.Items[0].RoutingNumber || nums[0].AccountNumber == "" {
		t.Errorf("RequestAccountNumber = %+v, want %+v", nums, partner.Items)
	}

	// The balance is the account's.
	bal, err := p.ReadAccountBalance(ctx)
	if err != nil {
		t.Fatalf("ReadAccountBalance: %v", err)
	}
	if deref(bal.AccountGUID) != acct.GUID || deref(bal.MemberGUID) != mg || deref(bal.UserGUID) != ug || deref(bal.AccountName) != acct.Name || deref(bal.AccountType) != acct.Type ||
		bal.Balance == nil || !bal.Balance.Equal(acct.Balance.Value()) || deref(bal.AccountNumber) != partner.Items[0].AccountNumber {
		t.Errorf("ReadAccountBalance = %+v, want the balance %v of %s", bal, acct.Balance, acct.GUID)
	}
	if b, ok := acct.AvailableBalance.Get(); ok && (bal.AvailableBalance == nil || !bal.AvailableBalance.Equal(b)) {
		t.Errorf("available_balance = %v, want %v", bal.AvailableBalance, b)
	}

	// The owners are those of the token's account only.
	owners, err := p.GetAccountOwnerInfo(ctx)
	if err != nil {
		t.Fatalf("GetAccountOwnerInfo: %v", err)
	}
	all, err := mx.ListAccountOwnersByMember(ctx, ug, mg, nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []mxplatform.AccountOwner
	for _, o := range all.Items {
		if o.AccountGUID == acct.GUID {
			want = append(want, o)
		}
	}
	if len(want) == 0 || len(owners.Items) != len(want) || owners.Pagination.TotalEntries != len(want) {
		t.Fatalf("GetAccountOwnerInfo = %+v, want %+v", owners, want)
	}
	for i, o := range owners.Items {
		if o.GUID != want[i].GUID || o.OwnerName != want[i].OwnerName || o.AccountGUID != acct.GUID {
			t.Errorf("owner %d = %+v, want %+v", i, o, want[i])
		}
	}

	// A real-time balance check starts a job on the member, and is throttled like checkBalances:
	// a second within two hours answers 429.
	m, err := p.CheckRealTimeAccountBalance(ctx)
	if err != nil || m.GUID != mg {
		t.Fatalf("CheckRealTimeAccountBalance = %+v, %v", m, err)
	}
	_, err = p.CheckRealTimeAccountBalance(ctx)
	wantStatusErr(t, err, 429)

	// A token of another account of the same member reads that account only.
	savingsToken := tokenFor(t, srv, mx, ug, mg, s.savings.GUID)
	other := newProcessor(t, srv, savingsToken)
	if ob, err := other.ReadAccountBalance(ctx); err != nil || deref(ob.AccountGUID) != s.savings.GUID {
		t.Errorf("ReadAccountBalance with the savings token = %+v, %v", ob, err)
	}
	if on, err := other.RequestAccountNumber(ctx); err != nil || len(on) != 1 || on[0].AccountGUID != s.savings.GUID {
		t.Errorf("RequestAccountNumber with the savings token = %+v, %v", on, err)
	}

	// The code over HTTP, as a processor written in another language exchanges it.
	code2, err := mx.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{Scope: mxplatform.Ptr(scopeOf(ug, mg, acct.GUID))})
	if err != nil {
		t.Fatal(err)
	}
	status, body := exchangeOverHTTP(t, srv, url.Values{"grant_type": {"authorization_code"}, "code": {code2.Code}})
	httpToken, _ := body["access_token"].(string)
	if status != 200 || httpToken == "" || body["token_type"] != "bearer" || body["expires_in"] != float64(90*24*3600) {
		t.Fatalf("POST /oauth/token = %d %v", status, body)
	}
	if n, err := newProcessor(t, srv, httpToken).RequestAccountNumber(ctx); err != nil || len(n) != 1 || n[0].AccountGUID != acct.GUID {
		t.Errorf("RequestAccountNumber with the token exchanged over HTTP = %+v, %v", n, err)
	}
	if status, body := exchangeOverHTTP(t, srv, url.Values{"grant_type": {"authorization_code"}, "code": {code2.Code}}); status != 400 || body["error"] != "invalid_grant" {
		t.Errorf("a used code over HTTP = %d %v, want 400 invalid_grant", status, body)
	}
	if status, body := exchangeOverHTTP(t, srv, url.Values{"grant_type": {"client_credentials"}}); status != 400 || body["error"] != "unsupported_grant_type" {
		t.Errorf("another grant over HTTP = %d %v, want 400 unsupported_grant_type", status, body)
	}

	// listTokens: the tokens of the account, in the order issued, active.
	tokens, err := mx.ListTokens(ctx, mxplatform.AccountLocator{UserGUID: &ug, MemberGUID: &mg, AccountGUID: &acct.GUID})
	if err != nil {
		t.Fatalf("ListTokens: %v", err)
	}
	wantTokens := []string{token, httpToken}
	if got := guidsOf(tokens, func(x mxplatform.ProcessorToken) string { return x.AccessToken }); !slices.Equal(got, wantTokens) {
		t.Errorf("ListTokens = %d tokens, want the two of the checking account", len(tokens))
	}
	now := srv.Fake.Now()
	for _, x := range tokens {
		exp, err := time.Parse(time.RFC3339, string(x.ExpiresAt))
		if !x.Active.Value() || x.PaymentProcessorGUID == "" || err != nil || exp.Before(now.Add(89*24*time.Hour)) || exp.After(now.Add(90*24*time.Hour)) {
			t.Errorf("listed token: active %v, processor %q, expires %s; want active for 90 days", x.Active, x.PaymentProcessorGUID, x.ExpiresAt)
		}
	}
	if listed, err := mx.ListTokens(ctx, mxplatform.AccountLocator{UserGUID: &ug, MemberGUID: &mg, AccountGUID: &s.savings.GUID}); err != nil || len(listed) != 1 || listed[0].AccessToken != savingsToken {
		t.Errorf("ListTokens of the savings account = %d tokens, %v; want its own one", len(listed), err)
	}
	_, err = mx.ListTokens(ctx, mxplatform.AccountLocator{UserGUID: &ug})
	wantMessage(t, err, 400, "scope")
	_, err = mx.ListTokens(ctx, mxplatform.AccountLocator{UserGUID: &ug, MemberGUID: &mg, AccountGUID: mxplatform.Ptr(mxplatform.AccountGUID("ACT-unknown"))})
	wantStatusErr(t, err, 404)
	wantServed(t, srv, "requestAuthorizationCode", "listTokens", "requestAccountNumber", "checkRealTimeAccountBalance", "readAccountBalance", "getAccountOwnerInfo")
}

func TestAuthorizationCodeScope(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s := newProcessorSetup(t, srv, mx)
	o := newProcessorSetup(t, srv, mx)
	ask := func(scope *string) error {
		_, err := mx.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{Scope: scope})
		return err
	}
	// A scope that names no account, or names one twice, or words MX does not use.
	wantMessage(t, ask(nil), 400, "scope")
	wantMessage(t, ask(mxplatform.Ptr(fmt.Sprintf("user-guid:%s member-guid:%s", s.user, s.member))), 400, "account-guid")
	wantMessage(t, ask(mxplatform.Ptr(scopeOf(s.user, s.member, s.checking.GUID)+" account-guid:"+string(s.checking.GUID))), 400, "twice")
	wantMessage(t, ask(mxplatform.Ptr(scopeOf(s.user, s.member, s.checking.GUID)+" write-everything")), 400, "write-everything")
	// An account that is not the member's, a member that is not the user's: not found.
	wantStatusErr(t, ask(mxplatform.Ptr(scopeOf(s.user, s.member, o.checking.GUID))), 404)
	wantStatusErr(t, ask(mxplatform.Ptr(scopeOf(s.user, o.member, o.checking.GUID))), 404)
	wantStatusErr(t, ask(mxplatform.Ptr(scopeOf("USR-unknown", s.member, s.checking.GUID))), 404)

	// A code lasts ten minutes of the fake's clock.
	code, err := mx.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{Scope: mxplatform.Ptr(scopeOf(s.user, s.member, s.checking.GUID))})
	if err != nil {
		t.Fatal(err)
	}
	srv.Fake.AdvanceTime(10*time.Minute + time.Second)
	if _, err := srv.Fake.ExchangeAuthorizationCode(code.Code); !errors.Is(err, mxplatformtest.ErrInvalidAuthorizationCode) {
		t.Errorf("exchanging an expired code: %v, want ErrInvalidAuthorizationCode", err)
	}
	if status, body := exchangeOverHTTP(t, srv, url.Values{"grant_type": {"authorization_code"}, "code": {code.Code}}); status != 400 || body["error"] != "invalid_grant" {
		t.Errorf("an expired code over HTTP = %d %v, want 400 invalid_grant", status, body)
	}
}

func TestProcessorTokenAuthentication(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s := newProcessorSetup(t, srv, mx)
	token := tokenFor(t, srv, mx, s.user, s.member, s.checking.GUID)
	p := newProcessor(t, srv, token)

	// The printed forms of the client never show the token.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		wantNoToken(t, "processor.API printed with "+verb, fmt.Sprintf(verb, p), token)
		wantNoToken(t, "*processor.API printed with "+verb, fmt.Sprintf(verb, *p), token)
	}

	// A token on an operation of the partner: 401, without the token in the error.
	withToken, err := mxplatform.New(mxplatform.WithServerURL(srv.URL), mxplatform.WithProcessorToken(token), noRetries)
	if err != nil {
		t.Fatal(err)
	}
	_, err = withToken.ListUsers(ctx, nil)
	wantMessage(t, err, 401, "processor token")
	wantNoToken(t, "the error of a token on listUsers", err.Error(), token)
	_, err = withToken.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{Scope: mxplatform.Ptr(scopeOf(s.user, s.member, s.checking.GUID))})
	wantStatusErr(t, err, 401)

	// Client credentials on a processor operation: 401.
	for _, path := range []string{"/account/account_numbers", "/payment_account", "/account/transactions"} {
		resp := do(t, srv, request{method: "GET", path: path})
		if resp.status != 401 || !strings.Contains(resp.message(t), "processor token") {
			t.Errorf("GET %s with client credentials = %d %s, want 401", path, resp.status, resp.body)
		}
	}
	if resp := do(t, srv, request{method: "POST", path: "/account/check_balance"}); resp.status != 401 {
		t.Errorf("POST /account/check_balance with client credentials = %d, want 401", resp.status)
	}
	// A bearer token the fake did not issue: 401.
	if resp := do(t, srv, request{method: "GET", path: "/account/account_numbers", header: map[string]string{"Authorization": "Bearer " + token + "x"}}); resp.status != 401 {
		t.Errorf("an unknown bearer token = %d, want 401", resp.status)
	}

	// An unknown token: 401, and the error does not show it.
	forged := strings.Repeat("A", 43)
	_, err = newProcessor(t, srv, forged).ReadAccountBalance(ctx)
	wantMessage(t, err, 401, "not valid")
	wantNoToken(t, "the error of an unknown token", err.Error(), forged)
	wantNoToken(t, "the error of an unknown token", fmt.Sprintf("%+v %#v", err, err), forged)

	// The token stops opening the account when its user is disabled (403), and opens it again
	// once enabled.
	if _, err := p.ReadAccountBalance(ctx); err != nil {
		t.Fatalf("ReadAccountBalance: %v", err)
	}
	if _, err := mx.UpdateUser(ctx, s.user, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = p.ReadAccountBalance(ctx)
	wantStatusErr(t, err, 403)
	if _, err := mx.UpdateUser(ctx, s.user, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RequestAccountNumber(ctx); err != nil {
		t.Errorf("RequestAccountNumber once the user is enabled again: %v", err)
	}

	// A token expires after 90 days: 401, and listTokens shows it inactive, without its value.
	srv.Fake.AdvanceTime(90*24*time.Hour + time.Minute)
	_, err = p.GetAccountOwnerInfo(ctx)
	wantStatusErr(t, err, 401)
	wantNoToken(t, "the error of an expired token", err.Error(), token)
	tokens, err := mx.ListTokens(ctx, mxplatform.AccountLocator{UserGUID: &s.user, MemberGUID: &s.member, AccountGUID: &s.checking.GUID})
	if err != nil || len(tokens) != 1 || tokens[0].Active.Value() || tokens[0].AccessToken != "" {
		t.Errorf("ListTokens after expiry = %+v, %v; want one inactive token without its value", tokens, err)
	}

	// The account gone: a new token no longer opens it (403).
	fresh := newProcessor(t, srv, tokenFor(t, srv, mx, s.user, s.member, s.checking.GUID))
	if err := mx.DeleteMember(ctx, s.user, s.member); err != nil {
		t.Fatal(err)
	}
	_, err = fresh.RequestAccountNumber(ctx)
	wantStatusErr(t, err, 403)
}

// Before any verification or identification, the processor reads answer empty lists and a
// balance without numbers, never an error; listTokens needs its body, and the token endpoint
// takes only POST.
func TestProcessorReadsBeforeVerification(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, mg := connectedUser(t, srv, mx)
	accts, err := mx.ListMemberAccounts(ctx, ug, mg, nil)
	if err != nil || len(accts.Items) == 0 {
		t.Fatalf("ListMemberAccounts = %+v, %v", accts, err)
	}
	acct := accts.Items[0]
	p := newProcessor(t, srv, tokenFor(t, srv, mx, ug, mg, acct.GUID))
	if nums, err := p.RequestAccountNumber(ctx); err != nil || len(nums) != 0 {
		t.Errorf("RequestAccountNumber before verifying = %+v, %v; want none", nums, err)
	}
	if owners, err := p.GetAccountOwnerInfo(ctx); err != nil || len(owners.Items) != 0 || owners.Pagination.TotalEntries != 0 {
		t.Errorf("GetAccountOwnerInfo before identifying = %+v, %v; want none", owners, err)
	}
	bal, err := p.ReadAccountBalance(ctx)
	if err != nil || deref(bal.AccountGUID) != acct.GUID || bal.AccountNumber != nil || bal.RoutingNumber != nil || bal.Balance == nil || !bal.Balance.Equal(acct.Balance.Value()) {
		t.Errorf("ReadAccountBalance before verifying = %+v, %v; want the balance without numbers", bal, err)
	}

	if resp := do(t, srv, request{method: "GET", path: "/tokens"}); resp.status != 400 || !strings.Contains(resp.message(t), "scope") {
		t.Errorf("GET /tokens without a body = %d %s, want 400", resp.status, resp.body)
	}
	resp, err := http.Get(srv.URL + "/oauth/token")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
		t.Errorf("GET /oauth/token = %d, Allow %q; want 405, POST", resp.StatusCode, resp.Header.Get("Allow"))
	}
}
