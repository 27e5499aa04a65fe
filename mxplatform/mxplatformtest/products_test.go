package mxplatformtest_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// seeded is a user and member seeded in a fake.
type seeded struct {
	user   mxplatform.UserGUID
	member mxplatform.MemberGUID
}

// seedMember seeds a user and a connected member of the institution whose login is name,
// gathering the products.
func seedMember(t testing.TB, srv *mxplatformtest.Server, code mxplatform.InstitutionCode, name string, products ...mxplatform.SupportedProduct) seeded {
	t.Helper()
	u, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{InstitutionCode: code, UserName: name, Products: products})
	if err != nil {
		t.Fatal(err)
	}
	return seeded{u.GUID, m.GUID}
}

// investedUser seeds a member of MX Bank with an investment account: the first login of a
// fixed list whose generated data has one, the same in every run.
func investedUser(t testing.TB, srv *mxplatformtest.Server) seeded {
	t.Helper()
	ctx := context.Background()
	mx, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		s := seedMember(t, srv, "mxbank", fmt.Sprintf("investor-%d", i))
		accts, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil)
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(accts.Items, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeInvestment }) {
			return s
		}
	}
	t.Fatal("no login of the list has an investment account")
	return seeded{}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestAccountNumbers checks what a verification gathers: the numbers of the deposit accounts,
// the account number ending with the digits the account shows, a routing number whose check
// digit is right (transit and institution numbers in Canada), the same in every fake with the
// same seed, and the same record (GUID) after another verification.
func TestAccountNumbers(t *testing.T) {
	ctx := context.Background()
	numbersOf := func(code mxplatform.InstitutionCode) ([]mxplatform.AccountNumber, []mxplatform.Account, *mxplatform.API, seeded) {
		srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
		mx := newAPI(t, srv)
		s := seedMember(t, srv, code, "numbers", mxplatform.SupportedProductAccountVerification)
		p, err := mx.ListAccountNumbersByMember(ctx, s.user, s.member, nil)
		if err != nil {
			t.Fatal(err)
		}
		accts, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p.Items, accts.Items, mx, s
	}
	numbers, accts, mx, s := numbersOf("mxbank")
	again, _, _, _ := numbersOf("mxbank")
	if fmt.Sprint(numbers) != fmt.Sprint(again) {
		t.Errorf("two fakes with the same seed gave other numbers:\n%v\n%v", numbers, again)
	}
	deposit := 0
	for _, a := range accts {
		if a.Type == mxplatform.AccountTypeChecking || a.Type == mxplatform.AccountTypeSavings {
			deposit++
		}
	}
	if len(numbers) != deposit || deposit == 0 {
		t.Fatalf("%d account numbers for %d deposit accounts", len(numbers), deposit)
	}
	for _, n := range numbers {
		i := slices.IndexFunc(accts, func(a mxplatform.Account) bool { return a.GUID == n.AccountGUID })
		if i < 0 {
			t.Fatalf("numbers of an unknown account %s", n.AccountGUID)
		}
		if !strings.HasSuffix(n.AccountNumber, accts[i].AccountNumber) || len(n.AccountNumber) < 8 || !regexp.MustCompile(`^[0-9]+$`).MatchString(n.AccountNumber) {
			t.Errorf("account number %q of the account showing %q", n.AccountNumber, accts[i].AccountNumber)
		}
		if !validRouting(n.RoutingNumber) || !n.PassedValidation.Value() || n.MemberGUID != s.member || n.UserGUID != s.user || !strings.HasPrefix(string(n.GUID), "ACN-") {
			t.Errorf("numbers %+v", n)
		}
		byAccount, err := mx.ListAccountNumbersByAccount(ctx, s.user, n.AccountGUID, nil)
		if err != nil || len(byAccount.Items) != 1 || byAccount.Items[0] != n {
			t.Errorf("ListAccountNumbersByAccount = %+v, %v; want %+v", byAccount, err, n)
		}
	}
	if _, err := mx.VerifyAndWait(ctx, s.user, s.member, quickWait); err != nil {
		t.Fatal(err)
	}
	after, err := mx.ListAccountNumbersByMember(ctx, s.user, s.member, nil)
	if err != nil || fmt.Sprint(after.Items) != fmt.Sprint(numbers) {
		t.Errorf("after another verification: %+v, %v; want the same records", after, err)
	}

	canadian, _, _, _ := numbersOf("rbc")
	for _, n := range canadian {
		if n.RoutingNumber != "" || len(n.TransitNumber) != 5 || len(n.InstitutionNumber) != 3 {
			t.Errorf("Canadian numbers %+v", n)
		}
	}
}

