package mxplatformtest

import (
	"context"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// v20250224Handlers serves the operations of v20250224: the strict server interface that
// oapi-codegen generated from api/platform-v20250224.yaml (in internal/server/v20250224), over
// a Fake. Its methods run once a request is authenticated and valid (see Fake.ServeHTTP).
type v20250224Handlers struct{ *Fake }

// The fake implements the strict server generated from the spec: a new or changed operation
// of api/platform-v20250224.yaml does not compile until the fake serves it.
var _ server25.StrictServerInterface = v20250224Handlers{}

// errNoBody answers an operation whose required body is missing; validation refuses such
// requests first, so it answers only requests made in process.
var errNoBody = &apiError{status: http.StatusBadRequest, message: "The request body is required."}

// member resolves a user and a member identifier to a member whose data may be reached.
func (f v20250224Handlers) member(user, member string) (*memberRec, error) {
	m, err := f.st.memberByIdents(user, member)
	if err != nil {
		return nil, err
	}
	return m, enabled(m.user)
}

// ListMembers serves listMembers: the user's members in creation order, narrowed by use_case.
func (f v20250224Handlers) ListMembers(ctx context.Context, req server25.ListMembersRequestObject) (server25.ListMembersResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.userByIdent(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	if err := enabled(u); err != nil {
		return nil, err
	}
	items, pg := pageOf(membersOf(u, (*string)(req.Params.UseCase), baseURL(ctx)), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListMembers200JSONResponse{Members: items, Pagination: pg}, nil
}

// CreateMember serves createMember. A member with credentials starts an aggregation of the
// products of data_request (transactions by default) and answers 202; an OAuth member starts
// PENDING with an oauth_window_uri (200). The credentials must name every credential of the
// institution and nothing else (400); a used partner-defined id answers 409; a 26th member 422.
func (f v20250224Handlers) CreateMember(ctx context.Context, req server25.CreateMemberRequestObject) (server25.CreateMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.userByIdent(req.UserIdentifier)
	if err != nil {
		return nil, err
	}
	nm := newMember{req: req.Body.Member, redirect: deref(req.Body.ClientRedirectURL)}
	if req.Body.DataRequest != nil {
		nm.products = req.Body.DataRequest.Products
	}
	m, started, err := f.createMember(u, nm, now)
	if err != nil {
		return nil, err
	}
	body := server25.MemberResponseBody{Member: m.api(baseURL(ctx))}
	if started {
		return server25.CreateMember202JSONResponse(body), nil
	}
	return server25.CreateMember200JSONResponse(body), nil
}

// ReadMember serves readMember.
func (f v20250224Handlers) ReadMember(ctx context.Context, req server25.ReadMemberRequestObject) (server25.ReadMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	return server25.ReadMember200JSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// UpdateMember serves updateMember: the fields given are set (400 for none). New credentials
// stop any running job and start an aggregation.
func (f v20250224Handlers) UpdateMember(ctx context.Context, req server25.UpdateMemberRequestObject) (server25.UpdateMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	if in := req.Body.Member; in.BackgroundAggregationIsDisabled == nil && in.Credentials == nil && in.ID == nil && in.Metadata == nil && in.UseCases == nil {
		return nil, errorf(http.StatusBadRequest, "The member object must set at least one field.")
	}
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	if err := f.updateMember(m, memberUpdate{req: req.Body.Member}, now); err != nil {
		return nil, err
	}
	return server25.UpdateMember200JSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// DeleteMember serves deleteMember: the member goes with its accounts, transactions, holdings
// and statements, and its job stops.
func (f v20250224Handlers) DeleteMember(_ context.Context, req server25.DeleteMemberRequestObject) (server25.DeleteMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.st.memberByIdents(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	f.st.deleteMember(m)
	f.pruneJobs()
	return server25.DeleteMember204Response{}, nil
}

// job serves the operations that start a job: 200 with the member when one started, 202 when
// one of the same kind runs already (or an aggregation is throttled), 409 when another kind
// runs.
func (f v20250224Handlers) job(ctx context.Context, user, member string, kind jobKind) (server25.MemberResponseBody, bool, error) {
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(user, member)
	if err != nil {
		return server25.MemberResponseBody{}, false, err
	}
	started, err := f.requestJob(m, kind, nil, now)
	if err != nil {
		return server25.MemberResponseBody{}, false, err
	}
	return server25.MemberResponseBody{Member: m.api(baseURL(ctx))}, started, nil
}

// AggregateMember serves aggregateMember: a standard aggregation of the member's products.
func (f v20250224Handlers) AggregateMember(ctx context.Context, req server25.AggregateMemberRequestObject) (server25.AggregateMemberResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobAggregation)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.AggregateMember200JSONResponse(body), nil
	}
	return server25.AggregateMember202JSONResponse(body), nil
}

// CheckBalances serves checkBalances; within two hours of the last balance check it answers
// 429.
func (f v20250224Handlers) CheckBalances(ctx context.Context, req server25.CheckBalancesRequestObject) (server25.CheckBalancesResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobBalance)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.CheckBalances200JSONResponse(body), nil
	}
	return server25.CheckBalances202JSONResponse(body), nil
}

// VerifyMember serves verifyMember: a job that gathers account and routing numbers.
func (f v20250224Handlers) VerifyMember(ctx context.Context, req server25.VerifyMemberRequestObject) (server25.VerifyMemberResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobVerification)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.VerifyMember200JSONResponse(body), nil
	}
	return server25.VerifyMember202JSONResponse(body), nil
}

