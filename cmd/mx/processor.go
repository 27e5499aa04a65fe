package main

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/processor"
)

// Payment processors. Four operations of v20250224 are a processor's: it reads one account
// with the processor token MX issued it for that account, sent as a bearer token, instead of a
// partner's client ID and API key. Their commands (mx processor ...) take the token from
// --processor-token, else MX_PROCESSOR_TOKEN, else the profile's processor_token, and the
// server (environment, base URL) as every other command does; they never send the partner's
// credentials, and refuse to run without a token rather than fall back on them. The token is
// never printed: config get and config list redact it, and package processor keeps it out of
// errors and of the log lines of -v.

// errNoProcessorToken is the usage error of a processor command without a token.
var errNoProcessorToken = errors.New("no processor token: pass --processor-token, set MX_PROCESSOR_TOKEN, or set processor_token in the profile (mx config set processor_token ...); processor commands never send the partner's client ID and API key")

// processorClient returns the client of the processor operations, authenticated with the token
// of the flag (flag), else of the environment or the profile.
func (a *app) processorClient(flag string) (*processor.API, error) {
	cfg, err := resolveConfig(a.global, a.getenv)
	if err != nil {
		return nil, usageError{err}
	}
	token := cmp.Or(flag, cfg.ProcessorToken)
	if token == "" {
		return nil, usageError{errNoProcessorToken}
	}
	opts, err := cfg.serverOptions()
	if err != nil {
		return nil, usageError{err}
	}
	api, err := processor.New(token, append(opts, a.clientOptions()...)...)
	if err != nil {
		return nil, usageError{err}
	}
	return api, nil
}

// processorScopeFlags declares --user, --member and --account beside --scope on the request of
// an authorization code: the three GUIDs of the account a processor may read, written into the
// scope as MX's guides write it (mxplatform.ProcessorScope). They go together, and not with
// --scope.
func processorScopeFlags(b *binder, body *mxplatform.AuthorizationCodeRequest) {
	names := []string{"user", "member", "account"}
	user := stringFlag(b, "user", "the GUID of the account's user, for the scope (with --member and --account)", "")
	member := stringFlag(b, "member", "the GUID of the account's member, for the scope (with --user and --account)", "")
	account := stringFlag(b, "account", "the account's GUID, for the scope (with --user and --member)", "")
	if f := b.cmd.Flags().Lookup("scope"); f != nil {
		f.Usage += " (or give --user, --member and --account)"
	}
	b.always(func() error {
		var given []string
		for _, name := range names {
			if b.cmd.Flags().Changed(name) {
				given = append(given, name)
			}
		}
		switch {
		case len(given) == 0:
			return nil
		case b.cmd.Flags().Changed("scope"):
			return fmt.Errorf("--scope and --%s: give the scope, or the account's GUIDs", given[0])
		case len(given) < len(names):
			return fmt.Errorf("--%s: the scope needs --user, --member and --account together", given[0])
		}
		for _, v := range []*string{user, member, account} {
			if *v == "" || strings.ContainsAny(*v, " \t\r\n") {
				return fmt.Errorf("%q is not a GUID", *v)
			}
		}
		scope := mxplatform.ProcessorScope(mxplatform.UserGUID(*user), mxplatform.MemberGUID(*member), mxplatform.AccountGUID(*account))
		body.Scope = &scope
		return nil
	})
}

// showSecretFlag declares --show-tokens on a command whose answer holds secrets in member: they
// print as <redacted> unless it is given.
func showSecretFlag(b *binder, member string) *bool {
	return boolFlag(b, "show-tokens", "print the tokens themselves ("+member+"), which are secrets; without it they print as "+redacted)
}
