package mxplatformtest

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// FaultKind is a kind of deliberate failure, to test how a client copes with what networks,
// proxies and overloaded servers do.
type FaultKind int

// The kinds of fault.
const (
	// FaultStatus answers Status (429, 500, 502, 503, 504...) with MX's error JSON, and a
	// Retry-After header when RetryAfter is set.
	FaultStatus FaultKind = iota + 1
	// FaultReset closes the connection (with a TCP reset) without answering. Note that Go's
	// http.Transport sends a GET, HEAD, OPTIONS or TRACE request (or one with an
	// Idempotency-Key header) again by itself, once, when a connection it reused is closed
	// before answering: [Fake.Requests] then counts two.
	FaultReset
	// FaultTruncatedBody sends the operation's answer with its full Content-Length but only
	// half of its body, then closes the connection.
	FaultTruncatedBody
	// FaultNonJSON answers Status (default 502) with an HTML page, as a proxy or load balancer
	// does.
	FaultNonJSON
	// FaultWrongContentType sends the operation's answer labelled text/html.
	FaultWrongContentType
	// FaultSlowBody sends the operation's answer with its body trickling in ten pieces over
	// Delay.
	FaultSlowBody
	// FaultLatency sends the operation's answer after Delay.
	FaultLatency
)

// String names the kind of fault.
func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "status"
	case FaultReset:
		return "connection reset"
	case FaultTruncatedBody:
		return "truncated body"
	case FaultNonJSON:
		return "non-JSON body"
	case FaultWrongContentType:
		return "wrong Content-Type"
	case FaultSlowBody:
		return "slow body"
	case FaultLatency:
		return "latency"
	}
	return "FaultKind(" + strconv.Itoa(int(k)) + ")"
}

// Fault is one deliberate failure. Build one with the functions named after its kind
// ([StatusFault], [RateLimitFault], [ResetFault]...) or fill it in.
type Fault struct {
	Kind FaultKind
	// Status is the HTTP status of FaultStatus (required) and FaultNonJSON (default 502).
	Status int
	// RetryAfter, with FaultStatus, sends a Retry-After header: whole seconds (rounded up), or
	// an HTTP-date that far ahead when RetryAfterDate is set.
	RetryAfter     time.Duration
	RetryAfterDate bool
	// Delay is how long FaultSlowBody and FaultLatency take.
	Delay time.Duration
	// AfterApplying, with FaultStatus, FaultReset and FaultNonJSON, processes the request
	// before failing: its effects are kept although the client sees a failure, as when an
	// answer is lost on its way back. Without it the request has no effect. The other kinds
	// always process the request.
	AfterApplying bool
}

// StatusFault answers status with MX's error JSON.
func StatusFault(status int) Fault { return Fault{Kind: FaultStatus, Status: status} }

// RateLimitFault answers 429 with Retry-After in seconds.
func RateLimitFault(retryAfter time.Duration) Fault {
	return Fault{Kind: FaultStatus, Status: http.StatusTooManyRequests, RetryAfter: retryAfter}
}

// ResetFault closes the connection without answering.
func ResetFault() Fault { return Fault{Kind: FaultReset} }

// TruncatedBodyFault cuts the answer's body off halfway.
func TruncatedBodyFault() Fault { return Fault{Kind: FaultTruncatedBody} }

// NonJSONFault answers status with an HTML page.
func NonJSONFault(status int) Fault { return Fault{Kind: FaultNonJSON, Status: status} }

// WrongContentTypeFault labels the answer text/html.
func WrongContentTypeFault() Fault { return Fault{Kind: FaultWrongContentType} }

// SlowBodyFault sends the answer's body over d.
func SlowBodyFault(d time.Duration) Fault { return Fault{Kind: FaultSlowBody, Delay: d} }

// LatencyFault delays the answer by d.
func LatencyFault(d time.Duration) Fault { return Fault{Kind: FaultLatency, Delay: d} }

