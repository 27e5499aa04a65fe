package mxplatformtest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// operationsV20250224 are the 65 operations of api/platform-v20250224.yaml that
// TestEveryOperation calls: those the document held before it grew to the whole of MX's
// version. The v20250224_*_test.go files call the others.
var operationsV20250224 = []string{
	"listUsers", "createUser", "readUser", "updateUser", "deleteUser", "requestWidgetURL",
	"listMembers", "createMember", "readMember", "updateMember", "deleteMember",
	"aggregateMember", "checkBalances", "verifyMember", "identifyMember", "extendHistory",
	"resumeAggregation", "listMemberChallenges", "listMemberCredentials", "readMemberStatus",
	"requestOAuthWindowURI", "listInstitutions", "listFavoriteInstitutions", "readInstitution",
	"listInstitutionCredentials", "listUserAccounts", "createManualAccount", "readAccount",
	"deleteManualAccount", "mergeAccounts", "listAccountNumbersByAccount",
	"listAccountNumbersByMember", "listAccountOwnersByMember", "listMemberAccounts",
	"readAccountByMember", "updateAccountByMember", "listTransactions", "listTransactionsByAccount",
	"createManualTransaction", "listTransactionsByAccountPerMember", "listTransactionsByMember",
	"readTransaction", "updateTransaction", "deleteManualTransactions", "readTransactionByAccount",
	"updateTransactionByAccount", "fetchStatements", "listStatementsByMember",
	"readStatementByMember", "downloadStatementPDF", "listHoldings", "readHolding",
	"listHoldingsByAccount", "listHoldingsByMember", "listDefaultCategories", "readDefaultCategory",
	"listCategories", "createCategory", "listDefaultCategoriesByUser", "readCategory",
	"updateCategory", "deleteCategory", "listMerchants", "readMerchant", "readMerchantLocation",
}

// operationsV20111101 are the 28 operations of api/platform-v20111101.yaml.
var operationsV20111101 = []string{
	"requestWidgetURL", "requestConnectWidgetURL", "listUserAccounts", "readAccount",
	"updateAccountByMember", "listFavoriteInstitutions", "listInstitutionCredentials",
	"listInstitutions", "readInstitution", "aggregateMember", "checkBalances", "createMember",
	"deleteMember", "requestOAuthWindowURI", "listMemberChallenges", "listMemberCredentials",
	"listMembers", "readMember", "readMemberStatus", "resumeAggregation", "updateMember",
	"listTransactionsByAccount", "listTransactionsByMember", "listTransactions", "readTransaction",
	"updateTransaction", "createUser", "deleteUser",
}

// specFiles are the OpenAPI documents of the versions, as the repository holds them.
var specFiles = map[string]string{current: "../../api/platform-v20250224.yaml", v1: "../../api/platform-v20111101.yaml"}

// TestSpecsHaveTheirOperations checks that the spec each version is served and checked with
// holds every operation of its document in api/ (153 for v20250224, 149 of them through
// mxplatform.API and 4 through package processor; 28 for v20111101), no other, and the
// operations the end-to-end tests name.
func TestSpecsHaveTheirOperations(t *testing.T) {
	for version, file := range specFiles {
		doc, err := openapi3.NewLoader().LoadFromFile(file)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		want := map[string]bool{}
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				want[op.OperationID] = true
			}
		}
		routes := routesByOperation(t, version)
		if len(routes) != len(want) {
			t.Errorf("%s: the embedded spec has %d operations, %s has %d", version, len(routes), file, len(want))
		}
		for op := range want {
			if routes[op] == nil {
				t.Errorf("%s: the spec lacks %s of %s", version, op, file)
			}
		}
	}
	for version, ops := range map[string][]string{current: operationsV20250224, v1: operationsV20111101} {
		routes := routesByOperation(t, version)
		for _, op := range ops {
			if routes[op] == nil {
				t.Errorf("%s: the spec lacks %s", version, op)
			}
		}
	}
	// TestEveryOperationV20111101 calls every operation of v20111101.
	if n, all := len(operationsV20111101), len(routesByOperation(t, v1)); n != all {
		t.Errorf("%s: the end-to-end test names %d operations of %d", v1, n, all)
	}
}

