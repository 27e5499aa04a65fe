package mxplatformtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/internal/spec"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// Fake is the fake MX Platform API: its state (users, members, accounts, transactions,
// institutions, jobs), its behaviour, and the http.Handler that serves it. It is safe for
// concurrent use.
//
// Its methods are controls for tests (the clock, job steps, faults, request counts) and
// seeding (AddUser, AddMember, AddAccount, AddTransaction). Most users never build a Fake
// themselves: [Start] and [NewServer] serve one on a loopback port.
type Fake struct {
	cfg     config
	router  *router
	handler http.Handler // the generated strict server around f

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

// handlers serves the operations of the API: the strict server interface that oapi-codegen
// generated from api/platform-v20111101.yaml (in internal/server), over a Fake. Its methods run once a
// request is authenticated and valid (see Fake.ServeHTTP).
type handlers struct{ *Fake }

// The fake implements the strict server generated from the spec: a new or changed operation
// of api/platform-v20111101.yaml does not compile until the fake serves it.
var _ server.StrictServerInterface = handlers{}

// NewFake builds a fake configured by opts, without serving it: serve [Fake.ServeHTTP]
// yourself, or use [Start] or [NewServer]. [WithAddr] is ignored.
func NewFake(opts ...Option) (*Fake, error) {
	cfg, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	rt, err := loadRouter()
	if err != nil {
		return nil, err
	}
	for _, rule := range cfg.faults {
		if !rt.knows(rule.Operation) {
			return nil, fmt.Errorf("mxplatformtest: fault rule for unknown operation %q", rule.Operation)
		}
	}
	insts := append(seededInstitutions(), cfg.institutions...)
	f := &Fake{
		cfg:    cfg,
		router: rt,
		st:     newStore(cfg.seed, insts),
		faults: faultState{rng: rand.New(rand.NewPCG(uint64(cfg.seed), 0xfa017))},
	}
	for _, rule := range cfg.faults {
		f.faults.add(rule)
	}
	strict := server.NewStrictHandlerWithOptions(handlers{f}, nil, server.StrictHTTPServerOptions{
		RequestErrorHandlerFunc:  writeBadRequest,
		ResponseErrorHandlerFunc: writeHandlerError,
	})
	f.handler = server.HandlerWithOptions(strict, server.StdHTTPServerOptions{ErrorHandlerFunc: writeBadRequest})
	return f, nil
}

// loadRouter loads the embedded spec and builds its router once for all fakes: the router is
// only read afterwards, and loading the spec takes tens of milliseconds.
var loadRouter = sync.OnceValues(func() (*router, error) {
	doc, err := spec.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("mxplatformtest: loading the embedded spec: %w", err)
	}
	return newRouter(doc)
})

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

// Step moves every running job one step, whatever the step interval: the way tests with
// [WithManualSteps] walk a member through its statuses. A job waiting for MFA answers does not
// move, except that a challenge of the "expired" password expires. It returns how many jobs
// moved.
func (f *Fake) Step() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stepAll(f.sync(), true)
}

// Settle runs every job until it ends or waits for MFA answers, and returns how many steps ran.
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
}

// Counts returns how many users, members, accounts and transactions the fake holds.
func (f *Fake) Counts() Counts {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	return Counts{Users: len(f.st.users), Members: len(f.st.members), Accounts: len(f.st.accounts), Transactions: len(f.st.txns)}
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
