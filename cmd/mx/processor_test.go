package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// processorCommands are the commands of a payment processor, which authenticate with a
// processor token.
var processorCommands = [][]string{
	{"processor", "account-numbers"},
	{"processor", "balance"},
	{"processor", "check-balance"},
	{"processor", "owners"},
}

// TestProcessorCommandsServeTheProcessorOperations: the processor group holds the four
// operations whose security is a processor token, and no other.
func TestProcessorCommandsServeTheProcessorOperations(t *testing.T) {
	want := map[string]string{
		"processor account-numbers": "requestAccountNumber",
		"processor balance":         "readAccountBalance",
		"processor check-balance":   "checkRealTimeAccountBalance",
		"processor owners":          "getAccountOwnerInfo",
	}
	got := map[string]string{}
	for cmd, op := range operationsOf(t, apiV20250224) {
		if strings.HasPrefix(cmd, "processor ") {
			got[cmd] = op
		}
	}
	if len(got) != len(want) {
		t.Errorf("processor commands %v, want %v", got, want)
	}
	for cmd, op := range want {
		if got[cmd] != op {
			t.Errorf("mx %s runs %q, want %s", cmd, got[cmd], op)
		}
	}
}

// TestProcessorCommandsRefuseToRunWithoutAToken: with the partner's credentials configured
// (flags, environment or profile) and no processor token, a processor command is a usage
// error and sends nothing.
func TestProcessorCommandsRefuseToRunWithoutAToken(t *testing.T) {
	rec, vars := recordingEnv(t)
	file := filepath.Join(t.TempDir(), "config.json")
	b, _ := json.Marshal(config{ClientID: vars["MX_CLIENT_ID"], APIKey: vars["MX_API_KEY"], BaseURL: vars["MX_BASE_URL"]})
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	profileOnly := map[string]string{"MX_CONFIG": file, "HOME": t.TempDir()}
	for _, args := range processorCommands {
		for name, run := range map[string]result{
			"environment": mx(t, vars, "", args...),
			"flags":       mx(t, map[string]string{"MX_BASE_URL": vars["MX_BASE_URL"], "HOME": t.TempDir()}, "", append([]string{"--client-id", vars["MX_CLIENT_ID"], "--api-key", vars["MX_API_KEY"]}, args...)...),
			"profile":     mx(t, profileOnly, "", args...),
			"empty flag":  mx(t, vars, "", append(args, "--processor-token", "")...),
		} {
			if run.code != exitUsage || !strings.Contains(run.stderr, "no processor token") {
				t.Errorf("mx %s with the partner's credentials in the %s: exit %d, stderr %q", strings.Join(args, " "), name, run.code, run.stderr)
			}
		}
	}
	if xs := rec.take(); len(xs) != 0 {
		t.Errorf("%d requests sent without a token: %+v", len(xs), xs[0])
	}
}

// TestProcessorTokenIsSentAloneAndNeverPrinted runs every processor command with the token
// from the flag, the environment and the profile, verbosely, beside the partner's credentials:
// each request carries the token as a bearer token and no basic credentials, the flag wins over
// the environment and the environment over the profile, and nothing printed holds the token or
// the API key.
func TestProcessorTokenIsSentAloneAndNeverPrinted(t *testing.T) {
	rec, vars := recordingEnv(t)
	const (
		flagToken    = "ptok-flag-3f9c2a7e51d04b8a"
		envToken     = "ptok-env-b71e0c9d24a34f66"
		profileToken = "ptok-profile-5d2a8e13c6f74b09"
	)
	basic := base64.StdEncoding.EncodeToString([]byte(vars["MX_CLIENT_ID"] + ":" + vars["MX_API_KEY"]))
	file := filepath.Join(t.TempDir(), "config.json")
	b, _ := json.Marshal(configFile{Profiles: map[string]config{"processor": {
		ClientID: vars["MX_CLIENT_ID"], APIKey: vars["MX_API_KEY"], BaseURL: vars["MX_BASE_URL"], ProcessorToken: profileToken,
	}}})
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	withEnv := map[string]string{"MX_PROCESSOR_TOKEN": envToken}
	for k, v := range vars {
		withEnv[k] = v
	}
	profile := map[string]string{"MX_CONFIG": file, "MX_PROFILE": "processor", "HOME": t.TempDir()}
	profileAndEnv := map[string]string{"MX_PROCESSOR_TOKEN": envToken}
	for k, v := range profile {
		profileAndEnv[k] = v
	}

	var runs []result
	for _, args := range processorCommands {
		for _, tc := range []struct {
			vars  map[string]string
			extra []string
			want  string
		}{
			{vars, []string{"--processor-token", flagToken}, flagToken},
			{withEnv, []string{"--processor-token", flagToken}, flagToken},
			{withEnv, nil, envToken},
			{profile, nil, profileToken},
			{profileAndEnv, nil, envToken},
			{profile, []string{"-o", "yaml", "--jq", "$ENV"}, profileToken},
		} {
			r := mx(t, tc.vars, "", append(append([]string{"-v"}, args...), tc.extra...)...)
			runs = append(runs, r)
			xs := rec.take()
			if len(xs) == 0 {
				t.Errorf("mx %s %v: no request sent: %+v", strings.Join(args, " "), tc.extra, r)
			}
			for _, x := range xs {
				if x.authorization != "Bearer "+tc.want {
					t.Errorf("mx %s %v: %s %s carried %q, want the bearer token %s", strings.Join(args, " "), tc.extra, x.method, x.path, x.authorization, tc.want)
				}
				if x.version != string(apiV20250224) {
					t.Errorf("%s %s: Accept-Version %q", x.method, x.path, x.version)
				}
			}
		}
	}
	runs = append(runs,
		mx(t, profile, "", "-v", "config", "get", "processor_token"),
		mx(t, profile, "", "-v", "config", "list"),
		mx(t, profile, "", "-v", "config", "list", "-o", "yaml"),
		mx(t, profile, "", "-v", "processor", "balance", "--help"),
	)
	if !strings.Contains(runs[0].stderr, "mx request") {
		t.Errorf("-v logged no request: %q", runs[0].stderr)
	}
	if !strings.Contains(runs[len(runs)-4].stdout, redacted) {
		t.Errorf("config get processor_token: %+v", runs[len(runs)-4])
	}
	for i, r := range runs {
		for _, text := range []string{r.stdout, r.stderr} {
			for _, secret := range []string{flagToken, envToken, profileToken, vars["MX_API_KEY"], basic} {
				if strings.Contains(text, secret) {
					t.Errorf("run %d printed %q:\n%s", i, secret, text)
				}
			}
		}
	}
}

// TestPartnerCommandsNeverSendTheProcessorToken: with a processor token configured, the
// partner's commands still send the partner's basic credentials.
func TestPartnerCommandsNeverSendTheProcessorToken(t *testing.T) {
	rec, vars := recordingEnv(t)
	vars["MX_PROCESSOR_TOKEN"] = "ptok-never-sent-8c1f"
	ok(t, vars, nil, "institutions", "favorites")
	ok(t, vars, nil, "api", "GET", "/institutions/favorites")
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(vars["MX_CLIENT_ID"]+":"+vars["MX_API_KEY"]))
	xs := rec.take()
	if len(xs) != 2 {
		t.Fatalf("%d requests", len(xs))
	}
	for _, x := range xs {
		if x.authorization != basic {
			t.Errorf("%s %s carried %q, want the partner's basic credentials", x.method, x.path, x.authorization)
		}
	}
}
