package mxplatform

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fastRetries retries with the default policy without waiting, recording each pause the retry
// layer would have made.
func fastRetries(waits *[]time.Duration) Option {
	var mu sync.Mutex
	return func(s *settings) error {
		s.retrySleep = func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			defer mu.Unlock()
			if waits != nil {
				*waits = append(*waits, d)
			}
			return ctx.Err()
		}
		return nil
	}
}

// script answers the requests of a test in turn with the given handlers; the last one repeats.
type script struct {
	mu       sync.Mutex
	steps    []http.HandlerFunc
	requests []string // bodies received
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body)) // for the step to read again
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, string(body))
	step := s.steps[min(n, len(s.steps)-1)]
	s.mu.Unlock()
	step(w, r)
}

func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func status(code int, header ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		fmt.Fprintf(w, `{"error": {"message": "status %d"}}`, code)
	}
}

func fixtureAnswer(t *testing.T, op, name string) http.HandlerFunc {
	body := readFixture(t, op, name)
	return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) }
}

// reset closes the connection without answering.
func reset(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestRetryAfterInSecondsAndAsDate(t *testing.T) {
	date := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	for name, header := range map[string]string{"seconds": "7", "date": date} {
		t.Run(name, func(t *testing.T) {
			s := &script{steps: []http.HandlerFunc{status(429, "Retry-After", header), fixtureAnswer(t, "readAccount", "200.json")}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			var waits []time.Duration
			acct, err := newTestAPI(t, srv.URL, fastRetries(&waits)).ReadAccount(context.Background(), docUser, docAccount)
			if err != nil || acct.GUID == "" {
				t.Fatal(err)
			}
			if s.count() != 2 || len(waits) != 1 {
				t.Fatalf("%d requests, waits %v", s.count(), waits)
			}
			switch name {
			case "seconds":
				if waits[0] != 7*time.Second {
					t.Errorf("wait %v, want 7s", waits[0])
				}
			case "date":
				if waits[0] < 28*time.Second || waits[0] > 30*time.Second {
					t.Errorf("wait %v, want about 30s", waits[0])
				}
			}
		})
	}
}

func TestRetryAfterLongerThanTheCapIsNotAwaited(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(429, "Retry-After", "7200")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	start := time.Now()
	_, err := newTestAPI(t, srv.URL).ReadAccount(context.Background(), docUser, docAccount)
	if !errors.Is(err, ErrRateLimited) || s.count() != 1 || time.Since(start) > 5*time.Second {
		t.Fatalf("%v after %d requests", err, s.count())
	}
}

func TestServiceUnavailableBurstThenSuccess(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(503), status(503), fixtureAnswer(t, "readAccount", "200.json")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var waits []time.Duration
	acct, err := newTestAPI(t, srv.URL, fastRetries(&waits)).ReadAccount(context.Background(), docUser, docAccount)
	if err != nil {
		t.Fatal(err)
	}
	if acct.GUID != docAccount || s.count() != 3 {
		t.Errorf("%d requests", s.count())
	}
	// Exponential with jitter: the second wait is drawn from a range twice as high.
	if waits[0] < 250*time.Millisecond || waits[0] > 500*time.Millisecond || waits[1] < 500*time.Millisecond || waits[1] > time.Second {
		t.Errorf("waits %v", waits)
	}
}

func TestRetriesGiveUpWithTheLastError(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(502)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL, fastRetries(nil)).ReadAccount(context.Background(), docUser, docAccount)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 502 || e.Attempts != 4 || s.count() != 4 {
		t.Fatalf("%v after %d requests", err, s.count())
	}
	if !strings.Contains(err.Error(), "after 4 attempts") {
		t.Errorf("%q", err)
	}
}

func TestConnectionResetThenSuccess(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{reset, fixtureAnswer(t, "readAccount", "200.json")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	acct, err := newTestAPI(t, srv.URL, fastRetries(nil)).ReadAccount(context.Background(), docUser, docAccount)
	if err != nil || acct.GUID != docAccount {
		t.Fatal(err)
	}
	if s.count() < 2 {
		t.Errorf("%d requests", s.count())
	}
}

// truncated answers the 200 fixture of an operation with its full Content-Length but half
// of its body, then closes the connection.
func truncated(t *testing.T, op string) http.HandlerFunc {
	body := readFixture(t, op, "200.json")
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body[:len(body)/2])
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}
}

