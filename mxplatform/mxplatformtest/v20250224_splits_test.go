package mxplatformtest_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// allTransactions lists every transaction of the user that listTransactions shows, over a
// window wide enough for all of them.
func allTransactions(t *testing.T, mx *mxplatform.API, ug mxplatform.UserGUID) []mxplatform.Transaction {
	t.Helper()
	var out []mxplatform.Transaction
	for page := 1; ; page++ {
		p, err := mx.ListTransactions(context.Background(), ug, &mxplatform.ListTransactionsParams{
			Page: mxplatform.Ptr(page), RecordsPerPage: mxplatform.Ptr(1000), FromDate: mxplatform.Ptr("2000-01-01"), ToDate: mxplatform.Ptr("2100-01-01"),
		})
		if err != nil {
			t.Fatalf("ListTransactions: %v", err)
		}
		out = append(out, p.Items...)
		if page >= p.Pagination.TotalPages {
			return out
		}
	}
}

// guidsOf returns the GUIDs of the transactions.
func txnGUIDs(txns []mxplatform.Transaction) []mxplatform.TransactionGUID {
	out := make([]mxplatform.TransactionGUID, len(txns))
	for i, t := range txns {
		out[i] = t.GUID
	}
	return out
}

// splittable picks a posted debit of the user of at least 10.00.
func splittable(t *testing.T, txns []mxplatform.Transaction) mxplatform.Transaction {
	t.Helper()
	for _, x := range txns {
		if x.Type == mxplatform.TransactionTypeDebit && x.Status == mxplatform.TransactionStatusPosted && x.Amount.Value().Cmp(mxplatform.MustDecimal("10.00")) >= 0 {
			return x
		}
	}
	t.Fatal("no transaction to split")
	return mxplatform.Transaction{}
}

// TestSplitTransactions splits a transaction by GUID and checks the children (two, of the
// parent's account, day and type, whose amounts sum to the parent's exactly, the first with the
// category, description and memo asked for), the lists (the children in the parent's place),
// the parent still readable, the refusals (a child split again, a parent split twice, amounts
// out of range, unknown transactions) and the undoing, which restores the list as it was.
func TestSplitTransactions(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	before := allTransactions(t, mx, ug)
	parent := splittable(t, before)
	total := parent.Amount.Value()
	part := mxplatform.MustDecimal("3.33")
	coffee := findCategory(t, mustCategories(t, mx), "Coffee Shops")

	children, err := mx.CreateSplitTransactions(ctx, ug, parent.GUID, mxplatform.SplitTransactionCreateRequest{
		Amount: part, CategoryGUID: mxplatform.Ptr(coffee.GUID), Description: mxplatform.Ptr("Latte"), Memo: mxplatform.Ptr("with a friend"),
	})
	if err != nil {
		t.Fatalf("CreateSplitTransactions: %v", err)
	}
	if len(children) != 2 {
		t.Fatalf("%d children, want 2", len(children))
	}
	sum := children[0].Amount.Value().Add(children[1].Amount.Value())
	if !sum.Equal(total) {
		t.Errorf("children sum to %s, the parent is %s", sum, total)
	}
	if !children[0].Amount.Value().Equal(part) || !children[1].Amount.Value().Equal(total.Sub(part)) {
		t.Errorf("children amounts %s and %s, want %s and %s", children[0].Amount, children[1].Amount, part, total.Sub(part))
	}
	first, rest := children[0], children[1]
	if first.CategoryGUID != coffee.GUID || first.Category != "Coffee Shops" || first.Description != "Latte" || first.Memo != "with a friend" {
		t.Errorf("first child %+v: want the category, description and memo asked for", first)
	}
	if rest.CategoryGUID != parent.CategoryGUID || rest.Description != parent.Description {
		t.Errorf("second child keeps %s %q, want the parent's %s %q", rest.CategoryGUID, rest.Description, parent.CategoryGUID, parent.Description)
	}
	for _, c := range children {
		if c.GUID == "" || c.GUID == parent.GUID || c.AccountGUID != parent.AccountGUID || c.Date != parent.Date || c.Type != parent.Type || c.UserGUID != ug {
			t.Errorf("child %+v does not belong with its parent %+v", c, parent)
		}
	}

	// The lists show the children in the parent's place; the parent can still be read.
	during := txnGUIDs(allTransactions(t, mx, ug))
	if slices.Contains(during, parent.GUID) || !slices.Contains(during, first.GUID) || !slices.Contains(during, rest.GUID) || len(during) != len(before)+1 {
		t.Errorf("after the split the list has %d transactions (parent listed %v), want %d with the children instead of the parent",
			len(during), slices.Contains(during, parent.GUID), len(before)+1)
	}
	if got, err := mx.ReadTransaction(ctx, ug, parent.GUID, nil); err != nil || !got.Amount.Value().Equal(total) {
		t.Errorf("ReadTransaction(parent) = %+v, %v", got, err)
	}

	// Refusals.
	_, err = mx.CreateSplitTransactions(ctx, ug, first.GUID, mxplatform.SplitTransactionCreateRequest{Amount: mxplatform.MustDecimal("1.00")})
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.CreateSplitTransactions(ctx, ug, parent.GUID, mxplatform.SplitTransactionCreateRequest{Amount: mxplatform.MustDecimal("1.00")})
	wantStatusErr(t, err, http.StatusConflict)
	other := splittable(t, slices.DeleteFunc(slices.Clone(before), func(x mxplatform.Transaction) bool { return x.GUID == parent.GUID }))
	for _, amount := range []string{"0", "-1.00", other.Amount.Value().String(), other.Amount.Value().Add(mxplatform.MustDecimal("0.01")).String()} {
		_, err = mx.CreateSplitTransactions(ctx, ug, other.GUID, mxplatform.SplitTransactionCreateRequest{Amount: mxplatform.MustDecimal(amount)})
		wantStatusErr(t, err, http.StatusBadRequest)
	}
	_, err = mx.CreateSplitTransactions(ctx, ug, "TRN-unknown", mxplatform.SplitTransactionCreateRequest{Amount: part})
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.CreateSplitTransactions(ctx, "USR-unknown", parent.GUID, mxplatform.SplitTransactionCreateRequest{Amount: part})
	wantStatusErr(t, err, http.StatusNotFound)
	otherUser, _ := connectedUser(t, srv, mx)
	_, err = mx.CreateSplitTransactions(ctx, otherUser, other.GUID, mxplatform.SplitTransactionCreateRequest{Amount: part})
	wantStatusErr(t, err, http.StatusNotFound)

	// Undoing the split restores the list; a second undo, or one of a transaction never
	// split, answers 404.
	if err := mx.DeleteSplitTransactions(ctx, ug, parent.GUID); err != nil {
		t.Fatalf("DeleteSplitTransactions: %v", err)
	}
	after := txnGUIDs(allTransactions(t, mx, ug))
	if !slices.Equal(after, txnGUIDs(before)) {
		t.Errorf("after undoing the split the list has %d transactions, want the %d of before", len(after), len(before))
	}
	for _, c := range children {
		_, err := mx.ReadTransaction(ctx, ug, c.GUID, nil)
		wantStatusErr(t, err, http.StatusNotFound)
	}
	wantStatusErr(t, mx.DeleteSplitTransactions(ctx, ug, parent.GUID), http.StatusNotFound)
	wantStatusErr(t, mx.DeleteSplitTransactions(ctx, ug, "TRN-unknown"), http.StatusNotFound)
}

