package mxplatformtest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

func TestStatusBurst(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithFaults(mxplatformtest.FaultRule{
		Operation: "readInstitution", After: 1, Times: 2, Fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable),
	}))
	mx := newAPI(t, srv)
	ctx := context.Background()
	var got []int
	for range 4 {
		var resp *http.Response
		_, err := mx.ReadInstitution(ctx, "mxbank", mxplatform.CaptureResponse(&resp))
		got = append(got, resp.StatusCode)
		if resp.StatusCode == http.StatusServiceUnavailable {
			e := wantStatusErr(t, err, http.StatusServiceUnavailable)
			if !errors.Is(err, mxplatform.ErrServerError) || e.Message == "" {
				t.Errorf("503 = %v", err)
			}
		}
	}
	if fmt.Sprint(got) != "[200 503 503 200]" {
		t.Errorf("statuses %v, want a burst of two 503 after the first request", got)
	}
	// Other operations are not struck.
	if _, err := mx.ListInstitutions(ctx, nil); err != nil {
		t.Errorf("ListInstitutions: %v", err)
	}
	if st := counts(srv.Fake.Requests("readInstitution")); st != (mxplatformtest.RequestStats{Received: 4, Faulted: 2, Handled: 2}) {
		t.Errorf("counts %+v", st)
	}
}

func TestSDKRetriesThroughFaults(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithFaults(
		mxplatformtest.FaultRule{Operation: "readInstitution", Times: 2, Fault: mxplatformtest.StatusFault(http.StatusBadGateway)},
		mxplatformtest.FaultRule{Operation: "listInstitutions", Times: 1, Fault: mxplatformtest.ResetFault()},
	))
	fast := mxplatform.WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 4, Backoff: func(int, *http.Response) time.Duration { return time.Millisecond }})
	mx, err := srv.Client(fast)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := mx.ReadInstitution(ctx, "mxbank"); err != nil {
		t.Fatalf("ReadInstitution through two 502: %v", err)
	}
	if st := counts(srv.Fake.Requests("readInstitution")); st != (mxplatformtest.RequestStats{Received: 3, Faulted: 2, Handled: 1}) {
		t.Errorf("readInstitution counts %+v", st)
	}
	if _, err := mx.ListInstitutions(ctx, nil); err != nil {
		t.Fatalf("ListInstitutions through a reset: %v", err)
	}
	if st := srv.Fake.Requests("listInstitutions"); st.Received != 2 || st.Handled != 1 {
		t.Errorf("listInstitutions counts %+v", st)
	}
}

func TestRetryAfter(t *testing.T) {
	srv := mxplatformtest.NewServer(t)
	if err := srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "listInstitutions", Times: 1, Fault: mxplatformtest.RateLimitFault(1500 * time.Millisecond)}); err != nil {
		t.Fatal(err)
	}
	dated := mxplatformtest.RateLimitFault(90 * time.Second)
	dated.RetryAfterDate = true
	if err := srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "readInstitution", Times: 1, Fault: dated}); err != nil {
		t.Fatal(err)
	}
	r := do(t, srv, request{method: "GET", path: "/institutions"})
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "2" {
		t.Errorf("429: status %d, Retry-After %q; want 2 (seconds, rounded up)", r.status, r.header.Get("Retry-After"))
	}
	r.message(t)
	r = do(t, srv, request{method: "GET", path: "/institutions/mxbank"})
	when, err := http.ParseTime(r.header.Get("Retry-After"))
	if r.status != http.StatusTooManyRequests || err != nil {
		t.Fatalf("429 with a date: status %d, Retry-After %q (%v)", r.status, r.header.Get("Retry-After"), err)
	}
	if d := time.Until(when); d < 80*time.Second || d > 91*time.Second {
		t.Errorf("Retry-After date is %s away, want about 90s", d)
	}
	if r := do(t, srv, request{method: "GET", path: "/institutions"}); r.status != http.StatusOK {
		t.Errorf("after the fault: %d", r.status)
	}
}

