package mxplatformtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The sample is a small, known data set for trying commands and examples against a fake
// without creating anything first: the help examples of cmd/mx name its records, and
// 'mx fake --sample' loads it. [Fake.LoadSample] stores it through the fake's own API, so
// that every record is what the operations that made it answer.
//
// Its GUIDs are stable: each stage of the load draws its GUIDs and secrets from a generator
// of its own, seeded by the sample and the stage, whatever the fake's seed ([WithSeed]) and
// whatever the other stages draw. The generated data of the members (their accounts,
// transactions, statements and holdings) follows the fake's seed as usual, and so do the
// budgets generated from it: the sample's GUIDs of those records hold for [DefaultSeed].

// SampleUserID and the other Sample*ID constants are the partner-defined ids of the sample's
// user and members, which the paths that take identifiers accept in place of GUIDs.
const (
	SampleUserID             mxplatform.UserID      = "u-1"     // the user, ada@example.com
	SampleMemberID           mxplatform.MemberID    = "m-1"     // a connected member at the test bank
	SampleChallengedMemberID mxplatform.MemberID    = "m-mfa"   // a member of the test bank waiting for its MFA answer
	SampleOAuthMemberID      mxplatform.MemberID    = "m-oauth" // a member of the OAuth test bank that waits for its OAuth flow
	SampleInvestorMemberID   mxplatform.MemberID    = "m-2"     // a connected member with an investment account
	SampleACHReturnID        mxplatform.ACHReturnID = "ret-1"   // the partner's id of the sample's ACH return
)

// sampleSeed seeds the generators of the sample's stages.
const sampleSeed = 0x73616d706c65

// Sample names the records [Fake.LoadSample] stored.
type Sample struct {
	User mxplatform.UserGUID // SampleUserID

	// Member is SampleMemberID: connected, with its accounts, their numbers and owners, its
	// transactions and statements.
	Member mxplatform.MemberGUID
	// Account is Member's checking account; Transaction and SecondTransaction are two of its
	// transactions (tagged and split in the examples).
	Account                        mxplatform.AccountGUID
	Transaction, SecondTransaction mxplatform.TransactionGUID
	Statement                      mxplatform.StatementGUID

	// ChallengedMember (SampleChallengedMemberID) waits for the answer to Challenge, a
	// question whose answer is [ChallengeAnswer], until the fake's challenge timeout.
	ChallengedMember mxplatform.MemberGUID
	Challenge        mxplatform.ChallengeGUID
	// OAuthMember (SampleOAuthMemberID) waits for its first OAuth flow.
	OAuthMember mxplatform.MemberGUID
	// InvestorMember (SampleInvestorMemberID) has an investment account, whose first holding
	// is Holding.
	InvestorMember mxplatform.MemberGUID
	Holding        mxplatform.HoldingGUID

	// ManualAccount ("Cash jar") has the manual transaction ManualTransaction; the two
	// MergeAccounts are manual accounts to merge, SpareAccount one to delete.
	ManualAccount     mxplatform.AccountGUID
	ManualTransaction mxplatform.TransactionGUID
	MergeAccounts     [2]mxplatform.AccountGUID
	SpareAccount      mxplatform.AccountGUID

	// Category is the user's own category "Board games", under DefaultCategory
	// (Entertainment).
	Category, DefaultCategory mxplatform.CategoryGUID

	// Tag ("Business trip") is on Transaction through Tagging; SecondTag ("Conference") has
	// no tagging.
	Tag, SecondTag mxplatform.TagGUID
	Tagging        mxplatform.TaggingGUID
	// Rule categorizes the descriptions "BLUE BOTTLE" as Coffee Shops.
	Rule mxplatform.TransactionRuleGUID
	// Budget is a generated budget of a top-level category, BudgetableCategory a subcategory
	// of it that has no budget.
	Budget             mxplatform.BudgetGUID
	BudgetableCategory mxplatform.CategoryGUID
	// Goal ("Trip to Lisbon") and SecondGoal ("Emergency fund") save into Account.
	Goal, SecondGoal mxplatform.GoalGUID
	// SpendingPlan has the account PlanAccount and, in its current iteration, the item
	// PlanItem (groceries).
	SpendingPlan mxplatform.SpendingPlanGUID
	PlanAccount  mxplatform.SpendingPlanAccountGUID
	PlanItem     mxplatform.SpendingPlanIterationItemGUID
	Notification mxplatform.NotificationGUID
	ACHReturn    mxplatform.ACHReturnGUID // SampleACHReturnID, a return R01 of Account

	// ProcessorToken opens Account to the fake's payment processor, for 90 days of the
	// fake's clock.
	ProcessorToken string

	// CreditCardProduct is the product of MX Bank's "Visa Signature" cards, one of the credit
	// card products the fake knows: creditCard reads it.
	CreditCardProduct mxplatform.CreditCardProductGUID

	// UserNameCredential and PasswordCredential are the test bank's two credentials.
	UserNameCredential, PasswordCredential mxplatform.CredentialGUID
}

