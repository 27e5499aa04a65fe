package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"
)

// ErrAnotherJobRunning is matched (errors.Is) by the error of a helper that starts a job
// (AggregateAndWait, VerifyAndWait...) when MX answers 409 Conflict: another kind of job
// (aggregation, verification, extended history, statements...) is running on the member. The
// error also unwraps to the *Error of that answer.
var ErrAnotherJobRunning = errors.New("mxplatform: another kind of job is running on the member")

// Defaults of WaitOptions.
const (
	DefaultWaitInterval    = 3 * time.Second
	DefaultMaxWaitInterval = 30 * time.Second
)

// WaitOptions tunes how a job is awaited. The zero value (or nil) uses the defaults.
type WaitOptions struct {
	// Interval is the first pause between two reads of the member's status. It grows by half
	// after each read. Default DefaultWaitInterval (3s).
	Interval time.Duration
	// MaxInterval caps the pause. Default DefaultMaxWaitInterval (30s).
	MaxInterval time.Duration
	// Progress, when set, is called with every status read, for example to show progress.
	Progress func(*MemberStatus)
	// AnswerMFA, when set, is called when the member settles CHALLENGED, with the challenges
	// to answer (for example to ask the end user; see [NewMFAAnswers] and [Answer]). The
	// answers it returns are sent ([MemberJobs].ResumeAggregation) and the wait goes on, so
	// that one call takes a job to its end. Returning nil answers, or an error, ends the wait
	// there: with the CHALLENGED result, or with the error. When AnswerMFA is not set, a
	// CHALLENGED member ends the wait.
	AnswerMFA func(ctx context.Context, challenges []Challenge) (*MFAAnswers, error)
}

// waitSleep pauses between status reads; tests replace it.
var waitSleep = sleep

// pollSchedule paces the reads of a wait: the first pause is Interval, each next one half
// again as long, up to MaxInterval (their defaults when unset).
type pollSchedule struct {
	first, max, next time.Duration
}

// newPollSchedule returns the options of w (nil: none) and their schedule.
func newPollSchedule(w *WaitOptions) (WaitOptions, *pollSchedule) {
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
	return o, &pollSchedule{first: o.Interval, max: o.MaxInterval, next: o.Interval}
}

// pause waits for the next pause of the schedule, or until ctx ends.
func (p *pollSchedule) pause(ctx context.Context) error {
	if err := waitSleep(ctx, p.next); err != nil {
		return err
	}
	p.next = min(p.next+p.next/2, p.max)
	return nil
}

// restart makes the next pause the first one again.
func (p *pollSchedule) restart() { p.next = p.first }

// WaitResult is where a member settled after a job.
type WaitResult struct {
	// Job says whether the request that began the wait started a job or joined one already
	// running; it is zero for WaitForJob, which sends no such request, and when the answer of
	// that request was lost.
	Job JobOutcome
	// Status is the member's last status read.
	Status *MemberStatus
	// Challenges are the MFA challenges to answer when the member is CHALLENGED.
	Challenges []Challenge
}

// Info explains the connection status the member settled in. On a nil result, or one without a
// status, it explains the null status.
func (r *WaitResult) Info() StatusInfo {
	if r == nil || r.Status == nil {
		return ConnectionStatus("").Info()
	}
	return r.Status.ConnectionStatus.Info()
}

// Connected reports whether the member settled CONNECTED.
func (r *WaitResult) Connected() bool {
	return r != nil && r.Status != nil && r.Status.ConnectionStatus == ConnectionStatusConnected
}

// NotConnectedError is the error of a helper that needs the member CONNECTED at the end of its
// job (VerifyAndListAccountNumbers, IdentifyAndListAccountOwners...) when it settled otherwise:
// CHALLENGED without WaitOptions.AnswerMFA, DENIED, LOCKED... Result says where, and its Info
// what to do.
type NotConnectedError struct {
	Operation string // the operation that started the job
	Result    *WaitResult
}

func (e *NotConnectedError) Error() string {
	info := e.Result.Info()
	return fmt.Sprintf("mxplatform: %s: the member settled %s, not CONNECTED (next step: %s)", e.Operation, info.Status, info.Next)
}

// MemberJobs is what the job helpers need of an API version: the operations that read a
// member's status and challenges and answer them, for a user named by a U and a member by an M.
// The API of this package and those of the packages of older versions implement it; their
// helper methods (WaitForJob, AggregateAndWait, AnswerChallengesAndWait...) call the functions
// below with themselves.
type MemberJobs[U, M, P any] interface {
	ReadMemberStatus(ctx context.Context, user U, member M, opts ...CallOption) (*MemberStatus, error)
	ListMemberChallengesIter(ctx context.Context, user U, member M, params *P, opts ...CallOption) iter.Seq2[Challenge, error]
	ResumeAggregation(ctx context.Context, user U, member M, answers MemberResumeRequest, opts ...CallOption) (*JobResult, error)
}

