package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/webhook"
	"github.com/spf13/cobra"
)

// webhookActions are the actions of MX's account webhooks.
var webhookActions = []string{string(webhook.AccountActionCreated), string(webhook.AccountActionUpdated), string(webhook.AccountActionDeleted)}

func cmdWebhooks(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "webhooks",
		Short: "Receive and send MX account webhooks locally, to test an endpoint",
		Long: `webhooks tries MX's account webhooks without MX: listen receives them as a partner's endpoint
would, with the SDK's handler, and prints each event; trigger sends one, as MX would, to any
endpoint. MX authenticates its webhooks with HTTP basic credentials, the only proof that a
request comes from MX: both take them with --user and --password (or MX_WEBHOOK_PASSWORD).`,
		Example: "  mx webhooks listen --addr 127.0.0.1:8081 --user mx --password s3cret &\n" +
			"  mx webhooks trigger http://127.0.0.1:8081/ --user mx --password s3cret --action created",
		RunE: groupRun,
	}
	cmd.AddCommand(cmdWebhooksListen(a), cmdWebhooksTrigger(a))
	return cmd
}

// webhookCredentials are the basic credentials of listen and trigger.
type webhookCredentials struct{ user, password string }

func (c *webhookCredentials) flags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.user, "user", "", "the user of the webhook's basic credentials")
	cmd.Flags().StringVar(&c.password, "password", "", "the password of the webhook's basic credentials (default $MX_WEBHOOK_PASSWORD; flags show in process lists)")
	_ = cmd.MarkFlagRequired("user")
}

func (c *webhookCredentials) resolve(a *app) error {
	if c.password == "" {
		c.password = a.getenv("MX_WEBHOOK_PASSWORD")
	}
	if c.password == "" {
		return usageError{errors.New("--password: required (or MX_WEBHOOK_PASSWORD)")}
	}
	return nil
}

const listenLong = `listen serves MX's account webhooks at every path of --addr with the SDK's handler (package
mxplatform/webhook), as a partner's endpoint would: it checks the basic credentials, the method,
the media type and the body, answers MX as the handler does (200, or 4xx with the reason, which
goes to stderr), and prints each event as it arrives, until interrupted (exit 0).

On a terminal each event is a line for people: the time, the action, the account, its type,
balance and user. Otherwise, or with -o json, each is one JSON line (a JSON Lines stream, for
jq or a log), --jq applied to each; -o yaml writes a YAML document per event and -o csv a CSV
line per event under one header. Amounts print with their scale, as everywhere in mx.`

func cmdWebhooksListen(a *app) *cobra.Command {
	var creds webhookCredentials
	var addr string
	cmd := &cobra.Command{
		Use:   "listen",
		Short: "Receive account webhooks and print each event",
		Long:  listenLong,
		Example: "  mx webhooks listen --addr 127.0.0.1:8081 --user mx --password s3cret\n" +
			"  mx webhooks listen --addr 127.0.0.1:8081 --user mx --password s3cret --jq '.account.balance' > balances.txt",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := creds.resolve(a); err != nil {
				return err
			}
			if _, _, err := net.SplitHostPort(addr); err != nil {
				return usageError{fmt.Errorf("--addr: %w", err)}
			}
			readable := isTerminal(a.outTerminal) && !cmd.Flags().Changed("output") && a.global.jq == ""
			p := &eventPrinter{a: a, readable: readable}
			h, err := webhook.NewHandler(creds.user, creds.password, p.print,
				webhook.WithLogger(slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))))
			if err != nil {
				return usageError{err}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return usageError{fmt.Errorf("--addr: %w", err)}
			}
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
			linef(a.stderr, "listening for account webhooks on http://%s/ until interrupted", ln.Addr())
			done := make(chan error, 1)
			go func() { done <- srv.Serve(ln) }()
			select {
			case err := <-done:
				return err
			case <-cmd.Context().Done():
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(ctx)
			return nil
		},
	}
	creds.flags(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8081", "address to listen on, host:port (port 0 picks a free one)")
	return cmd
}

// eventPrinter prints the events listen receives, one at a time.
type eventPrinter struct {
	a        *app
	readable bool
	mu       sync.Mutex
	header   bool // whether the CSV header was written
}

// csvEventColumns are the columns of listen -o csv.
var csvEventColumns = []string{"action", "guid", "name", "account_type", "balance", "currency_code", "user_guid", "member_guid", "updated_at"}

func (p *eventPrinter) print(_ context.Context, e *webhook.AccountEvent) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.a
	if p.readable {
		acct := e.Account
		balance := "no balance"
		if b, ok := acct.Balance.Get(); ok {
			balance = "balance " + amount(b)
			if acct.CurrencyCode != "" {
				balance += " " + string(acct.CurrencyCode)
			}
		}
		linef(a.stdout, "%s  %-8s %s  %q  %s  %s  user %s", time.Now().Format("15:04:05"), e.Action, acct.GUID, acct.Name, acct.AccountType, balance, acct.UserGUID)
		return nil
	}
	x, err := toTree(e)
	if err != nil {
		return err
	}
	if a.global.jq != "" {
		return a.emit(x, "")
	}
	switch a.global.output {
	case "yaml":
		fmt.Fprintln(a.stdout, "---")
		return writeYAML(a.stdout, x)
	case "csv", "table":
		w := csv.NewWriter(a.stdout)
		if !p.header {
			p.header = true
			_ = w.Write(csvEventColumns)
		}
		flat := map[string]any{"action": string(e.Action)}
		if m, ok := x.(map[string]any)["account"].(map[string]any); ok {
			for k, v := range m {
				flat[k] = v
			}
		}
		row := make([]string, len(csvEventColumns))
		for i, c := range csvEventColumns {
			row[i] = cell(flat[c])
		}
		_ = w.Write(row)
		w.Flush()
		return w.Error()
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return err
	}
	_, err = a.stdout.Write(jsonText(buf.Bytes()))
	return err
}

