package clientkit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	"github.com/mxsdk/mx-go/mxplatform/internal/transport"
)

func TestHTTPClientRetriesAndCountsAttempts(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	policy := mxplatform.RetryPolicy{MaxAttempts: 4, Backoff: func(int, *http.Response) time.Duration { return time.Millisecond }}
	c := HTTPClient(&transport.Settings{}, policy, nil)
	ctx, attempts := CountAttempts(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || attempts() != 3 || calls != 3 {
		t.Errorf("status %d after %d attempts (%d calls)", resp.StatusCode, attempts(), calls)
	}
}
