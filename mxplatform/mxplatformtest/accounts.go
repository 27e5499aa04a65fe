package mxplatformtest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The accounts, whichever version a request came in: lists, updates, manual accounts and
// merges.

// accountsFilter is what the account lists narrow by.
type accountsFilter struct {
	memberManaged, manual *bool
	useCase               *string
}

// accountsOf lists the accounts of the members, member by member in creation order, that pass
// the filter.
func accountsOf(members []*memberRec, flt accountsFilter) []*accountRec {
	var out []*accountRec
	for _, m := range members {
		if flt.useCase != nil && !m.hasUseCase(*flt.useCase) {
			continue
		}
		for _, a := range m.accs {
			switch {
			case flt.memberManaged != nil && !*flt.memberManaged, // every member is managed by its user
				flt.manual != nil && a.data.IsManual.Value() != *flt.manual:
				continue
			}
			out = append(out, a)
		}
	}
	return out
}

// checkAmounts refuses amounts that JSON and the spec accept but no account holds, such as
// 1e-1000000000: written out in full, one would take a gigabyte.
func checkAmounts(amounts map[string]*mxplatform.Decimal) error {
	for name, d := range amounts {
		if d != nil && !reasonable(*d) {
			return errorf(http.StatusBadRequest, "Invalid request body: account.%s: %s is not an amount (at most %d digits, %d after the point).", name, truncateNumber(d), maxDigits, maxScale)
		}
	}
	return nil
}

// Bounds of the amounts the fake accepts.
const (
	maxDigits = 30
	maxScale  = 12
)

// reasonable reports whether d has at most maxDigits digits, at most maxScale after the point.
func reasonable(d mxplatform.Decimal) bool {
	b := d.Big()
	exp := b.Exponent()
	if exp < -maxScale || exp > maxDigits {
		return false
	}
	return len(b.Coefficient().Text(10))+int(max(exp, 0)) <= maxDigits+1
}

// truncateNumber describes a number without writing it out.
func truncateNumber(d *mxplatform.Decimal) string {
	b := d.Big()
	c := b.Coefficient().Text(10)
	if len(c) > 20 {
		c = c[:20] + "..."
	}
	return fmt.Sprintf("%se%d", c, b.Exponent())
}

// updateAmounts names the amounts of an account update.
func updateAmounts(u mxplatform.AccountUpdateRequest) map[string]*mxplatform.Decimal {
	return map[string]*mxplatform.Decimal{
		"apr": u.Apr, "apy": u.Apy, "available_balance": u.AvailableBalance, "balance": u.Balance,
		"cash_surrender_value": u.CashSurrenderValue, "credit_limit": u.CreditLimit, "death_benefit": u.DeathBenefit,
		"interest_rate": u.InterestRate, "loan_amount": u.LoanAmount, "original_balance": u.OriginalBalance,
	}
}

// updateAccount applies an update to an account. With onlyPartnerFields (v20250224) an
// aggregated account takes only is_business, is_hidden and metadata, the fields that are the
// partner's, and anything else answers 400; v20111101 applies every field, as it always did.
func updateAccount(a *accountRec, u mxplatform.AccountUpdateRequest, onlyPartnerFields bool, now time.Time) error {
	if err := checkAmounts(updateAmounts(u)); err != nil {
		return err
	}
	if onlyPartnerFields && !a.data.IsManual.Value() {
		var refused []string
		for name, set := range map[string]bool{
			"account_subtype": u.AccountSubtype != nil, "account_type": u.AccountType != nil, "currency_code": u.CurrencyCode != nil,
			"is_closed": u.IsClosed != nil, "name": u.Name != nil, "nickname": u.Nickname != nil, "property_type": u.PropertyType != nil,
		} {
			if set {
				refused = append(refused, name)
			}
		}
		for name, d := range updateAmounts(u) {
			if d != nil {
				refused = append(refused, name)
			}
		}
		if len(refused) > 0 {
			slices.Sort(refused)
			return errorf(http.StatusBadRequest, "An aggregated account takes only is_business, is_hidden and metadata; %s can be set on manual accounts only.", strings.Join(refused, ", "))
		}
	}
	applyAccountUpdate(a, u)
	a.data.UpdatedAt = timestamp(now)
	return nil
}

