package mxplatformtest

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/shopspring/decimal"
)

// The data of an aggregated member is made up from the fake's seed and the member's login (its
// institution and user name): the same login gives the same accounts and transactions in every
// fake with the same seed, whatever the order of requests. GUIDs are not part of it; they come
// from the order in which objects are created.

// dataRand returns the generator of a member's data; round varies it between aggregations.
func dataRand(seed int64, m *memberRec, round int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%s", m.inst.code(), m.login())
	return rand.New(rand.NewPCG(uint64(seed)^h.Sum64(), uint64(round)))
}

// login returns the member's user name, or its GUID for members without one (OAuth).
func (m *memberRec) login() string {
	if v := m.creds[m.inst.loginGUID()]; v != "" {
		return v
	}
	return string(m.guid)
}

// money returns cents as a decimal amount of currency units.
func money(cents int64) mxplatform.Decimal { return mxplatform.DecimalFromBig(decimal.New(cents, -2)) }

// moneyPtr is money for optional fields.
func moneyOpt(cents int64) mxplatform.Optional[mxplatform.Decimal] { return opt(money(cents)) }

// between returns a number in [lo, hi].
func between(r *rand.Rand, lo, hi int64) int64 { return lo + r.Int64N(hi-lo+1) }

// category is a transaction category of MX's tree.
type category struct {
	name, top string
	guid      mxplatform.CategoryGUID
	topGUID   mxplatform.CategoryGUID
}

func newCategory(name, top string) category {
	return category{name: name, top: top, guid: categoryGUID(name), topGUID: categoryGUID(top)}
}

// categoryGUID is the GUID of the category with the name.
func categoryGUID(name string) mxplatform.CategoryGUID {
	return mxplatform.CategoryGUID(stableGUID("CAT", name))
}

// MX's Groceries category keeps the GUID of MX's own examples.
var (
	catGroceries   = category{name: "Groceries", top: "Food & Dining", guid: "CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8", topGUID: categoryGUID("Food & Dining")}
	catRestaurants = newCategory("Restaurants", "Food & Dining")
	catCoffee      = newCategory("Coffee Shops", "Food & Dining")
	catFastFood    = newCategory("Fast Food", "Food & Dining")
	catGas         = newCategory("Gas", "Auto & Transport")
	catTransit     = newCategory("Public Transportation", "Auto & Transport")
	catUtilities   = newCategory("Utilities", "Bills & Utilities")
	catPhone       = newCategory("Mobile Phone", "Bills & Utilities")
	catInternet    = newCategory("Internet", "Bills & Utilities")
	catClothing    = newCategory("Clothing", "Shopping")
	catElectronics = newCategory("Electronics & Software", "Shopping")
	catStreaming   = newCategory("Movies & DVDs", "Entertainment")
	catMusic       = newCategory("Music", "Entertainment")
	catGym         = newCategory("Gym", "Health & Fitness")
	catPharmacy    = newCategory("Pharmacy", "Health & Fitness")
	catRent        = newCategory("Mortgage & Rent", "Home")
	catPaycheck    = newCategory("Paycheck", "Income")
	catInterest    = newCategory("Interest Income", "Income")
	catTransfer    = newCategory("Transfer", "Transfer")
	catCardPayment = newCategory("Credit Card Payment", "Transfer")
	catATMFee      = newCategory("ATM Fee", "Fees & Charges")
)

// categories are the categories the fake knows, by GUID: updateTransaction accepts these and
// the top-level ones.
var categories = func() map[mxplatform.CategoryGUID]category {
	all := []category{catGroceries, catRestaurants, catCoffee, catFastFood, catGas, catTransit,
		catUtilities, catPhone, catInternet, catClothing, catElectronics, catStreaming, catMusic,
		catGym, catPharmacy, catRent, catPaycheck, catInterest, catTransfer, catCardPayment, catATMFee}
	m := map[mxplatform.CategoryGUID]category{}
	for _, c := range all {
		m[c.guid] = c
		m[c.topGUID] = category{name: c.top, top: c.top, guid: c.topGUID, topGUID: c.topGUID}
	}
	return m
}()

