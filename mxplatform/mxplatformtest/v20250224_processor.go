package mxplatformtest

import (
	"context"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The operations of processor tokens (see processor.go): the partner's, with basic
// credentials, and the processor's, with a token.

// RequestAuthorizationCode serves requestAuthorizationCode: a code for the account the scope
// names (400 for a scope that names none, 404 for an account that is not the member's, or a
// member that is not the user's).
func (f v20250224Handlers) RequestAuthorizationCode(_ context.Context, req server25.RequestAuthorizationCodeRequestObject) (server25.RequestAuthorizationCodeResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	sc, err := parseScope(deref(req.Body.AuthorizationCode.Scope))
	if err != nil {
		return nil, err
	}
	now := f.begin()
	defer f.mu.Unlock()
	if _, err := f.scopeAccount(sc); err != nil {
		return nil, err
	}
	code := f.issueCode(sc, now)
	out := server25.RequestAuthorizationCode200JSONResponse{}
	out.AuthorizationCode.Code = code
	return out, nil
}

// ListTokens serves listTokens: the tokens issued for the account of the scope, active or
// not, in the order they were issued. A request without its scope, or whose scope leaves out
// one of the three GUIDs, answers 400: tokens are issued for one account, which the scope
// names in full as the scope of requestAuthorizationCode does (MX's file marks none of them
// required; a partial scope answering 404, as if something named did not exist, would
// mislead).
func (f v20250224Handlers) ListTokens(_ context.Context, req server25.ListTokensRequestObject) (server25.ListTokensResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required: its scope names the account whose tokens to list.")
	}
	in := req.Body.Scope
	sc := accountScope{user: deref(in.UserGUID), member: deref(in.MemberGUID), account: deref(in.AccountGUID)}
	if sc.user == "" || sc.member == "" || sc.account == "" {
		return nil, errorf(http.StatusBadRequest, "Invalid scope: name the account with scope.user_guid, scope.member_guid and scope.account_guid.")
	}
	now := f.begin()
	defer f.mu.Unlock()
	if _, err := f.scopeAccount(sc); err != nil {
		return nil, err
	}
	out := []mxplatform.ProcessorToken{}
	for _, t := range f.tokensOf(sc) {
		out = append(out, f.tokenAPI(t, now))
	}
	return server25.ListTokens200JSONResponse{Tokens: out}, nil
}

// processorAccount returns the account of the token of a processor operation's request.
func (f v20250224Handlers) processorAccount(ctx context.Context) (*accountRec, error) {
	oc, err := callOf(ctx)
	if err != nil {
		return nil, err
	}
	if oc.token == nil {
		return nil, errorf(http.StatusUnauthorized, "This operation is for payment processors: authenticate with a processor token.")
	}
	return f.tokenAccount(oc.token)
}

// RequestAccountNumber serves requestAccountNumber: the numbers a verification of the
// member gathered for the token's account; none before any.
func (f v20250224Handlers) RequestAccountNumber(ctx context.Context, _ server25.RequestAccountNumberRequestObject) (server25.RequestAccountNumberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.processorAccount(ctx)
	if err != nil {
		return nil, err
	}
	return server25.RequestAccountNumber200JSONResponse{AccountNumbers: accountNumbersOf([]*accountRec{a})}, nil
}

// CheckRealTimeAccountBalance serves checkRealTimeAccountBalance: a balance check of the
// token's member, as checkBalances starts one (409 while another kind of job runs, 429 within
// two hours of the last), answered with the member.
func (f v20250224Handlers) CheckRealTimeAccountBalance(ctx context.Context, _ server25.CheckRealTimeAccountBalanceRequestObject) (server25.CheckRealTimeAccountBalanceResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	a, err := f.processorAccount(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := f.requestJob(a.member, jobBalance, nil, now); err != nil {
		return nil, err
	}
	return server25.CheckRealTimeAccountBalance200JSONResponse{Member: a.member.api(baseURL(ctx))}, nil
}

// ReadAccountBalance serves readAccountBalance: the token's account as a payment account, its
// balances as last gathered, its numbers once a verification gathered them.
func (f v20250224Handlers) ReadAccountBalance(ctx context.Context, _ server25.ReadAccountBalanceRequestObject) (server25.ReadAccountBalanceResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.processorAccount(ctx)
	if err != nil {
		return nil, err
	}
	return server25.ReadAccountBalance200JSONResponse{PaymentAccount: paymentAccountOf(a)}, nil
}

// paymentAccountOf renders an account as a processor reads it.
func paymentAccountOf(a *accountRec) mxplatform.PaymentAccount {
	m := a.member
	out := mxplatform.PaymentAccount{
		AccountGUID: &a.guid, MemberGUID: &m.guid, UserGUID: &m.user.guid,
		AccountName: mxplatform.Ptr(a.data.Name), AccountType: mxplatform.Ptr(a.data.Type),
	}
	if b, ok := a.data.Balance.Get(); ok {
		out.Balance = &b
	}
	if b, ok := a.data.AvailableBalance.Get(); ok {
		out.AvailableBalance = &b
	}
	if t := a.data.CreatedAt; t != "" {
		out.CreatedAt = &t
	}
	if t := a.data.UpdatedAt; t != "" {
		out.UpdatedAt = &t
	}
	if n := a.number; n != nil {
		out.AccountNumber = mxplatform.Ptr(n.data.AccountNumber)
		if n.data.RoutingNumber != "" {
			out.RoutingNumber = mxplatform.Ptr(n.data.RoutingNumber)
		}
		if n.data.TransitNumber != "" {
			out.TransitNumber = mxplatform.Ptr(n.data.TransitNumber)
		}
	}
	return out
}

// GetAccountOwnerInfo serves getAccountOwnerInfo: the owners an identification of the member
// gathered for the token's account; none before any.
func (f v20250224Handlers) GetAccountOwnerInfo(ctx context.Context, _ server25.GetAccountOwnerInfoRequestObject) (server25.GetAccountOwnerInfoResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.processorAccount(ctx)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(accountOwnersOf([]*accountRec{a}), nil, nil, maxPerPageWide)
	return server25.GetAccountOwnerInfo200JSONResponse{AccountOwners: items, Pagination: pg}, nil
}
