package mxplatformtest

import (
	"context"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// accountsAPI renders accounts as v20250224 answers them.
func accountsAPI(accts []*accountRec) []mxplatform.Account {
	out := make([]mxplatform.Account, len(accts))
	for i, a := range accts {
		out[i] = a.api()
	}
	return out
}

// enabledUser resolves a user identifier to a user whose data may be reached.
func (f v20250224Handlers) enabledUser(ident string) (*userRec, error) {
	u, err := f.st.userByIdent(ident)
	if err != nil {
		return nil, err
	}
	return u, enabled(u)
}

// userAccount resolves a user GUID and an account GUID to an account whose data may be
// reached.
func (f v20250224Handlers) userAccount(ug mxplatform.UserGUID, ag mxplatform.AccountGUID) (*accountRec, error) {
	a, err := f.st.account(ug, ag)
	if err != nil {
		return nil, err
	}
	return a, enabled(a.member.user)
}

// memberByGUIDs resolves a user GUID and a member GUID, for the paths that take GUIDs only, to
// a member whose data may be reached.
func (f v20250224Handlers) memberByGUIDs(ug mxplatform.UserGUID, mg mxplatform.MemberGUID) (*memberRec, error) {
	m, err := f.st.member(ug, mg)
	if err != nil {
		return nil, err
	}
	return m, enabled(m.user)
}

// ListUserAccounts serves listUserAccounts: the accounts of every member of the user, member by
// member in creation order, narrowed by member_is_managed_by_user, is_manual and use_case.
func (f v20250224Handlers) ListUserAccounts(_ context.Context, req server25.ListUserAccountsRequestObject) (server25.ListUserAccountsResponseObject, error) {
	p := req.Params
	f.begin()
	defer f.mu.Unlock()
	u, err := f.enabledUser(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	accts := accountsOf(u.members, accountsFilter{memberManaged: p.MemberIsManagedByUser, manual: p.IsManual, useCase: (*string)(p.UseCase)})
	items, pg := pageOf(accountsAPI(accts), p.Page, p.RecordsPerPage, maxPerPageWide)
	return server25.ListUserAccounts200JSONResponse{Accounts: items, Pagination: pg}, nil
}

// ListMemberAccounts serves listMemberAccounts: the accounts of one member.
func (f v20250224Handlers) ListMemberAccounts(_ context.Context, req server25.ListMemberAccountsRequestObject) (server25.ListMemberAccountsResponseObject, error) {
	p := req.Params
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	accts := accountsOf([]*memberRec{m}, accountsFilter{memberManaged: p.MemberIsManagedByUser})
	items, pg := pageOf(accountsAPI(accts), p.Page, p.RecordsPerPage, maxPerPageWide)
	return server25.ListMemberAccounts200JSONResponse{Accounts: items, Pagination: pg}, nil
}

// ReadAccount serves readAccount.
func (f v20250224Handlers) ReadAccount(_ context.Context, req server25.ReadAccountRequestObject) (server25.ReadAccountResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.userAccount(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	return server25.ReadAccount200JSONResponse{Account: a.api()}, nil
}

// ReadAccountByMember serves readAccountByMember: an account of the member, each named by its
// GUID or partner-defined id.
func (f v20250224Handlers) ReadAccountByMember(_ context.Context, req server25.ReadAccountByMemberRequestObject) (server25.ReadAccountByMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	a, err := accountIn(m.accs, req.AccountIdentifier)
	if err != nil {
		return nil, err
	}
	return server25.ReadAccountByMember200JSONResponse{Account: a.api()}, nil
}

// UpdateAccountByMember serves updateAccountByMember: the account must belong to the member,
// and the member to the user (404 otherwise). A manual account takes every field; an
// aggregated one only is_business, is_hidden and metadata (400 for the others).
func (f v20250224Handlers) UpdateAccountByMember(_ context.Context, req server25.UpdateAccountByMemberRequestObject) (server25.UpdateAccountByMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	a, err := accountIn(m.accs, req.AccountIdentifier)
	if err != nil {
		return nil, err
	}
	if err := updateAccount(a, req.Body.Account, true, now); err != nil {
		return nil, err
	}
	return server25.UpdateAccountByMember200JSONResponse{Account: a.api()}, nil
}

// CreateManualAccount serves createManualAccount: an account made by hand, under the user's
// member of the Manual Institution. As MX says, the path takes the user's GUID only: a
// partner-defined id answers 404.
func (f v20250224Handlers) CreateManualAccount(_ context.Context, req server25.CreateManualAccountRequestObject) (server25.CreateManualAccountResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.user(mxplatform.UserGUID(req.UserIdentifier))
	if err != nil {
		return nil, err
	}
	if err := enabled(u); err != nil {
		return nil, err
	}
	a, err := f.createManualAccount(u, req.Body.Account, now)
	if err != nil {
		return nil, err
	}
	return server25.CreateManualAccount200JSONResponse{Account: a.api()}, nil
}

// DeleteManualAccount serves deleteManualAccount: a manual account goes with its
// transactions; an aggregated one answers 400.
func (f v20250224Handlers) DeleteManualAccount(_ context.Context, req server25.DeleteManualAccountRequestObject) (server25.DeleteManualAccountResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.userAccount(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	if !a.data.IsManual.Value() {
		return nil, errNotManualAccount
	}
	f.st.deleteAccount(a)
	return server25.DeleteManualAccount204Response{}, nil
}

// MergeAccounts serves mergeAccounts: the first account named remains, with the others'
// transactions and holdings; the others are deleted.
func (f v20250224Handlers) MergeAccounts(_ context.Context, req server25.MergeAccountsRequestObject) (server25.MergeAccountsResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	a, err := f.mergeAccounts(u, req.Body.Account.AccountGuids, now)
	if err != nil {
		return nil, err
	}
	return server25.MergeAccounts200JSONResponse{Account: a.api()}, nil
}

// ListAccountNumbersByMember serves listAccountNumbersByMember: the numbers the latest
// verification gathered for the member's accounts; none before any.
func (f v20250224Handlers) ListAccountNumbersByMember(_ context.Context, req server25.ListAccountNumbersByMemberRequestObject) (server25.ListAccountNumbersByMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.memberByGUIDs(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(accountNumbersOf(m.accs), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListAccountNumbersByMember200JSONResponse{AccountNumbers: items, Pagination: pg}, nil
}

// ListAccountNumbersByAccount serves listAccountNumbersByAccount: the numbers the latest
// verification gathered for one account; none before any.
func (f v20250224Handlers) ListAccountNumbersByAccount(_ context.Context, req server25.ListAccountNumbersByAccountRequestObject) (server25.ListAccountNumbersByAccountResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.enabledUser(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	a, err := accountIn(userAccounts(u), req.AccountIdentifier)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(accountNumbersOf([]*accountRec{a}), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListAccountNumbersByAccount200JSONResponse{AccountNumbers: items, Pagination: pg}, nil
}

// ListAccountOwnersByMember serves listAccountOwnersByMember: the owners the latest
// identification gathered for the member's accounts; none before any.
func (f v20250224Handlers) ListAccountOwnersByMember(_ context.Context, req server25.ListAccountOwnersByMemberRequestObject) (server25.ListAccountOwnersByMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(accountOwnersOf(m.accs), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListAccountOwnersByMember200JSONResponse{AccountOwners: items, Pagination: pg}, nil
}
