package mxplatform

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordSleeps replaces the pause between status reads for the duration of a test: nothing
// sleeps, and the pauses asked for are recorded.
func recordSleeps(t *testing.T) *[]time.Duration {
	var mu sync.Mutex
	var got []time.Duration
	saved := waitSleep
	waitSleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		got = append(got, d)
		mu.Unlock()
		return ctx.Err()
	}
	t.Cleanup(func() { waitSleep = saved })
	return &got
}

// memberScript is a fake member: aggregate, check balance and resume answer the given status,
// and each status read returns the next of a scripted sequence (the last repeats).
type memberScript struct {
	mu          sync.Mutex
	jobStatus   int
	jobAt       Timestamp
	statuses    []MemberStatus
	challenges  []Challenge // served by /challenges
	resumed     []string    // bodies of resume requests
	statusReads int
}

func memberState(s ConnectionStatus, aggregating bool, at string, challenges ...Challenge) MemberStatus {
	return MemberStatus{ConnectionStatus: s, IsBeingAggregated: OptionalOf(aggregating), AggregatedAt: Timestamp(at), Challenges: challenges, GUID: docMember}
}

func (m *memberScript) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	write := func(code int, v any) {
		w.Header().Set("Content-Type", mediaType)
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(v)
	}
	member := func() map[string]any {
		return map[string]any{"member": Member{GUID: docMember, AggregatedAt: m.jobAt, IsBeingAggregated: OptionalOf(true)}}
	}
	switch {
	case strings.HasSuffix(r.URL.Path, "/aggregate"), strings.HasSuffix(r.URL.Path, "/check_balance"),
		strings.HasSuffix(r.URL.Path, "/verify"), strings.HasSuffix(r.URL.Path, "/identify"):
		if m.jobStatus == 409 {
			write(409, map[string]any{"error": map[string]string{"message": "A verification is running."}})
			return
		}
		write(m.jobStatus, member())
	case strings.HasSuffix(r.URL.Path, "/resume"):
		b, _ := io.ReadAll(r.Body)
		m.resumed = append(m.resumed, string(b))
		write(202, member())
	case strings.HasSuffix(r.URL.Path, "/status"):
		s := m.statuses[min(m.statusReads, len(m.statuses)-1)]
		m.statusReads++
		write(200, map[string]any{"member": s})
	case strings.HasSuffix(r.URL.Path, "/challenges"):
		write(200, map[string]any{"challenges": m.challenges, "pagination": Pagination{CurrentPage: 1, PerPage: 100, TotalEntries: len(m.challenges), TotalPages: 1}})
	case r.URL.Path == "/users/"+string(docUser)+"/members/"+string(docMember)+"/account_numbers":
		write(200, map[string]any{"account_numbers": []AccountNumber{{AccountNumber: "123456789", RoutingNumber: "091000019", MemberGUID: docMember}}, "pagination": Pagination{CurrentPage: 1, PerPage: 1000, TotalEntries: 1, TotalPages: 1}})
	case strings.HasSuffix(r.URL.Path, "/account_owners"):
		write(200, map[string]any{"account_owners": []AccountOwner{{OwnerName: "Ada Lovelace", MemberGUID: docMember}}, "pagination": Pagination{CurrentPage: 1, PerPage: 1000, TotalEntries: 1, TotalPages: 1}})
	case r.URL.Path == "/users/partner-user-1":
		write(200, map[string]any{"user": User{GUID: docUser, ID: "partner-user-1"}})
	default:
		write(404, map[string]any{"error": map[string]string{"message": "no route " + r.URL.Path}})
	}
}

func textChallenge(guid ChallengeGUID, label string) Challenge {
	return Challenge{GUID: guid, Label: label, Type: ChallengeTypeText}
}

