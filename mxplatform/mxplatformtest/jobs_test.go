package mxplatformtest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// answerAll answers every challenge of the member with value and returns the resume result.
func answerAll(t testing.TB, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID, value string) *mxplatform.JobResult {
	t.Helper()
	ctx := context.Background()
	ch, err := mx.ListMemberChallenges(ctx, ug, mg, nil)
	if err != nil || !ch.Challenged {
		t.Fatalf("ListMemberChallenges = %+v, %v; want challenges", ch, err)
	}
	var answers []mxplatform.ChallengeAnswer
	for _, c := range ch.Items {
		answers = append(answers, mxplatform.ChallengeAnswer{GUID: c.GUID, Value: value})
	}
	res, err := mx.ResumeAggregation(ctx, ug, mg, mxplatform.MemberResumeRequest{Challenges: answers})
	if err != nil {
		t.Fatalf("ResumeAggregation: %v", err)
	}
	return res
}

func TestTestBankOutcomes(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ug := newUser(t, mx)
	cases := []struct {
		password string
		want     mxplatform.ConnectionStatus
		accounts bool
	}{
		{"password", mxplatform.ConnectionStatusConnected, true},
		{"PASSWORD", mxplatform.ConnectionStatusConnected, true},
		{"delayed", mxplatform.ConnectionStatusConnected, true},
		{"denied", mxplatform.ConnectionStatusDenied, false},
		{"not-the-password", mxplatform.ConnectionStatusDenied, false},
		{"locked", mxplatform.ConnectionStatusLocked, false},
		{"impeded", mxplatform.ConnectionStatusImpeded, false},
		{"failed", mxplatform.ConnectionStatusFailed, false},
		{"prevented", mxplatform.ConnectionStatusPrevented, false},
		{"degraded", mxplatform.ConnectionStatusDegraded, false},
		{"disconnected", mxplatform.ConnectionStatusDisconnected, false},
		{"discontinued", mxplatform.ConnectionStatusDiscontinued, false},
		{"closed", mxplatform.ConnectionStatusClosed, false},
		{"disabled", mxplatform.ConnectionStatusDisabled, false},
		{"impaired", mxplatform.ConnectionStatusImpaired, false},
		{"expired", mxplatform.ConnectionStatusExpired, false},
		{"challenge", mxplatform.ConnectionStatusChallenged, false},
	}
	for _, c := range cases {
		t.Run(c.password, func(t *testing.T) {
			m := newMember(t, mx, ug, "mxbank", c.password)
			if status(m) != c.want {
				t.Fatalf("password %q: %s, want %s", c.password, status(m), c.want)
			}
			accts, err := mx.ListUserAccounts(context.Background(), ug, nil)
			if err != nil {
				t.Fatal(err)
			}
			var mine int
			for _, a := range accts.Items {
				if a.MemberGUID == m.GUID {
					mine++
				}
			}
			if (mine > 0) != c.accounts {
				t.Errorf("password %q: %d accounts", c.password, mine)
			}
			if c.want == mxplatform.ConnectionStatusConnected {
				if m.IsBeingAggregated.Value() || m.SuccessfullyAggregatedAt == "" || m.ConnectionStatusMessage == "" {
					t.Errorf("connected member = %+v", m)
				}
			} else if c.want != mxplatform.ConnectionStatusChallenged && m.IsBeingAggregated.Value() {
				t.Errorf("a member %s is still being aggregated", c.want)
			}
		})
	}
}

