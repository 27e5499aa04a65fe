package mxplatform

// JobOutcome says what an aggregation-type request did: start a job, or join one.
type JobOutcome int

const (
	// JobStarted: MX answered 200; a new job started.
	JobStarted JobOutcome = iota + 1
	// JobAlreadyRunning: MX answered 202 Accepted; no new job started, because a job of the same
	// kind was already running or the member is within its aggregation throttle window (or, for
	// resumeAggregation, the answers were taken and the challenged job goes on). The member is
	// its current state.
	JobAlreadyRunning
)

func (o JobOutcome) String() string {
	switch o {
	case JobStarted:
		return "started"
	case JobAlreadyRunning:
		return "already running"
	}
	return "unknown"
}

// JobResult is the answer of [API.AggregateMember], [API.CheckBalances] and
// [API.ResumeAggregation].
type JobResult struct {
	Member  *Member
	Outcome JobOutcome
}

// MemberChallenges is the answer of [API.ListMemberChallenges]: a page of challenges.
type MemberChallenges struct {
	// Challenged is false when MX answered 204 No Content: the member is not challenged and
	// there is nothing to answer. Items is then empty.
	Challenged bool
	Page[Challenge]
}
