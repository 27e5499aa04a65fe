package mxplatform

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The tests below compare the tables with the reference text itself, parsed here on its own,
// so that a row that was mistyped, split wrongly or dropped shows up.

func referenceLines(t *testing.T, name string) []string {
	t.Helper()
	raw, err := os.ReadFile("../api/reference/" + name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(raw), "\u00a0", " "), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \r")
	}
	return lines
}

func between(t *testing.T, lines []string, start, end string) []string {
	t.Helper()
	i := slices.Index(lines, start)
	j := slices.Index(lines[i+1:], end)
	if i < 0 || j < 0 {
		t.Fatalf("no section %q..%q", start, end)
	}
	var out []string
	for _, l := range lines[i+1 : i+1+j] {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestConnectionStatusTableMatchesTheReference(t *testing.T) {
	rows := between(t, referenceLines(t, "mx-platform-api-v1.txt"), "Integer value Status Definition Next steps End-user message", "Aggregate member")
	if len(rows) != 23 {
		t.Fatalf("%d rows in the reference", len(rows))
	}
	for i, line := range rows {
		code, name, _ := strings.Cut(line, " ")
		name, _, _ = strings.Cut(name, " ")
		var status ConnectionStatus // the null row is the empty status
		if code != "null" {
			status = ConnectionStatus(name)
		}
		info := status.Info()
		if !info.Known {
			t.Errorf("%s is unknown", name)
			continue
		}
		// The row is exactly code, name, definition, next steps and message, in order.
		rebuilt := fmt.Sprintf("%s %s %s %s %s", code, name, info.Meaning, info.NextSteps, info.message)
		if rebuilt != line {
			t.Errorf("row %d:\n got %q\nwant %q", i, rebuilt, line)
		}
		if code == "null" {
			if info.Code != -1 || info.Next != NextStepNone || info.Message("MX Bank") != "" {
				t.Errorf("null status: %+v", info)
			}
			continue
		}
		n, _ := strconv.Atoi(code)
		if got, ok := status.Code(); !ok || got != n {
			t.Errorf("%s code %d, want %d", name, got, n)
		}
		if s, ok := ConnectionStatusFromCode(n); !ok || s != status {
			t.Errorf("code %d is %s", n, s)
		}
		if !status.Valid() {
			t.Errorf("%s is not in the spec's enum", name)
		}
		if info.Next == NextStepUnknown {
			t.Errorf("%s has no next step", name)
		}
	}
	if got := len(ConnectionStatuses()); got != 22 {
		t.Errorf("%d statuses", got)
	}
}

func TestConnectionStatusMessages(t *testing.T) {
	for s, want := range map[ConnectionStatus]string{
		ConnectionStatusChallenged: "To authenticate your connection to MX Bank, please answer the following challenge(s).",
		ConnectionStatusConnected:  "Connected to MX Bank …",
		ConnectionStatusLocked:     "Your account is locked. Please log in to the appropriate website for MX Bank and follow the steps to resolve the issue.",
		ConnectionStatusPending:    "",
	} {
		if got := (&s).Info().Message("MX Bank"); got != want {
			t.Errorf("%s: %q, want %q", s, got, want)
		}
	}
	for s, want := range map[ConnectionStatus]StatusInfo{
		ConnectionStatusChallenged: {Final: true, UserMustAct: true, Next: NextStepAnswerMFA},
		ConnectionStatusConnected:  {Final: true, Next: NextStepNone},
		ConnectionStatusResumed:    {Next: NextStepPoll},
		ConnectionStatusDenied:     {Final: true, UserMustAct: true, Next: NextStepReenterCredentials},
		ConnectionStatusImpeded:    {Final: true, UserMustAct: true, Next: NextStepActAtInstitution},
		ConnectionStatusPending:    {Final: true, UserMustAct: true, Next: NextStepCompleteOAuth},
		ConnectionStatusFailed:     {Final: true, Next: NextStepRetryLater},
	} {
		got := (&s).Info()
		if got.Final != want.Final || got.UserMustAct != want.UserMustAct || got.Next != want.Next {
			t.Errorf("%s: %+v", s, got)
		}
	}
}

func TestConnectionStatusDecodesNamesCodesAndUnknowns(t *testing.T) {
	var v struct {
		Status *ConnectionStatus `json:"connection_status"`
	}
	for in, want := range map[string]ConnectionStatus{`"CONNECTED"`: ConnectionStatusConnected, `6`: ConnectionStatusConnected, `21`: ConnectionStatusPending, `0`: ConnectionStatusCreated, `"SUSPENDED"`: "SUSPENDED", `99`: "99"} {
		if err := json.Unmarshal([]byte(`{"connection_status": `+in+`}`), &v); err != nil || v.Status == nil || *v.Status != want {
			t.Errorf("%s: %v %v", in, v.Status, err)
		}
	}
	future := ConnectionStatus("SUSPENDED")
	if info := future.Info(); info.Known || info.Next != NextStepUnknown || info.Status != future {
		t.Errorf("future status: %+v", info)
	}
	if err := json.Unmarshal([]byte(`{"connection_status": null}`), &v); err != nil || v.Status != nil {
		t.Errorf("null: %v %v", v.Status, err)
	}
	if err := json.Unmarshal([]byte(`{"connection_status": true}`), &v); err == nil {
		t.Error("a boolean decoded")
	}
	var m Member
	if err := json.Unmarshal(readFixture(t, "readMember", "200.json"), &struct{ Member *Member }{&m}); err != nil || m.ConnectionStatus.Info().Status != ConnectionStatusConnected {
		t.Errorf("member fixture: %v %v", m.ConnectionStatus, err)
	}
}

func TestAccountSubtypesMatchBothReferences(t *testing.T) {
	platform := between(t, referenceLines(t, "mx-platform-api-v1.txt"), "Subtype Parent type", "List accounts")
	for _, row := range platform {
		f := strings.Fields(row)
		parent, ok := AccountSubtype(f[0]).Parent()
		if !ok || parent != AccountType(f[1]) {
			t.Errorf("%s: parent %q, want %s", f[0], parent, f[1])
		}
	}
	if len(platform) != len(subtypeParents) {
		t.Errorf("%d subtypes in the reference, %d in the table", len(platform), len(subtypeParents))
	}
	// The webhook reference glues the columns together: "AUTOLOAN".
	webhook := between(t, referenceLines(t, "mx-account-webhook.txt"), "SubtypeParent Type", "Example Payload")
	if len(webhook) != len(subtypeParents) {
		t.Errorf("%d subtypes in the webhook reference", len(webhook))
	}
	for _, row := range webhook {
		found := false
		for sub, parent := range subtypeParents {
			if row == string(sub)+string(parent) {
				found = true
			}
		}
		if !found {
			t.Errorf("webhook row %q matches no subtype", row)
		}
	}
	parents := between(t, referenceLines(t, "mx-platform-api-v1.txt"), "Parent types", "Subtype Parent type")
	var got []string
	for _, p := range AccountTypes() {
		got = append(got, string(p))
		if !p.Valid() {
			t.Errorf("%s is not in the spec's enum", p)
		}
	}
	var want []string
	for _, p := range parents {
		want = append(want, strings.Fields(p)[0])
	}
	if !slices.Equal(got, want) {
		t.Errorf("parent types %v, want %v", got, want)
	}
	for sub := range subtypeParents {
		if !sub.Valid() {
			t.Errorf("%s is not in the spec's enum", sub)
		}
	}
}

func TestAccountTypeLookups(t *testing.T) {
	if subs := AccountTypeLoan.Subtypes(); !slices.Contains(subs, AccountSubtypeAuto) || !slices.Contains(subs, AccountSubtypeHELOC) || len(subs) != 10 {
		t.Errorf("LOAN subtypes %v", subs)
	}
	if subs := AccountTypeChecking.Subtypes(); len(subs) != 0 {
		t.Errorf("CHECKING subtypes %v", subs)
	}
	if _, ok := AccountSubtypeNone.Parent(); ok {
		t.Error("NONE has a parent")
	}
	for _, ok := range [][2]string{{"LOAN", "AUTO"}, {"INVESTMENT", "PLAN_401_K"}, {"SAVINGS", "MONEY_MARKET"}, {"CHECKING", ""}, {"SAVINGS", "NONE"}} {
		if err := ValidateAccountType(AccountType(ok[0]), AccountSubtype(ok[1])); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for _, bad := range [][2]string{{"CHECKING", "AUTO"}, {"LOAN", "ROTH_IRA"}, {"WALLET", ""}, {"LOAN", "SPACESHIP"}} {
		if err := ValidateAccountType(AccountType(bad[0]), AccountSubtype(bad[1])); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	classes := map[AccountType]AccountClass{
		AccountTypeChecking: AccountClassAsset, AccountTypeSavings: AccountClassAsset, AccountTypeInvestment: AccountClassAsset,
		AccountTypeCreditCard: AccountClassDebt, AccountTypeLoan: AccountClassDebt, AccountTypeLineOfCredit: AccountClassDebt, AccountTypeMortgage: AccountClassDebt,
		AccountTypeProperty: AccountClassUnknown, AccountTypeAny: AccountClassUnknown,
	}
	for typ, want := range classes {
		if got := typ.Class(); got != want {
			t.Errorf("%s: %v, want %v", typ, got, want)
		}
	}
}

func TestCategoryTreeMatchesTheReference(t *testing.T) {
	rows := between(t, referenceLines(t, "mx-platform-api-v1.txt"), "Categories", "Merchant category codes")
	top, children := "", 0
	for _, row := range rows {
		if name, ok := strings.CutPrefix(row, "* "); ok {
			top = name
			if got, ok := TopLevelCategory(name); !ok || got != name {
				t.Errorf("top level %q: %q", name, got)
			}
			continue
		}
		name := strings.TrimPrefix(row, "  * ")
		children++
		if got, ok := TopLevelCategory(name); !ok || got != top {
			t.Errorf("%q: top level %q, want %q", name, got, top)
		}
	}
	n := 0
	for _, g := range Categories() {
		n += len(g.Categories)
	}
	if n != children || len(Categories()) != 21 {
		t.Errorf("%d groups, %d categories; the reference has %d categories", len(Categories()), n, children)
	}
	if _, ok := TopLevelCategory("Teleportation"); ok {
		t.Error("unknown category found")
	}
}

func TestMerchantCategoryCodesMatchTheReference(t *testing.T) {
	rows := between(t, referenceLines(t, "mx-platform-api-v1.txt"), "Merchant category code MX category Merchant category", "List transactions by account")
	if len(rows) != len(MerchantCategoryCodes()) {
		t.Fatalf("%d rows in the reference, %d in the table", len(rows), len(MerchantCategoryCodes()))
	}
	for _, row := range rows {
		num, rest, _ := strings.Cut(row, " ")
		code, _ := strconv.Atoi(num)
		got, ok := LookupMerchantCategoryCode(code)
		if !ok || got.MXCategory+" "+got.MerchantCategory != rest {
			t.Errorf("%d: %+v, want %q", code, got, rest)
		}
		if _, inTree := TopLevelCategory(got.MXCategory); !inTree && !slices.Contains(extraCategories, got.MXCategory) {
			t.Errorf("%d: category %q is in neither the tree nor the known extras", code, got.MXCategory)
		}
	}
	for code, want := range map[int]string{3000: "Air Travel", 3150: "Air Travel", 3301: "Air Travel", 3400: "Rental Car & Taxi", 3700: "Hotel", 5411: "Groceries", 5732: "Electronics & Software"} {
		if got, ok := LookupMerchantCategoryCode(code); !ok || got.MXCategory != want {
			t.Errorf("%d: %+v, want %s", code, got, want)
		}
	}
	for _, code := range []int{3302, 3450, 1, 99999} {
		if got, ok := LookupMerchantCategoryCode(code); ok {
			t.Errorf("%d: %+v", code, got)
		}
	}
}
