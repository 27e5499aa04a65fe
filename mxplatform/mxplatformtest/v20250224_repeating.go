package mxplatformtest

import (
	"context"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The repeating transactions of v20250224: the series repeating.go finds among the user's
// transactions, never stored, so that they follow the data (a new transaction of a series moves
// its amount and its next date; a series whose transactions are all gone is gone).

// errRepeatingNotFound answers a series the user does not have.
var errRepeatingNotFound = &apiError{status: http.StatusNotFound, message: "Repeating transaction not found."}

// RepeatingTransactions serves repeatingTransactions: every series of the user at once, account
// by account.
func (f v20250224Handlers) RepeatingTransactions(_ context.Context, req server25.RepeatingTransactionsRequestObject) (server25.RepeatingTransactionsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := enabled(u); err != nil {
		return nil, err
	}
	series := repeatingSeriesOf(u)
	out := make([]mxplatform.RepeatingTransaction, len(series))
	for i, s := range series {
		out[i] = s.api()
	}
	return server25.RepeatingTransactions200JSONResponse{RepeatingTransactions: out}, nil
}

// SpecificRepeatingTransaction serves specificRepeatingTransaction: one series, as a list of
// one (the spec's shape); 404 for a series the user does not have.
func (f v20250224Handlers) SpecificRepeatingTransaction(_ context.Context, req server25.SpecificRepeatingTransactionRequestObject) (server25.SpecificRepeatingTransactionResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := enabled(u); err != nil {
		return nil, err
	}
	for _, s := range repeatingSeriesOf(u) {
		if s.info.GUID == req.RepeatingTransactionGUID {
			return server25.SpecificRepeatingTransaction200JSONResponse{RepeatingTransactions: []mxplatform.RepeatingTransaction{s.api()}}, nil
		}
	}
	return nil, errRepeatingNotFound
}
