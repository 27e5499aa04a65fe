package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
)

// versionsSent returns the distinct Accept-Version headers of the exchanges.
func versionsSent(xs []exchange) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range xs {
		if !seen[x.version] {
			seen[x.version] = true
			out = append(out, x.version)
		}
	}
	return out
}

func TestAPIVersionSelection(t *testing.T) {
	rec, vars := recordingEnv(t)
	with := func(env map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range vars {
			out[k] = v
		}
		for k, v := range env {
			out[k] = v
		}
		return out
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want apiVersion
	}{
		{"default", nil, nil, apiV20250224},
		{"flag", nil, []string{"--api-version", "v20111101"}, apiV20111101},
		{"environment", map[string]string{"MX_API_VERSION": "v20111101"}, nil, apiV20111101},
		{"the flag wins over the environment", map[string]string{"MX_API_VERSION": "v20111101"}, []string{"--api-version", "v20250224"}, apiV20250224},
		{"the flag wins over a bad environment", map[string]string{"MX_API_VERSION": "v1"}, []string{"--api-version", "v20111101"}, apiV20111101},
	} {
		r := ok(t, with(tc.env), nil, append(tc.args, "institutions", "read", "--institution", "mxbank")...)
		xs := rec.take()
		if got := versionsSent(xs); len(got) != 1 || got[0] != string(tc.want) {
			t.Errorf("%s: sent Accept-Version %q, want %s", tc.name, got, tc.want)
		}
		// Each version answers in its own shape: v20111101's institution has supports_*
		// fields, v20250224's supported_products.
		var fields map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &fields); err != nil {
			t.Fatal(err)
		}
		_, old := fields["supports_account_verification"]
		if old != (tc.want == apiV20111101) {
			t.Errorf("%s: the institution printed is not of %s: %s", tc.name, tc.want, r.stdout)
		}
		if tc.want == apiV20111101 && (len(xs) != 1 || !strings.Contains(xs[0].accept, "application/vnd.mx.api.v1+json")) {
			t.Errorf("%s: Accept %q", tc.name, xs[0].accept)
		}
	}
}