// LoadSample stores the sample data set in the fake and returns what it names: the user
// SampleUserID with its members, accounts, transactions, categories, tags, a rule, a budget,
// goals, a spending plan, a notification, an ACH return and a processor token. Call it once,
// on a fake that has no user SampleUserID, before it serves requests (the GUIDs are stable
// only when no other request draws GUIDs meanwhile). Jobs run to their end whatever the
// step interval.
func (f *Fake) LoadSample() (*Sample, error) {
	s := &sampler{f: f, ctx: context.Background()}
	api, err := mxplatform.New(
		mxplatform.WithServerURL("http://127.0.0.1"),
		mxplatform.WithCredentials(f.cfg.clientID, f.cfg.apiKey),
		mxplatform.WithDoer(inProcess{f}),
		mxplatform.WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 1}),
	)
	if err != nil {
		return nil, fmt.Errorf("mxplatformtest: LoadSample: %w", err)
	}
	s.api = api
	f.mu.Lock()
	saved := f.st.guids
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.st.guids = saved
		f.mu.Unlock()
	}()
	out, err := s.load()
	if err != nil {
		return nil, fmt.Errorf("mxplatformtest: LoadSample: %w", err)
	}
	return out, nil
}

// inProcess sends the sample's requests straight to the fake's handler.
type inProcess struct{ f *Fake }

func (d inProcess) Do(r *http.Request) (*http.Response, error) {
	w := httptest.NewRecorder()
	d.f.ServeHTTP(w, r)
	return w.Result(), nil
}

// sampler loads the sample, one stage after another.
type sampler struct {
	f   *Fake
	ctx context.Context
	api *mxplatform.API
}

// stage gives the next GUIDs a generator of their own, seeded by the stage's number.
func (s *sampler) stage(n uint64) {
	s.f.mu.Lock()
	s.f.st.guids = rand.New(rand.NewPCG(sampleSeed, n))
	s.f.mu.Unlock()
}

