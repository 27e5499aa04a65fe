package moov

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

const testToken = "moov-secret-token-4d1f"

// noRetries turns retries off, so that error statuses come back after one attempt.
var noRetries = WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 1})

// setup starts a test server answering with h and returns an API that calls it.
func setup(t *testing.T, h http.HandlerFunc, opts ...Option) *API {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	api, err := New(append([]Option{WithBearerToken(testToken), WithServerURL(srv.URL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func TestDisconnectAccount(t *testing.T) {
	var calls atomic.Int32
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		validateRequest(t, r)
		if r.Method != http.MethodDelete || r.URL.Path != "/accounts/cfdfea7d-f185-4de5-ba90-b09f14fe6683" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
			t.Errorf("Authorization %q", got)
		}
		if got := r.Header.Get("X-Moov-Version"); got != DefaultVersion {
			t.Errorf("X-Moov-Version %q, want %s", got, DefaultVersion)
		}
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "mx-go/") || !strings.HasSuffix(ua, " app/1") {
			t.Errorf("User-Agent %q", ua)
		}
		w.Header().Set("X-Request-Id", "req-204")
		w.WriteHeader(http.StatusNoContent)
	}, WithUserAgent("app/1"))
	if err := api.DisconnectAccount(context.Background(), "cfdfea7d-f185-4de5-ba90-b09f14fe6683"); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 {
		t.Errorf("%d requests", calls.Load())
	}
}

func TestDisconnectAccountVersion(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("X-Moov-Version"); got != "v2025.04.01" {
			t.Errorf("X-Moov-Version %q", got)
		}
		w.WriteHeader(http.StatusNoContent)
	}, WithVersion("v2025.04.01"))
	if err := api.DisconnectAccount(context.Background(), "acct"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "2024.01.00", "v2024.02.00", "v24.01.00", "latest", "v2024.01.00\r\nX: y"} {
		if _, err := New(WithBearerToken("t"), WithVersion(bad)); err == nil {
			t.Errorf("version %q accepted", bad)
		}
	}
	if _, err := New(WithBearerToken("t"), WithVersion("dev")); err != nil {
		t.Errorf("dev refused: %v", err)
	}
}

// TestDisconnectAccountEscapesTheID checks that an ID cannot change the path.
func TestDisconnectAccountEscapesTheID(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.EscapedPath() != "/accounts/..%2Fusers%3Fx=1" {
			t.Errorf("path %q", r.URL.EscapedPath())
		}
		if r.URL.RawQuery != "" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	if err := api.DisconnectAccount(context.Background(), "../users?x=1"); err != nil {
		t.Fatal(err)
	}
}

func TestDisconnectAccountRefusesAnEmptyID(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("a request was sent")
	})
	for _, id := range []string{"", "  ", ".", ".."} {
		err := api.DisconnectAccount(context.Background(), id)
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%q: error %v, want ErrInvalidArgument", id, err)
		}
	}
}

// TestEveryDocumentedErrorStatus answers each documented error status, with Moov's error body
// and without one, and checks the typed error.
func TestEveryDocumentedErrorStatus(t *testing.T) {
	sentinels := map[int]error{
		400: ErrBadRequest, 401: ErrUnauthorized, 403: ErrForbidden, 404: ErrNotFound,
		409: ErrConflict, 429: ErrRateLimited, 500: ErrServerError, 504: ErrServerError,
	}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServerError, ErrInvalidArgument}
	o := spectestOperation(t)
	for _, status := range documentedStatuses[1:] {
		for _, withBody := range []bool{true, false} {
			t.Run(fmt.Sprintf("%d body=%v", status, withBody), func(t *testing.T) {
				msg := fmt.Sprintf("message for %d", status)
				body := fmt.Sprintf(`{"error": %q}`, msg)
				if !withBody {
					body = ""
				}
				if err := validateResponse(o, status, "req-"+fmt.Sprint(status), []byte(body)); withBody && err != nil {
					t.Fatalf("the test's response does not match the spec: %v", err)
				}
				api := setup(t, func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("X-Request-Id", "req-"+fmt.Sprint(status))
					if withBody {
						w.Header().Set("Content-Type", "application/json")
					}
					w.WriteHeader(status)
					fmt.Fprint(w, body)
				}, noRetries)
				err := api.DisconnectAccount(context.Background(), "acct-1")
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %T %v is not *Error", err, err)
				}
				wantMsg := msg
				if !withBody {
					wantMsg = ""
				}
				if e.StatusCode != status || e.Message != wantMsg || e.RequestID != "req-"+fmt.Sprint(status) ||
					e.Operation != "disconnectAccount" || e.Method != "DELETE" || e.Path != "/accounts/acct-1" ||
					e.Attempts != 1 || string(e.Body) != body {
					t.Errorf("error %+v", e)
				}
				text := err.Error()
				if !strings.Contains(text, fmt.Sprint(status)) || !strings.Contains(text, "req-"+fmt.Sprint(status)) {
					t.Errorf("message %q lacks the status or the request id", text)
				}
				if withBody && !strings.Contains(text, msg) {
					t.Errorf("message %q lacks Moov's message", text)
				}
				if !withBody && !strings.Contains(text, "(empty body)") {
					t.Errorf("message %q does not say the body is empty", text)
				}
				for _, s := range all {
					if want := sentinels[status] == s; errors.Is(err, s) != want {
						t.Errorf("errors.Is(%v) = %v", s, !want)
					}
				}
			})
		}
	}
}