// StartAndWait sends the request that start makes to begin a job on the member (an
// aggregation, a balance check, a verification...) and waits until the member settles (see
// [WaitForJob]). When a job of the same kind is already running or the member is throttled
// (202), it waits on the member as it is; when another kind of job is running (409), it returns
// an error matching [ErrAnotherJobRunning]. When the answer to the request was lost
// ([ErrOutcomeUnknown]), the request is not sent again: it waits on the member as it is, and
// the result's Job is zero (had no job started, the member's status is the one it had before).
func StartAndWait[U, M, P any](ctx context.Context, api MemberJobs[U, M, P], user U, member M, start func(context.Context) (*JobResult, error), w *WaitOptions, opts ...CallOption) (*WaitResult, error) {
	job, err := start(ctx)
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
	var startedAt Timestamp
	if job.Member != nil {
		startedAt = job.Member.AggregatedAt
	}
	r, err := wait(ctx, api, user, member, startedAt, true, w, opts)
	if r != nil {
		r.Job = job.Outcome
	}
	return r, err
}

// WaitForJob reads the member's status until it settles and returns it, with the challenges to
// answer when the member is CHALLENGED (or, with WaitOptions.AnswerMFA, answers them and goes
// on). A member has settled when its status needs the end user (CHALLENGED, DENIED, LOCKED,
// PENDING...), or when it is no longer being aggregated and its status will not move on by
// itself (DELAYED and RESUMED do). The pause between reads starts at WaitOptions.Interval and
// grows to MaxInterval; the wait ends with the context's error when ctx ends first.
func WaitForJob[U, M, P any](ctx context.Context, api MemberJobs[U, M, P], user U, member M, w *WaitOptions, opts ...CallOption) (*WaitResult, error) {
	return wait(ctx, api, user, member, "", false, w, opts)
}

// AnswerChallengesAndWait sends the answers (after checking that every challenge has one) and
// waits until the member settles again: CONNECTED, CHALLENGED anew (more challenges),
// REJECTED, and so on; see [WaitForJob].
//
// Answers are not sent twice: when the answer to them was lost (an error matching
// [ErrOutcomeUnknown]), MX may or may not have taken them, so the wait goes on and the member's
// status says which (CHALLENGED with the same challenges when they were not taken). The
// result's Job is then zero.
func AnswerChallengesAndWait[U, M, P any](ctx context.Context, api MemberJobs[U, M, P], user U, member M, answers *MFAAnswers, w *WaitOptions, opts ...CallOption) (*WaitResult, error) {
	req, err := answers.Request()
	if err != nil {
		return nil, err
	}
	job, err := api.ResumeAggregation(ctx, user, member, req, opts...)
	if errors.Is(err, ErrOutcomeUnknown) {
		job, err = &JobResult{}, nil
	}
	if err != nil {
		return nil, err
	}
	r, err := wait(ctx, api, user, member, "", true, w, opts)
	if r != nil {
		r.Job = job.Outcome
	}
	return r, err
}

func wait[U, M, P any](ctx context.Context, api MemberJobs[U, M, P], user U, member M, jobStartedAt Timestamp, pauseFirst bool, w *WaitOptions, opts []CallOption) (*WaitResult, error) {
	o, schedule := newPollSchedule(w)
	for first := true; ; first = false {
		if !first || pauseFirst {
			if err := schedule.pause(ctx); err != nil {
				return nil, err
			}
		}
		status, err := api.ReadMemberStatus(ctx, user, member, opts...)
		if err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress(status)
		}
		if stale(status, jobStartedAt) || !settled(status) {
			continue
		}
		r := &WaitResult{Status: status}
		if status.ConnectionStatus != ConnectionStatusChallenged {
			return r, nil
		}
		r.Challenges = status.Challenges
		if len(r.Challenges) == 0 {
			if r.Challenges, err = Collect(api.ListMemberChallengesIter(ctx, user, member, nil, opts...)); err != nil {
				return nil, err
			}
		}
		if o.AnswerMFA == nil {
			return r, nil
		}
		answers, err := o.AnswerMFA(ctx, r.Challenges)
		if err != nil {
			return nil, err
		}
		if answers == nil {
			return r, nil
		}
		req, err := answers.Request()
		if err != nil {
			return nil, err
		}
		if _, err := api.ResumeAggregation(ctx, user, member, req, opts...); err != nil && !errors.Is(err, ErrOutcomeUnknown) {
			return nil, err
		}
		// The answers were sent (or may have been): wait for what they lead to, from the
		// first pause again.
		jobStartedAt = ""
		schedule.restart()
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
