package mxplatformtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// Verifying an account by microdeposits: the fake sends two small deposits, the test reads them
// from the fake as the account's owner would from a statement, and reports them in either
// order until the microdeposit is VERIFIED.
func ExampleFake_MicrodepositAmounts() {
	srv, err := mxplatformtest.Start(mxplatformtest.WithStepInterval(0))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	mx, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{})
	if err != nil {
		log.Fatal(err)
	}

	md, err := mx.CreateMicrodeposit(ctx, user.GUID, mxplatform.MicrodepositCreateRequest{
		AccountNumber: mxplatform.Ptr("1234567890"),
		RoutingNumber: mxplatform.Ptr("021000021"),
		AccountType:   mxplatform.Ptr(mxplatform.AccountTypeChecking),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", md.Status)

	wait := &mxplatform.WaitOptions{Interval: time.Millisecond}
	md, err = mx.WaitForMicrodeposit(ctx, user.GUID, md.GUID, wait)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("settled:", md.Status)

	// The owner's statement: two deposits under a dollar.
	a, b, ok := srv.Fake.MicrodepositAmounts(md.GUID)
	if !ok {
		log.Fatal("no deposits yet")
	}
	dollar := mxplatform.MustDecimal("1.00")
	fmt.Println("two deposits under a dollar:", a.Cmp(dollar) < 0 && b.Cmp(dollar) < 0 && !a.Equal(b))

	md, err = mx.VerifyMicrodepositAndWait(ctx, user.GUID, md.GUID, mxplatform.MicrodepositVerifyRequest{DepositAmount1: b, DepositAmount2: a}, wait)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verified:", md.Status, md.VerifiedAt != "")
	// Output:
	// created: INITIATED
	// settled: DEPOSITED
	// two deposits under a dollar: true
	// verified: VERIFIED true
}