// merchant is where money is spent.
type merchant struct {
	name, raw string // description and original description
	cat       category
	mcc       int
	lo, hi    int64 // amount range, cents
	recurring bool
	sub       bool // a subscription
	bill      bool
}

var spending = []merchant{
	{name: "Whole Foods", raw: "WHOLEFDS TSQ 102", cat: catGroceries, mcc: 5411, lo: 1800, hi: 16000},
	{name: "Trader Joe's", raw: "TRADER JOE S #552", cat: catGroceries, mcc: 5411, lo: 1500, hi: 9000},
	{name: "Safeway", raw: "SAFEWAY #1711", cat: catGroceries, mcc: 5411, lo: 1200, hi: 12000},
	{name: "Chipotle", raw: "CHIPOTLE 0923", cat: catFastFood, mcc: 5814, lo: 900, hi: 2400},
	{name: "Starbucks", raw: "STARBUCKS STORE 10284", cat: catCoffee, mcc: 5814, lo: 350, hi: 1200},
	{name: "Olive Garden", raw: "OLIVE GARDEN 0034", cat: catRestaurants, mcc: 5812, lo: 2800, hi: 9500},
	{name: "Shell", raw: "SHELL OIL 57444", cat: catGas, mcc: 5541, lo: 2500, hi: 7500},
	{name: "Chevron", raw: "CHEVRON 0306417", cat: catGas, mcc: 5541, lo: 2500, hi: 7000},
	{name: "Metro Transit", raw: "METRO TRANSIT FARE", cat: catTransit, mcc: 4111, lo: 250, hi: 2500},
	{name: "Target", raw: "TARGET 00021", cat: catClothing, mcc: 5311, lo: 1500, hi: 14000},
	{name: "Amazon", raw: "AMZN MKTP US*2K4", cat: catElectronics, mcc: 5942, lo: 999, hi: 25000},
	{name: "CVS Pharmacy", raw: "CVS/PHARMACY #0412", cat: catPharmacy, mcc: 5912, lo: 600, hi: 6000},
}

var monthly = []merchant{
	{name: "Netflix", raw: "NETFLIX.COM", cat: catStreaming, mcc: 4899, lo: 1549, hi: 1549, recurring: true, sub: true},
	{name: "Spotify", raw: "SPOTIFY USA", cat: catMusic, mcc: 5735, lo: 1099, hi: 1099, recurring: true, sub: true},
	{name: "Planet Fitness", raw: "PLANET FITNESS CLUB", cat: catGym, mcc: 7997, lo: 2499, hi: 2499, recurring: true, sub: true},
	{name: "Verizon Wireless", raw: "VZWRLSS*APOCC VISB", cat: catPhone, mcc: 4814, lo: 6500, hi: 9500, recurring: true, bill: true},
	{name: "Comcast", raw: "COMCAST CABLE COMM", cat: catInternet, mcc: 4899, lo: 7999, hi: 7999, recurring: true, bill: true},
	{name: "City Power & Light", raw: "CITY POWER LIGHT UTIL", cat: catUtilities, mcc: 4900, lo: 6000, hi: 18000, recurring: true, bill: true},
}

// accountKind is one kind of account the generator makes.
type accountKind struct {
	typ      mxplatform.AccountType
	subtypes []mxplatform.AccountSubtype
	names    []string
}

var extraKinds = []accountKind{
	{mxplatform.AccountTypeSavings, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeNone, mxplatform.AccountSubtypeMoneyMarket}, []string{"Savings", "High Yield Savings"}},
	{mxplatform.AccountTypeCreditCard, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeNone}, []string{"Visa Signature", "Cash Rewards Mastercard"}},
	{mxplatform.AccountTypeLoan, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeAuto, mxplatform.AccountSubtypeStudent, mxplatform.AccountSubtypePersonal}, []string{"Auto Loan", "Student Loan", "Personal Loan"}},
	{mxplatform.AccountTypeInvestment, []mxplatform.AccountSubtype{mxplatform.AccountSubtypePlan401K, mxplatform.AccountSubtypeRothIRA, mxplatform.AccountSubtypeBrokerage}, []string{"401(k)", "Roth IRA", "Brokerage"}},
	{mxplatform.AccountTypeMortgage, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeNone}, []string{"Home Mortgage"}},
	{mxplatform.AccountTypeLineOfCredit, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeNone}, []string{"Personal Line of Credit"}},
}

