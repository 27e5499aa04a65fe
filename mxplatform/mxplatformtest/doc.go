// Package mxplatformtest is a fake MX Platform API for tests: a stateful server, built from the
// same OpenAPI document as package mxplatform, that validates requests like the real API and
// behaves like MX's test bank. Tests that use it run offline, without credentials, an
// allow-listed IP address or MX's integration environment.
//
// # Getting started
//
// [NewServer] starts a fake on a loopback port for the length of a test, like
// net/http/httptest:
//
//	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
//	mx, err := srv.Client() // an *mxplatform.API pointed at srv.URL with srv's credentials
//	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{})
//
// Outside tests (examples, command-line tools), [Start] returns a running [Server] and
// [Server.Close] stops it. The command cmd/mxfake serves the same fake for tests written in
// any language, which call it with MX's headers:
//
//	curl -u mxfake-client-id:mxfake-api-key -H 'Accept: application/vnd.mx.api.v1+json' \
//	    -H 'Accept-Version: v20111101' http://127.0.0.1:8080/institutions
//
// [NewFake] builds the fake without serving it: a [Fake] is an http.Handler.
//
// # What it checks
//
// Every request is checked as MX would, and every failure answers MX's error JSON,
// {"error": {"message": "..."}}:
//
//   - HTTP basic authentication with the server's client ID and API key, else 401;
//   - an Accept header naming application/vnd.mx.api.v1+json, else 406 (MX requires the
//     header; a request without one is refused too);
//   - an Accept-Version header naming v20111101, the version of the API the fake serves, else
//     406 with the supported version in the message (v20250224, for one, is not served yet).
//     MX now requires the header beside the vendor Accept, but until the fake serves a
//     version that only Accept-Version can select, it serves a request without the header as
//     it always has, as v20111101, and counts it in [RequestStats].MissingAcceptVersion, so
//     that a client's tests can require that it sends the header on every request;
//   - a path and method of the API, else 404 or 405;
//   - a body of at most 64 KiB, 1024 JSON values (each object, array, string, number, boolean
//     and null) and 32 levels of nesting, else 413, and with no number longer than 64
//     characters, else 400. Decoding JSON into maps costs many times its size in memory, and
//     parsing a long number into an amount the square of its length, so the fake measures a
//     body before decoding it; no request of MX comes near these bounds (the largest of the
//     reference is 557 bytes, one with every field of the spec set a few KiB of about 300
//     values, nested 3 deep, and amounts have at most 16 digits);
//   - parameters, headers and bodies valid against api/platform-v20111101.yaml (types, required fields,
//     enums, JSON syntax, Content-Type), else 400, checked with kin-openapi;
//   - GUIDs that exist and belong to the user in the path, else 404; partner-defined ids unique
//     among a partner's users and a user's members, else 409; at most 25 members per user,
//     else 422.
//
// The fake never panics on a request: a bug answers 500 with MX's error JSON.
//
// # State
//
// Users, members, accounts and transactions live in memory, safe for concurrent use. Deleting a
// user or a member deletes what it owns. Lists are paginated as MX documents: page (from 1) and
// records_per_page (default 25, from 10 to 100; a value outside that range gets 25), with the
// pagination object. Transaction lists cover, unless from_date and to_date say otherwise, 90
// days before today to 5 days after, and are sorted newest first.
//
// A fake starts with seven institutions: MX Bank (mxbank), MX Bank (OAuth) (mx_bank_oauth),
// Chase Bank (chase), Wells Fargo (wells_fargo), Bank of America (bank_of_america), Capital One
// (capital_one) and RBC Royal Bank (rbc, in Canada). [WithInstitutions] adds more. [Fake.AddUser],
// [Fake.AddMember], [Fake.AddAccount] and [Fake.AddTransaction] seed data directly.
//
// # The test bank
//
// Creating a member (or updating its credentials) starts an aggregation whose outcome the
// password picks; the user name only seeds the data. Every institution of the fake follows
// this table:
//
//	password        outcome
//	password        CONNECTED, then accounts and transactions
//	challenge       CHALLENGED with a TEXT challenge
//	options         CHALLENGED with an OPTIONS challenge
//	token           CHALLENGED with a TOKEN challenge (a one-time code)
//	image           CHALLENGED with an IMAGE_DATA challenge
//	image_options   CHALLENGED with an IMAGE_OPTIONS challenge
//	multiple        CHALLENGED with a TEXT and an OPTIONS challenge at once
//	expired         CHALLENGED, then EXPIRED at the next step unless answered at once
//	delayed         DELAYED for one step, then CONNECTED
//	denied          DENIED (as is any password not in this table)
//	locked          LOCKED
//	impeded         IMPEDED
//	failed          FAILED
//	prevented       PREVENTED
//	degraded        DEGRADED
//	disconnected    DISCONNECTED
//	discontinued    DISCONTINUED
//	closed          CLOSED
//	disabled        DISABLED
//	impaired        IMPAIRED
//
// Passwords are matched without regard to case. The right answer to every challenge is
// "correct" ([ChallengeAnswer]): typed for TEXT, TOKEN and IMAGE_DATA, or the value of the
// option to choose for OPTIONS and IMAGE_OPTIONS (the option whose value is "correct").
// resumeAggregation with the answers makes the member RESUMED, then CONNECTED at the next step
// if every answer was right, REJECTED if not. A challenge not answered within
// [WithChallengeTimeout] makes the member EXPIRED.
//
// The generated data depends on the seed ([WithSeed]) and the member's institution and user
// name only: a checking account and one to three others (savings, credit card, loan,
// investment, mortgage, line of credit) with realistic balances, and for checking, savings and
// credit card accounts about three months of categorised transactions, dated from 89 days
// before the aggregation to 2 days after it (the last days PENDING). Money is exact
// ([mxplatform.Decimal]).
//
// # OAuth
//
// Members of mx_bank_oauth (or of any institution whose SupportsOAuth is true) are created with
// is_oauth true and no credentials; they start PENDING with an oauth_window_uri that the fake
// itself serves: a page with Approve and Deny buttons. Approving starts an aggregation (and
// redirects to the client_redirect_url, if any, with status=success and the member's GUID);
// denying makes the member DENIED. [Fake.CompleteOAuth] does the same without a browser.
// requestOAuthWindowURI gives a new URI (the old one stops working) and answers 400 "Member
// cannot use OAuth" for members of other institutions. Creating an OAuth member at an
// institution without OAuth answers 400, as does creating a member with credentials at an
// institution that supports only OAuth.
//
// # Jobs and time
//
// A job moves through steps (start, authenticate, accounts, transactions, finish), and the
// member shows each as MX would: is_being_aggregated, aggregated_at, successfully_aggregated_at,
// connection_status, and in readMemberStatus has_processed_accounts, has_processed_transactions
// and the challenges. Three modes choose when steps happen:
//
//   - [WithStepInterval] (default [DefaultStepInterval], half a second): steps follow each
//     other in time, so that a program polling the API sees each status; a whole flow with a
//     challenge takes about three seconds;
//   - WithStepInterval(0): a job runs to its end, or to its challenge, before the request that
//     started it is answered;
//   - [WithManualSteps]: jobs move only with [Fake.Step] (one step) and [Fake.Settle] (to the
//     end or the next challenge), so that tests assert each status without timing.
//
// The fake's clock is the real one moved on by [Fake.AdvanceTime], which lets tests cross
// throttle windows and challenge timeouts instantly.
//
// Jobs follow MX's rules: aggregateMember answers 202 with the member's current state when an
// aggregation runs or when the member is within its throttle window (three hours after any job;
// not for members REJECTED, PREVENTED or UPDATED), and 409 when a balance check runs;
// checkBalances answers 202 when a balance check runs, 409 when an aggregation runs, and 429
// within two hours of the last balance check. As on MX, MX Bank is never throttled: use chase
// or another institution to see throttling. [WithThrottle] changes the windows.
// listMemberChallenges answers 204 for a member that is not CHALLENGED.
//
// # Faults and counts
//
// [WithLatency] delays every answer; [WithFaults] and [Fake.InjectFault] install
// [FaultRule]s that strike chosen requests of chosen operations with a [Fault]: an error status
// (429 with Retry-After in seconds or as an HTTP-date, bursts of 5xx), a connection reset, a
// truncated body, an HTML page instead of JSON, a wrong Content-Type, a slow body, or latency.
// A fault strikes before the request is processed, or after when AfterApplying is set, the
// case of an answer lost after a write. [WithFaultRate] makes a share of all requests fail at
// random, deterministically from the seed. [Fake.Requests] counts, per operation, the requests
// received, faulted, and handled, the last being those whose effects were applied, and those
// received without Accept-Version; [Fake.RequestsByOperation] gives the counts of every
// operation at once.
package mxplatformtest
