package mxplatformtest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// productJob is a job of v20250224 beyond aggregation, with what it gathers.
type productJob struct {
	name  string
	start func(context.Context, mxplatform.UserIdentifier, mxplatform.MemberIdentifier, ...mxplatform.CallOption) (*mxplatform.JobResult, error)
	// gathered counts what the job left to read on the member.
	gathered func(t *testing.T, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) int
}

func productJobs(mx *mxplatform.API) []productJob {
	return []productJob{
		{"verifyMember", mx.VerifyMember, func(t *testing.T, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) int {
			p, err := mx.ListAccountNumbersByMember(context.Background(), ug, mg, nil)
			if err != nil {
				t.Fatal(err)
			}
			return p.Pagination.TotalEntries
		}},
		{"identifyMember", mx.IdentifyMember, func(t *testing.T, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) int {
			p, err := mx.ListAccountOwnersByMember(context.Background(), ug, mg, nil)
			if err != nil {
				t.Fatal(err)
			}
			return p.Pagination.TotalEntries
		}},
		{"extendHistory", mx.ExtendHistory, func(t *testing.T, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) int {
			// Older than the first aggregation's history: 91 days back and more.
			old, err := mx.ListTransactionsByMember(context.Background(), ug, mg, &mxplatform.ListTransactionsByMemberParams{
				FromDate: mxplatform.Ptr("1990-01-01"), ToDate: mxplatform.Ptr(time.Now().UTC().AddDate(0, 0, -91).Format(time.DateOnly)),
			})
			if err != nil {
				t.Fatal(err)
			}
			return old.Pagination.TotalEntries
		}},
		{"fetchStatements", mx.FetchStatements, func(t *testing.T, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) int {
			p, err := mx.ListStatementsByMember(context.Background(), ug, mg, nil)
			if err != nil {
				t.Fatal(err)
			}
			return p.Pagination.TotalEntries
		}},
	}
}

// TestProductJobs runs each job of v20250224 beyond aggregation, step by step: what it gathers
// is read as nothing before it runs and something after; the same kind asked again while it
// runs answers 202, another kind (an aggregation) 409, and the member's status moves through
// the steps.
func TestProductJobs(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ctx := context.Background()
	for _, job := range productJobs(mx) {
		t.Run(job.name, func(t *testing.T) {
			u, err := srv.Fake.AddUser(mxplatform.User{})
			if err != nil {
				t.Fatal(err)
			}
			m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{})
			if err != nil {
				t.Fatal(err)
			}
			if n := job.gathered(t, mx, u.GUID, m.GUID); n != 0 {
				t.Fatalf("before the job, %d records to read; want none", n)
			}
			res, err := job.start(ctx, u.GUID, m.GUID)
			if err != nil || res.Outcome != mxplatform.JobStarted || !res.Member.IsBeingAggregated.Value() || res.Member.MostRecentJobGUID == m.MostRecentJobGUID {
				t.Fatalf("start = %+v, %v; want a new job", res, err)
			}
			again, err := job.start(ctx, u.GUID, m.GUID)
			if err != nil || again.Outcome != mxplatform.JobAlreadyRunning {
				t.Fatalf("the same job again while it runs = %+v, %v; want 202", again, err)
			}
			_, err = mx.AggregateMember(ctx, u.GUID, m.GUID)
			wantStatusErr(t, err, http.StatusConflict)
			if _, err := mx.AggregateAndWait(ctx, u.GUID, m.GUID, quickWait); !errors.Is(err, mxplatform.ErrAnotherJobRunning) {
				t.Errorf("AggregateAndWait during %s = %v, want ErrAnotherJobRunning", job.name, err)
			}
			var seen []mxplatform.ConnectionStatus
			for srv.Fake.Step() > 0 {
				st, err := mx.ReadMemberStatus(ctx, u.GUID, m.GUID)
				if err != nil {
					t.Fatal(err)
				}
				seen = append(seen, st.ConnectionStatus)
				if job.name == "verifyMember" && st.HasProcessedAccountNumbers.Value() && !st.HasProcessedAccounts.Value() {
					t.Error("account numbers processed before accounts")
				}
			}
			st, err := mx.ReadMemberStatus(ctx, u.GUID, m.GUID)
			if err != nil || st.IsBeingAggregated.Value() || st.ConnectionStatus != mxplatform.ConnectionStatusConnected || !st.HasProcessedAccounts.Value() {
				t.Fatalf("after the job: %+v, %v (statuses seen %v)", st, err, seen)
			}
			if job.name == "verifyMember" && !st.HasProcessedAccountNumbers.Value() {
				t.Error("a verification did not process account numbers")
			}
			if n := job.gathered(t, mx, u.GUID, m.GUID); n == 0 {
				t.Errorf("after the job, nothing to read")
			}
		})
	}
}