// genAccounts makes the accounts of a member's first aggregation: a checking account and one
// to three others.
func genAccounts(r *rand.Rand, instName string, at time.Time) []mxplatform.Account {
	out := []mxplatform.Account{genAccount(r, accountKind{mxplatform.AccountTypeChecking, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeNone}, []string{"Everyday Checking", "Checking"}}, instName, at)}
	kinds := append([]accountKind(nil), extraKinds...)
	r.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	n := 1 + r.IntN(3)
	// A credit card makes the data more useful to look at; prefer one when it was drawn late.
	for i, k := range kinds {
		if k.typ == mxplatform.AccountTypeCreditCard && i >= n {
			kinds[0], kinds[i] = kinds[i], kinds[0]
		}
	}
	for _, k := range kinds[:n] {
		out = append(out, genAccount(r, k, instName, at))
	}
	return out
}

func genAccount(r *rand.Rand, k accountKind, instName string, at time.Time) mxplatform.Account {
	i := r.IntN(len(k.subtypes))
	sub, name := k.subtypes[i], k.names[min(i, len(k.names)-1)]
	feed, system := mxplatform.SetByFeed, mxplatform.SetBySystem
	number := fmt.Sprintf("%04d", r.IntN(10000))
	a := mxplatform.Account{
		Type: k.typ, Subtype: sub, TypeSetBy: mxplatform.OptionalOf(feed), SubtypeSetBy: mxplatform.OptionalOf(feed),
		Name: name, NameSetBy: mxplatform.OptionalOf(feed), FeedName: name,
		AccountNumber: number, AccountNumberSetBy: mxplatform.OptionalOf(feed), FeedAccountNumber: number,
		CurrencyCode: "USD", CurrencyCodeSetBy: mxplatform.OptionalOf(system), FeedCurrencyCode: "USD",
		CreatedAt: timestamp(at), UpdatedAt: timestamp(at), ImportedAt: timestamp(at),
		AccountOwnership: "INDIVIDUAL",
	}
	due := func(days int) mxplatform.Timestamp { return timestamp(day(at).AddDate(0, 0, days)) }
	switch k.typ {
	case mxplatform.AccountTypeChecking:
		bal := between(r, 50000, 800000)
		a.Balance, a.AvailableBalance, a.FeedBalance, a.FeedAvailableBalance = moneyOpt(bal), moneyOpt(bal), moneyOpt(bal), moneyOpt(bal)
		a.RoutingNumber = fmt.Sprintf("0%08d", r.IntN(100000000))
		a.FeedRoutingNumber = a.RoutingNumber
		a.Apy = moneyOpt(1)
		a.FederalInsuranceStatus = "INSURED"
		a.Name = instName + " " + name
	case mxplatform.AccountTypeSavings:
		bal := between(r, 100000, 2500000)
		a.Balance, a.AvailableBalance, a.FeedBalance = moneyOpt(bal), moneyOpt(bal), moneyOpt(bal)
		a.Apy, a.InterestRate = moneyOpt(between(r, 50, 450)), moneyOpt(between(r, 50, 440))
		a.FeedApy, a.ApySetBy = a.Apy, mxplatform.OptionalOf(feed)
		a.FederalInsuranceStatus = "INSURED"
	case mxplatform.AccountTypeCreditCard:
		limit := between(r, 50, 150) * 10000
		bal := between(r, 0, limit/3)
		a.Balance, a.FeedBalance, a.CreditLimit, a.FeedCreditLimit = moneyOpt(bal), moneyOpt(bal), moneyOpt(limit), moneyOpt(limit)
		a.AvailableCredit = moneyOpt(limit - bal)
		a.StatementBalance = moneyOpt(bal * 9 / 10)
		a.MinimumPayment = moneyOpt(max(2500, bal/50))
		a.Apr = moneyOpt(between(r, 1599, 2999))
		a.FeedApr, a.AprSetBy = a.Apr, mxplatform.OptionalOf(feed)
		dueDay := 1 + r.IntN(28)
		a.DayPaymentIsDue, a.PaymentDueAt = opt(dueDay), due(10+r.IntN(15))
		a.LastPayment, a.LastPaymentAt = moneyOpt(max(2500, bal/4)), due(-20)
	case mxplatform.AccountTypeLoan, mxplatform.AccountTypeMortgage, mxplatform.AccountTypeLineOfCredit:
		orig := between(r, 500, 4000) * 1000
		if k.typ == mxplatform.AccountTypeMortgage {
			orig = between(r, 150, 600) * 100000
		}
		bal := orig * between(r, 30, 95) / 100
		a.OriginalBalance, a.Balance, a.FeedBalance, a.PayoffBalance = moneyOpt(orig), moneyOpt(bal), moneyOpt(bal), moneyOpt(bal+bal/100)
		a.InterestRate = moneyOpt(between(r, 299, 899))
		a.MinimumPayment = moneyOpt(max(5000, orig/120))
		a.PaymentDueAt, a.LastPaymentAt = due(5+r.IntN(20)), due(-25)
		a.LastPayment = a.MinimumPayment
		a.StartedOn = dateOf(at.AddDate(-1-r.IntN(5), 0, 0))
		a.MaturesOn = dateOf(at.AddDate(5+r.IntN(25), 0, 0))
		if k.typ == mxplatform.AccountTypeLineOfCredit {
			a.CreditLimit = moneyOpt(orig)
			a.AvailableCredit = moneyOpt(orig - bal)
		}
	case mxplatform.AccountTypeInvestment:
		holdings := between(r, 500000, 25000000)
		cash := between(r, 0, 500000)
		a.HoldingsValue, a.CashBalance = moneyOpt(holdings), moneyOpt(cash)
		a.Balance, a.TotalAccountValue = moneyOpt(holdings+cash), moneyOpt(holdings+cash)
		a.FeedBalance, a.FeedHoldingsValue = a.Balance, a.HoldingsValue
		a.TodayUglAmount = moneyOpt(between(r, -holdings/50, holdings/50))
	}
	a.BalanceSetBy = mxplatform.OptionalOf(feed)
	return a
}

