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
		stdin:       strings.NewReader(stdin),
		stdout:      &out,
		stderr:      &errOut,
		getenv:      func(k string) string { return vars[k] },
		terminal:    func() bool { return terminal },
		outTerminal: func() bool { return false },
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
		mx(t, vars, "", "-v", "--api-version", "v20111101", "institutions", "list"),
		mx(t, vars, "", "-v", "statements", "download", "--user", "USR-1", "--member", "MBR-1", "--statement", "STA-1"),
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
// their GUIDs. Creating the member starts its first job, which the fake's zero step interval
// ends at once: the member is already where the password leads (CHALLENGED, DENIED...).
func newMember(t *testing.T, vars map[string]string, password string, extra ...string) (string, string) {
	t.Helper()
	var user mxplatform.User
	ok(t, vars, &user, "users", "create")
	var creds []mxplatform.Credential
	ok(t, vars, &creds, "institutions", "credentials", "--institution", "mxbank")
	args := append([]string{"members", "create", "--user", string(user.GUID), "--institution", "mxbank"}, credentialArgs(creds, password)...)
	var member mxplatform.Member
	ok(t, vars, &member, append(args, extra...)...)
	return string(user.GUID), string(member.GUID)
}

func TestAggregateWaitAnswersMFAFromStdin(t *testing.T) {
	_, vars := fakeEnv(t)
	u, m := newMember(t, vars, mxplatformtest.PasswordOptions)
	// Without a terminal, answers come from stdin, one line per challenge; "correct" is the
	// value of the right option.
	r := mx(t, vars, mxplatformtest.ChallengeAnswer+"\n", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "10ms")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var status mxplatform.MemberStatus
	if err := json.Unmarshal([]byte(r.stdout), &status); err != nil || status.ConnectionStatus != mxplatform.ConnectionStatusConnected {
		t.Fatalf("%v %s", err, r.stdout)
	}
	if !strings.Contains(r.stderr, "CHALLENGED") || !strings.Contains(r.stderr, "CONNECTED") || !strings.Contains(r.stderr, "job ") {
		t.Errorf("progress:\n%s", r.stderr)
	}

	// With no answer anywhere, the command says how to give one.
	u, m = newMember(t, vars, mxplatformtest.PasswordChallenge)
	r = mx(t, vars, "", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "10ms")
	if r.code != exitNeedsUser || !strings.Contains(r.stderr, "--answer") {
		t.Errorf("no answer: %+v", r)
	}
}

func TestAggregateWaitAnswersMFAFromFlags(t *testing.T) {
	_, vars := fakeEnv(t)
	u, m := newMember(t, vars, mxplatformtest.PasswordChallenge)
	var challenges []mxplatform.Challenge
	ok(t, vars, &challenges, "members", "challenges", "--user", u, "--member", m)
	if len(challenges) != 1 {
		t.Fatalf("%d challenges", len(challenges))
	}
	// A challenged job is still running: a job of another kind conflicts with it.
	for _, job := range []string{"check-balance", "verify", "fetch-statements"} {
		r := mx(t, vars, "", "members", job, "--user", u, "--member", m)
		if r.code != exitAPI || !strings.Contains(r.stderr, "HTTP 409") {
			t.Errorf("%s while challenged: %+v", job, r)
		}
	}
	// The right answer by flag, to a job started by the command.
	r := mx(t, vars, "", "members", "aggregate", "--user", u, "--member", m, "--answer", string(challenges[0].GUID)+"="+mxplatformtest.ChallengeAnswer, "--wait", "--interval", "10ms")
	if r.code != exitOK || !strings.Contains(r.stderr, "CONNECTED") {
		t.Errorf("the right answer: %+v", r)
	}
	// A wrong one, sent by resume.
	u, m = newMember(t, vars, mxplatformtest.PasswordChallenge)
	ok(t, vars, &challenges, "members", "challenges", "--user", u, "--member", m)
	r = mx(t, vars, "", "members", "resume", "--user", u, "--member", m, "--answer", string(challenges[0].GUID)+"=wrong", "--wait", "--interval", "10ms")
	if r.code != exitNeedsUser || !strings.Contains(r.stderr, "REJECTED") {
		t.Errorf("a wrong answer: %+v", r)
	}
}

func TestDemo(t *testing.T) {
	r := mx(t, map[string]string{"HOME": t.TempDir()}, "", "demo", "--step", "20ms")
	if r.code != 0 || !strings.Contains(r.stdout, "Done.") {
		t.Fatalf("%+v", r)
	}
	for _, step := range []string{
		"version v20250224", "Created user", "Searched institutions", "asks for 2 credentials", "Created member",
		"CHALLENGED", "Answering the MFA challenge", "Connected to MX Bank", "Listed 3 accounts",
		"transactions in all", "Updated transaction", "Verifying the member", "Read the account numbers",
		"Fetching the member's statements", "statements", "Downloaded statement", `starting with "%PDF"`,
		"widget URL", "Deleted user",
	} {
		if !strings.Contains(r.stdout, step) {
			t.Errorf("the demo did not show %q", step)
		}
	}
	// Each account number the demo shows is a line of its own, with the routing number.
	if !regexp.MustCompile(`(?m)^    \S+  account \S+  routing \S+$`).MatchString(r.stdout) {
		t.Errorf("no account number line:\n%s", r.stdout)
	}
	if m := regexp.MustCompile(`as PDF: (\d+) bytes`).FindStringSubmatch(r.stdout); m == nil || m[1] == "0" {
		t.Errorf("no PDF size:\n%s", r.stdout)
	}
	// The demo shows the current version only.
	r = mx(t, map[string]string{"HOME": t.TempDir()}, "", "--api-version", "v20111101", "demo")
	if r.code != exitUsage || !strings.Contains(r.stderr, "v20250224") {
		t.Errorf("demo under v20111101: %+v", r)
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
	r = mx(t, nil, "", "__complete", "--api-version", "")
	if !strings.Contains(r.stdout, "v20250224") || !strings.Contains(r.stdout, "v20111101") {
		t.Errorf("version completion: %q", r.stdout)
	}
	// An enum list completes the values of every version.
	r = mx(t, nil, "", "__complete", "members", "create", "--product", "")
	if !strings.Contains(r.stdout, "statements") || !strings.Contains(r.stdout, "account_verification") {
		t.Errorf("product completion: %q", r.stdout)
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
