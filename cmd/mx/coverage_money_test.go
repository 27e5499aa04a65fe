package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The second half of the walk of v20250224: the operations of the products beside
// aggregation (tags, rules, budgets, goals, spending plans, the cash flow profile,
// notifications, ACH returns, processor tokens, insights, microdeposits, rewards, repeating
// and split transactions, enhancement, verifiable credentials). Each product is a subtest, so
// that one failing product leaves the others to run.

// walkBase is what the first half of the walk made: a user (its GUID and partner id), its
// connected member m-1 with its accounts and transactions, and another connected member with
// an investment account, which no balance check has touched.
type walkBase struct {
	user, userID, member, memberID string
	account, transaction           string // the member's checking account and one of its transactions
	other                          string // the other member
}

// section runs f as a subtest, with the walk's commands failing that subtest only.
func (w *walk) section(name string, f func(t *testing.T)) {
	parent := w.t
	parent.Run(name, func(t *testing.T) {
		w.t = t
		defer func() { w.t = parent }()
		f(t)
	})
}

// gone requires the read args to fail as MX answers a record that is not there: exit
// exitAPI (1) with the 404 on stderr. The operation counts as run.
func (w *walk) gone(args ...string) {
	w.t.Helper()
	if op := w.ops[args[0]+" "+args[1]]; op != "" {
		w.ran[op] = true
	}
	r := mx(w.t, w.vars, "", append([]string{"--api-version", string(w.version)}, args...)...)
	if r.code != exitAPI || !strings.Contains(r.stderr, "404") {
		w.t.Errorf("mx %s after the deletion: exit %d, stderr %q; want exit %d and a 404", strings.Join(args, " "), r.code, r.stderr, exitAPI)
	}
	w.rec.take()
}

// printed requires the JSON output of a command to hold "name": value as written, such as an
// amount with its scale ("amount": 450.50).
func printed(t *testing.T, r result, name, value string) {
	t.Helper()
	if !regexp.MustCompile(`"` + regexp.QuoteMeta(name) + `": ` + regexp.QuoteMeta(value) + `[,\n]`).MatchString(r.stdout) {
		t.Errorf("the output does not show %q: %s:\n%s", name, value, r.stdout)
	}
}

// table requires a table output to have a header line with the columns and a line with each
// of the values.
func table(t *testing.T, r result, columns []string, values ...string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	for _, c := range columns {
		if !strings.Contains(lines[0], c) {
			t.Errorf("the table's header %q lacks %s", lines[0], c)
		}
	}
	for _, v := range values {
		if !slices.ContainsFunc(lines[1:], func(l string) bool { return strings.Contains(l, v) }) {
			t.Errorf("no line of the table shows %s:\n%s", v, r.stdout)
		}
	}
}

// categoryNamed returns the GUID of the default category with the name, from
// mx categories defaults.
func categoryNamed(t *testing.T, defaults []mxplatform.Category, name string) mxplatform.Category {
	t.Helper()
	i := slices.IndexFunc(defaults, func(c mxplatform.Category) bool { return c.Name == name })
	if i < 0 {
		t.Fatalf("no default category %s", name)
	}
	return defaults[i]
}