func TestUnknownAPIVersionIsAUsageError(t *testing.T) {
	rec, vars := recordingEnv(t)
	for _, tc := range []struct {
		env  map[string]string
		args []string
		name string // the source the error names
	}{
		{nil, []string{"--api-version", "v2"}, "--api-version"},
		{nil, []string{"--api-version", "V20250224"}, "--api-version"},
		{map[string]string{"MX_API_VERSION": "2025-02-24"}, nil, "MX_API_VERSION"},
		{map[string]string{"MX_API_VERSION": "rc20260430"}, nil, "MX_API_VERSION"},
	} {
		env := map[string]string{}
		for k, v := range vars {
			env[k] = v
		}
		for k, v := range tc.env {
			env[k] = v
		}
		r := mx(t, env, "", append(tc.args, "institutions", "list")...)
		if r.code != exitUsage || !strings.HasPrefix(r.stderr, "mx: "+tc.name+": unknown API version") || !strings.Contains(r.stderr, "v20250224, v20111101") {
			t.Errorf("%v %v: exit %d, stderr %q", tc.env, tc.args, r.code, r.stderr)
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent", len(xs))
	}
}

func TestCommandsOfOneVersionAreUsageErrorsUnderTheOther(t *testing.T) {
	rec, vars := recordingEnv(t)
	for _, tc := range []struct {
		args []string
		want []string // in the error
	}{
		// Flags left out: the version is refused before the flags are checked.
		{[]string{"widgets", "connect-url"}, []string{"API version v20250224 has no operation requestConnectWidgetURL", "v20111101", "'mx widgets url'"}},
		{[]string{"widgets", "connect-url", "--user", "USR-1"}, []string{"requestConnectWidgetURL", "v20111101"}},
		{[]string{"--api-version", "v20111101", "statements", "download"}, []string{"API version v20111101 has no operation downloadStatementPDF", "v20250224"}},
		{[]string{"--api-version", "v20111101", "members", "verify", "--user", "USR-1", "--member", "MBR-1"}, []string{"verifyMember"}},
		{[]string{"--api-version", "v20111101", "users", "list"}, []string{"listUsers"}},
		{[]string{"--api-version", "v20111101", "holdings", "list", "--user", "USR-1"}, []string{"listHoldings"}},
	} {
		r := mx(t, vars, "", tc.args...)
		if r.code != exitUsage {
			t.Errorf("mx %s: exit %d, stderr %q", strings.Join(tc.args, " "), r.code, r.stderr)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("mx %s: %q does not say %q", strings.Join(tc.args, " "), r.stderr, w)
			}
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent", len(xs))
	}
	// Every command of one version only is refused under the other.
	for _, v := range apiVersions {
		other := apiV20111101
		if v == other {
			other = apiV20250224
		}
		served := operationsOf(t, other)
		for cmd, op := range operationsOf(t, v) {
			if _, both := served[cmd]; both {
				continue
			}
			r := mx(t, vars, "", append([]string{"--api-version", string(other)}, strings.Fields(cmd)...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, op) {
				t.Errorf("mx %s under %s: exit %d, stderr %q", cmd, other, r.code, r.stderr)
			}
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent", len(xs))
	}
}

func TestFlagsOfOneVersion(t *testing.T) {
	rec, vars := recordingEnv(t)
	var user mxplatform.User
	ok(t, vars, &user, "users", "create")
	rec.take()
	u := string(user.GUID)
	for _, tc := range []struct {
		args []string
		want string
	}{
		// --memo is v20111101's; v20250224 changes the description only.
		{[]string{"transactions", "update", "--user", u, "--transaction", "TRN-1", "--description", "x", "--memo", "lunch"}, "mx: --memo: not a flag of mx transactions update in API version v20250224, only in v20111101"},
		{[]string{"members", "create", "--user", u, "--institution", "mxbank", "--skip-aggregation"}, "mx: --skip-aggregation: not a flag of mx members create in API version v20250224"},
		{[]string{"--api-version", "v20111101", "members", "create", "--user", u, "--institution", "mxbank", "--product", "statements"}, "mx: --product: not a flag of mx members create in API version v20111101, only in v20250224"},
		{[]string{"--api-version", "v20111101", "institutions", "list", "--supported-products", "statements"}, "--supported-products: not a flag"},
		{[]string{"institutions", "list", "--supports-account-verification"}, "--supports-account-verification: not a flag"},
		// Required in one version only.
		{[]string{"transactions", "update", "--user", u, "--transaction", "TRN-1"}, "mx: --description: required in API version v20250224"},
		// A value of one version's enum only.
		{[]string{"--api-version", "v20111101", "widgets", "url", "--user", u, "--color-scheme", "browser"}, `mx: --color-scheme: "browser" is not one of light, dark`},
		{[]string{"widgets", "url", "--user", u, "--widget-type", "pulse_widget"}, `mx: --widget-type: "pulse_widget" is not one of`},
	} {
		r := mx(t, vars, "", tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("mx %s: exit %d, stderr %q, want %q", strings.Join(tc.args, " "), r.code, r.stderr, tc.want)
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent", len(xs))
	}

	// The help says which version has a flag, and where it is required.
	r := ok(t, vars, nil, "transactions", "update", "--help")
	for _, want := range []string{"--memo string", "(v20111101 only)", "(required in v20250224)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("transactions update --help does not say %q:\n%s", want, r.stdout)
		}
	}
	r = ok(t, vars, nil, "widgets", "url", "--help")
	if !strings.Contains(r.stdout, "(light, browser, dark) (v20111101: light, dark)") {
		t.Errorf("widgets url --help does not list the colour schemes of each version:\n%s", r.stdout)
	}
	r = ok(t, vars, nil, "members", "read", "--help")
	if !strings.Contains(r.stdout, "partner-defined id") || !strings.Contains(r.stdout, "sent as given (v20111101: the GUID only)") {
		t.Errorf("members read --help does not say --user may be the partner's id:\n%s", r.stdout)
	}
}

// TestIdentifiersArePassedThrough: where v20250224's path takes the partner's id or MX's GUID,
// the value goes into the path as given.
func TestIdentifiersArePassedThrough(t *testing.T) {
	rec, vars := recordingEnv(t)
	ok(t, vars, nil, "users", "create", "--id", "partner-user-7")
	rec.take()
	ok(t, vars, nil, "users", "read", "--user", "partner-user-7")
	r := mx(t, vars, "", "members", "read", "--user", "partner-user-7", "--member", "partner-member-9")
	if r.code != exitAPI || !strings.Contains(r.stderr, "HTTP 404") {
		t.Errorf("an unknown member: %+v", r)
	}
	xs := rec.take()
	if len(xs) != 2 || xs[0].path != "/users/partner-user-7" || xs[1].path != "/users/partner-user-7/members/partner-member-9" {
		t.Errorf("paths: %+v", xs)
	}
}
