package mxplatformtest

import (
	"context"
	"net/http"
	"strings"
	"unicode"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// enhanceTransactions classifies transactions the partner sends, which belong to no user, and
// stores nothing. The fake classifies them the way its own data is made, so that an enhanced
// transaction reads like a gathered one:
//
//   - a description naming one of the fake's merchants (merchants.go), or the statement
//     descriptor the generator gives it, takes that merchant's name as its description, its
//     category, its merchant category code and, for the merchants MX lists (readMerchant), its
//     merchant and location GUIDs; the payroll, transfers, card payments, interest and ATM
//     fees of the generated data are recognised the same way, without a merchant GUID;
//   - otherwise a merchant category code that was sent picks the category MX's table gives it
//     (mxplatform.LookupMerchantCategoryCode), and the description is cleaned up: processor
//     prefixes (SQ *, TST*, PAYPAL *) and words holding digits dropped, the rest in title case;
//   - anything else is Uncategorized.
//
// The type sent is kept; without one, a transaction of the Income categories is a CREDIT and
// any other a DEBIT. The flags follow the category and the merchant as in the generated data
// (is_income for Income, is_fee for Fees & Charges, is_direct_deposit for Paycheck,
// is_expense for a debit that is not a Transfer, is_bill_pay and is_subscription from the
// merchant), and a description mentioning an overdraft makes an overdraft fee. The id, amount,
// memo and extended_transaction_type sent come back as they were, in the order sent, so that
// the answer matches the request one for one. categorized_by and described_by, whose codes MX
// does not document, stay null, as does user_guid.

// maxEnhance bounds the transactions of one request, as the answer's schema does.
const maxEnhance = 1000

// enhanceMatch is a merchant of the fake and the words that name it in a description.
type enhanceMatch struct {
	m     merchant
	words []string // upper case; a description containing any of them matches
}

// enhanceMatches are tried in order: the first whose words a description contains wins. The
// merchant's name and its statement descriptor always match; the other words are what
// statements commonly print for it.
var enhanceMatches = func() []enhanceMatch {
	aliases := map[string][]string{
		"Whole Foods":            {"WHOLEFDS"},
		"Trader Joe's":           {"TRADER JOE"},
		"Amazon":                 {"AMZN"},
		"CVS Pharmacy":           {"CVS"},
		"Verizon Wireless":       {"VZWRLSS", "VERIZON"},
		"Comcast":                {"XFINITY"},
		"Acme Corp Payroll":      {"DIR DEP", "DIRECT DEP", "PAYROLL"},
		"ATM Fee":                {"ATM FEE"},
		"Payment - Thank You":    {"PAYMENT THANK YOU"},
		"Maple Court Apartments": {"MAPLE CT"},
	}
	var out []enhanceMatch
	for _, m := range append(append(append([]merchant(nil), spending...), monthly...), rent, payroll, atmFee, cardPayment, savingsIn, interestPaid) {
		words := []string{normalizeWords(m.name), normalizeWords(m.raw)}
		for _, a := range aliases[m.name] {
			words = append(words, normalizeWords(a))
		}
		out = append(out, enhanceMatch{m: m, words: words})
	}
	return out
}()

// normalizeWords upper-cases s and keeps its letters and digits, words separated by one space.
func normalizeWords(s string) string {
	f := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return " " + strings.Join(f, " ") + " "
}

// matchMerchant returns the merchant a description names.
func matchMerchant(description string) (merchant, bool) {
	d := normalizeWords(description)
	for _, em := range enhanceMatches {
		for _, w := range em.words {
			if strings.TrimSpace(w) != "" && strings.Contains(d, w) {
				return em.m, true
			}
		}
	}
	return merchant{}, false
}

// processorPrefixes are what card processors put before a merchant's name.
var processorPrefixes = []string{"SQ *", "SQ*", "TST*", "TST *", "PAYPAL *", "PP*"}

// cleanDescription makes a readable description of one the fake does not recognise.
func cleanDescription(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range processorPrefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '*' || r == '#' }) {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		rs := []rune(strings.ToLower(w))
		rs[0] = unicode.ToUpper(rs[0])
		words = append(words, string(rs))
	}
	if len(words) == 0 {
		return strings.TrimSpace(s)
	}
	return strings.Join(words, " ")
}

