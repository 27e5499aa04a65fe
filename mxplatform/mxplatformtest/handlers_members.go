package mxplatformtest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// maxMembers is MX's limit of members per user.
const maxMembers = 25

// ListMembers serves listMembers: the user's members in creation order, narrowed by use_case.
func (f handlers) ListMembers(ctx context.Context, req server.ListMembersRequestObject) (server.ListMembersResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	var out []mxplatform.Member
	for _, m := range u.members {
		if req.Params.UseCase != nil && !m.hasUseCase(*req.Params.UseCase) {
			continue
		}
		out = append(out, m.api(baseURL(ctx)))
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage)
	return server.ListMembers200ApplicationVndMxAPIV1PlusJSONResponse{Members: items, Pagination: pg}, nil
}

// hasUseCase reports whether the member is enabled for the use case.
func (m *memberRec) hasUseCase(uc string) bool {
	return slices.ContainsFunc(m.data.UseCases, func(s string) bool { return strings.EqualFold(s, uc) })
}

// CreateMember serves createMember. A member with credentials starts an aggregation (202)
// unless skip_aggregation is set (200, CREATED); an OAuth member starts PENDING with an
// oauth_window_uri (200). The credentials must name every credential of the institution and
// nothing else (400); a used partner-defined id answers 409; a 26th member 422.
func (f handlers) CreateMember(ctx context.Context, req server.CreateMemberRequestObject) (server.CreateMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, started, err := f.createMember(req.UserGUID, *req.Body, now)
	if err != nil {
		return nil, err
	}
	body := server.MemberResponseBody{Member: m.api(baseURL(ctx))}
	if started {
		return server.CreateMember202ApplicationVndMxAPIV1PlusJSONResponse(body), nil
	}
	return server.CreateMember200ApplicationVndMxAPIV1PlusJSONResponse(body), nil
}

// createMember stores a new member and starts its first job, under f.mu. It reports whether a
// job started.
func (f *Fake) createMember(ug mxplatform.UserGUID, body server.MemberCreateRequestBody, now time.Time) (*memberRec, bool, error) {
	in := body.Member
	u, err := f.st.user(ug)
	if err != nil {
		return nil, false, err
	}
	inst, err := f.st.institution(in.InstitutionCode)
	if err != nil {
		return nil, false, err
	}
	if len(u.members) >= maxMembers {
		return nil, false, errorf(http.StatusUnprocessableEntity, "A user cannot have more than %d members.", maxMembers)
	}
	if err := checkMemberID(u, nil, in.ID); err != nil {
		return nil, false, err
	}
	isOAuth := deref(in.IsOAuth)
	switch {
	case isOAuth && !inst.oauth():
		return nil, false, errorf(http.StatusBadRequest, "Member cannot use OAuth: institution %s does not support OAuth.", inst.code())
	case !isOAuth && len(inst.Credentials) == 0:
		return nil, false, errorf(http.StatusBadRequest, "Institution %s supports OAuth only: create the member with is_oauth true.", inst.code())
	case isOAuth && len(in.Credentials) > 0:
		return nil, false, errorf(http.StatusBadRequest, "An OAuth member takes no credentials.")
	}
	m := &memberRec{
		seq: f.st.next(), guid: mxplatform.MemberGUID(f.st.newGUID("MBR")), user: u, inst: inst,
		isOAuth: isOAuth, createdAt: now, creds: map[mxplatform.CredentialGUID]string{},
		data: mxplatform.Member{ID: deref(in.ID), Metadata: deref(in.Metadata), BackgroundAggregationIsDisabled: opt(deref(in.BackgroundAggregationIsDisabled)), UseCases: cloneStrings(in.UseCases)},
	}
	if !isOAuth {
		creds, err := checkCredentials(inst, in.Credentials, nil)
		if err != nil {
			return nil, false, err
		}
		m.creds = creds
	}
	f.st.members[m.guid] = m
	u.members = append(u.members, m)
	switch {
	case isOAuth:
		m.status = mxplatform.ConnectionStatusPending
		f.newOAuthSession(m, deref(body.ClientRedirectURL), false)
		return m, false, nil
	case deref(in.SkipAggregation):
		m.status = mxplatform.ConnectionStatusCreated
		return m, false, nil
	}
	f.startJob(m, jobAggregation, m.outcome(), true, now)
	return m, true, nil
}

