package mxplatformtest_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// spend is a transaction to seed: an amount in a category on a day.
type spend struct {
	cat    string
	amount string
	day    time.Time
	typ    mxplatform.TransactionType // DEBIT unless set
	notExp bool                       // a debit that is not an expense (a transfer)
}

// manualUser returns a user whose only account is a manual checking account, so that the
// test knows every transaction, and the default categories by name.
func manualUser(t testing.TB, mx *mxplatform.API) (mxplatform.UserGUID, mxplatform.AccountGUID, map[string]mxplatform.Category) {
	t.Helper()
	ctx := context.Background()
	ug := newUser(t, mx)
	a, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{AccountType: mxplatform.AccountTypeChecking, Name: "Wallet", Balance: mxplatform.Ptr(mxplatform.MustDecimal("500.00"))})
	if err != nil {
		t.Fatalf("CreateManualAccount: %v", err)
	}
	cats, err := mxplatform.Collect(mx.ListDefaultCategoriesIter(ctx, nil))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]mxplatform.Category{}
	for _, c := range cats {
		byName[c.Name] = c
	}
	return ug, a.GUID, byName
}

// seedSpending adds the transactions to the account.
func seedSpending(t testing.TB, srv *mxplatformtest.Server, ug mxplatform.UserGUID, acct mxplatform.AccountGUID, cats map[string]mxplatform.Category, spends []spend) {
	t.Helper()
	for _, s := range spends {
		c, ok := cats[s.cat]
		if !ok {
			t.Fatalf("no category %q", s.cat)
		}
		typ := s.typ
		if typ == "" {
			typ = mxplatform.TransactionTypeDebit
		}
		_, err := srv.Fake.AddTransaction(ug, acct, mxplatform.Transaction{
			Amount: mxplatform.OptionalOf(mxplatform.MustDecimal(s.amount)), Type: typ, CategoryGUID: c.GUID,
			Date: mxplatform.DateOf(s.day), Description: s.cat,
			IsExpense: mxplatform.OptionalOf(typ == mxplatform.TransactionTypeDebit && !s.notExp),
			IsIncome:  mxplatform.OptionalOf(typ == mxplatform.TransactionTypeCredit && c.IsIncome.Value()),
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// monthOf returns the first day of the month of t, months months later (earlier if negative).
func monthOf(t time.Time, months int) time.Time {
	y, m, _ := t.UTC().Date()
	return time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
}

// dec reads a decimal literal.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// wantAmount fails the test unless the optional amount is set and equals want exactly.
func wantAmount(t testing.TB, what string, got mxplatform.Optional[mxplatform.Decimal], want decimal.Decimal) {
	t.Helper()
	if v, ok := got.Get(); !ok || !v.Big().Equal(want) {
		t.Errorf("%s = %v, want %s", what, got, want)
	}
}

func TestBudgets(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, acct, cats := manualUser(t, mx)
	other, _, _ := manualUser(t, mx)
	now := srv.Fake.Now()
	seedSpending(t, srv, ug, acct, cats, []spend{
		{cat: "Groceries", amount: "30.00", day: now},
		{cat: "Groceries", amount: "12.34", day: now},
		{cat: "Restaurants", amount: "10.00", day: now},
		{cat: "Restaurants", amount: "99.00", day: now, notExp: true}, // not an expense
		{cat: "Groceries", amount: "70.00", day: monthOf(now, -1)},    // last month
		{cat: "Gas", amount: "45.00", day: now},                       // another category
		{cat: "Paycheck", amount: "900.00", day: now, typ: "CREDIT"},  // income
	})
	food, groceries, gas := cats["Food & Dining"], cats["Groceries"], cats["Gas"]

	top, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: food.GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal("200")), Metadata: mxplatform.Ptr("food")})
	if err != nil {
		t.Fatalf("CreateBudget: %v", err)
	}
	if !strings.HasPrefix(string(top.GUID), "BGT-") || top.CategoryGUID != food.GUID || top.Name != food.Name || top.ParentGUID != "" || top.UserGUID != ug || top.Metadata != "food" || top.Revision.Value() != 1 {
		t.Errorf("CreateBudget = %+v", top)
	}
	// This month's spending in Food & Dining and its subcategories: 30.00 + 12.34 + 10.00.
	spent := dec("52.34")
	wantAmount(t, "transaction_total", top.TransactionTotal, spent)
	wantAmount(t, "percent_spent", top.PercentSpent, dec("26.17"))
	if top.IsExceeded.Value() {
		t.Errorf("is_exceeded = true with 52.34 of 200 spent")
	}
	// The spending projected to the month's end at this pace.
	last := monthOf(now, 1).AddDate(0, 0, -1).Day()
	projected := spent.Mul(decimal.NewFromInt(int64(last))).Div(decimal.NewFromInt(int64(now.UTC().Day()))).Round(2)
	wantAmount(t, "projected_spending", top.ProjectedSpending, projected)
	if off := projected.GreaterThan(dec("200")); top.IsOffTrack.Value() != off {
		t.Errorf("is_off_track = %v with %s projected of 200", top.IsOffTrack.Value(), projected)
	}

	// A subcategory's budget takes its top-level category's budget as parent.
	sub, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: groceries.GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal("20"))})
	if err != nil {
		t.Fatalf("CreateBudget(Groceries): %v", err)
	}
	if sub.ParentGUID != top.GUID || sub.Name != "Groceries" {
		t.Errorf("CreateBudget(Groceries) = %+v, want the parent %s", sub, top.GUID)
	}
	wantAmount(t, "groceries transaction_total", sub.TransactionTotal, dec("42.34"))
	wantAmount(t, "groceries percent_spent", sub.PercentSpent, dec("211.70"))
	if !sub.IsExceeded.Value() || !sub.IsOffTrack.Value() {
		t.Errorf("a budget of 20 with 42.34 spent is not exceeded and off track: %+v", sub)
	}
	if read, err := mx.ReadSpecificBudget(ctx, ug, sub.GUID); err != nil || read.GUID != sub.GUID || read.ParentGUID != top.GUID || !read.Amount.Value().Equal(mxplatform.MustDecimal("20")) {
		t.Errorf("ReadSpecificBudget = %+v, %v", read, err)
	}

	// Conflicts and refusals.
	_, err = mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: groceries.GUID})
	wantMessage(t, err, 409, string(sub.GUID))
	_, err = mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: gas.GUID, ParentGUID: top.GUID})
	wantMessage(t, err, 400, "parent_guid")
	_, err = mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: cats["Shopping"].GUID, ParentGUID: top.GUID})
	wantMessage(t, err, 400, "parent_guid")
	_, err = mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{})
	wantMessage(t, err, 400, "budget.category_guid")
	_, err = mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: "CAT-unknown"})
	wantMessage(t, err, 400, "category_guid")
	_, err = mx.ReadSpecificBudget(ctx, ug, "BGT-unknown")
	wantMessage(t, err, 404, "Budget not found")
	_, err = mx.ReadSpecificBudget(ctx, other, top.GUID)
	wantStatusErr(t, err, 404)
	_, err = mx.UpdateSpecificBudget(ctx, ug, sub.GUID, mxplatform.BudgetUpdateRequest{})
	wantMessage(t, err, 400, "at least one field")

	// Updates persist and raise the revision.
	upd, err := mx.UpdateSpecificBudget(ctx, ug, sub.GUID, mxplatform.BudgetUpdateRequest{Amount: mxplatform.Ptr(mxplatform.MustDecimal("84.68")), Metadata: mxplatform.Ptr("more")})
	if err != nil {
		t.Fatalf("UpdateSpecificBudget: %v", err)
	}
	if upd.Revision.Value() != 2 || upd.Metadata != "more" || upd.IsExceeded.Value() {
		t.Errorf("UpdateSpecificBudget = %+v, want revision 2 and not exceeded", upd)
	}
	wantAmount(t, "percent_spent after the update", upd.PercentSpent, dec("50"))
	read, err := mx.ReadSpecificBudget(ctx, ug, sub.GUID)
	if err != nil || read.Revision.Value() != 2 || !read.Amount.Value().Equal(mxplatform.MustDecimal("84.68")) || read.Metadata != "more" {
		t.Errorf("ReadSpecificBudget after the update = %+v, %v", read, err)
	}

	list, err := mx.ListAllBudgets(ctx, ug)
	if err != nil || !slices.Equal(guidsOf(list, func(b mxplatform.Budget) mxplatform.BudgetGUID { return b.GUID }), []mxplatform.BudgetGUID{top.GUID, sub.GUID}) {
		t.Errorf("ListAllBudgets = %+v, %v; want the two budgets in creation order", list, err)
	}
	if theirs, err := mx.ListAllBudgets(ctx, other); err != nil || len(theirs) != 0 {
		t.Errorf("another user's ListAllBudgets = %+v, %v; want none", theirs, err)
	}

	// Deleting the top-level budget deletes its children.
	if err := mx.DeleteBudget(ctx, ug, top.GUID); err != nil {
		t.Fatalf("DeleteBudget: %v", err)
	}
	for _, g := range []mxplatform.BudgetGUID{top.GUID, sub.GUID} {
		_, err := mx.ReadSpecificBudget(ctx, ug, g)
		wantStatusErr(t, err, 404)
	}
	wantStatusErr(t, mx.DeleteBudget(ctx, ug, top.GUID), 404)
	if left, err := mx.ListAllBudgets(ctx, ug); err != nil || len(left) != 0 {
		t.Errorf("ListAllBudgets after DeleteBudget = %+v, %v; want none", left, err)
	}
	wantServed(t, srv, "listAllBudgets", "createBudget", "readSpecificBudget", "updateSpecificBudget", "deleteBudget")
}

