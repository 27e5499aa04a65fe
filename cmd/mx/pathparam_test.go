package main

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// requiredValues are valid values of the required flags that are not path segments.
var requiredValues = map[string]string{
	"name": "x", "parent": "CAT-1", "account-type": "CASH", "amount": "1.00", "date": "2026-01-01",
	"description": "x", "type": "DEBIT", "iteration": "1", "goal-type": "SAVE_AMOUNT", "meta-type": "VACATION",
	"content": "x", "subject": "x", "match-description": "x", "planned-amount": "1.00", "deposit-amount-1": "0.01",
	"deposit-amount-2": "0.02", "id": "x", "return-code": "R01",
	// Fields of bodies named like path parameters of other commands.
	"account": "ACT-1", "category": "CAT-1", "institution": "mxbank", "tag": "TAG-1", "transaction": "TRN-1",
	"goal": "GOL-1=1",
}

// requiredFlags returns the required flags of a command whose values are path segments.
func requiredFlags(cmd *cobra.Command) []string {
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if slices.Equal(f.Annotations[annotationPath], []string{"segment"}) && f.Annotations[cobra.BashCompOneRequiredFlag] != nil {
			names = append(names, f.Name)
		}
	})
	return names
}

func TestPathFlagsThatWouldChangeTheEndpointAreRefused(t *testing.T) {
	rec, vars := recordingEnv(t)
	var user mxplatform.User
	ok(t, vars, &user, "users", "create")
	rec.take()
	u := string(user.GUID)
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"users", "delete", "--user", ".."}, "--user"},
		{[]string{"users", "delete", "--user", "."}, "--user"},
		{[]string{"users", "delete", "--user", ""}, "--user"},
		{[]string{"users", "update", "--user", "..", "--email", "x@example.com"}, "--user"},
		{[]string{"members", "read", "--user", u, "--member", ".."}, "--member"},
		{[]string{"members", "delete", "--user", u, "--member", "."}, "--member"},
		{[]string{"institutions", "read", "--institution", ".."}, "--institution"},
		{[]string{"institutions", "credentials", "--institution", ""}, "--institution"},
		{[]string{"accounts", "read", "--user", u, "--account", ".."}, "--account"},
		{[]string{"accounts", "delete-manual", "--user", u, "--account", ".."}, "--account"},
		{[]string{"transactions", "read", "--user", u, "--transaction", "."}, "--transaction"},
		{[]string{"transactions", "update", "--user", "..", "--transaction", "TRN-1", "--description", "x"}, "--user"},
		{[]string{"statements", "download", "--user", u, "--member", "MBR-1", "--statement", ".."}, "--statement"},
		{[]string{"categories", "delete", "--user", u, "--category", "."}, "--category"},
		{[]string{"merchants", "read-location", "--location", ".."}, "--location"},
		{[]string{"--api-version", "v20111101", "users", "delete", "--user", ".."}, "--user"},
	} {
		r := mx(t, vars, "", tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "mx: "+tc.flag+": ") {
			t.Errorf("mx %q: exit %d, stderr %q; want a usage error naming %s", tc.args, r.code, r.stderr, tc.flag)
		}
		if xs := rec.take(); len(xs) != 0 {
			t.Fatalf("mx %q sent %d requests", tc.args, len(xs))
		}
	}

	// Every command of every version, with ".." in every required flag named after a path
	// parameter: refused before any request.
	root := newRootCmd(&app{})
	for _, v := range apiVersions {
		for _, g := range root.Commands() {
			for _, c := range g.Commands() {
				if c.Annotations[annotationOperation] == "" || !serves(c, v) {
					continue
				}
				flags := requiredFlags(c)
				if len(flags) == 0 {
					continue
				}
				args := []string{"--api-version", string(v), g.Name(), c.Name()}
				for _, f := range flags {
					args = append(args, "--"+f, "..")
				}
				// The other flags the command requires, in this version or every one.
				for name, value := range requiredValues {
					if slices.Contains(flags, name) {
						continue
					}
					if f := c.Flags().Lookup(name); f != nil && (f.Annotations[cobra.BashCompOneRequiredFlag] != nil || strings.Contains(f.Usage, "(required")) {
						args = append(args, "--"+name, value)
					}
				}
				r := mx(t, vars, "", args...)
				named := false
				for _, f := range flags {
					named = named || strings.HasPrefix(r.stderr, "mx: --"+f+": ")
				}
				if r.code != exitUsage || !named {
					t.Errorf("mx %q: exit %d, stderr %q", args, r.code, r.stderr)
				}
			}
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent", len(xs))
	}
	if r := mx(t, vars, "", "users", "delete", "--user", u); r.code != 0 {
		t.Errorf("a valid GUID: %+v", r)
	}
	if xs := rec.take(); len(xs) != 1 || xs[0].method != http.MethodDelete || xs[0].path != "/users/"+u || xs[0].status != http.StatusNoContent {
		t.Errorf("a valid GUID: %+v", xs)
	}
}

// TestPathValuesAreEscaped: a slash or a question mark in a value stays in its segment.
func TestPathValuesAreEscaped(t *testing.T) {
	rec, vars := recordingEnv(t)
	r := mx(t, vars, "", "users", "read", "--user", "a/../b?c=1")
	if r.code != exitAPI {
		t.Errorf("%+v", r)
	}
	if xs := rec.take(); len(xs) != 1 || xs[0].escapedPath != "/users/a%2F..%2Fb%3Fc=1" || xs[0].method != http.MethodGet {
		t.Errorf("%+v", xs)
	}
}

// TestBaseURLPathIsKept: MX_BASE_URL with a path (a proxy's prefix) sends every request under it.
func TestBaseURLPathIsKept(t *testing.T) {
	srv, vars := fakeEnv(t)
	var paths []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		http.StripPrefix("/mx", srv.Fake).ServeHTTP(w, r)
	}))
	defer proxy.Close()
	vars["MX_BASE_URL"] = proxy.URL + "/mx"
	var user mxplatform.User
	ok(t, vars, &user, "users", "create", "--id", "behind-a-proxy")
	if user.GUID == "" || len(paths) != 1 || paths[0] != "/mx/users" {
		t.Errorf("user %+v, paths %v", user, paths)
	}
}