// enhance classifies one transaction.
func enhance(in mxplatform.EnhanceTransactionRequest) mxplatform.EnhancedTransaction {
	out := mxplatform.EnhancedTransaction{
		ID: in.ID, OriginalDescription: in.Description, Memo: deref(in.Memo),
		ExtendedTransactionType: deref(in.ExtendedTransactionType), IsInternational: opt(false),
		IsPayrollAdvance: opt(false),
	}
	if in.Amount != nil {
		out.Amount = opt(*in.Amount)
	}
	if in.MerchantCategoryCode != nil {
		out.MerchantCategoryCode = opt(*in.MerchantCategoryCode)
	}
	cat := defaultCategory("Uncategorized")
	m, matched := matchMerchant(in.Description)
	switch {
	case matched:
		cat = defaultCategory(m.cat)
		out.Description = m.name
		if m.mcc != 0 {
			loc := m.location()
			out.MerchantGUID, out.MerchantLocationGUID = loc.MerchantGUID, loc.GUID
			if in.MerchantCategoryCode == nil {
				out.MerchantCategoryCode = opt(m.mcc)
			}
		}
	case in.MerchantCategoryCode != nil:
		if row, ok := mxplatform.LookupMerchantCategoryCode(*in.MerchantCategoryCode); ok {
			if c, ok := categories[categoryGUID(row.MXCategory)]; ok {
				cat = c
			}
		}
		out.Description = cleanDescription(in.Description)
	default:
		out.Description = cleanDescription(in.Description)
	}
	overdraft := strings.Contains(normalizeWords(in.Description+" "+deref(in.Memo)), " OVERDRAFT ")
	if overdraft && !matched {
		cat = defaultCategory("Banking Fee")
	}
	out.Category, out.CategoryGUID, out.TopLevelCategoryGUID = cat.name, cat.guid, cat.topGUID
	typ := deref(in.Type)
	if typ == "" {
		typ = mxplatform.TransactionTypeDebit
		if cat.top == "Income" {
			typ = mxplatform.TransactionTypeCredit
		}
	}
	out.Type = typ
	out.IsIncome = opt(cat.top == "Income")
	out.IsFee = opt(cat.top == "Fees & Charges")
	out.IsOverdraftFee = opt(overdraft)
	out.IsDirectDeposit = opt(cat.name == "Paycheck")
	out.IsExpense = opt(typ == mxplatform.TransactionTypeDebit && cat.top != "Transfer")
	out.IsBillPay = opt(matched && m.bill)
	out.IsSubscription = opt(matched && m.sub)
	return out
}

// EnhanceTransactions serves enhanceTransactions: each transaction sent, classified, in the
// order sent. It reads no state, so it takes no lock. An empty list answers an empty list;
// more than 1000 transactions, or one without an id or a description, answer 400.
func (f v20250224Handlers) EnhanceTransactions(_ context.Context, req server25.EnhanceTransactionsRequestObject) (server25.EnhanceTransactionsResponseObject, error) {
	if req.Body == nil {
		return nil, errNoBody
	}
	in := req.Body.Transactions
	if len(in) > maxEnhance {
		return nil, errorf(http.StatusBadRequest, "Too many transactions: at most %d can be enhanced at once, not %d.", maxEnhance, len(in))
	}
	out := make([]mxplatform.EnhancedTransaction, len(in))
	for i, t := range in {
		if strings.TrimSpace(t.ID) == "" || strings.TrimSpace(t.Description) == "" {
			return nil, errorf(http.StatusBadRequest, "Invalid request body: transactions[%d] needs an id and a description.", i)
		}
		if t.Amount != nil && !reasonable(*t.Amount) {
			return nil, errorf(http.StatusBadRequest, "Invalid request body: transactions[%d].amount: %s is not an amount (at most %d digits, %d after the point).", i, truncateNumber(t.Amount), maxDigits, maxScale)
		}
		out[i] = enhance(t)
	}
	return server25.EnhanceTransactions200JSONResponse{Transactions: out}, nil
}