func (ft Fault) validate() error {
	switch ft.Kind {
	case FaultStatus:
		if ft.Status < 400 || ft.Status > 599 {
			return fmt.Errorf("mxplatformtest: a status fault needs a 4xx or 5xx status, got %d", ft.Status)
		}
	case FaultNonJSON:
		if ft.Status != 0 && (ft.Status < 100 || ft.Status > 599) {
			return fmt.Errorf("mxplatformtest: invalid status %d", ft.Status)
		}
	case FaultReset, FaultTruncatedBody, FaultWrongContentType:
	case FaultSlowBody, FaultLatency:
		if ft.Delay < 0 {
			return errors.New("mxplatformtest: a fault's delay must not be negative")
		}
	default:
		return fmt.Errorf("mxplatformtest: unknown fault kind %d", ft.Kind)
	}
	if ft.RetryAfter < 0 {
		return errors.New("mxplatformtest: Retry-After must not be negative")
	}
	return nil
}

// before reports whether the fault strikes instead of processing the request.
func (ft Fault) before() bool {
	switch ft.Kind {
	case FaultStatus, FaultReset, FaultNonJSON:
		return !ft.AfterApplying
	}
	return false
}

// FaultRule says which requests a fault strikes: those of one operation (or of all), counted
// from when the rule was installed, so that tests are deterministic. Rules are tried in the
// order they were installed; the first that strikes a request wins, but every rule counts every
// request it matches.
type FaultRule struct {
	// Operation is the MX operationId the rule applies to ("readAccount"); "" matches every
	// operation.
	Operation string
	// After lets this many matching requests through before the first strike.
	After int
	// Times is how many matching requests the rule strikes, one after the other; 0 strikes
	// every one after After. {After: 1, Times: 3} with a 503 is a burst: the second, third and
	// fourth requests fail.
	Times int
	// Fault is what happens to the requests struck.
	Fault Fault
}

func (r FaultRule) validate() error {
	if r.After < 0 || r.Times < 0 {
		return errors.New("mxplatformtest: a fault rule's After and Times must not be negative")
	}
	return r.Fault.validate()
}

// faultState holds the installed rules and the random fault draw.
type faultState struct {
	mu    sync.Mutex
	rules []*ruleState
	rng   *rand.Rand
}

type ruleState struct {
	FaultRule
	seen int
}

func (s *faultState) add(r FaultRule) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = append(s.rules, &ruleState{FaultRule: r})
}

// randomFaults are what WithFaultRate draws from: failures before processing, which a client
// may retry without doing anything twice.
var randomFaults = []Fault{
	StatusFault(http.StatusInternalServerError),
	StatusFault(http.StatusBadGateway),
	StatusFault(http.StatusServiceUnavailable),
	StatusFault(http.StatusGatewayTimeout),
	RateLimitFault(time.Second),
	ResetFault(),
}

// pick returns the fault that strikes a request of operation op, if any.
func (s *faultState) pick(op string, rate float64) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var hit *Fault
	for _, r := range s.rules {
		if r.Operation != "" && r.Operation != op {
			continue
		}
		r.seen++
		if hit == nil && r.seen > r.After && (r.Times == 0 || r.seen <= r.After+r.Times) {
			hit = &r.Fault
		}
	}
	if hit != nil {
		return *hit, true
	}
	if rate > 0 && s.rng.Float64() < rate {
		return randomFaults[s.rng.IntN(len(randomFaults))], true
	}
	return Fault{}, false
}

// InjectFault installs a fault rule from now on; its count of requests starts at zero.
func (f *Fake) InjectFault(rule FaultRule) error {
	if err := rule.validate(); err != nil {
		return err
	}
	if !f.knows(rule.Operation) {
		return fmt.Errorf("mxplatformtest: fault rule for unknown operation %q", rule.Operation)
	}
	f.faults.add(rule)
	return nil
}

// ClearFaults removes every fault rule; the random fault rate stays.
func (f *Fake) ClearFaults() {
	f.faults.mu.Lock()
	defer f.faults.mu.Unlock()
	f.faults.rules = nil
}

// strike answers the request with a fault that replaces the operation's answer.
func strike(w http.ResponseWriter, r *http.Request, ft Fault) {
	switch ft.Kind {
	case FaultReset:
		resetConnection(w)
	case FaultNonJSON:
		status := ft.Status
		if status == 0 {
			status = http.StatusBadGateway
		}
		body := fmt.Sprintf("<html><head><title>%d %s</title></head><body><h1>%d %s</h1></body></html>\n", status, http.StatusText(status), status, http.StatusText(status))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	default:
		if ft.RetryAfter > 0 || ft.Status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", retryAfter(ft))
		}
		writeError(w, r, ft.Status, faultMessage(ft.Status))
	}
}

