package mxplatformtest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
	"github.com/shopspring/decimal"
)

// Insights are derived from the user's data, not made up: before any operation on them the
// fake looks at the user's accounts and transactions again (see deriveInsights) and keeps one
// record of the engine (resources.go) per pattern it finds:
//
//   - UpcomingBill, UpcomingSubscription, UpcomingIncome: a repeating series (repeating.go)
//     of money spent or earned, whose next transaction is expected today or later; it concerns
//     the series' transactions, their account, category and merchant, and the series' next
//     transaction as a scheduled payment;
//   - SubscriptionPriceIncrease, BillIncrease: a repeating series of money spent whose latest
//     transaction is larger than the one before it; it concerns those two transactions and the
//     scheduled payment;
//   - CategorySpendingIncrease: a category whose spending this calendar month is more than a
//     quarter above its monthly average of the two calendar months before (a category without
//     spending then has no usual level); it concerns this month's transactions of the category;
//   - LargeTransaction: an expense of the last 30 days, not recurring, of at least $100 and at
//     least three times the average of the user's other expenses in its category over the last
//     90 days;
//   - LowBalance: an open checking or savings account whose available balance (its balance
//     when it has none) is below $100.
//
// An insight's GUID is derived from its user and its pattern (the series, the transaction, the
// category and month, the account), so that the same insight keeps its GUID when derived
// again, and in every fake. The user sets has_been_displayed and is_dismissed (updateInsight);
// both stay while the insight is derived again. An insight whose pattern is gone is dropped.
// updated_at moves when the derived content of an insight changes, or the user updates it.
// A dismissed insight stays in the lists, marked, since hiding it is the app's choice; no call
// to action is ever followed in the fake, so cta_clicked_at stays null. Lists put the most
// recently active insights first, 100 at most a page (the insight lists' maximum). The lists
// of an insight (its accounts, categories, merchants, scheduled payments and transactions)
// answer the objects it was derived from, as they are now, transactions oldest first; the
// has_associated_* fields say which hold any. The texts are in English, amounts in dollars.

// The thresholds of the patterns.
var (
	lowBalanceBelow     = decimal.NewFromInt(100)
	largeTxnAtLeast     = decimal.NewFromInt(100)
	largeTxnTimesUsual  = decimal.NewFromInt(3)
	categoryAboveUsual  = decimal.RequireFromString("1.25")
	largeTxnRecentDays  = 30
	largeTxnHistoryDays = 90
)

// The templates of the insights the fake derives.
const (
	templateUpcomingBill         = "UpcomingBill"
	templateUpcomingSubscription = "UpcomingSubscription"
	templateUpcomingIncome       = "UpcomingIncome"
	templatePriceIncrease        = "SubscriptionPriceIncrease"
	templateBillIncrease         = "BillIncrease"
	templateCategorySpending     = "CategorySpendingIncrease"
	templateLargeTransaction     = "LargeTransaction"
	templateLowBalance           = "LowBalance"
)

