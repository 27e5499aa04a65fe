package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform/internal/spectest"
)

// jobOperations start a job at MX (a login at the institution), create a resource or merge
// two: a blind repeat could do it twice.
var jobOperations = []string{
	"createUser", "createMember", "createCategory", "createManualAccount", "createManualTransaction",
	"aggregateMember", "checkBalances", "resumeAggregation", "updateMember", "verifyMember",
	"identifyMember", "extendHistory", "fetchStatements", "mergeAccounts",
	"createMicrodeposit", "verifyMicrodeposit", "requestAuthorizationCode", "checkRealTimeAccountBalance",
	"createBudget", "autoGenerateBudgets", "createGoal", "createSpendingPlan", "createSpendingPlanIterationItem",
	"createSplitTransactions", "createSplitTransactionsByAccount", "createTag", "createTagging",
	"createTransactionRule", "createNotification", "createACHReturn", "fetchRewards",
}

// onceOperations are sent once and never again: deactivateUser, a GET that changes state.
var onceOperations = []string{"deactivateUser"}

// TestJobOperationsAreRepeatedOnlyIfNotApplied checks the spec's choice for every operation
// that starts a job or creates something, for those sent once, and that every other operation
// may be repeated.
func TestJobOperationsAreRepeatedOnlyIfNotApplied(t *testing.T) {
	for id, o := range specOperations(t) {
		v, _ := o.Op.Extensions["x-mx-retry"].(string)
		want := "always"
		for _, job := range jobOperations {
			if id == job {
				want = "if-not-applied"
			}
		}
		for _, once := range onceOperations {
			if id == once {
				want = "never"
			}
		}
		if v != want {
			t.Errorf("%s: x-mx-retry %q, want %q", id, v, want)
		}
	}
}

// firstAttempt is how the first attempt of a call fails, and whether MX may have applied it.
type firstAttempt struct {
	name       string
	answer     http.HandlerFunc // nil: the connection is refused before the request is written
	mayApplied bool
}

var firstAttempts = []firstAttempt{
	{"429", status(http.StatusTooManyRequests, "Retry-After", "0"), false},
	{"503", status(http.StatusServiceUnavailable), false},
	{"refused connection", nil, false},
	{"502", status(http.StatusBadGateway), true},
	{"504", status(http.StatusGatewayTimeout), true},
	{"reset after the request", reset, true},
}

// TestEveryOperationRetriesAsItsSpecSays sends every operation through each kind of failed
// first attempt, then MX's answer: an operation is sent again when its x-mx-retry allows it
// after that attempt (always: after any; if-not-applied: after one that applied nothing;
// never: after none) and then succeeds; otherwise it is sent once, and its error says that the
// outcome is unknown exactly when MX may have applied it.
func TestEveryOperationRetriesAsItsSpecSays(t *testing.T) {
	for _, call := range spectest.Calls(t, loadSpec(t), fixturesDir, testClient()) {
		for _, first := range firstAttempts {
			t.Run(call.ID+"/"+first.name, func(t *testing.T) {
				steps := []http.HandlerFunc{first.answer, call.Answer(t)}
				opts := []Option{WithUserAgent("test-suite/1")}
				if first.answer == nil {
					steps = steps[1:]
					opts = append(opts, WithHTTPClientConfig(&http.Client{Transport: refuseFirstDial()}))
				}
				s := &script{steps: steps}
				srv := httptest.NewServer(s)
				defer srv.Close()
				a := newTestAPI(t, srv.URL, append(opts, fastRetries(nil))...)
				_, err := call.Invoke(t, a)
				sent := s.count()
				if first.answer == nil {
					sent++ // the refused attempt never reached the server
				}
				if call.Repeat == "always" || call.Repeat == "if-not-applied" && !first.mayApplied {
					if err != nil || sent != 2 {
						t.Fatalf("%s after %s: %v after %d attempts, want success at the second", call.Repeat, first.name, err, sent)
					}
					return
				}
				if err == nil || sent != 1 {
					t.Fatalf("%s after %s: %v after %d attempts, want the error of the only attempt", call.Repeat, first.name, err, sent)
				}
				if errors.Is(err, ErrOutcomeUnknown) != first.mayApplied {
					t.Errorf("%s after %s: %v; matches ErrOutcomeUnknown: %v, want %v", call.Repeat, first.name, err, !first.mayApplied, first.mayApplied)
				}
			})
		}
	}
}

// refuseFirstDial returns a transport whose first connection is refused, as by a server that is
// down, and whose later ones connect.
func refuseFirstDial() *http.Transport {
	var dials atomic.Int32
	tr := DefaultTransport()
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	return tr
}

// TestMayHaveBeenApplied classifies attempts: only a 429, a 501, a 503, a 505 and a connection that never
// carried the request say that nothing was applied.
func TestMayHaveBeenApplied(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "https://api.mx.com/users", nil)
	for _, tc := range []struct {
		status int
		err    error
		want   bool
	}{
		{status: 429}, {status: 501}, {status: 503}, {status: 505},
		{status: 200, want: true}, {status: 400, want: true}, {status: 500, want: true}, {status: 502, want: true}, {status: 504, want: true},
		{err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}},
		{err: fmt.Errorf("wrapped: %w", &net.DNSError{Err: "no such host", Name: "api.mx.com"})},
		{err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}, want: true},
		{err: errors.New("unexpected EOF"), want: true},
	} {
		var resp *http.Response
		if tc.err == nil {
			resp = &http.Response{StatusCode: tc.status}
		}
		if got := MayHaveBeenApplied(req, resp, tc.err); got != tc.want {
			t.Errorf("status %d, error %v: %v, want %v", tc.status, tc.err, got, tc.want)
		}
	}
	// Traced: a connection was had but the request never written on it.
	traced := withWriteTrace(req)
	writeTraceOf(traced).gotConn.Store(true)
	if MayHaveBeenApplied(traced, nil, errors.New("broken pipe")) {
		t.Error("a request never written may have been applied")
	}
	writeTraceOf(traced).wroteHeaders.Store(true)
	if !MayHaveBeenApplied(traced, nil, errors.New("broken pipe")) {
		t.Error("a written request without an answer was not applied")
	}
}
