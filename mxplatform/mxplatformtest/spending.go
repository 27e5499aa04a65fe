package mxplatformtest

import (
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/shopspring/decimal"
)

// What budgets, spending plans, the cash flow profile and insights derive from a user's
// transactions: money spent (debits marked as expenses) and earned (credits marked as
// income), by category and by period. A split transaction counts through the transactions
// split off it. Amounts are exact; a derived amount that divides (an average, a percentage) is
// rounded half away from zero to the cent.

// leafTransactions returns the user's transactions that count, account by account: every one
// but those that were split, whose children count instead.
func leafTransactions(u *userRec) []*txnRec {
	var out []*txnRec
	for _, a := range userAccounts(u) {
		for _, t := range a.txns {
			if len(t.children) == 0 {
				out = append(out, t)
			}
		}
	}
	return out
}

// isExpense reports whether a transaction is money spent.
func isExpense(t *txnRec) bool {
	return t.data.Type == mxplatform.TransactionTypeDebit && t.data.IsExpense.Value()
}

// isIncome reports whether a transaction is money earned.
func isIncome(t *txnRec) bool {
	return t.data.Type == mxplatform.TransactionTypeCredit && t.data.IsIncome.Value()
}

// inCategory reports whether a transaction's category is cat or, for a top-level cat, one of
// its subcategories.
func inCategory(t *txnRec, cat mxplatform.CategoryGUID) bool {
	return t.data.CategoryGUID == cat || topLevelGUID(t) == cat
}

// within reports whether a transaction's day falls from from to to, both included.
func within(t *txnRec, from, to time.Time) bool {
	return !t.day.Before(from) && !t.day.After(to)
}

// sumOf adds the amounts of transactions.
func sumOf(txns []*txnRec) mxplatform.Decimal {
	total := decimal.Zero
	for _, t := range txns {
		total = total.Add(t.data.Amount.Value().Big())
	}
	return mxplatform.DecimalFromBig(total)
}

// selectTxns returns the transactions that keep says to keep.
func selectTxns(txns []*txnRec, keep func(*txnRec) bool) []*txnRec {
	var out []*txnRec
	for _, t := range txns {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

// monthStart returns the first day of t's month, and monthEnd its last.
func monthStart(t time.Time) time.Time {
	y, m, _ := t.UTC().Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
}

func monthEnd(t time.Time) time.Time { return monthStart(t).AddDate(0, 1, -1) }

// percentOf returns part as a percentage of whole, to the cent; 0 for a whole of 0.
func percentOf(part, whole mxplatform.Decimal) mxplatform.Decimal {
	if whole.IsZero() {
		return mxplatform.DecimalFromInt(0)
	}
	return cents(part.Big().Mul(decimal.NewFromInt(100)).Div(whole.Big()))
}

// averageMonthlyIncome is what the user earned in the two calendar months before now's,
// divided by two.
func averageMonthlyIncome(u *userRec, now time.Time) mxplatform.Decimal {
	cur := monthStart(now)
	earned := selectTxns(leafTransactions(u), func(t *txnRec) bool {
		return isIncome(t) && within(t, cur.AddDate(0, -2, 0), cur.AddDate(0, 0, -1))
	})
	return cents(sumOf(earned).Big().Div(decimal.NewFromInt(2)))
}
