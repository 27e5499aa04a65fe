package mxplatformtest

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// Transactions are listed newest first (by date, then most recently created first), which is
// how MX's interfaces show them; the order is stable between pages.

// txnQuery is what the three transaction lists filter on.
type txnQuery struct {
	from, to               time.Time // days, both included
	createdFrom, createdTo *time.Time
	updatedFrom, updatedTo *time.Time
	categories, topLevel   map[mxplatform.CategoryGUID]bool
	useCase                *string
	includes               map[string]bool
	page, perPage          *int
}

// txnParams is the common part of the parameters of the three lists.
type txnParams struct {
	page, perPage                                  *int
	fromDate, toDate                               *string
	fromCreated, toCreated, fromUpdated, toUpdated *string
	category, topLevel                             *string
	categories, topLevels                          []string
	useCase, includes                              *string
}

// query checks the parameters and applies MX's defaults: without from_date the window starts
// 90 days before today, without to_date it ends 5 days after, so that pending transactions
// show. A window that ends before it starts answers 400.
func (p txnParams) query(now time.Time) (txnQuery, error) {
	today := day(now)
	q := txnQuery{from: today.AddDate(0, 0, -90), to: today.AddDate(0, 0, 5), useCase: p.useCase, includes: parseIncludes(p.includes), page: p.page, perPage: p.perPage}
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
		*b.dst = &t
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

// parseDay parses an ISO 8601 date without time, as MX requires for from_date and to_date.
func parseDay(name, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, errorf(http.StatusBadRequest, "Invalid %s %q: it must be an ISO 8601 date without time, such as 2024-05-31.", name, s)
	}
	return t, nil
}

// parseInstant parses a date (the start of that day, or its end for an upper bound) or an
// ISO 8601 timestamp.
func parseInstant(name, s string, isEnd bool) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		if isEnd {
			return t.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
		}
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Time{}, errorf(http.StatusBadRequest, "Invalid %s %q: it must be an ISO 8601 date or timestamp.", name, s)
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
	return ""
}

// list selects the transactions of the accounts, sorts them and cuts the page.
func (q txnQuery) list(accounts []*accountRec) ([]mxplatform.Transaction, mxplatform.Pagination) {
	var sel []*txnRec
	for _, a := range accounts {
		if q.useCase != nil && !a.member.hasUseCase(*q.useCase) {
			continue
		}
		for _, t := range a.txns {
			if q.match(t) {
				sel = append(sel, t)
			}
		}
	}
	slices.SortFunc(sel, func(x, y *txnRec) int {
		if c := y.day.Compare(x.day); c != 0 {
			return c
		}
		return cmp.Compare(y.seq, x.seq)
	})
	page, pg := pageOf(sel, q.page, q.perPage)
	out := make([]mxplatform.Transaction, len(page))
	for i, t := range page {
		out[i] = t.api(q.includes)
	}
	return out, pg
}

// userAccounts returns every account of the user, member by member.
func userAccounts(u *userRec) []*accountRec {
	var out []*accountRec
	for _, m := range u.members {
		out = append(out, m.accs...)
	}
	return out
}

// ListTransactions serves listTransactions: the transactions of every account of the user.
func (f handlers) ListTransactions(_ context.Context, req server.ListTransactionsRequestObject) (server.ListTransactionsResponseObject, error) {
	p := req.Params
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	q, err := txnParams{p.Page, p.RecordsPerPage, p.FromDate, p.ToDate, p.FromCreatedAt, p.ToCreatedAt, p.FromUpdatedAt, p.ToUpdatedAt,
		p.CategoryGUID, p.TopLevelCategoryGUID, p.CategoryGUIDs, p.TopLevelCategoryGUIDs, p.UseCase, p.Includes}.query(now)
	if err != nil {
		return nil, err
	}
	items, pg := q.list(userAccounts(u))
	return server.ListTransactions200ApplicationVndMxAPIV1PlusJSONResponse{Transactions: items, Pagination: pg}, nil
}

// ListTransactionsByMember serves listTransactionsByMember: the transactions of every account
// of the member.
func (f handlers) ListTransactionsByMember(_ context.Context, req server.ListTransactionsByMemberRequestObject) (server.ListTransactionsByMemberResponseObject, error) {
	p := req.Params
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	q, err := txnParams{p.Page, p.RecordsPerPage, p.FromDate, p.ToDate, p.FromCreatedAt, p.ToCreatedAt, p.FromUpdatedAt, p.ToUpdatedAt,
		p.CategoryGUID, p.TopLevelCategoryGUID, p.CategoryGUIDs, p.TopLevelCategoryGUIDs, nil, p.Includes}.query(now)
	if err != nil {
		return nil, err
	}
	items, pg := q.list(m.accs)
	return server.ListTransactionsByMember200ApplicationVndMxAPIV1PlusJSONResponse{Transactions: items, Pagination: pg}, nil
}

// ListTransactionsByAccount serves listTransactionsByAccount.
func (f handlers) ListTransactionsByAccount(_ context.Context, req server.ListTransactionsByAccountRequestObject) (server.ListTransactionsByAccountResponseObject, error) {
	p := req.Params
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	a, err := f.st.account(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	q, err := txnParams{p.Page, p.RecordsPerPage, p.FromDate, p.ToDate, p.FromCreatedAt, p.ToCreatedAt, p.FromUpdatedAt, p.ToUpdatedAt,
		p.CategoryGUID, p.TopLevelCategoryGUID, p.CategoryGUIDs, p.TopLevelCategoryGUIDs, nil, p.Includes}.query(now)
	if err != nil {
		return nil, err
	}
	items, pg := q.list([]*accountRec{a})
	return server.ListTransactionsByAccount200ApplicationVndMxAPIV1PlusJSONResponse{Transactions: items, Pagination: pg}, nil
}

// ReadTransaction serves readTransaction, in the reference's shape {"transaction": {...}}.
func (f handlers) ReadTransaction(_ context.Context, req server.ReadTransactionRequestObject) (server.ReadTransactionResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	t, err := f.st.transaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	return server.ReadTransaction200ApplicationVndMxAPIV1PlusJSONResponse{Transaction: mxplatform.Ptr(t.api(parseIncludes(req.Params.Includes)))}, nil
}

// UpdateTransaction serves updateTransaction: a category the fake knows (400 otherwise), a date
// (ISO 8601 date or timestamp), a description, a memo.
func (f handlers) UpdateTransaction(_ context.Context, req server.UpdateTransactionRequestObject) (server.UpdateTransactionResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	in := req.Body.Transaction
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	t, err := f.st.transaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	var cat *category
	if in.CategoryGUID != nil {
		c, ok := categories[*in.CategoryGUID]
		if !ok {
			return nil, errorf(http.StatusBadRequest, "Unrecognized category guid %q.", *in.CategoryGUID)
		}
		cat = &c
	}
	var newDay time.Time
	if in.Date != nil {
		d, err := parseInstant("date", strings.TrimSpace(string(*in.Date)), false)
		if err != nil {
			return nil, err
		}
		newDay = day(d)
	}
	if cat != nil {
		t.data.CategoryGUID, t.data.Category, t.data.TopLevelCategory = cat.guid, cat.name, cat.top
	}
	if in.Date != nil {
		t.day = newDay
	}
	setValue(&t.data.Description, in.Description)
	setValue(&t.data.Memo, in.Memo)
	t.updatedAt = now
	return server.UpdateTransaction200ApplicationVndMxAPIV1PlusJSONResponse{Transaction: t.api(nil)}, nil
}
