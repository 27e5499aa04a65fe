package nexus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

const testToken = "CWforZl1Vn2vC_v6H4rnQRT1DoWpDouJAV-test"

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// noRetries turns retries off, so that error statuses come back after one attempt.
var noRetries = WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 1})

// setup starts a test server answering with h and returns an API that calls it.
func setup(t *testing.T, h http.HandlerFunc, opts ...Option) *API {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	api, err := New(append([]Option{WithSessionToken(testToken), WithServerURL(srv.URL)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// readBody reads a request body in a test handler.
func readBody(t *testing.T, r *http.Request) []byte {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Error(err)
	}
	return b
}

func checkHeaders(t *testing.T, r *http.Request, token string) {
	t.Helper()
	if got := r.Header.Get("MD-SESSION-TOKEN"); got != token {
		t.Errorf("MD-SESSION-TOKEN %q", got)
	}
	if got := r.Header.Get("Accept"); got != mediaType {
		t.Errorf("Accept %q", got)
	}
	if r.Header.Get("Authorization") != "" {
		t.Error("an Authorization header was sent")
	}
}

func TestBlockAccount(t *testing.T) {
	for name, tc := range map[string]struct {
		opts *BlockOptions
		skip bool
	}{
		"nil options":  {nil, false},
		"no skip":      {&BlockOptions{}, false},
		"skip webhook": {&BlockOptions{SkipWebhook: true}, true},
	} {
		t.Run(name, func(t *testing.T) {
			var calls atomic.Int32
			api := setup(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				validateRequest(t, r, nil)
				checkHeaders(t, r, testToken)
				if r.Method != http.MethodPut || r.URL.Path != blockPath(t, "ACT-8e6f92c8") {
					t.Errorf("request %s %s", r.Method, r.URL.Path)
				}
				header, query := r.Header.Get("MX-Skip-Webhook"), r.URL.Query().Get("skip_webhook")
				if tc.skip && (header != "true" || query != "true") {
					t.Errorf("skip: header %q, query %q", header, query)
				}
				if !tc.skip && (header != "" || r.URL.RawQuery != "") {
					t.Errorf("no skip: header %q, query %q", header, r.URL.RawQuery)
				}
				w.WriteHeader(http.StatusOK)
			})
			if err := api.BlockAccount(context.Background(), "ACT-8e6f92c8", tc.opts); err != nil {
				t.Fatal(err)
			}
			if calls.Load() != 1 {
				t.Errorf("%d requests", calls.Load())
			}
		})
	}
}

func TestBlockAccountEscapesTheGUID(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if want := blockPath(t, "..%2Fmerge%3Fx=1"); r.URL.EscapedPath() != want {
			t.Errorf("path %q, want %q", r.URL.EscapedPath(), want)
		}
	})
	if err := api.BlockAccount(context.Background(), "../merge?x=1", nil); err != nil {
		t.Fatal(err)
	}
}

func TestBlockManualAccount(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", mediaType)
		w.Header().Set("X-Request-Id", "req-7")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error": {"code": 4000, "message": "Manually created accounts cannot be blocked"}}`)
	}, noRetries)
	err := api.BlockAccount(context.Background(), "ACT-manual", nil)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %v", err, err)
	}
	if e.StatusCode != 400 || e.Code != 4000 || e.Message != manualAccountMessage || e.RequestID != "req-7" || e.Operation != opBlockAccount {
		t.Errorf("error %+v", e)
	}
	if !errors.Is(err, ErrManualAccount) || !errors.Is(err, mxplatform.ErrBadRequest) || errors.Is(err, ErrSessionExpired) {
		t.Errorf("sentinels of %v", err)
	}
	if !strings.Contains(err.Error(), manualAccountMessage) || !strings.Contains(err.Error(), "400") {
		t.Errorf("message %q", err)
	}

	// Another 400, or the same message for another operation, is not ErrManualAccount.
	other := &Error{Operation: opBlockAccount, StatusCode: 400, Message: "Required params missing."}
	merge := &Error{Operation: opMergeAccounts, StatusCode: 400, Message: manualAccountMessage}
	if errors.Is(other, ErrManualAccount) || errors.Is(merge, ErrManualAccount) {
		t.Error("ErrManualAccount matched too much")
	}
}

