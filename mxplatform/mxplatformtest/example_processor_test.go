package mxplatformtest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/processor"
)

// A partner lets a payment processor read one account: it connects the user's member with
// account verification, requests an authorization code for the checking account and hands it
// to the processor, which exchanges it for a processor token (here through the fake, as MX
// does it) and reads the account's numbers and balance with that token. The token is a
// secret: it is never printed.
func Example_processorToken() {
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

	// The partner: a user, a member that gathers account numbers, and its checking account.
	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{})
	if err != nil {
		log.Fatal(err)
	}
	creds, err := loginTo(ctx, mx, mxplatformtest.TestBankCode, mxplatformtest.PasswordConnect)
	if err != nil {
		log.Fatal(err)
	}
	member, err := mx.CreateMember(ctx, user.GUID, mxplatform.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds},
		&mxplatform.MemberCreateOptions{DataRequest: &mxplatform.DataRequest{Products: []mxplatform.SupportedProduct{mxplatform.SupportedProductAccountVerification}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("member:", member.ConnectionStatus)
	accounts, err := mx.ListMemberAccounts(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	var checking mxplatform.Account
	for _, a := range accounts.Items {
		if a.Type == mxplatform.AccountTypeChecking {
			checking = a
		}
	}
	scope := fmt.Sprintf("user-guid:%s member-guid:%s account-guid:%s read-protected", user.GUID, member.GUID, checking.GUID)
	code, err := mx.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{Scope: &scope})
	if err != nil {
		log.Fatal(err)
	}

	// The processor: the code becomes a token, the token a client.
	token, err := srv.Fake.ExchangeAuthorizationCode(code.Code)
	if err != nil {
		log.Fatal(err)
	}
	p, err := processor.New(token, mxplatform.WithServerURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	numbers, err := p.RequestAccountNumber(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range numbers {
		fmt.Println("routing:", n.RoutingNumber, "account: ...", n.AccountNumber[len(n.AccountNumber)-4:])
	}
	balance, err := p.ReadAccountBalance(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("account:", *balance.AccountType, *balance.AccountName)
	fmt.Println("balance:", balance.Balance, "as the partner sees it:", balance.Balance.Equal(checking.Balance.Value()))

	// The partner sees the token it issued as active.
	tokens, err := mx.ListTokens(ctx, mxplatform.AccountLocator{UserGUID: &user.GUID, MemberGUID: &member.GUID, AccountGUID: &checking.GUID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("tokens:", len(tokens), "active:", tokens[0].Active)
	// Output:
	// member: CONNECTED
	// routing: 078216389 account: ... 8003
	// account: CHECKING MX Bank Everyday Checking
	// balance: 7234.95 as the partner sees it: true
	// tokens: 1 active: true
}
