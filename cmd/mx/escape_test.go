package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
)

// hostile is a transaction description that would clear the screen, forge a table row, set the
// window title, start a C1 control sequence and reverse the text after it, if printed raw.
const hostile = "Coffee\x1b[2J\r\nFORGED\tROW\x1b]0;pwned\x07\u009b31m\u202eevil\x7f"

// hostileShown is how the CLI shows hostile to people.
const hostileShown = `Coffee\x1b[2J\r\nFORGED\tROW\x1b]0;pwned\x07\u009b31m\u202eevil\x7f`

// rawControl returns the first character of s that a terminal acts on or that reorders text:
// a C0 control other than the newline ending each line, DEL, a C1 control, a bidi control, a
// line or paragraph separator, or a byte that is not UTF-8.
func rawControl(s string) (string, bool) {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Sprintf("byte %#x at %d", s[i], i), true
			}
		}
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || r == 0x2028 || r == 0x2029 {
			return fmt.Sprintf("%U at %d", r, i), true
		}
	}
	return "", false
}

func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func requireNoRawControl(t *testing.T, what string, r result) {
	t.Helper()
	for name, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if c, found := rawControl(s); found {
			t.Errorf("%s: %s holds a raw control character (%s):\n%q", what, name, c, s)
		}
	}
}

