package mxplatformtest

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// daysBackV20250224 is the default start of v20250224's transaction window: 120 days before
// the request.
const daysBackV20250224 = 120

// transactionsAPI renders transactions as v20250224 answers them.
func transactionsAPI(txns []*txnRec, includes map[string]bool) []mxplatform.Transaction {
	out := make([]mxplatform.Transaction, len(txns))
	for i, t := range txns {
		out[i] = t.api(includes)
	}
	return out
}

// txnList answers a transaction list of v20250224 over the accounts.
func txnList(p txnParams, accounts []*accountRec, now time.Time) (server25.TransactionsResponseBody, error) {
	p.daysBack, p.maxPerPage = daysBackV20250224, maxPerPageWide
	q, err := p.query(now)
	if err != nil {
		return server25.TransactionsResponseBody{}, err
	}
	txns, pg := q.list(accounts)
	return server25.TransactionsResponseBody{Transactions: transactionsAPI(txns, q.includes), Pagination: pg}, nil
}

// ListTransactions serves listTransactions: the transactions of every account of the user.
func (f v20250224Handlers) ListTransactions(_ context.Context, req server25.ListTransactionsRequestObject) (server25.ListTransactionsResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.enabledUser(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	body, err := txnList(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		useCase: (*string)(p.UseCase), includes: p.Includes}, userAccounts(u), now)
	if err != nil {
		return nil, err
	}
	return server25.ListTransactions200JSONResponse(body), nil
}

// ListTransactionsByMember serves listTransactionsByMember: the transactions of every account
// of the member; from_timestamp and to_timestamp bound their creation, like from_created_at and
// to_created_at.
func (f v20250224Handlers) ListTransactionsByMember(_ context.Context, req server25.ListTransactionsByMemberRequestObject) (server25.ListTransactionsByMemberResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	body, err := txnList(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		fromTimestamp: p.FromTimestamp, toTimestamp: p.ToTimestamp, includes: p.Includes}, m.accs, now)
	if err != nil {
		return nil, err
	}
	return server25.ListTransactionsByMember200JSONResponse(body), nil
}

// ListTransactionsByAccount serves listTransactionsByAccount.
func (f v20250224Handlers) ListTransactionsByAccount(_ context.Context, req server25.ListTransactionsByAccountRequestObject) (server25.ListTransactionsByAccountResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	a, err := f.userAccount(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	body, err := txnList(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		includes: p.Includes}, []*accountRec{a}, now)
	if err != nil {
		return nil, err
	}
	return server25.ListTransactionsByAccount200JSONResponse(body), nil
}

// ListTransactionsByAccountPerMember serves listTransactionsByAccountPerMember: the
// transactions of an account of the member (404 for an account of another member).
func (f v20250224Handlers) ListTransactionsByAccountPerMember(_ context.Context, req server25.ListTransactionsByAccountPerMemberRequestObject) (server25.ListTransactionsByAccountPerMemberResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	a, err := accountIn(m.accs, string(req.AccountGUID))
	if err != nil || a.guid != req.AccountGUID {
		return nil, errAccountNotFound
	}
	body, err := txnList(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		includes: p.Includes}, []*accountRec{a}, now)
	if err != nil {
		return nil, err
	}
	return server25.ListTransactionsByAccountPerMember200JSONResponse(body), nil
}

// userTransaction resolves a user GUID and a transaction GUID to a transaction whose data may
// be reached.
func (f v20250224Handlers) userTransaction(ug mxplatform.UserGUID, tg mxplatform.TransactionGUID) (*txnRec, error) {
	t, err := f.st.transaction(ug, tg)
	if err != nil {
		return nil, err
	}
	return t, enabled(t.account.member.user)
}

// transactionByIdents resolves the four identifiers of the by-account paths.
func (f v20250224Handlers) transactionByIdents(user, member, account, txn string) (*txnRec, error) {
	m, err := f.member(user, member)
	if err != nil {
		return nil, err
	}
	a, err := accountIn(m.accs, account)
	if err != nil {
		return nil, err
	}
	return transactionIn(a, txn)
}

