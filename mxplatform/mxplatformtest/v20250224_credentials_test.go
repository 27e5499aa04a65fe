package mxplatformtest_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// wireLog records the Accept header of each request and the Content-Type of each answer, by
// operation.
type wireLog struct {
	base http.RoundTripper
	mu   sync.Mutex
	seen map[string][2]string // operation: Accept, Content-Type
}

func (w *wireLog) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := w.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen[mxplatform.OperationID(req)] = [2]string{req.Header.Get("Accept"), resp.Header.Get("Content-Type")}
	return resp, nil
}

// credential is the decoded token of a verifiable credential.
type credential struct {
	Header struct {
		Alg, Kid, Typ string
	}
	Claims struct {
		Iss, Sub, Jti string
		Nbf           int64
		VC            struct {
			Context      []string        `json:"@context"`
			Type         []string        `json:"type"`
			Issuer       string          `json:"issuer"`
			IssuanceDate string          `json:"issuanceDate"`
			Subject      json.RawMessage `json:"credentialSubject"`
		} `json:"vc"`
	}
}

// decodeCredential checks the token's form and signature, with the fake's key, and decodes it.
func decodeCredential(t *testing.T, srv *mxplatformtest.Server, token, kind string) credential {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("the credential %q is not a signed token of three parts", token)
	}
	var c credential
	for i, dst := range []any{&c.Header, &c.Claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatalf("part %d of the credential: %v", i, err)
		}
		if err := json.Unmarshal(b, dst); err != nil {
			t.Fatalf("part %d of the credential: %v: %s", i, err, b)
		}
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	if !ed25519.Verify(srv.Fake.CredentialKey(), []byte(parts[0]+"."+parts[1]), sig) {
		t.Error("the credential's signature does not verify with the fake's key")
	}
	tampered := []byte(parts[0] + "." + parts[1] + "x")
	if ed25519.Verify(srv.Fake.CredentialKey(), tampered, sig) {
		t.Error("the signature verifies other content too")
	}
	vc := c.Claims.VC
	// An Ed25519 did:key starts z6Mk.
	if c.Header.Alg != "EdDSA" || c.Header.Typ != "JWT" || !strings.HasPrefix(c.Claims.Iss, "did:key:z6Mk") ||
		!strings.HasPrefix(c.Header.Kid, c.Claims.Iss+"#") || vc.Issuer != c.Claims.Iss || c.Claims.Jti == "" || c.Claims.Nbf == 0 {
		t.Errorf("credential header %+v, claims iss %q jti %q nbf %d, issuer %q", c.Header, c.Claims.Iss, c.Claims.Jti, c.Claims.Nbf, vc.Issuer)
	}
	if !slices.Equal(vc.Type, []string{"VerifiableCredential", kind}) || !slices.Contains(vc.Context, "https://www.w3.org/2018/credentials/v1") || vc.IssuanceDate == "" {
		t.Errorf("credential type %v, context %v, issued %q", vc.Type, vc.Context, vc.IssuanceDate)
	}
	return c
}

