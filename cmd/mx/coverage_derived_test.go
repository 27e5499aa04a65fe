package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
)

// derivedV20250224 walks the products whose answers the fake derives from the user's data or
// moves through statuses of their own: insights, microdeposits, rewards and credit card
// products, repeating and split transactions, enhancement, verifiable credentials and the
// deactivation of investment holdings. The assertions follow the spec and the facts of MX's
// API.
func derivedV20250224(w *walk, b walkBase) {
	u := b.user

	w.section("split transactions", func(t *testing.T) {
		var txs []mxplatform.Transaction
		w.do(&txs, "transactions", "list-by-account", "--user", u, "--account", b.account, "--limit", "3")
		if len(txs) < 3 {
			t.Fatalf("%d transactions, want 3 to split", len(txs))
		}
		split := func(parent mxplatform.Transaction, args ...string) {
			t.Helper()
			var children []mxplatform.Transaction
			r := w.do(&children, args...)
			printed(t, r, "amount", "1.00")
			if len(children) != 2 {
				t.Fatalf("%d children of %s", len(children), parent.GUID)
			}
			total, _ := parent.Amount.Get()
			sum := children[0].Amount.Value().Add(children[1].Amount.Value())
			if !sum.Equal(total) || children[0].GUID == parent.GUID || children[1].GUID == parent.GUID {
				t.Errorf("children %+v of %s (amount %s) sum to %s", children, parent.GUID, total, sum)
			}
		}
		var defaults []mxplatform.Category
		w.do(&defaults, "categories", "defaults", "--all")
		groceries := categoryNamed(t, defaults, "Groceries").GUID
		split(txs[1], "transactions", "split", "--user", u, "--transaction", string(txs[1].GUID), "--amount", "1.00", "--category", string(groceries), "--description", "Groceries part")
		split(txs[2], "transactions", "split-by-account", "--user", b.userID, "--member", b.memberID, "--account", b.account, "--transaction", string(txs[2].GUID), "--amount", "1.00")
		// A split transaction cannot be split again until its split is undone.
		if r := mx(t, w.vars, "", "transactions", "split", "--user", u, "--transaction", string(txs[1].GUID), "--amount", "1.00"); r.code != exitAPI || !strings.Contains(r.stderr, "409") {
			t.Errorf("splitting a split transaction: exit %d, %s", r.code, r.stderr)
		}
		w.rec.take()
		w.do(nil, "transactions", "unsplit", "--user", u, "--transaction", string(txs[1].GUID))
		w.do(nil, "transactions", "unsplit-by-account", "--user", b.userID, "--member", b.memberID, "--account", b.account, "--transaction", string(txs[2].GUID))
		var after []mxplatform.Transaction
		w.do(&after, "transactions", "list-by-account", "--user", u, "--account", b.account, "--all")
		for _, p := range txs[1:] {
			if !slices.ContainsFunc(after, func(x mxplatform.Transaction) bool { return x.GUID == p.GUID }) {
				t.Errorf("%s is not listed once its split is undone", p.GUID)
			}
		}
	})

	w.section("repeating transactions", func(t *testing.T) {
		var series []mxplatform.RepeatingTransaction
		w.do(&series, "transactions", "repeating", "--user", u)
		if len(series) == 0 {
			t.Fatal("no repeating transactions in months of generated data")
		}
		// MX answers the one series in a list.
		var one []mxplatform.RepeatingTransaction
		w.do(&one, "transactions", "read-repeating", "--user", u, "--repeating-transaction", string(series[0].GUID))
		if len(one) != 1 || one[0].GUID != series[0].GUID || one[0].Description != series[0].Description || string(one[0].UserGUID) != u {
			t.Errorf("read %+v, listed %+v", one, series[0])
		}
	})

	w.section("enhance", func(t *testing.T) {
		var enhanced []mxplatform.EnhancedTransaction
		r := w.do(&enhanced, "transactions", "enhance", "--id", "t-1", "--description", "STARBUCKS STORE 10284", "--amount", "4.50", "--type", "DEBIT")
		printed(t, r, "amount", "4.50")
		if len(enhanced) != 1 || enhanced[0].ID != "t-1" || enhanced[0].Type != mxplatform.TransactionTypeDebit || enhanced[0].CategoryGUID == "" || enhanced[0].Description == "" {
			t.Errorf("enhanced %+v", enhanced)
		}
	})

	w.section("insights", func(t *testing.T) {
		var insights []mxplatform.Insight
		w.do(&insights, "insights", "list", "--user", u, "--all")
		if len(insights) == 0 {
			t.Fatal("no insights on months of transactions")
		}
		var limited []mxplatform.Insight
		w.do(&limited, "insights", "list", "--user", u, "--limit", "1")
		if len(limited) != 1 {
			t.Errorf("--limit 1 listed %d", len(limited))
		}
		in := insights[0]
		var read mxplatform.Insight
		w.do(&read, "insights", "read", "--user", u, "--insight", string(in.GUID))
		if read.GUID != in.GUID || read.Title == "" {
			t.Errorf("insight %+v", read)
		}
		w.do(nil, "insights", "update", "--user", u, "--insight", string(in.GUID), "--is-dismissed")
		w.do(&read, "insights", "read", "--user", u, "--insight", string(in.GUID))
		if !read.IsDismissed.Value() {
			t.Errorf("the dismissed insight reads %+v", read)
		}
		var byAccount, byTransaction []mxplatform.Insight
		w.do(&byAccount, "insights", "list-by-account", "--user", u, "--account", b.account)
		w.do(&byTransaction, "insights", "list-by-transaction", "--user", u, "--transaction", b.transaction)
		var accounts []mxplatform.Account
		var categories []mxplatform.Category
		var merchants []mxplatform.Merchant
		var payments []mxplatform.ScheduledPayment
		var transactions []mxplatform.Transaction
		w.do(&accounts, "insights", "accounts", "--user", u, "--insight", string(in.GUID))
		w.do(&categories, "insights", "categories", "--user", u, "--insight", string(in.GUID))
		w.do(&merchants, "insights", "merchants", "--user", u, "--insight", string(in.GUID))
		w.do(&payments, "insights", "scheduled-payments", "--user", u, "--insight", string(in.GUID))
		w.do(&transactions, "insights", "transactions", "--user", u, "--insight", string(in.GUID), "--all")
		// What an insight is about matches what it says it has.
		for _, c := range []struct {
			name string
			has  mxplatform.Optional[bool]
			n    int
		}{
			{"accounts", in.HasAssociatedAccounts, len(accounts)}, {"categories", in.HasAssociatedCategories, len(categories)},
			{"merchants", in.HasAssociatedMerchants, len(merchants)}, {"scheduled payments", in.HasAssociatedScheduledPayments, len(payments)},
			{"transactions", in.HasAssociatedTransactions, len(transactions)},
		} {
			if c.has.IsSet() && c.has.Value() != (c.n > 0) {
				t.Errorf("insight %s: has associated %s %v, %d listed", in.GUID, c.name, c.has.Value(), c.n)
			}
		}
	})

	w.section("microdeposits", func(t *testing.T) {
		var md mxplatform.Microdeposit
		w.do(&md, "microdeposits", "create", "--user", u, "--account-number", "123456789", "--routing-number", "091000019",
			"--account-type", "CHECKING", "--account-name", "Ada checking", "--email", "ada@example.com", "--first-name", "Ada", "--last-name", "Lovelace")
		if !strings.HasPrefix(string(md.GUID), "MIC-") || md.Status == "" {
			t.Fatalf("microdeposit %+v", md)
		}
		var list []mxplatform.Microdeposit
		w.do(&list, "microdeposits", "list", "--user", u)
		if !slices.ContainsFunc(list, func(x mxplatform.Microdeposit) bool { return x.GUID == md.GUID }) {
			t.Errorf("microdeposits %+v", list)
		}
		var read mxplatform.Microdeposit
		w.do(&read, "microdeposits", "read", "--user", u, "--microdeposit", string(md.GUID))
		if read.GUID != md.GUID {
			t.Errorf("read %+v", read)
		}
		// The command line cannot know the amounts deposited: whether they match is the
		// fake's to judge; the answer names the microdeposit and its status.
		var verified mxplatform.Microdeposit
		w.do(&verified, "microdeposits", "verify", "--microdeposit", string(md.GUID), "--deposit-amount-1", "0.07", "--deposit-amount-2", "0.12")
		if verified.GUID != md.GUID || verified.Status == "" {
			t.Errorf("verified %+v", verified)
		}
		w.do(nil, "microdeposits", "verifications", "--user", u)
		w.do(nil, "microdeposits", "delete", "--user", u, "--microdeposit", string(md.GUID))
		w.gone("microdeposits", "read", "--user", u, "--microdeposit", string(md.GUID))
	})

	w.section("rewards", func(t *testing.T) {
		// Without --wait first: with it, a start that fails with a 5xx (501 included) is taken
		// for an outcome unknown, and the wait reads the member as it is.
		w.do(nil, "rewards", "fetch", "--user", b.userID, "--member", b.memberID)
		var st mxplatform.MemberStatus
		w.do(&st, append([]string{"rewards", "fetch", "--user", b.userID, "--member", b.memberID}, wait...)...)
		if st.ConnectionStatus != mxplatform.ConnectionStatusConnected {
			t.Errorf("fetch --wait ended %s", st.ConnectionStatus)
		}
		var rewards []mxplatform.Reward
		w.do(&rewards, "rewards", "list", "--user", u, "--member", b.member)
		if len(rewards) == 0 {
			t.Fatal("no rewards fetched")
		}
		var one mxplatform.Reward
		w.do(&one, "rewards", "read", "--user", u, "--member", b.member, "--reward", string(rewards[0].GUID))
		if one.GUID != rewards[0].GUID || string(one.MemberGUID) != b.member {
			t.Errorf("reward %+v", one)
		}
		// No operation lists credit card products: an unknown one answers 404.
		w.gone("rewards", "credit-card", "--product", "CCP-00000000-0000-0000-0000-000000000000")
	})

	w.section("verifiable credentials", func(t *testing.T) {
		for _, args := range [][]string{
			{"verifiable-credentials", "accounts", "--user", u, "--member", b.member},
			{"verifiable-credentials", "identity", "--user", u, "--member", b.member},
			{"verifiable-credentials", "transactions", "--user", u, "--account", b.account, "--start-time", "2026-01-01"},
		} {
			// The answer is one string, the credential, which mx prints as text.
			r := w.do(nil, args...)
			if vc := strings.TrimSpace(r.stdout); vc == "" || strings.ContainsAny(vc, " \n{") {
				t.Errorf("mx %s: not one credential: %q", strings.Join(args[:2], " "), r.stdout)
			}
		}
	})

	w.section("deactivate investment holdings", func(t *testing.T) {
		var holdings []mxplatform.Holding
		w.do(&holdings, "holdings", "list", "--user", u)
		if len(holdings) == 0 {
			t.Fatal("no holdings to deactivate")
		}
		var d mxplatform.InvestmentHoldingsDeactivation
		w.do(&d, "users", "deactivate-holdings", "--user", u)
		if d.Status == "" {
			t.Errorf("deactivation %+v", d)
		}
		// The product is off: the user's holdings are gone.
		w.do(&holdings, "holdings", "list", "--user", u)
		if len(holdings) != 0 {
			t.Errorf("%d holdings after the deactivation", len(holdings))
		}
	})
}
