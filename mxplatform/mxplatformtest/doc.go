// Package mxplatformtest is a fake MX Platform API for tests: a stateful server, built from the
// same OpenAPI documents as the SDK, that serves both versions of the API the SDK speaks,
// v20250224 (package mxplatform) and v20111101 (package mxplatform/v20111101), over one state,
// validates requests like the real API and behaves like MX's test bank. Tests that use it run
// offline, without credentials, an allow-listed IP address or MX's integration environment.
//
// # Getting started
//
// [NewServer] starts a fake on a loopback port for the length of a test, like
// net/http/httptest:
//
//	srv := mxplatformtest.NewServer(t, mxplatformtest.WithStepInterval(0))
//	mx, err := srv.Client() // an *mxplatform.API (v20250224) pointed at srv with its credentials
//	user, err := mx.CreateUser(ctx, mxplatform.UserCreateRequest{ID: mxplatform.Ptr(mxplatform.UserID("u-1"))})
//	old := v20111101.Of(mx) // the same client, speaking v20111101
//
// Outside tests (examples, command-line tools), [Start] returns a running [Server] and
// [Server.Close] stops it. The command cmd/mxfake serves the same fake for tests written in
// any language, which call it with MX's headers:
//
//	curl -u mxfake-client-id:mxfake-api-key -H 'Accept-Version: v20250224' http://127.0.0.1:8080/institutions
//	curl -u mxfake-client-id:mxfake-api-key -H 'Accept-Version: v20111101' \
//	    -H 'Accept: application/vnd.mx.api.v1+json' http://127.0.0.1:8080/institutions
//
// [NewFake] builds the fake without serving it: a [Fake] is an http.Handler.
//
// # Versions
//
// A request names its version in the Accept-Version header, which MX requires on every call
// since 2026-08-12:
//
//   - v20250224, MX's current version, serves every operation of api/platform-v20250224.yaml.
//     It answers application/json, but for the statement PDF, application/vnd.mx.api.v1+pdf. Its
//     Accept header may be left out, or name that type, a range covering it (application/*,
//     */*), or a list holding one of these; a request that accepts only other types, the
//     vendor type of v20111101 among them, answers 406.
//   - v20111101 serves every operation of api/platform-v20111101.yaml, and requires, as that
//     version always did, an Accept header naming application/vnd.mx.api.v1+json (406
//     otherwise), the media type of its answers and errors.
//
// A request without Accept-Version answers 400 Bad Request, with MX's error JSON saying that
// the header is required and naming the versions served: the header is required, so a request
// without it is malformed, whatever else it says (an Accept naming v20111101's vendor type does
// not stand for it any more). A request naming a version the fake does not serve, or two
// different ones, answers 406 Not Acceptable, the status MX gives a version it cannot serve.
// Errors are application/json but in requests of v20111101, which get its vendor type.
// [Fake.Requests] counts the requests without the header, per operation (see RequestStats),
// so that a client's tests can check that it sends the header on every request.
//
// # One state, two versions
//
// Users, members, accounts, transactions, holdings, statements and categories are stored once:
// a member created through one version is read, aggregated and answered through the other.
// Each version renders the same records in its own models: a v20111101 account has
// institution_guid, holdings_value, the feed_* values (what the institution last sent, which
// stay when the partner changes a field) and the *_set_by codes (FEED for the institution's
// values, SYSTEM for the currency, none for a value the partner set); a v20250224 account has
// none of them. v20111101's institutions answer their supported products as supports_* flags.
// What one version does and the other does not is kept: v20111101 takes skip_aggregation,
// include_transactions, the category filters of the transaction lists and updates of a
// transaction's category, date and memo; v20250224 updates only the description of a
// transaction, and sets only is_business, is_hidden and metadata on an aggregated account (400
// for other fields; v20111101 sets them all).
//
// The paths of v20250224 that take {user_identifier}, {member_identifier},
// {account_identifier} or {transaction_identifier} take the partner-defined id or MX's GUID
// (the GUID is tried first); {institution_identifier} takes a code or a GUID. Paths that take a
// *_guid, and every path of v20111101, take the GUID only. As MX says, createManualAccount takes
// the user's GUID only, although its parameter is an identifier.
//
// # What it checks
//
// Every request is checked as MX would, and every failure answers MX's error JSON,
// {"error": {"message": "..."}}:
//
//   - HTTP basic authentication with the server's client ID and API key, else 401;
//   - the Accept-Version and Accept headers, as above: 400 or 406;
//   - a path and method of the version's spec, else 404 or 405;
//   - a body of at most 64 KiB, 1024 JSON values (each object, array, string, number, boolean
//     and null) and 32 levels of nesting, else 413, and with no number longer than 64
//     characters, else 400. Decoding JSON into maps costs many times its size in memory, and
//     parsing a long number into an amount the square of its length, so the fake measures a
//     body before decoding it; no request of MX comes near these bounds (the largest of the
//     reference is 557 bytes, one with every field of the spec set a few KiB of about 300
//     values, nested 3 deep, and amounts have at most 16 digits);
//   - parameters, headers and bodies valid against the version's spec (types, required
//     fields, enums, JSON syntax, Content-Type), else 400, checked with kin-openapi;
//   - objects that exist and belong to the user in the path, else 404; partner-defined ids
//     unique among a partner's users and a user's members, else 409; at most 25 members per
//     user (the member of manual accounts aside), else 422; a disabled user's data (its
//     members, accounts, transactions, jobs...), else 403, until the user is enabled again;
//     MX asks for at least one field in createUser, but the fake takes an empty user, so that
//     tests can make anonymous users in one call.
//
// The fake never panics on a request: a bug answers 500 with MX's error JSON.
//
// # Lists
//
// Lists are paginated as MX documents: page (from 1) and records_per_page (default 25, from 10
// to the list's maximum: 1000 on the lists of v20250224 whose parameter says so, 100 on the
// others and on every list of v20111101; a value outside the range gets 25), with the
// pagination object. Transaction lists cover, unless from_date and to_date say otherwise, 120
// days before today (90 in v20111101) to 5 days after, and are sorted newest first. from_date
// and to_date take ISO 8601 dates, the format both specs declare; the bounds of creation and
// update times (from_created_at, to_updated_at, v20250224's from_timestamp...) take Unix time,
// as MX documents them, and ISO 8601 dates and timestamps too.
//
// A fake starts with seven institutions: MX Bank (mxbank), MX Bank (OAuth) (mx_bank_oauth) and
// Chase Bank (chase), which support every product; Wells Fargo (wells_fargo, no statements),
// Bank of America (bank_of_america, no extended history), Capital One (capital_one, neither
// verification nor identification) and RBC Royal Bank (rbc, in Canada: verification and
// transactions). [WithInstitutions] adds more. [Fake.AddUser], [Fake.AddMember],
// [Fake.AddAccount] and [Fake.AddTransaction] seed data directly.
//
// # The test bank
//
// Creating a member (or updating its credentials) starts an aggregation whose outcome the
// password picks; the user name only seeds the data. The password picks the outcome of every
// later job of the member too. Every institution of the fake follows this table:
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
// credit card accounts about three months of categorised transactions with merchants, dated
// from 89 days before the aggregation to 2 days after it (the last days PENDING). Money is
// exact ([mxplatform.Decimal]).
//
// # Products
//
// Besides aggregation, the jobs of v20250224 gather the other products; what they gather is
// read afterwards, and reads before the job has run answer an empty list (MX has nothing to
// give then), never an error:
//
//   - verifyMember: the account and routing numbers of the deposit (checking and savings)
//     accounts (listAccountNumbersByMember, listAccountNumbersByAccount). The account number
//     ends with the digits the account shows; the routing number is the institution's, with a
//     right ABA check digit (in Canada, institution and transit numbers instead). The numbers
//     are derived from the seed, the login and the account, so they are the same in every
//     fake, and keep their record across verifications.
//   - identifyMember: the owners of every account (listAccountOwnersByMember): a person the
//     login picks, and a second owner of savings accounts, which become JOINT.
//   - extendHistory: once, the transactions of two years before the job, up to the first
//     aggregation's history.
//   - fetchStatements: a statement a month for each account, for the three full months before
//     the job (listStatementsByMember, readStatementByMember). downloadStatementPDF answers a
//     small, valid, one-page PDF naming the institution, the account, the period and its
//     activity, made from the statement alone, so that every download is the same and its
//     SHA-256 in hexadecimal is the statement's content_hash. Fetching again adds only the
//     months not yet gathered.
//
// createMember's data_request.products chooses what a member's aggregations gather
// (transactions when it names none): account_verification, identity_verification,
// transaction_history and statements do what the jobs above do, at once. A job of a product
// its institution does not support answers 400. Investment accounts come with their holdings
// (listHoldings, listHoldingsByAccount, listHoldingsByMember, readHolding): two to five
// securities whose quantities and prices are exact decimals, whose market value is the quantity
// times the price to the cent, and whose sum with the cash balance is the account's balance.
//
// The default categories are MX's tree (mxplatform.Categories): top-level categories without
// a parent, their subcategories under them, with GUIDs derived from their names (Groceries
// keeps the GUID of MX's examples). A user adds custom categories under a top-level one
// (createCategory; another parent answers 400), renames them (transactions show the new name)
// and deletes them (their transactions take the parent); default categories answer 400 to an
// update or a delete. Merchants are those the generated transactions are made with
// (listMerchants, readMerchant), each statement descriptor a location (readMerchantLocation)
// whose coordinates are the transactions'.
//
// createManualAccount makes an account under the user's member of the Manual Institution
// (made when needed, is_manual, without credentials or jobs); such accounts take every field of
// updateAccountByMember, transactions made by hand (createManualTransaction, whose GUIDs start
// with MAN-, answered as {"transaction": {...}}) and deletes; aggregated accounts and their
// transactions answer 400 to these. mergeAccounts keeps the first account named and moves the
// others' transactions and holdings to it before deleting them.
//
// # Money management, verification fallbacks and processors
//
// Tags, taggings, transaction rules, notifications, ACH returns, budgets, goals, spending plans
// (with their accounts, iterations and items) and the monthly cash flow profile are stored by
// one engine that reads the spec: a schema with an x-mx-guid-prefix is a resource, and the
// method and path of each operation say whether it lists, creates, reads, updates or deletes
// one, which path parameters own it, which fields a create requires and which a request may
// set. What the spec cannot say lives in small hooks: a budget's spending is the sum of its
// category's transactions this month, autoGenerateBudgets makes budgets from the categories the
// user spends in, goals keep their ranks across creates, deletes and repositionGoals, a
// spending plan gains an iteration a month, a tagging shows its tag on the transaction
// (listTransactionsByTag). Amounts are exact decimals throughout.
//
// Transactions split into two children whose amounts add up exactly to the parent's
// (createSplitTransactions, by user or by account; splitting a child answers 400, a split
// parent 409); deleting the split restores the parent. enhanceTransactions classifies
// descriptions into the fake's merchants and categories (or by merchant category code) without
// storing anything. Repeating transactions are the series found in the user's transactions, and
// the insights are derived from the same data (see the insights files). A credit card account
// belongs to a product named by its institution and name ([Fake.CreditCardProduct]). fetchRewards
// is a member job, like the others, gathering points, miles or cash-back programs of credit
// cards. deactivateUser removes the user's holdings and stops gathering them. The verifiable
// credentials (accounts, identity, transactions) answer a W3C credential as a JWT signed with
// the fake's Ed25519 key ([Fake.CredentialKey]), in MX's v2beta media type.
//
// Microdeposits, the fallback of instant verification: createMicrodeposit with the account's
// numbers and type starts INITIATED (or PREINITIATED with only the owner's name and email),
// becomes REQUESTED at the next step (REJECTED for a bad routing number or account type,
// CONFLICTED for a second one of the same account) and DEPOSITED at the one after. The two
// amounts, between 0.01 and 0.99, are what the user reads on their statement:
// [Fake.MicrodepositAmounts] gives them. verifyMicrodeposit with both, in either order, leads
// to VERIFIED; wrong amounts to DENIED, and the third wrong attempt to PREVENTED.
//
// Processor tokens: see [Fake.ExchangeAuthorizationCode] for how a payment processor exchanges
// the code requestAuthorizationCode gives the partner, and how the four processor reads
// authenticate with the token alone.
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
// A job moves through steps (start, authenticate, accounts, one step per product, finish), and
// the member shows each as MX would: is_being_aggregated, aggregated_at,
// successfully_aggregated_at, connection_status, and in readMemberStatus
// has_processed_accounts, has_processed_account_numbers, has_processed_transactions and the
// challenges. Three modes choose when steps happen:
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
// Jobs follow MX's rules. A request that starts one answers 200 with the member; while a job
// of the same kind runs, 202 with the member's current state; while a job of another kind
// runs (an aggregation, a balance check, a verification, an identification, an extended
// history, a statements fetch), 409. aggregateMember also answers 202 when the member is within
// its throttle window (three hours after any job; not for members REJECTED, PREVENTED or
// UPDATED), and checkBalances 429 within two hours of the last balance check. As on MX, MX Bank
// is never throttled: use chase or another institution to see throttling. [WithThrottle]
// changes the windows. listMemberChallenges answers 204 for a member that is not CHALLENGED.
//
// # Faults and counts
//
// [WithLatency] delays every answer; [WithFaults] and [Fake.InjectFault] install
// [FaultRule]s that strike chosen requests of chosen operations (of either version) with a
// [Fault]: an error status (429 with Retry-After in seconds or as an HTTP-date, bursts of 5xx),
// a connection reset, a truncated body, an HTML page instead of JSON, a wrong Content-Type, a
// slow body, or latency. A fault strikes before the request is processed, or after when
// AfterApplying is set, the case of an answer lost after a write. [WithFaultRate] makes a share
// of all requests fail at random, deterministically from the seed. [Fake.Requests] counts, per
// operation, the requests received, faulted, and handled, the last being those whose effects
// were applied, and those received without Accept-Version; [Fake.RequestsByOperation] gives
// the counts of every operation at once.
package mxplatformtest
