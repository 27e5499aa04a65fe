package mxplatformtest

import (
	"errors"
	"fmt"

	"github.com/mxsdk/mx-go/mxplatform"
)

// Seeding puts data in a fake directly, without HTTP and whatever the step mode, for tests that
// need a known starting point. The same rules as the API apply (unique partner ids, known
// institutions, ownership); the errors say which was broken. What is seeded is served by both
// versions of the API, each in its own models.

// AddUser stores a user as createUser would and returns it with its GUID.
func (f *Fake) AddUser(user mxplatform.User) (mxplatform.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sync()
	u, err := f.addUser(user)
	if err != nil {
		return mxplatform.User{}, fmt.Errorf("mxplatformtest: AddUser: %w", err)
	}
	return u.api(), nil
}

// MemberSeed describes a member for [Fake.AddMember].
type MemberSeed struct {
	// InstitutionCode is the member's institution. Default [TestBankCode].
	InstitutionCode mxplatform.InstitutionCode
	// ID and Metadata are the partner's fields of the member.
	ID, Metadata *string
	// UserName seeds the member's generated data. Default "mxuser".
	UserName string
	// Password picks the outcome of the member's jobs, as in the test bank's table. Default
	// [PasswordConnect].
	Password string
	// UseCases are the use cases the member is enabled for.
	UseCases []mxplatform.UseCase
	// Products are what the member's aggregations gather, as createMember's
	// data_request.products (default: transactions). The first aggregation, which AddMember
	// runs, gathers them: account_verification adds account numbers, identity_verification
	// account owners, statements the last months' statements, transaction_history two years of
	// transactions.
	Products []mxplatform.SupportedProduct
}

// AddMember stores a member and runs its first aggregation at once, to its end or to its
// challenge, so that its accounts and transactions are there when it returns. A member of an
// OAuth institution goes through OAuth first. It returns the member as readMember would.
func (f *Fake) AddMember(user mxplatform.UserGUID, seed MemberSeed) (mxplatform.Member, error) {
	if seed.InstitutionCode == "" {
		seed.InstitutionCode = TestBankCode
	}
	if seed.UserName == "" {
		seed.UserName = "mxuser"
	}
	if seed.Password == "" {
		seed.Password = PasswordConnect
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	inst, err := f.st.institution(seed.InstitutionCode)
	if err != nil {
		return mxplatform.Member{}, fmt.Errorf("mxplatformtest: AddMember: %w", err)
	}
	req := mxplatform.MemberCreateRequest{InstitutionCode: seed.InstitutionCode, ID: (*mxplatform.MemberID)(seed.ID), Metadata: seed.Metadata}
	if len(seed.UseCases) > 0 {
		req.UseCases = append([]mxplatform.UseCase(nil), seed.UseCases...)
	}
	if inst.oauth() {
		req.IsOAuth = mxplatform.Ptr(true)
	} else {
		var creds []mxplatform.CredentialRequest
		for _, c := range inst.Credentials {
			v := seed.UserName
			if c.GUID == inst.passwordGUID() {
				v = seed.Password
			}
			creds = append(creds, mxplatform.CredentialRequest{GUID: c.GUID, Value: v})
		}
		req.Credentials = creds
	}
	u, err := f.st.user(user)
	if err != nil {
		return mxplatform.Member{}, fmt.Errorf("mxplatformtest: AddMember: %w", err)
	}
	m, _, err := f.createMember(u, newMember{req: req, skipAggregation: true, products: seed.Products}, now)
	if err != nil {
		return mxplatform.Member{}, fmt.Errorf("mxplatformtest: AddMember: %w", err)
	}
	if m.isOAuth {
		if err := f.completeOAuth(m, true, now); err != nil {
			return mxplatform.Member{}, fmt.Errorf("mxplatformtest: AddMember: %w", err)
		}
	} else {
		f.startJob(m, jobAggregation, m.outcome(), productsOf(jobAggregation, m), now)
	}
	if j := m.job; j != nil {
		for j.live() && !j.waiting {
			f.step(j, now)
		}
		f.pruneJobs()
	}
	return m.api("http://localhost"), nil
}

// AddAccount stores an account of the member, with the fields given (GUIDs and links are the
// fake's), and returns it as readAccount would. Set IsManual to make it a manual account, which
// aggregations leave alone; the fields of any other are what the institution sent (v20111101's
// feed_* fields).
func (f *Fake) AddAccount(user mxplatform.UserGUID, member mxplatform.MemberGUID, account mxplatform.Account) (mxplatform.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	m, err := f.st.member(user, member)
	if err != nil {
		return mxplatform.Account{}, fmt.Errorf("mxplatformtest: AddAccount: %w", err)
	}
	if account.CreatedAt == "" {
		account.CreatedAt = timestamp(now)
	}
	if account.UpdatedAt == "" {
		account.UpdatedAt = timestamp(now)
	}
	if account.CurrencyCode == "" {
		account.CurrencyCode = "USD"
	}
	if !account.IsClosed.IsSet() {
		account.IsClosed = opt(false)
	}
	a := f.st.addAccount(m, account)
	if !account.IsManual.Value() {
		a.feed = account
	}
	return a.api(), nil
}

// AddTransaction stores a transaction of the account, with the fields given, and returns it as
// readTransaction would. Its Date (an ISO 8601 date or timestamp) defaults to today, its
// status to POSTED; a CategoryGUID the fake knows (a default category, or one of the user's)
// fills in the category's names.
func (f *Fake) AddTransaction(user mxplatform.UserGUID, account mxplatform.AccountGUID, txn mxplatform.Transaction) (mxplatform.Transaction, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.sync()
	a, err := f.st.account(user, account)
	if err != nil {
		return mxplatform.Transaction{}, fmt.Errorf("mxplatformtest: AddTransaction: %w", err)
	}
	d := day(now)
	if txn.Date != "" {
		t, err := parseInstant("date", string(txn.Date), false)
		if err != nil {
			return mxplatform.Transaction{}, fmt.Errorf("mxplatformtest: AddTransaction: %w", err)
		}
		d = day(t)
	}
	if !txn.Amount.IsSet() {
		return mxplatform.Transaction{}, errors.New("mxplatformtest: AddTransaction: a transaction needs an amount")
	}
	if txn.Status == "" {
		txn.Status = mxplatform.TransactionStatusPosted
	}
	if txn.Type == "" {
		txn.Type = mxplatform.TransactionTypeDebit
	}
	if txn.CurrencyCode == "" {
		txn.CurrencyCode = a.data.CurrencyCode
	}
	if !reasonable(txn.Amount.Value()) {
		return mxplatform.Transaction{}, errors.New("mxplatformtest: AddTransaction: the amount has too many digits")
	}
	return f.st.addTransaction(a, txn, d, now).api(nil), nil
}
