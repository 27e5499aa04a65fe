package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// redacted stands for a secret (the API key, a processor token) wherever mx would show it.
const redacted = "<redacted>"

const configLong = `config reads and writes the config file, one profile at a time (--profile, else
MX_PROFILE, else the default profile).

The file is JSON: the keys of the default profile at the top, other profiles under "profiles".
A profile's keys are client_id, api_key, environment (development or production), base_url
(another server, such as mx fake) and processor_token (a payment processor's token, which only
the mx processor commands send). mx writes the file readable by its owner only, in a folder
only its owner can enter. A key mx does not know is an error that names it.

The API key and the processor token are never printed: config get and config list show them as
<redacted>. mx login is the way to set the API key without it showing on the screen or in the
shell's history; to read a secret back, open the config file itself (or MX's Client
Dashboard).`

func cmdConfig(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Read and write the config file and its profiles",
		Long:  configLong,
		Example: "  mx config set environment production --profile production\n" +
			"  mx config get environment --profile production\n  mx config list -o table",
		RunE: groupRun,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Set a key of a profile in the config file",
		Long: `set writes one key of the profile to the config file, creating the file, its folder and the
profile when needed. An empty value removes the key. Keys: client_id, api_key, environment,
base_url, processor_token. Prefer mx login for the API key, and a file for a processor token
(as in the example): a value typed here stays in the shell's history.`,
		Example: "  mx config set base_url http://127.0.0.1:8080 --profile fake\n  mx config set environment production --profile production\n" +
			"  mx config set processor_token \"$(cat processor-token)\" --profile processor",
		Args: cobra.ExactArgs(2),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return configKeys, cobra.ShellCompDirectiveNoFileComp
			case 1:
				if args[0] == "environment" {
					return []string{"development", "production"}, cobra.ShellCompDirectiveNoFileComp
				}
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			key, value := args[0], args[1]
			if err := checkConfigValue(key, value); err != nil {
				return usageError{err}
			}
			return a.updateProfile(func(c *config) { *c.field(key) = value })
		},
	}, &cobra.Command{
		Use:   "get KEY",
		Short: "Print a key of a profile of the config file",
		Long: `get prints the value of one key of the profile, as the config file holds it (not the
environment or flags), or nothing when it is not set. The API key and the processor token
print as <redacted>.`,
		Example:           "  mx config get base_url --profile fake",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: cobra.FixedCompletions(configKeys, cobra.ShellCompDirectiveNoFileComp),
		RunE: func(_ *cobra.Command, args []string) error {
			if err := checkConfigValue(args[0], ""); err != nil {
				return usageError{err}
			}
			p, err := a.configProfile()
			if err != nil {
				return err
			}
			if v := *p.field(args[0]); v != "" {
				if slices.Contains(secretKeys, args[0]) {
					v = redacted
				}
				linef(a.stdout, "%s", v)
			}
			return nil
		},
	}, &cobra.Command{
		Use:   "list",
		Short: "Print the keys of a profile of the config file",
		Long: `list prints the keys the profile sets in the config file, the API key and the processor
token as <redacted>, and the profiles the file holds.`,
		Example: "  mx config list\n  mx config list --profile fake -o table",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			path, named := configPath(a.global.configFile, a.getenv)
			f, err := readConfigFile(path, named)
			if err != nil {
				return usageError{err}
			}
			p, err := a.configProfile()
			if err != nil {
				return err
			}
			out := map[string]any{}
			for _, k := range configKeys {
				if v := *p.field(k); v != "" {
					if slices.Contains(secretKeys, k) {
						v = redacted
					}
					out[k] = v
				}
			}
			name := profileName(a.global, a.getenv)
			if name == "" {
				name = defaultProfile
			}
			out["profile"] = name
			profiles := []any{}
			for _, n := range f.profileNames() {
				profiles = append(profiles, n)
			}
			out["profiles"] = profiles
			return a.emit(out, "")
		},
	})
	return cmd
}

// configProfile reads the selected profile of the config file.
func (a *app) configProfile() (config, error) {
	path, named := configPath(a.global.configFile, a.getenv)
	f, err := readConfigFile(path, named)
	if err != nil {
		return config{}, usageError{err}
	}
	name := profileName(a.global, a.getenv)
	p, ok := f.profile(name)
	if !ok {
		return config{}, usageError{fmt.Errorf("--profile: no profile %q in %s (it has %s)", name, path, strings.Join(f.profileNames(), ", "))}
	}
	return p, nil
}

