package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/v20111101"
)

// apiDir is the folder of the specs, found before any test changes the working directory.
var apiDir, _ = filepath.Abs("../../api")

// specOperations returns the operation IDs of the version's spec (api/platform-<version>.yaml),
// so that a command lost from the generated file, or one the spec does not have, fails the
// tests.
func specOperations(t testing.TB, v apiVersion) map[string]bool {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile(filepath.Join(apiDir, "platform-"+string(v)+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids[op.OperationID] = true
		}
	}
	return ids
}

// operationsOf maps "group name" to the MX operation of each generated command that serves v.
func operationsOf(t *testing.T, v apiVersion) map[string]string {
	t.Helper()
	ops := map[string]string{}
	for _, g := range newRootCmd(&app{}).Commands() {
		for _, c := range g.Commands() {
			if op := c.Annotations[annotationOperation]; op != "" && serves(c, v) {
				ops[g.Name()+" "+c.Name()] = op
			}
		}
	}
	want, served := specOperations(t, v), map[string]bool{}
	for cmd, op := range ops {
		if !want[op] {
			t.Errorf("mx %s serves %s, which the spec of %s does not have", cmd, op, v)
		}
		served[op] = true
	}
	for op := range want {
		if !served[op] {
			t.Errorf("no command serves %s of %s", op, v)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return ops
}

// walk runs commands of one API version against a fake behind a recorder and notes the
// operations they called.
type walk struct {
	t       *testing.T
	version apiVersion
	vars    map[string]string
	rec     *recorder
	ops     map[string]string // "group name": operation
	ran     map[string]bool   // operations run
}

func newWalk(t *testing.T, v apiVersion) *walk {
	rec, vars := recordingEnv(t)
	return &walk{t: t, version: v, vars: vars, rec: rec, ops: operationsOf(t, v), ran: map[string]bool{}}
}

// do runs mx --api-version with args, requires exit 0 and decodes the JSON output into out
// (when not nil); every request must have named the walk's version.
func (w *walk) do(out any, args ...string) result {
	w.t.Helper()
	op := w.ops[args[0]+" "+args[1]]
	if op == "" {
		w.t.Fatalf("mx %s %s is not a command of %s", args[0], args[1], w.version)
	}
	w.ran[op] = true
	r := ok(w.t, w.vars, out, append([]string{"--api-version", string(w.version)}, args...)...)
	for _, x := range w.rec.take() {
		if x.version != string(w.version) {
			w.t.Errorf("mx %s %s: %s %s named API version %q, want %s", args[0], args[1], x.method, x.path, x.version, w.version)
		}
	}
	return r
}

// done fails the test for each operation of the version no command ran.
func (w *walk) done() {
	w.t.Helper()
	for cmd, op := range w.ops {
		if !w.ran[op] {
			w.t.Errorf("%s: mx %s was not run", op, cmd)
		}
	}
	if want := specOperations(w.t, w.version); len(w.ran) != len(want) {
		w.t.Errorf("%d operations of %s run, want the spec's %d", len(w.ran), w.version, len(want))
	}
}

// credentialArgs returns --credential flags for the test bank's credentials: the user name
// mxuser, and password.
func credentialArgs(creds []mxplatform.Credential, password string) []string {
	return loginArgs(creds, "mxuser", password)
}

// loginArgs returns --credential flags for the test bank's credentials: the user name login
// (which picks the accounts the fake makes up), and password.
func loginArgs(creds []mxplatform.Credential, login, password string) []string {
	var args []string
	for _, c := range creds {
		value := login
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			value = password
		}
		args = append(args, "--credential", string(c.GUID)+"="+value)
	}
	return args
}

// passwordGUID returns the GUID of the password credential.
func passwordGUID(t *testing.T, creds []mxplatform.Credential) string {
	t.Helper()
	for _, c := range creds {
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			return string(c.GUID)
		}
	}
	t.Fatal("the test bank asks for no password")
	return ""
}

var wait = []string{"--wait", "--interval", "10ms"}

