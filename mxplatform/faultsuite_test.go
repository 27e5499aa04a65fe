package mxplatform_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// faultCase is a kind of fault the fake injects, with what the SDK must make of it.
type faultCase struct {
	name  string
	fault mxplatformtest.Fault
	// times is how many requests in a row the fault strikes; 0 strikes every one.
	times int
	// retried says whether the default retry check sends a request that may always be repeated
	// again after it.
	retried bool
	// unapplied says that the fault tells the client nothing was applied (429, 503): a request
	// that may be repeated only if not applied is sent again too.
	unapplied bool
	// mayApply says that, from the client's side, the struck attempt may have been applied: a
	// write that fails through it has an unknown outcome.
	mayApply bool
	// applies says whether the struck request takes effect (the fault comes after the write).
	applies bool
	// benign says that the answer still arrives whole (late, slowly or mislabelled).
	benign bool
	// bodyOnly says that the fault spoils only the body, so that a 204 answer comes through.
	bodyOnly bool
	// wantErr asserts the typed error of a call that failed through the fault.
	wantErr func(t *testing.T, err error)
}

// lost returns f struck after the request was applied: its answer is lost.
func lost(f mxplatformtest.Fault) mxplatformtest.Fault {
	f.AfterApplying = true
	return f
}

// transientFaults strike fewer times in a row than the retry budget: a repeatable request gets
// through them.
var transientFaults = []faultCase{
	{name: "429 burst", fault: mxplatformtest.StatusFault(http.StatusTooManyRequests), times: 3, retried: true, unapplied: true, wantErr: wantStatus(http.StatusTooManyRequests, mxplatform.ErrRateLimited)},
	{name: "502 burst", fault: mxplatformtest.StatusFault(http.StatusBadGateway), times: 3, retried: true, mayApply: true, wantErr: wantStatus(http.StatusBadGateway, mxplatform.ErrServerError)},
	{name: "503 burst", fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable), times: 3, retried: true, unapplied: true, wantErr: wantStatus(http.StatusServiceUnavailable, mxplatform.ErrServerError)},
	{name: "504 burst", fault: mxplatformtest.StatusFault(http.StatusGatewayTimeout), times: 3, retried: true, mayApply: true, wantErr: wantStatus(http.StatusGatewayTimeout, mxplatform.ErrServerError)},
	{name: "connection resets", fault: mxplatformtest.ResetFault(), times: 3, retried: true, mayApply: true, wantErr: wantTransport(nil)},
	{name: "truncated bodies", fault: mxplatformtest.TruncatedBodyFault(), times: 3, retried: true, mayApply: true, applies: true, bodyOnly: true, wantErr: wantTransport(io.ErrUnexpectedEOF)},
	{name: "HTML 502 pages", fault: mxplatformtest.NonJSONFault(0), times: 3, retried: true, mayApply: true, wantErr: wantHTML(http.StatusBadGateway)},
	{name: "504 after applying", fault: lost(mxplatformtest.StatusFault(http.StatusGatewayTimeout)), times: 1, retried: true, mayApply: true, applies: true, wantErr: wantStatus(http.StatusGatewayTimeout, mxplatform.ErrServerError)},
	{name: "reset after applying", fault: lost(mxplatformtest.ResetFault()), times: 1, retried: true, mayApply: true, applies: true, wantErr: wantTransport(nil)},
	{name: "HTML 502 after applying", fault: lost(mxplatformtest.NonJSONFault(0)), times: 1, retried: true, mayApply: true, applies: true, wantErr: wantHTML(http.StatusBadGateway)},
	{name: "wrong Content-Type", fault: mxplatformtest.WrongContentTypeFault(), times: 1, applies: true, benign: true},
	{name: "slow body", fault: mxplatformtest.SlowBodyFault(50 * time.Millisecond), times: 1, applies: true, benign: true},
	{name: "latency", fault: mxplatformtest.LatencyFault(50 * time.Millisecond), times: 1, applies: true, benign: true},
}