func TestAutoGenerateBudgets(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, acct, cats := manualUser(t, mx)
	now := srv.Fake.Now()
	m2, m1, m0 := monthOf(now, -2), monthOf(now, -1), monthOf(now, 0)
	spends := []spend{
		// Groceries in both months: (100.10 + 20.00 + 80.05) / 2 = 100.075, 100.08 to the cent.
		{cat: "Groceries", amount: "100.10", day: m2.AddDate(0, 0, 3)},
		{cat: "Groceries", amount: "20.00", day: m2.AddDate(0, 0, 20)},
		{cat: "Groceries", amount: "80.05", day: m1.AddDate(0, 0, 5)},
		// Restaurants: (30.00 + 50.01) / 2 = 40.005, 40.01.
		{cat: "Restaurants", amount: "30.00", day: m2},
		{cat: "Restaurants", amount: "50.01", day: m0.AddDate(0, 0, -1)}, // the last day of m1
		// Food & Dining itself: (10 + 14) / 2 = 12.
		{cat: "Food & Dining", amount: "10", day: m2.AddDate(0, 0, 1)},
		{cat: "Food & Dining", amount: "14", day: m1.AddDate(0, 0, 1)},
		// Movies & DVDs under Entertainment: (7.5 + 8.25) / 2 = 7.875, 7.88.
		{cat: "Movies & DVDs", amount: "7.50", day: m2.AddDate(0, 0, 2)},
		{cat: "Movies & DVDs", amount: "8.25", day: m1.AddDate(0, 0, 2)},
		// Not counted: spending in one month only, before the two months, this month, not an
		// expense, income.
		{cat: "Gas", amount: "45.00", day: m1.AddDate(0, 0, 4)},
		{cat: "Groceries", amount: "1000", day: m2.AddDate(0, 0, -1)},
		{cat: "Groceries", amount: "1000", day: m0},
		{cat: "Restaurants", amount: "1000", day: m1.AddDate(0, 0, 2), notExp: true},
		{cat: "Paycheck", amount: "2000", day: m2.AddDate(0, 0, 6), typ: "CREDIT"},
		{cat: "Paycheck", amount: "2000", day: m1.AddDate(0, 0, 6), typ: "CREDIT"},
	}
	// Nothing to generate from yet.
	_, err := mx.AutoGenerateBudgets(ctx, ug)
	wantStatusErr(t, err, 422)
	seedSpending(t, srv, ug, acct, cats, spends)

	got, err := mx.AutoGenerateBudgets(ctx, ug)
	if err != nil {
		t.Fatalf("AutoGenerateBudgets: %v", err)
	}
	type want struct {
		cat, parent string
		amount      string
	}
	// Top-level categories by name, each before its subcategories by name; a top-level budget
	// is the sum of its children and its own average.
	wants := []want{
		{cat: "Entertainment", amount: "7.88"},
		{cat: "Movies & DVDs", parent: "Entertainment", amount: "7.88"},
		{cat: "Food & Dining", amount: "152.09"}, // 12 + 100.08 + 40.01
		{cat: "Groceries", parent: "Food & Dining", amount: "100.08"},
		{cat: "Restaurants", parent: "Food & Dining", amount: "40.01"},
	}
	if len(got) != len(wants) {
		t.Fatalf("AutoGenerateBudgets = %d budgets, want %d: %+v", len(got), len(wants), got)
	}
	byCat := map[string]mxplatform.Budget{}
	for i, w := range wants {
		b := got[i]
		byCat[w.cat] = b
		if b.CategoryGUID != cats[w.cat].GUID || b.Name != w.cat || b.Revision.Value() != 1 {
			t.Errorf("budget %d = %s (%s) revision %d, want %s", i, b.Name, b.CategoryGUID, b.Revision.Value(), w.cat)
		}
		wantAmount(t, w.cat+" amount", b.Amount, dec(w.amount))
		if w.parent == "" && b.ParentGUID != "" || w.parent != "" && b.ParentGUID != byCat[w.parent].GUID {
			t.Errorf("%s's parent = %q, want the budget of %q", w.cat, b.ParentGUID, w.parent)
		}
	}
	// This month's 1000 in Groceries counts against the generated budget.
	wantAmount(t, "groceries transaction_total", byCat["Groceries"].TransactionTotal, dec("1000"))
	if !byCat["Groceries"].IsExceeded.Value() {
		t.Error("the generated Groceries budget is not exceeded by this month's 1000")
	}
	listed, err := mx.ListAllBudgets(ctx, ug)
	if err != nil || len(listed) != len(wants) {
		t.Fatalf("ListAllBudgets = %d, %v; want the generated budgets", len(listed), err)
	}

	// Generating again keeps the budgets; a budget changed since is set back, a new revision.
	if _, err := mx.UpdateSpecificBudget(ctx, ug, byCat["Groceries"].GUID, mxplatform.BudgetUpdateRequest{Amount: mxplatform.Ptr(mxplatform.MustDecimal("5"))}); err != nil {
		t.Fatal(err)
	}
	again, err := mx.AutoGenerateBudgets(ctx, ug)
	if err != nil || len(again) != len(wants) {
		t.Fatalf("AutoGenerateBudgets again = %d, %v", len(again), err)
	}
	for i, b := range again {
		if b.GUID != got[i].GUID {
			t.Errorf("budget %d is %s, was %s: generating again made a new budget", i, b.GUID, got[i].GUID)
		}
		wantRev := 1
		if wants[i].cat == "Groceries" {
			wantRev = 3 // the update, then generating again
		}
		if b.Revision.Value() != wantRev {
			t.Errorf("%s revision = %d, want %d", b.Name, b.Revision.Value(), wantRev)
		}
		wantAmount(t, b.Name+" amount again", b.Amount, dec(wants[i].amount))
	}
	_, err = mx.AutoGenerateBudgets(ctx, "USR-unknown")
	wantStatusErr(t, err, 404)
	wantServed(t, srv, "autoGenerateBudgets")
}

