package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/spf13/cobra"
)

// result is what one run of mx produced.
type result struct {
	code           int
	stdout, stderr string
}

// mx runs the command line in-process with the given environment variables and stdin.
func mx(t *testing.T, vars map[string]string, stdin string, args ...string) result {
	t.Helper()
	return runMX(vars, stdin, false, args...)
}

// runMX runs mx in process with the given environment, stdin and terminal.
func runMX(vars map[string]string, stdin string, terminal bool, args ...string) result {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &env{
		stdin:    strings.NewReader(stdin),
		stdout:   &out,
		stderr:   &errOut,
		getenv:   func(k string) string { return vars[k] },
		terminal: func() bool { return terminal },
	})
	return result{code, out.String(), errOut.String()}
}

// fakeEnv starts a fake whose jobs finish at once and returns the variables that point mx at it.
func fakeEnv(t *testing.T, opts ...mxplatformtest.Option) (*mxplatformtest.Server, map[string]string) {
	srv := mxplatformtest.NewServer(t, append([]mxplatformtest.Option{mxplatformtest.WithStepInterval(0)}, opts...)...)
	return srv, map[string]string{"MX_CLIENT_ID": srv.ClientID, "MX_API_KEY": srv.APIKey, "MX_BASE_URL": srv.URL, "HOME": t.TempDir()}
}