// permanentFaults strike every request, or are not worth retrying: every flow fails with the
// fault's typed error, after the whole retry budget when its request is repeatable.
var permanentFaults = []faultCase{
	{name: "429 always", fault: mxplatformtest.StatusFault(http.StatusTooManyRequests), retried: true, unapplied: true, wantErr: wantStatus(http.StatusTooManyRequests, mxplatform.ErrRateLimited)},
	{name: "503 always", fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable), retried: true, unapplied: true, wantErr: wantStatus(http.StatusServiceUnavailable, mxplatform.ErrServerError)},
	{name: "reset always", fault: mxplatformtest.ResetFault(), retried: true, mayApply: true, wantErr: wantTransport(nil)},
	{name: "truncated always", fault: mxplatformtest.TruncatedBodyFault(), retried: true, mayApply: true, applies: true, bodyOnly: true, wantErr: wantTransport(io.ErrUnexpectedEOF)},
	{name: "HTML 502 always", fault: mxplatformtest.NonJSONFault(0), retried: true, mayApply: true, wantErr: wantHTML(http.StatusBadGateway)},
	{name: "500", fault: mxplatformtest.StatusFault(http.StatusInternalServerError), times: 1, mayApply: true, wantErr: wantStatus(http.StatusInternalServerError, mxplatform.ErrServerError)},
	{name: "500 after applying", fault: lost(mxplatformtest.StatusFault(http.StatusInternalServerError)), times: 1, mayApply: true, applies: true, wantErr: wantStatus(http.StatusInternalServerError, mxplatform.ErrServerError)},
	{name: "HTML 200 page", fault: mxplatformtest.NonJSONFault(http.StatusOK), times: 1, wantErr: wantDecode(http.StatusOK)},
}

// outcome is what a flow must come to through a fault.
type outcome struct {
	ok       bool // the call succeeds
	applied  bool // the write takes effect, once
	attempts int  // when it fails: how many times the SDK sent the request
	unknown  bool // when it fails: the error says that the write may have been applied
}

// expect works out the outcome of flow fl through fault fc: a fault is retried when the retry
// check retries it and the flow's operation may be repeated after it (always, or only when the
// fault says nothing was applied).
func expect(fc faultCase, fl flow) outcome {
	retried := fc.retried && (fl.repeat() == mxplatform.RepeatAlways || fc.unapplied)
	var o outcome
	switch {
	case fc.benign || fc.bodyOnly && fl.noBody:
		return outcome{ok: true, applied: true}
	case retried && fc.times > 0 && fc.times < maxAttempts:
		return outcome{ok: true, applied: true}
	case retried:
		o = outcome{applied: fc.applies, attempts: maxAttempts}
	default:
		o = outcome{applied: fc.applies, attempts: 1}
	}
	o.unknown = fl.write && fc.mayApply
	return o
}

// TestFaults runs every flow through every fault, each in a fake of its own, and checks the
// call's result or typed error, how often the request was sent, and the state it left: reads
// return what the fake holds, writes are applied once or not at all, and MX's answer to a lost
// write is never taken for a failure that did nothing.
func TestFaults(t *testing.T) {
	for _, group := range []struct {
		name   string
		faults []faultCase
	}{{"transient", transientFaults}, {"permanent", permanentFaults}} {
		t.Run(group.name, func(t *testing.T) {
			for _, fl := range flows {
				t.Run(fl.name, func(t *testing.T) {
					for _, fc := range group.faults {
						t.Run(fc.name, func(t *testing.T) {
							t.Parallel()
							runCell(t, fl, fc)
						})
					}
				})
			}
		})
	}
}

// runCell runs flow fl through fault fc and checks the outcome.
func runCell(t *testing.T, fl flow, fc faultCase) {
	e := newEnv(t, fl)
	want := expect(fc, fl)
	if err := e.srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: fl.op, After: fl.after, Times: fc.times, Fault: fc.fault}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	err := fl.run(ctx, e)
	stats := e.srv.Fake.Requests(fl.op)
	e.srv.Fake.ClearFaults()

	switch {
	case want.ok && err != nil:
		t.Fatalf("failed: %v", err)
	case !want.ok && err == nil:
		t.Fatalf("succeeded, want an error (applied: %v)", want.applied)
	case err != nil:
		fc.wantErr(t, err)
	}
	if err != nil {
		if got := errors.Is(err, mxplatform.ErrOutcomeUnknown); got != want.unknown {
			t.Errorf("errors.Is(ErrOutcomeUnknown) is %v, want %v: %v", got, want.unknown, err)
		}
		if got := attempts(err); got != want.attempts && !isDecode(err) {
			t.Errorf("%d attempts, want %d: %v", got, want.attempts, err)
		}
		if strings.Contains(err.Error(), e.srv.APIKey) {
			t.Errorf("the error shows the API key: %v", err)
		}
	}
	// The fault struck as often as it should have: its whole burst before a success, every
	// attempt of a permanent fault, once when the request was not repeated.
	struck := stats.Faulted
	switch {
	case want.ok && !fc.benign && !(fc.bodyOnly && fl.noBody):
		if struck != fc.times {
			t.Errorf("the fault struck %d times, want %d", struck, fc.times)
		}
	case want.attempts == 1 && struck != 1:
		t.Errorf("the fault struck %d times, want once", struck)
	case want.attempts == maxAttempts && struck < maxAttempts:
		t.Errorf("the fault struck %d times, want at least %d", struck, maxAttempts)
	}
	if fl.repeat() != mxplatform.RepeatAlways && fc.mayApply && stats.Received != 1 {
		t.Errorf("%s was sent %d times; after an attempt that may have applied it, it must not be sent again", fl.op, stats.Received)
	}
	fl.check(t, e, err == nil, want.applied)
}