// outcome is what the member's credentials make of a job; OAuth members connect.
func (m *memberRec) outcome() outcome {
	if m.isOAuth {
		return outcome{connect: true}
	}
	return outcomeFor(m.creds[m.inst.passwordGUID()])
}

// checkMemberID answers 409 when another member of the user has the partner-defined id.
func checkMemberID(u *userRec, self *memberRec, id *mxplatform.MemberID) error {
	if id == nil || *id == "" {
		return nil
	}
	for _, o := range u.members {
		if o != self && o.data.ID == *id {
			return errorf(http.StatusConflict, "A member with the id %q already exists.", *id)
		}
	}
	return nil
}

// checkCredentials merges the credential values given into old (nil for a new member) and
// checks that they name credentials of the institution and leave none empty.
func checkCredentials(inst *institutionRec, given []mxplatform.CredentialRequest, old map[mxplatform.CredentialGUID]string) (map[mxplatform.CredentialGUID]string, error) {
	known := map[mxplatform.CredentialGUID]mxplatform.Credential{}
	for _, c := range inst.Credentials {
		known[c.GUID] = c
	}
	out := map[mxplatform.CredentialGUID]string{}
	for k, v := range old {
		out[k] = v
	}
	for _, c := range given {
		if _, ok := known[c.GUID]; !ok {
			return nil, errorf(http.StatusBadRequest, "Unrecognized credential guid %q for institution %s: listInstitutionCredentials names the credentials it needs.", c.GUID, inst.code())
		}
		out[c.GUID] = c.Value
	}
	for _, c := range inst.Credentials {
		if out[c.GUID] == "" {
			return nil, errorf(http.StatusBadRequest, "Missing credential %s (%s).", c.Label, c.GUID)
		}
	}
	return out, nil
}

func cloneStrings(p []string) []string {
	if p == nil {
		return nil
	}
	return append([]string(nil), p...)
}