// ok runs mx, requires exit 0 and decodes its JSON output into v (when v is not nil).
func ok(t *testing.T, vars map[string]string, v any, args ...string) result {
	t.Helper()
	r := mx(t, vars, "", args...)
	if r.code != 0 {
		t.Fatalf("mx %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	if v != nil {
		if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
			t.Fatalf("mx %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, r.stdout)
		}
	}
	return r
}

// TestEveryOperationIsReachable runs a command for each of the 28 operations against the fake.
func TestEveryOperationIsReachable(t *testing.T) {
	srv, vars := fakeEnv(t)
	ran := map[string]bool{}
	do := func(v any, args ...string) result {
		ran[args[0]+" "+args[1]] = true
		return ok(t, vars, v, args...)
	}

	var user mxplatform.User
	do(&user, "users", "create", "--id", "cli-user-1", "--email", "ada@example.com", "--metadata", `{"plan":"pro"}`)
	if user.GUID == "" || user.Email != "ada@example.com" || user.Metadata != `{"plan":"pro"}` {
		t.Fatalf("user %+v", user)
	}
	u := string(user.GUID)

	var insts []mxplatform.Institution
	do(&insts, "institutions", "list", "--name", "MX Bank")
	if len(insts) != 2 {
		t.Errorf("%d institutions named MX Bank", len(insts))
	}
	do(&insts, "institutions", "favorites")
	var inst mxplatform.Institution
	do(&inst, "institutions", "read", "--institution", "mxbank")
	var creds []mxplatform.Credential
	do(&creds, "institutions", "credentials", "--institution", "mxbank")
	args := []string{"members", "create", "--user", u, "--institution", "mxbank", "--id", "m-1"}
	for _, c := range creds {
		value := "mxuser"
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			value = mxplatformtest.PasswordChallenge
		}
		args = append(args, "--credential", string(c.GUID)+"="+value)
	}
	var member mxplatform.Member
	do(&member, args...)
	m := string(member.GUID)

	var challenges []mxplatform.Challenge
	do(&challenges, "members", "challenges", "--user", u, "--member", m)
	if len(challenges) != 1 {
		t.Fatalf("%d challenges", len(challenges))
	}
	r := do(&member, "members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID)+"="+mxplatformtest.ChallengeAnswer)
	if !strings.Contains(r.stderr, "job") {
		t.Errorf("resume did not say what the job did: %q", r.stderr)
	}
	var status mxplatform.MemberStatus
	do(&status, "members", "status", "--user", u, "--member", m)
	if status.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Fatalf("status %s", status.ConnectionStatus)
	}
	do(&member, "members", "read", "--user", u, "--member", m)
	// New credentials: the password that connects without a challenge.
	var passwordGUID string
	for _, c := range creds {
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			passwordGUID = string(c.GUID)
		}
	}
	do(&member, "members", "update", "--user", u, "--member", m, "--metadata", "updated", "--credential", passwordGUID+"="+mxplatformtest.PasswordConnect)
	if member.Metadata != "updated" {
		t.Errorf("metadata %q", member.Metadata)
	}
	var members []mxplatform.Member
	do(&members, "members", "list", "--user", u)
	do(&creds, "members", "credentials", "--user", u, "--member", m)
	do(&member, "members", "aggregate", "--user", u, "--member", m)
	do(&member, "members", "check-balance", "--user", u, "--member", m)

	var oauth mxplatform.Member
	do(&oauth, "members", "create", "--user", u, "--institution", string(mxplatformtest.OAuthTestBankCode), "--is-oauth")
	var window mxplatform.OAuthWindow
	do(&window, "members", "oauth-window-uri", "--user", u, "--member", string(oauth.GUID), "--referral-source", "APP")
	if window.OAuthWindowURI == "" {
		t.Error("no OAuth window URI")
	}

	var accounts []mxplatform.Account
	do(&accounts, "accounts", "list", "--user", u)
	if len(accounts) == 0 {
		t.Fatal("no accounts")
	}
	a := string(accounts[0].GUID)
	var account mxplatform.Account
	do(&account, "accounts", "read", "--user", u, "--account", a)
	do(&account, "accounts", "update", "--user", u, "--member", m, "--account", a, "--is-hidden")
	if !account.IsHidden.Value() {
		t.Error("the account is not hidden")
	}

	var txs []mxplatform.Transaction
	do(&txs, "transactions", "list", "--user", u, "--all")
	if len(txs) == 0 {
		t.Fatal("no transactions")
	}
	var byAccount, byMember []mxplatform.Transaction
	do(&byAccount, "transactions", "list-by-account", "--user", u, "--account", a, "--all")
	do(&byMember, "transactions", "list-by-member", "--user", u, "--member", m, "--all")
	if len(byMember) != len(txs) || len(byAccount) == 0 || len(byAccount) > len(txs) {
		t.Errorf("%d transactions, %d by member, %d by account", len(txs), len(byMember), len(byAccount))
	}
	tx := string(txs[0].GUID)
	var transaction mxplatform.Transaction
	do(&transaction, "transactions", "read", "--user", u, "--transaction", tx)
	do(&transaction, "transactions", "update", "--user", u, "--transaction", tx, "--memo", "lunch")
	if transaction.Memo != "lunch" {
		t.Errorf("memo %q", transaction.Memo)
	}

	var widget mxplatform.WidgetURL
	do(&widget, "widgets", "url", "--user", u, "--widget-type", "connect_widget", "--current-member", m, "--accept-language", "fr-CA", "--color-scheme", "dark")
	var legacy mxplatform.ConnectWidgetURL
	r = do(&legacy, "widgets", "connect-url", "--user", u, "--mode", "verification")
	if widget.URL == "" || legacy.ConnectWidgetURL == "" {
		t.Error("no widget URL")
	}

	do(nil, "members", "delete", "--user", u, "--member", m)
	do(nil, "users", "delete", "--user", u)
	if r := mx(t, vars, "", "members", "read", "--user", u, "--member", m); r.code != exitAPI {
		t.Errorf("the deleted member is still there: %+v", r)
	}

	for _, c := range operationCommands(t) {
		if !ran[c] {
			t.Errorf("mx %s was not run", c)
		}
	}
	if len(ran) != 28 {
		t.Errorf("%d operations run, want 28", len(ran))
	}
	// Every request named its API version.
	for op, st := range srv.Fake.RequestsByOperation() {
		if st.MissingAcceptVersion != 0 || st.Received == 0 {
			t.Errorf("%s: %d of %d requests without Accept-Version", op, st.MissingAcceptVersion, st.Received)
		}
	}
}

// operationCommands lists "group name" for every generated operation command.
func operationCommands(t *testing.T) []string {
	t.Helper()
	root := newRootCmd(&app{})
	var out []string
	for _, g := range root.Commands() {
		if g.Name() == "demo" || g.Name() == "fake" || g.Name() == "completion" || g.Name() == "help" {
			continue
		}
		for _, c := range g.Commands() {
			out = append(out, g.Name()+" "+c.Name())
		}
	}
	if len(out) != 28 {
		t.Fatalf("%d operation commands", len(out))
	}
	return out
}