// transactional reports whether the generator makes transactions for an account of this type.
func transactional(t mxplatform.AccountType) bool {
	return t == mxplatform.AccountTypeChecking || t == mxplatform.AccountTypeSavings || t == mxplatform.AccountTypeCreditCard
}

// genTxn is a generated transaction and the day it belongs to.
type genTxn struct {
	data mxplatform.Transaction
	day  time.Time
}

// genHistory makes the transactions of an account from 89 days before at to 2 days after, so
// that MX's default window (90 days back, 5 ahead) shows all of them. Those of the last two
// days and later are PENDING.
func genHistory(r *rand.Rand, acct mxplatform.Account, at time.Time) []genTxn {
	today := day(at)
	var out []genTxn
	add := func(d time.Time, m merchant, typ mxplatform.TransactionType, cents int64) {
		out = append(out, genTxn{data: txnData(r, m, typ, cents, d, today), day: d})
	}
	start := today.AddDate(0, 0, -89)
	pay := between(r, 150000, 350000)
	for d := start; !d.After(today.AddDate(0, 0, 2)); d = d.AddDate(0, 0, 1) {
		switch acct.Type {
		case mxplatform.AccountTypeChecking:
			if d.Day() == 1 || d.Day() == 15 {
				add(d, merchant{name: "Acme Corp Payroll", raw: "ACME CORP DIR DEP", cat: catPaycheck, recurring: true}, mxplatform.TransactionTypeCredit, pay)
			}
			if d.Day() == 3 {
				add(d, merchant{name: "Maple Court Apartments", raw: "MAPLE CT APTS RENT", cat: catRent, mcc: 6513, recurring: true, bill: true}, mxplatform.TransactionTypeDebit, 185000)
			}
			if r.IntN(10) < 6 {
				m := spending[r.IntN(len(spending))]
				add(d, m, mxplatform.TransactionTypeDebit, between(r, m.lo, m.hi))
			}
			if r.IntN(60) == 0 {
				add(d, merchant{name: "ATM Fee", raw: "NON-NETWORK ATM FEE", cat: catATMFee, mcc: 6011}, mxplatform.TransactionTypeDebit, 300)
			}
		case mxplatform.AccountTypeCreditCard:
			if r.IntN(10) < 5 {
				m := spending[r.IntN(len(spending))]
				add(d, m, mxplatform.TransactionTypeDebit, between(r, m.lo, m.hi))
			}
			for i, m := range monthly {
				if d.Day() == 4+i*4 {
					add(d, m, mxplatform.TransactionTypeDebit, between(r, m.lo, m.hi))
				}
			}
			if d.Day() == 20 {
				add(d, merchant{name: "Payment - Thank You", raw: "ONLINE PAYMENT THANK YOU", cat: catCardPayment}, mxplatform.TransactionTypeCredit, between(r, 30000, 150000))
			}
		case mxplatform.AccountTypeSavings:
			if d.Day() == 2 {
				add(d, merchant{name: "Transfer from Checking", raw: "ONLINE TRANSFER FROM CHK", cat: catTransfer, recurring: true}, mxplatform.TransactionTypeCredit, between(r, 10000, 50000))
			}
			if d.Day() == 28 {
				add(d, merchant{name: "Interest Paid", raw: "INTEREST PAYMENT", cat: catInterest, recurring: true}, mxplatform.TransactionTypeCredit, between(r, 100, 4000))
			}
		}
	}
	return out
}