func TestChallengeTypes(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	cases := []struct {
		password string
		types    []mxplatform.ChallengeType
	}{
		{mxplatformtest.PasswordChallenge, []mxplatform.ChallengeType{mxplatform.ChallengeTypeText}},
		{mxplatformtest.PasswordOptions, []mxplatform.ChallengeType{mxplatform.ChallengeTypeOptions}},
		{mxplatformtest.PasswordToken, []mxplatform.ChallengeType{mxplatform.ChallengeTypeToken}},
		{mxplatformtest.PasswordImage, []mxplatform.ChallengeType{mxplatform.ChallengeTypeImageData}},
		{mxplatformtest.PasswordImageOptions, []mxplatform.ChallengeType{mxplatform.ChallengeTypeImageOptions}},
		{mxplatformtest.PasswordMultipleChallenges, []mxplatform.ChallengeType{mxplatform.ChallengeTypeText, mxplatform.ChallengeTypeOptions}},
	}
	for _, c := range cases {
		t.Run(c.password, func(t *testing.T) {
			for _, answer := range []string{mxplatformtest.ChallengeAnswer, "wrong"} {
				m := newMember(t, mx, ug, "mxbank", c.password)
				mg := m.GUID
				ch, err := mx.ListMemberChallenges(ctx, ug, mg, nil)
				if err != nil || !ch.Challenged || len(ch.Items) != len(c.types) {
					t.Fatalf("ListMemberChallenges = %+v, %v", ch, err)
				}
				for i, got := range ch.Items {
					if got.Type != c.types[i] || got.GUID == "" || got.Label == "" {
						t.Fatalf("challenge %d = %+v, want %s", i, got, c.types[i])
					}
					switch got.Type {
					case mxplatform.ChallengeTypeOptions:
						if !hasOption(got.Options, mxplatformtest.ChallengeAnswer) {
							t.Errorf("OPTIONS challenge without the right option: %+v", got.Options)
						}
					case mxplatform.ChallengeTypeImageOptions:
						if len(got.ImageOptions) < 2 || got.ImageOptions[0].DataURI == "" {
							t.Errorf("IMAGE_OPTIONS challenge without images: %+v", got.ImageOptions)
						}
					case mxplatform.ChallengeTypeImageData:
						if got.ImageData == "" {
							t.Error("IMAGE_DATA challenge without image")
						}
					}
				}
				answerAll(t, mx, ug, mg, answer)
				want := mxplatform.ConnectionStatusConnected
				if answer != mxplatformtest.ChallengeAnswer {
					want = mxplatform.ConnectionStatusRejected
				}
				if s := readStatus(t, mx, ug, mg); s != want {
					t.Errorf("answer %q: %s, want %s", answer, s, want)
				}
			}
		})
	}
}

func hasOption(opts []mxplatform.ChallengeOption, value string) bool {
	for _, o := range opts {
		if o.Value == value {
			return true
		}
	}
	return false
}

// TestJobSteps walks a member through each step of its first aggregation with manual steps.
func TestJobSteps(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	m := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordConnect)
	mg := m.GUID

	type state struct {
		status              mxplatform.ConnectionStatus
		aggregating, authed bool
		accounts, txns      bool
		succeeded           bool
	}
	check := func(step string, want state) {
		t.Helper()
		st, err := mx.ReadMemberStatus(ctx, ug, mg)
		if err != nil {
			t.Fatal(err)
		}
		got := state{st.ConnectionStatus, st.IsBeingAggregated.Value(), st.IsAuthenticated.Value(), st.HasProcessedAccounts.Value(), st.HasProcessedTransactions.Value(), st.SuccessfullyAggregatedAt != ""}
		if got != want {
			t.Errorf("%s: status %+v, want %+v", step, got, want)
		}
		if st.AggregatedAt == "" {
			t.Errorf("%s: no aggregated_at", step)
		}
	}
	if status(m) != mxplatform.ConnectionStatusCreated || !m.IsBeingAggregated.Value() {
		t.Fatalf("new member = %s, aggregating %v", status(m), m.IsBeingAggregated.Value())
	}
	check("created", state{status: mxplatform.ConnectionStatusCreated, aggregating: true})
	if n := srv.Fake.Step(); n != 1 {
		t.Fatalf("Step moved %d jobs", n)
	}
	check("authenticated", state{status: mxplatform.ConnectionStatusConnected, aggregating: true, authed: true})
	srv.Fake.Step()
	check("accounts", state{status: mxplatform.ConnectionStatusConnected, aggregating: true, authed: true, accounts: true})
	if a, err := mx.ListUserAccounts(ctx, ug, nil); err != nil || len(a.Items) == 0 {
		t.Errorf("no accounts once processed: %v", err)
	}
	if tx, err := mx.ListTransactions(ctx, ug, nil); err != nil || len(tx.Items) != 0 {
		t.Errorf("transactions before they were processed: %v", err)
	}
	srv.Fake.Step()
	check("transactions", state{status: mxplatform.ConnectionStatusConnected, aggregating: true, authed: true, accounts: true, txns: true})
	srv.Fake.Step()
	check("finished", state{status: mxplatform.ConnectionStatusConnected, authed: true, accounts: true, txns: true, succeeded: true})
	if n := srv.Fake.Step(); n != 0 {
		t.Errorf("Step moved %d jobs after the end", n)
	}
}

