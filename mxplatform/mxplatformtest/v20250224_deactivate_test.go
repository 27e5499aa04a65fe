package mxplatformtest_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// loginWith seeds users with MX Bank members of the logins prefix-0, prefix-1... and returns
// the first user, member and login whose accounts include one of the type, the same in every
// run.
func loginWith(t *testing.T, srv *mxplatformtest.Server, mx *mxplatform.API, prefix string, typ mxplatform.AccountType) (seeded, string, []mxplatform.Account) {
	t.Helper()
	for i := range 50 {
		login := fmt.Sprintf("%s-%d", prefix, i)
		s := seedMember(t, srv, "mxbank", login)
		accts, err := mx.ListMemberAccounts(context.Background(), s.user, s.member, nil)
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(accts.Items, func(a mxplatform.Account) bool { return a.Type == typ }) {
			return s, login, accts.Items
		}
	}
	t.Fatalf("no login of the list has an account of type %s", typ)
	return seeded{}, "", nil
}

// TestDeactivateUser deactivates a user with holdings from investment holdings, once, and
// checks that the product stopped: the holdings are gone from every list and read, the
// accounts stay, and a new member with an investment account brings none. A second call
// answers the same status, and another user keeps its holdings.
func TestDeactivateUser(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s, login, accts := loginWith(t, srv, mx, "investor", mxplatform.AccountTypeInvestment)
	bystander, _, _ := loginWith(t, srv, mx, "investor", mxplatform.AccountTypeInvestment)
	holdings, err := mx.ListHoldings(ctx, s.user, nil)
	if err != nil || len(holdings.Items) == 0 {
		t.Fatalf("ListHoldings = %+v, %v; the test needs holdings", holdings, err)
	}

	got, err := mx.DeactivateUser(ctx, s.user)
	if err != nil {
		t.Fatalf("DeactivateUser: %v", err)
	}
	if got.Status == "" || got.Message == "" {
		t.Errorf("DeactivateUser = %+v: want a status and a message", got)
	}
	if after, err := mx.ListHoldings(ctx, s.user, nil); err != nil || len(after.Items) != 0 {
		t.Errorf("after deactivation ListHoldings = %d holdings, %v; want none", len(after.Items), err)
	}
	if after, err := mx.ListHoldingsByMember(ctx, s.user, s.member, nil); err != nil || len(after.Items) != 0 {
		t.Errorf("after deactivation ListHoldingsByMember = %d holdings, %v; want none", len(after.Items), err)
	}
	_, err = mx.ReadHolding(ctx, s.user, holdings.Items[0].GUID)
	wantStatusErr(t, err, http.StatusNotFound)
	if still, err := mx.ListMemberAccounts(ctx, s.user, s.member, nil); err != nil || len(still.Items) != len(accts) {
		t.Errorf("after deactivation the member has %d accounts (%v), want its %d", len(still.Items), err, len(accts))
	}
	if other, err := mx.ListHoldings(ctx, bystander.user, nil); err != nil || len(other.Items) == 0 {
		t.Errorf("another user's holdings went too: %d, %v", len(other.Items), err)
	}

	// A new member gathering the same investment account brings no holdings.
	m, err := srv.Fake.AddMember(s.user, mxplatformtest.MemberSeed{InstitutionCode: "mxbank", UserName: login})
	if err != nil {
		t.Fatal(err)
	}
	newAccts, err := mx.ListMemberAccounts(ctx, s.user, m.GUID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(newAccts.Items, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeInvestment }) {
		t.Fatal("the new member gathered no investment account")
	}
	if after, err := mx.ListHoldings(ctx, s.user, nil); err != nil || len(after.Items) != 0 {
		t.Errorf("a new member of a deactivated user brought %d holdings (%v), want none", len(after.Items), err)
	}

	again, err := mx.DeactivateUser(ctx, s.user)
	if err != nil || again.Status != got.Status {
		t.Errorf("a second DeactivateUser = %+v, %v; want the status %q again", again, err, got.Status)
	}
	_, err = mx.DeactivateUser(ctx, "USR-unknown")
	wantStatusErr(t, err, http.StatusNotFound)
}

// TestReadCreditCardProduct reads the product of a credit card account and checks it: the
// product the fake names for the account, named after its institution and card, rewards as
// the card's name says, the same GUID and product in another fake; and 404 for a GUID that is
// no product (an account's among them).
func TestReadCreditCardProduct(t *testing.T) {
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	mx := newAPI(t, srv)
	ctx := context.Background()
	s, _, accts := loginWith(t, srv, mx, "cardholder", mxplatform.AccountTypeCreditCard)
	card := accts[slices.IndexFunc(accts, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeCreditCard })]
	checking := accts[slices.IndexFunc(accts, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeChecking })]

	want, err := srv.Fake.CreditCardProduct(s.user, card.GUID)
	if err != nil {
		t.Fatalf("Fake.CreditCardProduct: %v", err)
	}
	got, err := mx.ReadCreditCardProduct(ctx, want.GUID)
	if err != nil {
		t.Fatalf("ReadCreditCardProduct: %v", err)
	}
	if mustJSON(t, *got) != mustJSON(t, want) {
		t.Errorf("ReadCreditCardProduct = %+v, want %+v", *got, want)
	}
	inst, err := mx.ReadInstitution(ctx, "mxbank")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != inst.Name+" "+card.Name || !strings.HasPrefix(string(got.GUID), "CCP-") {
		t.Errorf("product %q (%s) of the card %q of %s", got.Name, got.GUID, card.Name, inst.Name)
	}
	cash, travel := strings.Contains(card.Name, "Cash"), strings.Contains(card.Name, "Signature")
	if got.HasCashbackRewards.Value() != cash || got.HasTravelRewards.Value() != travel || got.HasOtherRewards.Value() != (!cash && !travel) {
		t.Errorf("rewards of %q: cash back %v, travel %v, other %v", card.Name, got.HasCashbackRewards, got.HasTravelRewards, got.HasOtherRewards)
	}
	if !got.AnnualFee.IsSet() || got.AnnualFee.Value().Sign() < 0 || got.HasZeroPercentIntroductoryRate.Value() != got.DurationOfIntroductoryRateOnPurchases.IsSet() {
		t.Errorf("fees and rates of %+v", got)
	}

	// Another fake knows the same product.
	other := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	if same, err := newAPI(t, other).ReadCreditCardProduct(ctx, want.GUID); err != nil || mustJSON(t, *same) != mustJSON(t, want) {
		t.Errorf("another fake answered %+v, %v; want %+v", same, err, want)
	}

	if _, err := srv.Fake.CreditCardProduct(s.user, checking.GUID); err == nil {
		t.Error("Fake.CreditCardProduct of a checking account gave no error")
	}
	manual, err := mx.CreateManualAccount(ctx, s.user, mxplatform.AccountCreateRequest{AccountType: mxplatform.AccountTypeCreditCard, Name: card.Name})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Fake.CreditCardProduct(s.user, manual.GUID); err == nil {
		t.Error("Fake.CreditCardProduct of a manual account gave no error")
	}
	for _, g := range []mxplatform.CreditCardProductGUID{"CCP-unknown", mxplatform.CreditCardProductGUID(card.GUID)} {
		_, err := mx.ReadCreditCardProduct(ctx, g)
		wantStatusErr(t, err, http.StatusNotFound)
	}
}
