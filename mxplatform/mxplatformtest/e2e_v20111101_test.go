package mxplatformtest_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// TestEveryOperationV20111101 calls each of the 28 methods of package v20111101 against the
// fake, in the order of a real integration, with what only that version has (the legacy
// Connect URL, skip_aggregation, include_transactions, the category filters and updates), and
// checks every answer against its spec.
func TestEveryOperationV20111101(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPIV1(t, srv)
	ctx := context.Background()

	insts, err := mx.ListInstitutions(ctx, &v20111101.ListInstitutionsParams{Name: mxplatform.Ptr("MX Bank"), SupportsAccountStatement: mxplatform.Ptr(true)})
	if err != nil || len(insts.Items) != 2 || !insts.Items[0].SupportsAccountStatement.Value() {
		t.Fatalf("ListInstitutions = %+v, %v", insts, err)
	}
	if favs, err := mx.ListFavoriteInstitutions(ctx, nil); err != nil || len(favs.Items) == 0 {
		t.Fatalf("ListFavoriteInstitutions = %+v, %v", favs, err)
	}
	if inst, err := mx.ReadInstitution(ctx, mxplatformtest.TestBankCode); err != nil || inst.Name != "MX Bank" || !inst.SupportsAccountVerification.Value() {
		t.Fatalf("ReadInstitution = %+v, %v", inst, err)
	}
	fields, err := mx.ListInstitutionCredentials(ctx, mxplatformtest.TestBankCode, nil)
	if err != nil || len(fields.Items) != 2 {
		t.Fatalf("ListInstitutionCredentials = %+v, %v", fields, err)
	}
	var creds []mxplatform.CredentialRequest
	for _, f := range fields.Items {
		v := "mxuser"
		if f.FieldType == mxplatform.CredentialFieldTypePassword {
			v = mxplatformtest.PasswordChallenge
		}
		creds = append(creds, mxplatform.CredentialRequest{GUID: f.GUID, Value: v})
	}

	user, err := mx.CreateUser(ctx, v20111101.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("legacy-user"))})
	if err != nil || !strings.HasPrefix(string(user.GUID), "USR-") {
		t.Fatalf("CreateUser = %+v, %v", user, err)
	}
	ug := user.GUID
	if w, err := mx.RequestWidgetURL(ctx, ug, v20111101.WidgetRequest{WidgetType: v20111101.WidgetTypeConnect}); err != nil || !strings.HasPrefix(w.URL, srv.URL) || w.UserID != "legacy-user" {
		t.Fatalf("RequestWidgetURL = %+v, %v", w, err)
	}
	//lint:ignore SA1019 every operation is called, the deprecated one included
	cw, err := mx.RequestConnectWidgetURL(ctx, ug, v20111101.ConnectWidgetRequest{ColorScheme: mxplatform.Ptr(mxplatform.ColorSchemeDark)})
	if err != nil || cw.ConnectWidgetURL == "" || cw.GUID != ug {
		t.Fatalf("RequestConnectWidgetURL = %+v, %v", cw, err)
	}

	// Created without a job (skip_aggregation), then aggregated and challenged.
	member, err := mx.CreateMember(ctx, ug, v20111101.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds, SkipAggregation: mxplatform.Ptr(true)}, nil)
	if err != nil || status(member) != mxplatform.ConnectionStatusCreated || member.IsBeingAggregated.Value() {
		t.Fatalf("CreateMember with skip_aggregation = %+v, %v", member, err)
	}
	mg := member.GUID
	agg, err := mx.AggregateMember(ctx, ug, mg, nil)
	if err != nil || agg.Outcome != mxplatform.JobStarted || status(agg.Member) != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("AggregateMember = %+v, %v", agg, err)
	}
	_, err = mx.CheckBalances(ctx, ug, mg)
	wantStatusErr(t, err, http.StatusConflict)
	ch, err := mx.ListMemberChallenges(ctx, ug, mg, nil)
	if err != nil || !ch.Challenged || len(ch.Items) != 1 {
		t.Fatalf("ListMemberChallenges = %+v, %v", ch, err)
	}
	if st, err := mx.ReadMemberStatus(ctx, ug, mg); err != nil || len(st.Challenges) != 1 {
		t.Fatalf("ReadMemberStatus = %+v, %v", st, err)
	}
	if res, err := mx.ResumeAggregation(ctx, ug, mg, v20111101.MemberResumeRequest{Challenges: []mxplatform.ChallengeAnswer{{GUID: ch.Items[0].GUID, Value: mxplatformtest.ChallengeAnswer}}}); err != nil || res.Outcome != mxplatform.JobAlreadyRunning {
		t.Fatalf("ResumeAggregation = %+v, %v", res, err)
	}
	m, err := mx.ReadMember(ctx, ug, mg)
	if err != nil || status(m) != mxplatform.ConnectionStatusConnected {
		t.Fatalf("ReadMember = %+v, %v", m, err)
	}
	if list, err := mx.ListMembers(ctx, ug, nil); err != nil || len(list.Items) != 1 {
		t.Fatalf("ListMembers = %+v, %v", list, err)
	}
	if mc, err := mx.ListMemberCredentials(ctx, ug, mg, nil); err != nil || len(mc.Items) != 2 {
		t.Fatalf("ListMemberCredentials = %+v, %v", mc, err)
	}
	if upd, err := mx.UpdateMember(ctx, ug, mg, v20111101.MemberUpdateRequest{Metadata: mxplatform.Ptr("legacy")}); err != nil || upd.Metadata != "legacy" {
		t.Fatalf("UpdateMember = %+v, %v", upd, err)
	}
	// An aggregation without transactions (include_transactions false) gathers accounts only.
	before, err := mx.ListTransactionsByMember(ctx, ug, mg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := mx.AggregateAndWait(ctx, ug, mg, &v20111101.AggregateMemberParams{IncludeTransactions: mxplatform.Ptr(false)}, quickWait); err != nil || !r.Connected() {
		t.Fatalf("AggregateAndWait without transactions = %+v, %v", r, err)
	}
	if st, err := mx.ReadMemberStatus(ctx, ug, mg); err != nil || st.HasProcessedTransactions.Value() || !st.HasProcessedAccounts.Value() {
		t.Errorf("after an aggregation without transactions: %+v, %v", st, err)
	}
	if after, err := mx.ListTransactionsByMember(ctx, ug, mg, nil); err != nil || after.Pagination.TotalEntries != before.Pagination.TotalEntries {
		t.Errorf("an aggregation without transactions gathered some: %d, then %d", before.Pagination.TotalEntries, after.Pagination.TotalEntries)
	}

	// Accounts in v20111101's model.
	accts, err := mx.ListUserAccounts(ctx, ug, nil)
	if err != nil || len(accts.Items) < 2 {
		t.Fatalf("ListUserAccounts = %+v, %v", accts, err)
	}
	acct := accts.Items[0]
	if acct.InstitutionGUID == "" || acct.FeedAccountNumber != acct.AccountNumber || acct.BalanceSetBy.Value() != mxplatform.SetByFeed {
		t.Errorf("account in v20111101's model = %+v", acct)
	}
	if read, err := mx.ReadAccount(ctx, ug, acct.GUID); err != nil || read.GUID != acct.GUID {
		t.Fatalf("ReadAccount = %+v, %v", read, err)
	}
	if upd, err := mx.UpdateAccountByMember(ctx, ug, mg, acct.GUID, v20111101.AccountUpdateRequest{Nickname: mxplatform.Ptr("Bills")}); err != nil || upd.Nickname != "Bills" {
		t.Fatalf("UpdateAccountByMember = %+v, %v", upd, err)
	}

	// Transactions, with the category filters and updates of this version.
	txns, err := mx.ListTransactions(ctx, ug, nil)
	if err != nil || len(txns.Items) == 0 {
		t.Fatalf("ListTransactions = %+v, %v", txns, err)
	}
	byAccount, err := mx.ListTransactionsByAccount(ctx, ug, acct.GUID, nil)
	if err != nil || len(byAccount.Items) == 0 {
		t.Fatalf("ListTransactionsByAccount = %+v, %v", byAccount, err)
	}
	tx := byAccount.Items[0]
	if rt, err := mx.ReadTransaction(ctx, ug, tx.GUID, &v20111101.ReadTransactionParams{Includes: mxplatform.Ptr("classifications")}); err != nil || rt.Classification == nil {
		t.Fatalf("ReadTransaction = %+v, %v", rt, err)
	}
	groceries := "CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8"
	if _, err := mx.UpdateTransaction(ctx, ug, tx.GUID, v20111101.TransactionUpdateRequest{CategoryGUID: mxplatform.Ptr(mxplatform.CategoryGUID(groceries)), Memo: mxplatform.Ptr("food")}); err != nil {
		t.Fatal(err)
	}
	byCat, err := mx.ListTransactionsByMember(ctx, ug, mg, &v20111101.ListTransactionsByMemberParams{TopLevelCategoryGUID: mxplatform.Ptr(string(categoryGUIDOf(t, "Food & Dining"))), RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil || len(byCat.Items) == 0 {
		t.Fatalf("ListTransactionsByMember(top_level_category_guid) = %+v, %v", byCat, err)
	}
	for _, x := range byCat.Items {
		if x.TopLevelCategory != "Food & Dining" {
			t.Errorf("the top-level filter let %s (%s) through", x.Category, x.TopLevelCategory)
		}
	}

	// OAuth.
	om, err := mx.CreateMember(ctx, ug, v20111101.MemberCreateRequest{InstitutionCode: mxplatformtest.OAuthTestBankCode, IsOAuth: mxplatform.Ptr(true)}, nil)
	if err != nil || status(om) != mxplatform.ConnectionStatusPending {
		t.Fatalf("CreateMember OAuth = %+v, %v", om, err)
	}
	win, err := mx.RequestOAuthWindowURI(ctx, ug, om.GUID, &v20111101.RequestOAuthWindowURIParams{ClientRedirectURL: mxplatform.Ptr("https://app.example.com/done")})
	if err != nil || win.OAuthWindowURI == "" {
		t.Fatalf("RequestOAuthWindowURI = %+v, %v", win, err)
	}
	approveOAuth(t, win.OAuthWindowURI, "https://app.example.com/done")

	if err := mx.DeleteMember(ctx, ug, om.GUID); err != nil {
		t.Fatal(err)
	}
	if err := mx.DeleteUser(ctx, ug); err != nil {
		t.Fatal(err)
	}
	if _, err := mx.ReadMember(ctx, ug, mg); !errors.Is(err, mxplatform.ErrNotFound) {
		t.Errorf("ReadMember after DeleteUser: %v", err)
	}
	if c := srv.Fake.Counts(); c != (mxplatformtest.Counts{}) {
		t.Errorf("after deleting the only user the fake holds %+v", c)
	}
	for _, op := range operationsV20111101 {
		if srv.Fake.Requests(op).Handled == 0 {
			t.Errorf("%s was never served", op)
		}
	}
}

// categoryGUIDOf returns the GUID of a default category, as listDefaultCategories gives it.
func categoryGUIDOf(t *testing.T, name string) mxplatform.CategoryGUID {
	t.Helper()
	srv := mxplatformtest.NewServer(t)
	cats, err := mxplatform.Collect(newAPI(t, srv).ListDefaultCategoriesIter(context.Background(), nil))
	if err != nil {
		t.Fatal(err)
	}
	return findCategory(t, cats, name).GUID
}
