package mxplatformtest

import (
	"context"

	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The split operations of v20250224, over splitTransaction and unsplit (splits.go). Both
// paths reach the same transaction: by the user's and the transaction's GUIDs, or through its
// member and account by identifiers. The statuses are those of splits.go: 404 for an unknown
// user, member, account or transaction (or one of another user), 400 for an amount that is not
// more than 0 and less than the parent's (the second child takes the rest, so the children
// always sum to the parent exactly), 400 for a transaction that was split off another, 409 for
// a transaction split already; undoing the split of a transaction that is not split answers
// 404.

// splitAnswer renders the children a split created, as createSplitTransactions answers them.
func splitAnswer(children []*txnRec) server25.SplitTransactionsResponseBody {
	return server25.SplitTransactionsResponseBody{Transactions: transactionsAPI(children, nil)}
}

// CreateSplitTransactions serves createSplitTransactions.
func (f v20250224Handlers) CreateSplitTransactions(_ context.Context, req server25.CreateSplitTransactionsRequestObject) (server25.CreateSplitTransactionsResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.userTransaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	children, err := f.splitTransaction(t, req.Body.Transactions, now)
	if err != nil {
		return nil, err
	}
	return server25.CreateSplitTransactions200JSONResponse(splitAnswer(children)), nil
}

// CreateSplitTransactionsByAccount serves createSplitTransactionsByAccount.
func (f v20250224Handlers) CreateSplitTransactionsByAccount(_ context.Context, req server25.CreateSplitTransactionsByAccountRequestObject) (server25.CreateSplitTransactionsByAccountResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.transactionByIdents(req.UserIdentifier, req.MemberIdentifier, req.AccountIdentifier, req.TransactionIdentifier)
	if err != nil {
		return nil, err
	}
	children, err := f.splitTransaction(t, req.Body.Transactions, now)
	if err != nil {
		return nil, err
	}
	return server25.CreateSplitTransactionsByAccount200JSONResponse(splitAnswer(children)), nil
}

// DeleteSplitTransactions serves deleteSplitTransactions: the children go, and the parent
// stands alone again in the lists.
func (f v20250224Handlers) DeleteSplitTransactions(_ context.Context, req server25.DeleteSplitTransactionsRequestObject) (server25.DeleteSplitTransactionsResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.userTransaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	if err := f.unsplit(t, now); err != nil {
		return nil, err
	}
	return server25.DeleteSplitTransactions204Response{}, nil
}

// DeleteSplitTransactionByAccount serves deleteSplitTransactionByAccount, like
// deleteSplitTransactions.
func (f v20250224Handlers) DeleteSplitTransactionByAccount(_ context.Context, req server25.DeleteSplitTransactionByAccountRequestObject) (server25.DeleteSplitTransactionByAccountResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.transactionByIdents(req.UserIdentifier, req.MemberIdentifier, req.AccountIdentifier, req.TransactionIdentifier)
	if err != nil {
		return nil, err
	}
	if err := f.unsplit(t, now); err != nil {
		return nil, err
	}
	return server25.DeleteSplitTransactionByAccount204Response{}, nil
}