// genRecent makes the transaction a later aggregation finds on a transactional account.
func genRecent(r *rand.Rand, acct mxplatform.Account, at time.Time) []genTxn {
	if !transactional(acct.Type) || acct.Type == mxplatform.AccountTypeSavings {
		return nil
	}
	m := spending[r.IntN(len(spending))]
	d := day(at)
	return []genTxn{{data: txnData(r, m, mxplatform.TransactionTypeDebit, between(r, m.lo, m.hi), d, d), day: d}}
}

// txnData fills a transaction of merchant m on day d, relative to today.
func txnData(r *rand.Rand, m merchant, typ mxplatform.TransactionType, cents int64, d, today time.Time) mxplatform.Transaction {
	transacted := d.Add(time.Duration(8+r.IntN(12))*time.Hour + time.Duration(r.IntN(60))*time.Minute)
	status := mxplatform.TransactionStatusPosted
	var posted mxplatform.Timestamp
	if d.Before(today.AddDate(0, 0, -1)) {
		posted = timestamp(d.AddDate(0, 0, 1).Add(6 * time.Hour))
	} else {
		status = mxplatform.TransactionStatusPending
	}
	income := m.cat.top == "Income"
	transfer := m.cat.top == "Transfer"
	t := mxplatform.Transaction{
		Amount: moneyOpt(cents), Type: typ, Status: status,
		Description: m.name, OriginalDescription: m.raw,
		Category: m.cat.name, CategoryGUID: m.cat.guid, TopLevelCategory: m.cat.top,
		CurrencyCode: "USD", TransactedAt: timestamp(transacted), PostedAt: posted,
		IsExpense: opt(typ == mxplatform.TransactionTypeDebit && !transfer), IsIncome: opt(income),
		IsDirectDeposit: opt(m.cat == catPaycheck), IsBillPay: opt(m.bill), IsFee: opt(m.cat.top == "Fees & Charges"),
		IsRecurring: opt(m.recurring), IsSubscription: opt(m.sub),
	}
	if m.mcc != 0 {
		t.MerchantCategoryCode = opt(m.mcc)
		t.MerchantGUID = mxplatform.MerchantGUID(stableGUID("MCH", m.name))
		t.MerchantLocationGUID = mxplatform.MerchantLocationGUID(stableGUID("MCL", m.raw))
		t.Latitude = opt(40.0 + float64(r.IntN(100000))/100000)
		t.Longitude = opt(-111.0 - float64(r.IntN(100000))/100000)
	}
	return t
}

// The objects the includes parameter adds to a transaction are derived from the transaction
// alone, so that they are the same on every page and in every fake.

