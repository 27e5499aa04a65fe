package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/mxsdk/mx-go/mxplatform/webhook"
	"go.yaml.in/yaml/v3"
)

// connectedUser creates a user whose member at the test bank connected, so that it has
// accounts and transactions, and returns its GUID.
func connectedUser(t *testing.T, vars map[string]string) string {
	t.Helper()
	u, _ := newMember(t, vars, mxplatformtest.PasswordConnect)
	return u
}

// requests counts the recorded requests of a method whose path ends with suffix.
func requests(xs []exchange, method, suffix string) int {
	n := 0
	for _, x := range xs {
		if x.method == method && strings.HasSuffix(x.path, suffix) {
			n++
		}
	}
	return n
}

func TestAPIGetAndPost(t *testing.T) {
	rec, vars := recordingEnv(t)
	var created struct {
		User struct {
			GUID, ID, Email string
			IsDisabled      *bool `json:"is_disabled"`
		}
	}
	ok(t, vars, &created, "api", "POST", "/users", "-f", "user[id]=grace-1", "-f", "user[email]=grace@example.com", "-F", "user[is_disabled]=false")
	if created.User.ID != "grace-1" || created.User.Email != "grace@example.com" || created.User.IsDisabled == nil || *created.User.IsDisabled {
		t.Fatalf("created %+v", created)
	}
	xs := rec.take()
	if len(xs) != 1 || string(xs[0].body) != `{"user":{"email":"grace@example.com","id":"grace-1","is_disabled":false}}` || xs[0].version != "v20250224" {
		t.Fatalf("sent %+v", xs)
	}
	// GET by the partner's id; the body from stdin.
	var read map[string]map[string]any
	ok(t, vars, &read, "api", "GET", "/users/grace-1")
	if read["user"]["guid"] != created.User.GUID {
		t.Errorf("read %v", read)
	}
	r := mx(t, vars, `{"user": {"email": "lin@example.com"}}`, "api", "POST", "/users", "--input", "-")
	if r.code != 0 || !strings.Contains(r.stdout, "lin@example.com") {
		t.Errorf("--input -: %+v", r)
	}
	// The older version: Accept-Version and its media type.
	rec.take()
	ok(t, vars, nil, "--api-version", "v20111101", "api", "GET", "/institutions")
	if xs := rec.take(); len(xs) != 1 || xs[0].version != "v20111101" || xs[0].accept != "application/vnd.mx.api.v1+json" {
		t.Errorf("v20111101: %+v", xs)
	}
	// MX's errors and usage errors.
	if r := mx(t, vars, "", "api", "GET", "/users/nobody"); r.code != exitAPI || !strings.Contains(r.stderr, "HTTP 404") {
		t.Errorf("404: %+v", r)
	}
	for name, args := range map[string][]string{
		"method":         {"api", "TRACE", "/users"},
		"absolute URL":   {"api", "GET", "http://example.com/users"},
		"not key=value":  {"api", "POST", "/users", "-f", "user"},
		"brackets":       {"api", "POST", "/users", "-f", "user[email=x"},
		"twice":          {"api", "POST", "/users", "-f", "user[id]=a", "-f", "user[id]=b"},
		"input not JSON": {"api", "POST", "/users", "--input", "-"},
		"limit alone":    {"api", "GET", "/users", "--limit", "2"},
		"paginate POST":  {"api", "POST", "/users", "--paginate"},
	} {
		if r := mx(t, vars, "{", args...); r.code != exitUsage {
			t.Errorf("%s: %+v", name, r)
		}
	}
}

