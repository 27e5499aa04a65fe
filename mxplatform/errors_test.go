package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// noRetries turns retries off, so that error statuses come back after one attempt.
var noRetries = WithRetryPolicy(RetryPolicy{MaxAttempts: 1})

func TestEveryDocumentedErrorStatus(t *testing.T) {
	sentinels := map[int]error{
		400: ErrBadRequest, 401: ErrUnauthorized, 403: ErrForbidden, 404: ErrNotFound, 406: ErrNotAcceptable,
		409: ErrConflict, 422: ErrUnprocessable, 429: ErrRateLimited, 500: ErrServerError, 502: ErrServerError,
		503: ErrServerError, 504: ErrServerError,
	}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrNotAcceptable, ErrConflict, ErrUnprocessable, ErrRateLimited, ErrServerError}
	for _, status := range []int{400, 401, 403, 404, 405, 406, 409, 422, 429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			msg := fmt.Sprintf("Message for %d.", status)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/vnd.mx.api.v1+json")
				w.Header().Set("X-Request-Id", "req-1")
				w.WriteHeader(status)
				fmt.Fprintf(w, `{"error": {"message": %q}}`, msg)
			}))
			defer srv.Close()
			_, err := newTestAPI(t, srv.URL, noRetries).ReadInstitution(context.Background(), "chase")
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not *Error", err, err)
			}
			if e.StatusCode != status || e.Message != msg || e.Operation != "readInstitution" || e.Method != "GET" ||
				e.Path != "/institutions/chase" || e.RequestID != "req-1" || e.Attempts != 1 || len(e.Body) == 0 {
				t.Errorf("error %+v", e)
			}
			if !strings.Contains(err.Error(), msg) || !strings.Contains(err.Error(), fmt.Sprint(status)) {
				t.Errorf("message %q lacks MX's message or the status", err)
			}
			for _, s := range all {
				if want := sentinels[status] == s; errors.Is(err, s) != want {
					t.Errorf("errors.Is(%v) = %v", s, !want)
				}
			}
		})
	}
}

func TestErrorBodiesThatAreNotMXJSON(t *testing.T) {
	for name, tc := range map[string]struct {
		status  int
		body    string
		excerpt string
	}{
		"html proxy page": {502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "<h1>502 Bad Gateway</h1>"},
		"empty":           {503, "", "empty body"},
		"truncated json":  {500, `{"error": {"message": "Somethi`, `{\"error\": {\"message\": \"Somethi`},
		"plain text":      {404, "no such route", "no such route"},
		"json not error":  {400, `{"errors": ["bad"]}`, `{\"errors\": [\"bad\"]}`},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			_, err := newTestAPI(t, srv.URL, noRetries).ReadMember(context.Background(), docUser, docMember)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T %v", err, err)
			}
			if e.StatusCode != tc.status || e.Message != "" || string(e.Body) != tc.body {
				t.Errorf("%+v", e)
			}
			if !strings.Contains(err.Error(), tc.excerpt) {
				t.Errorf("%q does not show %q", err, tc.excerpt)
			}
		})
	}
}

func TestErrorBodyIsBounded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		_, _ = w.Write([]byte(strings.Repeat("x", 1<<20)))
	}))
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL, noRetries).ReadMember(context.Background(), docUser, docMember)
	var e *Error
	if !errors.As(err, &e) || len(e.Body) != maxErrorBody || len(err.Error()) > 600 {
		t.Fatalf("body of %d bytes, message of %d", len(e.Body), len(err.Error()))
	}
}

func TestSuccessBodiesThatDoNotDecode(t *testing.T) {
	for name, body := range map[string]string{
		"html":            "<html>maintenance</html>",
		"empty":           "",
		"truncated":       `{"account": {"guid": "ACT-1"`,
		"wrong type":      `{"account": {"balance": "lots"}}`,
		"missing account": `{"accounts": []}`,
		"null account":    `{"account": null}`,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			acct, err := newTestAPI(t, srv.URL).ReadAccount(context.Background(), docUser, docAccount)
			var e *DecodeError
			if !errors.As(err, &e) || acct != nil {
				t.Fatalf("got %v, %T %v", acct, err, err)
			}
			if e.Operation != "readAccount" || e.StatusCode != 200 || !strings.Contains(err.Error(), "readAccount") {
				t.Errorf("%+v", e)
			}
			if name == "wrong type" && !strings.Contains(err.Error(), "account.balance") {
				t.Errorf("%q does not name the field", err)
			}
		})
	}
	// A list without its pagination is an error too, not a page that looks empty.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"members": []}`))
	}))
	defer srv.Close()
	if _, err := newTestAPI(t, srv.URL).ListMembers(context.Background(), docUser, nil); !strings.Contains(fmt.Sprint(err), `"pagination"`) {
		t.Errorf("missing pagination: %v", err)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	_, err := newTestAPI(t, srv.URL).CreateUser(context.Background(), UserCreateRequest{})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusFound {
		t.Fatalf("%v", err)
	}
}

func TestDeleteAnsweredWithAPageIsNotASuccess(t *testing.T) {
	page := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body>Welcome to the guest network</body></html>")
	}
	for name, answer := range map[string]http.HandlerFunc{
		"204":         func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) },
		"empty 200":   func(w http.ResponseWriter, r *http.Request) {},
		"JSON 200":    func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "{}") },
		"HTML 200":    page,
		"HTML 202":    func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(202); page(w, r) },
		"garbage 200": func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "{\"member\": ") },
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(answer)
			defer srv.Close()
			err := newTestAPI(t, srv.URL).DeleteUser(context.Background(), docUser)
			var de *DecodeError
			switch {
			case strings.Contains(name, "HTML") || strings.Contains(name, "garbage"):
				if !errors.As(err, &de) || de.Operation != "deleteUser" {
					t.Fatalf("%v, want a *DecodeError", err)
				}
			case err != nil:
				t.Fatal(err)
			}
		})
	}
}
