package v20111101_test

import (
	"context"
	"fmt"
	"log"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// An integration still on v20111101: the same options build its API, and its methods take
// MX's GUIDs. Here against the fake server, which serves both versions from one state: the
// member created with v20111101 is read with the current version too.
func Example() {
	srv, err := mxplatformtest.Start(mxplatformtest.WithStepInterval(0))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	mx, err := v20111101.New(mxplatform.WithCredentials(srv.ClientID, srv.APIKey), mxplatform.WithServerURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	user, err := mx.CreateUser(ctx, v20111101.UserCreateRequest{})
	if err != nil {
		log.Fatal(err)
	}
	fields, err := mx.ListInstitutionCredentials(ctx, mxplatformtest.TestBankCode, nil)
	if err != nil {
		log.Fatal(err)
	}
	var creds []v20111101.CredentialRequest
	for _, f := range fields.Items {
		value := "mxuser"
		if f.FieldType == mxplatform.CredentialFieldTypePassword {
			value = mxplatformtest.PasswordConnect
		}
		creds = append(creds, v20111101.CredentialRequest{GUID: f.GUID, Value: value})
	}
	member, err := mx.CreateMember(ctx, user.GUID, v20111101.MemberCreateRequest{InstitutionCode: mxplatformtest.TestBankCode, Credentials: creds}, nil)
	if err != nil {
		log.Fatal(err)
	}
	r, err := mx.WaitForJob(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("v20111101:", r.Status.ConnectionStatus)

	accounts, err := mx.ListUserAccounts(ctx, user.GUID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range accounts.Items {
		balance, _ := a.GetBalance()
		fmt.Println(a.Type, balance, a.InstitutionCode)
	}

	current, err := srv.Client() // the current version, on the same fake
	if err != nil {
		log.Fatal(err)
	}
	m, err := current.ReadMember(ctx, user.GUID, member.GUID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("v20250224:", m.ConnectionStatus)
	// Output:
	// v20111101: CONNECTED
	// CHECKING 7234.95 mxbank
	// CREDIT_CARD 117.74 mxbank
	// LOAN 6893.2 mxbank
	// v20250224: CONNECTED
}
