package mxplatform_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// The flows of the fault suite: the reads and writes every integration makes, each against a
// fake of its own seeded with a user and a connected member of MX Bank.

// maxAttempts is the retry budget of the suite's clients, the default one.
const maxAttempts = 4

// fastRetries is the default retry policy without its backoff: retries go at once, except that
// a Retry-After header is still obeyed, as it is whatever the backoff.
func fastRetries() mxplatform.Option {
	return mxplatform.WithRetryPolicy(mxplatform.RetryPolicy{
		MaxAttempts: maxAttempts,
		Backoff:     func(int, *http.Response) time.Duration { return time.Millisecond },
	})
}

// env is the world of one cell of the suite: a fake, a client, the seeded objects, and what
// the flow's calls returned.
type env struct {
	srv     *mxplatformtest.Server
	mx      *mxplatform.API
	user    mxplatform.UserGUID
	member  mxplatform.MemberGUID
	account mxplatform.AccountGUID
	txn     mxplatform.TransactionGUID
	desc    string // the description of txn before the flow
	creds   []mxplatform.CredentialRequest
	answers *mxplatform.MFAAnswers

	wantAccount *mxplatform.Account          // readAccount before any fault
	wantTxns    []mxplatform.TransactionGUID // the whole listing before any fault
	gotAccount  *mxplatform.Account          // what the flow read
	gotTxns     []mxplatform.TransactionGUID // what the flow listed
	gotStatus   *mxplatform.WaitResult       // where the flow's wait ended
	gotJob      *mxplatform.JobResult        // what the flow's job request answered
	gotMember   *mxplatform.Member           // the member the flow created
	gotUser     *mxplatform.User             // the user the flow created
	gotTxn      *mxplatform.Transaction      // the transaction the flow updated
}

// flow is one SDK flow run through faults of the operation op.
type flow struct {
	name string
	op   string // the operation whose requests faults strike
	// after lets this many requests of op through before the first strike (the first pages of
	// a listing).
	after int
	// write says whether op changes state.
	write bool
	// noBody says that op answers 204 without a body: faults that spoil a body leave it whole.
	noBody   bool
	password string                  // the seeded member's password (default: connect)
	options  []mxplatformtest.Option // beside WithStepInterval(0)
	setup    func(t *testing.T, e *env)
	run      func(ctx context.Context, e *env) error
	// check asserts the world after run, with faults cleared: for a write, applied says whether
	// its effect must be there (exactly once); for a read, ok says whether run succeeded and
	// its result must then equal what the fake held.
	check func(t *testing.T, e *env, ok, applied bool)
}

