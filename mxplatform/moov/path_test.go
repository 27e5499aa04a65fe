package moov

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestServerURLPathIsKept: a base URL with a path (a proxy's prefix) keeps it.
func TestServerURLPathIsKept(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL.EscapedPath()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	api, err := New(WithBearerToken(testToken), WithServerURL(srv.URL+"/moov"))
	if err != nil {
		t.Fatal(err)
	}
	if err := api.DisconnectAccount(context.Background(), "acct/1"); err != nil {
		t.Fatal(err)
	}
	if got != "/moov/accounts/acct%2F1" || api.ServerURL() != srv.URL+"/moov" {
		t.Errorf("request to %s, ServerURL %s", got, api.ServerURL())
	}
}
