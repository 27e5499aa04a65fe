package mxplatformtest

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
	"github.com/shopspring/decimal"
)

// Budgets are plain resources, served by the engine (resources.go), with what they derive from
// the user's spending this calendar month. A category has one budget at most (409 for a
// second); the budget of a subcategory has the budget of its top-level category as its parent
// (parent_guid, which may be left empty: the fake links it), a top-level one has none (400 for
// another) and becomes the parent of the budgets of its subcategories made before it. Each
// change raises the budget's revision. autoGenerateBudgets makes them from the spending of the
// two calendar months before this one.

func (f v20250224Handlers) ListAllBudgets(ctx context.Context, _ server25.ListAllBudgetsRequestObject) (server25.ListAllBudgetsResponseObject, error) {
	return serveResource[server25.ListAllBudgets200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateBudget(ctx context.Context, _ server25.CreateBudgetRequestObject) (server25.CreateBudgetResponseObject, error) {
	return serveResource[server25.CreateBudget200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadSpecificBudget(ctx context.Context, _ server25.ReadSpecificBudgetRequestObject) (server25.ReadSpecificBudgetResponseObject, error) {
	return serveResource[server25.ReadSpecificBudget200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateSpecificBudget(ctx context.Context, _ server25.UpdateSpecificBudgetRequestObject) (server25.UpdateSpecificBudgetResponseObject, error) {
	return serveResource[server25.UpdateSpecificBudget200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteBudget(ctx context.Context, _ server25.DeleteBudgetRequestObject) (server25.DeleteBudgetResponseObject, error) {
	return serveResource[server25.DeleteBudget204Response](ctx, f.Fake)
}

// budgetHooks check a new budget's category and parent, count revisions, and derive the
// month's figures.
func budgetHooks() resourceHooks {
	return resourceHooks{
		create: createBudget,
		update: func(_ *Fake, r *record, next map[string]any, _ time.Time) error {
			next["revision"] = r.num("revision") + 1
			return nil
		},
		render:     renderBudget,
		mayBeEmpty: []string{"parent_guid"},
	}
}

// topCategoryOf returns the top-level category of a category of the user (itself for a
// top-level one).
func topCategoryOf(u *userRec, g mxplatform.CategoryGUID) mxplatform.CategoryGUID {
	if c, ok := categories[g]; ok {
		return c.topGUID
	}
	for _, c := range u.categories {
		if c.guid == g {
			return c.parent.guid
		}
	}
	return g
}

// budgetOf returns the user's budget of the category, or nil.
func (f *Fake) budgetOf(sc resourceScope, cat mxplatform.CategoryGUID) *record {
	for _, b := range f.st.recordsOf(f, f.res.kinds["Budget"], sc) {
		if b.str("category_guid") == string(cat) {
			return b
		}
	}
	return nil
}

func createBudget(f *Fake, r *record, sc resourceScope, now time.Time) error {
	cat := mxplatform.CategoryGUID(r.str("category_guid"))
	if o := f.budgetOf(sc, cat); o != nil {
		return errorf(http.StatusConflict, "The category has a budget already (%s).", o.guid)
	}
	if _, ok := r.dec("amount"); !ok {
		r.fields["amount"] = mxplatform.DecimalFromInt(0)
	}
	top := topCategoryOf(sc.user, cat)
	parent := r.str("parent_guid")
	switch {
	case top == cat && parent != "":
		return errorf(http.StatusBadRequest, "Invalid request body: the budget of a top-level category has no parent: leave budget.parent_guid empty.")
	case top == cat:
		delete(r.fields, "parent_guid")
		f.adoptBudgets(sc, r, now)
	default:
		pb := f.budgetOf(sc, top)
		switch {
		case pb != nil && (parent == "" || parent == pb.guid):
			r.fields["parent_guid"] = pb.guid
		case parent == "":
			delete(r.fields, "parent_guid")
		default:
			return errorf(http.StatusBadRequest, "Invalid request body: budget.parent_guid must be the budget of the category's top-level category.")
		}
	}
	r.fields["revision"] = 1
	return nil
}

// adoptBudgets makes a new budget of a top-level category the parent of the user's budgets of
// its subcategories that have none (made before it), each a new revision: every budget of a
// subcategory then counts once, under its top-level budget, as the cash flow profile sums
// them.
func (f *Fake) adoptBudgets(sc resourceScope, top *record, now time.Time) {
	cat := mxplatform.CategoryGUID(top.str("category_guid"))
	for _, b := range f.st.recordsOf(f, top.kind, sc) {
		sub := mxplatform.CategoryGUID(b.str("category_guid"))
		if b.str("parent_guid") != "" || sub == cat || topCategoryOf(sc.user, sub) != cat {
			continue
		}
		b.fields["parent_guid"] = top.guid
		b.fields["revision"] = b.num("revision") + 1
		b.fields["updated_at"] = string(timestamp(now))
	}
}

// renderBudget derives the budget's name and how this calendar month stands against it: the
// total spent in its category (and, for a top-level category, its subcategories), the share
// of the amount spent, and the spending projected to the month's end at the pace so far.
func renderBudget(f *Fake, r *record, out map[string]any, now time.Time) {
	u := f.st.users[userGUIDOf(r)]
	if u == nil {
		return
	}
	cat := mxplatform.CategoryGUID(r.str("category_guid"))
	if name, _, ok := categoryNames(u, cat); ok {
		out["name"] = name
	}
	from, to := monthStart(now), monthEnd(now)
	spent := sumOf(selectTxns(leafTransactions(u), func(t *txnRec) bool {
		return isExpense(t) && inCategory(t, cat) && within(t, from, to)
	}))
	amount, _ := r.dec("amount")
	projected := cents(spent.Big().Mul(decimal.NewFromInt(int64(to.Day()))).Div(decimal.NewFromInt(int64(day(now).Day()))))
	offTrack := mxplatform.DecimalFromInt(0)
	if projected.Cmp(amount) > 0 {
		offTrack = percentOf(projected.Sub(amount), amount)
	}
	out["transaction_total"] = spent
	out["percent_spent"] = percentOf(spent, amount)
	out["is_exceeded"] = spent.Cmp(amount) > 0
	out["projected_spending"] = projected
	out["is_off_track"] = projected.Cmp(amount) > 0
	out["off_track_percentage"] = offTrack
}

// AutoGenerateBudgets serves autoGenerateBudgets (see generateBudgets).
func (f v20250224Handlers) AutoGenerateBudgets(_ context.Context, req server25.AutoGenerateBudgetsRequestObject) (server25.AutoGenerateBudgetsResponseObject, error) {
	now := f.begin()
	sc, err := f.resolveOwners([]string{"user_guid"}, map[string]string{"user_guid": string(req.UserGUID)})
	var out []map[string]any
	if err == nil {
		var budgets []*record
		if budgets, err = f.generateBudgets(sc, now); err == nil {
			out = f.renderRecords(budgets, now)
		}
	}
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return answerAs[server25.AutoGenerateBudgets200JSONResponse](map[string]any{"budgets": out})
}

// generateBudgets makes the budgets of the categories the user spent in in each of the two
// calendar months before now's: each the average of the two months' spending, to the cent.
// The top-level category of each has a budget too, the parent of the others, of the sum of
// their amounts (and of its own average, when it qualifies itself). Budgets that exist are
// set again, their revision raised when their amount changes. The budgets are answered
// top-level category by top-level category, each before its subcategories; 422 when no
// category qualifies.
func (f *Fake) generateBudgets(sc resourceScope, now time.Time) ([]*record, error) {
	u := sc.user
	cur := monthStart(now)
	months := [2]time.Time{cur.AddDate(0, -2, 0), cur.AddDate(0, -1, 0)}
	spent := map[mxplatform.CategoryGUID]*[2]decimal.Decimal{}
	for _, t := range leafTransactions(u) {
		if !isExpense(t) {
			continue
		}
		for i, m := range months {
			if within(t, m, monthEnd(m)) {
				s := spent[t.data.CategoryGUID]
				if s == nil {
					s = &[2]decimal.Decimal{}
					spent[t.data.CategoryGUID] = s
				}
				s[i] = s[i].Add(t.data.Amount.Value().Big())
			}
		}
	}
	// The average of each qualifying category, under its top-level category.
	own := map[mxplatform.CategoryGUID]mxplatform.Decimal{}
	children := map[mxplatform.CategoryGUID][]mxplatform.CategoryGUID{}
	var tops []mxplatform.CategoryGUID
	for cat, s := range spent {
		if s[0].Sign() <= 0 || s[1].Sign() <= 0 {
			continue
		}
		own[cat] = cents(s[0].Add(s[1]).Div(decimal.NewFromInt(2)))
		top := topCategoryOf(u, cat)
		if !slices.Contains(tops, top) {
			tops = append(tops, top)
		}
		if top != cat {
			children[top] = append(children[top], cat)
		}
	}
	if len(tops) == 0 {
		return nil, errorf(http.StatusUnprocessableEntity, "No category has spending in each of the two previous calendar months: there is nothing to generate budgets from.")
	}
	name := func(g mxplatform.CategoryGUID) string { n, _, _ := categoryNames(u, g); return n }
	byName := func(a, b mxplatform.CategoryGUID) int {
		return cmp.Or(cmp.Compare(name(a), name(b)), cmp.Compare(a, b))
	}
	slices.SortFunc(tops, byName)
	var out []*record
	for _, top := range tops {
		slices.SortFunc(children[top], byName)
		total := decimal.Zero
		if a, ok := own[top]; ok {
			total = a.Big()
		}
		for _, c := range children[top] {
			total = total.Add(own[c].Big())
		}
		parent := f.setBudget(sc, top, "", mxplatform.DecimalFromBig(total), now)
		out = append(out, parent)
		for _, c := range children[top] {
			out = append(out, f.setBudget(sc, c, parent.guid, own[c], now))
		}
	}
	return out, nil
}

// setBudget gives the category's budget the amount and parent, making the budget if needed.
func (f *Fake) setBudget(sc resourceScope, cat mxplatform.CategoryGUID, parent string, amount mxplatform.Decimal, now time.Time) *record {
	b := f.budgetOf(sc, cat)
	if b == nil {
		b = f.newRecord(f.res.kinds["Budget"], sc.owners, map[string]any{"category_guid": string(cat), "amount": amount, "revision": 1}, now)
		f.st.putRecord(b)
	} else if old, _ := b.dec("amount"); !old.Equal(amount) || b.str("parent_guid") != parent {
		b.fields["amount"] = amount
		b.fields["revision"] = b.num("revision") + 1
		b.fields["updated_at"] = string(timestamp(now))
	}
	if parent == "" {
		delete(b.fields, "parent_guid")
	} else {
		b.fields["parent_guid"] = parent
	}
	return b
}