func TestChallengeFlowSteps(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ug := newUser(t, mx)
	mg := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordChallenge).GUID
	if s := readStatus(t, mx, ug, mg); s != mxplatform.ConnectionStatusCreated {
		t.Fatalf("before the first step: %s", s)
	}
	srv.Fake.Step()
	if s := readStatus(t, mx, ug, mg); s != mxplatform.ConnectionStatusChallenged {
		t.Fatalf("after authenticating: %s", s)
	}
	if n := srv.Fake.Settle(); n != 0 {
		t.Errorf("Settle moved a job that waits for answers (%d steps)", n)
	}
	res := answerAll(t, mx, ug, mg, mxplatformtest.ChallengeAnswer)
	if res.Outcome != mxplatform.JobAlreadyRunning || status(res.Member) != mxplatform.ConnectionStatusResumed {
		t.Errorf("ResumeAggregation = %v %s, want 202 RESUMED", res.Outcome, status(res.Member))
	}
	srv.Fake.Step()
	if s := readStatus(t, mx, ug, mg); s != mxplatform.ConnectionStatusConnected {
		t.Errorf("after the answers: %s", s)
	}
	if n := srv.Fake.Settle(); n != 3 {
		t.Errorf("Settle ran %d steps, want accounts, transactions and finish", n)
	}
	if srv.Fake.RunningJobs() != 0 {
		t.Error("a job still runs")
	}
	_, err := mx.ResumeAggregation(context.Background(), ug, mg, mxplatform.MemberResumeRequest{Challenges: []mxplatform.ChallengeAnswer{{GUID: "CRD-x", Value: "x"}}})
	wantStatusErr(t, err, http.StatusBadRequest)
}

func TestChallengeExpiry(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps(), mxplatformtest.WithChallengeTimeout(5*time.Minute))
	mx := newAPI(t, srv)
	ug := newUser(t, mx)

	quick := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordExpired).GUID
	slow := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordChallenge).GUID
	srv.Fake.Step()
	for _, mg := range []mxplatform.MemberGUID{quick, slow} {
		if s := readStatus(t, mx, ug, mg); s != mxplatform.ConnectionStatusChallenged {
			t.Fatalf("%s: %s", mg, s)
		}
	}
	srv.Fake.Step()
	if s := readStatus(t, mx, ug, quick); s != mxplatform.ConnectionStatusExpired {
		t.Errorf("password expired after a step: %s", s)
	}
	if s := readStatus(t, mx, ug, slow); s != mxplatform.ConnectionStatusChallenged {
		t.Errorf("a challenge expired early: %s", s)
	}
	srv.Fake.AdvanceTime(4 * time.Minute)
	if s := readStatus(t, mx, ug, slow); s != mxplatform.ConnectionStatusChallenged {
		t.Errorf("a challenge expired before its timeout: %s", s)
	}
	srv.Fake.AdvanceTime(time.Minute)
	if s := readStatus(t, mx, ug, slow); s != mxplatform.ConnectionStatusExpired {
		t.Errorf("after the timeout: %s", s)
	}
	if ch, err := mx.ListMemberChallenges(context.Background(), ug, slow, nil); err != nil || ch.Challenged {
		t.Errorf("an expired member lists challenges: %+v, %v", ch, err)
	}
}

func TestDelayedSteps(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ug := newUser(t, mx)
	mg := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordDelayed).GUID
	var seen []mxplatform.ConnectionStatus
	for range 3 {
		srv.Fake.Step()
		seen = append(seen, readStatus(t, mx, ug, mg))
	}
	want := []mxplatform.ConnectionStatus{mxplatform.ConnectionStatusDelayed, mxplatform.ConnectionStatusConnected, mxplatform.ConnectionStatusConnected}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("statuses %v, want %v", seen, want)
		}
	}
}

// TestTimedSteps runs jobs on a short real step interval and polls as a client would.
func TestTimedSteps(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(5*time.Millisecond))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	m := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordChallenge)
	mg := m.GUID
	if status(m) != mxplatform.ConnectionStatusCreated {
		t.Fatalf("new member: %s", status(m))
	}
	waitFor(t, func() bool { return readStatus(t, mx, ug, mg) == mxplatform.ConnectionStatusChallenged })
	answerAll(t, mx, ug, mg, mxplatformtest.ChallengeAnswer)
	waitFor(t, func() bool {
		m, err := mx.ReadMember(ctx, ug, mg)
		return err == nil && status(m) == mxplatform.ConnectionStatusConnected && !m.IsBeingAggregated.Value()
	})
	if tx, err := mx.ListTransactions(ctx, ug, nil); err != nil || len(tx.Items) == 0 {
		t.Errorf("no transactions after the job: %v", err)
	}
}

