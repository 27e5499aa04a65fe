package mxplatformtest_test

import (
	"context"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// insightWorld is a user whose data makes known insights, beside the data a connected member
// of the test bank brings: a manual checking account running low, with a subscription whose
// price went up and a grocery purchase far above the usual ones.
type insightWorld struct {
	srv       *mxplatformtest.Server
	mx        *mxplatform.API
	user      mxplatform.UserGUID
	member    mxplatform.MemberGUID
	manual    mxplatform.Account
	today     time.Time
	groceries mxplatform.CategoryGUID
	streamly  []mxplatform.Transaction // oldest first
	big       mxplatform.Transaction
}

// newInsightWorld seeds the user of an insightWorld.
func newInsightWorld(t *testing.T) *insightWorld {
	t.Helper()
	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
	w := &insightWorld{srv: srv, mx: newAPI(t, srv)}
	f := srv.Fake
	u, err := f.AddUser(mxplatform.User{ID: "insight-user"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.AddMember(u.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		t.Fatal(err)
	}
	w.user, w.member = u.GUID, m.GUID
	w.manual, err = f.AddAccount(u.GUID, m.GUID, mxplatform.Account{
		Type: mxplatform.AccountTypeChecking, Name: "Rainy Day Checking", IsManual: mxplatform.OptionalOf(true),
		Balance: mxplatform.OptionalOf(mxplatform.MustDecimal("42.17")), AvailableBalance: mxplatform.OptionalOf(mxplatform.MustDecimal("42.17")),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cats, err := w.mx.ListDefaultCategories(ctx, &mxplatform.ListDefaultCategoriesParams{RecordsPerPage: mxplatform.Ptr(100)})
	if err != nil {
		t.Fatal(err)
	}
	w.groceries = findCategory(t, cats.Items, "Groceries").GUID
	movies := findCategory(t, cats.Items, "Movies & DVDs").GUID
	wholeFoods, err := w.mx.ListMerchants(ctx, &mxplatform.ListMerchantsParams{Name: mxplatform.Ptr("Whole Foods")})
	if err != nil || len(wholeFoods.Items) != 1 {
		t.Fatalf("ListMerchants(Whole Foods) = %+v, %v", wholeFoods, err)
	}
	w.today = f.Now().UTC().Truncate(24 * time.Hour)
	for _, s := range []struct {
		daysAgo int
		amount  string
	}{{61, "9.99"}, {31, "9.99"}, {1, "13.49"}} {
		txn, err := f.AddTransaction(u.GUID, w.manual.GUID, mxplatform.Transaction{
			Description: "Streamly", Amount: mxplatform.OptionalOf(mxplatform.MustDecimal(s.amount)), CategoryGUID: movies,
			Date: mxplatform.DateOf(w.today.AddDate(0, 0, -s.daysAgo)), IsRecurring: mxplatform.OptionalOf(true),
			IsSubscription: mxplatform.OptionalOf(true), IsExpense: mxplatform.OptionalOf(true),
		})
		if err != nil {
			t.Fatal(err)
		}
		w.streamly = append(w.streamly, txn)
	}
	w.big, err = f.AddTransaction(u.GUID, w.manual.GUID, mxplatform.Transaction{
		Description: "Whole Foods", Amount: mxplatform.OptionalOf(mxplatform.MustDecimal("2750.00")), CategoryGUID: w.groceries,
		MerchantGUID: wholeFoods.Items[0].GUID, IsExpense: mxplatform.OptionalOf(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// insightsDrain collects what an iterator yields, failing the test on an error.
func insightsDrain[T any](t testing.TB, what string, seq iter.Seq2[T, error]) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		out = append(out, v)
	}
	return out
}

// guidList returns the GUIDs of records.
func guidList[T any, G ~string](items []T, guid func(T) G) []G {
	out := make([]G, len(items))
	for i, v := range items {
		out[i] = guid(v)
	}
	return out
}

// insightLists are what the lists of one insight answer.
type insightLists struct {
	accounts   []mxplatform.Account
	categories []mxplatform.Category
	merchants  []mxplatform.Merchant
	payments   []mxplatform.ScheduledPayment
	txns       []mxplatform.Transaction
}

// listsOf reads every list of an insight through its iterator.
func (w *insightWorld) listsOf(t *testing.T, g mxplatform.InsightGUID) insightLists {
	t.Helper()
	ctx := context.Background()
	return insightLists{
		accounts:   insightsDrain(t, "ListAccountsInsightIter", w.mx.ListAccountsInsightIter(ctx, w.user, g, nil)),
		categories: insightsDrain(t, "ListCategoriesInsightIter", w.mx.ListCategoriesInsightIter(ctx, w.user, g, nil)),
		merchants:  insightsDrain(t, "ListMerchantsInsightIter", w.mx.ListMerchantsInsightIter(ctx, w.user, g, nil)),
		payments:   insightsDrain(t, "ListScheduledPaymentsInsightIter", w.mx.ListScheduledPaymentsInsightIter(ctx, w.user, g, nil)),
		txns:       insightsDrain(t, "ListTransactionsInsightIter", w.mx.ListTransactionsInsightIter(ctx, w.user, g, nil)),
	}
}

// insights lists the user's insights through the iterator.
func (w *insightWorld) insights(t *testing.T) []mxplatform.Insight {
	t.Helper()
	return insightsDrain(t, "ListInsightsUserIter", w.mx.ListInsightsUserIter(context.Background(), w.user, nil))
}

// transactions lists every transaction of the user.
func (w *insightWorld) transactions(t *testing.T) []mxplatform.Transaction {
	t.Helper()
	return insightsDrain(t, "ListTransactionsIter", w.mx.ListTransactionsIter(context.Background(), w.user, &mxplatform.ListTransactionsParams{
		FromDate: mxplatform.Ptr(w.today.AddDate(0, 0, -120).Format("2006-01-02")), ToDate: mxplatform.Ptr(w.today.AddDate(0, 0, 10).Format("2006-01-02")),
	}))
}

// insightsOfTemplate returns the insights of the template.
func insightsOfTemplate(ins []mxplatform.Insight, template string) []mxplatform.Insight {
	var out []mxplatform.Insight
	for _, in := range ins {
		if in.Template == template {
			out = append(out, in)
		}
	}
	return out
}

// sameGUIDs reports whether two lists hold the same GUIDs, whatever their order.
func sameGUIDs[G ~string](a, b []G) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(g G) bool { return !slices.Contains(b, g) })
}

func insightTxnGUID(t mxplatform.Transaction) mxplatform.TransactionGUID { return t.GUID }

// TestInsightsDerivedFromTheData checks every insight of a user against the data it was
// derived from, through each of its lists.
func TestInsightsDerivedFromTheData(t *testing.T) {
	w := newInsightWorld(t)
	ctx := context.Background()
	all := w.insights(t)
	txns := w.transactions(t)
	if len(all) <= 10 {
		t.Fatalf("%d insights, want more than one page of 10", len(all))
	}
	lists := map[mxplatform.InsightGUID]insightLists{}
	for i, in := range all {
		if !strings.HasPrefix(string(in.GUID), "BET-") || in.UserGUID != w.user || in.UserID != "insight-user" || in.ClientGUID == "" ||
			in.Title == "" || in.Description == "" || in.MicroTitle == "" || in.MicroDescription == "" || in.MicroCallToAction == "" ||
			in.CreatedAt == "" || in.UpdatedAt == "" || in.ActiveAt == "" {
			t.Errorf("insight %d = %+v", i, in)
		}
		if in.HasBeenDisplayed.Value() || in.IsDismissed.Value() || !in.HasBeenDisplayed.IsSet() || !in.IsDismissed.IsSet() {
			t.Errorf("new insight %s: displayed %v, dismissed %v; want both false", in.GUID, in.HasBeenDisplayed, in.IsDismissed)
		}
		if i > 0 && all[i-1].ActiveAt < in.ActiveAt {
			t.Errorf("insight %d active at %s follows one active at %s: want the most recent first", i, in.ActiveAt, all[i-1].ActiveAt)
		}
		read, err := w.mx.ReadInsightUser(ctx, w.user, in.GUID)
		if err != nil || read.GUID != in.GUID || read.Template != in.Template || read.Title != in.Title {
			t.Errorf("ReadInsightUser(%s) = %+v, %v; want %+v", in.GUID, read, err, in)
		}
		l := w.listsOf(t, in.GUID)
		lists[in.GUID] = l
		for _, c := range []struct {
			name string
			flag mxplatform.Optional[bool]
			n    int
		}{
			{"accounts", in.HasAssociatedAccounts, len(l.accounts)}, {"categories", in.HasAssociatedCategories, len(l.categories)},
			{"merchants", in.HasAssociatedMerchants, len(l.merchants)}, {"scheduled payments", in.HasAssociatedScheduledPayments, len(l.payments)},
			{"transactions", in.HasAssociatedTransactions, len(l.txns)},
		} {
			if !c.flag.IsSet() || c.flag.Value() != (c.n > 0) {
				t.Errorf("%s %s: has_associated_%s = %v with %d of them", in.Template, in.GUID, c.name, c.flag, c.n)
			}
		}
		// Every list of an insight answers what its transactions concern.
		for _, txn := range l.txns {
			if !slices.ContainsFunc(l.accounts, func(a mxplatform.Account) bool { return a.GUID == txn.AccountGUID }) ||
				!slices.ContainsFunc(l.categories, func(c mxplatform.Category) bool { return c.GUID == txn.CategoryGUID }) ||
				txn.MerchantGUID != "" && !slices.ContainsFunc(l.merchants, func(m mxplatform.Merchant) bool { return m.GUID == txn.MerchantGUID }) {
				t.Errorf("%s %s: transaction %s (%s) without its account, category or merchant in the insight's lists", in.Template, in.GUID, txn.GUID, txn.Description)
			}
		}
	}

	// The manual account is the one running low.
	low := insightsOfTemplate(all, "LowBalance")
	if len(low) != 1 || !slices.Equal(guidList(lists[low[0].GUID].accounts, func(a mxplatform.Account) mxplatform.AccountGUID { return a.GUID }), []mxplatform.AccountGUID{w.manual.GUID}) {
		t.Errorf("LowBalance insights = %+v, want one of account %s", low, w.manual.GUID)
	} else if !strings.Contains(low[0].Description, "$42.17") {
		t.Errorf("LowBalance description = %q, want the balance in it", low[0].Description)
	}

	// The grocery purchase is a large transaction, with its merchant and category; every large
	// transaction is a recent expense, not recurring, of $100 or more and three times the
	// average of the other expenses of its category over 90 days.
	large := insightsOfTemplate(all, "LargeTransaction")
	i := slices.IndexFunc(large, func(in mxplatform.Insight) bool {
		return slices.Equal(guidList(lists[in.GUID].txns, insightTxnGUID), []mxplatform.TransactionGUID{w.big.GUID})
	})
	if i < 0 {
		t.Fatalf("no LargeTransaction insight over the large purchase among %+v", large)
	}
	if ll := lists[large[i].GUID]; len(ll.merchants) != 1 || ll.merchants[0].Name != "Whole Foods" ||
		len(ll.categories) != 1 || ll.categories[0].GUID != w.groceries || len(ll.accounts) != 1 || ll.accounts[0].GUID != w.manual.GUID || len(ll.payments) != 0 {
		t.Errorf("lists of the large transaction = %+v", ll)
	}
	expense := func(x mxplatform.Transaction) bool {
		return x.Type == mxplatform.TransactionTypeDebit && x.IsExpense.Value()
	}
	daysAgo := func(n int) mxplatform.Date { return mxplatform.DateOf(w.today.AddDate(0, 0, -n)) }
	for _, in := range large {
		l := lists[in.GUID].txns
		if len(l) != 1 {
			t.Errorf("LargeTransaction %s over %d transactions", in.GUID, len(l))
			continue
		}
		big := l[0]
		sum, n := decimal.Zero, 0
		for _, x := range txns {
			if x.GUID != big.GUID && expense(x) && x.CategoryGUID == big.CategoryGUID && x.Date >= daysAgo(90) {
				sum, n = sum.Add(x.Amount.Value().Big()), n+1
			}
		}
		amount := big.Amount.Value().Big()
		if !expense(big) || big.IsRecurring.Value() || big.Date < daysAgo(30) || amount.LessThan(decimal.NewFromInt(100)) ||
			n == 0 || amount.Mul(decimal.NewFromInt(int64(n))).LessThan(sum.Mul(decimal.NewFromInt(3))) {
			t.Errorf("LargeTransaction over %s (%s on %s), against %d others of its category summing %s", big.Description, amount, big.Date, n, sum)
		}
	}

	// Grocery spending this month is above its usual level; every category insight holds the
	// expenses of its category this month, which are more than a quarter above the monthly
	// average of the two months before.
	month := w.today.Format("2006-01")
	first := time.Date(w.today.Year(), w.today.Month(), 1, 0, 0, 0, 0, time.UTC)
	before := mxplatform.DateOf(first.AddDate(0, -2, 0))
	spending := insightsOfTemplate(all, "CategorySpendingIncrease")
	if !slices.ContainsFunc(spending, func(in mxplatform.Insight) bool {
		return slices.ContainsFunc(lists[in.GUID].categories, func(c mxplatform.Category) bool { return c.GUID == w.groceries })
	}) {
		t.Errorf("no CategorySpendingIncrease of Groceries among %+v", spending)
	}
	for _, in := range spending {
		c := lists[in.GUID].categories
		if len(c) != 1 {
			t.Errorf("CategorySpendingIncrease %s of %d categories", in.GUID, len(c))
			continue
		}
		var want []mxplatform.TransactionGUID
		spent, usual := decimal.Zero, decimal.Zero
		for _, x := range txns {
			switch {
			case !expense(x) || x.CategoryGUID != c[0].GUID:
			case strings.HasPrefix(string(x.Date), month):
				want = append(want, x.GUID)
				spent = spent.Add(x.Amount.Value().Big())
			case x.Date >= before && x.Date < mxplatform.DateOf(first):
				usual = usual.Add(x.Amount.Value().Big())
			}
		}
		usual = usual.Div(decimal.NewFromInt(2))
		if got := guidList(lists[in.GUID].txns, insightTxnGUID); !sameGUIDs(got, want) {
			t.Errorf("transactions of the %s insight = %v, want this month's expenses of the category %v", c[0].Name, got, want)
		}
		if !usual.IsPositive() || spent.LessThanOrEqual(usual.Mul(decimal.RequireFromString("1.25"))) {
			t.Errorf("%s insight with %s spent this month against %s a month before", c[0].Name, spent, usual)
		}
	}

	// Streamly went up: an upcoming subscription over its three charges, and a price increase
	// over the last two, with the same scheduled payment.
	var streamlyUp, streamlyInc []mxplatform.Insight
	for _, in := range all {
		if slices.ContainsFunc(lists[in.GUID].txns, func(x mxplatform.Transaction) bool { return x.Description == "Streamly" }) {
			switch in.Template {
			case "UpcomingSubscription":
				streamlyUp = append(streamlyUp, in)
			case "SubscriptionPriceIncrease":
				streamlyInc = append(streamlyInc, in)
			}
		}
	}
	if len(streamlyUp) != 1 || len(streamlyInc) != 1 {
		t.Fatalf("Streamly insights: %d upcoming, %d increases; want one each", len(streamlyUp), len(streamlyInc))
	}
	up, inc := lists[streamlyUp[0].GUID], lists[streamlyInc[0].GUID]
	if got, want := guidList(up.txns, insightTxnGUID), guidList(w.streamly, insightTxnGUID); !slices.Equal(got, want) {
		t.Errorf("transactions of the upcoming Streamly = %v, want %v", got, want)
	}
	if got, want := guidList(inc.txns, insightTxnGUID), guidList(w.streamly[1:], insightTxnGUID); !slices.Equal(got, want) {
		t.Errorf("transactions of the Streamly increase = %v, want %v", got, want)
	}
	if len(up.payments) != 1 || len(inc.payments) != 1 || up.payments[0].GUID != inc.payments[0].GUID {
		t.Fatalf("scheduled payments of Streamly = %+v and %+v, want the same one", up.payments, inc.payments)
	}
	sp := up.payments[0]
	if sp.Description != "Streamly" || !sp.Amount.Value().Equal(mxplatform.MustDecimal("13.49")) || !sp.IsRecurring.Value() ||
		sp.OccursOn <= w.streamly[2].Date || sp.TransactionType != mxplatform.TransactionTypeDebit {
		t.Errorf("scheduled payment of Streamly = %+v", sp)
	}
	if len(up.merchants) != 0 || streamlyUp[0].HasAssociatedMerchants.Value() {
		t.Errorf("Streamly, without a merchant, has merchants %+v", up.merchants)
	}

	// Every repeating series of money spent or earned has its upcoming insight, over its
	// transactions.
	type seriesKey struct {
		account     mxplatform.AccountGUID
		description string
	}
	series := map[seriesKey][]mxplatform.Transaction{}
	for _, txn := range txns {
		if txn.IsRecurring.Value() {
			k := seriesKey{txn.AccountGUID, txn.Description}
			series[k] = append(series[k], txn)
		}
	}
	upcoming := slices.Concat(insightsOfTemplate(all, "UpcomingBill"), insightsOfTemplate(all, "UpcomingSubscription"), insightsOfTemplate(all, "UpcomingIncome"))
	wanted := 0
	for k, st := range series {
		last := slices.MaxFunc(st, func(a, b mxplatform.Transaction) int { return strings.Compare(string(a.Date), string(b.Date)) })
		spent := last.Type == mxplatform.TransactionTypeDebit && last.IsExpense.Value()
		earned := last.Type == mxplatform.TransactionTypeCredit && last.IsIncome.Value()
		if !spent && !earned {
			continue
		}
		wanted++
		j := slices.IndexFunc(upcoming, func(in mxplatform.Insight) bool {
			return sameGUIDs(guidList(lists[in.GUID].txns, insightTxnGUID), guidList(st, insightTxnGUID))
		})
		if j < 0 {
			t.Errorf("no upcoming insight over the series %v (%d transactions)", k, len(st))
			continue
		}
		p := lists[upcoming[j].GUID].payments
		if len(p) != 1 || p[0].Description != k.description || !p[0].Amount.Value().Equal(last.Amount.Value()) || p[0].OccursOn <= last.Date {
			t.Errorf("scheduled payments of the series %v = %+v, want the one after %s of %s", k, p, last.Date, last.Amount)
		}
		if accts := lists[upcoming[j].GUID].accounts; len(accts) != 1 || accts[0].GUID != k.account {
			t.Errorf("accounts of the series %v = %+v", k, accts)
		}
	}
	if wanted < 3 || len(upcoming) != wanted {
		t.Errorf("%d upcoming insights for %d repeating series of money spent or earned", len(upcoming), wanted)
	}

	// The insights of an account or a transaction are those whose lists name it.
	for _, acct := range []mxplatform.AccountGUID{w.manual.GUID, txns[0].AccountGUID} {
		got := insightsDrain(t, "ListInsightsByAccountIter", w.mx.ListInsightsByAccountIter(ctx, w.user, acct, nil))
		var want []mxplatform.InsightGUID
		for _, in := range all {
			if slices.ContainsFunc(lists[in.GUID].accounts, func(a mxplatform.Account) bool { return a.GUID == acct }) {
				want = append(want, in.GUID)
			}
		}
		if g := guidList(got, func(in mxplatform.Insight) mxplatform.InsightGUID { return in.GUID }); len(want) == 0 || !slices.Equal(g, want) {
			t.Errorf("ListInsightsByAccount(%s) = %v, want %v", acct, g, want)
		}
	}
	byTxn := insightsDrain(t, "ListInsightsByTransactionIter", w.mx.ListInsightsByTransactionIter(ctx, w.user, w.big.GUID, nil))
	templates := guidList(byTxn, func(in mxplatform.Insight) mxplatform.InsightGUID { return mxplatform.InsightGUID(in.Template) })
	slices.Sort(templates)
	if !slices.Equal(templates, []mxplatform.InsightGUID{"CategorySpendingIncrease", "LargeTransaction"}) {
		t.Errorf("ListInsightsByTransaction(the large purchase) templates = %v", templates)
	}
}

// TestInsightsPages pages through the insight lists.
func TestInsightsPages(t *testing.T) {
	w := newInsightWorld(t)
	ctx := context.Background()
	all := w.insights(t)
	var paged []mxplatform.Insight
	for page := 1; ; page++ {
		p, err := w.mx.ListInsightsUser(ctx, w.user, &mxplatform.ListInsightsUserParams{Page: mxplatform.Ptr(page), RecordsPerPage: mxplatform.Ptr(10)})
		if err != nil {
			t.Fatalf("ListInsightsUser(page %d): %v", page, err)
		}
		if p.Pagination.TotalEntries != len(all) || p.Pagination.PerPage != 10 || p.Pagination.CurrentPage != page || p.Pagination.TotalPages != (len(all)+9)/10 {
			t.Fatalf("page %d pagination = %+v with %d insights", page, p.Pagination, len(all))
		}
		if page > p.Pagination.TotalPages {
			if len(p.Items) != 0 {
				t.Errorf("page %d past the end holds %d insights", page, len(p.Items))
			}
			break
		}
		if want := min(10, len(all)-(page-1)*10); len(p.Items) != want {
			t.Errorf("page %d holds %d insights, want %d", page, len(p.Items), want)
		}
		paged = append(paged, p.Items...)
	}
	if got, want := guidList(paged, func(in mxplatform.Insight) mxplatform.InsightGUID { return in.GUID }), guidList(all, func(in mxplatform.Insight) mxplatform.InsightGUID { return in.GUID }); !slices.Equal(got, want) {
		t.Errorf("pages of 10 = %v, want %v", got, want)
	}

	// The lists of an insight page too (Streamly's upcoming subscription has no merchant: the
	// large purchase has one).
	up := insightsOfTemplate(all, "UpcomingSubscription")
	var streamly mxplatform.InsightGUID
	for _, in := range up {
		l, err := w.mx.ListTransactionsInsight(ctx, w.user, in.GUID, nil)
		if err == nil && len(l.Items) > 0 && l.Items[0].Description == "Streamly" {
			streamly = in.GUID
		}
	}
	if streamly == "" {
		t.Fatal("no upcoming Streamly insight")
	}
	large := insightsOfTemplate(all, "LargeTransaction")
	if len(large) == 0 {
		t.Fatal("no LargeTransaction insight")
	}
	second, err := w.mx.ListTransactionsInsight(ctx, w.user, streamly, &mxplatform.ListTransactionsInsightParams{Page: mxplatform.Ptr(2), RecordsPerPage: mxplatform.Ptr(10)})
	if err != nil || len(second.Items) != 0 || second.Pagination.TotalEntries != 3 || second.Pagination.TotalPages != 1 {
		t.Errorf("second page of Streamly's transactions = %+v, %v", second, err)
	}
	for name, call := range map[string]func(p *int) (mxplatform.Pagination, int, error){
		"ListAccountsInsight": func(p *int) (mxplatform.Pagination, int, error) {
			r, err := w.mx.ListAccountsInsight(ctx, w.user, streamly, &mxplatform.ListAccountsInsightParams{Page: p})
			return insightPage(r, err)
		},
		"ListCategoriesInsight": func(p *int) (mxplatform.Pagination, int, error) {
			r, err := w.mx.ListCategoriesInsight(ctx, w.user, streamly, &mxplatform.ListCategoriesInsightParams{Page: p})
			return insightPage(r, err)
		},
		"ListMerchantsInsight": func(p *int) (mxplatform.Pagination, int, error) {
			r, err := w.mx.ListMerchantsInsight(ctx, w.user, large[0].GUID, &mxplatform.ListMerchantsInsightParams{Page: p})
			return insightPage(r, err)
		},
		"ListScheduledPaymentsInsight": func(p *int) (mxplatform.Pagination, int, error) {
			r, err := w.mx.ListScheduledPaymentsInsight(ctx, w.user, streamly, &mxplatform.ListScheduledPaymentsInsightParams{Page: p})
			return insightPage(r, err)
		},
		"ListInsightsByAccount": func(p *int) (mxplatform.Pagination, int, error) {
			r, err := w.mx.ListInsightsByAccount(ctx, w.user, w.manual.GUID, &mxplatform.ListInsightsByAccountParams{Page: p})
			return insightPage(r, err)
		},
		"ListInsightsByTransaction": func(p *int) (mxplatform.Pagination, int, error) {
			r, err := w.mx.ListInsightsByTransaction(ctx, w.user, w.streamly[2].GUID, &mxplatform.ListInsightsByTransactionParams{Page: p})
			return insightPage(r, err)
		},
	} {
		first, n, err := call(nil)
		if err != nil || first.CurrentPage != 1 || first.PerPage != 25 || first.TotalEntries != n || n == 0 {
			t.Errorf("%s first page = %+v with %d records, %v", name, first, n, err)
		}
		past, m, err := call(mxplatform.Ptr(2))
		if err != nil || m != 0 || past.CurrentPage != 2 || past.TotalEntries != n {
			t.Errorf("%s page 2 = %+v with %d records, %v", name, past, m, err)
		}
	}
}

// insightPage returns the pagination and size of a page.
func insightPage[T any](p *mxplatform.Page[T], err error) (mxplatform.Pagination, int, error) {
	if err != nil {
		return mxplatform.Pagination{}, 0, err
	}
	return p.Pagination, len(p.Items), nil
}

// TestUpdateInsightSurvivesDerivation marks insights shown and dismissed, and checks that the
// marks stay while the data they derive from changes, and that an insight whose pattern is
// gone is gone.
func TestUpdateInsightSurvivesDerivation(t *testing.T) {
	w := newInsightWorld(t)
	ctx := context.Background()
	all := w.insights(t)
	low := insightsOfTemplate(all, "LowBalance")
	if len(low) != 1 {
		t.Fatalf("%d LowBalance insights, want one", len(low))
	}
	var large mxplatform.Insight
	for _, in := range insightsOfTemplate(all, "LargeTransaction") {
		if l := w.listsOf(t, in.GUID); len(l.txns) == 1 && l.txns[0].GUID == w.big.GUID {
			large = in
		}
	}
	if large.GUID == "" {
		t.Fatal("no LargeTransaction insight over the large purchase")
	}
	var groceries mxplatform.Insight
	for _, in := range insightsOfTemplate(all, "CategorySpendingIncrease") {
		if l := w.listsOf(t, in.GUID); len(l.categories) == 1 && l.categories[0].GUID == w.groceries {
			groceries = in
		}
	}
	if groceries.GUID == "" {
		t.Fatal("no CategorySpendingIncrease of Groceries")
	}

	shown, err := w.mx.UpdateInsight(ctx, w.user, low[0].GUID, mxplatform.InsightUpdateRequest{HasBeenDisplayed: mxplatform.Ptr(true)})
	if err != nil || shown.GUID != low[0].GUID || !shown.HasBeenDisplayed.Value() || shown.IsDismissed.Value() || shown.UpdatedAt < low[0].UpdatedAt || shown.Title != low[0].Title {
		t.Fatalf("UpdateInsight(displayed) = %+v, %v", shown, err)
	}
	dismissed, err := w.mx.UpdateInsight(ctx, w.user, groceries.GUID, mxplatform.InsightUpdateRequest{IsDismissed: mxplatform.Ptr(true)})
	if err != nil || !dismissed.IsDismissed.Value() || dismissed.HasBeenDisplayed.Value() {
		t.Fatalf("UpdateInsight(dismissed) = %+v, %v", dismissed, err)
	}
	_, err = w.mx.UpdateInsight(ctx, w.user, groceries.GUID, mxplatform.InsightUpdateRequest{})
	wantStatusErr(t, err, 400)

	// Another grocery purchase this month: the Groceries insight is derived again, with it.
	more, err := w.srv.Fake.AddTransaction(w.user, insightCheckingAccount(t, w), mxplatform.Transaction{
		Description: "Safeway", Amount: mxplatform.OptionalOf(mxplatform.MustDecimal("45.10")), CategoryGUID: w.groceries, IsExpense: mxplatform.OptionalOf(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	again, err := w.mx.ReadInsightUser(ctx, w.user, groceries.GUID)
	if err != nil || !again.IsDismissed.Value() || again.HasBeenDisplayed.Value() || again.UpdatedAt < dismissed.UpdatedAt {
		t.Fatalf("Groceries insight after another purchase = %+v, %v; want it still dismissed", again, err)
	}
	if got := guidList(w.listsOf(t, groceries.GUID).txns, insightTxnGUID); !slices.Contains(got, more.GUID) {
		t.Errorf("transactions of the Groceries insight = %v, want the new purchase %s among them", got, more.GUID)
	}
	if l, err := w.mx.ReadInsightUser(ctx, w.user, low[0].GUID); err != nil || !l.HasBeenDisplayed.Value() || l.IsDismissed.Value() {
		t.Errorf("LowBalance insight read again = %+v, %v; want it still displayed", l, err)
	}

	// Without the large purchase, its insight is gone; the others keep their GUIDs.
	if err := w.mx.DeleteManualTransactions(ctx, w.user, w.big.GUID); err != nil {
		t.Fatalf("DeleteManualTransactions: %v", err)
	}
	_, err = w.mx.ReadInsightUser(ctx, w.user, large.GUID)
	wantStatusErr(t, err, 404)
	after := w.insights(t)
	for _, in := range all {
		if in.GUID == large.GUID {
			continue
		}
		if in.Template == "CategorySpendingIncrease" {
			continue // without the purchase, Groceries may fall below its usual level
		}
		if !slices.ContainsFunc(after, func(a mxplatform.Insight) bool { return a.GUID == in.GUID && a.Template == in.Template }) {
			t.Errorf("%s %s is gone after an unrelated change", in.Template, in.GUID)
		}
	}
}

// insightCheckingAccount returns the account of the user's first transaction of the test bank.
func insightCheckingAccount(t *testing.T, w *insightWorld) mxplatform.AccountGUID {
	t.Helper()
	accts, err := w.mx.ListMemberAccounts(context.Background(), w.user, w.member, nil)
	if err != nil || len(accts.Items) == 0 || accts.Items[0].Type != mxplatform.AccountTypeChecking {
		t.Fatalf("ListMemberAccounts = %+v, %v", accts, err)
	}
	return accts.Items[0].GUID
}

// TestInsightsStable checks that insights are derived the same way every time: the same
// GUIDs on every list, and in another fake given the same data.
func TestInsightsStable(t *testing.T) {
	a, b := newInsightWorld(t), newInsightWorld(t)
	guids := func(ins []mxplatform.Insight) []mxplatform.InsightGUID {
		return guidList(ins, func(in mxplatform.Insight) mxplatform.InsightGUID { return in.GUID })
	}
	first := a.insights(t)
	if again := a.insights(t); !slices.Equal(guids(again), guids(first)) {
		t.Errorf("insights listed again = %v, want %v", guids(again), guids(first))
	}
	if a.user != b.user {
		t.Fatalf("two fakes seeded alike made users %s and %s", a.user, b.user)
	}
	if other := b.insights(t); !slices.Equal(guids(other), guids(first)) {
		t.Errorf("insights of another fake with the same data = %v, want %v", guids(other), guids(first))
	}
}

// TestInsightsNotFound checks the 404s of the insight operations.
func TestInsightsNotFound(t *testing.T) {
	w := newInsightWorld(t)
	ctx := context.Background()
	all := w.insights(t)
	if len(all) == 0 {
		t.Fatal("no insights")
	}
	mine := all[0].GUID
	other, err := w.srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	var unknownUser mxplatform.UserGUID = "USR-00000000-0000-0000-0000-000000000000"
	var unknownInsight mxplatform.InsightGUID = "BET-00000000-0000-0000-0000-000000000000"

	_, err = w.mx.ListInsightsUser(ctx, unknownUser, nil)
	wantStatusErr(t, err, 404)
	if l, err := w.mx.ListInsightsUser(ctx, other.GUID, nil); err != nil || len(l.Items) != 0 || l.Pagination.TotalEntries != 0 {
		t.Errorf("ListInsightsUser of a user without data = %+v, %v", l, err)
	}
	for _, c := range []struct {
		user    mxplatform.UserGUID
		insight mxplatform.InsightGUID
	}{{w.user, unknownInsight}, {other.GUID, mine}, {unknownUser, mine}} {
		_, err = w.mx.ReadInsightUser(ctx, c.user, c.insight)
		wantStatusErr(t, err, 404)
		_, err = w.mx.UpdateInsight(ctx, c.user, c.insight, mxplatform.InsightUpdateRequest{IsDismissed: mxplatform.Ptr(true)})
		wantStatusErr(t, err, 404)
		_, err = w.mx.ListAccountsInsight(ctx, c.user, c.insight, nil)
		wantStatusErr(t, err, 404)
		_, err = w.mx.ListCategoriesInsight(ctx, c.user, c.insight, nil)
		wantStatusErr(t, err, 404)
		_, err = w.mx.ListMerchantsInsight(ctx, c.user, c.insight, nil)
		wantStatusErr(t, err, 404)
		_, err = w.mx.ListScheduledPaymentsInsight(ctx, c.user, c.insight, nil)
		wantStatusErr(t, err, 404)
		_, err = w.mx.ListTransactionsInsight(ctx, c.user, c.insight, nil)
		wantStatusErr(t, err, 404)
	}
	if in, err := w.mx.ReadInsightUser(ctx, w.user, mine); err != nil || in.IsDismissed.Value() {
		t.Errorf("insight after updates under other users = %+v, %v", in, err)
	}

	_, err = w.mx.ListInsightsByAccount(ctx, w.user, "ACT-00000000-0000-0000-0000-000000000000", nil)
	wantStatusErr(t, err, 404)
	_, err = w.mx.ListInsightsByAccount(ctx, other.GUID, w.manual.GUID, nil)
	wantStatusErr(t, err, 404)
	_, err = w.mx.ListInsightsByAccount(ctx, unknownUser, w.manual.GUID, nil)
	wantStatusErr(t, err, 404)
	_, err = w.mx.ListInsightsByTransaction(ctx, w.user, "TRN-00000000-0000-0000-0000-000000000000", nil)
	wantStatusErr(t, err, 404)
	_, err = w.mx.ListInsightsByTransaction(ctx, other.GUID, w.big.GUID, nil)
	wantStatusErr(t, err, 404)
}
