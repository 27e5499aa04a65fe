package mxplatform_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// The examples run against the fake server of package mxplatformtest, whose aggregation jobs
// here finish at once. Against MX, build the API with WithEnvCredentials (or WithCredentials)
// and WithEnvironment instead of WithServerURL.

// newMember creates a user and a member at the fake's test bank with the given password, which
// picks the aggregation's outcome.
func newMember(ctx context.Context, mx *mxplatform.API, password string) (mxplatform.UserGUID, mxplatform.MemberGUID) {
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{})
	if err != nil {
		log.Fatal(err)
	}
	creds, err := mx.ListInstitutionCredentials(ctx, mxplatformtest.TestBankCode, nil)
	if err != nil {
		log.Fatal(err)
	}
	var values []mxplatform.CredentialRequest
	for _, c := range creds.Items {
		v := "mxuser"
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			v = password
		}
		values = append(values, mxplatform.CredentialRequest{GUID: c.GUID, Value: v})
	}
	member, err := mx.CreateMember(ctx, user.GUID, mxplatform.MemberCreateRequest{
		InstitutionCode: mxplatformtest.TestBankCode,
		Credentials:     values,
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	return user.GUID, member.GUID
}

func startFake() (*mxplatformtest.Server, *mxplatform.API) {
	srv, err := mxplatformtest.Start(mxplatformtest.WithStepInterval(0))
	if err != nil {
		log.Fatal(err)
	}
	mx, err := mxplatform.New(mxplatform.WithCredentials(srv.ClientID, srv.APIKey), mxplatform.WithServerURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	return srv, mx
}

func ExampleNew() {
	srv, err := mxplatformtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	mx, err := mxplatform.New(
		mxplatform.WithCredentials(srv.ClientID, srv.APIKey), // or WithEnvCredentials()
		mxplatform.WithServerURL(srv.URL),                    // or WithEnvironment(mxplatform.Production)
		mxplatform.WithUserAgent("example-app/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	inst, err := mx.ReadInstitution(context.Background(), "mxbank")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inst.Name, inst.GetSupportsOAuth())
	// Output: MX Bank false
}

func ExampleAPI_ReadAccount() {
	srv, mx := startFake()
	defer srv.Close()
	ctx := context.Background()
	user, _ := newMember(ctx, mx, mxplatformtest.PasswordConnect)

	page, err := mx.ListUserAccounts(ctx, user, nil)
	if err != nil {
		log.Fatal(err)
	}
	acct, err := mx.ReadAccount(ctx, user, page.Items[0].GUID)
	if err != nil {
		log.Fatal(err)
	}
	// Balances are exact decimals; a balance MX did not send is not a zero one.
	balance, ok := acct.GetBalance()
	fmt.Println(acct.Name, acct.Type, balance.StringFixed(2), ok, acct.CurrencyCode, acct.Type.Class())
	// Output: MX Bank Everyday Checking CHECKING 7234.95 true USD asset
}

func ExampleError() {
	srv, mx := startFake()
	defer srv.Close()

	_, err := mx.ReadInstitution(context.Background(), "no_such_bank")
	if errors.Is(err, mxplatform.ErrNotFound) {
		fmt.Println("not found")
	}
	var mxErr *mxplatform.Error
	if errors.As(err, &mxErr) {
		fmt.Println(mxErr.Operation, mxErr.StatusCode, mxErr.Message)
	}
	// Output:
	// not found
	// readInstitution 404 Unrecognized institution.
}

func ExampleAPI_ListTransactionsIter() {
	srv, mx := startFake()
	defer srv.Close()
	ctx := context.Background()
	user, _ := newMember(ctx, mx, mxplatformtest.PasswordConnect)

	// The iterator fetches 100 transactions a page, as many pages as it takes.
	count, debits := 0, mxplatform.DecimalFromInt(0)
	for tx, err := range mx.ListTransactionsIter(ctx, user, nil) {
		if err != nil {
			log.Fatal(err)
		}
		count++
		if amount, ok := tx.GetAmount(); ok && tx.Type == mxplatform.TransactionTypeDebit {
			debits = debits.Add(amount)
		}
	}
	fmt.Println(count > 100, debits.Sign() > 0)

	// CollectN stops after the first few, fetching only the pages it needs.
	first, err := mxplatform.CollectN(mx.ListTransactionsIter(ctx, user, nil), 3)
	fmt.Println(len(first), err)
	// Output:
	// true true
	// 3 <nil>
}

func ExampleAPI_AggregateAndWait() {
	srv, mx := startFake()
	defer srv.Close()
	ctx := context.Background()
	user, member := newMember(ctx, mx, mxplatformtest.PasswordConnect)

	result, err := mx.AggregateAndWait(ctx, user, member, &mxplatform.WaitOptions{Interval: 10 * time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	info := result.Info()
	fmt.Println(result.Job, info.Status, info.Next)
	fmt.Println(info.Message("MX Bank"))
	// Output:
	// started CONNECTED none
	// Connected to MX Bank …
}

func ExampleMFAAnswers() {
	srv, mx := startFake()
	defer srv.Close()
	ctx := context.Background()
	user, member := newMember(ctx, mx, mxplatformtest.PasswordOptions)

	result, err := mx.WaitForJob(ctx, user, member, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(result.Info().Status)

	answers := mxplatform.NewMFAAnswers(result.Challenges)
	for _, c := range result.Challenges {
		fmt.Println(c.Type, c.Label)
		for _, o := range c.Options {
			fmt.Println(" -", o.Label)
		}
		// Choose an option by its label or its value; the fake's right answer is the option
		// whose value is "correct".
		if err := answers.Set(c.GUID, mxplatformtest.ChallengeAnswer); err != nil {
			log.Fatal(err)
		}
	}
	result, err = mx.AnswerChallengesAndWait(ctx, user, member, answers, &mxplatform.WaitOptions{Interval: 10 * time.Millisecond})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(result.Info().Status)
	// Output:
	// CHALLENGED
	// OPTIONS Which of these streets have you lived on?
	//  - Maple Avenue
	//  - Juniper Lane
	//  - None of the above
	// CONNECTED
}

func ExampleConnectionStatus_Info() {
	info := mxplatform.ConnectionStatusDenied.Info()
	fmt.Println(info.Code, info.Final, info.UserMustAct, info.Next)
	fmt.Println(info.Message("MX Bank"))

	var manual mxplatform.Member // MX sends a null status for members without credentials
	fmt.Println(manual.ConnectionStatus.Info().Next)
	// Output:
	// 2 true true re-enter credentials
	// The credentials entered do not match your credentials at this institution. Please re-enter your credentials to continue importing data.
	// none
}

func ExampleDecimal() {
	balance := mxplatform.MustDecimal("1234567.89")
	fee := mxplatform.MustDecimal("0.10")
	fmt.Println(balance.Sub(fee), balance.Add(fee).StringFixed(2))
	// Output: 1234567.79 1234567.99
}

// One call takes an aggregation to its end: the institution's MFA challenges go to AnswerMFA
// (here it answers them itself; an application asks the end user), and the wait goes on.
func ExampleWaitOptions_answerMFA() {
	srv, mx := startFake()
	defer srv.Close()
	ctx := context.Background()
	user, member := newMember(ctx, mx, mxplatformtest.PasswordMultipleChallenges)

	asked := 0
	w := &mxplatform.WaitOptions{
		Interval: time.Millisecond,
		AnswerMFA: func(ctx context.Context, challenges []mxplatform.Challenge) (*mxplatform.MFAAnswers, error) {
			asked += len(challenges)
			answers := mxplatform.NewMFAAnswers(challenges)
			for _, c := range challenges {
				if err := answers.Set(c.GUID, mxplatformtest.ChallengeAnswer); err != nil {
					return nil, err
				}
			}
			return answers, nil
		},
	}
	r, err := mx.WaitForJob(ctx, user, member, w)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Status.ConnectionStatus, "after answering", asked, "challenges")
	// Output: CONNECTED after answering 2 challenges
}
