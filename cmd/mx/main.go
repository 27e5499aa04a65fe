// Command mx calls the MX Platform API from the command line: every operation as a subcommand
// grouped by resource (users, members, institutions, accounts, transactions, statements,
// holdings, categories, merchants, widgets), any request with mx api, output as JSON, tables,
// CSV or YAML filtered by --jq, pagination with --all and --limit, member jobs with --wait and
// MFA prompts, statements streamed to a file, account webhooks received and sent locally with
// mx webhooks, and credentials kept in profiles by mx login and mx config. It speaks MX's
// current API version, v20250224, and the older v20111101 with --api-version; it is a thin
// layer over the mxplatform package and its v20111101 package.
//
// Credentials come from flags, the MX_CLIENT_ID and MX_API_KEY environment variables, or a
// profile of the config file, in that order of precedence; see `mx --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], &env{
		stdin:       os.Stdin,
		stdout:      os.Stdout,
		stderr:      os.Stderr,
		getenv:      os.Getenv,
		terminal:    stdinIsTerminal,
		outTerminal: stdoutIsTerminal,
		errTerminal: stderrIsTerminal,
	})
	stop()
	os.Exit(code)
}
