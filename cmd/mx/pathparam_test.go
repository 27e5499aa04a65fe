package main

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
)

// operationIDs maps "group name" to the MX operation of each generated command.
func operationIDs(t *testing.T) map[string]string {
	t.Helper()
	re := regexp.MustCompile(`MX operation (\w+):`)
	ids := map[string]string{}
	for _, g := range newRootCmd(&app{}).Commands() {
		for _, c := range g.Commands() {
			if m := re.FindStringSubmatch(c.Long); m != nil {
				ids[g.Name()+" "+c.Name()] = m[1]
			}
		}
	}
	if len(ids) != 28 {
		t.Fatalf("%d operations found in the commands' help", len(ids))
	}
	return ids
}

// requiredFlags returns the required flags of a command among those named after path
// parameters.
func requiredFlags(cmd *cobra.Command) []string {
	var names []string
	for _, name := range []string{"user", "member", "account", "transaction", "institution"} {
		if f := cmd.Flags().Lookup(name); f != nil && f.Annotations[cobra.BashCompOneRequiredFlag] != nil {
			names = append(names, name)
		}
	}
	return names
}

func TestPathFlagsThatWouldChangeTheEndpointAreRefused(t *testing.T) {
	srv, vars := fakeEnv(t)
	user, err := srv.Fake.AddUser(mxplatform.User{})
	if err != nil {
		t.Fatal(err)
	}
	u := string(user.GUID)
	ids := operationIDs(t)
	sent := func() int {
		n := srv.Fake.Requests("").Received
		for _, id := range ids {
			n += srv.Fake.Requests(id).Received
		}
		return n
	}
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"users", "delete", "--user", ".."}, "--user"},
		{[]string{"users", "delete", "--user", "."}, "--user"},
		{[]string{"users", "delete", "--user", ""}, "--user"},
		{[]string{"members", "read", "--user", u, "--member", ".."}, "--member"},
		{[]string{"members", "delete", "--user", u, "--member", "."}, "--member"},
		{[]string{"institutions", "read", "--institution", ".."}, "--institution"},
		{[]string{"institutions", "credentials", "--institution", ""}, "--institution"},
		{[]string{"accounts", "read", "--user", u, "--account", ".."}, "--account"},
		{[]string{"transactions", "read", "--user", u, "--transaction", "."}, "--transaction"},
		{[]string{"transactions", "update", "--user", "..", "--transaction", "TRN-1", "--memo", "x"}, "--user"},
	} {
		r := mx(t, vars, "", tc.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "mx: "+tc.flag+": ") {
			t.Errorf("mx %q: exit %d, stderr %q; want a usage error naming %s", tc.args, r.code, r.stderr, tc.flag)
		}
		if n := sent(); n != 0 {
			t.Fatalf("mx %q sent %d requests", tc.args, n)
		}
	}

	// Every command, with ".." in every required flag named after a path parameter: refused
	// before any request.
	root := newRootCmd(&app{})
	for _, g := range root.Commands() {
		for _, c := range g.Commands() {
			if ids[g.Name()+" "+c.Name()] == "" {
				continue
			}
			flags := requiredFlags(c)
			if len(flags) == 0 {
				continue
			}
			args := []string{g.Name(), c.Name()}
			for _, f := range flags {
				args = append(args, "--"+f, "..")
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
	if n := sent(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	if r := mx(t, vars, "", "users", "delete", "--user", u); r.code != 0 || srv.Fake.Requests("deleteUser").Handled != 1 {
		t.Errorf("a valid GUID: %+v", r)
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