func TestBrokenAnswers(t *testing.T) {
	srv := mxplatformtest.NewServer(t)
	inject := func(op string, ft mxplatformtest.Fault) {
		t.Helper()
		if err := srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: op, Times: 1, Fault: ft}); err != nil {
			t.Fatal(err)
		}
	}
	mx := newAPIUnchecked(t, srv)
	ctx := context.Background()

	inject("listInstitutions", mxplatformtest.TruncatedBodyFault())
	_, err := mx.ListInstitutions(ctx, nil)
	var te *mxplatform.TransportError
	if !errors.As(err, &te) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated body: %v, want an unexpected EOF", err)
	}

	inject("readInstitution", mxplatformtest.NonJSONFault(0))
	_, err = mx.ReadInstitution(ctx, "mxbank")
	var e *mxplatform.Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusBadGateway || e.Message != "" || !strings.Contains(string(e.Body), "<html>") {
		t.Errorf("HTML page: %v", err)
	}

	inject("listFavoriteInstitutions", mxplatformtest.WrongContentTypeFault())
	r := do(t, srv, request{method: "GET", path: "/institutions/favorites"})
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), `"institutions"`) {
		t.Errorf("wrong Content-Type: %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
	}

	inject("readInstitution", mxplatformtest.SlowBodyFault(100*time.Millisecond))
	start := time.Now()
	inst, err := mx.ReadInstitution(ctx, "mxbank")
	if err != nil || inst.Code != "mxbank" {
		t.Errorf("slow body: %v", err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("slow body took %s, want about 100ms", d)
	}

	inject("listInstitutionCredentials", mxplatformtest.LatencyFault(50*time.Millisecond))
	start = time.Now()
	if _, err := mx.ListInstitutionCredentials(ctx, mxplatformtest.TestBankCode, nil); err != nil {
		t.Error(err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("latency fault took %s", d)
	}

	// net/http retries an idempotent request once when a reused connection is reset: a new
	// connection per request shows the reset itself.
	fresh, err := srv.Client(noRetries, mxplatform.WithHTTPClientConfig(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))
	if err != nil {
		t.Fatal(err)
	}
	inject("readInstitution", mxplatformtest.ResetFault())
	_, err = fresh.ReadInstitution(ctx, "mxbank")
	if !errors.As(err, &te) {
		t.Errorf("reset: %v, want a transport error", err)
	}
}

// newAPIUnchecked is newAPI without the spec check, for answers broken on purpose.
func newAPIUnchecked(t testing.TB, srv *mxplatformtest.Server) *mxplatform.API {
	t.Helper()
	mx, err := srv.Client(noRetries)
	if err != nil {
		t.Fatal(err)
	}
	return mx
}

// TestFaultsAfterApplying shows the difference between an answer refused and an answer lost.
func TestFaultsAfterApplying(t *testing.T) {
	srv := mxplatformtest.NewServer(t)
	mx := newAPIUnchecked(t, srv)
	ctx := context.Background()
	lost := mxplatformtest.StatusFault(http.StatusGatewayTimeout)
	lost.AfterApplying = true
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "createUser", Times: 1, Fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable)}))
	_, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("once"))})
	wantStatusErr(t, err, http.StatusServiceUnavailable)
	if c := srv.Fake.Counts(); c.Users != 0 {
		t.Errorf("a refused write was applied: %+v", c)
	}
	must(srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "createUser", Times: 1, Fault: lost}))
	_, err = mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("once"))})
	wantStatusErr(t, err, http.StatusGatewayTimeout)
	if c := srv.Fake.Counts(); c.Users != 1 {
		t.Errorf("a write whose answer was lost was not applied: %+v", c)
	}
	_, err = mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("once"))})
	wantStatusErr(t, err, http.StatusConflict)
	if st := counts(srv.Fake.Requests("createUser")); st != (mxplatformtest.RequestStats{Received: 3, Faulted: 2, Handled: 2}) {
		t.Errorf("counts %+v", st)
	}

	resetAfter := mxplatformtest.ResetFault()
	resetAfter.AfterApplying = true
	must(srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "createUser", Times: 1, Fault: resetAfter}))
	if _, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("twice"))}); err == nil {
		t.Error("a reset connection answered")
	}
	if c := srv.Fake.Counts(); c.Users != 2 {
		t.Errorf("a write reset after applying: %+v", c)
	}
	srv.Fake.ClearFaults()
	if _, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{}); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