// waitFor polls cond every millisecond for at most five seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 5s")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestAggregationThrottle(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)

	chase := newMember(t, mx, ug, "chase", mxplatformtest.PasswordConnect).GUID
	before, err := mx.ReadMember(ctx, ug, chase)
	if err != nil {
		t.Fatal(err)
	}
	res, err := mx.AggregateMember(ctx, ug, chase)
	if err != nil || res.Outcome != mxplatform.JobAlreadyRunning {
		t.Fatalf("AggregateMember within the throttle window = %+v, %v; want 202", res, err)
	}
	if res.Member.AggregatedAt != before.AggregatedAt || res.Member.IsBeingAggregated.Value() {
		t.Errorf("a throttled aggregation started a job: %+v", res.Member)
	}
	srv.Fake.AdvanceTime(3*time.Hour - time.Minute)
	if res, _ := mx.AggregateMember(ctx, ug, chase); res == nil || res.Outcome != mxplatform.JobAlreadyRunning {
		t.Errorf("AggregateMember a minute before the window ends: %+v", res)
	}
	srv.Fake.AdvanceTime(time.Minute)
	res, err = mx.AggregateMember(ctx, ug, chase)
	if err != nil || res.Outcome != mxplatform.JobStarted {
		t.Fatalf("AggregateMember after the window = %+v, %v; want 200", res, err)
	}

	// MX Bank is never throttled.
	mxbank := newMember(t, mx, ug, "mxbank", mxplatformtest.PasswordConnect).GUID
	for range 3 {
		if res, err := mx.AggregateMember(ctx, ug, mxbank); err != nil || res.Outcome != mxplatform.JobStarted {
			t.Fatalf("AggregateMember at MX Bank = %+v, %v", res, err)
		}
	}

	// Members with credential errors are not throttled.
	rejected := newMember(t, mx, ug, "chase", mxplatformtest.PasswordChallenge).GUID
	answerAll(t, mx, ug, rejected, "wrong")
	if s := readStatus(t, mx, ug, rejected); s != mxplatform.ConnectionStatusRejected {
		t.Fatalf("status %s", s)
	}
	if res, err := mx.AggregateMember(ctx, ug, rejected); err != nil || res.Outcome != mxplatform.JobStarted {
		t.Errorf("AggregateMember of a REJECTED member = %+v, %v; want 200", res, err)
	}
}

func TestJobConflicts(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	mg := newMember(t, mx, ug, "chase", mxplatformtest.PasswordConnect).GUID

	// An aggregation runs: aggregating again joins it, a balance check conflicts.
	res, err := mx.AggregateMember(ctx, ug, mg)
	if err != nil || res.Outcome != mxplatform.JobAlreadyRunning || !res.Member.IsBeingAggregated.Value() {
		t.Fatalf("AggregateMember while aggregating = %+v, %v; want 202", res, err)
	}
	_, err = mx.CheckBalances(ctx, ug, mg)
	wantStatusErr(t, err, http.StatusConflict)
	srv.Fake.Settle()

	// A balance check runs: checking again joins it, an aggregation conflicts.
	bal, err := mx.CheckBalances(ctx, ug, mg)
	if err != nil || bal.Outcome != mxplatform.JobStarted {
		t.Fatalf("CheckBalances = %+v, %v", bal, err)
	}
	if bal, err := mx.CheckBalances(ctx, ug, mg); err != nil || bal.Outcome != mxplatform.JobAlreadyRunning {
		t.Errorf("CheckBalances while checking = %+v, %v; want 202", bal, err)
	}
	_, err = mx.AggregateMember(ctx, ug, mg)
	wantStatusErr(t, err, http.StatusConflict)
	srv.Fake.Settle()

	// Within two hours of a balance check, another answers 429.
	_, err = mx.CheckBalances(ctx, ug, mg)
	wantStatusErr(t, err, http.StatusTooManyRequests)
	srv.Fake.AdvanceTime(2 * time.Hour)
	if bal, err := mx.CheckBalances(ctx, ug, mg); err != nil || bal.Outcome != mxplatform.JobStarted {
		t.Errorf("CheckBalances after two hours = %+v, %v", bal, err)
	}
}

func TestThrottleOption(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0), mxplatformtest.WithThrottle(0, 0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	mg := newMember(t, mx, ug, "chase", mxplatformtest.PasswordConnect).GUID
	for range 2 {
		if res, err := mx.AggregateMember(ctx, ug, mg); err != nil || res.Outcome != mxplatform.JobStarted {
			t.Errorf("AggregateMember without throttle = %+v, %v", res, err)
		}
		if res, err := mx.CheckBalances(ctx, ug, mg); err != nil || res.Outcome != mxplatform.JobStarted {
			t.Errorf("CheckBalances without throttle = %+v, %v", res, err)
		}
	}
}