func TestAggregateWaitsThroughChallengeToConnected(t *testing.T) {
	sleeps := recordSleeps(t)
	const at = "2026-11-22T10:00:00Z"
	q := textChallenge("CRD-1", "What is your favorite color?")
	m := &memberScript{jobStatus: 200, jobAt: at, statuses: []MemberStatus{
		memberState(ConnectionStatusCreated, true, at),
		memberState(ConnectionStatusCreated, true, at),
		memberState(ConnectionStatusChallenged, true, at, q),
	}}
	srv := httptest.NewServer(m)
	defer srv.Close()
	a := newTestAPI(t, srv.URL)

	var seen []ConnectionStatus
	w := &WaitOptions{Progress: func(s *MemberStatus) { seen = append(seen, s.ConnectionStatus) }}
	r, err := a.AggregateAndWait(context.Background(), docUser, docMember, w)
	if err != nil {
		t.Fatal(err)
	}
	if r.Job != JobStarted || r.Status.ConnectionStatus != ConnectionStatusChallenged || len(r.Challenges) != 1 || r.Challenges[0].GUID != "CRD-1" {
		t.Fatalf("%+v", r)
	}
	if r.Info().Next != NextStepAnswerMFA {
		t.Errorf("next step %v", r.Info().Next)
	}
	if want := []ConnectionStatus{"CREATED", "CREATED", "CHALLENGED"}; strings.Join(statusNames(seen), ",") != strings.Join(statusNames(want), ",") {
		t.Errorf("progress %v", seen)
	}
	// The pause starts at the default interval and grows by half.
	if want := []time.Duration{3 * time.Second, 4500 * time.Millisecond, 6750 * time.Millisecond}; !equalDurations(*sleeps, want) {
		t.Errorf("pauses %v, want %v", *sleeps, want)
	}

	// Answer, then wait through RESUMED (even while not aggregating) to CONNECTED.
	m.statuses = []MemberStatus{
		memberState(ConnectionStatusResumed, true, at),
		memberState(ConnectionStatusResumed, false, at),
		memberState(ConnectionStatusConnected, true, at),
		memberState(ConnectionStatusConnected, false, at),
	}
	m.statusReads = 0
	answers := NewMFAAnswers(r.Challenges)
	if err := answers.Set("CRD-1", "blue"); err != nil {
		t.Fatal(err)
	}
	r, err = a.AnswerChallengesAndWait(context.Background(), docUser, docMember, answers, &WaitOptions{Interval: time.Second, MaxInterval: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status.ConnectionStatus != ConnectionStatusConnected || r.Job != JobAlreadyRunning || m.statusReads != 4 {
		t.Fatalf("%+v after %d reads", r, m.statusReads)
	}
	if len(m.resumed) != 1 || !strings.Contains(m.resumed[0], `{"guid":"CRD-1","value":"blue"}`) {
		t.Errorf("resume bodies %q", m.resumed)
	}
	if tail := (*sleeps)[3:]; !equalDurations(tail, []time.Duration{time.Second, 1500 * time.Millisecond, 2 * time.Second, 2 * time.Second}) {
		t.Errorf("pauses %v", tail)
	}
}

func statusNames(s []ConnectionStatus) []string {
	var out []string
	for _, x := range s {
		out = append(out, string(x))
	}
	return out
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAggregateJoinsARunningJob(t *testing.T) {
	recordSleeps(t)
	const at = "2026-11-22T10:00:00Z"
	m := &memberScript{jobStatus: 202, jobAt: at, statuses: []MemberStatus{memberState(ConnectionStatusConnected, true, at), memberState(ConnectionStatusConnected, false, at)}}
	srv := httptest.NewServer(m)
	defer srv.Close()
	r, err := newTestAPI(t, srv.URL).AggregateAndWait(context.Background(), docUser, docMember, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Job != JobAlreadyRunning || r.Status.ConnectionStatus != ConnectionStatusConnected || m.statusReads != 2 {
		t.Fatalf("%+v after %d reads", r, m.statusReads)
	}
}

func TestAnotherJobRunningIsReported(t *testing.T) {
	recordSleeps(t)
	m := &memberScript{jobStatus: 409}
	srv := httptest.NewServer(m)
	defer srv.Close()
	a := newTestAPI(t, srv.URL)
	for name, call := range map[string]func() (*WaitResult, error){
		"aggregate": func() (*WaitResult, error) {
			return a.AggregateAndWait(context.Background(), docUser, docMember, nil, nil)
		},
		"balances": func() (*WaitResult, error) {
			return a.CheckBalancesAndWait(context.Background(), docUser, docMember, nil)
		},
	} {
		r, err := call()
		var e *Error
		if r != nil || !errors.Is(err, ErrAnotherJobRunning) || !errors.Is(err, ErrConflict) || !errors.As(err, &e) || e.Message != "A verification is running." {
			t.Errorf("%s: %v, %v", name, r, err)
		}
	}
	if m.statusReads != 0 {
		t.Errorf("status read %d times", m.statusReads)
	}
}

func TestWaitSkipsStatusFromBeforeTheJob(t *testing.T) {
	recordSleeps(t)
	m := &memberScript{jobStatus: 200, jobAt: "2026-11-22T10:00:00Z", statuses: []MemberStatus{
		memberState(ConnectionStatusConnected, false, "2026-11-21T08:00:00Z"), // the previous job's state
		memberState(ConnectionStatusDenied, false, "2026-11-22T10:00:00Z"),
	}}
	srv := httptest.NewServer(m)
	defer srv.Close()
	r, err := newTestAPI(t, srv.URL).AggregateAndWait(context.Background(), docUser, docMember, nil, nil)
	if err != nil || r.Status.ConnectionStatus != ConnectionStatusDenied || r.Info().Next != NextStepReenterCredentials {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestWaitFetchesChallengesTheStatusLacks(t *testing.T) {
	recordSleeps(t)
	q := textChallenge("CRD-9", "Code?")
	m := &memberScript{statuses: []MemberStatus{memberState(ConnectionStatusChallenged, true, "x")}, challenges: []Challenge{q}}
	srv := httptest.NewServer(m)
	defer srv.Close()
	r, err := newTestAPI(t, srv.URL).WaitForJob(context.Background(), docUser, docMember, nil)
	if err != nil || len(r.Challenges) != 1 || r.Challenges[0].GUID != "CRD-9" || r.Job != 0 {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestWaitStopsWhenTheContextEnds(t *testing.T) {
	m := &memberScript{statuses: []MemberStatus{memberState(ConnectionStatusResumed, true, "x")}}
	srv := httptest.NewServer(m)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newTestAPI(t, srv.URL).WaitForJob(ctx, docUser, docMember, &WaitOptions{Interval: 10 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("%v after %v", err, time.Since(start))
	}
}

func TestSettled(t *testing.T) {
	for _, tc := range []struct {
		s           ConnectionStatus
		aggregating bool
		want        bool
	}{
		{ConnectionStatusConnected, true, false},
		{ConnectionStatusConnected, false, true},
		{ConnectionStatusChallenged, true, true},
		{ConnectionStatusDenied, true, true},
		{ConnectionStatusResumed, false, false},
		{ConnectionStatusDelayed, false, false},
		{ConnectionStatusCreated, false, true},
		{ConnectionStatus("SOMETHING_NEW"), false, true},
		{ConnectionStatus("SOMETHING_NEW"), true, false},
		{"", false, true},
	} {
		got := settled(&MemberStatus{ConnectionStatus: tc.s, IsBeingAggregated: OptionalOf(tc.aggregating)})
		if got != tc.want {
			t.Errorf("%v aggregating=%v: settled %v", tc.s.Info().Status, tc.aggregating, got)
		}
	}
}

// TestInfoOnValuesAndNil calls Info on a status constant, a nil result, a result without a status
// and a member whose status MX sent as null: none panics, and each explains the right status.
func TestInfoOnValuesAndNil(t *testing.T) {
	if info := ConnectionStatusDenied.Info(); info.Status != ConnectionStatusDenied || !info.UserMustAct {
		t.Errorf("DENIED: %+v", info)
	}
	var nilResult *WaitResult
	for name, r := range map[string]*WaitResult{"nil": nilResult, "no status": {}} {
		if info := r.Info(); !info.Known || info.Next != NextStepNone || info.Status != "" {
			t.Errorf("%s result: %+v", name, info)
		}
	}
	var m Member
	if err := json.Unmarshal([]byte(`{"guid": "MBR-1", "connection_status": null}`), &m); err != nil {
		t.Fatal(err)
	}
	if info := m.ConnectionStatus.Info(); info.Next != NextStepNone || info.Code != -1 {
		t.Errorf("null status: %+v", info)
	}
}

// TestAggregateAndWaitAfterALostAnswer: the aggregate request's answer is lost (504). It is not
// sent again, which could start a second job; the wait reads the member's state instead.
func TestAggregateAndWaitAfterALostAnswer(t *testing.T) {
	recordSleeps(t)
	const at = "2026-11-22T10:00:00Z"
	m := &memberScript{jobStatus: http.StatusGatewayTimeout, jobAt: at, statuses: []MemberStatus{
		memberState(ConnectionStatusConnected, true, at),
		memberState(ConnectionStatusConnected, false, at),
	}}
	var aggregates atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/aggregate") {
			aggregates.Add(1)
		}
		m.ServeHTTP(w, r)
	}))
	defer srv.Close()
	r, err := newTestAPI(t, srv.URL, fastRetries(nil)).AggregateAndWait(context.Background(), docUser, docMember, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if aggregates.Load() != 1 || r.Job != 0 || r.Status.ConnectionStatus != ConnectionStatusConnected || r.Status.IsBeingAggregated.Value() {
		t.Errorf("%d aggregate requests, result %+v", aggregates.Load(), r)
	}
}

// TestVerifyAndListAccountNumbers runs the one-call flow of instant account verification: the
// job, its MFA answered through WaitOptions.AnswerMFA, then the numbers; with the partner's
// user id, whose GUID the numbers' path needs; and a member that ends DENIED.
func TestVerifyAndListAccountNumbers(t *testing.T) {
	recordSleeps(t)
	const at = "2026-11-22T10:00:00Z"
	q := textChallenge("CRD-1", "What is your favorite color?")
	m := &memberScript{jobStatus: 200, jobAt: at, statuses: []MemberStatus{
		memberState(ConnectionStatusCreated, true, at),
		memberState(ConnectionStatusChallenged, true, at, q),
		memberState(ConnectionStatusResumed, true, at),
		memberState(ConnectionStatusConnected, false, at),
	}}
	srv := httptest.NewServer(m)
	defer srv.Close()
	a := newTestAPI(t, srv.URL)
	answered := 0
	w := &WaitOptions{AnswerMFA: func(ctx context.Context, cs []Challenge) (*MFAAnswers, error) {
		answered++
		answers := NewMFAAnswers(cs)
		return answers, answers.Set(cs[0].GUID, "blue")
	}}
	nums, err := a.VerifyAndListAccountNumbers(context.Background(), UserID("partner-user-1"), docMember, w)
	if err != nil {
		t.Fatal(err)
	}
	if len(nums) != 1 || nums[0].AccountNumber != "123456789" || nums[0].RoutingNumber != "091000019" {
		t.Errorf("numbers %+v", nums)
	}
	if answered != 1 || len(m.resumed) != 1 || !strings.Contains(m.resumed[0], `"value":"blue"`) {
		t.Errorf("answered %d times, resumed with %q", answered, m.resumed)
	}

	owners, err := a.IdentifyAndListAccountOwners(context.Background(), docUser, docMember, nil)
	if err != nil || len(owners) != 1 || owners[0].OwnerName != "Ada Lovelace" {
		t.Errorf("owners %+v, %v", owners, err)
	}

	denied := &memberScript{jobStatus: 200, jobAt: at, statuses: []MemberStatus{memberState(ConnectionStatusDenied, false, at)}}
	srv2 := httptest.NewServer(denied)
	defer srv2.Close()
	_, err = newTestAPI(t, srv2.URL).VerifyAndListAccountNumbers(context.Background(), docUser, docMember, nil)
	var nc *NotConnectedError
	if !errors.As(err, &nc) || nc.Result.Status.ConnectionStatus != ConnectionStatusDenied || nc.Result.Info().Next != NextStepReenterCredentials {
		t.Fatalf("%v, want a *NotConnectedError at DENIED", err)
	}
	if !strings.Contains(err.Error(), "verifyMember") || !strings.Contains(err.Error(), "DENIED") {
		t.Errorf("error %q", err)
	}
}
