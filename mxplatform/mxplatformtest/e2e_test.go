package mxplatformtest_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// documentedOperations are the 28 operations of the MX Platform API v1.
var documentedOperations = []string{
	"requestWidgetURL", "requestConnectWidgetURL", "listUserAccounts", "readAccount",
	"updateAccountByMember", "listFavoriteInstitutions", "listInstitutionCredentials",
	"listInstitutions", "readInstitution", "aggregateMember", "checkBalances", "createMember",
	"deleteMember", "requestOAuthWindowURI", "listMemberChallenges", "listMemberCredentials",
	"listMembers", "readMember", "readMemberStatus", "resumeAggregation", "updateMember",
	"listTransactionsByAccount", "listTransactionsByMember", "listTransactions", "readTransaction",
	"updateTransaction", "createUser", "deleteUser",
}

func TestSpecHasTheDocumentedOperations(t *testing.T) {
	routes := routesByOperation(t)
	if len(routes) != len(documentedOperations) {
		t.Errorf("the spec has %d operations, want %d", len(routes), len(documentedOperations))
	}
	for _, op := range documentedOperations {
		if routes[op] == nil {
			t.Errorf("the spec lacks %s", op)
		}
	}
}

// TestEveryOperation calls each of the 28 methods of mxplatform.API against the fake, in the
// order of a real integration, and checks every answer against the spec and against what the
// calls before it did.
func TestEveryOperation(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()

	// Institutions.
	insts, err := mx.ListInstitutions(ctx, &mxplatform.ListInstitutionsParams{Name: mxplatform.Ptr("MX Bank")})
	if err != nil {
		t.Fatalf("ListInstitutions: %v", err)
	}
	if len(insts.Items) != 2 || insts.Pagination.TotalEntries != 2 {
		t.Errorf("ListInstitutions(name=MX Bank) = %d institutions (total %d), want mxbank and mx_bank_oauth", len(insts.Items), insts.Pagination.TotalEntries)
	}
	favs, err := mx.ListFavoriteInstitutions(ctx, nil)
	if err != nil || len(favs.Items) == 0 {
		t.Fatalf("ListFavoriteInstitutions = %v, %v", favs, err)
	}
	inst, err := mx.ReadInstitution(ctx, mxplatformtest.TestBankCode)
	if err != nil || inst.Name != "MX Bank" {
		t.Fatalf("ReadInstitution(mxbank) = %+v, %v", inst, err)
	}
	creds := credentials(t, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordChallenge)
	if len(creds) != 2 {
		t.Fatalf("mxbank asks for %d credentials, want a user name and a password", len(creds))
	}

	// A user and widget URLs.
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("partner-user-1")), Email: mxplatform.Ptr("ada@example.com"), Metadata: mxplatform.Ptr(`{"plan":"gold"}`)})
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	ug := user.GUID
	if !strings.HasPrefix(string(ug), "USR-") || user.ID != "partner-user-1" || user.IsDisabled.Value() {
		t.Errorf("CreateUser = %+v", user)
	}
	w, err := mx.RequestWidgetURL(ctx, ug, mxplatform.WidgetRequest{WidgetType: mxplatform.WidgetTypeConnect})
	if err != nil || w.URL == "" || !strings.HasPrefix(w.URL, srv.URL) || w.Type != "connect_widget" || w.UserID != "partner-user-1" {
		t.Fatalf("RequestWidgetURL = %+v, %v", w, err)
	}
	if resp, err := http.Get(w.URL); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET widget URL: %v, %v", resp, err)
	}
	//lint:ignore SA1019 every operation is called, the deprecated one included
	cw, err := mx.RequestConnectWidgetURL(ctx, ug, mxplatform.ConnectWidgetRequest{ColorScheme: mxplatform.Ptr(mxplatform.ColorSchemeDark)})
	if err != nil || cw.ConnectWidgetURL == "" || cw.GUID != ug {
		t.Fatalf("RequestConnectWidgetURL = %+v, %v", cw, err)
	}

	// A member that is challenged, then answers.
	member, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{
		InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds, ID: mxplatform.Ptr(mxplatform.MemberID("partner-member-1")), Metadata: mxplatform.Ptr("m"),
	}, nil)
	if err != nil {
		t.Fatalf("CreateMember: %v", err)
	}
	mg := member.GUID
	if status(member) != mxplatform.ConnectionStatusChallenged || !member.IsBeingAggregated.Value() || member.AggregatedAt == "" {
		t.Errorf("CreateMember with password challenge = %s, being aggregated %v", status(member), member.IsBeingAggregated.Value())
	}
	ch, err := mx.ListMemberChallenges(ctx, ug, mg, nil)
	if err != nil || !ch.Challenged || len(ch.Items) != 1 || ch.Items[0].Type != mxplatform.ChallengeTypeText {
		t.Fatalf("ListMemberChallenges = %+v, %v", ch, err)
	}
	st, err := mx.ReadMemberStatus(ctx, ug, mg)
	if err != nil || len(st.Challenges) != 1 || !st.IsBeingAggregated.Value() {
		t.Fatalf("ReadMemberStatus while challenged = %+v, %v", st, err)
	}
	res, err := mx.ResumeAggregation(ctx, ug, mg, mxplatform.MemberResumeRequest{Challenges: []mxplatform.ChallengeAnswer{
		{GUID: ch.Items[0].GUID, Value: mxplatformtest.ChallengeAnswer},
	}})
	if err != nil || res.Outcome != mxplatform.JobAlreadyRunning {
		t.Fatalf("ResumeAggregation = %+v, %v", res, err)
	}
	m, err := mx.ReadMember(ctx, ug, mg)
	if err != nil || status(m) != mxplatform.ConnectionStatusConnected || m.IsBeingAggregated.Value() || m.SuccessfullyAggregatedAt == "" {
		t.Fatalf("ReadMember after the right answer = %+v, %v", m, err)
	}
	if m.UserID != "partner-user-1" || m.ID != "partner-member-1" || m.InstitutionCode != "mxbank" || m.Name != "MX Bank" {
		t.Errorf("ReadMember = %+v", m)
	}
	members, err := mx.ListMembers(ctx, ug, nil)
	if err != nil || len(members.Items) != 1 || members.Items[0].GUID != mg {
		t.Fatalf("ListMembers = %+v, %v", members, err)
	}
	mcreds, err := mx.ListMemberCredentials(ctx, ug, mg, nil)
	if err != nil || len(mcreds.Items) != 2 {
		t.Fatalf("ListMemberCredentials = %+v, %v", mcreds, err)
	}
	if ch, err := mx.ListMemberChallenges(ctx, ug, mg, nil); err != nil || ch.Challenged {
		t.Errorf("ListMemberChallenges of a connected member = %+v, %v; want 204", ch, err)
	}
	upd, err := mx.UpdateMember(ctx, ug, mg, mxplatform.MemberUpdateRequest{Metadata: mxplatform.Ptr("new metadata")})
	if err != nil || upd.Metadata != "new metadata" || status(upd) != mxplatform.ConnectionStatusConnected {
		t.Fatalf("UpdateMember = %+v, %v", upd, err)
	}

	// Accounts.
	accts, err := mx.ListUserAccounts(ctx, ug, nil)
	if err != nil || len(accts.Items) < 2 {
		t.Fatalf("ListUserAccounts = %+v, %v", accts, err)
	}
	acct := accts.Items[0]
	if acct.Type != mxplatform.AccountTypeChecking || !acct.Balance.IsSet() || acct.MemberGUID != mg || acct.MemberID != "partner-member-1" {
		t.Errorf("first account = %+v", acct)
	}
	read, err := mx.ReadAccount(ctx, ug, acct.GUID)
	if err != nil || !read.Balance.Value().Equal(acct.Balance.Value()) {
		t.Fatalf("ReadAccount = %+v, %v", read, err)
	}
	hidden, err := mx.UpdateAccountByMember(ctx, ug, mg, acct.GUID, mxplatform.AccountUpdateRequest{IsHidden: mxplatform.Ptr(true)})
	if err != nil || !hidden.IsHidden.Value() {
		t.Fatalf("UpdateAccountByMember = %+v, %v", hidden, err)
	}
	if again, _ := mx.ReadAccount(ctx, ug, acct.GUID); again == nil || !again.IsHidden.Value() {
		t.Error("UpdateAccountByMember did not last")
	}

	// Transactions.
	txns, err := mx.ListTransactions(ctx, ug, nil)
	if err != nil || len(txns.Items) == 0 {
		t.Fatalf("ListTransactions = %+v, %v", txns, err)
	}
	byMember, err := mx.ListTransactionsByMember(ctx, ug, mg, nil)
	if err != nil || byMember.Pagination.TotalEntries != txns.Pagination.TotalEntries {
		t.Fatalf("ListTransactionsByMember = %+v, %v; want the user's %d", byMember.Pagination, err, txns.Pagination.TotalEntries)
	}
	byAccount, err := mx.ListTransactionsByAccount(ctx, ug, acct.GUID, &mxplatform.ListTransactionsByAccountParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil || len(byAccount.Items) == 0 {
		t.Fatalf("ListTransactionsByAccount = %+v, %v", byAccount, err)
	}
	for _, tx := range byAccount.Items {
		if tx.AccountGUID != acct.GUID {
			t.Fatalf("ListTransactionsByAccount returned a transaction of %s", tx.AccountGUID)
		}
	}
	tx := byAccount.Items[0]
	rt, err := mx.ReadTransaction(ctx, ug, tx.GUID, &mxplatform.ReadTransactionParams{Includes: mxplatform.Ptr("merchants,geolocations")})
	if err != nil || !rt.Amount.Value().Equal(tx.Amount.Value()) || rt.GUID != tx.GUID {
		t.Fatalf("ReadTransaction = %+v, %v", rt, err)
	}
	if rt.MerchantGUID != "" && rt.Merchant == nil {
		t.Error("ReadTransaction with includes=merchants has no merchant")
	}
	ut, err := mx.UpdateTransaction(ctx, ug, tx.GUID, mxplatform.TransactionUpdateRequest{Memo: mxplatform.Ptr("split with Bob"), Description: mxplatform.Ptr("Dinner")})
	if err != nil || ut.Memo != "split with Bob" || ut.Description != "Dinner" {
		t.Fatalf("UpdateTransaction = %+v, %v", ut, err)
	}

	// Jobs: MX Bank is never throttled; the password "challenge" challenges every job.
	agg, err := mx.AggregateMember(ctx, ug, mg, nil)
	if err != nil || agg.Outcome != mxplatform.JobStarted || status(agg.Member) != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("AggregateMember = %+v, %v", agg, err)
	}
	_, err = mx.CheckBalances(ctx, ug, mg)
	wantStatusErr(t, err, http.StatusConflict)
	ch, err = mx.ListMemberChallenges(ctx, ug, mg, nil)
	if err != nil || !ch.Challenged {
		t.Fatalf("ListMemberChallenges = %+v, %v", ch, err)
	}
	if _, err := mx.ResumeAggregation(ctx, ug, mg, mxplatform.MemberResumeRequest{Challenges: []mxplatform.ChallengeAnswer{
		{GUID: ch.Items[0].GUID, Value: mxplatformtest.ChallengeAnswer},
	}}); err != nil {
		t.Fatalf("ResumeAggregation: %v", err)
	}
	bal, err := mx.CheckBalances(ctx, ug, mg)
	if err != nil || bal.Outcome != mxplatform.JobStarted {
		t.Fatalf("CheckBalances = %+v, %v", bal, err)
	}

	// An OAuth member.
	om, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{
		InstitutionCode: mxplatformtest.OAuthTestBankCode, IsOAuth: mxplatform.Ptr(true),
	}, nil)
	if err != nil || status(om) != mxplatform.ConnectionStatusPending || om.OAuthWindowURI == "" || !om.IsOAuth.Value() {
		t.Fatalf("CreateMember OAuth = %+v, %v", om, err)
	}
	win, err := mx.RequestOAuthWindowURI(ctx, ug, om.GUID, &mxplatform.RequestOAuthWindowURIParams{ClientRedirectURL: mxplatform.Ptr("https://app.example.com/done")})
	if err != nil || win.OAuthWindowURI == "" || win.OAuthWindowURI == om.OAuthWindowURI {
		t.Fatalf("RequestOAuthWindowURI = %+v, %v; want a new URI", win, err)
	}
	if _, err := mx.RequestOAuthWindowURI(ctx, ug, mg, nil); err == nil {
		t.Error("RequestOAuthWindowURI of an mxbank member succeeded")
	}
	approveOAuth(t, win.OAuthWindowURI, "https://app.example.com/done")
	if s := readStatus(t, mx, ug, om.GUID); s != mxplatform.ConnectionStatusConnected {
		t.Errorf("OAuth member after approval = %s, want CONNECTED", s)
	}

	// Deletes cascade.
	if err := mx.DeleteMember(ctx, ug, om.GUID); err != nil {
		t.Fatalf("DeleteMember: %v", err)
	}
	if _, err := mx.ReadMember(ctx, ug, om.GUID); !errors.Is(err, mxplatform.ErrNotFound) {
		t.Errorf("ReadMember after DeleteMember: %v, want not found", err)
	}
	if err := mx.DeleteUser(ctx, ug); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	if _, err := mx.ReadAccount(ctx, ug, acct.GUID); !errors.Is(err, mxplatform.ErrNotFound) {
		t.Errorf("ReadAccount after DeleteUser: %v, want not found", err)
	}
	if c := srv.Fake.Counts(); c != (mxplatformtest.Counts{}) {
		t.Errorf("after deleting the only user the fake holds %+v", c)
	}

	for _, op := range documentedOperations {
		if srv.Fake.Requests(op).Handled == 0 {
			t.Errorf("%s was never served", op)
		}
	}
	// Every request of every operation named its API version.
	for op, st := range srv.Fake.RequestsByOperation() {
		if st.MissingAcceptVersion != 0 {
			t.Errorf("%s: %d of %d requests without Accept-Version", op, st.MissingAcceptVersion, st.Received)
		}
	}
}

// approveOAuth presses Approve in an OAuth window and checks the redirect to the partner.
func approveOAuth(t *testing.T, uri, redirect string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page, err := client.Get(uri)
	if err != nil || page.StatusCode != http.StatusOK {
		t.Fatalf("GET OAuth window: %v, %v", page, err)
	}
	page.Body.Close()
	resp, err := client.PostForm(uri, url.Values{"action": {"approve"}})
	if err != nil {
		t.Fatalf("POST OAuth window: %v", err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, redirect+"?") || !strings.Contains(loc, "status=success") {
		t.Fatalf("OAuth approval answered %d to %q, want a redirect to %s with status=success", resp.StatusCode, loc, redirect)
	}
	if again, err := client.Get(uri); err != nil || again.StatusCode != http.StatusNotFound {
		t.Errorf("a used OAuth window answered %v, %v; want 404", again, err)
	}
}