// ReadTransaction serves readTransaction, in the shape of MX's documentation and live API,
// {"transaction": {...}}.
func (f v20250224Handlers) ReadTransaction(_ context.Context, req server25.ReadTransactionRequestObject) (server25.ReadTransactionResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	t, err := f.userTransaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	return server25.ReadTransaction200JSONResponse{Transaction: mxplatform.Ptr(t.api(parseIncludes(req.Params.Includes)))}, nil
}

// ReadTransactionByAccount serves readTransactionByAccount, in the shape of readTransaction.
func (f v20250224Handlers) ReadTransactionByAccount(_ context.Context, req server25.ReadTransactionByAccountRequestObject) (server25.ReadTransactionByAccountResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	t, err := f.transactionByIdents(req.UserIdentifier, req.MemberIdentifier, req.AccountIdentifier, req.TransactionIdentifier)
	if err != nil {
		return nil, err
	}
	return server25.ReadTransactionByAccount200JSONResponse{Transaction: mxplatform.Ptr(t.api(parseIncludes(req.Params.Includes)))}, nil
}

// describe sets a transaction's description, the one field this version updates.
func describe(t *txnRec, description string, now time.Time) error {
	if strings.TrimSpace(description) == "" {
		return errorf(http.StatusBadRequest, "A transaction's description cannot be empty.")
	}
	t.data.Description = description
	t.updatedAt = now
	return nil
}

// UpdateTransaction serves updateTransaction: the description, and nothing else.
func (f v20250224Handlers) UpdateTransaction(_ context.Context, req server25.UpdateTransactionRequestObject) (server25.UpdateTransactionResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.userTransaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	if err := describe(t, req.Body.Transaction.Description, now); err != nil {
		return nil, err
	}
	return server25.UpdateTransaction200JSONResponse{Transaction: t.api(nil)}, nil
}

// UpdateTransactionByAccount serves updateTransactionByAccount, like updateTransaction.
func (f v20250224Handlers) UpdateTransactionByAccount(_ context.Context, req server25.UpdateTransactionByAccountRequestObject) (server25.UpdateTransactionByAccountResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.transactionByIdents(req.UserIdentifier, req.MemberIdentifier, req.AccountIdentifier, req.TransactionIdentifier)
	if err != nil {
		return nil, err
	}
	if err := describe(t, req.Body.Transaction.Description, now); err != nil {
		return nil, err
	}
	return server25.UpdateTransactionByAccount200JSONResponse{Transaction: t.api(nil)}, nil
}

// CreateManualTransaction serves createManualTransaction: a transaction made by hand on a
// manual account (400 for another). The answer wraps it, {"transaction": {...}}, as every
// other create does; the answer's schema admits this shape and the bare one MX's file
// describes.
func (f v20250224Handlers) CreateManualTransaction(_ context.Context, req server25.CreateManualTransactionRequestObject) (server25.CreateManualTransactionResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	a, err := f.userAccount(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	t, err := f.createManualTransaction(a, req.Body.Transaction, now)
	if err != nil {
		return nil, err
	}
	return server25.CreateManualTransaction200JSONResponse{Transaction: mxplatform.Ptr(t.api(nil))}, nil
}

// DeleteManualTransactions serves deleteManualTransactions: a transaction made by hand, or of a
// manual account, goes; any other answers 400.
func (f v20250224Handlers) DeleteManualTransactions(_ context.Context, req server25.DeleteManualTransactionsRequestObject) (server25.DeleteManualTransactionsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	t, err := f.userTransaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	if !t.manual && !t.account.data.IsManual.Value() {
		return nil, errorf(http.StatusBadRequest, "The transaction was gathered from the institution: only transactions made by hand can be deleted.")
	}
	f.st.deleteTransaction(t)
	return server25.DeleteManualTransactions204Response{}, nil
}
