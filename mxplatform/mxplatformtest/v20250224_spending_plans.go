package mxplatformtest

import (
	"context"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Spending plans are plain resources, served by the engine (resources.go), with their
// iterations, items and accounts. A plan runs by calendar months: it is created with its first
// iteration, the current month, and follows every account the user has then. When a month
// ends, the next iteration begins (on the first request after it), with a copy of the items of
// the one before; the operations on iteration items reach the current iteration's only. An
// item plans an amount for a category; what actually came in or went out in the category
// during the iteration (credits for an income item, item_type 3, debits for the others) is
// its actual_amount, with the transactions counted. Deleting a plan deletes its iterations,
// items and accounts.

func (f v20250224Handlers) ListSpendingPlans(ctx context.Context, _ server25.ListSpendingPlansRequestObject) (server25.ListSpendingPlansResponseObject, error) {
	return serveResource[server25.ListSpendingPlans200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateSpendingPlan(ctx context.Context, _ server25.CreateSpendingPlanRequestObject) (server25.CreateSpendingPlanResponseObject, error) {
	return serveResource[server25.CreateSpendingPlan200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadSpendingPlanUser(ctx context.Context, _ server25.ReadSpendingPlanUserRequestObject) (server25.ReadSpendingPlanUserResponseObject, error) {
	return serveResource[server25.ReadSpendingPlanUser200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteSpendingPlan(ctx context.Context, _ server25.DeleteSpendingPlanRequestObject) (server25.DeleteSpendingPlanResponseObject, error) {
	return serveResource[server25.DeleteSpendingPlan204Response](ctx, f.Fake)
}

func (f v20250224Handlers) ListSpendingPlanAccounts(ctx context.Context, _ server25.ListSpendingPlanAccountsRequestObject) (server25.ListSpendingPlanAccountsResponseObject, error) {
	return serveResource[server25.ListSpendingPlanAccounts200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadSpendingPlanAccount(ctx context.Context, _ server25.ReadSpendingPlanAccountRequestObject) (server25.ReadSpendingPlanAccountResponseObject, error) {
	return serveResource[server25.ReadSpendingPlanAccount200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteSpendingPlanAccount(ctx context.Context, _ server25.DeleteSpendingPlanAccountRequestObject) (server25.DeleteSpendingPlanAccountResponseObject, error) {
	return serveResource[server25.DeleteSpendingPlanAccount204Response](ctx, f.Fake)
}

func (f v20250224Handlers) ListSpendingPlanIterations(ctx context.Context, _ server25.ListSpendingPlanIterationsRequestObject) (server25.ListSpendingPlanIterationsResponseObject, error) {
	return serveResource[server25.ListSpendingPlanIterations200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ListSpendingPlanIterationItems(ctx context.Context, _ server25.ListSpendingPlanIterationItemsRequestObject) (server25.ListSpendingPlanIterationItemsResponseObject, error) {
	return serveResource[server25.ListSpendingPlanIterationItems200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateSpendingPlanIterationItem(ctx context.Context, _ server25.CreateSpendingPlanIterationItemRequestObject) (server25.CreateSpendingPlanIterationItemResponseObject, error) {
	return serveResource[server25.CreateSpendingPlanIterationItem200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadSpendingPlanIterationItem(ctx context.Context, _ server25.ReadSpendingPlanIterationItemRequestObject) (server25.ReadSpendingPlanIterationItemResponseObject, error) {
	return serveResource[server25.ReadSpendingPlanIterationItem200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateSpendingPlanIterationItem(ctx context.Context, _ server25.UpdateSpendingPlanIterationItemRequestObject) (server25.UpdateSpendingPlanIterationItemResponseObject, error) {
	return serveResource[server25.UpdateSpendingPlanIterationItem200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteSpendingPlanIterationItem(ctx context.Context, _ server25.DeleteSpendingPlanIterationItemRequestObject) (server25.DeleteSpendingPlanIterationItemResponseObject, error) {
	return serveResource[server25.DeleteSpendingPlanIterationItem204Response](ctx, f.Fake)
}

// ReadCurrentSpendingPlanIteration serves readCurrentSpendingPlanIteration.
func (f v20250224Handlers) ReadCurrentSpendingPlanIteration(_ context.Context, req server25.ReadCurrentSpendingPlanIterationRequestObject) (server25.ReadCurrentSpendingPlanIterationResponseObject, error) {
	v, err := f.readIteration(req.UserGUID, req.SpendingPlanGUID, 0, true)
	if err != nil {
		return nil, err
	}
	return answerAs[server25.ReadCurrentSpendingPlanIteration200JSONResponse](v)
}

// ReadSpendingPlanIteration serves readSpendingPlanIteration: 404 for a number the plan has
// not reached, and for 0 and below, which number no iteration.
func (f v20250224Handlers) ReadSpendingPlanIteration(_ context.Context, req server25.ReadSpendingPlanIterationRequestObject) (server25.ReadSpendingPlanIterationResponseObject, error) {
	v, err := f.readIteration(req.UserGUID, req.SpendingPlanGUID, req.IterationNumber, false)
	if err != nil {
		return nil, err
	}
	return answerAs[server25.ReadSpendingPlanIteration200JSONResponse](v)
}

// readIteration answers an iteration of the plan by number, or the current one, wrapped in
// "iteration".
func (f v20250224Handlers) readIteration(ug mxplatform.UserGUID, pg mxplatform.SpendingPlanGUID, number int, current bool) (any, error) {
	now := f.begin()
	defer f.mu.Unlock()
	if _, err := f.resolveOwners([]string{"user_guid", "spending_plan_guid"}, map[string]string{"user_guid": string(ug), "spending_plan_guid": string(pg)}); err != nil {
		return nil, err
	}
	plan := f.st.records[string(pg)]
	f.advancePlan(plan, now)
	if current {
		number = plan.num("current_iteration_number")
	}
	it := f.iteration(plan, number)
	if it == nil {
		return nil, notFound(f.res.kinds["SpendingPlanIteration"])
	}
	return map[string]any{"iteration": f.renderRecord(it, now)}, nil
}

// spendingPlanHooks start a plan with its first iteration and its accounts, and begin the
// iterations of the months that started since.
func spendingPlanHooks() resourceHooks {
	return resourceHooks{
		sync: syncPlans,
		create: func(f *Fake, r *record, sc resourceScope, now time.Time) error {
			r.fields["current_iteration_number"] = 1
			owners := map[string]string{"UserGUID": sc.owners["UserGUID"], r.kind.guidType: r.guid}
			f.st.putRecord(f.newIteration(r, owners, 1, monthStart(now), now))
			for _, a := range userAccounts(sc.user) {
				f.st.putRecord(f.newRecord(f.res.kinds["SpendingPlanAccount"], owners, map[string]any{"account_guid": string(a.guid)}, now))
			}
			return nil
		},
	}
}

// iterationHooks bring the plan's iterations up to date.
func iterationHooks() resourceHooks { return resourceHooks{sync: syncPlans} }

// iterationItemHooks keep items to the current iteration and derive what they count.
func iterationItemHooks() resourceHooks {
	return resourceHooks{
		sync: syncPlans,
		create: func(f *Fake, r *record, _ resourceScope, _ time.Time) error {
			plan := f.st.records[r.owners["SpendingPlanGUID"]]
			r.fields["spending_plan_iteration_guid"] = f.iteration(plan, plan.num("current_iteration_number")).guid
			fillItem(f, r, r.fields)
			return nil
		},
		update: func(f *Fake, r *record, next map[string]any, _ time.Time) error {
			fillItem(f, r, next)
			return nil
		},
		visible: func(f *Fake, r *record) bool {
			plan := f.st.records[r.owners["SpendingPlanGUID"]]
			it := f.iteration(plan, plan.num("current_iteration_number"))
			return it != nil && r.str("spending_plan_iteration_guid") == it.guid
		},
		render: renderItem,
	}
}

// syncPlans begins the iterations of the months that started since each of the scope's plans
// was last seen.
func syncPlans(f *Fake, sc resourceScope, now time.Time) {
	if g := sc.owners["SpendingPlanGUID"]; g != "" {
		f.advancePlan(f.st.records[g], now)
		return
	}
	for _, p := range f.st.recordsOf(f, f.res.kinds["SpendingPlan"], sc) {
		f.advancePlan(p, now)
	}
}

// newIteration makes the iteration of the plan that runs through the month of start.
func (f *Fake) newIteration(plan *record, owners map[string]string, number int, start, now time.Time) *record {
	return f.newRecord(f.res.kinds["SpendingPlanIteration"], owners, map[string]any{
		"iteration_number": number, "start_on": string(dateOf(start)), "end_on": string(dateOf(monthEnd(start))),
	}, now)
}

// iteration returns the plan's iteration of the number, or nil.
func (f *Fake) iteration(plan *record, number int) *record {
	if plan == nil {
		return nil
	}
	for _, it := range f.st.byKind[f.res.kinds["SpendingPlanIteration"]] {
		if it.owners["SpendingPlanGUID"] == plan.guid && it.num("iteration_number") == number {
			return it
		}
	}
	return nil
}

// advancePlan begins an iteration for each month that started after the plan's current one
// ended, with a copy of the items of the iteration before.
func (f *Fake) advancePlan(plan *record, now time.Time) {
	if plan == nil {
		return
	}
	for {
		n := plan.num("current_iteration_number")
		cur := f.iteration(plan, n)
		if cur == nil {
			return
		}
		end, err := time.Parse(time.DateOnly, cur.str("end_on"))
		if err != nil || !day(now).After(end) {
			return
		}
		next := f.newIteration(plan, cur.owners, n+1, end.AddDate(0, 0, 1), now)
		f.st.putRecord(next)
		for _, it := range f.st.byKind[f.res.kinds["SpendingPlanIterationItem"]] {
			if it.str("spending_plan_iteration_guid") != cur.guid {
				continue
			}
			fields := map[string]any{}
			for _, name := range []string{"category_guid", "top_level_category_guid", "item_type", "planned_amount", "scheduled_payment_guid"} {
				if v, ok := it.fields[name]; ok {
					fields[name] = v
				}
			}
			fields["spending_plan_iteration_guid"] = next.guid
			f.st.putRecord(f.newRecord(it.kind, it.owners, fields, now))
		}
		plan.fields["current_iteration_number"] = n + 1
		plan.fields["updated_at"] = string(timestamp(now))
	}
}

// incomeItem is the item_type of planned income.
const incomeItem = 3

// fillItem gives an item the top-level category of its category, and a type when it has none:
// income for a category under Income, a planned expense otherwise.
func fillItem(f *Fake, r *record, fields map[string]any) {
	u := f.st.users[userGUIDOf(r)]
	cat := mxplatform.CategoryGUID(fieldString(fields, "category_guid"))
	if cat != "" && u != nil {
		fields["top_level_category_guid"] = string(topCategoryOf(u, cat))
	}
	if _, ok := fields["item_type"]; !ok {
		fields["item_type"] = int(mxplatform.SpendingPlanItemTypePlannedExpense)
		if _, top, ok := categoryNames(u, cat); ok && top == "Income" {
			fields["item_type"] = incomeItem
		}
	}
}

// renderItem derives what came in or went out in the item's category during its iteration.
func renderItem(f *Fake, r *record, out map[string]any, _ time.Time) {
	u := f.st.users[userGUIDOf(r)]
	it := f.st.records[r.str("spending_plan_iteration_guid")]
	if u == nil || it == nil {
		return
	}
	start, _ := time.Parse(time.DateOnly, it.str("start_on"))
	end, _ := time.Parse(time.DateOnly, it.str("end_on"))
	cat := mxplatform.CategoryGUID(r.str("category_guid"))
	if cat == "" {
		cat = mxplatform.CategoryGUID(r.str("top_level_category_guid"))
	}
	income := r.num("item_type") == incomeItem
	counted := selectTxns(leafTransactions(u), func(t *txnRec) bool {
		if cat == "" || !inCategory(t, cat) || !within(t, start, end) {
			return false
		}
		return income && isIncome(t) || !income && t.data.Type == mxplatform.TransactionTypeDebit
	})
	guids := make([]string, len(counted))
	for i, t := range counted {
		guids[i] = string(t.guid)
	}
	out["actual_amount"] = sumOf(counted)
	out["transaction_guids"] = guids
	out["item_type"] = r.num("item_type")
}
