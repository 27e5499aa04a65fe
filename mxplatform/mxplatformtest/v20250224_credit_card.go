package mxplatformtest

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Credit card products are the cards institutions offer. MX's API names no link from an
// account to its product, so the fake decides one: every aggregated credit card account is an
// instance of the product of its institution with the account's name as the institution sent
// it (MX Bank's "Visa Signature"...). The products of the fake are those of the credit cards
// its generator makes, at every institution it knows, and those of the credit card accounts
// seeded with other names; a manual account has none. A product's GUID (CCP-...) and fields
// are derived from its institution and name alone, so that they are the same in every fake:
// the name says the rewards (Cash: cash back; Signature, Travel, Miles: travel; any other:
// other rewards; Business: a small business card), and a hash of the two picks the annual fee
// and the introductory rates. [Fake.CreditCardProduct] gives the product of an account.

// creditCardNames are the names the generator gives credit cards.
func creditCardNames() []string {
	for _, k := range extraKinds {
		if k.typ == mxplatform.AccountTypeCreditCard {
			return k.names
		}
	}
	return nil
}

// creditCardProductGUID is the GUID of the product of the institution with the name.
func creditCardProductGUID(code mxplatform.InstitutionCode, name string) mxplatform.CreditCardProductGUID {
	return mxplatform.CreditCardProductGUID(stableGUID("CCP", string(code)+"/"+name))
}

// creditCardProduct describes the product of the institution with the card's name.
func creditCardProduct(inst *institutionRec, card string) mxplatform.CreditCardProduct {
	h := fnv.New32a()
	fmt.Fprintf(h, "%s/%s", inst.Code, card)
	n := h.Sum32()
	up := strings.ToUpper(card)
	cash := strings.Contains(up, "CASH")
	travel := strings.Contains(up, "SIGNATURE") || strings.Contains(up, "TRAVEL") || strings.Contains(up, "MILES")
	fees := []int64{0, 0, 9500, 39500} // cents
	fee := fees[n%uint32(len(fees))]
	months := []int{0, 12, 15, 18, 21}
	purchases, transfers := months[(n/4)%uint32(len(months))], months[(n/20)%uint32(len(months))]
	intro := func(m int) mxplatform.Optional[int] {
		if m == 0 {
			return mxplatform.Optional[int]{} // null: no introductory rate
		}
		return opt(m)
	}
	return mxplatform.CreditCardProduct{
		GUID: creditCardProductGUID(inst.Code, card), Name: inst.Name + " " + card,
		AnnualFee:                                       opt(money(fee)),
		HasZeroIntroductoryAnnualFee:                    opt(fee == 0 || n%2 == 0),
		DurationOfIntroductoryRateOnPurchases:           intro(purchases),
		DurationOfIntroductoryRateOnBalanceTransfer:     intro(transfers),
		HasZeroPercentIntroductoryRate:                  opt(purchases > 0),
		HasZeroPercentIntroductoryRateOnBalanceTransfer: opt(transfers > 0),
		HasCashbackRewards:                              opt(cash), HasTravelRewards: opt(travel), HasOtherRewards: opt(!cash && !travel),
		IsSmallBusinessCard:   opt(strings.Contains(up, "BUSINESS")),
		IsAcceptingApplicants: opt(true), IsActiveCreditCardProduct: opt(true),
	}
}

// cardNameOf returns the name of an account's product: its name as the institution sent it;
// false for an account that is not an aggregated credit card.
func cardNameOf(a *accountRec) (string, bool) {
	if a.data.Type != mxplatform.AccountTypeCreditCard || a.data.IsManual.Value() || a.member.manual {
		return "", false
	}
	name := a.feed.Name
	if name == "" {
		name = a.data.Name
	}
	return name, strings.TrimSpace(name) != ""
}

// findCreditCardProduct returns the product with the GUID: one of the generator's cards at an
// institution the fake knows, or the product of an account.
func (s *store) findCreditCardProduct(g mxplatform.CreditCardProductGUID) (mxplatform.CreditCardProduct, bool) {
	for _, inst := range s.institutions {
		for _, card := range creditCardNames() {
			if creditCardProductGUID(inst.Code, card) == g {
				return creditCardProduct(inst, card), true
			}
		}
	}
	for _, a := range s.accounts {
		if card, ok := cardNameOf(a); ok && creditCardProductGUID(a.member.inst.Code, card) == g {
			return creditCardProduct(a.member.inst, card), true
		}
	}
	return mxplatform.CreditCardProduct{}, false
}

// CreditCardProduct returns the credit card product of an account of the user, as
// readCreditCardProduct (creditCard) answers it: an error for an unknown account, or one that
// is not an aggregated credit card account.
func (f *Fake) CreditCardProduct(user mxplatform.UserGUID, account mxplatform.AccountGUID) (mxplatform.CreditCardProduct, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, err := f.st.account(user, account)
	if err != nil {
		return mxplatform.CreditCardProduct{}, fmt.Errorf("mxplatformtest: CreditCardProduct: %w", err)
	}
	card, ok := cardNameOf(a)
	if !ok {
		return mxplatform.CreditCardProduct{}, fmt.Errorf("mxplatformtest: CreditCardProduct: account %s is not an aggregated credit card account", account)
	}
	return creditCardProduct(a.member.inst, card), nil
}

// errCreditCardProductNotFound answers a product the fake does not know.
var errCreditCardProductNotFound = &apiError{status: http.StatusNotFound, message: "Credit card product not found."}

// CreditCard serves creditCard (the SDK's ReadCreditCardProduct): 404 for a GUID that is no
// product of the fake, an account's GUID among them.
func (f v20250224Handlers) CreditCard(_ context.Context, req server25.CreditCardRequestObject) (server25.CreditCardResponseObject, error) {
	f.begin()
	defer f.mu.Unlock()
	p, ok := f.st.findCreditCardProduct(req.CreditCardProductGUID)
	if !ok {
		return nil, errCreditCardProductNotFound
	}
	return server25.CreditCard200JSONResponse{CreditCardProduct: p}, nil
}
