package mxplatformtest

import (
	"context"

	"github.com/mxsdk/mx-go/mxplatform"
	server11 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20111101"
)

// v20111101Handlers serves the operations of v20111101: the strict server interface that
// oapi-codegen generated from api/platform-v20111101.yaml (in internal/server/v20111101), over
// the same Fake as v20250224. Its paths take MX's GUIDs only. Its methods run once a request
// is authenticated and valid (see Fake.ServeHTTP).
type v20111101Handlers struct{ *Fake }

// The fake implements the strict server generated from the spec: a new or changed operation
// of api/platform-v20111101.yaml does not compile until the fake serves it.
var _ server11.StrictServerInterface = v20111101Handlers{}

// member resolves a user GUID and a member GUID to a member whose data may be reached.
func (f v20111101Handlers) member(ug mxplatform.UserGUID, mg mxplatform.MemberGUID) (*memberRec, error) {
	m, err := f.st.member(ug, mg)
	if err != nil {
		return nil, err
	}
	return m, enabled(m.user)
}

// ListMembers serves listMembers: the user's members in creation order, narrowed by use_case.
func (f v20111101Handlers) ListMembers(ctx context.Context, req server11.ListMembersRequestObject) (server11.ListMembersResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	u, err := f.st.enabledUser(req.UserGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(membersOf(u, req.Params.UseCase, baseURL(ctx)), req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server11.ListMembers200ApplicationVndMxAPIV1PlusJSONResponse{Members: items, Pagination: pg}, nil
}

// CreateMember serves createMember. A member with credentials starts an aggregation (202)
// unless skip_aggregation is set (200, CREATED); an OAuth member starts PENDING with an
// oauth_window_uri (200).
func (f v20111101Handlers) CreateMember(ctx context.Context, req server11.CreateMemberRequestObject) (server11.CreateMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	in := req.Body.Member
	nm := newMember{
		req:             convert[mxplatform.MemberCreateRequest](in),
		skipAggregation: deref(in.SkipAggregation),
		redirect:        deref(req.Body.ClientRedirectURL),
	}
	m, started, err := f.createMember(u, nm, now)
	if err != nil {
		return nil, err
	}
	body := server11.MemberResponseBody{Member: m.api(baseURL(ctx))}
	if started {
		return server11.CreateMember202ApplicationVndMxAPIV1PlusJSONResponse(body), nil
	}
	return server11.CreateMember200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// ReadMember serves readMember.
func (f v20111101Handlers) ReadMember(ctx context.Context, req server11.ReadMemberRequestObject) (server11.ReadMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	return server11.ReadMember200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// UpdateMember serves updateMember. New credentials stop any running job and start an
// aggregation, unless skip_aggregation is set, which leaves the member UPDATED.
func (f v20111101Handlers) UpdateMember(ctx context.Context, req server11.UpdateMemberRequestObject) (server11.UpdateMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	in := req.Body.Member
	up := memberUpdate{req: convert[mxplatform.MemberUpdateRequest](in), skipAggregation: deref(in.SkipAggregation)}
	if err := f.updateMember(m, up, now); err != nil {
		return nil, err
	}
	return server11.UpdateMember200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// DeleteMember serves deleteMember: the member goes with everything it holds, and its job
// stops.
func (f v20111101Handlers) DeleteMember(_ context.Context, req server11.DeleteMemberRequestObject) (server11.DeleteMemberResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	f.st.deleteMember(m)
	f.pruneJobs()
	return server11.DeleteMember204Response{}, nil
}

// AggregateMember serves aggregateMember: 200 when an aggregation starts; 202 with the current
// state when one runs already or the member is throttled; 409 when another kind of job runs.
// include_transactions false gathers accounts only.
func (f v20111101Handlers) AggregateMember(ctx context.Context, req server11.AggregateMemberRequestObject) (server11.AggregateMemberResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	var products []mxplatform.SupportedProduct
	if p := req.Params.IncludeTransactions; p != nil && !*p {
		products = []mxplatform.SupportedProduct{} // none: accounts only
	}
	started, err := f.requestJob(m, jobAggregation, products, now)
	if err != nil {
		return nil, err
	}
	body := server11.MemberResponseBody{Member: m.api(baseURL(ctx))}
	if started {
		return server11.AggregateMember200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
	}
	return server11.AggregateMember202ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// CheckBalances serves checkBalances: 200 when a balance check starts; 202 when one runs
// already; 409 when another kind of job runs; 429 when balances were checked within the
// balance window (two hours by default).
func (f v20111101Handlers) CheckBalances(ctx context.Context, req server11.CheckBalancesRequestObject) (server11.CheckBalancesResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	started, err := f.requestJob(m, jobBalance, nil, now)
	if err != nil {
		return nil, err
	}
	body := server11.MemberResponseBody{Member: m.api(baseURL(ctx))}
	if started {
		return server11.CheckBalances200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
	}
	return server11.CheckBalances202ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// ListMemberChallenges serves listMemberChallenges: the challenges of a CHALLENGED member, 204
// for any other.
func (f v20111101Handlers) ListMemberChallenges(_ context.Context, req server11.ListMemberChallengesRequestObject) (server11.ListMemberChallengesResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if !m.challenged() {
		return server11.ListMemberChallenges204Response{}, nil
	}
	items, pg := pageOf(m.challengesAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server11.ListMemberChallenges200ApplicationVndMxAPIV1PlusJSONResponse{Challenges: items, Pagination: pg}, nil
}

// ListMemberCredentials serves listMemberCredentials: the credentials of the member's
// institution, none for an OAuth member.
func (f v20111101Handlers) ListMemberCredentials(_ context.Context, req server11.ListMemberCredentialsRequestObject) (server11.ListMemberCredentialsResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(m.credentialsAPI(), req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server11.ListMemberCredentials200ApplicationVndMxAPIV1PlusJSONResponse{Credentials: items, Pagination: pg}, nil
}

// ResumeAggregation serves resumeAggregation: 202 with the member RESUMED (see
// Fake.answerChallenges).
func (f v20111101Handlers) ResumeAggregation(ctx context.Context, req server11.ResumeAggregationRequestObject) (server11.ResumeAggregationResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	now := f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if err := f.answerChallenges(m, req.Body.Member.Challenges, now); err != nil {
		return nil, err
	}
	return server11.ResumeAggregation202ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// ReadMemberStatus serves readMemberStatus.
func (f v20111101Handlers) ReadMemberStatus(_ context.Context, req server11.ReadMemberStatusRequestObject) (server11.ReadMemberStatusResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	return server11.ReadMemberStatus200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.statusAPI()}, nil
}

// RequestOAuthWindowURI serves requestOAuthWindowURI: a new single-use window URI for an OAuth
// member; 400 "Member cannot use OAuth" for any other.
func (f v20111101Handlers) RequestOAuthWindowURI(ctx context.Context, req server11.RequestOAuthWindowURIRequestObject) (server11.RequestOAuthWindowURIResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	m, err := f.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if err := f.oauthWindow(m, deref(req.Params.ClientRedirectURL), deref(req.Params.SkipAggregation)); err != nil {
		return nil, err
	}
	return server11.RequestOAuthWindowURI200ApplicationVndMxAPIV1PlusJSONResponse{Member: mxplatform.OAuthWindow{
		GUID: m.guid, OAuthWindowURI: m.oauthURI(baseURL(ctx)),
	}}, nil
}
