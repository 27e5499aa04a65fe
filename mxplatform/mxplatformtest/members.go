package mxplatformtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The members and their jobs, whichever version a request came in: both versions' handlers
// call these under f.mu.

// maxMembers is MX's limit of members per user (the member of manual accounts aside).
const maxMembers = 25

// newMember is what createMember asks for, in either version.
type newMember struct {
	req mxplatform.MemberCreateRequest
	// skipAggregation (v20111101's skip_aggregation) creates the member without a job.
	skipAggregation bool
	// redirect is the client_redirect_url of an OAuth member.
	redirect string
	// products are the data_request.products of v20250224: what the member's aggregations
	// gather.
	products []mxplatform.SupportedProduct
}

// createMember stores a new member and starts its first job. It reports whether a job started.
func (f *Fake) createMember(u *userRec, nm newMember, now time.Time) (*memberRec, bool, error) {
	in := nm.req
	if err := enabled(u); err != nil {
		return nil, false, err
	}
	inst, err := f.st.institution(in.InstitutionCode)
	if err != nil {
		return nil, false, err
	}
	if countMembers(u) >= maxMembers {
		return nil, false, errorf(http.StatusUnprocessableEntity, "A user cannot have more than %d members.", maxMembers)
	}
	if err := checkMemberID(u, nil, in.ID); err != nil {
		return nil, false, err
	}
	for _, p := range nm.products {
		if p != mxplatform.SupportedProductTransactions && !inst.supports(p) {
			return nil, false, errorf(http.StatusBadRequest, "Institution %s does not support the product %s (its supported_products say which it does).", inst.code(), p)
		}
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
		data: mxplatform.Member{
			ID: deref(in.ID), Metadata: deref(in.Metadata), UseCases: slices.Clone(in.UseCases),
			BackgroundAggregationIsDisabled: opt(deref(in.BackgroundAggregationIsDisabled)),
		},
		products: slices.Clone(nm.products),
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
		f.newOAuthSession(m, nm.redirect, false)
		return m, false, nil
	case nm.skipAggregation:
		m.status = mxplatform.ConnectionStatusCreated
		return m, false, nil
	}
	f.startJob(m, jobAggregation, m.outcome(), productsOf(jobAggregation, m), now)
	return m, true, nil
}

// countMembers counts the members of the user that the limit counts: all but the member of
// manual accounts.
func countMembers(u *userRec) int {
	n := 0
	for _, m := range u.members {
		if !m.manual {
			n++
		}
	}
	return n
}

// outcome is what the member's credentials make of a job; OAuth members connect.
func (m *memberRec) outcome() outcome {
	if m.isOAuth {
		return outcome{connect: true}
	}
	return outcomeFor(m.creds[m.inst.passwordGUID()])
}

