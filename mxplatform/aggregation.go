package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrAnotherJobRunning is matched (errors.Is) by the error of AggregateAndWait and
// CheckBalancesAndWait when MX answers 409 Conflict: another kind of aggregation job
// (verification, extended history, statements...) is running on the member. The error also
// unwraps to the *Error of that answer.
var ErrAnotherJobRunning = errors.New("mxplatform: another kind of aggregation job is running on the member")

// Defaults of WaitOptions.
const (
	DefaultWaitInterval    = 3 * time.Second
	DefaultMaxWaitInterval = 30 * time.Second
)

// WaitOptions tunes how an aggregation is awaited. The zero value (or nil) uses the defaults.
type WaitOptions struct {
	// Interval is the first pause between two reads of the member's status. It grows by half
	// after each read. Default DefaultWaitInterval (3s).
	Interval time.Duration
	// MaxInterval caps the pause. Default DefaultMaxWaitInterval (30s).
	MaxInterval time.Duration
	// Progress, when set, is called with every status read, for example to show progress.
	Progress func(*MemberStatus)
}

// waitSleep pauses between status reads; tests replace it.
var waitSleep = sleep

// AggregationResult is where a member settled after an aggregation-type job.
type AggregationResult struct {
	// Job says whether the request that began the wait started a job or joined one already
	// running; it is zero for WaitForAggregation, which sends no such request.
	Job JobOutcome
	// Status is the member's last status read.
	Status *MemberStatus
	// Challenges are the MFA challenges to answer when the member is CHALLENGED.
	Challenges []Challenge
}

// Info explains the connection status the member settled in. On a nil result, or one without a
// status, it explains the null status.
func (r *AggregationResult) Info() StatusInfo {
	if r == nil || r.Status == nil {
		return ConnectionStatus("").Info()
	}
	return r.Status.ConnectionStatus.Info()
}

// AggregateAndWait starts a standard aggregation of the member (see [API.AggregateMember]) and
// waits until it settles (see [API.WaitForAggregation]). When a standard aggregation is already
// running or the member is throttled (202), it waits on the member as it is; when another kind of
// job is running (409), it returns an error matching [ErrAnotherJobRunning]. When the answer to
// the request was lost ([ErrOutcomeUnknown]), the request is not sent again: it waits on the
// member as it is, and the result's Job is zero (had no job started, the member's status is
// the one it had before).
func (a *API) AggregateAndWait(ctx context.Context, userGUID UserGUID, memberGUID MemberGUID, params *AggregateMemberParams, w *WaitOptions, opts ...CallOption) (*AggregationResult, error) {
	job, err := a.AggregateMember(ctx, userGUID, memberGUID, params, opts...)
	return a.waitAfter(ctx, userGUID, memberGUID, job, err, w, opts)
}

// CheckBalancesAndWait starts a balance job (see [API.CheckBalances]) and waits until the member
// settles, as AggregateAndWait does. A balance check within two hours of the last one answers
// 429, returned as an *Error matching ErrRateLimited.
func (a *API) CheckBalancesAndWait(ctx context.Context, userGUID UserGUID, memberGUID MemberGUID, w *WaitOptions, opts ...CallOption) (*AggregationResult, error) {
	job, err := a.CheckBalances(ctx, userGUID, memberGUID, opts...)
	return a.waitAfter(ctx, userGUID, memberGUID, job, err, w, opts)
}

func (a *API) waitAfter(ctx context.Context, userGUID UserGUID, memberGUID MemberGUID, job *JobResult, err error, w *WaitOptions, opts []CallOption) (*AggregationResult, error) {
	if errors.Is(err, ErrOutcomeUnknown) {
		// MX may have started the job: read the member's state rather than start another.
		job, err = &JobResult{Member: &Member{}}, nil
	}
	if err != nil {
		if errors.Is(err, ErrConflict) {
			return nil, fmt.Errorf("%w: %w", ErrAnotherJobRunning, err)
		}
		return nil, err
	}
	r, err := a.wait(ctx, userGUID, memberGUID, job.Member.AggregatedAt, true, w, opts)
	if r != nil {
		r.Job = job.Outcome
	}
	return r, err
}

// WaitForAggregation reads the member's status until it settles and returns it, with the
// challenges to answer when the member is CHALLENGED. A member has settled when its status needs
// the end user (CHALLENGED, DENIED, LOCKED, PENDING...), or when it is no longer being
// aggregated and its status will not move on by itself (DELAYED and RESUMED do). The pause
// between reads starts at WaitOptions.Interval and grows to MaxInterval; the wait ends with the
// context's error when ctx ends first.
func (a *API) WaitForAggregation(ctx context.Context, userGUID UserGUID, memberGUID MemberGUID, w *WaitOptions, opts ...CallOption) (*AggregationResult, error) {
	return a.wait(ctx, userGUID, memberGUID, "", false, w, opts)
}

func (a *API) wait(ctx context.Context, userGUID UserGUID, memberGUID MemberGUID, jobStartedAt Timestamp, pauseFirst bool, w *WaitOptions, opts []CallOption) (*AggregationResult, error) {
	var o WaitOptions
	if w != nil {
		o = *w
	}
	if o.Interval <= 0 {
		o.Interval = DefaultWaitInterval
	}
	if o.MaxInterval <= 0 {
		o.MaxInterval = DefaultMaxWaitInterval
	}
	interval := o.Interval
	for first := true; ; first = false {
		if !first || pauseFirst {
			if err := waitSleep(ctx, interval); err != nil {
				return nil, err
			}
			interval = min(interval+interval/2, o.MaxInterval)
		}
		status, err := a.ReadMemberStatus(ctx, userGUID, memberGUID, opts...)
		if err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress(status)
		}
		if stale(status, jobStartedAt) || !settled(status) {
			continue
		}
		r := &AggregationResult{Status: status}
		if status.ConnectionStatus == ConnectionStatusChallenged {
			r.Challenges = status.Challenges
			if len(r.Challenges) == 0 {
				if r.Challenges, err = Collect(a.ListMemberChallengesIter(ctx, userGUID, memberGUID, nil, opts...)); err != nil {
					return nil, err
				}
			}
		}
		return r, nil
	}
}

// settled reports whether a member's status will not change before someone acts.
func settled(s *MemberStatus) bool {
	info := s.ConnectionStatus.Info()
	if info.UserMustAct {
		return true
	}
	if s.IsBeingAggregated.Value() {
		return false
	}
	return info.Next != NextStepPoll
}

// stale reports whether a status read predates the job just started (its aggregated_at is
// older), so that a wait does not stop on the state the member had before the job.
func stale(s *MemberStatus, jobStartedAt Timestamp) bool {
	if jobStartedAt == "" || s.AggregatedAt == "" {
		return false
	}
	read, err1 := s.AggregatedAt.Time()
	started, err2 := jobStartedAt.Time()
	if err1 != nil || err2 != nil {
		return s.AggregatedAt < jobStartedAt // not times: as text, which sorts ISO 8601
	}
	return read.Before(started)
}
