package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// canned is an answer of cannedEnv's server: a status, a media type and a body.
type canned struct {
	status      int
	contentType string
	body        string
}

// cannedEnv serves fixed answers, by "METHOD /path", behind a recorder, and MX's 404 to any
// other request; it returns the recorder and the variables that point mx at it. The commands
// below print answers of shapes the fake may not make on demand (one text, a list holding one
// record alone, a page MX chooses), and send bodies whose exact JSON they check.
func cannedEnv(t *testing.T, answers map[string]canned) (*recorder, map[string]string) {
	t.Helper()
	rec := &recorder{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		a, found := answers[r.Method+" "+r.URL.Path]
		if !found {
			a = canned{http.StatusNotFound, "application/json", `{"error": {"message": "not found"}}`}
		}
		rec.mu.Lock()
		rec.exchanges = append(rec.exchanges, exchange{method: r.Method, path: r.URL.Path, escapedPath: r.URL.EscapedPath(),
			accept: r.Header.Get("Accept"), version: r.Header.Get("Accept-Version"), authorization: r.Header.Get("Authorization"),
			body: body, status: a.status, answer: []byte(a.body), answerType: a.contentType})
		rec.mu.Unlock()
		w.Header().Set("Content-Type", a.contentType)
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	t.Cleanup(ts.Close)
	return rec, map[string]string{"MX_CLIENT_ID": "id", "MX_API_KEY": "key", "MX_BASE_URL": ts.URL, "HOME": t.TempDir()}
}

func ok200(body string) canned { return canned{http.StatusOK, "application/json", body} }

// sentJSON returns the body of the one request recorded, decoded.
func sentJSON(t *testing.T, rec *recorder) any {
	t.Helper()
	xs := rec.take()
	if len(xs) != 1 {
		t.Fatalf("%d requests, want 1", len(xs))
	}
	var v any
	if err := json.Unmarshal(xs[0].body, &v); err != nil {
		t.Fatalf("%s %s: the body is not JSON: %v\n%s", xs[0].method, xs[0].path, err, xs[0].body)
	}
	return v
}

// sameJSON compares a decoded JSON value with the JSON text want.
func sameJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(g, wb) {
		t.Errorf("%s: %s, want %s", what, g, wb)
	}
}