// IdentifyMember serves identifyMember: a job that gathers the accounts' owners.
func (f v20250224Handlers) IdentifyMember(ctx context.Context, req server25.IdentifyMemberRequestObject) (server25.IdentifyMemberResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobIdentification)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.IdentifyMember200JSONResponse(body), nil
	}
	return server25.IdentifyMember202JSONResponse(body), nil
}

// ExtendHistory serves extendHistory: a job that gathers up to two years of transactions.
func (f v20250224Handlers) ExtendHistory(ctx context.Context, req server25.ExtendHistoryRequestObject) (server25.ExtendHistoryResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobHistory)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.ExtendHistory200JSONResponse(body), nil
	}
	return server25.ExtendHistory202JSONResponse(body), nil
}

// FetchStatements serves fetchStatements: a job that gathers the last months' statements.
func (f v20250224Handlers) FetchStatements(ctx context.Context, req server25.FetchStatementsRequestObject) (server25.FetchStatementsResponseObject, error) {
	body, started, err := f.job(ctx, req.UserIdentifier, req.MemberIdentifier, jobStatements)
	switch {
	case err != nil:
		return nil, err
	case started:
		return server25.FetchStatements200JSONResponse(body), nil
	}
	return server25.FetchStatements202JSONResponse(body), nil
}

// ListMemberChallenges serves listMemberChallenges: the challenges of a CHALLENGED member, 204
// for any other.
func (f v20250224Handlers) ListMemberChallenges(_ context.Context, req server25.ListMemberChallengesRequestObject) (server25.ListMemberChallengesResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	if !m.challenged() {
		return server25.ListMemberChallenges204Response{}, nil
	}
	items, pg := pageOf(m.challengesAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListMemberChallenges200JSONResponse{Challenges: items, Pagination: pg}, nil
}

// ListMemberCredentials serves listMemberCredentials: the credentials of the member's
// institution, none for an OAuth member.
func (f v20250224Handlers) ListMemberCredentials(_ context.Context, req server25.ListMemberCredentialsRequestObject) (server25.ListMemberCredentialsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(m.credentialsAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPageWide)
	return server25.ListMemberCredentials200JSONResponse{Credentials: items, Pagination: pg}, nil
}

// ResumeAggregation serves resumeAggregation: 202 with the member RESUMED (see
// Fake.answerChallenges).
func (f v20250224Handlers) ResumeAggregation(ctx context.Context, req server25.ResumeAggregationRequestObject) (server25.ResumeAggregationResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	if err := f.answerChallenges(m, req.Body.Member.Challenges, now); err != nil {
		return nil, err
	}
	return server25.ResumeAggregation202JSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// ReadMemberStatus serves readMemberStatus.
func (f v20250224Handlers) ReadMemberStatus(_ context.Context, req server25.ReadMemberStatusRequestObject) (server25.ReadMemberStatusResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	return server25.ReadMemberStatus200JSONResponse{Member: m.statusAPI()}, nil
}

// RequestOAuthWindowURI serves requestOAuthWindowURI: a new single-use window URI for an OAuth
// member (the previous one stops working); 400 "Member cannot use OAuth" for any other.
func (f v20250224Handlers) RequestOAuthWindowURI(ctx context.Context, req server25.RequestOAuthWindowURIRequestObject) (server25.RequestOAuthWindowURIResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserIdentifier, req.MemberIdentifier)
	if err != nil {
		return nil, err
	}
	if err := f.oauthWindow(m, deref(req.Params.ClientRedirectURL), deref(req.Params.SkipAggregation)); err != nil {
		return nil, err
	}
	return server25.RequestOAuthWindowURI200JSONResponse{Member: mxplatform.OAuthWindow{
		GUID: m.guid, OAuthWindowURI: m.oauthURI(baseURL(ctx)),
	}}, nil
}
