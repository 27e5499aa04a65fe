package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The config file is JSON: the keys of the default profile at the top, and other profiles,
// each with the same keys, under "profiles":
//
//	{
//	  "client_id": "...", "api_key": "...", "environment": "development",
//	  "profiles": {
//	    "production": {"client_id": "...", "api_key": "...", "environment": "production"},
//	    "processor": {"processor_token": "...", "environment": "production"}
//	  }
//	}
//
// --profile (or MX_PROFILE) selects a profile; without it the top-level keys apply, which is
// also what a file written before profiles holds. A key the CLI does not know, at the top or in
// a profile, is an error that names it: a misspelt "apikey" must not leave the key unset
// without a word. mx writes the file readable by its owner only (0600), in a folder it creates
// for its owner only (0700).

// config is the resolved configuration of a command, and the keys of one profile. A profile
// holds a partner's client ID and API key, a payment processor's token (which only the
// processor commands send, in place of the partner's credentials), or both.
type config struct {
	ClientID       string `json:"client_id,omitempty"`
	APIKey         string `json:"api_key,omitempty"`
	Environment    string `json:"environment,omitempty"`
	BaseURL        string `json:"base_url,omitempty"`
	ProcessorToken string `json:"processor_token,omitempty"`
}

// configFile is the content of the config file.
type configFile struct {
	config
	Profiles map[string]config `json:"profiles,omitempty"`
}

// defaultProfile names the top-level keys of the file.
const defaultProfile = "default"

// configKeys are the keys of a profile, as `mx config` takes them.
var configKeys = []string{"client_id", "api_key", "environment", "base_url", "processor_token"}

// secretKeys are the keys whose values mx never prints.
var secretKeys = []string{"api_key", "processor_token"}

// field returns the address of the value of key in c.
func (c *config) field(key string) *string {
	switch key {
	case "client_id":
		return &c.ClientID
	case "api_key":
		return &c.APIKey
	case "environment":
		return &c.Environment
	case "base_url":
		return &c.BaseURL
	case "processor_token":
		return &c.ProcessorToken
	}
	return nil
}

// profile returns the profile name of the file, or the default; ok is false when the file has
// no such profile.
func (f *configFile) profile(name string) (c config, ok bool) {
	if name == "" || name == defaultProfile {
		return f.config, true
	}
	c, ok = f.Profiles[name]
	return c, ok
}

// setProfile stores c as the profile name.
func (f *configFile) setProfile(name string, c config) {
	if name == "" || name == defaultProfile {
		f.config = c
		return
	}
	if f.Profiles == nil {
		f.Profiles = map[string]config{}
	}
	f.Profiles[name] = c
}

// profileNames lists the profiles of the file, the default first.
func (f *configFile) profileNames() []string {
	return append([]string{defaultProfile}, sortedKeys(f.Profiles)...)
}

// profileName is the profile the flags and environment select, "" for the default.
func profileName(g globalFlags, getenv func(string) string) string {
	if g.profile != "" {
		return g.profile
	}
	return getenv("MX_PROFILE")
}

// resolveConfig merges flags, environment variables and the selected profile of the config
// file, in that order of precedence, field by field.
func resolveConfig(g globalFlags, getenv func(string) string) (config, error) {
	path, named := configPath(g.configFile, getenv)
	file, err := readConfigFile(path, named)
	if err != nil {
		return config{}, err
	}
	name := profileName(g, getenv)
	p, ok := file.profile(name)
	if !ok {
		return config{}, fmt.Errorf("--profile: no profile %q in %s (it has %s); 'mx login --profile %s' creates it", name, path, strings.Join(file.profileNames(), ", "), name)
	}
	pick := func(values ...string) string {
		for _, v := range values {
			if v != "" {
				return v
			}
		}
		return ""
	}
	return config{
		ClientID:    pick(g.clientID, getenv("MX_CLIENT_ID"), p.ClientID),
		APIKey:      pick(g.apiKey, getenv("MX_API_KEY"), p.APIKey),
		Environment: pick(g.environment, getenv("MX_ENV"), p.Environment),
		BaseURL:     pick(g.baseURL, getenv("MX_BASE_URL"), p.BaseURL),
		// --processor-token is a flag of the processor commands, which they give precedence.
		ProcessorToken: pick(getenv("MX_PROCESSOR_TOKEN"), p.ProcessorToken),
	}, nil
}

// configPath is the config file the flag names, else $MX_CONFIG, else the default path
// ($XDG_CONFIG_HOME/mx/config.json, ~/.config/mx/config.json); named says whether the user
// named it. "" when there is no home to hold the default.
func configPath(flag string, getenv func(string) string) (path string, named bool) {
	if flag != "" {
		return flag, true
	}
	if p := getenv("MX_CONFIG"); p != "" {
		return p, true
	}
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return "", false
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "mx", "config.json"), false
}

// readConfigFile reads the config file at path; a missing default file is no error, a
// missing named file is.
func readConfigFile(path string, named bool) (*configFile, error) {
	if path == "" {
		return &configFile{}, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !named {
		return &configFile{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	var f configFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		if m := unknownField.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("config file %s: unknown key %q (a profile takes %s; other profiles go under \"profiles\")", path, m[1], strings.Join(configKeys, ", "))
		}
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return &f, nil
}

// unknownField finds the key in encoding/json's error for an unknown field.
var unknownField = regexp.MustCompile(`unknown field "((?:[^"\\]|\\.)*)"`)

// writeConfigFile writes f to path, readable and writable by its owner only. A missing folder
// is created for its owner only, and so is the default one (~/.config/mx) made if it was
// wider; a folder the user named is left as it is. The file is written under a temporary name
// and renamed, so that a failure leaves the old file whole.
func writeConfigFile(path string, named bool, f *configFile) error {
	if path == "" {
		return errors.New("no config file: set HOME, MX_CONFIG or --config")
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	if !named {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("config file: %w", err)
		}
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".config.*.json") // 0600
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("config file: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("config file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	return nil
}

// checkConfigValue refuses a value the key cannot take.
func checkConfigValue(key, value string) error {
	if !slices.Contains(configKeys, key) {
		return fmt.Errorf("unknown key %q (keys: %s)", key, strings.Join(configKeys, ", "))
	}
	if value == "" {
		return nil
	}
	switch key {
	case "environment":
		if _, err := mxplatform.ParseEnvironment(value); err != nil {
			return err
		}
	case "base_url":
		u, err := url.Parse(value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("base_url %q is not an http or https URL", value)
		}
	}
	return nil
}

// options turns the configuration into mxplatform options: the partner's credentials and the
// server.
func (c config) options() ([]mxplatform.Option, error) {
	if c.ClientID == "" || c.APIKey == "" {
		return nil, errors.New("no credentials: run 'mx login', set MX_CLIENT_ID and MX_API_KEY, or pass --client-id and --api-key")
	}
	server, err := c.serverOptions()
	if err != nil {
		return nil, err
	}
	return append([]mxplatform.Option{mxplatform.WithCredentials(c.ClientID, c.APIKey)}, server...), nil
}

// serverOptions turns the environment and base URL of the configuration into mxplatform
// options, without credentials.
func (c config) serverOptions() ([]mxplatform.Option, error) {
	var opts []mxplatform.Option
	if c.Environment != "" {
		e, err := mxplatform.ParseEnvironment(c.Environment)
		if err != nil {
			return nil, err
		}
		opts = append(opts, mxplatform.WithEnvironment(e))
	}
	if c.BaseURL != "" {
		opts = append(opts, mxplatform.WithServerURL(c.BaseURL))
	}
	return opts, nil
}