const triggerLong = `trigger posts an account webhook to URL as MX would: a realistic account event (a checking
account with its balances, the user, member and institution it belongs to, and who set each
field) with the action of --action, as JSON, with the basic credentials of --user and
--password. It prints the endpoint's status on stderr, and exits 0 for a 2xx answer, 1 for
another (MX would send the event again) and 3 when the endpoint cannot be reached. Point it at
mx webhooks listen, or at your own endpoint.`

func cmdWebhooksTrigger(a *app) *cobra.Command {
	var creds webhookCredentials
	var action, account string
	cmd := &cobra.Command{
		Use:   "trigger URL",
		Short: "Send an account webhook, as MX would, to an endpoint",
		Long:  triggerLong,
		Example: "  mx webhooks trigger http://127.0.0.1:8081/ --user mx --password s3cret --action created\n" +
			"  mx webhooks trigger https://example.com/webhooks/mx --user mx --password s3cret --action deleted --account ACT-1",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := creds.resolve(a); err != nil {
				return err
			}
			if !slices.Contains(webhookActions, action) {
				return usageError{fmt.Errorf("--action: %q is not one of %s", action, strings.Join(webhookActions, ", "))}
			}
			u, err := url.Parse(args[0])
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usageError{fmt.Errorf("URL: %q is not an http or https URL", args[0])}
			}
			body, err := json.Marshal(sampleAccountEvent(action, account, time.Now()))
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if a.global.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, a.global.timeout)
				defer cancel()
			}
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
			if err != nil {
				return usageError{err}
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("User-Agent", "mx-cli webhooks trigger")
			req.SetBasicAuth(creds.user, creds.password)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				var uerr *url.Error
				if errors.As(err, &uerr) {
					err = uerr.Err
				}
				return &mxplatform.TransportError{Operation: "webhooks trigger", Method: http.MethodPost, Path: u.Path, Attempts: 1, Err: err}
			}
			defer resp.Body.Close()
			linef(a.stderr, "%s %s: %s", action, u.Redacted(), resp.Status)
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return endpointError{status: resp.Status}
			}
			return nil
		},
	}
	creds.flags(cmd)
	cmd.Flags().StringVar(&action, "action", "updated", "what happened to the account: "+strings.Join(webhookActions, ", "))
	cmd.Flags().StringVar(&account, "account", "ACT-4c1c6d22-8b1e-4a4a-9d33-0c5b2f8e7d10", "the account's GUID in the event")
	_ = cmd.RegisterFlagCompletionFunc("action", cobra.FixedCompletions(webhookActions, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// endpointError reports an endpoint of webhooks trigger that did not answer 2xx.
type endpointError struct{ status string }

func (e endpointError) Error() string {
	return fmt.Sprintf("the endpoint answered %s; MX would send the event again", e.status)
}

// sampleAccountEvent is the event trigger sends: a checking account at MX's test bank, as the
// webhook carries it, with epoch-second timestamps and the source of each field.
func sampleAccountEvent(action, account string, now time.Time) map[string]any {
	created := now.Add(-30 * 24 * time.Hour).Unix()
	return map[string]any{
		"action": action,
		"account": map[string]any{
			"guid":                      account,
			"id":                        "partner-account-1",
			"user_guid":                 "USR-fbbc6b47-3b0a-4b62-8a0e-1c3a9d1b2e11",
			"user_id":                   "partner-user-1",
			"member_guid":               "MBR-7d3e8f52-96c1-4a0b-b7d4-2f6a1e9c0d33",
			"member_id":                 "partner-member-1",
			"member_is_managed_by_user": false,
			"institution_guid":          "INS-1572a04c-912b-59bf-5841-332c7dfafaef",
			"name":                      "MX Bank Everyday Checking",
			"name_set_by":               "FEED",
			"nickname":                  nil,
			"account_number":            "6003",
			"account_number_set_by":     "FEED",
			"routing_number":            "078216389",
			"account_type":              "CHECKING",
			"account_type_set_by":       "FEED",
			"account_subtype":           "NONE",
			"account_subtype_set_by":    "FEED",
			"balance":                   json.Number("7240.93"),
			"balance_set_by":            "FEED",
			"available_balance":         json.Number("7140.5"),
			"available_balance_set_by":  "FEED",
			"currency_code":             "USD",
			"currency_code_set_by":      "FEED",
			"feed_balance":              json.Number("7240.93"),
			"feed_available_balance":    json.Number("7140.5"),
			"feed_account_type":         "CHECKING",
			"feed_currency_code":        "USD",
			"feed_name":                 "MX Bank Everyday Checking",
			"apr":                       nil,
			"credit_limit":              nil,
			"is_closed":                 false,
			"is_hidden":                 false,
			"is_manual":                 false,
			"metadata":                  nil,
			"revision":                  7,
			"created_at":                created,
			"updated_at":                now.Unix(),
		},
	}
}