func TestLatency(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithLatency(30*time.Millisecond, 10*time.Millisecond))
	mx := newAPI(t, srv)
	start := time.Now()
	if _, err := mx.ListInstitutions(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("answered in %s despite 30ms latency", d)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	if _, err := mx.ListInstitutions(ctx, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a call shorter than the latency: %v", err)
	}
}

func TestFaultRate(t *testing.T) {
	statuses := func(seed int64) []string {
		srv := mxplatformtest.NewServer(t, mxplatformtest.WithFaultRate(0.5), mxplatformtest.WithSeed(seed))
		// A connection per request: net/http would resend a GET reset on a reused one.
		client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		var out []string
		for range 40 {
			req, _ := http.NewRequest("GET", srv.URL+"/institutions", nil)
			req.SetBasicAuth(srv.ClientID, srv.APIKey)
			req.Header.Set("Accept-Version", current)
			resp, err := client.Do(req)
			if err != nil {
				out = append(out, "reset")
				continue
			}
			resp.Body.Close()
			out = append(out, strconv.Itoa(resp.StatusCode))
		}
		st := srv.Fake.Requests("listInstitutions")
		if st.Received != 40 || st.Faulted+st.Handled != 40 {
			t.Errorf("counts %+v", st)
		}
		return out
	}
	a, b := statuses(3), statuses(3)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the same seed drew different faults:\n%v\n%v", a, b)
	}
	var ok int
	for _, s := range a {
		if s == "200" {
			ok++
		}
	}
	if ok < 8 || ok > 32 {
		t.Errorf("%d of 40 requests succeeded at a fault rate of 0.5", ok)
	}
	if fmt.Sprint(a) == fmt.Sprint(statuses(4)) {
		t.Error("another seed drew the same faults")
	}
}

func TestFaultValidation(t *testing.T) {
	bad := []mxplatformtest.FaultRule{
		{Operation: "noSuchOperation", Fault: mxplatformtest.StatusFault(500)},
		{Fault: mxplatformtest.StatusFault(200)},
		{Fault: mxplatformtest.Fault{}},
		{After: -1, Fault: mxplatformtest.ResetFault()},
		{Fault: mxplatformtest.LatencyFault(-time.Second)},
	}
	for _, r := range bad {
		if _, err := mxplatformtest.NewFake(mxplatformtest.WithFaults(r)); err == nil {
			t.Errorf("WithFaults(%+v) was accepted", r)
		}
	}
	fake, err := mxplatformtest.NewFake()
	if err != nil {
		t.Fatal(err)
	}
	if err := fake.InjectFault(bad[0]); err == nil {
		t.Error("InjectFault accepted an unknown operation")
	}
	for _, opt := range []mxplatformtest.Option{
		mxplatformtest.WithFaultRate(1.5), mxplatformtest.WithLatency(-1, 0), mxplatformtest.WithStepInterval(-1),
		mxplatformtest.WithCredentials("", "key"), mxplatformtest.WithCredentials("a:b", "key"), mxplatformtest.WithChallengeTimeout(0),
		mxplatformtest.WithThrottle(-1, 0), mxplatformtest.WithAddr(" "), nil,
	} {
		if _, err := mxplatformtest.NewFake(opt); err == nil {
			t.Errorf("an invalid option was accepted")
		}
	}
}

// counts keeps of st the counts of requests received, faulted and handled, which the tests of
// faults compare; whether the client sends Accept-Version is for TestAcceptVersion.
func counts(st mxplatformtest.RequestStats) mxplatformtest.RequestStats {
	st.MissingAcceptVersion = 0
	return st
}
