package mxplatformtest

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/shopspring/decimal"
)

// Statements are gathered by fetchStatements: one a month for each of the member's aggregated
// accounts, for the statementMonths full months before the job. A statement is a record
// (listStatementsByMember, readStatementByMember) and a PDF document (downloadStatementPDF):
// a small, valid, one-page PDF that names the institution, the account, the period, the
// balance and the period's activity, made from the statement alone, so that it is the same
// every time it is downloaded, and its SHA-256 in hexadecimal is the record's content_hash.
// Fetching again adds the months not yet gathered and leaves the others as they are.

// statementMonths is how many monthly statements a fetch gathers per account.
const statementMonths = 3

// statementRec is a statement of an account.
type statementRec struct {
	seq                  uint64
	guid                 mxplatform.StatementGUID
	account              *accountRec
	month                time.Time // the first day of the statement's month
	createdAt, updatedAt time.Time
	pdf                  []byte
	hash                 string
}

// fetchStatements gathers the statements of the member's accounts at time at.
func (f *Fake) fetchStatements(m *memberRec, at time.Time) {
	first := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)
	for _, a := range m.accs {
		if a.data.IsManual.Value() {
			continue
		}
		for i := statementMonths; i >= 1; i-- {
			month := first.AddDate(0, -i, 0)
			if slices.ContainsFunc(m.statements, func(s *statementRec) bool { return s.account == a && s.month.Equal(month) }) {
				continue
			}
			pdf := statementPDF(a, month)
			sum := sha256.Sum256(pdf)
			st := &statementRec{
				seq: f.st.next(), guid: mxplatform.StatementGUID(f.st.newGUID("STA")), account: a, month: month,
				createdAt: at, updatedAt: at, pdf: pdf, hash: hex.EncodeToString(sum[:]),
			}
			f.st.statements[st.guid] = st
			m.statements = append(m.statements, st)
		}
	}
	slices.SortStableFunc(m.statements, func(x, y *statementRec) int {
		if c := cmp.Compare(x.account.seq, y.account.seq); c != 0 {
			return c
		}
		return y.month.Compare(x.month) // newest first
	})
}

// statementPDF makes the document of the account's statement of the month.
func statementPDF(a *accountRec, month time.Time) []byte {
	end := month.AddDate(0, 1, -1)
	credits, debits := decimal.Zero, decimal.Zero
	n := 0
	for _, t := range a.txns {
		if t.day.Before(month) || t.day.After(end) {
			continue
		}
		n++
		if t.data.Type == mxplatform.TransactionTypeCredit {
			credits = credits.Add(t.data.Amount.Value().Big())
		} else {
			debits = debits.Add(t.data.Amount.Value().Big())
		}
	}
	masked := a.data.AccountNumber
	if len(masked) > 4 {
		masked = masked[len(masked)-4:]
	}
	balance := "not reported"
	if b, ok := a.data.Balance.Get(); ok {
		balance = b.StringFixed(2) + " " + a.data.CurrencyCode
	}
	title := fmt.Sprintf("%s statement %s", a.member.inst.Name, month.Format("January 2006"))
	return minimalPDF(title, []string{
		a.member.inst.Name,
		"Account statement",
		fmt.Sprintf("Account: %s (ending %s)", a.data.Name, masked),
		fmt.Sprintf("Period: %s to %s", month.Format(time.DateOnly), end.Format(time.DateOnly)),
		fmt.Sprintf("Transactions in the period: %d", n),
		fmt.Sprintf("Credits: %s", credits.StringFixed(2)),
		fmt.Sprintf("Debits: %s", debits.StringFixed(2)),
		fmt.Sprintf("Balance at the last aggregation: %s", balance),
		"This statement was made by the fake MX Platform API for tests.",
	})
}

// statementPath is the path of the statement's PDF, relative to the API's base URL.
func (st *statementRec) statementPath() string {
	m := st.account.member
	return "/users/" + string(m.user.guid) + "/members/" + string(m.guid) + "/statements/" + string(st.guid) + ".pdf"
}

// api renders the statement; base is the server's URL, for its uri.
func (st *statementRec) api(base string) mxplatform.Statement {
	m := st.account.member
	return mxplatform.Statement{
		GUID: st.guid, AccountGUID: st.account.guid, MemberGUID: m.guid, UserGUID: m.user.guid,
		ContentHash: st.hash, URI: base + st.statementPath(),
		CreatedAt: timestamp(st.createdAt), UpdatedAt: timestamp(st.updatedAt),
	}
}

// statementOf returns the member's statement with the GUID, or a 404 error.
func statementOf(m *memberRec, g mxplatform.StatementGUID) (*statementRec, error) {
	for _, st := range m.statements {
		if st.guid == g {
			return st, nil
		}
	}
	return nil, errStatementNotFound
}
