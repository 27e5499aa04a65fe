package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform/webhook"
)

// MX posts an account event with the basic credentials configured for the webhook; the
// handler checks them, decodes the event and passes it on.
func ExampleHandler() {
	h, err := webhook.NewHandler("mx", "webhook-password", func(ctx context.Context, e *webhook.AccountEvent) error {
		at, _ := webhook.Time(e.Account.UpdatedAt)
		fmt.Println(e.Action, e.Account.GUID, e.Account.Balance, e.Account.BalanceSetBy, at.Format("2006-01-02"))
		return nil
	})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	send := func(password, body string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		req.SetBasicAuth("mx", password)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
	}
	send("webhook-password", `{"action": "updated", "account": {"guid": "ACT-1", "balance": 1000.10, "balance_set_by": "FEED", "updated_at": 1588006082}}`)
	send("guess", `{"action": "updated", "account": {"guid": "ACT-1"}}`)
	send("webhook-password", `{"action": "archived", "account": {"guid": "ACT-1"}}`)
	// Output:
	// updated ACT-1 1000.1 FEED 2020-04-27
	// 200 OK
	// 401 Unauthorized
	// 422 Unprocessable Entity
}

func ExampleParseAccountEvent() {
	e, err := webhook.ParseAccountEvent([]byte(`{"action": "created", "account": {"guid": "ACT-1", "account_type": "SAVINGS", "apy": 4.25, "new_field": true}}`))
	fmt.Println(e.Action, e.Account.AccountType, e.Account.Apy, err)

	_, err = webhook.ParseAccountEvent([]byte(`{"action": "archived", "account": {"guid": "ACT-1"}}`))
	fmt.Println(errors.Is(err, webhook.ErrUnknownAction))
	// Output:
	// created SAVINGS 4.25 <nil>
	// true
}