// TestSplitTransactionsByAccount splits and unsplits through the member and the account, named
// by partner-defined ids, and checks the exact amounts, a split through another account (404)
// and the parent restored.
func TestSplitTransactionsByAccount(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	u, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("split-user"))})
	if err != nil {
		t.Fatal(err)
	}
	m, err := mx.CreateMember(ctx, u.GUID, mxplatform.MemberCreateRequest{
		InstitutionCode: "mxbank", Credentials: credentials(t, mx, "mxbank", mxplatformtest.PasswordConnect), ID: mxplatform.Ptr(mxplatform.MemberID("split-member")),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.Fake.Settle()
	parent := splittable(t, allTransactions(t, mx, u.GUID))
	accts, err := mx.ListMemberAccounts(ctx, u.GUID, m.GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wrong mxplatform.AccountGUID
	for _, a := range accts.Items {
		if a.GUID != parent.AccountGUID {
			wrong = a.GUID
		}
	}
	userID, memberID := mxplatform.UserID("split-user"), mxplatform.MemberID("split-member")
	part := mxplatform.MustDecimal("0.01")

	_, err = mx.CreateSplitTransactionsByAccount(ctx, userID, memberID, wrong, parent.GUID, mxplatform.SplitTransactionCreateRequest{Amount: part})
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.CreateSplitTransactionsByAccount(ctx, userID, mxplatform.MemberID("no-such-member"), parent.AccountGUID, parent.GUID, mxplatform.SplitTransactionCreateRequest{Amount: part})
	wantStatusErr(t, err, http.StatusNotFound)

	children, err := mx.CreateSplitTransactionsByAccount(ctx, userID, memberID, parent.AccountGUID, parent.GUID, mxplatform.SplitTransactionCreateRequest{Amount: part})
	if err != nil {
		t.Fatalf("CreateSplitTransactionsByAccount: %v", err)
	}
	if len(children) != 2 || !children[0].Amount.Value().Add(children[1].Amount.Value()).Equal(parent.Amount.Value()) || !children[0].Amount.Value().Equal(part) {
		t.Fatalf("children %+v do not split %s into %s and the rest", children, parent.Amount, part)
	}
	listed := txnGUIDs(allTransactions(t, mx, u.GUID))
	if slices.Contains(listed, parent.GUID) || !slices.Contains(listed, children[1].GUID) {
		t.Errorf("the list shows the parent or misses a child")
	}
	wantStatusErr(t, mx.DeleteSplitTransactionByAccount(ctx, userID, memberID, parent.AccountGUID, children[0].GUID), http.StatusNotFound)
	if err := mx.DeleteSplitTransactionByAccount(ctx, userID, memberID, parent.AccountGUID, parent.GUID); err != nil {
		t.Fatalf("DeleteSplitTransactionByAccount: %v", err)
	}
	listed = txnGUIDs(allTransactions(t, mx, u.GUID))
	if !slices.Contains(listed, parent.GUID) || slices.Contains(listed, children[0].GUID) || slices.Contains(listed, children[1].GUID) {
		t.Errorf("after undoing the split the list misses the parent or still shows a child")
	}
	wantStatusErr(t, mx.DeleteSplitTransactionByAccount(ctx, userID, memberID, parent.AccountGUID, parent.GUID), http.StatusNotFound)
}

// mustCategories lists the default categories.
func mustCategories(t *testing.T, mx *mxplatform.API) []mxplatform.Category {
	t.Helper()
	p, err := mx.ListDefaultCategories(context.Background(), nil)
	if err != nil {
		t.Fatalf("ListDefaultCategories: %v", err)
	}
	var out []mxplatform.Category
	out = append(out, p.Items...)
	for page := 2; page <= p.Pagination.TotalPages; page++ {
		q, err := mx.ListDefaultCategories(context.Background(), &mxplatform.ListDefaultCategoriesParams{Page: mxplatform.Ptr(page)})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.Items...)
	}
	return out
}