// Generated budgets follow the spending of an aggregated member, summed here from the
// transactions the API lists.
func TestAutoGenerateBudgetsFromAggregatedSpending(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	now := srv.Fake.Now()
	m2, m0 := monthOf(now, -2), monthOf(now, 0)
	txns, err := mxplatform.Collect(mx.ListTransactionsIter(ctx, ug, &mxplatform.ListTransactionsParams{
		FromDate: mxplatform.Ptr(mxplatform.DateOf(m2).String()), ToDate: mxplatform.Ptr(mxplatform.DateOf(m0.AddDate(0, 0, -1)).String()),
	}))
	if err != nil {
		t.Fatal(err)
	}
	// Each category's spending in each of the two months.
	spent := map[mxplatform.CategoryGUID]*[2]decimal.Decimal{}
	for _, x := range txns {
		if x.Type != mxplatform.TransactionTypeDebit || !x.IsExpense.Value() {
			continue
		}
		day, err := x.Date.Time()
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		if !day.Before(monthOf(now, -1)) {
			i = 1
		}
		if spent[x.CategoryGUID] == nil {
			spent[x.CategoryGUID] = &[2]decimal.Decimal{}
		}
		spent[x.CategoryGUID][i] = spent[x.CategoryGUID][i].Add(x.Amount.Value().Big())
	}
	own := map[mxplatform.CategoryGUID]decimal.Decimal{}
	for cat, s := range spent {
		if s[0].IsPositive() && s[1].IsPositive() {
			own[cat] = s[0].Add(s[1]).Div(decimal.NewFromInt(2)).Round(2)
		}
	}
	budgets, err := mx.AutoGenerateBudgets(ctx, ug)
	if len(own) == 0 {
		wantStatusErr(t, err, 422)
		return
	}
	if err != nil {
		t.Fatalf("AutoGenerateBudgets: %v", err)
	}
	children := map[mxplatform.BudgetGUID]decimal.Decimal{}
	for _, b := range budgets {
		if b.ParentGUID == "" {
			continue
		}
		want, ok := own[b.CategoryGUID]
		if !ok {
			t.Errorf("a budget for %s, which had no spending in both months", b.Name)
		}
		wantAmount(t, b.Name, b.Amount, want)
		children[b.ParentGUID] = children[b.ParentGUID].Add(want)
		delete(own, b.CategoryGUID)
	}
	for _, b := range budgets {
		if b.ParentGUID != "" {
			continue
		}
		// A top-level budget: its own average, if any, and its children's.
		want := children[b.GUID].Add(own[b.CategoryGUID])
		wantAmount(t, b.Name, b.Amount, want)
		delete(own, b.CategoryGUID)
	}
	if len(own) != 0 {
		t.Errorf("categories with spending in both months but no budget: %v", own)
	}
}