// flows are the flows of the suite.
var flows = []flow{
	{
		name: "ReadAccount", op: "readAccount",
		run: func(ctx context.Context, e *env) (err error) {
			e.gotAccount, err = e.mx.ReadAccount(ctx, e.user, e.account)
			return err
		},
		check: func(t *testing.T, e *env, ok, _ bool) {
			if ok && (e.gotAccount == nil || e.gotAccount.GUID != e.account || !e.gotAccount.Balance.Value().Equal(e.wantAccount.Balance.Value())) {
				t.Errorf("read %+v, want %+v", e.gotAccount, e.wantAccount)
			}
		},
	},
	{
		name: "ListTransactionsIter", op: "listTransactions", after: 2,
		setup: func(t *testing.T, e *env) {
			e.wantTxns = listTxns(t, context.Background(), e)
			if len(e.wantTxns) <= 3*pageSize {
				t.Fatalf("%d transactions: too few for a listing of several pages", len(e.wantTxns))
			}
		},
		run: func(ctx context.Context, e *env) error {
			e.gotTxns = nil
			for tx, err := range e.mx.ListTransactionsIter(ctx, e.user, &mxplatform.ListTransactionsParams{RecordsPerPage: mxplatform.Ptr(pageSize)}) {
				if err != nil {
					return err
				}
				e.gotTxns = append(e.gotTxns, tx.GUID)
			}
			return nil
		},
		check: func(t *testing.T, e *env, ok, _ bool) {
			if ok && !slices.Equal(e.gotTxns, e.wantTxns) {
				t.Errorf("listed %d transactions, want the %d listed before the faults, in order", len(e.gotTxns), len(e.wantTxns))
			}
			if !ok && len(e.gotTxns) != 2*pageSize {
				t.Errorf("%d transactions before the error, want the %d of the first two pages", len(e.gotTxns), 2*pageSize)
			}
		},
	},
	{
		name: "WaitForJob", op: "readMemberStatus",
		options: []mxplatformtest.Option{mxplatformtest.WithStepInterval(5 * time.Millisecond)},
		setup: func(t *testing.T, e *env) {
			if _, err := e.mx.AggregateMember(context.Background(), e.user, e.member, nil); err != nil {
				t.Fatal(err)
			}
		},
		run: func(ctx context.Context, e *env) (err error) {
			e.gotStatus, err = e.mx.WaitForJob(ctx, e.user, e.member, &mxplatform.WaitOptions{Interval: time.Millisecond, MaxInterval: 5 * time.Millisecond})
			return err
		},
		check: func(t *testing.T, e *env, ok, _ bool) {
			if ok && (e.gotStatus == nil || e.gotStatus.Status.ConnectionStatus != mxplatform.ConnectionStatusConnected || e.gotStatus.Status.IsBeingAggregated.Value()) {
				t.Errorf("the wait ended at %+v, want CONNECTED and no longer aggregating", e.gotStatus)
			}
		},
	},
	{
		name: "CreateUser", op: "createUser", write: true,
		run: func(ctx context.Context, e *env) (err error) {
			// No partner id: a second createUser would make a second user, not a 409.
			e.gotUser, err = e.mx.CreateUser(ctx, mxplatform.UserCreateRequest{Metadata: mxplatform.Ptr(`{"flow": "reliability"}`)})
			return err
		},
		check: func(t *testing.T, e *env, ok, applied bool) {
			wantCount(t, e, "users", e.srv.Fake.Counts().Users, 1+b2i(applied))
			if ok && (e.gotUser == nil || e.gotUser.GUID == "" || e.gotUser.Metadata != `{"flow": "reliability"}`) {
				t.Errorf("created %+v", e.gotUser)
			}
		},
	},
	{
		name: "CreateMember", op: "createMember", write: true,
		setup: func(t *testing.T, e *env) {
			e.creds = credentials(t, e.mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
		},
		run: func(ctx context.Context, e *env) (err error) {
			e.gotMember, err = e.mx.CreateMember(ctx, e.user, mxplatform.MemberCreateRequest{
				InstitutionCode: mxplatformtest.TestBankCode, Credentials: e.creds, // no partner id, as for users
			}, nil)
			return err
		},
		check: func(t *testing.T, e *env, ok, applied bool) {
			wantCount(t, e, "members", e.srv.Fake.Counts().Members, 1+b2i(applied))
			members, err := mxplatform.Collect(e.mx.ListMembersIter(context.Background(), e.user, nil))
			if err != nil {
				t.Fatal(err)
			}
			if len(members) != 1+b2i(applied) {
				t.Errorf("the user lists %d members, want %d", len(members), 1+b2i(applied))
			}
			if ok && (e.gotMember == nil || e.gotMember.GUID != members[len(members)-1].GUID) {
				t.Errorf("created %+v, the user lists %+v", e.gotMember, members)
			}
		},
	},
	{
		name: "UpdateTransaction", op: "updateTransaction", write: true,
		run: func(ctx context.Context, e *env) (err error) {
			e.gotTxn, err = e.mx.UpdateTransaction(ctx, e.user, e.txn, mxplatform.TransactionUpdateRequest{Description: "reliable"})
			return err
		},
		check: func(t *testing.T, e *env, ok, applied bool) {
			tx, err := e.mx.ReadTransaction(context.Background(), e.user, e.txn, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := e.desc
			if applied {
				want = "reliable"
			}
			if tx.Description != want {
				t.Errorf("description %q, want %q", tx.Description, want)
			}
			if ok && (e.gotTxn == nil || e.gotTxn.Description != "reliable") {
				t.Errorf("the update answered %+v", e.gotTxn)
			}
		},
	},
	{
		name: "AggregateMember", op: "aggregateMember", write: true,
		options: []mxplatformtest.Option{mxplatformtest.WithManualSteps()},
		run: func(ctx context.Context, e *env) (err error) {
			e.gotJob, err = e.mx.AggregateMember(ctx, e.user, e.member, nil)
			return err
		},
		check: func(t *testing.T, e *env, ok, applied bool) {
			// Steps are manual: a job started stays running, and a second request joins it.
			wantCount(t, e, "running jobs", e.srv.Fake.RunningJobs(), b2i(applied))
			if ok && (e.gotJob == nil || e.gotJob.Member.GUID != e.member || !e.gotJob.Member.IsBeingAggregated.Value()) {
				t.Errorf("the aggregation answered %+v", e.gotJob)
			}
		},
	},
	{
		name: "AnswerChallenges", op: "resumeAggregation", write: true,
		password: mxplatformtest.PasswordChallenge,
		options:  []mxplatformtest.Option{mxplatformtest.WithManualSteps()},
		setup: func(t *testing.T, e *env) {
			ch, err := e.mx.ListMemberChallenges(context.Background(), e.user, e.member, nil)
			if err != nil || !ch.Challenged || len(ch.Items) != 1 {
				t.Fatalf("challenges %+v, %v", ch, err)
			}
			e.answers = mxplatform.NewMFAAnswers(ch.Items)
			if err := e.answers.Set(ch.Items[0].GUID, mxplatformtest.ChallengeAnswer); err != nil {
				t.Fatal(err)
			}
		},
		run: func(ctx context.Context, e *env) (err error) {
			e.gotJob, err = e.mx.AnswerChallenges(ctx, e.user, e.member, e.answers)
			return err
		},
		check: func(t *testing.T, e *env, ok, applied bool) {
			st, err := e.mx.ReadMemberStatus(context.Background(), e.user, e.member)
			if err != nil {
				t.Fatal(err)
			}
			want := mxplatform.ConnectionStatusChallenged
			if applied {
				want = mxplatform.ConnectionStatusResumed
			}
			if st.ConnectionStatus != want {
				t.Errorf("member %s, want %s", st.ConnectionStatus, want)
			}
			if ok && (e.gotJob == nil || e.gotJob.Outcome != mxplatform.JobAlreadyRunning) {
				t.Errorf("the answers got %+v", e.gotJob)
			}
		},
	},
	{
		name: "DeleteMember", op: "deleteMember", write: true, noBody: true,
		run: func(ctx context.Context, e *env) error {
			return e.mx.DeleteMember(ctx, e.user, e.member)
		},
		check: func(t *testing.T, e *env, _, applied bool) {
			_, err := e.mx.ReadMember(context.Background(), e.user, e.member)
			switch {
			case applied && !errors.Is(err, mxplatform.ErrNotFound):
				t.Errorf("the member was to be deleted; reading it gives %v", err)
			case !applied && err != nil:
				t.Errorf("the member was to stay; reading it gives %v", err)
			}
			wantCount(t, e, "members", e.srv.Fake.Counts().Members, 1-b2i(applied))
		},
	},
}

// repeat returns when the SDK may send the flow's operation again, as the spec says.
func (fl flow) repeat() mxplatform.Repeat {
	switch v, _ := specRetries()[fl.op]; v {
	case "always":
		return mxplatform.RepeatAlways
	case "if-not-applied":
		return mxplatform.RepeatIfNotApplied
	}
	return mxplatform.RepeatNever
}

// specRetries returns the x-mx-retry of every operation of the spec.
var specRetries = sync.OnceValue(func() map[string]string {
	doc, err := openapi3.NewLoader().LoadFromFile("../api/platform-v20111101.yaml")
	if err != nil {
		panic(err)
	}
	out := map[string]string{}
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			out[o.OperationID], _ = o.Extensions["x-mx-retry"].(string)
		}
	}
	return out
})