// validRouting reports whether s is an ABA routing number with a right check digit.
func validRouting(s string) bool {
	if len(s) != 9 {
		return false
	}
	sum := 0
	for i, c := range s {
		d, err := strconv.Atoi(string(c))
		if err != nil {
			return false
		}
		sum += d * []int{3, 7, 1}[i%3]
	}
	return sum%10 == 0
}

// TestAccountOwners checks what an identification gathers: an owner for every account, with a
// name, an address and contacts, two for a savings account, which becomes JOINT.
func TestAccountOwners(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	var s seeded
	var accts []mxplatform.Account
	for i := range 30 { // a login whose accounts include a savings account
		s = seedMember(t, srv, "mxbank", fmt.Sprintf("owner-%d", i))
		page, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil)
		if err != nil {
			t.Fatal(err)
		}
		if accts = page.Items; slices.ContainsFunc(accts, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeSavings }) {
			break
		}
	}
	if r, err := mx.IdentifyAndWait(ctx, s.user, s.member, quickWait); err != nil || !r.Connected() {
		t.Fatalf("IdentifyAndWait = %+v, %v", r, err)
	}
	owners, err := mx.ListAccountOwnersByMember(ctx, s.user, s.member, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accts {
		var mine []mxplatform.AccountOwner
		for _, o := range owners.Items {
			if o.AccountGUID == a.GUID {
				mine = append(mine, o)
			}
		}
		want := 1
		if a.Type == mxplatform.AccountTypeSavings {
			want = 2
		}
		if len(mine) != want {
			t.Errorf("%s account: %d owners, want %d", a.Type, len(mine), want)
		}
		for _, o := range mine {
			if o.OwnerName == "" || o.Address == "" || o.City == "" || o.PostalCode == "" || !strings.Contains(o.Email, "@") || o.Phone == "" || o.MemberGUID != s.member || !strings.HasPrefix(string(o.GUID), "ACO-") {
				t.Errorf("owner %+v", o)
			}
		}
		got, err := mx.ReadAccount(ctx, s.user, a.GUID)
		if err != nil {
			t.Fatal(err)
		}
		if wantOwnership := map[int]mxplatform.AccountOwnership{1: mxplatform.AccountOwnershipIndividual, 2: mxplatform.AccountOwnershipJoint}[want]; got.AccountOwnership != wantOwnership {
			t.Errorf("%s account ownership %s, want %s", a.Type, got.AccountOwnership, wantOwnership)
		}
	}
}

