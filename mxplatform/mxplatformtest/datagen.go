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

// genAccount is a generated account, with the holdings of an investment account.
type genAccount struct {
	data     mxplatform.Account
	holdings []mxplatform.Holding
}

// genAccounts makes the accounts of a member's first aggregation: a checking account and one
// to three others. An investment account comes with its holdings, whose value makes its
// balance.
func genAccounts(r *rand.Rand, instName string, at time.Time) []genAccount {
	out := []genAccount{genOneAccount(r, accountKind{mxplatform.AccountTypeChecking, []mxplatform.AccountSubtype{mxplatform.AccountSubtypeNone}, []string{"Everyday Checking", "Checking"}}, instName, at)}
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
		out = append(out, genOneAccount(r, k, instName, at))
	}
	return out
}

func genOneAccount(r *rand.Rand, k accountKind, instName string, at time.Time) genAccount {
	i := r.IntN(len(k.subtypes))
	sub, name := k.subtypes[i], k.names[min(i, len(k.names)-1)]
	number := fmt.Sprintf("%04d", r.IntN(10000))
	a := mxplatform.Account{
		Type: k.typ, Subtype: sub, Name: name, AccountNumber: number, CurrencyCode: "USD",
		CreatedAt: timestamp(at), UpdatedAt: timestamp(at), ImportedAt: timestamp(at),
		AccountOwnership: mxplatform.AccountOwnershipIndividual, IsClosed: opt(false), IsHidden: opt(false), IsManual: opt(false),
	}
	var holdings []mxplatform.Holding
	due := func(days int) mxplatform.Timestamp { return timestamp(day(at).AddDate(0, 0, days)) }
	switch k.typ {
	case mxplatform.AccountTypeChecking:
		bal := between(r, 50000, 800000)
		a.Balance, a.AvailableBalance = moneyOpt(bal), moneyOpt(bal)
		a.RoutingNumber = fmt.Sprintf("0%08d", r.IntN(100000000))
		a.Apy = moneyOpt(1)
		a.FederalInsuranceStatus = mxplatform.FederalInsuranceStatusInsured
		a.Name = instName + " " + name
	case mxplatform.AccountTypeSavings:
		bal := between(r, 100000, 2500000)
		a.Balance, a.AvailableBalance = moneyOpt(bal), moneyOpt(bal)
		a.Apy, a.InterestRate = moneyOpt(between(r, 50, 450)), moneyOpt(between(r, 50, 440))
		a.FederalInsuranceStatus = mxplatform.FederalInsuranceStatusInsured
	case mxplatform.AccountTypeCreditCard:
		limit := between(r, 50, 150) * 10000
		bal := between(r, 0, limit/3)
		a.Balance, a.CreditLimit = moneyOpt(bal), moneyOpt(limit)
		a.AvailableCredit = moneyOpt(limit - bal)
		a.StatementBalance = moneyOpt(bal * 9 / 10)
		a.MinimumPayment = moneyOpt(max(2500, bal/50))
		a.Apr = moneyOpt(between(r, 1599, 2999))
		dueDay := 1 + r.IntN(28)
		a.DayPaymentIsDue, a.PaymentDueAt = opt(dueDay), due(10+r.IntN(15))
		a.LastPayment, a.LastPaymentAt = moneyOpt(max(2500, bal/4)), due(-20)
	case mxplatform.AccountTypeLoan, mxplatform.AccountTypeMortgage, mxplatform.AccountTypeLineOfCredit:
		orig := between(r, 500, 4000) * 1000
		if k.typ == mxplatform.AccountTypeMortgage {
			orig = between(r, 150, 600) * 100000
		}
		bal := orig * between(r, 30, 95) / 100
		a.OriginalBalance, a.Balance, a.PayoffBalance = moneyOpt(orig), moneyOpt(bal), moneyOpt(bal+bal/100)
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
		var value holdingsValue
		holdings, value = genHoldings(r, at)
		cash := money(between(r, 0, 500000))
		total := value.market.Add(cash)
		a.CashBalance, a.Balance, a.TotalAccountValue = opt(cash), opt(total), opt(total)
		a.TodayUglAmount = opt(value.todayUGL)
		a.TotalAccountValueUgl = opt(value.totalUGL)
	}
	return genAccount{data: a, holdings: holdings}
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

// The merchants of the generated income, rent, fees and transfers.
var (
	payroll      = merchant{name: "Acme Corp Payroll", raw: "ACME CORP DIR DEP", cat: "Paycheck", recurring: true}
	rent         = merchant{name: "Maple Court Apartments", raw: "MAPLE CT APTS RENT", website: "https://www.maplecourt.example", cat: "Mortgage & Rent", mcc: 6513, recurring: true, bill: true}
	atmFee       = merchant{name: "ATM Fee", raw: "NON-NETWORK ATM FEE", cat: "ATM Fee"}
	cardPayment  = merchant{name: "Payment - Thank You", raw: "ONLINE PAYMENT THANK YOU", cat: "Credit Card Payment"}
	savingsIn    = merchant{name: "Transfer from Checking", raw: "ONLINE TRANSFER FROM CHK", cat: "Transfer", recurring: true}
	interestPaid = merchant{name: "Interest Paid", raw: "INTEREST PAYMENT", cat: "Interest Income", recurring: true}
)

// genHistory makes the transactions of an account from 89 days before at to 2 days after, so
// that MX's default windows (90 days back in v20111101, 120 in v20250224, and 5 ahead) show
// all of them. Those of the last two days and later are PENDING.
func genHistory(r *rand.Rand, acct mxplatform.Account, at time.Time) []genTxn {
	today := day(at)
	return genDays(r, acct, today.AddDate(0, 0, -89), today.AddDate(0, 0, 2), today)
}

// genDays makes the transactions of an account for the days from start to end, both included,
// relative to today.
func genDays(r *rand.Rand, acct mxplatform.Account, start, end, today time.Time) []genTxn {
	var out []genTxn
	add := func(d time.Time, m merchant, typ mxplatform.TransactionType, cents int64) {
		out = append(out, genTxn{data: txnData(r, m, typ, cents, d, today), day: d})
	}
	pay := between(r, 150000, 350000)
	for d := start; !d.After(end); d = d.AddDate(0, 0, 1) {
		switch acct.Type {
		case mxplatform.AccountTypeChecking:
			if d.Day() == 1 || d.Day() == 15 {
				add(d, payroll, mxplatform.TransactionTypeCredit, pay)
			}
			if d.Day() == 3 {
				add(d, rent, mxplatform.TransactionTypeDebit, 185000)
			}
			if r.IntN(10) < 6 {
				m := spending[r.IntN(len(spending))]
				add(d, m, mxplatform.TransactionTypeDebit, between(r, m.lo, m.hi))
			}
			if r.IntN(60) == 0 {
				add(d, atmFee, mxplatform.TransactionTypeDebit, 300)
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
				add(d, cardPayment, mxplatform.TransactionTypeCredit, between(r, 30000, 150000))
			}
		case mxplatform.AccountTypeSavings:
			if d.Day() == 2 {
				add(d, savingsIn, mxplatform.TransactionTypeCredit, between(r, 10000, 50000))
			}
			if d.Day() == 28 {
				add(d, interestPaid, mxplatform.TransactionTypeCredit, between(r, 100, 4000))
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
	cat := defaultCategory(m.cat)
	income := cat.top == "Income"
	transfer := cat.top == "Transfer"
	t := mxplatform.Transaction{
		Amount: moneyOpt(cents), Type: typ, Status: status,
		Description: m.name, OriginalDescription: m.raw,
		Category: cat.name, CategoryGUID: cat.guid, TopLevelCategory: cat.top,
		CurrencyCode: "USD", TransactedAt: timestamp(transacted), PostedAt: posted,
		IsExpense: opt(typ == mxplatform.TransactionTypeDebit && !transfer), IsIncome: opt(income),
		IsDirectDeposit: opt(m.cat == "Paycheck"), IsBillPay: opt(m.bill), IsFee: opt(cat.top == "Fees & Charges"),
		IsRecurring: opt(m.recurring), IsSubscription: opt(m.sub), IsManual: opt(false),
		IsInternational: opt(false),
	}
	if m.mcc != 0 {
		loc := m.location()
		t.MerchantCategoryCode = opt(m.mcc)
		t.MerchantGUID = loc.MerchantGUID
		t.MerchantLocationGUID = loc.GUID
		t.Latitude, t.Longitude = loc.Latitude, loc.Longitude
	}
	return t
}

// The objects the includes parameter adds to a transaction are derived from the transaction
// alone, so that they are the same on every page and in every fake.

// merchantOf is the merchant include of a transaction with a merchant GUID: the merchant as
// readMerchant answers it.
func merchantOf(t mxplatform.Transaction) *mxplatform.TransactionMerchant {
	name := t.Description
	m, ok := merchantByGUID(t.MerchantGUID)
	if ok {
		name = m.name
	}
	out := &mxplatform.TransactionMerchant{
		GUID:    t.MerchantGUID,
		Name:    name,
		LogoURL: "https://content.mx.com/logos/merchants/" + string(t.MerchantGUID) + ".png",
	}
	if ok {
		out.WebsiteURL = m.website
	}
	return out
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
