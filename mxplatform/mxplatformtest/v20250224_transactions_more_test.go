package mxplatformtest_test

import (
	"context"
	"net/http"
	"reflect"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// TestEnhanceTransactions sends transactions of no user to be classified and checks each
// answer: matched to its request by id and in order, the merchants of the fake recognised by
// their statement descriptors (with GUIDs readMerchant knows), the category of a merchant
// category code taken from MX's table, a cleaned-up description, the flags, the amounts sent
// back exactly, the same answer twice, nothing stored, and 400 for a transaction without an id.
func TestEnhanceTransactions(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	cats := mustCategories(t, mx)
	debit, credit := mxplatform.TransactionTypeDebit, mxplatform.TransactionTypeCredit
	in := []mxplatform.EnhanceTransactionRequest{
		{ID: "t-1", Description: "WHOLEFDS MKT #10234 AUSTIN TX", Amount: mxplatform.Ptr(mxplatform.MustDecimal("54.21")), Type: &debit, Memo: mxplatform.Ptr("weekly shop")},
		{ID: "t-2", Description: "NETFLIX.COM 866-579-7172"},
		{ID: "t-3", Description: "ACME CORP DIR DEP PPD ID 99", Amount: mxplatform.Ptr(mxplatform.MustDecimal("2500.00")), Type: &credit},
		{ID: "t-4", Description: "SQ *BLUE BOTTLE COFFEE 0042", MerchantCategoryCode: mxplatform.Ptr(5814), ExtendedTransactionType: mxplatform.Ptr("card_purchase")},
		{ID: "t-5", Description: "XYZ 12345 THING"},
		{ID: "t-6", Description: "OVERDRAFT ITEM FEE 03/14", Amount: mxplatform.Ptr(mxplatform.MustDecimal("35.00000001"))},
	}
	want := []struct {
		category, description, merchant string
		typ                             mxplatform.TransactionType
		income, fee, overdraft, deposit bool
		subscription, expense           bool
		mcc                             int
	}{
		{category: "Groceries", description: "Whole Foods", merchant: "Whole Foods", typ: debit, expense: true, mcc: 5411},
		{category: "Movies & DVDs", description: "Netflix", merchant: "Netflix", typ: debit, expense: true, subscription: true, mcc: 4899},
		{category: "Paycheck", description: "Acme Corp Payroll", typ: credit, income: true, deposit: true},
		{category: mcc5814(t), description: "Blue Bottle Coffee", typ: debit, expense: true, mcc: 5814},
		{category: "Uncategorized", description: "Xyz Thing", typ: debit, expense: true},
		{category: "Banking Fee", description: "Overdraft Item Fee", typ: debit, expense: true, fee: true, overdraft: true},
	}
	before := srv.Fake.Counts()
	out, err := mx.EnhanceTransactions(ctx, in)
	if err != nil {
		t.Fatalf("EnhanceTransactions: %v", err)
	}
	if len(out) != len(in) {
		t.Fatalf("%d answers to %d transactions", len(out), len(in))
	}
	for i, got := range out {
		w, sent := want[i], in[i]
		if got.ID != sent.ID || got.OriginalDescription != sent.Description || got.Memo != deref(sent.Memo) || got.ExtendedTransactionType != deref(sent.ExtendedTransactionType) {
			t.Errorf("%s: id %q, original %q, memo %q, extended type %q: want those sent", sent.ID, got.ID, got.OriginalDescription, got.Memo, got.ExtendedTransactionType)
		}
		if sent.Amount != nil && (!got.Amount.IsSet() || got.Amount.Value().String() != sent.Amount.String()) {
			t.Errorf("%s: amount %v, want %s exactly", sent.ID, got.Amount, sent.Amount)
		}
		cat := findCategory(t, cats, w.category)
		top := cat.ParentGUID
		if top == "" {
			top = cat.GUID
		}
		if got.Category != w.category || got.CategoryGUID != cat.GUID || got.TopLevelCategoryGUID != top {
			t.Errorf("%s: category %q %s under %s, want %q %s under %s", sent.ID, got.Category, got.CategoryGUID, got.TopLevelCategoryGUID, w.category, cat.GUID, top)
		}
		if got.Description != w.description || got.Type != w.typ {
			t.Errorf("%s: description %q type %s, want %q %s", sent.ID, got.Description, got.Type, w.description, w.typ)
		}
		if got.IsIncome.Value() != w.income || got.IsFee.Value() != w.fee || got.IsOverdraftFee.Value() != w.overdraft ||
			got.IsDirectDeposit.Value() != w.deposit || got.IsSubscription.Value() != w.subscription || got.IsExpense.Value() != w.expense {
			t.Errorf("%s: flags %+v, want %+v", sent.ID, got, w)
		}
		if got.MerchantCategoryCode.Value() != w.mcc {
			t.Errorf("%s: merchant category code %v, want %d", sent.ID, got.MerchantCategoryCode, w.mcc)
		}
		if w.merchant == "" {
			if got.MerchantGUID != "" {
				t.Errorf("%s: merchant %s, want none", sent.ID, got.MerchantGUID)
			}
			continue
		}
		m, err := mx.ReadMerchant(ctx, got.MerchantGUID)
		if err != nil || m.Name != w.merchant {
			t.Errorf("%s: ReadMerchant(%s) = %+v, %v; want %s", sent.ID, got.MerchantGUID, m, err, w.merchant)
		}
		if loc, err := mx.ReadMerchantLocation(ctx, got.MerchantLocationGUID); err != nil || loc.MerchantGUID != got.MerchantGUID {
			t.Errorf("%s: ReadMerchantLocation(%s) = %+v, %v", sent.ID, got.MerchantLocationGUID, loc, err)
		}
	}
	again, err := mx.EnhanceTransactions(ctx, in)
	if err != nil || !reflect.DeepEqual(again, out) {
		t.Errorf("a second call answered otherwise: %v\n%+v\n%+v", err, again, out)
	}
	if after := srv.Fake.Counts(); after != before {
		t.Errorf("enhancing changed the fake's counts: %+v, then %+v", before, after)
	}
	if empty, err := mx.EnhanceTransactions(ctx, []mxplatform.EnhanceTransactionRequest{}); err != nil || len(empty) != 0 {
		t.Errorf("EnhanceTransactions(none) = %v, %v; want an empty list", empty, err)
	}
	_, err = mx.EnhanceTransactions(ctx, []mxplatform.EnhanceTransactionRequest{{ID: " ", Description: "NETFLIX.COM"}})
	wantStatusErr(t, err, http.StatusBadRequest)
}

// mcc5814 is the category MX's table gives merchant category code 5814.
func mcc5814(t *testing.T) string {
	row, ok := mxplatform.LookupMerchantCategoryCode(5814)
	if !ok {
		t.Fatal("no merchant category code 5814")
	}
	return row.MXCategory
}

// TestRepeatingTransactions lists the user's repeating transactions and checks them against
// the transactions that carry their GUID (includes=repeating_transactions): the same set of
// series, each with the account, description and amount of its latest transaction, the date
// of its latest posted one, a next date after it; reads each one as a list of one; and answers
// 404 for an unknown series or user, and for another user's series.
func TestRepeatingTransactions(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, mg := connectedUser(t, srv, mx)
	series, err := mx.RepeatingTransactions(ctx, ug)
	if err != nil {
		t.Fatalf("RepeatingTransactions: %v", err)
	}
	if len(series) == 0 {
		t.Fatal("no repeating transactions: the generated data has paychecks and rent")
	}
	// The transactions of each series, newest first as the list sorts them.
	bySeries := map[mxplatform.RepeatingTransactionGUID][]mxplatform.Transaction{}
	p, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{
		RecordsPerPage: mxplatform.Ptr(1000), FromDate: mxplatform.Ptr("2000-01-01"), ToDate: mxplatform.Ptr("2100-01-01"),
		Includes: mxplatform.Ptr("repeating_transactions"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.Pagination.TotalPages != 1 {
		t.Fatalf("%d pages of transactions; the test reads one", p.Pagination.TotalPages)
	}
	for _, x := range p.Items {
		if x.RepeatingTransaction != nil {
			bySeries[x.RepeatingTransaction.GUID] = append(bySeries[x.RepeatingTransaction.GUID], x)
		}
	}
	if len(series) != len(bySeries) {
		t.Errorf("%d series listed, %d among the transactions", len(series), len(bySeries))
	}
	for _, s := range series {
		txns := bySeries[s.GUID]
		if len(txns) == 0 {
			t.Errorf("series %s (%s) has no transaction", s.GUID, s.Description)
			continue
		}
		latest := txns[0]
		var posted mxplatform.Date
		for _, x := range txns {
			if x.Status == mxplatform.TransactionStatusPosted {
				posted = x.Date[:10]
				break
			}
		}
		if s.AccountGUID != latest.AccountGUID || s.MemberGUID != mg || s.UserGUID != ug || s.Description != latest.Description ||
			!s.Amount.Value().Equal(latest.Amount.Value()) || s.TransactionType != latest.Type ||
			s.RepeatingTransactionType != latest.RepeatingTransaction.RepeatingTransactionType || s.RecurrenceType != latest.RepeatingTransaction.RecurrenceType {
			t.Errorf("series %+v does not match its latest transaction %+v", s, latest)
		}
		if posted != "" && s.LastPostedDate != posted {
			t.Errorf("series %s: last posted %s, want %s", s.Description, s.LastPostedDate, posted)
		}
		if s.PredictedOccursOn <= latest.Date[:10] {
			t.Errorf("series %s: next on %s, not after its latest transaction of %s", s.Description, s.PredictedOccursOn, latest.Date)
		}
		one, err := mx.SpecificRepeatingTransaction(ctx, ug, s.GUID)
		if err != nil || len(one) != 1 || !reflect.DeepEqual(one[0], s) {
			t.Errorf("SpecificRepeatingTransaction(%s) = %+v, %v; want [%+v]", s.GUID, one, err, s)
		}
	}
	_, err = mx.SpecificRepeatingTransaction(ctx, ug, "RPT-unknown")
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.RepeatingTransactions(ctx, "USR-unknown")
	wantStatusErr(t, err, http.StatusNotFound)
	other := newUser(t, mx)
	_, err = mx.SpecificRepeatingTransaction(ctx, other, series[0].GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	if none, err := mx.RepeatingTransactions(ctx, other); err != nil || len(none) != 0 {
		t.Errorf("RepeatingTransactions(a user without data) = %v, %v; want none", none, err)
	}
}