func TestAPIFieldNesting(t *testing.T) {
	fields := []field{}
	for _, kv := range []string{"member[institution_code]=mxbank", "member[credentials][][guid]=CRD-1", "member[credentials][][value]=mxuser", "member[credentials][][guid]=CRD-2", "member[credentials][][value]=password", "data_request[products][]=transactions", "data_request[products][]=statements"} {
		f, err := parseField(kv, false)
		if err != nil {
			t.Fatal(err)
		}
		fields = append(fields, f)
	}
	f, _ := parseField("member[skip_aggregation]=true", true)
	n, _ := parseField("amount=12.50", true)
	doc, err := nest(append(fields, f, n))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(doc)
	want := `{"amount":12.50,"data_request":{"products":["transactions","statements"]},"member":{"credentials":[{"guid":"CRD-1","value":"mxuser"},{"guid":"CRD-2","value":"password"}],"institution_code":"mxbank","skip_aggregation":true}}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestAPIPaginateAndLimitStopFetching(t *testing.T) {
	rec, vars := recordingEnv(t)
	user := connectedUser(t, vars)
	var all []map[string]any
	ok(t, vars, &all, "transactions", "list", "--user", user, "--all")
	if len(all) < 25 {
		t.Fatalf("only %d transactions", len(all))
	}
	rec.take()
	path := "/users/" + user + "/transactions"
	var paged []map[string]any
	ok(t, vars, &paged, "api", "GET", path, "--paginate", "-f", "records_per_page=10")
	if len(paged) != len(all) {
		t.Errorf("--paginate printed %d records, want %d", len(paged), len(all))
	}
	if got, want := requests(rec.take(), "GET", "/transactions"), (len(all)+9)/10; got != want {
		t.Errorf("--paginate sent %d requests, want %d", got, want)
	}
	// --limit stops after the page that holds the last record printed.
	ok(t, vars, &paged, "api", "GET", path, "--paginate", "-f", "records_per_page=10", "--limit", "15")
	if len(paged) != 15 || requests(rec.take(), "GET", "/transactions") != 2 {
		t.Errorf("mx api --limit 15: %d records", len(paged))
	}
	for _, format := range []string{"json", "table"} {
		r := ok(t, vars, nil, "transactions", "list", "--user", user, "--records-per-page", "10", "--limit", "12", "-o", format)
		if n := requests(rec.take(), "GET", "/transactions"); n != 2 {
			t.Errorf("-o %s --limit 12: %d requests, want 2", format, n)
		}
		if format == "json" {
			if err := json.Unmarshal([]byte(r.stdout), &paged); err != nil || len(paged) != 12 {
				t.Errorf("--limit 12 printed %d records (%v)", len(paged), err)
			}
		} else if lines := strings.Count(r.stdout, "\n"); lines != 13 {
			t.Errorf("--limit 12 table has %d lines", lines)
		}
	}
	ok(t, vars, nil, "transactions", "list", "--user", user, "--limit", "1")
	if n := requests(rec.take(), "GET", "/transactions"); n != 1 {
		t.Errorf("--limit 1: %d requests", n)
	}
	// A table of mx api shows the list's records with the resource's columns.
	r := ok(t, vars, nil, "api", "GET", "/users/"+user+"/accounts", "-o", "table")
	if !strings.HasPrefix(r.stdout, "GUID  ") || !strings.Contains(r.stdout, "BALANCE") {
		t.Errorf("mx api -o table:\n%s", r.stdout)
	}
	for _, args := range [][]string{{"--limit", "0"}, {"--prefetch", "9"}, {"--prefetch", "-1"}} {
		r := mx(t, vars, "", append([]string{"transactions", "list", "--user", user, "--all"}, args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, args[0]) {
			t.Errorf("%v: %+v", args, r)
		}
	}
}

// amountsPattern finds the balances of accounts in any format's text.
var twoDecimals = regexp.MustCompile(`^-?\d+\.\d{2,}$`)

func TestEveryOutputFormatParsesAndShowsTheSameAmounts(t *testing.T) {
	_, vars := fakeEnv(t)
	user := connectedUser(t, vars)
	list := []string{"accounts", "list", "--user", user}

	var fromJSON []map[string]json.Number
	r := ok(t, vars, nil, append(list, "-o", "json", "--jq", "[.[] | {balance}]")...)
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.UseNumber()
	if err := dec.Decode(&fromJSON); err != nil || len(fromJSON) < 2 {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	var balances []string
	for _, a := range fromJSON {
		if !twoDecimals.MatchString(a["balance"].String()) {
			t.Errorf("json balance %s has not two decimals", a["balance"])
		}
		balances = append(balances, a["balance"].String())
	}

	r = ok(t, vars, nil, append(list, "-o", "csv")...)
	records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(records) != len(balances)+1 {
		t.Fatalf("csv: %v\n%s", err, r.stdout)
	}
	col := -1
	for i, h := range records[0] {
		if h == "balance" {
			col = i
		}
	}
	for i, rec := range records[1:] {
		if col < 0 || rec[col] != balances[i] {
			t.Errorf("csv balance %v, json %s", rec, balances[i])
		}
	}

	r = ok(t, vars, nil, append(list, "-o", "yaml")...)
	var fromYAML []map[string]any
	if err := yaml.Unmarshal([]byte(r.stdout), &fromYAML); err != nil || len(fromYAML) != len(balances) {
		t.Fatalf("yaml: %v\n%s", err, r.stdout)
	}
	for i, b := range balances {
		if !strings.Contains(r.stdout, "balance: "+b+"\n") || fromYAML[i]["guid"] == nil {
			t.Errorf("yaml does not show balance %s", b)
		}
	}

	r = ok(t, vars, nil, append(list, "-o", "table")...)
	for _, b := range balances {
		if !strings.Contains(r.stdout, " "+b+" ") {
			t.Errorf("table does not show balance %s:\n%s", b, r.stdout)
		}
	}

	// One resource in each format.
	guid := ""
	ok(t, vars, nil, "accounts", "list", "--user", user, "--jq", ".[0].guid")
	r = ok(t, vars, nil, "accounts", "list", "--user", user, "--jq", ".[0].guid")
	guid = strings.TrimSpace(r.stdout)
	for _, format := range outputFormats {
		r := ok(t, vars, nil, "accounts", "read", "--user", user, "--account", guid, "-o", format)
		if !strings.Contains(r.stdout, guid) {
			t.Errorf("-o %s of one account:\n%s", format, r.stdout)
		}
	}
	// The demo prints its balances the same way.
	r = mx(t, map[string]string{"HOME": t.TempDir()}, "", "demo", "--step", "10ms")
	shown := regexp.MustCompile(`(-?[\d.]+) USD`).FindAllStringSubmatch(r.stdout, -1)
	if len(shown) == 0 {
		t.Errorf("the demo shows no balance:\n%s", r.stdout)
	}
	for _, m := range shown {
		if !twoDecimals.MatchString(m[1]) {
			t.Errorf("the demo prints balance %s", m[1])
		}
	}
}

func TestYAMLEscapesWhatActsOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	text := "evil\x1b[2J\u202eend\u0085 \x7f"
	if err := writeYAML(&buf, map[string]any{"name": text, "flag": "true", "n": json.Number("12.50")}); err != nil {
		t.Fatal(err)
	}
	if printable(buf.String()) != strings.ReplaceAll(buf.String(), "\n", `\n`) {
		t.Errorf("raw control characters in %q", buf.String())
	}
	var back map[string]any
	if err := yaml.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back["name"] != text || back["flag"] != "true" || !strings.Contains(buf.String(), "n: 12.50") {
		t.Errorf("read back %q from\n%s", back, buf.String())
	}
}

func TestJQ(t *testing.T) {
	_, vars := fakeEnv(t)
	user := connectedUser(t, vars)
	r := ok(t, vars, nil, "accounts", "list", "--user", user, "--jq", ".[].guid")
	lines := strings.Fields(r.stdout)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "ACT-") {
		t.Errorf("--jq .[].guid:\n%s", r.stdout)
	}
	r = ok(t, vars, nil, "accounts", "list", "--user", user, "--jq", "length")
	if n, err := strconv.Atoi(strings.TrimSpace(r.stdout)); err != nil || n != len(lines) {
		t.Errorf("--jq length: %q", r.stdout)
	}
	r = ok(t, vars, nil, "accounts", "list", "--user", user, "--jq", "map({name, balance})", "-o", "csv")
	if !strings.HasPrefix(r.stdout, "balance,name\n") {
		t.Errorf("--jq with -o csv:\n%s", r.stdout)
	}
	r = mx(t, vars, "", "accounts", "list", "--user", user, "--jq", ".[")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--jq") {
		t.Errorf("a bad expression: %+v", r)
	}
	r = mx(t, vars, "", "accounts", "list", "--user", user, "--jq", `env.MX_API_KEY`)
	if strings.Contains(r.stdout, vars["MX_API_KEY"]) {
		t.Error("--jq reads the environment")
	}
}

// syncBuffer is a buffer that a command writes while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor polls f until it returns true, for at most five seconds.
func waitFor(t *testing.T, what string, f func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if f() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// startListen runs mx webhooks listen in the background and returns its URL, its outputs
// and a function that stops it and returns its exit code.
func startListen(t *testing.T, args ...string) (url string, stdout, stderr *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"webhooks", "listen", "--addr", "127.0.0.1:0"}, args...), &env{
			stdin: strings.NewReader(""), stdout: stdout, stderr: stderr,
			getenv: func(string) string { return "" }, outTerminal: func() bool { return false },
		})
	}()
	found := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	waitFor(t, "listen to start", func() bool { return found.MatchString(stderr.String()) })
	stop = func() int {
		cancel()
		return <-done
	}
	t.Cleanup(func() { cancel() })
	return found.FindString(stderr.String()), stdout, stderr, stop
}

func TestWebhooksListenReceivesWhatTriggerSends(t *testing.T) {
	url, stdout, stderr, stop := startListen(t, "--user", "mx", "--password", "s3cret")
	for i, action := range webhookActions {
		r := mx(t, nil, "", "webhooks", "trigger", url, "--user", "mx", "--password", "s3cret", "--action", action)
		if r.code != 0 || !strings.Contains(r.stderr, "200 OK") {
			t.Fatalf("trigger %s: %+v", action, r)
		}
		waitFor(t, "the event", func() bool { return strings.Count(stdout.String(), "\n") == i+1 })
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	for i, line := range lines {
		e, err := webhook.ParseAccountEvent([]byte(line))
		if err != nil || string(e.Action) != webhookActions[i] {
			t.Errorf("event %d: %v %q", i, err, line)
		}
		if !strings.Contains(line, `"balance":7240.93`) || !strings.Contains(line, `"available_balance":7140.50`) {
			t.Errorf("amounts of event %d: %s", i, line)
		}
	}
	// Wrong credentials: the endpoint refuses, trigger exits 1 and listen says why.
	r := mx(t, nil, "", "webhooks", "trigger", url, "--user", "mx", "--password", "Zq9-not-it")
	if r.code != exitAPI || !strings.Contains(r.stderr, "401") {
		t.Errorf("wrong password: %+v", r)
	}
	waitFor(t, "the refusal", func() bool { return strings.Contains(stderr.String(), "401") })
	if strings.Contains(stdout.String()+stderr.String(), "Zq9-not-it") || strings.Contains(stderr.String(), "s3cret") {
		t.Error("listen printed a password")
	}
	if code := stop(); code != 0 {
		t.Errorf("listen ended with %d", code)
	}
	// Unreachable endpoint: exit 3. Bad flags: exit 2.
	if r := mx(t, nil, "", "webhooks", "trigger", url, "--user", "mx", "--password", "s3cret"); r.code != exitNetwork {
		t.Errorf("no endpoint: %+v", r)
	}
	for _, args := range [][]string{
		{"webhooks", "trigger", url, "--user", "mx", "--password", "p", "--action", "renamed"},
		{"webhooks", "trigger", "ftp://x", "--user", "mx", "--password", "p"},
		{"webhooks", "trigger", url, "--user", "mx"},
		{"webhooks", "listen", "--user", "mx", "--password", "p", "--addr", "nowhere"},
	} {
		if r := mx(t, nil, "", args...); r.code != exitUsage {
			t.Errorf("%v: %+v", args, r)
		}
	}
}

func TestWebhooksListenFormats(t *testing.T) {
	url, stdout, _, stop := startListen(t, "--user", "mx", "--password", "s3cret", "-o", "csv")
	for range 2 {
		if r := mx(t, nil, "", "webhooks", "trigger", url, "--user", "mx", "--password", "s3cret"); r.code != 0 {
			t.Fatalf("%+v", r)
		}
	}
	waitFor(t, "two lines", func() bool { return strings.Count(stdout.String(), "\n") == 3 })
	stop()
	records, err := csv.NewReader(strings.NewReader(stdout.String())).ReadAll()
	if err != nil || len(records) != 3 || records[1][0] != "updated" || records[1][4] != "7240.93" {
		t.Errorf("csv: %v\n%s", err, stdout.String())
	}
}

func TestWaitShowsProgressInPlaceOnATerminal(t *testing.T) {
	_, vars := fakeEnv(t)
	u, m := newMember(t, vars, mxplatformtest.PasswordConnect)
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "10ms"}, &env{
		stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return vars[k] }, terminal: func() bool { return false },
		outTerminal: func() bool { return false }, errTerminal: func() bool { return true },
	})
	if code != 0 || !strings.Contains(errOut.String(), "\r\x1b[K  CONNECTED") || !strings.Contains(errOut.String(), "\nCONNECTED: ") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	// Without a terminal: plain lines.
	r := ok(t, vars, nil, "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "10ms")
	if strings.Contains(r.stderr, "\r") || !strings.Contains(r.stderr, "  CONNECTED") {
		t.Errorf("stderr %q", r.stderr)
	}
	if r := mx(t, vars, "", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "0.5"); r.code != exitUsage || !strings.Contains(r.stderr, "--interval") {
		t.Errorf("seconds without a unit: %+v", r)
	}
}

func TestVersion(t *testing.T) {
	r := ok(t, nil, nil, "version")
	for _, want := range []string{"mx 0.1.0", "v20250224", "v20111101", "go1."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("mx version: %q lacks %q", r.stdout, want)
		}
	}
	if r2 := ok(t, nil, nil, "--version"); r2.stdout != r.stdout {
		t.Errorf("--version %q, version %q", r2.stdout, r.stdout)
	}
	var v versionInfo
	ok(t, nil, &v, "version", "-o", "json")
	if v.SDK == "" || len(v.APIVersions) != 2 || v.Default != "v20250224" {
		t.Errorf("%+v", v)
	}
}

func TestCompletionOfValues(t *testing.T) {
	_, vars := fakeEnv(t)
	r := mx(t, nil, "", "__complete", "users", "list", "-o", "")
	for _, f := range outputFormats {
		if !strings.Contains(r.stdout, f+"\n") {
			t.Errorf("-o completion lacks %s: %q", f, r.stdout)
		}
	}
	r = mx(t, vars, "", "__complete", "institutions", "read", "--institution", "mx")
	if !strings.Contains(r.stdout, "mxbank\tMX Bank") {
		t.Errorf("institution completion: %q", r.stdout)
	}
	r = mx(t, map[string]string{"HOME": t.TempDir()}, "", "__complete", "members", "create", "--institution", "")
	if strings.Contains(r.stdout, "mxbank") {
		t.Errorf("completion without credentials: %q", r.stdout)
	}
	r = mx(t, nil, "", "__complete", "webhooks", "trigger", "http://x", "--action", "")
	if !strings.Contains(r.stdout, "created") {
		t.Errorf("action completion: %q", r.stdout)
	}
}
