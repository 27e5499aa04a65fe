package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// env is what the command reads and writes, so that tests run it in-process.
type env struct {
	stdin       io.Reader
	stdout      io.Writer
	stderr      io.Writer
	getenv      func(string) string
	terminal    func() bool // whether stdin is an interactive terminal, for MFA prompts
	outTerminal func() bool // whether stdout is a terminal, which downloads do not write to
	errTerminal func() bool // whether stderr is a terminal, where progress is updated in place
}

func stdinIsTerminal() bool  { return term.IsTerminal(int(os.Stdin.Fd())) }
func stdoutIsTerminal() bool { return term.IsTerminal(int(os.Stdout.Fd())) }
func stderrIsTerminal() bool { return term.IsTerminal(int(os.Stderr.Fd())) }

// isTerminal calls one of the env's terminal tests, false when there is none.
func isTerminal(f func() bool) bool { return f != nil && f() }

// app holds the global flags and builds the API client once a command needs it.
type app struct {
	env
	global  globalFlags
	version apiVersion // the API version the operation commands call, once resolved
	api     *mxplatform.API
	// serverOptions, when set (by `mx demo`), replace the configured server and credentials.
	serverOptions []mxplatform.Option
	stdinLines    *bufio.Reader // stdin read line by line, for MFA answers
	hidden        []string      // members of the answer printed as <redacted> (see conceal)
}

type globalFlags struct {
	clientID, apiKey, environment, baseURL, configFile string
	profile                                            string
	output, jq, apiVersion                             string
	outputSet                                          bool // whether -o was given
	verbose                                            bool
	timeout                                            time.Duration
}

// client returns the API client configured by flags, environment and config file; its methods
// are those of the current version, and clientV20111101 gives those of v20111101 on it.
func (a *app) client() (*mxplatform.API, error) {
	if a.api != nil {
		return a.api, nil
	}
	opts := a.serverOptions
	if opts == nil {
		cfg, err := resolveConfig(a.global, a.getenv)
		if err != nil {
			return nil, usageError{err}
		}
		if opts, err = cfg.options(); err != nil {
			return nil, usageError{err}
		}
	}
	api, err := mxplatform.New(append(opts, a.clientOptions()...)...)
	if err != nil {
		return nil, usageError{err}
	}
	a.api = api
	return api, nil
}

