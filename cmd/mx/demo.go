package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/mxplatformtest"
	"github.com/spf13/cobra"
)

const demoLong = `demo starts the fake MX server of package mxplatformtest in this process and walks through
a whole integration with the SDK, in MX's current API version (v20250224): create a user,
search institutions, read the credentials an institution requires, create a member at the test
bank, wait for its job while answering the MFA challenge it raises, list accounts, page through
transactions, update a transaction, verify the member and read its account numbers, fetch its
statements and download one as PDF, request a Connect widget URL, and delete the user. No MX
credentials or network access are needed.`

func cmdDemo(a *app) *cobra.Command {
	var step time.Duration
	cmd := &cobra.Command{
		Use:     "demo",
		Short:   "Walk through a whole MX integration against an in-process fake server",
		Long:    demoLong,
		Example: "  mx demo",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.version != apiV20250224 {
				return usageError{fmt.Errorf("mx demo walks through API version %s only, not %s", apiV20250224, a.version)}
			}
			srv, err := mxplatformtest.Start(mxplatformtest.WithStepInterval(step))
			if err != nil {
				return err
			}
			defer srv.Close()
			a.serverOptions = srv.Options()
			api, err := a.client()
			if err != nil {
				return err
			}
			linef(a.stdout, "Fake MX Platform API at %s (version %s)", srv.URL, apiV20250224)
			fmt.Fprintln(a.stdout)
			return demo(cmd.Context(), api, a.stdout, step)
		},
	}
	cmd.Flags().DurationVar(&step, "step", 300*time.Millisecond, "time between two steps of the fake's jobs")
	return cmd
}

