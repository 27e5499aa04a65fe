package mxplatformtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// connectedUser returns a user with one connected MX Bank member and its data.
func connectedUser(t *testing.T, srv *mxplatformtest.Server, mx *mxplatform.API) (mxplatform.UserGUID, mxplatform.MemberGUID) {
	t.Helper()
	ug := newUser(t, mx)
	m := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordConnect)
	if status(m) != mxplatform.ConnectionStatusConnected {
		srv.Fake.Settle()
	}
	return ug, m.GUID
}

func TestPagination(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	all, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil {
		t.Fatal(err)
	}
	total := all.Pagination.TotalEntries
	if total <= 100 {
		t.Fatalf("only %d transactions; the test needs more than 100", total)
	}
	// listTransactions takes up to 1000 records a page in v20250224.
	cases := []struct {
		page, perPage *int
		wantPer       int
	}{
		{nil, nil, 25},
		{nil, mxplatform.Ptr(5000), 25}, // above 1000: MX falls back to 25
		{nil, mxplatform.Ptr(1001), 25},
		{nil, mxplatform.Ptr(1000), 1000},
		{nil, mxplatform.Ptr(100), 100},
		{nil, mxplatform.Ptr(10), 10},
		{nil, mxplatform.Ptr(9), 25}, // below the documented range: the default too
		{nil, mxplatform.Ptr(0), 25},
		{nil, mxplatform.Ptr(-3), 25},
		{mxplatform.Ptr(2), mxplatform.Ptr(10), 10},
		{mxplatform.Ptr(0), mxplatform.Ptr(10), 10}, // pages count from 1
	}
	for _, c := range cases {
		name := fmt.Sprintf("page=%v records_per_page=%v", deref(c.page), deref(c.perPage))
		got, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{Page: c.page, RecordsPerPage: c.perPage})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		wantPage := max(1, deref(c.page))
		p := got.Pagination
		if len(got.Items) != min(c.wantPer, total) || p.PerPage != c.wantPer || p.CurrentPage != wantPage || p.TotalEntries != total || p.TotalPages != (total+c.wantPer-1)/c.wantPer {
			t.Errorf("%s: %d records, pagination %+v; want %d per page of %d", name, len(got.Items), p, c.wantPer, total)
		}
	}

	// Walking every page gives every transaction once, in the same order as one big page.
	var seen []mxplatform.TransactionGUID
	for page := 1; ; page++ {
		got, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{Page: &page, RecordsPerPage: mxplatform.Ptr(30)})
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range got.Items {
			seen = append(seen, tx.GUID)
		}
		if page >= got.Pagination.TotalPages {
			break
		}
	}
	if len(seen) != total {
		t.Fatalf("pages held %d transactions, want %d", len(seen), total)
	}
	for i := range all.Items {
		if seen[i] != all.Items[i].GUID {
			t.Fatalf("transaction %d differs between page sizes", i)
		}
	}

	past, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{Page: mxplatform.Ptr(1000)})
	if err != nil || len(past.Items) != 0 || past.Pagination.CurrentPage != 1000 || past.Pagination.TotalEntries != total {
		t.Errorf("a page past the end = %d records, %+v, %v", len(past.Items), past.Pagination, err)
	}
	empty, err := mx.ListMembers(ctx, newUser(t, mx), nil)
	if err != nil || len(empty.Items) != 0 || empty.Pagination != (mxplatform.Pagination{CurrentPage: 1, PerPage: 25}) {
		t.Errorf("an empty list = %+v, %v", empty, err)
	}

	// v20111101 takes at most 100: records_per_page=500 falls back to 25 there, and 500 is
	// taken by v20250224.
	for _, c := range []struct {
		v1   bool
		want int
	}{{true, 25}, {false, 500}} {
		r := do(t, srv, request{method: "GET", path: "/users/" + string(ug) + "/transactions?records_per_page=500", v1: c.v1})
		var raw struct {
			Transactions []json.RawMessage     `json:"transactions"`
			Pagination   mxplatform.Pagination `json:"pagination"`
		}
		if err := json.Unmarshal(r.body, &raw); err != nil || r.status != http.StatusOK {
			t.Fatalf("records_per_page=500 (%s) answered %d %v", r.version, r.status, err)
		}
		if len(raw.Transactions) != min(c.want, total) || raw.Pagination.PerPage != c.want {
			t.Errorf("records_per_page=500 (%s) gave %d records, per_page %d; want %d", r.version, len(raw.Transactions), raw.Pagination.PerPage, c.want)
		}
	}
}

