package mxplatformtest

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server11 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20111101"
	mx11 "github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// The users, widgets, institutions, accounts and transactions of v20111101, answered in its own
// models (render_v20111101.go).

// daysBackV20111101 is the default start of v20111101's transaction window: 90 days before the
// request.
const daysBackV20111101 = 90

// CreateUser serves createUser: a new user, whose partner-defined id must be unique among the
// users (409 otherwise).
func (f v20111101Handlers) CreateUser(_ context.Context, req server11.CreateUserRequestObject) (server11.CreateUserResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	f.begin()
	defer f.mu.Unlock()
	u, err := f.addUser(newUserData(req.Body.User))
	if err != nil {
		return nil, err
	}
	return server11.CreateUser200ApplicationVndMxAPIV1PlusJSONResponse{User: u.apiV1()}, nil
}

// DeleteUser serves deleteUser: the user goes, and with it everything it owns.
func (f v20111101Handlers) DeleteUser(_ context.Context, req server11.DeleteUserRequestObject) (server11.DeleteUserResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	f.st.deleteUser(u)
	f.pruneJobs()
	return server11.DeleteUser204Response{}, nil
}

// RequestWidgetURL serves requestWidgetURL: a single-use URL of the widget, served by the fake
// as a stand-in page. A current_member_guid must be a member of the user and a
// current_institution_code a known institution (404 otherwise).
func (f v20111101Handlers) RequestWidgetURL(ctx context.Context, req server11.RequestWidgetURLRequestObject) (server11.RequestWidgetURLResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.WidgetURL
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := f.checkWidgetTargets(u, in.CurrentMemberGUID, in.CurrentInstitutionCode, in.CurrentInstitutionGUID); err != nil {
		return nil, err
	}
	typ := string(in.WidgetType)
	return server11.RequestWidgetURL200ApplicationVndMxAPIV1PlusJSONResponse{WidgetURL: mx11.WidgetURL{
		Type: typ, URL: f.widgetURL(baseURL(ctx), typ), UserID: u.data.ID,
	}}, nil
}

// RequestConnectWidgetURL serves requestConnectWidgetURL, the legacy Connect URL of this
// version.
func (f v20111101Handlers) RequestConnectWidgetURL(ctx context.Context, req server11.RequestConnectWidgetURLRequestObject) (server11.RequestConnectWidgetURLResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.Config
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	if err := f.checkWidgetTargets(u, in.CurrentMemberGUID, in.CurrentInstitutionCode, nil); err != nil {
		return nil, err
	}
	return server11.RequestConnectWidgetURL200ApplicationVndMxAPIV1PlusJSONResponse{User: mx11.ConnectWidgetURL{
		GUID:             u.guid,
		ConnectWidgetURL: f.widgetURL(baseURL(ctx), string(mxplatform.WidgetTypeConnect)),
	}}, nil
}

// institutionsV1 renders institutions as v20111101 answers them.
func institutionsV1(insts []*institutionRec) []mx11.Institution {
	out := make([]mx11.Institution, len(insts))
	for i, inst := range insts {
		out[i] = inst.apiV1()
	}
	return out
}

// ListInstitutions serves listInstitutions: the institutions in the order they were seeded,
// narrowed by name (a case-insensitive substring), country and capabilities; a supports_*
// filter narrows only when true, as MX documents.
func (f v20111101Handlers) ListInstitutions(_ context.Context, req server11.ListInstitutionsRequestObject) (server11.ListInstitutionsResponseObject, error) {
	p := req.Params
	f.begin()
	defer f.mu.Unlock()
	var products []mxplatform.SupportedProduct
	for flag, product := range map[*bool]mxplatform.SupportedProduct{
		p.SupportsAccountIdentification: mxplatform.SupportedProductIdentityVerification,
		p.SupportsAccountStatement:      mxplatform.SupportedProductStatements,
		p.SupportsAccountVerification:   mxplatform.SupportedProductAccountVerification,
		p.SupportsTransactionHistory:    mxplatform.SupportedProductTransactionHistory,
	} {
		if deref(flag) {
			products = append(products, product)
		}
	}
	insts := f.institutions(institutionFilter{name: p.Name, countries: p.ISOCountryCode, products: products})
	items, pg := pageOf(institutionsV1(insts), p.Page, p.RecordsPerPage, maxPerPage)
	return server11.ListInstitutions200ApplicationVndMxAPIV1PlusJSONResponse{Institutions: items, Pagination: pg}, nil
}