// demo runs the walkthrough, printing each step; it stops at the first error.
func demo(ctx context.Context, api *mxplatform.API, out io.Writer, step time.Duration) error {
	n := 0
	say := func(format string, args ...any) {
		n++
		linef(out, "%2d. "+format, append([]any{n}, args...)...)
	}
	detail := func(format string, args ...any) { linef(out, "    "+format, args...) }

	email := "ada@example.com"
	user, err := api.CreateUser(ctx, mxplatform.UserCreateRequest{Email: &email, ID: mxplatform.Ptr(mxplatform.UserID("demo-user-1"))})
	if err != nil {
		return err
	}
	say("Created user %s (%s, id %s)", user.GUID, email, user.ID)

	name := "MX Bank"
	institutions, err := api.ListInstitutions(ctx, &mxplatform.ListInstitutionsParams{Name: &name})
	if err != nil {
		return err
	}
	say("Searched institutions for %q: %d found", name, len(institutions.Items))
	for _, inst := range institutions.Items {
		detail("%-14s %s (OAuth: %v)", inst.Code, inst.Name, inst.GetSupportsOAuth())
	}
	bank := mxplatformtest.TestBankCode

	credentials, err := api.ListInstitutionCredentials(ctx, bank, nil)
	if err != nil {
		return err
	}
	say("%s asks for %d credentials", bank, len(credentials.Items))
	var creds []mxplatform.CredentialRequest
	for _, c := range credentials.Items {
		value := "mxuser"
		if c.FieldType == mxplatform.CredentialFieldTypePassword {
			value = mxplatformtest.PasswordChallenge // the test bank then asks a security question
		}
		detail("%-10s %s", c.Label, c.FieldType)
		creds = append(creds, mxplatform.CredentialRequest{GUID: c.GUID, Value: value})
	}

	products := []mxplatform.SupportedProduct{mxplatform.SupportedProductTransactions, mxplatform.SupportedProductAccountVerification, mxplatform.SupportedProductStatements}
	member, err := api.CreateMember(ctx, user.GUID, mxplatform.MemberCreateRequest{InstitutionCode: bank, Credentials: creds},
		&mxplatform.MemberCreateOptions{DataRequest: &mxplatform.DataRequest{Products: products}})
	if err != nil {
		return err
	}
	say("Created member %s at %s, for %s", member.GUID, bank, joinValues(products))

	progress := &mxplatform.WaitOptions{
		Interval:    step / 2,
		MaxInterval: step,
		Progress: func(s *mxplatform.MemberStatus) {
			detail("status %s, being aggregated: %v", s.ConnectionStatus.Info().Status, s.GetIsBeingAggregated())
		},
		// The test bank asks one question, which the demo answers as an end user would.
		AnswerMFA: func(_ context.Context, challenges []mxplatform.Challenge) (*mxplatform.MFAAnswers, error) {
			answers := mxplatform.NewMFAAnswers(challenges)
			say("Answering the MFA challenge")
			for _, c := range challenges {
				detail("question: %s", c.Label)
				if err := answers.Set(c.GUID, mxplatformtest.ChallengeAnswer); err != nil {
					return nil, err
				}
			}
			return answers, nil
		},
	}
	say("Waiting for the member's first job")
	result, err := api.WaitForJob(ctx, user.GUID, member.GUID, progress)
	if err != nil {
		return err
	}
	if err := connected(result, name, detail); err != nil {
		return err
	}

	accounts, err := api.ListUserAccounts(ctx, user.GUID, nil)
	if err != nil {
		return err
	}
	say("Listed %d accounts", len(accounts.Items))
	for _, acct := range accounts.Items {
		detail("%-28s %-12s %12s %s", acct.Name, acct.Type, money(acct.Balance), acct.CurrencyCode)
	}

	say("Paging through transactions, 25 a page")
	perPage, count := 25, 0
	var first *mxplatform.Transaction
	for tx, err := range api.ListTransactionsIter(ctx, user.GUID, &mxplatform.ListTransactionsParams{RecordsPerPage: &perPage}) {
		if err != nil {
			return err
		}
		if first == nil {
			first = &tx
		}
		if count < 5 {
			detail("%s  %-30s %10s %s", tx.Date, tx.Description, money(tx.Amount), tx.Category)
		}
		count++
	}
	detail("... %d transactions in all", count)
	if first == nil {
		return fmt.Errorf("the member has no transactions")
	}

	updated, err := api.UpdateTransaction(ctx, user.GUID, first.GUID, mxplatform.TransactionUpdateRequest{Description: "Reviewed in the demo"})
	if err != nil {
		return err
	}
	say("Updated transaction %s: description %q", updated.GUID, updated.Description)

	say("Verifying the member (instant account verification)")
	result, err = api.VerifyAndWait(ctx, user.GUID, member.GUID, progress)
	if err != nil {
		return err
	}
	if err := connected(result, name, detail); err != nil {
		return err
	}
	numbers, err := api.ListAccountNumbersByMember(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		return err
	}
	say("Read the account numbers of %d of its accounts", len(numbers.Items))
	for _, num := range numbers.Items {
		detail("%s  account %s  routing %s", num.AccountGUID, num.AccountNumber, num.RoutingNumber)
	}

	say("Fetching the member's statements")
	result, err = api.FetchStatementsAndWait(ctx, user.GUID, member.GUID, progress)
	if err != nil {
		return err
	}
	if err := connected(result, name, detail); err != nil {
		return err
	}
	statements, err := api.ListStatementsByMember(ctx, user.GUID, member.GUID, nil)
	if err != nil {
		return err
	}
	say("Listed %d statements", len(statements.Items))
	for i, st := range statements.Items {
		if i == 3 {
			detail("...")
			break
		}
		detail("%s  account %s  %s", st.GUID, st.AccountGUID, st.CreatedAt)
	}
	if len(statements.Items) == 0 {
		return fmt.Errorf("the member has no statements")
	}
	st := statements.Items[0]
	size, head, err := measurePDF(ctx, api, user.GUID, member.GUID, st.GUID)
	if err != nil {
		return err
	}
	say("Downloaded statement %s as PDF: %d bytes, starting with %q", st.GUID, size, head)

	widget, err := api.RequestWidgetURL(ctx, user.GUID, mxplatform.ConnectWidget())
	if err != nil {
		return err
	}
	say("Requested a Connect widget URL")
	detail("%s", widget.URL)

	if err := api.DeleteUser(ctx, user.GUID); err != nil {
		return err
	}
	say("Deleted user %s, with its member, accounts and transactions", user.GUID)
	fmt.Fprintln(out, "\nDone.")
	return nil
}

// connected says where a job left the member, and fails unless it is CONNECTED.
func connected(r *mxplatform.WaitResult, institution string, detail func(string, ...any)) error {
	info := r.Info()
	if info.Status != mxplatform.ConnectionStatusConnected {
		return fmt.Errorf("the member ended %s, not CONNECTED", info.Status)
	}
	detail("%s", info.Message(institution))
	return nil
}

