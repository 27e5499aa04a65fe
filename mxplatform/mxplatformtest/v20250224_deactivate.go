package mxplatformtest

import (
	"context"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// deactivateUser turns the investment holdings product off for a user. MX says no more of what
// follows; the fake makes it visible the way an integrator would expect the product to stop:
// the user's holdings are deleted (listHoldings and its siblings answer none, readHolding 404
// for those it had, and v20111101's accounts lose holdings_value), and later aggregations
// gather no holdings for the user, on new investment accounts too. The user, its members and
// its accounts stay, balances included. Nothing turns the product on again.
//
// Although it changes state, MX declares the operation a GET, and the SDK never sends it twice
// on its own. A repeat is harmless all the same: it answers 200 with the same status, and a
// message saying that the user was deactivated already.

// Answers of deactivateUser: the status, whichever call it is, and the messages of the first
// and of a repeated call.
const (
	deactivatedStatus       = "DEACTIVATED"
	deactivatedMessage      = "The user was deactivated from investment holdings: its holdings were removed and none will be gathered."
	deactivatedAgainMessage = "The user was deactivated from investment holdings already."
)

// deactivateHoldings deletes the user's holdings and stops new ones; it reports whether the
// user was deactivated already.
func (s *store) deactivateHoldings(u *userRec) (already bool) {
	if u.holdingsOff {
		return true
	}
	u.holdingsOff = true
	for _, a := range userAccounts(u) {
		for _, h := range a.holdings {
			delete(s.holdings, h.guid)
		}
		a.holdings = nil
	}
	return false
}

// DeactivateUser serves deactivateUser: 404 for an unknown user, 403 for a disabled one (whose
// data cannot be reached until it is enabled).
func (f v20250224Handlers) DeactivateUser(_ context.Context, req server25.DeactivateUserRequestObject) (server25.DeactivateUserResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := enabled(u); err != nil {
		return nil, err
	}
	msg := deactivatedMessage
	if f.st.deactivateHoldings(u) {
		msg = deactivatedAgainMessage
	}
	return server25.DeactivateUser200JSONResponse(mxplatform.InvestmentHoldingsDeactivation{Status: deactivatedStatus, Message: msg}), nil
}
