package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigSetWritesAPrivateFileAndProfiles(t *testing.T) {
	srv, _ := fakeEnv(t)
	home := t.TempDir()
	vars := map[string]string{"HOME": home}
	ok(t, vars, nil, "config", "set", "client_id", srv.ClientID, "--profile", "fake")
	ok(t, vars, nil, "config", "set", "api_key", srv.APIKey, "--profile", "fake")
	ok(t, vars, nil, "config", "set", "base_url", srv.URL, "--profile", "fake")
	ok(t, vars, nil, "config", "set", "environment", "production")

	dir := filepath.Join(home, ".config", "mx")
	file := filepath.Join(dir, "config.json")
	for path, want := range map[string]os.FileMode{dir: 0o700, file: 0o600} {
		st, err := os.Stat(path)
		if err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: %v, mode %v, want %v", path, err, st.Mode().Perm(), want)
		}
	}
	var f map[string]any
	b, _ := os.ReadFile(file)
	if err := json.Unmarshal(b, &f); err != nil || f["environment"] != "production" || f["profiles"].(map[string]any)["fake"].(map[string]any)["base_url"] != srv.URL {
		t.Fatalf("file %s: %v", b, err)
	}
	// The profile works, by flag and by MX_PROFILE; the default one has no credentials.
	ok(t, vars, nil, "institutions", "favorites", "--profile", "fake")
	ok(t, map[string]string{"HOME": home, "MX_PROFILE": "fake"}, nil, "institutions", "favorites")
	if r := mx(t, vars, "", "institutions", "favorites"); r.code != exitUsage {
		t.Errorf("default profile: %+v", r)
	}
	if r := mx(t, vars, "", "institutions", "favorites", "--profile", "staging"); r.code != exitUsage || !strings.Contains(r.stderr, `"staging"`) {
		t.Errorf("unknown profile: %+v", r)
	}
	// get and list never show the key.
	if r := ok(t, vars, nil, "config", "get", "api_key", "--profile", "fake"); r.stdout != redacted+"\n" {
		t.Errorf("get api_key: %q", r.stdout)
	}
	if r := ok(t, vars, nil, "config", "get", "base_url", "--profile", "fake"); r.stdout != srv.URL+"\n" {
		t.Errorf("get base_url: %q", r.stdout)
	}
	var list map[string]any
	ok(t, vars, &list, "config", "list", "--profile", "fake")
	if list["api_key"] != redacted || list["client_id"] != srv.ClientID || list["profile"] != "fake" {
		t.Errorf("list: %v", list)
	}
	for _, args := range [][]string{{"config", "set", "apikey", "x"}, {"config", "set", "environment", "staging"}, {"config", "set", "base_url", "ftp://x"}, {"config", "get", "nope"}} {
		if r := mx(t, vars, "", args...); r.code != exitUsage {
			t.Errorf("%v: %+v", args, r)
		}
	}
	// An unknown key in the file is an error naming it, at the top or in a profile.
	for _, content := range []string{`{"apikey": "x"}`, `{"profiles": {"fake": {"client_id": "a", "api_secret": "x"}}}`} {
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		r := mx(t, vars, "", "institutions", "favorites")
		name := map[bool]string{true: `"apikey"`, false: `"api_secret"`}[strings.Contains(content, "apikey")]
		if r.code != exitUsage || !strings.Contains(r.stderr, "unknown key "+name) {
			t.Errorf("%s: %+v", content, r)
		}
	}
}

func TestLoginFromStdin(t *testing.T) {
	srv, _ := fakeEnv(t)
	vars := map[string]string{"HOME": t.TempDir(), "MX_BASE_URL": srv.URL}
	r := mx(t, vars, srv.ClientID+"\n"+srv.APIKey+"\n", "login", "--profile", "fake")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	ok(t, map[string]string{"HOME": vars["HOME"]}, nil, "institutions", "favorites", "--profile", "fake")
	// Wrong credentials are not saved.
	r = mx(t, vars, srv.ClientID+"\nnot-the-key\n", "login", "--profile", "other")
	if r.code != exitAPI || !strings.Contains(r.stderr, "nothing saved") {
		t.Errorf("wrong key: %+v", r)
	}
	if r := mx(t, vars, "", "config", "list", "--profile", "other"); r.code != exitUsage {
		t.Errorf("a failed login saved its profile: %+v", r)
	}
	for _, text := range []string{r.stdout, r.stderr} {
		if strings.Contains(text, srv.APIKey) {
			t.Error("login printed the key")
		}
	}
}

// TestNoAPIKeyInAnyOutput runs every command that handles credentials, verbosely, and looks
// for the key, and its basic authorization, in all they print.
func TestNoAPIKeyInAnyOutput(t *testing.T) {
	srv, vars := fakeEnv(t)
	basic := base64.StdEncoding.EncodeToString([]byte(srv.ClientID + ":" + srv.APIKey))
	home := vars["HOME"]
	user := connectedUser(t, vars)
	runs := []result{
		mx(t, vars, srv.APIKey+"\n", "-v", "login", "--profile", "p"),
		mx(t, vars, "", "-v", "config", "list", "--profile", "p"),
		mx(t, vars, "", "-v", "config", "list", "--profile", "p", "-o", "yaml"),
		mx(t, vars, "", "-v", "config", "get", "api_key", "--profile", "p"),
		mx(t, vars, "", "-v", "config", "set", "api_key", srv.APIKey, "--profile", "q"),
		mx(t, map[string]string{"HOME": home}, "", "-v", "api", "GET", "/users", "--profile", "p", "--paginate"),
		mx(t, vars, "", "-v", "api", "GET", "/nowhere"),
		mx(t, vars, "", "-v", "api", "POST", "/users", "-f", "user[email]=x@example.com", "-o", "table"),
		mx(t, vars, "", "-v", "accounts", "list", "--user", user, "-o", "csv", "--limit", "2"),
		mx(t, vars, "", "-v", "--jq", "env", "institutions", "favorites"),
		mx(t, vars, "", "-v", "--jq", "$ENV", "institutions", "favorites"),
		mx(t, vars, "", "-v", "version"),
		mx(t, vars, "", "-v", "--api-key", "wrong"+srv.APIKey, "api", "GET", "/users"),
	}
	for i, r := range runs {
		for _, text := range []string{r.stdout, r.stderr} {
			if strings.Contains(text, srv.APIKey) || strings.Contains(text, basic) {
				t.Errorf("run %d printed the API key:\n%s", i, text)
			}
		}
	}
	if runs[0].code != 0 || runs[5].code != 0 || !strings.Contains(runs[5].stderr, "mx request") {
		t.Errorf("login %+v; api %+v", runs[0], runs[5])
	}
}