// measurePDF downloads a statement as it streams in, without keeping it, and returns its size
// and its first bytes, which must be those of a PDF ("%PDF-").
func measurePDF(ctx context.Context, api *mxplatform.API, user mxplatform.UserGUID, member mxplatform.MemberGUID, statement mxplatform.StatementGUID) (int64, string, error) {
	body, err := api.DownloadStatementPDF(ctx, user, member, statement)
	if err != nil {
		return 0, "", err
	}
	defer body.Close()
	head := make([]byte, len("%PDF-"))
	if _, err := io.ReadFull(body, head); err != nil {
		return 0, "", fmt.Errorf("the statement PDF: %w", err)
	}
	if string(head) != "%PDF-" {
		return 0, "", fmt.Errorf("the statement is not a PDF: it starts with %q", head)
	}
	rest, err := io.Copy(io.Discard, body)
	if err != nil {
		return 0, "", fmt.Errorf("the statement PDF: %w", err)
	}
	return int64(len(head)) + rest, string(head[:4]), nil
}

// money shows an amount as every output of mx does (see amountFields), "-" for none.
func money(v mxplatform.Optional[mxplatform.Decimal]) string {
	d, ok := v.Get()
	if !ok {
		return "-"
	}
	return amount(d)
}

func cmdFake(a *app) *cobra.Command {
	var addr string
	var seed int64
	var step, latency time.Duration
	var faultRate float64
	var sample bool
	cmd := &cobra.Command{
		Use:   "fake",
		Short: "Serve the fake MX Platform API until interrupted",
		Long: `fake serves the fake MX Platform API of package mxplatformtest, for trying commands and
integrations without MX credentials. It serves both API versions from one state, each request in
the version its Accept-Version header names, so that commands reach it with or without
--api-version v20111101. It accepts the credentials of --client-id and --api-key
(default mxfake-client-id and mxfake-api-key) and prints its URL; point other commands at it
with --base-url or MX_BASE_URL. See 'go doc github.com/mxsdk/mx-go/mxplatform/mxplatformtest'
for the test bank's passwords.

With --sample, the fake starts with the sample data set of mxplatformtest (Fake.LoadSample),
which the examples of every command's help name: the user u-1 (ada@example.com) with the
connected member m-1 at the test bank, its accounts, transactions and statements, a member
m-mfa waiting for its MFA answer, an OAuth member m-oauth, an investor m-2 with holdings,
manual accounts, a category, tags, a tagging, a rule, a budget, goals, a spending plan, a
notification, an ACH return and a processor token for m-1's checking account. The fake prints
their GUIDs on stderr when it starts; they are the same in every run (the data generated for
the members follows --seed: keep its default for the examples' holding). m-mfa's question
waits ten minutes for its answer, as the fake's challenges do.`,
		Example: "  mx fake --addr 127.0.0.1:8080 --sample &\n  MX_BASE_URL=http://127.0.0.1:8080 MX_CLIENT_ID=mxfake-client-id MX_API_KEY=mxfake-api-key mx institutions list -o table",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			id, key := a.global.clientID, a.global.apiKey
			if id == "" {
				id = mxplatformtest.DefaultClientID
			}
			if key == "" {
				key = mxplatformtest.DefaultAPIKey
			}
			srv, err := mxplatformtest.Start(
				mxplatformtest.WithAddr(addr),
				mxplatformtest.WithCredentials(id, key),
				mxplatformtest.WithSeed(seed),
				mxplatformtest.WithStepInterval(step),
				mxplatformtest.WithLatency(latency, 0),
				mxplatformtest.WithFaultRate(faultRate),
			)
			if err != nil {
				return usageError{err}
			}
			if sample {
				s, err := srv.Fake.LoadSample()
				if err != nil {
					srv.Close()
					return err
				}
				fmt.Fprintf(a.stderr, "sample data (mx fake --sample):\n%s", s.Describe())
			}
			linef(a.stdout, "%s", srv.URL)
			linef(a.stderr, "serving the fake MX Platform API at %s until interrupted", srv.URL)
			return srv.ServeUntil(cmd.Context(), 5*time.Second)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	cmd.Flags().Int64Var(&seed, "seed", mxplatformtest.DefaultSeed, "seed of the generated data")
	cmd.Flags().DurationVar(&step, "step", mxplatformtest.DefaultStepInterval, "time between two steps of an aggregation job")
	cmd.Flags().DurationVar(&latency, "latency", 0, "delay added to every answer")
	cmd.Flags().Float64Var(&faultRate, "fault-rate", 0, "share of requests (0 to 1) that fail at random")
	cmd.Flags().BoolVar(&sample, "sample", false, "start with the sample data that the examples of the help name")
	return cmd
}
