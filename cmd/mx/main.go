// Command mx calls the MX Platform API from the command line: every operation as a subcommand
// grouped by resource (users, members, institutions, accounts, transactions, statements,
// holdings, categories, merchants, widgets, tags, taggings, rules, budgets, goals, spending
// plans, cash flow, insights, notifications, microdeposits, rewards, ACH returns, verifiable
// credentials, processor tokens, and a payment processor's reads), any request with mx api,
// output as JSON, tables, CSV or YAML filtered by --jq, pagination with --all and --limit,
// member jobs with --wait and MFA prompts, statements streamed to a file, account webhooks
// received and sent locally with mx webhooks, and credentials kept in profiles by mx login and
// mx config. It speaks MX's current API version, v20250224, and the older v20111101 with
// --api-version; it is a thin layer over the mxplatform package, its v20111101 package and
// package processor.
//
// Credentials come from flags, the MX_CLIENT_ID and MX_API_KEY environment variables, or a
// profile of the config file, in that order of precedence; the processor commands send a
// processor token instead (--processor-token, MX_PROCESSOR_TOKEN or the profile's
// processor_token). See `mx --help`.
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