func TestGoals(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, _ := connectedUser(t, srv, mx)
	other, _ := connectedUser(t, srv, mx)
	accts, err := mx.ListUserAccounts(ctx, ug, nil)
	if err != nil {
		t.Fatal(err)
	}
	byType := map[mxplatform.AccountType]mxplatform.Account{}
	for _, a := range accts.Items {
		byType[a.Type] = a
	}
	checking, card := byType[mxplatform.AccountTypeChecking], byType[mxplatform.AccountTypeCreditCard]
	if checking.GUID == "" || card.GUID == "" {
		t.Fatalf("the member has no checking or credit card account: %+v", accts.Items)
	}

	// Saving: the amount reached is the account's balance.
	target := checking.Balance.Value().Add(mxplatform.MustDecimal("1000.50"))
	save, err := mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: target, GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "VACATION", Name: "Trip", Metadata: mxplatform.Ptr("m")})
	if err != nil {
		t.Fatalf("CreateGoal: %v", err)
	}
	if !strings.HasPrefix(string(save.GUID), "GOL-") || save.Name != "Trip" || save.MetaTypeName != "VACATION" || save.Position.Value() != 1 || save.UserGUID != ug ||
		save.AccountGUID != checking.GUID || save.TrackTypeName != mxplatform.GoalTrackTypeSavingsTrack || save.IsComplete.Value() || save.HasBeenSpent.Value() || save.Metadata != "m" {
		t.Errorf("CreateGoal = %+v", save)
	}
	wantAmount(t, "saving current_amount", save.CurrentAmount, checking.Balance.Value().Big())
	wantAmount(t, "saving amount", save.Amount, target.Big())

	// Paying off: the amount reached is what was paid off.
	owed := card.Balance.Value()
	payoff, err := mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: card.GUID, Amount: owed.Add(mxplatform.MustDecimal("250")), GoalTypeName: mxplatform.GoalTypePayoff, MetaTypeName: "DEBT", Name: "Card"})
	if err != nil {
		t.Fatalf("CreateGoal(PAYOFF): %v", err)
	}
	if payoff.Position.Value() != 2 || payoff.TrackTypeName != mxplatform.GoalTrackTypeDebtTrack {
		t.Errorf("CreateGoal(PAYOFF) = %+v, want rank 2 on the debt track", payoff)
	}
	wantAmount(t, "payoff current_amount", payoff.CurrentAmount, dec("250"))

	// Refusals.
	_, err = mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: target, GoalTypeName: mxplatform.GoalTypePayoff, MetaTypeName: "DEBT", Name: "x"})
	wantMessage(t, err, 400, "PAYOFF")
	_, err = mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: card.GUID, Amount: target, GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "VACATION", Name: "x"})
	wantMessage(t, err, 400, "SAVE_AMOUNT")
	_, err = mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: target, GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "VACATION"})
	wantMessage(t, err, 400, "goal.name")
	_, err = mx.CreateGoal(ctx, other, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: target, GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "VACATION", Name: "x"})
	wantMessage(t, err, 400, "account_guid")
	_, err = mx.ReadGoal(ctx, ug, "GOL-unknown")
	wantMessage(t, err, 404, "Goal not found")
	_, err = mx.ReadGoal(ctx, other, save.GUID)
	wantStatusErr(t, err, 404)

	// A goal asking for rank 1 goes first; the others move down.
	first, err := mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: mxplatform.MustDecimal("10"), GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "EMERGENCY_FUND", Name: "Rainy day", Position: mxplatform.Ptr(1)})
	if err != nil {
		t.Fatalf("CreateGoal(position 1): %v", err)
	}
	if first.Position.Value() != 1 || first.TrackTypeName != mxplatform.GoalTrackTypeEmergencyFundTrack || first.IsComplete.Value() != (checking.Balance.Value().Cmp(mxplatform.MustDecimal("10")) >= 0) {
		t.Errorf("CreateGoal(position 1) = %+v", first)
	}
	ranks := func(what string, want ...mxplatform.GoalGUID) {
		t.Helper()
		page, err := mx.ListGoals(ctx, ug, nil)
		if err != nil {
			t.Fatalf("ListGoals: %v", err)
		}
		got := guidsOf(page.Items, func(g mxplatform.Goal) mxplatform.GoalGUID { return g.GUID })
		if !slices.Equal(got, want) || page.Pagination.TotalEntries != len(want) {
			t.Errorf("%s: goals by rank = %v, want %v", what, got, want)
		}
		for i, g := range page.Items {
			if g.Position.Value() != i+1 {
				t.Errorf("%s: goal %s at place %d has position %d", what, g.GUID, i+1, g.Position.Value())
			}
		}
	}
	ranks("after a goal took rank 1", first.GUID, save.GUID, payoff.GUID)

	// Updates persist; a new position moves the goal.
	upd, err := mx.UpdateGoal(ctx, ug, first.GUID, mxplatform.GoalUpdateRequest{Name: mxplatform.Ptr("Rainy days"), Position: mxplatform.Ptr(3), Amount: mxplatform.Ptr(mxplatform.MustDecimal("20"))})
	if err != nil || upd.Name != "Rainy days" || upd.Position.Value() != 3 {
		t.Fatalf("UpdateGoal = %+v, %v", upd, err)
	}
	if read, err := mx.ReadGoal(ctx, ug, first.GUID); err != nil || read.Name != "Rainy days" || !read.Amount.Value().Equal(mxplatform.MustDecimal("20")) || read.Position.Value() != 3 {
		t.Errorf("ReadGoal after UpdateGoal = %+v, %v", read, err)
	}
	ranks("after UpdateGoal(position 3)", save.GUID, payoff.GUID, first.GUID)
	_, err = mx.UpdateGoal(ctx, ug, save.GUID, mxplatform.GoalUpdateRequest{AccountGUID: &card.GUID})
	wantMessage(t, err, 400, "SAVE_AMOUNT")
	_, err = mx.UpdateGoal(ctx, ug, "GOL-unknown", mxplatform.GoalUpdateRequest{Name: mxplatform.Ptr("x")})
	wantStatusErr(t, err, 404)

	// repositionGoals moves several and answers every goal by rank.
	moved, err := mx.RepositionGoals(ctx, ug, []mxplatform.GoalPosition{{GUID: first.GUID, Position: 1}, {GUID: payoff.GUID, Position: 2}})
	if err != nil {
		t.Fatalf("RepositionGoals: %v", err)
	}
	wantOrder := []mxplatform.GoalGUID{first.GUID, payoff.GUID, save.GUID}
	if got := guidsOf(moved, func(g mxplatform.Goal) mxplatform.GoalGUID { return g.GUID }); !slices.Equal(got, wantOrder) {
		t.Errorf("RepositionGoals = %v, want %v", got, wantOrder)
	}
	ranks("after RepositionGoals", wantOrder...)
	_, err = mx.RepositionGoals(ctx, ug, []mxplatform.GoalPosition{{GUID: "GOL-unknown", Position: 1}})
	wantStatusErr(t, err, 404)
	ranks("after a refused RepositionGoals", wantOrder...)

	// The iterator reads every page.
	for i := range 9 {
		if _, err := mx.CreateGoal(ctx, ug, mxplatform.GoalCreateRequest{AccountGUID: checking.GUID, Amount: mxplatform.MustDecimal("1"), GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: "OTHER", Name: strings.Repeat("g", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := mxplatform.Collect(mx.ListGoalsIter(ctx, ug, &mxplatform.ListGoalsParams{RecordsPerPage: mxplatform.Ptr(10)}))
	if err != nil || len(all) != 12 || all[0].GUID != first.GUID || all[11].Position.Value() != 12 {
		t.Errorf("ListGoalsIter = %d goals, %v; want 12 by rank", len(all), err)
	}

	// Deleting a goal closes the gap in the ranks.
	if err := mx.DeleteGoal(ctx, ug, first.GUID); err != nil {
		t.Fatalf("DeleteGoal: %v", err)
	}
	_, err = mx.ReadGoal(ctx, ug, first.GUID)
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteGoal(ctx, ug, first.GUID), 404)
	if read, err := mx.ReadGoal(ctx, ug, payoff.GUID); err != nil || read.Position.Value() != 1 {
		t.Errorf("ReadGoal after DeleteGoal = %+v, %v; want rank 1", read, err)
	}
	wantServed(t, srv, "listGoals", "createGoal", "repositionGoals", "readGoal", "updateGoal", "deleteGoal")
}

// Budgets of subcategories made before their top-level category's take it as parent when it
// comes, so that the cash flow profile counts each amount once; a custom category's budget
// goes with the category, its spending then counting in the parent category.
func TestBudgetsFollowTheirCategories(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, acct, cats := manualUser(t, mx)
	food := cats["Food & Dining"]
	custom, err := mx.CreateCategory(ctx, ug, mxplatform.CategoryCreateRequest{Name: "Farmers market", ParentGUID: food.GUID})
	if err != nil {
		t.Fatal(err)
	}
	cats[custom.Name] = *custom
	seedSpending(t, srv, ug, acct, cats, []spend{{cat: "Farmers market", amount: "17.25", day: srv.Fake.Now()}})

	groceries, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: cats["Groceries"].GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal("100"))})
	if err != nil {
		t.Fatal(err)
	}
	market, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: custom.GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal("40"))})
	if err != nil {
		t.Fatal(err)
	}
	if groceries.ParentGUID != "" || market.ParentGUID != "" {
		t.Fatalf("budgets made before their top-level budget have parents: %q, %q", groceries.ParentGUID, market.ParentGUID)
	}
	wantAmount(t, "the custom category's transaction_total", market.TransactionTotal, dec("17.25"))
	top, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: food.GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal("150"))})
	if err != nil {
		t.Fatal(err)
	}
	wantAmount(t, "the top-level budget's transaction_total", top.TransactionTotal, dec("17.25"))
	for _, g := range []mxplatform.BudgetGUID{groceries.GUID, market.GUID} {
		b, err := mx.ReadSpecificBudget(ctx, ug, g)
		if err != nil || b.ParentGUID != top.GUID || b.Revision.Value() != 2 {
			t.Errorf("ReadSpecificBudget(%s) once the top-level budget exists = %+v, %v; want its parent, revision 2", g, b, err)
		}
	}
	prof, err := mx.ReadMonthlyCashFlowProfile(ctx, ug)
	if err != nil {
		t.Fatal(err)
	}
	wantAmount(t, "budgeted_expenses", prof.BudgetedExpenses, dec("150"))

	// Deleting the custom category deletes its budget; its transactions count in Food & Dining.
	if err := mx.DeleteCategory(ctx, ug, custom.GUID); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadSpecificBudget(ctx, ug, market.GUID)
	wantStatusErr(t, err, 404)
	if b, err := mx.ReadSpecificBudget(ctx, ug, top.GUID); err != nil {
		t.Fatal(err)
	} else {
		wantAmount(t, "the top-level budget's transaction_total after the delete", b.TransactionTotal, dec("17.25"))
	}
}
