package moov_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/mxsdk/mx-go/mxplatform/moov"
)

// The example runs against a local stand-in for Moov that knows one account.
func ExampleAPI_DisconnectAccount() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req-42")
		if r.URL.Path != "/accounts/cfdfea7d-f185-4de5-ba90-b09f14fe6683" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error": "account not found"}`)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()

	mv, err := moov.New(moov.WithBearerToken("token"), moov.WithServerURL(srv.URL))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	fmt.Println(mv.DisconnectAccount(ctx, "cfdfea7d-f185-4de5-ba90-b09f14fe6683"))

	err = mv.DisconnectAccount(ctx, "00000000-0000-0000-0000-000000000000")
	var e *moov.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Message, e.RequestID, errors.Is(err, moov.ErrNotFound))
	}
	// Output:
	// <nil>
	// 404 account not found req-42 true
}
