package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mxsdk/mx-go/mxplatform"
)

// config is the resolved configuration of a command.
type config struct {
	ClientID    string `json:"client_id"`
	APIKey      string `json:"api_key"`
	Environment string `json:"environment"`
	BaseURL     string `json:"base_url"`
}

// resolveConfig merges flags, environment variables and the config file, in that order of
// precedence, field by field.
func resolveConfig(g globalFlags, getenv func(string) string) (config, error) {
	file, err := readConfigFile(g.configFile, getenv)
	if err != nil {
		return config{}, err
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
		ClientID:    pick(g.clientID, getenv("MX_CLIENT_ID"), file.ClientID),
		APIKey:      pick(g.apiKey, getenv("MX_API_KEY"), file.APIKey),
		Environment: pick(g.environment, getenv("MX_ENV"), file.Environment),
		BaseURL:     pick(g.baseURL, getenv("MX_BASE_URL"), file.BaseURL),
	}, nil
}

// readConfigFile reads the config file named by the flag, else $MX_CONFIG, else the default
// path; a missing default file is no error, a missing named file is.
func readConfigFile(flag string, getenv func(string) string) (config, error) {
	path, named := flag, flag != ""
	if path == "" {
		path, named = getenv("MX_CONFIG"), getenv("MX_CONFIG") != ""
	}
	if path == "" {
		dir := getenv("XDG_CONFIG_HOME")
		if dir == "" {
			home := getenv("HOME")
			if home == "" {
				return config{}, nil
			}
			dir = filepath.Join(home, ".config")
		}
		path = filepath.Join(dir, "mx", "config.json")
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !named {
		return config{}, nil
	}
	if err != nil {
		return config{}, fmt.Errorf("config file: %w", err)
	}
	var c config
	if err := json.Unmarshal(b, &c); err != nil {
		return config{}, fmt.Errorf("config file %s: %w", path, err)
	}
	return c, nil
}

// options turns the configuration into mxplatform options.
func (c config) options() ([]mxplatform.Option, error) {
	if c.ClientID == "" || c.APIKey == "" {
		return nil, errors.New("no credentials: set MX_CLIENT_ID and MX_API_KEY, pass --client-id and --api-key, or use a config file")
	}
	opts := []mxplatform.Option{mxplatform.WithCredentials(c.ClientID, c.APIKey)}
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
