package mxplatformtest

import (
	"bytes"
	"context"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// The statements and investment holdings of v20250224, which v20111101 does not have.

// ListStatementsByMember serves listStatementsByMember: the statements gathered for the
// member's accounts, account by account, newest first; none before any fetchStatements.
func (f v20250224Handlers) ListStatementsByMember(ctx context.Context, req server25.ListStatementsByMemberRequestObject) (server25.ListStatementsByMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	out := make([]mxplatform.Statement, len(m.statements))
	for i, st := range m.statements {
		out[i] = st.api(baseURL(ctx))
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListStatementsByMember200JSONResponse{Statements: items, Pagination: pg}, nil
}

// ReadStatementByMember serves readStatementByMember: 404 for a statement of another member.
func (f v20250224Handlers) ReadStatementByMember(ctx context.Context, req server25.ReadStatementByMemberRequestObject) (server25.ReadStatementByMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	st, err := statementOf(m, req.StatementGUID)
	if err != nil {
		return nil, err
	}
	return server25.ReadStatementByMember200JSONResponse{Statement: st.api(baseURL(ctx))}, nil
}

// DownloadStatementPDF serves downloadStatementPDF: the statement's PDF document, as
// application/vnd.mx.api.v1+pdf, whose SHA-256 is the statement's content_hash.
func (f v20250224Handlers) DownloadStatementPDF(_ context.Context, req server25.DownloadStatementPDFRequestObject) (server25.DownloadStatementPDFResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	st, err := statementOf(m, req.StatementGUID)
	if err != nil {
		return nil, err
	}
	// The document is never changed once made: the answer may read it after the lock.
	return server25.DownloadStatementPDF200ApplicationVndMxAPIV1PdfResponse{Body: bytes.NewReader(st.pdf), ContentLength: int64(len(st.pdf))}, nil
}

// ListHoldings serves listHoldings: the holdings of every investment account of the user.
func (f v20250224Handlers) ListHoldings(_ context.Context, req server25.ListHoldingsRequestObject) (server25.ListHoldingsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(holdingsOf(userAccounts(u)), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListHoldings200JSONResponse{InvestmentHoldings: items, Pagination: pg}, nil
}

// ListHoldingsByAccount serves listHoldingsByAccount: the holdings of one account, none for an
// account that is not an investment account.
func (f v20250224Handlers) ListHoldingsByAccount(_ context.Context, req server25.ListHoldingsByAccountRequestObject) (server25.ListHoldingsByAccountResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.userAccount(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(holdingsOf([]*accountRec{a}), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListHoldingsByAccount200JSONResponse{InvestmentHoldings: items, Pagination: pg}, nil
}

// ListHoldingsByMember serves listHoldingsByMember: the holdings of the member's accounts.
func (f v20250224Handlers) ListHoldingsByMember(_ context.Context, req server25.ListHoldingsByMemberRequestObject) (server25.ListHoldingsByMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(holdingsOf(m.accs), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListHoldingsByMember200JSONResponse{InvestmentHoldings: items, Pagination: pg}, nil
}

// ReadHolding serves readHolding: 404 for a holding of another user.
func (f v20250224Handlers) ReadHolding(_ context.Context, req server25.ReadHoldingRequestObject) (server25.ReadHoldingResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	h, ok := f.st.holdings[req.HoldingGUID]
	if !ok || h.account.member.user != u {
		return nil, errHoldingNotFound
	}
	return server25.ReadHolding200JSONResponse{InvestmentHolding: h.api()}, nil
}
