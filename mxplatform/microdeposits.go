package mxplatform

import (
	"context"
	"errors"
)

// Settled reports whether a microdeposit in this status waits for someone to act rather than
// for MX or the bank: DEPOSITED (the account's owner reports the two amounts), VERIFIED (done),
// DENIED (wrong amounts: they may be reported again), PREVENTED, ERRORED, REJECTED and
// CONFLICTED (the verification failed), and PREINITIATED (the end user gives the account in
// Connect). INITIATED and REQUESTED, and any status this SDK does not know, are on their way.
func (s MicrodepositStatus) Settled() bool {
	switch s {
	case MicrodepositStatusInitiated, MicrodepositStatusRequested:
		return false
	}
	return s.Valid()
}

// WaitForMicrodeposit reads the user's microdeposit (readUserMicrodeposit) until its status
// settles (see [MicrodepositStatus.Settled]) and returns it. The pause between reads starts at
// w.Interval and grows to w.MaxInterval (WaitOptions' Progress and AnswerMFA, which concern
// members, are not used); the wait ends with the context's error when ctx ends first. The
// deposits of a real bank take a business day or two to arrive: give ctx a deadline to match,
// or read the microdeposit later.
func (a *API) WaitForMicrodeposit(ctx context.Context, user UserGUID, microdeposit MicrodepositGUID, w *WaitOptions, opts ...CallOption) (*Microdeposit, error) {
	return a.waitMicrodeposit(ctx, user, microdeposit, false, w, opts)
}

// VerifyMicrodepositAndWait reports the two amounts the account's owner saw
// ([API.VerifyMicrodeposit]) and waits until the verification settles: VERIFIED when they
// were right, DENIED when they were not (they may be reported again), PREVENTED after too many
// wrong amounts. The microdeposit must be DEPOSITED. The amounts are sent once: when the
// answer to them was lost ([ErrOutcomeUnknown]), the wait goes on and the status says
// whether MX took them.
func (a *API) VerifyMicrodepositAndWait(ctx context.Context, user UserGUID, microdeposit MicrodepositGUID, amounts MicrodepositVerifyRequest, w *WaitOptions, opts ...CallOption) (*Microdeposit, error) {
	if _, err := a.VerifyMicrodeposit(ctx, microdeposit, amounts, opts...); err != nil && !errors.Is(err, ErrOutcomeUnknown) {
		return nil, err
	}
	return a.waitMicrodeposit(ctx, user, microdeposit, true, w, opts)
}

// waitMicrodeposit reads the microdeposit until its status settles; after amounts were sent
// (verifying), until MX has judged them.
func (a *API) waitMicrodeposit(ctx context.Context, user UserGUID, microdeposit MicrodepositGUID, verifying bool, w *WaitOptions, opts []CallOption) (*Microdeposit, error) {
	_, schedule := newPollSchedule(w)
	for first := true; ; first = false {
		if !first {
			if err := schedule.pause(ctx); err != nil {
				return nil, err
			}
		}
		m, err := a.ReadUserMicrodeposit(ctx, user, microdeposit, opts...)
		if err != nil {
			return nil, err
		}
		// After amounts were sent, DEPOSITED means MX has not judged them yet.
		if m.Status.Settled() && !(verifying && m.Status == MicrodepositStatusDeposited) {
			return m, nil
		}
	}
}
