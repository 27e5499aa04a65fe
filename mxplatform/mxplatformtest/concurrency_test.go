package mxplatformtest_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// TestConcurrentClients has 50 goroutines create users and members and update transactions at
// once, with jobs stepping in the background, then checks that nothing was lost: every object
// created is listed, every update is there, and the counts add up.
func TestConcurrentClients(t *testing.T) {
	const workers = 50
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(time.Millisecond))
	mx := newAPI(t, srv)
	ctx := context.Background()

	type result struct {
		user    mxplatform.UserGUID
		members []mxplatform.MemberGUID
		memos   map[mxplatform.TransactionGUID]string
	}
	creds := map[string][]mxplatform.CredentialRequest{}
	for _, code := range []mxplatform.InstitutionCode{"mxbank", "chase"} {
		for _, pw := range []string{mxplatformtest.PasswordConnect, mxplatformtest.PasswordChallenge} {
			creds[string(code)+"/"+pw] = credentials(t, mx, code, pw)
		}
	}
	results := make([]result, workers)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := func() (result, error) {
				res := result{memos: map[mxplatform.TransactionGUID]string{}}
				u, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID(fmt.Sprintf("user-%d", w)))})
				if err != nil {
					return res, err
				}
				res.user = u.GUID
				password := mxplatformtest.PasswordConnect
				if w%2 == 1 {
					password = mxplatformtest.PasswordChallenge
				}
				for i, code := range []mxplatform.InstitutionCode{"mxbank", "chase"} {
					m, err := mx.CreateMember(ctx, res.user, mxplatform.MemberCreateRequest{
						InstitutionCode: code, Credentials: creds[string(code)+"/"+password], ID: mxplatform.Ptr(mxplatform.MemberID(fmt.Sprintf("member-%d-%d", w, i))),
					}, nil)
					if err != nil {
						return res, err
					}
					res.members = append(res.members, m.GUID)
				}
				for _, mg := range res.members {
					if err := connect(ctx, mx, res.user, mg); err != nil {
						return res, err
					}
				}
				page, err := mx.ListTransactions(ctx, res.user, &mxplatform.ListTransactionsParams{RecordsPerPage: mxplatform.Ptr(10)})
				if err != nil {
					return res, err
				}
				for i, tx := range page.Items[:5] {
					memo := fmt.Sprintf("worker %d, transaction %d", w, i)
					if _, err := mx.UpdateTransaction(ctx, res.user, tx.GUID, mxplatform.TransactionUpdateRequest{Description: memo}); err != nil {
						return res, err
					}
					res.memos[tx.GUID] = memo
				}
				if _, err := mx.AggregateMember(ctx, res.user, res.members[0]); err != nil {
					return res, err
				}
				return res, connect(ctx, mx, res.user, res.members[0])
			}()
			if err != nil {
				errs <- fmt.Errorf("worker %d: %w", w, err)
				return
			}
			results[w] = res
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		return
	}
	srv.Fake.Settle()
	if n := srv.Fake.RunningJobs(); n != 0 {
		t.Fatalf("%d jobs still run", n)
	}

	var accounts, transactions, holdings int
	for w, res := range results {
		members, err := mx.ListMembers(ctx, res.user, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(members.Items) != 2 || members.Items[0].GUID != res.members[0] || members.Items[1].GUID != res.members[1] {
			t.Errorf("worker %d: members %+v, want %v", w, members.Items, res.members)
		}
		for _, m := range members.Items {
			if status(&m) != mxplatform.ConnectionStatusConnected {
				t.Errorf("worker %d: member %s is %s", w, m.GUID, status(&m))
			}
		}
		accts, err := mx.ListUserAccounts(ctx, res.user, &mxplatform.ListUserAccountsParams{RecordsPerPage: mxplatform.Ptr(100)})
		if err != nil {
			t.Fatal(err)
		}
		accounts += accts.Pagination.TotalEntries
		txns, err := mx.ListTransactions(ctx, res.user, &mxplatform.ListTransactionsParams{FromDate: mxplatform.Ptr("2000-01-01"), ToDate: mxplatform.Ptr("2100-01-01")})
		if err != nil {
			t.Fatal(err)
		}
		transactions += txns.Pagination.TotalEntries
		hs, err := mx.ListHoldings(ctx, res.user, nil)
		if err != nil {
			t.Fatal(err)
		}
		holdings += hs.Pagination.TotalEntries
		for guid, memo := range res.memos {
			tx, err := mx.ReadTransaction(ctx, res.user, guid, nil)
			if err != nil || tx.Description != memo {
				t.Errorf("worker %d: transaction %s description %v, %v; want %q", w, guid, tx, err, memo)
			}
		}
	}
	want := mxplatformtest.Counts{Users: workers, Members: 2 * workers, Accounts: accounts, Transactions: transactions, Holdings: holdings}
	if got := srv.Fake.Counts(); got != want {
		t.Errorf("the fake holds %+v, the lists show %+v", got, want)
	}
	if st := srv.Fake.Requests("createUser"); st.Handled != workers {
		t.Errorf("createUser handled %d times", st.Handled)
	}
}

// connect polls the member until it is connected, answering its challenges.
func connect(ctx context.Context, mx *mxplatform.API, ug mxplatform.UserGUID, mg mxplatform.MemberGUID) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		st, err := mx.ReadMemberStatus(ctx, ug, mg)
		if err != nil {
			return err
		}
		switch {
		case st.ConnectionStatus == mxplatform.ConnectionStatusChallenged && len(st.Challenges) > 0:
			var answers []mxplatform.ChallengeAnswer
			for _, c := range st.Challenges {
				answers = append(answers, mxplatform.ChallengeAnswer{GUID: c.GUID, Value: mxplatformtest.ChallengeAnswer})
			}
			if _, err := mx.ResumeAggregation(ctx, ug, mg, mxplatform.MemberResumeRequest{Challenges: answers}); err != nil {
				return err
			}
		case st.ConnectionStatus == mxplatform.ConnectionStatusConnected && !st.IsBeingAggregated.Value():
			return nil
		}
		time.Sleep(time.Millisecond)
	}
	return fmt.Errorf("member %s did not connect in 10s", mg)
}