// hostileAccount seeds a user with an account holding a transaction described by hostile and
// a plain one, and returns the user, the account and the hostile transaction.
func hostileAccount(t *testing.T, srv *mxplatformtest.Server) (user, account, tx string) {
	t.Helper()
	u, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := srv.Fake.AddMember(u.GUID, mxplatformtest.MemberSeed{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := srv.Fake.AddAccount(u.GUID, m.GUID, mxplatform.Account{Name: "Hostile\tname\r\n"})
	if err != nil {
		t.Fatal(err)
	}
	amount := mxplatform.MustDecimal("4.25")
	bad, err := srv.Fake.AddTransaction(u.GUID, a.GUID, mxplatform.Transaction{Description: hostile, Amount: mxplatform.OptionalOf(amount)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Fake.AddTransaction(u.GUID, a.GUID, mxplatform.Transaction{Description: "Groceries", Amount: mxplatform.OptionalOf(amount)}); err != nil {
		t.Fatal(err)
	}
	return string(u.GUID), string(a.GUID), string(bad.GUID)
}

// tableCells splits a table line into cells at the columns of its header, whose names hold no
// spaces.
func tableCells(t *testing.T, header, line string) map[string]string {
	t.Helper()
	names := strings.Fields(header)
	starts := make([]int, len(names))
	from := 0
	for i, n := range names {
		starts[i] = from + strings.Index(header[from:], n)
		from = starts[i] + len(n)
	}
	cells := map[string]string{}
	for i, n := range names {
		end := len(line)
		if i+1 < len(names) {
			end = starts[i+1]
		}
		if starts[i] > len(line) || end > len(line) {
			t.Fatalf("line %q is shorter than header %q", line, header)
		}
		if i+1 < len(names) && end > 0 && line[end-1] != ' ' {
			t.Errorf("column %s of %q runs into the next one", n, line)
		}
		cells[n] = strings.TrimSpace(line[starts[i]:end])
	}
	return cells
}

func TestTableEscapesControlCharacters(t *testing.T) {
	srv, vars := fakeEnv(t)
	u, a, tx := hostileAccount(t, srv)

	r := ok(t, vars, nil, "transactions", "list-by-account", "--user", u, "--account", a, "-o", "table")
	requireNoRawControl(t, "list table", r)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a header and 2 rows, got %d lines:\n%s", len(lines), r.stdout)
	}
	var row map[string]string
	for _, line := range lines[1:] {
		if strings.HasPrefix(line, tx) {
			row = tableCells(t, lines[0], line)
		}
	}
	if row == nil {
		t.Fatalf("no row for %s:\n%s", tx, r.stdout)
	}
	var seeded mxplatform.Transaction
	ok(t, vars, &seeded, "transactions", "read", "--user", u, "--transaction", tx)
	want := map[string]string{"GUID": tx, "DATE": string(seeded.Date), "DESCRIPTION": hostileShown, "AMOUNT": "4.25", "ACCOUNT_GUID": a}
	for col, v := range want {
		if row[col] != v {
			t.Errorf("column %s: %q, want %q", col, row[col], v)
		}
	}
	if n := len(strings.Fields(lines[0])); n != len(row) || n < len(want) {
		t.Errorf("%d columns in the header, %d cells", n, len(row))
	}

	// One resource: one line per field.
	r = ok(t, vars, nil, "transactions", "read", "--user", u, "--transaction", tx, "-o", "table")
	requireNoRawControl(t, "read table", r)
	var fields map[string]any
	ok(t, vars, &fields, "transactions", "read", "--user", u, "--transaction", tx)
	lines = strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(fields)+1 {
		t.Errorf("%d lines for %d fields:\n%s", len(lines), len(fields), r.stdout)
	}
	if !strings.Contains(r.stdout, "description  "+hostileShown+"\n") && !strings.Contains(r.stdout, " "+hostileShown+"\n") {
		t.Errorf("the description is not shown escaped:\n%s", r.stdout)
	}

	r = ok(t, vars, nil, "accounts", "list", "--user", u, "-o", "table")
	requireNoRawControl(t, "accounts table", r)
	if !strings.Contains(r.stdout, `Hostile\tname\r\n`) {
		t.Errorf("the account name is not shown escaped:\n%s", r.stdout)
	}
	// A page note on stderr.
	r = ok(t, vars, nil, "transactions", "list", "--user", u, "--records-per-page", "10", "-o", "table")
	requireNoRawControl(t, "transactions table", r)
	if !strings.Contains(r.stderr, "page 1 of") {
		t.Errorf("no page note: %q", r.stderr)
	}
}

func TestJSONOutputKeepsControlCharactersExactly(t *testing.T) {
	srv, vars := fakeEnv(t)
	u, a, tx := hostileAccount(t, srv)
	for _, args := range [][]string{
		{"transactions", "read", "--user", u, "--transaction", tx},
		{"transactions", "list-by-account", "--user", u, "--account", a},
		{"transactions", "list-by-account", "--user", u, "--account", a, "--all"},
	} {
		r := ok(t, vars, nil, args...)
		requireNoRawControl(t, strings.Join(args[:2], " "), r)
		var got []mxplatform.Transaction
		if args[1] == "read" {
			got = make([]mxplatform.Transaction, 1)
			if err := json.Unmarshal([]byte(r.stdout), &got[0]); err != nil {
				t.Fatalf("%s: %v", args[1], err)
			}
		} else if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("%s: %v", args[1], err)
		}
		found := false
		for _, g := range got {
			if string(g.GUID) == tx {
				found = true
				if g.Description != hostile {
					t.Errorf("%v: description %q, want %q", args, g.Description, hostile)
				}
			}
		}
		if !found {
			t.Errorf("%v: no transaction %s", args, tx)
		}
	}
}

// mxError serves MX's error JSON with message on every request.
func mxError(t *testing.T, status int, message string) map[string]string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"error": map[string]string{"message": message}})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.mx.api.v1+json")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(ts.Close)
	return map[string]string{"MX_CLIENT_ID": "id", "MX_API_KEY": "key", "MX_BASE_URL": ts.URL, "HOME": t.TempDir()}
}

func TestErrorMessagesAreEscaped(t *testing.T) {
	vars := mxError(t, http.StatusBadRequest, "Bad request\x1b[2J\r\nmx: forged\u0085line\t\u202e")
	r := mx(t, vars, "", "institutions", "read", "--institution", "mxbank")
	if r.code != exitAPI {
		t.Fatalf("%+v", r)
	}
	requireNoRawControl(t, "MX error", r)
	want := `mx: readInstitution: HTTP 400: Bad request\x1b[2J\r\nmx: forged\u0085line\t\u202e` + "\n"
	if r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}

	// Errors that quote the command line.
	r = mx(t, vars, "", "institutions", "read\x1b[2J")
	if r.code != exitUsage {
		t.Fatalf("%+v", r)
	}
	requireNoRawControl(t, "unknown command", r)
	r = mx(t, vars, "", "-o", "t\x1b[2Jable\x9b", "institutions", "list")
	requireNoRawControl(t, "bad output format", r)
	// The request log of -v quotes what it logs.
	r = mx(t, vars, "", "-v", "institutions", "read", "--institution", "x\x1b[2J\u202e\u009b")
	if r.code != exitAPI || !strings.Contains(r.stderr, "mx request") {
		t.Fatalf("%+v", r)
	}
	requireNoRawControl(t, "verbose", r)
}