// wantStatus asserts an *mxplatform.Error with the status, MX's message and the sentinel.
func wantStatus(status int, sentinel error) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var e *mxplatform.Error
		if !errors.As(err, &e) || e.StatusCode != status {
			t.Fatalf("got %v, want an *mxplatform.Error with status %d", err, status)
		}
		if e.Message == "" || e.Operation == "" {
			t.Errorf("%d without MX's message or the operation: %+v", status, e)
		}
		if !errors.Is(err, sentinel) {
			t.Errorf("errors.Is(%v, %v) is false", err, sentinel)
		}
	}
}

// wantHTML asserts an *mxplatform.Error with the status and the HTML page as its body.
func wantHTML(status int) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var e *mxplatform.Error
		if !errors.As(err, &e) || e.StatusCode != status {
			t.Fatalf("got %v, want an *mxplatform.Error with status %d", err, status)
		}
		if e.Message != "" || !strings.Contains(string(e.Body), "<html>") {
			t.Errorf("message %q, body %q: want no message and the page", e.Message, e.Body)
		}
		if !errors.Is(err, mxplatform.ErrServerError) {
			t.Errorf("errors.Is(%v, ErrServerError) is false", err)
		}
	}
}

// wantTransport asserts an *mxplatform.TransportError, wrapping cause when it is not nil.
func wantTransport(cause error) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var te *mxplatform.TransportError
		if !errors.As(err, &te) || te.Operation == "" {
			t.Fatalf("got %v, want an *mxplatform.TransportError", err)
		}
		if cause != nil && !errors.Is(err, cause) {
			t.Errorf("errors.Is(%v, %v) is false", err, cause)
		}
		var e *mxplatform.Error
		if errors.As(err, &e) {
			t.Errorf("a transport error is also an *mxplatform.Error: %v", err)
		}
	}
}

// wantDecode asserts an *mxplatform.DecodeError of a status.
func wantDecode(status int) func(*testing.T, error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var de *mxplatform.DecodeError
		if !errors.As(err, &de) || de.StatusCode != status || de.Operation == "" {
			t.Fatalf("got %v, want an *mxplatform.DecodeError of a %d", err, status)
		}
		if errors.Is(err, mxplatform.ErrServerError) {
			t.Errorf("a decode error matches ErrServerError: %v", err)
		}
	}
}

// attempts returns how many times the request of a failed call was sent, as its error says.
func attempts(err error) int {
	var e *mxplatform.Error
	if errors.As(err, &e) {
		return e.Attempts
	}
	var te *mxplatform.TransportError
	if errors.As(err, &te) {
		return te.Attempts
	}
	return 0
}

func isDecode(err error) bool {
	var de *mxplatform.DecodeError
	return errors.As(err, &de)
}

// TestPartnerIDsMakeCreatesSafeToResend follows the package's advice for a create whose answer
// is lost: sent again with the same partner-defined id, it answers 409 and nothing is created
// twice.
func TestPartnerIDsMakeCreatesSafeToResend(t *testing.T) {
	e := newEnv(t, flowNamed(t, "CreateMember")) // its setup lists the credentials
	ctx := context.Background()
	for _, op := range []string{"createUser", "createMember"} {
		if err := e.srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: op, Times: 1, Fault: lost(mxplatformtest.ResetFault())}); err != nil {
			t.Fatal(err)
		}
	}
	create := func() (userErr, memberErr error) {
		_, userErr = e.mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr[mxplatform.UserID]("partner-user-1")})
		_, memberErr = e.mx.CreateMember(ctx, e.user, mxplatform.MemberCreateRequest{
			InstitutionCode: mxplatformtest.TestBankCode, Credentials: e.creds, ID: mxplatform.Ptr[mxplatform.MemberID]("partner-member-1"),
		}, nil)
		return userErr, memberErr
	}
	userErr, memberErr := create()
	wantTransport(nil)(t, userErr)
	wantTransport(nil)(t, memberErr)
	userErr, memberErr = create()
	wantStatus(http.StatusConflict, mxplatform.ErrConflict)(t, userErr)
	wantStatus(http.StatusConflict, mxplatform.ErrConflict)(t, memberErr)
	if c := e.srv.Fake.Counts(); c.Users != 2 || c.Members != 2 {
		t.Errorf("the fake holds %+v, want the seeded user and member and one of each created", c)
	}
}
