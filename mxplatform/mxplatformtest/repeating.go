package mxplatformtest

import (
	"cmp"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Repeating transactions are found in the data, not stored: the recurring transactions of an
// account with the same description make a series (the repeating_transaction include of a
// transaction names it), which recurs every month, or twice a month (on the 1st and the 15th)
// for a paycheck. The series' amount is that of its latest transaction, its next transaction
// is predicted one period after that one, and the scheduled payments of insights are the
// next transactions of the series.

// repeatingSeries is one series of a user's repeating transactions.
type repeatingSeries struct {
	info *mxplatform.TransactionRepeating
	txns []*txnRec // oldest first
}

// repeatingSeriesOf finds the series among the user's transactions, account by account, then
// by description.
func repeatingSeriesOf(u *userRec) []*repeatingSeries {
	byGUID := map[mxplatform.RepeatingTransactionGUID]*repeatingSeries{}
	var out []*repeatingSeries
	for _, t := range leafTransactions(u) {
		if !t.data.IsRecurring.Value() {
			continue
		}
		info := repeatingOf(t.account.guid, t.data)
		s := byGUID[info.GUID]
		if s == nil {
			s = &repeatingSeries{info: info}
			byGUID[info.GUID] = s
			out = append(out, s)
		}
		s.txns = append(s.txns, t)
	}
	for _, s := range out {
		slices.SortStableFunc(s.txns, func(a, b *txnRec) int { return cmp.Or(a.day.Compare(b.day), cmp.Compare(a.seq, b.seq)) })
	}
	slices.SortStableFunc(out, func(a, b *repeatingSeries) int {
		return cmp.Or(cmp.Compare(a.last().account.seq, b.last().account.seq), cmp.Compare(a.last().data.Description, b.last().data.Description))
	})
	return out
}

// last returns the series' latest transaction.
func (s *repeatingSeries) last() *txnRec { return s.txns[len(s.txns)-1] }

// next predicts the day of the series' next transaction: a period after its latest.
func (s *repeatingSeries) next() time.Time {
	last := s.last().day
	if s.info.RecurrenceType == "TWICE_A_MONTH" {
		if last.Day() < 15 {
			return last.AddDate(0, 0, 15-last.Day())
		}
		return monthStart(last).AddDate(0, 1, 0)
	}
	next := monthStart(last).AddDate(0, 1, 0)
	return next.AddDate(0, 0, min(last.Day(), monthEnd(next).Day())-1)
}

// api renders the series.
func (s *repeatingSeries) api() mxplatform.RepeatingTransaction {
	last := s.last()
	posted := last.day
	for _, t := range slices.Backward(s.txns) {
		if t.data.Status == mxplatform.TransactionStatusPosted {
			posted = t.day
			break
		}
	}
	return mxplatform.RepeatingTransaction{
		GUID: s.info.GUID, AccountGUID: last.account.guid, MemberGUID: last.account.member.guid, UserGUID: last.account.member.user.guid,
		Amount: last.data.Amount, Description: last.data.Description, MerchantGUID: last.data.MerchantGUID,
		LastPostedDate: dateOf(posted), PredictedOccursOn: dateOf(s.next()),
		RecurrenceType: s.info.RecurrenceType, RepeatingTransactionType: s.info.RepeatingTransactionType,
		TransactionType: last.data.Type,
	}
}

// scheduledPayment is the series' next transaction, as a payment MX expects.
func (s *repeatingSeries) scheduledPayment() mxplatform.ScheduledPayment {
	last, next := s.last(), s.next()
	return mxplatform.ScheduledPayment{
		GUID:   mxplatform.ScheduledPaymentGUID(stableGUID("SCP", string(s.info.GUID))),
		Amount: last.data.Amount, Description: last.data.Description, MerchantGUID: last.data.MerchantGUID,
		OccursOn: dateOf(next), RecurrenceDay: opt(next.Day()), RecurrenceType: s.info.RecurrenceType,
		TransactionType: last.data.Type, IsRecurring: opt(true), IsCompleted: opt(false),
		CreatedAt: timestamp(s.txns[0].createdAt), UpdatedAt: timestamp(last.updatedAt), UserGUID: last.account.member.user.guid,
	}
}