// TestProductJobsWithMFA runs each job on a member whose password asks a challenge: the job
// waits CHALLENGED, a wrong answer leaves it REJECTED with nothing gathered, the right one
// gathers; the job helpers answer through WaitOptions.AnswerMFA.
func TestProductJobsWithMFA(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	for _, job := range productJobs(mx) {
		t.Run(job.name, func(t *testing.T) {
			u, err := srv.Fake.AddUser(mxplatform.User{})
			if err != nil {
				t.Fatal(err)
			}
			m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{Password: mxplatformtest.PasswordOptions})
			if err != nil {
				t.Fatal(err)
			}
			// The first aggregation waits for its answer too: answer it.
			if r, err := mx.WaitForJob(ctx, u.GUID, m.GUID, quickWait); err != nil || !r.Connected() {
				t.Fatalf("first aggregation = %+v, %v", r, err)
			}
			res, err := job.start(ctx, u.GUID, m.GUID)
			if err != nil || status(res.Member) != mxplatform.ConnectionStatusChallenged {
				t.Fatalf("start = %+v, %v; want CHALLENGED", res, err)
			}
			_, err = mx.AggregateMember(ctx, u.GUID, m.GUID)
			wantStatusErr(t, err, http.StatusConflict)
			answerAll(t, mx, u.GUID, m.GUID, "wrong-1")
			if s := readStatus(t, mx, u.GUID, m.GUID); s != mxplatform.ConnectionStatusRejected {
				t.Fatalf("after a wrong answer the member is %s, want REJECTED", s)
			}
			if n := job.gathered(t, mx, u.GUID, m.GUID); n != 0 {
				t.Errorf("a rejected job gathered %d records", n)
			}
			r, err := waitJob(ctx, mx, job.name, u.GUID, m.GUID)
			if err != nil || !r.Connected() || r.Job != mxplatform.JobStarted {
				t.Fatalf("the job again, answered by the helper = %+v, %v", r, err)
			}
			if n := job.gathered(t, mx, u.GUID, m.GUID); n == 0 {
				t.Error("after the answered job, nothing to read")
			}
		})
	}
}

// waitJob starts the job through its helper and waits for its end, answering its challenges.
func waitJob(ctx context.Context, mx *mxplatform.API, name string, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) (*mxplatform.WaitResult, error) {
	switch name {
	case "verifyMember":
		return mx.VerifyAndWait(ctx, ug, mg, quickWait)
	case "identifyMember":
		return mx.IdentifyAndWait(ctx, ug, mg, quickWait)
	case "extendHistory":
		return mx.ExtendHistoryAndWait(ctx, ug, mg, quickWait)
	}
	return mx.FetchStatementsAndWait(ctx, ug, mg, quickWait)
}