// applyAccountUpdate copies the fields set in u onto the account. Amounts are replaced, never
// written through (see store.go).
func applyAccountUpdate(a *accountRec, u mxplatform.AccountUpdateRequest) {
	d := &a.data
	set := func(dst *mxplatform.Optional[mxplatform.Decimal], src *mxplatform.Decimal) {
		if src != nil {
			*dst = opt(*src)
		}
	}
	setValue(&d.Type, u.AccountType)
	setValue(&d.Subtype, u.AccountSubtype)
	set(&d.Apr, u.Apr)
	set(&d.Apy, u.Apy)
	set(&d.AvailableBalance, u.AvailableBalance)
	set(&d.Balance, u.Balance)
	set(&d.CashSurrenderValue, u.CashSurrenderValue)
	set(&d.CreditLimit, u.CreditLimit)
	set(&d.DeathBenefit, u.DeathBenefit)
	set(&d.InterestRate, u.InterestRate)
	set(&d.LoanAmount, u.LoanAmount)
	set(&d.OriginalBalance, u.OriginalBalance)
	setValue(&d.CurrencyCode, u.CurrencyCode)
	setValue(&d.Metadata, u.Metadata)
	setValue(&d.Name, u.Name)
	setValue(&d.Nickname, u.Nickname)
	setValue(&d.PropertyType, u.PropertyType)
	setValue(&a.isBusiness, u.IsBusiness)
	if u.IsClosed != nil {
		d.IsClosed = opt(*u.IsClosed)
	}
	if u.IsHidden != nil {
		d.IsHidden = opt(*u.IsHidden)
	}
}

// manualMember returns the user's member of the Manual Institution, which holds its manual
// accounts, making it when needed, as MX does.
func (f *Fake) manualMember(u *userRec, now time.Time) *memberRec {
	for _, m := range u.members {
		if m.manual {
			return m
		}
	}
	m := &memberRec{
		seq: f.st.next(), guid: mxplatform.MemberGUID(f.st.newGUID("MBR")), user: u, inst: f.st.manualInst,
		manual: true, createdAt: now, creds: map[mxplatform.CredentialGUID]string{},
		data: mxplatform.Member{BackgroundAggregationIsDisabled: opt(true)},
	}
	f.st.members[m.guid] = m
	u.members = append(u.members, m)
	return m
}

// createManualAccount stores an account made by hand, under the user's member of manual
// accounts.
func (f *Fake) createManualAccount(u *userRec, in mxplatform.AccountCreateRequest, now time.Time) (*accountRec, error) {
	if err := checkAmounts(map[string]*mxplatform.Decimal{
		"apr": in.Apr, "apy": in.Apy, "available_balance": in.AvailableBalance, "balance": in.Balance,
		"cash_surrender_value": in.CashSurrenderValue, "credit_limit": in.CreditLimit, "death_benefit": in.DeathBenefit,
		"interest_rate": in.InterestRate, "loan_amount": in.LoanAmount, "original_balance": in.OriginalBalance,
	}); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Name) == "" {
		return nil, errorf(http.StatusBadRequest, "A manual account needs a name.")
	}
	data := mxplatform.Account{
		Type: in.AccountType, Subtype: mxplatform.AccountSubtypeNone, Name: in.Name, CurrencyCode: "USD",
		IsManual: opt(true), IsClosed: opt(false), IsHidden: opt(false),
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now),
	}
	a := f.st.addAccount(f.manualMember(u, now), data)
	applyAccountUpdate(a, mxplatform.AccountUpdateRequest{
		AccountSubtype: in.AccountSubtype, Apr: in.Apr, Apy: in.Apy, AvailableBalance: in.AvailableBalance,
		Balance: in.Balance, CashSurrenderValue: in.CashSurrenderValue, CreditLimit: in.CreditLimit,
		CurrencyCode: in.CurrencyCode, DeathBenefit: in.DeathBenefit, InterestRate: in.InterestRate,
		IsBusiness: in.IsBusiness, IsClosed: in.IsClosed, IsHidden: in.IsHidden, LoanAmount: in.LoanAmount,
		Metadata: in.Metadata, Nickname: in.Nickname, OriginalBalance: in.OriginalBalance, PropertyType: in.PropertyType,
	})
	return a, nil
}

// errNotManualAccount refuses to delete, or to add transactions to, an aggregated account.
var errNotManualAccount = &apiError{status: http.StatusBadRequest, message: "The account is not a manual account: aggregated accounts go with their member, and take no transactions made by hand."}

// mergeAccounts merges the accounts of the user named by the GUIDs into the first: the others'
// transactions and holdings move to it, and they are deleted with their statements. Every GUID
// must name a different account of the user (404 for an unknown one, 400 for one named twice).
func (f *Fake) mergeAccounts(u *userRec, guids []mxplatform.AccountGUID, now time.Time) (*accountRec, error) {
	if len(guids) < 2 {
		return nil, errorf(http.StatusBadRequest, "Merging takes at least two account GUIDs.")
	}
	var accts []*accountRec
	for _, g := range guids {
		a, err := f.st.account(u.guid, g)
		if err != nil {
			return nil, err
		}
		if slices.Contains(accts, a) {
			return nil, errorf(http.StatusBadRequest, "The account %s is named twice.", g)
		}
		accts = append(accts, a)
	}
	keep := accts[0]
	for _, a := range accts[1:] {
		for _, t := range a.txns {
			t.account = keep
			keep.txns = append(keep.txns, t)
		}
		for _, h := range a.holdings {
			h.account = keep
			keep.holdings = append(keep.holdings, h)
		}
		a.txns, a.holdings = nil, nil
		f.st.deleteAccount(a)
	}
	keep.data.UpdatedAt = timestamp(now)
	return keep, nil
}