func TestEveryCommandHasHelpWithAnExample(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() != "help" && c.Name() != "completion" && c.Example == "" {
			t.Errorf("%q has no example", c.CommandPath())
		}
		if c.Short == "" {
			t.Errorf("%q has no short description", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			if sub.Name() != "completion" && sub.Name() != "help" {
				walk(sub)
			}
		}
	}
	walk(newRootCmd(&app{}))
	r := mx(t, nil, "", "members", "aggregate", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--wait") {
		t.Errorf("help: %+v", r)
	}
	r = mx(t, nil, "", "--help")
	if !strings.Contains(r.stdout, "Exit codes:") {
		t.Error("the exit codes are not documented in --help")
	}
}

func TestTableOutputIsAligned(t *testing.T) {
	_, vars := fakeEnv(t)
	r := ok(t, vars, nil, "institutions", "list", "-o", "table")
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "CODE") {
		t.Fatalf("table:\n%s", r.stdout)
	}
	// Each column starts where its header does, on every line.
	var starts []int
	for i := 1; i < len(lines[0]); i++ {
		if lines[0][i-1] == ' ' && lines[0][i] != ' ' {
			starts = append(starts, i)
		}
	}
	if len(starts) < 3 {
		t.Fatalf("header %q", lines[0])
	}
	for _, line := range lines[1:] {
		for _, s := range starts {
			if len(line) <= s || line[s-1] != ' ' {
				t.Errorf("line %q is not aligned at column %d", line, s)
			}
		}
	}
	r = ok(t, vars, nil, "institutions", "read", "--institution", "mxbank", "-o", "table")
	if !strings.HasPrefix(r.stdout, "FIELD") || !strings.Contains(r.stdout, "mxbank") {
		t.Errorf("single resource table:\n%s", r.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	_, vars := fakeEnv(t)
	for name, args := range map[string][]string{
		"unknown flag":        {"users", "create", "--nickname", "x"},
		"unknown command":     {"users", "rename"},
		"missing required":    {"members", "list"},
		"not an enum value":   {"widgets", "url", "--user", "USR-1", "--widget-type", "teleport_widget"},
		"bad output format":   {"institutions", "list", "-o", "xml"},
		"bad decimal":         {"accounts", "update", "--user", "U", "--member", "M", "--account", "A", "--balance", "12,50"},
		"bad credential pair": {"members", "create", "--user", "U", "--institution", "mxbank", "--credential", "no-equals-sign"},
		"stray argument":      {"institutions", "list", "extra"},
	} {
		r := mx(t, vars, "", args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "mx:") {
			t.Errorf("%s: exit %d, stderr %q", name, r.code, r.stderr)
		}
	}
	r := mx(t, map[string]string{"HOME": t.TempDir()}, "", "institutions", "list")
	if r.code != exitUsage || !strings.Contains(r.stderr, "MX_CLIENT_ID") {
		t.Errorf("no credentials: %+v", r)
	}
}

func TestAPIErrorShowsStatusAndMessage(t *testing.T) {
	_, vars := fakeEnv(t)
	r := mx(t, vars, "", "institutions", "read", "--institution", "no_such_bank")
	if r.code != exitAPI || !strings.Contains(r.stderr, "HTTP 404") || !strings.Contains(r.stderr, "Unrecognized institution.") || r.stdout != "" {
		t.Errorf("%+v", r)
	}
}

func TestNetworkErrorExitCode(t *testing.T) {
	srv, vars := fakeEnv(t)
	srv.Close()
	r := mx(t, vars, "", "institutions", "list")
	if r.code != exitNetwork || !strings.Contains(r.stderr, "listInstitutions") {
		t.Errorf("%+v", r)
	}
}

func TestTheAPIKeyIsNeverPrinted(t *testing.T) {
	srv, vars := fakeEnv(t)
	basic := base64.StdEncoding.EncodeToString([]byte(srv.ClientID + ":" + srv.APIKey))
	runs := []result{
		mx(t, vars, "", "-v", "institutions", "list"),
		mx(t, vars, "", "-v", "institutions", "read", "--institution", "nope"),
		mx(t, map[string]string{"MX_BASE_URL": srv.URL, "HOME": t.TempDir()}, "", "-v", "--client-id", srv.ClientID, "--api-key", srv.APIKey, "institutions", "favorites"),
		mx(t, map[string]string{"MX_BASE_URL": srv.URL, "HOME": t.TempDir()}, "", "-v", "--client-id", srv.ClientID, "--api-key", "wrong-"+srv.APIKey, "institutions", "favorites"),
	}
	if !strings.Contains(runs[0].stderr, "mx request") {
		t.Errorf("verbose mode logged nothing: %q", runs[0].stderr)
	}
	for i, r := range runs {
		for _, text := range []string{r.stdout, r.stderr} {
			if strings.Contains(text, srv.APIKey) || strings.Contains(text, basic) {
				t.Errorf("run %d printed the API key:\n%s", i, text)
			}
		}
	}
	if runs[3].code != exitAPI || !strings.Contains(runs[3].stderr, "HTTP 401") {
		t.Errorf("wrong key: %+v", runs[3])
	}
}

func TestConfigurationPrecedence(t *testing.T) {
	srv, _ := fakeEnv(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "config.json")
	write := func(c config) {
		b, _ := json.Marshal(c)
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The file alone configures everything.
	write(config{ClientID: srv.ClientID, APIKey: srv.APIKey, BaseURL: srv.URL})
	vars := map[string]string{"MX_CONFIG": file}
	if r := mx(t, vars, "", "institutions", "favorites"); r.code != 0 {
		t.Fatalf("file: %+v", r)
	}
	// The environment beats the file.
	write(config{ClientID: srv.ClientID, APIKey: "wrong", BaseURL: srv.URL})
	vars["MX_API_KEY"] = srv.APIKey
	if r := mx(t, vars, "", "institutions", "favorites"); r.code != 0 {
		t.Fatalf("environment over file: %+v", r)
	}
	// Flags beat the environment.
	if r := mx(t, vars, "", "--api-key", "wrong", "institutions", "favorites"); r.code != exitAPI {
		t.Fatalf("flag over environment: %+v", r)
	}
	// The default file lives under $HOME/.config/mx.
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".config", "mx"), 0o700); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(config{ClientID: srv.ClientID, APIKey: srv.APIKey, BaseURL: srv.URL})
	if err := os.WriteFile(filepath.Join(home, ".config", "mx", "config.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := mx(t, map[string]string{"HOME": home}, "", "institutions", "favorites"); r.code != 0 {
		t.Fatalf("default file: %+v", r)
	}
	if r := mx(t, map[string]string{"MX_CONFIG": filepath.Join(dir, "missing.json")}, "", "institutions", "favorites"); r.code != exitUsage {
		t.Errorf("a missing named config file: %+v", r)
	}
	if r := mx(t, map[string]string{"MX_CLIENT_ID": "a", "MX_API_KEY": "b", "MX_ENV": "staging", "HOME": home}, "", "institutions", "favorites"); r.code != exitUsage {
		t.Errorf("an unknown environment: %+v", r)
	}
}

// newMember creates a user and a member at the test bank with the given password and returns
// their GUIDs.
func newMember(t *testing.T, vars map[string]string, password string, extra ...string) (string, string) {
	t.Helper()
	var user mxplatform.User
	ok(t, vars, &user, "users", "create")
	var creds []mxplatform.Credential
	ok(t, vars, &creds, "institutions", "credentials", "--institution", "mxbank")
	args := []string{"members", "create", "--user", string(user.GUID), "--institution", "mxbank"}
	for _, c := range creds {
		value := "mxuser"
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			value = password
		}
		args = append(args, "--credential", string(c.GUID)+"="+value)
	}
	var member mxplatform.Member
	ok(t, vars, &member, append(args, extra...)...)
	return string(user.GUID), string(member.GUID)
}