// TestVerifiableCredentials reads a member's accounts and identity and an account's
// transactions as verifiable credentials and checks what they state against the lists of the
// same data, their signatures, the v2beta media type on the wire, that a repeat answers the
// same credential, and the refusals: unknown or foreign objects (404), bad windows (400) and
// an Accept header without the v2beta type (406).
func TestVerifiableCredentials(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	log := &wireLog{base: &specCheck{t: t, base: http.DefaultTransport}, seen: map[string][2]string{}}
	mx, err := srv.Client(noRetries, mxplatform.WithHTTPClientConfig(&http.Client{Transport: log}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s := seedMember(t, srv, "mxbank", "credentials", mxplatform.SupportedProductTransactions, mxplatform.SupportedProductIdentityVerification)

	// Accounts.
	token, err := mx.GetAccountsData(ctx, s.user, s.member)
	if err != nil {
		t.Fatalf("GetAccountsData: %v", err)
	}
	c := decodeCredential(t, srv, token, "AccountsCredential")
	if c.Claims.Sub != string(s.user) {
		t.Errorf("subject %q, want the user %s", c.Claims.Sub, s.user)
	}
	var accts struct {
		ID         mxplatform.UserGUID   `json:"id"`
		MemberGUID mxplatform.MemberGUID `json:"member_guid"`
		Accounts   []mxplatform.Account  `json:"accounts"`
	}
	if err := json.Unmarshal(c.Claims.VC.Subject, &accts); err != nil {
		t.Fatal(err)
	}
	listed, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil)
	if err != nil {
		t.Fatal(err)
	}
	if accts.ID != s.user || accts.MemberGUID != s.member || len(accts.Accounts) == 0 || !reflect.DeepEqual(accts.Accounts, listed.Items) {
		t.Errorf("the credential states %+v, the member's accounts are %+v", accts, listed.Items)
	}
	if again, err := mx.GetAccountsData(ctx, s.user, s.member); err != nil || again != token {
		t.Errorf("a second read gave another credential (%v)", err)
	}

	// Identity.
	token, err = mx.GetIdentityData(ctx, s.user, s.member)
	if err != nil {
		t.Fatalf("GetIdentityData: %v", err)
	}
	c = decodeCredential(t, srv, token, "IdentityCredential")
	var ident struct {
		Owners []mxplatform.AccountOwner `json:"account_owners"`
	}
	if err := json.Unmarshal(c.Claims.VC.Subject, &ident); err != nil {
		t.Fatal(err)
	}
	owners, err := mx.ListAccountOwnersByMember(ctx, s.user, s.member, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ident.Owners) == 0 || !reflect.DeepEqual(ident.Owners, owners.Items) {
		t.Errorf("the credential states owners %+v, the member's are %+v", ident.Owners, owners.Items)
	}

	// Transactions, in the default window and in a window of dates.
	checking := listed.Items[slices.IndexFunc(listed.Items, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeChecking })]
	txnsOf := func(token string) []mxplatform.Transaction {
		t.Helper()
		c := decodeCredential(t, srv, token, "TransactionsCredential")
		var sub struct {
			AccountGUID  mxplatform.AccountGUID   `json:"account_guid"`
			Transactions []mxplatform.Transaction `json:"transactions"`
		}
		if err := json.Unmarshal(c.Claims.VC.Subject, &sub); err != nil {
			t.Fatal(err)
		}
		if sub.AccountGUID != checking.GUID {
			t.Errorf("the credential is about account %s, want %s", sub.AccountGUID, checking.GUID)
		}
		return sub.Transactions
	}
	token, err = mx.GetTransactionsData(ctx, s.user, checking.GUID, nil)
	if err != nil {
		t.Fatalf("GetTransactionsData: %v", err)
	}
	all, err := mx.ListTransactionsByAccount(ctx, s.user, checking.GUID, &mxplatform.ListTransactionsByAccountParams{RecordsPerPage: mxplatform.Ptr(1000)})
	if err != nil {
		t.Fatal(err)
	}
	if got := txnsOf(token); len(got) == 0 || !reflect.DeepEqual(got, all.Items) {
		t.Errorf("the credential states %d transactions, the account lists %d", len(got), len(all.Items))
	}
	from, to := string(all.Items[len(all.Items)/2].Date[:10]), string(all.Items[len(all.Items)/4].Date[:10])
	token, err = mx.GetTransactionsData(ctx, s.user, checking.GUID, &mxplatform.GetTransactionsDataParams{StartTime: &from, EndTime: &to})
	if err != nil {
		t.Fatalf("GetTransactionsData(%s, %s): %v", from, to, err)
	}
	window, err := mx.ListTransactionsByAccount(ctx, s.user, checking.GUID, &mxplatform.ListTransactionsByAccountParams{RecordsPerPage: mxplatform.Ptr(1000), FromDate: &from, ToDate: &to})
	if err != nil {
		t.Fatal(err)
	}
	if got := txnsOf(token); len(got) == 0 || len(got) >= len(all.Items) || !reflect.DeepEqual(got, window.Items) {
		t.Errorf("from %s to %s the credential states %d transactions, the account lists %d", from, to, len(got), len(window.Items))
	}

	// The media type on the wire, both ways.
	for _, op := range []string{"getAccountsData", "getIdentityData", "getTransactionsData"} {
		const v2beta = "application/vnd.mx.api.v2beta+json"
		if got := log.seen[op]; got[0] != v2beta || got[1] != v2beta {
			t.Errorf("%s: Accept %q, Content-Type %q; want %s both", op, got[0], got[1], v2beta)
		}
	}
	path := "/vc/users/" + string(s.user) + "/members/" + string(s.member) + "/accounts"
	if r := do(t, srv, request{method: http.MethodGet, path: path}); r.status != http.StatusNotAcceptable {
		t.Errorf("Accept: application/json answered %d, want 406", r.status)
	}
	if r := do(t, srv, request{method: http.MethodGet, path: path, header: map[string]string{"Accept": ""}}); r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.mx.api.v2beta+json" {
		t.Errorf("without Accept: %d %s", r.status, r.header.Get("Content-Type"))
	}

	// Refusals.
	bad := []string{"yesterday", "2024-13-45"}
	for _, b := range bad {
		_, err = mx.GetTransactionsData(ctx, s.user, checking.GUID, &mxplatform.GetTransactionsDataParams{StartTime: &b})
		wantStatusErr(t, err, http.StatusBadRequest)
	}
	_, err = mx.GetTransactionsData(ctx, s.user, checking.GUID, &mxplatform.GetTransactionsDataParams{StartTime: &to, EndTime: &from})
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.GetAccountsData(ctx, s.user, "MBR-unknown")
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.GetIdentityData(ctx, "USR-unknown", s.member)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.GetTransactionsData(ctx, s.user, "ACT-unknown", nil)
	wantStatusErr(t, err, http.StatusNotFound)
	other := seedMember(t, srv, "mxbank", "someone-else")
	_, err = mx.GetAccountsData(ctx, other.user, s.member)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.GetTransactionsData(ctx, other.user, checking.GUID, nil)
	wantStatusErr(t, err, http.StatusNotFound)
}