// flowNamed returns the flow of the suite named name.
func flowNamed(t *testing.T, name string) flow {
	t.Helper()
	for _, fl := range flows {
		if fl.name == name {
			return fl
		}
	}
	t.Fatalf("no flow %q", name)
	return flow{}
}

// pageSize is the page size of the suite's listings: the fake's smallest, for many pages.
const pageSize = 10

// newEnv starts a fake for the flow, seeds it, and runs the flow's setup, all before any fault.
func newEnv(t *testing.T, fl flow, extra ...mxplatform.Option) *env {
	t.Helper()
	opts := append([]mxplatformtest.Option{mxplatformtest.WithStepInterval(0)}, fl.options...)
	srv := mxplatformtest.NewServer(t, opts...)
	mx, err := srv.Client(append([]mxplatform.Option{fastRetries()}, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{srv: srv, mx: mx}
	u, err := srv.Fake.AddUser(mxplatform.User{ID: "reliability"})
	if err != nil {
		t.Fatal(err)
	}
	e.user = u.GUID
	password := fl.password
	if password == "" {
		password = mxplatformtest.PasswordConnect
	}
	m, err := srv.Fake.AddMember(e.user, mxplatformtest.MemberSeed{Password: password})
	if err != nil {
		t.Fatal(err)
	}
	e.member = m.GUID
	ctx := context.Background()
	if password == mxplatformtest.PasswordConnect {
		accounts, err := mxplatform.Collect(mx.ListUserAccountsIter(ctx, e.user, nil))
		if err != nil || len(accounts) == 0 {
			t.Fatalf("accounts %v, %v", accounts, err)
		}
		e.account = accounts[0].GUID
		if e.wantAccount, err = mx.ReadAccount(ctx, e.user, e.account); err != nil {
			t.Fatal(err)
		}
		page, err := mx.ListTransactions(ctx, e.user, nil)
		if err != nil || len(page.Items) == 0 {
			t.Fatalf("transactions %v, %v", page, err)
		}
		e.txn, e.desc = page.Items[0].GUID, page.Items[0].Description
	}
	if fl.setup != nil {
		fl.setup(t, e)
	}
	return e
}

// listTxns lists the user's transactions as the flow does.
func listTxns(t *testing.T, ctx context.Context, e *env) []mxplatform.TransactionGUID {
	t.Helper()
	var out []mxplatform.TransactionGUID
	for tx, err := range e.mx.ListTransactionsIter(ctx, e.user, &mxplatform.ListTransactionsParams{RecordsPerPage: mxplatform.Ptr(pageSize)}) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tx.GUID)
	}
	return out
}

// credentials returns the credentials that log in to a test bank institution with password.
func credentials(t *testing.T, mx *mxplatform.API, code mxplatform.InstitutionCode, password string) []mxplatform.CredentialRequest {
	t.Helper()
	page, err := mx.ListInstitutionCredentials(context.Background(), code, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []mxplatform.CredentialRequest
	for _, c := range page.Items {
		v := "mxuser"
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			v = password
		}
		out = append(out, mxplatform.CredentialRequest{GUID: c.GUID, Value: v})
	}
	return out
}

// wantCount fails the test when a count of the fake is not want.
func wantCount(t *testing.T, e *env, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("the fake holds %d %s, want %d", got, what, want)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