func TestBodyCutOffIsRetriedWhenRepeatable(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{truncated(t, "readAccount"), fixtureAnswer(t, "readAccount", "200.json")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	acct, err := newTestAPI(t, srv.URL, fastRetries(nil)).ReadAccount(context.Background(), docUser, docAccount)
	if err != nil || acct.GUID != docAccount || s.count() != 2 {
		t.Fatalf("%v after %d requests", err, s.count())
	}

	// Every attempt cut off: the last one's error, after the whole budget.
	s = &script{steps: []http.HandlerFunc{truncated(t, "readAccount")}}
	srv2 := httptest.NewServer(s)
	defer srv2.Close()
	_, err = newTestAPI(t, srv2.URL, fastRetries(nil)).ReadAccount(context.Background(), docUser, docAccount)
	var te *TransportError
	if !errors.As(err, &te) || !errors.Is(err, io.ErrUnexpectedEOF) || te.Attempts != 4 || s.count() != 4 {
		t.Fatalf("%v after %d requests", err, s.count())
	}
}

func TestBodyCutOffIsNotRetriedWhenNotRepeatable(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{truncated(t, "createUser"), fixtureAnswer(t, "createUser", "200.json")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL, fastRetries(nil)).CreateUser(context.Background(), UserCreateRequest{})
	var te *TransportError
	if !errors.As(err, &te) || !errors.Is(err, io.ErrUnexpectedEOF) || te.Attempts != 1 || s.count() != 1 {
		t.Fatalf("%v after %d requests", err, s.count())
	}
}

func TestDeleteFindingNothingAfterALostAnswerSucceeds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first http.HandlerFunc
		ok    bool
	}{
		{"after a 504", status(504), true},
		{"after a reset", reset, true},
		{"after a 429", status(429, "Retry-After", "0"), false}, // refused: the 404 stands
		{"after a 503", status(503), false},                     // nothing applied either
		{"at once", status(404), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &script{steps: []http.HandlerFunc{tc.first, status(404)}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			err := newTestAPI(t, srv.URL, fastRetries(nil)).DeleteMember(context.Background(), docUser, docMember)
			if tc.ok && err != nil {
				t.Fatalf("%v after %d requests", err, s.count())
			}
			if !tc.ok && !errors.Is(err, ErrNotFound) {
				t.Fatalf("%v after %d requests, want ErrNotFound", err, s.count())
			}
		})
	}
	// Only deletes: a read that finds nothing after a 504 is not found.
	s := &script{steps: []http.HandlerFunc{status(504), status(404)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	if _, err := newTestAPI(t, srv.URL, fastRetries(nil)).ReadMember(context.Background(), docUser, docMember); !errors.Is(err, ErrNotFound) || s.count() != 2 {
		t.Fatalf("readMember: %v after %d requests", err, s.count())
	}
}

func TestNetworkErrorWhenEveryAttemptFails(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{reset}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL, fastRetries(nil)).ReadAccount(context.Background(), docUser, docAccount)
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 4 || te.Operation != "readAccount" {
		t.Fatalf("%T %v", err, err)
	}
}

func TestSafePostsAndPutsAreRetriedWithTheirBody(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(503), fixtureAnswer(t, "updateTransaction", "200.json")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	a := newTestAPI(t, srv.URL, fastRetries(nil))
	if _, err := a.UpdateTransaction(context.Background(), docUser, docTransaction, TransactionUpdateRequest{Description: "replayed"}); err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 || s.requests[0] != s.requests[1] || !strings.Contains(s.requests[1], "replayed") {
		t.Fatalf("bodies %q", s.requests)
	}

	s2 := &script{steps: []http.HandlerFunc{status(504), fixtureAnswer(t, "requestWidgetURL", "200.json")}}
	srv2 := httptest.NewServer(s2)
	defer srv2.Close()
	w, err := newTestAPI(t, srv2.URL, fastRetries(nil)).RequestWidgetURL(context.Background(), docUser, WidgetRequest{WidgetType: WidgetTypeConnect})
	if err != nil || w.URL == "" || s2.count() != 2 || s2.requests[0] != s2.requests[1] {
		t.Fatalf("%v after %d requests", err, s2.count())
	}
}

