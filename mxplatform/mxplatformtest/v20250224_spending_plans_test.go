package mxplatformtest_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

func TestSpendingPlans(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, checking, cats := manualUser(t, mx)
	other, _, _ := manualUser(t, mx)
	savings, err := mx.CreateManualAccount(ctx, ug, mxplatform.AccountCreateRequest{AccountType: mxplatform.AccountTypeSavings, Name: "Rainy day"})
	if err != nil {
		t.Fatal(err)
	}
	now := srv.Fake.Now()
	seedSpending(t, srv, ug, checking, cats, []spend{
		{cat: "Groceries", amount: "30.00", day: now},
		{cat: "Groceries", amount: "12.34", day: now},
		{cat: "Groceries", amount: "500", day: monthOf(now, -1)}, // another month
		{cat: "Restaurants", amount: "10.00", day: now},
		{cat: "Paycheck", amount: "900.00", day: now, typ: "CREDIT"},
	})
	groceries, food, paycheck := cats["Groceries"], cats["Food & Dining"], cats["Paycheck"]

	plan, err := mx.CreateSpendingPlan(ctx, ug)
	if err != nil {
		t.Fatalf("CreateSpendingPlan: %v", err)
	}
	if !strings.HasPrefix(string(plan.GUID), "SPL-") || plan.UserGUID != ug || plan.CurrentIterationNumber.Value() != 1 || plan.CreatedAt == "" {
		t.Errorf("CreateSpendingPlan = %+v", plan)
	}
	if read, err := mx.ReadSpendingPlanUser(ctx, ug, plan.GUID); err != nil || *read != *plan {
		t.Errorf("ReadSpendingPlanUser = %+v, %v; want %+v", read, err, plan)
	}
	_, err = mx.ReadSpendingPlanUser(ctx, ug, "SPL-unknown")
	wantMessage(t, err, 404, "Spending plan not found")
	_, err = mx.ReadSpendingPlanUser(ctx, other, plan.GUID)
	wantStatusErr(t, err, 404)

	// The plan follows the accounts the user had when it was made.
	accts, err := mx.ListSpendingPlanAccounts(ctx, ug, plan.GUID, nil)
	if err != nil {
		t.Fatalf("ListSpendingPlanAccounts: %v", err)
	}
	followed := guidsOf(accts.Items, func(a mxplatform.SpendingPlanAccount) mxplatform.AccountGUID { return a.AccountGUID })
	slices.Sort(followed)
	wantFollowed := []mxplatform.AccountGUID{checking, savings.GUID}
	slices.Sort(wantFollowed)
	if !slices.Equal(followed, wantFollowed) || accts.Pagination.TotalEntries != 2 {
		t.Errorf("ListSpendingPlanAccounts = %v, want %v", followed, wantFollowed)
	}
	spa := accts.Items[0]
	if !strings.HasPrefix(string(spa.GUID), "SPA-") || spa.SpendingPlanGUID != plan.GUID || spa.UserGUID != ug || spa.ClientGUID == "" {
		t.Errorf("spending plan account = %+v", spa)
	}
	if read, err := mx.ReadSpendingPlanAccount(ctx, ug, plan.GUID, spa.GUID); err != nil || *read != spa {
		t.Errorf("ReadSpendingPlanAccount = %+v, %v; want %+v", read, err, spa)
	}
	if iterated, err := mxplatform.Collect(mx.ListSpendingPlanAccountsIter(ctx, ug, plan.GUID, nil)); err != nil || len(iterated) != 2 {
		t.Errorf("ListSpendingPlanAccountsIter = %d, %v; want 2", len(iterated), err)
	}
	if err := mx.DeleteSpendingPlanAccount(ctx, ug, plan.GUID, spa.GUID); err != nil {
		t.Fatalf("DeleteSpendingPlanAccount: %v", err)
	}
	_, err = mx.ReadSpendingPlanAccount(ctx, ug, plan.GUID, spa.GUID)
	wantMessage(t, err, 404, "Spending plan account not found")
	wantStatusErr(t, mx.DeleteSpendingPlanAccount(ctx, ug, plan.GUID, spa.GUID), 404)
	if left, err := mx.ListSpendingPlanAccounts(ctx, ug, plan.GUID, nil); err != nil || len(left.Items) != 1 || left.Items[0].GUID == spa.GUID {
		t.Errorf("ListSpendingPlanAccounts after the delete = %+v, %v", left, err)
	}

	// The first iteration is this calendar month.
	cur, err := mx.ReadCurrentSpendingPlanIteration(ctx, ug, plan.GUID)
	if err != nil {
		t.Fatalf("ReadCurrentSpendingPlanIteration: %v", err)
	}
	wantStart, wantEnd := mxplatform.DateOf(monthOf(now, 0)), mxplatform.DateOf(monthOf(now, 1).AddDate(0, 0, -1))
	if cur.IterationNumber.Value() != 1 || cur.StartOn != wantStart || cur.EndOn != wantEnd || cur.SpendingPlanGUID != plan.GUID || !strings.HasPrefix(string(cur.GUID), "SPI-") {
		t.Errorf("ReadCurrentSpendingPlanIteration = %+v, want iteration 1 from %s to %s", cur, wantStart, wantEnd)
	}
	if one, err := mx.ReadSpendingPlanIteration(ctx, ug, plan.GUID, 1); err != nil || *one != *cur {
		t.Errorf("ReadSpendingPlanIteration(1) = %+v, %v; want %+v", one, err, cur)
	}
	for _, n := range []int{2, 0, -1} {
		_, err = mx.ReadSpendingPlanIteration(ctx, ug, plan.GUID, n)
		wantMessage(t, err, 404, "Spending plan iteration not found")
	}

	// Items count what went out, or came in, in their category this month.
	item, err := mx.CreateSpendingPlanIterationItem(ctx, ug, plan.GUID, mxplatform.SpendingPlanIterationItemRequest{CategoryGUID: &groceries.GUID, PlannedAmount: mxplatform.MustDecimal("50")})
	if err != nil {
		t.Fatalf("CreateSpendingPlanIterationItem: %v", err)
	}
	if !strings.HasPrefix(string(item.GUID), "SII-") || item.SpendingPlanIterationGUID != cur.GUID || item.TopLevelCategoryGUID != food.GUID ||
		deref(item.ItemType) != mxplatform.SpendingPlanItemTypePlannedExpense || len(item.TransactionGuids) != 2 || item.UserGUID != ug {
		t.Errorf("CreateSpendingPlanIterationItem = %+v", item)
	}
	wantAmount(t, "groceries actual_amount", item.ActualAmount, dec("42.34"))
	wantAmount(t, "groceries planned_amount", item.PlannedAmount, dec("50"))
	income, err := mx.CreateSpendingPlanIterationItem(ctx, ug, plan.GUID, mxplatform.SpendingPlanIterationItemRequest{CategoryGUID: &paycheck.GUID, PlannedAmount: mxplatform.MustDecimal("1000")})
	if err != nil {
		t.Fatalf("CreateSpendingPlanIterationItem(Paycheck): %v", err)
	}
	if deref(income.ItemType) != mxplatform.SpendingPlanItemTypeIncome || len(income.TransactionGuids) != 1 {
		t.Errorf("an item of Paycheck = %+v, want an income item of one transaction", income)
	}
	wantAmount(t, "income actual_amount", income.ActualAmount, dec("900"))
	whole, err := mx.CreateSpendingPlanIterationItem(ctx, ug, plan.GUID, mxplatform.SpendingPlanIterationItemRequest{CategoryGUID: &food.GUID, PlannedAmount: mxplatform.MustDecimal("80"), ItemType: mxplatform.Ptr(mxplatform.SpendingPlanItemTypeOtherExpense)})
	if err != nil {
		t.Fatalf("CreateSpendingPlanIterationItem(Food & Dining): %v", err)
	}
	if deref(whole.ItemType) != mxplatform.SpendingPlanItemTypeOtherExpense {
		t.Errorf("item_type = %v, want the one asked for", whole.ItemType)
	}
	wantAmount(t, "top-level actual_amount", whole.ActualAmount, dec("52.34")) // 30.00 + 12.34 + 10.00

	// A body without planned_amount, and unknown categories and plans.
	resp := do(t, srv, request{method: "POST", path: fmt.Sprintf("/users/%s/spending_plans/%s/iterations/current/iteration_items", ug, plan.GUID), body: `{"category_guid": "` + string(groceries.GUID) + `"}`})
	if resp.status != 400 || !strings.Contains(resp.message(t), "planned_amount") {
		t.Errorf("an item without planned_amount answered %d %q, want 400 naming the field", resp.status, resp.body)
	}
	_, err = mx.CreateSpendingPlanIterationItem(ctx, ug, plan.GUID, mxplatform.SpendingPlanIterationItemRequest{CategoryGUID: mxplatform.Ptr(mxplatform.CategoryGUID("CAT-unknown")), PlannedAmount: mxplatform.MustDecimal("1")})
	wantMessage(t, err, 400, "category_guid")
	_, err = mx.CreateSpendingPlanIterationItem(ctx, ug, "SPL-unknown", mxplatform.SpendingPlanIterationItemRequest{PlannedAmount: mxplatform.MustDecimal("1")})
	wantStatusErr(t, err, 404)
	_, err = mx.ReadSpendingPlanIterationItem(ctx, ug, plan.GUID, "SII-unknown")
	wantMessage(t, err, 404, "Spending plan iteration item not found")

	// Updates persist.
	upd, err := mx.UpdateSpendingPlanIterationItem(ctx, ug, plan.GUID, item.GUID, mxplatform.SpendingPlanIterationItemRequest{PlannedAmount: mxplatform.MustDecimal("61.25")})
	if err != nil || upd.GUID != item.GUID || upd.CategoryGUID != groceries.GUID {
		t.Fatalf("UpdateSpendingPlanIterationItem = %+v, %v", upd, err)
	}
	wantAmount(t, "updated planned_amount", upd.PlannedAmount, dec("61.25"))
	read, err := mx.ReadSpendingPlanIterationItem(ctx, ug, plan.GUID, item.GUID)
	if err != nil {
		t.Fatalf("ReadSpendingPlanIterationItem: %v", err)
	}
	wantAmount(t, "planned_amount read back", read.PlannedAmount, dec("61.25"))
	wantAmount(t, "actual_amount read back", read.ActualAmount, dec("42.34"))

	items, err := mx.ListSpendingPlanIterationItems(ctx, ug, plan.GUID, nil)
	wantItems := []mxplatform.SpendingPlanIterationItemGUID{item.GUID, income.GUID, whole.GUID}
	if err != nil || !slices.Equal(guidsOf(items.Items, func(x mxplatform.SpendingPlanIterationItem) mxplatform.SpendingPlanIterationItemGUID { return x.GUID }), wantItems) {
		t.Errorf("ListSpendingPlanIterationItems = %+v, %v; want %v", items, err, wantItems)
	}
	if err := mx.DeleteSpendingPlanIterationItem(ctx, ug, plan.GUID, whole.GUID); err != nil {
		t.Fatalf("DeleteSpendingPlanIterationItem: %v", err)
	}
	_, err = mx.ReadSpendingPlanIterationItem(ctx, ug, plan.GUID, whole.GUID)
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteSpendingPlanIterationItem(ctx, ug, plan.GUID, whole.GUID), 404)

	// A new month begins the next iteration, with a copy of the items.
	srv.Fake.AdvanceTime(monthOf(now, 1).Add(36 * time.Hour).Sub(now))
	next, err := mx.ReadCurrentSpendingPlanIteration(ctx, ug, plan.GUID)
	if err != nil {
		t.Fatalf("ReadCurrentSpendingPlanIteration next month: %v", err)
	}
	if next.IterationNumber.Value() != 2 || next.StartOn != mxplatform.DateOf(monthOf(now, 1)) || next.GUID == cur.GUID {
		t.Errorf("the iteration of next month = %+v", next)
	}
	if p, err := mx.ReadSpendingPlanUser(ctx, ug, plan.GUID); err != nil || p.CurrentIterationNumber.Value() != 2 {
		t.Errorf("ReadSpendingPlanUser next month = %+v, %v; want current iteration 2", p, err)
	}
	copied, err := mxplatform.Collect(mx.ListSpendingPlanIterationItemsIter(ctx, ug, plan.GUID, nil))
	if err != nil || len(copied) != 2 {
		t.Fatalf("ListSpendingPlanIterationItemsIter next month = %+v, %v; want the two items copied", copied, err)
	}
	for _, c := range copied {
		if c.SpendingPlanIterationGUID != next.GUID || c.GUID == item.GUID || c.GUID == income.GUID {
			t.Errorf("copied item = %+v, want a new item of iteration %s", c, next.GUID)
		}
		// Nothing was spent or earned yet this month.
		wantAmount(t, "a copied item's actual_amount", c.ActualAmount, dec("0"))
	}
	wantAmount(t, "the copy's planned_amount", copied[0].PlannedAmount, dec("61.25"))
	_, err = mx.ReadSpendingPlanIterationItem(ctx, ug, plan.GUID, item.GUID)
	wantStatusErr(t, err, 404) // last month's item is out of reach
	iters, err := mxplatform.Collect(mx.ListSpendingPlanIterationsIter(ctx, ug, plan.GUID, nil))
	if err != nil || len(iters) != 2 || iters[0].GUID != cur.GUID || iters[1].GUID != next.GUID {
		t.Errorf("ListSpendingPlanIterationsIter = %+v, %v; want both iterations", iters, err)
	}
	if page, err := mx.ListSpendingPlanIterations(ctx, ug, plan.GUID, nil); err != nil || page.Pagination.TotalEntries != 2 {
		t.Errorf("ListSpendingPlanIterations = %+v, %v", page, err)
	}
	if one, err := mx.ReadSpendingPlanIteration(ctx, ug, plan.GUID, 1); err != nil || one.GUID != cur.GUID {
		t.Errorf("ReadSpendingPlanIteration(1) next month = %+v, %v", one, err)
	}

	// Lists of plans, and deleting one deletes what it holds.
	second, err := mx.CreateSpendingPlan(ctx, ug)
	if err != nil {
		t.Fatal(err)
	}
	plans, err := mx.ListSpendingPlans(ctx, ug, nil)
	if err != nil || !slices.Equal(guidsOf(plans.Items, func(p mxplatform.SpendingPlan) mxplatform.SpendingPlanGUID { return p.GUID }), []mxplatform.SpendingPlanGUID{plan.GUID, second.GUID}) {
		t.Errorf("ListSpendingPlans = %+v, %v", plans, err)
	}
	if all, err := mxplatform.Collect(mx.ListSpendingPlansIter(ctx, ug, nil)); err != nil || len(all) != 2 {
		t.Errorf("ListSpendingPlansIter = %d, %v; want 2", len(all), err)
	}
	if theirs, err := mx.ListSpendingPlans(ctx, other, nil); err != nil || len(theirs.Items) != 0 {
		t.Errorf("another user's ListSpendingPlans = %+v, %v", theirs, err)
	}
	if err := mx.DeleteSpendingPlan(ctx, ug, plan.GUID); err != nil {
		t.Fatalf("DeleteSpendingPlan: %v", err)
	}
	_, err = mx.ReadSpendingPlanUser(ctx, ug, plan.GUID)
	wantStatusErr(t, err, 404)
	_, err = mx.ListSpendingPlanIterations(ctx, ug, plan.GUID, nil)
	wantStatusErr(t, err, 404)
	_, err = mx.ReadCurrentSpendingPlanIteration(ctx, ug, plan.GUID)
	wantStatusErr(t, err, 404)
	wantStatusErr(t, mx.DeleteSpendingPlan(ctx, ug, plan.GUID), 404)
	if left, err := mx.ListSpendingPlans(ctx, ug, nil); err != nil || len(left.Items) != 1 || left.Items[0].GUID != second.GUID {
		t.Errorf("ListSpendingPlans after the delete = %+v, %v", left, err)
	}
	wantServed(t, srv, "listSpendingPlans", "createSpendingPlan", "readSpendingPlanUser", "deleteSpendingPlan",
		"listSpendingPlanAccounts", "readSpendingPlanAccount", "deleteSpendingPlanAccount", "listSpendingPlanIterations",
		"readCurrentSpendingPlanIteration", "listSpendingPlanIterationItems", "createSpendingPlanIterationItem",
		"readSpendingPlanIterationItem", "updateSpendingPlanIterationItem", "deleteSpendingPlanIterationItem", "readSpendingPlanIteration")
}