// clientOptions are the options of every client beside its server and credentials: mx's user
// agent, and the logger of -v and the bound of --timeout when they are given.
func (a *app) clientOptions() []mxplatform.Option {
	opts := []mxplatform.Option{mxplatform.WithUserAgent("mx-cli")}
	if a.global.verbose {
		opts = append(opts, mxplatform.WithLogger(slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	if a.global.timeout > 0 {
		opts = append(opts, mxplatform.WithTimeout(a.global.timeout))
	}
	return opts
}

// Exit codes, documented in `mx --help`.
const (
	exitOK        = 0   // success; with --wait, the member ended CONNECTED
	exitAPI       = 1   // MX (or the endpoint of webhooks trigger) answered with an error status, or an answer that does not decode
	exitUsage     = 2   // bad flags or arguments, missing or invalid configuration
	exitNetwork   = 3   // no answer from MX: connection, TLS or timeout
	exitNeedsUser = 4   // --wait: the member ended in a status only the end user can resolve
	exitJobFailed = 5   // --wait: the member ended in another status that is not CONNECTED
	exitInterrupt = 130 // interrupted (Ctrl-C)
)

// usageError marks errors of the command line or configuration.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode classifies an error.
func exitCode(err error) int {
	var (
		apiErr    *mxplatform.Error
		decodeErr *mxplatform.DecodeError
		netErr    *mxplatform.TransportError
		streamErr streamError
		usage     usageError
		settled   settledError
		endpoint  endpointError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitInterrupt
	case errors.As(err, &apiErr), errors.As(err, &decodeErr), errors.As(err, &endpoint):
		return exitAPI
	case errors.As(err, &netErr), errors.As(err, &streamErr), errors.Is(err, context.DeadlineExceeded):
		return exitNetwork
	case errors.As(err, &settled):
		return settledCode(settled.info)
	case errors.As(err, &usage):
		return exitUsage
	}
	return exitUsage
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, e *env) int {
	a := &app{env: *e}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	code := exitCode(err)
	if !errors.As(err, new(usageError)) && code == exitUsage {
		// Errors of cobra's own flag and argument parsing.
		err = usageError{err}
	}
	linef(e.stderr, "mx: %s", describe(err))
	if code == exitUsage {
		fmt.Fprintln(e.stderr, "Run 'mx --help' for usage.")
	}
	return code
}

// describe words an error for people: MX's message and the HTTP status first.
func describe(err error) string {
	var apiErr *mxplatform.Error
	if errors.As(err, &apiErr) {
		msg := apiErr.Message
		if msg == "" {
			msg = "(no message)"
		}
		return fmt.Sprintf("%s: HTTP %d: %s", apiErr.Operation, apiErr.StatusCode, msg)
	}
	return err.Error()
}

const rootLong = `mx calls the MX Platform API.

Every operation of the API is a command, grouped by resource; mx api sends any request. Output
is JSON (the resource itself, or an array for lists) unless -o selects table, csv or yaml, and
--jq filters it with a jq expression first. Amounts (balances, amounts, rates, quantities) print
with at least two decimals, never rounded: MX's 6893.2 is 6893.20 in every format. Tables, CSV,
prompts and messages show control characters in MX's text as escapes (\x1b, \n, \u202e); JSON
and YAML escape them so that they read back as the exact text.

API versions: commands call v20250224, MX's current version, unless --api-version (or
MX_API_VERSION) selects v20111101, the older one. A command serves every version that has its
operation; a command or flag of one version only says so in its help and is a usage error under
the other. In v20250224, --user, --member, --account and --transaction take MX's GUID or the
partner's id where MX's path does (the help of each flag says which), sent as given.

Configuration, highest precedence first:
  flags           --client-id, --api-key, --env, --base-url
  environment     MX_CLIENT_ID, MX_API_KEY, MX_ENV (development or production), MX_BASE_URL
  config file     --config, else $MX_CONFIG, else ~/.config/mx/config.json: the profile that
                  --profile or MX_PROFILE names, else the default one; mx login and mx config
                  write it (see mx config --help). The API key is never printed.
The commands of mx processor are a payment processor's: they send its processor token
(--processor-token, else MX_PROCESSOR_TOKEN, else the profile's processor_token), never the
partner's client ID and API key, and never print it.

Exit codes:
  0    success; with --wait, the member ended CONNECTED
  1    API error: MX answered with an error status (its message and status go to stderr), or
       the endpoint of webhooks trigger did not answer 2xx
  2    usage error: bad flags or arguments, missing or invalid configuration
  3    network error: no answer from MX (connection, TLS or timeout)
  4    with --wait, the member needs the end user: MFA challenges without answers, or a status
       only the end user can resolve (DENIED, LOCKED, IMPEDED, REJECTED, PENDING...: new
       credentials, new answers, action at the institution or OAuth)
  5    with --wait, the member ended in another status than CONNECTED that the end user cannot
       fix (FAILED, DEGRADED, DISCONNECTED, DISABLED, CLOSED, DISCONTINUED...); the status is
       printed as on success
  130  interrupted`

// groupRun runs a resource group without a subcommand: help, or an error for an unknown one.
func groupRun(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
	}
	return cmd.Help()
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "mx",
		Short: "Call the MX Platform API from the command line",
		Long:  rootLong,
		Example: "  mx login\n  mx institutions list --name chase -o table\n" +
			"  mx api GET /users --paginate --jq '.[].guid'\n  mx demo",
		Version:       versionLine(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().Bool("version", false, "print the versions of mx and the SDK, of the API and of Go")
	f := root.PersistentFlags()
	f.StringVar(&a.global.clientID, "client-id", "", "MX client ID (default $MX_CLIENT_ID)")
	f.StringVar(&a.global.apiKey, "api-key", "", "MX API key (default $MX_API_KEY; prefer mx login or the environment: flags show in process lists)")
	f.StringVar(&a.global.environment, "env", "", "MX environment: development or production (default $MX_ENV, else development)")
	f.StringVar(&a.global.baseURL, "base-url", "", "send requests to this URL instead, such as a fake server (default $MX_BASE_URL)")
	f.StringVar(&a.global.configFile, "config", "", "config file (default $MX_CONFIG, else ~/.config/mx/config.json)")
	f.StringVar(&a.global.profile, "profile", "", "profile of the config file, such as production (default $MX_PROFILE, else the default profile)")
	f.StringVarP(&a.global.output, "output", "o", "json", "output format: json, table, csv or yaml")
	f.StringVar(&a.global.jq, "jq", "", "filter the output with a jq expression, such as '.[].guid'")
	f.BoolVarP(&a.global.verbose, "verbose", "v", false, "log every request to stderr (never the credentials)")
	f.DurationVar(&a.global.timeout, "timeout", 0, "bound each API call, retries included, such as 30s (0: no bound)")
	f.StringVar(&a.global.apiVersion, "api-version", "", "MX Platform API version: v20250224 (current) or v20111101 (default $MX_API_VERSION, else v20250224)")
	_ = root.RegisterFlagCompletionFunc("api-version", cobra.FixedCompletions([]string{string(apiV20250224), string(apiV20111101)}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("env", cobra.FixedCompletions([]string{"development", "production"}, cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("profile", a.completeProfiles)
	// Before cobra checks required flags: a command of another version fails on that, not on
	// a flag its own version would need.
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		a.global.outputSet = cmd.Flags().Changed("output")
		if !slices.Contains(outputFormats, a.global.output) {
			return usageError{fmt.Errorf("--output: unknown format %q (want %s)", a.global.output, strings.Join(outputFormats, ", "))}
		}
		if a.global.jq != "" {
			if _, err := compileJQ(a.global.jq); err != nil {
				return err
			}
		}
		if a.global.timeout < 0 {
			return usageError{fmt.Errorf("--timeout: %s is negative", a.global.timeout)}
		}
		v, err := resolveVersion(a.global.apiVersion, a.getenv)
		if err != nil {
			return err
		}
		a.version = v
		if !serves(cmd, v) {
			return unservedError(cmd, v)
		}
		return nil
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	addOperationCommands(root, a)
	root.AddCommand(cmdAPI(a), cmdWebhooks(a), cmdConfig(a), cmdLogin(a), cmdVersion(a), cmdDemo(a), cmdFake(a))
	completeInstitutions(root, a)
	return root
}