func TestErrorBodyThatIsNotMoovJSON(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html><h1>502 Bad Gateway</h1></html>")
	}, noRetries)
	err := api.DisconnectAccount(context.Background(), "acct-1")
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 502 || e.Message != "" || !errors.Is(err, ErrServerError) {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(err.Error(), "502 Bad Gateway</h1>") {
		t.Errorf("message %q lacks the body excerpt", err)
	}
}

func TestRetriesThenSucceeds(t *testing.T) {
	var calls atomic.Int32
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	if err := api.DisconnectAccount(context.Background(), "acct-1"); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 {
		t.Errorf("%d attempts, want 3", calls.Load())
	}
}

func TestRetriesExhausted(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.Header().Set("X-Request-Id", "req-last")
		w.WriteHeader(http.StatusGatewayTimeout)
		fmt.Fprint(w, `{"error": "downstream timed out"}`)
	}, WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 2}))
	err := api.DisconnectAccount(context.Background(), "acct-1")
	var e *Error
	if !errors.As(err, &e) || e.Attempts != 2 || e.StatusCode != 504 || e.Message != "downstream timed out" {
		t.Fatalf("error %#v", err)
	}
	if !strings.Contains(err.Error(), "after 2 attempts") {
		t.Errorf("message %q", err)
	}
}

func TestTransportError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	api, err := New(WithBearerToken(testToken), WithServerURL(url), noRetries)
	if err != nil {
		t.Fatal(err)
	}
	err = api.DisconnectAccount(context.Background(), "acct-1")
	var te *TransportError
	if !errors.As(err, &te) || te.Operation != "disconnectAccount" || te.Attempts != 1 {
		t.Fatalf("error %T %v", err, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := api.DisconnectAccount(ctx, "acct-1"); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled call: %v", err)
	}
}

func TestTimeout(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		w.WriteHeader(http.StatusNoContent)
	}, WithTimeout(50*time.Millisecond))
	if err := api.DisconnectAccount(context.Background(), "acct-1"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want a deadline", err)
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	for name, opts := range map[string][]Option{
		"no token":             nil,
		"empty token":          {WithBearerToken(" ")},
		"token with a newline": {WithBearerToken("a\nb")},
		"http server":          {WithBearerToken("t"), WithServerURL("http://api.moov.io")},
		"server with userinfo": {WithBearerToken("t"), WithServerURL("https://u:p@api.moov.io")},
		"relative server":      {WithBearerToken("t"), WithServerURL("/accounts")},
		"nil option":           {WithBearerToken("t"), nil},
		"nil client":           {WithBearerToken("t"), WithHTTPClientConfig(nil)},
		"nil doer":             {WithBearerToken("t"), WithDoer(nil)},
		"nil logger":           {WithBearerToken("t"), WithLogger(nil)},
		"zero timeout":         {WithBearerToken("t"), WithTimeout(0)},
		"negative attempts":    {WithBearerToken("t"), WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: -1})},
		"user agent newline":   {WithBearerToken("t"), WithUserAgent("a\r\nb")},
	} {
		if _, err := New(opts...); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	api, err := New(WithBearerToken("t"))
	if err != nil || api.ServerURL() != DefaultServerURL {
		t.Errorf("default server %v %v", api, err)
	}
}

// TestTokenNeverPrinted prints the API, its settings, errors and logs every way fmt can, and
// requires the token to appear nowhere.
func TestTokenNeverPrinted(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, `{"error": "unavailable"}`)
	}, WithLogger(logger), WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 2}))
	err := api.DisconnectAccount(context.Background(), "acct-1")
	if err == nil {
		t.Fatal("no error")
	}
	var s settings
	if err := WithBearerToken(testToken)(&s); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, v := range []any{api, *api, s, err} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			fmt.Fprintf(&out, verb+"\n", v)
		}
	}
	logger.Info("api", "api", api, "settings", s)
	out.WriteString(logs.String())
	if strings.Contains(out.String(), testToken) || strings.Contains(fmt.Sprintf("%x", out.String()), fmt.Sprintf("%x", testToken)) {
		t.Fatalf("the token was printed:\n%s", out.String())
	}
	if !strings.Contains(logs.String(), "moov request") || !strings.Contains(logs.String(), "retried") {
		t.Errorf("logs lack the request and the retry:\n%s", logs.String())
	}
}
