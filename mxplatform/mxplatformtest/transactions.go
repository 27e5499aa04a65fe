package mxplatformtest

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The transactions, whichever version a request came in. Lists are sorted newest first (by
// date, then most recently created first), which is how MX's interfaces show them; the order
// is stable between pages.

// txnQuery is what the transaction lists filter on.
type txnQuery struct {
	from, to               time.Time // days, both included
	createdFrom, createdTo *time.Time
	updatedFrom, updatedTo *time.Time
	categories, topLevel   map[mxplatform.CategoryGUID]bool
	useCase                *string
	includes               map[string]bool
	page, perPage          *int
	maxPerPage             int
}

// txnParams is the common part of the parameters of the lists of both versions.
type txnParams struct {
	page, perPage                                  *int
	fromDate, toDate                               *string
	fromCreated, toCreated, fromUpdated, toUpdated *string
	fromTimestamp, toTimestamp                     *string // v20250224's listTransactionsByMember
	category, topLevel                             *string // v20111101 only
	categories, topLevels                          []string
	useCase, includes                              *string
	// daysBack is the default start of the window before today: 90 days in v20111101, 120 in
	// v20250224.
	daysBack   int
	maxPerPage int
}

// query checks the parameters and applies MX's defaults: without from_date the window starts
// daysBack days before today, without to_date it ends 5 days after, so that pending
// transactions show. A window that ends before it starts answers 400.
func (p txnParams) query(now time.Time) (txnQuery, error) {
	today := day(now)
	q := txnQuery{
		from: today.AddDate(0, 0, -p.daysBack), to: today.AddDate(0, 0, 5), useCase: p.useCase,
		includes: parseIncludes(p.includes), page: p.page, perPage: p.perPage, maxPerPage: p.maxPerPage,
	}
	var err error
	if p.fromDate != nil {
		if q.from, err = parseDay("from_date", *p.fromDate); err != nil {
			return q, err
		}
	}
	if p.toDate != nil {
		if q.to, err = parseDay("to_date", *p.toDate); err != nil {
			return q, err
		}
	}
	if q.to.Before(q.from) {
		return q, errorf(http.StatusBadRequest, "The window ends (to_date %s) before it starts (from_date %s).", dateOf(q.to), dateOf(q.from))
	}
	bounds := []struct {
		name  string
		raw   *string
		dst   **time.Time
		isEnd bool
	}{
		{"from_created_at", p.fromCreated, &q.createdFrom, false},
		{"to_created_at", p.toCreated, &q.createdTo, true},
		{"from_timestamp", p.fromTimestamp, &q.createdFrom, false},
		{"to_timestamp", p.toTimestamp, &q.createdTo, true},
		{"from_updated_at", p.fromUpdated, &q.updatedFrom, false},
		{"to_updated_at", p.toUpdated, &q.updatedTo, true},
	}
	for _, b := range bounds {
		if b.raw == nil {
			continue
		}
		t, err := parseInstant(b.name, *b.raw, b.isEnd)
		if err != nil {
			return q, err
		}
		// Two bounds on the same side (from_created_at and from_timestamp) both apply.
		if *b.dst == nil || !b.isEnd && t.After(**b.dst) || b.isEnd && t.Before(**b.dst) {
			*b.dst = &t
		}
	}
	q.categories = guidSet(p.category, p.categories)
	q.topLevel = guidSet(p.topLevel, p.topLevels)
	return q, nil
}

func guidSet(one *string, many []string) map[mxplatform.CategoryGUID]bool {
	if one == nil && len(many) == 0 {
		return nil
	}
	out := map[mxplatform.CategoryGUID]bool{}
	if one != nil {
		out[mxplatform.CategoryGUID(*one)] = true
	}
	for _, g := range many {
		out[mxplatform.CategoryGUID(g)] = true
	}
	return out
}

// parseDay parses the day of from_date and to_date: an ISO 8601 date without time, as MX
// documents, or Unix time (seconds), as MX's file of v20250224 describes it.
func parseDay(name, s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, ok := unixTime(s); ok {
		return day(t), nil
	}
	return time.Time{}, errorf(http.StatusBadRequest, "Invalid %s %q: it must be an ISO 8601 date without time, such as 2024-05-31, or Unix time.", name, s)
}

// unixTime parses Unix time in seconds.
func unixTime(s string) (time.Time, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return time.Time{}, false
	}
	return time.Unix(n, 0).UTC(), true
}

