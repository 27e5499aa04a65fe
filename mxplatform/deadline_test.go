package mxplatform_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// The deadline of the calls of these tests, and how late past it a call may return before the
// test calls it a hang: generous, so that a loaded machine does not fail the test.
const (
	deadline = 300 * time.Millisecond
	margin   = 3 * time.Second
)

// hangFaults strike every request and would keep a call going for a minute or more.
var hangFaults = []faultCase{
	{name: "latency", fault: mxplatformtest.LatencyFault(time.Minute)},
	{name: "slow body", fault: mxplatformtest.SlowBodyFault(time.Minute), applies: true, bodyOnly: true},
	{name: "429 with Retry-After 60s", fault: mxplatformtest.RateLimitFault(time.Minute), retried: true, unapplied: true, wantErr: wantStatus(http.StatusTooManyRequests, mxplatform.ErrRateLimited)},
	{name: "resets with backoff", fault: mxplatformtest.ResetFault(), retried: true, mayApply: true, wantErr: wantTransport(nil)},
}

// TestNothingHangsPastItsDeadline runs every flow through faults that would hold it for a
// minute, with the default retry policy (real backoff, Retry-After obeyed up to 60 seconds)
// and a context deadline: every call returns by the deadline, give or take the margin, with
// the context's error, or with the fault's error when its request is not repeated or its next
// attempt could not start before the deadline; and a write it abandoned was applied at most
// once.
func TestNothingHangsPastItsDeadline(t *testing.T) {
	for _, fl := range flows {
		t.Run(fl.name, func(t *testing.T) {
			t.Parallel()
			// The cells spend their time waiting for the deadline: a flow's run all at once
			// rather than -parallel at a time.
			var wg sync.WaitGroup
			defer wg.Wait()
			for _, fc := range hangFaults {
				wg.Go(func() { t.Run(fc.name, func(t *testing.T) { hangCell(t, fl, fc) }) })
			}
		})
	}
}

// hangCell runs flow fl through fault fc with a deadline.
func hangCell(t *testing.T, fl flow, fc faultCase) {
	e := newEnv(t, fl, mxplatform.WithRetryPolicy(mxplatform.DefaultRetryPolicy()))
	if err := e.srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: fl.op, After: fl.after, Fault: fc.fault}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	err := fl.run(ctx, e)
	elapsed := time.Since(start)
	stats := e.srv.Fake.Requests(fl.op)
	e.srv.Fake.ClearFaults()

	if elapsed > deadline+margin {
		t.Errorf("returned after %s, past its %s deadline", elapsed, deadline)
	}
	ok := fc.bodyOnly && fl.noBody // a 204 has no body to slow down
	switch {
	case ok && err != nil:
		t.Fatalf("failed: %v", err)
	case ok:
	case fc.retried:
		// Not repeated, or its next attempt could not start before the deadline: its own
		// error, at once, not the deadline's.
		fc.wantErr(t, err)
	case !errors.Is(err, context.DeadlineExceeded):
		t.Fatalf("got %v, want the context's deadline", err)
	}
	if fl.repeat() != mxplatform.RepeatAlways && fc.mayApply && stats.Received != 1 {
		t.Errorf("%s was sent %d times", fl.op, stats.Received)
	}
	// A slow body comes after the write; the other faults strike before it.
	fl.check(t, e, err == nil, fc.applies)
}

// TestWaitEndsWithItsContext waits on a member whose job never moves (steps are manual): the
// wait between two reads ends with the context.
func TestWaitEndsWithItsContext(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx, err := srv.Client()
	if err != nil {
		t.Fatal(err)
	}
	u, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mx.AggregateMember(context.Background(), u.GUID, m.GUID, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	reads := 0
	_, err = mx.WaitForJob(ctx, u.GUID, m.GUID, &mxplatform.WaitOptions{
		Interval: 10 * time.Second, Progress: func(*mxplatform.MemberStatus) { reads++ },
	})
	if !errors.Is(err, context.DeadlineExceeded) || reads != 1 {
		t.Fatalf("%v after %d reads, want the context's deadline after one", err, reads)
	}
	if elapsed := time.Since(start); elapsed > deadline+margin {
		t.Errorf("returned after %s, past its %s deadline", elapsed, deadline)
	}
}

// TestTimeoutOptionBoundsEveryCall gives the API a timeout instead of the context a deadline:
// a read held by latency and a listing whose third page trickles in both end with it.
func TestTimeoutOptionBoundsEveryCall(t *testing.T) {
	for _, fc := range []faultCase{hangFaults[0], hangFaults[1]} {
		t.Run(fc.name, func(t *testing.T) {
			t.Parallel()
			fl := flowNamed(t, "ListTransactionsIter")
			e := newEnv(t, fl, mxplatform.WithTimeout(deadline))
			if err := e.srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: fl.op, After: fl.after, Fault: fc.fault}); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			err := fl.run(context.Background(), e)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("got %v, want the timeout", err)
			}
			// Each page has its own timeout: the first two came at once, the third timed out.
			if elapsed := time.Since(start); elapsed > deadline+margin {
				t.Errorf("returned after %s, past its %s timeout", elapsed, deadline)
			}
			if len(e.gotTxns) != fl.after*pageSize {
				t.Errorf("%d transactions before the timeout, want %d", len(e.gotTxns), fl.after*pageSize)
			}
		})
	}
}

// TestRetryAfterIsObeyed answers a read 429 once with a Retry-After, in seconds and as an
// HTTP date: the default policy waits at least that long before the second attempt, which
// succeeds.
func TestRetryAfterIsObeyed(t *testing.T) {
	dated := mxplatformtest.RateLimitFault(2 * time.Second)
	dated.RetryAfterDate = true
	for _, tc := range []struct {
		name    string
		fault   mxplatformtest.Fault
		atLeast time.Duration // an HTTP date counts whole seconds: 2s ahead is more than 1s
	}{
		{"seconds", mxplatformtest.RateLimitFault(time.Second), time.Second},
		{"HTTP date", dated, 900 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			read := flowNamed(t, "ReadAccount")
			e := newEnv(t, read, mxplatform.WithRetryPolicy(mxplatform.DefaultRetryPolicy()))
			if err := e.srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "readAccount", Times: 1, Fault: tc.fault}); err != nil {
				t.Fatal(err)
			}
			before := e.srv.Fake.Requests("readAccount")
			start := time.Now()
			if err := read.run(context.Background(), e); err != nil {
				t.Fatal(err)
			}
			if elapsed := time.Since(start); elapsed < tc.atLeast {
				t.Errorf("retried after %s, before the %s Retry-After asked", elapsed, tc.atLeast)
			}
			st := e.srv.Fake.Requests("readAccount")
			if st.Received-before.Received != 2 || st.Faulted != 1 {
				t.Errorf("counts %+v after %+v, want the 429 then the answer", st, before)
			}
		})
	}
}