// runTerminal runs mx as mx does, with stdin a terminal.
func runTerminal(t *testing.T, vars map[string]string, stdin string, args ...string) result {
	t.Helper()
	return runMX(vars, stdin, true, args...)
}

func TestMFAPromptsAreEscaped(t *testing.T) {
	var buf bytes.Buffer
	promptChallenge(&buf, mxplatform.Challenge{
		GUID:    "CRD-1",
		Label:   "Which\x1b[2J street?\r\nmx: forged",
		Options: []mxplatform.ChallengeOption{{Label: "Maple\tAvenue\u202e", Value: "a"}, {Value: "b\x1b]0;t\x07"}},
	})
	want := `Which\x1b[2J street?\r\nmx: forged` + "\n" + `  1) Maple\tAvenue\u202e` + "\n" + `  2) b\x1b]0;t\x07` + "\n> "
	if buf.String() != want {
		t.Errorf("prompt %q, want %q", buf.String(), want)
	}

	// A wrong choice on the terminal is explained, escaped, and asked again.
	_, vars := fakeEnv(t)
	u, m := newMember(t, vars, mxplatformtest.PasswordOptions)
	r := runTerminal(t, vars, "Elm\x1b[2J\u202eStreet\n2\n", "members", "aggregate", "--user", u, "--member", m, "--wait", "--interval", "10ms")
	if r.code != 0 || strings.Count(r.stderr, "Which of these streets") != 2 {
		t.Errorf("%+v", r)
	}
	requireNoRawControl(t, "MFA on a terminal", r)
}

func TestDemoOutputHasNoRawControlCharacters(t *testing.T) {
	r := mx(t, map[string]string{"HOME": t.TempDir()}, "", "demo", "--step", "10ms")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	requireNoRawControl(t, "demo", r)
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"":                               "",
		"Café à Zürich, 日本 \\d":          "Café à Zürich, 日本 \\d",
		"a\tb\nc\rd":                     `a\tb\nc\rd`,
		"\x00\x07\x1b[31m\x7f":           `\x00\x07\x1b[31m\x7f`,
		"\u0080\u0085\u009b\u009f\u00a0": `\u0080\u0085\u009b\u009f` + "\u00a0",
		"\u202eabc\u202c\u2066\u2069":    `\u202eabc\u202c\u2066\u2069`,
		"\u200e\u200f\u061c":             `\u200e\u200f\u061c`,
		"line\u2028para\u2029":           `line\u2028para\u2029`,
		"bad \x9b byte \xff":             `bad \x9b byte \xff`,
	} {
		got := printable(in)
		if got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
		if c, found := rawControl(got); found {
			t.Errorf("printable(%q) holds %s", in, c)
		}
	}
}

// FuzzEscapes checks that printable leaves no raw control character and that jsonText keeps
// JSON valid and its strings exact.
func FuzzEscapes(f *testing.F) {
	f.Add(hostile)
	f.Add("plain text")
	f.Add("\xff\x9b\u2028\u00a0\\u009b")
	f.Fuzz(func(t *testing.T, s string) {
		if c, found := rawControl(printable(s)); found {
			t.Errorf("printable(%q) holds %s", s, c)
		}
		b, err := json.MarshalIndent(map[string]string{"s": s, s: "key"}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		escaped := jsonText(b)
		if c, found := rawControl(strings.ReplaceAll(string(escaped), "\n", "")); found {
			t.Errorf("jsonText of %q holds %s", s, c)
		}
		var want, got map[string]string
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(escaped, &got); err != nil {
			t.Fatalf("jsonText of %q is not JSON: %v", s, err)
		}
		if len(got) != len(want) || got["s"] != want["s"] || got[want["s"]] != want[want["s"]] {
			t.Errorf("jsonText changed %q: %q, want %q", s, got, want)
		}
	})
}