func TestExpiredSessionToken(t *testing.T) {
	for name, body := range map[string]string{
		"nested":         `{"error": {"code": 4011, "message": "Session expired.", "status": "unauthorized"}}`,
		"nested string":  `{"error": {"code": "4011", "message": "Session expired."}}`,
		"top level":      `{"code": 4011, "message": "Session expired."}`,
		"top level text": `{"code": "4011", "message": "Session expired."}`,
	} {
		t.Run(name, func(t *testing.T) {
			api := setup(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", mediaType)
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprint(w, body)
			})
			_, err := api.MergeAccounts(context.Background(), []mxplatform.AccountGUID{"ACT-1", "ACT-2"})
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeSessionExpired || e.Message != "Session expired." || e.Attempts != 1 {
				t.Fatalf("error %#v", err)
			}
			if !errors.Is(err, ErrSessionExpired) || !errors.Is(err, mxplatform.ErrUnauthorized) {
				t.Errorf("sentinels of %v", err)
			}
			if !strings.Contains(err.Error(), "code 4011") || strings.Contains(err.Error(), testToken) {
				t.Errorf("message %q", err)
			}
		})
	}
	// A 401 without code 4011 is unauthorized, not expired.
	e := &Error{StatusCode: 401, Code: 4010}
	if errors.Is(e, ErrSessionExpired) || !errors.Is(e, mxplatform.ErrUnauthorized) {
		t.Error("a 401 of another code matched ErrSessionExpired")
	}
}

func TestErrorStatuses(t *testing.T) {
	sentinels := map[int]error{
		400: mxplatform.ErrBadRequest, 401: mxplatform.ErrUnauthorized, 403: mxplatform.ErrForbidden,
		404: mxplatform.ErrNotFound, 406: mxplatform.ErrNotAcceptable, 409: mxplatform.ErrConflict,
		422: mxplatform.ErrUnprocessable, 429: mxplatform.ErrRateLimited, 500: mxplatform.ErrServerError,
		503: mxplatform.ErrServerError,
	}
	all := []error{mxplatform.ErrBadRequest, mxplatform.ErrUnauthorized, mxplatform.ErrForbidden, mxplatform.ErrNotFound,
		mxplatform.ErrNotAcceptable, mxplatform.ErrConflict, mxplatform.ErrUnprocessable, mxplatform.ErrRateLimited,
		mxplatform.ErrServerError, ErrSessionExpired, ErrManualAccount}
	for status, want := range sentinels {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			msg := fmt.Sprintf("message %d", status)
			api := setup(t, func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(status)
				fmt.Fprintf(w, `{"error": {"code": %d9, "message": %q}}`, status, msg)
			}, noRetries)
			_, err := api.MergeAccounts(context.Background(), []mxplatform.AccountGUID{"ACT-1", "ACT-2"})
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != status || e.Message != msg || e.Path != "/accounts/merge" || e.Method != "PUT" {
				t.Fatalf("error %v", err)
			}
			for _, s := range all {
				if errors.Is(err, s) != (s == want) {
					t.Errorf("errors.Is(%v) = %v", s, s != want)
				}
			}
		})
	}
}

func TestMergeAccounts(t *testing.T) {
	fixture, err := os.ReadFile(filepath.Join(fixturesDir, "mergeAccounts", "200.json"))
	if err != nil {
		t.Fatal(err)
	}
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		body := readBody(t, r)
		validateRequest(t, r, body)
		checkHeaders(t, r, testToken)
		if r.Method != http.MethodPut || r.URL.Path != "/accounts/merge" || r.Header.Get("Content-Type") != mediaType {
			t.Errorf("request %s %s %s", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		if want := `{"accounts":["ACT-15f3a4de","ACT-33fe5ab2"]}`; string(body) != want {
			t.Errorf("body %s, want %s", body, want)
		}
		w.Header().Set("Content-Type", mediaType+"; charset=utf-8")
		_, _ = w.Write(fixture)
	})
	acct, err := api.MergeAccounts(context.Background(), []mxplatform.AccountGUID{"ACT-15f3a4de", "ACT-33fe5ab2"})
	if err != nil {
		t.Fatal(err)
	}
	if acct.GUID != "ACT-8e6f92c8-1491-42ce-8bf6-c309e9531530" || !acct.AvailableBalance.Value().Equal(mxplatform.MustDecimal("500000")) ||
		acct.FeedPaymentDueAt != "2021-05-12T16:01:00+00:00" {
		t.Errorf("account %+v", acct)
	}
}

