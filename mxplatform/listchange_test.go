package mxplatform_test

import (
	"context"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// TestIteratorYieldsEachRecordOnceWhileTheListChanges adds transactions at the head of a list
// while it is read 10 a page: MX pages by offset, so the later pages shift and repeat records
// already read. The iterator yields each record once, and every record there was before, with
// and without prefetching.
func TestIteratorYieldsEachRecordOnceWhileTheListChanges(t *testing.T) {
	for _, prefetch := range []int{0, 2} {
		srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
		mx, err := srv.Client()
		if err != nil {
			t.Fatal(err)
		}
		u, err := srv.Fake.AddUser(mxplatform.User{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{Password: mxplatformtest.PasswordConnect}); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		params := &mxplatform.ListTransactionsParams{RecordsPerPage: mxplatform.Ptr(10)}
		before, err := mxplatform.Collect(mx.ListTransactionsIter(ctx, u.GUID, params))
		if err != nil || len(before) < 40 {
			t.Fatalf("%d transactions, %v", len(before), err)
		}
		accounts, err := mxplatform.Collect(mx.ListUserAccountsIter(ctx, u.GUID, nil))
		if err != nil {
			t.Fatal(err)
		}

		seen := map[mxplatform.TransactionGUID]int{}
		n := 0
		for tx, err := range mx.ListTransactionsIter(ctx, u.GUID, params, mxplatform.WithPrefetch(prefetch)) {
			if err != nil {
				t.Fatal(err)
			}
			seen[tx.GUID]++
			if n++; n == 15 {
				for range 3 { // newest first: each lands on page 1 and shifts the rest
					if _, err := srv.Fake.AddTransaction(u.GUID, accounts[0].GUID, mxplatform.Transaction{Description: "new", Amount: mxplatform.OptionalOf(mxplatform.MustDecimal("1.00"))}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for guid, times := range seen {
			if times > 1 {
				t.Errorf("prefetch %d: %s yielded %d times", prefetch, guid, times)
			}
		}
		for _, tx := range before {
			if seen[tx.GUID] == 0 {
				t.Errorf("prefetch %d: %s, there before the listing, was missed", prefetch, tx.GUID)
			}
		}
	}
}