func TestInternalServerErrorIsNotRetried(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(500)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL, fastRetries(nil)).ReadAccount(context.Background(), docUser, docAccount)
	if !errors.Is(err, ErrServerError) || s.count() != 1 {
		t.Fatalf("%v after %d requests", err, s.count())
	}
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(503, "Retry-After", "30")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := newTestAPI(t, srv.URL).ReadAccount(ctx, docUser, docAccount)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%T %v", err, err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("returned after %v", elapsed)
	}
	if s.count() != 1 {
		t.Errorf("%d requests", s.count())
	}
}

func TestTimeoutBoundsTheCall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	start := time.Now()
	_, err := newTestAPI(t, srv.URL, WithTimeout(100*time.Millisecond)).ReadAccount(context.Background(), docUser, docAccount)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Fatalf("%v after %v", err, time.Since(start))
	}
}

func TestDefaultTransportRefusesOldTLS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{MaxVersion: tls.VersionTLS11}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	defer srv.Close()
	tr := DefaultTransport()
	if tr.TLSClientConfig.MinVersion != tls.VersionTLS12 {
		t.Fatalf("MinVersion %x", tr.TLSClientConfig.MinVersion)
	}
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	tr.TLSClientConfig.RootCAs = pool
	if _, err := (&http.Client{Transport: tr}).Get(srv.URL); err == nil {
		t.Fatal("TLS 1.1 handshake succeeded")
	}
}

