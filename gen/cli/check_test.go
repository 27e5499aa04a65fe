package main

import (
	"strings"
	"testing"
)

// TestCheckRefusesFlagsCmdMxWouldRefuse: the generator stops on the flags the binder of cmd/mx
// would panic on when the command is built.
func TestCheckRefusesFlagsCmdMxWouldRefuse(t *testing.T) {
	current, old := versions[0], versions[1]
	str := func(name string) flag { return flag{Name: name, Kind: kindString} }
	for _, tc := range []struct {
		name     string
		variants []variant
		want     string // in the error, "" for none
	}{
		{"fine", []variant{{Version: current, Flags: []flag{str("user"), str("memo")}}, {Version: old, Flags: []flag{str("user")}}}, ""},
		{"twice in a version", []variant{{Version: current, Flags: []flag{str("user"), str("user")}}}, "two flags --user"},
		{"a global flag", []variant{{Version: current, Flags: []flag{str("output")}}}, "--output is a flag of cmd/mx"},
		{"--answer of a job", []variant{{Version: current, Result: "job", Wait: "VerifyAndWait", Flags: []flag{str("answer")}}}, "--answer is a flag of cmd/mx"},
		{"--answer of resume", []variant{{Version: current, Result: "job", Wait: "resume", Flags: []flag{{Name: "answer", Kind: kindPairs}}}}, ""},
		{"two kinds", []variant{{Version: current, Flags: []flag{str("is-hidden")}}, {Version: old, Flags: []flag{{Name: "is-hidden", Kind: kindBool}}}}, "--is-hidden holds a string in one version and a bool"},
	} {
		err := check(&command{ID: "op", Variants: tc.variants})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

func TestLongNamesTheVersions(t *testing.T) {
	current, old := versions[0], versions[1]
	both := &command{ID: "readMember", Variants: []variant{
		{Version: current, Method: "GET", Path: "/users/{user_identifier}", Description: "Reads."},
		{Version: old, Method: "GET", Path: "/users/{user_guid}"},
	}}
	if got, want := long(both), "Reads.\n\nSends GET /users/{user_identifier}; in API version v20111101, GET /users/{user_guid}."; got != want {
		t.Errorf("long %q, want %q", got, want)
	}
	oldOnly := &command{ID: "requestConnectWidgetURL", Variants: []variant{{Version: old, Method: "POST", Path: "/x", Description: "Old."}}}
	if got := long(oldOnly); !strings.HasSuffix(got, "API version v20111101 only: pass --api-version v20111101 or set MX_API_VERSION=v20111101.") {
		t.Errorf("long %q", got)
	}
	currentOnly := &command{ID: "listHoldings", Variants: []variant{{Version: current, Method: "GET", Path: "/y", Description: "New."}}}
	if got := long(currentOnly); !strings.HasSuffix(got, "API version v20250224 only (the default).") {
		t.Errorf("long %q", got)
	}
}

func TestForPeople(t *testing.T) {
	update := &command{ID: "updateAccountByMember", Group: "accounts", Name: "update"}
	c := &command{ID: "listTransactions", Group: "transactions", Name: "list", Variants: []variant{{Flags: []flag{{Name: "from", Key: "from_date"}}}}}
	byID := map[string]*command{c.ID: c, update.ID: update}
	got := forPeople("Use `from_date` and `page`; hide it with updateAccountByMember, not updateAccountByMemberLater.", c, byID)
	want := "Use --from and page; hide it with 'mx accounts update', not updateAccountByMemberLater."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	for usage, want := range map[string]string{
		"When true, only institutions that support account verification": "Only institutions that support account verification",
		"When false, transactions are not gathered":                      "Gather transactions, as MX does unless --flag=false",
		"Whether the account is hidden":                                  "Whether the account is hidden",
	} {
		if got := positive("flag", usage); got != want {
			t.Errorf("positive(%q) = %q, want %q", usage, got, want)
		}
	}
}