// TestStatements checks the statements a fetch gathers: three months per account, records
// that read alike in the list and alone, and PDF documents that are valid, the same on every
// download, and hash to the records' content_hash.
func TestStatements(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s := seedMember(t, srv, "mxbank", "statements", mxplatform.SupportedProductTransactions, mxplatform.SupportedProductStatements)
	accts, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, err := mx.ListStatementsByMember(ctx, s.user, s.member, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 3*len(accts.Items) {
		t.Fatalf("%d statements for %d accounts, want three each", len(list.Items), len(accts.Items))
	}
	hashes := map[string]bool{}
	for _, st := range list.Items {
		if st.MemberGUID != s.member || st.UserGUID != s.user || !strings.HasPrefix(string(st.GUID), "STA-") || !strings.HasSuffix(st.URI, string(st.GUID)+".pdf") {
			t.Errorf("statement %+v", st)
		}
		one, err := mx.ReadStatementByMember(ctx, s.user, s.member, st.GUID)
		if err != nil || *one != st {
			t.Errorf("ReadStatementByMember = %+v, %v; want %+v", one, err, st)
		}
		var docs [2][]byte
		for i := range docs {
			body, err := mx.DownloadStatementPDF(ctx, s.user, s.member, st.GUID)
			if err != nil {
				t.Fatal(err)
			}
			docs[i], err = io.ReadAll(body)
			body.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(docs[0], docs[1]) {
			t.Error("two downloads of a statement differ")
		}
		checkPDF(t, docs[0])
		if h := sha256Hex(docs[0]); h != st.ContentHash || hashes[h] {
			t.Errorf("content_hash %s, the PDF hashes to %s (seen before: %v)", st.ContentHash, h, hashes[h])
		}
		hashes[st.ContentHash] = true
	}

	// On the wire: the PDF's media type and length, and a 404 in MX's error JSON.
	path := "/users/" + string(s.user) + "/members/" + string(s.member) + "/statements/" + string(list.Items[0].GUID) + ".pdf"
	r := do(t, srv, request{method: "GET", path: path, header: map[string]string{"Accept": "application/vnd.mx.api.v1+pdf"}})
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/vnd.mx.api.v1+pdf" || r.header.Get("Content-Length") != strconv.Itoa(len(r.body)) {
		t.Errorf("GET %s answered %d %v", path, r.status, r.header)
	}
	if r := do(t, srv, request{method: "GET", path: path, header: map[string]string{"Accept": "application/json"}}); r.status != http.StatusNotAcceptable {
		t.Errorf("the PDF to a client that accepts JSON only: %d, want 406", r.status)
	}
	r = do(t, srv, request{method: "GET", path: strings.Replace(path, string(list.Items[0].GUID), "STA-nope", 1), header: map[string]string{"Accept": "*/*"}})
	if r.status != http.StatusNotFound || r.message(t) == "" {
		t.Errorf("an unknown statement's PDF answered %d", r.status)
	}

	// Another member's statements are not this member's; fetching again adds nothing new.
	other := seedMember(t, srv, "mxbank", "someone else")
	_, err = mx.ReadStatementByMember(ctx, other.user, other.member, list.Items[0].GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	if _, err := mx.FetchStatementsAndWait(ctx, s.user, s.member, quickWait); err != nil {
		t.Fatal(err)
	}
	again, err := mx.ListStatementsByMember(ctx, s.user, s.member, nil)
	if err != nil || fmt.Sprint(again.Items) != fmt.Sprint(list.Items) {
		t.Errorf("after fetching again: %d statements, %v; want the same %d", len(again.Items), err, len(list.Items))
	}
}

// checkPDF checks the structure of a PDF document: its header and end, a cross-reference table
// that startxref points to and whose every entry points to its object, and a content stream of
// the length it declares.
func checkPDF(t *testing.T, doc []byte) {
	t.Helper()
	if !bytes.HasPrefix(doc, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimRight(doc, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("not a PDF: %.40q...", doc)
	}
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(doc) || !bytes.HasPrefix(doc[xref:], []byte("xref")) {
		t.Fatalf("startxref %d does not point to the cross-reference table", xref)
	}
	entries := regexp.MustCompile(`(\d{10}) (\d{5}) ([nf]) ?\r?\n`).FindAllSubmatch(doc[xref:], -1)
	if len(entries) < 2 {
		t.Fatalf("%d cross-reference entries", len(entries))
	}
	for i, e := range entries[1:] {
		off, _ := strconv.Atoi(string(e[1]))
		if want := fmt.Sprintf("%d 0 obj", i+1); off >= len(doc) || !bytes.HasPrefix(doc[off:], []byte(want)) {
			t.Errorf("entry %d points to %.12q, want %q", i+1, doc[off:min(off+12, len(doc))], want)
		}
	}
	sm := regexp.MustCompile(`(?s)/Length (\d+) >>\nstream\n(.*?)endstream`).FindSubmatch(doc)
	if sm == nil {
		t.Fatal("no content stream")
	}
	if n, _ := strconv.Atoi(string(sm[1])); n != len(sm[2]) {
		t.Errorf("the stream declares %d bytes and holds %d", n, len(sm[2]))
	}
	if !bytes.Contains(sm[2], []byte("Account statement")) {
		t.Error("the page does not say it is a statement")
	}
}

// TestHoldings checks the holdings of an investment account: exact quantities and prices, a
// market value that is the quantity times the price to the cent, an account balance that is
// the holdings' value and the cash to the cent, the same records by user, member and account,
// and v20111101's holdings_value.
func TestHoldings(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s := investedUser(t, srv)
	all, err := mx.ListHoldings(ctx, s.user, nil)
	if err != nil || len(all.Items) == 0 {
		t.Fatalf("ListHoldings = %+v, %v", all, err)
	}
	byMember, err := mx.ListHoldingsByMember(ctx, s.user, s.member, nil)
	if err != nil || fmt.Sprint(byMember.Items) != fmt.Sprint(all.Items) {
		t.Errorf("ListHoldingsByMember = %+v, %v", byMember, err)
	}
	sums := map[mxplatform.AccountGUID]decimal.Decimal{}
	for _, h := range all.Items {
		q, p, v := h.Quantity.Value().Big(), h.CurrentPrice.Value().Big(), h.MarketValue.Value().Big()
		if !h.Quantity.IsSet() || q.Sign() <= 0 || q.Exponent() < -3 {
			t.Errorf("%s: quantity %s", h.Symbol, q)
		}
		if !q.Mul(p).Round(2).Equal(v) {
			t.Errorf("%s: market value %s is not %s × %s", h.Symbol, v, q, p)
		}
		if !h.MarketValue.Value().Big().Sub(h.CostBasis.Value().Big()).Equal(h.TotalUglAmount.Value().Big()) {
			t.Errorf("%s: total gain %s is not %s − %s", h.Symbol, h.TotalUglAmount, v, h.CostBasis)
		}
		if h.UserGUID != s.user || !strings.HasPrefix(string(h.GUID), "HOL-") || h.Symbol == "" || h.HoldingType == "" {
			t.Errorf("holding %+v", h)
		}
		one, err := mx.ReadHolding(ctx, s.user, h.GUID)
		if err != nil || fmt.Sprint(*one) != fmt.Sprint(h) {
			t.Errorf("ReadHolding = %+v, %v", one, err)
		}
		sums[h.AccountGUID] = sums[h.AccountGUID].Add(v)
	}
	old := newAPIV1(t, srv)
	for ag, sum := range sums {
		acct, err := mx.ReadAccount(ctx, s.user, ag)
		if err != nil {
			t.Fatal(err)
		}
		if acct.Type != mxplatform.AccountTypeInvestment || !sum.Add(acct.CashBalance.Value().Big()).Equal(acct.Balance.Value().Big()) {
			t.Errorf("%s account: holdings %s and cash %s do not make the balance %s", acct.Type, sum, acct.CashBalance, acct.Balance)
		}
		byAccount, err := mx.ListHoldingsByAccount(ctx, s.user, ag, nil)
		if err != nil || len(byAccount.Items) == 0 {
			t.Errorf("ListHoldingsByAccount = %+v, %v", byAccount, err)
		}
		v1acct, err := old.ReadAccount(ctx, s.user, ag)
		if err != nil || !v1acct.HoldingsValue.Value().Big().Equal(sum) || !v1acct.FeedHoldingsValue.Value().Big().Equal(sum) {
			t.Errorf("v20111101's holdings_value = %v (feed %v), %v; want %s", v1acct.HoldingsValue, v1acct.FeedHoldingsValue, err, sum)
		}
	}

	// The holdings of a deposit account: none; of another user: not found.
	accts, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil)
	if err != nil {
		t.Fatal(err)
	}
	if none, err := mx.ListHoldingsByAccount(ctx, s.user, accts.Items[0].GUID, nil); err != nil || len(none.Items) != 0 {
		t.Errorf("holdings of a %s account = %+v, %v", accts.Items[0].Type, none, err)
	}
	other := seedMember(t, srv, "mxbank", "nobody")
	_, err = mx.ReadHolding(ctx, other.user, all.Items[0].GUID)
	wantStatusErr(t, err, http.StatusNotFound)
}

// TestCategories checks MX's default categories and a user's custom ones: the tree of package
// mxplatform, with parents; creating, renaming, reading and deleting custom categories; what
// refuses changes; and transactions that take a custom category and fall back to its parent
// when it goes.
func TestCategories(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	defaults, err := mxplatform.Collect(mx.ListDefaultCategoriesIter(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	tree := mxplatform.Categories()
	want := len(tree)
	for _, g := range tree {
		want += len(g.Categories)
	}
	if len(defaults) != want {
		t.Fatalf("%d default categories, want the %d of mxplatform.Categories", len(defaults), want)
	}
	byGUID := map[mxplatform.CategoryGUID]mxplatform.Category{}
	for _, c := range defaults {
		byGUID[c.GUID] = c
	}
	for _, c := range defaults {
		top, ok := mxplatform.TopLevelCategory(c.Name)
		if !ok || !c.IsDefault.Value() || c.UpdatedAt != "" || c.IsIncome.Value() != (top == "Income") {
			t.Errorf("default category %+v", c)
		}
		switch {
		case top == c.Name && c.ParentGUID != "":
			t.Errorf("top-level %s has a parent", c.Name)
		case top != c.Name && byGUID[c.ParentGUID].Name != top:
			t.Errorf("%s's parent is %q, want %s", c.Name, byGUID[c.ParentGUID].Name, top)
		}
	}
	groceries := findCategory(t, defaults, "Groceries")
	if groceries.GUID != "CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8" {
		t.Errorf("Groceries is %s, not MX's GUID", groceries.GUID)
	}
	if got, err := mx.ReadDefaultCategory(ctx, groceries.GUID); err != nil || *got != groceries {
		t.Errorf("ReadDefaultCategory = %+v, %v", got, err)
	}
	_, err = mx.ReadDefaultCategory(ctx, "CAT-nope")
	wantStatusErr(t, err, http.StatusNotFound)

	s := seedMember(t, srv, "mxbank", "categories")
	food := findCategory(t, defaults, "Food & Dining")
	custom, err := mx.CreateCategory(ctx, s.user, mxplatform.CategoryCreateRequest{Name: "Farmers Market", ParentGUID: food.GUID, Metadata: mxplatform.Ptr("m")})
	if err != nil || custom.IsDefault.Value() || custom.ParentGUID != food.GUID || custom.Metadata != "m" || custom.CreatedAt == "" || !strings.HasPrefix(string(custom.GUID), "CAT-") {
		t.Fatalf("CreateCategory = %+v, %v", custom, err)
	}
	_, err = mx.CreateCategory(ctx, s.user, mxplatform.CategoryCreateRequest{Name: "Under a subcategory", ParentGUID: groceries.GUID})
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.CreateCategory(ctx, s.user, mxplatform.CategoryCreateRequest{Name: "Under nothing", ParentGUID: "CAT-nope"})
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.UpdateCategory(ctx, s.user, groceries.GUID, mxplatform.CategoryUpdateRequest{Name: mxplatform.Ptr("Food")})
	wantStatusErr(t, err, http.StatusBadRequest)
	err = mx.DeleteCategory(ctx, s.user, groceries.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.UpdateCategory(ctx, s.user, custom.GUID, mxplatform.CategoryUpdateRequest{})
	wantStatusErr(t, err, http.StatusBadRequest)

	// Listed with the defaults for its user only.
	mine, err := mxplatform.Collect(mx.ListCategoriesIter(ctx, s.user, nil))
	if err != nil || len(mine) != want+1 || mine[want].GUID != custom.GUID {
		t.Errorf("ListCategories = %d categories, %v; want the defaults and the custom one last", len(mine), err)
	}
	other := seedMember(t, srv, "mxbank", "other")
	_, err = mx.ReadCategory(ctx, other.user, custom.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	if theirs, err := mx.ListCategories(ctx, other.user, &mxplatform.ListCategoriesParams{RecordsPerPage: mxplatform.Ptr(1000)}); err != nil || theirs.Pagination.TotalEntries != want {
		t.Errorf("another user's categories = %+v, %v", theirs.Pagination, err)
	}
	if got, err := mx.ReadCategory(ctx, other.user, groceries.GUID); err != nil || got.Name != "Groceries" {
		t.Errorf("ReadCategory of a default one = %+v, %v", got, err)
	}

	// A manual transaction in the custom category shows its name, renamed; when the category
	// goes, the transaction takes its parent.
	acct, err := mx.CreateManualAccount(ctx, s.user, mxplatform.AccountCreateRequest{Name: "Wallet", AccountType: mxplatform.AccountTypeCash})
	if err != nil {
		t.Fatal(err)
	}
	txn, err := mx.CreateManualTransaction(ctx, s.user, acct.GUID, mxplatform.TransactionCreateRequest{
		Amount: mxplatform.MustDecimal("12.00"), Date: "2026-01-05", Description: "Apples", Type: mxplatform.TransactionTypeDebit, CategoryGUID: &custom.GUID,
	})
	if err != nil || txn.Category != "Farmers Market" || txn.TopLevelCategory != "Food & Dining" {
		t.Fatalf("CreateManualTransaction = %+v, %v", txn, err)
	}
	renamed, err := mx.UpdateCategory(ctx, s.user, custom.GUID, mxplatform.CategoryUpdateRequest{Name: mxplatform.Ptr("Market")})
	if err != nil || renamed.Name != "Market" || renamed.UpdatedAt < custom.UpdatedAt {
		t.Fatalf("UpdateCategory = %+v, %v", renamed, err)
	}
	if got, err := mx.ReadTransaction(ctx, s.user, txn.GUID, nil); err != nil || got.Category != "Market" {
		t.Errorf("the transaction's category after renaming = %+v, %v", got, err)
	}
	if err := mx.DeleteCategory(ctx, s.user, custom.GUID); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadCategory(ctx, s.user, custom.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	if got, err := mx.ReadTransaction(ctx, s.user, txn.GUID, nil); err != nil || got.CategoryGUID != food.GUID || got.Category != "Food & Dining" {
		t.Errorf("the transaction's category after deleting it = %+v, %v", got, err)
	}
	_, err = mx.CreateManualTransaction(ctx, s.user, acct.GUID, mxplatform.TransactionCreateRequest{
		Amount: mxplatform.MustDecimal("1"), Date: "2026-01-05", Description: "x", Type: mxplatform.TransactionTypeDebit, CategoryGUID: &custom.GUID,
	})
	wantStatusErr(t, err, http.StatusBadRequest)
}

// TestMerchants checks the merchants and their locations: every merchant and location a
// generated transaction names reads back, with the name and website its merchant include has.
func TestMerchants(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	all, err := mxplatform.Collect(mx.ListMerchantsIter(ctx, nil))
	if err != nil || len(all) < 10 {
		t.Fatalf("ListMerchants = %d merchants, %v", len(all), err)
	}
	if !slices.IsSortedFunc(all, func(a, b mxplatform.Merchant) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("merchants are not sorted by name")
	}
	named, err := mx.ListMerchants(ctx, &mxplatform.ListMerchantsParams{Name: mxplatform.Ptr("TRADER")})
	if err != nil || len(named.Items) != 1 || named.Items[0].Name != "Trader Joe's" {
		t.Errorf("ListMerchants(name=TRADER) = %+v, %v", named, err)
	}
	_, err = mx.ReadMerchant(ctx, "MCH-nope")
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ReadMerchantLocation(ctx, "MCL-nope")
	wantStatusErr(t, err, http.StatusNotFound)

	s := seedMember(t, srv, "mxbank", "shopper")
	txns, err := mx.ListTransactionsByMember(ctx, s.user, s.member, &mxplatform.ListTransactionsByMemberParams{RecordsPerPage: mxplatform.Ptr(1000), Includes: mxplatform.Ptr("merchants,geolocations")})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, tx := range txns.Items {
		if tx.MerchantGUID == "" {
			continue
		}
		checked++
		m, err := mx.ReadMerchant(ctx, tx.MerchantGUID)
		if err != nil || m.Name != tx.Merchant.Name || m.WebsiteURL != tx.Merchant.WebsiteURL || m.LogoURL != tx.Merchant.LogoURL {
			t.Fatalf("ReadMerchant(%s) = %+v, %v; the transaction's include is %+v", tx.MerchantGUID, m, err, tx.Merchant)
		}
		loc, err := mx.ReadMerchantLocation(ctx, tx.MerchantLocationGUID)
		if err != nil || loc.MerchantGUID != tx.MerchantGUID || loc.Latitude != tx.Latitude || loc.Longitude != tx.Longitude || loc.City != tx.Geolocation.City || loc.StreetAddress == "" {
			t.Fatalf("ReadMerchantLocation(%s) = %+v, %v; the transaction is at %v, %v in %+v", tx.MerchantLocationGUID, loc, err, tx.Latitude, tx.Longitude, tx.Geolocation)
		}
		if !slices.ContainsFunc(all, func(x mxplatform.Merchant) bool { return x.GUID == m.GUID }) {
			t.Errorf("%s is not listed", m.Name)
		}
	}
	if checked == 0 {
		t.Error("no transaction names a merchant")
	}
}

// TestManualAccountsAndTransactions checks what is made by hand: manual accounts under the
// member of the Manual Institution, their transactions, updates of every field, deletes; and
// that aggregated accounts refuse all of it.
func TestManualAccountsAndTransactions(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("hand-made"))})
	if err != nil {
		t.Fatal(err)
	}
	ug := user.GUID
	aggregated := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordConnect)

	_, err = mx.CreateManualAccount(ctx, mxplatform.UserID("hand-made"), mxplatform.AccountCreateRequest{Name: "By id", AccountType: mxplatform.AccountTypeCash})
	wantStatusErr(t, err, http.StatusNotFound) // MX takes the user's GUID only here
	acct, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{
		Name: "Car", AccountType: mxplatform.AccountTypeProperty, PropertyType: mxplatform.Ptr(mxplatform.PropertyTypeVehicle),
		Balance: mxplatform.Ptr(mxplatform.MustDecimal("18250.50")), Metadata: mxplatform.Ptr("vin"),
	})
	if err != nil || !acct.IsManual.Value() || acct.Balance.Value().String() != "18250.5" || acct.PropertyType != mxplatform.PropertyTypeVehicle || acct.Metadata != "vin" {
		t.Fatalf("CreateManualAccount = %+v, %v", acct, err)
	}
	members, err := mx.ListMembers(ctx, ug, nil)
	if err != nil || len(members.Items) != 2 {
		t.Fatalf("ListMembers = %+v, %v", members, err)
	}
	manual := members.Items[1]
	if !manual.IsManual.Value() || manual.GUID != acct.MemberGUID || manual.ConnectionStatus != "" {
		t.Errorf("the member of manual accounts = %+v", manual)
	}
	_, err = mx.AggregateMember(ctx, ug, manual.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	manualOnly, err := mx.ListUserAccounts(ctx, ug, &mxplatform.ListUserAccountsParams{IsManual: mxplatform.Ptr(true)})
	if err != nil || len(manualOnly.Items) != 1 || manualOnly.Items[0].GUID != acct.GUID {
		t.Errorf("ListUserAccounts(is_manual) = %+v, %v", manualOnly, err)
	}
	// Every field of a manual account can be set.
	upd, err := mx.UpdateAccountByMember(ctx, ug, manual.GUID, acct.GUID, mxplatform.AccountUpdateRequest{Name: mxplatform.Ptr("Old car"), Balance: mxplatform.Ptr(mxplatform.MustDecimal("9000"))})
	if err != nil || upd.Name != "Old car" || upd.Balance.Value().String() != "9000" {
		t.Errorf("UpdateAccountByMember of a manual account = %+v, %v", upd, err)
	}

	txn, err := mx.CreateManualTransaction(ctx, ug, acct.GUID, mxplatform.TransactionCreateRequest{
		Amount: mxplatform.MustDecimal("0.01"), Date: "2026-02-03", Description: "Penny", Type: mxplatform.TransactionTypeCredit, Memo: mxplatform.Ptr("found"),
	})
	if err != nil || !strings.HasPrefix(string(txn.GUID), "MAN-") || txn.Amount.Value().String() != "0.01" || txn.Date != "2026-02-03" || txn.Memo != "found" || txn.Category != "Uncategorized" || txn.Status != mxplatform.TransactionStatusPosted {
		t.Fatalf("CreateManualTransaction = %+v, %v", txn, err)
	}
	if got, err := mx.ReadTransaction(ctx, ug, txn.GUID, nil); err != nil || got.GUID != txn.GUID || !got.IsManual.Value() {
		t.Errorf("ReadTransaction of a manual transaction = %+v, %v", got, err)
	}

	// Aggregated accounts and transactions refuse what is for manual ones.
	accts, err := mx.ListMemberAccounts(ctx, ug, aggregated.GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mx.CreateManualTransaction(ctx, ug, accts.Items[0].GUID, mxplatform.TransactionCreateRequest{Amount: mxplatform.MustDecimal("1"), Date: "2026-02-03", Description: "x", Type: mxplatform.TransactionTypeDebit})
	wantStatusErr(t, err, http.StatusBadRequest)
	err = mx.DeleteManualAccount(ctx, ug, accts.Items[0].GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	gathered, err := mx.ListTransactionsByAccount(ctx, ug, accts.Items[0].GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = mx.DeleteManualTransactions(ctx, ug, gathered.Items[0].GUID)
	wantStatusErr(t, err, http.StatusBadRequest)

	if err := mx.DeleteManualTransactions(ctx, ug, txn.GUID); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadTransaction(ctx, ug, txn.GUID, nil)
	wantStatusErr(t, err, http.StatusNotFound)
	if err := mx.DeleteManualAccount(ctx, ug, acct.GUID); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadAccount(ctx, ug, acct.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
}

// TestMergeAccounts merges accounts: the first named remains with the others' transactions, the
// others are gone; an account named twice, of another user, or unknown, refuses the merge.
func TestMergeAccounts(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	first := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordConnect)
	second := newMember(t, mx, ug, "chase", mxplatformtest.PasswordConnect)
	a1, err := mx.ListMemberAccounts(ctx, ug, first.GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	a2, err := mx.ListMemberAccounts(ctx, ug, second.GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	keep, gone := a1.Items[0], a2.Items[0]
	count := func(a mxplatform.AccountGUID) int {
		p, err := mx.ListTransactionsByAccount(ctx, ug, a, &mxplatform.ListTransactionsByAccountParams{FromDate: mxplatform.Ptr("2000-01-01"), ToDate: mxplatform.Ptr("2100-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		return p.Pagination.TotalEntries
	}
	before := count(keep.GUID) + count(gone.GUID)

	other := newUser(t, mx)
	otherMember := newMember(t, mx, other, "mxbank", mxplatformtest.PasswordConnect)
	theirs, err := mx.ListMemberAccounts(ctx, other, otherMember.GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		guids  []mxplatform.AccountGUID
		status int
	}{
		"one account":            {[]mxplatform.AccountGUID{keep.GUID}, http.StatusBadRequest},
		"an account twice":       {[]mxplatform.AccountGUID{keep.GUID, keep.GUID}, http.StatusBadRequest},
		"an unknown account":     {[]mxplatform.AccountGUID{keep.GUID, "ACT-nope"}, http.StatusNotFound},
		"another user's account": {[]mxplatform.AccountGUID{keep.GUID, theirs.Items[0].GUID}, http.StatusNotFound},
	} {
		_, err := mx.MergeAccounts(ctx, ug, mxplatform.AccountsMergeRequest{AccountGuids: c.guids})
		if e := wantStatusErr(t, err, c.status); e == nil {
			t.Errorf("%s", name)
		}
	}

	merged, err := mx.MergeAccounts(ctx, ug, mxplatform.AccountsMergeRequest{AccountGuids: []mxplatform.AccountGUID{keep.GUID, gone.GUID}})
	if err != nil || merged.GUID != keep.GUID {
		t.Fatalf("MergeAccounts = %+v, %v", merged, err)
	}
	if n := count(keep.GUID); n != before {
		t.Errorf("the merged account has %d transactions, want %d", n, before)
	}
	_, err = mx.ReadAccount(ctx, ug, gone.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	left, err := mx.ListMemberAccounts(ctx, ug, second.GUID, nil)
	if err != nil || len(left.Items) != len(a2.Items)-1 {
		t.Errorf("the second member keeps %d accounts, want %d", len(left.Items), len(a2.Items)-1)
	}
}
