package mxplatformtest

import (
	"context"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
	"github.com/shopspring/decimal"
)

// The monthly cash flow profile is a plain resource with one record per user, made when first
// read, served by the engine (resources.go). The user sets the goals contribution and whether
// MX's estimate stands for it (true at first); the rest is derived: the budgeted expenses are
// the sum of the user's budgets of top-level categories, the budgeted income what the user
// earned in the two calendar months before this one, divided by two, and the estimated goals
// contribution what is left of the income once the expenses are paid (none when nothing is
// left; null without income).

func (f v20250224Handlers) ReadMonthlyCashFlowProfile(ctx context.Context, _ server25.ReadMonthlyCashFlowProfileRequestObject) (server25.ReadMonthlyCashFlowProfileResponseObject, error) {
	return serveResource[server25.ReadMonthlyCashFlowProfile200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateMonthlyCashFlowProfile(ctx context.Context, _ server25.UpdateMonthlyCashFlowProfileRequestObject) (server25.UpdateMonthlyCashFlowProfileResponseObject, error) {
	return serveResource[server25.UpdateMonthlyCashFlowProfile200JSONResponse](ctx, f.Fake)
}

// cashFlowHooks start a profile and derive its budgeted figures.
func cashFlowHooks() resourceHooks {
	return resourceHooks{
		create: func(_ *Fake, r *record, _ resourceScope, _ time.Time) error {
			r.fields["goals_contribution"] = mxplatform.DecimalFromInt(0)
			r.fields["uses_estimated_goals_contribution"] = true
			return nil
		},
		render: func(f *Fake, r *record, out map[string]any, now time.Time) {
			u := f.st.users[userGUIDOf(r)]
			if u == nil {
				return
			}
			expenses := decimal.Zero
			for _, b := range f.st.recordsOf(f, f.res.kinds["Budget"], scopeOf(r)) {
				if amount, ok := b.dec("amount"); ok && b.str("parent_guid") == "" {
					expenses = expenses.Add(amount.Big())
				}
			}
			income := averageMonthlyIncome(u, now)
			out["budgeted_expenses"] = mxplatform.DecimalFromBig(expenses)
			out["budgeted_income"] = income
			out["estimated_goals_contribution"] = nil
			if !income.IsZero() {
				out["estimated_goals_contribution"] = mxplatform.DecimalFromBig(decimal.Max(decimal.Zero, income.Big().Sub(expenses)))
			}
		},
	}
}