func (s *sampler) load() (*Sample, error) {
	out := &Sample{}
	ctx, api, f := s.ctx, s.api, s.f

	s.stage(1)
	user, err := f.AddUser(mxplatform.User{ID: SampleUserID, Email: "ada@example.com", Metadata: `{"plan": "pro"}`})
	if err != nil {
		return nil, err
	}
	out.User = user.GUID
	inst, err := f.institutionCredentials(TestBankCode)
	if err != nil {
		return nil, err
	}
	out.UserNameCredential, out.PasswordCredential = inst[0], inst[1]
	// A product's GUID derives from its institution and card name (no operation lists them).
	out.CreditCardProduct = mxplatform.CreditCardProductGUID(stableGUID("CCP", string(TestBankCode)+"/Visa Signature"))

	s.stage(2)
	products := []mxplatform.SupportedProduct{pTransactions, pVerification, pIdentity, pStatements}
	m, err := f.AddMember(out.User, MemberSeed{ID: mxplatform.Ptr(string(SampleMemberID)), Products: products})
	if err != nil {
		return nil, err
	}
	out.Member = m.GUID
	accounts, err := api.ListMemberAccounts(ctx, mxplatform.UserIdentifier(out.User), mxplatform.MemberIdentifier(out.Member), nil)
	if err != nil {
		return nil, err
	}
	for _, a := range accounts.Items {
		if a.Type == mxplatform.AccountTypeChecking {
			out.Account = a.GUID
			break
		}
	}
	txs, err := api.ListTransactionsByAccount(ctx, out.User, out.Account, nil)
	if err != nil {
		return nil, err
	}
	if out.Account == "" || len(txs.Items) < 2 {
		return nil, fmt.Errorf("the member %s has no checking account with two transactions", SampleMemberID)
	}
	out.Transaction, out.SecondTransaction = txs.Items[0].GUID, txs.Items[1].GUID
	statements, err := api.ListStatementsByMember(ctx, out.User, out.Member, nil)
	if err != nil {
		return nil, err
	}
	if len(statements.Items) == 0 {
		return nil, fmt.Errorf("the member %s has no statements", SampleMemberID)
	}
	out.Statement = statements.Items[0].GUID

	s.stage(3)
	m, err = f.AddMember(out.User, MemberSeed{ID: mxplatform.Ptr(string(SampleChallengedMemberID)), UserName: "ada-mfa", Password: PasswordChallenge})
	if err != nil {
		return nil, err
	}
	out.ChallengedMember = m.GUID
	challenges, err := api.ListMemberChallenges(ctx, mxplatform.UserIdentifier(out.User), mxplatform.MemberIdentifier(m.GUID), nil)
	if err != nil {
		return nil, err
	}
	if len(challenges.Items) != 1 {
		return nil, fmt.Errorf("the member %s has %d challenges, not one", SampleChallengedMemberID, len(challenges.Items))
	}
	out.Challenge = challenges.Items[0].GUID

	s.stage(4)
	oauth, err := api.CreateMember(ctx, mxplatform.UserIdentifier(out.User), mxplatform.MemberCreateRequest{
		InstitutionCode: OAuthTestBankCode, IsOAuth: mxplatform.Ptr(true), ID: mxplatform.Ptr(SampleOAuthMemberID),
	}, nil)
	if err != nil {
		return nil, err
	}
	out.OAuthMember = oauth.GUID

	s.stage(5)
	cash, err := s.manualAccount(out.User, "Cash jar", "120.50")
	if err != nil {
		return nil, err
	}
	out.ManualAccount = cash
	tx, err := api.CreateManualTransaction(ctx, out.User, cash, mxplatform.TransactionCreateRequest{
		Amount: mxplatform.MustDecimal("12.34"), Date: mxplatform.DateOf(f.Now()), Description: "Farmers market", Type: mxplatform.TransactionTypeDebit,
	})
	if err != nil {
		return nil, err
	}
	out.ManualTransaction = tx.GUID
	for i, name := range []string{"Piggy bank", "Coin jar"} {
		if out.MergeAccounts[i], err = s.manualAccount(out.User, name, "5.25"); err != nil {
			return nil, err
		}
	}
	if out.SpareAccount, err = s.manualAccount(out.User, "Old wallet", "0.00"); err != nil {
		return nil, err
	}

	s.stage(6)
	out.DefaultCategory = categoryGUID("Entertainment")
	category, err := api.CreateCategory(ctx, out.User, mxplatform.CategoryCreateRequest{Name: "Board games", ParentGUID: out.DefaultCategory})
	if err != nil {
		return nil, err
	}
	out.Category = category.GUID
	tag, err := api.CreateTag(ctx, out.User, mxplatform.TagCreateRequest{Name: "Business trip"})
	if err != nil {
		return nil, err
	}
	out.Tag = tag.GUID
	if tag, err = api.CreateTag(ctx, out.User, mxplatform.TagCreateRequest{Name: "Conference"}); err != nil {
		return nil, err
	}
	out.SecondTag = tag.GUID
	tagging, err := api.CreateTagging(ctx, out.User, mxplatform.TaggingCreateRequest{TagGUID: out.Tag, TransactionGUID: out.Transaction})
	if err != nil {
		return nil, err
	}
	out.Tagging = tagging.GUID
	rule, err := api.CreateTransactionRule(ctx, out.User, mxplatform.TransactionRuleCreateRequest{
		CategoryGUID: categoryGUID("Coffee Shops"), MatchDescription: "BLUE BOTTLE", Description: mxplatform.Ptr("Coffee"),
	})
	if err != nil {
		return nil, err
	}
	out.Rule = rule.GUID
	s.stage(10)
	// A top-level budget cannot be created with createBudget, whose parent_guid is required
	// while a top-level budget has none: the sample generates its budgets, and keeps one of a
	// top-level category and a subcategory of it without a budget, for examples that create one.
	budgets, err := api.AutoGenerateBudgets(ctx, out.User)
	if err != nil {
		return nil, err
	}
	for _, b := range budgets {
		if out.Budget != "" {
			break
		}
		c, ok := categories[b.CategoryGUID]
		if !ok || !c.isTop() {
			continue
		}
		for _, sub := range defaultCategoryList {
			if sub.topGUID == c.guid && !sub.isTop() && !slices.ContainsFunc(budgets, func(x mxplatform.Budget) bool { return x.CategoryGUID == sub.guid }) {
				out.Budget, out.BudgetableCategory = b.GUID, sub.guid
				break
			}
		}
	}
	if out.Budget == "" {
		return nil, fmt.Errorf("no generated budget of a top-level category has a subcategory left to budget")
	}
	s.stage(11)
	for i, g := range []struct{ name, amount, meta string }{{"Trip to Lisbon", "2500.00", "VACATION"}, {"Emergency fund", "5000.00", "EMERGENCY_FUND"}} {
		goal, err := api.CreateGoal(ctx, out.User, mxplatform.GoalCreateRequest{
			AccountGUID: out.Account, Amount: mxplatform.MustDecimal(g.amount), GoalTypeName: mxplatform.GoalTypeSaveAmount, MetaTypeName: g.meta, Name: g.name,
		})
		if err != nil {
			return nil, err
		}
		if i == 0 {
			out.Goal = goal.GUID
		} else {
			out.SecondGoal = goal.GUID
		}
	}
	notification, err := api.CreateNotification(ctx, out.User, mxplatform.NotificationCreateRequest{Subject: "Welcome", Content: "Your accounts are connected."})
	if err != nil {
		return nil, err
	}
	out.Notification = notification.GUID
	ret, err := api.CreateACHReturn(ctx, mxplatform.ACHReturnCreateRequest{
		ID: SampleACHReturnID, UserGUID: out.User, MemberGUID: out.Member, AccountGUID: out.Account, ReturnCode: "R01",
	})
	if err != nil {
		return nil, err
	}
	out.ACHReturn = ret.GUID

	s.stage(7)
	plan, err := api.CreateSpendingPlan(ctx, out.User)
	if err != nil {
		return nil, err
	}
	out.SpendingPlan = plan.GUID
	planAccounts, err := api.ListSpendingPlanAccounts(ctx, out.User, plan.GUID, nil)
	if err != nil {
		return nil, err
	}
	if len(planAccounts.Items) == 0 {
		return nil, fmt.Errorf("the spending plan has no accounts")
	}
	out.PlanAccount = planAccounts.Items[0].GUID
	s.stage(12)
	item, err := api.CreateSpendingPlanIterationItem(ctx, out.User, plan.GUID, mxplatform.SpendingPlanIterationItemRequest{
		CategoryGUID: mxplatform.Ptr(categoryGUID("Groceries")), PlannedAmount: mxplatform.MustDecimal("250.00"),
		ItemType: mxplatform.Ptr(mxplatform.SpendingPlanItemTypePlannedExpense),
	})
	if err != nil {
		return nil, err
	}
	out.PlanItem = item.GUID

	s.stage(8)
	code, err := api.RequestAuthorizationCode(ctx, mxplatform.AuthorizationCodeRequest{
		Scope: mxplatform.Ptr(fmt.Sprintf("user-guid:%s member-guid:%s account-guid:%s read-protected", out.User, out.Member, out.Account)),
	})
	if err != nil {
		return nil, err
	}
	if out.ProcessorToken, err = f.ExchangeAuthorizationCode(code.Code); err != nil {
		return nil, err
	}

	// The generated accounts follow the fake's seed: members are tried until one has an
	// investment account; each try starts the stage's generator afresh, so that the one kept
	// has the same GUIDs whichever try it is.
	for i := 1; out.Holding == "" && i <= 50; i++ {
		s.stage(9)
		m, err := f.AddMember(out.User, MemberSeed{ID: mxplatform.Ptr(string(SampleInvestorMemberID)), UserName: fmt.Sprintf("investor-%d", i)})
		if err != nil {
			return nil, err
		}
		holdings, err := api.ListHoldingsByMember(ctx, out.User, m.GUID, nil)
		if err != nil {
			return nil, err
		}
		if len(holdings.Items) > 0 {
			out.InvestorMember, out.Holding = m.GUID, holdings.Items[0].GUID
			break
		}
		if err := api.DeleteMember(ctx, mxplatform.UserIdentifier(out.User), mxplatform.MemberIdentifier(m.GUID)); err != nil {
			return nil, err
		}
	}
	if out.Holding == "" {
		return nil, fmt.Errorf("no login of the test bank gave an investment account")
	}
	return out, nil
}