// merchantOf is the merchant include of a transaction with a merchant GUID.
func merchantOf(t mxplatform.Transaction) *mxplatform.TransactionMerchant {
	return &mxplatform.TransactionMerchant{
		GUID:       t.MerchantGUID,
		Name:       t.Description,
		LogoURL:    "https://content.mx.com/logos/merchants/" + string(t.MerchantGUID) + ".png",
		WebsiteURL: "https://www.example.com",
	}
}

// place is a town where generated transactions happen: the generator places merchants around
// MX's home, between latitudes 40 and 41 north and longitudes 111 and 112 west.
type place struct {
	city, postalCode string
	lat, lon         float64
}

var places = []place{
	{"Salt Lake City", "84101", 40.7608, -111.8910},
	{"Bountiful", "84010", 40.8894, -111.8808},
	{"Sandy", "84070", 40.5649, -111.8389},
	{"Lehi", "84043", 40.3916, -111.8508},
	{"Orem", "84057", 40.2969, -111.6946},
	{"Provo", "84601", 40.2338, -111.6585},
	{"Spanish Fork", "84660", 40.1149, -111.6549},
	{"Payson", "84651", 40.0444, -111.7321},
	{"Park City", "84060", 40.6461, -111.4980},
	{"Heber City", "84032", 40.5069, -111.4133},
	{"Kamas", "84036", 40.6430, -111.2807},
}

// geolocationOf is the geolocation include of a transaction with coordinates: the town of
// places nearest to them.
func geolocationOf(t mxplatform.Transaction) *mxplatform.TransactionGeolocation {
	lat, lon := t.Latitude.Value(), t.Longitude.Value()
	best, bestDist := places[0], math.Inf(1)
	for _, p := range places {
		if d := math.Hypot(p.lat-lat, (p.lon-lon)*math.Cos(lat*math.Pi/180)); d < bestDist {
			best, bestDist = p, d
		}
	}
	// MX's examples write the country in lower case.
	return &mxplatform.TransactionGeolocation{City: best.city, State: "UT", Country: "us", PostalCode: best.postalCode}
}

// classificationOf is the classification include of a transaction: the family its category
// and direction put it in.
func classificationOf(t mxplatform.Transaction) *mxplatform.TransactionClassification {
	class := mxplatform.ClassificationParentClassOther
	credit := t.Type == mxplatform.TransactionTypeCredit
	switch top := t.TopLevelCategory; {
	case t.IsDirectDeposit.Value():
		class = mxplatform.ClassificationParentClassPayroll
	case top == "Income":
		class = mxplatform.ClassificationParentClassIncome
	case top == "Transfer":
		class = mxplatform.ClassificationParentClassTransfer
	case top == "Fees & Charges":
		class = mxplatform.ClassificationParentClassFees
	case top != "" && credit:
		class = mxplatform.ClassificationParentClassRefunds // money back in a spending category
	case top != "" || t.Type == mxplatform.TransactionTypeDebit:
		class = mxplatform.ClassificationParentClassSpend
	case credit:
		class = mxplatform.ClassificationParentClassDeposit
	}
	return &mxplatform.TransactionClassification{
		GUID:        mxplatform.ClassificationGUID(stableGUID("MNC", string(class))),
		ParentClass: class,
	}
}

// repeatingOf is the repeating_transaction include of a recurring transaction of the account:
// one series per account and description.
func repeatingOf(account mxplatform.AccountGUID, t mxplatform.Transaction) *mxplatform.TransactionRepeating {
	kind := mxplatform.RepeatingTransactionTypeUnknown
	switch {
	case t.IsSubscription.Value():
		kind = mxplatform.RepeatingTransactionTypeSubscription
	case t.IsBillPay.Value():
		kind = mxplatform.RepeatingTransactionTypeBill
	case t.IsIncome.Value():
		kind = mxplatform.RepeatingTransactionTypeIncome
	}
	recurrence := "EVERY_MONTH"
	if t.IsDirectDeposit.Value() {
		recurrence = "TWICE_A_MONTH" // the generated payroll comes on the 1st and the 15th
	}
	return &mxplatform.TransactionRepeating{
		GUID:                     mxplatform.RepeatingTransactionGUID(stableGUID("RPT", string(account)+"/"+t.Description)),
		RepeatingTransactionType: kind,
		RecurrenceType:           recurrence,
	}
}