// moreV20250224 runs the second half of the walk of v20250224 on what the first made.
func moreV20250224(w *walk, b walkBase) {
	var defaults []mxplatform.Category
	w.do(&defaults, "categories", "defaults", "--all")
	u := b.user

	w.section("tags and taggings", func(t *testing.T) {
		var tag, other mxplatform.Tag
		w.do(&tag, "tags", "create", "--user", u, "--name", "Business trip")
		w.do(&other, "tags", "create", "--user", u, "--name", "Receipts")
		if !strings.HasPrefix(string(tag.GUID), "TAG-") || tag.Name != "Business trip" || string(tag.UserGUID) != u {
			t.Fatalf("tag %+v", tag)
		}
		var read mxplatform.Tag
		w.do(&read, "tags", "update", "--user", u, "--tag", string(tag.GUID), "--name", "Conference")
		w.do(&read, "tags", "read", "--user", u, "--tag", string(tag.GUID))
		if read.Name != "Conference" {
			t.Errorf("renamed tag reads %+v", read)
		}
		var tags []mxplatform.Tag
		w.do(&tags, "tags", "list", "--user", u, "--limit", "1")
		if len(tags) != 1 {
			t.Errorf("--limit 1 listed %d tags of 2", len(tags))
		}
		table(t, w.do(nil, "tags", "list", "--user", u, "--all", "-o", "table"), []string{"GUID", "NAME"}, "Conference", "Receipts")

		var tagging mxplatform.Tagging
		w.do(&tagging, "taggings", "create", "--user", u, "--tag", string(tag.GUID), "--transaction", b.transaction)
		if tagging.TagGUID != tag.GUID || string(tagging.TransactionGUID) != b.transaction {
			t.Fatalf("tagging %+v", tagging)
		}
		var tagged []mxplatform.Transaction
		w.do(&tagged, "transactions", "list-by-tag", "--user", b.userID, "--tag", string(tag.GUID), "--all")
		if len(tagged) != 1 || string(tagged[0].GUID) != b.transaction {
			t.Errorf("transactions tagged %s: %+v", tag.GUID, tagged)
		}
		w.do(&tagging, "taggings", "update", "--user", u, "--tagging", string(tagging.GUID), "--tag", string(other.GUID))
		var readTagging mxplatform.Tagging
		w.do(&readTagging, "taggings", "read", "--user", u, "--tagging", string(tagging.GUID))
		if readTagging.TagGUID != other.GUID {
			t.Errorf("the moved tagging reads %+v", readTagging)
		}
		var taggings []mxplatform.Tagging
		w.do(&taggings, "taggings", "list", "--user", u, "--all")
		if !slices.ContainsFunc(taggings, func(x mxplatform.Tagging) bool { return x.GUID == tagging.GUID }) {
			t.Errorf("taggings %+v", taggings)
		}
		w.do(nil, "taggings", "delete", "--user", u, "--tagging", string(tagging.GUID))
		w.gone("taggings", "read", "--user", u, "--tagging", string(tagging.GUID))
		w.do(nil, "tags", "delete", "--user", u, "--tag", string(tag.GUID))
		w.gone("tags", "read", "--user", u, "--tag", string(tag.GUID))
	})

	w.section("transaction rules", func(t *testing.T) {
		coffee := categoryNamed(t, defaults, "Coffee Shops")
		var rule mxplatform.TransactionRule
		w.do(&rule, "rules", "create", "--user", u, "--match-description", "BLUE BOTTLE", "--category", string(coffee.GUID), "--description", "Coffee")
		if rule.MatchDescription != "BLUE BOTTLE" || rule.CategoryGUID != coffee.GUID || rule.Description != "Coffee" {
			t.Fatalf("rule %+v", rule)
		}
		w.do(&rule, "rules", "update", "--user", u, "--rule", string(rule.GUID), "--description", "Coffee beans")
		var read mxplatform.TransactionRule
		w.do(&read, "rules", "read", "--user", u, "--rule", string(rule.GUID))
		if read.Description != "Coffee beans" || read.MatchDescription != "BLUE BOTTLE" {
			t.Errorf("updated rule reads %+v", read)
		}
		var rules []mxplatform.TransactionRule
		w.do(&rules, "rules", "list", "--user", u)
		if len(rules) != 1 || rules[0].GUID != rule.GUID {
			t.Errorf("rules %+v", rules)
		}
		w.do(nil, "rules", "delete", "--user", u, "--rule", string(rule.GUID))
		w.gone("rules", "read", "--user", u, "--rule", string(rule.GUID))
	})

	w.section("budgets", func(t *testing.T) {
		var generated []mxplatform.Budget
		w.do(&generated, "budgets", "generate", "--user", u)
		if len(generated) == 0 {
			t.Fatal("no budgets generated from two months of spending")
		}
		// A subcategory without a budget, under a top-level category with one.
		var top mxplatform.Budget
		var sub mxplatform.Category
		for _, g := range generated {
			for _, c := range defaults {
				if top.GUID == "" && c.ParentGUID == g.CategoryGUID && !slices.ContainsFunc(generated, func(x mxplatform.Budget) bool { return x.CategoryGUID == c.GUID }) {
					top, sub = g, c
				}
			}
		}
		if top.GUID == "" {
			t.Fatal("every subcategory of the budgeted categories has a budget")
		}
		var budget mxplatform.Budget
		r := w.do(&budget, "budgets", "create", "--user", u, "--category", string(sub.GUID), "--parent", string(top.GUID), "--amount", "400.00")
		printed(t, r, "amount", "400.00")
		if budget.CategoryGUID != sub.GUID || budget.ParentGUID != top.GUID {
			t.Fatalf("budget %+v", budget)
		}
		w.do(nil, "budgets", "update", "--user", u, "--budget", string(budget.GUID), "--amount", "450.50")
		printed(t, w.do(nil, "budgets", "read", "--user", u, "--budget", string(budget.GUID)), "amount", "450.50")
		var budgets []mxplatform.Budget
		w.do(&budgets, "budgets", "list", "--user", u)
		if len(budgets) != len(generated)+1 {
			t.Errorf("%d budgets, want the %d generated and the one created", len(budgets), len(generated))
		}
		table(t, w.do(nil, "budgets", "list", "--user", u, "-o", "table"), []string{"GUID"}, string(budget.GUID), "450.50")
		w.do(nil, "budgets", "delete", "--user", u, "--budget", string(budget.GUID))
		w.gone("budgets", "read", "--user", u, "--budget", string(budget.GUID))
	})

	w.section("goals", func(t *testing.T) {
		var lisbon, fund mxplatform.Goal
		r := w.do(&lisbon, "goals", "create", "--user", u, "--account", b.account, "--name", "Trip to Lisbon", "--amount", "2500.00", "--goal-type", "SAVE_AMOUNT", "--meta-type", "VACATION")
		printed(t, r, "amount", "2500.00")
		w.do(&fund, "goals", "create", "--user", u, "--account", b.account, "--name", "Emergency fund", "--amount", "5000.00", "--goal-type", "SAVE_AMOUNT", "--meta-type", "EMERGENCY_FUND")
		if lisbon.Name != "Trip to Lisbon" || lisbon.GoalTypeName != "SAVE_AMOUNT" || string(lisbon.AccountGUID) != b.account {
			t.Fatalf("goal %+v", lisbon)
		}
		w.do(nil, "goals", "update", "--user", u, "--goal", string(lisbon.GUID), "--amount", "6000.00")
		printed(t, w.do(nil, "goals", "read", "--user", u, "--goal", string(lisbon.GUID)), "amount", "6000.00")
		w.do(nil, "goals", "reposition", "--user", u, "--goal", string(fund.GUID)+"=1", "--goal", string(lisbon.GUID)+"=2")
		var goals []mxplatform.Goal
		w.do(&goals, "goals", "list", "--user", u)
		pos := map[mxplatform.GoalGUID]int{}
		for _, g := range goals {
			pos[g.GUID] = g.Position.Value()
		}
		if pos[fund.GUID] != 1 || pos[lisbon.GUID] != 2 {
			t.Errorf("positions after reposition: %v", pos)
		}
		w.do(nil, "goals", "delete", "--user", u, "--goal", string(lisbon.GUID))
		w.gone("goals", "read", "--user", u, "--goal", string(lisbon.GUID))
	})

	w.section("spending plans", func(t *testing.T) {
		var plan mxplatform.SpendingPlan
		w.do(&plan, "spending-plans", "create", "--user", u)
		p := string(plan.GUID)
		if !strings.HasPrefix(p, "SPL-") || string(plan.UserGUID) != u {
			t.Fatalf("plan %+v", plan)
		}
		var plans []mxplatform.SpendingPlan
		w.do(&plans, "spending-plans", "list", "--user", u)
		var read mxplatform.SpendingPlan
		w.do(&read, "spending-plans", "read", "--user", u, "--plan", p)
		if len(plans) != 1 || read.GUID != plan.GUID {
			t.Errorf("plans %+v, read %+v", plans, read)
		}
		var accounts []mxplatform.SpendingPlanAccount
		w.do(&accounts, "spending-plans", "accounts", "--user", u, "--plan", p)
		if len(accounts) == 0 {
			t.Fatal("the plan has no accounts")
		}
		var account mxplatform.SpendingPlanAccount
		w.do(&account, "spending-plans", "read-account", "--user", u, "--plan", p, "--plan-account", string(accounts[0].GUID))
		if account.GUID != accounts[0].GUID || account.SpendingPlanGUID != plan.GUID {
			t.Errorf("plan account %+v", account)
		}
		var iterations []mxplatform.SpendingPlanIteration
		w.do(&iterations, "spending-plans", "iterations", "--user", u, "--plan", p)
		var current, numbered mxplatform.SpendingPlanIteration
		w.do(&current, "spending-plans", "current-iteration", "--user", u, "--plan", p)
		n := current.IterationNumber.Value()
		w.do(&numbered, "spending-plans", "read-iteration", "--user", u, "--plan", p, "--iteration", strconv.Itoa(n))
		if len(iterations) == 0 || numbered.GUID != current.GUID || n < 1 {
			t.Errorf("iterations %+v, current %+v, number %d %+v", iterations, current, n, numbered)
		}
		groceries := categoryNamed(t, defaults, "Groceries")
		var item mxplatform.SpendingPlanIterationItem
		r := w.do(&item, "spending-plans", "create-item", "--user", u, "--plan", p, "--category", string(groceries.GUID), "--planned-amount", "250.00", "--item-type", "planned-expense")
		printed(t, r, "planned_amount", "250.00")
		if item.CategoryGUID != groceries.GUID || item.SpendingPlanIterationGUID != current.GUID {
			t.Fatalf("item %+v in iteration %s", item, current.GUID)
		}
		w.do(nil, "spending-plans", "update-item", "--user", u, "--plan", p, "--item", string(item.GUID), "--planned-amount", "300.00")
		printed(t, w.do(nil, "spending-plans", "read-item", "--user", u, "--plan", p, "--item", string(item.GUID)), "planned_amount", "300.00")
		var items []mxplatform.SpendingPlanIterationItem
		w.do(&items, "spending-plans", "items", "--user", u, "--plan", p, "--all")
		if !slices.ContainsFunc(items, func(x mxplatform.SpendingPlanIterationItem) bool { return x.GUID == item.GUID }) {
			t.Errorf("items %+v", items)
		}
		w.do(nil, "spending-plans", "delete-item", "--user", u, "--plan", p, "--item", string(item.GUID))
		w.gone("spending-plans", "read-item", "--user", u, "--plan", p, "--item", string(item.GUID))
		w.do(nil, "spending-plans", "delete-account", "--user", u, "--plan", p, "--plan-account", string(account.GUID))
		w.gone("spending-plans", "read-account", "--user", u, "--plan", p, "--plan-account", string(account.GUID))
		w.do(nil, "spending-plans", "delete", "--user", u, "--plan", p)
		w.gone("spending-plans", "read", "--user", u, "--plan", p)
	})

	w.section("cash flow profile", func(t *testing.T) {
		var profile mxplatform.MonthlyCashFlowProfile
		w.do(&profile, "cash-flow", "read", "--user", b.userID)
		if string(profile.UserGUID) != u {
			t.Errorf("profile %+v", profile)
		}
		w.do(nil, "cash-flow", "update", "--user", b.userID, "--goals-contribution", "250.00")
		printed(t, w.do(nil, "cash-flow", "read", "--user", u), "goals_contribution", "250.00")
	})

	w.section("notifications", func(t *testing.T) {
		var n mxplatform.Notification
		w.do(&n, "notifications", "create", "--user", u, "--subject", "Low balance", "--content", "Your checking account is under 100.00")
		var read mxplatform.Notification
		w.do(&read, "notifications", "read", "--user", u, "--notification", string(n.GUID))
		if read.Subject != "Low balance" || read.Content != "Your checking account is under 100.00" || read.GUID != n.GUID {
			t.Errorf("notification %+v", read)
		}
		table(t, w.do(nil, "notifications", "list", "--user", u, "-o", "table"), []string{"GUID"}, string(n.GUID))
	})

	w.section("ACH returns", func(t *testing.T) {
		var ret mxplatform.ACHReturn
		r := w.do(&ret, "ach-returns", "create", "--id", "ret-1", "--user", u, "--member", b.member, "--account", b.account,
			"--return-code", "R01", "--returned-at", "2026-03-02T00:00:00Z", "--transaction-amount", "125.40")
		printed(t, r, "transaction_amount", "125.40")
		if ret.ID != "ret-1" || ret.ReturnCode != "R01" || string(ret.AccountGUID) != b.account {
			t.Fatalf("ACH return %+v", ret)
		}
		var read mxplatform.ACHReturn
		w.do(&read, "ach-returns", "read", "--ach-return", string(ret.GUID))
		if read.GUID != ret.GUID || read.ReturnCode != "R01" {
			t.Errorf("ACH return reads %+v", read)
		}
		var returns []mxplatform.ACHReturn
		w.do(&returns, "ach-returns", "list", "--return-code", "R01")
		if !slices.ContainsFunc(returns, func(x mxplatform.ACHReturn) bool { return x.GUID == ret.GUID }) {
			t.Errorf("ACH returns %+v", returns)
		}
	})

	w.section("processor tokens", func(t *testing.T) {
		// The other member's checking account: no balance check has touched its member, and the
		// processor's check-balance is a balance check of the member. Verification gathers its
		// numbers, identification its owners.
		var accounts []mxplatform.Account
		w.do(&accounts, "accounts", "list-by-member", "--user", u, "--member", b.other)
		i := slices.IndexFunc(accounts, func(a mxplatform.Account) bool { return a.Type == mxplatform.AccountTypeChecking })
		if i < 0 {
			t.Fatal("the other member has no checking account")
		}
		otherAccount := string(accounts[i].GUID)
		w.do(nil, append([]string{"members", "verify", "--user", u, "--member", b.other}, wait...)...)
		w.do(nil, append([]string{"members", "identify", "--user", u, "--member", b.other}, wait...)...)
		var code mxplatform.AuthorizationCode
		w.do(&code, "processor-tokens", "authorize", "--user", u, "--member", b.other, "--account", otherAccount)
		if code.Code == "" {
			t.Fatal("no authorization code")
		}
		// The processor exchanges the code at the fake's OAuth token endpoint.
		resp, err := http.PostForm(w.vars["MX_BASE_URL"]+"/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code.Code}})
		if err != nil {
			t.Fatal(err)
		}
		var exchanged struct {
			AccessToken string `json:"access_token"`
			TokenType   string `json:"token_type"`
		}
		err = json.NewDecoder(resp.Body).Decode(&exchanged)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || exchanged.AccessToken == "" || exchanged.TokenType != "bearer" {
			t.Fatalf("token exchange: %d %+v %v", resp.StatusCode, exchanged, err)
		}
		w.rec.take()
		var tokens []mxplatform.ProcessorToken
		r := w.do(&tokens, "processor-tokens", "list", "--user", u, "--member", b.other, "--account", otherAccount)
		if len(tokens) != 1 || !tokens[0].Active.Value() || strings.Contains(r.stdout, exchanged.AccessToken) {
			t.Errorf("tokens (the token must not be printed without --show-tokens):\n%s", r.stdout)
		}

		processor := func(out any, args ...string) result {
			t.Helper()
			saved := w.vars
			w.vars = map[string]string{"MX_PROCESSOR_TOKEN": exchanged.AccessToken}
			for k, v := range saved {
				w.vars[k] = v
			}
			defer func() { w.vars = saved }()
			return w.do(out, append([]string{"processor"}, args...)...)
		}
		var balance mxplatform.PaymentAccount
		r = processor(&balance, "balance")
		if balance.AccountGUID == nil || string(*balance.AccountGUID) != otherAccount || balance.Balance == nil {
			t.Fatalf("balance %s", r.stdout)
		}
		// The balance as printed keeps its scale: two decimals.
		printed(t, r, "balance", balance.Balance.StringFixed(2))
		var member mxplatform.Member
		processor(&member, "check-balance")
		if string(member.GUID) != b.other {
			t.Errorf("check-balance answered member %s, want %s", member.GUID, b.other)
		}
		r = processor(nil, "account-numbers")
		if !strings.Contains(r.stdout, otherAccount) || !strings.Contains(r.stdout, "account_number") {
			t.Errorf("account numbers:\n%s", r.stdout)
		}
		r = processor(nil, "owners", "-o", "table")
		if len(strings.Split(strings.TrimSpace(r.stdout), "\n")) < 2 {
			t.Errorf("owners table:\n%s", r.stdout)
		}
	})

	derivedV20250224(w, b)
}
