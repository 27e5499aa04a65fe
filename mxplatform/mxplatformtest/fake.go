package mxplatformtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Fake is the fake MX Platform API, in both versions it serves (v20250224 and v20111101): its
// state (users, members, accounts, transactions, holdings, statements, categories,
// institutions, jobs), its behaviour, and the http.Handler that serves it. It is safe for
// concurrent use.
//
// Its methods are controls for tests (the clock, job steps, faults, request counts) and
// seeding (AddUser, AddMember, AddAccount, AddTransaction). Most users never build a Fake
// themselves: [Start] and [NewServer] serve one on a loopback port.
type Fake struct {
	cfg      config
	versions []*apiVersion // the versions served, the current one first
	res      *resourceSet  // the plain resources of v20250224 and their operations

	mu     sync.Mutex // guards everything below
	offset time.Duration
	st     *store
	jobs   []*job // running jobs, oldest first

	stats  requestStats
	faults faultState

	// panicHook, set by tests, runs at the start of every operation, to check that a handler
	// that panics answers 500.
	panicHook func(operationID string)
}

// NewFake builds a fake configured by opts, without serving it: serve [Fake.ServeHTTP]
// yourself, or use [Start] or [NewServer]. [WithAddr] is ignored.
func NewFake(opts ...Option) (*Fake, error) {
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	insts := append(seededInstitutions(), cfg.institutions...)
	f := &Fake{
		cfg:    cfg,
		st:     newStore(cfg.seed, insts),
		faults: faultState{rng: rand.New(rand.NewPCG(uint64(cfg.seed), 0xfa017))},
	}
	if f.versions, err = newVersions(f); err != nil {
		return nil, err
	}
	if f.res, err = loadResources(); err != nil {
		return nil, err
	}
	for _, rule := range cfg.faults {
		if !f.knows(rule.Operation) {
			return nil, fmt.Errorf("mxplatformtest: fault rule for unknown operation %q", rule.Operation)
		}
		f.faults.add(rule)
	}
	return f, nil
}

// ClientID returns the client ID the fake accepts.
func (f *Fake) ClientID() string { return f.cfg.clientID }

// APIKey returns the API key the fake accepts.
func (f *Fake) APIKey() string { return f.cfg.apiKey }

// Now returns the fake's current time: the real time moved on by every [Fake.AdvanceTime].
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now()
}

// now is Now under f.mu.
func (f *Fake) now() time.Time { return time.Now().UTC().Add(f.offset) }

// begin locks the fake for an operation and brings its jobs up to date, returning the time;
// the caller unlocks f.mu.
func (f *Fake) begin() time.Time {
	f.mu.Lock()
	return f.sync()
}

// sync brings the jobs up to date with the clock; every operation calls it first, under f.mu.
func (f *Fake) sync() time.Time {
	now := f.now()
	f.advance(now)
	return now
}

// AdvanceTime moves the fake's clock forward by d: throttle windows pass, challenges expire,
// and (unless steps are manual) jobs run the steps that fall due. It returns the new time.
func (f *Fake) AdvanceTime(d time.Duration) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.offset += d
	}
	return f.sync()
}

// Step moves every running job, and every microdeposit under way, one step, whatever the step
// interval: the way tests with [WithManualSteps] walk a member (or a microdeposit) through its
// statuses. A job waiting for MFA answers does not move, except that a challenge of the
// "expired" password expires. It returns how many jobs and microdeposits moved.
func (f *Fake) Step() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stepAll(f.sync(), true)
}

// Settle runs every job until it ends or waits for MFA answers, and every microdeposit until its
// deposits have arrived or its amounts are judged, and returns how many steps ran.
func (f *Fake) Settle() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	total := 0
	for {
		n := f.stepAll(now, false)
		if n == 0 {
			return total
		}
		total += n
	}
}

// RunningJobs returns how many jobs are running, those waiting for MFA answers included.
func (f *Fake) RunningJobs() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	return len(f.jobs)
}

// Counts is how many objects of each kind a fake holds.
type Counts struct {
	Users, Members, Accounts, Transactions int
	Holdings, Statements, Categories       int // categories: the users' custom ones
	// Records are the records of the plain resources and the derived ones (tags, taggings,
	// rules, budgets, goals, spending plans, notifications, insights, rewards, microdeposits,
	// ACH returns...), all kinds together.
	Records int
}

// Counts returns how many objects of each kind the fake holds.
func (f *Fake) Counts() Counts {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	return Counts{
		Users: len(f.st.users), Members: len(f.st.members), Accounts: len(f.st.accounts), Transactions: len(f.st.txns),
		Holdings: len(f.st.holdings), Statements: len(f.st.statements), Categories: len(f.st.categories),
		Records: len(f.st.records),
	}
}

// baseURLKey keys the server's base URL in a request's context.
type baseURLKey struct{}

// baseURL returns the URL the request reached the fake at, for the URLs it makes up (OAuth
// windows, widgets).
func baseURL(ctx context.Context) string {
	if s, ok := ctx.Value(baseURLKey{}).(string); ok {
		return s
	}
	return "http://localhost"
}

func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}

// hook runs the test hook of an operation.
func (f *Fake) hook(op string) {
	if f.panicHook != nil {
		f.panicHook(op)
	}
}
