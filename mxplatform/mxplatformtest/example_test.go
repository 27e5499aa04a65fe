package mxplatformtest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
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

// A fake server, a user, and a member at MX Bank that connects at once; the user and the member
// are named by the ids the partner gave them, as v20250224's paths allow.
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
	memberID := mxplatform.MemberID("my-member-1")
	member, err := mx.CreateMember(ctx, user.ID, mxplatform.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds, ID: &memberID}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("member:", member.ConnectionStatus)

	accounts, err := mx.ListMemberAccounts(ctx, user.ID, memberID, nil)
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
		res, err := mx.AggregateMember(ctx, user.GUID, member.GUID)
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

// Verifying a member's accounts, then reading their numbers: the job runs like an
// aggregation, and its challenge is answered by the helper that waits for it.
func Example_verification() {
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
	member, err := srv.Fake.AddMember(user.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		log.Fatal(err)
	}
	numbers, err := mx.ListAccountNumbersByMember(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("numbers before verifying:", len(numbers.Items))

	wait := &mxplatform.WaitOptions{Interval: time.Millisecond}
	res, err := mx.VerifyAndWait(ctx, user.GUID, member.GUID, wait)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verification:", res.Job, res.Status.ConnectionStatus, "numbers processed:", res.Status.HasProcessedAccountNumbers.Value())
	numbers, err = mx.ListAccountNumbersByMember(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range numbers.Items {
		fmt.Println("routing:", n.RoutingNumber, "account: ...", n.AccountNumber[len(n.AccountNumber)-4:])
	}
	// Output:
	// numbers before verifying: 0
	// verification: started CONNECTED numbers processed: true
	// routing: 078216389 account: ... 8003
}

// Fetching a member's statements and downloading one as PDF, whose SHA-256 is the statement's
// content_hash.
func Example_statements() {
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
	member, err := srv.Fake.AddMember(user.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := mx.FetchStatementsAndWait(ctx, user.GUID, member.GUID, &mxplatform.WaitOptions{Interval: time.Millisecond}); err != nil {
		log.Fatal(err)
	}
	statements, err := mx.ListStatementsByMember(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	st := statements.Items[0]
	pdf, err := mx.DownloadStatementPDF(ctx, user.GUID, member.GUID, st.GUID)
	if err != nil {
		log.Fatal(err)
	}
	defer pdf.Close()
	h := sha256.New()
	n, err := io.Copy(h, pdf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("statements:", len(statements.Items))
	fmt.Println("PDF:", n > 0, "hash matches:", hex.EncodeToString(h.Sum(nil)) == st.ContentHash)
	// Output:
	// statements: 9
	// PDF: true hash matches: true
}

// The same member through both versions of the API: created with v20111101 (package
// mxplatform/v20111101, on the same client), read with v20250224.
func Example_versions() {
	srv, err := mxplatformtest.Start(mxplatformtest.WithStepInterval(0))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	mx, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	old := v20111101.Of(mx)
	ctx := context.Background()
	user, err := old.CreateUser(ctx, v20111101.UserCreateRequest{})
	if err != nil {
		log.Fatal(err)
	}
	creds, err := loginTo(ctx, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
	if err != nil {
		log.Fatal(err)
	}
	member, err := old.CreateMember(ctx, user.GUID, v20111101.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds, SkipAggregation: mxplatform.Ptr(true)}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("v20111101:", member.ConnectionStatus)
	job, err := mx.AggregateMember(ctx, user.GUID, member.GUID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("v20250224:", job.Outcome, job.Member.ConnectionStatus)
	accounts, err := old.ListUserAccounts(ctx, user.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	a := accounts.Items[0]
	fmt.Println("v20111101 account:", a.Name, "feed name:", a.FeedName, "set by:", a.NameSetBy.Value())
	// Output:
	// v20111101: CREATED
	// v20250224: started CONNECTED
	// v20111101 account: MX Bank Everyday Checking feed name: MX Bank Everyday Checking set by: FEED
}

// Requests made by hand, as a test in another language makes them: each version named in
// Accept-Version; a version the fake does not serve; a request without the header, which MX
// requires: refused, and counted.
func Example_headers() {
	srv, err := mxplatformtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	get := func(version, accept string) {
		req, err := http.NewRequest("GET", srv.URL+"/institutions/mxbank", nil)
		if err != nil {
			log.Fatal(err)
		}
		req.SetBasicAuth(srv.ClientID, srv.APIKey)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
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
		fmt.Println(strings.TrimSpace(resp.Status + " " + resp.Header.Get("Content-Type") + " " + body.Error.Message))
	}
	get("v20250224", "application/json")
	get("v20111101", "application/vnd.mx.api.v1+json")
	get("v20260430", "application/json")
	get("", "application/vnd.mx.api.v1+json")
	st := srv.Fake.Requests("readInstitution")
	fmt.Println("received:", st.Received, "handled:", st.Handled, "without Accept-Version:", st.MissingAcceptVersion)
	// Output:
	// 200 OK application/json
	// 200 OK application/vnd.mx.api.v1+json
	// 406 Not Acceptable application/json Unsupported Accept-Version "v20260430": the versions served are v20250224 (current) and v20111101.
	// 400 Bad Request application/json The Accept-Version header is required: name the version of the MX Platform API, v20250224 (current) and v20111101.
	// received: 4 handled: 2 without Accept-Version: 1
}