// hasUseCase reports whether the member is enabled for the use case.
func (m *memberRec) hasUseCase(uc string) bool {
	return slices.ContainsFunc(m.data.UseCases, func(s mxplatform.UseCase) bool { return strings.EqualFold(string(s), uc) })
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

// memberUpdate is what updateMember asks for, in either version.
type memberUpdate struct {
	req             mxplatform.MemberUpdateRequest
	skipAggregation bool // v20111101's skip_aggregation: new credentials start no job
}

// updateMember applies an update. New credentials stop any running job and start an
// aggregation, unless skipAggregation, which leaves the member UPDATED.
func (f *Fake) updateMember(m *memberRec, up memberUpdate, now time.Time) error {
	in := up.req
	if err := checkMemberID(m.user, m, in.ID); err != nil {
		return err
	}
	var creds map[mxplatform.CredentialGUID]string
	if in.Credentials != nil {
		if m.isOAuth || m.manual {
			return errorf(http.StatusBadRequest, "This member has no credentials to update.")
		}
		var err error
		if creds, err = checkCredentials(m.inst, in.Credentials, m.creds); err != nil {
			return err
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
		m.data.UseCases = slices.Clone(in.UseCases)
	}
	if creds != nil {
		m.creds = creds
		if m.job != nil {
			f.endJob(m.job, mxplatform.ConnectionStatusUpdated, now)
			f.pruneJobs()
		}
		m.status = mxplatform.ConnectionStatusUpdated
		if !up.skipAggregation {
			f.startJob(m, jobAggregation, m.outcome(), productsOf(jobAggregation, m), now)
		}
	}
	return nil
}

// errPendingOAuth answers jobs asked of a member that has not been through OAuth yet.
var errPendingOAuth = &apiError{status: http.StatusBadRequest, message: "The member is PENDING: send the end user to its oauth_window_uri first."}

// errManualMember answers jobs asked of the member of manual accounts.
var errManualMember = &apiError{status: http.StatusBadRequest, message: "The member of manual accounts has no institution to gather data from."}

// jobProduct is the product a job of the kind needs the member's institution to support.
var jobProduct = map[jobKind]mxplatform.SupportedProduct{
	jobVerification:   mxplatform.SupportedProductAccountVerification,
	jobIdentification: mxplatform.SupportedProductIdentityVerification,
	jobHistory:        mxplatform.SupportedProductTransactionHistory,
	jobStatements:     mxplatform.SupportedProductStatements,
	jobRewards:        mxplatform.SupportedProductRewards,
}

// requestJob starts a job of the kind on the member, as aggregateMember, checkBalances,
// verifyMember, identifyMember, extendHistory, fetchStatements and fetchRewards do. It reports whether a job
// started: none when one of the same kind runs, or an aggregation is throttled (202). Another
// kind of job running answers 409; a member PENDING OAuth, of manual accounts, or whose
// institution lacks the job's product, 400; a balance check within the balance window, 429.
// products overrides what an aggregation gathers (v20111101's include_* flags).
func (f *Fake) requestJob(m *memberRec, kind jobKind, products []mxplatform.SupportedProduct, now time.Time) (bool, error) {
	if err := enabled(m.user); err != nil {
		return false, err
	}
	if m.job != nil {
		if m.job.kind != kind {
			return false, errorf(http.StatusConflict, "Another job (%s) is running on this member: wait for it to end.", m.job.kind)
		}
		return false, nil
	}
	if m.manual {
		return false, errManualMember
	}
	if m.pendingOAuth() {
		return false, errPendingOAuth
	}
	if p, ok := jobProduct[kind]; ok && !m.inst.supports(p) {
		return false, errorf(http.StatusBadRequest, "Institution %s does not support %s (the product %s).", m.inst.code(), kind, p)
	}
	switch kind {
	case jobAggregation:
		if f.aggregationThrottled(m, now) {
			return false, nil
		}
	case jobBalance:
		if f.cfg.balanceThrottle > 0 && !m.inst.Unthrottled && !m.lastBalanceAt.IsZero() && now.Sub(m.lastBalanceAt) < f.cfg.balanceThrottle {
			// Retry-After says when the window ends: a client does not retry before then.
			wait := f.cfg.balanceThrottle - now.Sub(m.lastBalanceAt)
			return false, &apiError{
				status:     http.StatusTooManyRequests,
				message:    fmt.Sprintf("Balances were checked for this member less than %s ago.", f.cfg.balanceThrottle),
				retryAfter: int((wait + time.Second - 1) / time.Second),
			}
		}
	}
	if products == nil {
		products = productsOf(kind, m)
	}
	f.startJob(m, kind, m.outcome(), products, now)
	return true, nil
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

// answerChallenges takes the answers to a CHALLENGED member's challenges (400 unless they name
// every challenge and nothing else): the member becomes RESUMED, then CONNECTED at the next
// step if every answer was right, REJECTED if not.
func (f *Fake) answerChallenges(m *memberRec, given []mxplatform.ChallengeAnswer, now time.Time) error {
	if !m.challenged() || m.job == nil || !m.job.waiting {
		return errorf(http.StatusBadRequest, "The member is not challenged: there is nothing to answer.")
	}
	answers := map[mxplatform.ChallengeGUID]string{}
	for _, a := range given {
		if !slices.ContainsFunc(m.challenges, func(c challengeRec) bool { return c.guid == a.GUID }) {
			return errorf(http.StatusBadRequest, "Unrecognized challenge guid %q.", a.GUID)
		}
		answers[a.GUID] = a.Value
	}
	right := true
	for _, c := range m.challenges {
		v, ok := answers[c.guid]
		if !ok {
			return errorf(http.StatusBadRequest, "Every challenge must be answered: %s (%s) is not.", c.guid, c.label)
		}
		right = right && strings.EqualFold(strings.TrimSpace(v), c.answer)
	}
	f.resume(m.job, right, now)
	return nil
}

// oauthWindow gives an OAuth member a new single-use window URI (the previous one stops
// working); 400 "Member cannot use OAuth" for any other.
func (f *Fake) oauthWindow(m *memberRec, redirect string, skip bool) error {
	if !m.isOAuth || !m.inst.oauth() {
		return errCannotUseOAuth
	}
	f.newOAuthSession(m, redirect, skip)
	return nil
}

// membersOf lists the user's members in creation order, narrowed by use case.
func membersOf(u *userRec, useCase *string, base string) []mxplatform.Member {
	out := []mxplatform.Member{}
	for _, m := range u.members {
		if useCase != nil && !m.hasUseCase(*useCase) {
			continue
		}
		out = append(out, m.api(base))
	}
	return out
}
