package mxplatformtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// loginTo returns the credentials that log in to an institution with a password of the test
// bank's table.
func loginTo(ctx context.Context, mx *mxplatform.API, code mxplatform.InstitutionCode, password string) ([]mxplatform.CredentialRequest, error) {
	fields, err := mx.ListInstitutionCredentials(ctx, code, nil)
	if err != nil {
		return nil, err
	}
	var creds []mxplatform.CredentialRequest
	for _, f := range fields.Items {
		value := "mxuser"
		if f.FieldType == mxplatform.CredentialFieldTypePassword {
			value = password
		}
		creds = append(creds, mxplatform.CredentialRequest{GUID: f.GUID, Value: value})
	}
	return creds, nil
}

// A fake server, a user, and a member at MX Bank that connects at once.
func Example() {
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

	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("my-user-1"))})
	if err != nil {
		log.Fatal(err)
	}
	creds, err := loginTo(ctx, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
	if err != nil {
		log.Fatal(err)
	}
	member, err := mx.CreateMember(ctx, user.GUID, mxplatform.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("member:", member.ConnectionStatus)

	accounts, err := mx.ListUserAccounts(ctx, user.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range accounts.Items {
		fmt.Println("account:", a.Type)
	}
	// Output:
	// member: CONNECTED
	// account: CHECKING
	// account: CREDIT_CARD
	// account: LOAN
}

// Walking a member through multi-factor authentication, one job step at a time.
func Example_challenge() {
	srv, err := mxplatformtest.Start(mxplatformtest.WithManualSteps())
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
	creds, err := loginTo(ctx, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordOptions)
	if err != nil {
		log.Fatal(err)
	}
	member, err := mx.CreateMember(ctx, user.GUID, mxplatform.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds}, nil)
	if err != nil {
		log.Fatal(err)
	}
	show := func() {
		m, err := mx.ReadMember(ctx, user.GUID, member.GUID)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.ConnectionStatus, "being aggregated:", m.IsBeingAggregated.Value())
	}
	show()
	srv.Fake.Step() // authenticate

	challenges, err := mx.ListMemberChallenges(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	c := challenges.Items[0]
	fmt.Println(c.Type, c.Label)
	var answer string
	for _, o := range c.Options {
		fmt.Println(" -", o.Label)
		if o.Value == mxplatformtest.ChallengeAnswer {
			answer = o.Value
		}
	}
	res, err := mx.ResumeAggregation(ctx, user.GUID, member.GUID, mxplatform.MemberResumeRequest{
		Challenges: []mxplatform.ChallengeAnswer{{GUID: c.GUID, Value: answer}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Member.ConnectionStatus, res.Outcome)
	srv.Fake.Step() // check the answer
	show()
	srv.Fake.Settle() // accounts, transactions, done
	show()
	// Output:
	// CREATED being aggregated: true
	// OPTIONS Which of these streets have you lived on?
	//  - Maple Avenue
	//  - Juniper Lane
	//  - None of the above
	// RESUMED already running
	// CONNECTED being aggregated: true
	// CONNECTED being aggregated: false
}

// Aggregation throttling, crossed with the fake's clock instead of three hours of waiting.
func ExampleFake_AdvanceTime() {
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
	user, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		log.Fatal(err)
	}
	member, err := srv.Fake.AddMember(user.GUID, mxplatformtest.MemberSeed{InstitutionCode: "chase"})
	if err != nil {
		log.Fatal(err)
	}
	aggregate := func() {
		res, err := mx.AggregateMember(ctx, user.GUID, member.GUID, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(res.Outcome)
	}
	aggregate()
	srv.Fake.AdvanceTime(3 * time.Hour)
	aggregate()
	// Output:
	// already running
	// started
}

// A burst of 503 answers on one operation, and what the SDK's retries make of it.
func ExampleFake_InjectFault() {
	srv, err := mxplatformtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	err = srv.Fake.InjectFault(mxplatformtest.FaultRule{
		Operation: "listInstitutions",
		Times:     2,
		Fault:     mxplatformtest.StatusFault(http.StatusServiceUnavailable),
	})
	if err != nil {
		log.Fatal(err)
	}
	quick := mxplatform.RetryPolicy{MaxAttempts: 3, Backoff: func(int, *http.Response) time.Duration { return time.Millisecond }}
	mx, err := srv.Client(mxplatform.WithRetryPolicy(quick))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := mx.ListInstitutions(context.Background(), nil); err != nil {
		log.Fatal(err)
	}
	st := srv.Fake.Requests("listInstitutions")
	fmt.Printf("received %d, faulted %d, handled %d\n", st.Received, st.Faulted, st.Handled)

	err = srv.Fake.InjectFault(mxplatformtest.FaultRule{Operation: "listInstitutions", Fault: mxplatformtest.StatusFault(http.StatusServiceUnavailable)})
	if err != nil {
		log.Fatal(err)
	}
	_, err = mx.ListInstitutions(context.Background(), nil)
	fmt.Println(errors.Is(err, mxplatform.ErrServerError))
	// Output:
	// received 3, faulted 2, handled 1
	// true
}

// A request made by hand, as a test in another language makes it, with MX's headers; what the
// fake answers a version it does not serve; and how it counts requests without Accept-Version.
func Example_headers() {
	srv, err := mxplatformtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	get := func(version string) {
		req, err := http.NewRequest("GET", srv.URL+"/institutions/mxbank", nil)
		if err != nil {
			log.Fatal(err)
		}
		req.SetBasicAuth(srv.ClientID, srv.APIKey)
		req.Header.Set("Accept", "application/vnd.mx.api.v1+json")
		if version != "" {
			req.Header.Set("Accept-Version", version)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Error struct{ Message string } `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			log.Fatal(err)
		}
		fmt.Println(strings.TrimSpace(resp.Status + " " + body.Error.Message))
	}
	get("v20111101")
	get("v20250224")
	get("") // served as v20111101, and counted
	st := srv.Fake.Requests("readInstitution")
	fmt.Println("received:", st.Received, "without Accept-Version:", st.MissingAcceptVersion)
	// Output:
	// 200 OK
	// 406 Not Acceptable Unsupported Accept-Version "v20250224": the supported version is v20111101.
	// 200 OK
	// received: 3 without Accept-Version: 1
}
