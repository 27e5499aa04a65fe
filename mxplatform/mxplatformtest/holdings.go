package mxplatformtest

import (
	"math/rand/v2"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/shopspring/decimal"
)

// Investment accounts come with their holdings: the securities they hold, made up with the
// account from the member's data. Every amount is exact: a holding's market value is its
// quantity times its price, rounded to the cent as brokers report it, and the account's balance
// is the sum of its holdings' market values and its cash, to the cent.

// holdingRec is a holding of an investment account.
type holdingRec struct {
	seq     uint64
	guid    mxplatform.HoldingGUID
	account *accountRec
	data    mxplatform.Holding
}

// api renders the holding with its links.
func (h *holdingRec) api() mxplatform.Holding {
	out := h.data
	out.GUID = h.guid
	out.AccountGUID = h.account.guid
	out.UserGUID = h.account.member.user.guid
	return out
}

// security is one of the securities the generator buys.
type security struct {
	symbol, description, kind string
	price                     string // per unit
	fractional                bool   // bought in fractions of a unit
	bond                      bool
}

var securities = []security{
	{symbol: "VTI", description: "Vanguard Total Stock Market ETF", kind: "EXCHANGE_TRADED_FUND", price: "287.41", fractional: true},
	{symbol: "AAPL", description: "Apple Inc.", kind: "EQUITY", price: "229.87", fractional: true},
	{symbol: "MSFT", description: "Microsoft Corporation", kind: "EQUITY", price: "415.26", fractional: true},
	{symbol: "VFIAX", description: "Vanguard 500 Index Fund Admiral Shares", kind: "MUTUAL_FUND", price: "512.34", fractional: true},
	{symbol: "FXNAX", description: "Fidelity U.S. Bond Index Fund", kind: "MUTUAL_FUND", price: "10.42", fractional: true},
	{symbol: "SPAXX", description: "Fidelity Government Money Market Fund", kind: "MONEY_MARKET", price: "1.00", fractional: true},
	{symbol: "912828YK0", description: "US Treasury Note 4.25% 15/05/2034", kind: "FIXED_INCOME", price: "98.77", bond: true},
}

// holdingsValue sums the holdings of an account.
type holdingsValue struct {
	market, todayUGL, totalUGL mxplatform.Decimal
}

// cents rounds d to the cent, half away from zero.
func cents(d decimal.Decimal) mxplatform.Decimal { return mxplatform.DecimalFromBig(d.Round(2)) }

// genHoldings makes two to five holdings and sums them.
func genHoldings(r *rand.Rand, at time.Time) ([]mxplatform.Holding, holdingsValue) {
	picks := r.Perm(len(securities))[:2+r.IntN(4)]
	market, today, total := decimal.Zero, decimal.Zero, decimal.Zero
	var out []mxplatform.Holding
	for _, i := range picks {
		s := securities[i]
		price := decimal.RequireFromString(s.price)
		// Fractional quantities have three decimals; bonds come in whole units of 100 face.
		quantity := decimal.New(between(r, 1000, 250000), -3)
		if !s.fractional {
			quantity = decimal.NewFromInt(between(r, 1, 200))
		}
		purchase := price.Mul(decimal.New(between(r, 70, 110), -2)).Round(2)
		change := price.Mul(decimal.New(between(r, -200, 200), -4)).Round(2)
		value := quantity.Mul(price).Round(2)
		cost := quantity.Mul(purchase).Round(2)
		ugl := value.Sub(cost)
		todayUGL := quantity.Mul(change).Round(2)
		h := mxplatform.Holding{
			Symbol: s.symbol, Description: s.description, HoldingType: s.kind, CurrencyCode: "USD",
			Quantity: opt(mxplatform.DecimalFromBig(quantity)), CurrentPrice: opt(mxplatform.DecimalFromBig(price)),
			CurrentPriceAsOf: timestamp(day(at).Add(-3 * time.Hour)), PurchasePrice: opt(mxplatform.DecimalFromBig(purchase)),
			MarketValue: opt(mxplatform.DecimalFromBig(value)), CostBasis: opt(mxplatform.DecimalFromBig(cost)),
			DailyChange: opt(mxplatform.DecimalFromBig(change)), PercentageChange: opt(cents(change.Div(price.Sub(change)).Shift(2))),
			TodayUglAmount: opt(mxplatform.DecimalFromBig(todayUGL)), TotalUglAmount: opt(mxplatform.DecimalFromBig(ugl)),
			TotalUglPercentage: opt(cents(ugl.Div(cost).Shift(2))), TodayUglPercentage: opt(cents(todayUGL.Div(value.Sub(todayUGL)).Shift(2))),
			CreatedAt: timestamp(at),
		}
		if s.bond {
			h.FaceValue = opt(mxplatform.DecimalFromBig(quantity.Mul(decimal.NewFromInt(100))))
			h.Rate = opt(mxplatform.MustDecimal("4.25"))
			h.Frequency, h.Term, h.TermUnit = "SEMIANNUALLY", "10", "YEAR"
			h.IssueDate, h.MaturityDate = mxplatform.Date("2024-05-15"), mxplatform.Date("2034-05-15")
		}
		market, today, total = market.Add(value), today.Add(todayUGL), total.Add(ugl)
		out = append(out, h)
	}
	return out, holdingsValue{market: mxplatform.DecimalFromBig(market), todayUGL: mxplatform.DecimalFromBig(today), totalUGL: mxplatform.DecimalFromBig(total)}
}

// addHoldings stores the holdings of a new account, unless its user was deactivated from
// investment holdings (deactivateUser).
func (s *store) addHoldings(a *accountRec, holdings []mxplatform.Holding) {
	if a.member.user.holdingsOff {
		return
	}
	for _, data := range holdings {
		h := &holdingRec{seq: s.next(), guid: mxplatform.HoldingGUID(s.newGUID("HOL")), account: a, data: data}
		s.holdings[h.guid] = h
		a.holdings = append(a.holdings, h)
	}
}

// holdingsValueOf sums the market values of an account's holdings (v20111101's
// holdings_value); it reports false for an account without holdings.
func holdingsValueOf(a *accountRec) (mxplatform.Decimal, bool) {
	if len(a.holdings) == 0 {
		return mxplatform.Decimal{}, false
	}
	sum := decimal.Zero
	for _, h := range a.holdings {
		sum = sum.Add(h.data.MarketValue.Value().Big())
	}
	return mxplatform.DecimalFromBig(sum), true
}

// holdingsOf renders the holdings of the accounts, account by account.
func holdingsOf(accounts []*accountRec) []mxplatform.Holding {
	var out []mxplatform.Holding
	for _, a := range accounts {
		for _, h := range a.holdings {
			out = append(out, h.api())
		}
	}
	return out
}