// manualAccount creates a manual cash account.
func (s *sampler) manualAccount(user mxplatform.UserGUID, name, balance string) (mxplatform.AccountGUID, error) {
	a, err := s.api.CreateManualAccount(s.ctx, mxplatform.UserIdentifier(user), mxplatform.AccountCreateRequest{
		Name: name, AccountType: mxplatform.AccountTypeCash, Balance: mxplatform.Ptr(mxplatform.MustDecimal(balance)),
	})
	if err != nil {
		return "", err
	}
	return a.GUID, nil
}

// institutionCredentials returns the GUIDs of an institution's credentials: the user name's,
// then the password's.
func (f *Fake) institutionCredentials(code mxplatform.InstitutionCode) ([2]mxplatform.CredentialGUID, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst, err := f.st.institution(code)
	if err != nil {
		return [2]mxplatform.CredentialGUID{}, err
	}
	return [2]mxplatform.CredentialGUID{inst.loginGUID(), inst.passwordGUID()}, nil
}

// Names returns the sample's records by the names the help examples of cmd/mx give them
// ({user}, {tag}...), for tools that write examples from templates.
func (s *Sample) Names() map[string]string {
	n := map[string]string{
		"user": string(s.User), "member": string(s.Member), "account": string(s.Account),
		"transaction": string(s.Transaction), "transaction2": string(s.SecondTransaction), "statement": string(s.Statement),
		"challenged_member": string(s.ChallengedMember), "challenge": string(s.Challenge), "oauth_member": string(s.OAuthMember),
		"investor_member": string(s.InvestorMember), "holding": string(s.Holding),
		"manual_account": string(s.ManualAccount), "manual_transaction": string(s.ManualTransaction),
		"merge_account1": string(s.MergeAccounts[0]), "merge_account2": string(s.MergeAccounts[1]), "spare_account": string(s.SpareAccount),
		"category": string(s.Category), "default_category": string(s.DefaultCategory),
		"tag": string(s.Tag), "tag2": string(s.SecondTag), "tagging": string(s.Tagging), "rule": string(s.Rule), "budget": string(s.Budget), "budgetable_category": string(s.BudgetableCategory),
		"goal": string(s.Goal), "goal2": string(s.SecondGoal), "plan": string(s.SpendingPlan), "plan_account": string(s.PlanAccount),
		"plan_item": string(s.PlanItem), "notification": string(s.Notification), "ach_return": string(s.ACHReturn),
		"processor_token": s.ProcessorToken, "credit_card_product": string(s.CreditCardProduct), "cred_user": string(s.UserNameCredential), "cred_password": string(s.PasswordCredential),
		"user_id": string(SampleUserID), "member_id": string(SampleMemberID), "challenged_member_id": string(SampleChallengedMemberID),
		"oauth_member_id": string(SampleOAuthMemberID), "investor_member_id": string(SampleInvestorMemberID), "ach_return_id": string(SampleACHReturnID),
	}
	for name, c := range map[string]string{"groceries": "Groceries", "coffee_shops": "Coffee Shops", "food_dining": "Food & Dining", "restaurants": "Restaurants"} {
		n[name] = string(categoryGUID(c))
	}
	return n
}

// Describe lists the sample's names and GUIDs, one "name: value" a line, in a stable order,
// as 'mx fake --sample' prints them.
func (s *Sample) Describe() string {
	n := s.Names()
	var b strings.Builder
	for _, k := range sampleOrder {
		fmt.Fprintf(&b, "%-21s %s\n", k+":", n[k])
	}
	return b.String()
}

// sampleOrder is the order of Describe.
var sampleOrder = []string{
	"user_id", "user", "member_id", "member", "account", "transaction", "transaction2", "statement",
	"challenged_member_id", "challenged_member", "challenge", "oauth_member_id", "oauth_member",
	"investor_member_id", "investor_member", "holding", "manual_account", "manual_transaction",
	"merge_account1", "merge_account2", "spare_account", "category", "default_category",
	"tag", "tag2", "tagging", "rule", "budget", "budgetable_category", "goal", "goal2", "plan", "plan_account", "plan_item",
	"notification", "ach_return", "credit_card_product", "cred_user", "cred_password", "processor_token",
}