// TestEveryV20250224OperationThroughTheCLI runs a command for each of the 153 operations of
// the current version, the default, against the fake, with the partner's ids where the paths
// take them: the aggregation side here, the other products in coverage_money_test.go and
// coverage_derived_test.go.
func TestEveryV20250224OperationThroughTheCLI(t *testing.T) {
	w := newWalk(t, apiV20250224)

	// Users, named by the partner's id where the path takes one.
	var user mxplatform.User
	w.do(&user, "users", "create", "--id", "cli-user-1", "--email", "ada@example.com", "--metadata", `{"plan":"pro"}`)
	if user.GUID == "" || user.ID != "cli-user-1" || user.Email != "ada@example.com" || user.Metadata != `{"plan":"pro"}` {
		t.Fatalf("user %+v", user)
	}
	u := string(user.GUID)
	var read mxplatform.User
	w.do(&read, "users", "read", "--user", "cli-user-1")
	if read.GUID != user.GUID {
		t.Errorf("read by id: %+v", read)
	}
	w.do(&read, "users", "update", "--user", "cli-user-1", "--metadata", "updated")
	if read.Metadata != "updated" || read.GUID != user.GUID {
		t.Errorf("updated user %+v", read)
	}
	var users []mxplatform.User
	w.do(&users, "users", "list", "--email", "ada@example.com")
	if !slices.ContainsFunc(users, func(x mxplatform.User) bool { return x.GUID == user.GUID }) {
		t.Errorf("users %+v", users)
	}

	// Institutions.
	var insts []mxplatform.Institution
	w.do(&insts, "institutions", "list", "--name", "MX Bank")
	if len(insts) == 0 {
		t.Error("no institution named MX Bank")
	}
	w.do(&insts, "institutions", "favorites")
	var inst mxplatform.Institution
	w.do(&inst, "institutions", "read", "--institution", "mxbank")
	if inst.Code != mxplatformtest.TestBankCode {
		t.Errorf("institution %+v", inst)
	}
	var creds []mxplatform.Credential
	w.do(&creds, "institutions", "credentials", "--institution", "mxbank")

	// A member that asks a question, answered with resume.
	var member mxplatform.Member
	args := append([]string{"members", "create", "--user", u, "--institution", "mxbank", "--id", "m-1",
		"--product", "transactions", "--product", "account_verification", "--product", "statements"},
		credentialArgs(creds, mxplatformtest.PasswordChallenge)...)
	w.do(&member, args...)
	m := string(member.GUID)
	if m == "" || member.ID != "m-1" {
		t.Fatalf("member %+v", member)
	}
	var challenges []mxplatform.Challenge
	w.do(&challenges, "members", "challenges", "--user", "cli-user-1", "--member", "m-1")
	if len(challenges) != 1 {
		t.Fatalf("%d challenges", len(challenges))
	}
	r := w.do(nil, append([]string{"members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID) + "=" + mxplatformtest.ChallengeAnswer}, wait...)...)
	if !strings.Contains(r.stderr, "CONNECTED") {
		t.Errorf("resume --wait did not end CONNECTED:\n%s", r.stderr)
	}
	var st mxplatform.MemberStatus
	w.do(&st, "members", "status", "--user", "cli-user-1", "--member", "m-1")
	if st.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Fatalf("status %s", st.ConnectionStatus)
	}
	w.do(&member, "members", "read", "--user", "cli-user-1", "--member", "m-1")
	if string(member.GUID) != m {
		t.Errorf("read by ids: %+v", member)
	}
	// New credentials: the password that connects without a question.
	w.do(&member, "members", "update", "--user", u, "--member", m, "--metadata", "updated", "--credential", passwordGUID(t, creds)+"="+mxplatformtest.PasswordConnect)
	if member.Metadata != "updated" {
		t.Errorf("metadata %q", member.Metadata)
	}
	var members []mxplatform.Member
	w.do(&members, "members", "list", "--user", u)
	if len(members) != 1 {
		t.Errorf("%d members", len(members))
	}
	w.do(&creds, "members", "credentials", "--user", u, "--member", m)

	// Every job, waited for: each ends CONNECTED.
	for _, job := range []string{"aggregate", "check-balance", "verify", "identify", "extend-history", "fetch-statements"} {
		var settled mxplatform.MemberStatus
		w.do(&settled, append([]string{"members", job, "--user", u, "--member", m}, wait...)...)
		if settled.ConnectionStatus != mxplatform.ConnectionStatusConnected {
			t.Errorf("%s --wait: %s", job, settled.ConnectionStatus)
		}
	}

	// OAuth.
	var oauth mxplatform.Member
	w.do(&oauth, "members", "create", "--user", u, "--institution", string(mxplatformtest.OAuthTestBankCode), "--is-oauth")
	var window mxplatform.OAuthWindow
	w.do(&window, "members", "oauth-window-uri", "--user", u, "--member", string(oauth.GUID), "--referral-source", "APP")
	if window.OAuthWindowURI == "" {
		t.Error("no OAuth window URI")
	}

	// Accounts, their numbers and owners.
	var accounts []mxplatform.Account
	w.do(&accounts, "accounts", "list-by-member", "--user", u, "--member", m)
	if len(accounts) == 0 {
		t.Fatal("no accounts")
	}
	a := string(accounts[0].GUID)
	w.do(&accounts, "accounts", "list", "--user", u)
	var account mxplatform.Account
	w.do(&account, "accounts", "read", "--user", u, "--account", a)
	w.do(&account, "accounts", "read-by-member", "--user", "cli-user-1", "--member", "m-1", "--account", a)
	if string(account.GUID) != a {
		t.Errorf("read by member: %+v", account)
	}
	w.do(&account, "accounts", "update", "--user", u, "--member", m, "--account", a, "--is-hidden")
	if !account.IsHidden.Value() {
		t.Error("the account is not hidden")
	}
	var numbers []mxplatform.AccountNumber
	w.do(&numbers, "accounts", "numbers-by-member", "--user", u, "--member", m)
	if len(numbers) == 0 || numbers[0].AccountNumber == "" {
		t.Errorf("account numbers after verify: %+v", numbers)
	}
	w.do(&numbers, "accounts", "numbers", "--user", u, "--account", string(numbers[0].AccountGUID))
	var owners []mxplatform.AccountOwner
	w.do(&owners, "accounts", "owners", "--user", u, "--member", m)
	if len(owners) == 0 || owners[0].OwnerName == "" {
		t.Errorf("account owners after identify: %+v", owners)
	}

	// Manual accounts and transactions; amounts stay exact.
	var cash, jar mxplatform.Account
	w.do(&cash, "accounts", "create-manual", "--user", u, "--name", "Cash", "--account-type", "CASH", "--balance", "120.50")
	w.do(&jar, "accounts", "create-manual", "--user", u, "--name", "Jar", "--account-type", "CASH", "--balance", "0.10")
	if b, _ := cash.Balance.Get(); b.String() != "120.50" && b.String() != "120.5" {
		t.Errorf("manual balance %v", cash.Balance)
	}
	var manual mxplatform.Transaction
	w.do(&manual, "transactions", "create-manual", "--user", u, "--account", string(cash.GUID), "--amount", "12.34", "--date", "2026-03-01", "--description", "Farmers market", "--type", "DEBIT")
	if amt, _ := manual.Amount.Get(); amt.String() != "12.34" || manual.Description != "Farmers market" {
		t.Errorf("manual transaction %+v", manual)
	}
	w.do(nil, "transactions", "delete-manual", "--user", u, "--transaction", string(manual.GUID))
	var merged mxplatform.Account
	w.do(&merged, "accounts", "merge", "--user", u, "--account", string(cash.GUID), "--account", string(jar.GUID))
	if merged.GUID != cash.GUID && merged.GUID != jar.GUID {
		t.Errorf("merged into %s, not one of %s and %s", merged.GUID, cash.GUID, jar.GUID)
	}
	w.do(nil, "accounts", "delete-manual", "--user", u, "--account", string(merged.GUID))

	// Transactions.
	var txs []mxplatform.Transaction
	w.do(&txs, "transactions", "list", "--user", "cli-user-1", "--all")
	if len(txs) == 0 {
		t.Fatal("no transactions")
	}
	var byAccount, byMember, byMemberAccount []mxplatform.Transaction
	w.do(&byAccount, "transactions", "list-by-account", "--user", u, "--account", a, "--all")
	w.do(&byMember, "transactions", "list-by-member", "--user", u, "--member", m, "--all")
	w.do(&byMemberAccount, "transactions", "list-by-member-account", "--user", u, "--member", m, "--account", a, "--all")
	if len(byMember) == 0 || len(byAccount) == 0 || len(byMemberAccount) != len(byAccount) {
		t.Errorf("%d transactions, %d by member, %d by account, %d by member and account", len(txs), len(byMember), len(byAccount), len(byMemberAccount))
	}
	tx := byAccount[0]
	var transaction mxplatform.Transaction
	w.do(&transaction, "transactions", "read", "--user", u, "--transaction", string(tx.GUID))
	w.do(&transaction, "transactions", "read-by-account", "--user", "cli-user-1", "--member", "m-1", "--account", a, "--transaction", string(tx.GUID))
	if transaction.GUID != tx.GUID {
		t.Errorf("read by account: %+v", transaction)
	}
	w.do(&transaction, "transactions", "update", "--user", u, "--transaction", string(tx.GUID), "--description", "lunch")
	if transaction.Description != "lunch" {
		t.Errorf("description %q", transaction.Description)
	}
	w.do(&transaction, "transactions", "update-by-account", "--user", u, "--member", m, "--account", a, "--transaction", string(tx.GUID), "--description", "team lunch")
	if transaction.Description != "team lunch" {
		t.Errorf("description %q", transaction.Description)
	}

	// Statements, fetched by the job above.
	var statements []mxplatform.Statement
	w.do(&statements, "statements", "list", "--user", u, "--member", m)
	if len(statements) == 0 {
		t.Fatal("no statements after fetch-statements")
	}
	var statement mxplatform.Statement
	w.do(&statement, "statements", "read", "--user", u, "--member", m, "--statement", string(statements[0].GUID))
	file := filepath.Join(t.TempDir(), "statement.pdf")
	w.do(nil, "statements", "download", "--user", u, "--member", m, "--statement", string(statement.GUID), "--out", file)
	if pdf, err := os.ReadFile(file); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("downloaded %d bytes (%v), not a PDF", len(pdf), err)
	}

	// Investment holdings. The accounts the test bank makes up depend on the login, and some
	// logins get an investment account: connect members until one has.
	var holdings []mxplatform.Holding
	w.do(&holdings, "holdings", "list", "--user", u)
	for i := 1; len(holdings) == 0 && i <= 20; i++ {
		w.do(nil, append([]string{"members", "create", "--user", u, "--institution", "mxbank"}, loginArgs(creds, "investor-"+strconv.Itoa(i), mxplatformtest.PasswordConnect)...)...)
		w.do(&holdings, "holdings", "list", "--user", u)
	}
	if len(holdings) == 0 {
		t.Fatal("no holdings")
	}
	h := holdings[0]
	var holding mxplatform.Holding
	w.do(&holding, "holdings", "read", "--user", u, "--holding", string(h.GUID))
	var byHoldingAccount, byHoldingMember []mxplatform.Holding
	w.do(&byHoldingAccount, "holdings", "list-by-account", "--user", u, "--account", string(h.AccountGUID))
	var owner mxplatform.Account
	w.do(&owner, "accounts", "read", "--user", u, "--account", string(h.AccountGUID))
	w.do(&byHoldingMember, "holdings", "list-by-member", "--user", u, "--member", string(owner.MemberGUID))
	if holding.GUID != h.GUID || len(byHoldingAccount) == 0 || len(byHoldingMember) == 0 {
		t.Errorf("holding %s: read %s, %d by account, %d by member", h.GUID, holding.GUID, len(byHoldingAccount), len(byHoldingMember))
	}

	// Categories: the defaults, and one of the user's own under a default one.
	var defaults []mxplatform.Category
	w.do(&defaults, "categories", "defaults", "--all")
	if len(defaults) == 0 {
		t.Fatal("no default categories")
	}
	parent := defaults[slices.IndexFunc(defaults, func(c mxplatform.Category) bool { return c.ParentGUID == "" })]
	var category mxplatform.Category
	w.do(&category, "categories", "read-default", "--category", string(parent.GUID))
	w.do(&defaults, "categories", "defaults-by-user", "--user", u)
	w.do(&category, "categories", "create", "--user", u, "--name", "Board games", "--parent", string(parent.GUID))
	if category.Name != "Board games" || category.ParentGUID != parent.GUID {
		t.Errorf("category %+v", category)
	}
	w.do(&category, "categories", "update", "--user", u, "--category", string(category.GUID), "--name", "Tabletop games")
	w.do(&category, "categories", "read", "--user", u, "--category", string(category.GUID))
	if category.Name != "Tabletop games" {
		t.Errorf("category %+v", category)
	}
	var categories []mxplatform.Category
	w.do(&categories, "categories", "list", "--user", u, "--all")
	if !slices.ContainsFunc(categories, func(c mxplatform.Category) bool { return c.GUID == category.GUID }) {
		t.Errorf("%d categories, without %s", len(categories), category.GUID)
	}
	w.do(nil, "categories", "delete", "--user", u, "--category", string(category.GUID))

	// Merchants, and the location of a transaction's merchant.
	var merchants []mxplatform.Merchant
	w.do(&merchants, "merchants", "list")
	if len(merchants) == 0 {
		t.Fatal("no merchants")
	}
	var merchant mxplatform.Merchant
	w.do(&merchant, "merchants", "read", "--merchant", string(merchants[0].GUID))
	at := slices.IndexFunc(txs, func(x mxplatform.Transaction) bool { return x.MerchantLocationGUID != "" })
	if at < 0 {
		t.Fatal("no transaction names its merchant's location")
	}
	var location mxplatform.MerchantLocation
	w.do(&location, "merchants", "read-location", "--location", string(txs[at].MerchantLocationGUID))
	if location.GUID != txs[at].MerchantLocationGUID {
		t.Errorf("location %+v", location)
	}

	// Widgets.
	var widget mxplatform.WidgetURL
	w.do(&widget, "widgets", "url", "--user", u, "--current-member", m, "--accept-language", "fr-CA", "--color-scheme", "dark")
	if widget.URL == "" {
		t.Error("no widget URL")
	}

	// The other products, on what the walk made (coverage_money_test.go).
	moreV20250224(w, walkBase{
		user: u, userID: "cli-user-1", member: m, memberID: "m-1", account: a, transaction: string(tx.GUID),
		other: string(owner.MemberGUID),
	})

	w.do(nil, "members", "delete", "--user", "cli-user-1", "--member", "m-1")
	w.gone("members", "read", "--user", "cli-user-1", "--member", "m-1")
	w.do(nil, "users", "delete", "--user", "cli-user-1")
	w.gone("users", "read", "--user", u)
	w.done()
}

// TestEveryV20111101OperationThroughTheCLI runs a command for each of the 28 operations of
// v20111101 with --api-version v20111101.
func TestEveryV20111101OperationThroughTheCLI(t *testing.T) {
	w := newWalk(t, apiV20111101)

	var user v20111101.User
	w.do(&user, "users", "create", "--id", "cli-user-1", "--email", "ada@example.com", "--metadata", `{"plan":"pro"}`)
	if user.GUID == "" || user.Email != "ada@example.com" || user.Metadata != `{"plan":"pro"}` {
		t.Fatalf("user %+v", user)
	}
	u := string(user.GUID)

	var insts []v20111101.Institution
	w.do(&insts, "institutions", "list", "--name", "MX Bank", "--supports-account-verification")
	if len(insts) == 0 {
		t.Error("no institution named MX Bank")
	}
	w.do(&insts, "institutions", "favorites")
	var inst v20111101.Institution
	w.do(&inst, "institutions", "read", "--institution", "mxbank")
	var creds []mxplatform.Credential
	w.do(&creds, "institutions", "credentials", "--institution", "mxbank")
	var member v20111101.Member
	w.do(&member, append([]string{"members", "create", "--user", u, "--institution", "mxbank", "--id", "m-1"}, credentialArgs(creds, mxplatformtest.PasswordChallenge)...)...)
	m := string(member.GUID)

	var challenges []mxplatform.Challenge
	w.do(&challenges, "members", "challenges", "--user", u, "--member", m)
	if len(challenges) != 1 {
		t.Fatalf("%d challenges", len(challenges))
	}
	r := w.do(&member, "members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID)+"="+mxplatformtest.ChallengeAnswer)
	if !strings.Contains(r.stderr, "job") {
		t.Errorf("resume did not say what the job did: %q", r.stderr)
	}
	var status mxplatform.MemberStatus
	w.do(&status, "members", "status", "--user", u, "--member", m)
	w.do(&member, "members", "read", "--user", u, "--member", m)
	w.do(&member, "members", "update", "--user", u, "--member", m, "--metadata", "updated", "--credential", passwordGUID(t, creds)+"="+mxplatformtest.PasswordConnect)
	if member.Metadata != "updated" {
		t.Errorf("metadata %q", member.Metadata)
	}
	var members []v20111101.Member
	w.do(&members, "members", "list", "--user", u)
	w.do(&creds, "members", "credentials", "--user", u, "--member", m)
	var settled mxplatform.MemberStatus
	w.do(&settled, append([]string{"members", "aggregate", "--user", u, "--member", m, "--include-transactions"}, wait...)...)
	w.do(&settled, append([]string{"members", "check-balance", "--user", u, "--member", m}, wait...)...)
	if settled.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Errorf("check-balance --wait: %s", settled.ConnectionStatus)
	}

	var oauth v20111101.Member
	w.do(&oauth, "members", "create", "--user", u, "--institution", string(mxplatformtest.OAuthTestBankCode), "--is-oauth")
	var window v20111101.OAuthWindow
	w.do(&window, "members", "oauth-window-uri", "--user", u, "--member", string(oauth.GUID), "--referral-source", "APP")

	var accounts []v20111101.Account
	w.do(&accounts, "accounts", "list", "--user", u)
	if len(accounts) == 0 {
		t.Fatal("no accounts")
	}
	a := string(accounts[0].GUID)
	var account v20111101.Account
	w.do(&account, "accounts", "read", "--user", u, "--account", a)
	w.do(&account, "accounts", "update", "--user", u, "--member", m, "--account", a, "--is-hidden")

	var txs, byAccount, byMember []v20111101.Transaction
	w.do(&txs, "transactions", "list", "--user", u, "--all")
	w.do(&byAccount, "transactions", "list-by-account", "--user", u, "--account", a, "--all")
	w.do(&byMember, "transactions", "list-by-member", "--user", u, "--member", m, "--all")
	if len(txs) == 0 || len(byMember) != len(txs) || len(byAccount) == 0 {
		t.Fatalf("%d transactions, %d by member, %d by account", len(txs), len(byMember), len(byAccount))
	}
	tx := string(txs[0].GUID)
	var transaction v20111101.Transaction
	w.do(&transaction, "transactions", "read", "--user", u, "--transaction", tx)
	w.do(&transaction, "transactions", "update", "--user", u, "--transaction", tx, "--memo", "lunch")
	if transaction.Memo != "lunch" {
		t.Errorf("memo %q", transaction.Memo)
	}

	var widget v20111101.WidgetURL
	w.do(&widget, "widgets", "url", "--user", u, "--widget-type", "connect_widget", "--current-member", m, "--accept-language", "fr-CA")
	var legacy v20111101.ConnectWidgetURL
	r = w.do(&legacy, "widgets", "connect-url", "--user", u, "--mode", "verification")
	if widget.URL == "" || legacy.ConnectWidgetURL == "" || !strings.Contains(r.stderr, "mx widgets url") {
		t.Errorf("widget URLs %q and %q, note %q", widget.URL, legacy.ConnectWidgetURL, r.stderr)
	}

	w.do(nil, "members", "delete", "--user", u, "--member", m)
	w.do(nil, "users", "delete", "--user", u)
	w.done()
}
