package mxplatform

import (
	"context"
	"errors"
)

// VerifyAndListAccountNumbers verifies the member's accounts with MX's instant account
// verification ([API.VerifyAndWait]: verifyMember, then the wait, answering MFA through
// w.AnswerMFA when the institution asks) and returns the account and routing numbers of the
// member's accounts (listAccountNumbersByMember, every page). A member that does not settle
// CONNECTED ends the call with a [*NotConnectedError] saying where it settled (CHALLENGED when
// w.AnswerMFA is not set, DENIED...), and what to do next.
func (a *API) VerifyAndListAccountNumbers(ctx context.Context, user UserIdentifier, member MemberIdentifier, w *WaitOptions, opts ...CallOption) ([]AccountNumber, error) {
	r, err := a.VerifyAndWait(ctx, user, member, w, opts...)
	if err != nil {
		return nil, err
	}
	userGUID, memberGUID, err := a.connectedGUIDs(ctx, opVerifyMember, user, r, opts)
	if err != nil {
		return nil, err
	}
	return Collect(a.ListAccountNumbersByMemberIter(ctx, userGUID, memberGUID, nil, opts...))
}

// IdentifyAndListAccountOwners identifies the owners of the member's accounts
// ([API.IdentifyAndWait]: identifyMember, then the wait, answering MFA through w.AnswerMFA) and
// returns them (listAccountOwnersByMember, every page): names, addresses, emails and phone
// numbers as the institution holds them. A member that does not settle CONNECTED ends the call
// with a [*NotConnectedError].
func (a *API) IdentifyAndListAccountOwners(ctx context.Context, user UserIdentifier, member MemberIdentifier, w *WaitOptions, opts ...CallOption) ([]AccountOwner, error) {
	r, err := a.IdentifyAndWait(ctx, user, member, w, opts...)
	if err != nil {
		return nil, err
	}
	if _, _, err := a.connectedGUIDs(ctx, opIdentifyMember, user, r, opts); err != nil {
		return nil, err
	}
	return Collect(a.ListAccountOwnersByMemberIter(ctx, user, member, nil, opts...))
}

// connectedGUIDs returns the GUIDs of the user and the member a job settled on, which the
// reads of some results take, or a *NotConnectedError when the member did not settle CONNECTED.
func (a *API) connectedGUIDs(ctx context.Context, op *Operation, user UserIdentifier, r *WaitResult, opts []CallOption) (UserGUID, MemberGUID, error) {
	if !r.Connected() {
		return "", "", &NotConnectedError{Operation: op.ID, Result: r}
	}
	if r.Status.GUID == "" {
		return "", "", errors.New("mxplatform: " + op.ID + ": the member's status names no member GUID")
	}
	if g, ok := user.(UserGUID); ok {
		return g, r.Status.GUID, nil
	}
	u, err := a.ReadUser(ctx, user, opts...)
	if err != nil {
		return "", "", err
	}
	return u.GUID, r.Status.GUID, nil
}