// updateProfile changes the selected profile of the config file with change and writes the
// file.
func (a *app) updateProfile(change func(*config)) error {
	path, named := configPath(a.global.configFile, a.getenv)
	f, err := readConfigFile(path, named)
	if err != nil {
		return usageError{err}
	}
	name := profileName(a.global, a.getenv)
	p, _ := f.profile(name)
	change(&p)
	f.setProfile(name, p)
	if err := writeConfigFile(path, named, f); err != nil {
		return usageError{err}
	}
	if name == "" {
		name = defaultProfile
	}
	linef(a.stderr, "profile %s saved in %s", name, path)
	return nil
}

const loginLong = `login asks for the client ID (unless --client-id or MX_CLIENT_ID gives it) and the API key, checks
them with one request to MX (a search of institutions), and saves them in a profile of the
config file (--profile, else MX_PROFILE, else the default profile), with the environment and
base URL when --env or --base-url (or MX_ENV, MX_BASE_URL) give them.

On a terminal the API key is read without echo. Without a terminal, the client ID and the key
are read from stdin, one line each, so that a script can pipe them from a secret store. The
key is never printed.`

func cmdLogin(a *app) *cobra.Command {
	var noCheck bool
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Save MX credentials in a profile of the config file",
		Long:  loginLong,
		Example: "  mx login\n  mx login --profile production --env production\n" +
			"  printf '%s\\n' \"$MX_API_KEY\" | mx login --profile fake --client-id mxfake-client-id --base-url http://127.0.0.1:8080",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.login(cmd.Context(), !noCheck)
		},
	}
	cmd.Flags().BoolVar(&noCheck, "no-check", false, "save the credentials without trying them on MX first")
	return cmd
}

// login reads and checks the credentials and saves them.
func (a *app) login(ctx context.Context, check bool) error {
	g := a.global
	clientID := g.clientID
	if clientID == "" {
		clientID = a.getenv("MX_CLIENT_ID")
	}
	in := a.lines()
	tty, interactive := a.stdin.(*os.File)
	interactive = interactive && term.IsTerminal(int(tty.Fd()))
	if clientID == "" {
		if interactive {
			fmt.Fprint(a.stderr, "MX client ID: ")
		}
		line, err := readLine(in)
		if err != nil {
			return usageError{fmt.Errorf("reading the client ID: %w", err)}
		}
		clientID = line
	}
	if interactive {
		fmt.Fprint(a.stderr, "MX API key (not shown): ")
	}
	var key string
	if interactive {
		b, err := term.ReadPassword(int(tty.Fd()))
		fmt.Fprintln(a.stderr)
		if err != nil {
			return usageError{fmt.Errorf("reading the API key: %w", err)}
		}
		key = strings.TrimSpace(string(b))
	} else {
		line, err := readLine(in)
		if err != nil {
			return usageError{fmt.Errorf("reading the API key: %w", err)}
		}
		key = line
	}
	switch {
	case clientID == "":
		return usageError{errors.New("no client ID given")}
	case key == "":
		return usageError{errors.New("no API key given")}
	}
	env := g.environment
	if env == "" {
		env = a.getenv("MX_ENV")
	}
	base := g.baseURL
	if base == "" {
		base = a.getenv("MX_BASE_URL")
	}
	if err := checkConfigValue("environment", env); err != nil {
		return usageError{fmt.Errorf("--env: %w", err)}
	}
	if err := checkConfigValue("base_url", base); err != nil {
		return usageError{fmt.Errorf("--base-url: %w", err)}
	}
	if check {
		opts, err := config{ClientID: clientID, APIKey: key, Environment: env, BaseURL: base}.options()
		if err != nil {
			return usageError{err}
		}
		if a.global.timeout > 0 {
			opts = append(opts, mxplatform.WithTimeout(a.global.timeout))
		}
		api, err := mxplatform.New(append(opts, mxplatform.WithUserAgent("mx-cli"))...)
		if err != nil {
			return usageError{err}
		}
		ten := 10 // the smallest page MX serves on this list
		if _, err := api.ListInstitutions(ctx, &mxplatform.ListInstitutionsParams{RecordsPerPage: &ten}); err != nil {
			linef(a.stderr, "the credentials did not work; nothing saved")
			return err
		}
	}
	return a.updateProfile(func(c *config) {
		c.ClientID, c.APIKey = clientID, key
		if env != "" {
			c.Environment = env
		}
		if base != "" {
			c.BaseURL = base
		}
	})
}

// readLine reads one line, without its end; EOF before any text is an error.
func readLine(in *bufio.Reader) (string, error) {
	line, err := in.ReadString('\n')
	line = strings.TrimSpace(line)
	if line == "" && err != nil {
		if errors.Is(err, io.EOF) {
			return "", errors.New("nothing on stdin")
		}
		return "", err
	}
	return line, nil
}
