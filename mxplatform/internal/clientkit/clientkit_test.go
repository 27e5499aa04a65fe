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

// TestHTTPClientRetriesAsTheCallSays sends a request answered 503 twice, then 502, then 204:
// a call that may always be repeated gets through and counts 4 attempts; one that may be
// repeated only when nothing was applied stops at the 502 and is marked uncertain.
func TestHTTPClientRetriesAsTheCallSays(t *testing.T) {
	for _, tc := range []struct {
		repeat        mxplatform.Repeat
		status, calls int
		uncertain     bool
	}{
		{mxplatform.RepeatAlways, http.StatusNoContent, 4, true},
		{mxplatform.RepeatIfNotApplied, http.StatusBadGateway, 3, true},
		{mxplatform.RepeatNever, http.StatusServiceUnavailable, 1, false},
	} {
		calls := 0
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			switch calls {
			case 1, 2:
				w.WriteHeader(http.StatusServiceUnavailable)
			case 3:
				w.WriteHeader(http.StatusBadGateway)
			default:
				w.WriteHeader(http.StatusNoContent)
			}
		}))
		policy := mxplatform.RetryPolicy{MaxAttempts: 4, Backoff: func(int, *http.Response) time.Duration { return time.Millisecond }}
		c := HTTPClient(&transport.Settings{}, policy, nil)
		ctx, call := Begin(context.Background(), "someOperation", tc.repeat)
		req, _ := http.NewRequestWithContext(ctx, http.MethodPut, srv.URL, nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		srv.Close()
		if resp.StatusCode != tc.status || call.Attempts != tc.calls || calls != tc.calls || call.Uncertain != tc.uncertain {
			t.Errorf("%v: status %d after %d attempts (%d calls), uncertain %v", tc.repeat, resp.StatusCode, call.Attempts, calls, call.Uncertain)
		}
		if mxplatform.OperationID(req) != "someOperation" {
			t.Errorf("operation %q", mxplatform.OperationID(req))
		}
	}
}
