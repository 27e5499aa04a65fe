package mxplatformtest

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Defaults of the options of [Start], [NewServer] and [NewFake].
const (
	// DefaultClientID is the client ID the fake accepts unless [WithCredentials] says otherwise.
	DefaultClientID = "mxfake-client-id"
	// DefaultAPIKey is the API key the fake accepts unless [WithCredentials] says otherwise.
	DefaultAPIKey = "mxfake-api-key"
	// DefaultAddr is the address [Start] and [NewServer] listen on: a free loopback port.
	DefaultAddr = "127.0.0.1:0"
	// DefaultSeed seeds the generated GUIDs, accounts and transactions.
	DefaultSeed = 1
	// DefaultStepInterval is the time between two steps of a job (see [WithStepInterval]): a
	// member goes from created to connected, accounts and transactions included, in about two
	// seconds.
	DefaultStepInterval = 500 * time.Millisecond
	// DefaultChallengeTimeout is how long an MFA challenge waits for its answer before the
	// member becomes EXPIRED.
	DefaultChallengeTimeout = 10 * time.Minute
	// DefaultAggregationThrottle is MX's throttle window of standard aggregations: three hours
	// after any job on the member.
	DefaultAggregationThrottle = 3 * time.Hour
	// DefaultBalanceThrottle is MX's window within which a second balance check answers 429.
	DefaultBalanceThrottle = 2 * time.Hour
)

// Option configures a fake in [Start], [NewServer] or [NewFake]. Options are checked when the
// fake is built: an invalid value makes it fail with an error that names the option.
type Option func(*config) error

// config collects the options.
type config struct {
	addr             string
	clientID, apiKey string
	seed             int64
	stepInterval     time.Duration
	manualSteps      bool
	challengeTimeout time.Duration
	aggThrottle      time.Duration
	balanceThrottle  time.Duration
	latency, jitter  time.Duration
	faultRate        float64
	faults           []FaultRule
	institutions     []Institution
}

func defaultConfig() config {
	return config{
		addr:             DefaultAddr,
		clientID:         DefaultClientID,
		apiKey:           DefaultAPIKey,
		seed:             DefaultSeed,
		stepInterval:     DefaultStepInterval,
		challengeTimeout: DefaultChallengeTimeout,
		aggThrottle:      DefaultAggregationThrottle,
		balanceThrottle:  DefaultBalanceThrottle,
	}
}

func buildConfig(opts []Option) (config, error) {
	c := defaultConfig()
	for _, opt := range opts {
		if opt == nil {
			return c, errors.New("mxplatformtest: nil option")
		}
		if err := opt(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// WithAddr sets the address the server listens on, such as "127.0.0.1:8080". Default
// [DefaultAddr], a free port on the loopback interface. [NewFake] ignores it.
func WithAddr(addr string) Option {
	return func(c *config) error {
		if strings.TrimSpace(addr) == "" {
			return errors.New("mxplatformtest: WithAddr: empty address")
		}
		c.addr = addr
		return nil
	}
}

// WithCredentials sets the client ID and API key the fake accepts in HTTP basic
// authentication; any other answers 401. Default [DefaultClientID] and [DefaultAPIKey].
func WithCredentials(clientID, apiKey string) Option {
	return func(c *config) error {
		if clientID == "" || apiKey == "" {
			return errors.New("mxplatformtest: WithCredentials: client ID and API key must not be empty")
		}
		if strings.Contains(clientID, ":") {
			return errors.New("mxplatformtest: WithCredentials: a client ID cannot contain a colon (HTTP basic authentication)")
		}
		c.clientID, c.apiKey = clientID, apiKey
		return nil
	}
}

// WithSeed seeds everything the fake makes up: GUIDs, the accounts and transactions of
// aggregated members, jitter and random faults. Two fakes with the same seed that receive the
// same requests in the same order answer the same. Default [DefaultSeed].
func WithSeed(seed int64) Option {
	return func(c *config) error {
		c.seed = seed
		return nil
	}
}

// WithStepInterval sets the time between two steps of a job: authenticating, challenging,
// processing accounts, processing transactions, finishing. Zero makes every job run to its end
// (or to a challenge) before the request that started it is answered, which suits tests that
// only need the outcome. Default [DefaultStepInterval].
func WithStepInterval(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("mxplatformtest: WithStepInterval: negative interval %s", d)
		}
		c.stepInterval, c.manualSteps = d, false
		return nil
	}
}

// WithManualSteps stops jobs from advancing on their own: they move one step per call of
// [Fake.Step], or to their end with [Fake.Settle]. Tests that assert each status a member goes
// through use it, so that no assertion depends on timing.
func WithManualSteps() Option {
	return func(c *config) error {
		c.manualSteps = true
		return nil
	}
}

// WithChallengeTimeout sets how long an MFA challenge waits for an answer before the member
// becomes EXPIRED. Default [DefaultChallengeTimeout].
func WithChallengeTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("mxplatformtest: WithChallengeTimeout: the timeout must be positive, got %s", d)
		}
		c.challengeTimeout = d
		return nil
	}
}

// WithThrottle sets MX's two throttle windows: aggregation, after any job on a member, within
// which aggregateMember answers 202 with the member's current state; and balance, after a
// balance check, within which checkBalances answers 429. Zero turns a throttle off. MX Bank
// (mxbank and mx_bank_oauth) is never throttled, as on MX. Defaults
// [DefaultAggregationThrottle] and [DefaultBalanceThrottle].
func WithThrottle(aggregation, balance time.Duration) Option {
	return func(c *config) error {
		if aggregation < 0 || balance < 0 {
			return errors.New("mxplatformtest: WithThrottle: windows must not be negative")
		}
		c.aggThrottle, c.balanceThrottle = aggregation, balance
		return nil
	}
}

// WithLatency delays every answer by base plus a random part of up to jitter (drawn from the
// seed). A request whose context ends while it waits gets no answer. Default: no delay.
func WithLatency(base, jitter time.Duration) Option {
	return func(c *config) error {
		if base < 0 || jitter < 0 {
			return errors.New("mxplatformtest: WithLatency: durations must not be negative")
		}
		c.latency, c.jitter = base, jitter
		return nil
	}
}

// WithFaultRate makes a share rate (0 to 1) of requests fail at random, the draw seeded by
// [WithSeed]: each such request answers 500, 502, 503 or 504, 429 with Retry-After: 1, or has
// its connection reset. Random faults strike before the request is processed, so a failed write
// has no effect. Rules of [WithFaults] come first. Default 0.
func WithFaultRate(rate float64) Option {
	return func(c *config) error {
		if math.IsNaN(rate) || rate < 0 || rate > 1 {
			return fmt.Errorf("mxplatformtest: WithFaultRate: the rate must be between 0 and 1, got %v", rate)
		}
		c.faultRate = rate
		return nil
	}
}

// WithFaults installs fault rules from the start; [Fake.InjectFault] adds more later. See
// [FaultRule] for how a rule picks its requests.
func WithFaults(rules ...FaultRule) Option {
	return func(c *config) error {
		for _, r := range rules {
			if err := r.validate(); err != nil {
				return err
			}
		}
		c.faults = append(c.faults, rules...)
		return nil
	}
}

// WithInstitutions adds institutions to the seeded ones, or replaces a seeded one with the same
// code. See [Institution].
func WithInstitutions(institutions ...Institution) Option {
	return func(c *config) error {
		for _, inst := range institutions {
			if err := inst.validate(); err != nil {
				return err
			}
		}
		c.institutions = append(c.institutions, institutions...)
		return nil
	}
}