func TestAggregateWaitAnswersMFAFromStdin(t *testing.T) {
	_, vars := fakeEnv(t)
	u, m := newMember(t, vars, mxplatformtest.PasswordOptions, "--skip-aggregation")
	// Without a terminal, answers come from stdin, one line per challenge; "correct" is the
	// value of the right option.
	r := mx(t, vars, mxplatformtest.ChallengeAnswer+"\n", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "0.01")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var status mxplatform.MemberStatus
	if err := json.Unmarshal([]byte(r.stdout), &status); err != nil || status.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Fatalf("%v %s", err, r.stdout)
	}
	if !strings.Contains(r.stderr, "CHALLENGED") || !strings.Contains(r.stderr, "CONNECTED") || !strings.Contains(r.stderr, "job started") {
		t.Errorf("progress:\n%s", r.stderr)
	}

	// With no answer anywhere, the command says how to give one.
	u, m = newMember(t, vars, mxplatformtest.PasswordChallenge, "--skip-aggregation")
	r = mx(t, vars, "", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "0.01")
	if r.code != exitNeedsUser || !strings.Contains(r.stderr, "--answer") {
		t.Errorf("no answer: %+v", r)
	}
}

func TestAggregateWaitAnswersMFAFromFlags(t *testing.T) {
	_, vars := fakeEnv(t)
	u, m := newMember(t, vars, mxplatformtest.PasswordChallenge, "--skip-aggregation")
	var challenges []mxplatform.Challenge
	ok(t, vars, nil, "members", "aggregate", "--user", u, "--member", m)
	ok(t, vars, &challenges, "members", "challenges", "--user", u, "--member", m)
	// A challenged aggregation is still running: a balance check conflicts with it.
	r := mx(t, vars, "", "members", "check-balance", "--user", u, "--member", m)
	if r.code != exitAPI || !strings.Contains(r.stderr, "HTTP 409") {
		t.Errorf("check balance while challenged: %+v", r)
	}
	r = mx(t, vars, "", "members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID)+"=wrong", "--wait", "--interval", "0.01")
	if r.code != exitNeedsUser || !strings.Contains(r.stderr, "REJECTED") {
		t.Errorf("a wrong answer: %+v", r)
	}
}

func TestDemo(t *testing.T) {
	r := mx(t, map[string]string{"HOME": t.TempDir()}, "", "demo", "--step", "20ms")
	if r.code != 0 || !strings.Contains(r.stdout, "Done.") {
		t.Fatalf("%+v", r)
	}
	for _, step := range []string{"Created user", "Searched institutions", "asks for 2 credentials", "Created member", "CHALLENGED", "Answering the MFA challenge", "Connected to MX Bank", "Listed 3 accounts", "transactions in all", "Updated transaction", "widget URL", "Deleted user"} {
		if !strings.Contains(r.stdout, step) {
			t.Errorf("the demo did not show %q", step)
		}
	}
}

func TestCompletion(t *testing.T) {
	r := mx(t, nil, "", "completion", "bash")
	if r.code != 0 || !strings.Contains(r.stdout, "__start_mx") {
		t.Errorf("completion: exit %d, %d bytes", r.code, len(r.stdout))
	}
	r = mx(t, nil, "", "__complete", "widgets", "url", "--color-scheme", "")
	if !strings.Contains(r.stdout, "dark") || !strings.Contains(r.stdout, "light") {
		t.Errorf("enum completion: %q", r.stdout)
	}
}

// TestHelpExamplesLogInAtTheTestBank: the passwords the help shows for MX Bank are ones the test
// bank connects with, not ones it refuses.
func TestHelpExamplesLogInAtTheTestBank(t *testing.T) {
	for _, args := range [][]string{{"members", "create", "--help"}, {"members", "update", "--help"}, {"members", "--help"}} {
		r := mx(t, nil, "", args...)
		for _, m := range regexp.MustCompile(`CRD-2=(\S+)`).FindAllStringSubmatch(r.stdout, -1) {
			if m[1] != mxplatformtest.PasswordConnect {
				t.Errorf("mx %s shows the password %q, which does not connect at MX Bank", strings.Join(args, " "), m[1])
			}
		}
	}
}