func TestMonthlyCashFlowProfile(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug, acct, cats := manualUser(t, mx)
	if _, err := mx.UpdateUser(ctx, ug, mxplatform.UserUpdateRequest{ID: mxplatform.Ptr(mxplatform.UserID("cash-flow-user"))}); err != nil {
		t.Fatal(err)
	}
	now := srv.Fake.Now()

	// A user without income has no estimate.
	first, err := mx.ReadMonthlyCashFlowProfile(ctx, ug)
	if err != nil {
		t.Fatalf("ReadMonthlyCashFlowProfile: %v", err)
	}
	if !strings.HasPrefix(string(first.GUID), "MCF-") || first.UserGUID != ug || !first.UsesEstimatedGoalsContribution.Value() || first.EstimatedGoalsContribution.IsSet() {
		t.Errorf("a new profile = %+v, want MX's estimate in use and none to give", first)
	}
	wantAmount(t, "goals_contribution", first.GoalsContribution, dec("0"))
	wantAmount(t, "budgeted_income without income", first.BudgetedIncome, dec("0"))
	wantAmount(t, "budgeted_expenses without budgets", first.BudgetedExpenses, dec("0"))

	seedSpending(t, srv, ug, acct, cats, []spend{
		{cat: "Paycheck", amount: "2000.00", day: monthOf(now, -2).AddDate(0, 0, 14), typ: "CREDIT"},
		{cat: "Paycheck", amount: "1500.50", day: monthOf(now, -1).AddDate(0, 0, 14), typ: "CREDIT"},
		{cat: "Paycheck", amount: "9999", day: monthOf(now, -3).AddDate(0, 0, 14), typ: "CREDIT"}, // before the two months
		{cat: "Paycheck", amount: "9999", day: now, typ: "CREDIT"},                                // this month
	})
	for _, b := range []struct {
		cat, amount string
	}{{"Food & Dining", "300"}, {"Groceries", "100"}, {"Auto & Transport", "200.10"}} {
		if _, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: cats[b.cat].GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal(b.amount))}); err != nil {
			t.Fatalf("CreateBudget(%s): %v", b.cat, err)
		}
	}
	// Read by the partner's id: the same profile, now with figures.
	prof, err := mx.ReadMonthlyCashFlowProfile(ctx, mxplatform.UserID("cash-flow-user"))
	if err != nil {
		t.Fatalf("ReadMonthlyCashFlowProfile(id): %v", err)
	}
	if prof.GUID != first.GUID {
		t.Errorf("the profile read again is %s, was %s", prof.GUID, first.GUID)
	}
	wantAmount(t, "budgeted_income", prof.BudgetedIncome, dec("1750.25"))    // (2000.00 + 1500.50) / 2
	wantAmount(t, "budgeted_expenses", prof.BudgetedExpenses, dec("500.10")) // the top-level budgets: 300 + 200.10
	wantAmount(t, "estimated_goals_contribution", prof.EstimatedGoalsContribution, dec("1250.15"))

	upd, err := mx.UpdateMonthlyCashFlowProfile(ctx, ug, mxplatform.MonthlyCashFlowProfileUpdateRequest{GoalsContribution: mxplatform.Ptr(mxplatform.MustDecimal("400.40")), UsesEstimatedGoalsContribution: mxplatform.Ptr(false)})
	if err != nil {
		t.Fatalf("UpdateMonthlyCashFlowProfile: %v", err)
	}
	if upd.UsesEstimatedGoalsContribution.Value() || upd.GUID != first.GUID {
		t.Errorf("UpdateMonthlyCashFlowProfile = %+v", upd)
	}
	wantAmount(t, "goals_contribution after the update", upd.GoalsContribution, dec("400.40"))
	again, err := mx.ReadMonthlyCashFlowProfile(ctx, ug)
	if err != nil || again.UsesEstimatedGoalsContribution.Value() {
		t.Fatalf("ReadMonthlyCashFlowProfile after the update = %+v, %v", again, err)
	}
	wantAmount(t, "goals_contribution read back", again.GoalsContribution, dec("400.40"))
	wantAmount(t, "estimate after the update", again.EstimatedGoalsContribution, dec("1250.15"))

	// Budgets beyond the income leave nothing for goals.
	if _, err := mx.CreateBudget(ctx, ug, mxplatform.BudgetCreateRequest{CategoryGUID: cats["Shopping"].GUID, Amount: mxplatform.Ptr(mxplatform.MustDecimal("2000"))}); err != nil {
		t.Fatal(err)
	}
	over, err := mx.ReadMonthlyCashFlowProfile(ctx, ug)
	if err != nil {
		t.Fatal(err)
	}
	wantAmount(t, "budgeted_expenses beyond the income", over.BudgetedExpenses, dec("2500.10"))
	wantAmount(t, "estimate beyond the income", over.EstimatedGoalsContribution, dec("0"))

	_, err = mx.UpdateMonthlyCashFlowProfile(ctx, ug, mxplatform.MonthlyCashFlowProfileUpdateRequest{})
	wantMessage(t, err, 400, "at least one field")
	_, err = mx.ReadMonthlyCashFlowProfile(ctx, mxplatform.UserID("nobody"))
	wantStatusErr(t, err, 404)
	wantServed(t, srv, "readMonthlyCashFlowProfile", "updateMonthlyCashFlowProfile")
}
