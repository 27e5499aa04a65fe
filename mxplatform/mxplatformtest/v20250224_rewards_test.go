package mxplatformtest_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// rewardsOf lists a member's rewards, failing the test on an error.
func rewardsOf(t *testing.T, mx *mxplatform.API, user mxplatform.UserGUID, member mxplatform.MemberGUID) []mxplatform.Reward {
	t.Helper()
	p, err := mx.ListRewards(context.Background(), user, member)
	if err != nil {
		t.Fatalf("ListRewards: %v", err)
	}
	if p.Pagination.TotalEntries != len(p.Items) {
		t.Errorf("pagination counts %d rewards, the page holds %d", p.Pagination.TotalEntries, len(p.Items))
	}
	return p.Items
}

// checkRewards checks the rewards of a member against its accounts: each names the member, the
// user and one of the member's accounts, has a positive balance in a unit and a kind of balance;
// every checking and credit card account has a BALANCE, and no other account has any.
func checkRewards(t *testing.T, mx *mxplatform.API, user mxplatform.UserGUID, member mxplatform.MemberGUID, rewards []mxplatform.Reward) {
	t.Helper()
	accounts, err := mx.ListMemberAccounts(context.Background(), user, member, nil)
	if err != nil {
		t.Fatal(err)
	}
	types := map[mxplatform.AccountGUID]mxplatform.AccountType{}
	for _, a := range accounts.Items {
		types[a.GUID] = a.Type
	}
	withBalance := map[mxplatform.AccountGUID]bool{}
	for _, r := range rewards {
		typ, ok := types[r.AccountGUID]
		if !ok || r.MemberGUID != member || r.UserGUID != user {
			t.Errorf("reward %s of account %s, member %s, user %s: not the member's", r.GUID, r.AccountGUID, r.MemberGUID, r.UserGUID)
		}
		if typ != mxplatform.AccountTypeChecking && typ != mxplatform.AccountTypeCreditCard {
			t.Errorf("reward %s of a %s account", r.GUID, typ)
		}
		if b, ok := r.Balance.Get(); !ok || b.Sign() <= 0 {
			t.Errorf("reward %s: balance %v, want a positive one", r.GUID, r.Balance)
		}
		if !slices.Contains([]string{"POINTS", "MILES", "CASH"}, r.UnitType) || r.Description == "" || r.CreatedAt == "" || r.UpdatedAt == "" {
			t.Errorf("reward %+v: want a unit, a description and times", r)
		}
		switch r.BalanceType {
		case "BALANCE":
			withBalance[r.AccountGUID] = true
		case "EXPIRING_BALANCE":
			if r.ExpiresOn == "" || r.UnitType == "CASH" {
				t.Errorf("expiring reward %+v: want points or miles with expires_on", r)
			}
		default:
			t.Errorf("reward %s: balance_type %q", r.GUID, r.BalanceType)
		}
	}
	for g, typ := range types {
		if (typ == mxplatform.AccountTypeChecking || typ == mxplatform.AccountTypeCreditCard) && !withBalance[g] {
			t.Errorf("the %s account %s has no reward balance", typ, g)
		}
	}
}