func TestUpdateCredentials(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	mg := newMember(t, mx, ug, "mxbank", "typo").GUID
	if s := readStatus(t, mx, ug, mg); s != mxplatform.ConnectionStatusDenied {
		t.Fatalf("wrong password: %s", s)
	}
	m, err := mx.ReadMember(ctx, ug, mg)
	if err != nil || !m.NeedsUpdatedCredentials.Value() {
		t.Errorf("a DENIED member does not need new credentials: %+v", m)
	}
	creds := credentials(t, mx, "mxbank", mxplatformtest.PasswordConnect)
	pass := creds[1:] // the password alone; the user name is kept
	// v20111101 takes skip_aggregation, which v20250224 dropped.
	upd, err := newAPIV1(t, srv).UpdateMember(ctx, ug, mg, v20111101.MemberUpdateRequest{Credentials: pass, SkipAggregation: mxplatform.Ptr(true)})
	if err != nil || status(upd) != mxplatform.ConnectionStatusUpdated {
		t.Fatalf("UpdateMember with skip_aggregation = %s, %v; want UPDATED", status(upd), err)
	}
	upd, err = mx.UpdateMember(ctx, ug, mg, mxplatform.MemberUpdateRequest{Credentials: pass})
	if err != nil || status(upd) != mxplatform.ConnectionStatusConnected {
		t.Fatalf("UpdateMember with the right password = %s, %v; want CONNECTED", status(upd), err)
	}
	bad := []mxplatform.CredentialRequest{{GUID: "CRD-nope", Value: "x"}}
	_, err = mx.UpdateMember(ctx, ug, mg, mxplatform.MemberUpdateRequest{Credentials: bad})
	wantStatusErr(t, err, http.StatusBadRequest)
}

func TestOAuthMembers(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	create := func() mxplatform.MemberGUID {
		m, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{InstitutionCode: "mx_bank_oauth", IsOAuth: mxplatform.Ptr(true)}, nil)
		if err != nil || status(m) != mxplatform.ConnectionStatusPending || m.OAuthWindowURI == "" || m.IsBeingAggregated.Value() {
			t.Fatalf("CreateMember OAuth = %+v, %v", m, err)
		}
		return m.GUID
	}

	pending := create()
	_, err := mx.AggregateMember(ctx, ug, pending)
	wantStatusErr(t, err, http.StatusBadRequest)
	if creds, err := mx.ListMemberCredentials(ctx, ug, pending, nil); err != nil || len(creds.Items) != 0 {
		t.Errorf("an OAuth member lists credentials: %+v, %v", creds, err)
	}
	if err := srv.Fake.CompleteOAuth(ug, pending, false); err != nil {
		t.Fatal(err)
	}
	if s := readStatus(t, mx, ug, pending); s != mxplatform.ConnectionStatusDenied {
		t.Errorf("after refusing OAuth: %s", s)
	}
	if err := srv.Fake.CompleteOAuth(ug, pending, true); err == nil {
		t.Error("CompleteOAuth succeeded twice for one window")
	}

	// A new window, asked to skip aggregation: connected without data.
	if _, err := mx.RequestOAuthWindowURI(ctx, ug, pending, &mxplatform.RequestOAuthWindowURIParams{SkipAggregation: mxplatform.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Fake.CompleteOAuth(ug, pending, true); err != nil {
		t.Fatal(err)
	}
	if s := readStatus(t, mx, ug, pending); s != mxplatform.ConnectionStatusConnected {
		t.Errorf("after OAuth with skip_aggregation: %s", s)
	}
	if a, _ := mx.ListUserAccounts(ctx, ug, nil); a == nil || len(a.Items) != 0 {
		t.Error("skip_aggregation gathered accounts")
	}

	approved := create()
	if err := srv.Fake.CompleteOAuth(ug, approved, true); err != nil {
		t.Fatal(err)
	}
	m, err := mx.ReadMember(ctx, ug, approved)
	if err != nil || status(m) != mxplatform.ConnectionStatusConnected || m.OAuthWindowURI != "" || m.SuccessfullyAggregatedAt == "" {
		t.Errorf("after approving OAuth: %+v, %v", m, err)
	}
	if res, err := mx.AggregateMember(ctx, ug, approved); err != nil || res.Outcome != mxplatform.JobStarted {
		t.Errorf("AggregateMember of an OAuth member = %+v, %v", res, err)
	}

	// A window URI of another member, or a made-up one, is refused.
	denied := do(t, srv, request{method: "GET", path: "/oauth/predirect_to/" + string(approved) + "/nope", noAuth: true})
	if denied.status != http.StatusNotFound {
		t.Errorf("a made-up OAuth window answered %d", denied.status)
	}
}