// ListFavoriteInstitutions serves listFavoriteInstitutions: the institutions seeded as
// favorites, narrowed by country.
func (f v20111101Handlers) ListFavoriteInstitutions(_ context.Context, req server11.ListFavoriteInstitutionsRequestObject) (server11.ListFavoriteInstitutionsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	insts := f.institutions(institutionFilter{favorite: true, countries: req.Params.ISOCountryCode})
	items, pg := pageOf(institutionsV1(insts), req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server11.ListFavoriteInstitutions200ApplicationVndMxAPIV1PlusJSONResponse{Institutions: items, Pagination: pg}, nil
}

// ReadInstitution serves readInstitution: 404 "Unrecognized institution." for an unknown code.
func (f v20111101Handlers) ReadInstitution(_ context.Context, req server11.ReadInstitutionRequestObject) (server11.ReadInstitutionResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	inst, err := f.st.institution(req.InstitutionCode)
	if err != nil {
		return nil, err
	}
	return server11.ReadInstitution200ApplicationVndMxAPIV1PlusJSONResponse{Institution: inst.apiV1()}, nil
}

// ListInstitutionCredentials serves listInstitutionCredentials: the credentials createMember
// needs at the institution, none at an OAuth-only one.
func (f v20111101Handlers) ListInstitutionCredentials(_ context.Context, req server11.ListInstitutionCredentialsRequestObject) (server11.ListInstitutionCredentialsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	inst, err := f.st.institution(req.InstitutionCode)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(inst.credentialsAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server11.ListInstitutionCredentials200ApplicationVndMxAPIV1PlusJSONResponse{Credentials: items, Pagination: pg}, nil
}

// accountsV1 renders accounts as v20111101 answers them.
func accountsV1(accts []*accountRec) []mx11.Account {
	out := make([]mx11.Account, len(accts))
	for i, a := range accts {
		out[i] = a.apiV1()
	}
	return out
}

// ListUserAccounts serves listUserAccounts: the accounts of every member of the user, member by
// member in creation order, narrowed by member_is_managed_by_user, is_manual and use_case.
func (f v20111101Handlers) ListUserAccounts(_ context.Context, req server11.ListUserAccountsRequestObject) (server11.ListUserAccountsResponseObject, error) {
	p := req.Params
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	accts := accountsOf(u.members, accountsFilter{memberManaged: p.MemberIsManagedByUser, manual: p.IsManual, useCase: p.UseCase})
	items, pg := pageOf(accountsV1(accts), p.Page, p.RecordsPerPage, maxPerPage)
	return server11.ListUserAccounts200ApplicationVndMxAPIV1PlusJSONResponse{Accounts: items, Pagination: pg}, nil
}

// ReadAccount serves readAccount.
func (f v20111101Handlers) ReadAccount(_ context.Context, req server11.ReadAccountRequestObject) (server11.ReadAccountResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	a, err := f.account(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	return server11.ReadAccount200ApplicationVndMxAPIV1PlusJSONResponse{Account: a.apiV1()}, nil
}

// account resolves a user GUID and an account GUID to an account whose data may be reached.
func (f v20111101Handlers) account(ug mxplatform.UserGUID, ag mxplatform.AccountGUID) (*accountRec, error) {
	a, err := f.st.account(ug, ag)
	if err != nil {
		return nil, err
	}
	return a, enabled(a.member.user)
}

// UpdateAccountByMember serves updateAccountByMember: the account must belong to the member,
// and the member to the user (404 otherwise). Every field of the request is applied, as this
// version always did, aggregated accounts included.
func (f v20111101Handlers) UpdateAccountByMember(_ context.Context, req server11.UpdateAccountByMemberRequestObject) (server11.UpdateAccountByMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	a, err := f.account(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	if a.member != m {
		return nil, errAccountNotFound
	}
	if err := updateAccount(a, convert[mxplatform.AccountUpdateRequest](req.Body.Account), false, now); err != nil {
		return nil, err
	}
	return server11.UpdateAccountByMember200ApplicationVndMxAPIV1PlusJSONResponse{Account: a.apiV1()}, nil
}

// transactionsV1 renders transactions as v20111101 answers them.
func transactionsV1(txns []*txnRec, includes map[string]bool) []mx11.Transaction {
	out := make([]mx11.Transaction, len(txns))
	for i, t := range txns {
		out[i] = t.apiV1(includes)
	}
	return out
}

// txnListV1 answers a transaction list of v20111101 over the accounts.
func txnListV1(p txnParams, accounts []*accountRec, now time.Time) (server11.TransactionsResponseBody, error) {
	p.daysBack, p.maxPerPage = daysBackV20111101, maxPerPage
	q, err := p.query(now)
	if err != nil {
		return server11.TransactionsResponseBody{}, err
	}
	txns, pg := q.list(accounts)
	return server11.TransactionsResponseBody{Transactions: transactionsV1(txns, q.includes), Pagination: pg}, nil
}

// ListTransactions serves listTransactions: the transactions of every account of the user.
func (f v20111101Handlers) ListTransactions(_ context.Context, req server11.ListTransactionsRequestObject) (server11.ListTransactionsResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	body, err := txnListV1(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		category: p.CategoryGUID, topLevel: p.TopLevelCategoryGUID, categories: p.CategoryGUIDs, topLevels: p.TopLevelCategoryGUIDs,
		useCase: p.UseCase, includes: p.Includes}, userAccounts(u), now)
	if err != nil {
		return nil, err
	}
	return server11.ListTransactions200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// ListTransactionsByMember serves listTransactionsByMember: the transactions of every account
// of the member.
func (f v20111101Handlers) ListTransactionsByMember(_ context.Context, req server11.ListTransactionsByMemberRequestObject) (server11.ListTransactionsByMemberResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	body, err := txnListV1(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		category: p.CategoryGUID, topLevel: p.TopLevelCategoryGUID, categories: p.CategoryGUIDs, topLevels: p.TopLevelCategoryGUIDs,
		includes: p.Includes}, m.accs, now)
	if err != nil {
		return nil, err
	}
	return server11.ListTransactionsByMember200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// ListTransactionsByAccount serves listTransactionsByAccount.
func (f v20111101Handlers) ListTransactionsByAccount(_ context.Context, req server11.ListTransactionsByAccountRequestObject) (server11.ListTransactionsByAccountResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	a, err := f.account(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	body, err := txnListV1(txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		category: p.CategoryGUID, topLevel: p.TopLevelCategoryGUID, categories: p.CategoryGUIDs, topLevels: p.TopLevelCategoryGUIDs,
		includes: p.Includes}, []*accountRec{a}, now)
	if err != nil {
		return nil, err
	}
	return server11.ListTransactionsByAccount200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// transaction resolves a user GUID and a transaction GUID to a transaction whose data may be
// reached.
func (f v20111101Handlers) transaction(ug mxplatform.UserGUID, tg mxplatform.TransactionGUID) (*txnRec, error) {
	t, err := f.st.transaction(ug, tg)
	if err != nil {
		return nil, err
	}
	return t, enabled(t.account.member.user)
}

// ReadTransaction serves readTransaction, in the reference's shape {"transaction": {...}}.
func (f v20111101Handlers) ReadTransaction(_ context.Context, req server11.ReadTransactionRequestObject) (server11.ReadTransactionResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	t, err := f.transaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	return server11.ReadTransaction200ApplicationVndMxAPIV1PlusJSONResponse{Transaction: mxplatform.Ptr(t.apiV1(parseIncludes(req.Params.Includes)))}, nil
}

// UpdateTransaction serves updateTransaction: a category the user may use (a default one or one
// of its own; 400 otherwise), a date (ISO 8601 date or timestamp), a description, a memo.
func (f v20111101Handlers) UpdateTransaction(_ context.Context, req server11.UpdateTransactionRequestObject) (server11.UpdateTransactionResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.Transaction
	now := f.begin()
	defer f.mu.Unlock()
	t, err := f.transaction(req.UserGUID, req.TransactionGUID)
	if err != nil {
		return nil, err
	}
	if in.CategoryGUID != nil {
		if _, _, ok := categoryNames(t.account.member.user, *in.CategoryGUID); !ok {
			return nil, errorf(http.StatusBadRequest, "Unrecognized category guid %q.", *in.CategoryGUID)
		}
	}
	var newDay time.Time
	if in.Date != nil {
		d, err := parseInstant("date", strings.TrimSpace(string(*in.Date)), false)
		if err != nil {
			return nil, err
		}
		newDay = day(d)
	}
	if in.CategoryGUID != nil {
		t.data.CategoryGUID = *in.CategoryGUID
	}
	if in.Date != nil {
		t.day = newDay
	}
	setValue(&t.data.Description, in.Description)
	setValue(&t.data.Memo, in.Memo)
	t.updatedAt = now
	return server11.UpdateTransaction200ApplicationVndMxAPIV1PlusJSONResponse{Transaction: t.apiV1(nil)}, nil
}
