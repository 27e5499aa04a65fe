package nexus

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/mxsdk/mx-go/mxplatform"
)

// TestPathParametersAndServerPath: a block of "." or ".." is refused before sending (the URL
// would resolve to another endpoint), and a base URL with a path keeps it.
func TestPathParametersAndServerPath(t *testing.T) {
	var got []string
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.EscapedPath())
		w.WriteHeader(http.StatusNoContent)
	})
	for _, guid := range []mxplatform.AccountGUID{".", ".."} {
		if err := api.BlockAccount(context.Background(), guid, nil); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%q: %v", guid, err)
		}
	}
	if len(got) != 0 {
		t.Fatalf("sent %v", got)
	}
	prefixed, err := New(WithSessionToken(testToken), WithServerURL(api.ServerURL()+"/nexus"))
	if err != nil {
		t.Fatal(err)
	}
	if err := prefixed.BlockAccount(context.Background(), "ACT-1", nil); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "/nexus/accounts/ACT-1/block" {
		t.Errorf("sent %v", got)
	}
}