// TestConcurrentCallsReuseConnections has 16 goroutines share an API: they keep their
// connections between calls instead of opening new ones. (A few more than one each may open:
// the transport returns a connection to its pool just after its body is read, so a goroutine's
// next call may find none idle. With Go's default of 2 idle connections per host, 800 calls
// open a hundred or more.)
func TestConcurrentCallsReuseConnections(t *testing.T) {
	const workers, calls = 16, 50
	var opened atomic.Int32
	srv := httptest.NewUnstartedServer(fixtureAnswer(t, "readAccount", "200.json"))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	a := newTestAPI(t, srv.URL)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range calls {
				if _, err := a.ReadAccount(context.Background(), docUser, docAccount); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := opened.Load(); n > 2*workers {
		t.Errorf("%d calls from %d goroutines opened %d connections, want about one each", workers*calls, workers, n)
	}
}

func TestCustomHTTPClientIsWrappedByRetries(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(503), fixtureAnswer(t, "readAccount", "200.json")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var used atomic.Int32
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	a := newTestAPI(t, srv.URL, WithHTTPClientConfig(&http.Client{Transport: base}), fastRetries(nil))
	if _, err := a.ReadAccount(context.Background(), docUser, docAccount); err != nil {
		t.Fatal(err)
	}
	if used.Load() != 2 {
		t.Errorf("custom transport used %d times", used.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestSecretsNeverAppear(t *testing.T) {
	const key = "API-KEY-4567"
	basic := base64.StdEncoding.EncodeToString([]byte("CLIENT-1234:" + key))
	s := &script{steps: []http.HandlerFunc{status(503), status(401), reset}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a := newTestAPI(t, srv.URL, WithLogger(logger), fastRetries(nil))

	var texts []string
	_, err1 := a.ReadAccount(context.Background(), docUser, docAccount) // 503 then 401
	_, err2 := a.ReadAccount(context.Background(), docUser, docAccount) // connection resets
	_, err3 := a.ReadAccount(context.Background(), docUser, docAccount)
	for _, err := range []error{err1, err2, err3} {
		if err == nil {
			t.Fatal("expected errors")
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
	}
	var settings settings
	_ = WithCredentials("CLIENT-1234", key)(&settings)
	texts = append(texts,
		fmt.Sprintf("%v %+v %#v %s", a, a, a, a),
		fmt.Sprintf("%v %+v %#v", *a, *a, *a),
		fmt.Sprintf("%v %+v %#v", settings, settings, settings),
		logs.String(),
	)
	logger.Info("settings", "s", settings.apiKey)
	texts = append(texts, logs.String())
	for _, text := range texts {
		if strings.Contains(text, key) || strings.Contains(text, basic) {
			t.Errorf("secret in %q", text)
		}
	}
	if !strings.Contains(logs.String(), "mx request retried") || !strings.Contains(logs.String(), "readAccount") {
		t.Errorf("logs lack the retry: %s", logs.String())
	}
}

// TestNoWaitPastTheDeadline: a Retry-After longer than the time left before the context's
// deadline is not waited out; the 429 comes back at once instead of the deadline's error.
func TestNoWaitPastTheDeadline(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(429, "Retry-After", "30")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := newTestAPI(t, srv.URL).ReadAccount(ctx, docUser, docAccount)
	if !errors.Is(err, ErrRateLimited) || s.count() != 1 {
		t.Fatalf("%v after %d requests", err, s.count())
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("returned after %v", elapsed)
	}
}

// TestRetryAfterBeyondTheCapEndsTheRetries: however large, a Retry-After beyond MaxRetryAfter
// ends the retries at once (values beyond a time.Duration used to wrap around to a negative or
// short wait); a negative or unreadable one falls back to the backoff.
func TestRetryAfterBeyondTheCapEndsTheRetries(t *testing.T) {
	for _, v := range []string{"61", "7200", "9223372036", "9223372037", "18446744074", "99999999999999999999999999"} {
		s := &script{steps: []http.HandlerFunc{status(429, "Retry-After", v), fixtureAnswer(t, "readAccount", "200.json")}}
		srv := httptest.NewServer(s)
		var waits []time.Duration
		_, err := newTestAPI(t, srv.URL, fastRetries(&waits)).ReadAccount(context.Background(), docUser, docAccount)
		srv.Close()
		if !errors.Is(err, ErrRateLimited) || s.count() != 1 || len(waits) != 0 {
			t.Errorf("Retry-After %s: %v after %d requests, waits %v", v, err, s.count(), waits)
		}
		if d, ok := RetryAfter(&http.Response{Header: http.Header{"Retry-After": {v}}}, time.Now()); !ok || d <= time.Minute {
			t.Errorf("RetryAfter(%s) = %v, %v", v, d, ok)
		}
	}
	for _, v := range []string{"-5", "soon", "1.5", "+3"} {
		s := &script{steps: []http.HandlerFunc{status(429, "Retry-After", v), fixtureAnswer(t, "readAccount", "200.json")}}
		srv := httptest.NewServer(s)
		var waits []time.Duration
		_, err := newTestAPI(t, srv.URL, fastRetries(&waits)).ReadAccount(context.Background(), docUser, docAccount)
		srv.Close()
		if err != nil || s.count() != 2 || len(waits) != 1 || waits[0] < 250*time.Millisecond || waits[0] > 500*time.Millisecond {
			t.Errorf("Retry-After %q: %v after %d requests, waits %v; want the first backoff", v, err, s.count(), waits)
		}
	}
}

// TestRetryPolicyZeroFieldsTakeTheDefaults: a policy that sets only its Backoff is valid, keeps
// the default 4 attempts, and still waits out Retry-After, which is a floor whatever the
// backoff.
func TestRetryPolicyZeroFieldsTakeTheDefaults(t *testing.T) {
	s := &script{steps: []http.HandlerFunc{status(503), status(429, "Retry-After", "7"), status(503), status(503)}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	var waits []time.Duration
	quick := WithRetryPolicy(RetryPolicy{Backoff: func(int, *http.Response) time.Duration { return time.Millisecond }})
	record := fastRetries(&waits) // records the pauses instead of sleeping; the policy is quick's
	a, err := New(WithCredentials("CLIENT-1234", "API-KEY-4567"), WithServerURL(srv.URL), quick, record)
	if err != nil {
		t.Fatalf("a policy with only a Backoff: %v", err)
	}
	_, err = a.ReadAccount(context.Background(), docUser, docAccount)
	var e *Error
	if !errors.As(err, &e) || e.Attempts != 4 || s.count() != 4 {
		t.Fatalf("%v after %d requests, want 4 attempts", err, s.count())
	}
	if len(waits) != 3 || waits[0] != time.Millisecond || waits[1] != 7*time.Second || waits[2] != time.Millisecond {
		t.Errorf("waits %v, want 1ms, then Retry-After's 7s, then 1ms", waits)
	}
	if err := (RetryPolicy{}).Validate(); err != nil {
		t.Errorf("the zero policy: %v", err)
	}
}
