package mxplatformtest

import (
	"context"
	"fmt"
	"net/http"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server"
)

// ListUserAccounts serves listUserAccounts: the accounts of every member of the user, member by
// member in creation order, narrowed by member_is_managed_by_user, is_manual and use_case.
func (f handlers) ListUserAccounts(_ context.Context, req server.ListUserAccountsRequestObject) (server.ListUserAccountsResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.st.user(req.UserGUID)
	if err != nil {
		return nil, err
	}
	p := req.Params
	var out []mxplatform.Account
	for _, m := range u.members {
		if p.UseCase != nil && !m.hasUseCase(*p.UseCase) {
			continue
		}
		for _, a := range m.accs {
			acct := a.api()
			if p.MemberIsManagedByUser != nil && acct.MemberIsManagedByUser.Value() != *p.MemberIsManagedByUser {
				continue
			}
			if p.IsManual != nil && acct.IsManual.Value() != *p.IsManual {
				continue
			}
			out = append(out, acct)
		}
	}
	items, pg := pageOf(out, p.Page, p.RecordsPerPage)
	return server.ListUserAccounts200ApplicationVndMxAPIV1PlusJSONResponse{Accounts: items, Pagination: pg}, nil
}

// ReadAccount serves readAccount.
func (f handlers) ReadAccount(_ context.Context, req server.ReadAccountRequestObject) (server.ReadAccountResponseObject, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	a, err := f.st.account(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	return server.ReadAccount200ApplicationVndMxAPIV1PlusJSONResponse{Account: a.api()}, nil
}

// UpdateAccountByMember serves updateAccountByMember: the account must belong to the member,
// and the member to the user (404 otherwise). Every field of the request is applied.
func (f handlers) UpdateAccountByMember(_ context.Context, req server.UpdateAccountByMemberRequestObject) (server.UpdateAccountByMemberResponseObject, error) {
	if req.Body == nil {
		return nil, errorf(http.StatusBadRequest, "The request body is required.")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(req.UserGUID, req.MemberGUID)
	if err != nil {
		return nil, err
	}
	a, err := f.st.account(req.UserGUID, req.AccountGUID)
	if err != nil {
		return nil, err
	}
	if a.member != m {
		return nil, errAccountNotFound
	}
	if err := checkAmounts(req.Body.Account); err != nil {
		return nil, err
	}
	applyAccountUpdate(&a.data, req.Body.Account)
	a.data.UpdatedAt = timestamp(now)
	return server.UpdateAccountByMember200ApplicationVndMxAPIV1PlusJSONResponse{Account: a.api()}, nil
}

// checkAmounts refuses amounts that JSON and the spec accept but no account holds, such as
// 1e-1000000000: written out in full, one would take a gigabyte.
func checkAmounts(u mxplatform.AccountUpdateRequest) error {
	amounts := map[string]*mxplatform.Decimal{
		"apr": u.Apr, "apy": u.Apy, "available_balance": u.AvailableBalance, "balance": u.Balance,
		"cash_surrender_value": u.CashSurrenderValue, "credit_limit": u.CreditLimit, "death_benefit": u.DeathBenefit,
		"interest_rate": u.InterestRate, "loan_amount": u.LoanAmount, "original_balance": u.OriginalBalance,
	}
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

// applyAccountUpdate copies the fields set in u onto d. Amounts are replaced, never written
// through (see store.go).
func applyAccountUpdate(d *mxplatform.Account, u mxplatform.AccountUpdateRequest) {
	set := func(dst *mxplatform.Optional[mxplatform.Decimal], src *mxplatform.Decimal) {
		if src != nil {
			*dst = opt(*src)
		}
	}
	if u.AccountType != nil {
		d.Type = *u.AccountType
	}
	if u.AccountSubtype != nil {
		d.Subtype = *u.AccountSubtype
	}
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
	if u.IsClosed != nil {
		d.IsClosed = opt(*u.IsClosed)
	}
	if u.IsHidden != nil {
		d.IsHidden = opt(*u.IsHidden)
	}
}

// setValue sets *dst to *src when src is set.
func setValue[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