func (f v20250224Handlers) ListInsightsUser(ctx context.Context, _ server25.ListInsightsUserRequestObject) (server25.ListInsightsUserResponseObject, error) {
	return serveResource[server25.ListInsightsUser200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadInsightUser(ctx context.Context, _ server25.ReadInsightUserRequestObject) (server25.ReadInsightUserResponseObject, error) {
	return serveResource[server25.ReadInsightUser200JSONResponse](ctx, f.Fake)
}

// UpdateInsight serves updateInsight through the engine: the answer wraps the insight in
// `insight`, like readInsightUser (the answer's schema admits it bare too).
func (f v20250224Handlers) UpdateInsight(ctx context.Context, _ server25.UpdateInsightRequestObject) (server25.UpdateInsightResponseObject, error) {
	return serveResource[server25.UpdateInsight200JSONResponse](ctx, f.Fake)
}

// insightLinks are the objects an insight was derived from, in the order they were met.
type insightLinks struct {
	accounts   []mxplatform.AccountGUID
	categories []mxplatform.CategoryGUID
	merchants  []mxplatform.MerchantGUID
	series     []mxplatform.RepeatingTransactionGUID // whose next transactions are its scheduled payments
	txns       []mxplatform.TransactionGUID
}

// addOnce appends g to list unless it is empty or there already.
func addOnce[G comparable](list []G, g G) []G {
	var zero G
	if g == zero || slices.Contains(list, g) {
		return list
	}
	return append(list, g)
}

// addTxn links a transaction, its account, its category and its merchant.
func (l *insightLinks) addTxn(t *txnRec) {
	l.txns = addOnce(l.txns, t.guid)
	l.accounts = addOnce(l.accounts, t.account.guid)
	l.categories = addOnce(l.categories, t.data.CategoryGUID)
	l.merchants = addOnce(l.merchants, t.data.MerchantGUID)
}

// derivedInsight is one pattern found in a user's data.
type derivedInsight struct {
	key      string // what makes it this insight, within its user
	template string
	activeAt time.Time
	// The texts: long and short.
	title, description, microTitle, microDescription, callToAction string
	links                                                          insightLinks
}

// fields are the stored fields the insight derives.
func (d *derivedInsight) fields() map[string]any {
	return map[string]any{
		"template": d.template, "active_at": string(timestamp(d.activeAt)),
		"title": d.title, "description": d.description,
		"micro_title": d.microTitle, "micro_description": d.microDescription, "micro_call_to_action": d.callToAction,
		"has_associated_accounts":           len(d.links.accounts) > 0,
		"has_associated_categories":         len(d.links.categories) > 0,
		"has_associated_merchants":          len(d.links.merchants) > 0,
		"has_associated_scheduled_payments": len(d.links.series) > 0,
		"has_associated_transactions":       len(d.links.txns) > 0,
	}
}

// usd writes an amount as text: $1,234.50.
func usd(d decimal.Decimal) string {
	sign := ""
	if d.Sign() < 0 {
		sign, d = "-", d.Neg()
	}
	s := d.StringFixed(2)
	whole, frac := s[:len(s)-3], s[len(s)-3:]
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	return sign + "$" + whole + frac
}

// amountOf returns a transaction's amount.
func amountOf(t *txnRec) decimal.Decimal { return t.data.Amount.Value().Big() }

// longDay and shortDay write a day as text: January 2, 2006, and Jan 2.
func longDay(t time.Time) string  { return t.Format("January 2, 2006") }
func shortDay(t time.Time) string { return t.Format("Jan 2") }

// accountName names an account in texts.
func accountName(a *accountRec) string {
	if a.data.Name != "" {
		return a.data.Name
	}
	return "your account"
}

// deriveInsights finds the patterns of the user's data at now, in a fixed order.
func deriveInsights(u *userRec, now time.Time) []*derivedInsight {
	var out []*derivedInsight
	out = append(out, seriesInsights(u, now)...)
	out = append(out, categoryInsights(u, now)...)
	out = append(out, largeTransactionInsights(u, now)...)
	out = append(out, lowBalanceInsights(u)...)
	return out
}

// seriesInsights derives the upcoming payments and the increases of the repeating series.
func seriesInsights(u *userRec, now time.Time) []*derivedInsight {
	var out []*derivedInsight
	for _, s := range repeatingSeriesOf(u) {
		last, next := s.last(), s.next()
		income, expense := isIncome(last), isExpense(last)
		if !income && !expense || next.Before(day(now)) {
			continue
		}
		name, amount, acct := last.data.Description, usd(amountOf(last)), accountName(last.account)
		d := &derivedInsight{key: "upcoming/" + string(s.info.GUID), activeAt: last.day}
		for _, t := range s.txns {
			d.links.addTxn(t)
		}
		d.links.series = []mxplatform.RepeatingTransactionGUID{s.info.GUID}
		switch {
		case income:
			d.template, d.callToAction = templateUpcomingIncome, "View income"
			d.title = "Income on the way from " + name
			d.description = fmt.Sprintf("%s usually pays %s into %s; the next payment is expected on %s.", name, amount, acct, longDay(next))
		case s.info.RepeatingTransactionType == mxplatform.RepeatingTransactionTypeSubscription:
			d.template, d.callToAction = templateUpcomingSubscription, "View subscription"
			d.title = "Your " + name + " subscription renews soon"
			d.description = fmt.Sprintf("%s usually charges %s to %s; the next charge is expected on %s.", name, amount, acct, longDay(next))
		default:
			d.template, d.callToAction = templateUpcomingBill, "View bill"
			d.title = name + " is due soon"
			d.description = fmt.Sprintf("%s usually takes %s from %s; the next payment is expected on %s.", name, amount, acct, longDay(next))
		}
		d.microTitle = name + " on " + shortDay(next)
		d.microDescription = amount + " expected on " + shortDay(next)
		out = append(out, d)

		if !expense || len(s.txns) < 2 {
			continue
		}
		prev := s.txns[len(s.txns)-2]
		if amountOf(last).Cmp(amountOf(prev)) <= 0 {
			continue
		}
		up := &derivedInsight{key: "increase/" + string(s.info.GUID) + "/" + string(last.guid), activeAt: last.day}
		up.links.addTxn(prev)
		up.links.addTxn(last)
		up.links.series = []mxplatform.RepeatingTransactionGUID{s.info.GUID}
		rise := usd(amountOf(last).Sub(amountOf(prev)))
		up.template, up.callToAction = templateBillIncrease, "Review bill"
		if s.info.RepeatingTransactionType == mxplatform.RepeatingTransactionTypeSubscription {
			up.template, up.callToAction = templatePriceIncrease, "Review subscription"
		}
		up.title = name + " went up by " + rise
		up.description = fmt.Sprintf("%s charged %s on %s, up from %s on %s.", name, amount, longDay(last.day), usd(amountOf(prev)), longDay(prev.day))
		up.microTitle = name + " costs more"
		up.microDescription = "Up " + rise + " to " + amount
		out = append(out, up)
	}
	return out
}

// categoryInsights derives the categories whose spending this calendar month is above their
// monthly average of the two calendar months before. The insight became active on the day the
// month's spending crossed that level.
func categoryInsights(u *userRec, now time.Time) []*derivedInsight {
	cur := monthStart(now)
	before, thisMonth := map[mxplatform.CategoryGUID]decimal.Decimal{}, map[mxplatform.CategoryGUID][]*txnRec{}
	var cats []mxplatform.CategoryGUID
	for _, t := range leafTransactions(u) {
		if !isExpense(t) || t.data.CategoryGUID == "" {
			continue
		}
		c := t.data.CategoryGUID
		switch {
		case within(t, cur.AddDate(0, -2, 0), cur.AddDate(0, 0, -1)):
			before[c] = before[c].Add(amountOf(t))
		case within(t, cur, monthEnd(now)):
			if thisMonth[c] == nil {
				cats = append(cats, c)
			}
			thisMonth[c] = append(thisMonth[c], t)
		}
	}
	name := func(g mxplatform.CategoryGUID) string { n, _, _ := categoryNames(u, g); return n }
	slices.SortFunc(cats, func(a, b mxplatform.CategoryGUID) int {
		return cmp.Or(cmp.Compare(name(a), name(b)), cmp.Compare(a, b))
	})
	var out []*derivedInsight
	for _, c := range cats {
		usual := before[c].Div(decimal.NewFromInt(2))
		if usual.Sign() <= 0 {
			continue
		}
		level := usual.Mul(categoryAboveUsual)
		txns := slices.Clone(thisMonth[c])
		slices.SortStableFunc(txns, func(a, b *txnRec) int { return cmp.Or(a.day.Compare(b.day), cmp.Compare(a.seq, b.seq)) })
		spent := decimal.Zero
		var crossed time.Time
		for _, t := range txns {
			spent = spent.Add(amountOf(t))
			if crossed.IsZero() && spent.Cmp(level) > 0 {
				crossed = t.day
			}
		}
		if crossed.IsZero() {
			continue
		}
		d := &derivedInsight{key: "category/" + string(c) + "/" + cur.Format("2006-01"), template: templateCategorySpending, activeAt: crossed, callToAction: "See spending"}
		d.links.categories = []mxplatform.CategoryGUID{c}
		for _, t := range txns {
			d.links.addTxn(t)
		}
		n := name(c)
		d.title = "You are spending more on " + n
		d.description = fmt.Sprintf("You spent %s on %s in %s so far, above your usual %s a month.", usd(spent), n, cur.Format("January"), usd(cents(usual).Big()))
		d.microTitle = n + " is up"
		d.microDescription = usd(spent) + " this month, usually " + usd(cents(usual).Big())
		out = append(out, d)
	}
	return out
}

// largeTransactionInsights derives the recent expenses far above the usual ones of their
// category.
func largeTransactionInsights(u *userRec, now time.Time) []*derivedInsight {
	today := day(now)
	recentFrom, historyFrom := today.AddDate(0, 0, -largeTxnRecentDays), today.AddDate(0, 0, -largeTxnHistoryDays)
	var expenses []*txnRec
	sum, count := map[mxplatform.CategoryGUID]decimal.Decimal{}, map[mxplatform.CategoryGUID]int64{}
	for _, t := range leafTransactions(u) {
		if !isExpense(t) || t.day.Before(historyFrom) {
			continue
		}
		expenses = append(expenses, t)
		sum[t.data.CategoryGUID] = sum[t.data.CategoryGUID].Add(amountOf(t))
		count[t.data.CategoryGUID]++
	}
	var out []*derivedInsight
	for _, t := range expenses {
		c, amount := t.data.CategoryGUID, amountOf(t)
		if t.data.IsRecurring.Value() || t.day.Before(recentFrom) || amount.Cmp(largeTxnAtLeast) < 0 || count[c] < 2 {
			continue
		}
		usual := sum[c].Sub(amount).Div(decimal.NewFromInt(count[c] - 1))
		if amount.Cmp(usual.Mul(largeTxnTimesUsual)) < 0 {
			continue
		}
		n, _, _ := categoryNames(u, c)
		d := &derivedInsight{key: "large/" + string(t.guid), template: templateLargeTransaction, activeAt: t.day, callToAction: "Review transaction"}
		d.links.addTxn(t)
		d.title = "A large purchase at " + t.data.Description
		d.description = fmt.Sprintf("%s charged %s to %s on %s, well above your usual %s for %s.", t.data.Description, usd(amount), accountName(t.account), longDay(t.day), usd(cents(usual).Big()), n)
		d.microTitle = "Large purchase"
		d.microDescription = usd(amount) + " at " + t.data.Description
		out = append(out, d)
	}
	return out
}

// lowBalanceInsights derives the open checking and savings accounts that are running low.
func lowBalanceInsights(u *userRec) []*derivedInsight {
	var out []*derivedInsight
	for _, a := range userAccounts(u) {
		if a.data.Type != mxplatform.AccountTypeChecking && a.data.Type != mxplatform.AccountTypeSavings || a.data.IsClosed.Value() {
			continue
		}
		bal := a.data.AvailableBalance
		if !bal.IsSet() {
			bal = a.data.Balance
		}
		if !bal.IsSet() || bal.Value().Big().Cmp(lowBalanceBelow) >= 0 {
			continue
		}
		// Active since the balance was last gathered (the account's last update).
		at, err := time.Parse(time.RFC3339Nano, string(a.data.UpdatedAt))
		if err != nil {
			at, _ = time.Parse(time.RFC3339Nano, string(a.data.CreatedAt))
		}
		name, amount := accountName(a), usd(bal.Value().Big())
		d := &derivedInsight{key: "balance/" + string(a.guid), template: templateLowBalance, activeAt: at, callToAction: "View account"}
		d.links.accounts = []mxplatform.AccountGUID{a.guid}
		d.title = name + " is running low"
		d.description = fmt.Sprintf("%s has %s available, less than %s.", name, amount, usd(lowBalanceBelow))
		d.microTitle = "Low balance"
		d.microDescription = amount + " left in " + name
		out = append(out, d)
	}
	return out
}

// insightHooks derive the user's insights anew before every operation on them, give them the
// user's partner-defined id, and list the most recently active first.
func insightHooks() resourceHooks {
	return resourceHooks{
		sync: func(f *Fake, sc resourceScope, now time.Time) {
			if sc.user != nil {
				f.syncInsights(sc.user, now)
			}
		},
		render: func(f *Fake, r *record, out map[string]any, _ time.Time) {
			if u := f.st.users[userGUIDOf(r)]; u != nil && u.data.ID != "" {
				out["user_id"] = string(u.data.ID)
			}
		},
		order: func(a, b *record) int {
			return cmp.Or(cmp.Compare(b.str("active_at"), a.str("active_at")), cmp.Compare(a.guid, b.guid))
		},
	}
}

// syncInsights brings the user's insights in line with what the data derives now: new ones
// are stored, those that stay take the derived fields anew and keep the user's, and those whose
// pattern is gone are dropped.
func (f *Fake) syncInsights(u *userRec, now time.Time) {
	k := f.res.kinds["Insight"]
	owners := map[string]string{"UserGUID": string(u.guid)}
	existing := f.st.recordsOf(f, k, resourceScope{owners: owners})
	keep := map[string]bool{}
	for _, d := range deriveInsights(u, now) {
		g := stableGUID(k.prefix, string(u.guid)+"/"+d.key)
		if keep[g] {
			continue
		}
		keep[g] = true
		fields := d.fields()
		if r := f.st.records[g]; r != nil && r.kind == k {
			changed := false
			for name, v := range fields {
				if r.fields[name] != v {
					r.fields[name], changed = v, true
				}
			}
			if changed {
				r.fields["updated_at"] = string(timestamp(now))
			}
			r.extra = &d.links
			continue
		}
		fields["created_at"] = string(timestamp(now))
		fields["updated_at"] = string(timestamp(now))
		fields["client_guid"] = string(f.clientGUID())
		fields["has_been_displayed"] = false
		fields["is_dismissed"] = false
		f.st.putRecord(&record{kind: k, guid: g, seq: f.st.next(), owners: owners, fields: fields, extra: &d.links})
	}
	for _, r := range existing {
		if !keep[r.guid] {
			f.st.dropRecord(r)
		}
	}
}

// insightsPage answers a page of the user's insights that keep says to keep, in the engine's
// order and rendering.
func (f *Fake) insightsPage(u *userRec, keep func(*insightLinks) bool, page, perPage *int, now time.Time) (server25.InsightsResponseBody, error) {
	k := f.res.kinds["Insight"]
	var sel []*record
	for _, r := range f.st.recordsOf(f, k, resourceScope{owners: map[string]string{"UserGUID": string(u.guid)}}) {
		if l, _ := r.extra.(*insightLinks); l != nil && keep(l) {
			sel = append(sel, r)
		}
	}
	slices.SortStableFunc(sel, hooksOf(k).order)
	items, pg := pageOf(sel, page, perPage, maxPerPage)
	return answerAs[server25.InsightsResponseBody](map[string]any{"insights": f.renderRecords(items, now), "pagination": pg})
}

// insightUser resolves the user of a hand-written insight operation (404 for an unknown one,
// 403 for a disabled one) and derives its insights anew. It runs under f.mu.
func (f *Fake) insightUser(ug mxplatform.UserGUID, now time.Time) (*userRec, error) {
	sc, err := f.resolveOwners([]string{"user_guid"}, map[string]string{"user_guid": string(ug)})
	if err != nil {
		return nil, err
	}
	f.syncInsights(sc.user, now)
	return sc.user, nil
}

// insightLinksOf resolves a user and one of its insights (404 for either unknown) and
// returns what the insight was derived from. It runs under f.mu.
func (f *Fake) insightLinksOf(ug mxplatform.UserGUID, ig mxplatform.InsightGUID, now time.Time) (*userRec, *insightLinks, error) {
	u, err := f.insightUser(ug, now)
	if err != nil {
		return nil, nil, err
	}
	k := f.res.kinds["Insight"]
	r := f.st.recordOf(f, k, string(ig), resourceScope{owners: map[string]string{"UserGUID": string(u.guid)}})
	if r == nil {
		return nil, nil, notFound(k)
	}
	l, _ := r.extra.(*insightLinks)
	if l == nil {
		l = &insightLinks{}
	}
	return u, l, nil
}

// ListInsightsByAccount serves listInsightsByAccount: the user's insights that concern the
// account (404 for an account that is not the user's).
func (f v20250224Handlers) ListInsightsByAccount(_ context.Context, req server25.ListInsightsByAccountRequestObject) (server25.ListInsightsByAccountResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.insightUser(req.UserGUID, now)
	if err != nil {
		return nil, err
	}
	if _, err := f.st.account(u.guid, req.AccountGUID); err != nil {
		return nil, err
	}
	keep := func(l *insightLinks) bool { return slices.Contains(l.accounts, req.AccountGUID) }
	body, err := f.insightsPage(u, keep, req.Params.Page, req.Params.RecordsPerPage, now)
	if err != nil {
		return nil, err
	}
	return server25.ListInsightsByAccount200JSONResponse(body), nil
}

// ListInsightsByTransaction serves listInsightsByTransaction: the user's insights derived
// from the transaction (404 for a transaction that is not the user's).
func (f v20250224Handlers) ListInsightsByTransaction(_ context.Context, req server25.ListInsightsByTransactionRequestObject) (server25.ListInsightsByTransactionResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, err := f.insightUser(req.UserGUID, now)
	if err != nil {
		return nil, err
	}
	if _, err := f.st.transaction(u.guid, req.TransactionGUID); err != nil {
		return nil, err
	}
	keep := func(l *insightLinks) bool { return slices.Contains(l.txns, req.TransactionGUID) }
	body, err := f.insightsPage(u, keep, req.Params.Page, req.Params.RecordsPerPage, now)
	if err != nil {
		return nil, err
	}
	return server25.ListInsightsByTransaction200JSONResponse(body), nil
}

// ListAccountsInsight serves listAccountsInsight: the accounts the insight was derived from
// that the user still has.
func (f v20250224Handlers) ListAccountsInsight(_ context.Context, req server25.ListAccountsInsightRequestObject) (server25.ListAccountsInsightResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, l, err := f.insightLinksOf(req.UserGUID, req.InsightGUID, now)
	if err != nil {
		return nil, err
	}
	out := []mxplatform.Account{}
	for _, g := range l.accounts {
		if a, err := f.st.account(u.guid, g); err == nil {
			out = append(out, a.api())
		}
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server25.ListAccountsInsight200JSONResponse{Accounts: items, Pagination: pg}, nil
}

// ListCategoriesInsight serves listCategoriesInsight: the categories the insight was derived
// from, default or the user's own.
func (f v20250224Handlers) ListCategoriesInsight(_ context.Context, req server25.ListCategoriesInsightRequestObject) (server25.ListCategoriesInsightResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, l, err := f.insightLinksOf(req.UserGUID, req.InsightGUID, now)
	if err != nil {
		return nil, err
	}
	out := []mxplatform.Category{}
	for _, g := range l.categories {
		if c, ok := categories[g]; ok {
			out = append(out, c.api())
		} else if c, ok := f.st.categories[g]; ok && c.user == u {
			out = append(out, c.api())
		}
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server25.ListCategoriesInsight200JSONResponse{Categories: items, Pagination: pg}, nil
}

// ListMerchantsInsight serves listMerchantsInsight: the merchants of the transactions the
// insight was derived from.
func (f v20250224Handlers) ListMerchantsInsight(_ context.Context, req server25.ListMerchantsInsightRequestObject) (server25.ListMerchantsInsightResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	_, l, err := f.insightLinksOf(req.UserGUID, req.InsightGUID, now)
	if err != nil {
		return nil, err
	}
	out := []mxplatform.Merchant{}
	for _, g := range l.merchants {
		if m, ok := merchantByGUID(g); ok {
			out = append(out, m.api())
		}
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server25.ListMerchantsInsight200JSONResponse{Merchants: items, Pagination: pg}, nil
}

// ListScheduledPaymentsInsight serves listScheduledPaymentsInsight: the next transactions of
// the repeating series the insight was derived from.
func (f v20250224Handlers) ListScheduledPaymentsInsight(_ context.Context, req server25.ListScheduledPaymentsInsightRequestObject) (server25.ListScheduledPaymentsInsightResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, l, err := f.insightLinksOf(req.UserGUID, req.InsightGUID, now)
	if err != nil {
		return nil, err
	}
	out := []mxplatform.ScheduledPayment{}
	if len(l.series) > 0 {
		for _, s := range repeatingSeriesOf(u) {
			if slices.Contains(l.series, s.info.GUID) {
				out = append(out, s.scheduledPayment())
			}
		}
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server25.ListScheduledPaymentsInsight200JSONResponse{ScheduledPayments: items, Pagination: pg}, nil
}

// ListTransactionsInsight serves listTransactionsInsight: the transactions the insight was
// derived from, oldest first.
func (f v20250224Handlers) ListTransactionsInsight(_ context.Context, req server25.ListTransactionsInsightRequestObject) (server25.ListTransactionsInsightResponseObject, error) {
	now := f.begin()
	defer f.mu.Unlock()
	u, l, err := f.insightLinksOf(req.UserGUID, req.InsightGUID, now)
	if err != nil {
		return nil, err
	}
	out := []mxplatform.Transaction{}
	for _, g := range l.txns {
		if t, err := f.st.transaction(u.guid, g); err == nil {
			out = append(out, t.api(nil))
		}
	}
	items, pg := pageOf(out, req.Params.Page, req.Params.RecordsPerPage, maxPerPage)
	return server25.ListTransactionsInsight200JSONResponse{Transactions: items, Pagination: pg}, nil
}