// TestListBodyFromFlagsOrInput: enhance sends one transaction from its flags, or the list of
// --input (a file or stdin), as MX's list under transactions; one or the other.
func TestListBodyFromFlagsOrInput(t *testing.T) {
	rec, vars := cannedEnv(t, map[string]canned{
		"POST /transactions/enhance": ok200(`{"transactions": [{"id": "t-1", "description": "Starbucks", "amount": 4.5, "category": "Coffee Shops"}]}`),
	})
	var out []map[string]any
	r := ok(t, vars, &out, "transactions", "enhance", "--id", "t-1", "--description", "STARBUCKS #1234", "--amount", "4.50", "--type", "DEBIT")
	sameJSON(t, "from the flags", sentJSON(t, rec), `{"transactions": [{"id": "t-1", "description": "STARBUCKS #1234", "amount": 4.50, "type": "DEBIT"}]}`)
	if len(out) != 1 || out[0]["category"] != "Coffee Shops" || !strings.Contains(r.stdout, `"amount": 4.50`) {
		t.Errorf("printed %s", r.stdout)
	}

	list := `[{"id": "a", "description": "NETFLIX.COM"}, {"id": "b", "description": "SHELL OIL 5744", "amount": 38.20, "merchant_category_code": 5541}]`
	file := filepath.Join(t.TempDir(), "transactions.json")
	if err := os.WriteFile(file, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	ok(t, vars, nil, "transactions", "enhance", "--input", file)
	sameJSON(t, "--input FILE", sentJSON(t, rec), `{"transactions": `+list+`}`)
	if r := mx(t, vars, list, "transactions", "enhance", "--input", "-"); r.code != 0 {
		t.Fatalf("--input -: %+v", r)
	}
	sameJSON(t, "--input -", sentJSON(t, rec), `{"transactions": `+list+`}`)

	for _, tc := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"--id", "t-1"}, "--description: required for a transaction from the flags"},
		{"", nil, "no transaction: give one with --description and --id, or a list with --input"},
		{"", []string{"--input", file, "--memo", "x"}, "--input and --memo"},
		{`[{"id": "a", "descripton": "typo"}]`, []string{"--input", "-"}, `unknown field "descripton"`},
		{`{"transactions": []}`, []string{"--input", "-"}, "not a JSON array of transactions"},
		{`[]`, []string{"--input", "-"}, "holds no transaction"},
		{`[{"id": "a", "description": "x"}] [ ]`, []string{"--input", "-"}, "more than one JSON document"},
		{"", []string{"--input", filepath.Join(t.TempDir(), "missing.json")}, "--input:"},
	} {
		r := mx(t, vars, tc.stdin, append([]string{"transactions", "enhance"}, tc.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("enhance %v: exit %d, stderr %q, want %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent by refused commands", len(xs))
	}
}

// TestGoalRanks: reposition sends goals and their ranks from repeated --goal GUID=POSITION.
func TestGoalRanks(t *testing.T) {
	rec, vars := cannedEnv(t, map[string]canned{
		"PUT /users/USR-1/goals/reposition": ok200(`{"goals": [{"guid": "GOL-2", "position": 1}, {"guid": "GOL-1", "position": 2}]}`),
	})
	var goals []map[string]any
	ok(t, vars, &goals, "goals", "reposition", "--user", "USR-1", "--goal", "GOL-2=1", "--goal", "GOL-1=2")
	sameJSON(t, "reposition", sentJSON(t, rec), `{"goals": [{"guid": "GOL-2", "position": 1}, {"guid": "GOL-1", "position": 2}]}`)
	if len(goals) != 2 || goals[0]["guid"] != "GOL-2" {
		t.Errorf("printed %+v", goals)
	}
	for _, bad := range []string{"GOL-1", "GOL-1=first", "GOL-1=0", "=1"} {
		if r := mx(t, vars, "", "goals", "reposition", "--user", "USR-1", "--goal", bad); r.code != exitUsage || !strings.Contains(r.stderr, "--goal: ") {
			t.Errorf("--goal %s: %+v", bad, r)
		}
	}
	if r := mx(t, vars, "", "goals", "reposition", "--user", "USR-1"); r.code != exitUsage || !strings.Contains(r.stderr, "goal") {
		t.Errorf("no --goal: %+v", r)
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent by refused commands", len(xs))
	}
}

// TestFlatBodyNumberEnumAndNumberPath: an item of a spending plan is sent flat, its kind is a
// word (or a number) sent as MX's number, and the iteration of the path is a number.
func TestFlatBodyNumberEnumAndNumberPath(t *testing.T) {
	item := `{"guid": "SII-1", "item_type": 1, "planned_amount": 250}`
	rec, vars := cannedEnv(t, map[string]canned{
		"POST /users/USR-1/spending_plans/SPL-1/iterations/current/iteration_items": ok200(item),
		"GET /users/USR-1/spending_plans/SPL-1/iterations/3":                        ok200(`{"iteration": {"guid": "SPI-3", "iteration_number": 3}}`),
	})
	var got map[string]any
	ok(t, vars, &got, "spending-plans", "create-item", "--user", "USR-1", "--plan", "SPL-1", "--planned-amount", "250.00", "--item-type", "planned-expense", "--category", "CAT-1")
	sameJSON(t, "create-item", sentJSON(t, rec), `{"planned_amount": 250.00, "item_type": 1, "category_guid": "CAT-1"}`)
	if got["guid"] != "SII-1" {
		t.Errorf("printed %+v", got)
	}
	ok(t, vars, nil, "spending-plans", "create-item", "--user", "USR-1", "--plan", "SPL-1", "--planned-amount", "9", "--item-type", "3")
	sameJSON(t, "--item-type 3", sentJSON(t, rec), `{"planned_amount": 9, "item_type": 3}`)
	if r := mx(t, vars, "", "spending-plans", "create-item", "--user", "USR-1", "--plan", "SPL-1", "--planned-amount", "9", "--item-type", "rent"); r.code != exitUsage || !strings.Contains(r.stderr, `"rent" is not one of recurring-expense, planned-expense, other-expense, income`) {
		t.Errorf("--item-type rent: %+v", r)
	}

	r := ok(t, vars, &got, "spending-plans", "read-iteration", "--user", "USR-1", "--plan", "SPL-1", "--iteration", "3")
	if got["guid"] != "SPI-3" {
		t.Errorf("read-iteration printed %s", r.stdout)
	}
	if xs := rec.take(); len(xs) != 1 || xs[0].path != "/users/USR-1/spending_plans/SPL-1/iterations/3" {
		t.Errorf("read-iteration sent %+v", xs)
	}
	for _, bad := range []string{"-1", "three"} {
		if r := mx(t, vars, "", "spending-plans", "read-iteration", "--user", "USR-1", "--plan", "SPL-1", "--iteration", bad); r.code != exitUsage {
			t.Errorf("--iteration %s: %+v", bad, r)
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent by refused commands", len(xs))
	}
}

// TestAuthorizationCodeScope: --user, --member and --account write the scope of an
// authorization code as MX's guides write it; they go together and not with --scope.
func TestAuthorizationCodeScope(t *testing.T) {
	rec, vars := cannedEnv(t, map[string]canned{"POST /authorization_code": ok200(`{"authorization_code": {"code": "abc"}}`)})
	ok(t, vars, nil, "processor-tokens", "authorize", "--user", "USR-1", "--member", "MBR-1", "--account", "ACT-1")
	sameJSON(t, "scope", sentJSON(t, rec), `{"authorization_code": {"scope": "user-guid:USR-1 member-guid:MBR-1 account-guid:ACT-1 read-protected"}}`)
	ok(t, vars, nil, "processor-tokens", "authorize", "--scope", "user-guid:USR-2 read-protected")
	sameJSON(t, "--scope", sentJSON(t, rec), `{"authorization_code": {"scope": "user-guid:USR-2 read-protected"}}`)
	for _, args := range [][]string{
		{"--user", "USR-1", "--member", "MBR-1"},
		{"--scope", "x", "--user", "USR-1", "--member", "MBR-1", "--account", "ACT-1"},
		{"--user", "USR-1 account-guid:ACT-9", "--member", "MBR-1", "--account", "ACT-1"},
	} {
		if r := mx(t, vars, "", append([]string{"processor-tokens", "authorize"}, args...)...); r.code != exitUsage {
			t.Errorf("authorize %v: %+v", args, r)
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent by refused commands", len(xs))
	}
}

// TestTextAnswers: a verifiable credential prints as the text itself, made printable, unless
// -o or --jq asks for a format.
func TestTextAnswers(t *testing.T) {
	const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJVU1ItMSJ9.c2lnbmF0dXJl"
	vc := canned{http.StatusOK, "application/vnd.mx.api.v2beta+json", `{"verifiableCredential": "` + jwt + `"}`}
	hostileVC := canned{http.StatusOK, "application/vnd.mx.api.v2beta+json", `{"verifiableCredential": "abc\u001b[2Jdef"}`}
	rec, vars := cannedEnv(t, map[string]canned{
		"GET /vc/users/USR-1/members/MBR-1/accounts":      vc,
		"GET /vc/users/USR-1/members/MBR-1/customers":     hostileVC,
		"GET /vc/users/USR-1/accounts/ACT-1/transactions": vc,
	})
	if r := ok(t, vars, nil, "verifiable-credentials", "accounts", "--user", "USR-1", "--member", "MBR-1"); r.stdout != jwt+"\n" {
		t.Errorf("text: %q", r.stdout)
	}
	xs := rec.take()
	if len(xs) != 1 || xs[0].accept != "application/vnd.mx.api.v2beta+json" {
		t.Errorf("sent %+v", xs)
	}
	var s string
	ok(t, vars, &s, "vc", "accounts", "--user", "USR-1", "--member", "MBR-1", "-o", "json")
	if s != jwt {
		t.Errorf("-o json: %q", s)
	}
	if r := ok(t, vars, nil, "vc", "accounts", "--user", "USR-1", "--member", "MBR-1", "--jq", `split(".") | length`); r.stdout != "3\n" {
		t.Errorf("--jq: %q", r.stdout)
	}
	r := ok(t, vars, nil, "vc", "identity", "--user", "USR-1", "--member", "MBR-1")
	requireNoRawControl(t, "a hostile text", r)
	if r.stdout != `abc\x1b[2Jdef`+"\n" {
		t.Errorf("hostile text: %q", r.stdout)
	}
	ok(t, vars, nil, "vc", "transactions", "--user", "USR-1", "--account", "ACT-1", "--start-time", "2026-01-01", "--end-time", "2026-02-01")
	if xs := rec.take(); len(xs) != 4 || !strings.HasSuffix(xs[3].path, "/transactions") {
		t.Errorf("sent %+v", xs)
	}
}

// TestListsWithoutPages: a list answered whole, a list that answers one record alone, and the
// one page of a list without page parameters all print as arrays; the last says when MX holds
// more.
func TestListsWithoutPages(t *testing.T) {
	_, vars := cannedEnv(t, map[string]canned{
		"GET /users/USR-1/budgets":               ok200(`{"budgets": [{"guid": "BGT-1", "amount": 400}, {"guid": "BGT-2", "amount": 12.5}]}`),
		"GET /users/USR-1/account_verifications": ok200(`{"micro_deposit": {"guid": "MIC-1", "status": "VERIFIED"}}`),
		"GET /users/USR-1/members/MBR-1/rewards": ok200(`{"rewards": [{"guid": "RWD-1", "balance": 1200}], "pagination": {"current_page": 1, "per_page": 1, "total_entries": 2, "total_pages": 2}}`),
	})
	r := ok(t, vars, nil, "budgets", "list", "--user", "USR-1", "-o", "csv")
	if !strings.Contains(r.stdout, "BGT-2") || !strings.Contains(r.stdout, "12.50") {
		t.Errorf("budgets: %s", r.stdout)
	}
	var verifications []map[string]any
	ok(t, vars, &verifications, "microdeposits", "verifications", "--user", "USR-1")
	if len(verifications) != 1 || verifications[0]["guid"] != "MIC-1" {
		t.Errorf("verifications: %+v", verifications)
	}
	var rewards []map[string]any
	r = ok(t, vars, &rewards, "rewards", "list", "--user", "USR-1", "--member", "MBR-1")
	if len(rewards) != 1 || !strings.Contains(r.stderr, "page 1 of 2 (2 records)") || strings.Contains(r.stderr, "--page") {
		t.Errorf("rewards: %+v, stderr %q", rewards, r.stderr)
	}
	for _, flag := range []string{"--all", "--page", "--limit"} {
		if r := mx(t, vars, "", "rewards", "list", "--user", "USR-1", "--member", "MBR-1", flag, "1"); r.code != exitUsage {
			t.Errorf("rewards list %s: %+v", flag, r)
		}
	}
}

// TestTokensPrintRedacted: the processor tokens a partner lists print as <redacted>, in every
// format and to --jq, unless --show-tokens asks for them.
func TestTokensPrintRedacted(t *testing.T) {
	const token = "ptok-listed-6a0e93d1c8b2"
	_, vars := cannedEnv(t, map[string]canned{
		"GET /tokens": ok200(`{"tokens": [{"access_token": "` + token + `", "active": true, "payment_processor_guid": "PPR-1"}]}`),
	})
	base := []string{"processor-tokens", "list", "--user", "USR-1", "--member", "MBR-1", "--account", "ACT-1"}
	for _, extra := range [][]string{nil, {"-o", "table"}, {"-o", "csv"}, {"-o", "yaml"}, {"--jq", ".[0].access_token"}, {"--jq", "tostream"}} {
		r := ok(t, vars, nil, append(base, extra...)...)
		if strings.Contains(r.stdout+r.stderr, token) || !strings.Contains(r.stdout, redacted) {
			t.Errorf("%v: %q", extra, r.stdout)
		}
	}
	var tokens []map[string]any
	ok(t, vars, &tokens, append(base, "--show-tokens")...)
	if len(tokens) != 1 || tokens[0]["access_token"] != token {
		t.Errorf("--show-tokens: %+v", tokens)
	}
}