// TestFetchRewardsStepByStep runs fetchRewards with manual steps: nothing to read before, 202
// for a second fetch and 409 for another job while it runs, then rewards for the member's
// checking and credit card accounts, each readable by its GUID.
func TestFetchRewardsStepByStep(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithManualSteps())
	mx := newAPI(t, srv)
	ctx := context.Background()
	u, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rewardsOf(t, mx, u.GUID, m.GUID); len(got) != 0 {
		t.Fatalf("rewards before any fetch: %+v", got)
	}
	_, err = mx.ReadRewards(ctx, u.GUID, m.GUID, "RWD-00000000-0000-0000-0000-000000000000")
	wantStatusErr(t, err, http.StatusNotFound)

	res, err := mx.FetchRewards(ctx, u.GUID, m.GUID)
	if err != nil || res.Outcome != mxplatform.JobStarted || !res.Member.IsBeingAggregated.Value() || res.Member.MostRecentJobGUID == m.MostRecentJobGUID {
		t.Fatalf("FetchRewards = %+v, %v; want a new job", res, err)
	}
	again, err := mx.FetchRewards(ctx, u.GUID, m.GUID)
	if err != nil || again.Outcome != mxplatform.JobAlreadyRunning {
		t.Fatalf("FetchRewards while it runs = %+v, %v; want 202", again, err)
	}
	_, err = mx.AggregateMember(ctx, u.GUID, m.GUID)
	wantStatusErr(t, err, http.StatusConflict)
	_, err = mx.FetchStatements(ctx, u.GUID, m.GUID)
	wantStatusErr(t, err, http.StatusConflict)

	steps := 0
	for srv.Fake.Step() > 0 {
		steps++
		if len(rewardsOf(t, mx, u.GUID, m.GUID)) > 0 && readStatus(t, mx, u.GUID, m.GUID) != mxplatform.ConnectionStatusConnected {
			t.Error("rewards gathered before the member connected")
		}
	}
	st, err := mx.ReadMemberStatus(ctx, u.GUID, m.GUID)
	if err != nil || st.IsBeingAggregated.Value() || st.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Fatalf("after %d steps: %+v, %v; want CONNECTED, not aggregating", steps, st, err)
	}
	rewards := rewardsOf(t, mx, u.GUID, m.GUID)
	if len(rewards) == 0 {
		t.Fatal("no rewards after the job")
	}
	checkRewards(t, mx, u.GUID, m.GUID, rewards)
	for _, r := range rewards {
		got, err := mx.ReadRewards(ctx, u.GUID, m.GUID, r.GUID)
		if err != nil || got.GUID != r.GUID || !got.Balance.Value().Equal(r.Balance.Value()) || got.AccountGUID != r.AccountGUID {
			t.Errorf("ReadRewards(%s) = %+v, %v; want %+v", r.GUID, got, err, r)
		}
	}
}