// TestMergeAccountsChecksBeforeSending: the reference's rule of exactly two accounts, checked
// without a request.
func TestMergeAccountsChecksBeforeSending(t *testing.T) {
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("a request was sent")
	})
	for name, guids := range map[string][]mxplatform.AccountGUID{
		"none":           nil,
		"one":            {"ACT-1"},
		"three":          {"ACT-1", "ACT-2", "ACT-3"},
		"the same twice": {"ACT-1", "ACT-1"},
		"an empty GUID":  {"ACT-1", " "},
	} {
		acct, err := api.MergeAccounts(context.Background(), guids)
		if !errors.Is(err, ErrInvalidArgument) || acct != nil {
			t.Errorf("%s: %v, %v", name, acct, err)
		}
	}
	if err := api.BlockAccount(context.Background(), "", nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("empty block GUID: %v", err)
	}
}

func TestMergeAccountsBadResponses(t *testing.T) {
	for name, body := range map[string]string{
		"not json":      `<html>ok</html>`,
		"no account":    `{}`,
		"wrong type":    `{"account": {"guid": "ACT-1", "balance": "a lot"}}`,
		"null account":  `{"account": null}`,
		"account array": `{"account": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			api := setup(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
			acct, err := api.MergeAccounts(context.Background(), []mxplatform.AccountGUID{"ACT-1", "ACT-2"})
			var de *DecodeError
			if !errors.As(err, &de) || de.StatusCode != 200 || de.Operation != opMergeAccounts || acct != nil {
				t.Errorf("%v, %v", acct, err)
			}
		})
	}
}

// TestRetries: block is retried after a 502; merge is not (it may have been applied), but is
// after a 503, which MX answers without taking the request.
func TestRetries(t *testing.T) {
	for name, tc := range map[string]struct {
		merge    bool
		status   int
		attempts int32
		unknown  bool // the error says the request may have been applied
	}{
		"block 502": {false, 502, 3, true},
		"block 503": {false, 503, 3, false},
		"merge 502": {true, 502, 1, true},
		"merge 504": {true, 504, 1, true},
		"merge 503": {true, 503, 3, false},
		"merge 429": {true, 429, 3, false},
	} {
		t.Run(name, func(t *testing.T) {
			var calls atomic.Int32
			api := setup(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(tc.status)
			}, WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 3}))
			var err error
			if tc.merge {
				_, err = api.MergeAccounts(context.Background(), []mxplatform.AccountGUID{"ACT-1", "ACT-2"})
			} else {
				err = api.BlockAccount(context.Background(), "ACT-1", nil)
			}
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != tc.status || e.Attempts != int(tc.attempts) {
				t.Fatalf("error %v", err)
			}
			if calls.Load() != tc.attempts {
				t.Errorf("%d attempts, want %d", calls.Load(), tc.attempts)
			}
			if got := errors.Is(err, mxplatform.ErrOutcomeUnknown); got != tc.unknown {
				t.Errorf("errors.Is(ErrOutcomeUnknown) = %v: %v", got, err)
			}
		})
	}
}

func TestMergeNotRetriedAfterANetworkError(t *testing.T) {
	var calls atomic.Int32
	failing := doerFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, errors.New("connection reset by peer")
	})
	api, err := New(WithSessionToken(testToken), WithDoer(failing))
	if err != nil {
		t.Fatal(err)
	}
	_, err = api.MergeAccounts(context.Background(), []mxplatform.AccountGUID{"ACT-1", "ACT-2"})
	var te *TransportError
	if !errors.As(err, &te) || calls.Load() != 1 || te.Attempts != 1 || !errors.Is(err, mxplatform.ErrOutcomeUnknown) {
		t.Errorf("merge: %v after %d attempts", err, calls.Load())
	}
	calls.Store(0)
	api, err = New(WithSessionToken(testToken), WithDoer(failing), WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 2, Backoff: func(int, *http.Response) time.Duration { return 0 }}))
	if err != nil {
		t.Fatal(err)
	}
	if err := api.BlockAccount(context.Background(), "ACT-1", nil); !errors.As(err, &te) || calls.Load() != 2 || te.Attempts != 2 {
		t.Errorf("block: %v after %d attempts", err, calls.Load())
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestTokenSource(t *testing.T) {
	type userKey struct{}
	tokens := map[string]string{"alice": "token-alice", "bob": "token-bob"}
	var sourceCalls atomic.Int32
	src := func(ctx context.Context) (string, error) {
		sourceCalls.Add(1)
		user, _ := ctx.Value(userKey{}).(string)
		if tok, ok := tokens[user]; ok {
			return tok, nil
		}
		if user == "blank" {
			return "", nil
		}
		return "", fmt.Errorf("no session for %q", user)
	}
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Header.Get("MD-SESSION-TOKEN"))
	}))
	defer srv.Close()
	api, err := New(WithSessionToken("fixed"), WithSessionTokenSource(src), WithServerURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{"alice", "bob"} {
		if err := api.BlockAccount(context.WithValue(context.Background(), userKey{}, user), "ACT-1", nil); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Join(seen, ",") != "token-alice,token-bob" {
		t.Errorf("tokens sent %v", seen)
	}
	for _, user := range []string{"mallory", "blank"} {
		err := api.BlockAccount(context.WithValue(context.Background(), userKey{}, user), "ACT-1", nil)
		if err == nil || len(seen) != 2 {
			t.Errorf("%s: %v, %d requests", user, err, len(seen))
		}
	}
	if sourceCalls.Load() != 4 {
		t.Errorf("source called %d times", sourceCalls.Load())
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	for name, opts := range map[string][]Option{
		"no token":             nil,
		"empty token":          {WithSessionToken("")},
		"token with a newline": {WithSessionToken("a\r\nb")},
		"nil source":           {WithSessionTokenSource(nil)},
		"http server":          {WithSessionToken("t"), WithServerURL("http://int-data.moneydesktop.com")},
		"nil option":           {WithSessionToken("t"), nil},
		"nil client":           {WithSessionToken("t"), WithHTTPClientConfig(nil)},
		"nil doer":             {WithSessionToken("t"), WithDoer(nil)},
		"nil logger":           {WithSessionToken("t"), WithLogger(nil)},
		"zero timeout":         {WithSessionToken("t"), WithTimeout(-1)},
		"negative attempts":    {WithSessionToken("t"), WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: -1})},
		"user agent newline":   {WithSessionToken("t"), WithUserAgent("a\nb")},
	} {
		if _, err := New(opts...); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	api, err := New(WithSessionToken("t"))
	if err != nil || api.ServerURL() != DefaultServerURL {
		t.Errorf("default server %v %v", api, err)
	}
}

// TestSessionTokenNeverPrinted prints the API, its settings, errors and logs every way fmt can,
// and requires the token to appear nowhere.
func TestSessionTokenNeverPrinted(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	api := setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusServiceUnavailable)
	}, WithLogger(logger), WithRetryPolicy(mxplatform.RetryPolicy{MaxAttempts: 2}))
	err := api.BlockAccount(context.Background(), "ACT-1", nil)
	if err == nil {
		t.Fatal("no error")
	}
	var s settings
	if err := WithSessionToken(testToken)(&s); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, v := range []any{api, *api, s, err} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			fmt.Fprintf(&out, verb+"\n", v)
		}
	}
	logger.Info("api", "api", api, "settings", s)
	out.WriteString(logs.String())
	if strings.Contains(out.String(), testToken) {
		t.Fatalf("the token was printed:\n%s", out.String())
	}
	if !strings.Contains(logs.String(), "nexus request") || !strings.Contains(logs.String(), "retried") {
		t.Errorf("logs lack the request and the retry:\n%s", logs.String())
	}
}
