package mxplatformtest

import (
	"net/http"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Split transactions. createSplitTransactions takes one amount, with the category, description
// and memo that go with it, and splits the transaction in two children: one of that amount,
// one of the rest, which keeps the parent's category and description. The children's amounts
// sum to the parent's exactly; they are transactions of the same account, day and status, with
// GUIDs of their own. The parent becomes split: it can still be read, but lists show its
// children in its place, and budgets, plans and insights count them instead. Deleting the
// split deletes the children, and the parent stands alone again; deleting the parent deletes
// its children. A split transaction cannot be split again until its split is undone (409), nor
// a child split in turn (400).

// splitTransaction splits t at time now and returns its two children.
func (f *Fake) splitTransaction(t *txnRec, in mxplatform.SplitTransactionCreateRequest, now time.Time) ([]*txnRec, error) {
	switch {
	case t.parent != nil:
		return nil, errorf(http.StatusBadRequest, "The transaction was split off %s: split that transaction instead.", t.parent.guid)
	case len(t.children) > 0:
		return nil, errorf(http.StatusConflict, "The transaction is split already: undo its split first.")
	}
	total, ok := t.data.Amount.Get()
	if !ok {
		return nil, errorf(http.StatusBadRequest, "The transaction has no amount to split.")
	}
	if !reasonable(in.Amount) || in.Amount.Sign() <= 0 || in.Amount.Cmp(total) >= 0 {
		return nil, errorf(http.StatusBadRequest, "Invalid request body: transactions.amount must be more than 0 and less than the transaction's amount, %s.", total)
	}
	u := t.account.member.user
	split := t.data
	if in.CategoryGUID != nil && *in.CategoryGUID != "" {
		name, top, ok := categoryNames(u, *in.CategoryGUID)
		if !ok {
			return nil, errorf(http.StatusBadRequest, "Unrecognized category guid %q.", *in.CategoryGUID)
		}
		split.CategoryGUID, split.Category, split.TopLevelCategory = *in.CategoryGUID, name, top
	}
	if d := deref(in.Description); d != "" {
		split.Description = d
	}
	split.Memo = deref(in.Memo)
	split.Amount = opt(in.Amount)
	split.ID = ""
	rest := t.data
	rest.Amount = opt(total.Sub(in.Amount))
	rest.ID = ""
	for _, data := range []mxplatform.Transaction{split, rest} {
		c := f.st.addTransaction(t.account, data, t.day, now)
		c.parent, c.manual = t, t.manual
		t.children = append(t.children, c)
	}
	t.updatedAt = now
	return t.children, nil
}

// unsplit deletes the children of a split transaction (404 for one that is not split).
func (f *Fake) unsplit(t *txnRec, now time.Time) error {
	if len(t.children) == 0 {
		return errorf(http.StatusNotFound, "The transaction is not split.")
	}
	// deleteTransaction takes each child out of t.children: walk a copy.
	for _, c := range slices.Clone(t.children) {
		f.st.deleteTransaction(c)
	}
	t.children = nil
	t.updatedAt = now
	return nil
}