// TestFetchRewardsAgain fetches twice: the rewards keep their GUIDs and creation times, the
// balances grow and the expiring ones stay; another member's or user's path answers 404.
func TestFetchRewardsAgain(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)
	m := newMember(t, mx, user, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)

	if r, err := mx.FetchRewardsAndWait(ctx, user, m.GUID, quickWait); err != nil || !r.Connected() {
		t.Fatalf("FetchRewardsAndWait = %+v, %v", r, err)
	}
	first := rewardsOf(t, mx, user, m.GUID)
	checkRewards(t, mx, user, m.GUID, first)
	if r, err := mx.FetchRewardsAndWait(ctx, user, m.GUID, quickWait); err != nil || !r.Connected() || r.Job != mxplatform.JobStarted {
		t.Fatalf("second FetchRewardsAndWait = %+v, %v", r, err)
	}
	second := rewardsOf(t, mx, user, m.GUID)
	if len(second) != len(first) {
		t.Fatalf("%d rewards after the second fetch, %d after the first", len(second), len(first))
	}
	for i, r := range second {
		was := first[i]
		if r.GUID != was.GUID || r.CreatedAt != was.CreatedAt || r.AccountGUID != was.AccountGUID || r.BalanceType != was.BalanceType {
			t.Errorf("reward %d changed: %+v, was %+v", i, r, was)
		}
		cmp := r.Balance.Value().Cmp(was.Balance.Value())
		if r.BalanceType == "BALANCE" && cmp <= 0 || r.BalanceType == "EXPIRING_BALANCE" && cmp != 0 {
			t.Errorf("%s %s went from %s to %s", r.BalanceType, r.GUID, was.Balance.Value(), r.Balance.Value())
		}
	}

	other := newUser(t, mx)
	otherMember := newMember(t, mx, other, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
	_, err := mx.ListRewards(ctx, other, m.GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ReadRewards(ctx, other, otherMember.GUID, first[0].GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	_, err = mx.ReadRewards(ctx, user, m.GUID, "RWD-00000000-0000-0000-0000-000000000000")
	wantStatusErr(t, err, http.StatusNotFound)

	// Deleting the member deletes its rewards.
	if err := mx.DeleteMember(ctx, user, m.GUID); err != nil {
		t.Fatal(err)
	}
	_, err = mx.ReadRewards(ctx, user, m.GUID, first[0].GUID)
	wantStatusErr(t, err, http.StatusNotFound)
}

// TestFetchRewardsOutcomes: the member's password picks the job's outcome (a challenge
// answered through WaitOptions.AnswerMFA gathers, a denied login gathers nothing); an
// institution without rewards answers 400; a member created for rewards gathers them in its
// first aggregation.
func TestFetchRewardsOutcomes(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	user := newUser(t, mx)

	challenged := newMember(t, mx, user, mxplatformtest.TestBankCode, mxplatformtest.PasswordChallenge)
	if r, err := mx.WaitForJob(ctx, user, challenged.GUID, quickWait); err != nil || !r.Connected() {
		t.Fatalf("first aggregation = %+v, %v", r, err)
	}
	if r, err := mx.FetchRewardsAndWait(ctx, user, challenged.GUID, quickWait); err != nil || !r.Connected() {
		t.Fatalf("FetchRewardsAndWait with a challenge = %+v, %v", r, err)
	}
	checkRewards(t, mx, user, challenged.GUID, rewardsOf(t, mx, user, challenged.GUID))

	denied := newMember(t, mx, user, mxplatformtest.TestBankCode, "denied")
	r, err := mx.FetchRewardsAndWait(ctx, user, denied.GUID, quickWait)
	if err != nil || r == nil || r.Status == nil || r.Status.ConnectionStatus != mxplatform.ConnectionStatusDenied {
		t.Fatalf("FetchRewardsAndWait with a denied login = %+v, %v; want DENIED", r, err)
	}
	if got := rewardsOf(t, mx, user, denied.GUID); len(got) != 0 {
		t.Errorf("a denied login gathered %d rewards", len(got))
	}

	wf := newMember(t, mx, user, "wells_fargo", mxplatformtest.PasswordConnect)
	_, err = mx.FetchRewards(ctx, user, wf.GUID)
	wantStatusErr(t, err, http.StatusBadRequest)

	creds := credentials(t, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
	withRewards, err := mx.CreateMember(ctx, user, mxplatform.MemberCreateRequest{
		InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds,
	}, &mxplatform.MemberCreateOptions{
		DataRequest: &mxplatform.DataRequest{Products: []mxplatform.SupportedProduct{mxplatform.SupportedProductTransactions, mxplatform.SupportedProductRewards}},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkRewards(t, mx, user, withRewards.GUID, rewardsOf(t, mx, user, withRewards.GUID))
	if len(rewardsOf(t, mx, user, withRewards.GUID)) == 0 {
		t.Error("a member created for rewards has none after its first aggregation")
	}
}

// TestRewardsFollowTheSeed gathers rewards in two fakes of one seed: the same programs and
// balances.
func TestRewardsFollowTheSeed(t *testing.T) {
	gather := func() []string {
		srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0), mxplatformtest.WithSeed(42))
		mx := newAPI(t, srv)
		user := newUser(t, mx)
		m := newMember(t, mx, user, "chase", mxplatformtest.PasswordConnect)
		if _, err := mx.FetchRewardsAndWait(context.Background(), user, m.GUID, quickWait); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rewardsOf(t, mx, user, m.GUID) {
			out = append(out, r.Description+" "+r.BalanceType+" "+r.Balance.Value().String()+" "+r.UnitType)
		}
		return out
	}
	one, two := gather(), gather()
	if len(one) == 0 || !slices.Equal(one, two) {
		t.Errorf("one seed gave %v, then %v", one, two)
	}
}