func TestTransactionWindow(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, mg := connectedUser(t, srv, mx)
	today := srv.Fake.Now().UTC().Truncate(24 * time.Hour)
	dayOf := func(tx mxplatform.Transaction) time.Time {
		d, err := time.Parse(time.DateOnly, string(tx.Date))
		if err != nil {
			t.Fatalf("date %q: %v", tx.Date, err)
		}
		return d
	}

	all, err := mx.ListTransactionsByMember(ctx, ug, mg, &mxplatform.ListTransactionsByMemberParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil {
		t.Fatal(err)
	}
	var pending, posted int
	prev := today.AddDate(1, 0, 0)
	for _, tx := range all.Items {
		d := dayOf(tx)
		if d.Before(today.AddDate(0, 0, -120)) || d.After(today.AddDate(0, 0, 5)) {
			t.Errorf("default window shows %s", tx.Date)
		}
		if d.After(prev) {
			t.Errorf("%s listed after %s: not newest first", d, prev)
		}
		prev = d
		switch tx.Status {
		case mxplatform.TransactionStatusPending:
			pending++
			if tx.PostedAt != "" {
				t.Error("a pending transaction has posted_at")
			}
		case mxplatform.TransactionStatusPosted:
			posted++
		}
		if !tx.Amount.IsSet() || tx.Amount.Value().Sign() <= 0 || tx.Category == "" || tx.TopLevelCategory == "" || tx.Type == "" {
			t.Errorf("transaction %+v lacks an amount, a category or a type", tx)
		}
	}
	if pending == 0 || posted == 0 {
		t.Errorf("%d pending and %d posted transactions; want some of each", pending, posted)
	}

	from, to := today.AddDate(0, 0, -20), today.AddDate(0, 0, -10)
	win, err := mx.ListTransactionsByMember(ctx, ug, mg, &mxplatform.ListTransactionsByMemberParams{
		FromDate: mxplatform.Ptr(from.Format(time.DateOnly)), ToDate: mxplatform.Ptr(to.Format(time.DateOnly)), RecordsPerPage: mxplatform.Ptr(100),
	})
	if err != nil || len(win.Items) == 0 {
		t.Fatalf("a ten-day window = %+v, %v", win, err)
	}
	for _, tx := range win.Items {
		if d := dayOf(tx); d.Before(from) || d.After(to) {
			t.Errorf("window %s..%s shows %s", from, to, d)
		}
	}
	// Bounds of creation time, in Unix time as MX documents them: every transaction was
	// created by the aggregation, just now.
	now := srv.Fake.Now().Unix()
	unix := func(d time.Duration) *string { return mxplatform.Ptr(strconv.FormatInt(now+int64(d/time.Second), 10)) }
	for _, c := range []struct {
		name   string
		params mxplatform.ListTransactionsByMemberParams
		all    bool
	}{
		{"from_created_at an hour ago", mxplatform.ListTransactionsByMemberParams{FromCreatedAt: unix(-time.Hour)}, true},
		{"from_created_at in an hour", mxplatform.ListTransactionsByMemberParams{FromCreatedAt: unix(time.Hour)}, false},
		{"to_timestamp an hour ago", mxplatform.ListTransactionsByMemberParams{ToTimestamp: unix(-time.Hour)}, false},
		{"from_timestamp an hour ago and to_timestamp in an hour", mxplatform.ListTransactionsByMemberParams{FromTimestamp: unix(-time.Hour), ToTimestamp: unix(time.Hour)}, true},
		{"to_updated_at as a date, tomorrow", mxplatform.ListTransactionsByMemberParams{ToUpdatedAt: mxplatform.Ptr(today.AddDate(0, 0, 1).Format(time.DateOnly))}, true},
	} {
		got, err := mx.ListTransactionsByMember(ctx, ug, mg, &c.params)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if want := map[bool]int{true: all.Pagination.TotalEntries, false: 0}[c.all]; got.Pagination.TotalEntries != want {
			t.Errorf("%s: %d transactions, want %d", c.name, got.Pagination.TotalEntries, want)
		}
	}
	old, err := mx.ListTransactionsByMember(ctx, ug, mg, &mxplatform.ListTransactionsByMemberParams{FromDate: mxplatform.Ptr("2001-01-01"), ToDate: mxplatform.Ptr("2001-12-31")})
	if err != nil || old.Pagination.TotalEntries != 0 {
		t.Errorf("a window without transactions = %+v, %v", old.Pagination, err)
	}

	// v20111101's window starts 90 days back, v20250224's 120: a transaction 100 days old shows
	// in the second only.
	accts, err := mx.ListMemberAccounts(ctx, ug, mg, nil)
	if err != nil {
		t.Fatal(err)
	}
	old100, err := srv.Fake.AddTransaction(ug, accts.Items[0].GUID, mxplatform.Transaction{
		Amount: mxplatform.OptionalOf(mxplatform.MustDecimal("12.34")), Description: "Old", Date: mxplatform.DateOf(today.AddDate(0, 0, -100)),
	})
	if err != nil {
		t.Fatal(err)
	}
	legacyAPI := newAPIV1(t, srv)
	listed := func(page []mxplatform.TransactionGUID) bool {
		for _, g := range page {
			if g == old100.GUID {
				return true
			}
		}
		return false
	}
	var cur, legacy []mxplatform.TransactionGUID
	for tx, err := range mx.ListTransactionsIter(ctx, ug, nil) {
		if err != nil {
			t.Fatal(err)
		}
		cur = append(cur, tx.GUID)
	}
	for tx, err := range legacyAPI.ListTransactionsIter(ctx, ug, nil) {
		if err != nil {
			t.Fatal(err)
		}
		legacy = append(legacy, tx.GUID)
	}
	if !listed(cur) || listed(legacy) {
		t.Errorf("a transaction 100 days old: listed by v20250224 %v, by v20111101 %v; want true, false", listed(cur), listed(legacy))
	}

	// Category filters, which v20111101 only has.
	groceries := "CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8"
	byCat, err := legacyAPI.ListTransactions(ctx, ug, &v20111101.ListTransactionsParams{CategoryGUID: &groceries, RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil {
		t.Fatal(err)
	}
	if len(byCat.Items) == 0 {
		t.Error("no groceries")
	}
	for _, tx := range byCat.Items {
		if string(tx.CategoryGUID) != groceries || tx.Category != "Groceries" {
			t.Errorf("category filter let %s through", tx.Category)
		}
	}
	var top string
	for _, tx := range all.Items {
		if tx.Category == "Groceries" {
			top = tx.TopLevelCategory
		}
	}
	if top != "Food & Dining" {
		t.Errorf("top-level category of Groceries = %q", top)
	}
}

func TestUpdateTransaction(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	old := newAPIV1(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	page, err := mx.ListTransactions(ctx, ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx := page.Items[0]

	// v20250224 sets the description, and nothing else.
	got, err := mx.UpdateTransaction(ctx, ug, tx.GUID, mxplatform.TransactionUpdateRequest{Description: "Dinner with Bob"})
	if err != nil || got.Description != "Dinner with Bob" || got.Category != tx.Category || got.Date != tx.Date || !got.Amount.Value().Equal(tx.Amount.Value()) {
		t.Fatalf("UpdateTransaction = %+v, %v", got, err)
	}
	_, err = mx.UpdateTransaction(ctx, ug, tx.GUID, mxplatform.TransactionUpdateRequest{Description: " "})
	wantStatusErr(t, err, http.StatusBadRequest)
	r := do(t, srv, request{method: "PUT", path: "/users/" + string(ug) + "/transactions/" + string(tx.GUID), body: `{"transaction": {"description": "x", "memo": "y"}}`})
	if r.status != http.StatusOK {
		t.Errorf("an unknown field (memo, which v20111101 took) answered %d %s", r.status, r.body)
	}

	// v20111101 also sets the category, the date and the memo, on the same transaction.
	groceries := mxplatform.CategoryGUID("CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8")
	upd, err := old.UpdateTransaction(ctx, ug, tx.GUID, v20111101.TransactionUpdateRequest{CategoryGUID: &groceries, Date: mxplatform.Ptr(mxplatform.Date("2001-02-03")), Memo: mxplatform.Ptr("split")})
	if err != nil {
		t.Fatal(err)
	}
	if upd.Category != "Groceries" || upd.TopLevelCategory != "Food & Dining" || upd.Date != "2001-02-03" || upd.Memo != "split" || upd.Description != "x" {
		t.Errorf("updated transaction = %+v", upd)
	}
	if upd.UpdatedAt < tx.UpdatedAt {
		t.Errorf("updated_at went back: %s < %s", upd.UpdatedAt, tx.UpdatedAt)
	}
	after, err := mx.ListTransactions(ctx, ug, nil)
	if err != nil || after.Pagination.TotalEntries != page.Pagination.TotalEntries-1 {
		t.Errorf("a transaction moved out of the default window is still listed: %d of %d", after.Pagination.TotalEntries, page.Pagination.TotalEntries)
	}
	_, err = old.UpdateTransaction(ctx, ug, tx.GUID, v20111101.TransactionUpdateRequest{CategoryGUID: mxplatform.Ptr(mxplatform.CategoryGUID("CAT-nope"))})
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = old.UpdateTransaction(ctx, ug, tx.GUID, v20111101.TransactionUpdateRequest{Date: mxplatform.Ptr(mxplatform.Date("yesterday"))})
	wantStatusErr(t, err, http.StatusBadRequest)
}

// TestTransactionIncludes asks for each extra object of the transaction lists by MX's plural
// name, and by the singular one the fake accepted before, and checks what comes back.
func TestTransactionIncludes(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, mg := connectedUser(t, srv, mx)
	list := func(includes *string) []mxplatform.Transaction {
		t.Helper()
		page, err := mx.ListTransactionsByMember(ctx, ug, mg, &mxplatform.ListTransactionsByMemberParams{RecordsPerPage: mxplatform.Ptr(100), Includes: includes})
		if err != nil {
			t.Fatal(err)
		}
		return page.Items
	}

	for _, tx := range list(nil) {
		if tx.Classification != nil || tx.Geolocation != nil || tx.Merchant != nil || tx.RepeatingTransaction != nil {
			t.Fatalf("without includes, transaction %s has extra objects: %+v", tx.GUID, tx)
		}
	}
	all := list(mxplatform.Ptr("classifications,geolocations,merchants,repeating_transactions"))
	var located, recurring int
	for _, tx := range all {
		c := tx.Classification
		if c == nil || !strings.HasPrefix(string(c.GUID), "MNC-") || !c.ParentClass.Valid() {
			t.Errorf("%s: classification %+v", tx.Description, c)
		}
		switch {
		case tx.IsDirectDeposit.Value() && c != nil && c.ParentClass != mxplatform.ClassificationParentClassPayroll,
			tx.IsExpense.Value() && !tx.IsFee.Value() && c != nil && c.ParentClass != mxplatform.ClassificationParentClassSpend:
			t.Errorf("%s: parent class %s", tx.Description, c.ParentClass)
		}
		if (tx.MerchantGUID != "") != (tx.Merchant != nil) {
			t.Errorf("%s: merchant_guid %q, merchant %+v", tx.Description, tx.MerchantGUID, tx.Merchant)
		}
		if m := tx.Merchant; m != nil && (m.GUID != tx.MerchantGUID || m.Name != tx.Description || !strings.HasPrefix(m.LogoURL, "https://") || !strings.HasPrefix(m.WebsiteURL, "https://")) {
			t.Errorf("%s: merchant %+v", tx.Description, m)
		}
		if tx.Latitude.IsSet() != (tx.Geolocation != nil) {
			t.Errorf("%s: latitude %v, geolocation %+v", tx.Description, tx.Latitude, tx.Geolocation)
		}
		if g := tx.Geolocation; g != nil {
			located++
			if g.City == "" || g.State != "UT" || g.Country != "us" || len(g.PostalCode) != 5 {
				t.Errorf("%s: geolocation %+v", tx.Description, g)
			}
		}
		if tx.IsRecurring.Value() != (tx.RepeatingTransaction != nil) {
			t.Errorf("%s: is_recurring %v, repeating_transaction %+v", tx.Description, tx.IsRecurring.Value(), tx.RepeatingTransaction)
		}
		if r := tx.RepeatingTransaction; r != nil {
			recurring++
			if !strings.HasPrefix(string(r.GUID), "RPT-") || !r.RepeatingTransactionType.Valid() || r.RecurrenceType == "" {
				t.Errorf("%s: repeating_transaction %+v", tx.Description, r)
			}
			if tx.IsSubscription.Value() && r.RepeatingTransactionType != mxplatform.RepeatingTransactionTypeSubscription {
				t.Errorf("%s: a subscription's series is %s", tx.Description, r.RepeatingTransactionType)
			}
		}
	}
	if located == 0 || recurring == 0 {
		t.Errorf("%d transactions with a geolocation, %d recurring; want some of each", located, recurring)
	}

	// The objects depend on the transaction alone; the singular names and other cases ask for
	// the same.
	again := list(mxplatform.Ptr(" Classification,GEOLOCATION,merchant,repeating_transactions "))
	if a, b := mustJSON(t, again), mustJSON(t, all); a != b {
		t.Errorf("the singular names of includes gave other transactions:\n%s\n%s", a, b)
	}
	one, err := mx.ReadTransaction(ctx, ug, all[0].GUID, &mxplatform.ReadTransactionParams{Includes: mxplatform.Ptr("merchants")})
	if err != nil || one.Merchant == nil || *one.Merchant != *all[0].Merchant || one.Classification != nil || one.Geolocation != nil {
		t.Errorf("ReadTransaction with includes=merchants = %+v, %v", one, err)
	}

	// On the wire the postal code of a geolocation is "postal code", with a space.
	r := do(t, srv, request{method: "GET", path: "/users/" + string(ug) + "/transactions?records_per_page=100&includes=geolocations"})
	var raw struct {
		Transactions []struct {
			Geolocation map[string]any `json:"geolocation"`
		} `json:"transactions"`
	}
	if err := json.Unmarshal(r.body, &raw); err != nil || r.status != http.StatusOK {
		t.Fatalf("includes=geolocations answered %d %v", r.status, err)
	}
	for _, tx := range raw.Transactions {
		if tx.Geolocation != nil {
			if _, ok := tx.Geolocation["postal code"]; !ok {
				t.Errorf("geolocation %v has no \"postal code\"", tx.Geolocation)
			}
		}
	}
}

// mustJSON returns v as JSON.
func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDeterministicData(t *testing.T) {
	snapshot := func(seed int64, user string) ([]string, []string) {
		srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0), mxplatformtest.WithSeed(seed))
		mx := newAPI(t, srv)
		ctx := context.Background()
		ug := newUser(t, mx)
		creds := credentials(t, mx, "mxbank", mxplatformtest.PasswordConnect)
		creds[0].Value = user
		m, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{InstitutionCode: "mxbank", Credentials: creds}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if status(m) != mxplatform.ConnectionStatusConnected {
			t.Fatalf("status %s", status(m))
		}
		var accts, txns []string
		a, err := mx.ListUserAccounts(ctx, ug, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range a.Items {
			accts = append(accts, fmt.Sprintf("%s/%s %s %s", x.Type, x.Subtype, x.Name, x.Balance))
		}
		tx, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{RecordsPerPage: mxplatform.Ptr(100)})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range tx.Items {
			txns = append(txns, fmt.Sprintf("%s %s %s %s", x.Date, x.Description, x.Type, x.Amount))
		}
		return accts, txns
	}
	a1, t1 := snapshot(7, "alice")
	a2, t2 := snapshot(7, "alice")
	if fmt.Sprint(a1, t1) != fmt.Sprint(a2, t2) {
		t.Errorf("same seed and login, different data:\n%v\n%v", a1, a2)
	}
	a3, t3 := snapshot(8, "alice")
	a4, t4 := snapshot(7, "bob")
	if fmt.Sprint(a1, t1) == fmt.Sprint(a3, t3) || fmt.Sprint(a1, t1) == fmt.Sprint(a4, t4) {
		t.Error("another seed or login gave the same data")
	}
	if len(a1) < 2 || len(a1) > 4 {
		t.Errorf("%d accounts, want 2 to 4", len(a1))
	}
}

func TestCascadingDeletes(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, mg := connectedUser(t, srv, mx)
	other, _ := connectedUser(t, srv, mx)
	before := srv.Fake.Counts()
	mine, err := mx.ListTransactions(ctx, ug, &mxplatform.ListTransactionsParams{FromDate: mxplatform.Ptr("2000-01-01"), ToDate: mxplatform.Ptr("2100-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	accts, err := mx.ListUserAccounts(ctx, ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	holdings, err := mx.ListHoldingsByMember(ctx, ug, mg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := mx.DeleteMember(ctx, ug, mg); err != nil {
		t.Fatal(err)
	}
	after := srv.Fake.Counts()
	want := mxplatformtest.Counts{
		Users: before.Users, Members: before.Members - 1, Accounts: before.Accounts - len(accts.Items),
		Transactions: before.Transactions - mine.Pagination.TotalEntries, Holdings: before.Holdings - holdings.Pagination.TotalEntries,
	}
	if after != want {
		t.Errorf("after DeleteMember: %+v, want %+v", after, want)
	}
	_, err = mx.ReadTransaction(ctx, ug, mine.Items[0].GUID, nil)
	wantStatusErr(t, err, http.StatusNotFound)
	if _, err := mx.ListTransactions(ctx, other, nil); err != nil {
		t.Errorf("the other user's data: %v", err)
	}
	err = mx.DeleteMember(ctx, ug, mg)
	wantStatusErr(t, err, http.StatusNotFound)
}

func TestOwnership(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	alice, am := connectedUser(t, srv, mx)
	bob, bm := connectedUser(t, srv, mx)
	accts, err := mx.ListUserAccounts(ctx, alice, nil)
	if err != nil {
		t.Fatal(err)
	}
	acct := accts.Items[0].GUID
	txns, err := mx.ListTransactions(ctx, alice, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadAccount(ctx, bob, acct)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ReadMember(ctx, bob, am)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ReadTransaction(ctx, bob, txns.Items[0].GUID, nil)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.UpdateAccountByMember(ctx, bob, bm, acct, mxplatform.AccountUpdateRequest{IsHidden: mxplatform.Ptr(true)})
	wantStatusErr(t, err, http.StatusNotFound)
	// v20250224 sets only the partner's fields of an aggregated account; v20111101 any.
	_, err = mx.UpdateAccountByMember(ctx, alice, am, acct, mxplatform.AccountUpdateRequest{Nickname: mxplatform.Ptr("Bills"), Balance: mxplatform.Ptr(mxplatform.MustDecimal("1234567.89"))})
	if e := wantStatusErr(t, err, http.StatusBadRequest); !strings.Contains(e.Message, "balance, nickname") {
		t.Errorf("message %q does not name the fields refused", e.Message)
	}
	if _, err := mx.UpdateAccountByMember(ctx, alice, am, acct, mxplatform.AccountUpdateRequest{Metadata: mxplatform.Ptr("m"), IsHidden: mxplatform.Ptr(true), IsBusiness: mxplatform.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = newAPIV1(t, srv).UpdateAccountByMember(ctx, alice, am, acct, v20111101.AccountUpdateRequest{Nickname: mxplatform.Ptr("Bills"), Balance: mxplatform.Ptr(mxplatform.MustDecimal("1234567.89"))})
	if err != nil {
		t.Fatal(err)
	}
	got, err := mx.ReadAccount(ctx, alice, acct)
	if err != nil || got.Nickname != "Bills" || got.Balance.Value().String() != "1234567.89" || got.Metadata != "m" || !got.IsHidden.Value() {
		t.Errorf("ReadAccount after update = %+v, %v", got, err)
	}
}

func TestSeeding(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ctx := context.Background()
	u, err := srv.Fake.AddUser(mxplatform.User{ID: "seeded"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Fake.AddUser(mxplatform.User{ID: "seeded"}); err == nil {
		t.Error("AddUser accepted a used id")
	}
	m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{InstitutionCode: "chase"})
	if err != nil || status(&m) != mxplatform.ConnectionStatusConnected || m.IsBeingAggregated.Value() {
		t.Fatalf("AddMember = %+v, %v; want connected at once despite manual steps", m, err)
	}
	oauth, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{InstitutionCode: "mx_bank_oauth"})
	if err != nil || status(&oauth) != mxplatform.ConnectionStatusConnected || !oauth.IsOAuth.Value() {
		t.Fatalf("AddMember OAuth = %+v, %v", oauth, err)
	}
	challenged, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{Password: mxplatformtest.PasswordOptions})
	if err != nil || status(&challenged) != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("AddMember challenged = %+v, %v", challenged, err)
	}
	acct, err := srv.Fake.AddAccount(u.GUID, m.GUID, mxplatform.Account{Type: mxplatform.AccountTypeSavings, Name: "Rainy day", Balance: mxplatform.OptionalOf(mxplatform.MustDecimal("0.10")), IsManual: mxplatform.OptionalOf(true)})
	if err != nil {
		t.Fatal(err)
	}
	txn, err := srv.Fake.AddTransaction(u.GUID, acct.GUID, mxplatform.Transaction{Amount: mxplatform.OptionalOf(mxplatform.MustDecimal("0.10")), Description: "Interest", CategoryGUID: "CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8"})
	if err != nil || txn.Category != "Groceries" || txn.Status != mxplatform.TransactionStatusPosted {
		t.Fatalf("AddTransaction = %+v, %v", txn, err)
	}
	if _, err := srv.Fake.AddTransaction(u.GUID, acct.GUID, mxplatform.Transaction{}); err == nil {
		t.Error("AddTransaction accepted a transaction without amount")
	}
	if _, err := srv.Fake.AddMember("USR-nope", mxplatformtest.MemberSeed{}); err == nil {
		t.Error("AddMember accepted an unknown user")
	}
	got, err := mx.ListTransactionsByAccount(ctx, u.GUID, acct.GUID, nil)
	if err != nil || len(got.Items) != 1 || got.Items[0].Amount.String() != "0.1" || got.Items[0].UserID != "seeded" {
		t.Errorf("seeded transaction through the API = %+v, %v", got, err)
	}
}

func TestInstitutions(t *testing.T) {
	custom := mxplatformtest.Institution{
		Institution: mxplatform.Institution{Code: "acme_cu", Name: "Acme Credit Union", ISOCountryCode: "US"},
		Credentials: []mxplatform.Credential{
			{GUID: "CRD-acme-member", FieldName: "LOGIN", Label: "Member number", FieldType: mxplatform.CredentialFieldTypeText},
			{GUID: "CRD-acme-pin", FieldName: "PIN", Label: "PIN", FieldType: mxplatform.CredentialFieldTypePassword},
		},
		Favorite: true,
	}
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0), mxplatformtest.WithInstitutions(custom))
	mx := newAPI(t, srv)
	ctx := context.Background()

	all, err := mx.ListInstitutions(ctx, nil)
	if err != nil || all.Pagination.TotalEntries != 8 {
		t.Fatalf("ListInstitutions = %+v, %v; want the seven seeded and acme_cu", all, err)
	}
	ca, err := mx.ListInstitutions(ctx, &mxplatform.ListInstitutionsParams{ISOCountryCode: []string{"CA"}})
	if err != nil || len(ca.Items) != 1 || ca.Items[0].Code != "rbc" {
		t.Errorf("Canadian institutions = %+v, %v", ca, err)
	}
	products := []mxplatform.SupportedProduct{mxplatform.SupportedProductAccountVerification, mxplatform.SupportedProductStatements}
	verif, err := mx.ListInstitutions(ctx, &mxplatform.ListInstitutionsParams{SupportedProducts: products})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range verif.Items {
		if !slices.Contains(i.SupportedProducts, products[0]) || !slices.Contains(i.SupportedProducts, products[1]) {
			t.Errorf("%s does not support %v: %v", i.Code, products, i.SupportedProducts)
		}
	}
	if len(verif.Items) == 0 || len(verif.Items) == len(all.Items) {
		t.Errorf("the products filter kept %d of %d", len(verif.Items), len(all.Items))
	}
	// v20111101 answers the products as its supports_* flags, and filters on them.
	old := newAPIV1(t, srv)
	oldVerif, err := old.ListInstitutions(ctx, &v20111101.ListInstitutionsParams{SupportsAccountVerification: mxplatform.Ptr(true), SupportsAccountStatement: mxplatform.Ptr(true)})
	if err != nil || oldVerif.Pagination.TotalEntries != verif.Pagination.TotalEntries {
		t.Fatalf("v20111101's supports_* filters = %+v, %v; want the %d of v20250224", oldVerif, err, verif.Pagination.TotalEntries)
	}
	for _, i := range oldVerif.Items {
		if !i.SupportsAccountVerification.Value() || !i.SupportsAccountStatement.Value() {
			t.Errorf("%s: supports_account_verification %v, supports_account_statement %v", i.Code, i.SupportsAccountVerification, i.SupportsAccountStatement)
		}
	}
	rbc, err := old.ReadInstitution(ctx, "rbc")
	if err != nil || !rbc.SupportsAccountVerification.Value() || rbc.SupportsAccountIdentification.Value() || rbc.SupportsTransactionHistory.Value() || rbc.ISOCountryCode != "CA" {
		t.Errorf("v20111101's rbc = %+v, %v", rbc, err)
	}
	name, err := mx.ListInstitutions(ctx, &mxplatform.ListInstitutionsParams{Name: mxplatform.Ptr("acme")})
	if err != nil || len(name.Items) != 1 {
		t.Errorf("name filter = %+v, %v", name, err)
	}
	favs, err := mx.ListFavoriteInstitutions(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var codes []mxplatform.InstitutionCode
	for _, i := range favs.Items {
		codes = append(codes, i.Code)
	}
	if fmt.Sprint(codes) != "[mxbank mx_bank_oauth chase wells_fargo acme_cu]" {
		t.Errorf("favorites = %v", codes)
	}

	// The custom institution's own credentials pick the outcome.
	ug := newUser(t, mx)
	m := newMember(t, mx, ug, "acme_cu", mxplatformtest.PasswordConnect)
	if status(m) != mxplatform.ConnectionStatusConnected {
		t.Errorf("member at acme_cu = %s", status(m))
	}
	if _, err := mxplatformtest.NewFake(mxplatformtest.WithInstitutions(mxplatformtest.Institution{})); err == nil {
		t.Error("an institution without code was accepted")
	}
}
