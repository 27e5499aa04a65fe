package nexus_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/nexus"
)

// The example runs against a local stand-in for Nexus: the merge answers the account that
// remains, and blocking a manual account is refused as MX documents.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.mx.nexus.v1+json")
		switch {
		case r.URL.Path == "/accounts/merge":
			fmt.Fprint(w, `{"account": {"guid": "ACT-1", "balance": 500000.10, "balance_set_by": 1, "balance_set_by_name": "FEED"}}`)
		case strings.HasPrefix(r.URL.Path, "/accounts/ACT-manual/"):
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error": {"message": "Manually created accounts cannot be blocked"}}`)
		}
	}))
	defer srv.Close()

	nx, err := nexus.New(nexus.WithSessionToken("session-token"), nexus.WithServerURL(srv.URL))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	kept, err := nx.MergeAccounts(ctx, []mxplatform.AccountGUID{"ACT-1", "ACT-2"})
	if err != nil {
		panic(err)
	}
	fmt.Println(kept.GUID, kept.Balance, kept.BalanceSetBy, kept.BalanceSetByName)

	_, err = nx.MergeAccounts(ctx, []mxplatform.AccountGUID{"ACT-1"})
	fmt.Println(errors.Is(err, nexus.ErrInvalidArgument))

	err = nx.BlockAccount(ctx, "ACT-manual", &nexus.BlockOptions{SkipWebhook: true})
	fmt.Println(errors.Is(err, nexus.ErrManualAccount), errors.Is(err, mxplatform.ErrBadRequest))
	// Output:
	// ACT-1 500000.1 FEED FEED
	// true
	// true true
}