// retryAfter formats the Retry-After header of a fault.
func retryAfter(ft Fault) string {
	if ft.RetryAfterDate {
		return time.Now().Add(ft.RetryAfter).UTC().Format(http.TimeFormat)
	}
	secs := int64((ft.RetryAfter + time.Second - 1) / time.Second)
	return strconv.FormatInt(secs, 10)
}

func faultMessage(status int) string {
	switch {
	case status == http.StatusTooManyRequests:
		return "Too many requests: the rate limit was exceeded."
	case status == http.StatusServiceUnavailable:
		return "The MX Platform is being updated."
	case status >= 500:
		return "Something went wrong with MX's servers."
	}
	return http.StatusText(status) + "."
}

// deliver sends the recorded answer of the operation, spoiled by the fault.
func deliver(w http.ResponseWriter, r *http.Request, ft Fault, rec *recorder) {
	if ft.Kind == FaultStatus || ft.Kind == FaultReset || ft.Kind == FaultNonJSON {
		strike(w, r, ft) // AfterApplying: the request was processed, its answer is lost
		return
	}
	h := w.Header()
	for k, v := range rec.header {
		h[k] = v
	}
	body := rec.body.Bytes()
	h.Set("Content-Length", strconv.Itoa(len(body)))
	switch ft.Kind {
	case FaultWrongContentType:
		h.Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
	case FaultTruncatedBody:
		w.WriteHeader(rec.status)
		_, _ = w.Write(body[:len(body)/2])
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler) // net/http closes the connection mid-body
	case FaultSlowBody:
		w.WriteHeader(rec.status)
		const pieces = 10
		size := (len(body) + pieces - 1) / pieces
		for len(body) > 0 {
			n := min(size, len(body))
			_, _ = w.Write(body[:n])
			body = body[n:]
			_ = http.NewResponseController(w).Flush()
			if len(body) > 0 && !sleep(r, ft.Delay/pieces) {
				panic(http.ErrAbortHandler)
			}
		}
	default: // FaultLatency slept before processing
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
	}
}

// resetConnection closes the client's connection with a TCP reset, or aborts the handler where
// the connection cannot be taken over.
func resetConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// sleep waits d, or less if the request's context ends first; it reports whether it waited
// the whole time.
func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// recorder keeps an operation's answer so that a fault can spoil it.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

// Header returns the recorded header.
func (r *recorder) Header() http.Header { return r.header }

// WriteHeader records the first status.
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

// started reports whether a status or body bytes have been recorded.
func (r *recorder) started() bool { return r.status != 0 }

// Write records body bytes.
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// RequestStats counts the requests of one operation since the fake started.
type RequestStats struct {
	// Received is every request routed to the operation, whatever came of it.
	Received int
	// Faulted is how many of them a fault struck.
	Faulted int
	// Handled is how many reached the operation itself (authenticated and valid): those whose
	// effects, if any, were applied. A write that a client sent twice and the fake applied
	// twice shows here as 2.
	Handled int
	// MissingAcceptVersion is how many of the requests received came without an
	// Accept-Version header, which MX requires (see the package documentation): a client that
	// sends it on every request leaves it at 0 for every operation.
	MissingAcceptVersion int
}

type requestStats struct {
	mu sync.Mutex
	m  map[string]*RequestStats
}

func (s *requestStats) add(op string, fn func(*RequestStats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]*RequestStats{}
	}
	st := s.m[op]
	if st == nil {
		st = &RequestStats{}
		s.m[op] = st
	}
	fn(st)
}

// Requests returns the counts of requests to an operation, by its MX operationId
// ("createUser"); "" gives those that matched no operation.
func (f *Fake) Requests(operationID string) RequestStats {
	f.stats.mu.Lock()
	defer f.stats.mu.Unlock()
	if st := f.stats.m[operationID]; st != nil {
		return *st
	}
	return RequestStats{}
}

// RequestsByOperation returns the counts of [Fake.Requests] of every operation that received
// a request, by operationId ("" for those that matched no operation): a test can check a
// property of all the requests a client sent, such as that none came without Accept-Version.
func (f *Fake) RequestsByOperation() map[string]RequestStats {
	f.stats.mu.Lock()
	defer f.stats.mu.Unlock()
	out := make(map[string]RequestStats, len(f.stats.m))
	for op, st := range f.stats.m {
		out[op] = *st
	}
	return out
}