// answerCorrectly answers every challenge with the test bank's right answer, for
// WaitOptions.AnswerMFA.
func answerCorrectly(_ context.Context, challenges []mxplatform.Challenge) (*mxplatform.MFAAnswers, error) {
	answers := mxplatform.NewMFAAnswers(challenges)
	for _, c := range challenges {
		if err := answers.Set(c.GUID, mxplatformtest.ChallengeAnswer); err != nil {
			return nil, err
		}
	}
	return answers, nil
}

// quickWait polls every millisecond and answers challenges: the fake runs jobs at once.
var quickWait = &mxplatform.WaitOptions{Interval: time.Millisecond, MaxInterval: 5 * time.Millisecond, AnswerMFA: answerCorrectly}

// TestEveryOperation calls each of the 65 operations of v20250224 that existed before the spec
// grew to the whole of MX's version (operationsV20250224) against the fake, through
// mxplatform.API, in the order of a real integration, and checks every answer against the spec
// and against what the calls before it did; the v20250224_*_test.go files cover the other
// operations. Users and members are named by partner-defined ids where the paths take
// identifiers.
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
	if err != nil || inst.Name != "MX Bank" || !strings.HasPrefix(string(inst.GUID), "INS-") || len(inst.SupportedProducts) == 0 {
		t.Fatalf("ReadInstitution(mxbank) = %+v, %v", inst, err)
	}
	byGUID, err := mx.ListInstitutionCredentials(ctx, inst.GUID, nil)
	if err != nil || len(byGUID.Items) != 2 {
		t.Fatalf("ListInstitutionCredentials by GUID = %+v, %v", byGUID, err)
	}
	creds := credentials(t, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordChallenge)

	// A user, named by its partner-defined id from now on.
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("partner-user-1")), Email: mxplatform.Ptr("ada@example.com"), Metadata: mxplatform.Ptr(`{"plan":"gold"}`)})
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	ug, uid := user.GUID, mxplatform.UserID("partner-user-1")
	if !strings.HasPrefix(string(ug), "USR-") || user.ID != uid || user.IsDisabled.Value() {
		t.Errorf("CreateUser = %+v", user)
	}
	if read, err := mx.ReadUser(ctx, uid); err != nil || read.GUID != ug || read.Email != "ada@example.com" {
		t.Fatalf("ReadUser(id) = %+v, %v", read, err)
	}
	if upd, err := mx.UpdateUser(ctx, uid, mxplatform.UserUpdateRequest{Metadata: mxplatform.Ptr("silver")}); err != nil || upd.Metadata != "silver" || upd.GUID != ug {
		t.Fatalf("UpdateUser = %+v, %v", upd, err)
	}
	users, err := mx.ListUsers(ctx, &mxplatform.ListUsersParams{Email: mxplatform.Ptr("ADA@example.com")})
	if err != nil || len(users.Items) != 1 || users.Items[0].GUID != ug {
		t.Fatalf("ListUsers(email) = %+v, %v", users, err)
	}

	w, err := mx.RequestWidgetURL(ctx, ug, mxplatform.WidgetRequest{WidgetType: mxplatform.WidgetTypeConnect,
		DataRequest: &mxplatform.DataRequest{Products: []mxplatform.SupportedProduct{mxplatform.SupportedProductTransactions}}})
	if err != nil || !strings.HasPrefix(w.URL, srv.URL) || w.Type != mxplatform.WidgetTypeConnect || w.UserID != uid {
		t.Fatalf("RequestWidgetURL = %+v, %v", w, err)
	}
	if resp, err := http.Get(w.URL); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET widget URL: %v, %v", resp, err)
	} else {
		resp.Body.Close()
	}

	// A member that is challenged, then answers; named by its partner-defined id.
	mid := mxplatform.MemberID("partner-member-1")
	member, err := mx.CreateMember(ctx, uid, mxplatform.MemberCreateRequest{
		InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds, ID: &mid, Metadata: mxplatform.Ptr("m"),
	}, nil)
	if err != nil {
		t.Fatalf("CreateMember: %v", err)
	}
	mg := member.GUID
	if status(member) != mxplatform.ConnectionStatusChallenged || !member.IsBeingAggregated.Value() || member.AggregatedAt == "" {
		t.Errorf("CreateMember with password challenge = %s, being aggregated %v", status(member), member.IsBeingAggregated.Value())
	}
	ch, err := mx.ListMemberChallenges(ctx, uid, mid, nil)
	if err != nil || !ch.Challenged || len(ch.Items) != 1 || ch.Items[0].Type != mxplatform.ChallengeTypeText {
		t.Fatalf("ListMemberChallenges = %+v, %v", ch, err)
	}
	st, err := mx.ReadMemberStatus(ctx, uid, mid)
	if err != nil || len(st.Challenges) != 1 || !st.IsBeingAggregated.Value() {
		t.Fatalf("ReadMemberStatus while challenged = %+v, %v", st, err)
	}
	res, err := mx.ResumeAggregation(ctx, uid, mid, mxplatform.MemberResumeRequest{Challenges: []mxplatform.ChallengeAnswer{
		{GUID: ch.Items[0].GUID, Value: mxplatformtest.ChallengeAnswer},
	}})
	if err != nil || res.Outcome != mxplatform.JobAlreadyRunning {
		t.Fatalf("ResumeAggregation = %+v, %v", res, err)
	}
	m, err := mx.ReadMember(ctx, uid, mid)
	if err != nil || status(m) != mxplatform.ConnectionStatusConnected || m.IsBeingAggregated.Value() || m.SuccessfullyAggregatedAt == "" || m.GUID != mg {
		t.Fatalf("ReadMember after the right answer = %+v, %v", m, err)
	}
	if m.UserID != uid || m.ID != mid || m.InstitutionCode != "mxbank" || m.InstitutionGUID != inst.GUID || m.Name != "MX Bank" {
		t.Errorf("ReadMember = %+v", m)
	}
	members, err := mx.ListMembers(ctx, uid, nil)
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
	upd, err := mx.UpdateMember(ctx, uid, mid, mxplatform.MemberUpdateRequest{Metadata: mxplatform.Ptr("new metadata")})
	if err != nil || upd.Metadata != "new metadata" || status(upd) != mxplatform.ConnectionStatusConnected {
		t.Fatalf("UpdateMember = %+v, %v", upd, err)
	}

	// Accounts.
	accts, err := mx.ListUserAccounts(ctx, uid, nil)
	if err != nil || len(accts.Items) < 2 {
		t.Fatalf("ListUserAccounts = %+v, %v", accts, err)
	}
	acct := accts.Items[0]
	if acct.Type != mxplatform.AccountTypeChecking || !acct.Balance.IsSet() || acct.MemberGUID != mg || acct.MemberID != mid || acct.UserID != uid {
		t.Errorf("first account = %+v", acct)
	}
	byMember, err := mx.ListMemberAccounts(ctx, uid, mid, nil)
	if err != nil || byMember.Pagination.TotalEntries != accts.Pagination.TotalEntries {
		t.Fatalf("ListMemberAccounts = %+v, %v", byMember, err)
	}
	read, err := mx.ReadAccount(ctx, ug, acct.GUID)
	if err != nil || !read.Balance.Value().Equal(acct.Balance.Value()) {
		t.Fatalf("ReadAccount = %+v, %v", read, err)
	}
	if got, err := mx.ReadAccountByMember(ctx, uid, mid, acct.GUID); err != nil || got.GUID != acct.GUID {
		t.Fatalf("ReadAccountByMember = %+v, %v", got, err)
	}
	hidden, err := mx.UpdateAccountByMember(ctx, uid, mid, acct.GUID, mxplatform.AccountUpdateRequest{IsHidden: mxplatform.Ptr(true)})
	if err != nil || !hidden.IsHidden.Value() {
		t.Fatalf("UpdateAccountByMember = %+v, %v", hidden, err)
	}

	// Jobs of every kind, each challenged (the password is "challenge"), answered by the
	// helpers; MX Bank is never throttled.
	for name, start := range map[string]func() (*mxplatform.WaitResult, error){
		"aggregate":  func() (*mxplatform.WaitResult, error) { return mx.AggregateAndWait(ctx, uid, mid, quickWait) },
		"verify":     func() (*mxplatform.WaitResult, error) { return mx.VerifyAndWait(ctx, uid, mid, quickWait) },
		"identify":   func() (*mxplatform.WaitResult, error) { return mx.IdentifyAndWait(ctx, uid, mid, quickWait) },
		"history":    func() (*mxplatform.WaitResult, error) { return mx.ExtendHistoryAndWait(ctx, uid, mid, quickWait) },
		"statements": func() (*mxplatform.WaitResult, error) { return mx.FetchStatementsAndWait(ctx, uid, mid, quickWait) },
		"balances":   func() (*mxplatform.WaitResult, error) { return mx.CheckBalancesAndWait(ctx, uid, mid, quickWait) },
	} {
		r, err := start()
		if err != nil || !r.Connected() || r.Job != mxplatform.JobStarted {
			t.Fatalf("%s and wait = %+v, %v", name, r, err)
		}
	}
	// The raw job operations, each answering 200 with the member when it starts a job.
	for name, start := range map[string]func(context.Context, mxplatform.UserIdentifier, mxplatform.MemberIdentifier, ...mxplatform.CallOption) (*mxplatform.JobResult, error){
		"AggregateMember": mx.AggregateMember, "VerifyMember": mx.VerifyMember, "IdentifyMember": mx.IdentifyMember,
		"ExtendHistory": mx.ExtendHistory, "FetchStatements": mx.FetchStatements,
	} {
		r, err := start(ctx, ug, mg)
		if err != nil || r.Outcome != mxplatform.JobStarted || status(r.Member) != mxplatform.ConnectionStatusChallenged {
			t.Fatalf("%s = %+v, %v; want a challenged job", name, r, err)
		}
		if _, err := mx.WaitForJob(ctx, ug, mg, quickWait); err != nil {
			t.Fatalf("%s: WaitForJob: %v", name, err)
		}
	}

	// What the jobs gathered.
	numbers, err := mx.ListAccountNumbersByMember(ctx, ug, mg, nil)
	if err != nil || len(numbers.Items) == 0 {
		t.Fatalf("ListAccountNumbersByMember = %+v, %v", numbers, err)
	}
	one, err := mx.ListAccountNumbersByAccount(ctx, uid, acct.GUID, nil)
	if err != nil || len(one.Items) != 1 || one.Items[0].AccountGUID != acct.GUID || !strings.HasSuffix(one.Items[0].AccountNumber, acct.AccountNumber) {
		t.Fatalf("ListAccountNumbersByAccount = %+v, %v", one, err)
	}
	owners, err := mx.ListAccountOwnersByMember(ctx, uid, mid, nil)
	if err != nil || len(owners.Items) < len(accts.Items) {
		t.Fatalf("ListAccountOwnersByMember = %+v, %v", owners, err)
	}
	statements, err := mx.ListStatementsByMember(ctx, ug, mg, nil)
	if err != nil || len(statements.Items) == 0 {
		t.Fatalf("ListStatementsByMember = %+v, %v", statements, err)
	}
	stmt, err := mx.ReadStatementByMember(ctx, ug, mg, statements.Items[0].GUID)
	if err != nil || *stmt != statements.Items[0] {
		t.Fatalf("ReadStatementByMember = %+v, %v", stmt, err)
	}
	pdf, err := mx.DownloadStatementPDF(ctx, ug, mg, stmt.GUID)
	if err != nil {
		t.Fatalf("DownloadStatementPDF: %v", err)
	}
	doc, err := io.ReadAll(pdf)
	pdf.Close()
	if err != nil || sha256Hex(doc) != stmt.ContentHash {
		t.Fatalf("the PDF (%d bytes, %v) does not hash to content_hash %s", len(doc), err, stmt.ContentHash)
	}

	// Holdings, on the member's investment account if it has one, else a seeded one.
	holdings, err := mx.ListHoldings(ctx, ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(holdings.Items) == 0 {
		seeded := investedUser(t, srv)
		holdings, err = mx.ListHoldings(ctx, seeded.user, nil)
		if err != nil || len(holdings.Items) == 0 {
			t.Fatalf("ListHoldings of an invested user = %+v, %v", holdings, err)
		}
		ug, mg = seeded.user, seeded.member
	}
	h := holdings.Items[0]
	if got, err := mx.ReadHolding(ctx, ug, h.GUID); err != nil || got.GUID != h.GUID || !got.Quantity.Value().Equal(h.Quantity.Value()) {
		t.Fatalf("ReadHolding = %+v, %v", got, err)
	}
	if got, err := mx.ListHoldingsByAccount(ctx, ug, h.AccountGUID, nil); err != nil || len(got.Items) == 0 {
		t.Fatalf("ListHoldingsByAccount = %+v, %v", got, err)
	}
	if got, err := mx.ListHoldingsByMember(ctx, ug, mg, nil); err != nil || got.Pagination.TotalEntries != holdings.Pagination.TotalEntries {
		t.Fatalf("ListHoldingsByMember = %+v, %v", got, err)
	}
	ug, mg = user.GUID, member.GUID

	// Transactions.
	txns, err := mx.ListTransactions(ctx, uid, nil)
	if err != nil || len(txns.Items) == 0 {
		t.Fatalf("ListTransactions = %+v, %v", txns, err)
	}
	byMem, err := mx.ListTransactionsByMember(ctx, uid, mid, nil)
	if err != nil || byMem.Pagination.TotalEntries != txns.Pagination.TotalEntries {
		t.Fatalf("ListTransactionsByMember = %+v, %v; want the user's %d", byMem.Pagination, err, txns.Pagination.TotalEntries)
	}
	byAccount, err := mx.ListTransactionsByAccount(ctx, ug, acct.GUID, &mxplatform.ListTransactionsByAccountParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil || len(byAccount.Items) == 0 {
		t.Fatalf("ListTransactionsByAccount = %+v, %v", byAccount, err)
	}
	perMember, err := mx.ListTransactionsByAccountPerMember(ctx, ug, mg, acct.GUID, &mxplatform.ListTransactionsByAccountPerMemberParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil || perMember.Pagination != byAccount.Pagination {
		t.Fatalf("ListTransactionsByAccountPerMember = %+v, %v", perMember, err)
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
	if got, err := mx.ReadTransactionByAccount(ctx, uid, mid, acct.GUID, tx.GUID, nil); err != nil || got.GUID != tx.GUID {
		t.Fatalf("ReadTransactionByAccount = %+v, %v", got, err)
	}
	if ut, err := mx.UpdateTransaction(ctx, ug, tx.GUID, mxplatform.TransactionUpdateRequest{Description: "Dinner"}); err != nil || ut.Description != "Dinner" {
		t.Fatalf("UpdateTransaction = %+v, %v", ut, err)
	}
	if ut, err := mx.UpdateTransactionByAccount(ctx, uid, mid, acct.GUID, tx.GUID, mxplatform.TransactionUpdateRequest{Description: "Lunch"}); err != nil || ut.Description != "Lunch" {
		t.Fatalf("UpdateTransactionByAccount = %+v, %v", ut, err)
	}

	// Categories and merchants.
	defaults, err := mx.ListDefaultCategories(ctx, &mxplatform.ListDefaultCategoriesParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil || defaults.Pagination.TotalEntries < 100 {
		t.Fatalf("ListDefaultCategories = %+v, %v", defaults.Pagination, err)
	}
	if byUser, err := mx.ListDefaultCategoriesByUser(ctx, ug, nil); err != nil || byUser.Pagination.TotalEntries != defaults.Pagination.TotalEntries {
		t.Fatalf("ListDefaultCategoriesByUser = %+v, %v", byUser, err)
	}
	food := findCategory(t, defaults.Items, "Food & Dining")
	if got, err := mx.ReadDefaultCategory(ctx, food.GUID); err != nil || got.Name != "Food & Dining" {
		t.Fatalf("ReadDefaultCategory = %+v, %v", got, err)
	}
	custom, err := mx.CreateCategory(ctx, ug, mxplatform.CategoryCreateRequest{Name: "Farmers Market", ParentGUID: food.GUID})
	if err != nil || custom.IsDefault.Value() || custom.ParentGUID != food.GUID {
		t.Fatalf("CreateCategory = %+v, %v", custom, err)
	}
	if got, err := mx.ReadCategory(ctx, ug, custom.GUID); err != nil || got.Name != "Farmers Market" {
		t.Fatalf("ReadCategory = %+v, %v", got, err)
	}
	if got, err := mx.UpdateCategory(ctx, ug, custom.GUID, mxplatform.CategoryUpdateRequest{Name: mxplatform.Ptr("Market")}); err != nil || got.Name != "Market" {
		t.Fatalf("UpdateCategory = %+v, %v", got, err)
	}
	if all, err := mx.ListCategories(ctx, ug, &mxplatform.ListCategoriesParams{RecordsPerPage: mxplatform.Ptr(1000)}); err != nil || all.Pagination.TotalEntries != defaults.Pagination.TotalEntries+1 {
		t.Fatalf("ListCategories = %+v, %v", all, err)
	}
	if err := mx.DeleteCategory(ctx, ug, custom.GUID); err != nil {
		t.Fatalf("DeleteCategory: %v", err)
	}
	merchants, err := mx.ListMerchants(ctx, &mxplatform.ListMerchantsParams{Name: mxplatform.Ptr("starbucks")})
	if err != nil || len(merchants.Items) != 1 {
		t.Fatalf("ListMerchants = %+v, %v", merchants, err)
	}
	if got, err := mx.ReadMerchant(ctx, merchants.Items[0].GUID); err != nil || got.Name != "Starbucks" {
		t.Fatalf("ReadMerchant = %+v, %v", got, err)
	}
	located := rt
	if located.MerchantLocationGUID == "" {
		for _, x := range byAccount.Items {
			if x.MerchantLocationGUID != "" {
				located = &x
				break
			}
		}
	}
	if loc, err := mx.ReadMerchantLocation(ctx, located.MerchantLocationGUID); err != nil || loc.MerchantGUID != located.MerchantGUID {
		t.Fatalf("ReadMerchantLocation = %+v, %v", loc, err)
	}

	// Manual accounts and transactions, then a merge.
	manual, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{Name: "Cash jar", AccountType: mxplatform.AccountTypeCash, Balance: mxplatform.Ptr(mxplatform.MustDecimal("40.25"))})
	if err != nil || !manual.IsManual.Value() {
		t.Fatalf("CreateManualAccount = %+v, %v", manual, err)
	}
	mt, err := mx.CreateManualTransaction(ctx, ug, manual.GUID, mxplatform.TransactionCreateRequest{
		Amount: mxplatform.MustDecimal("4.75"), Date: "2026-01-02", Description: "Coffee", Type: mxplatform.TransactionTypeDebit,
	})
	if err != nil || !mt.IsManual.Value() || mt.AccountGUID != manual.GUID {
		t.Fatalf("CreateManualTransaction = %+v, %v", mt, err)
	}
	if err := mx.DeleteManualTransactions(ctx, ug, mt.GUID); err != nil {
		t.Fatalf("DeleteManualTransactions: %v", err)
	}
	other, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{Name: "Cash jar (again)", AccountType: mxplatform.AccountTypeCash})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := mx.MergeAccounts(ctx, ug, mxplatform.AccountsMergeRequest{AccountGuids: []mxplatform.AccountGUID{manual.GUID, other.GUID}})
	if err != nil || merged.GUID != manual.GUID {
		t.Fatalf("MergeAccounts = %+v, %v", merged, err)
	}
	if err := mx.DeleteManualAccount(ctx, ug, manual.GUID); err != nil {
		t.Fatalf("DeleteManualAccount: %v", err)
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
	if err := mx.DeleteUser(ctx, uid); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	if _, err := mx.ReadAccount(ctx, ug, acct.GUID); !errors.Is(err, mxplatform.ErrNotFound) {
		t.Errorf("ReadAccount after DeleteUser: %v, want not found", err)
	}

	for _, op := range operationsV20250224 {
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

// findCategory returns the category with the name, failing the test when there is none.
func findCategory(t testing.TB, cats []mxplatform.Category, name string) mxplatform.Category {
	t.Helper()
	i := slices.IndexFunc(cats, func(c mxplatform.Category) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("no category %q", name)
	}
	return cats[i]
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