// ReadMember serves readMember.
func (f handlers) ReadMember(ctx context.Context, req server.ReadMemberRequestObject) (server.ReadMemberResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	return server.ReadMember200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// UpdateMember serves updateMember. New credentials stop any running job and start an
// aggregation, unless skip_aggregation is set, which leaves the member UPDATED.
func (f handlers) UpdateMember(ctx context.Context, req server.UpdateMemberRequestObject) (server.UpdateMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	in := req.Body.Member
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if err := checkMemberID(m.user, m, in.ID); err != nil {
		return nil, err
	}
	var creds map[mxplatform.CredentialGUID]string
	if in.Credentials != nil {
		if m.isOAuth {
			return nil, errorf(http.StatusBadRequest, "An OAuth member has no credentials to update.")
		}
		if creds, err = checkCredentials(m.inst, in.Credentials, m.creds); err != nil {
			return nil, err
		}
	}
	if in.ID != nil {
		m.data.ID = *in.ID
	}
	if in.Metadata != nil {
		m.data.Metadata = *in.Metadata
	}
	if in.BackgroundAggregationIsDisabled != nil {
		m.data.BackgroundAggregationIsDisabled = opt(*in.BackgroundAggregationIsDisabled)
	}
	if in.UseCases != nil {
		m.data.UseCases = cloneStrings(in.UseCases)
	}
	if creds != nil {
		m.creds = creds
		if m.job != nil {
			f.endJob(m.job, mxplatform.ConnectionStatusUpdated, now)
			f.pruneJobs()
		}
		m.status = mxplatform.ConnectionStatusUpdated
		if !deref(in.SkipAggregation) {
			f.startJob(m, jobAggregation, m.outcome(), true, now)
		}
	}
	return server.UpdateMember200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// DeleteMember serves deleteMember: the member goes with its accounts and transactions, and
// its job stops.
func (f handlers) DeleteMember(_ context.Context, req server.DeleteMemberRequestObject) (server.DeleteMemberResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	f.st.deleteMember(m)
	f.pruneJobs()
	return server.DeleteMember204Response{}, nil
}

// errPendingOAuth answers jobs asked of a member that has not been through OAuth yet.
var errPendingOAuth = &apiError{status: http.StatusBadRequest, message: "The member is PENDING: send the end user to its oauth_window_uri first."}

// AggregateMember serves aggregateMember: 200 when an aggregation starts; 202 with the current
// state when one runs already or the member is throttled; 409 when a balance check runs.
func (f handlers) AggregateMember(ctx context.Context, req server.AggregateMemberRequestObject) (server.AggregateMemberResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if m.job != nil {
		if m.job.kind != jobAggregation {
			return nil, errorf(http.StatusConflict, "A %s is running on this member.", m.job.kind)
		}
		return server.AggregateMember202ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
	}
	if m.pendingOAuth() {
		return nil, errPendingOAuth
	}
	if f.aggregationThrottled(m, now) {
		return server.AggregateMember202ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
	}
	includeTxns := req.Params.IncludeTransactions == nil || *req.Params.IncludeTransactions
	f.startJob(m, jobAggregation, m.outcome(), includeTxns, now)
	return server.AggregateMember200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// pendingOAuth reports whether the member waits for its first OAuth flow.
func (m *memberRec) pendingOAuth() bool {
	return m.status == mxplatform.ConnectionStatusPending
}

// unthrottledStatuses are the credential-related statuses whose members MX never throttles.
var unthrottledStatuses = map[mxplatform.ConnectionStatus]bool{
	mxplatform.ConnectionStatusRejected:  true,
	mxplatform.ConnectionStatusPrevented: true,
	mxplatform.ConnectionStatusUpdated:   true,
}

// aggregationThrottled reports whether a standard aggregation of the member is throttled: a job
// of any kind started within the window, at an institution that is throttled, and the member
// is not in a credential-related status.
func (f *Fake) aggregationThrottled(m *memberRec, now time.Time) bool {
	if f.cfg.aggThrottle == 0 || m.inst.Unthrottled || m.lastJobAt.IsZero() {
		return false
	}
	if unthrottledStatuses[m.status] {
		return false
	}
	return now.Sub(m.lastJobAt) < f.cfg.aggThrottle
}

// CheckBalances serves checkBalances: 200 when a balance check starts; 202 when one runs
// already; 409 when an aggregation runs; 429 when balances were checked within the balance
// window (two hours by default).
func (f handlers) CheckBalances(ctx context.Context, req server.CheckBalancesRequestObject) (server.CheckBalancesResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if m.job != nil {
		if m.job.kind != jobBalance {
			return nil, errorf(http.StatusConflict, "An %s is running on this member.", m.job.kind)
		}
		return server.CheckBalances202ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
	}
	if m.pendingOAuth() {
		return nil, errPendingOAuth
	}
	if f.cfg.balanceThrottle > 0 && !m.inst.Unthrottled && !m.lastBalanceAt.IsZero() && now.Sub(m.lastBalanceAt) < f.cfg.balanceThrottle {
		// Retry-After says when the window ends: a client does not retry before then.
		wait := f.cfg.balanceThrottle - now.Sub(m.lastBalanceAt)
		return nil, &apiError{
			status:     http.StatusTooManyRequests,
			message:    fmt.Sprintf("Balances were checked for this member less than %s ago.", f.cfg.balanceThrottle),
			retryAfter: int((wait + time.Second - 1) / time.Second),
		}
	}
	f.startJob(m, jobBalance, m.outcome(), false, now)
	return server.CheckBalances200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// ListMemberChallenges serves listMemberChallenges: the challenges of a CHALLENGED member, 204
// for any other.
func (f handlers) ListMemberChallenges(_ context.Context, req server.ListMemberChallengesRequestObject) (server.ListMemberChallengesResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if !m.challenged() {
		return server.ListMemberChallenges204Response{}, nil
	}
	items, pg := pageOf(m.challengesAPI(), req.Params.Page, req.Params.RecordsPerPage)
	return server.ListMemberChallenges200ApplicationVndMxAPIV1PlusJSONResponse{Challenges: items, Pagination: pg}, nil
}

// ListMemberCredentials serves listMemberCredentials: the credentials of the member's
// institution, none for an OAuth member.
func (f handlers) ListMemberCredentials(_ context.Context, req server.ListMemberCredentialsRequestObject) (server.ListMemberCredentialsResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	items, pg := pageOf(m.credentialsAPI(), req.Params.Page, req.Params.RecordsPerPage)
	return server.ListMemberCredentials200ApplicationVndMxAPIV1PlusJSONResponse{Credentials: items, Pagination: pg}, nil
}

// ResumeAggregation serves resumeAggregation: the answers must name every challenge of a
// CHALLENGED member (400 otherwise); the member becomes RESUMED (202), then CONNECTED at the
// next step if every answer was right, REJECTED if not.
func (f handlers) ResumeAggregation(ctx context.Context, req server.ResumeAggregationRequestObject) (server.ResumeAggregationResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if !m.challenged() || m.job == nil || !m.job.waiting {
		return nil, errorf(http.StatusBadRequest, "The member is not challenged: there is nothing to answer.")
	}
	answers := map[mxplatform.ChallengeGUID]string{}
	for _, a := range req.Body.Member.Challenges {
		if !slices.ContainsFunc(m.challenges, func(c challengeRec) bool { return c.guid == a.GUID }) {
			return nil, errorf(http.StatusBadRequest, "Unrecognized challenge guid %q.", a.GUID)
		}
		answers[a.GUID] = a.Value
	}
	right := true
	for _, c := range m.challenges {
		v, ok := answers[c.guid]
		if !ok {
			return nil, errorf(http.StatusBadRequest, "Every challenge must be answered: %s (%s) is not.", c.guid, c.label)
		}
		right = right && strings.EqualFold(strings.TrimSpace(v), c.answer)
	}
	f.resume(m.job, right, now)
	return server.ResumeAggregation202ApplicationVndMxAPIV1PlusJSONResponse{Member: m.api(baseURL(ctx))}, nil
}

// ReadMemberStatus serves readMemberStatus.
func (f handlers) ReadMemberStatus(_ context.Context, req server.ReadMemberStatusRequestObject) (server.ReadMemberStatusResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	return server.ReadMemberStatus200ApplicationVndMxAPIV1PlusJSONResponse{Member: m.statusAPI()}, nil
}

// RequestOAuthWindowURI serves requestOAuthWindowURI: a new single-use window URI for an OAuth
// member (the previous one stops working); 400 "Member cannot use OAuth" for any other.
func (f handlers) RequestOAuthWindowURI(ctx context.Context, req server.RequestOAuthWindowURIRequestObject) (server.RequestOAuthWindowURIResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	if !m.isOAuth || !m.inst.oauth() {
		return nil, errCannotUseOAuth
	}
	skip := req.Params.SkipAggregation != nil && *req.Params.SkipAggregation
	f.newOAuthSession(m, deref(req.Params.ClientRedirectURL), skip)
	return server.RequestOAuthWindowURI200ApplicationVndMxAPIV1PlusJSONResponse{Member: server.OAuthWindow{
		GUID: m.guid, OAuthWindowURI: m.oauthURI(baseURL(ctx)),
	}}, nil
}