// parseInstant parses a time bound: Unix time (seconds), as MX documents in v20250224, a date
// (the start of that day, or its end for an upper bound), or an ISO 8601 timestamp.
func parseInstant(name, s string, isEnd bool) (time.Time, error) {
	if t, ok := unixTime(s); ok {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if isEnd {
			return t.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Time{}, errorf(http.StatusBadRequest, "Invalid %s %q: it must be Unix time, an ISO 8601 date or an ISO 8601 timestamp.", name, s)
}

// match reports whether the query selects the transaction.
func (q txnQuery) match(t *txnRec) bool {
	if t.day.Before(q.from) || t.day.After(q.to) {
		return false
	}
	if q.createdFrom != nil && t.createdAt.Before(*q.createdFrom) || q.createdTo != nil && t.createdAt.After(*q.createdTo) {
		return false
	}
	if q.updatedFrom != nil && t.updatedAt.Before(*q.updatedFrom) || q.updatedTo != nil && t.updatedAt.After(*q.updatedTo) {
		return false
	}
	if q.categories != nil && !q.categories[t.data.CategoryGUID] {
		return false
	}
	if q.topLevel != nil && !q.topLevel[topLevelGUID(t)] {
		return false
	}
	return true
}

// topLevelGUID returns the GUID of the transaction's top-level category.
func topLevelGUID(t *txnRec) mxplatform.CategoryGUID {
	if c, ok := categories[t.data.CategoryGUID]; ok {
		return c.topGUID
	}
	for _, c := range t.account.member.user.categories {
		if c.guid == t.data.CategoryGUID {
			return c.parent.guid
		}
	}
	return ""
}

// list selects the transactions of the accounts, sorts them and cuts the page.
func (q txnQuery) list(accounts []*accountRec) ([]*txnRec, mxplatform.Pagination) {
	var all []*txnRec
	for _, a := range accounts {
		if q.useCase != nil && !a.member.hasUseCase(*q.useCase) {
			continue
		}
		all = append(all, a.txns...)
	}
	return q.listOf(all)
}

// listOf selects among the transactions, sorts them and cuts the page. A split transaction is
// left out: the transactions split off it stand for it.
func (q txnQuery) listOf(txns []*txnRec) ([]*txnRec, mxplatform.Pagination) {
	var sel []*txnRec
	for _, t := range txns {
		if len(t.children) == 0 && q.match(t) {
			sel = append(sel, t)
		}
	}
	slices.SortFunc(sel, func(x, y *txnRec) int {
		if c := y.day.Compare(x.day); c != 0 {
			return c
		}
		return cmp.Compare(y.seq, x.seq)
	})
	return pageOf(sel, q.page, q.perPage, q.maxPerPage)
}

// createManualTransaction stores a transaction made by hand on a manual account (400 for an
// aggregated one). Its GUID has the prefix MAN, as in MX's example. A category must be a
// default one or one of the user's own (400 otherwise); without one it is Uncategorized.
func (f *Fake) createManualTransaction(a *accountRec, in mxplatform.TransactionCreateRequest, now time.Time) (*txnRec, error) {
	if !a.data.IsManual.Value() {
		return nil, errNotManualAccount
	}
	if !reasonable(in.Amount) {
		return nil, errorf(http.StatusBadRequest, "Invalid request body: transaction.amount: %s is not an amount (at most %d digits, %d after the point).", truncateNumber(&in.Amount), maxDigits, maxScale)
	}
	when, err := parseInstant("date", strings.TrimSpace(string(in.Date)), false)
	if err != nil {
		return nil, err
	}
	u := a.member.user
	catGUID := categoryGUID("Uncategorized")
	if in.CategoryGUID != nil {
		if _, _, ok := categoryNames(u, *in.CategoryGUID); !ok {
			return nil, errorf(http.StatusBadRequest, "Unrecognized category guid %q.", *in.CategoryGUID)
		}
		catGUID = *in.CategoryGUID
	}
	name, top, _ := categoryNames(u, catGUID)
	currency := deref(in.CurrencyCode)
	if currency == "" {
		currency = a.data.CurrencyCode
	}
	data := mxplatform.Transaction{
		Amount: opt(in.Amount), Type: in.Type, Status: mxplatform.TransactionStatusPosted,
		Description: in.Description, OriginalDescription: in.Description, Memo: deref(in.Memo), Metadata: deref(in.Metadata),
		CategoryGUID: catGUID, Category: name, TopLevelCategory: top, CurrencyCode: currency,
		TransactedAt: timestamp(when), PostedAt: timestamp(when),
		IsInternational: opt(deref(in.IsInternational)), IsExpense: opt(in.Type == mxplatform.TransactionTypeDebit),
		IsIncome: opt(top == "Income"),
	}
	t := f.st.addTransactionWith(a, "MAN", data, day(when), now)
	t.manual = true
	return t, nil
}
