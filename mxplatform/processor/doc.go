// Package processor is a client for the processor operations of the MX Platform API
// (v20250224): the reads a payment processor makes with the processor token MX issued it for
// the accounts a partner named, instead of a partner's client credentials: the account and
// routing numbers, the real-time balance and its check, and the account owners.
//
// A partner (package mxplatform) requests an authorization code for the accounts it wants a
// processor to read (API.RequestAuthorizationCode) and lists the tokens issued for its users
// (API.ListTokens); the processor builds an [API] with its token and reads:
//
//	p, err := processor.New(token, mxplatform.WithEnvironment(mxplatform.Production))
//	numbers, err := p.RequestAccountNumber(ctx)
//
// Every request carries the token as a bearer token and Accept-Version: v20250224; retries,
// typed errors ([mxplatform.Error]), bounded answers and the other options are package
// mxplatform's, which [API] sends its requests through. The token never appears in an error,
// a log line or the printed form of any value.
package processor