// TestProductJobFailures checks what refuses a job: an institution without the product (400),
// a member PENDING OAuth (400), an unknown member (404), a disabled user (403), and a password
// that fails the job, which gathers nothing.
func TestProductJobFailures(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	capOne := newMember(t, mx, ug, "capital_one", mxplatformtest.PasswordConnect) // no verification, no identification
	_, err := mx.VerifyMember(ctx, ug, capOne.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.IdentifyMember(ctx, ug, capOne.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	if _, err := mx.FetchStatements(ctx, ug, capOne.GUID); err != nil {
		t.Errorf("statements at capital_one: %v", err)
	}
	wf := newMember(t, mx, ug, "wells_fargo", mxplatformtest.PasswordConnect) // no statements
	_, err = mx.FetchStatements(ctx, ug, wf.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{InstitutionCode: "wells_fargo", Credentials: credentials(t, mx, "wells_fargo", "password")},
		&mxplatform.MemberCreateOptions{DataRequest: &mxplatform.DataRequest{Products: []mxplatform.SupportedProduct{mxplatform.SupportedProductStatements}}})
	wantStatusErr(t, err, http.StatusBadRequest)

	oauth, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{InstitutionCode: mxplatformtest.OAuthTestBankCode, IsOAuth: mxplatform.Ptr(true)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mx.VerifyMember(ctx, ug, oauth.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)
	_, err = mx.IdentifyMember(ctx, ug, mxplatform.MemberGUID("MBR-nope"))
	wantStatusErr(t, err, http.StatusNotFound)

	locked := newMember(t, mx, ug, "mxbank", "locked")
	res, err := mx.VerifyMember(ctx, ug, locked.GUID)
	if err != nil || status(res.Member) != mxplatform.ConnectionStatusLocked {
		t.Fatalf("verifying a LOCKED member = %+v, %v; want a job that ends LOCKED", res, err)
	}
	if p, err := mx.ListAccountNumbersByMember(ctx, ug, locked.GUID, nil); err != nil || len(p.Items) != 0 {
		t.Errorf("numbers of a member whose verification failed = %+v, %v", p, err)
	}

	if _, err := mx.UpdateUser(ctx, ug, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = mx.VerifyMember(ctx, ug, capOne.GUID)
	wantStatusErr(t, err, http.StatusForbidden)
	_, err = mx.ListAccountNumbersByMember(ctx, ug, capOne.GUID, nil)
	wantStatusErr(t, err, http.StatusForbidden)
	if u, err := mx.ReadUser(ctx, ug); err != nil || !u.IsDisabled.Value() {
		t.Errorf("a disabled user reads as %+v, %v", u, err)
	}
	if _, err := mx.UpdateUser(ctx, ug, mxplatform.UserUpdateRequest{IsDisabled: mxplatform.Ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := mx.FetchStatements(ctx, ug, capOne.GUID); err != nil {
		t.Errorf("statements once the user is enabled again: %v", err)
	}
}

// TestMemberDataRequest creates members that gather more than transactions at once:
// data_request.products decides what their aggregations gather.
func TestMemberDataRequest(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	ug := newUser(t, mx)
	m, err := mx.CreateMember(ctx, ug, mxplatform.MemberCreateRequest{InstitutionCode: "mxbank", Credentials: credentials(t, mx, "mxbank", "password")},
		&mxplatform.MemberCreateOptions{DataRequest: &mxplatform.DataRequest{Products: []mxplatform.SupportedProduct{
			mxplatform.SupportedProductAccountVerification, mxplatform.SupportedProductIdentityVerification, mxplatform.SupportedProductStatements,
		}}})
	if err != nil || status(m) != mxplatform.ConnectionStatusConnected {
		t.Fatalf("CreateMember = %+v, %v", m, err)
	}
	for _, job := range productJobs(mx) {
		n := job.gathered(t, mx, ug, m.GUID)
		if job.name == "extendHistory" != (n == 0) {
			t.Errorf("after creating a member for verification, identification and statements, %s left %d records", job.name, n)
		}
	}
	txns, err := mx.ListTransactionsByMember(ctx, ug, m.GUID, nil)
	if err != nil || len(txns.Items) != 0 {
		t.Errorf("a member created without the transactions product has %d transactions, %v", len(txns.Items), err)
	}
	st, err := mx.ReadMemberStatus(ctx, ug, m.GUID)
	if err != nil || !st.HasProcessedAccountNumbers.Value() || st.HasProcessedTransactions.Value() {
		t.Errorf("status = %+v, %v", st, err)
	}
}
