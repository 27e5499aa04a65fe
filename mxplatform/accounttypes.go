package mxplatform

import (
	"fmt"
	"slices"
	"sort"
)

// AccountClass says how the sign of an account's balance reads, as the reference describes it.
type AccountClass int

// The account classes.
const (
	// AccountClassUnknown: the reference does not classify the type (PROPERTY, CASH, INSURANCE,
	// PREPAID, ANY).
	AccountClassUnknown AccountClass = iota
	// AccountClassAsset: CHECKING, SAVINGS, INVESTMENT. The balance is what the user holds; it is
	// negative when the account is overdrawn.
	AccountClassAsset
	// AccountClassDebt: CREDIT_CARD, LOAN, LINE_OF_CREDIT, MORTGAGE. The balance is what the user
	// owes; it is negative when the account is overpaid.
	AccountClassDebt
)

func (c AccountClass) String() string {
	switch c {
	case AccountClassAsset:
		return "asset"
	case AccountClassDebt:
		return "debt"
	}
	return "unknown"
}

// Class returns the class of the account type.
func (t AccountType) Class() AccountClass {
	switch t {
	case AccountTypeChecking, AccountTypeSavings, AccountTypeInvestment:
		return AccountClassAsset
	case AccountTypeCreditCard, AccountTypeLoan, AccountTypeLineOfCredit, AccountTypeMortgage:
		return AccountClassDebt
	}
	return AccountClassUnknown
}

// AccountTypes returns the documented parent account types, in the reference's order.
func AccountTypes() []AccountType { return slices.Clone(accountTypeOrder) }

// Subtypes returns the documented subtypes of a parent type, sorted (none for types without
// subtypes, such as CHECKING).
func (t AccountType) Subtypes() []AccountSubtype {
	var out []AccountSubtype
	for sub, parent := range subtypeParents {
		if parent == t {
			out = append(out, sub)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Parent returns the parent type of a documented subtype, and false for NONE and unknown
// subtypes.
func (s AccountSubtype) Parent() (AccountType, bool) {
	p, ok := subtypeParents[s]
	return p, ok
}

// ValidateAccountType checks a (type, subtype) pair: the type must be a documented parent type
// and the subtype empty, NONE, or a documented subtype of that type.
func ValidateAccountType(t AccountType, s AccountSubtype) error {
	if !slices.Contains(accountTypeOrder, t) {
		return fmt.Errorf("mxplatform: unknown account type %q", string(t))
	}
	if s == "" || s == AccountSubtypeNone {
		return nil
	}
	parent, ok := subtypeParents[s]
	if !ok {
		return fmt.Errorf("mxplatform: unknown account subtype %q", string(s))
	}
	if parent != t {
		return fmt.Errorf("mxplatform: account subtype %s belongs to %s, not %s", s, parent, t)
	}
	return nil
}
